//! Counting: `bincount` and the counting loops of `histogram`, `histogram2d` and `histogramdd`.
//! The bin edges and their dtypes are worked out as NumPy's Python code does it (in
//! `python/ferronum/_histograms.py`); the per-element work is here.
//!
//! Counts split the input across the threads, each thread counting into its own histogram,
//! summed at the end (integers: the result does not depend on the split). Weighted uniform
//! histograms keep NumPy's blocks of 65,536 elements: each block's sums are formed in float64
//! in element order, as NumPy's `bincount` of the block forms them, and the caller adds the
//! blocks in order, so the sums are NumPy's bit for bit.

use crate::array::Array;
use crate::dtype::{DType, Element};
use crate::error::{Error, Result};
use crate::iter::SendPtr;
use crate::parallel;
use crate::{dispatch, dispatch_of};
use std::sync::Mutex;

/// NumPy's block length in `histogram`.
pub const BLOCK: usize = 65536;

/// The dtypes `bincount` takes: bool (a safe cast) and every integer (NumPy forces the cast
/// of integers, so large uint64 values wrap to negative ones).
fn countable(d: DType) -> bool {
    use DType::*;
    matches!(d, Bool | I8 | U8 | I16 | U16 | I32 | U32 | I64 | U64)
}

/// Splits `0..n` into contiguous ranges, run by `f(start, end)` across the threads (one range
/// on the caller's thread when small). `bins`: the size of a per-range histogram, which limits
/// how many ranges are worth their own copy.
fn split(n: usize, bins: usize, f: &(dyn Fn(usize, usize) + Sync)) {
    let tasks = if parallel::worth_splitting(n) {
        let most = if bins > 1 << 14 {
            parallel::num_threads()
        } else {
            parallel::pieces(n)
        };
        most.max(1)
    } else {
        1
    };
    let chunk = n.div_ceil(tasks).max(1);
    let count = n.div_ceil(chunk).max(1);
    if count == 1 {
        f(0, n);
    } else {
        parallel::for_each(count, &|t| f(t * chunk, ((t + 1) * chunk).min(n)));
    }
}

/// Adds per-range histograms into one of length `len`.
fn total(parts: Vec<Vec<i64>>, len: usize) -> Vec<i64> {
    let mut out = vec![0i64; len];
    for p in parts {
        for (o, v) in out.iter_mut().zip(p) {
            *o += v;
        }
    }
    out
}

/// `x`'s elements as a contiguous slice of `T` (copied when `x` is not C-contiguous).
fn contiguous(x: &Array) -> Result<Array> {
    x.as_contiguous()
}

/// # Safety
/// `x` is C-contiguous with elements of type `T` and outlives the slice.
unsafe fn slice_of<T: Element>(x: &Array) -> &[T] {
    if x.size() == 0 {
        return &[];
    }
    // SAFETY: the caller's contract: `size` contiguous elements of `T` from the data pointer.
    unsafe { std::slice::from_raw_parts(x.data_ptr() as *const T, x.size()) }
}

/// An integer element as int64 (`bincount` takes no uint64, so every value fits).
#[inline(always)]
fn as_i64<T: Element>(v: T) -> i64 {
    match v.to_wide() {
        crate::dtype::Wide::Bool(b) => b as i64,
        crate::dtype::Wide::I(v) => v,
        crate::dtype::Wide::U(v) => v as i64,
        w => w.to_f64() as i64,
    }
}

/// NumPy's `bincount(x, weights, minlength)`.
pub fn bincount(x: &Array, weights: Option<&Array>, minlength: Option<i64>) -> Result<Array> {
    if x.ndim() > 1 {
        return Err(Error::value("object too deep for desired array"));
    }
    if x.ndim() == 0 {
        return Err(Error::value("object of too small depth for desired array"));
    }
    if !countable(x.dtype()) {
        return Err(Error::type_(format!(
            "Cannot cast array data from dtype('{}') to dtype('int64') according to the rule 'safe'",
            x.dtype()
        )));
    }
    let minlength = match minlength {
        Some(m) if m < 0 => return Err(Error::value("'minlength' must not be negative")),
        Some(m) => m as usize,
        None => 0,
    };
    let xc = contiguous(x)?;
    let n = xc.size();
    if n == 0 {
        return Array::zeros(&[minlength], DType::I64);
    }
    // NumPy checks the values before it looks at the weights; the same pass finds the largest.
    let mut largest = 0i64;
    if weights.is_some() {
        let (lo, hi) = dispatch_of!(xc.dtype(), [Bool, I8, U8, I16, U16, I32, U32, I64, U64], T => {
            // SAFETY: `xc` is C-contiguous of type `T`.
            let v: &[T] = unsafe { slice_of(&xc) };
            v.iter().fold((0i64, 0i64), |(lo, hi), &e| (lo.min(as_i64(e)), hi.max(as_i64(e))))
        });
        largest = hi;
        if lo < 0 {
            return Err(Error::value(
                "'list' argument must have no negative elements",
            ));
        }
    }
    let w = match weights {
        None => None,
        Some(w) => {
            if w.ndim() != 1 {
                return Err(Error::value(if w.ndim() == 0 {
                    "object of too small depth for desired array"
                } else {
                    "object too deep for desired array"
                }));
            }
            if !w.dtype().can_cast_safe(DType::F64) {
                return Err(Error::type_(format!(
                    "Cannot cast array data from dtype('{}') to dtype('float64') according to the rule 'safe'",
                    w.dtype()
                )));
            }
            if w.size() != x.size() {
                return Err(Error::value(
                    "The weights and list don't have the same length.",
                ));
            }
            Some(if w.dtype() == DType::F64 && w.is_c_contiguous() {
                w.clone()
            } else {
                w.astype(DType::F64)?.as_contiguous()?
            })
        }
    };
    let negative = Mutex::new(false);
    let parts: Mutex<Vec<Vec<i64>>> = Mutex::new(Vec::new());
    let wsum: Mutex<Vec<f64>> = Mutex::new(Vec::new());
    dispatch_of!(xc.dtype(), [Bool, I8, U8, I16, U16, I32, U32, I64, U64], T => {
        // SAFETY: `xc` is C-contiguous of type `T`.
        let v: &[T] = unsafe { slice_of(&xc) };
        match &w {
            None => split(n, 1024, &|s, e| {
                let mut h: Vec<i64> = Vec::new();
                for &e in &v[s..e] {
                    let i = as_i64(e);
                    if i < 0 {
                        *negative.lock().unwrap_or_else(|p| p.into_inner()) = true;
                        return;
                    }
                    let i = i as usize;
                    if i >= h.len() {
                        h.resize(i + 1, 0);
                    }
                    h[i] += 1;
                }
                parts.lock().unwrap_or_else(|p| p.into_inner()).push(h);
            }),
            Some(w) => {
                // In element order, as NumPy sums them (one thread: partial sums per chunk would
                // round differently). The values were checked non-negative above.
                // SAFETY: `w` is a contiguous float64 array.
                let wv: &[f64] = unsafe { slice_of(w) };
                let mut h: Vec<f64> = vec![0.0; largest as usize + 1];
                for (&e, &wt) in v.iter().zip(wv) {
                    h[as_i64(e) as usize] += wt;
                }
                *wsum.lock().unwrap_or_else(|p| p.into_inner()) = h;
            }
        }
    });
    if negative.into_inner().unwrap_or_else(|p| p.into_inner()) {
        return Err(Error::value(
            "'list' argument must have no negative elements",
        ));
    }
    if w.is_some() {
        let mut h = wsum.into_inner().unwrap_or_else(|p| p.into_inner());
        if h.len() < minlength {
            h.resize(minlength, 0.0);
        }
        let len = h.len();
        return Array::from_vec(h, &[len]);
    }
    let parts = parts.into_inner().unwrap_or_else(|p| p.into_inner());
    let len = parts
        .iter()
        .map(|p| p.len())
        .max()
        .unwrap_or(0)
        .max(minlength);
    Array::from_vec(total(parts, len), &[len])
}

/// The arithmetic of NumPy's uniform-bin `histogram`, with each value rounded to the type NumPy
/// computes it in (float16, float32 or float64): see `_histograms.py` for where each comes from.
#[derive(Clone, Copy, Debug)]
pub struct Uniform {
    /// Values outside `lo..=hi` are not counted (the range in the comparison's type).
    pub lo: f64,
    pub hi: f64,
    /// The first edge, in the type of `x - first_edge`.
    pub first: f64,
    /// `last_edge - first_edge`, as NumPy's scalar holds it.
    pub denom: f64,
    pub bins: usize,
    /// The edges' type (values are cast to it first), that of `x - first_edge`, and that of
    /// the quotient by `denom`.
    pub bin_t: DType,
    pub diff_t: DType,
    pub quot_t: DType,
}

/// `v` rounded to the float type `t` (exact for float64).
#[inline(always)]
fn rnd(v: f64, t: DType) -> f64 {
    match t {
        DType::F32 => v as f32 as f64,
        DType::F16 => half::f16::from_f64(v).to_f64(),
        _ => v,
    }
}

/// The bin of value `v` (as float64), or `None` outside the range. NumPy's steps: the float
/// index `(x - first) / denom * bins` truncated, the last edge into the last bin, then one
/// step down or up where the index disagrees with the edges themselves.
#[inline(always)]
fn uniform_bin<const F64: bool>(v: f64, u: &Uniform, edges: &[f64]) -> Option<usize> {
    #[allow(clippy::neg_cmp_op_on_partial_ord)]
    if !(v >= u.lo && v <= u.hi) {
        return None;
    }
    let (xb, f) = if F64 {
        (v, (v - u.first) / u.denom * u.bins as f64)
    } else {
        let xb = rnd(v, u.bin_t);
        let d = rnd(xb - u.first, u.diff_t);
        let q = rnd(rnd(d, u.quot_t) / u.denom, u.quot_t);
        (xb, rnd(q * u.bins as f64, u.quot_t))
    };
    let mut i = (f as i64).clamp(0, u.bins as i64 - 1) as usize;
    if i > 0 && xb < edges[i] {
        i -= 1;
    }
    if i + 1 != u.bins && xb >= edges[i + 1] {
        i += 1;
    }
    Some(i)
}

fn real_input(a: &Array) -> Result<()> {
    if a.dtype().is_complex() {
        return Err(Error::type_("ferronum's histogram takes real values only"));
    }
    Ok(())
}

/// Counts of `a` in uniform bins (int64), or, with `weights` (float64, `a`'s length), the
/// float64 sums of each block of `BLOCK` elements: shape `(blocks, bins)`.
pub fn histogram_uniform(
    a: &Array,
    u: &Uniform,
    edges: &Array,
    weights: Option<&Array>,
) -> Result<Array> {
    real_input(a)?;
    if u.bins == 0 || edges.size() != u.bins + 1 {
        return Err(Error::value("edges do not match the number of bins"));
    }
    let ev = edges.astype(DType::F64)?.to_vec::<f64>();
    let ac = contiguous(a)?;
    let n = ac.size();
    let fast = u.bin_t == DType::F64 && u.diff_t == DType::F64 && u.quot_t == DType::F64;
    match weights {
        None => {
            let parts: Mutex<Vec<Vec<i64>>> = Mutex::new(Vec::new());
            dispatch!(ac.dtype(), T => {
                // SAFETY: `ac` is C-contiguous of type `T`.
                let v: &[T] = unsafe { slice_of(&ac) };
                split(n, u.bins, &|s, e| {
                    let mut h = vec![0i64; u.bins];
                    let f = |x: T| x.to_wide().to_f64();
                    if fast {
                        for &x in &v[s..e] {
                            if let Some(i) = uniform_bin::<true>(f(x), u, &ev) {
                                h[i] += 1;
                            }
                        }
                    } else {
                        for &x in &v[s..e] {
                            if let Some(i) = uniform_bin::<false>(f(x), u, &ev) {
                                h[i] += 1;
                            }
                        }
                    }
                    parts.lock().unwrap_or_else(|p| p.into_inner()).push(h);
                });
            });
            let parts = parts.into_inner().unwrap_or_else(|p| p.into_inner());
            Array::from_vec(total(parts, u.bins), &[u.bins])
        }
        Some(w) => {
            let wc = w.astype(DType::F64)?.as_contiguous()?;
            if wc.size() != n {
                return Err(Error::value("weights should have the same shape as a."));
            }
            let blocks = n.div_ceil(BLOCK);
            let out = Array::zeros(&[blocks, u.bins], DType::F64)?;
            let po = SendPtr(out.data_ptr() as *mut f64);
            // SAFETY: `wc` is a contiguous float64 array.
            let wv: &[f64] = unsafe { slice_of(&wc) };
            dispatch!(ac.dtype(), T => {
                // SAFETY: `ac` is C-contiguous of type `T`.
                let v: &[T] = unsafe { slice_of(&ac) };
                let run = |b: usize| {
                    let (s, e) = (b * BLOCK, ((b + 1) * BLOCK).min(n));
                    let p = po;
                    for k in s..e {
                        if let Some(i) = uniform_bin::<false>(v[k].to_wide().to_f64(), u, &ev) {
                            // SAFETY: row `b` of `out` belongs to this task alone; `i < bins`.
                            unsafe { *p.0.add(b * u.bins + i) += wv[k] };
                        }
                    }
                };
                if parallel::worth_splitting(n) {
                    parallel::for_each(blocks, &run);
                } else {
                    (0..blocks).for_each(run);
                }
            });
            Ok(out)
        }
    }
}

/// The bin of `v` among sorted `edges` as NumPy's cumulative counts give it (a value on an
/// inner edge goes right, one on the last edge into the last bin), or `None` outside or NaN.
#[inline(always)]
fn edge_bin(v: f64, edges: &[f64]) -> Option<usize> {
    let nb = edges.len() - 1;
    #[allow(clippy::neg_cmp_op_on_partial_ord)]
    if !(v >= edges[0] && v <= edges[nb]) {
        return None;
    }
    Some(edges[..nb].partition_point(|&e| e <= v) - 1)
}

/// Counts (int64) of `a` in the bins between sorted `edges`.
pub fn histogram_edges(a: &Array, edges: &Array) -> Result<Array> {
    real_input(a)?;
    let ev = edges.astype(DType::F64)?.to_vec::<f64>();
    if ev.len() < 2 {
        let nb = ev.len().saturating_sub(1);
        return Array::zeros(&[nb], DType::I64);
    }
    let nb = ev.len() - 1;
    let ac = contiguous(a)?;
    let n = ac.size();
    let parts: Mutex<Vec<Vec<i64>>> = Mutex::new(Vec::new());
    dispatch!(ac.dtype(), T => {
        // SAFETY: `ac` is C-contiguous of type `T`.
        let v: &[T] = unsafe { slice_of(&ac) };
        split(n, nb, &|s, e| {
            let mut h = vec![0i64; nb];
            for &x in &v[s..e] {
                if let Some(i) = edge_bin(x.to_wide().to_f64(), &ev) {
                    h[i] += 1;
                }
            }
            parts.lock().unwrap_or_else(|p| p.into_inner()).push(h);
        });
    });
    let parts = parts.into_inner().unwrap_or_else(|p| p.into_inner());
    Array::from_vec(total(parts, nb), &[nb])
}

/// Per element of `a`, as int64: with `outliers` false the bin among `edges` (`edge_bin`, -1
/// where none); with `outliers` true `histogramdd`'s index, `searchsorted(edges, x, 'right')`
/// less one on the last edge (0 and `len(edges)` are the outlier bins).
pub fn bin_index(a: &Array, edges: &Array, outliers: bool) -> Result<Array> {
    real_input(a)?;
    let ev = edges.astype(DType::F64)?.to_vec::<f64>();
    let ac = contiguous(a)?;
    let n = ac.size();
    let out = Array::uninit(&[n], DType::I64)?;
    if ev.is_empty() {
        out.fill(crate::dtype::Wide::I(if outliers { 0 } else { -1 }))?;
        return Ok(out);
    }
    let po = SendPtr(out.data_ptr() as *mut i64);
    let last = ev[ev.len() - 1];
    dispatch!(ac.dtype(), T => {
        // SAFETY: `ac` is C-contiguous of type `T`.
        let v: &[T] = unsafe { slice_of(&ac) };
        split(n, 0, &|s, e| {
            let p = po;
            for (j, xv) in v[s..e].iter().enumerate() {
                let k = s + j;
                let x = xv.to_wide().to_f64();
                let i = if outliers {
                    // NaN sorts after everything.
                    let mut j = if x.is_nan() { ev.len() } else { ev.partition_point(|&e| e <= x) };
                    if x == last {
                        j -= 1;
                    }
                    j as i64
                } else if ev.len() < 2 {
                    -1
                } else {
                    edge_bin(x, &ev).map_or(-1, |i| i as i64)
                };
                // SAFETY: `k < n`, each task writes its own range of `out`.
                unsafe { *p.0.add(k) = i };
            }
        });
    });
    Ok(out)
}
