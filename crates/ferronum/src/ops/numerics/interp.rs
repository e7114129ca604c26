//! `numpy.interp`: NumPy's compiled `arr_interp` / `arr_interp_complex`, step for step (the
//! search with a guess, the slopes table, the retry from the right end when the left one gives
//! NaN), so the values are NumPy's bit for bit; the points are split across the pool. The
//! `period=` preparation of NumPy's Python wrapper (`x % period`, sorting `xp`, one wrapped
//! point at each end) is done here too, since it needs a sort.

use super::{contiguous_as, for_ranges, slice_of, slice_of_new};
use crate::array::Array;
use crate::dtype::{DType, Kind};
use crate::error::{Error, Result};
use num_complex::Complex64;

/// NumPy's `LIKELY_IN_CACHE_SIZE`: how far around the guess the search stays first.
const LIKELY_IN_CACHE_SIZE: usize = 8;

/// The `i` with `arr[i] <= key < arr[i + 1]` (-1 below `arr[0]`, `len` above the last), as
/// NumPy's `binary_search_with_guess` finds it (`arr` has at least two elements).
fn search(key: f64, arr: &[f64], guess: isize) -> isize {
    let len = arr.len();
    if key > arr[len - 1] {
        return len as isize;
    } else if key < arr[0] {
        return -1;
    }
    if len <= 4 {
        // Linear search from 1 (key >= arr[0] is known).
        let mut i = 1;
        while i < len && key >= arr[i] {
            i += 1;
        }
        return i as isize - 1;
    }
    let guess = guess.clamp(1, len as isize - 3) as usize;
    let (mut imin, mut imax) = (0usize, len);
    if key < arr[guess] {
        if key < arr[guess - 1] {
            imax = guess - 1;
            if guess > LIKELY_IN_CACHE_SIZE && key >= arr[guess - LIKELY_IN_CACHE_SIZE] {
                imin = guess - LIKELY_IN_CACHE_SIZE;
            }
        } else {
            return guess as isize - 1;
        }
    } else if key < arr[guess + 1] {
        return guess as isize;
    } else if key < arr[guess + 2] {
        return guess as isize + 1;
    } else {
        imin = guess + 2;
        if guess + LIKELY_IN_CACHE_SIZE + 1 < len && key < arr[guess + LIKELY_IN_CACHE_SIZE] {
            imax = guess + LIKELY_IN_CACHE_SIZE;
        }
    }
    while imin < imax {
        let imid = imin + ((imax - imin) >> 1);
        if key >= arr[imid] {
            imin = imid + 1;
        } else {
            imax = imid;
        }
    }
    imin as isize - 1
}

/// The same index as `search` for a sorted `arr` (the last `i` with `arr[i] <= key`; -1 and
/// `len` outside), found without branches on the data: a random `x` costs no mispredictions.
/// Only used when `xp` is sorted, where that index is unique.
#[inline(always)]
fn search_sorted(key: f64, arr: &[f64]) -> isize {
    let len = arr.len();
    if key > arr[len - 1] {
        return len as isize;
    } else if key < arr[0] {
        return -1;
    }
    let (mut base, mut n) = (0usize, len);
    while n > 1 {
        let half = n / 2;
        base = if arr[base + half] <= key {
            base + half
        } else {
            base
        };
        n -= half;
    }
    base as isize
}

/// How many points `search_block` looks up together.
const BLOCK: usize = 4;

/// `search_sorted` for `BLOCK` keys at once, in lockstep: one search is a chain of dependent
/// loads, and interleaving independent chains keeps the core busy while each load is under
/// way (a random `x` over 1,000 points was bound by that latency). NaN keys get some index;
/// the caller answers them first.
#[inline(always)]
fn search_block(keys: &[f64; BLOCK], arr: &[f64]) -> [isize; BLOCK] {
    let len = arr.len();
    let mut base = [0usize; BLOCK];
    let mut n = len;
    let p = arr.as_ptr();
    while n > 1 {
        let half = n / 2;
        for (b, &key) in base.iter_mut().zip(keys) {
            // SAFETY: `b + half < b + n <= len` (the window `b..b + n` stays inside `arr`).
            let v = unsafe { *p.add(*b + half) };
            // Arithmetic, not `if`: LLVM turned the select into a branch, mispredicted on
            // every other step of a random key.
            *b += usize::from(v <= key) * half;
        }
        n -= half;
    }
    let (first, last) = (arr[0], arr[len - 1]);
    let mut out = [0isize; BLOCK];
    for ((o, &b), &key) in out.iter_mut().zip(&base).zip(keys) {
        *o = if key > last {
            len as isize
        } else if key < first {
            -1
        } else {
            b as isize
        };
    }
    out
}

/// NumPy's float remainder (`npy_divmod`): the sign of the divisor, `+0.0` for exact multiples.
fn remainder(a: f64, b: f64) -> f64 {
    let m = a % b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m + b
        } else {
            m
        }
    } else if m == 0.0 {
        0.0f64.copysign(b)
    } else {
        m
    }
}

/// One interpolated value of a real `fp`, as NumPy's loop body computes it; `j` carries the
/// search guess from one point to the next.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn point(
    x: f64,
    xp: &[f64],
    fp: &[f64],
    slopes: Option<&[f64]>,
    lr: (f64, f64),
    j: &mut isize,
    sorted: bool,
) -> f64 {
    if x.is_nan() {
        return x;
    }
    *j = if sorted {
        search_sorted(x, xp)
    } else {
        search(x, xp, *j)
    };
    value_at(x, *j, xp, fp, slopes, lr)
}

/// The interpolated value of a real `fp` at a non-NaN `x` whose interval `k` was found.
#[inline(always)]
fn value_at(
    x: f64,
    k: isize,
    xp: &[f64],
    fp: &[f64],
    slopes: Option<&[f64]>,
    lr: (f64, f64),
) -> f64 {
    let n = xp.len() as isize;
    if k == -1 {
        return lr.0;
    }
    if k == n {
        return lr.1;
    }
    let k = k as usize;
    if k as isize == n - 1 || xp[k] == x {
        return fp[k];
    }
    let slope = match slopes {
        Some(s) => s[k],
        None => (fp[k + 1] - fp[k]) / (xp[k + 1] - xp[k]),
    };
    let mut r = slope * (x - xp[k]) + fp[k];
    if r.is_nan() {
        // NaN from the left end: try the right one, then a flat segment's value.
        r = slope * (x - xp[k + 1]) + fp[k + 1];
        if r.is_nan() && fp[k] == fp[k + 1] {
            r = fp[k];
        }
    }
    r
}

/// The real and imaginary parts of a complex `fp` interpolated separately, as NumPy does.
#[allow(clippy::too_many_arguments)]
fn point_c(
    x: f64,
    xp: &[f64],
    fp: &[Complex64],
    slopes: Option<&[Complex64]>,
    lr: (Complex64, Complex64),
    j: &mut isize,
) -> Complex64 {
    if x.is_nan() {
        return Complex64::new(x, 0.0);
    }
    let n = xp.len() as isize;
    *j = search(x, xp, *j);
    let k = *j;
    if k == -1 {
        return lr.0;
    }
    if k == n {
        return lr.1;
    }
    let k = k as usize;
    if k as isize == n - 1 || xp[k] == x {
        return fp[k];
    }
    let slope = match slopes {
        Some(s) => s[k],
        None => complex_slope(xp, fp, k),
    };
    let part = |s: f64, y0: f64, y1: f64| {
        let mut r = s * (x - xp[k]) + y0;
        if r.is_nan() {
            r = s * (x - xp[k + 1]) + y1;
            if r.is_nan() && y0 == y1 {
                r = y0;
            }
        }
        r
    };
    Complex64::new(
        part(slope.re, fp[k].re, fp[k + 1].re),
        part(slope.im, fp[k].im, fp[k + 1].im),
    )
}

fn complex_slope(xp: &[f64], fp: &[Complex64], k: usize) -> Complex64 {
    let inv = 1.0 / (xp[k + 1] - xp[k]);
    Complex64::new(
        (fp[k + 1].re - fp[k].re) * inv,
        (fp[k + 1].im - fp[k].im) * inv,
    )
}

/// `interp(x, xp, fp, left, right, period)`: a float64 result (complex128 for complex `fp`)
/// of `x`'s shape. `xp` and `fp` must be 1-d (the caller checks, with NumPy's messages).
pub fn interp(
    x: &Array,
    xp: &Array,
    fp: &Array,
    left: Option<Complex64>,
    right: Option<Complex64>,
    period: Option<f64>,
) -> Result<Array> {
    let complex = fp.dtype().kind() == Kind::Complex;
    let fdt = if complex { DType::C128 } else { DType::F64 };
    let mut x = contiguous_as(x, DType::F64)?;
    let mut xp = contiguous_as(xp, DType::F64)?;
    let mut fp = contiguous_as(fp, fdt)?;
    let (mut left, mut right) = (left, right);
    if let Some(p) = period {
        if p == 0.0 {
            return Err(Error::value("period must be a non-zero value"));
        }
        if xp.ndim() != 1 || fp.ndim() != 1 {
            return Err(Error::value("Data points must be 1-D sequences"));
        }
        if xp.size() != fp.size() {
            return Err(Error::value("fp and xp are not of the same length"));
        }
        let p = p.abs();
        (left, right) = (None, None);
        let xs: Vec<f64> = slice_of::<f64>(&x)
            .iter()
            .map(|&v| remainder(v, p))
            .collect();
        x = Array::from_vec(xs, x.shape())?;
        let xps: Vec<f64> = slice_of::<f64>(&xp)
            .iter()
            .map(|&v| remainder(v, p))
            .collect();
        let mut order: Vec<usize> = (0..xps.len()).collect();
        // NaN sorts last, as in NumPy's sort.
        order.sort_by(|&a, &b| {
            let (u, v) = (xps[a], xps[b]);
            u.partial_cmp(&v)
                .unwrap_or_else(|| u.is_nan().cmp(&v.is_nan()))
        });
        let n = order.len();
        let sorted: Vec<f64> = order.iter().map(|&i| xps[i]).collect();
        let mut wx = Vec::with_capacity(n + 2);
        if n > 0 {
            wx.push(sorted[n - 1] - p);
            wx.extend_from_slice(&sorted);
            wx.push(sorted[0] + p);
        }
        let m = wx.len();
        xp = Array::from_vec(wx, &[m])?;
        fp = if complex {
            let f = slice_of::<Complex64>(&fp);
            Array::from_vec(wrap_sorted(f, &order), &[m])?
        } else {
            let f = slice_of::<f64>(&fp);
            Array::from_vec(wrap_sorted(f, &order), &[m])?
        };
    }
    let lenxp = xp.size();
    let lenx = x.size();
    if lenxp == 0 {
        return Err(Error::value("array of sample points is empty"));
    }
    if fp.size() != lenxp {
        return Err(Error::value("fp and xp are not of the same length."));
    }
    let out = Array::uninit(x.shape(), fdt)?;
    if lenx == 0 {
        return Ok(out);
    }
    let xv = slice_of::<f64>(&x);
    let xpv = slice_of::<f64>(&xp);
    // Random points into many sample points search faster without branches; NumPy's search
    // from the previous index gives the same index whenever `xp` is sorted (for an unsorted
    // `xp` its answer depends on the guess, so that search is kept).
    let sorted = lenx >= 64 && xpv.len() >= 16 && xpv.windows(2).all(|w| w[0] <= w[1]);
    if complex {
        let fpv = slice_of::<Complex64>(&fp);
        let lr = (left.unwrap_or(fpv[0]), right.unwrap_or(fpv[lenxp - 1]));
        let res = slice_of_new::<Complex64>(&out);
        let slopes: Option<Vec<Complex64>> = (lenxp > 1 && lenxp <= lenx)
            .then(|| (0..lenxp - 1).map(|k| complex_slope(xpv, fpv, k)).collect());
        let dst = crate::iter::SendPtr(res.as_mut_ptr());
        for_ranges(lenx, lenx * 4, &|s, e| {
            let mut j = 0isize;
            for (i, &xi) in xv.iter().enumerate().take(e).skip(s) {
                let v = if lenxp == 1 {
                    single(xi, xpv[0], fpv[0], lr)
                } else {
                    point_c(xi, xpv, fpv, slopes.as_deref(), lr, &mut j)
                };
                // SAFETY: `i < lenx`, the length of `res`; each range is written by one task.
                unsafe { *dst.at(i as isize) = v };
            }
        });
    } else {
        let fpv = slice_of::<f64>(&fp);
        let lr = (
            left.map_or(fpv[0], |c| c.re),
            right.map_or(fpv[lenxp - 1], |c| c.re),
        );
        let res = slice_of_new::<f64>(&out);
        let slopes: Option<Vec<f64>> = (lenxp > 1 && lenxp <= lenx).then(|| {
            (0..lenxp - 1)
                .map(|k| (fpv[k + 1] - fpv[k]) / (xpv[k + 1] - xpv[k]))
                .collect()
        });
        let dst = crate::iter::SendPtr(res.as_mut_ptr());
        for_ranges(lenx, lenx * 4, &|s, e| {
            let mut j = 0isize;
            let mut start = s;
            if sorted && lenxp > 1 {
                // Whole blocks of points searched together; the rest one by one below.
                let slopes = slopes.as_deref();
                while start + BLOCK <= e {
                    let keys: &[f64; BLOCK] = xv[start..start + BLOCK].try_into().expect("a block");
                    let ks = search_block(keys, xpv);
                    for (l, (&x, &k)) in keys.iter().zip(&ks).enumerate() {
                        let v = if x.is_nan() {
                            x
                        } else {
                            value_at(x, k, xpv, fpv, slopes, lr)
                        };
                        // SAFETY: `start + l < e <= lenx`, an element of `res` in this task's
                        // range alone.
                        unsafe { *dst.at((start + l) as isize) = v };
                    }
                    start += BLOCK;
                }
            }
            for (i, &xi) in xv.iter().enumerate().take(e).skip(start) {
                let v = if lenxp == 1 {
                    single(xi, xpv[0], fpv[0], lr)
                } else {
                    point(xi, xpv, fpv, slopes.as_deref(), lr, &mut j, sorted)
                };
                // SAFETY: `i < lenx`, the length of `res`; each range is written by one task.
                unsafe { *dst.at(i as isize) = v };
            }
        });
    }
    Ok(out)
}

/// One sample point: `left` below it, `right` above, its value on it (NaN compares false:
/// the value).
fn single<T: Copy>(x: f64, xp: f64, fp: T, lr: (T, T)) -> T {
    if x < xp {
        lr.0
    } else if x > xp {
        lr.1
    } else {
        fp
    }
}

/// `fp` in `order`, with the last value in front and the first at the end (period wrapping).
fn wrap_sorted<T: Copy>(f: &[T], order: &[usize]) -> Vec<T> {
    let n = order.len();
    let mut out = Vec::with_capacity(n + 2);
    if n > 0 {
        out.push(f[order[n - 1]]);
        out.extend(order.iter().map(|&i| f[i]));
        out.push(f[order[0]]);
    }
    out
}
