//! `numpy.diff` without `prepend`/`append`: `n` rounds of `a[1:] - a[:-1]` along `axis`
//! (`not_equal` for bool), the ufunc calls of NumPy's Python code made from Rust, so a small
//! call pays one crossing from Python instead of one per slice and per round.

use crate::array::{Array, IndexItem};
use crate::dtype::DType;
use crate::error::Result;
use crate::ops::ufunc::{binary, BinaryOp, Operand};

/// `diff(a, n, axis)` for a normalised `axis < a.ndim()`; `n >= 1`.
pub fn diff(a: &Array, n: usize, axis: usize) -> Result<Array> {
    let mut a = a.clone();
    let whole = IndexItem::Slice {
        start: None,
        stop: None,
        step: None,
    };
    let mut hi = vec![whole; axis + 1];
    let mut lo = hi.clone();
    hi[axis] = IndexItem::Slice {
        start: Some(1),
        stop: None,
        step: None,
    };
    lo[axis] = IndexItem::Slice {
        start: None,
        stop: Some(-1),
        step: None,
    };
    for _ in 0..n {
        let (x, y) = (a.index(&hi)?, a.index(&lo)?);
        let op = if a.dtype() == DType::Bool {
            BinaryOp::NotEqual
        } else {
            BinaryOp::Subtract
        };
        a = binary(op, Operand::Array(&x), Operand::Array(&y), None)?;
    }
    Ok(a)
}
