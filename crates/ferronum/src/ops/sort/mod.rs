//! Sorting, searching and sets: `sort argsort partition argpartition lexsort searchsorted
//! unique isin` and digitize's monotonicity check, with NumPy's orders (NaN last, complex
//! lexicographic with NaN classes, `-0.0 == 0.0`) and errors.
//!
//! Every dtype is sorted through integer keys (`keys`): one radix sort (`radix`) and one
//! comparison sort serve all 14 dtypes. Argsorts are always stable, which is one of the orders
//! NumPy's unstable kinds may give and the one its stable kinds must give.

pub mod keys;
pub mod lanes;
pub mod radix;
pub mod search;
pub mod sets;

use crate::array::Array;
use crate::dispatch;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::layout::normalize_axis;
use lanes::LaneOp;

/// NumPy's sort kinds. Quicksort and heapsort may order ties either way; ferronum's value
/// sorts order them as they come, and its argsorts are stable for every kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKind {
    Quick,
    Heap,
    Stable,
}

impl SortKind {
    /// NumPy's converter: the first letter decides (`'q'`, `'h'`, `'m'`/`'s'`), in any case.
    pub fn parse(s: &str) -> Result<SortKind> {
        match s.chars().next().map(|c| c.to_ascii_lowercase()) {
            Some('q') => Ok(SortKind::Quick),
            Some('h') => Ok(SortKind::Heap),
            Some('m') | Some('s') => Ok(SortKind::Stable),
            _ => Err(Error::value(format!(
                "sort kind must be one of 'quick', 'heap', or 'stable' (got '{s}')"
            ))),
        }
    }
}

/// The array and axis a sort works on: the flattened array for `None`.
fn along(a: &Array, axis: Option<isize>) -> Result<(Array, usize)> {
    match axis {
        None => Ok((a.ravel()?, 0)),
        Some(ax) => Ok((a.clone(), normalize_axis(ax, a.ndim())?)),
    }
}

/// A 0-d array as 1-d, as NumPy's arg functions read it (`PyArray_CheckAxis`).
fn as_1d(a: &Array) -> Result<Array> {
    if a.ndim() == 0 {
        a.reshape(&[1])
    } else {
        Ok(a.clone())
    }
}

/// `sort(a, axis, kind)`: a sorted copy.
pub fn sort(a: &Array, axis: Option<isize>, kind: SortKind) -> Result<Array> {
    let (src, ax) = along(a, axis)?;
    let out = Array::uninit(src.shape(), src.dtype())?;
    if out.size() > 0 {
        let op = LaneOp::Sort {
            stable: kind == SortKind::Stable,
        };
        dispatch!(src.dtype(), T => lanes::run::<T>(&src, &out, ax, op));
    }
    Ok(out)
}

/// `ndarray.sort(axis, kind)`: in place.
pub fn sort_in_place(a: &Array, axis: isize, kind: SortKind) -> Result<()> {
    let ax = normalize_axis(axis, a.ndim())?;
    a.check_writeable_as("sort array is read-only")?;
    let sorted = sort(a, Some(ax as isize), kind)?;
    a.assign(&sorted)
}

/// `argsort(a, axis, kind)`: int64 positions that sort `a` along `axis`, stable.
pub fn argsort(a: &Array, axis: Option<isize>, _kind: SortKind) -> Result<Array> {
    let (src, ax) = along(&as_1d(a)?, axis)?;
    let out = Array::uninit(src.shape(), DType::I64)?;
    if out.size() > 0 {
        dispatch!(src.dtype(), T => lanes::run::<T>(&src, &out, ax, LaneOp::ArgSort));
    }
    Ok(out)
}

/// NumPy's kth: each normalised (`k + n` for negative ones), checked in `0..n`, sorted and
/// made distinct.
fn kth_list(kth: &[i64], n: usize) -> Result<Vec<usize>> {
    let mut ks = Vec::with_capacity(kth.len());
    for &k in kth {
        let k = if k < 0 { k + n as i64 } else { k };
        if k < 0 || k >= n as i64 {
            return Err(Error::value(format!("kth(={k}) out of bounds ({n})")));
        }
        ks.push(k as usize);
    }
    ks.sort_unstable();
    ks.dedup();
    Ok(ks)
}

fn partition_op(a: &Array, kth: &[i64], axis: Option<isize>, arg: bool) -> Result<Array> {
    let (src, ax) = if arg {
        along(&as_1d(a)?, axis)?
    } else {
        along(a, axis)?
    };
    let ks = kth_list(kth, src.shape()[ax])?;
    let dt = if arg { DType::I64 } else { src.dtype() };
    let out = Array::uninit(src.shape(), dt)?;
    if out.size() > 0 {
        let op = if arg {
            LaneOp::ArgPartition(&ks)
        } else {
            LaneOp::Partition(&ks)
        };
        dispatch!(src.dtype(), T => lanes::run::<T>(&src, &out, ax, op));
    }
    Ok(out)
}

/// `partition(a, kth, axis)`: a copy where every `kth` element is in its sorted place.
pub fn partition(a: &Array, kth: &[i64], axis: Option<isize>) -> Result<Array> {
    partition_op(a, kth, axis, false)
}

/// `argpartition(a, kth, axis)`.
pub fn argpartition(a: &Array, kth: &[i64], axis: Option<isize>) -> Result<Array> {
    partition_op(a, kth, axis, true)
}

/// `ndarray.partition(kth, axis)`: in place.
pub fn partition_in_place(a: &Array, kth: &[i64], axis: isize) -> Result<()> {
    let ax = normalize_axis(axis, a.ndim())?;
    let parted = partition(a, kth, Some(ax as isize))?;
    a.check_writeable_as("partition array is read-only")?;
    a.assign(&parted)
}
