//! `copyto`: NumPy's checked, broadcast, optionally masked assignment.

use super::can_cast;
use crate::array::Array;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::layout::shape_str_sep;
use crate::ops::ufunc::{self, Casting, Operand};

/// Whether `from` broadcasts to `to` (extra leading length-1 axes allowed, as NumPy's
/// assignment drops them).
fn broadcasts(from: &[usize], to: &[usize]) -> bool {
    let extra = from.len().saturating_sub(to.len());
    if from[..extra].iter().any(|&d| d != 1) {
        return false;
    }
    let from = &from[extra..];
    let pad = to.len() - from.len();
    from.iter().zip(&to[pad..]).all(|(&d, &t)| d == t || d == 1)
}

/// A view of `a` without the leading length-1 axes beyond `ndim`.
fn drop_leading(a: &Array, ndim: usize) -> Array {
    let mut l = a.layout().clone();
    while l.shape.len() > ndim {
        l.shape.remove(0);
        l.strides.remove(0);
    }
    a.with_layout(l)
}

/// NumPy's `copyto(dst, src, casting, where)`: `src` (broadcast to `dst`) cast into `dst` where
/// `mask` (boolean, broadcast too) is true. `src` 0-d is a scalar for the casting message.
pub fn copyto(dst: &Array, src: &Array, casting: Casting, mask: Option<&Array>) -> Result<()> {
    dst.check_writeable()?;
    if !can_cast(src.dtype(), dst.dtype(), casting) {
        return Err(Error::type_(format!(
            "Cannot cast {} from dtype('{}') to dtype('{}') according to the rule '{}'",
            if src.ndim() == 0 {
                "scalar"
            } else {
                "array data"
            },
            src.dtype(),
            dst.dtype(),
            casting.name()
        )));
    }
    if !broadcasts(src.shape(), dst.shape()) {
        return Err(Error::value(format!(
            "could not broadcast input array from shape {} into shape {}",
            shape_str_sep(src.shape(), ","),
            shape_str_sep(dst.shape(), ",")
        )));
    }
    let src = drop_leading(src, dst.ndim());
    match mask {
        None => dst.assign_cast(&src, "cast"),
        Some(m) => {
            if m.dtype() != DType::Bool {
                return Err(Error::type_(format!(
                    "Cannot cast array data from dtype('{}') to dtype('bool') according to the rule 'safe'",
                    m.dtype()
                )));
            }
            if !broadcasts(m.shape(), dst.shape()) {
                return Err(Error::value(format!(
                    "could not broadcast where mask from shape {} into shape {}",
                    shape_str_sep(m.shape(), ","),
                    shape_str_sep(dst.shape(), ",")
                )));
            }
            let m = drop_leading(m, dst.ndim());
            if dst.size() == 0 {
                return Ok(());
            }
            // The cast values where the mask is true, the destination's own elsewhere.
            let s = src.astype_as(dst.dtype(), "cast")?;
            let merged = ufunc::select(&m, Operand::Array(&s), Operand::Array(dst))?;
            dst.assign(&merged)
        }
    }
}
