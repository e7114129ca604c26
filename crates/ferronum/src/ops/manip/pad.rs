//! `pad` with the modes 'constant', 'edge', 'wrap', 'reflect' and 'symmetric' (even
//! reflection). Like NumPy, the axes are padded one after the other over the whole extent
//! of the others, so a corner takes the value of the last axis padded.

use super::slice_axis;
use crate::array::Array;
use crate::dtype::Wide;
use crate::error::{Error, Result};
use crate::layout::{shape_str_sep, Dims};

/// How `pad` fills.
#[derive(Clone)]
pub enum PadMode {
    /// Per axis, the (before, after) values, already of the input's dtype.
    Constant(Vec<(Wide, Wide)>),
    Edge,
    Wrap,
    Reflect,
    Symmetric,
}

/// NumPy's `_as_pairs` on an argument with `len` elements (C order) and shape `shape`: one
/// value for all, one (before, after) pair for all, or anything that broadcasts to
/// `(ndim, 2)`. Gives, per axis, the positions of its (before, after) values in the argument.
pub fn pair_positions(len: usize, shape: &[usize], ndim: usize) -> Result<Vec<(usize, usize)>> {
    if shape.len() < 3 && len == 1 {
        return Ok(vec![(0, 0); ndim]);
    }
    if shape.len() < 3 && len == 2 && shape != [2, 1] {
        return Ok(vec![(0, 1); ndim]);
    }
    let target = [ndim, 2];
    let pad = 2usize.saturating_sub(shape.len());
    let fits = shape.len() <= 2
        && shape
            .iter()
            .enumerate()
            .all(|(k, &d)| d == 1 || d == target[pad + k]);
    if !fits {
        return Err(Error::value(format!(
            "operands could not be broadcast together with remapped shapes [original->remapped]: {}  and requested shape {}",
            shape_str_sep(shape, ","),
            shape_str_sep(&target, ",")
        )));
    }
    let full: Vec<usize> = std::iter::repeat_n(1, pad)
        .chain(shape.iter().copied())
        .collect();
    let at = |i: usize, j: usize| {
        let (r, c) = (
            if full[0] == 1 { 0 } else { i },
            if full[1] == 1 { 0 } else { j },
        );
        r * full[1] + c
    };
    Ok((0..ndim).map(|i| (at(i, 0), at(i, 1))).collect())
}

/// `pad_width` as pairs per axis (`_as_pairs(..., as_index=True)`): no negative values.
pub fn pad_widths(values: &[isize], shape: &[usize], ndim: usize) -> Result<Vec<(usize, usize)>> {
    // NumPy checks the sign of every value given, before broadcasting.
    let pos = |ps: Vec<(usize, usize)>| ps.into_iter().map(|(b, e)| (values[b], values[e]));
    if values.iter().any(|&v| v < 0) {
        return Err(Error::value("index can't contain negative values"));
    }
    Ok(pos(pair_positions(values.len(), shape, ndim)?)
        .map(|(b, e)| (b as usize, e as usize))
        .collect())
}

/// The position in `0..n` that output offset `t` (relative to the array's start along the
/// axis, negative before it) copies in a non-constant mode.
fn source(mode: &PadMode, t: isize, n: isize) -> isize {
    match mode {
        PadMode::Edge => t.clamp(0, n - 1),
        PadMode::Wrap => t.rem_euclid(n),
        PadMode::Symmetric => {
            let u = t.rem_euclid(2 * n);
            if u < n {
                u
            } else {
                2 * n - 1 - u
            }
        }
        PadMode::Reflect if n == 1 => 0,
        PadMode::Reflect => {
            let p = 2 * (n - 1);
            let u = t.rem_euclid(p);
            if u < n {
                u
            } else {
                p - u
            }
        }
        PadMode::Constant(_) => t,
    }
}

/// NumPy's `pad(array, pad_width, mode)` with `widths` from `pad_widths`.
pub fn pad(a: &Array, widths: &[(usize, usize)], mode: &PadMode) -> Result<Array> {
    let nd = a.ndim();
    if widths.len() != nd {
        return Err(Error::value("pad widths must give a pair per axis"));
    }
    let mut shape: Dims = Dims::new();
    for (k, &(b, e)) in widths.iter().enumerate() {
        let n = a.shape()[k];
        if n == 0 && (b > 0 || e > 0) && !matches!(mode, PadMode::Constant(_)) {
            return Err(Error::value(format!(
                "can't extend empty axis {k} using modes other than 'constant' or 'empty'"
            )));
        }
        shape.push(
            n.checked_add(b)
                .and_then(|s| s.checked_add(e))
                .ok_or_else(|| Error::value("array is too big"))?,
        );
    }
    let out = Array::uninit(&shape, a.dtype())?;
    let mut center = out.clone();
    for (k, &(b, _)) in widths.iter().enumerate() {
        center = slice_axis(&center, k, b, a.shape()[k]);
    }
    if center.size() > 0 {
        center.assign(a)?;
    }
    if out.size() == 0 {
        return Ok(out);
    }
    for (k, &(b, e)) in widths.iter().enumerate() {
        let n = a.shape()[k];
        match mode {
            PadMode::Constant(values) => {
                let (vb, ve) = values.get(k).copied().unwrap_or((Wide::I(0), Wide::I(0)));
                for (start, len, v) in [(0, b, vb), (b + n, e, ve)] {
                    if len > 0 {
                        slice_axis(&out, k, start, len).fill(v)?;
                    }
                }
            }
            _ => {
                // Slice by slice: each pad position copies one position of the padded array's
                // original extent along this axis (which earlier axes have already padded).
                for p in (0..b).chain(b + n..b + n + e) {
                    let s = source(mode, p as isize - b as isize, n as isize) as usize + b;
                    slice_axis(&out, k, p, 1).assign(&slice_axis(&out, k, s, 1))?;
                }
            }
        }
    }
    Ok(out)
}
