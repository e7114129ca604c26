//! `linalg.norm`. Vector norms are fused map-reductions over the array: the 2-norm sums
//! `|x|^2` and takes the root in one pass, with no squared temporary.

use crate::array::Array;
use crate::dispatch;
use crate::dtype::Element;
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
    let p = match ord {
        NormOrd::P(p) => p,
        _ => 2.0,
    };
    dispatch!(a.dtype(), T => norm_p::<T>(a, &ax, keepdims, p))
}

/// How an element enters a norm: its absolute value (and square) in the float type the norm
/// is computed in. Integers convert on the fly, so no float64 copy of the input is made.
pub trait NormInput: Element {
    type R: Num;
    fn nabs(self) -> Self::R;
    fn nabs2(self) -> Self::R;
}

macro_rules! norm_via_f64 {
    ($($t:ty),*) => {$(
        impl NormInput for $t {
            type R = f64;
            #[inline(always)]
            fn nabs(self) -> f64 {
                self.cast::<f64>().abs()
            }
            #[inline(always)]
            fn nabs2(self) -> f64 {
                let f = self.cast::<f64>();
                f * f
            }
        }
    )*};
}
norm_via_f64!(bool, i8, i16, i32, i64, u8, u16, u32, u64);

macro_rules! norm_native {
    ($($t:ty),*) => {$(
        impl NormInput for $t {
            type R = <$t as Num>::Real;
            #[inline(always)]
            fn nabs(self) -> Self::R {
                Num::abs(self)
            }
            #[inline(always)]
            fn nabs2(self) -> Self::R {
                Num::abs2(self)
            }
        }
    )*};
}
norm_native!(half::f16, f32, f64, crate::Complex32, crate::Complex64);

fn norm_p<T: NormInput>(x: &Array, ax: &Axes, keepdims: bool, p: f64) -> Result<Array> {
    type R<T> = <T as NormInput>::R;
    if p == 2.0 {
        return sum_map(x, ax, keepdims, |v: T| v.nabs2(), |s: R<T>| s.sqrt());
    }
    if p == 1.0 {
        return sum_map(x, ax, keepdims, |v: T| v.nabs(), |s: R<T>| s);
    }
    if p == 0.0 {
        return sum_map(x, ax, keepdims, |v: T| if v.nabs2() == R::<T>::zero() { R::<T>::zero() } else { R::<T>::one() }, |s: R<T>| s);
    }
    if p.is_infinite() {
        return Err(Error::value("norm orders inf and -inf are not available yet in ferronum"));
    }
    let pr: R<T> = R::<T>::from_wide(crate::dtype::Wide::F(p));
    let inv: R<T> = R::<T>::from_wide(crate::dtype::Wide::F(1.0 / p));
    sum_map(x, ax, keepdims, move |v: T| v.nabs().pow(pr), move |s: R<T>| s.pow(inv))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dtype::DType;

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
