//! `unique` (flattened or along an axis, with first indices, inverse and counts) and `isin`,
//! on sort keys: two elements are one value when their canonical keys are equal and they are
//! not NaN (NumPy compares with `==`; `equal_nan` merges the NaNs of a flattened array).

use super::keys::{SortElem, SortKey};
use super::lanes::{argsort_keys, read_lane, sort_values};
use crate::array::Array;
use crate::dispatch;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::iter::SendPtr;
use crate::layout::normalize_axis;
use crate::parallel;

/// What `unique` returns: the values, then what was asked for.
pub struct Unique {
    pub values: Array,
    pub index: Option<Array>,
    pub inverse: Option<Array>,
    pub counts: Option<Array>,
}

/// Which of `unique`'s optional results to compute.
#[derive(Clone, Copy, Default)]
pub struct UniqueWants {
    pub index: bool,
    pub inverse: bool,
    pub counts: bool,
    pub equal_nan: bool,
}

/// `unique(a, ..., axis)`.
pub fn unique(a: &Array, axis: Option<isize>, w: UniqueWants) -> Result<Unique> {
    match axis {
        Some(ax) if a.ndim() != 1 => unique_axis(a, normalize_axis(ax, a.ndim())?, w),
        _ => {
            if let Some(ax) = axis {
                normalize_axis(ax, a.ndim())?;
            }
            let flat = a.ravel()?;
            let mut u = dispatch!(a.dtype(), T => unique_flat::<T>(&flat, w))?;
            // NumPy 2: the inverse of a flattened unique has the input's shape.
            if let Some(inv) = u.inverse.take() {
                let shape: Vec<isize> = a.shape().iter().map(|&d| d as isize).collect();
                u.inverse = Some(inv.reshape(&shape)?);
            }
            Ok(u)
        }
    }
}

/// The sorted values and, when positions are wanted, the stable permutation that sorts them.
fn sorted_with_perm<T: SortElem>(vals: Vec<T>, perm: bool) -> (Vec<T>, Option<Vec<usize>>) {
    if !perm {
        return (sort_values(vals, false), None);
    }
    let keys: Vec<T::K> = vals.iter().map(|v| v.key()).collect();
    let p = argsort_keys(&keys);
    (p.iter().map(|&i| vals[i]).collect(), Some(p))
}

fn unique_flat<T: SortElem>(a: &Array, w: UniqueWants) -> Result<Unique> {
    let n = a.size();
    // SAFETY: `a` is 1-d: `offset + i * stride` for `i < n`.
    let vals = unsafe { read_lane(a.base::<T>(), a.layout().offset as isize, a.strides()[0], n) };
    let (aux, perm) = sorted_with_perm(vals, w.index || w.inverse);
    // Where a new value starts.
    let mut starts: Vec<usize> = Vec::new();
    let mut prev: Option<(T::K, bool)> = None;
    for (i, x) in aux.iter().enumerate() {
        let (k, nan) = (x.key(), x.is_nan());
        let new = match prev {
            None => true,
            Some((pk, pnan)) => {
                if nan {
                    !(w.equal_nan && pnan)
                } else {
                    pk != k
                }
            }
        };
        if new {
            starts.push(i);
        }
        prev = Some((k, nan));
    }
    finish(&aux, perm.as_deref(), &starts, n, w, |v, u| {
        Array::from_vec(v, &[u])
    })
}

/// The results from the sorted values (or rows), their permutation and the group starts.
fn finish<T: Copy>(
    aux: &[T],
    perm: Option<&[usize]>,
    starts: &[usize],
    n: usize,
    w: UniqueWants,
    values_of: impl Fn(Vec<T>, usize) -> Result<Array>,
) -> Result<Unique> {
    let u = starts.len();
    let values = values_of(starts.iter().map(|&s| aux[s]).collect(), u)?;
    let index = match (w.index, perm) {
        (true, Some(p)) => Some(Array::from_vec(
            starts.iter().map(|&s| p[s] as i64).collect::<Vec<_>>(),
            &[u],
        )?),
        _ => None,
    };
    let inverse = match (w.inverse, perm) {
        (true, Some(p)) => {
            let mut inv = vec![0i64; n];
            let mut g = 0usize;
            for (i, &pi) in p.iter().enumerate() {
                if g + 1 < u && starts[g + 1] == i {
                    g += 1;
                }
                inv[pi] = g as i64;
            }
            Some(Array::from_vec(inv, &[n])?)
        }
        _ => None,
    };
    let counts = if w.counts {
        let c: Vec<i64> = (0..u)
            .map(|g| (starts.get(g + 1).copied().unwrap_or(n) - starts[g]) as i64)
            .collect();
        Some(Array::from_vec(c, &[u])?)
    } else {
        None
    };
    Ok(Unique {
        values,
        index,
        inverse,
        counts,
    })
}

/// `unique(a, axis=ax)` of an array of 2 or more dimensions: the distinct slices along `ax`,
/// ordered lexicographically (NumPy views each slice as one structured element, compared
/// field by field; NaN fields never compare equal).
fn unique_axis(a: &Array, ax: usize, w: UniqueWants) -> Result<Unique> {
    let nd = a.ndim();
    let mut perm_axes: Vec<isize> = vec![ax as isize];
    perm_axes.extend((0..nd).filter(|&k| k != ax).map(|k| k as isize));
    let moved = a.transpose(Some(&perm_axes))?;
    let rest: Vec<usize> = moved.shape()[1..].to_vec();
    let (n, m) = (moved.shape()[0], rest.iter().product::<usize>());
    let mat = moved
        .copy(crate::array::Order::C)?
        .reshape(&[n as isize, m as isize])?;
    let (order, starts) = dispatch!(a.dtype(), T => row_groups::<T>(&mat, n, m));
    let wants_perm = UniqueWants {
        index: w.index,
        inverse: w.inverse,
        ..w
    };
    let rows: Vec<usize> = (0..n).collect();
    let sorted_rows: Vec<usize> = order.iter().map(|&o| rows[o]).collect();
    let mut out = finish(
        &sorted_rows,
        Some(&order),
        &starts,
        n,
        wants_perm,
        |v, u| Array::from_vec(v.into_iter().map(|r| r as i64).collect::<Vec<_>>(), &[u]),
    )?;
    // The values: the first row of each group, shaped back and the axis moved home.
    let picks = out.values.clone();
    let taken = super::super::take::take(&mat, &picks, Some(0), super::super::take::Mode::Raise)?;
    let mut shape: Vec<isize> = vec![picks.size() as isize];
    shape.extend(rest.iter().map(|&d| d as isize));
    let back = taken.reshape(&shape)?;
    let mut inv_axes: Vec<isize> = vec![0; nd];
    for (pos, &src) in perm_axes.iter().enumerate() {
        inv_axes[src as usize] = pos as isize;
    }
    out.values = back
        .transpose(Some(&inv_axes))?
        .copy(crate::array::Order::C)?;
    Ok(out)
}

/// The stable lexicographic order of the rows of a C-contiguous `(n, m)` matrix, and where
/// each group of equal rows starts in it.
fn row_groups<T: SortElem>(mat: &Array, n: usize, m: usize) -> (Vec<usize>, Vec<usize>) {
    // SAFETY: `mat` is C-contiguous with `n * m` elements.
    let vals = unsafe { std::slice::from_raw_parts(mat.data_ptr() as *const T, n * m) };
    let keys: Vec<T::K> = vals.iter().map(|v| v.key()).collect();
    let row = |i: usize| &keys[i * m..(i + 1) * m];
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| row(i).cmp(row(j)));
    let has_nan = |i: usize| vals[i * m..(i + 1) * m].iter().any(|v| v.is_nan());
    let mut starts = Vec::new();
    for (p, &i) in order.iter().enumerate() {
        if p == 0 || has_nan(i) || row(i) != row(order[p - 1]) {
            starts.push(p);
        }
    }
    (order, starts)
}

/// `isin(element, test_elements, invert)` of arrays of one dtype: for each element, whether
/// it equals (`==`) some test element; of `element`'s shape.
pub fn isin(a: &Array, b: &Array, invert: bool) -> Result<Array> {
    if a.dtype() != b.dtype() {
        return Err(Error::type_("isin: arrays of one dtype expected"));
    }
    let out = Array::uninit(a.shape(), DType::Bool)?;
    let ac = a.as_contiguous()?;
    let bf = b.ravel()?;
    dispatch!(a.dtype(), T => isin_typed::<T>(&ac, &bf, invert, &out));
    Ok(out)
}

fn isin_typed<T: SortElem>(a: &Array, b: &Array, invert: bool, out: &Array) {
    // SAFETY: `b` is 1-d.
    let tv = unsafe {
        read_lane(
            b.base::<T>(),
            b.layout().offset as isize,
            b.strides()[0],
            b.size(),
        )
    };
    // NaN equals nothing: NaN tests are dropped, NaN elements are never found.
    let mut keys: Vec<T::K> = tv.iter().filter(|v| !v.is_nan()).map(|v| v.key()).collect();
    keys.sort_unstable();
    keys.dedup();
    let m = a.size();
    // SAFETY: `a` is C-contiguous with `m` elements.
    let xs = unsafe { std::slice::from_raw_parts(a.data_ptr() as *const T, m) };
    let dst = SendPtr(out.data_ptr() as *mut bool);
    let chunk = if parallel::worth_splitting(m) {
        m.div_ceil(parallel::pieces(m))
    } else {
        m.max(1)
    };
    let each = |test: &(dyn Fn(&T) -> bool + Sync)| {
        parallel::for_each(m.div_ceil(chunk), &|c| {
            let (lo, hi) = (c * chunk, ((c + 1) * chunk).min(m));
            for (i, x) in xs[lo..hi].iter().enumerate() {
                // SAFETY: slot `lo + i` of `out` is this task's alone.
                unsafe { *dst.at((lo + i) as isize) = test(x) != invert };
            }
        });
    };
    if let Some(table) = lookup_table(&keys, m) {
        let (first, len) = (table.first, table.hit.len() as u64);
        each(&|x: &T| match x.key().as_u64() {
            Some(k) => k.wrapping_sub(first) < len && table.hit[(k - first) as usize],
            None => false,
        });
    } else {
        each(&|x: &T| !x.is_nan() && keys.binary_search(&x.key()).is_ok());
    }
}

/// Integer tests spanning a range small next to the work (NumPy's rule for its `'table'`
/// kind: the range at most six times the two sizes together): one flag per value of the
/// range, so each element is one load instead of a binary search.
struct Table {
    first: u64,
    hit: Vec<bool>,
}

fn lookup_table<K: SortKey>(keys: &[K], m: usize) -> Option<Table> {
    let first = keys.first()?.as_u64()?;
    let last = keys.last()?.as_u64()?;
    let span = last - first;
    if span > 6 * (m as u64 + keys.len() as u64) {
        return None;
    }
    let mut hit = vec![false; span as usize + 1];
    for k in keys {
        hit[(k.as_u64()? - first) as usize] = true;
    }
    Some(Table { first, hit })
}
