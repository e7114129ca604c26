//! `concatenate`, `stack`, `hstack`/`vstack`/`dstack`/`column_stack`, `append` and the
//! `atleast_*d` views they build on.

use super::{check_cast, insert_axis, new_like_inputs, result_type, slice_axis};
use crate::array::Array;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::layout::{normalize_axis, Dims};
use crate::ops::ufunc::Casting;

/// The dtype of a join: `out`'s, else `dtype`, else the promotion of every input's (all of
/// them strong: NumPy converts Python scalars and lists to arrays before it joins them).
fn join_dtype(arrays: &[Array], dtype: Option<DType>) -> DType {
    dtype.unwrap_or_else(|| {
        let dts: Vec<DType> = arrays.iter().map(|a| a.dtype()).collect();
        result_type(&dts)
    })
}

/// NumPy's `concatenate(arrays, axis, out=, dtype=, casting=)`; `axis` `None` joins the
/// arrays flattened in C order. With `out`, the result is written there and `out` returned.
pub fn concatenate(
    arrays: &[Array],
    axis: Option<isize>,
    out: Option<&Array>,
    dtype: Option<DType>,
    casting: Casting,
) -> Result<Array> {
    if out.is_some() && dtype.is_some() {
        return Err(Error::type_(
            "concatenate() only takes `out` or `dtype` as an argument, but both were provided.",
        ));
    }
    if arrays.is_empty() {
        return Err(Error::value("need at least one array to concatenate"));
    }
    let Some(axis) = axis else {
        return concatenate_flat(arrays, out, dtype, casting);
    };
    let nd = arrays[0].ndim();
    if nd == 0 {
        return Err(Error::value(
            "zero-dimensional arrays cannot be concatenated",
        ));
    }
    let ax = normalize_axis(axis, nd)?;
    let mut shape: Dims = arrays[0].shape().into();
    for (i, a) in arrays.iter().enumerate().skip(1) {
        if a.ndim() != nd {
            return Err(Error::value(format!(
                "all the input arrays must have same number of dimensions, but the array at index 0 has {nd} dimension(s) and the array at index {i} has {} dimension(s)",
                a.ndim()
            )));
        }
        for d in 0..nd {
            if d == ax {
                shape[d] = shape[d].checked_add(a.shape()[d]).ok_or_else(|| {
                    Error::value("total number of elements too large to concatenate")
                })?;
            } else if a.shape()[d] != shape[d] {
                return Err(Error::value(format!(
                    "all the input array dimensions except for the concatenation axis must match exactly, but along dimension {d}, the array at index 0 has size {} and the array at index {i} has size {}",
                    shape[d],
                    a.shape()[d]
                )));
            }
        }
    }
    let dest = match out {
        Some(o) => {
            if o.ndim() != nd {
                return Err(Error::value("Output array has wrong dimensionality"));
            }
            if o.shape() != shape.as_slice() {
                return Err(Error::value("Output array is the wrong shape"));
            }
            o.check_writeable()?;
            o.clone()
        }
        None => new_like_inputs(&shape, join_dtype(arrays, dtype), arrays)?,
    };
    for a in arrays {
        check_cast(a.dtype(), dest.dtype(), casting)?;
    }
    let mut start = 0;
    for a in arrays {
        let n = a.shape()[ax];
        if n > 0 {
            slice_axis(&dest, ax, start, n).assign_cast(a, "cast")?;
        }
        start += n;
    }
    Ok(dest)
}

/// `concatenate(..., axis=None)`: every array raveled, joined along the one axis.
fn concatenate_flat(
    arrays: &[Array],
    out: Option<&Array>,
    dtype: Option<DType>,
    casting: Casting,
) -> Result<Array> {
    let total = arrays
        .iter()
        .try_fold(0usize, |t, a| t.checked_add(a.size()))
        .ok_or_else(|| Error::value("total number of elements too large to concatenate"))?;
    let dest = match out {
        Some(o) => {
            if o.ndim() != 1 {
                return Err(Error::value("Output array must be 1D"));
            }
            if o.shape()[0] != total {
                return Err(Error::value("Output array is the wrong size"));
            }
            o.check_writeable()?;
            o.clone()
        }
        None => Array::uninit(&[total], join_dtype(arrays, dtype))?,
    };
    for a in arrays {
        check_cast(a.dtype(), dest.dtype(), casting)?;
    }
    let mut start = 0;
    for a in arrays {
        let n = a.size();
        if n > 0 {
            // A run of a 1-d array splits into any shape without copying, so the input keeps
            // its own shape and is read in C order by the assignment.
            let shape: Dims = a.shape().into();
            let seg = slice_axis(&dest, 0, start, n);
            let l = seg
                .layout()
                .reshaped(&shape)
                .ok_or_else(|| Error::value("internal: a 1-d run must reshape"))?;
            seg.with_layout(l).assign_cast(a, "cast")?;
        }
        start += n;
    }
    Ok(dest)
}

/// NumPy's `stack(arrays, axis, out=, dtype=, casting=)`: joins along a new axis.
pub fn stack(
    arrays: &[Array],
    axis: isize,
    out: Option<&Array>,
    dtype: Option<DType>,
    casting: Casting,
) -> Result<Array> {
    if arrays.is_empty() {
        return Err(Error::value("need at least one array to stack"));
    }
    if arrays.iter().any(|a| a.shape() != arrays[0].shape()) {
        return Err(Error::value("all input arrays must have the same shape"));
    }
    let ax = normalize_axis(axis, arrays[0].ndim() + 1)?;
    let expanded: Vec<Array> = arrays.iter().map(|a| insert_axis(a, ax)).collect();
    concatenate(&expanded, Some(ax as isize), out, dtype, casting)
}

/// A view of `a` with at least one dimension.
pub fn atleast_1d(a: &Array) -> Array {
    match a.ndim() {
        0 => insert_axis(a, 0),
        _ => a.clone(),
    }
}

/// A view of `a` with at least two dimensions: `(1, 1)` from 0-d, `(1, n)` from 1-d.
pub fn atleast_2d(a: &Array) -> Array {
    match a.ndim() {
        0 => insert_axis(&insert_axis(a, 0), 0),
        1 => insert_axis(a, 0),
        _ => a.clone(),
    }
}

/// A view of `a` with at least three dimensions: `(1, 1, 1)`, `(1, n, 1)`, `(m, n, 1)`.
pub fn atleast_3d(a: &Array) -> Array {
    match a.ndim() {
        0 => insert_axis(&insert_axis(&insert_axis(a, 0), 0), 0),
        1 => insert_axis(&insert_axis(a, 0), 2),
        2 => insert_axis(a, 2),
        _ => a.clone(),
    }
}

/// NumPy's `hstack`: 1-d arrays join along axis 0, others along axis 1.
pub fn hstack(arrays: &[Array], dtype: Option<DType>, casting: Casting) -> Result<Array> {
    let arrs: Vec<Array> = arrays.iter().map(atleast_1d).collect();
    let axis = match arrs.first() {
        Some(a) if a.ndim() == 1 => 0,
        _ => 1,
    };
    concatenate(&arrs, Some(axis), None, dtype, casting)
}

/// NumPy's `vstack` (and its deprecated alias `row_stack`): rows of `atleast_2d` views.
pub fn vstack(arrays: &[Array], dtype: Option<DType>, casting: Casting) -> Result<Array> {
    let arrs: Vec<Array> = arrays.iter().map(atleast_2d).collect();
    concatenate(&arrs, Some(0), None, dtype, casting)
}

/// NumPy's `dstack`: `atleast_3d` views joined along the third axis.
pub fn dstack(arrays: &[Array]) -> Result<Array> {
    let arrs: Vec<Array> = arrays.iter().map(atleast_3d).collect();
    concatenate(&arrs, Some(2), None, None, Casting::SameKind)
}

/// NumPy's `column_stack`: 1-d (and 0-d) arrays become columns, others join along axis 1.
pub fn column_stack(arrays: &[Array]) -> Result<Array> {
    let arrs: Vec<Array> = arrays
        .iter()
        .map(|a| match a.ndim() {
            0 | 1 => Ok(atleast_2d(a).transpose(None)?),
            _ => Ok(a.clone()),
        })
        .collect::<Result<_>>()?;
    concatenate(&arrs, Some(1), None, None, Casting::SameKind)
}

/// NumPy's `append(arr, values, axis)`: `axis` `None` joins both flattened.
pub fn append(arr: &Array, values: &Array, axis: Option<isize>) -> Result<Array> {
    let both = [arr.clone(), values.clone()];
    concatenate(&both, axis, None, None, Casting::SameKind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ar(v: Vec<i64>, shape: &[usize]) -> Array {
        Array::from_vec(v, shape).unwrap()
    }

    #[test]
    fn concatenate_promotes_and_checks_shapes() {
        let a = ar((0..6).collect(), &[2, 3]);
        let b = Array::from_vec(vec![1.5f32; 3], &[1, 3]).unwrap();
        let r = concatenate(
            &[a.clone(), b.clone()],
            Some(0),
            None,
            None,
            Casting::SameKind,
        )
        .unwrap();
        assert_eq!(r.dtype(), DType::F64);
        assert_eq!(r.shape(), &[3, 3]);
        assert_eq!(r.to_vec::<f64>()[6..], [1.5, 1.5, 1.5]);
        let e = concatenate(&[a.clone(), b], Some(1), None, None, Casting::SameKind).unwrap_err();
        assert!(e.to_string().contains("along dimension 0"));
        let e = concatenate(
            std::slice::from_ref(&a),
            Some(2),
            None,
            None,
            Casting::SameKind,
        )
        .unwrap_err();
        assert!(matches!(e, Error::Axis { axis: 2, ndim: 2 }));
        let e = concatenate(&[a], Some(0), None, Some(DType::Bool), Casting::SameKind).unwrap_err();
        assert!(matches!(e, Error::Type(_)));
    }

    #[test]
    fn stack_and_flat() {
        let a = ar(vec![1, 2], &[2]);
        let b = ar(vec![3, 4], &[2]);
        let s = stack(&[a.clone(), b.clone()], -1, None, None, Casting::SameKind).unwrap();
        assert_eq!(s.shape(), &[2, 2]);
        assert_eq!(s.to_vec::<i64>(), vec![1, 3, 2, 4]);
        let t = ar(vec![1, 2, 3, 4], &[2, 2]).transpose(None).unwrap();
        let f = concatenate(&[t, a], None, None, None, Casting::SameKind).unwrap();
        assert_eq!(f.to_vec::<i64>(), vec![1, 3, 2, 4, 1, 2]);
        assert_eq!(
            column_stack(&[b.clone(), b]).unwrap().to_vec::<i64>(),
            vec![3, 3, 4, 4]
        );
    }
}
