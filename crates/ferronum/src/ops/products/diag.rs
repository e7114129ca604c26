//! `diagonal` (a read-only view, as NumPy's) and `trace` (the sum of that view).

use crate::array::Array;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::layout::{normalize_axis, Layout};
use crate::ops::reduce;

/// `a.diagonal(offset, axis1, axis2)`: the two axes removed, the diagonal appended last.
pub fn diagonal(a: &Array, offset: isize, axis1: isize, axis2: isize) -> Result<Array> {
    let nd = a.ndim();
    if nd < 2 {
        return Err(Error::value(
            "diag requires an array of at least two dimensions",
        ));
    }
    let (x, y) = (normalize_axis(axis1, nd)?, normalize_axis(axis2, nd)?);
    if x == y {
        return Err(Error::value("axis1 and axis2 cannot be the same"));
    }
    let l = a.layout();
    let (n1, n2) = (l.shape[x] as isize, l.shape[y] as isize);
    let (s1, s2) = (l.strides[x], l.strides[y]);
    let len = if offset >= 0 {
        n1.min(n2 - offset)
    } else {
        (n1 + offset).min(n2)
    }
    .max(0);
    let start = if len == 0 {
        0
    } else if offset >= 0 {
        offset * s2
    } else {
        -offset * s1
    };
    let mut shape = l.shape.clone();
    let mut strides = l.strides.clone();
    for k in [x.max(y), x.min(y)] {
        shape.remove(k);
        strides.remove(k);
    }
    shape.push(len as usize);
    strides.push(s1 + s2);
    let layout = Layout {
        shape,
        strides,
        offset: (l.offset as isize + start) as usize,
    };
    // NumPy's diagonal is a read-only view.
    Ok(a.with_layout(layout).into_readonly())
}

/// `numpy.trace`: the diagonal summed, with `sum`'s accumulator dtype.
pub fn trace(
    a: &Array,
    offset: isize,
    axis1: isize,
    axis2: isize,
    dtype: Option<DType>,
) -> Result<Array> {
    let d = diagonal(a, offset, axis1, axis2)?;
    reduce::sum(&d, Some(&[-1]), false, dtype)
}
