//! `ferronum.ndarray`: a frozen Python object around an engine `Array`. Element writes go
//! through the engine's shared buffer, so the object itself never changes after creation.

use crate::common::{shape_of, wrap};
use crate::convert::{self, operand, python_scalar, scalar_for, to_numpy};
use crate::dtypes;
use crate::errors::{guard, guard_nogil, IntoPyResult};
use crate::reductions as R;
use crate::subclass as sub;
use ferronum::ops::indexing::{self, Key};
use ferronum::ops::lanes::{Extreme, Scan};
use ferronum::ops::reduce::Fold;
use ferronum::ops::reduce_args::Spread;
use ferronum::ops::ufunc::{self, BinaryOp, Operand, UnaryOp};
use ferronum::{Array, DType, Element, IndexItem, Order, Wide};
use pyo3::basic::CompareOp;
use pyo3::exceptions::{PyIndexError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyEllipsis, PyList, PySlice, PyTuple};
use pyo3::IntoPyObjectExt;

// The class itself and the helpers every module shares live in `common`, below this module;
// `ufuncs` still names them through here.
pub use crate::common::{wide_to_py, wrap_or_scalar, PyNdArray};

fn parse_int(obj: &Bound<'_, PyAny>) -> PyResult<Option<isize>> {
    if obj.is_instance_of::<pyo3::types::PyBool>() {
        return Ok(None);
    }
    if let Ok(i) = obj.extract::<isize>() {
        return Ok(Some(i));
    }
    Ok(None)
}

/// A slice's start, stop and step as Python reads them (`PySlice_Unpack`, which NumPy's
/// indexing also uses): `None` becomes the default for the step's direction, integers beyond
/// `isize` are clipped, anything else without `__index__` is Python's TypeError, and a zero
/// step is Python's ValueError. Reading the three fields this way costs no attribute lookups.
fn slice_item(s: &Bound<'_, PySlice>) -> PyResult<IndexItem> {
    let (mut start, mut stop, mut step) = (0isize, 0isize, 0isize);
    // SAFETY: `s` is a live slice object, the thread is attached, and the three out-pointers
    // are valid for writes; on failure the function returns -1 with the exception set.
    let rc = unsafe { pyo3::ffi::PySlice_Unpack(s.as_ptr(), &mut start, &mut stop, &mut step) };
    if rc < 0 {
        return Err(PyErr::fetch(s.py()));
    }
    Ok(IndexItem::Slice {
        start: Some(start),
        stop: Some(stop),
        step: Some(step),
    })
}

/// The index when it is one integer (a Python `int`, not a bool) or one slice, the keys of
/// most indexing in loops: these skip the general parse. `None` for everything else,
/// integers beyond `isize` included (the general path gives their error).
fn single_basic_key(key: &Bound<'_, PyAny>) -> PyResult<Option<IndexItem>> {
    if key.is_exact_instance_of::<pyo3::types::PyInt>() {
        return Ok(key.extract::<isize>().ok().map(IndexItem::Int));
    }
    if let Ok(s) = key.cast::<PySlice>() {
        return slice_item(s).map(Some);
    }
    Ok(None)
}

/// One item of an index: NumPy's kinds, in NumPy's order of tests. Python and NumPy bools are
/// masks (not integers); anything else that is not an integer, slice, `...` or `None` must be
/// an array (a list, tuple, NumPy or ferronum array) of integers or booleans.
pub(crate) fn index_key(obj: &Bound<'_, PyAny>) -> PyResult<Key> {
    if let Some(item) = single_basic_key(obj)? {
        return Ok(Key::Basic(item));
    }
    if obj.is_none() {
        return Ok(Key::Basic(IndexItem::NewAxis));
    }
    if obj.is_instance_of::<PyEllipsis>() {
        return Ok(Key::Basic(IndexItem::Ellipsis));
    }
    let is_container = obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>();
    let is_array = obj.cast::<PyNdArray>().is_ok() || obj.cast::<numpy::PyUntypedArray>().is_ok();
    if !is_container && !is_array {
        if let Some(i) = parse_int(obj)? {
            return Ok(Key::Basic(IndexItem::Int(i)));
        }
    }
    let not_an_index = || PyIndexError::new_err(indexing::NOT_AN_INDEX);
    if !is_container && !is_array {
        // Only bools (Python's and NumPy's) remain that NumPy accepts here.
        let is_bool = obj.is_instance_of::<pyo3::types::PyBool>()
            || obj.get_type().name().is_ok_and(|n| n == "bool");
        if !is_bool {
            return Err(not_an_index());
        }
    }
    // A ragged list raises what converting it raises; anything else unconvertible is no index.
    let arr = if is_container {
        convert::to_array(obj)?
    } else {
        convert::to_array(obj).map_err(|_| not_an_index())?
    };
    Ok(match arr.dtype() {
        DType::Bool => Key::Mask(arr),
        // An empty list is an empty integer index, not the float64 array it converts to.
        _ if is_container && arr.size() == 0 => {
            Key::Ints(arr.astype(DType::I64).map_err(|_| not_an_index())?)
        }
        d if d.is_integer() => Key::Ints(arr),
        // Lists of other numbers are no index; arrays of them are the wrong kind of array.
        _ if is_container => return Err(not_an_index()),
        _ => Key::Ints(arr),
    })
}

fn parse_index(key: &Bound<'_, PyAny>) -> PyResult<Vec<Key>> {
    if let Ok(t) = key.cast::<PyTuple>() {
        t.iter().map(|k| index_key(&k)).collect()
    } else {
        Ok(vec![index_key(key)?])
    }
}

/// A ferronum integer or bool array of at least one dimension used as the whole index (`a[idx]`,
/// `a[mask]`): its key without the general parse (the common advanced index, taken per call).
fn array_key(key: &Bound<'_, PyAny>) -> Option<Key> {
    let k = key.cast::<PyNdArray>().ok()?.get().inner();
    match k.dtype() {
        _ if k.ndim() == 0 => None,
        DType::Bool => Some(Key::Mask(k.clone())),
        d if d.is_integer() => Some(Key::Ints(k.clone())),
        _ => None,
    }
}

/// A string stored into a numeric array is parsed as NumPy parses it, by Python's `float`,
/// `int`, `complex` or `bool` of the string (so `"abc"` raises Python's ValueError).
fn string_value<'py>(value: &Bound<'py, PyAny>, d: DType) -> PyResult<Option<Bound<'py, PyAny>>> {
    if !value.is_instance_of::<pyo3::types::PyString>() {
        return Ok(None);
    }
    let name = match d {
        DType::Bool => "bool",
        d if d.is_complex() => "complex",
        d if d.is_float() => "float",
        _ => "int",
    };
    let builtins = value.py().import("builtins")?;
    builtins.getattr(name)?.call1((value,)).map(Some)
}

/// A full integer index (one int per axis, nothing else) selects a scalar.
fn selects_scalar(keys: &[Key], ndim: usize) -> bool {
    keys.len() == ndim
        && keys
            .iter()
            .all(|k| matches!(k, Key::Basic(IndexItem::Int(_))))
}

/// True when the interpreter's evaluation stack holds the only reference to `obj`: an
/// intermediate like the `a - b` in `(a - b) ** 2`, whose buffer the next operation may reuse.
///
/// From CPython 3.14 the interpreter pushes borrowed references to local variables, so a
/// reference count of one no longer proves it (`y = x + 1` sees `x` counted once while `x` is
/// still a live name); there the interpreter's own test answers, which also checks that the
/// reference is the evaluation stack's. Before 3.14 every load of a name takes a new reference,
/// so a count of one means no name, container or frame holds the object. The free-threaded
/// build shares objects between threads without the GIL: no elision there.
#[allow(unreachable_code)]
fn is_temporary(obj: &Bound<'_, PyAny>) -> bool {
    #[cfg(Py_GIL_DISABLED)]
    return false;
    #[cfg(all(Py_3_14, not(Py_GIL_DISABLED)))]
    // SAFETY: `obj` is a live object and the GIL is held.
    return unsafe { pyo3::ffi::PyUnstable_Object_IsUniqueReferencedTemporary(obj.as_ptr()) == 1 };
    // SAFETY: reading the reference count of a live object.
    unsafe { pyo3::ffi::Py_REFCNT(obj.as_ptr()) == 1 }
}

fn binop(
    py: Python<'_>,
    op: BinaryOp,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let (x, y) = match (operand(a), operand(b)) {
        (Ok(x), Ok(y)) => (x, y),
        _ => return Ok(py.NotImplemented()),
    };
    // `array + other` gives way to `other.__radd__` where NumPy's would: an `other` converted
    // from a foreign type that sets `__array_ufunc__ = None` or a higher `__array_priority__`.
    if matches!(x, convert::Owned::Borrowed(_))
        && matches!(y, convert::Owned::Array(_))
        && should_defer(a, b)
    {
        return Ok(py.NotImplemented());
    }
    // A borrowed operand is an ndarray; one of a Python subclass takes the wrapping path.
    if (matches!(x, convert::Owned::Borrowed(_)) && !sub::is_exact(a))
        || (matches!(y, convert::Owned::Borrowed(_)) && !sub::is_exact(b))
    {
        let r = guard_nogil(py, x.size().max(y.size()), || {
            ufunc::binary(op, x.as_operand(), y.as_operand(), None)
        })?;
        return wrap_ufunc_result(py, op.name(), &[a.clone(), b.clone()], r);
    }
    let work = x.size().max(y.size());
    match &x {
        convert::Owned::Borrowed(xa) if is_temporary(a) => {
            let r = guard_nogil(py, work, || {
                ufunc::binary_reusing(op, xa, y.as_operand(), true)
            })?;
            wrap_reused(py, a, xa, r)
        }
        _ => {
            let r = guard_nogil(py, work, || {
                ufunc::binary(op, x.as_operand(), y.as_operand(), None)
            })?;
            wrap_or_scalar(py, r)
        }
    }
}

/// NumPy's `binop_should_defer` for `a op b`, `a` an ndarray and `b` an object of another
/// type that converts to an array: defer when `b`'s type sets `__array_ufunc__ = None`, or has
/// no `__array_ufunc__`, is no subclass of `a`'s type and a higher `__array_priority__`
/// (NumPy's default for objects without one is -1e6). Lists and tuples never defer.
#[cold]
fn should_defer(a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> bool {
    if b.is_exact_instance_of::<PyList>() || b.is_exact_instance_of::<PyTuple>() {
        return false;
    }
    let py = b.py();
    let tb = b.get_type();
    if let Ok(u) = tb.getattr(pyo3::intern!(py, "__array_ufunc__")) {
        return u.is_none();
    }
    if tb.is_subclass(&a.get_type()).unwrap_or(false) {
        return false;
    }
    let prio = |o: &Bound<'_, PyAny>, default: f64| {
        o.getattr(pyo3::intern!(py, "__array_priority__"))
            .and_then(|p| p.extract::<f64>())
            .unwrap_or(default)
    };
    prio(a, 0.0) < prio(b, -1e6)
}

/// The result of an operation that may have written into temporary `a`'s buffer (`xa`): when
/// it did, `a`'s own object, which nothing else references, instead of a new one.
fn wrap_reused(py: Python<'_>, a: &Bound<'_, PyAny>, xa: &Array, r: Array) -> PyResult<Py<PyAny>> {
    if r.ndim() > 0
        && r.data_ptr() == xa.data_ptr()
        && r.dtype() == xa.dtype()
        && r.layout() == xa.layout()
    {
        return Ok(a.clone().unbind());
    }
    wrap_or_scalar(py, r)
}

fn inplace(
    py: Python<'_>,
    op: BinaryOp,
    slf: &Bound<'_, PyNdArray>,
    b: &Bound<'_, PyAny>,
) -> PyResult<()> {
    let y = operand(b)?;
    let a = slf.get().inner();
    guard_nogil(py, a.size(), || {
        ufunc::binary(op, Operand::Array(a), y.as_operand(), Some(a))
    })?;
    Ok(())
}

fn unop(py: Python<'_>, op: UnaryOp, slf: &Bound<'_, PyNdArray>) -> PyResult<Py<PyAny>> {
    let a = slf.get().inner();
    let r = guard_nogil(py, a.size(), || ufunc::unary(op, a, None))?;
    if !sub::is_exact(slf.as_any()) {
        return wrap_ufunc_result(py, op.name(), &[slf.clone().into_any()], r);
    }
    wrap_or_scalar(py, r)
}

/// A ufunc's result when an input is a subclass instance: through the `__array_wrap__` NumPy
/// picks (`crate::subclass`), with NumPy's context `(ufunc, inputs, 0)`.
#[cold]
pub(crate) fn wrap_ufunc_result(
    py: Python<'_>,
    name: &str,
    inputs: &[Bound<'_, PyAny>],
    r: Array,
) -> PyResult<Py<PyAny>> {
    match sub::wrapping_input(inputs) {
        Some(w) => sub::apply_wrap(py, w, r, Some(sub::context(py, name, inputs)?), false),
        None => wrap_or_scalar(py, r),
    }
}

/// A method's new array `r` for the receiver `slf`: for a subclass instance, a view of its
/// type finalized from it (NumPy's views and copies keep the subclass). `out` given: `r` is
/// that object and stays as it is.
#[inline]
fn keep_type(
    slf: &Bound<'_, PyNdArray>,
    r: PyResult<Py<PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    if sub::is_exact(slf.as_any()) || out.is_some_and(|o| !o.is_none()) {
        return r;
    }
    sub::result_like(slf.py(), slf.as_any(), r?)
}

/// Shape arguments given as `f(2, 3)` or `f((2, 3))`.
pub fn shape_args(args: &Bound<'_, PyTuple>) -> PyResult<Vec<isize>> {
    if args.len() == 1 {
        let a = args.get_item(0)?;
        if let Ok(v) = a.extract::<Vec<isize>>() {
            return Ok(v);
        }
        return Ok(vec![a.extract::<isize>()?]);
    }
    args.extract::<Vec<isize>>()
}

#[pymethods]
impl PyNdArray {
    #[classattr]
    #[allow(non_upper_case_globals)]
    const __array_priority__: f64 = 10.0;

    /// NumPy's ufuncs on ferronum arrays run ferronum's (NEP 13): see
    /// `protocols::array_ufunc`.
    #[pyo3(signature = (ufunc, method, *inputs, **kwargs))]
    fn __array_ufunc__<'py>(
        slf: &Bound<'py, Self>,
        ufunc: &Bound<'py, PyAny>,
        method: &Bound<'py, PyAny>,
        inputs: &Bound<'py, PyTuple>,
        kwargs: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        crate::protocols::array_ufunc(slf, ufunc, method, inputs, kwargs)
    }

    /// NumPy's `ndarray(shape, dtype=float, buffer=None, offset=0, strides=None, order=None)`:
    /// zeros, or a view of `buffer`'s memory (a ferronum array or any buffer-protocol object)
    /// from byte `offset` with byte `strides`. For a subclass, `__array_finalize__(None)`
    /// follows (`crate::subclass`'s `tp_new`).
    #[new]
    #[pyo3(signature = (shape, dtype=None, buffer=None, offset=0, strides=None, order=None))]
    fn py_new(
        py: Python<'_>,
        shape: &Bound<'_, PyAny>,
        dtype: Option<&Bound<'_, PyAny>>,
        buffer: Option<&Bound<'_, PyAny>>,
        offset: isize,
        strides: Option<&Bound<'_, PyAny>>,
        order: Option<&str>,
    ) -> PyResult<Self> {
        // `crate::subclass::new_of_type` builds subclass instances over an existing array.
        if let Ok(v) = shape.cast::<sub::ViewSource>() {
            return Ok(PyNdArray::new(v.get().0.clone()));
        }
        let dt = dtypes::parse(dtype)?.unwrap_or(DType::F64);
        let shape = shape_of(shape)?;
        let fortran = match order {
            None | Some("C") | Some("c") | Some("A") | Some("a") | Some("K") | Some("k") => false,
            Some("F") | Some("f") => true,
            Some(o) => {
                return Err(PyValueError::new_err(format!(
                    "order must be one of 'C', 'F', 'A', or 'K' (got '{o}')"
                )))
            }
        };
        let strides = strides
            .filter(|s| !s.is_none())
            .map(|s| s.extract::<Vec<isize>>())
            .transpose()?;
        let buffer = buffer.filter(|b| !b.is_none());
        if buffer.is_none() && strides.is_none() {
            let o = if fortran { Order::F } else { Order::C };
            let a = guard(py, || {
                let a = Array::uninit_order(&shape, dt, o)?;
                a.fill(Wide::Bool(false))?;
                Ok(a)
            })?;
            return Ok(PyNdArray::new(a));
        }
        let (raw, offset) = match buffer {
            None => (
                Array::zeros(
                    &[shape.iter().product::<usize>() * dt.itemsize()],
                    DType::U8,
                )
                .py(py)?,
                0,
            ),
            Some(b) => {
                let raw = match b.cast::<PyNdArray>() {
                    Ok(nd) => nd.get().inner().clone(),
                    Err(_) => {
                        let fb = py.import("ferronum")?.getattr("frombuffer")?;
                        convert::to_array(&fb.call1((b, "u1"))?)?
                    }
                };
                if !(raw.is_c_contiguous() || raw.is_f_contiguous()) {
                    return Err(PyValueError::new_err("ndarray is not contiguous"));
                }
                (raw, offset)
            }
        };
        let a = guard(py, || {
            raw.view_bytes(&shape, dt, offset, strides.as_deref(), fortran)
        })?;
        Ok(PyNdArray::new(a))
    }

    // ---- attributes ----------------------------------------------------------------------

    #[getter]
    fn shape<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.meta().shape())
    }

    #[getter]
    fn dtype<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(dtypes::to_py(py, self.meta().dtype())?.into_any())
    }

    #[getter]
    fn ndim(&self) -> usize {
        self.meta().ndim()
    }

    #[getter]
    fn size(&self) -> usize {
        self.meta().size()
    }

    #[getter]
    fn itemsize(&self) -> usize {
        self.meta().itemsize()
    }

    #[getter]
    fn nbytes(&self) -> usize {
        self.meta().nbytes()
    }

    #[getter]
    fn strides<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.meta().byte_strides())
    }

    #[getter(T)]
    fn transpose_attr(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        keep_type(
            slf,
            wrap(py, slf.get().inner().transpose(None).py(py)?),
            None,
        )
    }

    /// A snapshot of the flags that writes `writeable` through to this array, as NumPy's.
    #[getter]
    fn flags(slf: &Bound<'_, Self>) -> Flags {
        let a = slf.get().meta();
        Flags {
            c_contiguous: a.is_c_contiguous(),
            f_contiguous: a.is_f_contiguous(),
            writeable: a.is_writeable(),
            owndata: a.owns_data(),
            arr: slf.clone().unbind(),
        }
    }

    /// `setflags(write=None, align=None, uic=None)`.
    #[pyo3(signature = (write=None, align=None, uic=None))]
    fn setflags(
        slf: &Bound<'_, Self>,
        write: Option<bool>,
        align: Option<bool>,
        uic: Option<bool>,
    ) -> PyResult<()> {
        set_flag(slf, write, align, uic)
    }

    /// `ndarray.flat`: NumPy's flat iterator over this array.
    #[getter]
    fn flat(slf: &Bound<'_, Self>) -> crate::flatiter::FlatIter {
        crate::flatiter::FlatIter::new(slf.clone().unbind())
    }

    /// `a.flat = value`: every element, the values repeated as needed.
    #[setter(flat)]
    fn set_flat(slf: &Bound<'_, Self>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let py = slf.py();
        let a = slf.get().inner();
        let v = convert::to_array(value)?;
        guard(py, || a.check_writeable_as("array is read-only"))?;
        let all = ferronum::ops::flat::FlatKey::Slice(ferronum::ops::flat::ALL);
        guard_nogil(py, a.size(), || ferronum::ops::flat::set(a, &all, &v))
    }

    #[getter]
    fn base(slf: &Bound<'_, Self>) -> PyResult<Option<Py<PyAny>>> {
        slf.get().base_object(slf.py())
    }

    #[getter(__array_interface__)]
    fn array_interface<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        let a = self.inner();
        d.set_item("shape", PyTuple::new(py, a.shape())?)?;
        d.set_item("typestr", dtypes::to_py(py, a.dtype())?.getattr("str")?)?;
        d.set_item("data", (a.data_ptr() as usize, !a.is_writeable()))?;
        d.set_item("strides", PyTuple::new(py, a.byte_strides())?)?;
        d.set_item("version", 3)?;
        Ok(d)
    }

    /// NumPy's `__array__` protocol, with NumPy 2's `copy=` keyword.
    #[pyo3(signature = (dtype=None, copy=None))]
    fn __array__<'py>(
        slf: &Bound<'py, Self>,
        dtype: Option<&Bound<'py, PyAny>>,
        copy: Option<bool>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let a = slf.get().inner();
        let want = dtypes::parse(dtype)?.unwrap_or(a.dtype());
        if want != a.dtype() || copy == Some(true) {
            if copy == Some(false) {
                return Err(PyValueError::new_err(
                    "Unable to avoid copy while creating an array as requested.",
                ));
            }
            let c = guard(py, || a.astype(want))?;
            let owner = Py::new(py, PyNdArray::new(c.clone()))?
                .into_bound(py)
                .into_any();
            return to_numpy(py, &c, &owner);
        }
        to_numpy(py, a, slf.as_any())
    }

    // ---- conversions ---------------------------------------------------------------------

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        crate::printing::repr(slf)
    }

    fn __str__(&self, py: Python<'_>) -> PyResult<String> {
        crate::printing::str(py, self)
    }

    /// NumPy's `format(x, spec)`: a 0-d array formats its Python value (`f"{x:.3f}"` works, and
    /// `f"{x}"` of float16 16.125 is "16.125"); other arrays take only the empty spec.
    fn __format__(slf: &Bound<'_, Self>, spec: &str) -> PyResult<Py<PyAny>> {
        if slf.get().inner().ndim() == 0 {
            let v = slf.call_method0("item")?;
            return Ok(v.call_method1("__format__", (spec,))?.unbind());
        }
        if !spec.is_empty() {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "unsupported format string passed to ferronum.ndarray.__format__",
            ));
        }
        Ok(slf.str()?.into_any().unbind())
    }

    fn tolist(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let a = self.inner();
        let vals = a.to_wide_vec();
        fn build(py: Python<'_>, vals: &[Wide], shape: &[usize], d: DType) -> PyResult<Py<PyAny>> {
            if shape.is_empty() {
                return wide_to_py(py, vals[0], d);
            }
            let n = shape[0];
            let step: usize = shape[1..].iter().product();
            let items = (0..n)
                .map(|i| build(py, &vals[i * step..(i + 1) * step], &shape[1..], d))
                .collect::<PyResult<Vec<_>>>()?;
            Ok(PyList::new(py, items)?.into_any().unbind())
        }
        build(py, &vals, a.shape(), a.dtype())
    }

    #[pyo3(signature = (*args))]
    fn item(&self, py: Python<'_>, args: &Bound<'_, PyTuple>) -> PyResult<Py<PyAny>> {
        let a = self.inner();
        let v = match args.len() {
            0 => a.item().py(py)?,
            _ => {
                let idx: Vec<isize> = if args.len() == 1 {
                    let a0 = args.get_item(0)?;
                    match a0.extract::<isize>() {
                        Ok(i) => vec![i],
                        Err(_) => a0.extract()?,
                    }
                } else {
                    args.extract()?
                };
                let pos: Vec<usize> = if idx.len() == 1 && a.ndim() != 1 {
                    let n = a.size() as isize;
                    let i = if idx[0] < 0 { idx[0] + n } else { idx[0] };
                    if i < 0 || i >= n {
                        return Err(PyIndexError::new_err("index out of bounds"));
                    }
                    let mut rem = i as usize;
                    let mut pos = vec![0; a.ndim()];
                    for k in (0..a.ndim()).rev() {
                        pos[k] = rem % a.shape()[k];
                        rem /= a.shape()[k];
                    }
                    pos
                } else {
                    if idx.len() != a.ndim() {
                        return Err(PyValueError::new_err(
                            "incorrect number of indices for array",
                        ));
                    }
                    idx.iter()
                        .zip(a.shape())
                        .map(|(&i, &d)| {
                            let j = if i < 0 { i + d as isize } else { i };
                            if j < 0 || j >= d as isize {
                                Err(PyIndexError::new_err("index out of bounds"))
                            } else {
                                Ok(j as usize)
                            }
                        })
                        .collect::<PyResult<_>>()?
                };
                a.get(&pos).py(py)?
            }
        };
        wide_to_py(py, v, a.dtype())
    }

    fn __len__(&self) -> PyResult<usize> {
        match self.meta().shape().first() {
            Some(&n) => Ok(n),
            None => Err(PyTypeError::new_err("len() of unsized object")),
        }
    }

    fn __iter__(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let a = slf.get().inner();
        if a.ndim() == 0 {
            return Err(PyTypeError::new_err("iteration over a 0-d array"));
        }
        let items = (0..a.shape()[0])
            .map(|i| {
                let r = wrap_or_scalar(py, a.index(&[IndexItem::Int(i as isize)]).py(py)?);
                keep_type(slf, r, None)
            })
            .collect::<PyResult<Vec<_>>>()?;
        Ok(PyList::new(py, items)?.try_iter()?.into_any().unbind())
    }

    fn __bool__(&self, py: Python<'_>) -> PyResult<bool> {
        match self.inner().size() {
            1 => Ok(bool::from_wide(self.inner().item().py(py)?)),
            0 => Err(PyValueError::new_err("The truth value of an empty array is ambiguous. Use `array.size > 0` to check that an array is not empty.")),
            _ => Err(PyValueError::new_err("The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()")),
        }
    }

    fn __float__(&self, py: Python<'_>) -> PyResult<f64> {
        Ok(self.real_scalar_value(py, "float")?.to_f64())
    }

    fn __int__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        match self.real_scalar_value(py, "int")? {
            Wide::Bool(b) => (b as i64).into_py_any(py),
            Wide::I(i) => i.into_py_any(py),
            Wide::U(u) => u.into_py_any(py),
            w => {
                let f = w.to_f64();
                py.import("builtins")?
                    .getattr("int")?
                    .call1((f,))
                    .map(|o| o.unbind())
            }
        }
    }

    fn __complex__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyComplex>> {
        let (re, im) = match self.scalar_value(py)? {
            Wide::C(re, im) => (re, im),
            w => (w.to_f64(), 0.0),
        };
        Ok(pyo3::types::PyComplex::from_doubles(py, re, im))
    }

    fn __index__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        if !self.inner().dtype().is_integer() || self.inner().ndim() != 0 {
            return Err(PyTypeError::new_err(
                "only integer scalar arrays can be converted to a scalar index",
            ));
        }
        self.__int__(py)
    }

    // ---- shape and copies ----------------------------------------------------------------

    #[pyo3(signature = (dtype, order="K", casting="unsafe", subok=true, copy=Truthy(true)))]
    fn astype(
        slf: &Bound<'_, Self>,
        dtype: &Bound<'_, PyAny>,
        order: &str,
        casting: &str,
        subok: bool,
        copy: Truthy,
    ) -> PyResult<Py<PyAny>> {
        let _ = casting;
        let copy = copy.0;
        let py = slf.py();
        let a = slf.get().inner();
        let dt = dtypes::parse(Some(dtype))?.unwrap_or(DType::F64);
        let o = ferronum::ops::manip::ReshapeOrder::parse(order).py(py)?;
        let laid_out = match o {
            ferronum::ops::manip::ReshapeOrder::A => a.is_c_contiguous() || a.is_f_contiguous(),
            o => ferronum::ops::manip::has_order(a, o),
        };
        if dt == a.dtype() && !copy && laid_out {
            return Ok(slf.clone().into_any().unbind());
        }
        ferronum::warn::complex_cast(a.dtype(), dt);
        let r = guard_nogil(py, a.size(), || ferronum::ops::manip::copy_like(a, dt, o))?;
        if subok {
            keep_type(slf, wrap(py, r), None)
        } else {
            wrap(py, r)
        }
    }

    #[pyo3(signature = (order="C"))]
    fn copy(slf: &Bound<'_, Self>, order: &str) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let o = ferronum::ops::manip::ReshapeOrder::parse(order).py(py)?;
        let a = slf.get().inner();
        let r = guard_nogil(py, a.size(), || {
            ferronum::ops::manip::copy_like(a, a.dtype(), o)
        })?;
        keep_type(slf, wrap(py, r), None)
    }

    #[pyo3(signature = (*shape, order="C", copy=None))]
    fn reshape(
        slf: &Bound<'_, Self>,
        shape: &Bound<'_, PyTuple>,
        order: &str,
        copy: Option<bool>,
    ) -> PyResult<Py<PyAny>> {
        if order != "C" {
            return Err(PyValueError::new_err(
                "ferronum supports only order='C' in reshape",
            ));
        }
        let py = slf.py();
        let s = shape_args(shape)?;
        let a = slf.get().inner();
        let r = match copy {
            Some(false) => match guard(py, || a.reshape_view(&s))? {
                Some(v) => v,
                None => {
                    return Err(PyValueError::new_err(
                        "Unable to avoid creating a copy while reshaping.",
                    ))
                }
            },
            Some(true) => guard(py, || a.copy(Order::C)?.reshape(&s))?,
            None => guard(py, || a.reshape(&s))?,
        };
        keep_type(slf, wrap(py, r), None)
    }

    #[pyo3(signature = (order=Some("C")))]
    fn ravel(slf: &Bound<'_, Self>, order: Option<&str>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let o = ferronum::ops::manip::ReshapeOrder::parse(order.unwrap_or("C")).py(py)?;
        let r = guard(py, || ferronum::ops::manip::ravel(slf.get().inner(), o))?;
        keep_type(slf, wrap(py, r), None)
    }

    #[pyo3(signature = (order=Some("C")))]
    fn flatten(slf: &Bound<'_, Self>, order: Option<&str>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let o = ferronum::ops::manip::ReshapeOrder::parse(order.unwrap_or("C")).py(py)?;
        let r = guard(py, || ferronum::ops::manip::flatten(slf.get().inner(), o))?;
        keep_type(slf, wrap(py, r), None)
    }

    #[pyo3(signature = (*axes))]
    fn transpose(slf: &Bound<'_, Self>, axes: &Bound<'_, PyTuple>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let ax: Option<Vec<isize>> =
            if axes.is_empty() || (axes.len() == 1 && axes.get_item(0)?.is_none()) {
                None
            } else {
                Some(shape_args(axes)?)
            };
        let r = guard(py, || slf.get().inner().transpose(ax.as_deref()))?;
        keep_type(slf, wrap(py, r), None)
    }

    fn swapaxes(slf: &Bound<'_, Self>, axis1: isize, axis2: isize) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let r = guard(py, || slf.get().inner().swapaxes(axis1, axis2))?;
        keep_type(slf, wrap(py, r), None)
    }

    /// NumPy's `view([dtype][, type])`: the same memory as another dtype (`Array::view_as`)
    /// and/or as another ndarray type, finalized from this array.
    #[pyo3(signature = (dtype=None, r#type=None))]
    fn view(
        slf: &Bound<'_, Self>,
        dtype: Option<&Bound<'_, PyAny>>,
        r#type: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let nd = <PyNdArray as pyo3::PyTypeInfo>::type_object(py);
        let is_nd_type = |o: &Bound<'_, PyAny>| -> PyResult<bool> {
            match o.cast::<pyo3::types::PyType>() {
                Ok(t) => t.is_subclass(&nd),
                Err(_) => Ok(false),
            }
        };
        let (mut dtype, mut ty) = (
            dtype.filter(|d| !d.is_none()),
            r#type.filter(|t| !t.is_none()),
        );
        if let Some(d) = dtype {
            if is_nd_type(d)? {
                if ty.is_some() {
                    return Err(PyValueError::new_err("Cannot specify output type twice."));
                }
                ty = Some(d);
                dtype = None;
            }
        }
        let cls = match ty {
            None => slf.get_type(),
            Some(t) if is_nd_type(t)? => t.cast::<pyo3::types::PyType>()?.clone(),
            Some(_) => {
                return Err(PyValueError::new_err(
                    "Type must be a sub-type of ndarray type",
                ))
            }
        };
        let a = slf.get().inner();
        let v = match dtype {
            None => a.with_layout(a.layout().clone()),
            Some(d) => {
                let dt = dtypes::parse(Some(d))?.unwrap_or(DType::F64);
                guard(py, || a.view_as(dt))?
            }
        };
        let obj = sub::new_of_type(py, &cls, v)?;
        sub::finalize(obj.bind(py), slf.as_any())?;
        Ok(obj)
    }

    /// Called on every new view or copy of a subclass instance with the array it came from
    /// (None when built from nothing, as by unpickling); ndarray's own does nothing.
    fn __array_finalize__(&self, obj: &Bound<'_, PyAny>) {
        let _ = obj;
    }

    /// NumPy's default `__array_wrap__`: `arr` as this array's type (finalized from this
    /// array), or for a plain array with `return_scalar`, a 0-d result as a scalar.
    #[pyo3(signature = (arr, context=None, return_scalar=false))]
    fn __array_wrap__(
        slf: &Bound<'_, Self>,
        arr: &Bound<'_, PyAny>,
        context: Option<&Bound<'_, PyAny>>,
        return_scalar: bool,
    ) -> PyResult<Py<PyAny>> {
        let _ = context;
        let py = slf.py();
        let a = arr.cast::<PyNdArray>()?.get().inner().clone();
        if sub::is_exact(slf.as_any()) {
            if return_scalar && a.ndim() == 0 {
                return wrap_or_scalar(py, a);
            }
            if sub::is_exact(arr) {
                return Ok(arr.clone().unbind());
            }
            return wrap(py, a);
        }
        if arr.get_type().is(slf.get_type()) {
            return Ok(arr.clone().unbind());
        }
        sub::view_like(py, slf.as_any(), a)
    }

    fn fill(&self, py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let a = self.inner();
        let v = scalar_for(py, value, a.dtype())?;
        guard_nogil(py, a.size(), || a.fill(v))
    }

    // ---- reductions (crate::reductions has the functions) --------------------------------

    #[pyo3(signature = (axis=None, dtype=None, out=None, keepdims=false, initial=None, r#where=None))]
    #[allow(clippy::too_many_arguments)]
    fn sum(
        slf: &Bound<'_, Self>,
        axis: Option<&Bound<'_, PyAny>>,
        dtype: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        keepdims: bool,
        initial: Option<&Bound<'_, PyAny>>,
        r#where: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        R::fold(
            slf.py(),
            Fold::Sum,
            slf.as_any(),
            axis,
            dtype,
            out,
            keepdims,
            initial,
            r#where,
        )
    }

    #[pyo3(signature = (axis=None, dtype=None, out=None, keepdims=false, initial=None, r#where=None))]
    #[allow(clippy::too_many_arguments)]
    fn prod(
        slf: &Bound<'_, Self>,
        axis: Option<&Bound<'_, PyAny>>,
        dtype: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        keepdims: bool,
        initial: Option<&Bound<'_, PyAny>>,
        r#where: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        R::fold(
            slf.py(),
            Fold::Prod,
            slf.as_any(),
            axis,
            dtype,
            out,
            keepdims,
            initial,
            r#where,
        )
    }

    #[pyo3(signature = (axis=None, out=None, keepdims=false, initial=None, r#where=None))]
    fn max(
        slf: &Bound<'_, Self>,
        axis: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        keepdims: bool,
        initial: Option<&Bound<'_, PyAny>>,
        r#where: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        R::fold(
            slf.py(),
            Fold::Max,
            slf.as_any(),
            axis,
            None,
            out,
            keepdims,
            initial,
            r#where,
        )
    }

    #[pyo3(signature = (axis=None, out=None, keepdims=false, initial=None, r#where=None))]
    fn min(
        slf: &Bound<'_, Self>,
        axis: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        keepdims: bool,
        initial: Option<&Bound<'_, PyAny>>,
        r#where: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        R::fold(
            slf.py(),
            Fold::Min,
            slf.as_any(),
            axis,
            None,
            out,
            keepdims,
            initial,
            r#where,
        )
    }

    #[pyo3(signature = (axis=None, out=None, keepdims=false, *, r#where=None))]
    fn any(
        slf: &Bound<'_, Self>,
        axis: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        keepdims: bool,
        r#where: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        R::fold(
            slf.py(),
            Fold::Any,
            slf.as_any(),
            axis,
            None,
            out,
            keepdims,
            None,
            r#where,
        )
    }

    #[pyo3(signature = (axis=None, out=None, keepdims=false, *, r#where=None))]
    fn all(
        slf: &Bound<'_, Self>,
        axis: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        keepdims: bool,
        r#where: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        R::fold(
            slf.py(),
            Fold::All,
            slf.as_any(),
            axis,
            None,
            out,
            keepdims,
            None,
            r#where,
        )
    }

    #[pyo3(signature = (axis=None, dtype=None, out=None, keepdims=false, *, r#where=None))]
    fn mean(
        slf: &Bound<'_, Self>,
        axis: Option<&Bound<'_, PyAny>>,
        dtype: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        keepdims: bool,
        r#where: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        R::mean(slf.py(), slf.as_any(), axis, dtype, out, keepdims, r#where)
    }

    #[pyo3(signature = (axis=None, dtype=None, out=None, ddof=None, keepdims=false, *, r#where=None, mean=None, correction=None))]
    #[allow(clippy::too_many_arguments)]
    fn var(
        slf: &Bound<'_, Self>,
        axis: Option<&Bound<'_, PyAny>>,
        dtype: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        ddof: Option<f64>,
        keepdims: bool,
        r#where: Option<&Bound<'_, PyAny>>,
        mean: Option<&Bound<'_, PyAny>>,
        correction: Option<f64>,
    ) -> PyResult<Py<PyAny>> {
        R::var_like(
            slf.py(),
            Spread::Var,
            slf.as_any(),
            axis,
            dtype,
            out,
            ddof,
            keepdims,
            r#where,
            mean,
            correction,
        )
    }

    #[pyo3(signature = (axis=None, dtype=None, out=None, ddof=None, keepdims=false, *, r#where=None, mean=None, correction=None))]
    #[allow(clippy::too_many_arguments)]
    fn std(
        slf: &Bound<'_, Self>,
        axis: Option<&Bound<'_, PyAny>>,
        dtype: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        ddof: Option<f64>,
        keepdims: bool,
        r#where: Option<&Bound<'_, PyAny>>,
        mean: Option<&Bound<'_, PyAny>>,
        correction: Option<f64>,
    ) -> PyResult<Py<PyAny>> {
        R::var_like(
            slf.py(),
            Spread::Std,
            slf.as_any(),
            axis,
            dtype,
            out,
            ddof,
            keepdims,
            r#where,
            mean,
            correction,
        )
    }

    #[pyo3(signature = (axis=None, out=None, *, keepdims=false))]
    fn argmax(
        slf: &Bound<'_, Self>,
        axis: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        keepdims: bool,
    ) -> PyResult<Py<PyAny>> {
        R::arg(
            slf.py(),
            Extreme::Max,
            false,
            slf.as_any(),
            axis,
            out,
            keepdims,
        )
    }

    #[pyo3(signature = (axis=None, out=None, *, keepdims=false))]
    fn argmin(
        slf: &Bound<'_, Self>,
        axis: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        keepdims: bool,
    ) -> PyResult<Py<PyAny>> {
        R::arg(
            slf.py(),
            Extreme::Min,
            false,
            slf.as_any(),
            axis,
            out,
            keepdims,
        )
    }

    #[pyo3(signature = (axis=None, dtype=None, out=None))]
    fn cumsum(
        slf: &Bound<'_, Self>,
        axis: Option<&Bound<'_, PyAny>>,
        dtype: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        R::scan(slf.py(), Scan::Sum, false, slf.as_any(), axis, dtype, out)
    }

    #[pyo3(signature = (axis=None, dtype=None, out=None))]
    fn cumprod(
        slf: &Bound<'_, Self>,
        axis: Option<&Bound<'_, PyAny>>,
        dtype: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        R::scan(slf.py(), Scan::Prod, false, slf.as_any(), axis, dtype, out)
    }

    // ---- indexing ------------------------------------------------------------------------

    fn nonzero(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        crate::index_fns::nonzero(slf.py(), slf.as_any())
    }

    #[pyo3(signature = (indices, axis=None, out=None, mode="raise"))]
    fn take(
        slf: &Bound<'_, Self>,
        indices: &Bound<'_, PyAny>,
        axis: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        mode: &str,
    ) -> PyResult<Py<PyAny>> {
        let r = crate::index_fns::take(slf.py(), slf.as_any(), indices, axis, out, mode);
        keep_type(slf, r, out)
    }

    #[pyo3(signature = (indices, values, mode="raise"))]
    fn put(
        slf: &Bound<'_, Self>,
        indices: &Bound<'_, PyAny>,
        values: &Bound<'_, PyAny>,
        mode: &str,
    ) -> PyResult<()> {
        crate::index_fns::put(slf.py(), slf.as_any(), indices, values, mode)
    }

    #[pyo3(signature = (condition, axis=None, out=None))]
    fn compress(
        slf: &Bound<'_, Self>,
        condition: &Bound<'_, PyAny>,
        axis: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let r = crate::index_fns::compress(slf.py(), condition, slf.as_any(), axis, out);
        keep_type(slf, r, out)
    }

    fn __getitem__(slf: &Bound<'_, Self>, key: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        keep_type(slf, slf.get().getitem(slf.py(), key), None)
    }

    fn __setitem__(
        &self,
        py: Python<'_>,
        key: &Bound<'_, PyAny>,
        value: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        let keys = match single_basic_key(key)? {
            Some(item) => vec![Key::Basic(item)],
            None if array_key(key).is_some() => array_key(key).into_iter().collect(),
            None => {
                let keys = parse_index(key)?;
                guard(py, || indexing::normalize(&keys))?
            }
        };
        let a = self.inner();
        let parsed = string_value(value, a.dtype())?;
        let value = parsed.as_ref().unwrap_or(value);
        if let Some(items) = indexing::basic_items(&keys) {
            let view = guard(py, || a.index(&items))?;
            guard(py, || view.check_writeable())?;
            if let Some(s) = python_scalar(value)? {
                s.check_settable(view.dtype()).py(py)?;
                return guard_nogil(py, view.size(), || view.assign_scalar(s));
            }
            let src = convert::to_array(value)?;
            if src.ndim() > 0 && selects_scalar(&keys, a.ndim()) {
                // One element takes one value: NumPy converts it as a scalar.
                return Err(PyValueError::new_err(
                    "setting an array element with a sequence.",
                ));
            }
            return guard_nogil(py, view.size(), || view.assign(&src));
        }
        guard(py, || a.check_writeable())?;
        let src = match python_scalar(value)? {
            Some(s) => {
                s.check_settable(a.dtype()).py(py)?;
                guard(py, || Array::from_scalar(s.to_wide(), a.dtype()))?
            }
            None => convert::to_array(value)?,
        };
        guard_nogil(py, a.size(), || indexing::set(a, &keys, &src))
    }

    // ---- arithmetic ----------------------------------------------------------------------

    fn __add__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.py(), BinaryOp::Add, slf.as_any(), o)
    }
    fn __radd__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.py(), BinaryOp::Add, o, slf.as_any())
    }
    fn __iadd__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(slf.py(), BinaryOp::Add, slf, o)
    }
    fn __sub__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.py(), BinaryOp::Subtract, slf.as_any(), o)
    }
    fn __rsub__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.py(), BinaryOp::Subtract, o, slf.as_any())
    }
    fn __isub__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(slf.py(), BinaryOp::Subtract, slf, o)
    }
    fn __matmul__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let Ok(b) = convert::to_array(o) else {
            return Ok(slf.py().NotImplemented());
        };
        crate::products::matmul_arrays(slf.py(), slf.get().inner(), &b)
    }
    fn __rmatmul__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let Ok(a) = convert::to_array(o) else {
            return Ok(slf.py().NotImplemented());
        };
        crate::products::matmul_arrays(slf.py(), &a, slf.get().inner())
    }
    fn __imatmul__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<()> {
        let b = convert::to_array(o)?;
        crate::products::imatmul_arrays(slf.py(), slf.get().inner(), &b)
    }
    fn __mul__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.py(), BinaryOp::Multiply, slf.as_any(), o)
    }
    fn __rmul__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.py(), BinaryOp::Multiply, o, slf.as_any())
    }
    fn __imul__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(slf.py(), BinaryOp::Multiply, slf, o)
    }
    fn __truediv__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.py(), BinaryOp::TrueDivide, slf.as_any(), o)
    }
    fn __rtruediv__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.py(), BinaryOp::TrueDivide, o, slf.as_any())
    }
    fn __itruediv__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(slf.py(), BinaryOp::TrueDivide, slf, o)
    }
    fn __floordiv__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.py(), BinaryOp::FloorDivide, slf.as_any(), o)
    }
    fn __rfloordiv__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.py(), BinaryOp::FloorDivide, o, slf.as_any())
    }
    fn __ifloordiv__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(slf.py(), BinaryOp::FloorDivide, slf, o)
    }
    fn __mod__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.py(), BinaryOp::Remainder, slf.as_any(), o)
    }
    fn __rmod__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.py(), BinaryOp::Remainder, o, slf.as_any())
    }
    fn __imod__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(slf.py(), BinaryOp::Remainder, slf, o)
    }
    fn __pow__(
        slf: &Bound<'_, Self>,
        o: &Bound<'_, PyAny>,
        modulo: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        if modulo.is_some_and(|m| !m.is_none()) {
            return Ok(py.NotImplemented());
        }
        if let Some(s) = python_scalar(o)?.filter(|_| sub::is_exact(slf.as_any())) {
            let temp = is_temporary(slf.as_any());
            if temp && slf.get().defer_square(py, s)? {
                return Ok(slf.clone().into_any().unbind());
            }
            let a = slf.get().inner();
            let r = guard_nogil(py, a.size(), || ufunc::power_scalar_reusing(a, s, temp))?;
            return if temp {
                wrap_reused(py, slf.as_any(), a, r)
            } else {
                wrap_or_scalar(py, r)
            };
        }
        binop(py, BinaryOp::Power, slf.as_any(), o)
    }
    fn __rpow__(
        slf: &Bound<'_, Self>,
        o: &Bound<'_, PyAny>,
        modulo: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        if modulo.is_some_and(|m| !m.is_none()) {
            return Ok(slf.py().NotImplemented());
        }
        binop(slf.py(), BinaryOp::Power, o, slf.as_any())
    }
    fn __ipow__(
        slf: &Bound<'_, Self>,
        o: &Bound<'_, PyAny>,
        _modulo: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        inplace(slf.py(), BinaryOp::Power, slf, o)
    }

    fn __divmod__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let q = binop(py, BinaryOp::FloorDivide, slf.as_any(), o)?;
        let r = binop(py, BinaryOp::Remainder, slf.as_any(), o)?;
        Ok(PyTuple::new(py, [q, r])?.into_any().unbind())
    }
    fn __rdivmod__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let q = binop(py, BinaryOp::FloorDivide, o, slf.as_any())?;
        let r = binop(py, BinaryOp::Remainder, o, slf.as_any())?;
        Ok(PyTuple::new(py, [q, r])?.into_any().unbind())
    }

    fn __contains__(&self, py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<bool> {
        let v = operand(value)?;
        let eq = guard_nogil(py, self.inner().size(), || {
            ufunc::binary(
                BinaryOp::Equal,
                Operand::Array(self.inner()),
                v.as_operand(),
                None,
            )
        })?;
        Ok(eq.to_vec::<bool>().into_iter().any(|b| b))
    }

    /// Pickles as (bytes in C order, dtype string, shape), rebuilt by `ferronum._ferronum._rebuild`.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let a = slf.get().inner();
        let c = guard(py, || a.copy(Order::C))?;
        // SAFETY: `c` is a fresh C-contiguous array of `nbytes` bytes.
        let bytes = unsafe { std::slice::from_raw_parts(c.data_ptr() as *const u8, c.nbytes()) };
        let rebuild = py.import("ferronum._ferronum")?.getattr("_rebuild")?;
        let args = (
            pyo3::types::PyBytes::new(py, bytes),
            a.dtype().name(),
            PyTuple::new(py, a.shape())?,
        );
        let r = PyTuple::new(py, [rebuild, args.into_pyobject(py)?.into_any()])?;
        sub::reduce_for(slf.as_any(), r)
    }

    /// Pickle protocol 5 passes the array's memory out of band; older protocols copy.
    fn __reduce_ex__<'py>(slf: &Bound<'py, Self>, protocol: i64) -> PyResult<Bound<'py, PyAny>> {
        crate::protocols::reduce_ex(slf, protocol)
    }

    /// The buffer protocol (`memoryview(x)`, `bytes(x)`): see `protocols::get_buffer`.
    unsafe fn __getbuffer__(
        slf: Bound<'_, Self>,
        view: *mut pyo3::ffi::Py_buffer,
        flags: std::ffi::c_int,
    ) -> PyResult<()> {
        // SAFETY: CPython calls this slot with the consumer's `Py_buffer` (or null).
        unsafe { crate::protocols::get_buffer(&slf, view, flags) }
    }

    unsafe fn __releasebuffer__(&self, view: *mut pyo3::ffi::Py_buffer) {
        // SAFETY: CPython calls this slot once for each view `__getbuffer__` filled.
        unsafe { crate::protocols::release_buffer(view) }
    }

    /// DLPack export: see `protocols::dlpack`.
    #[pyo3(signature = (*, stream=None, max_version=None, dl_device=None, copy=None))]
    fn __dlpack__<'py>(
        slf: &Bound<'py, Self>,
        stream: Option<&Bound<'py, PyAny>>,
        max_version: Option<&Bound<'py, PyAny>>,
        dl_device: Option<&Bound<'py, PyAny>>,
        copy: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::protocols::dlpack(slf, stream, max_version, dl_device, copy)
    }

    /// Memory on the CPU (DLPack's `kDLCPU`, device 0).
    fn __dlpack_device__(&self) -> (i32, i32) {
        (1, 0)
    }

    fn __copy__(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        keep_type(
            slf,
            wrap(py, guard(py, || slf.get().inner().copy(Order::C))?),
            None,
        )
    }

    /// A copy of the array, of its type (as NumPy's, attributes come from
    /// `__array_finalize__` only).
    #[pyo3(signature = (memo=None))]
    fn __deepcopy__(slf: &Bound<'_, Self>, memo: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
        let _ = memo;
        Self::__copy__(slf)
    }

    fn __and__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.py(), BinaryOp::BitwiseAnd, slf.as_any(), o)
    }
    fn __rand__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.py(), BinaryOp::BitwiseAnd, o, slf.as_any())
    }
    fn __iand__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(slf.py(), BinaryOp::BitwiseAnd, slf, o)
    }
    fn __or__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.py(), BinaryOp::BitwiseOr, slf.as_any(), o)
    }
    fn __ror__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.py(), BinaryOp::BitwiseOr, o, slf.as_any())
    }
    fn __ior__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(slf.py(), BinaryOp::BitwiseOr, slf, o)
    }
    fn __xor__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.py(), BinaryOp::BitwiseXor, slf.as_any(), o)
    }
    fn __rxor__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.py(), BinaryOp::BitwiseXor, o, slf.as_any())
    }
    fn __ixor__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(slf.py(), BinaryOp::BitwiseXor, slf, o)
    }
    fn __lshift__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.py(), BinaryOp::LeftShift, slf.as_any(), o)
    }
    fn __rlshift__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.py(), BinaryOp::LeftShift, o, slf.as_any())
    }
    fn __ilshift__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(slf.py(), BinaryOp::LeftShift, slf, o)
    }
    fn __rshift__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.py(), BinaryOp::RightShift, slf.as_any(), o)
    }
    fn __rrshift__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf.py(), BinaryOp::RightShift, o, slf.as_any())
    }
    fn __irshift__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(slf.py(), BinaryOp::RightShift, slf, o)
    }
    fn __invert__(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        unop(slf.py(), UnaryOp::Invert, slf)
    }

    /// The real part: a view for complex arrays, the array's own view otherwise.
    #[getter]
    fn get_real(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let a = slf.get().inner();
        if a.dtype().is_complex() {
            return keep_type(slf, wrap(py, a.complex_part(false).py(py)?), None);
        }
        keep_type(
            slf,
            wrap(py, a.index(&[ferronum::IndexItem::Ellipsis]).py(py)?),
            None,
        )
    }
    #[setter]
    fn set_real(slf: &Bound<'_, Self>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let py = slf.py();
        let a = slf.get().inner();
        let target = if a.dtype().is_complex() {
            a.complex_part(false).py(py)?
        } else {
            a.clone()
        };
        let src = convert::to_array(value)?;
        guard(py, || target.assign(&src))
    }
    /// The imaginary part: a view for complex arrays, a read-only zero array otherwise.
    #[getter]
    fn get_imag(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let a = slf.get().inner();
        if a.dtype().is_complex() {
            return keep_type(slf, wrap(py, a.complex_part(true).py(py)?), None);
        }
        let z = Array::zeros(a.shape(), a.dtype()).py(py)?;
        z.set_writeable(false).py(py)?;
        wrap(py, z)
    }
    #[setter]
    fn set_imag(slf: &Bound<'_, Self>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let py = slf.py();
        let a = slf.get().inner();
        if !a.dtype().is_complex() {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "array does not have imaginary part to set",
            ));
        }
        let src = convert::to_array(value)?;
        guard(py, || a.complex_part(true)?.assign(&src))
    }
    fn conj(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        Self::conjugate(slf)
    }
    /// NumPy's method returns a real array itself (the function `conjugate` copies).
    fn conjugate(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        let a = slf.get().inner();
        if !a.dtype().is_complex() {
            return Ok(slf.clone().into_any().unbind());
        }
        unop(slf.py(), UnaryOp::Conjugate, slf)
    }
    /// `round(decimals=0, out=None)`: `ferronum.round`.
    #[pyo3(signature = (decimals=0, out=None))]
    fn round(
        slf: &Bound<'_, Self>,
        decimals: i64,
        out: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let f = slf.py().import("ferronum")?.getattr("round")?;
        keep_type(slf, Ok(f.call1((slf, decimals, out))?.unbind()), out)
    }
    /// `clip(min=None, max=None, out=None, **kwargs)`: `ferronum.clip`.
    #[pyo3(signature = (min=None, max=None, out=None, **kwargs))]
    fn clip(
        slf: &Bound<'_, Self>,
        min: Option<&Bound<'_, PyAny>>,
        max: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        kwargs: Option<&Bound<'_, pyo3::types::PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        let f = slf.py().import("ferronum")?.getattr("clip")?;
        let kw = pyo3::types::PyDict::new(slf.py());
        if let Some(k) = kwargs {
            kw.update(k.as_mapping())?;
        }
        kw.set_item("out", out)?;
        keep_type(slf, Ok(f.call((slf, min, max), Some(&kw))?.unbind()), out)
    }

    fn __neg__(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        unop(slf.py(), UnaryOp::Negative, slf)
    }
    fn __pos__(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        unop(slf.py(), UnaryOp::Positive, slf)
    }
    fn __abs__(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        unop(slf.py(), UnaryOp::Absolute, slf)
    }

    fn __richcmp__(
        slf: &Bound<'_, Self>,
        other: &Bound<'_, PyAny>,
        op: CompareOp,
    ) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        if matches!(op, CompareOp::Eq | CompareOp::Ne) && operand(other).is_err() {
            // NumPy compares with objects it cannot convert element by element: never equal.
            let a = slf.get().inner();
            let r = Array::full(
                a.shape(),
                Wide::Bool(matches!(op, CompareOp::Ne)),
                DType::Bool,
            )
            .py(py)?;
            return wrap_or_scalar(py, r);
        }
        let bop = match op {
            CompareOp::Lt => BinaryOp::Less,
            CompareOp::Le => BinaryOp::LessEqual,
            CompareOp::Eq => BinaryOp::Equal,
            CompareOp::Ne => BinaryOp::NotEqual,
            CompareOp::Gt => BinaryOp::Greater,
            CompareOp::Ge => BinaryOp::GreaterEqual,
        };
        binop(slf.py(), bop, slf.as_any(), other)
    }
}

impl PyNdArray {
    fn getitem(&self, py: Python<'_>, key: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let a = self.inner();
        if let Some(item) = single_basic_key(key)? {
            let v = guard(py, || a.index(std::slice::from_ref(&item)))?;
            if matches!(item, IndexItem::Int(_)) && a.ndim() == 1 {
                return wrap_or_scalar(py, v);
            }
            return wrap(py, v);
        }
        if let Some(k) = array_key(key) {
            let r = guard_nogil(py, a.size(), || indexing::get(a, std::slice::from_ref(&k)))?;
            return wrap(py, r);
        }
        let keys = parse_index(key)?;
        let keys = guard(py, || indexing::normalize(&keys))?;
        if let Some(items) = indexing::basic_items(&keys) {
            let v = guard(py, || a.index(&items))?;
            if selects_scalar(&keys, a.ndim()) {
                return wrap_or_scalar(py, v);
            }
            return wrap(py, v);
        }
        let r = guard_nogil(py, a.size(), || indexing::get(a, &keys))?;
        wrap(py, r)
    }

    /// The value behind `float()`/`int()`: NumPy 2 converts only 0-d arrays, and refuses to
    /// drop an imaginary part.
    fn scalar_value(&self, py: Python<'_>) -> PyResult<Wide> {
        if self.inner().ndim() != 0 {
            return Err(PyTypeError::new_err(
                "only 0-dimensional arrays can be converted to Python scalars",
            ));
        }
        self.inner().item().py(py)
    }

    fn real_scalar_value(&self, py: Python<'_>, to: &str) -> PyResult<Wide> {
        match self.scalar_value(py)? {
            Wide::C(..) => Err(PyTypeError::new_err(format!(
                "can't convert complex to {to}"
            ))),
            w => Ok(w),
        }
    }
}

/// NumPy's `setflags`: WRITEABLE by the engine's rule; ferronum arrays are always aligned
/// and never WRITEBACKIFCOPY, so only those values are accepted for the other two.
fn set_flag(
    arr: &Bound<'_, PyNdArray>,
    write: Option<bool>,
    align: Option<bool>,
    uic: Option<bool>,
) -> PyResult<()> {
    if align == Some(false) {
        return Err(PyValueError::new_err("ferronum arrays are always aligned"));
    }
    if uic == Some(true) {
        return Err(PyValueError::new_err(
            "cannot set WRITEBACKIFCOPY flag to True",
        ));
    }
    if let Some(w) = write {
        // A pending square is computed first: it writes the buffer.
        guard(arr.py(), || arr.get().inner().set_writeable(w))?;
    }
    Ok(())
}

/// `ndarray.flags`: the memory-layout flags NumPy reports, read when taken; setting
/// `writeable` (attribute or item) sets the array's flag, as NumPy's object does.
#[pyclass(module = "ferronum", name = "flagsobj", frozen)]
pub struct Flags {
    #[pyo3(get)]
    c_contiguous: bool,
    #[pyo3(get)]
    f_contiguous: bool,
    #[pyo3(get)]
    writeable: bool,
    #[pyo3(get)]
    owndata: bool,
    arr: Py<PyNdArray>,
}

#[pymethods]
impl Flags {
    fn __getitem__(&self, key: &str) -> PyResult<bool> {
        match key {
            "C_CONTIGUOUS" | "C" | "CONTIGUOUS" => Ok(self.c_contiguous),
            "F_CONTIGUOUS" | "F" | "FORTRAN" => Ok(self.f_contiguous),
            "WRITEABLE" | "W" => Ok(self.writeable),
            "OWNDATA" | "O" => Ok(self.owndata),
            "ALIGNED" | "A" => Ok(true),
            "WRITEBACKIFCOPY" | "X" => Ok(false),
            _ => Err(pyo3::exceptions::PyKeyError::new_err("Unknown flag")),
        }
    }

    fn __setitem__(&self, py: Python<'_>, key: &str, value: bool) -> PyResult<()> {
        let arr = self.arr.bind(py);
        match key {
            "WRITEABLE" | "W" => set_flag(arr, Some(value), None, None),
            "ALIGNED" | "A" => set_flag(arr, None, Some(value), None),
            "WRITEBACKIFCOPY" | "X" => set_flag(arr, None, None, Some(value)),
            _ => Err(pyo3::exceptions::PyKeyError::new_err("Unknown flag")),
        }
    }

    #[setter(writeable)]
    fn set_writeable(&self, py: Python<'_>, value: bool) -> PyResult<()> {
        set_flag(self.arr.bind(py), Some(value), None, None)
    }

    #[getter]
    fn aligned(&self) -> bool {
        true
    }

    #[getter]
    fn contiguous(&self) -> bool {
        self.c_contiguous
    }

    fn __repr__(&self) -> String {
        let b = |x: bool| if x { "True" } else { "False" };
        format!(
            "  C_CONTIGUOUS : {}\n  F_CONTIGUOUS : {}\n  OWNDATA : {}\n  WRITEABLE : {}\n  ALIGNED : True\n  WRITEBACKIFCOPY : False\n",
            b(self.c_contiguous),
            b(self.f_contiguous),
            b(self.owndata),
            b(self.writeable)
        )
    }
}

/// A flag NumPy reads by truth value (`astype(copy=None)` is `copy=False`, as in NumPy, where
/// the Array API's `copy=None` means "only if needed").
pub struct Truthy(pub bool);

impl FromPyObject<'_, '_> for Truthy {
    type Error = PyErr;
    fn extract(obj: pyo3::Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        obj.is_truthy().map(Truthy)
    }
}
