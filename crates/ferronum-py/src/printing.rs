//! Printing under NumPy's print options: `repr`/`str` of arrays read NumPy's own option state
//! (`numpy.set_printoptions` and `numpy.printoptions` govern both libraries, as `errstate`
//! does), and the engine's formatter (`ferronum::format`) writes the text.

use crate::common::PyNdArray;
use crate::convert::to_array;
use crate::dtypes;
use ferronum::format::{self, Dragon4Options, FloatMode, PrintOptions, Sign, Trim};
use ferronum::DType;
use numpy::PyArrayDescr;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyDict;

/// The engine's options from a dict shaped as `numpy.get_printoptions()` returns it.
fn from_dict(d: &Bound<'_, PyDict>) -> PyResult<PrintOptions> {
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
    Ok(o)
}

/// NumPy's print options in force now (its context variable, so `with numpy.printoptions`
/// and threads see their own).
pub fn current(py: Python<'_>) -> PyResult<PrintOptions> {
    static GET: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let get = GET.get_or_try_init(py, || {
        Ok::<_, PyErr>(py.import("numpy")?.getattr("get_printoptions")?.unbind())
    })?;
    let d = get.bind(py).call0()?;
    from_dict(d.cast::<PyDict>()?)
}

fn options(py: Python<'_>, opts: Option<&Bound<'_, PyDict>>) -> PyResult<PrintOptions> {
    match opts {
        Some(d) => from_dict(d),
        None => current(py),
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
    let o = options(py, opts)?;
    Ok(format::repr_with(&to_array(a)?, &o))
}

/// `array_str`/`str` text of `a` under `opts`.
#[pyfunction]
#[pyo3(signature = (a, opts=None))]
fn _array_str(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    opts: Option<&Bound<'_, PyDict>>,
) -> PyResult<String> {
    let o = options(py, opts)?;
    Ok(format::str_with(&to_array(a)?, &o))
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
    let o = from_dict(opts)?;
    Ok(format::array2string(
        &to_array(a)?,
        &o,
        separator,
        prefix,
        suffix,
    ))
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

/// `repr(x)` of an ndarray under the current options.
pub fn repr(py: Python<'_>, a: &PyNdArray) -> PyResult<String> {
    Ok(format::repr_with(a.inner(), &current(py)?))
}

/// `str(x)` of an ndarray under the current options.
pub fn str(py: Python<'_>, a: &PyNdArray) -> PyResult<String> {
    Ok(format::str_with(a.inner(), &current(py)?))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_array_repr, m)?)?;
    m.add_function(wrap_pyfunction!(_array_str, m)?)?;
    m.add_function(wrap_pyfunction!(_array2string, m)?)?;
    m.add_function(wrap_pyfunction!(_format_float, m)?)?;
    Ok(())
}
