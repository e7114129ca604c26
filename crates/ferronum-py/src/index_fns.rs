//! The index functions (`nonzero`, `take`, `put`, `compress`, ...): argument parsing and one
//! engine call each (`ferronum::ops::indexing`, `ferronum::ops::take`).

use crate::common::{axis_of, shape_of, wrap, wrap_or_scalar, PyNdArray};
use crate::convert::to_array;
use crate::errors::{guard, guard_nogil};
use ferronum::ops::indexing;
use ferronum::ops::take::{self as ops, IndexCast, Mode};
use ferronum::{Array, Order};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};

fn tuple_of(py: Python<'_>, arrays: Vec<Array>) -> PyResult<Py<PyAny>> {
    let items = arrays
        .into_iter()
        .map(|a| wrap(py, a))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(PyTuple::new(py, items)?.into_any().unbind())
}

fn order_arg(order: &str) -> PyResult<Order> {
    match order {
        "C" => Ok(Order::C),
        "F" => Ok(Order::F),
        _ => Err(PyValueError::new_err("only 'C' or 'F' order is permitted")),
    }
}

fn mode_arg(py: Python<'_>, mode: &str) -> PyResult<Mode> {
    guard(py, || Mode::parse(mode))
}

/// The array an in-place function writes: a ferronum array, else NumPy's TypeError.
fn target<'a>(a: &'a Bound<'_, PyAny>, name: &str) -> PyResult<&'a Bound<'a, PyNdArray>> {
    a.cast::<PyNdArray>().map_err(|_| {
        PyTypeError::new_err(format!(
            "{name}: first argument must be an array, not {}",
            a.get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default()
        ))
    })
}

/// An index argument as int64: arrays (ferronum's, NumPy's, NumPy scalars) cast by `rule`,
/// Python sequences and scalars converted element by element as `int()` does.
fn indices_arg(py: Python<'_>, obj: &Bound<'_, PyAny>, rule: IndexCast) -> PyResult<Array> {
    let is_array = obj.cast::<PyNdArray>().is_ok()
        || obj.cast::<numpy::PyUntypedArray>().is_ok()
        || obj.is_instance(&py.import("numpy")?.getattr("generic")?)?;
    let how = if is_array { rule } else { IndexCast::Truncate };
    let ind = to_array(obj)?;
    guard(py, || ops::cast_indices(&ind, how))
}

/// `nonzero(a)`: a tuple of int64 coordinate arrays.
#[pyfunction]
pub fn nonzero(py: Python<'_>, a: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let a = to_array(a)?;
    let r = guard_nogil(py, a.size(), || indexing::nonzero(&a))?;
    tuple_of(py, r)
}

/// `argwhere(a)`.
#[pyfunction]
pub fn argwhere(py: Python<'_>, a: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let a = to_array(a)?;
    wrap(py, guard_nogil(py, a.size(), || ops::argwhere(&a))?)
}

/// `flatnonzero(a)`.
#[pyfunction]
pub fn flatnonzero(py: Python<'_>, a: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let a = to_array(a)?;
    wrap(py, guard_nogil(py, a.size(), || ops::flatnonzero(&a))?)
}

/// `take(a, indices, axis=None, out=None, mode='raise')`.
#[pyfunction]
#[pyo3(signature = (a, indices, axis=None, out=None, mode="raise"))]
pub fn take(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    indices: &Bound<'_, PyAny>,
    axis: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
    mode: &str,
) -> PyResult<Py<PyAny>> {
    let (a, ind) = (to_array(a)?, indices_arg(py, indices, IndexCast::SameKind)?);
    let (axis, mode) = (axis_of(axis)?, mode_arg(py, mode)?);
    let r = guard_nogil(py, ind.size(), || ops::take(&a, &ind, axis, mode))?;
    match out.filter(|o| !o.is_none()) {
        None => wrap_or_scalar(py, r),
        Some(o) => {
            let t = target(o, "take")?;
            if t.get().inner().shape() != r.shape() {
                return Err(PyValueError::new_err(
                    "output array does not match result of ndarray.take",
                ));
            }
            guard(py, || t.get().inner().assign(&r))?;
            Ok(o.clone().unbind())
        }
    }
}

/// `compress(condition, a, axis=None, out=None)`.
#[pyfunction]
#[pyo3(signature = (condition, a, axis=None, out=None))]
pub fn compress(
    py: Python<'_>,
    condition: &Bound<'_, PyAny>,
    a: &Bound<'_, PyAny>,
    axis: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let (c, a) = (to_array(condition)?, to_array(a)?);
    let axis = axis_of(axis)?;
    let r = guard_nogil(py, a.size(), || ops::compress(&c, &a, axis))?;
    match out.filter(|o| !o.is_none()) {
        None => wrap(py, r),
        Some(o) => {
            let t = target(o, "compress")?;
            guard(py, || t.get().inner().assign(&r))?;
            Ok(o.clone().unbind())
        }
    }
}

/// `extract(condition, arr)`.
#[pyfunction]
pub fn extract(
    py: Python<'_>,
    condition: &Bound<'_, PyAny>,
    arr: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let (c, a) = (to_array(condition)?, to_array(arr)?);
    wrap(py, guard_nogil(py, a.size(), || ops::extract(&c, &a))?)
}

/// `put(a, ind, v, mode='raise')`.
#[pyfunction]
#[pyo3(signature = (a, ind, v, mode="raise"))]
pub fn put(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    ind: &Bound<'_, PyAny>,
    v: &Bound<'_, PyAny>,
    mode: &str,
) -> PyResult<()> {
    let t = target(a, "put")?;
    let ind = indices_arg(py, ind, IndexCast::Safe)?;
    let (v, mode) = (to_array(v)?, mode_arg(py, mode)?);
    let a = t.get().inner().clone();
    guard_nogil(py, ind.size(), || ops::put(&a, &ind, &v, mode))
}

/// `putmask(a, mask, values)`.
#[pyfunction]
pub fn putmask(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    mask: &Bound<'_, PyAny>,
    values: &Bound<'_, PyAny>,
) -> PyResult<()> {
    let t = target(a, "putmask")?;
    let (m, v) = (to_array(mask)?, to_array(values)?);
    let a = t.get().inner().clone();
    guard_nogil(py, m.size(), || ops::putmask(&a, &m, &v))
}

/// `place(arr, mask, vals)`.
#[pyfunction]
pub fn place(
    py: Python<'_>,
    arr: &Bound<'_, PyAny>,
    mask: &Bound<'_, PyAny>,
    vals: &Bound<'_, PyAny>,
) -> PyResult<()> {
    let t = target(arr, "place")?;
    let (m, v) = (to_array(mask)?, to_array(vals)?);
    let a = t.get().inner().clone();
    guard_nogil(py, m.size(), || ops::place(&a, &m, &v))
}

/// `take_along_axis(arr, indices, axis=-1)`.
#[pyfunction]
#[pyo3(signature = (arr, indices, axis=Some(-1)))]
pub fn take_along_axis(
    py: Python<'_>,
    arr: &Bound<'_, PyAny>,
    indices: &Bound<'_, PyAny>,
    axis: Option<isize>,
) -> PyResult<Py<PyAny>> {
    let (a, i) = (to_array(arr)?, to_array(indices)?);
    wrap(
        py,
        guard_nogil(py, i.size(), || ops::take_along_axis(&a, &i, axis))?,
    )
}

/// `put_along_axis(arr, indices, values, axis)`.
#[pyfunction]
pub fn put_along_axis(
    py: Python<'_>,
    arr: &Bound<'_, PyAny>,
    indices: &Bound<'_, PyAny>,
    values: &Bound<'_, PyAny>,
    axis: Option<isize>,
) -> PyResult<()> {
    let t = target(arr, "put_along_axis")?;
    let (i, v) = (to_array(indices)?, to_array(values)?);
    let a = t.get().inner().clone();
    guard_nogil(py, i.size(), || ops::put_along_axis(&a, &i, &v, axis))
}

/// `unravel_index(indices, shape, order='C')`.
#[pyfunction]
#[pyo3(signature = (indices, shape, order="C"))]
pub fn unravel_index(
    py: Python<'_>,
    indices: &Bound<'_, PyAny>,
    shape: &Bound<'_, PyAny>,
    order: &str,
) -> PyResult<Py<PyAny>> {
    let (i, shape, order) = (to_array(indices)?, shape_of(shape)?, order_arg(order)?);
    let r = guard(py, || ops::unravel_index(&i, &shape, order))?;
    let items = r
        .into_iter()
        .map(|a| wrap_or_scalar(py, a))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(PyTuple::new(py, items)?.into_any().unbind())
}

/// `ravel_multi_index(multi_index, dims, mode='raise', order='C')`.
#[pyfunction]
#[pyo3(signature = (multi_index, dims, mode=None, order="C"))]
pub fn ravel_multi_index(
    py: Python<'_>,
    multi_index: &Bound<'_, PyAny>,
    dims: &Bound<'_, PyAny>,
    mode: Option<&Bound<'_, PyAny>>,
    order: &str,
) -> PyResult<Py<PyAny>> {
    let coords = multi_index
        .try_iter()?
        .map(|c| to_array(&c?))
        .collect::<PyResult<Vec<_>>>()?;
    let dims = shape_of(dims)?;
    let modes = match mode {
        None => vec![Mode::Raise],
        Some(m) if m.is_instance_of::<PyString>() => vec![mode_arg(py, &m.extract::<String>()?)?],
        Some(m) => m
            .try_iter()?
            .map(|x| mode_arg(py, &x?.extract::<String>()?))
            .collect::<PyResult<Vec<_>>>()?,
    };
    let order = order_arg(order)?;
    let r = guard(py, || ops::ravel_multi_index(&coords, &dims, &modes, order))?;
    wrap_or_scalar(py, r)
}

/// `shares_memory(a, b, max_work=None)`: exact; with `max_work=0` NumPy's bounds-only check,
/// which raises `TooHardError` when the extents overlap.
#[pyfunction]
#[pyo3(signature = (a, b, max_work=None))]
pub fn shares_memory(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    max_work: Option<i64>,
) -> PyResult<bool> {
    let (a, b) = (to_array(a)?, to_array(b)?);
    if max_work == Some(0) {
        // Bounds only: NumPy answers when the extents are apart, else gives up.
        if !ferronum::ops::overlap::may_share_memory(&a, &b) {
            return Ok(false);
        }
        let too_hard = py
            .import("numpy")?
            .getattr("exceptions")?
            .getattr("TooHardError")?;
        return Err(PyErr::from_value(too_hard.call1(("Exceeded max_work",))?));
    }
    Ok(py.detach(|| ferronum::ops::overlap::shares_memory(&a, &b)))
}

/// `may_share_memory(a, b, max_work=None)`: whether the extents overlap (exact when
/// `max_work` is given and non-zero, as NumPy's).
#[pyfunction]
#[pyo3(signature = (a, b, max_work=None))]
pub fn may_share_memory(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    max_work: Option<i64>,
) -> PyResult<bool> {
    match max_work {
        Some(w) if w != 0 => shares_memory(py, a, b, Some(w)),
        _ => {
            let (a, b) = (to_array(a)?, to_array(b)?);
            Ok(ferronum::ops::overlap::may_share_memory(&a, &b))
        }
    }
}
