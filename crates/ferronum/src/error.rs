//! One error type for the engine, one variant per exception class NumPy raises. The bindings map
//! each variant to its Python class; the engine never panics on user input.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// `ValueError`: bad shapes, broadcasting, ragged input, einsum subscripts.
    Value(String),
    /// `TypeError`: unsupported dtypes or dtype combinations.
    Type(String),
    /// `IndexError`: out-of-range or malformed indices.
    Index(String),
    /// `numpy.exceptions.AxisError`: an axis outside `[-ndim, ndim)`.
    Axis { axis: isize, ndim: usize },
    /// `AxisError` whose message NumPy prefixes with the argument's name (`moveaxis`'s
    /// "source: axis 2 is out of bounds ...").
    AxisNamed {
        axis: isize,
        ndim: usize,
        prefix: &'static str,
    },
    /// `AxisError` with a message of its own (`rollaxis`'s "'start' arg requires ...").
    AxisMessage(String),
    /// `OverflowError`: a Python integer that does not fit the dtype.
    Overflow(String),
    /// `MemoryError`: an allocation that cannot be made.
    Memory(String),
    /// `ZeroDivisionError`, `ValueError`-like arithmetic faults NumPy raises eagerly.
    Arithmetic(String),
    /// `numpy.linalg.LinAlgError`: singular or non-positive-definite matrices, non-square input
    /// to square-only functions, a decomposition that does not converge.
    LinAlg(String),
    /// `RuntimeError`: a request NumPy rejects only once it is under way (an einsum path that
    /// leaves operands uncontracted).
    Runtime(String),
    /// `OSError` (and the subclass its errno selects, such as `FileNotFoundError`): a file
    /// that cannot be opened, read or written.
    Os {
        errno: Option<i32>,
        msg: String,
        path: Option<String>,
    },
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn value(msg: impl Into<String>) -> Error {
        Error::Value(msg.into())
    }
    pub fn type_(msg: impl Into<String>) -> Error {
        Error::Type(msg.into())
    }
    pub fn index(msg: impl Into<String>) -> Error {
        Error::Index(msg.into())
    }
    pub fn linalg(msg: impl Into<String>) -> Error {
        Error::LinAlg(msg.into())
    }
    /// An `Axis` error named after the argument it came from; other errors pass unchanged.
    pub fn with_axis_prefix(self, prefix: &'static str) -> Error {
        match self {
            Error::Axis { axis, ndim } => Error::AxisNamed { axis, ndim, prefix },
            e => e,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Value(m)
            | Error::Type(m)
            | Error::Index(m)
            | Error::Overflow(m)
            | Error::Memory(m)
            | Error::Arithmetic(m)
            | Error::LinAlg(m)
            | Error::Runtime(m)
            | Error::AxisMessage(m) => f.write_str(m),
            Error::Os { msg, .. } => f.write_str(msg),
            Error::Axis { axis, ndim } => write!(
                f,
                "axis {axis} is out of bounds for array of dimension {ndim}"
            ),
            Error::AxisNamed { axis, ndim, prefix } => write!(
                f,
                "{prefix}: axis {axis} is out of bounds for array of dimension {ndim}"
            ),
        }
    }
}

impl std::error::Error for Error {}
