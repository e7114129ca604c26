//! `block`: an array assembled from nested lists of blocks. NumPy joins small results by
//! repeated `concatenate` (innermost lists along the last axis) and large ones by writing
//! each block into its slice of the result; the two differ in their messages and in how
//! they pick the dtype, and both are kept here.

use super::concatenate;
use crate::array::{Array, Order};
use crate::error::{Error, Result};
use crate::layout::{Dims, Layout};
use crate::ops::ufunc::Casting;

/// One level of `block`'s argument: a block (an array; scalars are 0-d arrays) or a list.
#[derive(Clone)]
pub enum Block {
    Leaf(Array),
    List(Vec<Block>),
}

/// Above this many element-levels NumPy switches from concatenation to slice assignment.
const SLICING_THRESHOLD: usize = 2 * 512 * 512;

fn format_index(index: &[Option<usize>]) -> String {
    let mut s = String::from("arrays");
    for i in index.iter().flatten() {
        s.push_str(&format!("[{i}]"));
    }
    s
}

/// NumPy's `_block_check_depths_match`: (index path to the first bottom element, with `None`
/// for an empty list; the largest block ndim; the total number of elements).
fn check_depths(
    b: &Block,
    parent: &mut Vec<Option<usize>>,
) -> Result<(Vec<Option<usize>>, usize, usize)> {
    match b {
        Block::Leaf(a) => Ok((parent.clone(), a.ndim(), a.size())),
        Block::List(items) if items.is_empty() => {
            let mut idx = parent.clone();
            idx.push(None);
            Ok((idx, 0, 0))
        }
        Block::List(items) => {
            let mut first: Option<Vec<Option<usize>>> = None;
            let (mut max_nd, mut size) = (0, 0);
            for (i, item) in items.iter().enumerate() {
                parent.push(Some(i));
                let r = check_depths(item, parent);
                parent.pop();
                let (index, nd, sz) = r?;
                size += sz;
                match &mut first {
                    None => {
                        max_nd = nd;
                        first = Some(index);
                    }
                    Some(f) => {
                        max_nd = max_nd.max(nd);
                        if index.len() != f.len() {
                            return Err(Error::value(format!(
                                "List depths are mismatched. First element was at depth {}, but there is an element at depth {} ({})",
                                f.len(),
                                index.len(),
                                format_index(&index)
                            )));
                        }
                        if index.last() == Some(&None) {
                            *f = index;
                        }
                    }
                }
            }
            Ok((first.unwrap_or_default(), max_nd, size))
        }
    }
}

/// `a` viewed with length-1 axes prepended up to `ndim` (`array(a, ndmin=ndim, copy=None)`).
fn atleast_nd(a: &Array, ndim: usize) -> Array {
    if a.ndim() >= ndim {
        return a.clone();
    }
    let mut l = a.layout().clone();
    let pad = ndim - a.ndim();
    l.shape.insert_many(0, std::iter::repeat_n(1, pad));
    l.strides.insert_many(0, std::iter::repeat_n(0, pad));
    a.with_layout(l)
}

/// NumPy's `block(arrays)`.
pub fn block(arrays: &Block) -> Result<Array> {
    let (bottom, arr_ndim, final_size) = check_depths(arrays, &mut Vec::new())?;
    let list_ndim = bottom.len();
    if bottom.last() == Some(&None) {
        return Err(Error::value(format!(
            "List at {} cannot be empty",
            format_index(&bottom)
        )));
    }
    let result_ndim = arr_ndim.max(list_ndim);
    if list_ndim.saturating_mul(final_size) > SLICING_THRESHOLD {
        return block_slicing(arrays, list_ndim, result_ndim);
    }
    let r = block_concat(arrays, list_ndim, result_ndim, 0)?;
    if list_ndim == 0 {
        // A lone block comes back as a copy, never as the input itself.
        return r.copy(Order::C);
    }
    Ok(r)
}

fn block_concat(b: &Block, max_depth: usize, result_ndim: usize, depth: usize) -> Result<Array> {
    match b {
        Block::List(items) if depth < max_depth => {
            let arrs = items
                .iter()
                .map(|i| block_concat(i, max_depth, result_ndim, depth + 1))
                .collect::<Result<Vec<_>>>()?;
            let axis = -((max_depth - depth) as isize);
            concatenate(&arrs, Some(axis), None, None, Casting::SameKind)
        }
        Block::Leaf(a) => Ok(atleast_nd(a, result_ndim)),
        // The depth check leaves every list above `max_depth`.
        Block::List(_) => Err(Error::value("List depths are mismatched")),
    }
}

/// The shape of a (sub)block in the slicing algorithm, with NumPy's message when the blocks
/// of a list disagree off their joining axis.
fn block_shape(b: &Block, max_depth: usize, result_ndim: usize, depth: usize) -> Result<Dims> {
    match b {
        Block::List(items) if depth < max_depth => {
            let axis = result_ndim - max_depth + depth;
            let mut shape: Option<Dims> = None;
            for item in items {
                let s = block_shape(item, max_depth, result_ndim, depth + 1)?;
                match &mut shape {
                    None => shape = Some(s),
                    Some(acc) => {
                        let same = s.len() == acc.len()
                            && (0..s.len()).all(|k| k == axis || s[k] == acc[k]);
                        if !same {
                            return Err(Error::value(format!(
                                "Mismatched array shapes in block along axis {axis}."
                            )));
                        }
                        acc[axis] += s[axis];
                    }
                }
            }
            Ok(shape.unwrap_or_default())
        }
        Block::Leaf(a) => Ok(atleast_nd(a, result_ndim).shape().into()),
        Block::List(_) => Err(Error::value("List depths are mismatched")),
    }
}

fn leaves<'a>(b: &'a Block, out: &mut Vec<&'a Array>) {
    match b {
        Block::Leaf(a) => out.push(a),
        Block::List(items) => items.iter().for_each(|i| leaves(i, out)),
    }
}

fn block_slicing(b: &Block, list_ndim: usize, result_ndim: usize) -> Result<Array> {
    let shape = block_shape(b, list_ndim, result_ndim, 0)?;
    let mut all = Vec::new();
    leaves(b, &mut all);
    let dtypes: Vec<_> = all.iter().map(|a| a.dtype()).collect();
    let dtype = super::result_type(&dtypes);
    let f_order = all.iter().all(|a| a.is_f_contiguous());
    let c_order = all.iter().all(|a| a.is_c_contiguous());
    let order = if f_order && !c_order {
        Order::F
    } else {
        Order::C
    };
    let result = Array::uninit_order(&shape, dtype, order)?;
    fill(b, list_ndim, result_ndim, 0, &result)?;
    Ok(result)
}

/// Writes block `b` into `dest`, a view of the result with `b`'s shape.
fn fill(b: &Block, max_depth: usize, result_ndim: usize, depth: usize, dest: &Array) -> Result<()> {
    match b {
        Block::Leaf(a) => dest.assign_cast(&atleast_nd(a, result_ndim), "cast"),
        Block::List(items) => {
            let axis = result_ndim - max_depth + depth;
            let mut start = 0;
            for item in items {
                let n = block_shape(item, max_depth, result_ndim, depth + 1)?[axis];
                let mut l: Layout = dest.layout().clone();
                if n > 0 {
                    l.offset = (l.offset as isize + start as isize * l.strides[axis]) as usize;
                }
                l.shape[axis] = n;
                fill(
                    item,
                    max_depth,
                    result_ndim,
                    depth + 1,
                    &dest.with_layout(l),
                )?;
                start += n;
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_join_innermost_last() {
        let a = Array::from_vec(vec![1i64, 2, 3, 4], &[2, 2]).unwrap();
        let b = Array::from_vec(vec![5i64, 6], &[2, 1]).unwrap();
        let t = Block::List(vec![Block::Leaf(a.clone()), Block::Leaf(b.clone())]);
        let r = block(&t).unwrap();
        assert_eq!(r.shape(), &[2, 3]);
        assert_eq!(r.to_vec::<i64>(), vec![1, 2, 5, 3, 4, 6]);
        let bad = Block::List(vec![Block::Leaf(a), Block::List(vec![Block::Leaf(b)])]);
        assert!(block(&bad)
            .unwrap_err()
            .to_string()
            .starts_with("List depths"));
        let e = block(&Block::List(vec![Block::List(vec![])])).unwrap_err();
        assert_eq!(e.to_string(), "List at arrays[0] cannot be empty");
    }
}
