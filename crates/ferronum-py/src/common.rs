//! What every binding module shares, kept below all of them so that the modules form a tree:
//! the Rust side of the `ndarray` object (its methods are `ndarray.rs`), the one way results
//! go back to Python, and the parsers of arguments many functions take (`axis=`, `out=`,
//! shapes). It imports only `errors` and `dtypes`, which import nothing of this crate.

use crate::dtypes;
use crate::errors::{not_an_integer, ErrState, IntoPyResult};
use ferronum::ops::pending;
use ferronum::{Array, DType, Scalar, Wide};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyList, PyTuple};
use pyo3::IntoPyObjectExt;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

#[pyclass(module = "ferronum", name = "ndarray", frozen, sequence, subclass)]
pub struct PyNdArray {
    arr: Array,
    /// `arr` holds `x` of a pending `x ** 2` (`ferronum::ops::pending`); `inner` squares it in
    /// place before anything reads it. Set only under the GIL and cleared holding it, so no
    /// reader sees a half-squared buffer.
    square_pending: AtomicBool,
    /// NumPy's `base`, found the first time it is asked for and kept (so `v.base is v.base`).
    base: PyOnceLock<Py<PyAny>>,
    /// This object's address when it is registered as the owner of `arr`'s buffer (so views
    /// of it find it as their `base`), else 0; unregistered on drop.
    owner_token: AtomicUsize,
}

impl Drop for PyNdArray {
    fn drop(&mut self) {
        let t = *self.owner_token.get_mut();
        if t != 0 {
            self.arr.buffer().release_owner(t);
        }
    }
}

impl PyNdArray {
    pub fn new(a: Array) -> PyNdArray {
        PyNdArray {
            arr: a,
            square_pending: AtomicBool::new(false),
            base: PyOnceLock::new(),
            owner_token: AtomicUsize::new(0),
        }
    }

    /// NumPy's `ndarray.base`: `None` for an array that owns its memory; for a view, the
    /// array that does (the NumPy array a view of NumPy memory came from; the ferronum array
    /// registered as the buffer's owner while it lives; else a 1-d array over the whole
    /// buffer, made once, since ferronum keeps buffers rather than the objects views came
    /// from).
    pub fn base_object(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        let a = &self.arr;
        if a.owns_data() {
            return Ok(None);
        }
        let b = self.base.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
            let buf = a.buffer();
            if let Some(k) = buf.keep_alive().and_then(|k| k.downcast_ref::<Py<PyAny>>()) {
                return Ok(k.clone_ref(py));
            }
            let t = buf.owner_token();
            if t != 0 {
                // SAFETY: a registered token is the address of a live ndarray object: it is
                // unregistered in that object's `drop`, which runs under the GIL we hold.
                return Ok(unsafe {
                    Bound::<PyAny>::from_borrowed_ptr(py, t as *mut pyo3::ffi::PyObject).unbind()
                });
            }
            let n = buf.len() / a.itemsize().max(1);
            let whole = Array::from_parts(
                buf.clone(),
                ferronum::layout::Layout::c_contiguous(&[n]),
                a.dtype(),
                true,
                false,
            );
            wrap(py, whole)
        })?;
        Ok(Some(b.clone_ref(py)))
    }

    /// The engine array, with a pending square computed first.
    #[inline]
    pub fn inner(&self) -> &Array {
        if self.square_pending.load(Ordering::Relaxed) {
            self.materialize();
        }
        &self.arr
    }

    #[cold]
    fn materialize(&self) {
        if self.square_pending.swap(false, Ordering::Relaxed) {
            let r = pending::square_in_place(&self.arr);
            debug_assert!(r.is_ok());
            // The square's floating-point flags are reported now (under the default error
            // state `defer_square` asked for, a RuntimeWarning); a reader that cannot fail has
            // no way to raise, so an error from a warnings filter is printed as unraisable.
            Python::attach(|py| {
                if let Err(e) = crate::errors::raise_fp_errors(py) {
                    e.write_unraisable(py, None);
                }
            });
        }
    }

    /// The engine array for what does not read its values (shape, dtype, strides, flags): a
    /// pending square stays pending.
    #[inline]
    pub fn meta(&self) -> &Array {
        &self.arr
    }

    /// `x` when this array is a pending `x ** 2`, for a reduction that squares as it reads.
    pub fn pending_square(&self) -> Option<&Array> {
        self.square_pending
            .load(Ordering::Relaxed)
            .then_some(&self.arr)
    }

    /// Leaves `self ** exponent` pending where the engine's rule allows it (the caller knows
    /// `self` to be a temporary nothing else references); true when it did. NumPy's error
    /// state is read only once the array qualifies: `numpy.geterr()` is a Python call.
    pub fn defer_square(&self, py: Python<'_>, exponent: Scalar) -> PyResult<bool> {
        if !pending::may_defer_square(self.inner(), exponent) {
            return Ok(false);
        }
        let state = ErrState::current(py)?;
        if !pending::errstate_allows_deferral(&state.mode("over")?, &state.mode("under")?) {
            return Ok(false);
        }
        self.square_pending.store(true, Ordering::Relaxed);
        Ok(true)
    }
}

// ---- results to Python ----------------------------------------------------------------------

/// Wraps an engine array as a new Python `ndarray`.
pub fn wrap(py: Python<'_>, a: Array) -> PyResult<Py<PyAny>> {
    let owns = a.owns_data();
    let obj = Py::new(py, PyNdArray::new(a))?;
    if owns {
        // The first object over a new buffer is its owner, which views report as `base`.
        let token = obj.as_ptr() as usize;
        let r = obj.get();
        if r.arr.buffer().claim_owner(token) {
            r.owner_token.store(token, Ordering::Relaxed);
        }
    }
    Ok(obj.into_any())
}

/// `wrap`'s registration of a new object as the owner of its buffer, for objects made
/// elsewhere (subclass instances, `crate::subclass::new_of_type`).
pub fn claim_owner(obj: &Bound<'_, PyNdArray>) {
    let token = obj.as_ptr() as usize;
    let r = obj.get();
    if r.arr.buffer().claim_owner(token) {
        r.owner_token.store(token, Ordering::Relaxed);
    }
}

/// Wraps a result as NumPy does for ufuncs and reductions: 0-d results become NumPy scalars.
pub fn wrap_or_scalar(py: Python<'_>, a: Array) -> PyResult<Py<PyAny>> {
    if a.ndim() == 0 {
        let v = a.item().py(py)?;
        return Ok(dtypes::scalar(py, v, a.dtype())?.unbind());
    }
    wrap(py, a)
}

/// A function's result to Python, the one way every function hands one back: `out`'s own
/// object when the engine wrote the result into `out=` (NumPy returns the very object
/// passed), else the result, a 0-d one as a NumPy scalar unless the engine says NumPy keeps
/// it an array (`keep_0d_array`: einsum, some quantiles).
pub fn deliver(
    py: Python<'_>,
    r: Array,
    out: Option<Py<PyAny>>,
    keep_0d_array: bool,
) -> PyResult<Py<PyAny>> {
    match out {
        Some(obj) => Ok(obj),
        None if keep_0d_array => wrap(py, r),
        None => wrap_or_scalar(py, r),
    }
}

/// A widened element as the Python builtin NumPy's `item()` gives.
pub fn wide_to_py(py: Python<'_>, v: Wide, d: DType) -> PyResult<Py<PyAny>> {
    match v {
        Wide::Bool(b) => b.into_py_any(py),
        Wide::I(i) => i.into_py_any(py),
        Wide::U(u) => u.into_py_any(py),
        Wide::F(f) if d == DType::F32 => (f as f32 as f64).into_py_any(py),
        Wide::F(f) => f.into_py_any(py),
        Wide::C(re, im) => pyo3::types::PyComplex::from_doubles(py, re, im).into_py_any(py),
    }
}

// ---- arguments ------------------------------------------------------------------------------

/// Which sequences an `axis=` argument may be, as the NumPy function that parses it accepts.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum AxisForm {
    /// ufunc reductions (`sum`, `mean`, ...): an int or a tuple of ints (NumPy rejects lists).
    Tuple,
    /// `normalize_axis_tuple` (`quantile`, `median`, `average`): a tuple or list of ints too.
    TupleOrList,
    /// `linalg.norm`: an int or any sequence of ints, the sequence named when it is not one.
    Sequence,
}

/// An `axis=` argument: None, an int, or a sequence of ints as `form` allows; a non-integer
/// is NumPy's TypeError naming its type.
pub fn axes_of(obj: Option<&Bound<'_, PyAny>>, form: AxisForm) -> PyResult<Option<Vec<isize>>> {
    let Some(o) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    let items = match form {
        AxisForm::Tuple => o.is_instance_of::<PyTuple>(),
        AxisForm::TupleOrList => o.is_instance_of::<PyTuple>() || o.is_instance_of::<PyList>(),
        AxisForm::Sequence => {
            return match o.extract::<isize>() {
                Ok(a) => Ok(Some(vec![a])),
                Err(_) => o
                    .extract::<Vec<isize>>()
                    .map(Some)
                    .map_err(|_| not_an_integer(o)),
            };
        }
    };
    if items {
        return o
            .try_iter()?
            .map(|i| {
                let i = i?;
                i.extract::<isize>().map_err(|_| not_an_integer(&i))
            })
            .collect::<PyResult<Vec<_>>>()
            .map(Some);
    }
    o.extract::<isize>()
        .map(|a| Some(vec![a]))
        .map_err(|_| not_an_integer(o))
}

/// A single `axis=` (arg* and scans take no tuple).
pub fn axis_of(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<isize>> {
    match obj.filter(|o| !o.is_none()) {
        None => Ok(None),
        Some(o) => o
            .extract::<isize>()
            .map(Some)
            .map_err(|_| not_an_integer(o)),
    }
}

/// A shape given as an int or a sequence of ints.
pub fn shape_of(obj: &Bound<'_, PyAny>) -> PyResult<Vec<usize>> {
    let dims: Vec<isize> = match obj.extract::<isize>() {
        Ok(n) => vec![n],
        Err(_) => obj
            .extract::<Vec<isize>>()
            .map_err(|_| not_an_integer(obj))?,
    };
    if dims.iter().any(|&d| d < 0) {
        return Err(PyValueError::new_err("negative dimensions are not allowed"));
    }
    Ok(dims.into_iter().map(|d| d as usize).collect())
}

/// An `out=` argument: `None`, an array, or a tuple of one array (as ufuncs accept), with the
/// Python object to return.
pub fn out_arg(out: Option<&Bound<'_, PyAny>>) -> PyResult<Option<(Array, Py<PyAny>)>> {
    let Some(o) = out.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    match o.cast::<PyTuple>() {
        Ok(t) if t.len() == 1 => out_object(&t.get_item(0)?).map(Some),
        _ => out_object(o).map(Some),
    }
}

/// An `out=` that must be an array itself (the functions whose NumPy code takes no tuple).
pub fn out_array(out: Option<&Bound<'_, PyAny>>) -> PyResult<Option<(Array, Py<PyAny>)>> {
    out.filter(|o| !o.is_none()).map(out_object).transpose()
}

fn out_object(o: &Bound<'_, PyAny>) -> PyResult<(Array, Py<PyAny>)> {
    match o.cast::<PyNdArray>() {
        Ok(a) => Ok((a.get().inner().clone(), o.clone().unbind())),
        Err(_) => Err(PyTypeError::new_err("return arrays must be of ArrayType")),
    }
}

/// The Array API's `device=` argument: ferronum, as NumPy, has one device, `"cpu"`; `None`
/// means it too. Anything else is NumPy's ValueError.
pub fn check_device(device: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
    let Some(d) = device.filter(|d| !d.is_none()) else {
        return Ok(());
    };
    if d.extract::<String>().is_ok_and(|s| s == "cpu") {
        return Ok(());
    }
    Err(PyValueError::new_err(format!(
        "Device not understood. Only \"cpu\" is allowed, but received: {}",
        d.str()?
    )))
}
