//! `isclose` / `allclose` in one pass: NumPy's formula
//! `(|x - y| <= atol + rtol * |y|) & isfinite(y) | (x == y)` (with `| isnan(x) & isnan(y)`
//! under `equal_nan`), evaluated element by element in the arrays' own precision (Python
//! float tolerances are weak scalars, so a float32 pair compares in float32), with no
//! temporaries. Used where both arrays have one inexact dtype, one shape and C order; other
//! cases go through the ufunc composition in Python, which is NumPy's own code.

use super::{for_ranges, slice_of, slice_of_new};
use crate::array::Array;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::iter::SendPtr;
use num_complex::{Complex32, Complex64};
use std::sync::atomic::{AtomicBool, Ordering};

/// The element types the fused test is compiled for.
trait Close: Copy + Send + Sync + 'static {
    type Real: Copy + Send + Sync;
    fn real(v: f64) -> Self::Real;
    fn close(x: Self, y: Self, rtol: Self::Real, atol: Self::Real, equal_nan: bool) -> bool;
}

macro_rules! close_real {
    ($($t:ty),*) => {$(
        impl Close for $t {
            type Real = $t;
            #[inline(always)]
            fn real(v: f64) -> $t {
                v as $t
            }
            #[inline(always)]
            fn close(x: $t, y: $t, rtol: $t, atol: $t, equal_nan: bool) -> bool {
                ((x - y).abs() <= atol + rtol * y.abs()) & y.is_finite()
                    | (x == y)
                    | (equal_nan & x.is_nan() & y.is_nan())
            }
        }
    )*};
}
close_real!(f32, f64);

macro_rules! close_complex {
    ($($t:ty => $r:ty),*) => {$(
        impl Close for $t {
            type Real = $r;
            #[inline(always)]
            fn real(v: f64) -> $r {
                v as $r
            }
            #[inline(always)]
            fn close(x: $t, y: $t, rtol: $r, atol: $r, equal_nan: bool) -> bool {
                let d = x - y;
                let finite = y.re.is_finite() & y.im.is_finite();
                let nan = |z: $t| z.re.is_nan() | z.im.is_nan();
                (d.re.hypot(d.im) <= atol + rtol * y.re.hypot(y.im)) & finite
                    | (x == y)
                    | (equal_nan && nan(x) && nan(y))
            }
        }
    )*};
}
close_complex!(Complex32 => f32, Complex64 => f64);

/// Elements per task when checking for `allclose` (the answer may come before the end).
const CHUNK: usize = 1 << 14;

fn run<T: Close + crate::dtype::Element>(
    x: &Array,
    y: &Array,
    rtol: f64,
    atol: f64,
    equal_nan: bool,
    all: bool,
) -> Result<Array> {
    let (xs, ys) = (slice_of::<T>(x), slice_of::<T>(y));
    let (rtol, atol) = (T::real(rtol), T::real(atol));
    let n = xs.len();
    if all {
        let fail = AtomicBool::new(false);
        for_ranges(n.div_ceil(CHUNK), n, &|s, e| {
            for c in s..e {
                if fail.load(Ordering::Relaxed) {
                    return;
                }
                let r = c * CHUNK..((c + 1) * CHUNK).min(n);
                let ok = xs[r.clone()]
                    .iter()
                    .zip(&ys[r])
                    .fold(true, |acc, (&a, &b)| {
                        acc & T::close(a, b, rtol, atol, equal_nan)
                    });
                if !ok {
                    fail.store(true, Ordering::Relaxed);
                }
            }
        });
        return Ok(Array::scalar(!fail.load(Ordering::Relaxed)));
    }
    let out = Array::uninit(x.shape(), DType::Bool)?;
    let dst = SendPtr(slice_of_new::<bool>(&out).as_mut_ptr());
    for_ranges(n, n, &|s, e| {
        // SAFETY: `s..e` lies inside the result, whose length is `n`; one task per range.
        let o = unsafe { std::slice::from_raw_parts_mut(dst.at(s as isize), e - s) };
        for ((r, &a), &b) in o.iter_mut().zip(&xs[s..e]).zip(&ys[s..e]) {
            *r = T::close(a, b, rtol, atol, equal_nan);
        }
    });
    Ok(out)
}

/// Whether the fused pass applies: one inexact dtype (not float16), one shape, C order.
pub fn fusable(x: &Array, y: &Array) -> bool {
    x.dtype() == y.dtype()
        && matches!(
            x.dtype(),
            DType::F32 | DType::F64 | DType::C64 | DType::C128
        )
        && x.shape() == y.shape()
        && x.is_c_contiguous()
        && y.is_c_contiguous()
}

/// `isclose(x, y)` as a bool array of their shape, or with `all`, `allclose` as a 0-d bool.
pub fn isclose(
    x: &Array,
    y: &Array,
    rtol: f64,
    atol: f64,
    equal_nan: bool,
    all: bool,
) -> Result<Array> {
    if !fusable(x, y) {
        return Err(Error::value("isclose: no fused loop for these operands"));
    }
    match x.dtype() {
        DType::F32 => run::<f32>(x, y, rtol, atol, equal_nan, all),
        DType::F64 => run::<f64>(x, y, rtol, atol, equal_nan, all),
        DType::C64 => run::<Complex32>(x, y, rtol, atol, equal_nan, all),
        _ => run::<Complex64>(x, y, rtol, atol, equal_nan, all),
    }
}
