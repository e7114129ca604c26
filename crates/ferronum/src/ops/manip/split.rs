//! `split`, `array_split`, `hsplit`/`vsplit`/`dsplit` and `unstack`: every piece is a view of
//! the input, as NumPy's are.

use super::slice_axis;
use crate::array::{slice_indices, Array};
use crate::error::{Error, Result};
use crate::layout::normalize_axis;

/// How to cut an axis: into a number of sections, or at a list of indices (Python slice
/// bounds: negative ones count from the end, out-of-range ones are clipped).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sections {
    Count(isize),
    Indices(Vec<isize>),
}

/// The length of `a` along `axis`; NumPy reads `ary.shape[axis]` first, so an axis outside
/// the shape is Python's IndexError there, before any AxisError.
fn axis_len(a: &Array, axis: isize) -> Result<usize> {
    let nd = a.ndim() as isize;
    if axis < -nd || axis >= nd {
        return Err(Error::index("tuple index out of range"));
    }
    Ok(a.shape()[normalize_axis(axis, a.ndim())?])
}

/// NumPy's `array_split`: `Count(n)` gives `n` pieces, the first `len % n` one longer.
pub fn array_split(a: &Array, sections: &Sections, axis: isize) -> Result<Vec<Array>> {
    let total = axis_len(a, axis)?;
    let ax = normalize_axis(axis, a.ndim())?;
    match sections {
        Sections::Count(n) => {
            if *n <= 0 {
                return Err(Error::value("number sections must be larger than 0."));
            }
            let n = *n as usize;
            let (each, extras) = (total / n, total % n);
            let mut start = 0;
            Ok((0..n)
                .map(|i| {
                    let len = each + (i < extras) as usize;
                    let v = slice_axis(a, ax, start, len);
                    start += len;
                    v
                })
                .collect())
        }
        Sections::Indices(idx) => {
            let mut pieces = Vec::with_capacity(idx.len() + 1);
            let mut prev = Some(0isize);
            for k in 0..=idx.len() {
                let end = idx.get(k).copied();
                let (s, len, _) = slice_indices(prev, end, None, total)?;
                pieces.push(slice_axis(a, ax, s as usize, len));
                prev = end;
            }
            Ok(pieces)
        }
    }
}

/// NumPy's `split`: `array_split` that insists a count divides the axis evenly.
pub fn split(a: &Array, sections: &Sections, axis: isize) -> Result<Vec<Array>> {
    if let Sections::Count(n) = sections {
        let total = axis_len(a, axis)? as isize;
        if *n == 0 {
            return Err(Error::Arithmetic("integer modulo by zero".into()));
        }
        if total.rem_euclid(*n) != 0 {
            return Err(Error::value(
                "array split does not result in an equal division",
            ));
        }
    }
    array_split(a, sections, axis)
}

/// NumPy's `hsplit`: along axis 1, or 0 for 1-d arrays.
pub fn hsplit(a: &Array, sections: &Sections) -> Result<Vec<Array>> {
    match a.ndim() {
        0 => Err(Error::value(
            "hsplit only works on arrays of 1 or more dimensions",
        )),
        1 => split(a, sections, 0),
        _ => split(a, sections, 1),
    }
}

/// NumPy's `vsplit`: along axis 0 of an array of two or more dimensions.
pub fn vsplit(a: &Array, sections: &Sections) -> Result<Vec<Array>> {
    if a.ndim() < 2 {
        return Err(Error::value(
            "vsplit only works on arrays of 2 or more dimensions",
        ));
    }
    split(a, sections, 0)
}

/// NumPy's `dsplit`: along axis 2 of an array of three or more dimensions.
pub fn dsplit(a: &Array, sections: &Sections) -> Result<Vec<Array>> {
    if a.ndim() < 3 {
        return Err(Error::value(
            "dsplit only works on arrays of 3 or more dimensions",
        ));
    }
    split(a, sections, 2)
}

/// NumPy's `unstack(x, axis=)`: the views `x` holds along `axis`, that axis removed.
pub fn unstack(a: &Array, axis: isize) -> Result<Vec<Array>> {
    if a.ndim() == 0 {
        return Err(Error::value("Input array must be at least 1-d."));
    }
    let ax = normalize_axis(axis, a.ndim()).map_err(|e| e.with_axis_prefix("source"))?;
    Ok((0..a.shape()[ax])
        .map(|i| {
            let mut l = slice_axis(a, ax, i, 1).layout().clone();
            l.shape.remove(ax);
            l.strides.remove(ax);
            a.with_layout(l)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_and_indices() {
        let a = Array::from_vec((0..7i64).collect(), &[7]).unwrap();
        let p = array_split(&a, &Sections::Count(3), 0).unwrap();
        let lens: Vec<usize> = p.iter().map(|v| v.size()).collect();
        assert_eq!(lens, vec![3, 2, 2]);
        assert!(split(&a, &Sections::Count(3), 0).is_err());
        let p = split(&a, &Sections::Indices(vec![2, 9, 1]), 0).unwrap();
        assert_eq!(p[0].to_vec::<i64>(), vec![0, 1]);
        assert_eq!(p[2].size(), 0);
        assert_eq!(p[3].to_vec::<i64>(), (1..7).collect::<Vec<_>>());
        assert!(matches!(
            split(&a, &Sections::Count(1), 1),
            Err(Error::Index(_))
        ));
    }
}
