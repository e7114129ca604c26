//! Sorting, searching and sets (`sort argsort partition argpartition lexsort searchsorted`,
//! the engine halves of `unique isin digitize`): argument parsing as NumPy's and one engine
//! call each (`ferronum::ops::sort`). `python/ferronum/_sorting.py` composes the set
//! functions NumPy writes in Python.

use crate::common::{axis_of, wrap, wrap_or_scalar, PyNdArray};
use crate::convert::to_array;
use crate::errors::{guard, guard_nogil, not_an_integer};
use ferronum::ops::sort::{self as ops, sets, SortKind};
use ferronum::{promote, Array, DType};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};

/// `kind=` and `stable=` as NumPy's sort functions read them.
fn sort_kind(
    py: Python<'_>,
    kind: Option<&Bound<'_, PyAny>>,
    stable: Option<&Bound<'_, PyAny>>,
) -> PyResult<SortKind> {
    let kind = kind.filter(|k| !k.is_none());
    let stable = stable.filter(|s| !s.is_none());
    match (kind, stable) {
        (Some(_), Some(_)) => Err(PyValueError::new_err(
            "`kind` and keyword parameters can't be provided at the same time. Use only one of them.",
        )),
        (None, Some(s)) => Ok(if s.is_truthy()? {
            SortKind::Stable
        } else {
            SortKind::Quick
        }),
        (None, None) => Ok(SortKind::Quick),
        (Some(k), None) => match k.cast::<PyString>() {
            Ok(s) => guard(py, || SortKind::parse(s.to_str().unwrap_or(""))),
            Err(_) => Err(PyTypeError::new_err(format!(
                "sort kind must be str, not {}",
                k.get_type().name()?
            ))),
        },
    }
}

fn no_order(order: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
    match order.filter(|o| !o.is_none()) {
        Some(_) => Err(PyValueError::new_err(
            "Cannot specify order when the array has no fields.",
        )),
        None => Ok(()),
    }
}

/// An `axis=` of the sort functions: an int, or None for the flattened array (default -1).
/// A type of its own because PyO3 reads an explicit None of an `Option` as "not given".
pub struct SortAxis(Option<isize>);

impl FromPyObject<'_, '_> for SortAxis {
    type Error = PyErr;
    fn extract(obj: pyo3::Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        if obj.is_none() {
            return Ok(SortAxis(None));
        }
        let o = obj.to_owned();
        if o.is_instance_of::<pyo3::types::PyFloat>() {
            return Err(PyTypeError::new_err("integer argument expected, got float"));
        }
        axis_of(Some(&o)).map(SortAxis)
    }
}

const LAST: SortAxis = SortAxis(Some(-1));

/// The axis of an in-place method, which takes no None.
fn method_axis(axis: SortAxis) -> PyResult<isize> {
    axis.0.ok_or_else(|| {
        PyTypeError::new_err("'NoneType' object cannot be interpreted as an integer")
    })
}

/// `sort(a, axis=-1, kind=None, order=None, *, stable=None)`.
#[pyfunction]
#[pyo3(signature = (a, axis=LAST, kind=None, order=None, *, stable=None))]
pub fn sort(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    axis: SortAxis,
    kind: Option<&Bound<'_, PyAny>>,
    order: Option<&Bound<'_, PyAny>>,
    stable: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let x = to_array(a)?;
    let kind = sort_kind(py, kind, stable)?;
    let axis = axis.0;
    no_order(order)?;
    wrap(py, guard_nogil(py, x.size(), || ops::sort(&x, axis, kind))?)
}

/// `ndarray.sort(axis=-1, kind=None, order=None, *, stable=None)`: in place.
#[pyfunction]
#[pyo3(signature = (a, axis=LAST, kind=None, order=None, *, stable=None))]
pub fn _sort_inplace(
    py: Python<'_>,
    a: &Bound<'_, PyNdArray>,
    axis: SortAxis,
    kind: Option<&Bound<'_, PyAny>>,
    order: Option<&Bound<'_, PyAny>>,
    stable: Option<&Bound<'_, PyAny>>,
) -> PyResult<()> {
    let x = a.get().inner().clone();
    let kind = sort_kind(py, kind, stable)?;
    let axis = method_axis(axis)?;
    no_order(order)?;
    guard_nogil(py, x.size(), || ops::sort_in_place(&x, axis, kind))
}

/// `argsort(a, axis=-1, kind=None, order=None, *, stable=None)`.
#[pyfunction]
#[pyo3(signature = (a, axis=LAST, kind=None, order=None, *, stable=None))]
pub fn argsort(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    axis: SortAxis,
    kind: Option<&Bound<'_, PyAny>>,
    order: Option<&Bound<'_, PyAny>>,
    stable: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let x = to_array(a)?;
    let kind = sort_kind(py, kind, stable)?;
    let axis = axis.0;
    no_order(order)?;
    wrap(
        py,
        guard_nogil(py, x.size(), || ops::argsort(&x, axis, kind))?,
    )
}

/// A `kth=`: an integer or a 1-d sequence of integers, as NumPy's partition takes it.
fn kth_arg(kth: &Bound<'_, PyAny>) -> PyResult<Vec<i64>> {
    if kth.is_instance_of::<pyo3::types::PyBool>() {
        return Err(PyValueError::new_err(
            "Booleans unacceptable as partition index",
        ));
    }
    let k = to_array(kth)?;
    if k.ndim() > 1 {
        let array =
            kth.is_instance_of::<PyNdArray>() || kth.cast::<numpy::PyUntypedArray>().is_ok();
        return Err(PyValueError::new_err(if array {
            "object too deep for desired array"
        } else {
            "setting an array element with a sequence. The requested array would exceed the maximum number of dimension of 1."
        }));
    }
    if k.dtype() == DType::Bool {
        return Err(PyValueError::new_err(
            "Booleans unacceptable as partition index",
        ));
    }
    if !k.dtype().is_integer()
        || (k.size() == 0 && k.ndim() == 1 && !kth.is_instance_of::<PyNdArray>())
    {
        return Err(PyTypeError::new_err("Partition index must be integer"));
    }
    Ok(k.astype(DType::I64)
        .map_err(|e| crate::errors::to_pyerr(kth.py(), e))?
        .to_vec::<i64>())
}

fn select_kind(kind: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
    match kind.filter(|k| !k.is_none()) {
        None => Ok(()),
        Some(k) => {
            let s: String = k.extract()?;
            if s == "introselect" {
                Ok(())
            } else {
                Err(PyValueError::new_err(format!(
                    "select kind must be 'introselect' (got '{s}')"
                )))
            }
        }
    }
}

/// `partition(a, kth, axis=-1, kind='introselect', order=None)`.
#[pyfunction]
#[pyo3(signature = (a, kth, axis=LAST, kind=None, order=None))]
pub fn partition(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    kth: &Bound<'_, PyAny>,
    axis: SortAxis,
    kind: Option<&Bound<'_, PyAny>>,
    order: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let x = to_array(a)?;
    let axis = axis.0;
    select_kind(kind)?;
    no_order(order)?;
    let ks = kth_arg(kth)?;
    wrap(
        py,
        guard_nogil(py, x.size(), || ops::partition(&x, &ks, axis))?,
    )
}

/// `argpartition(a, kth, axis=-1, kind='introselect', order=None)`.
#[pyfunction]
#[pyo3(signature = (a, kth, axis=LAST, kind=None, order=None))]
pub fn argpartition(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    kth: &Bound<'_, PyAny>,
    axis: SortAxis,
    kind: Option<&Bound<'_, PyAny>>,
    order: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let x = to_array(a)?;
    let axis = axis.0;
    select_kind(kind)?;
    no_order(order)?;
    let ks = kth_arg(kth)?;
    wrap(
        py,
        guard_nogil(py, x.size(), || ops::argpartition(&x, &ks, axis))?,
    )
}

/// `ndarray.partition(kth, axis=-1, kind='introselect', order=None)`: in place.
#[pyfunction]
#[pyo3(signature = (a, kth, axis=LAST, kind=None, order=None))]
pub fn _partition_inplace(
    py: Python<'_>,
    a: &Bound<'_, PyNdArray>,
    kth: &Bound<'_, PyAny>,
    axis: SortAxis,
    kind: Option<&Bound<'_, PyAny>>,
    order: Option<&Bound<'_, PyAny>>,
) -> PyResult<()> {
    let x = a.get().inner().clone();
    let axis = method_axis(axis)?;
    select_kind(kind)?;
    no_order(order)?;
    let ks = kth_arg(kth)?;
    guard_nogil(py, x.size(), || ops::partition_in_place(&x, &ks, axis))
}

/// `lexsort(keys, axis=-1)`: `keys` a sequence of arrays, or an array whose first axis
/// indexes the keys.
#[pyfunction]
#[pyo3(signature = (keys, axis=None))]
pub fn lexsort(
    py: Python<'_>,
    keys: &Bound<'_, PyAny>,
    axis: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let axis: isize = match axis {
        None => -1,
        Some(a) => a.extract().map_err(|_| not_an_integer(a))?,
    };
    let items: Vec<Array> =
        if keys.is_instance_of::<PyNdArray>() || keys.cast::<numpy::PyUntypedArray>().is_ok() {
            let k = to_array(keys)?;
            if k.ndim() == 0 {
                return Err(PyTypeError::new_err(
                    "need sequence of keys with len > 0 in lexsort",
                ));
            }
            (0..k.shape()[0] as isize)
                .map(|i| k.index(&[ferronum::IndexItem::Int(i)]))
                .collect::<Result<_, _>>()
                .map_err(|e| crate::errors::to_pyerr(py, e))?
        } else {
            match keys.try_iter() {
                Ok(it) => it.map(|k| to_array(&k?)).collect::<PyResult<_>>()?,
                Err(_) => {
                    return Err(PyTypeError::new_err(
                        "need sequence of keys with len > 0 in lexsort",
                    ))
                }
            }
        };
    let size = items.first().map_or(0, |k| k.size()) * items.len();
    wrap_or_scalar(
        py,
        guard_nogil(py, size, || ops::search::lexsort(&items, axis))?,
    )
}

/// `searchsorted(a, v, side='left', sorter=None)` (also the method).
#[pyfunction]
#[pyo3(signature = (a, v, side=None, sorter=None))]
pub fn searchsorted(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    v: &Bound<'_, PyAny>,
    side: Option<&Bound<'_, PyAny>>,
    sorter: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let right = match side.filter(|s| !s.is_none()) {
        None => false,
        Some(s) => {
            let s: String = s.extract()?;
            match s.as_str() {
                "left" => false,
                "right" => true,
                _ if s.starts_with(['l', 'L', 'r', 'R']) => {
                    return Err(PyValueError::new_err(
                        "search side must be one of 'left' or 'right'",
                    ))
                }
                _ => {
                    return Err(PyValueError::new_err(format!(
                        "search side must be 'left' or 'right' (got '{s}')"
                    )))
                }
            }
        }
    };
    let a = to_array(a)?;
    let v = to_array(v)?;
    let sorter = match sorter.filter(|s| !s.is_none()) {
        None => None,
        Some(s) => {
            let s = to_array(s)?;
            if !s.dtype().is_integer() {
                return Err(PyTypeError::new_err("sorter must only contain integers"));
            }
            Some(s)
        }
    };
    // NumPy compares in the common type of `a` and `v` (a Python scalar counts as its
    // default type here).
    let dt = promote(a.dtype(), v.dtype());
    let size = a.size() + v.size();
    let r = guard_nogil(py, size, || {
        let (a, v) = (a.astype(dt)?, v.astype(dt)?);
        ops::search::searchsorted(&a, &v, right, sorter.as_ref())
    })?;
    wrap_or_scalar(py, r)
}

/// `_unique(ar, return_index, return_inverse, return_counts, axis, equal_nan)`: the tuple
/// (values, index, inverse, counts), None for what was not asked.
#[pyfunction]
#[pyo3(signature = (ar, return_index=false, return_inverse=false, return_counts=false, axis=None, equal_nan=true))]
pub fn _unique(
    py: Python<'_>,
    ar: &Bound<'_, PyAny>,
    return_index: bool,
    return_inverse: bool,
    return_counts: bool,
    axis: Option<&Bound<'_, PyAny>>,
    equal_nan: bool,
) -> PyResult<Py<PyAny>> {
    let x = to_array(ar)?;
    let axis = axis_of(axis)?;
    let w = sets::UniqueWants {
        index: return_index,
        inverse: return_inverse,
        counts: return_counts,
        equal_nan,
    };
    let u = guard_nogil(py, x.size(), || sets::unique(&x, axis, w))?;
    let opt = |a: Option<Array>| -> PyResult<Py<PyAny>> {
        match a {
            Some(a) => wrap(py, a),
            None => Ok(py.None()),
        }
    };
    let items = [
        wrap(py, u.values)?,
        opt(u.index)?,
        opt(u.inverse)?,
        opt(u.counts)?,
    ];
    Ok(PyTuple::new(py, items)?.into_any().unbind())
}

/// `_isin(element, test_elements, invert)`: both compared in their common type.
#[pyfunction]
#[pyo3(signature = (element, test_elements, invert=false))]
pub fn _isin(
    py: Python<'_>,
    element: &Bound<'_, PyAny>,
    test_elements: &Bound<'_, PyAny>,
    invert: bool,
) -> PyResult<Py<PyAny>> {
    let a = to_array(element)?;
    let b = to_array(test_elements)?;
    let dt = promote(a.dtype(), b.dtype());
    let size = a.size() + b.size();
    let r = guard_nogil(py, size, || {
        sets::isin(&a.astype(dt)?, &b.astype(dt)?, invert)
    })?;
    wrap(py, r)
}

/// `_monotonicity(bins)`: 1, -1 or 0, as NumPy's helper of `digitize`.
#[pyfunction]
pub fn _monotonicity(py: Python<'_>, x: &Bound<'_, PyAny>) -> PyResult<i64> {
    let b = to_array(x)?;
    guard(py, || ops::search::monotonicity(&b))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    macro_rules! add {
        ($($f:ident),* $(,)?) => { $( m.add_function(wrap_pyfunction!($f, m)?)?; )* };
    }
    add!(
        sort,
        _sort_inplace,
        argsort,
        partition,
        argpartition,
        _partition_inplace,
        lexsort,
        searchsorted,
        _unique,
        _isin,
        _monotonicity,
    );
    Ok(())
}
