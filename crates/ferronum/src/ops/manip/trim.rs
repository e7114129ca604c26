//! `trim_zeros`: the box that holds every non-zero element, cut down to on chosen axes.

use super::slice_axis;
use crate::array::Array;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::layout::normalize_axis;

/// Which ends `trim_zeros` cuts: NumPy's `trim` string ('f', 'b', 'fb' or 'bf', any case).
pub fn parse_trim(trim: &str) -> Result<(bool, bool)> {
    match trim.to_lowercase().as_str() {
        "fb" | "bf" => Ok((true, true)),
        "f" => Ok((true, false)),
        "b" => Ok((false, true)),
        _ => Err(Error::value(format!(
            "unexpected character(s) in `trim`: '{trim}'"
        ))),
    }
}

/// For each axis, the range `start..stop` that `trim_zeros(a, trim, axis)` keeps (the whole
/// axis where it does not trim); `None` when no axis is trimmed (NumPy then returns its input
/// itself).
pub fn trim_zeros_bounds(
    a: &Array,
    trim: &str,
    axis: Option<&[isize]>,
) -> Result<Option<Vec<(usize, usize)>>> {
    let (front, back) = parse_trim(trim)?;
    let nd = a.ndim();
    let mut chosen = vec![axis.is_none(); nd];
    if let Some(ax) = axis {
        for &x in ax {
            let k = normalize_axis(x, nd).map_err(|e| e.with_axis_prefix("axis"))?;
            if chosen[k] {
                return Err(Error::value("repeated axis in `axis` argument"));
            }
            chosen[k] = true;
        }
    }
    if !chosen.contains(&true) {
        return Ok(None);
    }
    // Truth as NumPy's `argwhere` sees it (NaN is non-zero, -0.0 is zero): the cast to bool.
    let truth = a.astype(DType::Bool)?.to_vec::<bool>();
    let shape = a.shape();
    let (mut lo, mut hi) = (shape.to_vec(), vec![0usize; nd]);
    let mut idx = vec![0usize; nd];
    let mut any = false;
    for &t in &truth {
        if t {
            any = true;
            for k in 0..nd {
                lo[k] = lo[k].min(idx[k]);
                hi[k] = hi[k].max(idx[k] + 1);
            }
        }
        for k in (0..nd).rev() {
            idx[k] += 1;
            if idx[k] < shape[k] {
                break;
            }
            idx[k] = 0;
        }
    }
    Ok(Some(
        (0..nd)
            .map(|k| match (chosen[k], any) {
                (false, _) => (0, shape[k]),
                (true, false) => (0, 0),
                (true, true) => (
                    if front { lo[k] } else { 0 },
                    if back { hi[k] } else { shape[k] },
                ),
            })
            .collect(),
    ))
}

/// NumPy's `trim_zeros(filt, trim, axis)` on an array: a view (the array itself when no axis
/// is trimmed).
pub fn trim_zeros(a: &Array, trim: &str, axis: Option<&[isize]>) -> Result<Array> {
    let Some(bounds) = trim_zeros_bounds(a, trim, axis)? else {
        return Ok(a.clone());
    };
    let mut v = a.clone();
    for (k, &(s, e)) in bounds.iter().enumerate() {
        v = slice_axis(&v, k, s, e - s);
    }
    Ok(v)
}
