//! Statistics built from folds, in the steps and dtypes NumPy's own implementations take
//! (`numpy/_core/_methods.py`, `numpy/lib/_nanfunctions_impl.py`), so results match to the bit:
//! `mean`, `var`, `std`, `ptp`, `average` and the NaN-skipping `nanmean`, `nanvar`, `nanstd`.

use crate::array::Array;
use crate::dispatch;
use crate::dtype::{promote, DType, Element, Wide};
use crate::error::{Error, Result};
use crate::kernels::scalar::Num;
use crate::kernels::{fpstatus, map1_cold, map2, map2_cold};
use crate::ops::reduce::{keep_dims, reduce, reduce_map, Axes, Fold, ReduceSpec};
use crate::ops::ufunc::{binary, unary, BinaryOp, Operand, UnaryOp};
use crate::warn;
use num_complex::Complex64;

/// How many elements each result of a reduction over `spec` combines, as int64: one 0-d count
/// without a mask, else one per result (kept axes as 1 when `keepdims`).
fn counts(a: &Array, spec: &ReduceSpec, keepdims: bool) -> Result<Array> {
    let ax = Axes::new(spec.axes, a.ndim())?;
    match spec.mask {
        None => {
            let n: usize = (0..a.ndim())
                .filter(|&k| ax.is_reduced(k))
                .map(|k| a.shape()[k])
                .product();
            // One count for every result, as NumPy's scalar `rcount`; it broadcasts.
            Ok(Array::scalar(n as i64))
        }
        Some(m) => {
            let m = m.broadcast_to(a.shape())?;
            let r = reduce_map(
                &m.astype(DType::Bool)?,
                &ax,
                false,
                |v: bool| v as i64,
                crate::kernels::reduce::Sum,
                0i64,
                |v| v,
            )?;
            keep_dims(r, &ax, a.shape(), keepdims)
        }
    }
}

/// Counts of non-NaN elements (the masked-out ones already NaN).
fn counts_not_nan(x: &Array, spec: &ReduceSpec, keepdims: bool) -> Result<Array> {
    let ax = Axes::new(spec.axes, x.ndim())?;
    let r = dispatch!(x.dtype(), T => {
            reduce_map(x, &ax, false, |v: T| (!v.is_nan_()) as i64, crate::kernels::reduce::Sum, 0i64, |v| v)
    })?;
    keep_dims(r, &ax, x.shape(), keepdims)
}

fn any_at_most(c: &Array, limit: f64) -> bool {
    c.to_vec::<i64>().iter().any(|&n| (n as f64) <= limit)
}

/// `s / n` as NumPy's `true_divide(s, count, out=s, casting='unsafe')` computes it: in float64
/// (complex128 for complex sums), then cast back to `s`'s dtype. `n` broadcasts against `s`.
/// `s / n` per element; the floating-point errors (0/0, x/0 of an empty slice or `ddof >= n`)
/// are reported under `op`, or not at all for the NaN-skipping functions, which NumPy runs
/// under `errstate(divide='ignore', invalid='ignore')`.
fn divide_by(s: &Array, n: &Array, op: Option<&'static str>) -> Result<Array> {
    let n = n.broadcast_to(s.shape())?;
    let out = Array::uninit(s.shape(), s.dtype())?;
    let ((), flags) = fpstatus::collect(|| {
        dispatch!(s.dtype(), T => {
            map2(&out, s, &n, |v: T, n: f64| {
                T::from_wide(match v.to_wide() {
                    Wide::C(re, im) => {
                        let q = Num::div(Complex64::new(re, im), Complex64::new(n, 0.0));
                        Wide::C(q.re, q.im)
                    }
                    w => Wide::F(w.to_f64() / n),
                })
            });
        })
    });
    if let Some(op) = op {
        warn::fp_error(flags, op);
    }
    Ok(out)
}

/// The name NumPy's errors of a mean's or variance's last division carry: a float64 or
/// complex128 NumPy scalar divides by its count in NumPy's scalar math ("scalar divide"),
/// anything else in the `divide` ufunc.
fn quotient_op(q: &Array, into_array: bool) -> &'static str {
    if q.ndim() == 0 && !into_array && matches!(q.dtype(), DType::F64 | DType::C128) {
        "scalar divide"
    } else {
        "divide"
    }
}

fn as_f64(c: &Array) -> Result<Array> {
    c.astype(DType::F64)
}

/// `mean(a, axis, dtype, keepdims, where)`.
pub fn mean(a: &Array, spec: &ReduceSpec) -> Result<Array> {
    let count = counts(a, spec, spec.keepdims)?;
    if any_at_most(&count, 0.0) {
        warn::emit("Mean of empty slice");
    }
    let (dt, half) = match spec.dtype {
        Some(d) => (d, false),
        None if !a.dtype().is_inexact() => (DType::F64, false),
        None if a.dtype() == DType::F16 => (DType::F32, true),
        None => (a.dtype(), false),
    };
    let s = reduce(
        a,
        Fold::Sum,
        &ReduceSpec {
            dtype: Some(dt),
            ..*spec
        },
    )?;
    if half && s.ndim() == 0 {
        // A whole-array mean is a NumPy scalar: `float16(sum / count)` rounds the float64
        // quotient once, where an array result is divided in float32 first.
        let n = count.to_vec::<i64>()[0] as f64;
        let (q, flags) = fpstatus::collect(|| s.item().map(|v| v.to_f64() / n));
        warn::fp_error(flags, "divide");
        let q = q?;
        return Array::from_scalar(Wide::F(q), DType::F16);
    }
    let m = divide_by(&s, &as_f64(&count)?, Some(quotient_op(&s, false)))?;
    if half {
        return m.astype(DType::F16);
    }
    Ok(m)
}

/// The dtype `var` computes the mean and sums in: float64 for integers unless `dtype` says.
fn var_dtype(a: DType, dtype: Option<DType>) -> Option<DType> {
    match dtype {
        None if !a.is_inexact() => Some(DType::F64),
        d => d,
    }
}

/// `|x - mean|^2` element-wise, as NumPy forms it: the difference in the promoted dtype, then
/// squared (complex: the squares of both parts, added, in the part dtype).
fn squared_deviations(a: &Array, mean: &Array, diff_dtype: DType) -> Result<Array> {
    if diff_dtype == DType::Bool {
        return Err(Error::type_(
            "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.",
        ));
    }
    let x = if a.dtype() == diff_dtype {
        a.clone()
    } else {
        a.astype(diff_dtype)?
    };
    let m = if mean.dtype() == diff_dtype {
        mean.clone()
    } else {
        mean.astype(diff_dtype)?
    };
    let m = m.broadcast_to(a.shape())?;
    let out = Array::uninit(a.shape(), diff_dtype.real())?;
    let ((), flags) = fpstatus::collect(
        || dispatch!(diff_dtype, T => map2(&out, &x, &m, |v: T, m: T| Num::abs2(Num::sub(v, m)))),
    );
    if flags != 0 {
        // NumPy takes two steps, and names each one's errors: the fused pass runs again, apart.
        let d = Array::uninit(a.shape(), diff_dtype)?;
        let ((), subtracting) = fpstatus::collect(
            || dispatch!(diff_dtype, T => map2_cold(&d, &x, &m, |v: T, m: T| Num::sub(v, m))),
        );
        let ((), squaring) = fpstatus::collect(
            || dispatch!(diff_dtype, T => map1_cold(&out, &d, |v: T| Num::abs2(v))),
        );
        warn::fp_error(subtracting, "subtract");
        warn::fp_error(squaring, "square");
    }
    Ok(out)
}

/// The dtype the last sum of a variance accumulates in: `dtype=` (float64 for integers), else
/// with an `out=` of dtype `out` the promotion of it and the squares' dtype (NumPy resolves
/// that sum's loop from its output), else the squares' own.
fn sum_of_squares_dtype(
    a: DType,
    dtype: Option<DType>,
    squares: DType,
    out: Option<DType>,
) -> Option<DType> {
    match (var_dtype(a, dtype), out) {
        (Some(d), _) if !a.is_complex() || dtype.is_some() => Some(d),
        (_, Some(o)) => Some(promote(o, squares)),
        _ => None,
    }
}

/// `var(a, axis, dtype, ddof, keepdims, where, mean)`: two passes, the mean first unless given
/// (with the reduction's keepdims shape, as NumPy's `mean=` takes it). `out` is the dtype of
/// an `out=` array the result will be written to (it decides the last sum's dtype).
pub fn var(
    a: &Array,
    spec: &ReduceSpec,
    ddof: f64,
    mean: Option<&Array>,
    out: Option<DType>,
) -> Result<Array> {
    let count = counts(a, spec, spec.keepdims)?;
    if any_at_most(&count, ddof) {
        warn::emit("Degrees of freedom <= 0 for slice");
    }
    let dt = var_dtype(a.dtype(), spec.dtype);
    let mean = match mean {
        Some(m) => m.clone(),
        None => {
            let keep = ReduceSpec {
                keepdims: true,
                dtype: dt,
                ..*spec
            };
            divide_by(
                &reduce(a, Fold::Sum, &keep)?,
                &as_f64(&counts(a, spec, true)?)?,
                Some("divide"),
            )?
        }
    };
    let sq = squared_deviations(a, &mean, promote(a.dtype(), mean.dtype()))?;
    let ss = reduce(
        &sq,
        Fold::Sum,
        &ReduceSpec {
            dtype: sum_of_squares_dtype(a.dtype(), spec.dtype, sq.dtype(), out),
            ..*spec
        },
    )?;
    let dof = dispatch_dof(&count, ddof)?;
    divide_by(&ss, &dof, Some(quotient_op(&ss, out.is_some())))
}

/// `max(count - ddof, 0)` in float64.
fn dispatch_dof(count: &Array, ddof: f64) -> Result<Array> {
    let v: Vec<f64> = count
        .to_vec::<i64>()
        .iter()
        .map(|&n| (n as f64 - ddof).max(0.0))
        .collect();
    Array::from_vec(v, count.shape())
}

/// The square root of a variance, in the variance's dtype. NumPy takes it in place
/// (`sqrt(v, out=v)`, `in_place`) when the variance is an array (or `out=`), which an integer
/// `dtype=` cannot hold; a NumPy-scalar variance is converted back (`v.dtype.type(sqrt(v))`).
pub fn sqrt_of_variance(v: Array, in_place: bool) -> Result<Array> {
    let r = unary(UnaryOp::Sqrt, &v, None)?;
    if r.dtype() == v.dtype() {
        return Ok(r);
    }
    if in_place && !r.dtype().can_cast_same_kind(v.dtype()) {
        return Err(Error::type_(format!(
            "Cannot cast ufunc 'sqrt' output from dtype('{}') to dtype('{}') with casting rule 'same_kind'",
            r.dtype(),
            v.dtype()
        )));
    }
    r.astype(v.dtype())
}

/// `std(a, ...)`: the square root of `var`.
pub fn std(
    a: &Array,
    spec: &ReduceSpec,
    ddof: f64,
    mean: Option<&Array>,
    out: Option<DType>,
) -> Result<Array> {
    let v = var(a, spec, ddof, mean, out)?;
    let in_place = v.ndim() > 0 || out.is_some();
    sqrt_of_variance(v, in_place)
}

/// NaN at every masked-out position, so that NaN-skipping folds pass over them.
fn nan_masked(a: &Array, spec: &ReduceSpec) -> Result<Array> {
    match spec.mask {
        None => Ok(a.clone()),
        Some(m) => {
            let m = m.broadcast_to(a.shape())?.astype(DType::Bool)?;
            let out = Array::uninit(a.shape(), a.dtype())?;
            dispatch!(a.dtype(), T => {
                let nan = T::from_wide(Wide::F(f64::NAN));
                map2(&out, a, &m, |v: T, keep: bool| if keep { v } else { nan });
            });
            Ok(out)
        }
    }
}

/// `nanmean`: the mean of the non-NaN elements; integers are `mean`.
pub fn nanmean(a: &Array, spec: &ReduceSpec) -> Result<Array> {
    if !a.dtype().is_inexact() {
        return mean(a, spec);
    }
    let x = nan_masked(a, spec)?;
    let plain = ReduceSpec {
        mask: None,
        ..*spec
    };
    let count = counts_not_nan(&x, &plain, spec.keepdims)?;
    let total = reduce(&x, Fold::NanSum, &plain)?;
    if any_at_most(&count, 0.0) {
        warn::emit("Mean of empty slice");
    }
    divide_by(&total, &as_f64(&count)?, None)
}

/// `nanvar`: the variance of the non-NaN elements; NaN (with NumPy's warning) where fewer than
/// `ddof + 1` remain. `mean` and `out` as for `var`.
pub fn nanvar(
    a: &Array,
    spec: &ReduceSpec,
    ddof: f64,
    mean: Option<&Array>,
    out: Option<DType>,
) -> Result<Array> {
    if !a.dtype().is_inexact() {
        return var(a, spec, ddof, mean, out);
    }
    let x = nan_masked(a, spec)?;
    let plain = ReduceSpec {
        mask: None,
        ..*spec
    };
    let avg = match mean {
        Some(m) => m.clone(),
        None => {
            let cnt = counts_not_nan(&x, &plain, true)?;
            let s = reduce(
                &x,
                Fold::NanSum,
                &ReduceSpec {
                    keepdims: true,
                    ..plain
                },
            )?;
            divide_by(&s, &as_f64(&cnt)?, None)?
        }
    };
    // NumPy subtracts into the input's dtype (casting='unsafe'), zeroes the NaN positions, then
    // squares in place.
    let diff_dt = promote(x.dtype(), avg.dtype());
    let xd = x.astype(diff_dt)?;
    let av = avg.astype(diff_dt)?.broadcast_to(x.shape())?;
    let dev = Array::uninit(x.shape(), x.dtype())?;
    dispatch!(diff_dt, D => {
        dispatch_dev::<D>(&dev, &xd, &av)?;
    });
    let sq = dispatch!(x.dtype(), T => {
        let out = Array::uninit(x.shape(), x.dtype().real())?;
            map2(&out, &dev, &x, |d: T, orig: T| if orig.is_nan_() { Num::abs2(T::zero()) } else { Num::abs2(d) });
        out
    });
    let ss = reduce(
        &sq,
        Fold::Sum,
        &ReduceSpec {
            dtype: spec.dtype.or(out.map(|o| promote(o, sq.dtype()))),
            ..plain
        },
    )?;
    let cnt = counts_not_nan(&x, &plain, spec.keepdims)?;
    let dof: Vec<f64> = cnt
        .to_vec::<i64>()
        .iter()
        .map(|&n| n as f64 - ddof)
        .collect();
    let bad = dof.iter().any(|&d| d <= 0.0);
    let dof = Array::from_vec(dof.clone(), cnt.shape())?;
    let v = divide_by(&ss, &dof, None)?;
    if bad {
        warn::emit("Degrees of freedom <= 0 for slice.");
        let nan_where = Array::from_vec(
            dof.to_vec::<f64>()
                .iter()
                .map(|&d| d <= 0.0)
                .collect::<Vec<bool>>(),
            cnt.shape(),
        )?;
        let out = Array::uninit(v.shape(), v.dtype())?;
        dispatch!(v.dtype(), T => {
            let nan = T::from_wide(Wide::F(f64::NAN));
            map2(&out, &v, &nan_where.broadcast_to(v.shape())?, |x: T, b: bool| if b { nan } else { x });
        });
        return Ok(out);
    }
    Ok(v)
}

/// `x - avg` computed in `D`, stored (cast) into `dev`'s dtype.
fn dispatch_dev<D: Num>(dev: &Array, xd: &Array, av: &Array) -> Result<()> {
    let tmp = Array::uninit(xd.shape(), D::DTYPE)?;
    map2(&tmp, xd, av, |v: D, m: D| Num::sub(v, m));
    dev.assign(&tmp)
}

/// `nanstd`: the square root of `nanvar`.
pub fn nanstd(
    a: &Array,
    spec: &ReduceSpec,
    ddof: f64,
    mean: Option<&Array>,
    out: Option<DType>,
) -> Result<Array> {
    let v = nanvar(a, spec, ddof, mean, out)?;
    let in_place = v.ndim() > 0 || out.is_some();
    sqrt_of_variance(v, in_place)
}

/// `ptp(a, axis, keepdims)`: `max - min`.
pub fn ptp(a: &Array, axes: Option<&[isize]>, keepdims: bool) -> Result<Array> {
    let spec = ReduceSpec {
        axes,
        keepdims,
        ..Default::default()
    };
    let hi = reduce(a, Fold::Max, &spec)?;
    let lo = reduce(a, Fold::Min, &spec)?;
    binary(
        BinaryOp::Subtract,
        Operand::Array(&hi),
        Operand::Array(&lo),
        None,
    )
}

/// `ptp(a, axis, out, keepdims)` into `out`, in NumPy's steps: the maximum is written to `out`
/// (cast to its dtype), then `subtract(out, min, out=out)` checks its casting ('same_kind').
pub fn ptp_into(a: &Array, axes: Option<&[isize]>, keepdims: bool, out: &Array) -> Result<Array> {
    let spec = ReduceSpec {
        axes,
        keepdims,
        ..Default::default()
    };
    let hi = reduce(a, Fold::Max, &spec)?;
    if out.shape() != hi.shape() {
        return Err(Error::value(format!(
            "output parameter for reduction operation maximum has the wrong shape: Found {} but expected {}",
            crate::layout::shape_str(out.shape()),
            crate::layout::shape_str(hi.shape())
        )));
    }
    let hi = hi.astype(out.dtype())?;
    let lo = reduce(a, Fold::Min, &spec)?;
    binary(
        BinaryOp::Subtract,
        Operand::Array(&hi),
        Operand::Array(&lo),
        Some(out),
    )
}

/// `average(a, axis, weights, keepdims)`, returning the average and the sum of weights (the
/// count, without weights) broadcast to the average's shape, as `returned=True` gives them.
pub fn average(
    a: &Array,
    axes: Option<&[isize]>,
    weights: Option<&Array>,
    keepdims: bool,
) -> Result<(Array, Array)> {
    let spec = ReduceSpec {
        axes,
        keepdims,
        ..Default::default()
    };
    let Some(w) = weights else {
        let avg = mean(a, &spec)?;
        if avg.size() == 0 {
            // NumPy's `a.size / avg.size`, a Python division.
            return Err(Error::Arithmetic("division by zero".into()));
        }
        let n = a.size() as f64 / avg.size() as f64;
        let scl = Array::full(avg.shape(), Wide::F(n), avg.dtype())?;
        return Ok((avg, scl));
    };
    let rdt = if a.dtype().is_inexact() {
        promote(a.dtype(), w.dtype())
    } else {
        promote(promote(a.dtype(), w.dtype()), DType::F64)
    };
    let w = if a.shape() == w.shape() {
        w.clone()
    } else {
        let Some(ax) = axes else {
            return Err(Error::type_(
                "Axis must be specified when shapes of a and weights differ.",
            ));
        };
        let mut norm: Vec<usize> = crate::layout::normalize_axes(ax, a.ndim())?
            .into_iter()
            .collect();
        let along: Vec<usize> = norm.iter().map(|&k| a.shape()[k]).collect();
        if w.shape() != along.as_slice() {
            return Err(Error::value(
                "Shape of weights must be consistent with shape of a along specified axis.",
            ));
        }
        // Weights' axes follow `axis` as given; put them in the input's order, then broadcast.
        let mut order: Vec<isize> = (0..norm.len() as isize).collect();
        order.sort_by_key(|&i| norm[i as usize]);
        let wt = w.transpose(Some(&order))?;
        norm.sort_unstable();
        let shape: Vec<isize> = (0..a.ndim())
            .map(|k| {
                if norm.contains(&k) {
                    a.shape()[k] as isize
                } else {
                    1
                }
            })
            .collect();
        wt.reshape(&shape)?
    };
    let scl = reduce(
        &w,
        Fold::Sum,
        &ReduceSpec {
            dtype: Some(rdt),
            ..spec
        },
    )?;
    let zero =
        dispatch!(scl.dtype(), T => scl.to_vec::<T>().iter().any(|&v| Num::eq_(v, T::zero())));
    if zero {
        return Err(Error::Arithmetic(
            "Weights sum to zero, can't be normalized".into(),
        ));
    }
    let (ac, wc) = (a.astype(rdt)?, w.astype(rdt)?);
    let prod = binary(
        BinaryOp::Multiply,
        Operand::Array(&ac),
        Operand::Array(&wc),
        None,
    )?;
    let s = reduce(&prod, Fold::Sum, &spec)?;
    let avg = binary(
        BinaryOp::TrueDivide,
        Operand::Array(&s),
        Operand::Array(&scl),
        None,
    )?;
    let scl = if scl.shape() == avg.shape() {
        scl
    } else {
        scl.broadcast_to(avg.shape())?
            .copy(crate::array::Order::C)?
    };
    Ok((avg, scl))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(axes: Option<&[isize]>) -> ReduceSpec<'_> {
        ReduceSpec::over(axes)
    }

    #[test]
    fn mean_var_std() {
        let a = Array::from_vec((0..6i32).collect(), &[2, 3]).unwrap();
        let m = mean(&a, &spec(Some(&[1]))).unwrap();
        assert_eq!(m.dtype(), DType::F64);
        assert_eq!(m.to_vec::<f64>(), vec![1.0, 4.0]);
        let v = var(&a, &spec(None), 0.0, None, None).unwrap();
        assert!((v.to_vec::<f64>()[0] - 35.0 / 12.0).abs() < 1e-12);
        let s = std(&a, &spec(Some(&[0])), 1.0, None, None).unwrap();
        assert_eq!(s.to_vec::<f64>(), vec![4.5f64.sqrt(); 3]);
    }
}
