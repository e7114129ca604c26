//! `dot`, `vdot`, `inner`, `outer`, `tensordot`, `kron`: each reshapes or transposes its
//! operands into a matrix product (views where the strides allow) and runs `kernel::run`.

use super::kernel::{self, Problem};
use super::{cast, isize_dims, matmul};
use crate::array::{Array, Order};
use crate::dispatch;
use crate::dtype::{promote, DType};
use crate::error::{Error, Result};
use crate::kernels::scalar::Num;
use crate::ops::ufunc::{self, BinaryOp, Operand, UnaryOp};
use crate::parallel;
use smallvec::SmallVec;

fn not_aligned(a: &[usize], b: &[usize], da: usize, db: usize) -> Error {
    Error::value(format!(
        "shapes {} and {} not aligned: {} (dim {}) != {} (dim {})",
        crate::layout::shape_str_sep(a, ","),
        crate::layout::shape_str_sep(b, ","),
        a[da],
        da,
        b[db],
        db
    ))
}

fn multiply(a: &Array, b: &Array) -> Result<Array> {
    ufunc::binary(
        BinaryOp::Multiply,
        Operand::Array(a),
        Operand::Array(b),
        None,
    )
}

/// Two 1-d vectors of one length and one float or complex type (not float16, which `matmul`
/// widens): the case `vector_dot` takes.
pub(super) fn is_vector_pair(a: &Array, b: &Array) -> bool {
    let dt = a.dtype();
    a.ndim() == 1
        && b.ndim() == 1
        && b.dtype() == dt
        && a.shape() == b.shape()
        && (dt.is_float() || dt.is_complex())
        && dt != DType::F16
}

/// The kernel's dot product of an `is_vector_pair` straight from the layouts: what
/// `matmul_impl` runs for them, without its general set-up (two thirds of a 1,000-element
/// `dot`: 1.2 us -> 0.38 us).
pub(super) fn vector_dot(a: &Array, b: &Array) -> Result<Array> {
    let c = Array::uninit(&[], a.dtype())?;
    let p = Problem {
        m: 1,
        n: 1,
        k: a.shape()[0],
        a_rs: 0,
        a_cs: a.strides()[0],
        b_rs: b.strides()[0],
        b_cs: 0,
        c_rs: 0,
        c_cs: 0,
        offsets: vec![[a.layout().offset as isize, b.layout().offset as isize, 0]],
    };
    kernel::run(a, b, &c, &p)?;
    Ok(c)
}

/// `numpy.dot`: a product over the last axis of `a` and the second-to-last of `b` (the only
/// one of a 1-d `b`); a 0-d operand multiplies.
pub fn dot(a: &Array, b: &Array) -> Result<Array> {
    if a.ndim() == 0 || b.ndim() == 0 {
        return multiply(a, b);
    }
    let da = a.ndim() - 1;
    let db = if b.ndim() == 1 { 0 } else { b.ndim() - 2 };
    if a.shape()[da] != b.shape()[db] {
        return Err(not_aligned(a.shape(), b.shape(), da, db));
    }
    if b.ndim() <= 2 {
        return matmul(a, b);
    }
    // `b` is a stack: every matrix of it meets all of `a`'s rows, and the result interleaves
    // `a`'s leading axes, then `b`'s, then `b`'s columns.
    let k = a.shape()[da];
    let ma: usize = a.shape()[..da].iter().product();
    let nb = b.ndim();
    let n = b.shape()[nb - 1];
    let bb: usize = b.shape()[..nb - 2].iter().product();
    let rt = promote(a.dtype(), b.dtype());
    let compute = if rt == DType::F16 { DType::F32 } else { rt };
    let a2 = cast(&a.reshape(&[ma as isize, k as isize])?, compute)?;
    let b3 = cast(&b.reshape(&[bb as isize, k as isize, n as isize])?, compute)?;
    let c = Array::uninit(&[ma, bb, n], compute)?;
    let (la, lb) = (a2.layout(), b3.layout());
    let p = Problem {
        m: ma,
        n,
        k,
        a_rs: la.strides[0],
        a_cs: la.strides[1],
        b_rs: lb.strides[1],
        b_cs: lb.strides[2],
        c_rs: (bb * n) as isize,
        c_cs: 1,
        offsets: (0..bb)
            .map(|t| {
                [
                    la.offset as isize,
                    lb.offset as isize + t as isize * lb.strides[0],
                    (t * n) as isize,
                ]
            })
            .collect(),
    };
    kernel::run(&a2, &b3, &c, &p)?;
    let mut shape: SmallVec<[usize; 8]> = a.shape()[..da].iter().copied().collect();
    shape.extend_from_slice(&b.shape()[..nb - 2]);
    shape.push(n);
    let r = c.reshape(&isize_dims(&shape))?;
    if compute == rt {
        Ok(r)
    } else {
        r.astype(rt)
    }
}

/// `numpy.vdot`: both flattened, the first conjugated.
pub fn vdot(a: &Array, b: &Array) -> Result<Array> {
    let x = a.ravel()?;
    let y = b.ravel()?;
    if x.size() != y.size() {
        return Err(Error::value(format!(
            "cannot reshape array of size {} into shape ({},)",
            y.size(),
            x.size()
        )));
    }
    let x = if x.dtype().is_complex() {
        ufunc::unary(UnaryOp::Conjugate, &x, None)?
    } else {
        x
    };
    dot(&x, &y)
}

/// `numpy.inner`: a product over the last axes of both.
pub fn inner(a: &Array, b: &Array) -> Result<Array> {
    if a.ndim() == 0 || b.ndim() == 0 {
        return multiply(a, b);
    }
    // NumPy moves `b`'s last axis to second-to-last and takes `dot`, messages included.
    let bt = if b.ndim() >= 2 {
        b.swapaxes(-1, -2)?
    } else {
        b.clone()
    };
    dot(a, &bt)
}

/// `numpy.outer`: `out[i, j] = a.flat[i] * b.flat[j]`.
pub fn outer(a: &Array, b: &Array) -> Result<Array> {
    let rt = promote(a.dtype(), b.dtype());
    let x = cast(&a.ravel()?, rt)?;
    let y = cast(&b.ravel()?, rt)?;
    let (m, n) = (x.size(), y.size());
    let out = Array::uninit(&[m, n], rt)?;
    dispatch!(rt, T => outer_typed::<T>(&x, &y, &out));
    Ok(out)
}

fn outer_typed<T: Num>(x: &Array, y: &Array, out: &Array) {
    let xv = x.to_vec::<T>();
    let yv = y.to_vec::<T>();
    let n = yv.len();
    if n == 0 || xv.is_empty() {
        return;
    }
    let p = out.base::<T>();
    let row = |i: usize| {
        // SAFETY: `out` is `outer`'s new C-contiguous `(m, n)` array of `T` at offset 0, with
        // `m = xv.len()` and `n = yv.len()`, so row `i < m` is its `n` elements from `i * n`;
        // each row is visited by one call only, so this mutable slice aliases nothing.
        let dst = unsafe { std::slice::from_raw_parts_mut(p.at((i * n) as isize), n) };
        let xi = xv[i];
        for (d, &yj) in dst.iter_mut().zip(&yv) {
            *d = xi.mul(yj);
        }
    };
    if parallel::worth_splitting(xv.len() * n) {
        parallel::for_each(xv.len(), &row);
    } else {
        (0..xv.len()).for_each(row);
    }
}

/// `numpy.kron`: the block matrix of `a[i] * b`, over `max(a.ndim, b.ndim)` dimensions.
pub fn kron(a: &Array, b: &Array) -> Result<Array> {
    let nd = a.ndim().max(b.ndim());
    let pad = |x: &Array| -> SmallVec<[usize; 6]> {
        let mut s: SmallVec<[usize; 6]> = SmallVec::from_elem(1, nd - x.ndim());
        s.extend_from_slice(x.shape());
        s
    };
    let (sa, sb) = (pad(a), pad(b));
    let o = outer(a, b)?;
    let mut split: SmallVec<[isize; 12]> = sa.iter().map(|&d| d as isize).collect();
    split.extend(sb.iter().map(|&d| d as isize));
    let o = o.reshape(&split)?;
    let perm: SmallVec<[isize; 12]> = (0..nd)
        .flat_map(|i| [i as isize, (nd + i) as isize])
        .collect();
    let t = o.transpose(Some(&perm))?.copy(Order::C)?;
    let shape: SmallVec<[isize; 6]> = (0..nd).map(|i| (sa[i] * sb[i]) as isize).collect();
    t.reshape(&shape)
}

/// The `axes` argument of `tensordot`.
#[derive(Clone, Debug)]
pub enum TensorAxes {
    /// The last `n` axes of `a` with the first `n` of `b` (none when `n <= 0`).
    Count(isize),
    Pairs(Vec<isize>, Vec<isize>),
}

/// `numpy.tensordot`, following NumPy's steps (and its errors) exactly.
pub fn tensordot(a: &Array, b: &Array, axes: &TensorAxes) -> Result<Array> {
    let (mut ax_a, mut ax_b) = match axes {
        TensorAxes::Count(n) => ((-n..0).collect::<Vec<_>>(), (0..*n).collect::<Vec<_>>()),
        TensorAxes::Pairs(x, y) => (x.clone(), y.clone()),
    };
    let (nda, ndb) = (a.ndim() as isize, b.ndim() as isize);
    let dim = |shape: &[usize], nd: isize, ax: isize| -> Result<usize> {
        if ax < -nd || ax >= nd {
            return Err(Error::index("tuple index out of range"));
        }
        Ok(shape[(if ax < 0 { ax + nd } else { ax }) as usize])
    };
    let mut equal = ax_a.len() == ax_b.len();
    if equal {
        for i in 0..ax_a.len() {
            if dim(a.shape(), nda, ax_a[i])? != dim(b.shape(), ndb, ax_b[i])? {
                equal = false;
                break;
            }
            if ax_a[i] < 0 {
                ax_a[i] += nda;
            }
            if ax_b[i] < 0 {
                ax_b[i] += ndb;
            }
        }
    }
    if !equal {
        return Err(Error::value("shape-mismatch for sum"));
    }
    let free_a: Vec<isize> = (0..nda).filter(|k| !ax_a.contains(k)).collect();
    let free_b: Vec<isize> = (0..ndb).filter(|k| !ax_b.contains(k)).collect();
    let size =
        |x: &Array, ax: &[isize]| -> usize { ax.iter().map(|&k| x.shape()[k as usize]).product() };
    let summed = size(a, &ax_a);
    let perm_a: Vec<isize> = free_a.iter().chain(&ax_a).copied().collect();
    let perm_b: Vec<isize> = ax_b.iter().chain(&free_b).copied().collect();
    let at = a
        .transpose(Some(&perm_a))?
        .reshape(&[size(a, &free_a) as isize, summed as isize])?;
    let bt = b
        .transpose(Some(&perm_b))?
        .reshape(&[summed as isize, size(b, &free_b) as isize])?;
    let r = dot(&at, &bt)?;
    let shape: Vec<isize> = free_a
        .iter()
        .map(|&k| a.shape()[k as usize] as isize)
        .chain(free_b.iter().map(|&k| b.shape()[k as usize] as isize))
        .collect();
    r.reshape(&shape)
}
