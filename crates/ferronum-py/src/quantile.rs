//! Order statistics: `median`, `percentile`, `quantile` and their `nan*` forms, with NumPy 2.x's
//! signatures. The engine (`ferronum::ops::quantile`) does the work and NumPy's checks in
//! NumPy's order; this module converts arguments and puts results into `out=` the way each of
//! NumPy's code paths does (ufunc `out` for interpolated quantiles, `take`'s for the others,
//! item assignment for the `nan*` forms).

use crate::convert::to_array;
use crate::errors::{guard, guard_nogil, IntoPyResult};
use crate::ndarray::{wrap, wrap_or_scalar, PyNdArray};
use ferronum::layout::{normalize_axes, shape_str};
use ferronum::ops::quantile::{self as qt, QuantileMethod, QuantileOptions};
use ferronum::{Array, DType, Error, IndexItem, Wide};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyFloat, PyInt, PyList, PyString, PyTuple};

/// An `axis=` argument as `normalize_axis_tuple` takes it: None, an int, or a tuple or list
/// of ints.
fn axes_of(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Vec<isize>>> {
    let Some(o) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    if o.is_instance_of::<PyTuple>() || o.is_instance_of::<PyList>() {
        return o
            .try_iter()?
            .map(|i| {
                let i = i?;
                i.extract::<isize>()
                    .map_err(|_| crate::errors::not_an_integer(&i))
            })
            .collect::<PyResult<Vec<_>>>()
            .map(Some);
    }
    o.extract::<isize>()
        .map(|a| Some(vec![a]))
        .map_err(|_| crate::errors::not_an_integer(o))
}

/// The `out=` array, with its Python object to return.
fn out_of(out: Option<&Bound<'_, PyAny>>) -> PyResult<Option<(Array, Py<PyAny>)>> {
    let Some(o) = out.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    match o.cast::<PyNdArray>() {
        Ok(a) => Ok(Some((a.get().inner().clone(), o.clone().unbind()))),
        Err(_) => Err(PyTypeError::new_err("return arrays must be of ArrayType")),
    }
}

/// How one of NumPy's code paths writes its result into `out=`.
#[derive(Clone, Copy, PartialEq)]
enum Sink {
    /// `mean(out=)`: the exact shape; casting unsafe, except that the NaN of a lane holding
    /// NaN is copied in with `same_kind`.
    Mean,
    /// ufunc `out=` (interpolated quantiles): broadcasting, `same_kind` casting.
    Ufunc,
    /// `take(out=)` (quantiles taken from the data): the exact shape, and an `out` dtype that
    /// casts safely to the result's; NaN lanes as for `Mean`.
    Take,
    /// Weighted quantiles fill a result of the exact shape.
    Weighted,
    /// `out[...] = result` (the `nan*` forms): broadcasting, unsafe casting.
    Item,
}

fn has_nan(r: &Array) -> bool {
    r.dtype().is_inexact()
        && r.to_wide_vec().into_iter().any(|w| match w {
            Wide::F(x) => x.is_nan(),
            Wide::C(re, im) => re.is_nan() || im.is_nan(),
            _ => false,
        })
}

fn dtype_repr(d: DType) -> String {
    format!("dtype('{}')", d.name())
}

/// Writes `r` into `out` as `how` does (for `keepdims`, into the view `_ureduce` hands the
/// function: index 0 on each reduced axis of `a`), or returns it.
#[allow(clippy::too_many_arguments)]
fn deliver(
    py: Python<'_>,
    r: Array,
    out: Option<(Array, Py<PyAny>)>,
    how: Sink,
    keep_view: Option<&[bool]>,
    keepdims: bool,
    weighted: bool,
) -> PyResult<Py<PyAny>> {
    let Some((o, obj)) = out else {
        // `_ureduce` returns `r[...]` with keepdims (an array even when 0-d), and weighted
        // quantiles fill a 0-d array, which NumPy returns as is (unless a NaN lane made the
        // result that NaN scalar).
        if r.ndim() == 0 && (keepdims || (weighted && !has_nan(&r))) {
            return wrap(py, r);
        }
        return wrap_or_scalar(py, r);
    };
    let target = match keep_view {
        Some(red) => {
            let mut items = vec![IndexItem::Ellipsis];
            items.extend(red.iter().map(|&r| {
                if r {
                    IndexItem::Int(0)
                } else {
                    IndexItem::Slice {
                        start: None,
                        stop: None,
                        step: None,
                    }
                }
            }));
            o.index(&items).py(py)?
        }
        None => o,
    };
    guard(py, || {
        let exact = match how {
            Sink::Mean => Some(format!(
                "operands could not be broadcast together with remapped shapes [original->remapped]: {}  {}",
                shape_str(target.shape()),
                shape_str(r.shape())
            )),
            Sink::Take => Some("output array does not match result of ndarray.take".to_string()),
            Sink::Weighted => Some(format!(
                "Wrong shape of argument 'out', shape={} is required; got shape={}.",
                shape_str(r.shape()),
                shape_str(target.shape())
            )),
            Sink::Ufunc | Sink::Item => None,
        };
        if let Some(msg) = exact {
            if target.shape() != r.shape() {
                return Err(Error::value(msg));
            }
        }
        // take() works in a copy of `out` of the input's dtype, made with safe casting.
        if how == Sink::Take && !target.dtype().can_cast_safe(r.dtype()) {
            return Err(Error::type_(format!(
                "Cannot cast array data from {} to {} according to the rule 'safe'",
                dtype_repr(target.dtype()),
                dtype_repr(r.dtype())
            )));
        }
        let same_kind = r.dtype().can_cast_same_kind(target.dtype());
        if how == Sink::Ufunc && !same_kind {
            return Err(Error::type_(format!(
                "Cannot cast ufunc 'add' output from {} to {} with casting rule 'same_kind'",
                dtype_repr(r.dtype()),
                dtype_repr(target.dtype())
            )));
        }
        // The NaN of a lane holding NaN is copied in afterwards with `copyto`'s same_kind.
        if matches!(how, Sink::Mean | Sink::Take | Sink::Weighted) && !same_kind && has_nan(&r) {
            return Err(Error::type_(format!(
                "Cannot cast array data from {} to {} according to the rule 'same_kind'",
                dtype_repr(r.dtype()),
                dtype_repr(target.dtype())
            )));
        }
        target.assign(&r)
    })?;
    Ok(obj)
}

/// The reduced axes of an `ndim`-d array (already validated by the engine call).
fn reduced(ndim: usize, axes: Option<&[isize]>) -> Vec<bool> {
    let mut red = vec![axes.is_none(); ndim];
    if let Some(ax) = axes {
        if let Ok(ax) = normalize_axes(ax, ndim) {
            for a in ax {
                red[a] = true;
            }
        }
    }
    red
}

fn median_impl(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    axis: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
    keepdims: bool,
    skip_nan: bool,
) -> PyResult<Py<PyAny>> {
    let x = to_array(a)?;
    let ax = axes_of(axis)?;
    let o = out_of(out)?;
    // `_ureduce` hands the function a view of `out`; nanmedian of an empty array is nanmean,
    // which takes `out` whole.
    let empty_nan = skip_nan && x.size() == 0;
    let view = keepdims && o.is_some() && !empty_nan;
    let r = guard_nogil(py, x.size(), || {
        qt::median(&x, ax.as_deref(), keepdims && !view, skip_nan)
    })?;
    let red = reduced(x.ndim(), ax.as_deref());
    let how = if skip_nan { Sink::Item } else { Sink::Mean };
    deliver(py, r, o, how, view.then_some(&red[..]), keepdims, false)
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
    let ax = axes_of(axis)?;
    let o = out_of(out)?;
    let name: String = match method.cast::<PyString>() {
        Ok(s) => s.to_str()?.to_string(),
        Err(_) => method.repr()?.to_string(),
    };
    let w = match weights.filter(|w| !w.is_none()) {
        Some(w) => Some(to_array(w)?),
        None => None,
    };
    let empty_nan = skip_nan && x.size() == 0;
    let view = keepdims && o.is_some() && !empty_nan;
    let opts = QuantileOptions {
        keepdims: keepdims && !view,
        skip_nan,
        weak_q,
        percent,
        weights: w.as_ref(),
    };
    let work = x.size().max(1) * qa.size().max(1);
    let r = guard_nogil(py, work, || {
        qt::quantile_named(&x, &qa, ax.as_deref(), &name, &opts)
    })?;
    let red = reduced(x.ndim(), ax.as_deref());
    let how = if skip_nan {
        Sink::Item
    } else if w.is_some() {
        Sink::Weighted
    } else {
        let m = QuantileMethod::from_name(&name).py(py)?;
        if qt::interpolates(m, qa.dtype(), percent) {
            Sink::Ufunc
        } else {
            Sink::Take
        }
    };
    deliver(
        py,
        r,
        o,
        how,
        view.then_some(&red[..]),
        keepdims,
        w.is_some(),
    )
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
