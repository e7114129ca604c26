//! `delete`: the array without some positions along an axis (always a new array).

use super::slice_axis;
use crate::array::{slice_indices, Array, Order};
use crate::error::{Error, Result};
use crate::layout::{normalize_axis, Dims};

/// What `delete` removes along its axis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Deletion {
    /// A Python slice.
    Slice {
        start: Option<isize>,
        stop: Option<isize>,
        step: Option<isize>,
    },
    /// One index (an int, or an integer array of one element).
    Index(isize),
    /// Integer indices (repeats allowed, negative ones count from the end).
    Indices(Vec<isize>),
    /// A boolean mask as long as the axis: true removes.
    Mask(Vec<bool>),
    /// A boolean mask of other than one dimension (NumPy's ValueError, naming the length).
    MaskNot1d,
    /// An array neither integer nor boolean (NumPy's IndexError, once the axis is checked).
    NotIndices,
}

/// NumPy's `delete(arr, obj, axis)`; `axis` `None` deletes from the flattened array.
pub fn delete(a: &Array, obj: &Deletion, axis: Option<isize>) -> Result<Array> {
    // A Fortran-ordered input keeps its order where NumPy allocates the result itself.
    let order = if a.is_f_contiguous() && !a.is_c_contiguous() {
        Order::F
    } else {
        Order::C
    };
    let (arr, ax) = match axis {
        None if a.ndim() != 1 => (a.ravel()?, 0),
        None => (a.clone(), 0),
        Some(x) => (a.clone(), normalize_axis(x, a.ndim())?),
    };
    let n = arr.shape()[ax];
    let mut keep = vec![true; n];
    match obj {
        Deletion::Slice { start, stop, step } => {
            let (s, len, st) = slice_indices(*start, *stop, *step, n)?;
            for i in 0..len as isize {
                keep[(s + i * st) as usize] = false;
            }
        }
        Deletion::Index(i) => {
            let k = if *i < 0 { i + n as isize } else { *i };
            if k < 0 || k >= n as isize {
                return Err(Error::index(format!(
                    "index {i} is out of bounds for axis {ax} with size {n}"
                )));
            }
            keep[k as usize] = false;
        }
        Deletion::Indices(idx) => {
            for &i in idx {
                // NumPy marks them with `keep[obj,] = False`: the error names axis 0 of `keep`.
                let k = if i < 0 { i + n as isize } else { i };
                if k < 0 || k >= n as isize {
                    return Err(Error::index(format!(
                        "index {i} is out of bounds for axis 0 with size {n}"
                    )));
                }
                keep[k as usize] = false;
            }
        }
        Deletion::NotIndices => {
            return Err(Error::index(
                "arrays used as indices must be of integer (or boolean) type",
            ));
        }
        Deletion::MaskNot1d => {
            return Err(Error::value(format!(
                "boolean array argument obj to delete must be one dimensional and match the axis length of {n}"
            )));
        }
        Deletion::Mask(m) => {
            if m.len() != n {
                return Err(Error::value(format!(
                    "boolean array argument obj to delete must be one dimensional and match the axis length of {n}"
                )));
            }
            for (k, &d) in keep.iter_mut().zip(m) {
                *k = !d;
            }
        }
    }
    let mut shape: Dims = arr.shape().into();
    shape[ax] = keep.iter().filter(|&&k| k).count();
    let out = Array::uninit_order(&shape, arr.dtype(), order)?;
    // Each run of kept positions is one block copy.
    let (mut i, mut at) = (0, 0);
    while i < n && out.size() > 0 {
        if !keep[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && keep[i] {
            i += 1;
        }
        slice_axis(&out, ax, at, i - start).assign(&slice_axis(&arr, ax, start, i - start))?;
        at += i - start;
    }
    Ok(out)
}
