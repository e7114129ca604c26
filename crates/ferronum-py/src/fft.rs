//! Bindings of `numpy.fft`'s one-axis transforms (`ferronum::ops::fft`), with NumPy's
//! signatures, as the submodule `_ferronum._fft`. The n-d transforms, the frequencies and the
//! shifts are Python (`python/ferronum/fft.py`), as NumPy's are.

use crate::common::{out_arg, wrap};
use crate::convert::to_array;
use crate::errors::{guard, guard_nogil};
use ferronum::ops::fft::{self as engine, Which};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyString};

/// `n=`: None, or an integer (anything with `__index__`); NumPy's errors otherwise.
fn n_arg(n: Option<&Bound<'_, PyAny>>) -> PyResult<Option<i64>> {
    let Some(n) = n.filter(|n| !n.is_none()) else {
        return Ok(None);
    };
    if n.is_instance_of::<PyBool>() {
        // NumPy's `n < 1` passes for True, then its shape arithmetic refuses a bool.
        return Err(PyTypeError::new_err("an integer is required"));
    }
    match n.extract::<i64>() {
        Ok(v) => Ok(Some(v)),
        Err(_) => {
            // NumPy compares `n < 1` first: a type that cannot be compared with an int fails
            // there, with Python's message; a number that can fails as a shape.
            n.lt(1)?;
            Err(PyTypeError::new_err(format!(
                "'{}' object cannot be interpreted as an integer",
                n.get_type().name()?
            )))
        }
    }
}

/// `axis=`: an integer (NumPy indexes `a.shape` with it).
fn axis_arg(axis: &Bound<'_, PyAny>) -> PyResult<isize> {
    axis.extract::<isize>().map_err(|_| {
        let name = axis
            .get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_default();
        PyTypeError::new_err(format!(
            "tuple indices must be integers or slices, not {name}"
        ))
    })
}

/// `norm=`: None or its string form (a non-string is never a valid norm; NumPy's message
/// shows it as `str` does).
fn norm_arg(norm: Option<&Bound<'_, PyAny>>) -> PyResult<Option<String>> {
    match norm.filter(|n| !n.is_none()) {
        None => Ok(None),
        Some(s) if s.is_instance_of::<PyString>() => Ok(Some(s.extract::<String>()?)),
        Some(o) => Ok(Some(o.str()?.to_string())),
    }
}

fn transform(
    py: Python<'_>,
    which: Which,
    a: &Bound<'_, PyAny>,
    n: Option<&Bound<'_, PyAny>>,
    axis: &Bound<'_, PyAny>,
    norm: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let a = to_array(a)?;
    let n = n_arg(n)?;
    let axis = axis_arg(axis)?;
    let norm = norm_arg(norm)?;
    let out = out_arg(out)?;
    let work = a.size().max(n.unwrap_or(0).max(0) as usize);
    let o = out.as_ref().map(|(arr, _)| arr);
    let r = guard_nogil(py, work, || {
        engine::fft1(&a, n, axis, which, norm.as_deref(), o)
    })?;
    match out {
        Some((_, obj)) => Ok(obj),
        None => wrap(py, r),
    }
}

macro_rules! transforms {
    ($($name:ident => $which:expr),* $(,)?) => {$(
        /// The transform with every argument given (`fft.py` supplies NumPy's defaults).
        #[pyfunction]
        #[pyo3(signature = (a, n, axis, norm, out))]
        fn $name(
            py: Python<'_>,
            a: &Bound<'_, PyAny>,
            n: Option<&Bound<'_, PyAny>>,
            axis: &Bound<'_, PyAny>,
            norm: Option<&Bound<'_, PyAny>>,
            out: Option<&Bound<'_, PyAny>>,
        ) -> PyResult<Py<PyAny>> {
            transform(py, $which, a, n, axis, norm, out)
        }
    )*};
}

transforms!(
    fft => Which::Fft,
    ifft => Which::Ifft,
    rfft => Which::Rfft,
    irfft => Which::Irfft,
    hfft => Which::Hfft,
    ihfft => Which::Ihfft,
);

/// `fftfreq`/`rfftfreq` for an `int` length and a float factor (`fft.py` handles the rest).
#[pyfunction]
fn _freqs(py: Python<'_>, n: usize, val: f64, real_only: bool) -> PyResult<Py<PyAny>> {
    wrap(py, guard(py, || engine::frequencies(n, val, real_only))?)
}

/// Adds the submodule `_fft`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let sub = PyModule::new(m.py(), "_fft")?;
    sub.add_function(wrap_pyfunction!(fft, &sub)?)?;
    sub.add_function(wrap_pyfunction!(ifft, &sub)?)?;
    sub.add_function(wrap_pyfunction!(rfft, &sub)?)?;
    sub.add_function(wrap_pyfunction!(irfft, &sub)?)?;
    sub.add_function(wrap_pyfunction!(hfft, &sub)?)?;
    sub.add_function(wrap_pyfunction!(ihfft, &sub)?)?;
    sub.add_function(wrap_pyfunction!(_freqs, &sub)?)?;
    m.add_submodule(&sub)
}
