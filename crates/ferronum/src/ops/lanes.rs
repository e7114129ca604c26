//! Operations that walk whole lanes along one axis, where a fold is not enough: the index of
//! the first extreme element (`argmax`, `argmin`, `nanargmax`, `nanargmin`) and running folds
//! (`cumsum`, `cumprod`, `nancumsum`, `nancumprod`).

use crate::array::Array;
use crate::dispatch;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::iter::{Plan, SendPtr};
use crate::kernels::fpstatus;
use crate::kernels::reduce::{pairwise, Max, Min, Sum};
use crate::kernels::scalar::Num;
use crate::layout::{normalize_axis, Layout, Strides};
use crate::ops::reduce::{reduce_map, sum_dtype, Axes};
use smallvec::SmallVec;

/// The input seen as lanes along `axis` (`None`: the flattened array, one lane).
struct Lanes {
    src: Array,
    axis: usize,
}

impl Lanes {
    fn new(a: &Array, axis: Option<isize>) -> Result<Lanes> {
        match axis {
            None => Ok(Lanes {
                src: a.ravel()?,
                axis: 0,
            }),
            Some(ax) => Ok(Lanes {
                src: a.clone(),
                axis: normalize_axis(ax, a.ndim().max(1))?,
            }),
        }
    }

    fn len(&self) -> usize {
        self.src.shape().get(self.axis).copied().unwrap_or(1)
    }

    fn stride(&self) -> isize {
        self.src.strides().get(self.axis).copied().unwrap_or(0)
    }

    /// The layout of the other axes (one position per lane).
    fn kept(&self) -> Layout {
        let l = self.src.layout();
        let keep = |v: &[isize]| -> Strides {
            v.iter()
                .enumerate()
                .filter(|&(k, _)| k != self.axis)
                .map(|(_, &x)| x)
                .collect()
        };
        Layout {
            shape: l
                .shape
                .iter()
                .enumerate()
                .filter(|&(k, _)| k != self.axis)
                .map(|(_, &d)| d)
                .collect(),
            strides: keep(&l.strides),
            offset: l.offset,
        }
    }
}

/// Which extreme an `arg*` function looks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extreme {
    Max,
    Min,
}

impl Extreme {
    /// The function's name, as NumPy's messages spell it.
    pub fn name(self) -> &'static str {
        match self {
            Extreme::Max => "argmax",
            Extreme::Min => "argmin",
        }
    }
}

/// `argmax`/`argmin` (`skip_nan`: `nanargmax`/`nanargmin`): int64 indices of the first
/// extreme element of each lane. A NaN is the extreme (the first one wins) unless skipped;
/// skipping, an all-NaN lane is NumPy's ValueError.
pub fn arg_extreme(
    a: &Array,
    axis: Option<isize>,
    keepdims: bool,
    which: Extreme,
    skip_nan: bool,
) -> Result<Array> {
    let lanes = Lanes::new(a, axis)?;
    let n = lanes.len();
    let kl = lanes.kept();
    let out = Array::uninit(&kl.shape, DType::I64)?;
    if n == 0 {
        return Err(Error::value(format!(
            "attempt to get {} of an empty sequence",
            which.name()
        )));
    }
    let skip_nan = skip_nan && a.dtype().is_inexact();
    let all_nan = std::sync::atomic::AtomicBool::new(false);
    if out.size() > 0 {
        let ol = out.layout();
        let plan = Plan::<2>::new(
            &kl.shape,
            [&ol.strides, &kl.strides],
            [0, kl.offset as isize],
        );
        let s = lanes.stride();
        dispatch!(a.dtype(), T => {
            let src = lanes.src.base::<T>();
            let dst = out.base::<i64>();
            // SAFETY: the plan is over the kept axes of `lanes.src` (operand 1) and of the new
            // int64 `out` of that shape (operand 0), so `off[1] + i * st[1]` (`i < cnt`) is
            // the start of one lane of `n` elements at stride `s` inside the source buffer
            // (`first_extreme`'s contract) and `off[0] + i * st[0]` one element of `out`,
            // which no other task writes.
            plan.run_parallel_weighted(n, &|off, cnt, st| unsafe {
                for i in 0..cnt as isize {
                    let p = src.at(off[1] + i * st[1]);
                    let idx = if skip_nan {
                        first_extreme(p, n, s, which, true)
                    } else {
                        first_extreme(p, n, s, which, false)
                    };
                    let idx = idx.unwrap_or_else(|| {
                        all_nan.store(true, std::sync::atomic::Ordering::Relaxed);
                        0
                    });
                    *dst.at(off[0] + i * st[0]) = idx as i64;
                }
            });
        });
    }
    if all_nan.into_inner() {
        return Err(Error::value("All-NaN slice encountered"));
    }
    if keepdims {
        let shape: SmallVec<[isize; 6]> = match axis {
            None => SmallVec::from_elem(1, a.ndim()),
            Some(_) => {
                let mut s: SmallVec<[isize; 6]> = a.shape().iter().map(|&d| d as isize).collect();
                if !s.is_empty() {
                    s[lanes.axis] = 1;
                }
                s
            }
        };
        return out.reshape(&shape);
    }
    Ok(out)
}

/// Index of the first extreme of `n > 0` elements at `p` with stride `s`. Without `skip_nan`
/// the first NaN is the answer; with it NaNs are passed over and an all-NaN lane gives `None`.
///
/// # Safety
/// `n > 0`, and `p.offset(i * s)` must be valid for reads of an initialised, aligned `T` for
/// every `i < n`, which no thread writes meanwhile.
unsafe fn first_extreme<T: Num>(
    p: *const T,
    n: usize,
    s: isize,
    which: Extreme,
    skip_nan: bool,
) -> Option<usize> {
    // SAFETY: every call below passes an `i < n` (`n > 0` for `at(0)`), which the caller
    // makes readable.
    let at = |i: usize| unsafe { *p.offset(i as isize * s) };
    let better = |v: T, best: T| match which {
        Extreme::Max => best.lt(v),
        Extreme::Min => v.lt(best),
    };
    if skip_nan {
        let first = (0..n).find(|&i| at(i) == at(i))?;
        let mut bi = first;
        for i in first + 1..n {
            let v = at(i);
            if !v.is_nan_() && better(v, at(bi)) {
                bi = i;
            }
        }
        return Some(bi);
    }
    if s == 1 && n >= 64 {
        // Vectorised extreme first (NaN-propagating), then the first position holding it.
        // SAFETY: `s == 1`: the caller makes `p..p + n` readable, `pairwise`'s contract.
        let ext = unsafe {
            match which {
                Extreme::Max => pairwise(p, n, 1, &|v: T| v, Max(T::lowest())),
                Extreme::Min => pairwise(p, n, 1, &|v: T| v, Min(T::highest())),
            }
        };
        let is_nan = ext.is_nan_();
        return (0..n).find(|&i| {
            let v = at(i);
            if is_nan {
                v.is_nan_()
            } else {
                v == ext
            }
        });
    }
    let mut bi = 0;
    let mut best = at(0);
    if best.is_nan_() {
        return Some(0);
    }
    for i in 1..n {
        let v = at(i);
        if v.is_nan_() {
            return Some(i);
        }
        if better(v, best) {
            best = v;
            bi = i;
        }
    }
    Some(bi)
}

/// Whether some non-empty lane over `axes` (`None`: all) holds only NaNs.
pub fn any_all_nan_lane(a: &Array, axes: Option<&[isize]>) -> Result<bool> {
    let ax = Axes::new(axes, a.ndim())?;
    let reduced: usize = (0..a.ndim())
        .filter(|&k| ax.is_reduced(k))
        .map(|k| a.shape()[k])
        .product();
    if reduced == 0 || !a.dtype().is_inexact() {
        return Ok(false);
    }
    let left = dispatch!(a.dtype(), T => {
        reduce_map(a, &ax, false, |v: T| (!v.is_nan_()) as i64, Sum, 0i64, |v| v)
    })?;
    Ok(left.to_vec::<i64>().contains(&0))
}

/// Which running fold a scan computes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scan {
    Sum,
    Prod,
}

/// `cumsum`/`cumprod` (`skip_nan`: `nancumsum`/`nancumprod`, NaN counting as 0 or 1) along
/// `axis` (`None`: over the flattened array), accumulating in `dtype` or `sum`'s default.
pub fn scan(
    a: &Array,
    axis: Option<isize>,
    dtype: Option<DType>,
    which: Scan,
    skip_nan: bool,
) -> Result<Array> {
    let a0;
    let a = if a.ndim() == 0 {
        a0 = a.reshape(&[1])?;
        &a0
    } else {
        a
    };
    let dt = dtype.unwrap_or_else(|| sum_dtype(a.dtype()));
    let x = if a.dtype() == dt {
        a.clone()
    } else {
        a.astype(dt)?
    };
    let lanes = Lanes::new(&x, axis)?;
    let out = Array::uninit(lanes.src.shape(), dt)?;
    if out.size() == 0 {
        return Ok(out);
    }
    let n = lanes.len();
    let kl = lanes.kept();
    let ol = out.layout();
    let okl: SmallVec<[isize; 6]> = ol
        .strides
        .iter()
        .enumerate()
        .filter(|&(k, _)| k != lanes.axis)
        .map(|(_, &v)| v)
        .collect();
    let plan = Plan::<2>::new(&kl.shape, [&okl, &kl.strides], [0, kl.offset as isize]);
    let (s, os) = (lanes.stride(), ol.strides[lanes.axis]);
    let skip_nan = skip_nan && dt.is_inexact();
    // NumPy reports the flags of the running sums as "overflow encountered in accumulate".
    let ((), flags) = fpstatus::collect(|| {
        dispatch!(dt, T => {
            let src = lanes.src.base::<T>();
            let dst = out.base::<T>();
            let (neutral, op): (T, fn(T, T) -> T) = match which {
                Scan::Sum => (T::zero(), Num::add),
                Scan::Prod => (T::one(), Num::mul),
            };
            let get = move |v: T| if skip_nan && v.is_nan_() { neutral } else { v };
            // SAFETY: the plan is over the kept axes of the new `out` (operand 0) and of
            // `lanes.src` (operand 1), both of `dt` = `T`; `out` has `src`'s shape, so each
            // position starts one lane of `n` elements at stride `os` in `out` and at stride
            // `s` in the source, all inside their buffers (`n > 0`: an empty `out` returned
            // early); tasks get disjoint lanes of `out`, a fresh array that the source cannot
            // overlap.
            plan.run_parallel_weighted(n, &|off, cnt, st| unsafe {
                scan_block(src, dst, off, cnt, st, n, s, os, &get, op);
            });
        })
    });
    crate::warn::fp_error(flags, "accumulate");
    Ok(out)
}

/// Running folds of `cnt` lanes of length `n`: lane `i` starts at `off[1] + i*st[1]` in the
/// input (element stride `s`) and at `off[0] + i*st[0]` in the output (stride `os`). When the
/// lanes sit side by side in memory they advance together, one row at a time.
///
/// # Safety
/// `n > 0`, and for every `i < cnt` and `j < n`, `src.at(off[1] + i * st[1] + j * s)` must be valid for
/// reads of an initialised `T` and `dst.at(off[0] + i * st[0] + j * os)` for writes and
/// reads of a `T` (aligned); no other thread may access those output elements meanwhile, and
/// the output must not overlap the input.
#[allow(clippy::too_many_arguments)]
unsafe fn scan_block<T: Num>(
    src: SendPtr<T>,
    dst: SendPtr<T>,
    off: [isize; 2],
    cnt: usize,
    st: [isize; 2],
    n: usize,
    s: isize,
    os: isize,
    get: &impl Fn(T) -> T,
    op: fn(T, T) -> T,
) {
    // SAFETY: the lane starts `i = 0, j = 0`, inside the caller's ranges.
    let (x, o) = unsafe { (src.at(off[1]), dst.at(off[0])) };
    if cnt > 1 && st[1].unsigned_abs() < s.unsigned_abs() {
        for i in 0..cnt as isize {
            // SAFETY: row `j = 0` of lane `i < cnt`, which the caller makes valid.
            unsafe { *o.offset(i * st[0]) = get(*x.offset(i * st[1])) };
        }
        for j in 1..n as isize {
            // SAFETY: rows `j` and `j - 1` of lane 0, `1 <= j < n`, inside the caller's ranges
            // (`offset` stays within them; `prev` was written on the previous pass).
            let (xr, orow, prev) =
                unsafe { (x.offset(j * s), o.offset(j * os), o.offset((j - 1) * os)) };
            for i in 0..cnt as isize {
                // SAFETY: element `j` (and `j - 1`) of lane `i < cnt`, which the caller makes
                // valid; `prev`'s were written on the previous pass.
                unsafe {
                    *orow.offset(i * st[0]) =
                        op(*prev.offset(i * st[0]), get(*xr.offset(i * st[1])))
                };
            }
        }
    } else {
        for i in 0..cnt as isize {
            // SAFETY: the start of lane `i < cnt` in input and output, which the caller makes
            // valid.
            let (xl, ol) = unsafe { (x.offset(i * st[1]), o.offset(i * st[0])) };
            // SAFETY: element 0 of the lane (`n > 0` by the contract).
            let mut acc = get(unsafe { *xl });
            // SAFETY: as above, the output's element 0 of the lane.
            unsafe { *ol = acc };
            for j in 1..n as isize {
                // SAFETY: element `j < n` of lane `i`, which the caller makes valid.
                unsafe {
                    acc = op(acc, get(*xl.offset(j * s)));
                    *ol.offset(j * os) = acc;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn argmax_first_and_nan() {
        let a = Array::from_vec(vec![1.0f64, 3.0, 3.0, f64::NAN, f64::NAN], &[5]).unwrap();
        let r = arg_extreme(&a, None, false, Extreme::Max, false).unwrap();
        assert_eq!(r.to_vec::<i64>(), vec![3]);
        let r = arg_extreme(&a, None, false, Extreme::Max, true).unwrap();
        assert_eq!(r.to_vec::<i64>(), vec![1]);
        let r = arg_extreme(&a, Some(0), false, Extreme::Min, true).unwrap();
        assert_eq!(r.to_vec::<i64>(), vec![0]);
        let nan = Array::from_vec(vec![f64::NAN; 3], &[3]).unwrap();
        assert!(arg_extreme(&nan, None, false, Extreme::Max, true).is_err());
        let long: Vec<i32> = (0..1000).map(|i| (i * 7919) % 1009).collect();
        let want = long
            .iter()
            .enumerate()
            .max_by_key(|(i, &v)| (v, -(*i as i64)))
            .unwrap()
            .0;
        let a = Array::from_vec(long, &[1000]).unwrap();
        let r = arg_extreme(&a, None, false, Extreme::Max, false).unwrap();
        assert_eq!(r.to_vec::<i64>(), vec![want as i64]);
    }

    #[test]
    fn argmin_along_axes() {
        let a = Array::from_vec(vec![3i16, 1, 2, 0, 5, 0], &[2, 3]).unwrap();
        let r = arg_extreme(&a, Some(0), false, Extreme::Min, false).unwrap();
        assert_eq!(r.to_vec::<i64>(), vec![1, 0, 1]);
        let r = arg_extreme(&a, Some(-1), true, Extreme::Min, false).unwrap();
        assert_eq!(r.shape(), &[2, 1]);
        assert_eq!(r.to_vec::<i64>(), vec![1, 0]);
        let e = Array::zeros(&[0, 3], DType::F32).unwrap();
        assert!(arg_extreme(&e, Some(0), false, Extreme::Max, false).is_err());
        assert_eq!(
            arg_extreme(&e, Some(1), false, Extreme::Max, false)
                .unwrap()
                .shape(),
            &[0]
        );
    }

    #[test]
    fn scans_both_orders() {
        let a = Array::from_vec((1..=6i8).collect(), &[2, 3]).unwrap();
        let r = scan(&a, Some(0), None, Scan::Sum, false).unwrap();
        assert_eq!(r.dtype(), DType::I64);
        assert_eq!(r.to_vec::<i64>(), vec![1, 2, 3, 5, 7, 9]);
        let r = scan(&a, Some(1), None, Scan::Prod, false).unwrap();
        assert_eq!(r.to_vec::<i64>(), vec![1, 2, 6, 4, 20, 120]);
        let r = scan(&a, None, Some(DType::F32), Scan::Sum, false).unwrap();
        assert_eq!(r.to_vec::<f32>(), vec![1.0, 3.0, 6.0, 10.0, 15.0, 21.0]);
        let t = a.transpose(None).unwrap();
        let r = scan(&t, Some(0), None, Scan::Sum, false).unwrap();
        assert_eq!(r.to_vec::<i64>(), vec![1, 4, 3, 9, 6, 15]);
        let f = Array::from_vec(vec![1.0f64, f64::NAN, 2.0], &[3]).unwrap();
        let r = scan(&f, None, None, Scan::Sum, true).unwrap();
        assert_eq!(r.to_vec::<f64>(), vec![1.0, 1.0, 3.0]);
    }
}
