//! Selection and index construction (`choose`, `select`, `ix_`, `indices`, `diag_indices`,
//! `tril_indices`, `fill_diagonal`, `vander`, ...): argument parsing and one engine call each
//! (`ferronum::ops::select`).

use crate::common::{wrap, wrap_or_scalar, PyNdArray};
use crate::convert::{python_scalar, to_array};
use crate::dtypes;
use crate::errors::{guard, guard_nogil};
use ferronum::ops::select as ops;
use ferronum::ops::take::Mode;
use ferronum::{Array, DType, Scalar};
use pyo3::exceptions::{PyAttributeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

fn tuple_of(py: Python<'_>, arrays: Vec<Array>) -> PyResult<Py<PyAny>> {
    let items = arrays
        .into_iter()
        .map(|a| wrap(py, a))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(PyTuple::new(py, items)?.into_any().unbind())
}

/// A value as an array, flagged when it is a Python int, float or complex (a weak operand
/// under NEP 50; `True`/`False` are not).
fn weak_arg(obj: &Bound<'_, PyAny>) -> PyResult<(Array, bool)> {
    let weak = matches!(python_scalar(obj)?, Some(s) if !matches!(s, Scalar::Bool(_)));
    Ok((to_array(obj)?, weak))
}

/// The items of a sequence argument, each as `weak_arg` makes it.
fn weak_items(obj: &Bound<'_, PyAny>) -> PyResult<Vec<(Array, bool)>> {
    obj.try_iter()?.map(|x| weak_arg(&x?)).collect()
}

/// The array behind an object with an `ndim` (ferronum's or NumPy's), else the AttributeError
/// NumPy's Python code raises reading `ndim` from it.
fn array_attr(obj: &Bound<'_, PyAny>) -> PyResult<Array> {
    if obj.cast::<PyNdArray>().is_ok() || obj.cast::<numpy::PyUntypedArray>().is_ok() {
        return to_array(obj);
    }
    obj.getattr("ndim")?;
    Err(PyAttributeError::new_err(format!(
        "'{}' object has no attribute 'shape'",
        obj.get_type().name()?
    )))
}

/// A `mode=` as NumPy's clip-mode converter reads it: 'raise', 'wrap' or 'clip' (another
/// string starting with one of their letters has its own message), the integers of NumPy's
/// CLIP (0), WRAP (1) and RAISE (2), or None for 'raise'.
fn clip_mode(py: Python<'_>, mode: Option<&Bound<'_, PyAny>>) -> PyResult<Mode> {
    let Some(m) = mode.filter(|m| !m.is_none()) else {
        return Ok(Mode::Raise);
    };
    if let Ok(s) = m.cast::<pyo3::types::PyString>() {
        let s = s.to_str()?;
        return match Mode::parse(s) {
            Ok(m) => Ok(m),
            Err(_) if s.starts_with(['c', 'C', 'r', 'R', 'w', 'W']) => Err(PyValueError::new_err(
                "Use one of 'clip', 'raise', or 'wrap' for clip mode",
            )),
            Err(e) => guard(py, || Err(e)),
        };
    }
    match m.extract::<i64>() {
        Ok(0) => Ok(Mode::Clip),
        Ok(1) => Ok(Mode::Wrap),
        Ok(2) => Ok(Mode::Raise),
        Ok(_) => Err(PyValueError::new_err(
            "integer clipmode must be RAISE, WRAP, or CLIP from 'numpy._core.multiarray'",
        )),
        Err(_) => Err(PyTypeError::new_err("clipmode not understood")),
    }
}

/// `choose(a, choices, out=None, mode='raise')` (also `ndarray.choose`).
#[pyfunction]
#[pyo3(signature = (a, choices, out=None, mode=None))]
pub fn choose(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    choices: &Bound<'_, PyAny>,
    out: Option<&Bound<'_, PyAny>>,
    mode: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let a = to_array(a)?;
    let out = match out.filter(|o| !o.is_none()) {
        None => None,
        Some(o) => match o.cast::<PyNdArray>() {
            Ok(t) => Some((t.get().inner().clone(), o.clone().unbind())),
            Err(_) => return Err(PyTypeError::new_err("output must be an array")),
        },
    };
    let mode = clip_mode(py, mode)?;
    let (choices, weak): (Vec<Array>, Vec<bool>) = weak_items(choices)?.into_iter().unzip();
    let size = a.size() * choices.len().max(1);
    let r = guard_nogil(py, size, || {
        ops::choose(&a, &choices, &weak, out.as_ref().map(|o| &o.0), mode)
    })?;
    match out {
        Some((_, obj)) => Ok(obj),
        None => wrap_or_scalar(py, r),
    }
}

/// `select(condlist, choicelist, default=0)`.
#[pyfunction]
#[pyo3(signature = (condlist, choicelist, default=None))]
pub fn select(
    py: Python<'_>,
    condlist: &Bound<'_, PyAny>,
    choicelist: &Bound<'_, PyAny>,
    default: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let conds = condlist
        .try_iter()?
        .map(|c| to_array(&c?))
        .collect::<PyResult<Vec<_>>>()?;
    let mut items = weak_items(choicelist)?;
    items.push(match default {
        Some(d) => weak_arg(d)?,
        None => (Array::scalar(0i64), true),
    });
    let (choices, weak): (Vec<Array>, Vec<bool>) = items.into_iter().unzip();
    let size = choices.iter().map(|c| c.size()).sum::<usize>();
    wrap(
        py,
        guard_nogil(py, size, || ops::select(&conds, &choices, &weak))?,
    )
}

/// `ix_(*args)`.
#[pyfunction]
#[pyo3(signature = (*args))]
pub fn ix_(py: Python<'_>, args: &Bound<'_, PyTuple>) -> PyResult<Py<PyAny>> {
    let items = args
        .iter()
        .map(|x| {
            let is_array =
                x.cast::<PyNdArray>().is_ok() || x.cast::<numpy::PyUntypedArray>().is_ok();
            Ok((to_array(&x)?, !is_array))
        })
        .collect::<PyResult<Vec<_>>>()?;
    tuple_of(py, guard(py, || ops::ix(&items))?)
}

/// `indices(dimensions, dtype=int, sparse=False)`.
#[pyfunction]
#[pyo3(signature = (dimensions, dtype=None, sparse=false))]
pub fn indices(
    py: Python<'_>,
    dimensions: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    sparse: bool,
) -> PyResult<Py<PyAny>> {
    let dims = dimensions
        .try_iter()?
        .map(|d| d?.extract::<isize>())
        .collect::<PyResult<Vec<_>>>()?;
    let dt = dtypes::parse(dtype)?.unwrap_or(DType::I64);
    if sparse {
        tuple_of(py, guard(py, || ops::indices_sparse(&dims, dt))?)
    } else {
        wrap(py, guard(py, || ops::indices(&dims, dt))?)
    }
}

/// The tuple `(idx,) * ndim`: one array object repeated, as NumPy's `diag_indices` gives.
fn repeated(py: Python<'_>, idx: Array, ndim: usize) -> PyResult<Py<PyAny>> {
    let obj = wrap(py, idx)?;
    let items: Vec<Py<PyAny>> = (0..ndim).map(|_| obj.clone_ref(py)).collect();
    Ok(PyTuple::new(py, items)?.into_any().unbind())
}

/// `diag_indices(n, ndim=2)`.
#[pyfunction]
#[pyo3(signature = (n, ndim=2))]
pub fn diag_indices(py: Python<'_>, n: isize, ndim: isize) -> PyResult<Py<PyAny>> {
    let idx = guard(py, || ops::diag_range(n))?;
    repeated(py, idx, ndim.max(0) as usize)
}

/// `diag_indices_from(arr)`.
#[pyfunction]
pub fn diag_indices_from(py: Python<'_>, arr: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let a = array_attr(arr)?;
    let (n, nd) = guard(py, || ops::diag_indices_from(a.shape()))?;
    let idx = guard(py, || ops::diag_range(n as isize))?;
    repeated(py, idx, nd)
}

/// A size as NumPy's `tri` takes it, through `arange`: an int, or a float counting
/// `ceil(x)` positions.
fn size_arg(obj: &Bound<'_, PyAny>) -> PyResult<isize> {
    match obj.extract::<isize>() {
        Ok(n) => Ok(n),
        Err(e) => match obj.cast::<pyo3::types::PyFloat>() {
            Ok(f) => Ok(f.value().ceil() as isize),
            Err(_) => Err(e),
        },
    }
}

fn tri_indices_call(
    py: Python<'_>,
    n: &Bound<'_, PyAny>,
    k: i64,
    m: Option<&Bound<'_, PyAny>>,
    upper: bool,
) -> PyResult<Py<PyAny>> {
    let n = size_arg(n)?;
    let m = m.filter(|m| !m.is_none()).map(size_arg).transpose()?;
    let r = guard(py, || ops::tri_indices(n, k, m, upper))?;
    tuple_of(py, r.into())
}

/// `tril_indices(n, k=0, m=None)`.
#[pyfunction]
#[pyo3(signature = (n, k=0, m=None))]
pub fn tril_indices(
    py: Python<'_>,
    n: &Bound<'_, PyAny>,
    k: i64,
    m: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    tri_indices_call(py, n, k, m, false)
}

/// `triu_indices(n, k=0, m=None)`.
#[pyfunction]
#[pyo3(signature = (n, k=0, m=None))]
pub fn triu_indices(
    py: Python<'_>,
    n: &Bound<'_, PyAny>,
    k: i64,
    m: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    tri_indices_call(py, n, k, m, true)
}

/// `tril_indices_from(arr, k=0)`.
#[pyfunction]
#[pyo3(signature = (arr, k=0))]
pub fn tril_indices_from(py: Python<'_>, arr: &Bound<'_, PyAny>, k: i64) -> PyResult<Py<PyAny>> {
    let a = array_attr(arr)?;
    let r = guard(py, || ops::tri_indices_from(a.shape(), k, false))?;
    tuple_of(py, r.into())
}

/// `triu_indices_from(arr, k=0)`.
#[pyfunction]
#[pyo3(signature = (arr, k=0))]
pub fn triu_indices_from(py: Python<'_>, arr: &Bound<'_, PyAny>, k: i64) -> PyResult<Py<PyAny>> {
    let a = array_attr(arr)?;
    let r = guard(py, || ops::tri_indices_from(a.shape(), k, true))?;
    tuple_of(py, r.into())
}

/// `fill_diagonal(a, val, wrap=False)`: in place, on a ferronum or NumPy array.
#[pyfunction]
#[pyo3(signature = (a, val, wrap=false))]
pub fn fill_diagonal(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    val: &Bound<'_, PyAny>,
    wrap: bool,
) -> PyResult<()> {
    let a = array_attr(a)?;
    let s = python_scalar(val)?;
    let v = to_array(val)?;
    guard_nogil(py, a.size(), || ops::fill_diagonal(&a, &v, s, wrap))
}

/// `vander(x, N=None, increasing=False)`.
#[pyfunction]
#[pyo3(name = "vander", signature = (x, N=None, increasing=false))]
#[allow(non_snake_case)]
pub fn vander(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    N: Option<isize>,
    increasing: bool,
) -> PyResult<Py<PyAny>> {
    let x = to_array(x)?;
    wrap(
        py,
        guard_nogil(py, x.size(), || ops::vander(&x, N, increasing))?,
    )
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    macro_rules! add {
        ($($f:ident),* $(,)?) => { $( m.add_function(wrap_pyfunction!($f, m)?)?; )* };
    }
    add!(
        choose,
        select,
        ix_,
        indices,
        diag_indices,
        diag_indices_from,
        tril_indices,
        triu_indices,
        tril_indices_from,
        triu_indices_from,
        fill_diagonal,
        vander,
    );
    Ok(())
}
