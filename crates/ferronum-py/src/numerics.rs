//! The compiled parts of NumPy's numerical helpers (`interp`, `correlate`, `convolve`, the
//! fused `isclose`, `diff`, `gradient`, `trapezoid`): argument conversion and one engine call
//! each (`ferronum::ops::numerics`). The NumPy-level argument handling is
//! `python/ferronum/_numerics.py`.

use crate::common::{wrap, wrap_or_scalar, PyNdArray};
use crate::convert::to_array;
use crate::errors::guard_nogil;
use ferronum::ops::numerics::{
    correlate as corr, diff as df, gradient as gr, interp as ip, isclose as ic,
};
use ferronum::Complex64;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyComplex, PyTuple};

/// A `left=`/`right=` fill value: `PyFloat_AsDouble` for a real `fp`, the complex parts for
/// a complex one (NumPy's converters, so their TypeErrors).
fn fill(v: Option<&Bound<'_, PyAny>>, complex: bool) -> PyResult<Option<Complex64>> {
    let Some(v) = v.filter(|v| !v.is_none()) else {
        return Ok(None);
    };
    if complex {
        if let Ok(c) = v.cast::<PyComplex>() {
            return Ok(Some(Complex64::new(c.real(), c.imag())));
        }
        let c = v.py().get_type::<PyComplex>().call1((v,))?;
        let c = c.cast::<PyComplex>()?;
        return Ok(Some(Complex64::new(c.real(), c.imag())));
    }
    Ok(Some(Complex64::new(v.extract::<f64>()?, 0.0)))
}

/// `_interp(x, xp, fp, left, right, period)`: NumPy's compiled interp (and its Python
/// wrapper's `period=` preparation); a 0-d result is a float64/complex128 scalar.
#[pyfunction]
#[pyo3(signature = (x, xp, fp, left=None, right=None, period=None))]
pub fn _interp(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    xp: &Bound<'_, PyAny>,
    fp: &Bound<'_, PyAny>,
    left: Option<&Bound<'_, PyAny>>,
    right: Option<&Bound<'_, PyAny>>,
    period: Option<f64>,
) -> PyResult<Py<PyAny>> {
    let (x, xp, fp) = (to_array(x)?, to_array(xp)?, to_array(fp)?);
    let complex = fp.dtype().kind() == ferronum::Kind::Complex;
    let (l, r) = (fill(left, complex)?, fill(right, complex)?);
    let n = x.size();
    let out = guard_nogil(py, n, || ip::interp(&x, &xp, &fp, l, r, period))?;
    wrap_or_scalar(py, out)
}

/// `_correlate(a, v, mode, conj, reverse)`: the direct correlation of two 1-d arrays
/// (`mode` 0 valid, 1 same, 2 full); `conj` and `reverse` as `PyArray_Correlate2` does.
#[pyfunction]
pub fn _correlate(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    v: &Bound<'_, PyAny>,
    mode: i64,
    conj: bool,
    reverse: bool,
) -> PyResult<Py<PyAny>> {
    let (a, v) = (to_array(a)?, to_array(v)?);
    let mode = match mode {
        0 => corr::Mode::Valid,
        1 => corr::Mode::Same,
        2 => corr::Mode::Full,
        _ => return Err(PyValueError::new_err("mode must be 0, 1, or 2")),
    };
    let work = a.size().saturating_mul(v.size());
    let out = guard_nogil(py, work, || corr::correlate(&a, &v, mode, conj, reverse))?;
    wrap(py, out)
}

/// `_convolve(a, v, mode)`: `numpy.convolve` of 0-d or 1-d arguments (`mode` 0 valid,
/// 1 same, 2 full), or None where one has more dimensions.
#[pyfunction]
pub fn _convolve(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    v: &Bound<'_, PyAny>,
    mode: i64,
) -> PyResult<Py<PyAny>> {
    let (a, v) = (to_array(a)?, to_array(v)?);
    let mode = match mode {
        0 => corr::Mode::Valid,
        1 => corr::Mode::Same,
        2 => corr::Mode::Full,
        _ => return Err(PyValueError::new_err("mode must be 0, 1, or 2")),
    };
    let work = a.size().saturating_mul(v.size());
    match guard_nogil(py, work, || corr::convolve(&a, &v, mode))? {
        Some(out) => wrap(py, out),
        None => Ok(py.None()),
    }
}

/// `_isclose(x, y, rtol, atol, equal_nan, all)`: the fused test where it applies (both
/// ferronum arrays of one inexact dtype, one shape, C order), else None; with `all` a Python
/// bool (`allclose`), else the bool array.
#[pyfunction]
pub fn _isclose(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    y: &Bound<'_, PyAny>,
    rtol: f64,
    atol: f64,
    equal_nan: bool,
    all: bool,
) -> PyResult<Py<PyAny>> {
    let (Ok(xa), Ok(ya)) = (x.cast::<PyNdArray>(), y.cast::<PyNdArray>()) else {
        return Ok(py.None());
    };
    let (xa, ya) = (xa.get().inner(), ya.get().inner());
    if !ic::fusable(xa, ya) {
        return Ok(py.None());
    }
    let out = guard_nogil(py, xa.size(), || {
        ic::isclose(xa, ya, rtol, atol, equal_nan, all)
    })?;
    if all {
        let b = out.item().map(|w| matches!(w, ferronum::Wide::Bool(true)));
        return Ok(pyo3::types::PyBool::new(py, b.unwrap_or(false))
            .to_owned()
            .into_any()
            .unbind());
    }
    wrap(py, out)
}

/// `_diff(a, n, axis)`: `n >= 1` rounds of differences along a normalised `axis`.
#[pyfunction]
pub fn _diff(py: Python<'_>, a: &Bound<'_, PyAny>, n: usize, axis: usize) -> PyResult<Py<PyAny>> {
    let a = to_array(a)?;
    if axis >= a.ndim() {
        return Err(PyValueError::new_err("axis out of range"));
    }
    let size = a.size();
    let out = guard_nogil(py, size, || df::diff(&a, n, axis))?;
    wrap(py, out)
}

/// `_gradient(f, axes, dx, edge_order)`: the gradient along normalised `axes` with one
/// scalar spacing each, as a tuple of arrays, or None where the fused pass does not apply
/// (dtype, floating-point flags) and NumPy's ufunc composition must run.
#[pyfunction]
pub fn _gradient(
    py: Python<'_>,
    f: &Bound<'_, PyAny>,
    axes: Vec<usize>,
    dx: Vec<f64>,
    edge_order: usize,
) -> PyResult<Py<PyAny>> {
    let f = to_array(f)?;
    let fits = axes.len() == dx.len()
        && matches!(edge_order, 1 | 2)
        && axes
            .iter()
            .all(|&a| a < f.ndim() && f.shape()[a] > edge_order);
    if !fits {
        return Err(PyValueError::new_err("invalid gradient axes or spacing"));
    }
    let work = f.size().saturating_mul(axes.len());
    let Some(outs) = guard_nogil(py, work, || gr::gradient(&f, &axes, &dx, edge_order))? else {
        return Ok(py.None());
    };
    let items = outs
        .into_iter()
        .map(|a| wrap(py, a))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(PyTuple::new(py, items)?.into_any().unbind())
}

/// `_trapezoid(y, x, dx, axis)`: the trapezoidal integral along a normalised `axis` with the
/// sample points `x` (None: the spacing `dx`), or None where the fused pass does not apply.
#[pyfunction]
pub fn _trapezoid(
    py: Python<'_>,
    y: &Bound<'_, PyAny>,
    x: Option<&Bound<'_, PyAny>>,
    dx: f64,
    axis: usize,
) -> PyResult<Py<PyAny>> {
    let y = to_array(y)?;
    let x = x.filter(|x| !x.is_none()).map(to_array).transpose()?;
    let spacing = match &x {
        Some(x) => gr::Spacing::X(x),
        None => gr::Spacing::Dx(dx),
    };
    let size = y.size();
    match guard_nogil(py, size, || gr::trapezoid(&y, spacing, axis))? {
        Some(r) => wrap_or_scalar(py, r),
        None => Ok(py.None()),
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_interp, m)?)?;
    m.add_function(wrap_pyfunction!(_correlate, m)?)?;
    m.add_function(wrap_pyfunction!(_convolve, m)?)?;
    m.add_function(wrap_pyfunction!(_isclose, m)?)?;
    m.add_function(wrap_pyfunction!(_diff, m)?)?;
    m.add_function(wrap_pyfunction!(_gradient, m)?)?;
    m.add_function(wrap_pyfunction!(_trapezoid, m)?)?;
    Ok(())
}
