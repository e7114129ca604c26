//! `linalg.norm`. Vector norms are fused map-reductions over the array: the 2-norm sums
//! `|x|^2` and takes the root in one pass, with no squared temporary.

use crate::array::Array;
use crate::dispatch;
use crate::dtype::{DType, Element};
use crate::error::{Error, Result};
use crate::kernels::scalar::Num;
use crate::ops::reduce::{sum_map, Axes};

/// The order of a norm, as `numpy.linalg.norm`'s `ord`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NormOrd {
    /// `None`: the 2-norm of vectors, Frobenius of matrices.
    Default,
    Fro,
    /// A numeric order `p`: sum(|x|^p)^(1/p) for vectors.
    P(f64),
}

/// The float type NumPy computes a norm of `d` in: integers become float64, complex their part
/// type, floats stay.
pub fn norm_dtype(d: DType) -> DType {
    match d {
        DType::F16 | DType::F32 | DType::F64 => d,
        DType::C64 => DType::F32,
        DType::C128 => DType::F64,
        _ => DType::F64,
    }
}

/// `norm(x, ord, axis, keepdims)` for vector orders (and Frobenius over two axes).
pub fn norm(a: &Array, ord: NormOrd, axis: Option<&[isize]>, keepdims: bool) -> Result<Array> {
    let nd = a.ndim();
    let naxes = axis.map(|x| x.len()).unwrap_or(nd);
    match (ord, naxes, axis.is_some()) {
        (NormOrd::Default, _, false) => {}
        (NormOrd::Default | NormOrd::P(_), 1, _) => {}
        (NormOrd::Fro | NormOrd::Default, 2, _) => {}
        (NormOrd::Fro, _, _) => return Err(Error::value("Invalid norm order 'fro' for vectors")),
        (NormOrd::P(_), 2, _) => {
            return Err(Error::value(
                "matrix norms of order 1, -1, 2, -2, inf, -inf and 'nuc' are not available yet in ferronum",
            ))
        }
        _ => return Err(Error::value("Improper number of dimensions to norm.")),
    }
    let ax = Axes::new(axis, nd)?;
    let x = if a.dtype().is_integer() || a.dtype() == DType::Bool { a.astype(DType::F64)? } else { a.clone() };
    let p = match ord {
        NormOrd::P(p) => p,
        _ => 2.0,
    };
    dispatch!(x.dtype(), T => norm_p::<T>(&x, &ax, keepdims, p))
}

fn norm_p<T: Num>(x: &Array, ax: &Axes, keepdims: bool, p: f64) -> Result<Array>
where
    T::Real: Num,
{
    type R<T> = <T as Num>::Real;
    if p == 2.0 {
        return sum_map(x, ax, keepdims, |v: T| v.abs2(), |s: R<T>| s.sqrt());
    }
    if p == 1.0 {
        return sum_map(x, ax, keepdims, |v: T| v.abs(), |s: R<T>| s);
    }
    if p == 0.0 {
        let zero = T::zero();
        return sum_map(x, ax, keepdims, move |v: T| if v.eq_(zero) { R::<T>::zero() } else { R::<T>::one() }, |s: R<T>| s);
    }
    if p.is_infinite() {
        return Err(Error::value("norm orders inf and -inf are not available yet in ferronum"));
    }
    let pr: R<T> = R::<T>::from_wide(crate::dtype::Wide::F(p));
    let inv: R<T> = R::<T>::from_wide(crate::dtype::Wide::F(1.0 / p));
    sum_map(x, ax, keepdims, move |v: T| v.abs().pow(pr), move |s: R<T>| s.pow(inv))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_norms() {
        let a = Array::from_vec(vec![3i64, 4, 0, 12, 5, 0], &[2, 3]).unwrap();
        let n = norm(&a, NormOrd::Default, None, false).unwrap();
        assert_eq!(n.dtype(), DType::F64);
        assert_eq!(n.to_vec::<f64>(), vec![(9.0f64 + 16.0 + 144.0 + 25.0).sqrt()]);
        let n = norm(&a, NormOrd::Default, Some(&[1]), false).unwrap();
        assert_eq!(n.to_vec::<f64>(), vec![5.0, 13.0]);
        let n = norm(&a, NormOrd::P(1.0), Some(&[0]), true).unwrap();
        assert_eq!(n.shape(), &[1, 3]);
        assert_eq!(n.to_vec::<f64>(), vec![15.0, 9.0, 0.0]);
        let c = Array::from_vec(vec![crate::Complex64::new(3.0, 4.0)], &[1]).unwrap();
        assert_eq!(norm(&c, NormOrd::Default, None, false).unwrap().to_vec::<f64>(), vec![5.0]);
    }
}
