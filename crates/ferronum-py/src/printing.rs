//! Printing under NumPy's print options: `repr`/`str` of arrays read NumPy's own option state
//! (`numpy.set_printoptions` and `numpy.printoptions` govern both libraries, as `errstate`
//! does), and the engine's formatter (`ferronum::format`) writes the text.

use crate::common::PyNdArray;
use crate::convert::to_array;
use crate::dtypes;
use ferronum::format::{
    self, Dragon4Options, FloatMode, Formatter, PrintOptions, Sign, Trim, LEGACY_OFF,
};
use ferronum::{Array, DType, Kind};
use numpy::PyArrayDescr;
use pyo3::exceptions::{PyAttributeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyString};
use std::sync::{Arc, Mutex};

/// Print options for one array, with the slot where an exception raised by a `formatter=`
/// callable waits until the engine has finished writing.
struct Resolved {
    opts: PrintOptions,
    error: Arc<Mutex<Option<PyErr>>>,
}

impl Resolved {
    /// The engine's text, or the formatter's exception.
    fn finish(self, text: String) -> PyResult<String> {
        match self.error.lock().map(|mut e| e.take()) {
            Ok(Some(e)) => Err(e),
            _ => Ok(text),
        }
    }
}

/// NumPy's `legacy` option (`False`, `'1.13'`, ..., or the number NumPy keeps internally).
fn legacy_mode(v: &Bound<'_, PyAny>) -> PyResult<u32> {
    if let Ok(s) = v.cast::<PyString>() {
        return match s.to_str()? {
            "1.13" => Ok(113),
            "1.21" => Ok(121),
            "1.25" => Ok(125),
            "2.1" => Ok(201),
            "2.2" => Ok(202),
            _ => Err(PyValueError::new_err(
                "legacy printing option can currently only be '1.13', '1.21', '1.25', '2.1', '2.2' or `False`",
            )),
        };
    }
    if !v.is_truthy()? {
        return Ok(LEGACY_OFF);
    }
    Ok(v.extract::<u64>()
        .map_or(LEGACY_OFF, |n| u32::try_from(n).unwrap_or(LEGACY_OFF)))
}

/// The `formatter=` callable NumPy would use for `dtype`: the type's own key, else its kind's
/// (`int_kind`, `float_kind`, `complex_kind`), else `all`.
fn formatter_for<'py>(
    fmts: &Bound<'py, PyAny>,
    dtype: DType,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let d = fmts.cast::<PyDict>()?;
    let (own, kind) = match dtype.kind() {
        Kind::Bool => ("bool", None),
        Kind::Int | Kind::Uint => ("int", Some("int_kind")),
        Kind::Float => ("float", Some("float_kind")),
        Kind::Complex => ("complexfloat", Some("complex_kind")),
    };
    for key in [Some(own), kind, Some("all")].into_iter().flatten() {
        if let Some(f) = d.get_item(key)?.filter(|f| !f.is_none()) {
            return Ok(Some(f));
        }
    }
    Ok(None)
}

/// The engine's options for printing an array of `dtype`, from a dict shaped as
/// `numpy.get_printoptions()` returns it.
fn from_dict(d: &Bound<'_, PyDict>, dtype: DType) -> PyResult<Resolved> {
    let error = Arc::new(Mutex::new(None));
    let mut o = PrintOptions::default();
    let item = |k: &str| -> PyResult<Option<Bound<'_, PyAny>>> {
        Ok(d.get_item(k)?.filter(|v| !v.is_none()))
    };
    if let Some(v) = item("precision")? {
        o.precision = v.extract()?;
    }
    if let Some(v) = item("threshold")? {
        // `sys.maxsize` (NumPy's "never summarise") and larger all mean no summary.
        o.threshold = v.extract::<f64>().map(|t| t.max(0.0) as usize)?;
    }
    if let Some(v) = item("edgeitems")? {
        o.edgeitems = v.extract()?;
    }
    if let Some(v) = item("linewidth")? {
        o.linewidth = v.extract()?;
    }
    if let Some(v) = item("suppress")? {
        o.suppress = v.is_truthy()?;
    }
    if let Some(v) = item("nanstr")? {
        o.nanstr = v.extract()?;
    }
    if let Some(v) = item("infstr")? {
        o.infstr = v.extract()?;
    }
    if let Some(v) = item("sign")? {
        o.sign = match v.extract::<String>()?.as_str() {
            "-" => Sign::Minus,
            "+" => Sign::Plus,
            " " => Sign::Space,
            _ => {
                return Err(PyValueError::new_err(
                    "sign option must be one of ' ', '+', or '-'",
                ))
            }
        };
    }
    if let Some(v) = item("legacy")? {
        o.legacy = legacy_mode(&v)?;
    }
    if let Some(fmts) = item("formatter")? {
        if let Some(f) = formatter_for(&fmts, dtype)? {
            let f = f.unbind();
            let slot = Arc::clone(&error);
            o.formatter = Some(Formatter(Arc::new(move |w| {
                Python::attach(|py| {
                    let text = dtypes::scalar(py, w, dtype)
                        .and_then(|x| f.bind(py).call1((x,)))
                        .and_then(|t| {
                            // NumPy's layout splits each text into lines, so a
                            // non-string fails there.
                            t.extract::<String>().map_err(|_| {
                                let name = t
                                    .get_type()
                                    .name()
                                    .map_or_else(|_| "object".to_string(), |n| n.to_string());
                                PyAttributeError::new_err(format!(
                                    "'{name}' object has no attribute 'splitlines'"
                                ))
                            })
                        });
                    text.unwrap_or_else(|e| {
                        if let Ok(mut s) = slot.lock() {
                            s.get_or_insert(e);
                        }
                        String::new()
                    })
                })
            })));
        }
    }
    if let Some(v) = item("floatmode")? {
        o.floatmode = match v.extract::<String>()?.as_str() {
            "fixed" => FloatMode::Fixed,
            "unique" => FloatMode::Unique,
            "maxprec" => FloatMode::MaxPrec,
            "maxprec_equal" => FloatMode::MaxPrecEqual,
            _ => {
                return Err(PyValueError::new_err(
                    "floatmode option must be one of \"fixed\", \"unique\", \"maxprec\", \"maxprec_equal\"",
                ))
            }
        };
    }
    Ok(Resolved { opts: o, error })
}

/// NumPy's print options in force now (its context variable, so `with numpy.printoptions`
/// and threads see their own), for printing an array of `dtype`.
fn current(py: Python<'_>, dtype: DType) -> PyResult<Resolved> {
    static GET: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let get = GET.get_or_try_init(py, || {
        Ok::<_, PyErr>(py.import("numpy")?.getattr("get_printoptions")?.unbind())
    })?;
    let d = get.bind(py).call0()?;
    from_dict(d.cast::<PyDict>()?, dtype)
}

fn options(py: Python<'_>, opts: Option<&Bound<'_, PyDict>>, a: &Array) -> PyResult<Resolved> {
    match opts {
        Some(d) => from_dict(d, a.dtype()),
        None => current(py, a.dtype()),
    }
}

/// `array_repr`/`repr` text of `a` under `opts` (the current options when None).
#[pyfunction]
#[pyo3(signature = (a, opts=None))]
fn _array_repr(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    opts: Option<&Bound<'_, PyDict>>,
) -> PyResult<String> {
    let arr = to_array(a)?;
    let r = options(py, opts, &arr)?;
    let text = match a.cast::<PyNdArray>() {
        Ok(x) if !x.is_exact_instance_of::<PyNdArray>() => {
            format::repr_named(&arr, &r.opts, &x.get_type().name()?.to_string())
        }
        _ => format::repr_with(&arr, &r.opts),
    };
    r.finish(text)
}

/// `array_str`/`str` text of `a` under `opts`.
#[pyfunction]
#[pyo3(signature = (a, opts=None))]
fn _array_str(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    opts: Option<&Bound<'_, PyDict>>,
) -> PyResult<String> {
    let a = to_array(a)?;
    let r = options(py, opts, &a)?;
    let text = format::str_with(&a, &r.opts);
    r.finish(text)
}

/// `array2string(a, ...)` under `opts` with the given separator, prefix and suffix.
#[pyfunction]
fn _array2string(
    a: &Bound<'_, PyAny>,
    opts: &Bound<'_, PyDict>,
    separator: &str,
    prefix: &str,
    suffix: &str,
) -> PyResult<String> {
    let a = to_array(a)?;
    let r = from_dict(opts, a.dtype())?;
    let text = format::array2string(&a, &r.opts, separator, prefix, suffix);
    r.finish(text)
}

/// `format_float_positional` / `format_float_scientific` of `x` (a NumPy floating scalar
/// keeps its type; anything else is a float64), the arguments checked by the Python caller.
#[pyfunction]
#[pyo3(signature = (x, scientific, precision, unique, fractional, trim, sign, pad_left, pad_right, exp_digits, min_digits))]
#[allow(clippy::too_many_arguments)]
fn _format_float(
    x: &Bound<'_, PyAny>,
    scientific: bool,
    precision: Option<usize>,
    unique: bool,
    fractional: bool,
    trim: &str,
    sign: bool,
    pad_left: Option<usize>,
    pad_right: Option<usize>,
    exp_digits: Option<usize>,
    min_digits: Option<usize>,
) -> PyResult<String> {
    let dt = match x.getattr("dtype") {
        Ok(d) => match d.cast::<PyArrayDescr>() {
            Ok(descr) => match dtypes::from_descr(descr) {
                Ok(t) if t.is_float() => t,
                _ => DType::F64,
            },
            Err(_) => DType::F64,
        },
        Err(_) => DType::F64,
    };
    let v: f64 = x.extract()?;
    let trim = match trim {
        "k" => Trim::Keep,
        "." => Trim::Zeros,
        "0" => Trim::LeaveOneZero,
        "-" => Trim::DptZeros,
        _ => {
            return Err(PyTypeError::new_err(
                "trim must be one of 'k', '.', '0' or '-'",
            ))
        }
    };
    let o = Dragon4Options {
        precision,
        min_digits,
        unique,
        trim,
        sign,
        pad_left,
        pad_right,
        exp_digits,
        fractional,
    };
    Ok(if scientific {
        format::format_float_scientific(v, dt, &o)
    } else {
        format::format_float_positional(v, dt, &o)
    })
}

/// `repr(x)` of an ndarray under the current options; a subclass prints its class name in
/// place of `array`, as NumPy's do.
pub fn repr(slf: &Bound<'_, PyNdArray>) -> PyResult<String> {
    let a = slf.borrow();
    let r = current(slf.py(), a.inner().dtype())?;
    let text = if slf.is_exact_instance_of::<PyNdArray>() {
        format::repr_with(a.inner(), &r.opts)
    } else {
        let name = slf.get_type().name()?.to_string();
        format::repr_named(a.inner(), &r.opts, &name)
    };
    r.finish(text)
}

/// `str(x)` of an ndarray under the current options.
pub fn str(py: Python<'_>, a: &PyNdArray) -> PyResult<String> {
    let r = current(py, a.inner().dtype())?;
    let text = format::str_with(a.inner(), &r.opts);
    r.finish(text)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_array_repr, m)?)?;
    m.add_function(wrap_pyfunction!(_array_str, m)?)?;
    m.add_function(wrap_pyfunction!(_array2string, m)?)?;
    m.add_function(wrap_pyfunction!(_format_float, m)?)?;
    Ok(())
}
