//! `numpy.correlate` / `numpy.convolve` by the direct sum, as NumPy computes them
//! (`_pyarray_correlate`): `out[o] = sum_j a[o - n_left + j] * v[j]` over the `j` where both
//! exist. The outputs where the kernel lies wholly inside `a` (all but at most `2 * len(v)`)
//! are computed in blocks: for each tap, one multiply-add over a block of outputs, which
//! vectorises (compiled for AVX2/AVX-512 where the CPU has it) and splits across the pool.
//! Each output still sums its taps in order `j = 0, 1, ...`, so results do not depend on the
//! split. Integers accumulate in 64 bits with wraparound (NumPy's dot accumulates in `long`),
//! float16 in float32, bool as "any of a and v".

use super::{contiguous_as, for_ranges, slice_of, slice_of_new};
use crate::array::Array;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::iter::SendPtr;
use crate::ops::manip::result_type;
use num_complex::{Complex32, Complex64};

/// NumPy's correlate modes (0, 1, 2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Valid,
    Same,
    Full,
}

/// A multiply-add element: the five types the kernel is compiled for.
trait Mac: Copy + Send + Sync + 'static {
    const ZERO: Self;
    fn mac(self, a: Self, b: Self) -> Self;
}

macro_rules! mac_float {
    ($($t:ty = $z:expr),*) => {$(
        impl Mac for $t {
            const ZERO: Self = $z;
            #[inline(always)]
            fn mac(self, a: Self, b: Self) -> Self {
                self + a * b
            }
        }
    )*};
}
mac_float!(
    f32 = 0.0,
    f64 = 0.0,
    Complex32 = Complex32::new(0.0, 0.0),
    Complex64 = Complex64::new(0.0, 0.0)
);

impl Mac for i64 {
    const ZERO: Self = 0;
    #[inline(always)]
    fn mac(self, a: Self, b: Self) -> Self {
        self.wrapping_add(a.wrapping_mul(b))
    }
}

/// Outputs per task of the pool.
const BLOCK: usize = 4096;

/// Outputs held in registers across all taps: 32 float64 are eight AVX2 vectors.
const R: usize = 32;

/// `out[t] = sum_j a[t + j] * v[j]` for `t` in `0..out.len()` (the kernel wholly inside `a`).
/// `R` outputs at a time stay in registers while the taps stream past them.
#[inline(always)]
fn valid_block<T: Mac>(a: &[T], v: &[T], out: &mut [T]) {
    let m = out.len();
    let n2 = v.len();
    let mut t = 0;
    while t + R <= m {
        let mut acc = [T::ZERO; R];
        let window = &a[t..t + R + n2 - 1];
        for (j, &vj) in v.iter().enumerate() {
            let src: &[T; R] = match window[j..j + R].try_into() {
                Ok(s) => s,
                Err(_) => unreachable!(),
            };
            for (s, &x) in acc.iter_mut().zip(src) {
                *s = s.mac(x, vj);
            }
        }
        out[t..t + R].copy_from_slice(&acc);
        t += R;
    }
    for (o, slot) in out.iter_mut().enumerate().skip(t) {
        let mut s = T::ZERO;
        for (j, &vj) in v.iter().enumerate() {
            s = s.mac(a[o + j], vj);
        }
        *slot = s;
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn valid_block_avx2<T: Mac>(a: &[T], v: &[T], out: &mut [T]) {
    valid_block(a, v, out)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512vl,avx512dq,avx512bw,avx2,fma")]
fn valid_block_avx512<T: Mac>(a: &[T], v: &[T], out: &mut [T]) {
    valid_block(a, v, out)
}

fn valid_dispatch<T: Mac>(a: &[T], v: &[T], out: &mut [T]) {
    #[cfg(target_arch = "x86_64")]
    {
        match crate::kernels::simd::level() {
            // SAFETY: level 3 means the CPU has every feature the AVX-512 copy enables.
            3 => return unsafe { valid_block_avx512(a, v, out) },
            // SAFETY: level 2 means the CPU has AVX2 and FMA.
            2 => return unsafe { valid_block_avx2(a, v, out) },
            _ => {}
        }
    }
    valid_block(a, v, out)
}

/// The direct correlation of contiguous `a` (length `n1 >= n2`) and `v`.
fn correlate_typed<T: Mac>(a: &[T], v: &[T], n_left: usize, out: &mut [T]) {
    let (n1, n2) = (a.len(), v.len());
    // One edge output: the taps that fall inside `a`, in order.
    let edge = |o: usize| -> T {
        let i = o as isize - n_left as isize;
        let mut s = T::ZERO;
        for (j, &vj) in v.iter().enumerate() {
            let k = i + j as isize;
            if k >= 0 && (k as usize) < n1 {
                s = s.mac(a[k as usize], vj);
            }
        }
        s
    };
    let valid = n1 - n2 + 1;
    for (o, slot) in out.iter_mut().enumerate().take(n_left) {
        *slot = edge(o);
    }
    for (o, slot) in out.iter_mut().enumerate().skip(n_left + valid) {
        *slot = edge(o);
    }
    let dst = SendPtr(out[n_left..].as_mut_ptr());
    for_ranges(valid.div_ceil(BLOCK), valid * n2, &|s, e| {
        for b in s..e {
            let t0 = b * BLOCK;
            let m = BLOCK.min(valid - t0);
            // SAFETY: block `b` covers outputs `n_left + t0 .. n_left + t0 + m`, inside `out`
            // (`t0 + m <= valid`), and only this task writes them.
            let o = unsafe { std::slice::from_raw_parts_mut(dst.at(t0 as isize), m) };
            valid_dispatch(&a[t0..t0 + m + n2 - 1], v, o);
        }
    });
}

/// `_pyarray_correlate` followed by what `PyArray_Correlate2` adds when `conj_v` (the new
/// `correlate`): `v` conjugated first. `a` and `v` are 1-d (the caller checks); their common
/// type is the result's. When `v` is the longer one, NumPy correlates the other way round and
/// reverses the result (`reverse_if_swapped`, as `correlate` does; the old `correlate` that
/// `convolve` calls does not).
pub fn correlate(
    a: &Array,
    v: &Array,
    mode: Mode,
    conj_v: bool,
    reverse_if_swapped: bool,
) -> Result<Array> {
    let dt = result_type(&[a.dtype(), v.dtype()]);
    let (n1, n2) = (a.size(), v.size());
    if n1 == 0 {
        return Err(Error::value("first array argument cannot be empty"));
    }
    if n2 == 0 {
        return Err(Error::value("second array argument cannot be empty"));
    }
    let mut v = v.clone();
    if conj_v && matches!(dt, DType::C64 | DType::C128) {
        // `v` (the second argument, before any swap) conjugated into a new array: it may be
        // the caller's own.
        v = contiguous_as(&v, dt)?;
        v = match dt {
            DType::C64 => conjugated::<Complex32>(&v, Complex32::conj)?,
            _ => conjugated::<Complex64>(&v, Complex64::conj)?,
        };
    }
    let (mut a, mut n1, mut n2) = (a.clone(), n1, n2);
    let swapped = n1 < n2;
    if swapped {
        std::mem::swap(&mut a, &mut v);
        std::mem::swap(&mut n1, &mut n2);
    }
    let (n_left, n_right, len) = match mode {
        Mode::Valid => (0, 0, n1 - n2 + 1),
        Mode::Same => (n2 / 2, n2 - n2 / 2 - 1, n1),
        Mode::Full => (n2 - 1, n2 - 1, n1 + n2 - 1),
    };
    debug_assert_eq!(len, n1 - n2 + 1 + n_left + n_right);
    let (work, cast_back) = match dt {
        DType::F32 | DType::F64 | DType::C64 | DType::C128 => (dt, false),
        DType::F16 => (DType::F32, true),
        _ => (DType::I64, true),
    };
    let a = contiguous_as(&a, work)?;
    let v = contiguous_as(&v, work)?;
    let out = Array::uninit(&[len], work)?;
    match work {
        DType::F32 => {
            correlate_typed::<f32>(slice_of(&a), slice_of(&v), n_left, slice_of_new(&out))
        }
        DType::F64 => {
            correlate_typed::<f64>(slice_of(&a), slice_of(&v), n_left, slice_of_new(&out))
        }
        DType::C64 => {
            correlate_typed::<Complex32>(slice_of(&a), slice_of(&v), n_left, slice_of_new(&out))
        }
        DType::C128 => {
            correlate_typed::<Complex64>(slice_of(&a), slice_of(&v), n_left, slice_of_new(&out))
        }
        _ => correlate_typed::<i64>(slice_of(&a), slice_of(&v), n_left, slice_of_new(&out)),
    }
    let mut out = if !cast_back {
        out
    } else if dt == DType::Bool {
        // "any of a and v": a nonzero count of products.
        out.astype(DType::Bool)?
    } else {
        // Wraparound to the narrower integer type, as NumPy's cast of its `long` sum.
        out.astype(dt)?
    };
    if swapped && reverse_if_swapped {
        let rev = [crate::array::IndexItem::Slice {
            start: None,
            stop: None,
            step: Some(-1),
        }];
        out = out.index(&rev)?.copy(crate::array::Order::C)?;
    }
    Ok(out)
}

fn conjugated<C: crate::dtype::Element>(v: &Array, conj: fn(&C) -> C) -> Result<Array> {
    let c: Vec<C> = slice_of::<C>(v).iter().map(conj).collect();
    Array::from_vec(c, v.shape())
}

/// `numpy.convolve(a, v, mode)` for 0-d or 1-d `a` and `v` (0-d counts as one element):
/// NumPy's empty checks (in its order), the longer sequence slides, the correlation with the
/// reversed shorter one. `None` where an argument has more dimensions (NumPy's conversion
/// error, raised by the caller's general path).
pub fn convolve(a: &Array, v: &Array, mode: Mode) -> Result<Option<Array>> {
    if a.ndim() > 1 || v.ndim() > 1 {
        return Ok(None);
    }
    let len = |x: &Array| if x.ndim() == 0 { 1 } else { x.shape()[0] };
    if len(a) == 0 {
        return Err(Error::value("a cannot be empty"));
    }
    if len(v) == 0 {
        return Err(Error::value("v cannot be empty"));
    }
    let (a, v) = if len(v) > len(a) { (v, a) } else { (a, v) };
    let rev = [crate::array::IndexItem::Slice {
        start: None,
        stop: None,
        step: Some(-1),
    }];
    let v = if v.ndim() == 0 {
        v.clone()
    } else {
        v.index(&rev)?
    };
    correlate(a, &v, mode, false, false).map(Some)
}
