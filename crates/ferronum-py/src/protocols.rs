//! The protocols through which other code sees ferronum's memory, and NumPy's dtype tools:
//!
//! - the Python buffer protocol (`memoryview(x)`, `bytes(x)`, `numpy.frombuffer(x)`), with
//!   NumPy's format codes, shape and byte strides, read-only for read-only arrays;
//! - DLPack (`x.__dlpack__`, `x.__dlpack_device__`, `ferronum.from_dlpack`), zero-copy both
//!   ways, the versioned capsule (1.0, with its read-only flag) where the consumer asks for it;
//! - pickle protocol 5, whose out-of-band buffers are the array's own memory;
//! - `result_type`, `promote_types`, `can_cast`, `min_scalar_type` and the constants behind
//!   `finfo`/`iinfo`, all answered by the engine's dtype rules.

use crate::common::{wrap, PyNdArray};
use crate::convert::{python_scalar, to_array};
use crate::dtypes;
use crate::errors::{guard, IntoPyResult};
use ferronum::buffer::Buffer;
use ferronum::dtype as fdt;
use ferronum::layout::Layout;
use ferronum::ops::ufunc::Casting;
use ferronum::{Array, DType, Order, Scalar};
use numpy::PyArrayDescr;
use pyo3::exceptions::{PyBufferError, PyRuntimeError, PyTypeError, PyValueError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple};
use std::ffi::{c_char, c_int, c_void, CStr};
use std::sync::Arc;

// ------------------------------------------------------------------------- dtype tools ---

/// The dtype an argument stands for: an array's or NumPy scalar's own, else `numpy.dtype(obj)`
/// (`None` is float64, as there).
fn dtype_of(obj: &Bound<'_, PyAny>) -> PyResult<DType> {
    if let Ok(a) = obj.cast::<PyNdArray>() {
        return Ok(a.get().meta().dtype());
    }
    if obj.is_none() {
        return Ok(DType::F64);
    }
    if let Ok(d) = obj.getattr(pyo3::intern!(obj.py(), "dtype")) {
        if let Ok(descr) = d.cast::<PyArrayDescr>() {
            return dtypes::from_descr(descr);
        }
    }
    Ok(dtypes::parse(Some(obj))?.unwrap_or(DType::F64))
}

fn object_dtype(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    py.import("numpy")?.getattr("dtype")?.call1(("O",))
}

/// A Python int that only NumPy's object dtype holds.
fn beyond_64_bits(s: Scalar) -> bool {
    matches!(s, Scalar::Int(v) if v > u64::MAX as i128 || v < i64::MIN as i128)
}

/// `result_type(*arrays_and_dtypes)`: NEP 50, Python scalars weak.
#[pyfunction]
#[pyo3(signature = (*arrays_and_dtypes))]
fn result_type<'py>(
    py: Python<'py>,
    arrays_and_dtypes: &Bound<'py, PyTuple>,
) -> PyResult<Bound<'py, PyAny>> {
    let (mut strong, mut weak) = (Vec::new(), Vec::new());
    for a in arrays_and_dtypes.iter() {
        match python_scalar(&a)? {
            Some(s) => weak.push(s),
            None => strong.push(dtype_of(&a)?),
        }
    }
    // Python ints alone that no 64-bit type holds are NumPy's object dtype (a float or
    // complex among them makes it that kind instead).
    let ints_only = weak.iter().all(|s| s.kind() <= ferronum::Kind::Int);
    if strong.is_empty() && ints_only && weak.iter().any(|&s| beyond_64_bits(s)) {
        return object_dtype(py);
    }
    let d = fdt::result_type(&strong, &weak).py(py)?;
    Ok(dtypes::to_py(py, d)?.into_any())
}

/// `promote_types(type1, type2)`: the smallest dtype both cast to safely.
#[pyfunction]
fn promote_types<'py>(
    py: Python<'py>,
    type1: &Bound<'py, PyAny>,
    type2: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let parse = |t: &Bound<'py, PyAny>| -> PyResult<DType> {
        Ok(dtypes::parse(Some(t))?.unwrap_or(DType::F64))
    };
    let d = fdt::promote(parse(type1)?, parse(type2)?);
    Ok(dtypes::to_py(py, d)?.into_any())
}

/// `can_cast(from_, to, casting='safe')`, from a dtype, an array or a NumPy scalar.
#[pyfunction]
#[pyo3(signature = (from_, to, casting="safe"))]
fn can_cast(from_: &Bound<'_, PyAny>, to: &Bound<'_, PyAny>, casting: &str) -> PyResult<bool> {
    if python_scalar(from_)?.is_some() {
        return Err(PyTypeError::new_err(
            "can_cast() does not support Python ints, floats, and complex because the result used to depend on the value.\n\
             This change was part of adopting NEP 50, we may explicitly allow them again in the future.",
        ));
    }
    let from = dtype_of(from_)?;
    let to = dtypes::parse(Some(to))?.unwrap_or(DType::F64);
    let casting = match casting {
        "no" => Casting::No,
        "equiv" => Casting::Equiv,
        "safe" => Casting::Safe,
        "same_kind" => Casting::SameKind,
        "unsafe" => Casting::Unsafe,
        other => {
            return Err(PyValueError::new_err(format!(
            "casting must be one of 'no', 'equiv', 'safe', 'same_kind', 'unsafe' (got '{other}')"
        )))
        }
    };
    Ok(casting.allows(from, to))
}

/// `min_scalar_type(a)`: for a scalar or 0-d array, the smallest dtype holding its value; an
/// array of one or more dimensions keeps its dtype.
#[pyfunction]
fn min_scalar_type<'py>(py: Python<'py>, a: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let d = match python_scalar(a)? {
        Some(s) if beyond_64_bits(s) => return object_dtype(py),
        Some(s) => fdt::min_scalar_type(s.to_wide()),
        None => {
            let arr = to_array(a)?;
            if arr.ndim() > 0 {
                arr.dtype()
            } else {
                fdt::min_scalar_type(guard(py, || arr.item())?)
            }
        }
    };
    Ok(dtypes::to_py(py, d)?.into_any())
}

/// The constants of `finfo(dtype)` as Python numbers (the Python class gives them the type),
/// or None where the dtype is not inexact.
#[pyfunction]
fn _finfo<'py>(py: Python<'py>, dtype: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyDict>>> {
    let Some(f) = fdt::finfo(dtype_of(dtype)?) else {
        return Ok(None);
    };
    let d = PyDict::new(py);
    d.set_item("dtype", dtypes::to_py(py, f.dtype)?)?;
    for (k, v) in [
        ("bits", f.bits as i32),
        ("nmant", f.nmant),
        ("nexp", f.nexp),
        ("iexp", f.nexp),
        ("maxexp", f.maxexp),
        ("minexp", f.minexp),
        ("machep", f.machep),
        ("negep", f.negep),
        ("precision", f.precision),
    ] {
        d.set_item(k, v)?;
    }
    for (k, v) in [
        ("eps", f.eps),
        ("epsneg", f.epsneg),
        ("max", f.max),
        ("min", f.min),
        ("smallest_normal", f.smallest_normal),
        ("smallest_subnormal", f.smallest_subnormal),
        ("resolution", f.resolution),
    ] {
        d.set_item(k, v)?;
    }
    Ok(Some(d))
}

/// `(bits, min, max)` of an integer dtype, or None for other dtypes.
#[pyfunction]
fn _iinfo(dtype: &Bound<'_, PyAny>) -> PyResult<Option<(u32, i64, u64)>> {
    Ok(fdt::iinfo(dtype_of(dtype)?))
}

// ------------------------------------------------------------------------ ufunc override ---

/// What `__array_ufunc__` needs from the Python side, fetched once: the table from NumPy's
/// ufuncs to ferronum's (`ferronum._protocols._UFUNCS`, filled when ferronum is imported), the
/// general Python implementation, and `numpy.ndarray`.
struct UfuncHooks {
    table: Py<PyDict>,
    general: Py<PyAny>,
    np_ndarray: Py<pyo3::types::PyType>,
}

fn ufunc_hooks(py: Python<'_>) -> PyResult<&UfuncHooks> {
    static HOOKS: PyOnceLock<UfuncHooks> = PyOnceLock::new();
    HOOKS.get_or_try_init(py, || {
        let m = py.import("ferronum._protocols")?;
        Ok(UfuncHooks {
            table: m.getattr("_UFUNCS")?.cast_into::<PyDict>()?.unbind(),
            general: m.getattr("_array_ufunc")?.unbind(),
            np_ndarray: py
                .import("numpy")?
                .getattr("ndarray")?
                .cast_into::<pyo3::types::PyType>()?
                .unbind(),
        })
    })
}

/// An operand that cannot override ufuncs itself: a ferronum array, a plain NumPy array or a
/// Python number.
fn plain_operand(x: &Bound<'_, PyAny>, np_ndarray: &Bound<'_, pyo3::types::PyType>) -> bool {
    x.cast::<PyNdArray>().is_ok()
        || x.get_type().is(np_ndarray)
        || matches!(python_scalar(x), Ok(Some(_)))
}

/// `ndarray.__array_ufunc__(ufunc, method, *inputs, **kwargs)` (NEP 13). The common call (one
/// of ferronum's ufuncs on plain operands, no keywords) goes straight to the ufunc, which keeps
/// `numpy.sin(x)` close to `ferronum.sin(x)`; every other call (methods, `out=`, operands of
/// other types) takes the Python implementation, `_protocols._array_ufunc`.
pub fn array_ufunc<'py>(
    slf: &Bound<'py, PyNdArray>,
    ufunc: &Bound<'py, PyAny>,
    method: &Bound<'py, PyAny>,
    inputs: &Bound<'py, PyTuple>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let py = slf.py();
    let hooks = ufunc_hooks(py)?;
    let np_ndarray = hooks.np_ndarray.bind(py);
    let no_keywords = kwargs.is_none_or(|k| k.is_empty());
    if no_keywords && method.extract::<&str>().is_ok_and(|m| m == "__call__") {
        if let Some(f) = hooks.table.bind(py).get_item(ufunc)? {
            if let Ok(u) = f.cast::<crate::ufuncs::PyUfunc>() {
                let items: smallvec::SmallVec<[Bound<'py, PyAny>; 4]> = inputs.iter().collect();
                if items.iter().all(|x| plain_operand(x, np_ndarray)) {
                    return u.get().call(py, &items, None);
                }
            }
        }
    }
    let mut args = vec![slf.clone().into_any(), ufunc.clone(), method.clone()];
    args.extend(inputs.iter());
    hooks
        .general
        .bind(py)
        .call(PyTuple::new(py, args)?, kwargs)
        .map(Bound::unbind)
}

// ---------------------------------------------------------------------- buffer protocol ---

/// The struct-module format of a dtype, as NumPy's buffers give it.
fn format_of(d: DType) -> &'static CStr {
    match d {
        DType::Bool => c"?",
        DType::I8 => c"b",
        DType::U8 => c"B",
        DType::I16 => c"h",
        DType::U16 => c"H",
        DType::I32 => c"i",
        DType::U32 => c"I",
        DType::I64 => c"l",
        DType::U64 => c"L",
        DType::F16 => c"e",
        DType::F32 => c"f",
        DType::F64 => c"d",
        DType::C64 => c"Zf",
        DType::C128 => c"Zd",
    }
}

fn has(flags: c_int, bits: c_int) -> bool {
    flags & bits == bits
}

/// `bf_getbuffer` of `ndarray`: the array's memory as it lies, refused (as NumPy refuses) where
/// the consumer asks for a writable buffer of a read-only array or for a contiguity the array
/// lacks.
///
/// # Safety
/// `view` is null or points to a `Py_buffer` the caller owns, as CPython's buffer protocol
/// passes it.
pub unsafe fn get_buffer(
    slf: &Bound<'_, PyNdArray>,
    view: *mut ffi::Py_buffer,
    flags: c_int,
) -> PyResult<()> {
    if view.is_null() {
        return Err(PyBufferError::new_err("View is null"));
    }
    let a = slf.get().inner();
    if has(flags, ffi::PyBUF_WRITABLE) && !a.is_writeable() {
        return Err(PyValueError::new_err("buffer source array is read-only"));
    }
    let (c, f) = (a.is_c_contiguous(), a.is_f_contiguous());
    if has(flags, ffi::PyBUF_C_CONTIGUOUS) && !c {
        return Err(PyValueError::new_err("ndarray is not C-contiguous"));
    }
    if has(flags, ffi::PyBUF_F_CONTIGUOUS) && !f {
        return Err(PyValueError::new_err("ndarray is not Fortran contiguous"));
    }
    if has(flags, ffi::PyBUF_ANY_CONTIGUOUS) && !c && !f {
        return Err(PyValueError::new_err("ndarray is not contiguous"));
    }
    // Without strides the consumer reads the memory as C-ordered.
    if !has(flags, ffi::PyBUF_STRIDES) && !c {
        return Err(PyValueError::new_err("ndarray is not C-contiguous"));
    }
    let ndim = a.ndim();
    let dims: Box<[ffi::Py_ssize_t]> = a
        .shape()
        .iter()
        .map(|&d| d as ffi::Py_ssize_t)
        .chain(a.byte_strides().iter().copied())
        .collect();
    // The shape and strides live with the view (in `internal`) until `release_buffer`.
    let dims = Box::into_raw(Box::new(dims));
    // SAFETY: `view` is non-null and the caller's `Py_buffer` (this function's contract);
    // `dims` is a leaked box of `2 * ndim` entries that `release_buffer` frees, so the
    // `shape` and `strides` pointers into it stay valid for the life of the view; the format
    // string is static; `obj` takes a new strong reference to the array, which keeps its
    // memory alive until CPython releases the view.
    unsafe {
        let entries = (*dims).as_mut_ptr();
        (*view).buf = a.data_ptr() as *mut c_void;
        (*view).len = a.nbytes() as ffi::Py_ssize_t;
        (*view).readonly = c_int::from(!a.is_writeable());
        (*view).itemsize = a.itemsize() as ffi::Py_ssize_t;
        (*view).format = if has(flags, ffi::PyBUF_FORMAT) {
            format_of(a.dtype()).as_ptr() as *mut c_char
        } else {
            std::ptr::null_mut()
        };
        (*view).ndim = ndim as c_int;
        (*view).shape = if has(flags, ffi::PyBUF_ND) {
            entries
        } else {
            std::ptr::null_mut()
        };
        (*view).strides = if has(flags, ffi::PyBUF_STRIDES) {
            entries.add(ndim)
        } else {
            std::ptr::null_mut()
        };
        (*view).suboffsets = std::ptr::null_mut();
        (*view).internal = dims as *mut c_void;
        (*view).obj = slf.clone().into_any().into_ptr();
    }
    Ok(())
}

/// `bf_releasebuffer`: frees the shape and strides `get_buffer` allocated.
///
/// # Safety
/// `view` is a view that `get_buffer` filled, released once.
pub unsafe fn release_buffer(view: *mut ffi::Py_buffer) {
    // SAFETY: `internal` is the box `get_buffer` leaked for this view (or null once freed).
    unsafe {
        let dims = (*view).internal as *mut Box<[ffi::Py_ssize_t]>;
        if !dims.is_null() {
            drop(Box::from_raw(dims));
            (*view).internal = std::ptr::null_mut();
        }
    }
}

/// A buffer obtained from another object, released (with the thread attached) when the last
/// array viewing it goes.
struct HeldBuffer(Box<ffi::Py_buffer>);

// SAFETY: the view is only read through the pointers it describes, which stay valid until
// release, and `Drop` attaches to the interpreter before releasing it.
unsafe impl Send for HeldBuffer {}
// SAFETY: as above; nothing mutates the `Py_buffer` after it is filled.
unsafe impl Sync for HeldBuffer {}

impl HeldBuffer {
    fn get(obj: &Bound<'_, PyAny>, flags: c_int) -> PyResult<HeldBuffer> {
        // SAFETY: an all-zero `Py_buffer` is the state CPython expects to fill.
        let mut view: Box<ffi::Py_buffer> = Box::new(unsafe { std::mem::zeroed() });
        // SAFETY: `obj` is live and the thread attached; `view` is a writable `Py_buffer`.
        if unsafe { ffi::PyObject_GetBuffer(obj.as_ptr(), &mut *view, flags) } != 0 {
            return Err(PyErr::fetch(obj.py()));
        }
        Ok(HeldBuffer(view))
    }
}

impl Drop for HeldBuffer {
    fn drop(&mut self) {
        // SAFETY: the view was filled by a successful `PyObject_GetBuffer` and is released
        // exactly once, here, with the thread attached.
        Python::attach(|_| unsafe { ffi::PyBuffer_Release(&mut *self.0) });
    }
}

/// Element strides of a contiguous array of `shape` in `order`.
fn contiguous_layout(shape: &[usize], order: Order) -> Layout {
    let mut strides = vec![0isize; shape.len()];
    let mut step = 1isize;
    let axes: Vec<usize> = match order {
        Order::C => (0..shape.len()).rev().collect(),
        Order::F => (0..shape.len()).collect(),
    };
    for k in axes {
        strides[k] = step;
        step *= shape[k].max(1) as isize;
    }
    Layout {
        shape: shape.iter().copied().collect(),
        strides: strides.into_iter().collect(),
        offset: 0,
    }
}

/// An array over foreign memory: zero-copy where the memory is aligned for the dtype and (for
/// bool) holds only 0 and 1 bytes; otherwise an owned copy, read byte-wise, so that no invalid
/// `bool` or unaligned element is ever read by the engine.
///
/// # Safety
/// `base..base + len` stays valid while `keep` lives, and `layout` reaches only inside it.
unsafe fn foreign_array(
    py: Python<'_>,
    base: *mut u8,
    len: usize,
    keep: Box<dyn std::any::Any + Send + Sync>,
    layout: Layout,
    dt: DType,
    writeable: bool,
) -> PyResult<Array> {
    let aligned = (base as usize) % dt.itemsize().min(8) == 0;
    // SAFETY: `base..base + len` is valid memory (this function's contract).
    let bytes = unsafe { std::slice::from_raw_parts(base as *const u8, len) };
    let bad_bool = dt == DType::Bool && bytes.iter().any(|&b| b > 1);
    if aligned && !bad_bool {
        // SAFETY: the memory outlives `keep` (this function's contract).
        let buf = unsafe { Buffer::foreign(base, len, keep) };
        return Array::from_foreign(Arc::new(buf), layout, dt, writeable).py(py);
    }
    // Copy the bytes into aligned memory, then read them as the dtype (bool through uint8, so
    // that any non-zero byte is True).
    let words: Vec<u64> = bytes
        .chunks(8)
        .map(|c| {
            let mut w = [0u8; 8];
            w[..c.len()].copy_from_slice(c);
            u64::from_ne_bytes(w)
        })
        .collect();
    drop(keep);
    let buf = Arc::new(Buffer::from_vec(words));
    let read_as = if dt == DType::Bool { DType::U8 } else { dt };
    let view = Array::from_foreign(buf, layout, read_as, true).py(py)?;
    let owned = guard(py, || view.astype(dt))?;
    Ok(if writeable {
        owned
    } else {
        owned.into_readonly()
    })
}

// ------------------------------------------------------------------------------ pickle ---

/// `ndarray.__reduce_ex__`: protocol 5 hands the array's own memory to pickle as a
/// `PickleBuffer` (out of band when the pickler has a `buffer_callback`); older protocols, and
/// arrays that are not contiguous, take the copying `__reduce__`.
pub fn reduce_ex<'py>(slf: &Bound<'py, PyNdArray>, protocol: i64) -> PyResult<Bound<'py, PyAny>> {
    let py = slf.py();
    let a = slf.get().inner();
    let (c, f) = (a.is_c_contiguous(), a.is_f_contiguous());
    if protocol < 5 || !(c || f) {
        return slf.call_method0("__reduce__");
    }
    let pb = py
        .import("pickle")?
        .getattr("PickleBuffer")?
        .call1((slf,))?;
    let rebuild = py
        .import("ferronum._ferronum")?
        .getattr("_rebuild_buffer")?;
    let args = (
        pb,
        a.dtype().name(),
        PyTuple::new(py, a.shape())?,
        if c { "C" } else { "F" },
    );
    let r = PyTuple::new(py, [rebuild, args.into_pyobject(py)?.into_any()])?;
    Ok(crate::subclass::reduce_for(slf.as_any(), r)?.into_any())
}

/// Unpickles a protocol-5 array over the buffer pickle gives back (the consumer's own object
/// when it came out of band, else `bytes`/`bytearray`): no copy, read-only when the buffer is.
#[pyfunction]
fn _rebuild_buffer(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    dtype: &str,
    shape: Vec<usize>,
    order: &str,
) -> PyResult<Py<PyAny>> {
    let dt = DType::from_name(dtype).py(py)?;
    let order = if order == "F" { Order::F } else { Order::C };
    let held = HeldBuffer::get(data, ffi::PyBUF_ANY_CONTIGUOUS)?;
    let (ptr, len, readonly) = (held.0.buf as *mut u8, held.0.len as usize, held.0.readonly);
    let bytes = shape
        .iter()
        .try_fold(dt.itemsize(), |acc, &d| acc.checked_mul(d));
    if bytes != Some(len) {
        return Err(PyValueError::new_err(
            "pickled data does not match its shape",
        ));
    }
    let layout = contiguous_layout(&shape, order);
    // An empty buffer may have no address at all.
    let ptr = if ptr.is_null() {
        std::ptr::NonNull::<u64>::dangling().as_ptr() as *mut u8
    } else {
        ptr
    };
    // SAFETY: `ptr..ptr + len` is the exported buffer, valid while `held` (moved into the
    // array's buffer) keeps the view; the contiguous layout of `shape` spans exactly `len`
    // bytes (checked above).
    let a = unsafe { foreign_array(py, ptr, len, Box::new(held), layout, dt, readonly == 0)? };
    wrap(py, a)
}

// ----------------------------------------------------------------------------- DLPack ---

#[repr(C)]
#[derive(Copy, Clone)]
struct DLDevice {
    device_type: i32,
    device_id: i32,
}

#[repr(C)]
#[derive(Copy, Clone)]
struct DLDataType {
    code: u8,
    bits: u8,
    lanes: u16,
}

#[repr(C)]
struct DLTensor {
    data: *mut c_void,
    device: DLDevice,
    ndim: i32,
    dtype: DLDataType,
    shape: *mut i64,
    strides: *mut i64,
    byte_offset: u64,
}

#[repr(C)]
struct DLManagedTensor {
    dl_tensor: DLTensor,
    manager_ctx: *mut c_void,
    deleter: Option<unsafe extern "C" fn(*mut DLManagedTensor)>,
}

#[repr(C)]
struct DLPackVersion {
    major: u32,
    minor: u32,
}

#[repr(C)]
struct DLManagedTensorVersioned {
    version: DLPackVersion,
    manager_ctx: *mut c_void,
    deleter: Option<unsafe extern "C" fn(*mut DLManagedTensorVersioned)>,
    flags: u64,
    dl_tensor: DLTensor,
}

const KDL_CPU: i32 = 1;
const KDL_CUDA_HOST: i32 = 3;
const KDL_ROCM_HOST: i32 = 11;
const FLAG_READ_ONLY: u64 = 1;
const FLAG_IS_COPIED: u64 = 1 << 1;
const KDL_INT: u8 = 0;
const KDL_UINT: u8 = 1;
const KDL_FLOAT: u8 = 2;
const KDL_COMPLEX: u8 = 5;
const KDL_BOOL: u8 = 6;

const NAME: &CStr = c"dltensor";
const NAME_VERSIONED: &CStr = c"dltensor_versioned";
const USED: &CStr = c"used_dltensor";
const USED_VERSIONED: &CStr = c"used_dltensor_versioned";

fn dl_dtype(d: DType) -> DLDataType {
    let code = match d.kind() {
        ferronum::Kind::Bool => KDL_BOOL,
        ferronum::Kind::Int => KDL_INT,
        ferronum::Kind::Uint => KDL_UINT,
        ferronum::Kind::Float => KDL_FLOAT,
        ferronum::Kind::Complex => KDL_COMPLEX,
    };
    DLDataType {
        code,
        bits: (d.itemsize() * 8) as u8,
        lanes: 1,
    }
}

fn from_dl_dtype(t: DLDataType) -> PyResult<DType> {
    if t.lanes != 1 {
        return Err(PyBufferError::new_err(
            "Unsupported lanes in DLTensor dtype.",
        ));
    }
    let d = match (t.code, t.bits) {
        (KDL_BOOL, 8) => DType::Bool,
        (KDL_INT, 8) => DType::I8,
        (KDL_INT, 16) => DType::I16,
        (KDL_INT, 32) => DType::I32,
        (KDL_INT, 64) => DType::I64,
        (KDL_UINT, 8) => DType::U8,
        (KDL_UINT, 16) => DType::U16,
        (KDL_UINT, 32) => DType::U32,
        (KDL_UINT, 64) => DType::U64,
        (KDL_FLOAT, 16) => DType::F16,
        (KDL_FLOAT, 32) => DType::F32,
        (KDL_FLOAT, 64) => DType::F64,
        (KDL_COMPLEX, 64) => DType::C64,
        (KDL_COMPLEX, 128) => DType::C128,
        _ => return Err(PyBufferError::new_err("Unsupported dtype in DLTensor.")),
    };
    Ok(d)
}

/// What an exported tensor owns: the array (so its memory stays alive) and the shape and
/// strides the tensor points into.
struct ExportCtx {
    _array: Array,
    shape: Vec<i64>,
    strides: Vec<i64>,
}

fn tensor_of(ctx: &mut ExportCtx, a: &Array) -> DLTensor {
    DLTensor {
        data: a.data_ptr() as *mut c_void,
        device: DLDevice {
            device_type: KDL_CPU,
            device_id: 0,
        },
        ndim: a.ndim() as i32,
        dtype: dl_dtype(a.dtype()),
        shape: ctx.shape.as_mut_ptr(),
        strides: ctx.strides.as_mut_ptr(),
        byte_offset: 0,
    }
}

unsafe extern "C" fn delete_managed(p: *mut DLManagedTensor) {
    // SAFETY: `p` and its context are the boxes `__dlpack__` leaked; the protocol calls the
    // deleter once.
    unsafe {
        let m = Box::from_raw(p);
        drop(Box::from_raw(m.manager_ctx as *mut ExportCtx));
    }
}

unsafe extern "C" fn delete_versioned(p: *mut DLManagedTensorVersioned) {
    // SAFETY: as `delete_managed`.
    unsafe {
        let m = Box::from_raw(p);
        drop(Box::from_raw(m.manager_ctx as *mut ExportCtx));
    }
}

/// A capsule nobody consumed still owns its tensor: free it with the capsule.
unsafe extern "C" fn capsule_destructor(cap: *mut ffi::PyObject) {
    // SAFETY: `cap` is the capsule being destroyed; `PyCapsule_IsValid` sets no error, and a
    // valid name means the pointer is the tensor `__dlpack__` stored, still unconsumed.
    unsafe {
        if ffi::PyCapsule_IsValid(cap, NAME_VERSIONED.as_ptr()) == 1 {
            let p = ffi::PyCapsule_GetPointer(cap, NAME_VERSIONED.as_ptr())
                as *mut DLManagedTensorVersioned;
            if let Some(d) = (*p).deleter {
                d(p);
            }
        } else if ffi::PyCapsule_IsValid(cap, NAME.as_ptr()) == 1 {
            let p = ffi::PyCapsule_GetPointer(cap, NAME.as_ptr()) as *mut DLManagedTensor;
            if let Some(d) = (*p).deleter {
                d(p);
            }
        }
    }
}

/// `copy=` of the DLPack calls: None, or a truth value (strings refused, as NumPy does).
fn copy_arg(copy: Option<&Bound<'_, PyAny>>) -> PyResult<Option<bool>> {
    match copy {
        None => Ok(None),
        Some(c) if c.is_none() => Ok(None),
        Some(c) if c.is_instance_of::<pyo3::types::PyString>() => Err(PyValueError::new_err(
            "strings are not allowed for 'copy' keyword. Use True/False/None instead.",
        )),
        Some(c) => Ok(Some(c.is_truthy()?)),
    }
}

/// `ndarray.__dlpack__(*, stream=None, max_version=None, dl_device=None, copy=None)`.
pub fn dlpack<'py>(
    slf: &Bound<'py, PyNdArray>,
    stream: Option<&Bound<'py, PyAny>>,
    max_version: Option<&Bound<'py, PyAny>>,
    dl_device: Option<&Bound<'py, PyAny>>,
    copy: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = slf.py();
    if stream.is_some_and(|s| !s.is_none()) {
        return Err(PyRuntimeError::new_err(
            "ferronum only supports stream=None.",
        ));
    }
    let versioned = match max_version.filter(|v| !v.is_none()) {
        None => false,
        Some(v) => {
            let t = v
                .cast::<PyTuple>()
                .ok()
                .filter(|t| t.len() == 2)
                .ok_or_else(|| {
                    PyTypeError::new_err("max_version must be None or a tuple with two elements.")
                })?;
            t.get_item(0)?.extract::<i64>()? >= 1
        }
    };
    if let Some(d) = dl_device.filter(|d| !d.is_none()) {
        let (ty, id): (i32, i32) = d.extract()?;
        if ty != KDL_CPU || id != 0 {
            return Err(PyBufferError::new_err("unsupported device requested"));
        }
    }
    let copy = copy_arg(copy)?;
    let mut a = slf.get().inner().clone();
    if copy == Some(true) {
        a = guard(py, || a.copy(Order::C))?;
    }
    let readonly = !a.is_writeable();
    if readonly && !versioned {
        return Err(PyBufferError::new_err(
            "Cannot export readonly array since signalling readonly is unsupported by DLPack (supported by newer DLPack version).",
        ));
    }
    let mut ctx = Box::new(ExportCtx {
        shape: a.shape().iter().map(|&d| d as i64).collect(),
        strides: a.strides().iter().map(|&s| s as i64).collect(),
        _array: a.clone(),
    });
    let tensor = tensor_of(&mut ctx, &a);
    let ctx = Box::into_raw(ctx) as *mut c_void;
    let (ptr, name) = if versioned {
        let m = Box::new(DLManagedTensorVersioned {
            version: DLPackVersion { major: 1, minor: 0 },
            manager_ctx: ctx,
            deleter: Some(delete_versioned),
            flags: if readonly { FLAG_READ_ONLY } else { 0 }
                | if copy == Some(true) {
                    FLAG_IS_COPIED
                } else {
                    0
                },
            dl_tensor: tensor,
        });
        (Box::into_raw(m) as *mut c_void, NAME_VERSIONED)
    } else {
        let m = Box::new(DLManagedTensor {
            dl_tensor: tensor,
            manager_ctx: ctx,
            deleter: Some(delete_managed),
        });
        (Box::into_raw(m) as *mut c_void, NAME)
    };
    // SAFETY: `ptr` is the leaked managed tensor and `name` a static string; on failure the
    // capsule does not exist, so the tensor is freed here through its own deleter.
    unsafe {
        let cap = ffi::PyCapsule_New(ptr, name.as_ptr(), Some(capsule_destructor));
        if cap.is_null() {
            if versioned {
                delete_versioned(ptr as *mut DLManagedTensorVersioned);
            } else {
                delete_managed(ptr as *mut DLManagedTensor);
            }
            return Err(PyErr::fetch(py));
        }
        Ok(Bound::from_owned_ptr(py, cap))
    }
}

/// The producer's tensor, kept until the last array viewing it goes; then its deleter runs.
struct Imported {
    managed: *mut c_void,
    versioned: bool,
}

// SAFETY: DLPack lets the consumer call the deleter from any thread (NumPy's and other
// producers' deleters attach to the interpreter themselves where they need to).
unsafe impl Send for Imported {}
// SAFETY: the pointer is only used by `Drop`.
unsafe impl Sync for Imported {}

impl Drop for Imported {
    fn drop(&mut self) {
        // SAFETY: `managed` is the tensor taken from a capsule that was renamed "used_…", so
        // this consumer alone owns it, and drops it once.
        unsafe {
            if self.versioned {
                let p = self.managed as *mut DLManagedTensorVersioned;
                if let Some(d) = (*p).deleter {
                    d(p);
                }
            } else {
                let p = self.managed as *mut DLManagedTensor;
                if let Some(d) = (*p).deleter {
                    d(p);
                }
            }
        }
    }
}

/// `from_dlpack(x, /, *, device=None, copy=None)`: an array over the memory of any object with
/// `__dlpack__`, without a copy unless `copy=True`; read-only where the producer says so.
#[pyfunction]
#[pyo3(signature = (x, /, *, device=None, copy=None))]
fn from_dlpack(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    device: Option<&Bound<'_, PyAny>>,
    copy: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    if let Some(d) = device.filter(|d| !d.is_none()) {
        let cpu = d.extract::<String>().is_ok_and(|s| s == "cpu")
            || d.extract::<(i32, i32)>().is_ok_and(|t| t == (KDL_CPU, 0));
        if !cpu {
            return Err(PyValueError::new_err(format!(
                "Device not understood. Only \"cpu\" is allowed, but received: {}",
                d.str()?
            )));
        }
    }
    let copy = copy_arg(copy)?;
    let method = x.getattr("__dlpack__")?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("max_version", (1, 0))?;
    if let Some(c) = copy {
        kwargs.set_item("copy", c)?;
    }
    let cap = match method.call((), Some(&kwargs)) {
        Ok(c) => c,
        // A producer from before DLPack 1.0 knows none of these keywords.
        Err(e) if e.is_instance_of::<PyTypeError>(py) && copy.is_none() => method.call0()?,
        Err(e) => return Err(e),
    };
    // SAFETY: `cap` is a live object; `PyCapsule_IsValid` sets no error and checks the type.
    let versioned = unsafe { ffi::PyCapsule_IsValid(cap.as_ptr(), NAME_VERSIONED.as_ptr()) } == 1;
    let name = if versioned { NAME_VERSIONED } else { NAME };
    // SAFETY: as above; a capsule of another name (one already consumed) sets Python's error.
    let ptr = unsafe { ffi::PyCapsule_GetPointer(cap.as_ptr(), name.as_ptr()) };
    if ptr.is_null() {
        return Err(PyErr::fetch(py));
    }
    // SAFETY: the capsule's name guarantees the layout of what it points to (DLPack's ABI);
    // the producer keeps it alive until its deleter runs.
    let (tensor, readonly) = unsafe {
        if versioned {
            let m = ptr as *mut DLManagedTensorVersioned;
            if (*m).version.major > 1 {
                return Err(PyBufferError::new_err(format!(
                    "from_dlpack(): the DLPack version {}.{} of the tensor is newer than 1.x",
                    (*m).version.major,
                    (*m).version.minor
                )));
            }
            (&(*m).dl_tensor, (*m).flags & FLAG_READ_ONLY != 0)
        } else {
            (&(*(ptr as *mut DLManagedTensor)).dl_tensor, false)
        }
    };
    if !matches!(
        tensor.device.device_type,
        KDL_CPU | KDL_CUDA_HOST | KDL_ROCM_HOST
    ) {
        return Err(PyBufferError::new_err("Unsupported device in DLTensor."));
    }
    let dt = from_dl_dtype(tensor.dtype)?;
    let ndim = usize::try_from(tensor.ndim)
        .map_err(|_| PyBufferError::new_err("DLTensor has a negative ndim"))?;
    // SAFETY: DLPack's contract: `shape` (and `strides`, unless null) hold `ndim` entries.
    let (shape, strides): (Vec<i64>, Option<Vec<i64>>) = unsafe {
        (
            if ndim == 0 {
                Vec::new()
            } else {
                std::slice::from_raw_parts(tensor.shape, ndim).to_vec()
            },
            (!tensor.strides.is_null() && ndim > 0)
                .then(|| std::slice::from_raw_parts(tensor.strides, ndim).to_vec()),
        )
    };
    if shape.iter().any(|&d| d < 0) {
        return Err(PyBufferError::new_err("DLTensor has a negative dimension"));
    }
    let shape: Vec<usize> = shape.iter().map(|&d| d as usize).collect();
    let mut layout = contiguous_layout(&shape, Order::C);
    if let Some(s) = strides {
        layout.strides = s.iter().map(|&v| v as isize).collect();
    }
    // Rebase so that every element lies at a non-negative offset from the buffer start.
    let (mut lo, mut hi) = (0isize, 0isize);
    let empty = shape.contains(&0);
    if !empty {
        for (&d, &s) in shape.iter().zip(layout.strides.iter()) {
            let span = (d as isize - 1) * s;
            if span < 0 {
                lo += span;
            } else {
                hi += span;
            }
        }
    }
    let isz = dt.itemsize() as isize;
    layout.offset = (-lo) as usize;
    let len = ((hi - lo + 1) * isz) as usize;
    let data = tensor.data as *mut u8;
    let base = if data.is_null() || empty {
        layout.offset = 0;
        std::ptr::NonNull::<u64>::dangling().as_ptr() as *mut u8
    } else {
        // SAFETY: `byte_offset` and the lowest element (`lo <= 0` elements from the first) lie
        // inside the producer's memory, by DLPack's contract.
        unsafe { data.add(tensor.byte_offset as usize).offset(lo * isz) }
    };
    let len = if empty { 0 } else { len };
    // The capsule is ours from here: renamed so that neither it nor anyone else frees the
    // tensor, whose deleter now runs when the array's buffer goes.
    let used = if versioned { USED_VERSIONED } else { USED };
    // SAFETY: `cap` is the capsule just read; the new name is a static string.
    if unsafe { ffi::PyCapsule_SetName(cap.as_ptr(), used.as_ptr()) } != 0 {
        return Err(PyErr::fetch(py));
    }
    let keep = Box::new(Imported {
        managed: ptr,
        versioned,
    });
    // SAFETY: the tensor's memory stays valid until its deleter runs, which `keep` does when
    // dropped; every element the layout reaches lies in `base..base + len` (computed above).
    let a = unsafe { foreign_array(py, base, len, keep, layout, dt, !readonly)? };
    let a = if copy == Some(true) && !versioned {
        // An old producer could not be asked for a copy: take one here.
        guard(py, || a.copy(Order::C))?
    } else {
        a
    };
    wrap(py, a)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(result_type, m)?)?;
    m.add_function(wrap_pyfunction!(promote_types, m)?)?;
    m.add_function(wrap_pyfunction!(can_cast, m)?)?;
    m.add_function(wrap_pyfunction!(min_scalar_type, m)?)?;
    m.add_function(wrap_pyfunction!(_finfo, m)?)?;
    m.add_function(wrap_pyfunction!(_iinfo, m)?)?;
    m.add_function(wrap_pyfunction!(_rebuild_buffer, m)?)?;
    m.add_function(wrap_pyfunction!(from_dlpack, m)?)?;
    Ok(())
}
