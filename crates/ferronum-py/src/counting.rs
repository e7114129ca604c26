//! Counting and histograms: `bincount`, and the counting loops `python/ferronum/_histograms.py`
//! calls once it has NumPy's bin edges (`_histogram_uniform`, `_histogram_edges`,
//! `_bin_index`). Each converts its arguments and makes one engine call
//! (`ferronum::ops::histogram`).

use crate::common::wrap;
use crate::convert::to_array;
use crate::dtypes;
use crate::errors::guard_nogil;
use ferronum::ops::histogram::{self as hist, Uniform};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

/// `bincount(x, /, weights=None, minlength=0)`; `minlength=None` is NumPy's TypeError, so the
/// keywords are read by hand (PyO3 reads a missing argument and None alike).
#[pyfunction]
#[pyo3(signature = (x, *args, **kwargs))]
fn bincount(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    args: &Bound<'_, PyTuple>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let mut given: [Option<Bound<'_, PyAny>>; 2] = [None, None];
    if args.len() > 2 {
        return Err(PyTypeError::new_err(format!(
            "bincount() takes at most 3 arguments ({} given)",
            args.len() + 1
        )));
    }
    for (i, a) in args.iter().enumerate() {
        given[i] = Some(a);
    }
    if let Some(kw) = kwargs {
        for (k, v) in kw.iter() {
            let key: String = k.extract()?;
            let i = match key.as_str() {
                "weights" => 0,
                "minlength" => 1,
                _ => {
                    return Err(PyTypeError::new_err(format!(
                        "bincount() got an unexpected keyword argument '{key}'"
                    )))
                }
            };
            given[i] = Some(v);
        }
    }
    let [weights, minlength] = given;
    let xa = to_array(x)?;
    let minlength = match &minlength {
        None => None,
        Some(m) if m.is_none() => {
            return Err(PyTypeError::new_err("use 0 instead of None for minlength"))
        }
        Some(m) => Some(m.extract::<i64>()?),
    };
    let w = weights
        .as_ref()
        .filter(|w| !w.is_none())
        .map(to_array)
        .transpose()?;
    let r = guard_nogil(py, xa.size(), || hist::bincount(&xa, w.as_ref(), minlength))?;
    wrap(py, r)
}

/// Counts (or, with weights, per-block float64 sums) of `a` in uniform bins; the arguments
/// are `ferronum::ops::histogram::Uniform`'s fields.
#[pyfunction]
#[pyo3(signature = (a, lo, hi, first, denom, bins, bin_t, diff_t, quot_t, edges, weights=None))]
#[allow(clippy::too_many_arguments)]
fn _histogram_uniform(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    lo: f64,
    hi: f64,
    first: f64,
    denom: f64,
    bins: usize,
    bin_t: &Bound<'_, PyAny>,
    diff_t: &Bound<'_, PyAny>,
    quot_t: &Bound<'_, PyAny>,
    edges: &Bound<'_, PyAny>,
    weights: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let dt = |o: &Bound<'_, PyAny>| -> PyResult<ferronum::DType> {
        dtypes::parse(Some(o))?.ok_or_else(|| PyTypeError::new_err("a dtype is needed"))
    };
    let u = Uniform {
        lo,
        hi,
        first,
        denom,
        bins,
        bin_t: dt(bin_t)?,
        diff_t: dt(diff_t)?,
        quot_t: dt(quot_t)?,
    };
    let x = to_array(a)?;
    let e = to_array(edges)?;
    let w = weights.map(to_array).transpose()?;
    let r = guard_nogil(py, x.size(), || {
        hist::histogram_uniform(&x, &u, &e, w.as_ref())
    })?;
    wrap(py, r)
}

/// Counts of `a` between sorted `edges`.
#[pyfunction]
fn _histogram_edges(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    edges: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let x = to_array(a)?;
    let e = to_array(edges)?;
    let r = guard_nogil(py, x.size(), || hist::histogram_edges(&x, &e))?;
    wrap(py, r)
}

/// Each element's bin among `edges` (see `ferronum::ops::histogram::bin_index`).
#[pyfunction]
fn _bin_index(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    edges: &Bound<'_, PyAny>,
    outliers: bool,
) -> PyResult<Py<PyAny>> {
    let x = to_array(a)?;
    let e = to_array(edges)?;
    let r = guard_nogil(py, x.size(), || hist::bin_index(&x, &e, outliers))?;
    wrap(py, r)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(bincount, m)?)?;
    m.add_function(wrap_pyfunction!(_histogram_uniform, m)?)?;
    m.add_function(wrap_pyfunction!(_histogram_edges, m)?)?;
    m.add_function(wrap_pyfunction!(_bin_index, m)?)?;
    Ok(())
}
