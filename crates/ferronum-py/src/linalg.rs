//! Bindings of `numpy.linalg`'s decompositions (`ferronum::ops::decomp`). Argument defaults,
//! namedtuple results and NumPy's deprecated spellings live in `python/ferronum/linalg.py`;
//! these functions take already-resolved options.

use crate::common::wrap_or_scalar;
use crate::convert::to_array;
use crate::errors::guard_nogil;
use ferronum::ops::decomp::{self, CondOrd, QrMode};
use ferronum::ops::linalg::NormOrd;
use ferronum::Array;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

fn tuple(py: Python<'_>, arrays: Vec<Array>) -> PyResult<Py<PyAny>> {
    let items = arrays
        .into_iter()
        .map(|a| wrap_or_scalar(py, a))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(PyTuple::new(py, items)?.into_any().unbind())
}

#[pyfunction]
fn _la_det(py: Python<'_>, a: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let a = to_array(a)?;
    let r = guard_nogil(py, a.size(), || decomp::det(&a))?;
    wrap_or_scalar(py, r)
}

#[pyfunction]
fn _la_slogdet(py: Python<'_>, a: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let a = to_array(a)?;
    let (s, l) = guard_nogil(py, a.size(), || decomp::slogdet(&a))?;
    tuple(py, vec![s, l])
}

#[pyfunction]
fn _la_inv(py: Python<'_>, a: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let a = to_array(a)?;
    let r = guard_nogil(py, a.size(), || decomp::inv(&a))?;
    wrap_or_scalar(py, r)
}

#[pyfunction]
fn _la_solve(py: Python<'_>, a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let (a, b) = (to_array(a)?, to_array(b)?);
    let r = guard_nogil(py, a.size() + b.size(), || decomp::solve(&a, &b))?;
    wrap_or_scalar(py, r)
}

#[pyfunction]
fn _la_cholesky(py: Python<'_>, a: &Bound<'_, PyAny>, upper: bool) -> PyResult<Py<PyAny>> {
    let a = to_array(a)?;
    let r = guard_nogil(py, a.size(), || decomp::cholesky(&a, upper))?;
    wrap_or_scalar(py, r)
}

#[pyfunction]
fn _la_qr(py: Python<'_>, a: &Bound<'_, PyAny>, mode: &str) -> PyResult<Py<PyAny>> {
    let a = to_array(a)?;
    let mode = match mode {
        "reduced" => QrMode::Reduced,
        "complete" => QrMode::Complete,
        "r" => QrMode::R,
        "raw" => QrMode::Raw,
        _ => return Err(PyValueError::new_err(format!("Unrecognized mode '{mode}'"))),
    };
    let r = guard_nogil(py, a.size(), || decomp::qr(&a, mode))?;
    tuple(py, r)
}

#[pyfunction]
fn _la_eig(py: Python<'_>, a: &Bound<'_, PyAny>, vectors: bool) -> PyResult<Py<PyAny>> {
    let a = to_array(a)?;
    let r = guard_nogil(py, a.size(), || decomp::eig(&a, vectors))?;
    tuple(py, r)
}

#[pyfunction]
fn _la_eigh(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    lower: bool,
    vectors: bool,
) -> PyResult<Py<PyAny>> {
    let a = to_array(a)?;
    let r = guard_nogil(py, a.size(), || decomp::eigh(&a, lower, vectors))?;
    tuple(py, r)
}

#[pyfunction]
fn _la_svd(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    full: bool,
    vectors: bool,
    hermitian: bool,
) -> PyResult<Py<PyAny>> {
    let a = to_array(a)?;
    let r = guard_nogil(py, a.size(), || decomp::svd(&a, full, vectors, hermitian))?;
    tuple(py, r)
}

#[pyfunction]
fn _la_pinv(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    rcond: Vec<f64>,
    hermitian: bool,
) -> PyResult<Py<PyAny>> {
    let a = to_array(a)?;
    let r = guard_nogil(py, a.size(), || decomp::pinv(&a, &rcond, hermitian))?;
    wrap_or_scalar(py, r)
}

#[pyfunction]
#[pyo3(signature = (a, b, rcond=None))]
fn _la_lstsq(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    rcond: Option<f64>,
) -> PyResult<Py<PyAny>> {
    let (a, b) = (to_array(a)?, to_array(b)?);
    let r = guard_nogil(py, a.size() + b.size(), || decomp::lstsq(&a, &b, rcond))?;
    let items = vec![
        wrap_or_scalar(py, r.x)?,
        wrap_or_scalar(py, r.residuals)?,
        r.rank.into_pyobject(py)?.into_any().unbind(),
        wrap_or_scalar(py, r.s)?,
    ];
    Ok(PyTuple::new(py, items)?.into_any().unbind())
}

#[pyfunction]
#[pyo3(signature = (a, tol=None, rtol=None, hermitian=false))]
fn _la_matrix_rank(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    tol: Option<Vec<f64>>,
    rtol: Option<Vec<f64>>,
    hermitian: bool,
) -> PyResult<Py<PyAny>> {
    let a = to_array(a)?;
    let r = guard_nogil(py, a.size(), || {
        decomp::matrix_rank(&a, tol.as_deref(), rtol.as_deref(), hermitian)
    })?;
    wrap_or_scalar(py, r)
}

/// `p` as `linalg.py` resolves it: "2", "-2", "fro", "nuc", or "p" with the number `value`.
#[pyfunction]
fn _la_cond(py: Python<'_>, a: &Bound<'_, PyAny>, p: &str, value: f64) -> PyResult<Py<PyAny>> {
    let a = to_array(a)?;
    let ord = match p {
        "2" => CondOrd::Two,
        "-2" => CondOrd::MinusTwo,
        "fro" => CondOrd::Norm(NormOrd::Fro),
        "nuc" => CondOrd::Norm(NormOrd::Nuc),
        _ => CondOrd::Norm(NormOrd::P(value)),
    };
    let r = guard_nogil(py, a.size(), || decomp::cond(&a, ord))?;
    wrap_or_scalar(py, r)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_la_det, m)?)?;
    m.add_function(wrap_pyfunction!(_la_slogdet, m)?)?;
    m.add_function(wrap_pyfunction!(_la_inv, m)?)?;
    m.add_function(wrap_pyfunction!(_la_solve, m)?)?;
    m.add_function(wrap_pyfunction!(_la_cholesky, m)?)?;
    m.add_function(wrap_pyfunction!(_la_qr, m)?)?;
    m.add_function(wrap_pyfunction!(_la_eig, m)?)?;
    m.add_function(wrap_pyfunction!(_la_eigh, m)?)?;
    m.add_function(wrap_pyfunction!(_la_svd, m)?)?;
    m.add_function(wrap_pyfunction!(_la_pinv, m)?)?;
    m.add_function(wrap_pyfunction!(_la_lstsq, m)?)?;
    m.add_function(wrap_pyfunction!(_la_matrix_rank, m)?)?;
    m.add_function(wrap_pyfunction!(_la_cond, m)?)?;
    Ok(())
}
