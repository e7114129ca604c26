//! What every decomposition shares: NumPy's argument checks and result dtypes, faer views of
//! each matrix of a stack (no copy when the dtype already matches), and the choice of faer's
//! parallelism.

use crate::array::Array;
use crate::dtype::{DType, Element};
use crate::error::{Error, Result};
use crate::{Complex32, Complex64};
use faer::traits::ComplexField;
use faer::{MatMut, MatRef, Par};
use smallvec::SmallVec;
use std::ptr::NonNull;

/// The four element types LAPACK (and so `numpy.linalg`) computes in.
pub trait Field: ComplexField<Real = Self::R> + Element {
    /// The real type of the same precision.
    type R: Field<R = Self::R> + faer::traits::RealField;
    const COMPLEX: bool;
    fn c64(self) -> Complex64;
    /// The real part only, for real types.
    fn from_c64(z: Complex64) -> Self;
    fn re_of(z: Complex64) -> Self::R;
    fn rdtype() -> DType {
        <Self::R as Element>::DTYPE
    }
}

impl Field for f32 {
    type R = f32;
    const COMPLEX: bool = false;
    fn c64(self) -> Complex64 {
        Complex64::new(self as f64, 0.0)
    }
    fn from_c64(z: Complex64) -> Self {
        z.re as f32
    }
    fn re_of(z: Complex64) -> f32 {
        z.re as f32
    }
}
impl Field for f64 {
    type R = f64;
    const COMPLEX: bool = false;
    fn c64(self) -> Complex64 {
        Complex64::new(self, 0.0)
    }
    fn from_c64(z: Complex64) -> Self {
        z.re
    }
    fn re_of(z: Complex64) -> f64 {
        z.re
    }
}
impl Field for Complex32 {
    type R = f32;
    const COMPLEX: bool = true;
    fn c64(self) -> Complex64 {
        Complex64::new(self.re as f64, self.im as f64)
    }
    fn from_c64(z: Complex64) -> Self {
        Complex32::new(z.re as f32, z.im as f32)
    }
    fn re_of(z: Complex64) -> f32 {
        z.re as f32
    }
}
impl Field for Complex64 {
    type R = f64;
    const COMPLEX: bool = true;
    fn c64(self) -> Complex64 {
        self
    }
    fn from_c64(z: Complex64) -> Self {
        z
    }
    fn re_of(z: Complex64) -> f64 {
        z.re
    }
}

/// Calls `$f::<T>` with `T` the `Field` of the compute dtype `$dt`.
#[macro_export]
#[doc(hidden)]
macro_rules! with_field {
    ($dt:expr, $T:ident => $body:expr) => {
        match $dt {
            $crate::dtype::DType::F32 => {
                type $T = f32;
                $body
            }
            $crate::dtype::DType::C64 => {
                type $T = $crate::Complex32;
                $body
            }
            $crate::dtype::DType::C128 => {
                type $T = $crate::Complex64;
                $body
            }
            _ => {
                type $T = f64;
                $body
            }
        }
    };
}

/// `_assert_stacked_2d`.
pub fn check_2d(a: &Array) -> Result<()> {
    if a.ndim() < 2 {
        return Err(Error::linalg(format!(
            "{}-dimensional array given. Array must be at least two-dimensional",
            a.ndim()
        )));
    }
    Ok(())
}

/// `_assert_stacked_square`.
pub fn check_square(a: &Array) -> Result<()> {
    check_2d(a)?;
    let (m, n) = dims(a);
    if m != n {
        return Err(Error::linalg(
            "Last 2 dimensions of the array must be square",
        ));
    }
    Ok(())
}

/// `_commonType`: complex if any input is, single precision only if every inexact input is
/// and no input is an integer or bool; float16 is refused.
pub fn common_dtype(dts: &[DType]) -> Result<DType> {
    let mut double = false;
    let mut complex = false;
    for &d in dts {
        match d {
            DType::F16 => return Err(Error::type_("array type float16 is unsupported in linalg")),
            DType::F32 => {}
            DType::C64 => complex = true,
            DType::C128 => {
                complex = true;
                double = true
            }
            _ => double = true,
        }
    }
    Ok(match (complex, double) {
        (false, false) => DType::F32,
        (false, true) => DType::F64,
        (true, false) => DType::C64,
        (true, true) => DType::C128,
    })
}

/// `a` in dtype `dt`: the array itself (a view) when it already has it.
pub fn cast(a: &Array, dt: DType) -> Result<Array> {
    if a.dtype() == dt {
        Ok(a.clone())
    } else {
        a.astype(dt)
    }
}

pub fn dims(a: &Array) -> (usize, usize) {
    let nd = a.ndim();
    (a.shape()[nd - 2], a.shape()[nd - 1])
}

pub fn batch_shape(a: &Array) -> SmallVec<[usize; 6]> {
    a.shape()[..a.ndim() - 2].iter().copied().collect()
}

pub fn with_dims(batch: &[usize], tail: &[usize]) -> SmallVec<[usize; 6]> {
    batch.iter().chain(tail).copied().collect()
}

/// Element offsets of every matrix of the stack, in C order of the batch indices.
fn batch_offsets(a: &Array) -> Vec<isize> {
    let nd = a.ndim();
    let (shape, strides) = (&a.shape()[..nd - 2], &a.strides()[..nd - 2]);
    let count: usize = shape.iter().product();
    let mut out = Vec::with_capacity(count);
    let mut idx: SmallVec<[usize; 6]> = SmallVec::from_elem(0, shape.len());
    let mut off = a.layout().offset as isize;
    for _ in 0..count {
        out.push(off);
        for k in (0..shape.len()).rev() {
            idx[k] += 1;
            off += strides[k];
            if idx[k] < shape[k] {
                break;
            }
            off -= strides[k] * shape[k] as isize;
            idx[k] = 0;
        }
    }
    out
}

/// faer views of every matrix of `a` (whose dtype must be `T`'s), with the array's strides.
pub fn mats<T: Element>(a: &Array) -> Vec<MatRef<'_, T>> {
    let nd = a.ndim();
    let (m, n) = dims(a);
    let (rs, cs) = (a.strides()[nd - 2], a.strides()[nd - 1]);
    let base = a.base::<T>().0;
    batch_offsets(a)
        .into_iter()
        .map(|off| {
            let ptr = if m == 0 || n == 0 {
                NonNull::<T>::dangling().as_ptr()
            } else {
                base.wrapping_offset(off)
            };
            // SAFETY: `off` is the position of matrix `[.., 0, 0]` of one batch index, so
            // `off + i * rs + j * cs` for `i < m`, `j < n` is one of `a`'s elements, inside its
            // buffer (an empty matrix reads nothing and gets a dangling, aligned pointer); the
            // elements are `T`s (callers dispatch `T` on `a`'s dtype, which `base` asserts in
            // debug builds), and the buffer lives, unwritten by the engine, as long as the
            // borrow of `a` that bounds the views.
            unsafe { MatRef::from_raw_parts(ptr, m, n, rs, cs) }
        })
        .collect()
}

/// A fresh C-contiguous stack of `count` matrices `m x n`, and mutable views of them.
pub struct OutStack<T> {
    pub array: Array,
    ptr: *mut T,
    m: usize,
    n: usize,
}

// SAFETY: the raw pointer is only the data of `array`, a fresh array the stack owns (its
// buffer is `Send`), and `T: Send`; moving the stack to another thread moves that ownership.
unsafe impl<T: Send> Send for OutStack<T> {}

impl<T: Element> OutStack<T> {
    pub fn new(batch: &[usize], m: usize, n: usize) -> Result<OutStack<T>> {
        let array = Array::zeros(&with_dims(batch, &[m, n]), T::DTYPE)?;
        let ptr = array.data_ptr() as *mut T;
        Ok(OutStack { array, ptr, m, n })
    }

    /// The `b`-th matrix, row-major.
    pub fn mat(&mut self, b: usize) -> MatMut<'_, T> {
        let ptr = if self.m == 0 || self.n == 0 {
            NonNull::<T>::dangling().as_ptr()
        } else {
            self.ptr.wrapping_add(b * self.m * self.n)
        };
        // SAFETY: `array` was allocated (zeroed) here as a C-contiguous stack of `m x n`
        // matrices of `T` at offset 0, and callers only ask for `b` below the stack's count,
        // so the row-major view of matrix `b` lies inside it (an empty one gets a dangling,
        // aligned pointer); the array is not shared yet and the `&mut self` borrow keeps the
        // view exclusive.
        unsafe { MatMut::from_raw_parts_mut(ptr, self.m, self.n, self.n as isize, 1) }
    }
}

impl<T> OutStack<T> {
    /// A handle for writing the stack's matrices from several threads.
    pub fn slots(&mut self) -> Slots<T> {
        Slots {
            ptr: self.ptr,
            m: self.m,
            n: self.n,
        }
    }
}

/// Writable access to the matrices of an `OutStack`, one matrix per task.
#[derive(Clone, Copy)]
pub struct Slots<T> {
    ptr: *mut T,
    m: usize,
    n: usize,
}

// SAFETY: the pointer is an `OutStack`'s data, whose `T`s may move between threads; views
// made through `Slots::mat` are `unsafe` and required to be of disjoint matrices, so moving
// the handle to another thread creates no aliasing by itself.
unsafe impl<T: Send> Send for Slots<T> {}
// SAFETY: `&Slots` only hands out views through the `unsafe` `mat`, whose contract keeps the
// views of different threads on disjoint matrices (one matrix per task).
unsafe impl<T: Send> Sync for Slots<T> {}

impl<T> Slots<T> {
    /// The `b`-th matrix.
    ///
    /// # Safety
    /// `b` must be below the stack's count of matrices, no other view of matrix `b` may be
    /// alive, and the stack must outlive the view.
    #[allow(clippy::mut_from_ref)]
    pub unsafe fn mat(&self, b: usize) -> MatMut<'_, T> {
        let ptr = if self.m == 0 || self.n == 0 {
            NonNull::<T>::dangling().as_ptr()
        } else {
            self.ptr.wrapping_add(b * self.m * self.n)
        };
        // SAFETY: the stack is C-contiguous `m x n` matrices of `T` from `ptr`'s base, and the
        // caller keeps `b` below its count, so matrix `b` lies inside it (an empty one gets a
        // dangling, aligned pointer); the caller also keeps this view the only one of matrix
        // `b` and the stack alive while it lives.
        unsafe { MatMut::from_raw_parts_mut(ptr, self.m, self.n, self.n as isize, 1) }
    }
}

/// Stacks with at least this much work (matrices x order^3, small orders counted as 8) are
/// spread across the pool one matrix per task.
const STACK_PAR_WORK: usize = 1 << 16;

/// `f(b)` for every matrix `b` of a stack of `count` matrices of order `n`: across the pool
/// for many small matrices (each on one thread), else in order with faer's parallelism
/// chosen by `with_par`.
pub fn run_stack<R: Send>(
    count: usize,
    n: usize,
    f: impl Fn(usize) -> Result<R> + Sync + Send,
) -> Result<Vec<R>> {
    let threads = crate::parallel::num_threads();
    if n < PAR_MIN && count > 1 && threads > 1 && count * (n * n * n).max(512) >= STACK_PAR_WORK {
        faer::set_global_parallelism(Par::Seq);
        let mut slots: Vec<Option<Result<R>>> = (0..count).map(|_| None).collect();
        let dst = crate::iter::SendPtr(slots.as_mut_ptr());
        // SAFETY: task `i < count` alone writes `slots[i]`; `R: Send`.
        crate::parallel::for_each(count, &|i| unsafe { *dst.at(i as isize) = Some(f(i)) });
        // In order, so the error reported is the first matrix's, as on one thread.
        slots
            .into_iter()
            .map(|s| s.expect("every task ran"))
            .collect()
    } else {
        with_par(n, || (0..count).map(&f).collect())
    }
}

/// Matrices at least this large are factored with faer's threads; smaller ones (and the
/// small matrices of a stack) stay on the caller's thread, where a hand-off would cost more
/// than it saves.
const PAR_MIN: usize = 96;

/// Order per thread that faer's factorizations need before another thread pays: on the
/// 16-core machine a 400x400 QR took 8.3 ms on one thread, 9.1 on two and 19.9 on sixteen, and
/// det, solve, svd and eig were also fastest on one or two.
const ORDER_PER_THREAD: usize = 192;

/// Runs `f` with faer's parallelism chosen for matrices of order `n`.
pub fn with_par<R: Send>(n: usize, f: impl FnOnce() -> R + Send) -> R {
    let threads = crate::parallel::num_threads()
        .min(n / ORDER_PER_THREAD)
        .max(1);
    if n >= PAR_MIN && threads > 1 {
        faer::set_global_parallelism(Par::rayon(threads));
        crate::parallel::install(f)
    } else {
        faer::set_global_parallelism(Par::Seq);
        f()
    }
}

/// A vector of per-matrix values as an array of the batch shape.
pub fn from_values<T: Element>(v: Vec<T>, batch: &[usize]) -> Result<Array> {
    Array::from_vec(v, batch)
}

/// Real values computed in float64 as an array of dtype `dt`.
pub fn real_array(v: Vec<f64>, shape: &[usize], dt: DType) -> Result<Array> {
    let a = Array::from_vec(v, shape)?;
    if dt == DType::F64 {
        Ok(a)
    } else {
        a.astype(dt)
    }
}

/// Whether every element of the matrix is finite.
pub fn all_finite<T: Field>(a: MatRef<'_, T>) -> bool {
    (0..a.ncols()).all(|j| {
        (0..a.nrows()).all(|i| {
            let z = a[(i, j)].c64();
            z.re.is_finite() && z.im.is_finite()
        })
    })
}
