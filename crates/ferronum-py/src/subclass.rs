//! Python subclasses of `ndarray` (`class MyArray(ferronum.ndarray)`), as NumPy treats them:
//! views and copies of a subclass instance keep its type and run `__array_finalize__` with
//! the instance they came from; ufunc results (operators and reductions too) go through the
//! `__array_wrap__` of the subclass input with the highest `__array_priority__`.
//!
//! The plain path pays one comparison of type pointers (`is_plain`); everything else here runs
//! only for subclass instances.

use crate::common::{wrap, PyNdArray};
use ferronum::Array;
use pyo3::exceptions::PySystemError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyTuple, PyType};
use pyo3::{ffi, intern, PyTypeInfo};
use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};

/// The `ndarray` type object, kept once the module is built so that `is_plain` is one load and
/// one comparison.
static ND_TYPE: AtomicPtr<ffi::PyTypeObject> = AtomicPtr::new(std::ptr::null_mut());

/// PyO3's `tp_new` of `ndarray`, which `tp_new` below calls.
static PYO3_NEW: AtomicUsize = AtomicUsize::new(0);

pub fn init(py: Python<'_>) {
    let tp = PyNdArray::type_object_raw(py);
    ND_TYPE.store(tp, Ordering::Relaxed);
    // SAFETY: `tp` is the live ndarray type, written while the module initialises with the
    // thread attached, before any subclass can be made (subclasses copy the slot when they
    // are created) or any ndarray built from Python. PyO3 always fills `tp_new`.
    unsafe {
        if let Some(f) = (*tp).tp_new {
            PYO3_NEW.store(f as usize, Ordering::Relaxed);
            (*tp).tp_new = Some(tp_new);
        }
    }
}

/// `ndarray.__new__(cls, ...)`: PyO3's constructor, then for a subclass built from arguments
/// (not over an existing array, which `view_like` finalizes from its source)
/// `__array_finalize__(None)`, as NumPy's.
///
/// # Safety
/// CPython's `tp_new` contract: the thread attached, `subtype` a live subtype of ndarray,
/// `args` a live tuple, `kwds` null or a live dict.
unsafe extern "C" fn tp_new(
    subtype: *mut ffi::PyTypeObject,
    args: *mut ffi::PyObject,
    kwds: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: `init` stored PyO3's `tp_new` (a `newfunc`) before installing this one.
    let pyo3_new: ffi::newfunc = unsafe { std::mem::transmute(PYO3_NEW.load(Ordering::Relaxed)) };
    // SAFETY: the arguments are passed through under the same contract.
    let obj = unsafe { pyo3_new(subtype, args, kwds) };
    if obj.is_null() || subtype == ND_TYPE.load(Ordering::Relaxed) {
        return obj;
    }
    // SAFETY: the `tp_new` contract attaches the thread; the token does not outlive the call.
    let py = unsafe { Python::assume_attached() };
    // SAFETY: `obj` is the new reference PyO3's constructor returned; `args` a live tuple.
    let (obj, args) = unsafe {
        (
            Bound::from_owned_ptr(py, obj),
            Bound::from_borrowed_ptr(py, args).cast_into_unchecked::<PyTuple>(),
        )
    };
    let over_array = args
        .get_item(0)
        .is_ok_and(|a| a.cast::<ViewSource>().is_ok());
    if over_array {
        return obj.into_ptr();
    }
    let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        finalize(&obj, &py.None().into_bound(py))
    }));
    match done.unwrap_or_else(|p| Err(crate::errors::panic_error(p))) {
        Ok(()) => obj.into_ptr(),
        Err(e) => {
            e.restore(py);
            std::ptr::null_mut()
        }
    }
}

/// True when `obj`'s type is `ndarray` itself (for objects known to be ndarrays).
#[inline]
pub fn is_exact(obj: &Bound<'_, PyAny>) -> bool {
    obj.get_type_ptr() == ND_TYPE.load(Ordering::Relaxed)
}

/// True unless `obj` is an instance of a Python subclass of `ndarray` (anything that is not an
/// ndarray at all counts as plain: it has no subclass to keep).
#[inline]
pub fn is_plain(obj: &Bound<'_, PyAny>) -> bool {
    let t = obj.get_type_ptr();
    t == ND_TYPE.load(Ordering::Relaxed) || !is_nd_subclass(t)
}

#[inline(never)]
fn is_nd_subclass(t: *mut ffi::PyTypeObject) -> bool {
    // SAFETY: both are live type objects (`t` is the type of a live object; ND_TYPE is set
    // at module initialisation and the type lives as long as the module).
    unsafe { ffi::PyType_IsSubtype(t, ND_TYPE.load(Ordering::Relaxed)) != 0 }
}

/// The engine array a new subclass instance is built over: `ndarray.__new__(cls, ViewSource)`
/// takes it (see `PyNdArray::py_new`), which lets PyO3 allocate the subclass object with its
/// `__dict__`.
#[pyclass(module = "ferronum", frozen)]
pub struct ViewSource(pub Array);

/// A new instance of `cls` (ndarray or a subclass of it) over `a`, without
/// `__array_finalize__`.
pub fn new_of_type(py: Python<'_>, cls: &Bound<'_, PyType>, a: Array) -> PyResult<Py<PyAny>> {
    if cls.as_type_ptr() == ND_TYPE.load(Ordering::Relaxed) {
        return wrap(py, a);
    }
    let owns = a.owns_data();
    let args = PyTuple::new(py, [Py::new(py, ViewSource(a))?])?;
    let nd = ND_TYPE.load(Ordering::Relaxed);
    // SAFETY: `nd` is the live ndarray type, whose `tp_new` PyO3 always fills; `cls` is a
    // subtype of it (callers check), so that `tp_new` allocates an object of `cls` (the
    // subtype's own size, its `__dict__`) and initialises the ndarray part from the argument
    // tuple, which holds the ViewSource `py_new` expects. It returns a new reference or null
    // with an exception set.
    let obj = unsafe {
        let tp_new = (*nd)
            .tp_new
            .ok_or_else(|| PySystemError::new_err("ndarray has no tp_new"))?;
        let p = tp_new(cls.as_type_ptr(), args.as_ptr(), std::ptr::null_mut());
        Bound::from_owned_ptr_or_err(py, p)?
    };
    // (`tp_new` above leaves finalizing to the caller: the argument is a ViewSource.)
    if owns {
        crate::common::claim_owner(obj.cast::<PyNdArray>()?);
    }
    Ok(obj.unbind())
}

/// Runs `obj.__array_finalize__(src)` unless the class keeps ndarray's own (which does
/// nothing).
pub fn finalize(obj: &Bound<'_, PyAny>, src: &Bound<'_, PyAny>) -> PyResult<()> {
    let py = obj.py();
    let f = obj.get_type().getattr(intern!(py, "__array_finalize__"))?;
    if f.is(default_attr(py, "__array_finalize__")?) || f.is_none() {
        return Ok(());
    }
    obj.getattr(intern!(py, "__array_finalize__"))?
        .call1((src,))?;
    Ok(())
}

fn default_attr<'py>(py: Python<'py>, name: &'static str) -> PyResult<&'py Bound<'py, PyAny>> {
    static FIN: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    static WRAP: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let cell = if name == "__array_finalize__" {
        &FIN
    } else {
        &WRAP
    };
    Ok(cell
        .get_or_try_init(py, || -> PyResult<Py<PyAny>> {
            Ok(PyNdArray::type_object(py).getattr(name)?.unbind())
        })?
        .bind(py))
}

/// `a` as an instance of `type(src)`, finalized from `src`: what NumPy gives for a view or
/// copy of a subclass instance (indexing, reshape, transpose, astype, copy, view).
pub fn view_like(py: Python<'_>, src: &Bound<'_, PyAny>, a: Array) -> PyResult<Py<PyAny>> {
    let obj = new_of_type(py, &src.get_type(), a)?;
    finalize(obj.bind(py), src)?;
    Ok(obj)
}

/// A method's result `r` for the subclass instance `src`: a new plain ndarray (not `src`
/// itself, nor a scalar) becomes a view of `type(src)`, finalized from `src`.
pub fn result_like(py: Python<'_>, src: &Bound<'_, PyAny>, r: Py<PyAny>) -> PyResult<Py<PyAny>> {
    let b = r.bind(py);
    if b.get_type_ptr() != ND_TYPE.load(Ordering::Relaxed) {
        return Ok(r);
    }
    let a = b.cast::<PyNdArray>()?.get().inner().clone();
    // The plain object may own the buffer (`base` of views reports it); the subclass view
    // shares it and keeps the plain object alive as its base.
    view_like(py, src, a.clone())
}

/// The input whose `__array_wrap__` NumPy applies to a ufunc's output: among the subclass
/// instances in `inputs`, the first of the highest `__array_priority__`; None when all are
/// plain.
pub fn wrapping_input<'a, 'py>(inputs: &'a [Bound<'py, PyAny>]) -> Option<&'a Bound<'py, PyAny>> {
    let mut best: Option<(&Bound<'py, PyAny>, f64)> = None;
    for x in inputs {
        if is_plain(x) {
            continue;
        }
        let p = x
            .getattr(intern!(x.py(), "__array_priority__"))
            .and_then(|p| p.extract::<f64>())
            .unwrap_or(0.0);
        if best.is_none_or(|(_, b)| p > b) {
            best = Some((x, p));
        }
    }
    best.map(|(x, _)| x)
}

/// A ufunc-like result `r` handed to `w.__array_wrap__` (`w` a subclass instance): ndarray's
/// own wrap makes it a `type(w)` view finalized from `w`, a 0-d one included (NumPy returns
/// scalars only for plain arrays); an overriding `__array_wrap__` is called with the plain
/// result, NumPy's `context` and `return_scalar`.
pub fn apply_wrap(
    py: Python<'_>,
    w: &Bound<'_, PyAny>,
    r: Array,
    context: Option<Bound<'_, PyAny>>,
    return_scalar: bool,
) -> PyResult<Py<PyAny>> {
    let f = w.get_type().getattr(intern!(py, "__array_wrap__"))?;
    if f.is(default_attr(py, "__array_wrap__")?) {
        return view_like(py, w, r);
    }
    let plain = wrap(py, r)?;
    let ctx = match context {
        Some(c) => c,
        None => py.None().into_bound(py),
    };
    let f = w.getattr(intern!(py, "__array_wrap__"))?;
    match f.call1((plain.clone_ref(py), &ctx, return_scalar)) {
        Ok(v) => Ok(v.unbind()),
        // An `__array_wrap__(self, arr, context=None)` of before NumPy 2, which NumPy still
        // calls without `return_scalar`.
        Err(e) if e.is_instance_of::<pyo3::exceptions::PyTypeError>(py) => {
            Ok(f.call1((plain, ctx))?.unbind())
        }
        Err(e) => Err(e),
    }
}

/// NumPy's `context` of a ufunc call: `(ufunc, inputs, output index)`, the ufunc found by name
/// in the extension module.
pub fn context<'py>(
    py: Python<'py>,
    ufunc_name: &str,
    inputs: &[Bound<'py, PyAny>],
) -> PyResult<Bound<'py, PyAny>> {
    let Ok(u) = py.import("ferronum._ferronum")?.getattr(ufunc_name) else {
        return Ok(py.None().into_bound(py));
    };
    Ok(PyTuple::new(
        py,
        [
            u,
            PyTuple::new(py, inputs)?.into_any(),
            0i64.into_pyobject(py)?.into_any(),
        ],
    )?
    .into_any())
}

/// A pickled subclass instance: the plain array `f(*args)` rebuilds, as `cls`, finalized from
/// None as NumPy's unpickling does.
#[pyfunction]
pub fn _rebuild_subclass(
    py: Python<'_>,
    cls: &Bound<'_, PyType>,
    f: &Bound<'_, PyAny>,
    args: &Bound<'_, PyTuple>,
) -> PyResult<Py<PyAny>> {
    let plain = f.call1(args)?;
    let a = plain.cast::<PyNdArray>()?.get().inner().clone();
    if !cls.is_subclass(&PyNdArray::type_object(py))? {
        return Err(pyo3::exceptions::PyValueError::new_err(
            "Type must be a sub-type of ndarray type",
        ));
    }
    let obj = new_of_type(py, cls, a)?;
    finalize(obj.bind(py), &py.None().into_bound(py))?;
    Ok(obj)
}

/// An ndarray's `__reduce__` value `(f, args)` for `obj`: for a subclass instance, rebuilt by
/// `_rebuild_subclass` as its type (NumPy pickles the type, not the instance `__dict__`).
pub fn reduce_for<'py>(
    obj: &Bound<'py, PyAny>,
    r: Bound<'py, PyTuple>,
) -> PyResult<Bound<'py, PyTuple>> {
    if is_exact(obj) {
        return Ok(r);
    }
    let py = obj.py();
    let f = py
        .import("ferronum._ferronum")?
        .getattr("_rebuild_subclass")?;
    let args = PyTuple::new(
        py,
        [obj.get_type().into_any(), r.get_item(0)?, r.get_item(1)?],
    )?;
    PyTuple::new(py, [f, args.into_any()])
}

/// `_like(src, r)`: the result `r` of a method written in Python, for the receiver `src`
/// (`result_like` for a subclass instance, `r` itself otherwise).
#[pyfunction]
pub fn _like(py: Python<'_>, src: &Bound<'_, PyAny>, r: Py<PyAny>) -> PyResult<Py<PyAny>> {
    if is_plain(src) {
        return Ok(r);
    }
    result_like(py, src, r)
}

/// A function's new view or copy `a` of its input `src`: of `type(src)`, finalized from it,
/// when `src` is a subclass instance (NumPy's functions that call the method or keep the
/// input's type), else a plain ndarray.
#[inline]
pub fn wrap_like(py: Python<'_>, src: &Bound<'_, PyAny>, a: Array) -> PyResult<Py<PyAny>> {
    if is_plain(src) {
        return wrap(py, a);
    }
    view_like(py, src, a)
}
