//! `insert`: a new array with values placed before given positions along an axis.

use super::{insert_axis, slice_axis};
use crate::array::{Array, Order};
use crate::error::{Error, Result};
use crate::layout::{normalize_axis, shape_str_sep, Dims};

/// Where `insert` places its values (NumPy reads `obj` into one of these).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Insertion {
    /// One position. `scalar`: `obj` was 0-d, so the values' first axis becomes the insertion
    /// axis (`values` is moved as NumPy's `moveaxis(values, 0, axis)`). `shown` is how
    /// NumPy's out-of-bounds message prints `obj`.
    One {
        index: isize,
        scalar: bool,
        shown: String,
    },
    /// Several positions (a slice's, an index list's, a mask's true positions), each relative
    /// to the input: values go before each, in the order given.
    Many(Vec<isize>),
}

/// `values` fitted to `shape` as NumPy's assignment fits it: extra leading length-1 axes are
/// dropped, then it broadcasts. `fancy`: the message of an assignment through an index array.
fn fit(values: &Array, shape: &[usize], fancy: bool) -> Result<Array> {
    let mut v = values.clone();
    while v.ndim() > shape.len() && v.shape()[0] == 1 {
        let mut l = v.layout().clone();
        l.shape.remove(0);
        l.strides.remove(0);
        v = v.with_layout(l);
    }
    let pad = shape.len().saturating_sub(v.ndim());
    let ok = v.ndim() <= shape.len()
        && v.shape()
            .iter()
            .zip(&shape[pad..])
            .all(|(&d, &t)| d == t || d == 1);
    if !ok {
        return Err(Error::value(if fancy {
            format!(
                "shape mismatch: value array of shape {} could not be broadcast to indexing result of shape {}",
                shape_str_sep(values.shape(), ","),
                shape_str_sep(shape, ",")
            )
        } else {
            format!(
                "could not broadcast input array from shape {} into shape {}",
                shape_str_sep(v.shape(), ","),
                shape_str_sep(shape, ",")
            )
        }));
    }
    v.broadcast_to(shape)
}

/// NumPy's `insert(arr, obj, values, axis)`; `values` already has `arr`'s dtype (NumPy converts
/// it with `array(values, dtype=arr.dtype)`); `axis` `None` inserts into the flattened array.
pub fn insert(a: &Array, obj: &Insertion, values: &Array, axis: Option<isize>) -> Result<Array> {
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
    let nd = arr.ndim();
    let n = arr.shape()[ax];
    let mut shape: Dims = arr.shape().into();
    match obj {
        Insertion::One {
            index,
            scalar,
            shown,
        } => {
            let i = *index;
            if i < -(n as isize) || i > n as isize {
                return Err(Error::index(format!(
                    "index {shown} is out of bounds for axis {ax} with size {n}"
                )));
            }
            let at = if i < 0 { i + n as isize } else { i } as usize;
            // `array(values, ndmin=arr.ndim)`, then for a 0-d `obj` its first axis moved to `ax`.
            let mut v = values.clone();
            while v.ndim() < nd {
                v = insert_axis(&v, 0);
            }
            if *scalar && v.ndim() > 0 {
                let mut perm: Vec<usize> = (1..v.ndim()).collect();
                perm.insert(ax.min(v.ndim() - 1), 0);
                v = v.with_layout(v.layout().permuted(&perm));
            }
            let numnew = if v.ndim() > ax { v.shape()[ax] } else { 1 };
            shape[ax] += numnew;
            let out = Array::uninit_order(&shape, arr.dtype(), order)?;
            let mut region: Dims = shape.clone();
            region[ax] = numnew;
            let fitted = fit(&v, &region, false)?;
            if out.size() > 0 {
                slice_axis(&out, ax, 0, at).assign(&slice_axis(&arr, ax, 0, at))?;
                slice_axis(&out, ax, at, numnew).assign(&fitted)?;
                slice_axis(&out, ax, at + numnew, n - at).assign(&slice_axis(
                    &arr,
                    ax,
                    at,
                    n - at,
                ))?;
            }
            Ok(out)
        }
        Insertion::Many(idx) => {
            let numnew = idx.len();
            let total = n + numnew;
            // NumPy's steps: negative indices count from the end once; a stable sort ranks
            // them, and each moves up by its rank; then they index the new axis.
            let mut ind: Vec<isize> = idx
                .iter()
                .map(|&i| if i < 0 { i + n as isize } else { i })
                .collect();
            let mut order_: Vec<usize> = (0..numnew).collect();
            order_.sort_by_key(|&k| ind[k]);
            for (rank, &k) in order_.iter().enumerate() {
                ind[k] += rank as isize;
            }
            let mut pos = Vec::with_capacity(numnew);
            let mut keep = vec![true; total];
            for &i in &ind {
                let p = if i < 0 { i + total as isize } else { i };
                if p < 0 || p >= total as isize {
                    return Err(Error::index(format!(
                        "index {i} is out of bounds for axis 0 with size {total}"
                    )));
                }
                keep[p as usize] = false;
                pos.push(p as usize);
            }
            shape[ax] = total;
            let mut vshape: Dims = shape.clone();
            vshape[ax] = numnew;
            let fitted = fit(values, &vshape, true)?;
            // Positions can collide (a negative index beyond the axis lands on another): the
            // input then fills a different number of positions, which only a length-1 axis
            // can (it broadcasts).
            let kept = keep.iter().filter(|&&k| k).count();
            if kept != n && n != 1 {
                let mut want: Dims = shape.clone();
                want[ax] = kept;
                return Err(Error::value(if nd == 1 {
                    format!("NumPy boolean array indexing assignment cannot assign {n} input values to the {kept} output values where the mask is true")
                } else {
                    format!(
                        "shape mismatch: value array of shape {} could not be broadcast to indexing result of shape {}",
                        shape_str_sep(arr.shape(), ","),
                        shape_str_sep(&want, ",")
                    )
                }));
            }
            let out = Array::uninit_order(&shape, arr.dtype(), order)?;
            if out.size() == 0 {
                return Ok(out);
            }
            for (k, &p) in pos.iter().enumerate() {
                slice_axis(&out, ax, p, 1).assign(&slice_axis(&fitted, ax, k, 1))?;
            }
            // The input fills the kept positions, a run at a time.
            let (mut i, mut from) = (0, 0);
            while i < total {
                if !keep[i] {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < total && keep[i] {
                    i += 1;
                }
                let len = i - start;
                let src = if kept != n {
                    slice_axis(&arr, ax, 0, 1)
                } else {
                    slice_axis(&arr, ax, from, len)
                };
                slice_axis(&out, ax, start, len).assign(&src)?;
                from += len;
            }
            Ok(out)
        }
    }
}
