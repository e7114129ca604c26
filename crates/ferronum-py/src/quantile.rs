//! Order statistics: `median`, `percentile`, `quantile` and their `nan*` forms, with NumPy 2.x's
//! signatures. The engine (`ferronum::ops::quantile_out`) does the work, NumPy's checks in
//! NumPy's order, and puts results into `out=` the way each of NumPy's code paths does; this
//! module converts the arguments.

use crate::common::{axes_of, deliver, out_array, AxisForm};
use crate::convert::to_array;
use crate::errors::guard_nogil;
use ferronum::ops::quantile::QuantileOptions;
use ferronum::ops::quantile_out as qo;
use pyo3::prelude::*;
use pyo3::types::{PyFloat, PyInt, PyString};

fn median_impl(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    axis: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
    keepdims: bool,
    skip_nan: bool,
) -> PyResult<Py<PyAny>> {
    let x = to_array(a)?;
    let ax = axes_of(axis, AxisForm::TupleOrList)?;
    let o = out_array(out)?;
    let oa = o.as_ref().map(|(o, _)| o);
    let d = guard_nogil(py, x.size(), || {
        qo::median(&x, ax.as_deref(), keepdims, skip_nan, oa)
    })?;
    deliver(py, d.array, o.map(|(_, obj)| obj), d.as_array)
}

#[allow(clippy::too_many_arguments)]
fn quantile_impl(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    q: &Bound<'_, PyAny>,
    axis: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
    method: &Bound<'_, PyAny>,
    keepdims: bool,
    weights: Option<&Bound<'_, PyAny>>,
    percent: bool,
    skip_nan: bool,
) -> PyResult<Py<PyAny>> {
    let x = to_array(a)?;
    // `weak_q = type(q) in (int, float)`: exact builtins only.
    let weak_q = q.is_exact_instance_of::<PyInt>() || q.is_exact_instance_of::<PyFloat>();
    let qa = to_array(q)?;
    let ax = axes_of(axis, AxisForm::TupleOrList)?;
    let o = out_array(out)?;
    let name: String = match method.cast::<PyString>() {
        Ok(s) => s.to_str()?.to_string(),
        Err(_) => method.repr()?.to_string(),
    };
    let w = match weights.filter(|w| !w.is_none()) {
        Some(w) => Some(to_array(w)?),
        None => None,
    };
    let opts = QuantileOptions {
        keepdims,
        skip_nan,
        weak_q,
        percent,
        weights: w.as_ref(),
    };
    let oa = o.as_ref().map(|(o, _)| o);
    let work = x.size().max(1) * qa.size().max(1);
    let d = guard_nogil(py, work, || {
        qo::quantile(&x, &qa, ax.as_deref(), &name, &opts, oa)
    })?;
    deliver(py, d.array, o.map(|(_, obj)| obj), d.as_array)
}

/// `median(a, axis=None, out=None, overwrite_input=False, keepdims=False)`.
#[pyfunction(name = "median")]
#[pyo3(signature = (a, axis=None, out=None, overwrite_input=None, keepdims=None))]
pub fn median_fn(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    axis: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
    overwrite_input: Option<&Bound<'_, PyAny>>,
    keepdims: Option<bool>,
) -> PyResult<Py<PyAny>> {
    let _ = overwrite_input;
    median_impl(py, a, axis, out, keepdims.unwrap_or(false), false)
}

/// `nanmedian(a, axis=None, out=None, overwrite_input=False, keepdims=<no value>)`.
#[pyfunction(name = "nanmedian")]
#[pyo3(signature = (a, axis=None, out=None, overwrite_input=None, keepdims=None))]
pub fn nanmedian_fn(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    axis: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
    overwrite_input: Option<&Bound<'_, PyAny>>,
    keepdims: Option<bool>,
) -> PyResult<Py<PyAny>> {
    let _ = overwrite_input;
    median_impl(py, a, axis, out, keepdims.unwrap_or(false), true)
}

macro_rules! quantile_fns {
    ($($fname:ident => $name:literal, $percent:expr, $skip:expr;)*) => {$(
        #[doc = concat!("`", $name, "(a, q, axis=None, out=None, overwrite_input=False, method='linear', keepdims=False, *, weights=None)`.")]
        #[pyfunction(name = $name)]
        #[pyo3(signature = (a, q, axis=None, out=None, overwrite_input=None, method=None, keepdims=None, *, weights=None))]
        #[allow(clippy::too_many_arguments)]
        pub fn $fname(
            py: Python<'_>,
            a: &Bound<'_, PyAny>,
            q: &Bound<'_, PyAny>,
            axis: Option<&Bound<'_, PyAny>>,
            out: Option<&Bound<'_, PyAny>>,
            overwrite_input: Option<&Bound<'_, PyAny>>,
            method: Option<&Bound<'_, PyAny>>,
            keepdims: Option<bool>,
            weights: Option<&Bound<'_, PyAny>>,
        ) -> PyResult<Py<PyAny>> {
            let _ = overwrite_input;
            let linear = PyString::new(py, "linear").into_any();
            let method = method.unwrap_or(&linear);
            quantile_impl(py, a, q, axis, out, method, keepdims.unwrap_or(false), weights, $percent, $skip)
        }
    )*};
}

quantile_fns! {
    quantile_fn => "quantile", false, false;
    percentile_fn => "percentile", true, false;
    nanquantile_fn => "nanquantile", false, true;
    nanpercentile_fn => "nanpercentile", true, true;
}

/// Adds this module's functions to the extension module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(median_fn, m)?)?;
    m.add_function(wrap_pyfunction!(nanmedian_fn, m)?)?;
    m.add_function(wrap_pyfunction!(quantile_fn, m)?)?;
    m.add_function(wrap_pyfunction!(percentile_fn, m)?)?;
    m.add_function(wrap_pyfunction!(nanquantile_fn, m)?)?;
    m.add_function(wrap_pyfunction!(nanpercentile_fn, m)?)?;
    Ok(())
}
