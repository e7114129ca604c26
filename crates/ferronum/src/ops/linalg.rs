//! `linalg.norm`. Vector norms are fused map-reductions over the array: the 2-norm sums
//! `|x|^2` and takes the root in one pass, with no squared temporary.

use crate::array::Array;
use crate::dispatch;
use crate::dtype::Element;
use crate::error::{Error, Result};
use crate::kernels::reduce::{Max, Min};
use crate::kernels::scalar::Num;
use crate::kernels::{fpstatus, map1_cold};
use crate::layout;
use crate::ops::reduce::{all_finite, reduce_map, sum_map, Axes};
use smallvec::SmallVec;

/// The order of a norm, as `numpy.linalg.norm`'s `ord`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NormOrd {
    /// `None`: the 2-norm of vectors, Frobenius of matrices.
    Default,
    Fro,
    /// `'nuc'`: the sum of singular values.
    Nuc,
    /// A numeric order `p`: sum(|x|^p)^(1/p) for vectors.
    P(f64),
}

/// `norm(x, ord, axis, keepdims)`: vector norms of every order, and the matrix norms that need
/// no decomposition (`'fro'`, 1, -1, inf, -inf), and 2, -2, `'nuc'` from singular values.
pub fn norm(a: &Array, ord: NormOrd, axis: Option<&[isize]>, keepdims: bool) -> Result<Array> {
    let nd = a.ndim();
    let axes: SmallVec<[isize; 6]> = match axis {
        Some(ax) => ax.iter().copied().collect(),
        None if ord == NormOrd::Default => (0..nd as isize).collect(),
        None if nd == 1 || nd == 2 => (0..nd as isize).collect(),
        None => return Err(Error::value("Improper number of dimensions to norm.")),
    };
    let ax = Axes::new(Some(&axes), nd)?;
    let vector = axes.len() == 1 || (axis.is_none() && ord == NormOrd::Default);
    if vector {
        let p = match ord {
            NormOrd::Fro => return Err(Error::value("Invalid norm order 'fro' for vectors")),
            NormOrd::Nuc => return Err(Error::value("Invalid norm order 'nuc' for vectors")),
            NormOrd::P(p) => p,
            NormOrd::Default => 2.0,
        };
        // NumPy's inf-norm starts its maximum from 0; the minimum has no identity.
        if p == f64::NEG_INFINITY && reduced_size(a, &ax) == 0 {
            return Err(Error::value(
                "zero-size array to reduction operation minimum which has no identity",
            ));
        }
        return dispatch!(a.dtype(), T => norm_p::<T>(a, &ax, keepdims, p, axis.is_none()));
    }
    if axes.len() != 2 {
        return Err(Error::value("Improper number of dimensions to norm."));
    }
    let (r, c) = (
        layout::normalize_axis(axes[0], nd)?,
        layout::normalize_axis(axes[1], nd)?,
    );
    if r == c {
        return Err(Error::value("Duplicate axes given."));
    }
    match ord {
        NormOrd::Default | NormOrd::Fro => {
            dispatch!(a.dtype(), T => norm_p::<T>(a, &ax, keepdims, 2.0, axis.is_none()))
        }
        NormOrd::P(p) if p.abs() == 1.0 || p.is_infinite() => {
            // 1-norms sum down columns (over `r`) then take the extreme over `c`; inf-norms the
            // other way round.
            let (first, second) = if p.abs() == 1.0 { (r, c) } else { (c, r) };
            // NumPy takes the maximum from an initial 0 (so an empty axis gives 0); the
            // minimum has no identity.
            if a.shape()[second] == 0 && p < 0.0 {
                return Err(Error::value(
                    "zero-size array to reduction operation minimum which has no identity",
                ));
            }
            let sums = dispatch!(a.dtype(), T => norm_p::<T>(a, &Axes::new(Some(&[first as isize]), nd)?, true, 1.0, false))?;
            let ext = Axes::new(Some(&[second as isize]), nd)?;
            let out = dispatch!(sums.dtype(), T => extreme::<T>(&sums, &ext, p > 0.0))?;
            if keepdims {
                return Ok(out);
            }
            let kept: SmallVec<[isize; 6]> = (0..nd)
                .filter(|&k| k != r && k != c)
                .map(|k| out.shape()[k] as isize)
                .collect();
            out.reshape(&kept)
        }
        NormOrd::P(p) if p.abs() == 2.0 => singular_value_norm(
            a,
            r,
            c,
            keepdims,
            if p > 0.0 {
                SvNorm::Largest
            } else {
                SvNorm::Smallest
            },
        ),
        NormOrd::Nuc => singular_value_norm(a, r, c, keepdims, SvNorm::Sum),
        NormOrd::P(_) => Err(Error::value("Invalid norm order for matrices.")),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum SvNorm {
    Largest,
    Smallest,
    Sum,
}

/// Matrix 2, -2 and nuclear norms from singular values over axes `(r, c)` of every matrix in
/// the stack, from faer's SVD in float64 (complex128 for complex input), as NumPy computes them.
fn singular_value_norm(
    a: &Array,
    r: usize,
    c: usize,
    keepdims: bool,
    kind: SvNorm,
) -> Result<Array> {
    let nd = a.ndim();
    let (m, n) = (a.shape()[r], a.shape()[c]);
    // NumPy refuses float16 here (`svd`'s `_commonType`) and computes float32 in float64.
    crate::ops::decomp::batch::common_dtype(&[a.dtype()])?;
    // Empty matrices have no singular values: NumPy's largest and sum start from 0, its
    // smallest has no identity.
    if (m == 0 || n == 0) && kind == SvNorm::Smallest {
        return Err(Error::value(
            "zero-size array to reduction operation minimum which has no identity",
        ));
    }
    let mut perm: SmallVec<[usize; 6]> = (0..nd).filter(|&k| k != r && k != c).collect();
    perm.push(r);
    perm.push(c);
    let moved = a.transpose(Some(
        &perm
            .iter()
            .map(|&k| k as isize)
            .collect::<SmallVec<[isize; 6]>>(),
    ))?;
    let batch_shape: SmallVec<[usize; 6]> = moved.shape()[..nd - 2].iter().copied().collect();
    let wide = if a.dtype().is_complex() {
        crate::dtype::DType::C128
    } else {
        crate::dtype::DType::F64
    };
    let moved = moved.astype(wide)?;
    let sv = crate::with_field!(wide, T => crate::ops::decomp::spectral::singular_values_stack::<T>(&moved, false))?;
    let k = m.min(n);
    let out: Vec<f64> = match k {
        0 => vec![0.0; batch_shape.iter().product()],
        _ => sv
            .chunks(k)
            .map(|s| match kind {
                SvNorm::Largest => s[0],
                SvNorm::Smallest => s[k - 1],
                SvNorm::Sum => s.iter().sum(),
            })
            .collect(),
    };
    let res = Array::from_vec(out, &batch_shape)?;
    let real = if a.dtype().is_inexact() {
        a.dtype().real()
    } else {
        crate::dtype::DType::F64
    };
    let res = if real == crate::dtype::DType::F64 {
        res
    } else {
        res.astype(real)?
    };
    if keepdims {
        let shape: SmallVec<[isize; 6]> = (0..nd)
            .map(|k| {
                if k == r || k == c {
                    1
                } else {
                    a.shape()[k] as isize
                }
            })
            .collect();
        return res.reshape(&shape);
    }
    Ok(res)
}

fn reduced_size(a: &Array, ax: &Axes) -> usize {
    a.shape()
        .iter()
        .enumerate()
        .filter(|(k, _)| ax.is_reduced(*k))
        .map(|(_, &d)| d)
        .product()
}

/// Maximum (or minimum) over `ax` of sums of absolute values, keeping dimensions; NaN
/// propagates. The maximum starts from 0, as NumPy's (`initial=0`), so an empty axis gives 0.
fn extreme<T: Num>(a: &Array, ax: &Axes, max: bool) -> Result<Array> {
    if max {
        reduce_map(a, ax, true, |v: T| v, Max(T::zero()), T::zero(), |v: T| v)
    } else {
        reduce_map(
            a,
            ax,
            true,
            |v: T| v,
            Min(T::highest()),
            T::highest(),
            |v: T| v,
        )
    }
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

/// `dot`: NumPy computes this norm as `sqrt(x.dot(x))` (over every axis), not as
/// `sqrt(add.reduce(x.conj() * x, axis))`, which names its floating-point errors differently.
fn norm_p<T: NormInput>(x: &Array, ax: &Axes, keepdims: bool, p: f64, dot: bool) -> Result<Array> {
    type R<T> = <T as NormInput>::R;
    if p == 2.0 {
        let r = sum_map(x, ax, keepdims, |v: T| v.nabs2(), |s: R<T>| s.sqrt())?;
        if !all_finite(&r) {
            square_sum_flags::<T>(x, ax, dot)?;
        }
        return Ok(r);
    }
    if p == 1.0 {
        let (r, flags) =
            fpstatus::collect(|| sum_map(x, ax, keepdims, |v: T| v.nabs(), |s: R<T>| s));
        crate::warn::fp_error(flags, "reduce");
        return r;
    }
    if p == 0.0 {
        return sum_map(
            x,
            ax,
            keepdims,
            |v: T| {
                if v.nabs2() == R::<T>::zero() {
                    R::<T>::zero()
                } else {
                    R::<T>::one()
                }
            },
            |s: R<T>| s,
        );
    }
    if p == f64::INFINITY {
        return reduce_map(
            x,
            ax,
            keepdims,
            |v: T| v.nabs(),
            Max(R::<T>::zero()),
            R::<T>::zero(),
            |s: R<T>| s,
        );
    }
    if p == f64::NEG_INFINITY {
        return reduce_map(
            x,
            ax,
            keepdims,
            |v: T| v.nabs(),
            Min(R::<T>::highest()),
            R::<T>::highest(),
            |s: R<T>| s,
        );
    }
    let pr: R<T> = R::<T>::from_wide(crate::dtype::Wide::F(p));
    let inv: R<T> = R::<T>::from_wide(crate::dtype::Wide::F(1.0 / p));
    sum_map(
        x,
        ax,
        keepdims,
        move |v: T| v.nabs().pow(pr),
        move |s: R<T>| s.pow(inv),
    )
}

/// Reports what NumPy's two steps raise where a fused sum of squares is not finite: the
/// squares ("overflow encountered in multiply") and their sum ("... in reduce"), or both as
/// "dot". The fused pass cannot tell which step overflowed, so both run again, apart.
fn square_sum_flags<T: NormInput>(x: &Array, ax: &Axes, dot: bool) -> Result<()> {
    type R<T> = <T as NormInput>::R;
    let squares = Array::uninit(x.shape(), R::<T>::DTYPE)?;
    let ((), squaring) = fpstatus::collect(|| map1_cold(&squares, x, |v: T| v.nabs2()));
    let (sum, summing) =
        fpstatus::collect(|| sum_map(&squares, ax, false, |v: R<T>| v, |s: R<T>| s));
    sum?;
    if dot {
        crate::warn::fp_error(squaring | summing, "dot");
    } else {
        crate::warn::fp_error(squaring, "multiply");
        crate::warn::fp_error(summing, "reduce");
    }
    Ok(())
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
        assert_eq!(
            n.to_vec::<f64>(),
            vec![(9.0f64 + 16.0 + 144.0 + 25.0).sqrt()]
        );
        let n = norm(&a, NormOrd::Default, Some(&[1]), false).unwrap();
        assert_eq!(n.to_vec::<f64>(), vec![5.0, 13.0]);
        let n = norm(&a, NormOrd::P(1.0), Some(&[0]), true).unwrap();
        assert_eq!(n.shape(), &[1, 3]);
        assert_eq!(n.to_vec::<f64>(), vec![15.0, 9.0, 0.0]);
        let c = Array::from_vec(vec![crate::Complex64::new(3.0, 4.0)], &[1]).unwrap();
        assert_eq!(
            norm(&c, NormOrd::Default, None, false)
                .unwrap()
                .to_vec::<f64>(),
            vec![5.0]
        );
    }
}
