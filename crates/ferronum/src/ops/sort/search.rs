//! `searchsorted`, `lexsort` and the monotonicity check of `digitize`.

use super::keys::SortElem;
use super::lanes::{argsort_keys, each_lane_range, lane_starts, read_lane};
use crate::array::Array;
use crate::dispatch;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::iter::SendPtr;
use crate::layout::normalize_axis;
use crate::parallel;

/// NumPy's errors for an argument that must be 1-d.
pub fn check_1d(a: &Array) -> Result<()> {
    match a.ndim() {
        0 => Err(Error::value("object of too small depth for desired array")),
        1 => Ok(()),
        _ => Err(Error::value("object too deep for desired array")),
    }
}

/// The canonical keys of a 1-d array, through `sorter` (positions into it) when given.
fn keys_1d<T: SortElem>(a: &Array, sorter: Option<&[i64]>) -> Result<Vec<T::K>> {
    // SAFETY: the elements of a 1-d array are `offset + i * stride` for `i < n`.
    let vals = unsafe {
        read_lane(
            a.base::<T>(),
            a.layout().offset as isize,
            a.strides()[0],
            a.size(),
        )
    };
    match sorter {
        None => Ok(vals.iter().map(|v| v.key()).collect()),
        Some(s) => s
            .iter()
            .map(|&i| {
                vals.get(usize::try_from(i).map_err(|_| out_of_range())?)
                    .map(|v| v.key())
                    .ok_or_else(out_of_range)
            })
            .collect(),
    }
}

fn out_of_range() -> Error {
    Error::value("Sorter index out of range.")
}

/// `searchsorted(a, v, side, sorter)`: for each element of `v`, the first position of the
/// sorted 1-d `a` where it could be inserted keeping the order (after equal elements for
/// `right`). Both arrays are of one dtype (the caller's common type); int64 of `v`'s shape.
pub fn searchsorted(a: &Array, v: &Array, right: bool, sorter: Option<&Array>) -> Result<Array> {
    check_1d(a)?;
    let sorter = match sorter {
        None => None,
        Some(s) => {
            check_1d(s)?;
            if s.size() != a.size() {
                return Err(Error::value("sorter.size must equal a.size"));
            }
            Some(s.astype(DType::I64)?.to_vec::<i64>())
        }
    };
    let out = Array::uninit(v.shape(), DType::I64)?;
    let vc = v.as_contiguous()?;
    dispatch!(a.dtype(), T => search_typed::<T>(a, &vc, right, sorter.as_deref(), &out))?;
    Ok(out)
}

fn search_typed<T: SortElem>(
    a: &Array,
    v: &Array,
    right: bool,
    sorter: Option<&[i64]>,
    out: &Array,
) -> Result<()> {
    let keys = keys_1d::<T>(a, sorter)?;
    let m = v.size();
    // SAFETY: `v` is C-contiguous: `m` elements from its data pointer.
    let vs = unsafe { std::slice::from_raw_parts(v.data_ptr() as *const T, m) };
    let dst = SendPtr(out.data_ptr() as *mut i64);
    let chunk = if parallel::worth_splitting(m) {
        m.div_ceil(parallel::pieces(m))
    } else {
        m.max(1)
    };
    parallel::for_each(m.div_ceil(chunk), &|c| {
        let (lo, hi) = (c * chunk, ((c + 1) * chunk).min(m));
        // NumPy's search: when keys come in increasing order the lower bound carries over,
        // which makes sorted queries walk the array once.
        let (mut lo_b, mut hi_b) = (0usize, keys.len());
        let mut last: Option<T::K> = None;
        for (i, x) in vs[lo..hi].iter().enumerate() {
            let k = x.key();
            match last {
                Some(l) if l < k => hi_b = keys.len(),
                _ => {
                    lo_b = 0;
                    hi_b = if hi_b < keys.len() {
                        hi_b + 1
                    } else {
                        keys.len()
                    };
                }
            }
            last = Some(k);
            let (mut l, mut h) = (lo_b, hi_b);
            while l < h {
                let mid = l + (h - l) / 2;
                let go_right = if right { keys[mid] <= k } else { keys[mid] < k };
                if go_right {
                    l = mid + 1;
                } else {
                    h = mid;
                }
            }
            lo_b = l;
            hi_b = l;
            // SAFETY: `lo + i < m`, the slots of this task's chunk.
            unsafe { *dst.at((lo + i) as isize) = l as i64 };
        }
    });
    Ok(())
}

/// `lexsort(keys, axis)`: the stable order sorting by the last key, ties by the one before,
/// and so on. `keys` are of one shape.
pub fn lexsort(keys: &[Array], axis: isize) -> Result<Array> {
    let Some(first) = keys.first() else {
        return Err(Error::type_(
            "need sequence of keys with len > 0 in lexsort",
        ));
    };
    if keys.iter().any(|k| k.shape() != first.shape()) {
        return Err(Error::value("all keys need to be the same shape"));
    }
    if first.ndim() == 0 {
        // NumPy sorts a 0-d key as one element.
        return Array::from_vec(vec![0i64], &[]);
    }
    let ax = normalize_axis(axis, first.ndim())?;
    let n = first.shape()[ax];
    let lanes = lane_starts(first, ax).len();
    // One permutation per lane, refined key by key from the least significant (LSD): each
    // pass is a stable sort of the key read through the current permutation.
    let mut perms: Vec<Vec<usize>> = vec![(0..n).collect(); lanes];
    for k in keys {
        dispatch!(k.dtype(), T => lex_pass::<T>(k, ax, &mut perms));
    }
    let out = Array::uninit(first.shape(), DType::I64)?;
    let (outs, so) = (lane_starts(&out, ax), out.strides()[ax]);
    let dst = SendPtr(out.data_ptr() as *mut i64);
    let base = out.layout().offset as isize;
    for (l, p) in perms.iter().enumerate() {
        for (i, &x) in p.iter().enumerate() {
            // SAFETY: lane `l` of the new `out`.
            unsafe { *dst.at(outs[l] - base + i as isize * so) = x as i64 };
        }
    }
    Ok(out)
}

fn lex_pass<T: SortElem>(k: &Array, ax: usize, perms: &mut [Vec<usize>]) {
    let n = k.shape()[ax];
    let starts = lane_starts(k, ax);
    let s = k.strides()[ax];
    let base = k.base::<T>();
    let pp = SendPtr(perms.as_mut_ptr());
    each_lane_range(starts.len(), n, &|lo, hi| {
        for (l, &st) in starts.iter().enumerate().take(hi).skip(lo) {
            // SAFETY: lane `l`'s permutation is this task's alone.
            let perm = unsafe { &mut *pp.at(l as isize) };
            // SAFETY: the lane's elements are `st + i * s` for `i < n`.
            let vals = unsafe { read_lane(base, st, s, n) };
            let keys: Vec<T::K> = perm.iter().map(|&p| vals[p].key()).collect();
            let order = argsort_keys(&keys);
            *perm = order.into_iter().map(|o| perm[o]).collect();
        }
    });
}

/// NumPy's `_monotonicity` of 1-d `bins` (as float64): 1 increasing (or constant, or empty),
/// -1 decreasing, 0 neither.
pub fn monotonicity(bins: &Array) -> Result<i64> {
    check_1d(bins)?;
    let b = bins.astype(DType::F64)?.to_vec::<f64>();
    let Some(&first) = b.first() else {
        return Ok(1);
    };
    let mut i = 1;
    while i < b.len() && b[i] == first {
        i += 1;
    }
    if i == b.len() {
        return Ok(1);
    }
    let (mut last, mut next) = (first, b[i]);
    let increasing = last < next;
    for &x in &b[i + 1..] {
        last = next;
        next = x;
        if (increasing && last > next) || (!increasing && last < next) {
            return Ok(0);
        }
    }
    Ok(if increasing { 1 } else { -1 })
}
