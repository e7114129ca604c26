//! Bindings of the products: `matmul`, `dot`, `vdot`, `inner`, `outer`, `tensordot`, `kron`,
//! `trace`, `diagonal`, `linalg.multi_dot`, `linalg.matrix_power`, `cross`. Argument parsing
//! and `out=` only; the engine (`ferronum::ops::products`) does the rest.

use crate::common::{deliver, out_arg, wrap, wrap_or_scalar, PyNdArray};
use crate::convert::to_array;
use crate::dtypes;
use crate::errors::{guard, guard_nogil, not_an_integer, IntoPyResult};
use ferronum::ops::products as pr;
use ferronum::Array;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;

/// Work estimate for the GIL decision: a product touches at least every input element.
fn work(a: &Array, b: &Array) -> usize {
    a.size().max(b.size()).saturating_mul(8)
}

/// The engine's `matmul`, for the `@` operator.
pub fn matmul_arrays(py: Python<'_>, a: &Array, b: &Array) -> PyResult<Py<PyAny>> {
    let r = guard_nogil(py, work(a, b), || pr::matmul(a, b))?;
    wrap_or_scalar(py, r)
}

/// `a @= b`: NumPy's in-place matmul keeps `a`'s shape and needs `b` to be a matrix stack.
pub fn imatmul_arrays(py: Python<'_>, a: &Array, b: &Array) -> PyResult<()> {
    if a.ndim() < 1 || b.ndim() < 2 {
        return Err(PyValueError::new_err(
            "inplace matrix multiplication requires the first operand to have at least one and the second at least two dimensions.",
        ));
    }
    guard_nogil(py, work(a, b), || pr::matmul_into(a, b, a))?;
    Ok(())
}

/// `matmul(x1, x2, /, out=None, *, dtype=None, casting='same_kind', order='K', subok=True)`.
#[pyfunction]
#[pyo3(signature = (x1, x2, /, out=None, *, dtype=None, casting="same_kind", order="K", subok=true))]
#[allow(clippy::too_many_arguments)]
pub fn matmul(
    py: Python<'_>,
    x1: &Bound<'_, PyAny>,
    x2: &Bound<'_, PyAny>,
    out: Option<&Bound<'_, PyAny>>,
    dtype: Option<&Bound<'_, PyAny>>,
    casting: &str,
    order: &str,
    subok: bool,
) -> PyResult<Py<PyAny>> {
    let _ = (order, subok);
    let (mut a, mut b) = (to_array(x1)?, to_array(x2)?);
    if let Some(d) = dtypes::parse(dtype)? {
        for x in [&mut a, &mut b] {
            let ok = match casting {
                "unsafe" => true,
                "same_kind" => x.dtype().can_cast_same_kind(d),
                "safe" => x.dtype().can_cast_safe(d),
                _ => x.dtype() == d,
            };
            if !ok {
                return Err(PyTypeError::new_err(format!(
                    "Cannot cast ufunc 'matmul' input from dtype('{}') to dtype('{}') with casting rule '{casting}'",
                    x.dtype().name(),
                    d.name()
                )));
            }
            *x = x.astype(d).py(py)?;
        }
    }
    match out_arg(out)? {
        Some((o, obj)) => {
            guard_nogil(py, work(&a, &b), || pr::matmul_into(&a, &b, &o))?;
            Ok(obj)
        }
        None => matmul_arrays(py, &a, &b),
    }
}

/// Puts `r` into `dot`'s or `multi_dot`'s `out=`, which NumPy requires to be exactly right.
fn into_exact_out(py: Python<'_>, r: Array, out: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
    let out = out_arg(out)?;
    let o = out.as_ref().map(|(o, _)| o);
    let r = guard(py, || pr::into_exact_out(r, o))?;
    deliver(py, r, out.map(|(_, obj)| obj), false)
}

/// `dot(a, b, out=None)`.
#[pyfunction]
#[pyo3(signature = (a, b, out=None))]
pub fn dot(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let (x, y) = (to_array(a)?, to_array(b)?);
    let r = guard_nogil(py, work(&x, &y), || pr::dot(&x, &y))?;
    into_exact_out(py, r, out)
}

/// `vdot(a, b, /)`.
#[pyfunction]
#[pyo3(signature = (a, b, /))]
pub fn vdot(py: Python<'_>, a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let (x, y) = (to_array(a)?, to_array(b)?);
    let r = guard_nogil(py, work(&x, &y), || pr::vdot(&x, &y))?;
    wrap_or_scalar(py, r)
}

/// `inner(a, b, /)`.
#[pyfunction]
#[pyo3(signature = (a, b, /))]
pub fn inner(py: Python<'_>, a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let (x, y) = (to_array(a)?, to_array(b)?);
    let r = guard_nogil(py, work(&x, &y), || pr::inner(&x, &y))?;
    wrap_or_scalar(py, r)
}

/// `outer(a, b, out=None)`: NumPy's is `multiply(a.ravel()[:, None], b.ravel()[None, :], out)`.
#[pyfunction]
#[pyo3(signature = (a, b, out=None))]
pub fn outer(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let (x, y) = (to_array(a)?, to_array(b)?);
    let r = guard_nogil(py, x.size().saturating_mul(y.size()), || pr::outer(&x, &y))?;
    match out_arg(out)? {
        None => wrap(py, r),
        Some((o, obj)) => {
            guard(py, || o.assign(&r))?;
            Ok(obj)
        }
    }
}

/// A sequence of ints (or one int) as a list of axes.
fn int_list(o: &Bound<'_, PyAny>) -> PyResult<Vec<isize>> {
    if let Ok(i) = o.extract::<isize>() {
        return Ok(vec![i]);
    }
    o.try_iter()?
        .map(|x| {
            let x = x?;
            x.extract::<isize>().map_err(|_| not_an_integer(&x))
        })
        .collect()
}

/// `tensordot(a, b, axes=2)`.
#[pyfunction]
#[pyo3(signature = (a, b, axes=None))]
pub fn tensordot(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    axes: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let (x, y) = (to_array(a)?, to_array(b)?);
    let ax = match axes {
        None => pr::TensorAxes::Count(2),
        Some(o) => match o.extract::<isize>() {
            Ok(n) => pr::TensorAxes::Count(n),
            Err(_) => {
                let items: Vec<Bound<'_, PyAny>> = o.try_iter()?.collect::<PyResult<_>>()?;
                if items.len() != 2 {
                    return Err(PyValueError::new_err(format!(
                        "too many values to unpack (expected 2, got {})",
                        items.len()
                    )));
                }
                pr::TensorAxes::Pairs(int_list(&items[0])?, int_list(&items[1])?)
            }
        },
    };
    let r = guard_nogil(py, work(&x, &y), || pr::tensordot(&x, &y, &ax))?;
    wrap_or_scalar(py, r)
}

/// `kron(a, b)`.
#[pyfunction]
pub fn kron(py: Python<'_>, a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let (x, y) = (to_array(a)?, to_array(b)?);
    let r = guard_nogil(py, x.size().saturating_mul(y.size()), || pr::kron(&x, &y))?;
    if x.ndim() == 0 && y.ndim() == 0 {
        return wrap_or_scalar(py, r);
    }
    wrap(py, r)
}

/// `trace(a, offset=0, axis1=0, axis2=1, dtype=None, out=None)`.
#[pyfunction]
#[pyo3(signature = (a, offset=0, axis1=0, axis2=1, dtype=None, out=None))]
pub fn trace(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    offset: isize,
    axis1: isize,
    axis2: isize,
    dtype: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let x = to_array(a)?;
    let d = dtypes::parse(dtype)?;
    let r = guard_nogil(py, x.size(), || pr::trace(&x, offset, axis1, axis2, d))?;
    match out_arg(out)? {
        None => wrap_or_scalar(py, r),
        Some((o, obj)) => {
            guard(py, || o.assign(&r))?;
            Ok(obj)
        }
    }
}

/// `diagonal(a, offset=0, axis1=0, axis2=1)`: a read-only view.
#[pyfunction]
#[pyo3(signature = (a, offset=0, axis1=0, axis2=1))]
pub fn diagonal(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    offset: isize,
    axis1: isize,
    axis2: isize,
) -> PyResult<Py<PyAny>> {
    let x = to_array(a)?;
    let r = guard(py, || pr::diagonal(&x, offset, axis1, axis2))?;
    wrap(py, r)
}

/// `linalg.multi_dot(arrays, *, out=None)`.
#[pyfunction]
#[pyo3(signature = (arrays, *, out=None))]
pub fn multi_dot(
    py: Python<'_>,
    arrays: &Bound<'_, PyAny>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let xs: Vec<Array> = arrays
        .try_iter()?
        .map(|o| to_array(&o?))
        .collect::<PyResult<_>>()?;
    let refs: Vec<&Array> = xs.iter().collect();
    let w = xs.iter().map(|a| a.size()).sum::<usize>().saturating_mul(8);
    let r = guard_nogil(py, w, || pr::multi_dot(&refs))?;
    into_exact_out(py, r, out)
}

/// `linalg.matrix_power(a, n)`.
#[pyfunction]
pub fn matrix_power(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    n: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let x = to_array(a)?;
    guard(py, || pr::check_stacked_square(&x))?;
    let is_int = n.is_instance_of::<pyo3::types::PyInt>() || n.hasattr("__index__")?;
    let n: i64 = match is_int.then(|| n.call_method0("__index__").and_then(|i| i.extract::<i64>()))
    {
        Some(Ok(v)) => v,
        _ => return Err(PyTypeError::new_err("exponent must be an integer")),
    };
    if n == 1 && a.cast::<PyNdArray>().is_ok() {
        return Ok(a.clone().unbind());
    }
    let r = guard_nogil(py, x.size().saturating_mul(8), || pr::matrix_power(&x, n))?;
    wrap(py, r)
}

/// `cross(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None)`.
#[pyfunction]
#[pyo3(signature = (a, b, axisa=-1, axisb=-1, axisc=-1, axis=None))]
#[allow(clippy::too_many_arguments)]
pub fn cross(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    axisa: isize,
    axisb: isize,
    axisc: isize,
    axis: Option<isize>,
) -> PyResult<Py<PyAny>> {
    let (x, y) = (to_array(a)?, to_array(b)?);
    let axes = pr::CrossAxes {
        axisa,
        axisb,
        axisc,
        axis,
    };
    let r = guard_nogil(py, work(&x, &y), || pr::cross(&x, &y, axes))?;
    let (axa, axb) = axis.map_or((axisa, axisb), |v| (v, v));
    let len = |a: &Array, ax: isize| {
        let nd = a.ndim() as isize;
        let k = if ax < 0 { ax + nd } else { ax };
        a.shape()[k as usize]
    };
    if len(&x, axa) == 2 || len(&y, axb) == 2 {
        let msg = c"Arrays of 2-dimensional vectors are deprecated. Use arrays of 3-dimensional vectors instead. (deprecated in NumPy 2.0)";
        PyErr::warn(
            py,
            &py.get_type::<pyo3::exceptions::PyDeprecationWarning>(),
            msg,
            1,
        )?;
    }
    wrap(py, r)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(matmul, m)?)?;
    m.add_function(wrap_pyfunction!(dot, m)?)?;
    m.add_function(wrap_pyfunction!(vdot, m)?)?;
    m.add_function(wrap_pyfunction!(inner, m)?)?;
    m.add_function(wrap_pyfunction!(outer, m)?)?;
    m.add_function(wrap_pyfunction!(tensordot, m)?)?;
    m.add_function(wrap_pyfunction!(kron, m)?)?;
    m.add_function(wrap_pyfunction!(trace, m)?)?;
    m.add_function(wrap_pyfunction!(diagonal, m)?)?;
    m.add_function(wrap_pyfunction!(multi_dot, m)?)?;
    m.add_function(wrap_pyfunction!(matrix_power, m)?)?;
    m.add_function(wrap_pyfunction!(cross, m)?)?;
    Ok(())
}
