//! Engine errors to Python exceptions, and the guard that turns any escaping panic into one.

use ferronum::Error;
use pyo3::exceptions::{
    PyFloatingPointError, PyIndexError, PyMemoryError, PyOSError, PyOverflowError, PyRuntimeError,
    PyRuntimeWarning, PyTypeError, PyValueError, PyZeroDivisionError,
};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use std::panic::{catch_unwind, AssertUnwindSafe};

fn linalg_error_type(py: Python<'_>) -> PyResult<&Py<PyAny>> {
    static LINALG_ERROR: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    LINALG_ERROR.get_or_try_init(py, || {
        Ok(py.import("numpy.linalg")?.getattr("LinAlgError")?.unbind())
    })
}

fn axis_error_type(py: Python<'_>) -> PyResult<&Py<PyAny>> {
    static AXIS_ERROR: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    AXIS_ERROR.get_or_try_init(py, || {
        Ok(py
            .import("numpy.exceptions")?
            .getattr("AxisError")?
            .unbind())
    })
}

pub fn to_pyerr(py: Python<'_>, e: Error) -> PyErr {
    match e {
        Error::Value(m) => PyValueError::new_err(m),
        Error::Type(m) => PyTypeError::new_err(m),
        Error::Index(m) => PyIndexError::new_err(m),
        Error::Overflow(m) => PyOverflowError::new_err(m),
        Error::Memory(m) => PyMemoryError::new_err(m),
        Error::Arithmetic(m) => PyZeroDivisionError::new_err(m),
        Error::Runtime(m) => PyRuntimeError::new_err(m),
        Error::Os { errno, msg, path } => {
            // Python's strerror text, without Rust's " (os error N)" suffix.
            let text = match msg.rfind(" (os error ") {
                Some(i) => msg[..i].to_string(),
                None => msg,
            };
            match (errno, path) {
                // `OSError(errno, strerror, filename)` picks the subclass for the errno.
                (Some(n), Some(p)) => PyOSError::new_err((n, text, p)),
                (Some(n), None) => PyOSError::new_err((n, text)),
                _ => PyOSError::new_err(text),
            }
        }
        Error::LinAlg(m) => match linalg_error_type(py).and_then(|t| t.bind(py).call1((m,))) {
            Ok(exc) => PyErr::from_value(exc),
            Err(err) => err,
        },
        Error::Axis { axis, ndim } => {
            match axis_error_type(py).and_then(|t| t.bind(py).call1((axis, ndim))) {
                Ok(exc) => PyErr::from_value(exc),
                Err(err) => err,
            }
        }
        Error::AxisMessage(m) => match axis_error_type(py).and_then(|t| t.bind(py).call1((m,))) {
            Ok(exc) => PyErr::from_value(exc),
            Err(err) => err,
        },
        Error::AxisNamed { axis, ndim, prefix } => {
            match axis_error_type(py).and_then(|t| t.bind(py).call1((axis, ndim, prefix))) {
                Ok(exc) => PyErr::from_value(exc),
                Err(err) => err,
            }
        }
    }
}

/// Converts an engine result into a Python one.
pub trait IntoPyResult<T> {
    fn py(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for Result<T, Error> {
    #[inline]
    fn py(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_pyerr(py, e))
    }
}

/// Issues the `RuntimeWarning`s the engine recorded during the call just made (an error when a
/// warnings filter turns one into an exception).
pub(crate) fn raise_warnings(py: Python<'_>) -> PyResult<()> {
    let pending = ferronum::warn::take();
    if pending.is_empty() {
        return Ok(());
    }
    let runtime = py.get_type::<PyRuntimeWarning>().into_any();
    for message in pending {
        let category = if message == ferronum::warn::COMPLEX_TO_REAL {
            // NumPy's own class, so that filters on it apply.
            py.import("numpy.exceptions")?.getattr("ComplexWarning")?
        } else {
            runtime.clone()
        };
        let msg = std::ffi::CString::new(message).expect("warning messages have no NUL");
        PyErr::warn(py, &category, &msg, 1)?;
    }
    Ok(())
}

/// NumPy's error handling as it stands (`numpy.geterr()`): a mode ("ignore", "warn", "raise",
/// "call", "print", "log") for each kind of flag.
pub(crate) struct ErrState<'py>(Bound<'py, PyAny>);

impl<'py> ErrState<'py> {
    pub(crate) fn current(py: Python<'py>) -> PyResult<Self> {
        Ok(Self(py.import("numpy")?.call_method0("geterr")?))
    }

    /// The mode for `key`: "divide", "over", "under" or "invalid".
    pub(crate) fn mode(&self, key: &str) -> PyResult<String> {
        self.0.get_item(key)?.extract()
    }
}

/// Acts on the floating-point errors the engine recorded during the call just made, as NumPy's
/// `errstate` says: nothing, a RuntimeWarning, a FloatingPointError, a call to the `seterrcall`
/// function, or a message printed or logged. The state is NumPy's own (`ferronum.errstate` is
/// `numpy.errstate`), read only when a flag was raised.
pub(crate) fn raise_fp_errors(py: Python<'_>) -> PyResult<()> {
    let pending = ferronum::warn::take_fp();
    if pending.is_empty() {
        return Ok(());
    }
    let np = py.import("numpy")?;
    let state = ErrState::current(py)?;
    const KINDS: [(u8, &str, &str); 4] = [
        (
            ferronum::kernels::fpstatus::DIVIDE,
            "divide",
            "divide by zero",
        ),
        (ferronum::kernels::fpstatus::OVERFLOW, "over", "overflow"),
        (ferronum::kernels::fpstatus::UNDERFLOW, "under", "underflow"),
        (
            ferronum::kernels::fpstatus::INVALID,
            "invalid",
            "invalid value",
        ),
    ];
    for (flags, op) in pending {
        for (bit, key, what) in KINDS {
            if flags & bit == 0 {
                continue;
            }
            let mode = state.mode(key)?;
            let msg = format!("{what} encountered in {op}");
            match mode.as_str() {
                "warn" => {
                    let c = std::ffi::CString::new(msg).expect("no NUL");
                    PyErr::warn(py, &py.get_type::<PyRuntimeWarning>(), &c, 1)?;
                }
                "raise" => return Err(PyFloatingPointError::new_err(msg)),
                "call" => {
                    let f = np.call_method0("geterrcall")?;
                    if !f.is_none() {
                        f.call1((what, bit as i64))?;
                    }
                }
                "print" => {
                    py.import("builtins")?
                        .call_method1("print", (format!("Warning: {msg}"),))?;
                }
                "log" => {
                    let f = np.call_method0("geterrcall")?;
                    if !f.is_none() {
                        f.call_method1("write", (format!("Warning: {msg}\n"),))?;
                    }
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// Runs engine work, turning a panic (a bug: the engine returns errors for bad input) into a
/// RuntimeError instead of letting it abort the interpreter or surface as PanicException.
#[inline]
pub fn guard<T>(py: Python<'_>, f: impl FnOnce() -> Result<T, Error>) -> PyResult<T> {
    settle(py, catch_unwind(AssertUnwindSafe(f)))
}

/// Like `guard`, but releases the GIL while `f` runs when the work is large enough to be worth
/// it; small calls keep the GIL and skip the hand-off.
#[inline]
pub fn guard_nogil<T: Send>(
    py: Python<'_>,
    work: usize,
    f: impl FnOnce() -> Result<T, Error> + Send,
) -> PyResult<T> {
    if work >= ferronum::parallel::GRAIN {
        settle(py, py.detach(|| catch_unwind(AssertUnwindSafe(f))))
    } else {
        guard(py, f)
    }
}

/// The Python outcome of a guarded call: its value, its error, or a RuntimeError for a panic,
/// with the warnings it recorded raised first.
fn settle<T>(py: Python<'_>, r: std::thread::Result<Result<T, Error>>) -> PyResult<T> {
    let warned = raise_warnings(py);
    let fp = raise_fp_errors(py);
    match r {
        Ok(r) => {
            let v = r.py(py)?;
            warned?;
            fp?;
            Ok(v)
        }
        Err(payload) => Err(panic_error(payload)),
    }
}

/// The RuntimeError a caught panic becomes, carrying the panic's message.
pub fn panic_error(payload: Box<dyn std::any::Any + Send>) -> PyErr {
    let msg = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    PyRuntimeError::new_err(format!("internal error in ferronum (please report): {msg}"))
}

/// NumPy's TypeError for a non-integer where an integer (an axis, a dimension) is expected.
pub fn not_an_integer(o: &Bound<'_, PyAny>) -> PyErr {
    PyTypeError::new_err(format!(
        "'{}' object cannot be interpreted as an integer",
        o.get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_default()
    ))
}
