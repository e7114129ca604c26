//! `numpy.gradient` and `numpy.trapezoid` for real floating-point data with uniform (scalar)
//! spacing, each in one pass instead of NumPy's chain of slices and ufunc calls. The values
//! are NumPy's bit for bit because every element goes through the same operations in the same
//! order and precision as NumPy's ufunc loops: the Python-float factors (`2. * dx`,
//! `-1.5 / dx`, ...) are computed in double and cast to the array's dtype (NEP 50 weak
//! scalars), and float16 computes each operation in float32 and rounds the result.
//!
//! A pass that raises a floating-point flag (an infinity minus an infinity, an overflow, ...)
//! returns `None`: NumPy names the ufunc in its warning, so the caller then runs the ufunc
//! composition, which reports each one as NumPy does.

use super::{contiguous_as, for_ranges, slice_of, slice_of_new};
use crate::array::Array;
use crate::dtype::{DType, Element, Wide};
use crate::error::Result;
use crate::iter::SendPtr;
use crate::kernels::fpstatus;
use crate::kernels::scalar::Num;
use crate::ops::reduce;
use half::f16;
use std::sync::atomic::{AtomicU8, Ordering};

/// A Python float cast to the dtype `T` (NEP 50 weak scalar): straight from double, one
/// rounding (float16 too, as `npy_double_to_half`). The element operations are `Num`'s, which
/// for float16 compute in float32 and round, as NumPy's half loops do.
#[inline(always)]
fn of<T: Element>(v: f64) -> T {
    T::from_wide(Wide::F(v))
}

/// The dtype `gradient` computes in for `dtype`, where the fused pass applies: float16/32/64
/// stay, integers become float64 (NumPy's `f.astype(float64)`); others (bool, complex,
/// datetimes) are left to the ufunc composition.
pub fn gradient_dtype(dtype: DType) -> Option<DType> {
    match dtype {
        DType::F16 | DType::F32 | DType::F64 => Some(dtype),
        d if d.is_integer() => Some(DType::F64),
        _ => None,
    }
}

/// `(outer, n, inner)`: the elements before, along and after `axis` of a C-order `shape`.
fn split(shape: &[usize], axis: usize) -> (usize, usize, usize) {
    let outer = shape[..axis].iter().product();
    let inner = shape[axis + 1..].iter().product();
    (outer, shape[axis], inner)
}

/// Runs `f(start, end)` over `0..rows` split for the pool, and returns the floating-point
/// flags any part raised (each task reads its own thread's flags).
fn collect_ranges(rows: usize, work: usize, f: &(dyn Fn(usize, usize) + Sync)) -> u8 {
    let flags = AtomicU8::new(0);
    for_ranges(rows, work, &|s, e| {
        let ((), raised) = fpstatus::collect(|| f(s, e));
        flags.fetch_or(raised, Ordering::Relaxed);
    });
    flags.into_inner()
}

/// One axis of the gradient of the C-contiguous `x` (shape `shape`) into `out`; the flags
/// raised.
fn gradient_axis<T: Num>(
    x: &[T],
    out: &mut [T],
    shape: &[usize],
    axis: usize,
    dx: f64,
    edge_order: usize,
) -> u8 {
    let (outer, n, inner) = split(shape, axis);
    let two_dx = of::<T>(2.0 * dx);
    let dxt = of::<T>(dx);
    let (a0, b0, c0) = (of::<T>(-1.5 / dx), of::<T>(2.0 / dx), of::<T>(-0.5 / dx));
    let (a1, b1, c1) = (of::<T>(0.5 / dx), of::<T>(-2.0 / dx), of::<T>(1.5 / dx));
    let dst = SendPtr(out.as_mut_ptr());
    // Rows are the `outer * n` positions along the axis, each `inner` elements long.
    collect_ranges(outer * n, x.len(), &|s, e| {
        let mut row = s;
        while row < e {
            let (b, i) = (row / n, row % n);
            if inner == 1 && i > 0 && i < n - 1 {
                // A run of interior points of one line, as one slice loop (it vectorises).
                let end = e.min(b * n + n - 1);
                // SAFETY: `row..end` lies in `out` and in this task's range, written by no
                // other task, and `out` does not overlap `x`.
                let o = unsafe { std::slice::from_raw_parts_mut(dst.at(row as isize), end - row) };
                for ((o, &h), &l) in o
                    .iter_mut()
                    .zip(&x[row + 1..end + 1])
                    .zip(&x[row - 1..end - 1])
                {
                    *o = h.sub(l).div(two_dx);
                }
                row = end;
                continue;
            }
            let base = b * n * inner;
            let at = |j: usize, k: usize| x[base + j * inner + k];
            let o = row * inner;
            for k in 0..inner {
                let v = if i == 0 {
                    if edge_order == 1 {
                        at(1, k).sub(at(0, k)).div(dxt)
                    } else {
                        a0.mul(at(0, k)).add(b0.mul(at(1, k))).add(c0.mul(at(2, k)))
                    }
                } else if i == n - 1 {
                    if edge_order == 1 {
                        at(n - 1, k).sub(at(n - 2, k)).div(dxt)
                    } else {
                        a1.mul(at(n - 3, k))
                            .add(b1.mul(at(n - 2, k)))
                            .add(c1.mul(at(n - 1, k)))
                    }
                } else {
                    at(i + 1, k).sub(at(i - 1, k)).div(two_dx)
                };
                // SAFETY: `o + k < outer * n * inner`, the length of `out`; each row is
                // written by one task only.
                unsafe { *dst.at((o + k) as isize) = v };
            }
            row += 1;
        }
    })
}

/// NumPy's `gradient(f, dx, axis=axes, edge_order=edge_order)` for one scalar spacing per axis
/// (`dx[j]` for `axes[j]`) and real `f` (`gradient_dtype`): one C-order array per axis, or
/// `None` where a floating-point flag was raised (see the module comment). The caller has
/// checked `edge_order` (1 or 2), the axes (in range) and that each has at least
/// `edge_order + 1` elements.
pub fn gradient(
    f: &Array,
    axes: &[usize],
    dx: &[f64],
    edge_order: usize,
) -> Result<Option<Vec<Array>>> {
    let Some(dt) = gradient_dtype(f.dtype()) else {
        return Ok(None);
    };
    let x = contiguous_as(f, dt)?;
    let mut outs = Vec::with_capacity(axes.len());
    for (&axis, &d) in axes.iter().zip(dx) {
        let out = Array::uninit(f.shape(), dt)?;
        let flags = match dt {
            DType::F16 => gradient_axis(
                slice_of::<f16>(&x),
                slice_of_new(&out),
                f.shape(),
                axis,
                d,
                edge_order,
            ),
            DType::F32 => gradient_axis(
                slice_of::<f32>(&x),
                slice_of_new(&out),
                f.shape(),
                axis,
                d,
                edge_order,
            ),
            _ => gradient_axis(
                slice_of::<f64>(&x),
                slice_of_new(&out),
                f.shape(),
                axis,
                d,
                edge_order,
            ),
        };
        if flags != 0 {
            return Ok(None);
        }
        outs.push(out);
    }
    Ok(Some(outs))
}

/// The spacing of `trapezoid`: a Python float, or sample points `x` (1-d along the axis, or
/// of `y`'s shape).
pub enum Spacing<'a> {
    Dx(f64),
    X(&'a Array),
}

/// `o[j] = d * (hi[j] + lo[j]) / 2` with one `d` (slice loops, so they vectorise).
#[inline(always)]
fn terms_by<T: Num>(o: &mut [T], hi: &[T], lo: &[T], d: T, two: T) {
    for ((o, &h), &l) in o.iter_mut().zip(hi).zip(lo) {
        *o = d.mul(h.add(l)).div(two);
    }
}

/// `o[j] = (xh[j] - xl[j]) * (hi[j] + lo[j]) / 2`.
#[inline(always)]
fn terms_at<T: Num>(o: &mut [T], hi: &[T], lo: &[T], xh: &[T], xl: &[T], two: T) {
    for ((((o, &h), &l), &xh), &xl) in o.iter_mut().zip(hi).zip(lo).zip(xh).zip(xl) {
        *o = xh.sub(xl).mul(h.add(l)).div(two);
    }
}

/// `d * (y[1:] + y[:-1]) / 2.0` along `axis` into `out` (C order, `y`'s shape with `n - 1`
/// along the axis); `d` is the Python float `dx`, or the differences of `x` (C-contiguous,
/// 1-d along the axis or of `y`'s shape). The flags raised.
fn trapezoid_terms<T: Num>(
    y: &[T],
    x: Option<&[T]>,
    dx: f64,
    out: &mut [T],
    shape: &[usize],
    axis: usize,
) -> u8 {
    let (outer, n, inner) = split(shape, axis);
    let m = n - 1;
    let (d0, two) = (of::<T>(dx), of::<T>(2.0));
    let x_full = x.is_some_and(|x| x.len() == y.len() && shape.len() > 1);
    let dst = SendPtr(out.as_mut_ptr());
    // Rows are the `outer * m` terms along the axis, each `inner` elements long; a task
    // takes the rows of one line at a time: one row when `inner > 1`, else a run of them.
    collect_ranges(outer * m, y.len(), &|s, e| {
        let mut row = s;
        while row < e {
            let (b, i) = (row / m, row % m);
            let rows = if inner == 1 {
                e.min((b + 1) * m) - row
            } else {
                1
            };
            let len = rows * inner;
            let lo = (b * n + i) * inner;
            let hi = lo + inner;
            // SAFETY: `row * inner .. row * inner + len` lies in `out`, in this task's range
            // (no other task writes it), and `out` overlaps neither `x` nor `y`.
            let o = unsafe { std::slice::from_raw_parts_mut(dst.at((row * inner) as isize), len) };
            let (yh, yl) = (&y[hi..hi + len], &y[lo..lo + len]);
            match x {
                None => terms_by(o, yh, yl, d0, two),
                Some(x) if x_full => terms_at(o, yh, yl, &x[hi..hi + len], &x[lo..lo + len], two),
                Some(x) if inner == 1 => {
                    terms_at(o, yh, yl, &x[i + 1..i + 1 + len], &x[i..i + len], two)
                }
                Some(x) => terms_by(o, yh, yl, x[i + 1].sub(x[i]), two),
            }
            row += rows;
        }
    })
}

/// NumPy's `trapezoid(y, x or dx, axis)` for float16/32/64 `y` that is 1-d or C-contiguous,
/// with `x` (if any) of `y`'s dtype, C-contiguous, and 1-d of `y`'s length along `axis` or of
/// `y`'s shape: the terms in one pass, summed by the engine's `sum` (NumPy's pairwise order).
/// `None` where these do not hold or a floating-point flag was raised in the terms.
pub fn trapezoid(y: &Array, spacing: Spacing<'_>, axis: usize) -> Result<Option<Array>> {
    let dt = y.dtype();
    if !matches!(dt, DType::F16 | DType::F32 | DType::F64) || axis >= y.ndim() {
        return Ok(None);
    }
    if y.ndim() > 1 && !y.is_c_contiguous() {
        return Ok(None);
    }
    let n = y.shape()[axis];
    let x = match spacing {
        Spacing::Dx(_) => None,
        Spacing::X(x) => {
            let fits = (x.ndim() == 1 && x.shape()[0] == n) || x.shape() == y.shape();
            if x.dtype() != dt || !fits || (x.ndim() > 1 && !x.is_c_contiguous()) {
                return Ok(None);
            }
            Some(x.as_contiguous()?)
        }
    };
    let dx = match spacing {
        Spacing::Dx(d) => d,
        Spacing::X(_) => 1.0,
    };
    let yc = y.as_contiguous()?;
    let mut shape = y.shape().to_vec();
    shape[axis] = n.saturating_sub(1);
    let terms = Array::uninit(&shape, dt)?;
    if n >= 2 {
        let flags = match dt {
            DType::F16 => trapezoid_terms(
                slice_of::<f16>(&yc),
                x.as_ref().map(slice_of::<f16>),
                dx,
                slice_of_new(&terms),
                y.shape(),
                axis,
            ),
            DType::F32 => trapezoid_terms(
                slice_of::<f32>(&yc),
                x.as_ref().map(slice_of::<f32>),
                dx,
                slice_of_new(&terms),
                y.shape(),
                axis,
            ),
            _ => trapezoid_terms(
                slice_of::<f64>(&yc),
                x.as_ref().map(slice_of::<f64>),
                dx,
                slice_of_new(&terms),
                y.shape(),
                axis,
            ),
        };
        if flags != 0 {
            return Ok(None);
        }
    }
    let ax = [axis as isize];
    Ok(Some(reduce::sum(&terms, Some(&ax), false, None)?))
}
