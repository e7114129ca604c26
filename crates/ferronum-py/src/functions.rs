//! Module-level functions: creation, the element-wise functions, `sum`, `einsum`, `norm`,
//! thread control. Each parses its arguments, calls the engine, and wraps the result.

use crate::common::PyNdArray;
use crate::common::{
    axes_of, check_device, deliver, out_arg, shape_of, wrap, wrap_or_scalar, AxisForm,
};
use crate::convert::{self, scalar_for, to_array};
use crate::dtypes;
use crate::errors::{guard, guard_nogil, IntoPyResult};
use ferronum::ops::linalg::NormOrd;
use ferronum::ops::manip::{self, ReshapeOrder};
use ferronum::ops::{creation, einsum as ein, linalg};
use ferronum::{Array, DType, Order, Scalar, Wide};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};

fn order_of(order: &str) -> PyResult<Order> {
    match order {
        "C" | "c" => Ok(Order::C),
        "F" | "f" => Ok(Order::F),
        _ => Err(PyValueError::new_err(format!(
            "order must be one of 'C' or 'F' (got '{order}')"
        ))),
    }
}

// ---- creation -------------------------------------------------------------------------------

/// `array(object, dtype=None, *, copy=True, order='K', ndmin=0)`.
#[pyfunction]
#[pyo3(signature = (object, dtype=None, *, copy=true, order="K", subok=false, ndmin=0))]
pub fn array(
    py: Python<'_>,
    object: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    copy: Option<bool>,
    order: &str,
    subok: bool,
    ndmin: usize,
) -> PyResult<Py<PyAny>> {
    if ndmin > ferronum::layout::MAX_DIMS {
        return Err(PyValueError::new_err(format!(
            "ndmin must be <= ndmax ({})",
            ferronum::layout::MAX_DIMS
        )));
    }
    let o = array_order(object, order)?;
    // `subok` keeps a subclass instance (itself when nothing changes, else its type).
    let keep = subok && !crate::subclass::is_plain(object);
    if copy != Some(true) {
        if keep && unchanged(object, dtype, o, ndmin)?.is_some() {
            return Ok(object.clone().unbind());
        }
        if let Some(same) = unchanged(object, dtype, o, ndmin)? {
            return Ok(same);
        }
    }
    let a = make_array(
        py,
        object,
        dtype,
        copy == Some(true),
        copy == Some(false),
        o,
    )?;
    let a = if a.ndim() < ndmin {
        let mut s: Vec<isize> = vec![1; ndmin - a.ndim()];
        s.extend(a.shape().iter().map(|&d| d as isize));
        a.reshape(&s).py(py)?
    } else {
        a
    };
    if keep {
        return crate::subclass::view_like(py, object, a);
    }
    wrap(py, a)
}

/// `asarray(a, dtype=None, order=None, *, copy=None)`: shares memory unless a copy is needed.
#[pyfunction]
#[pyo3(signature = (a, dtype=None, order=None, *, device=None, copy=None))]
pub fn asarray(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: Option<&str>,
    device: Option<&Bound<'_, PyAny>>,
    copy: Option<bool>,
) -> PyResult<Py<PyAny>> {
    check_device(device)?;
    let o = array_order(a, order.unwrap_or("K"))?;
    if copy != Some(true) {
        if let Some(same) = unchanged(a, dtype, o, 0)? {
            return Ok(same);
        }
    }
    wrap(
        py,
        make_array(py, a, dtype, copy == Some(true), copy == Some(false), o)?,
    )
}

/// `object` itself when it is a ferronum array that already has the dtype, memory order and
/// dimensions asked for (NumPy's `array(..., copy=None)` and `asarray` return it unchanged).
fn unchanged(
    object: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: ReshapeOrder,
    ndmin: usize,
) -> PyResult<Option<Py<PyAny>>> {
    let Ok(x) = object.cast::<PyNdArray>() else {
        return Ok(None);
    };
    let a = x.get().inner();
    let dt = dtypes::parse(dtype)?;
    let same = dt.is_none_or(|d| d == a.dtype()) && manip::has_order(a, order) && a.ndim() >= ndmin;
    if same && !crate::subclass::is_exact(object) {
        // A subclass instance comes back as a plain ndarray over the same memory.
        return Ok(Some(wrap(object.py(), a.with_layout(a.layout().clone()))?));
    }
    Ok(same.then(|| x.clone().into_any().unbind()))
}

/// `array`'s `order=` as NumPy applies it to `object`: 'A' is 'F' for a Fortran (and not C)
/// contiguous array and 'K' otherwise.
fn array_order(object: &Bound<'_, PyAny>, order: &str) -> PyResult<ReshapeOrder> {
    let o = ReshapeOrder::parse(order).py(object.py())?;
    Ok(match o {
        ReshapeOrder::A => {
            let fortran = object
                .cast::<PyNdArray>()
                .map(|a| {
                    let a = a.get().inner();
                    a.is_f_contiguous() && !a.is_c_contiguous()
                })
                .unwrap_or(false);
            if fortran {
                ReshapeOrder::F
            } else {
                ReshapeOrder::K
            }
        }
        o => o,
    })
}

pub(crate) fn make_array(
    py: Python<'_>,
    object: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    force_copy: bool,
    never_copy: bool,
    order: ReshapeOrder,
) -> PyResult<Array> {
    let dt = dtypes::parse(dtype)?;
    if let (Some(d), Some(s @ Scalar::Int(v))) = (dt, convert::python_scalar(object)?) {
        if v < i64::MIN as i128 || v > u64::MAX as i128 {
            // An int no integer dtype holds: a float dtype takes its value, an integer one
            // refuses it (NumPy's OverflowError); `to_array` would want an object array.
            s.check_fits(d).py(py)?;
            return Array::from_scalar(Wide::F(v as f64), d).py(py);
        }
    }
    if let (Some(d), Some(Scalar::Float(v))) = (dt, convert::python_scalar(object)?) {
        if d.is_integer() {
            // NumPy stores a Python float in an integer array as `int(value)`, which must fit.
            if v.is_nan() {
                return Err(PyValueError::new_err("cannot convert float NaN to integer"));
            }
            if v.is_infinite() {
                return Err(pyo3::exceptions::PyOverflowError::new_err(
                    "cannot convert float infinity to integer",
                ));
            }
            let t = v.trunc();
            if t >= i64::MIN as f64 && t <= u64::MAX as f64 {
                Scalar::Int(t as i128).check_fits(d).py(py)?;
                return Array::from_scalar(Scalar::Int(t as i128).to_wide(), d).py(py);
            }
            return Err(pyo3::exceptions::PyOverflowError::new_err(
                "Python int too large to convert to C long",
            ));
        }
    }
    let shares =
        object.is_instance_of::<PyNdArray>() || object.cast::<numpy::PyUntypedArray>().is_ok();
    let a = to_array(object)?;
    let needs_cast = dt.is_some_and(|d| d != a.dtype());
    if never_copy && (needs_cast || !shares || !manip::has_order(&a, order)) {
        return Err(PyValueError::new_err(
            "Unable to avoid copy while creating an array as requested.",
        ));
    }
    if let Some(d) = dt.filter(|d| d.is_integer() && !shares && a.dtype().is_integer()) {
        // Python ints must fit the requested integer dtype (NumPy 2 raises, never wraps).
        for v in a.to_wide_vec() {
            let i = match v {
                Wide::I(i) => i as i128,
                Wide::U(u) => u as i128,
                _ => continue,
            };
            Scalar::Int(i).check_fits(d).py(py)?;
        }
    }
    let a = match dt {
        Some(d) if d != a.dtype() => {
            if a.dtype().is_complex() && (d.is_float() || d.is_integer()) {
                // NumPy stores a Python complex with `float()` or `int()`, which raise; its
                // own complex scalars and arrays are cast with a warning.
                let python_complex = match shares {
                    true => None,
                    false => convert::python_complex_in(object)?,
                };
                if python_complex != Some(false) {
                    ferronum::warn::complex_cast(a.dtype(), d);
                }
                if python_complex.is_some() {
                    crate::errors::raise_warnings(py)?;
                    return Err(ferronum::dtype::complex_to_real(d)).py(py);
                }
            }
            guard_nogil(py, a.size(), || manip::copy_like(&a, d, order))?
        }
        _ if (force_copy && shares) || !manip::has_order(&a, order) => {
            guard_nogil(py, a.size(), || manip::copy_like(&a, a.dtype(), order))?
        }
        _ => a,
    };
    Ok(a)
}

fn filled(
    py: Python<'_>,
    shape: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    value: Wide,
) -> PyResult<Py<PyAny>> {
    let dt = dtypes::parse(dtype)?.unwrap_or(DType::F64);
    let s = shape_of(shape)?;
    let o = order_of(order)?;
    let a = guard(py, || {
        let a = match value {
            Wide::I(0) if o == Order::C => Array::zeros(&s, dt)?,
            v => {
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
#[pyo3(signature = (shape, dtype=None, order="C", *, device=None))]
pub fn zeros(
    py: Python<'_>,
    shape: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    device: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    check_device(device)?;
    filled(py, shape, dtype, order, Wide::I(0))
}

#[pyfunction]
#[pyo3(signature = (shape, dtype=None, order="C", *, device=None))]
pub fn ones(
    py: Python<'_>,
    shape: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    device: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    check_device(device)?;
    filled(py, shape, dtype, order, Wide::I(1))
}

#[pyfunction]
#[pyo3(signature = (shape, dtype=None, order="C", *, device=None))]
pub fn empty(
    py: Python<'_>,
    shape: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    device: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    check_device(device)?;
    // Zero-filled: reading uninitialised memory would be undefined behaviour in Rust, and the
    // allocator hands back zeroed pages for large sizes at no extra cost.
    filled(py, shape, dtype, order, Wide::I(0))
}

/// The dtype `full` and `array` infer for a fill value.
fn value_dtype(v: &Bound<'_, PyAny>) -> PyResult<DType> {
    match convert::python_scalar(v)? {
        Some(s) => Ok(s.default_dtype()),
        None => Ok(to_array(v)?.dtype()),
    }
}

#[pyfunction]
#[pyo3(signature = (shape, fill_value, dtype=None, order="C", *, device=None))]
pub fn full(
    py: Python<'_>,
    shape: &Bound<'_, PyAny>,
    fill_value: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    device: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    check_device(device)?;
    let dt = match dtypes::parse(dtype)? {
        Some(d) => d,
        None => value_dtype(fill_value)?,
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
        if a.get().inner().size() != 1 {
            let src = a.get().inner().clone();
            let out = guard(py, || Array::uninit_order(&s, dt, o))?;
            guard(py, || out.assign(&src))?;
            return wrap(py, out);
        }
    }
    let v = fill_scalar(py, fill_value, dt)?;
    let a = guard(py, || {
        let a = Array::uninit_order(&s, dt, o)?;
        a.fill(v)?;
        Ok(a)
    })?;
    wrap(py, a)
}

/// The value `full` and `full_like` fill with. NumPy copies it in with `copyto(casting=
/// 'unsafe')`, so a Python complex becomes a real dtype's value with a ComplexWarning, where
/// `a[...] = 1j` raises.
fn fill_scalar(py: Python<'_>, fill_value: &Bound<'_, PyAny>, dt: DType) -> PyResult<Wide> {
    let v = match convert::python_scalar(fill_value)? {
        Some(s @ Scalar::Complex(..)) => s.to_wide(),
        _ => scalar_for(py, fill_value, dt)?,
    };
    if matches!(v, Wide::C(..)) {
        ferronum::warn::complex_cast(DType::C128, dt);
    }
    Ok(v)
}

/// dtype, shape and memory order of a `*_like` result (order 'K'/'A' follow the prototype).
fn like_args(
    proto: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    shape: Option<&Bound<'_, PyAny>>,
) -> PyResult<(DType, Vec<usize>, Order)> {
    let a = to_array(proto)?;
    let dt = dtypes::parse(dtype)?.unwrap_or(a.dtype());
    let (s, same_shape) = match shape {
        Some(s) if !s.is_none() => (shape_of(s)?, false),
        _ => (a.shape().to_vec(), true),
    };
    let o = match order {
        "K" | "A" | "k" | "a" if same_shape && a.is_f_contiguous() && !a.is_c_contiguous() => {
            Order::F
        }
        "K" | "A" | "k" | "a" => Order::C,
        o => order_of(o)?,
    };
    Ok((dt, s, o))
}

macro_rules! like_fn {
    ($name:ident, $value:expr) => {
        #[pyfunction]
        #[pyo3(signature = (a, dtype=None, order="K", subok=true, shape=None, *, device=None))]
        #[allow(clippy::too_many_arguments)]
        pub fn $name(
            py: Python<'_>,
            a: &Bound<'_, PyAny>,
            dtype: Option<&Bound<'_, PyAny>>,
            order: &str,
            subok: bool,
            shape: Option<&Bound<'_, PyAny>>,
            device: Option<&Bound<'_, PyAny>>,
        ) -> PyResult<Py<PyAny>> {
            let _ = subok;
            check_device(device)?;
            let (dt, s, ord) = like_args(a, dtype, order, shape)?;
            let v: Wide = $value;
            let out = guard(py, || {
                let o = Array::uninit_order(&s, dt, ord)?;
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
#[pyo3(signature = (a, fill_value, dtype=None, order="K", subok=true, shape=None, *, device=None))]
#[allow(clippy::too_many_arguments)]
pub fn full_like(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    fill_value: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    subok: bool,
    shape: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = subok;
    check_device(device)?;
    let (dt, s, ord) = like_args(a, dtype, order, shape)?;
    let v = fill_scalar(py, fill_value, dt)?;
    let out = guard(py, || {
        let o = Array::uninit_order(&s, dt, ord)?;
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
#[pyo3(signature = (start=None, stop=None, step=None, dtype=None, *, device=None, like=None))]
#[allow(clippy::too_many_arguments)]
pub fn arange(
    py: Python<'_>,
    start: Option<&Bound<'_, PyAny>>,
    stop: Option<&Bound<'_, PyAny>>,
    step: Option<&Bound<'_, PyAny>>,
    dtype: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = like;
    check_device(device)?;
    let num = |o: Option<&Bound<'_, PyAny>>| o.filter(|o| !o.is_none()).map(number).transpose();
    let (start, stop) = (num(start)?, num(stop)?);
    // NumPy refuses a missing stop before it reads the step (the engine says how).
    let step = match (start, stop) {
        (None, None) => None,
        _ => num(step)?,
    };
    let dt = dtypes::parse(dtype)?;
    wrap(
        py,
        guard(py, || creation::arange_from(start, stop, step, dt))?,
    )
}

/// `linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0)` for scalar
/// endpoints.
#[pyfunction]
#[pyo3(signature = (start, stop, num=50, endpoint=true, retstep=false, dtype=None, axis=0, *, device=None))]
#[allow(clippy::too_many_arguments)]
pub fn linspace(
    py: Python<'_>,
    start: &Bound<'_, PyAny>,
    stop: &Bound<'_, PyAny>,
    num: isize,
    endpoint: bool,
    retstep: bool,
    dtype: Option<&Bound<'_, PyAny>>,
    axis: isize,
    device: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    check_device(device)?;
    if num < 0 {
        return Err(PyValueError::new_err(format!(
            "Number of samples, {num}, must be non-negative."
        )));
    }
    if axis != 0 {
        return Err(PyValueError::new_err(
            "ferronum.linspace supports only axis=0 for scalar endpoints",
        ));
    }
    let (s, e) = (number(start)?.to_f64(), number(stop)?.to_f64());
    let dt = dtypes::parse(dtype)?.unwrap_or(DType::F64);
    let (a, step) = guard(py, || creation::linspace(s, e, num as usize, endpoint, dt))?;
    let arr = wrap(py, a)?;
    if retstep {
        // NumPy's step is a float64 scalar, except that with fewer than two samples (no step
        // at all) it is a Python float NaN.
        let st = if step.is_nan() {
            pyo3::types::PyFloat::new(py, step).into_any()
        } else {
            dtypes::scalar(py, Wide::F(step), DType::F64)?
        };
        return Ok(PyTuple::new(py, [arr.into_bound(py), st])?
            .into_any()
            .unbind());
    }
    Ok(arr)
}

fn dim(n: isize) -> PyResult<usize> {
    usize::try_from(n).map_err(|_| PyValueError::new_err("negative dimensions are not allowed"))
}

#[pyfunction]
#[pyo3(signature = (N, M=None, k=None, dtype=None, order="C", *, device=None))]
#[allow(non_snake_case, clippy::too_many_arguments)]
pub fn eye(
    py: Python<'_>,
    N: isize,
    M: Option<isize>,
    k: Option<&Bound<'_, PyAny>>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    device: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    check_device(device)?;
    let o = order_of(order)?;
    let dt = dtypes::parse(dtype)?.unwrap_or(DType::F64);
    let (n, m) = (dim(N)?, dim(M.unwrap_or(N))?);
    let k = diagonal_offset(k, m)?;
    let e = guard(py, || creation::eye(n, m, k, dt))?;
    let e = if o == Order::F {
        guard(py, || e.copy(Order::F))?
    } else {
        e
    };
    wrap(py, e)
}

/// `eye`'s `k` for `m` columns, read as NumPy's `eye` reads it: first compared with `m` (an
/// offset at or beyond it, of any type that compares, selects nothing), then as an integer of
/// any size. One beyond `isize` selects no diagonal, as `-isize::MAX` does.
fn diagonal_offset(k: Option<&Bound<'_, PyAny>>, m: usize) -> PyResult<isize> {
    let Some(k) = k else { return Ok(0) };
    if k.ge(m)? {
        return Ok(isize::MAX);
    }
    match k.extract::<isize>() {
        Ok(v) => Ok(v),
        Err(e) if e.is_instance_of::<pyo3::exceptions::PyOverflowError>(k.py()) => Ok(-isize::MAX),
        Err(e) => Err(e),
    }
}

#[pyfunction]
#[pyo3(signature = (n, dtype=None))]
pub fn identity(py: Python<'_>, n: isize, dtype: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
    let dt = dtypes::parse(dtype)?.unwrap_or(DType::F64);
    let n = dim(n)?;
    wrap(py, guard(py, || creation::eye(n, n, 0, dt))?)
}

// ---- where -------------------------------------------------------------------------------

/// `where(condition, x, y)`: elements of `x` where `condition` is true, else of `y`.
#[pyfunction(name = "where")]
#[pyo3(signature = (condition, x=None, y=None))]
pub fn where_(
    py: Python<'_>,
    condition: &Bound<'_, PyAny>,
    x: Option<&Bound<'_, PyAny>>,
    y: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let (Some(x), Some(y)) = (x, y) else {
        if x.is_none() && y.is_none() {
            // One argument: NumPy's `nonzero` (which refuses a 0-d condition).
            let c = to_array(condition)?;
            let r = guard_nogil(py, c.size(), || ferronum::ops::indexing::nonzero(&c))?;
            let items = r
                .into_iter()
                .map(|a| wrap(py, a))
                .collect::<PyResult<Vec<_>>>()?;
            return Ok(PyTuple::new(py, items)?.into_any().unbind());
        }
        return Err(PyValueError::new_err(
            "either both or neither of x and y should be given",
        ));
    };
    let c = to_array(condition)?;
    let (a, b) = (convert::operand(x)?, convert::operand(y)?);
    let work = c.size().max(a.size()).max(b.size());
    let r = guard_nogil(py, work, || {
        ferronum::ops::ufunc::select(&c, a.as_operand(), b.as_operand())
    })?;
    wrap(py, r)
}

// ---- einsum, norm ---------------------------------------------------------------

/// `einsum(subscripts, *operands, out=None, dtype=None, order='K', casting='safe', optimize=False)`.
#[pyfunction]
#[pyo3(signature = (subscripts, *operands, out=None, dtype=None, order="K", casting=None, optimize=None))]
#[allow(clippy::too_many_arguments)]
pub fn einsum(
    py: Python<'_>,
    subscripts: &Bound<'_, PyAny>,
    operands: &Bound<'_, PyTuple>,
    out: Option<&Bound<'_, PyAny>>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    casting: Option<&str>,
    optimize: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = order;
    let optimize = optimize_of(optimize, false)?;
    if let Ok(s) = subscripts.cast::<PyString>() {
        if optimize == ein::Optimize::No && !s.to_str()?.is_ascii() {
            // NumPy's C einsum reads the subscripts as ASCII: its UnicodeEncodeError, as is.
            s.call_method1("encode", ("ascii",))?;
        }
    }
    let (subs, arrays) = einsum_operands(subscripts, operands)?;
    let out_arr = out_arg(out)?.map(|(a, _)| a);
    let opts = ein::Options {
        out: out_arr.as_ref(),
        dtype: dtypes::parse(dtype)?,
        casting: casting.map(ein::Casting::parse).transpose().py(py)?,
        optimize,
    };
    let work: usize = arrays.iter().map(|a| a.size()).sum();
    let refs: Vec<&Array> = arrays.iter().collect();
    let (r, as_array) = guard_nogil(py, work, || ein::einsum_full(&subs, &refs, &opts))?;
    // The `out=` object as passed comes back, a tuple of one array included.
    let out_obj = out
        .filter(|_| out_arr.is_some())
        .map(|o| o.clone().unbind());
    deliver(py, r, out_obj, as_array)
}

/// `einsum_path(subscripts, *operands, optimize='greedy')`: NumPy's path list (headed by
/// `'einsum_path'`) and its printed report.
#[pyfunction]
#[pyo3(signature = (subscripts, *operands, optimize=None, einsum_call=false))]
pub fn einsum_path(
    py: Python<'_>,
    subscripts: &Bound<'_, PyAny>,
    operands: &Bound<'_, PyTuple>,
    optimize: Option<&Bound<'_, PyAny>>,
    einsum_call: bool,
) -> PyResult<(Py<PyAny>, String)> {
    let _ = einsum_call;
    let (subs, arrays) = einsum_operands(subscripts, operands)?;
    let shapes: Vec<&[usize]> = arrays.iter().map(|a| a.shape()).collect();
    let how = optimize_of(optimize, true)?;
    let (route, text) = guard(py, || ein::einsum_path(&subs, &shapes, &how))?;
    let list = pyo3::types::PyList::new(py, ["einsum_path"])?;
    for step in route {
        list.append(PyTuple::new(py, step)?)?;
    }
    Ok((list.into_any().unbind(), text))
}

fn einsum_operands(
    subscripts: &Bound<'_, PyAny>,
    operands: &Bound<'_, PyTuple>,
) -> PyResult<(String, Vec<Array>)> {
    match subscripts.cast::<PyString>() {
        Ok(s) => Ok((
            s.to_str()?.to_owned(),
            operands
                .iter()
                .map(|o| to_array(&o))
                .collect::<PyResult<Vec<_>>>()?,
        )),
        Err(_) => interleaved_einsum(subscripts, operands),
    }
}

/// `optimize=`: False/None, True, 'greedy', 'optimal', `(name, memory_limit)`, or an explicit
/// `['einsum_path', (i, j), ...]`. `einsum_path` defaults to 'greedy', `einsum` to False.
fn optimize_of(o: Option<&Bound<'_, PyAny>>, greedy_default: bool) -> PyResult<ein::Optimize> {
    use ein::Optimize;
    let Some(o) = o.filter(|o| !o.is_none()) else {
        return Ok(if greedy_default {
            Optimize::Greedy(None)
        } else {
            Optimize::No
        });
    };
    let named = |name: &str, limit: Option<u128>| match name {
        "greedy" => Ok(Optimize::Greedy(limit)),
        "optimal" => Ok(Optimize::Optimal(limit)),
        _ => Err(pyo3::exceptions::PyKeyError::new_err((
            "Path name %s not found",
            name.to_owned(),
        ))),
    };
    if let Ok(b) = o.cast::<pyo3::types::PyBool>() {
        return Ok(if b.is_true() {
            Optimize::Greedy(None)
        } else {
            Optimize::No
        });
    }
    if let Ok(s) = o.cast::<PyString>() {
        return named(s.to_str()?, None);
    }
    let not_understood = || {
        PyTypeError::new_err(format!(
            "Did not understand the path: {}",
            o.str().map(|s| s.to_string()).unwrap_or_default()
        ))
    };
    let items: Vec<Bound<'_, PyAny>> = o
        .try_iter()
        .map_err(|_| not_understood())?
        .collect::<PyResult<_>>()?;
    let first = items.first().and_then(|f| f.extract::<String>().ok());
    if first.as_deref() == Some("einsum_path") {
        let steps = items[1..]
            .iter()
            .map(|t| t.extract::<Vec<usize>>())
            .collect::<PyResult<Vec<_>>>()?;
        return Ok(Optimize::Path(steps));
    }
    if let (2, Some(name)) = (items.len(), first) {
        if let Ok(limit) = items[1].extract::<f64>() {
            return named(&name, Some(limit.max(0.0) as u128));
        }
    }
    Err(not_understood())
}

/// The `einsum(op0, sublist0, op1, sublist1, ..., [sublistout])` form as a subscripts string:
/// integers 0-25 are 'a'-'z', 26-51 'A'-'Z', and `...` is the ellipsis.
fn interleaved_einsum(
    first: &Bound<'_, PyAny>,
    rest: &Bound<'_, PyTuple>,
) -> PyResult<(String, Vec<Array>)> {
    let mut items: Vec<Bound<'_, PyAny>> = vec![first.clone()];
    items.extend(rest.iter());
    let label = |o: Bound<'_, PyAny>| -> PyResult<String> {
        if o.is_instance_of::<pyo3::types::PyEllipsis>() {
            return Ok("...".into());
        }
        let i: isize = o.extract().map_err(|_| {
            PyTypeError::new_err("For this input type lists must contain either int or Ellipsis")
        })?;
        match i {
            0..=25 => Ok(((b'a' + i as u8) as char).to_string()),
            26..=51 => Ok(((b'A' + (i - 26) as u8) as char).to_string()),
            _ => Err(PyValueError::new_err(
                "subscript is not within the valid range [0, 52)",
            )),
        }
    };
    let sublist = |o: &Bound<'_, PyAny>| -> PyResult<String> {
        o.try_iter()?
            .map(|x| label(x?))
            .collect::<PyResult<String>>()
    };
    let mut arrays = Vec::new();
    let mut terms = Vec::new();
    let mut k = 0;
    while k + 1 < items.len() {
        arrays.push(to_array(&items[k])?);
        terms.push(sublist(&items[k + 1])?);
        k += 2;
    }
    let mut subs = terms.join(",");
    if k < items.len() {
        subs.push_str("->");
        subs.push_str(&sublist(&items[k])?);
    }
    Ok((subs, arrays))
}

/// `linalg.norm(x, ord=None, axis=None, keepdims=False)`.
#[pyfunction]
#[pyo3(signature = (x, ord=None, axis=None, keepdims=false))]
pub fn norm(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    ord: Option<&Bound<'_, PyAny>>,
    axis: Option<&Bound<'_, PyAny>>,
    keepdims: bool,
) -> PyResult<Py<PyAny>> {
    let a = to_array(x)?;
    let ax = axes_of(axis, AxisForm::Sequence)?;
    let o = match ord {
        None => NormOrd::Default,
        Some(o) if o.is_none() => NormOrd::Default,
        Some(o) => match o.extract::<String>() {
            Ok(s) if s == "fro" => NormOrd::Fro,
            Ok(s) if s == "nuc" => NormOrd::Nuc,
            Ok(s) => {
                return Err(PyValueError::new_err(format!(
                    "Invalid norm order '{s}' for vectors"
                )))
            }
            Err(_) => NormOrd::P(
                o.extract::<f64>()
                    .map_err(|_| PyValueError::new_err("Invalid norm order for vectors."))?,
            ),
        },
    };
    let r = guard_nogil(py, a.size(), || {
        linalg::norm(&a, o, ax.as_deref(), keepdims)
    })?;
    wrap_or_scalar(py, r)
}

/// Rebuilds a pickled array from its C-order bytes.
#[pyfunction]
pub fn _rebuild(
    py: Python<'_>,
    data: &[u8],
    dtype: &str,
    shape: Vec<usize>,
) -> PyResult<Py<PyAny>> {
    let dt = ferronum::DType::from_name(dtype).py(py)?;
    let a = guard(py, || Array::uninit(&shape, dt))?;
    if data.len() != a.nbytes() {
        return Err(PyValueError::new_err(
            "pickled data does not match its shape",
        ));
    }
    if dt == ferronum::DType::Bool {
        // Crafted bytes must not become invalid `bool`s: any non-zero byte is True.
        for (i, &b) in data.iter().enumerate() {
            // SAFETY: `a` is a fresh C-contiguous bool array of `data.len()` one-byte
            // elements (checked above) that nothing else sees yet; `i < data.len()`.
            unsafe { *a.data_ptr().add(i) = (b != 0) as u8 };
        }
        return wrap(py, a);
    }
    // SAFETY: `a` is a fresh C-contiguous array of exactly `data.len()` bytes (checked above)
    // from its data pointer, which nothing else sees yet; `data` is a separate Python bytes
    // buffer, so the two cannot overlap. Every byte pattern is a valid number of the
    // non-bool dtypes.
    unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), a.data_ptr(), data.len()) };
    wrap(py, a)
}

// ---- threads --------------------------------------------------------------------------------

#[pyfunction]
pub fn set_num_threads(n: usize) -> PyResult<()> {
    if n == 0 {
        return Err(PyValueError::new_err(
            "number of threads must be at least 1",
        ));
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
    guard(py, || -> ferronum::Result<()> {
        panic!("deliberate panic for the test suite")
    })
}
