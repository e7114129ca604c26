//! Module-level functions: creation, the element-wise functions, `sum`, `einsum`, `norm`,
//! thread control. Each parses its arguments, calls the engine, and wraps the result.

use crate::convert::{self, operand, to_array};
use crate::dtypes;
use crate::errors::{guard, guard_nogil, IntoPyResult};
use crate::ndarray::{scalar_for, wrap, wrap_or_scalar, PyNdArray};
use ferronum::ops::linalg::NormOrd;
use ferronum::ops::ufunc::{self, BinaryOp, UnaryOp};
use ferronum::ops::{creation, einsum as ein, linalg, reduce};
use ferronum::{Array, DType, Order, Wide};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};

/// A shape given as an int or a sequence of ints.
pub fn shape_of(obj: &Bound<'_, PyAny>) -> PyResult<Vec<usize>> {
    let dims: Vec<isize> = match obj.extract::<isize>() {
        Ok(n) => vec![n],
        Err(_) => obj
            .extract::<Vec<isize>>()
            .map_err(|_| PyTypeError::new_err(format!("'{}' object cannot be interpreted as an integer", obj.get_type().name().map(|n| n.to_string()).unwrap_or_default())))?,
    };
    if dims.iter().any(|&d| d < 0) {
        return Err(PyValueError::new_err("negative dimensions are not allowed"));
    }
    Ok(dims.into_iter().map(|d| d as usize).collect())
}

/// An `axis=` argument: None, an int, or a tuple of ints.
fn axes_of(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Vec<isize>>> {
    match obj {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => match o.extract::<isize>() {
            Ok(a) => Ok(Some(vec![a])),
            Err(_) => o
                .extract::<Vec<isize>>()
                .map(Some)
                .map_err(|_| PyTypeError::new_err(format!("'{}' object cannot be interpreted as an integer", o.get_type().name().map(|n| n.to_string()).unwrap_or_default()))),
        },
    }
}

fn order_of(order: &str) -> PyResult<Order> {
    match order {
        "C" | "c" => Ok(Order::C),
        "F" | "f" => Ok(Order::F),
        _ => Err(PyValueError::new_err(format!("order must be one of 'C' or 'F' (got '{order}')"))),
    }
}

fn out_array<'a>(out: Option<&'a Bound<'a, PyAny>>) -> PyResult<Option<Array>> {
    match out {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => match o.cast::<PyNdArray>() {
            Ok(a) => Ok(Some(a.get().inner.clone())),
            Err(_) => {
                // A tuple of one array, as ufuncs accept.
                if let Ok(t) = o.cast::<PyTuple>() {
                    if t.len() == 1 {
                        if let Ok(a) = t.get_item(0)?.cast::<PyNdArray>() {
                            return Ok(Some(a.get().inner.clone()));
                        }
                    }
                }
                Err(PyTypeError::new_err("return arrays must be of ArrayType"))
            }
        },
    }
}

// ---- creation -------------------------------------------------------------------------------

/// `array(object, dtype=None, *, copy=True, order='K', ndmin=0)`.
#[pyfunction]
#[pyo3(signature = (object, dtype=None, *, copy=true, order="K", subok=false, ndmin=0))]
pub fn array(py: Python<'_>, object: &Bound<'_, PyAny>, dtype: Option<&Bound<'_, PyAny>>, copy: Option<bool>, order: &str, subok: bool, ndmin: usize) -> PyResult<Py<PyAny>> {
    let _ = (order, subok);
    let a = make_array(py, object, dtype, copy == Some(true), copy == Some(false))?;
    let a = if a.ndim() < ndmin {
        let mut s: Vec<isize> = vec![1; ndmin - a.ndim()];
        s.extend(a.shape().iter().map(|&d| d as isize));
        a.reshape(&s).py(py)?
    } else {
        a
    };
    wrap(py, a)
}

/// `asarray(a, dtype=None, order=None, *, copy=None)`: shares memory unless a copy is needed.
#[pyfunction]
#[pyo3(signature = (a, dtype=None, order=None, *, copy=None))]
pub fn asarray(py: Python<'_>, a: &Bound<'_, PyAny>, dtype: Option<&Bound<'_, PyAny>>, order: Option<&str>, copy: Option<bool>) -> PyResult<Py<PyAny>> {
    let _ = order;
    if dtype.is_none() && copy.is_none() {
        if let Ok(x) = a.cast::<PyNdArray>() {
            return Ok(x.clone().into_any().unbind());
        }
    }
    wrap(py, make_array(py, a, dtype, copy == Some(true), copy == Some(false))?)
}

fn make_array(py: Python<'_>, object: &Bound<'_, PyAny>, dtype: Option<&Bound<'_, PyAny>>, force_copy: bool, never_copy: bool) -> PyResult<Array> {
    let dt = dtypes::parse(dtype)?;
    let shares = object.is_instance_of::<PyNdArray>() || object.cast::<numpy::PyUntypedArray>().is_ok();
    let a = to_array(object)?;
    let needs_cast = dt.is_some_and(|d| d != a.dtype());
    if never_copy && (needs_cast || !shares) {
        return Err(PyValueError::new_err("Unable to avoid copy while creating an array as requested."));
    }
    let a = match dt {
        Some(d) if d != a.dtype() => guard_nogil(py, a.size(), || a.astype(d))?,
        _ if force_copy && shares => guard_nogil(py, a.size(), || a.copy(Order::C))?,
        _ => a,
    };
    Ok(a)
}

fn filled(py: Python<'_>, shape: &Bound<'_, PyAny>, dtype: Option<&Bound<'_, PyAny>>, order: &str, value: Option<Wide>) -> PyResult<Py<PyAny>> {
    let dt = dtypes::parse(dtype)?.unwrap_or(DType::F64);
    let s = shape_of(shape)?;
    let o = order_of(order)?;
    let a = guard(py, || {
        let a = match value {
            None => Array::uninit_order(&s, dt, o)?,
            Some(Wide::I(0)) if o == Order::C => Array::zeros(&s, dt)?,
            Some(v) => {
                let a = Array::uninit_order(&s, dt, o)?;
                a.fill(v)?;
                a
            }
        };
        Ok(a)
    })?;
    wrap(py, a)
}

#[pyfunction]
#[pyo3(signature = (shape, dtype=None, order="C"))]
pub fn zeros(py: Python<'_>, shape: &Bound<'_, PyAny>, dtype: Option<&Bound<'_, PyAny>>, order: &str) -> PyResult<Py<PyAny>> {
    filled(py, shape, dtype, order, Some(Wide::I(0)))
}

#[pyfunction]
#[pyo3(signature = (shape, dtype=None, order="C"))]
pub fn ones(py: Python<'_>, shape: &Bound<'_, PyAny>, dtype: Option<&Bound<'_, PyAny>>, order: &str) -> PyResult<Py<PyAny>> {
    filled(py, shape, dtype, order, Some(Wide::I(1)))
}

#[pyfunction]
#[pyo3(signature = (shape, dtype=None, order="C"))]
pub fn empty(py: Python<'_>, shape: &Bound<'_, PyAny>, dtype: Option<&Bound<'_, PyAny>>, order: &str) -> PyResult<Py<PyAny>> {
    // Zero-filled: reading uninitialised memory would be undefined behaviour in Rust, and the
    // allocator hands back zeroed pages for large sizes at no extra cost.
    filled(py, shape, dtype, order, Some(Wide::I(0)))
}

/// The dtype `full` and `array` infer for a fill value.
fn value_dtype(py: Python<'_>, v: &Bound<'_, PyAny>) -> PyResult<DType> {
    match convert::python_scalar(v)? {
        Some(s) => Ok(s.default_dtype()),
        None => Ok(to_array(v).map(|a| a.dtype()).or_else(|_| Array::from_scalar(Wide::F(0.0), DType::F64).map(|a| a.dtype()).py(py))?),
    }
}

#[pyfunction]
#[pyo3(signature = (shape, fill_value, dtype=None, order="C"))]
pub fn full(py: Python<'_>, shape: &Bound<'_, PyAny>, fill_value: &Bound<'_, PyAny>, dtype: Option<&Bound<'_, PyAny>>, order: &str) -> PyResult<Py<PyAny>> {
    let dt = match dtypes::parse(dtype)? {
        Some(d) => d,
        None => value_dtype(py, fill_value)?,
    };
    let s = shape_of(shape)?;
    let o = order_of(order)?;
    if convert::python_scalar(fill_value)?.is_none() && !fill_value.is_instance_of::<PyNdArray>() {
        let arr = to_array(fill_value)?;
        if arr.size() != 1 {
            let out = guard(py, || Array::uninit_order(&s, dt, o))?;
            guard(py, || out.assign(&arr))?;
            return wrap(py, out);
        }
    }
    if let Ok(a) = fill_value.cast::<PyNdArray>() {
        if a.get().inner.size() != 1 {
            let src = a.get().inner.clone();
            let out = guard(py, || Array::uninit_order(&s, dt, o))?;
            guard(py, || out.assign(&src))?;
            return wrap(py, out);
        }
    }
    let v = scalar_for(py, fill_value, dt)?;
    let a = guard(py, || {
        let a = Array::uninit_order(&s, dt, o)?;
        a.fill(v)?;
        Ok(a)
    })?;
    wrap(py, a)
}

fn like_args(proto: &Bound<'_, PyAny>, dtype: Option<&Bound<'_, PyAny>>, shape: Option<&Bound<'_, PyAny>>) -> PyResult<(DType, Vec<usize>)> {
    let a = to_array(proto)?;
    let dt = dtypes::parse(dtype)?.unwrap_or(a.dtype());
    let s = match shape {
        Some(s) if !s.is_none() => shape_of(s)?,
        _ => a.shape().to_vec(),
    };
    Ok((dt, s))
}

macro_rules! like_fn {
    ($name:ident, $value:expr) => {
        #[pyfunction]
        #[pyo3(signature = (a, dtype=None, order="K", subok=true, shape=None))]
        pub fn $name(py: Python<'_>, a: &Bound<'_, PyAny>, dtype: Option<&Bound<'_, PyAny>>, order: &str, subok: bool, shape: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
            let _ = (order, subok);
            let (dt, s) = like_args(a, dtype, shape)?;
            let v: Wide = $value;
            let out = guard(py, || {
                let o = Array::uninit(&s, dt)?;
                o.fill(v)?;
                Ok(o)
            })?;
            wrap(py, out)
        }
    };
}

like_fn!(zeros_like, Wide::I(0));
like_fn!(ones_like, Wide::I(1));
like_fn!(empty_like, Wide::I(0));

#[pyfunction]
#[pyo3(signature = (a, fill_value, dtype=None, order="K", subok=true, shape=None))]
pub fn full_like(py: Python<'_>, a: &Bound<'_, PyAny>, fill_value: &Bound<'_, PyAny>, dtype: Option<&Bound<'_, PyAny>>, order: &str, subok: bool, shape: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
    let _ = (order, subok);
    let (dt, s) = like_args(a, dtype, shape)?;
    let v = scalar_for(py, fill_value, dt).or_else(|_| {
        let f = to_array(fill_value)?;
        f.item().py(py)
    })?;
    let out = guard(py, || {
        let o = Array::uninit(&s, dt)?;
        o.fill(v)?;
        Ok(o)
    })?;
    wrap(py, out)
}

fn number(obj: &Bound<'_, PyAny>) -> PyResult<Wide> {
    if let Some(s) = convert::python_scalar(obj)? {
        return Ok(s.to_wide());
    }
    let a = to_array(obj)?;
    if a.ndim() != 0 {
        return Err(PyTypeError::new_err("arange arguments must be scalars"));
    }
    a.item().py(obj.py())
}

/// `arange([start,] stop[, step], dtype=None)`.
#[pyfunction]
#[pyo3(signature = (start_or_stop, stop=None, step=None, dtype=None))]
pub fn arange(py: Python<'_>, start_or_stop: &Bound<'_, PyAny>, stop: Option<&Bound<'_, PyAny>>, step: Option<&Bound<'_, PyAny>>, dtype: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
    let stop = stop.filter(|s| !s.is_none());
    let step = step.filter(|s| !s.is_none());
    let (start, end) = match stop {
        Some(e) => (number(start_or_stop)?, number(e)?),
        None => (Wide::I(0), number(start_or_stop)?),
    };
    let st = match step {
        Some(s) => number(s)?,
        None => Wide::I(1),
    };
    let inferred = [start, end, st]
        .iter()
        .map(|w| match w {
            Wide::Bool(_) | Wide::I(_) => DType::I64,
            Wide::U(_) => DType::U64,
            Wide::F(_) => DType::F64,
            Wide::C(..) => DType::C128,
        })
        .reduce(ferronum::promote)
        .unwrap_or(DType::I64);
    if inferred == DType::C128 {
        return Err(PyTypeError::new_err("arange() does not support complex arguments"));
    }
    let dt = dtypes::parse(dtype)?.unwrap_or(inferred);
    let norm = |w: Wide| match w {
        Wide::Bool(b) => Wide::I(b as i64),
        Wide::U(u) if u <= i64::MAX as u64 => Wide::I(u as i64),
        w => w,
    };
    let (start, end, st) = (norm(start), norm(end), norm(st));
    let (start, end, st) = if matches!((start, end, st), (Wide::I(_), Wide::I(_), Wide::I(_))) {
        (start, end, st)
    } else {
        (Wide::F(start.to_f64()), Wide::F(end.to_f64()), Wide::F(st.to_f64()))
    };
    wrap(py, guard(py, || creation::arange(start, end, st, dt))?)
}

/// `linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0)` for scalar
/// endpoints.
#[pyfunction]
#[pyo3(signature = (start, stop, num=50, endpoint=true, retstep=false, dtype=None, axis=0))]
pub fn linspace(py: Python<'_>, start: &Bound<'_, PyAny>, stop: &Bound<'_, PyAny>, num: isize, endpoint: bool, retstep: bool, dtype: Option<&Bound<'_, PyAny>>, axis: isize) -> PyResult<Py<PyAny>> {
    if num < 0 {
        return Err(PyValueError::new_err(format!("Number of samples, {num}, must be non-negative.")));
    }
    if axis != 0 {
        return Err(PyValueError::new_err("ferronum.linspace supports only axis=0 for scalar endpoints"));
    }
    let (s, e) = (number(start)?.to_f64(), number(stop)?.to_f64());
    let dt = dtypes::parse(dtype)?.unwrap_or(DType::F64);
    let (a, step) = guard(py, || creation::linspace(s, e, num as usize, endpoint, dt))?;
    let arr = wrap(py, a)?;
    if retstep {
        let st = dtypes::scalar(py, Wide::F(step), DType::F64)?;
        return Ok(PyTuple::new(py, [arr.into_bound(py), st])?.into_any().unbind());
    }
    Ok(arr)
}

#[pyfunction]
#[pyo3(signature = (N, M=None, k=0, dtype=None, order="C"))]
#[allow(non_snake_case)]
pub fn eye(py: Python<'_>, N: usize, M: Option<usize>, k: isize, dtype: Option<&Bound<'_, PyAny>>, order: &str) -> PyResult<Py<PyAny>> {
    order_of(order)?;
    let dt = dtypes::parse(dtype)?.unwrap_or(DType::F64);
    wrap(py, guard(py, || creation::eye(N, M.unwrap_or(N), k, dt))?)
}

#[pyfunction]
#[pyo3(signature = (n, dtype=None))]
pub fn identity(py: Python<'_>, n: usize, dtype: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
    let dt = dtypes::parse(dtype)?.unwrap_or(DType::F64);
    wrap(py, guard(py, || creation::eye(n, n, 0, dt))?)
}

// ---- element-wise ---------------------------------------------------------------------------

fn ufunc2(py: Python<'_>, op: BinaryOp, x1: &Bound<'_, PyAny>, x2: &Bound<'_, PyAny>, out: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
    let (a, b) = (operand(x1)?, operand(x2)?);
    let o = out_array(out)?;
    let work = a.size().max(b.size());
    let r = guard_nogil(py, work, || ufunc::binary(op, a.as_operand(), b.as_operand(), o.as_ref()))?;
    if let (Some(out), Some(_)) = (out, &o) {
        return Ok(if let Ok(t) = out.cast::<PyTuple>() { t.get_item(0)?.unbind() } else { out.clone().unbind() });
    }
    wrap_or_scalar(py, r)
}

fn ufunc1(py: Python<'_>, op: UnaryOp, x: &Bound<'_, PyAny>, out: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
    let a = match operand(x)? {
        convert::Owned::Borrowed(a) => a.clone(),
        convert::Owned::Array(a) => a,
        convert::Owned::Scalar(s) => Array::from_scalar(s.to_wide(), s.default_dtype()).py(py)?,
    };
    let o = out_array(out)?;
    let r = guard_nogil(py, a.size(), || ufunc::unary(op, &a, o.as_ref()))?;
    if let (Some(out), Some(_)) = (out, &o) {
        return Ok(if let Ok(t) = out.cast::<PyTuple>() { t.get_item(0)?.unbind() } else { out.clone().unbind() });
    }
    wrap_or_scalar(py, r)
}

macro_rules! binary_fns {
    ($($name:ident => $op:ident),* $(,)?) => {
        $(
            #[pyfunction]
            #[pyo3(signature = (x1, x2, /, out=None))]
            pub fn $name(py: Python<'_>, x1: &Bound<'_, PyAny>, x2: &Bound<'_, PyAny>, out: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
                ufunc2(py, BinaryOp::$op, x1, x2, out)
            }
        )*
    };
}

binary_fns!(
    add => Add,
    subtract => Subtract,
    multiply => Multiply,
    divide => TrueDivide,
    floor_divide => FloorDivide,
    remainder => Remainder,
    power => Power,
    equal => Equal,
    not_equal => NotEqual,
    less => Less,
    less_equal => LessEqual,
    greater => Greater,
    greater_equal => GreaterEqual,
);

macro_rules! unary_fns {
    ($($name:ident => $op:ident),* $(,)?) => {
        $(
            #[pyfunction]
            #[pyo3(signature = (x, /, out=None))]
            pub fn $name(py: Python<'_>, x: &Bound<'_, PyAny>, out: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
                ufunc1(py, UnaryOp::$op, x, out)
            }
        )*
    };
}

unary_fns!(
    negative => Negative,
    positive => Positive,
    absolute => Absolute,
    square => Square,
    sqrt => Sqrt,
    exp => Exp,
    log => Log,
    sin => Sin,
    cos => Cos,
);

// ---- reductions, einsum, norm ---------------------------------------------------------------

/// `sum(a, axis=None, dtype=None, out=None, keepdims=False)`.
pub fn sum(py: Python<'_>, a: &Bound<'_, PyAny>, axis: Option<&Bound<'_, PyAny>>, dtype: Option<&Bound<'_, PyAny>>, out: Option<&Bound<'_, PyAny>>, keepdims: bool) -> PyResult<Py<PyAny>> {
    let x = to_array(a)?;
    let ax = axes_of(axis)?;
    let dt = dtypes::parse(dtype)?;
    let o = out_array(out)?;
    let r = guard_nogil(py, x.size(), || reduce::sum(&x, ax.as_deref(), keepdims, dt))?;
    if let Some(o) = o {
        guard(py, || {
            if o.shape() != r.shape() {
                return Err(ferronum::Error::value(format!(
                    "output parameter for reduction operation add has the wrong number of dimensions: Found {} but expected {}",
                    o.ndim(),
                    r.ndim()
                )));
            }
            o.assign(&r)
        })?;
        return Ok(out.map(|b| b.clone().unbind()).unwrap_or_else(|| py.None()));
    }
    wrap_or_scalar(py, r)
}

#[pyfunction(name = "sum")]
#[pyo3(signature = (a, axis=None, dtype=None, out=None, keepdims=false))]
pub fn sum_fn(py: Python<'_>, a: &Bound<'_, PyAny>, axis: Option<&Bound<'_, PyAny>>, dtype: Option<&Bound<'_, PyAny>>, out: Option<&Bound<'_, PyAny>>, keepdims: bool) -> PyResult<Py<PyAny>> {
    sum(py, a, axis, dtype, out, keepdims)
}

/// `einsum(subscripts, *operands, out=None, dtype=None, order='K', casting='safe', optimize=False)`.
#[pyfunction]
#[pyo3(signature = (subscripts, *operands, out=None, dtype=None, order="K", casting="safe", optimize=None))]
#[allow(clippy::too_many_arguments)]
pub fn einsum(py: Python<'_>, subscripts: &Bound<'_, PyAny>, operands: &Bound<'_, PyTuple>, out: Option<&Bound<'_, PyAny>>, dtype: Option<&Bound<'_, PyAny>>, order: &str, casting: &str, optimize: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
    let _ = (order, optimize);
    let Ok(subs) = subscripts.cast::<PyString>() else {
        return Err(PyTypeError::new_err("ferronum.einsum takes a subscripts string; the interleaved operand-list form is not available yet"));
    };
    let subs = subs.to_str()?.to_owned();
    let mut arrays: Vec<Array> = operands.iter().map(|o| to_array(&o)).collect::<PyResult<_>>()?;
    if let Some(d) = dtypes::parse(dtype)? {
        for a in arrays.iter_mut() {
            let ok = match casting {
                "unsafe" => true,
                "same_kind" => a.dtype().can_cast_same_kind(d),
                "safe" => a.dtype().can_cast_safe(d),
                "no" | "equiv" => a.dtype() == d,
                _ => return Err(PyValueError::new_err(format!("casting must be one of 'no', 'equiv', 'safe', 'same_kind', or 'unsafe' (got '{casting}')"))),
            };
            if !ok {
                return Err(PyTypeError::new_err(format!("Cannot cast array data from dtype('{}') to dtype('{d}') according to the rule '{casting}'", a.dtype())));
            }
            *a = a.astype(d).py(py)?;
        }
    }
    let work: usize = arrays.iter().map(|a| a.size()).sum();
    let refs: Vec<&Array> = arrays.iter().collect();
    let r = guard_nogil(py, work, || ein::einsum(&subs, &refs))?;
    if let Some(o) = out_array(out)? {
        guard(py, || o.assign(&r))?;
        return Ok(out.map(|b| b.clone().unbind()).unwrap_or_else(|| py.None()));
    }
    wrap_or_scalar(py, r)
}

/// `linalg.norm(x, ord=None, axis=None, keepdims=False)`.
#[pyfunction]
#[pyo3(signature = (x, ord=None, axis=None, keepdims=false))]
pub fn norm(py: Python<'_>, x: &Bound<'_, PyAny>, ord: Option<&Bound<'_, PyAny>>, axis: Option<&Bound<'_, PyAny>>, keepdims: bool) -> PyResult<Py<PyAny>> {
    let a = to_array(x)?;
    let ax = axes_of(axis)?;
    let o = match ord {
        None => NormOrd::Default,
        Some(o) if o.is_none() => NormOrd::Default,
        Some(o) => match o.extract::<String>() {
            Ok(s) if s == "fro" => NormOrd::Fro,
            Ok(s) if s == "nuc" => return Err(PyValueError::new_err("the nuclear norm needs an SVD, which is not available yet in ferronum")),
            Ok(s) => return Err(PyValueError::new_err(format!("Invalid norm order '{s}' for vectors"))),
            Err(_) => NormOrd::P(o.extract::<f64>().map_err(|_| PyValueError::new_err("Invalid norm order for vectors."))?),
        },
    };
    let r = guard_nogil(py, a.size(), || linalg::norm(&a, o, ax.as_deref(), keepdims))?;
    wrap_or_scalar(py, r)
}

// ---- threads --------------------------------------------------------------------------------

#[pyfunction]
pub fn set_num_threads(n: usize) -> PyResult<()> {
    if n == 0 {
        return Err(PyValueError::new_err("number of threads must be at least 1"));
    }
    ferronum::parallel::set_num_threads(n);
    Ok(())
}

#[pyfunction]
pub fn get_num_threads() -> usize {
    ferronum::parallel::num_threads()
}

/// Panics inside a guarded engine call; lets the tests check that a panic reaches Python as a
/// RuntimeError rather than aborting.
#[pyfunction]
pub fn _panic_for_test(py: Python<'_>) -> PyResult<()> {
    guard(py, || -> ferronum::Result<()> { panic!("deliberate panic for the test suite") })
}
