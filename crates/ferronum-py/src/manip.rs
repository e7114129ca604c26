//! Joining, splitting and rearranging (`concatenate`, `stack`, `split`, `block`, ...):
//! argument parsing and one engine call each (`ferronum::ops::manip`).

use crate::common::{
    axes_of, deliver, out_array, shape_of, wrap, wrap_or_scalar, AxisForm, PyNdArray,
};
use crate::convert::to_array;
use crate::dtypes;
use crate::errors::{guard, guard_nogil, not_an_integer, IntoPyResult};
use crate::subclass::wrap_like;
use ferronum::ops::manip::{
    self, Block, Deletion, Insertion, PadMode, RampEnd, ReshapeOrder, Sections, Stat,
};
use ferronum::ops::ufunc::Casting;
use ferronum::Array;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};

/// NumPy's `casting=` for the joining functions (whose message lists the rules without "or").
fn casting_of(s: &str) -> PyResult<Casting> {
    Casting::parse(s).map_err(|_| {
        PyValueError::new_err(format!(
            "casting must be one of 'no', 'equiv', 'safe', 'same_kind', 'unsafe' (got '{s}')"
        ))
    })
}

/// An `axis=` that is an int or None.
fn opt_axis(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<isize>> {
    match obj.filter(|o| !o.is_none()) {
        None => Ok(None),
        Some(o) => o
            .extract::<isize>()
            .map(Some)
            .map_err(|_| not_an_integer(o)),
    }
}

/// An axis as NumPy's C `normalize_axis_index` takes it: a float is its own TypeError.
fn index_of(o: &Bound<'_, PyAny>) -> PyResult<isize> {
    o.extract::<isize>().map_err(|_| {
        if o.is_instance_of::<pyo3::types::PyFloat>() {
            PyTypeError::new_err("integer argument expected, got float")
        } else {
            not_an_integer(o)
        }
    })
}

/// An axis argument as NumPy's `normalize_axis_tuple` takes it: a tuple or list of axes, or
/// one axis (`wrap_scalar`: a non-integer scalar is checked as an element, as `expand_dims`
/// wraps it in a tuple first; else Python's "not iterable").
fn axis_tuple_of(o: &Bound<'_, PyAny>, wrap_scalar: bool) -> PyResult<Vec<isize>> {
    if o.is_instance_of::<PyTuple>() || o.is_instance_of::<PyList>() {
        return o.try_iter()?.map(|x| index_of(&x?)).collect();
    }
    if let Ok(v) = o.extract::<isize>() {
        return Ok(vec![v]);
    }
    if wrap_scalar {
        return Ok(vec![index_of(o)?]);
    }
    Err(PyTypeError::new_err(format!(
        "'{}' object is not iterable",
        o.get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_default()
    )))
}

/// Each element of a sequence of arrays (anything iterable, as NumPy's C code takes it).
fn arrays_of(seq: &Bound<'_, PyAny>, not_seq: &str) -> PyResult<Vec<Array>> {
    let it = seq
        .try_iter()
        .map_err(|_| PyTypeError::new_err(not_seq.to_string()))?;
    it.map(|o| to_array(&o?)).collect()
}

/// The `*stack` functions' argument: NumPy refuses what has no `__getitem__` (generators).
fn stack_arrays(seq: &Bound<'_, PyAny>) -> PyResult<Vec<Array>> {
    const MSG: &str =
        "arrays to stack must be passed as a \"sequence\" type such as list or tuple.";
    if !seq.hasattr("__getitem__")? {
        return Err(PyTypeError::new_err(MSG));
    }
    arrays_of(seq, MSG)
}

fn total_size(arrays: &[Array]) -> usize {
    arrays.iter().map(|a| a.size()).sum()
}

fn wrap_list(py: Python<'_>, arrays: Vec<Array>) -> PyResult<Py<PyAny>> {
    let items = arrays
        .into_iter()
        .map(|a| wrap(py, a))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(PyList::new(py, items)?.into_any().unbind())
}

fn wrap_tuple(py: Python<'_>, arrays: Vec<Array>) -> PyResult<Py<PyAny>> {
    let items = arrays
        .into_iter()
        .map(|a| wrap(py, a))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(PyTuple::new(py, items)?.into_any().unbind())
}

// ---- joining --------------------------------------------------------------------------------

/// `concatenate`'s engine call: `axis` is given (None flattens); `python/ferronum/_manip.py`
/// supplies NumPy's default of 0, which PyO3 cannot tell apart from an explicit None.
#[pyfunction]
#[pyo3(signature = (arrays, axis, out=None, *, dtype=None, casting="same_kind"))]
pub fn _concatenate(
    py: Python<'_>,
    arrays: &Bound<'_, PyAny>,
    axis: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
    dtype: Option<&Bound<'_, PyAny>>,
    casting: &str,
) -> PyResult<Py<PyAny>> {
    let axis = opt_axis(axis)?;
    let arrs = arrays_of(
        arrays,
        "dispatcher for __array_function__ did not return an iterable",
    )?;
    let casting = casting_of(casting)?;
    let dtype = dtypes::parse(dtype)?;
    let out = out_array(out)?;
    let (o, obj) = out.unzip();
    let r = guard_nogil(py, total_size(&arrs), || {
        manip::concatenate(&arrs, axis, o.as_ref(), dtype, casting)
    })?;
    deliver(py, r, obj, true)
}

/// `stack(arrays, axis=0, out=None, *, dtype=None, casting="same_kind")`.
#[pyfunction]
#[pyo3(signature = (arrays, axis=None, out=None, *, dtype=None, casting="same_kind"), text_signature = "(arrays, axis=0, out=None, *, dtype=None, casting=\"same_kind\")")]
pub fn stack(
    py: Python<'_>,
    arrays: &Bound<'_, PyAny>,
    axis: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
    dtype: Option<&Bound<'_, PyAny>>,
    casting: &str,
) -> PyResult<Py<PyAny>> {
    let arrs = stack_arrays(arrays)?;
    let axis = match axis {
        None => 0,
        Some(a) => index_of(a)?,
    };
    let casting = casting_of(casting)?;
    let dtype = dtypes::parse(dtype)?;
    let (o, obj) = out_array(out)?.unzip();
    let r = guard_nogil(py, total_size(&arrs), || {
        manip::stack(&arrs, axis, o.as_ref(), dtype, casting)
    })?;
    deliver(py, r, obj, true)
}

/// `hstack(tup, *, dtype=None, casting="same_kind")`.
#[pyfunction]
#[pyo3(signature = (tup, *, dtype=None, casting="same_kind"))]
pub fn hstack(
    py: Python<'_>,
    tup: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    casting: &str,
) -> PyResult<Py<PyAny>> {
    let arrs = stack_arrays(tup)?;
    let (casting, dtype) = (casting_of(casting)?, dtypes::parse(dtype)?);
    let r = guard_nogil(py, total_size(&arrs), || {
        manip::hstack(&arrs, dtype, casting)
    })?;
    wrap(py, r)
}

/// `vstack(tup, *, dtype=None, casting="same_kind")`.
#[pyfunction]
#[pyo3(signature = (tup, *, dtype=None, casting="same_kind"))]
pub fn vstack(
    py: Python<'_>,
    tup: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    casting: &str,
) -> PyResult<Py<PyAny>> {
    let arrs = stack_arrays(tup)?;
    let (casting, dtype) = (casting_of(casting)?, dtypes::parse(dtype)?);
    let r = guard_nogil(py, total_size(&arrs), || {
        manip::vstack(&arrs, dtype, casting)
    })?;
    wrap(py, r)
}

/// `dstack(tup)`.
#[pyfunction]
pub fn dstack(py: Python<'_>, tup: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let arrs = stack_arrays(tup)?;
    let r = guard_nogil(py, total_size(&arrs), || manip::dstack(&arrs))?;
    wrap(py, r)
}

/// `column_stack(tup)`.
#[pyfunction]
pub fn column_stack(py: Python<'_>, tup: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let arrs = stack_arrays(tup)?;
    let r = guard_nogil(py, total_size(&arrs), || manip::column_stack(&arrs))?;
    wrap(py, r)
}

/// `append(arr, values, axis=None)`.
#[pyfunction]
#[pyo3(signature = (arr, values, axis=None))]
pub fn append(
    py: Python<'_>,
    arr: &Bound<'_, PyAny>,
    values: &Bound<'_, PyAny>,
    axis: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let (a, v) = (to_array(arr)?, to_array(values)?);
    let axis = opt_axis(axis)?;
    let r = guard_nogil(py, a.size() + v.size(), || manip::append(&a, &v, axis))?;
    wrap(py, r)
}

/// `block(arrays)`: nested lists become the engine's tree; a tuple is NumPy's TypeError.
#[pyfunction]
pub fn block(py: Python<'_>, arrays: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    fn tree(obj: &Bound<'_, PyAny>, path: &mut Vec<usize>) -> PyResult<Block> {
        if obj.is_instance_of::<PyTuple>() {
            let idx: String = path.iter().map(|i| format!("[{i}]")).collect();
            return Err(PyTypeError::new_err(format!(
                "arrays{idx} is a tuple. Only lists can be used to arrange blocks, and np.block does not allow implicit conversion from tuple to ndarray."
            )));
        }
        if let Ok(list) = obj.cast::<PyList>() {
            let mut items = Vec::with_capacity(list.len());
            for (i, item) in list.iter().enumerate() {
                path.push(i);
                let t = tree(&item, path);
                path.pop();
                items.push(t?);
            }
            return Ok(Block::List(items));
        }
        Ok(Block::Leaf(to_array(obj)?))
    }
    let t = tree(arrays, &mut Vec::new())?;
    let r = guard(py, || manip::block(&t))?;
    wrap(py, r)
}

/// `atleast_1d(*arys)` and its 2-d and 3-d forms: one array for one argument (the very
/// object when it already has the dimensions, as NumPy's `asanyarray` keeps it), else a
/// tuple.
fn atleast(
    py: Python<'_>,
    arys: &Bound<'_, PyTuple>,
    nd: usize,
    f: fn(&Array) -> Array,
) -> PyResult<Py<PyAny>> {
    let mut res = Vec::with_capacity(arys.len());
    for o in arys.iter() {
        if let Ok(x) = o.cast::<PyNdArray>() {
            if x.get().meta().ndim() >= nd {
                res.push(o.clone().unbind());
                continue;
            }
        }
        res.push(wrap(py, f(&to_array(&o)?))?);
    }
    if res.len() == 1 {
        return Ok(res.pop().expect("one result"));
    }
    Ok(PyTuple::new(py, res)?.into_any().unbind())
}

#[pyfunction]
#[pyo3(signature = (*arys))]
pub fn atleast_1d(py: Python<'_>, arys: &Bound<'_, PyTuple>) -> PyResult<Py<PyAny>> {
    atleast(py, arys, 1, manip::atleast_1d)
}

#[pyfunction]
#[pyo3(signature = (*arys))]
pub fn atleast_2d(py: Python<'_>, arys: &Bound<'_, PyTuple>) -> PyResult<Py<PyAny>> {
    atleast(py, arys, 2, manip::atleast_2d)
}

#[pyfunction]
#[pyo3(signature = (*arys))]
pub fn atleast_3d(py: Python<'_>, arys: &Bound<'_, PyTuple>) -> PyResult<Py<PyAny>> {
    atleast(py, arys, 3, manip::atleast_3d)
}

// ---- splitting ------------------------------------------------------------------------------

/// `indices_or_sections`: a sequence of indices (each an integer, as Python slicing takes
/// them), else a number of sections (`int(x)`, as NumPy calls it).
fn sections_of(obj: &Bound<'_, PyAny>) -> PyResult<Sections> {
    if obj.len().is_ok() {
        let mut idx = Vec::new();
        for o in obj.try_iter()? {
            let o = o?;
            idx.push(o.extract::<isize>().map_err(|_| {
                PyTypeError::new_err(
                    "slice indices must be integers or None or have an __index__ method",
                )
            })?);
        }
        return Ok(Sections::Indices(idx));
    }
    let n = obj.py().import("builtins")?.getattr("int")?.call1((obj,))?;
    Ok(Sections::Count(n.extract::<isize>()?))
}

type SplitFn = fn(&Array, &Sections) -> ferronum::Result<Vec<Array>>;

fn split_with(
    py: Python<'_>,
    ary: &Bound<'_, PyAny>,
    s: &Bound<'_, PyAny>,
    f: SplitFn,
) -> PyResult<Py<PyAny>> {
    let a = to_array(ary)?;
    let s = sections_of(s)?;
    wrap_list(py, f(&a, &s).py(py)?)
}

/// `split(ary, indices_or_sections, axis=0)`.
#[pyfunction]
#[pyo3(signature = (ary, indices_or_sections, axis=0))]
pub fn split(
    py: Python<'_>,
    ary: &Bound<'_, PyAny>,
    indices_or_sections: &Bound<'_, PyAny>,
    axis: isize,
) -> PyResult<Py<PyAny>> {
    let a = to_array(ary)?;
    let s = sections_of(indices_or_sections)?;
    wrap_list(py, guard(py, || manip::split(&a, &s, axis))?)
}

/// `array_split(ary, indices_or_sections, axis=0)`.
#[pyfunction]
#[pyo3(signature = (ary, indices_or_sections, axis=0))]
pub fn array_split(
    py: Python<'_>,
    ary: &Bound<'_, PyAny>,
    indices_or_sections: &Bound<'_, PyAny>,
    axis: isize,
) -> PyResult<Py<PyAny>> {
    let a = to_array(ary)?;
    let s = sections_of(indices_or_sections)?;
    wrap_list(py, guard(py, || manip::array_split(&a, &s, axis))?)
}

#[pyfunction]
pub fn hsplit(
    py: Python<'_>,
    ary: &Bound<'_, PyAny>,
    indices_or_sections: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    split_with(py, ary, indices_or_sections, manip::hsplit)
}

#[pyfunction]
pub fn vsplit(
    py: Python<'_>,
    ary: &Bound<'_, PyAny>,
    indices_or_sections: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    split_with(py, ary, indices_or_sections, manip::vsplit)
}

#[pyfunction]
pub fn dsplit(
    py: Python<'_>,
    ary: &Bound<'_, PyAny>,
    indices_or_sections: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    split_with(py, ary, indices_or_sections, manip::dsplit)
}

/// `unstack(x, /, *, axis=0)`: a tuple of views.
#[pyfunction]
#[pyo3(signature = (x, /, *, axis=0))]
pub fn unstack(py: Python<'_>, x: &Bound<'_, PyAny>, axis: isize) -> PyResult<Py<PyAny>> {
    let a = to_array(x)?;
    // Iterating a 1-d array gives NumPy scalars, and `unstack` is `tuple(moveaxis(...))`.
    let items = guard(py, || manip::unstack(&a, axis))?
        .into_iter()
        .map(|v| wrap_or_scalar(py, v))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(PyTuple::new(py, items)?.into_any().unbind())
}

// ---- rearranging ----------------------------------------------------------------------------

/// `ary` itself when it is a ferronum array whose engine array is `r` unchanged (NumPy
/// returns the very object from `ascontiguousarray` and friends when nothing changes).
fn same_or_wrap(
    py: Python<'_>,
    obj: &Bound<'_, PyAny>,
    a: &Array,
    r: Array,
) -> PyResult<Py<PyAny>> {
    if obj.cast::<PyNdArray>().is_ok()
        && r.layout() == a.layout()
        && r.dtype() == a.dtype()
        && std::sync::Arc::ptr_eq(r.buffer(), a.buffer())
    {
        return Ok(obj.clone().unbind());
    }
    wrap(py, r)
}

/// `squeeze(a, axis=None)`: an int or a tuple of ints.
#[pyfunction]
#[pyo3(signature = (a, axis=None))]
pub fn squeeze(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    axis: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let x = to_array(a)?;
    if let Some(Ok(one)) = axis
        .filter(|o| !o.is_instance_of::<PyTuple>())
        .map(|o| o.extract::<isize>())
    {
        return wrap_like(py, a, guard(py, || manip::squeeze_one(&x, one))?);
    }
    let ax = axes_of(axis, AxisForm::Tuple)?;
    wrap_like(py, a, guard(py, || manip::squeeze(&x, ax.as_deref()))?)
}

/// `expand_dims(a, axis)`: an int, tuple or list.
#[pyfunction]
pub fn expand_dims(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    axis: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let x = to_array(a)?;
    let ax = axis_tuple_of(axis, true)?;
    wrap_like(py, a, guard(py, || manip::expand_dims(&x, &ax))?)
}

#[pyfunction]
pub fn moveaxis(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    source: &Bound<'_, PyAny>,
    destination: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let x = to_array(a)?;
    let s = axis_tuple_of(source, false)?;
    let d = axis_tuple_of(destination, false)?;
    wrap_like(py, a, guard(py, || manip::moveaxis(&x, &s, &d))?)
}

#[pyfunction]
#[pyo3(signature = (a, axis, start=0))]
pub fn rollaxis(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    axis: isize,
    start: isize,
) -> PyResult<Py<PyAny>> {
    let x = to_array(a)?;
    wrap_like(py, a, guard(py, || manip::rollaxis(&x, axis, start))?)
}

#[pyfunction]
pub fn swapaxes(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    axis1: isize,
    axis2: isize,
) -> PyResult<Py<PyAny>> {
    let x = to_array(a)?;
    wrap_like(py, a, guard(py, || manip::swapaxes(&x, axis1, axis2))?)
}

/// `transpose(a, axes=None)` (and `permute_dims`, its Array API name).
#[pyfunction]
#[pyo3(signature = (a, axes=None))]
pub fn transpose(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    axes: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let x = to_array(a)?;
    let ax = axes_of(axes, AxisForm::Sequence)?;
    wrap_like(py, a, guard(py, || x.transpose(ax.as_deref()))?)
}

#[pyfunction]
#[pyo3(signature = (x, /))]
pub fn matrix_transpose(py: Python<'_>, x: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let a = to_array(x)?;
    wrap_like(py, x, guard(py, || manip::matrix_transpose(&a))?)
}

/// The `ndarray.mT` property's getter.
#[pyfunction]
pub fn _matrix_transpose_attr(py: Python<'_>, x: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let a = to_array(x)?;
    // A view of a subclass instance keeps its class, as NumPy's `.mT` does.
    wrap_like(py, x, guard(py, || manip::mt(&a))?)
}

/// A shape argument as NumPy's `broadcast_to` takes it: an int or a sequence of ints, negative
/// ones kept for the engine's message.
fn dims_of(obj: &Bound<'_, PyAny>) -> PyResult<Vec<isize>> {
    if let Ok(n) = obj.extract::<isize>() {
        return Ok(vec![n]);
    }
    if obj.is_instance_of::<pyo3::types::PyString>() {
        return Err(not_an_integer(obj));
    }
    let mut v = Vec::new();
    for o in obj.try_iter().map_err(|_| not_an_integer(obj))? {
        let o = o?;
        v.push(o.extract::<isize>().map_err(|_| not_an_integer(&o))?);
    }
    Ok(v)
}

#[pyfunction]
#[pyo3(signature = (array, shape, subok=false))]
pub fn broadcast_to(
    py: Python<'_>,
    array: &Bound<'_, PyAny>,
    shape: &Bound<'_, PyAny>,
    subok: bool,
) -> PyResult<Py<PyAny>> {
    let _ = subok;
    let a = to_array(array)?;
    let s = dims_of(shape)?;
    wrap(py, guard(py, || manip::broadcast_to(&a, &s))?)
}

/// `broadcast_arrays(*args)`: a tuple, holding the very input objects when no broadcasting
/// was needed (as NumPy's does).
#[pyfunction]
#[pyo3(signature = (*args, subok=false))]
pub fn broadcast_arrays(
    py: Python<'_>,
    args: &Bound<'_, PyTuple>,
    subok: bool,
) -> PyResult<Py<PyAny>> {
    let _ = subok;
    let arrs = args
        .iter()
        .map(|o| to_array(&o))
        .collect::<PyResult<Vec<_>>>()?;
    let res = guard(py, || manip::broadcast_arrays(&arrs))?;
    let mut items = Vec::with_capacity(res.len());
    for ((r, a), o) in res.into_iter().zip(&arrs).zip(args.iter()) {
        items.push(same_or_wrap(py, &o, a, r)?);
    }
    Ok(PyTuple::new(py, items)?.into_any().unbind())
}

#[pyfunction]
#[pyo3(signature = (*args))]
pub fn broadcast_shapes(py: Python<'_>, args: &Bound<'_, PyTuple>) -> PyResult<Py<PyAny>> {
    let shapes = args
        .iter()
        .map(|o| shape_of(&o))
        .collect::<PyResult<Vec<_>>>()?;
    let refs: Vec<&[usize]> = shapes.iter().map(|s| s.as_slice()).collect();
    let r = guard(py, || manip::broadcast_shapes(&refs))?;
    Ok(PyTuple::new(py, r.iter().copied())?.into_any().unbind())
}

#[pyfunction]
#[pyo3(signature = (a, dtype=None, *, like=None))]
pub fn ascontiguousarray(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = like;
    let x = to_array(a)?;
    let dt = dtypes::parse(dtype)?;
    let r = guard_nogil(py, x.size(), || manip::as_ordered(&x, dt, false))?;
    same_or_wrap(py, a, &x, r)
}

#[pyfunction]
#[pyo3(signature = (a, dtype=None, *, like=None))]
pub fn asfortranarray(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = like;
    let x = to_array(a)?;
    let dt = dtypes::parse(dtype)?;
    let r = guard_nogil(py, x.size(), || manip::as_ordered(&x, dt, true))?;
    same_or_wrap(py, a, &x, r)
}

/// `reshape(a, /, shape, order='C', *, copy=None)`.
#[pyfunction]
#[pyo3(signature = (a, /, shape, order="C", *, copy=None))]
pub fn reshape(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    shape: &Bound<'_, PyAny>,
    order: &str,
    copy: Option<bool>,
) -> PyResult<Py<PyAny>> {
    let x = to_array(a)?;
    let s = dims_of(shape)?;
    let o = ReshapeOrder::parse(order).py(py)?;
    wrap_like(
        py,
        a,
        guard_nogil(py, x.size(), || manip::reshape(&x, &s, o, copy))?,
    )
}

/// `ravel(a, order='C')`.
#[pyfunction]
#[pyo3(signature = (a, order=Some("C")))]
pub fn ravel(py: Python<'_>, a: &Bound<'_, PyAny>, order: Option<&str>) -> PyResult<Py<PyAny>> {
    let x = to_array(a)?;
    let o = ReshapeOrder::parse(order.unwrap_or("C")).py(py)?;
    wrap_like(py, a, guard_nogil(py, x.size(), || manip::ravel(&x, o))?)
}

// ---- reordering and repeating ---------------------------------------------------------------

/// Python's `int(x)`, as NumPy applies it to counts and shifts.
fn int_of(obj: &Bound<'_, PyAny>) -> PyResult<isize> {
    if let Ok(v) = obj.extract::<isize>() {
        return Ok(v);
    }
    obj.py()
        .import("builtins")?
        .getattr("int")?
        .call1((obj,))?
        .extract::<isize>()
}

/// Counts given as an int or an array-like of them, cast to integers as NumPy casts them.
fn counts_of(obj: &Bound<'_, PyAny>) -> PyResult<Vec<isize>> {
    if let Ok(v) = obj.extract::<isize>() {
        return Ok(vec![v]);
    }
    let a = to_array(obj)?;
    if a.ndim() > 1 {
        return Err(PyValueError::new_err(
            "setting an array element with a sequence. The requested array would exceed the maximum number of dimension of 1.",
        ));
    }
    let v = a.astype(ferronum::DType::I64).py(obj.py())?;
    Ok(v.to_vec::<i64>().into_iter().map(|x| x as isize).collect())
}

/// Integers given as an int or a flat sequence of them (`tile`'s reps, `resize`'s shape).
fn int_list(obj: &Bound<'_, PyAny>) -> PyResult<Vec<isize>> {
    if let Ok(v) = obj.extract::<isize>() {
        return Ok(vec![v]);
    }

    let it = obj.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "'{}' object is not iterable",
            obj.get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default()
        ))
    })?;
    it.map(|o| {
        let o = o?;
        o.extract::<isize>().map_err(|_| not_an_integer(&o))
    })
    .collect()
}

#[pyfunction]
#[pyo3(signature = (m, axis=None))]
pub fn flip(
    py: Python<'_>,
    m: &Bound<'_, PyAny>,
    axis: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let a = to_array(m)?;
    let ax = axes_of(axis, AxisForm::TupleOrList)?;
    // `m[()]` of a 0-d array is a NumPy scalar.
    wrap_or_scalar(py, guard(py, || manip::flip(&a, ax.as_deref()))?)
}

#[pyfunction]
pub fn fliplr(py: Python<'_>, m: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let a = to_array(m)?;
    wrap(py, guard(py, || manip::fliplr(&a))?)
}

#[pyfunction]
pub fn flipud(py: Python<'_>, m: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let a = to_array(m)?;
    wrap(py, guard(py, || manip::flipud(&a))?)
}

/// `roll(a, shift, axis=None)`.
#[pyfunction]
#[pyo3(signature = (a, shift, axis=None))]
pub fn roll(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    shift: &Bound<'_, PyAny>,
    axis: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let x = to_array(a)?;
    let nested = || PyValueError::new_err("'shift' and 'axis' should be scalars or 1D sequences");
    let shifts: Vec<isize> = match int_of(shift) {
        Ok(v) => vec![v],
        Err(_) => {
            let mut v = Vec::new();
            for o in shift.try_iter()? {
                let o = o?;
                if o.hasattr("__len__")? {
                    return Err(nested());
                }
                v.push(int_of(&o)?);
            }
            v
        }
    };
    let ax = axes_of(axis, AxisForm::TupleOrList)?;
    wrap(
        py,
        guard_nogil(py, x.size(), || manip::roll(&x, &shifts, ax.as_deref()))?,
    )
}

/// `rot90(m, k=1, axes=(0, 1))`.
#[pyfunction]
#[pyo3(signature = (m, k=1, axes=None))]
pub fn rot90(
    py: Python<'_>,
    m: &Bound<'_, PyAny>,
    k: isize,
    axes: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let a = to_array(m)?;
    let ax = match axes {
        None => vec![0, 1],
        Some(o) => int_list(o)?,
    };
    wrap(py, guard(py, || manip::rot90(&a, k, &ax))?)
}

/// `tile(A, reps)`.
#[pyfunction]
#[pyo3(name = "tile", signature = (A, reps))]
#[allow(non_snake_case)]
pub fn tile(py: Python<'_>, A: &Bound<'_, PyAny>, reps: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let a = to_array(A)?;
    // NumPy wraps a non-iterable `reps` in a tuple, so a float fails as an element.
    if reps.is_instance_of::<pyo3::types::PyFloat>() {
        return Err(not_an_integer(reps));
    }
    let r = int_list(reps)?;
    wrap(py, guard_nogil(py, a.size(), || manip::tile(&a, &r))?)
}

/// `repeat(a, repeats, axis=None)` (and the `ndarray.repeat` method).
#[pyfunction]
#[pyo3(signature = (a, repeats, axis=None))]
pub fn repeat(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    repeats: &Bound<'_, PyAny>,
    axis: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let x = to_array(a)?;
    let r = counts_of(repeats)?;
    let ax = opt_axis(axis)?;
    wrap(py, guard_nogil(py, x.size(), || manip::repeat(&x, &r, ax))?)
}

/// `resize(a, new_shape)`.
#[pyfunction]
pub fn resize(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    new_shape: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let x = to_array(a)?;
    let s = int_list(new_shape)?;
    wrap(py, guard_nogil(py, x.size(), || manip::resize(&x, &s))?)
}

/// `tri(N, M=None, k=0, dtype=float, *, like=None)`.
#[pyfunction]
#[pyo3(name = "tri", signature = (N, M=None, k=0, dtype=None, *, like=None))]
#[allow(non_snake_case)]
pub fn tri(
    py: Python<'_>,
    N: isize,
    M: Option<isize>,
    k: isize,
    dtype: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = like;
    let dt = dtypes::parse(dtype)?.unwrap_or(ferronum::DType::F64);
    let neg = || PyValueError::new_err("negative dimensions are not allowed");
    let n = usize::try_from(N).map_err(|_| neg())?;
    let m = M
        .map(|m| usize::try_from(m).map_err(|_| neg()))
        .transpose()?;
    wrap(py, guard(py, || manip::tri(n, m, k, dt))?)
}

#[pyfunction]
#[pyo3(signature = (m, k=0))]
pub fn tril(py: Python<'_>, m: &Bound<'_, PyAny>, k: isize) -> PyResult<Py<PyAny>> {
    let a = to_array(m)?;
    wrap(py, guard_nogil(py, a.size(), || manip::tril(&a, k))?)
}

#[pyfunction]
#[pyo3(signature = (m, k=0))]
pub fn triu(py: Python<'_>, m: &Bound<'_, PyAny>, k: isize) -> PyResult<Py<PyAny>> {
    let a = to_array(m)?;
    wrap(py, guard_nogil(py, a.size(), || manip::triu(&a, k))?)
}

#[pyfunction]
#[pyo3(signature = (v, k=0))]
pub fn diag(py: Python<'_>, v: &Bound<'_, PyAny>, k: isize) -> PyResult<Py<PyAny>> {
    let a = to_array(v)?;
    wrap(py, guard(py, || manip::diag(&a, k))?)
}

#[pyfunction]
#[pyo3(signature = (v, k=0))]
pub fn diagflat(py: Python<'_>, v: &Bound<'_, PyAny>, k: isize) -> PyResult<Py<PyAny>> {
    let a = to_array(v)?;
    wrap(py, guard(py, || manip::diagflat(&a, k))?)
}

/// `meshgrid(*xi, copy=True, sparse=False, indexing='xy')`: a tuple.
#[pyfunction]
#[pyo3(signature = (*xi, copy=true, sparse=false, indexing="xy"))]
pub fn meshgrid(
    py: Python<'_>,
    xi: &Bound<'_, PyTuple>,
    copy: bool,
    sparse: bool,
    indexing: &str,
) -> PyResult<Py<PyAny>> {
    let ij = match indexing {
        "xy" => false,
        "ij" => true,
        _ => {
            return Err(PyValueError::new_err(
                "Valid values for `indexing` are 'xy' and 'ij'.",
            ))
        }
    };
    let arrs = xi
        .iter()
        .map(|o| to_array(&o))
        .collect::<PyResult<Vec<_>>>()?;
    let r = guard(py, || manip::meshgrid(&arrs, copy, sparse, ij))?;
    // NumPy returns its list of sparse views as is, and a tuple otherwise.
    if sparse && !copy {
        return wrap_list(py, r);
    }
    wrap_tuple(py, r)
}

/// `trim_zeros(filt, trim='fb', axis=None)`: a view of an array; a 1-d list or tuple is sliced
/// as itself (NumPy keeps non-array input types there); `filt` itself when nothing is trimmed.
#[pyfunction]
#[pyo3(signature = (filt, trim="fb", axis=None))]
pub fn trim_zeros(
    py: Python<'_>,
    filt: &Bound<'_, PyAny>,
    trim: &str,
    axis: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let a = to_array(filt)?;
    let ax = axes_of(axis, AxisForm::TupleOrList)?;
    let Some(bounds) = guard(py, || manip::trim_zeros_bounds(&a, trim, ax.as_deref()))? else {
        return Ok(filt.clone().unbind());
    };
    let is_array = filt.cast::<PyNdArray>().is_ok() || filt.cast::<numpy::PyUntypedArray>().is_ok();
    if !is_array && bounds.len() == 1 {
        let (s, e) = bounds[0];
        let sl = pyo3::types::PySlice::new(py, s as isize, e as isize, 1);
        return Ok(filt.get_item(sl)?.unbind());
    }
    wrap(
        py,
        guard(py, || manip::trim_zeros(&a, trim, ax.as_deref()))?,
    )
}

/// `delete(arr, obj, axis=None)`: `obj` is a slice, an integer, or an array-like of integers
/// or booleans, read as NumPy reads it.
#[pyfunction]
#[pyo3(signature = (arr, obj, axis=None))]
pub fn delete(
    py: Python<'_>,
    arr: &Bound<'_, PyAny>,
    obj: &Bound<'_, PyAny>,
    axis: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let a = to_array(arr)?;
    let axis = match axis.filter(|o| !o.is_none()) {
        None => None,
        Some(o) => Some(index_of(o)?),
    };
    let which = if let Ok(sl) = obj.cast::<pyo3::types::PySlice>() {
        let part = |name: &str| -> PyResult<Option<isize>> {
            let v = sl.getattr(name)?;
            if v.is_none() {
                Ok(None)
            } else {
                index_of(&v).map(Some)
            }
        };
        Deletion::Slice {
            start: part("start")?,
            stop: part("stop")?,
            step: part("step")?,
        }
    } else if !obj.is_instance_of::<pyo3::types::PyBool>()
        && obj.extract::<isize>().is_ok()
        && !obj.hasattr("__len__")?
    {
        Deletion::Index(obj.extract::<isize>()?)
    } else {
        let given_array =
            obj.cast::<PyNdArray>().is_ok() || obj.cast::<numpy::PyUntypedArray>().is_ok();
        let o = to_array(obj)?;
        let dt = o.dtype();
        if o.size() == 0 && !given_array {
            Deletion::Indices(Vec::new())
        } else if dt == ferronum::DType::Bool {
            if o.ndim() != 1 {
                Deletion::MaskNot1d
            } else {
                Deletion::Mask(o.to_vec::<bool>())
            }
        } else if dt.is_integer() {
            let v: Vec<isize> = o
                .astype(ferronum::DType::I64)
                .py(py)?
                .to_vec::<i64>()
                .into_iter()
                .map(|x| x as isize)
                .collect();
            if v.len() == 1 {
                Deletion::Index(v[0])
            } else {
                Deletion::Indices(v)
            }
        } else {
            Deletion::NotIndices
        }
    };
    wrap(
        py,
        guard_nogil(py, a.size(), || manip::delete(&a, &which, axis))?,
    )
}

/// `pad_width` read as NumPy's `pad` reads it: a dict of axes, or an integer array-like
/// broadcast to a (before, after) pair per axis.
fn pad_widths_of(
    py: Python<'_>,
    a: &Array,
    pad_width: &Bound<'_, PyAny>,
) -> PyResult<Vec<(usize, usize)>> {
    // A dict maps axes to an int or a (before, after) pair; other axes are not padded.
    let (values, shape): (Vec<isize>, Vec<usize>) =
        if let Ok(d) = pad_width.cast::<pyo3::types::PyDict>() {
            let nd = a.ndim();
            let mut seq = vec![0isize; 2 * nd];
            for (k, w) in d.iter() {
                let k = k.extract::<isize>()?;
                let i = if k < 0 { k + nd as isize } else { k };
                if i < 0 || i >= nd as isize {
                    return Err(pyo3::exceptions::PyIndexError::new_err(
                        "list assignment index out of range",
                    ));
                }
                let (b, e) = match w.extract::<isize>() {
                    Ok(v) => (v, v),
                    Err(_) => w.extract::<(isize, isize)>()?,
                };
                seq[2 * i as usize] = b;
                seq[2 * i as usize + 1] = e;
            }
            (seq, vec![nd, 2])
        } else {
            let w = to_array(pad_width)?;
            if w.dtype().kind() != ferronum::Kind::Int {
                return Err(PyTypeError::new_err(
                    "`pad_width` must be of integral type.",
                ));
            }
            let v = w.astype(ferronum::DType::I64).py(py)?.to_vec::<i64>();
            (
                v.into_iter().map(|x| x as isize).collect(),
                w.shape().to_vec(),
            )
        };
    guard(py, || manip::pad_widths(&values, &shape, a.ndim()))
}

/// `pad`'s (before, after) pairs per axis, for a callable `mode` (`python/ferronum/_manip.py`).
#[pyfunction]
pub fn _pad_widths(
    py: Python<'_>,
    array: &Bound<'_, PyAny>,
    pad_width: &Bound<'_, PyAny>,
) -> PyResult<Vec<(usize, usize)>> {
    let a = to_array(array)?;
    pad_widths_of(py, &a, pad_width)
}

/// A Python scalar as `ndarray.tolist()` gives an element of dtype `d`.
fn python_of(w: ferronum::Wide, d: ferronum::DType) -> ferronum::Scalar {
    use ferronum::{Kind, Scalar, Wide};
    match (d.kind(), w) {
        (Kind::Bool, w) => Scalar::Bool(w.to_f64() != 0.0),
        (Kind::Int, Wide::I(v)) => Scalar::Int(v as i128),
        (Kind::Uint, Wide::U(v)) => Scalar::Int(v as i128),
        (Kind::Complex, Wide::C(re, im)) => Scalar::Complex(re, im),
        (_, w) => Scalar::Float(w.to_f64()),
    }
}

/// Whether NumPy's `_as_pairs` takes the values of an argument of `shape` as NumPy scalars
/// (one value, or one pair) rather than as Python ones (`tolist()` after broadcasting).
fn pairs_are_scalars(shape: &[usize]) -> bool {
    let size: usize = shape.iter().product();
    shape.len() < 3 && (size == 1 || (size == 2 && shape != [2, 1]))
}

/// `pad(array, pad_width, mode='constant', **kwargs)` for the modes 'constant' (with
/// `constant_values`), 'edge', 'wrap', 'reflect' and 'symmetric' (`reflect_type` even or odd).
#[pyfunction]
#[pyo3(signature = (array, pad_width, mode=None, **kwargs))]
pub fn _pad(
    py: Python<'_>,
    array: &Bound<'_, PyAny>,
    pad_width: &Bound<'_, PyAny>,
    mode: Option<&Bound<'_, PyAny>>,
    kwargs: Option<&Bound<'_, pyo3::types::PyDict>>,
) -> PyResult<Py<PyAny>> {
    let a = to_array(array)?;
    let widths = pad_widths_of(py, &a, pad_width)?;
    let mode_name: String = match mode {
        None => "constant".into(),
        Some(m) if m.is_instance_of::<pyo3::types::PyString>() => m.extract()?,
        Some(_) => return Err(PyTypeError::new_err(
            "pad's mode must be a string here (python/ferronum/_manip.py calls a function mode)",
        )),
    };
    let allowed: &[&str] = match mode_name.as_str() {
        "constant" => &["constant_values"],
        "edge" | "wrap" => &[],
        "reflect" | "symmetric" => &["reflect_type"],
        "empty" => &[],
        "linear_ramp" => &["end_values"],
        "maximum" | "mean" | "median" | "minimum" => &["stat_length"],
        m => {
            return Err(PyValueError::new_err(format!(
                "mode '{m}' is not supported"
            )))
        }
    };
    let mut unsupported = Vec::new();
    if let Some(kw) = kwargs {
        for k in kw.keys() {
            let k: String = k.extract()?;
            if !allowed.contains(&k.as_str()) {
                unsupported.push(format!("'{k}'"));
            }
        }
    }
    if !unsupported.is_empty() {
        return Err(PyValueError::new_err(format!(
            "unsupported keyword arguments for mode '{mode_name}': {{{}}}",
            unsupported.join(", ")
        )));
    }
    let kw = |name: &str| -> PyResult<Option<Bound<'_, PyAny>>> {
        match kwargs {
            Some(d) => d.get_item(name),
            None => Ok(None),
        }
    };
    let mode = match mode_name.as_str() {
        "constant" => {
            let cv = match kw("constant_values")? {
                Some(v) => to_array(&v)?,
                None => ferronum::Array::scalar(0i64),
            };
            let cast = cv.astype(a.dtype()).py(py)?;
            let flat = cast.ravel().py(py)?;
            let pos = guard(py, || {
                manip::pair_positions(flat.size(), cv.shape(), a.ndim())
            })?;
            let mut pairs = Vec::with_capacity(pos.len());
            for (b, e) in pos {
                pairs.push((flat.get(&[b]).py(py)?, flat.get(&[e]).py(py)?));
            }
            PadMode::Constant(pairs)
        }
        "edge" => PadMode::Edge,
        "wrap" => PadMode::Wrap,
        "reflect" | "symmetric" => {
            // NumPy tests only for "odd"; any other value reflects evenly.
            let odd = match kw("reflect_type")? {
                Some(rt) => rt.extract::<String>().is_ok_and(|t| t == "odd"),
                None => false,
            };
            match (mode_name.as_str(), odd) {
                (m, true) => PadMode::Odd {
                    include_edge: m == "symmetric",
                },
                ("reflect", false) => PadMode::Reflect,
                _ => PadMode::Symmetric,
            }
        }
        "empty" => PadMode::Empty,
        "linear_ramp" => {
            let ev = match kw("end_values")? {
                Some(v) => to_array(&v)?,
                None => ferronum::Array::scalar(0i64),
            };
            let flat = ev.ravel().py(py)?;
            let pos = guard(py, || {
                manip::pair_positions(flat.size(), ev.shape(), a.ndim())
            })?;
            let strong = pairs_are_scalars(ev.shape());
            let end = |k: usize| -> PyResult<RampEnd> {
                let w = flat.get(&[k]).py(py)?;
                Ok(if strong {
                    RampEnd::Strong(ferronum::Array::from_scalar(w, ev.dtype()).py(py)?)
                } else {
                    RampEnd::Weak(python_of(w, ev.dtype()))
                })
            };
            let mut pairs = Vec::with_capacity(pos.len());
            for (b, e) in pos {
                pairs.push((end(b)?, end(e)?));
            }
            PadMode::LinearRamp(pairs)
        }
        "maximum" | "minimum" | "mean" | "median" => {
            let stat = match mode_name.as_str() {
                "maximum" => Stat::Maximum,
                "minimum" => Stat::Minimum,
                "mean" => Stat::Mean,
                _ => Stat::Median,
            };
            let lengths = match kw("stat_length")?.filter(|v| !v.is_none()) {
                None => vec![(None, None); a.ndim()],
                Some(v) => {
                    // NumPy's `_as_pairs(..., as_index=True)`: rounded to integers first.
                    let l = to_array(&v)?;
                    let l = if l.dtype().is_inexact() {
                        guard(py, || {
                            ferronum::ops::ufunc::unary(
                                ferronum::ops::ufunc::UnaryOp::Rint,
                                &l,
                                None,
                            )
                        })?
                    } else {
                        l
                    };
                    let vals: Vec<isize> = l
                        .astype(ferronum::DType::I64)
                        .py(py)?
                        .to_vec::<i64>()
                        .into_iter()
                        .map(|x| x as isize)
                        .collect();
                    guard(py, || manip::pad_widths(&vals, l.shape(), a.ndim()))?
                        .into_iter()
                        .map(|(b, e)| (Some(b), Some(e)))
                        .collect()
                }
            };
            PadMode::Stat(stat, lengths)
        }
        m => {
            return Err(pyo3::exceptions::PyNotImplementedError::new_err(format!(
                "ferronum's pad does not support mode '{m}' yet"
            )))
        }
    };
    wrap(
        py,
        guard_nogil(py, a.size(), || manip::pad(&a, &widths, &mode))?,
    )
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    macro_rules! add {
        ($($f:ident),* $(,)?) => { $( m.add_function(wrap_pyfunction!($f, m)?)?; )* };
    }
    add!(
        _concatenate,
        stack,
        hstack,
        vstack,
        dstack,
        column_stack,
        append,
        block,
        atleast_1d,
        atleast_2d,
        atleast_3d,
        split,
        array_split,
        hsplit,
        vsplit,
        dsplit,
        unstack,
        squeeze,
        expand_dims,
        moveaxis,
        rollaxis,
        swapaxes,
        transpose,
        matrix_transpose,
        _matrix_transpose_attr,
        broadcast_to,
        broadcast_arrays,
        broadcast_shapes,
        ascontiguousarray,
        asfortranarray,
        reshape,
        ravel,
        flip,
        fliplr,
        flipud,
        roll,
        rot90,
        tile,
        repeat,
        resize,
        tri,
        tril,
        triu,
        diag,
        diagflat,
        meshgrid,
        trim_zeros,
        delete,
        insert,
        copyto,
        _pad,
        _pad_widths,
    );
    Ok(())
}

/// `insert(arr, obj, values, axis=None)`: `obj` read as NumPy reads it (a slice, an int, an
/// array-like of ints, a boolean array), `values` converted as `array(values, dtype=arr.dtype)`.
#[pyfunction]
#[pyo3(signature = (arr, obj, values, axis=None))]
pub fn insert(
    py: Python<'_>,
    arr: &Bound<'_, PyAny>,
    obj: &Bound<'_, PyAny>,
    values: &Bound<'_, PyAny>,
    axis: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    use pyo3::exceptions::{PyAttributeError, PyIndexError};
    let a = to_array(arr)?;
    let axis = match axis.filter(|o| !o.is_none()) {
        None => None,
        Some(o) => Some(index_of(o)?),
    };
    // The length of the insertion axis (NumPy checks the axis before reading `obj`).
    let n = match axis {
        None => a.size(),
        Some(x) => a.shape()[guard(py, || ferronum::layout::normalize_axis(x, a.ndim()))?],
    };
    let not_indices =
        || PyIndexError::new_err("arrays used as indices must be of integer (or boolean) type");
    let shown = obj.str()?.to_string();
    let from_list = |v: Vec<isize>| {
        if v.len() == 1 {
            Insertion::One {
                index: v[0],
                scalar: false,
                shown: shown.clone(),
            }
        } else {
            Insertion::Many(v)
        }
    };
    let which = if let Ok(sl) = obj.cast::<pyo3::types::PySlice>() {
        let ind = sl.indices(n as isize)?;
        from_list(
            (0..ind.slicelength as isize)
                .map(|k| ind.start + k * ind.step)
                .collect(),
        )
    } else {
        let given_array =
            obj.cast::<PyNdArray>().is_ok() || obj.cast::<numpy::PyUntypedArray>().is_ok();
        let o = to_array(obj)?;
        let dt = o.dtype();
        if dt == ferronum::DType::Bool {
            let ndim = obj.getattr("ndim").map_err(|_| {
                PyAttributeError::new_err(format!(
                    "'{}' object has no attribute 'ndim'",
                    obj.get_type()
                        .name()
                        .map(|n| n.to_string())
                        .unwrap_or_default()
                ))
            })?;
            if ndim.extract::<usize>()? != 1 {
                return Err(PyValueError::new_err(
                    "boolean array argument obj to insert must be one dimensional",
                ));
            }
            let m = o.to_vec::<bool>();
            from_list((0..m.len()).filter(|&k| m[k]).map(|k| k as isize).collect())
        } else if o.ndim() > 1 {
            return Err(PyValueError::new_err(
                "index array argument obj to insert must be one dimensional or scalar",
            ));
        } else if o.size() == 1 {
            if !dt.is_integer() {
                // NumPy compares the value with the bounds, then slices with it.
                let v = o.item().py(py)?.to_f64();
                if v < -(n as f64) || v > n as f64 {
                    return Err(PyIndexError::new_err(format!(
                        "index {shown} is out of bounds for axis {} with size {n}",
                        axis.map_or(0, |x| if x < 0 { x + a.ndim() as isize } else { x })
                    )));
                }
                return Err(PyTypeError::new_err(
                    "slice indices must be integers or None or have an __index__ method",
                ));
            }
            let v = o.astype(ferronum::DType::I64).py(py)?.to_vec::<i64>()[0] as isize;
            Insertion::One {
                index: v,
                scalar: o.ndim() == 0,
                shown,
            }
        } else if o.size() == 0 && !given_array {
            Insertion::Many(Vec::new())
        } else if dt.is_integer() {
            Insertion::Many(
                o.astype(ferronum::DType::I64)
                    .py(py)?
                    .to_vec::<i64>()
                    .into_iter()
                    .map(|x| x as isize)
                    .collect(),
            )
        } else {
            return Err(not_indices());
        }
    };
    let descr = dtypes::to_py(py, a.dtype())?;
    // NumPy converts `values` after checking the positions: a bad position is its error.
    let v = match crate::functions::make_array(
        py,
        values,
        Some(descr.as_any()),
        false,
        false,
        ReshapeOrder::K,
    ) {
        Ok(v) => v,
        Err(e) => {
            let none = ferronum::Array::zeros(&[0], a.dtype()).py(py)?;
            if let Err(ferronum::Error::Index(m)) = manip::insert(&a, &which, &none, axis) {
                return Err(PyIndexError::new_err(m));
            }
            return Err(e);
        }
    };
    wrap(
        py,
        guard_nogil(py, a.size(), || manip::insert(&a, &which, &v, axis))?,
    )
}

/// `copyto(dst, src, casting='same_kind', where=True)`: a Python scalar `src` is weak (NEP 50),
/// typed by `dst`.
#[pyfunction]
#[pyo3(signature = (dst, src, casting="same_kind", r#where=None))]
pub fn copyto(
    py: Python<'_>,
    dst: &Bound<'_, PyAny>,
    src: &Bound<'_, PyAny>,
    casting: &str,
    r#where: Option<&Bound<'_, PyAny>>,
) -> PyResult<()> {
    let casting = casting_of(casting)?;
    let d = dst.cast::<PyNdArray>().map_err(|_| {
        PyTypeError::new_err(format!(
            "copyto() argument 1 must be a numpy.ndarray, not {}",
            dst.get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default()
        ))
    })?;
    let d = d.get().inner().clone();
    let t = d.dtype();
    let s = match crate::convert::python_scalar(src)? {
        Some(sc @ ferronum::Scalar::Float(v)) if t.is_inexact() => {
            // The value reaches `dst`'s type through a cast (which warns on overflow).
            let f =
                ferronum::Array::from_scalar(ferronum::Wide::F(v), ferronum::DType::F64).py(py)?;
            guard(py, || f.astype_as(sc.weak_dtype(t), "cast"))?
        }
        Some(sc) => {
            let wt = match sc {
                ferronum::Scalar::Bool(_) => ferronum::DType::Bool,
                _ => sc.weak_dtype(t),
            };
            if wt.is_integer() {
                sc.check_fits(wt).py(py)?;
            }
            ferronum::Array::from_scalar(sc.to_wide(), wt).py(py)?
        }
        None => to_array(src)?,
    };
    let m = match r#where {
        None => None,
        Some(w) if w.is_instance_of::<pyo3::types::PyBool>() && w.is_truthy()? => None,
        Some(w) => Some(to_array(w)?),
    };
    guard_nogil(py, d.size(), || manip::copyto(&d, &s, casting, m.as_ref()))
}
