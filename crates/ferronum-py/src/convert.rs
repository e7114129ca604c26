//! Python objects to engine arrays and back: ferronum arrays (shared), NumPy arrays (zero-copy
//! both ways), Python scalars (weak operands) and nested lists (a direct pass over the list
//! objects with no intermediate Python objects).

use crate::common::PyNdArray;
use crate::dtypes;
use crate::errors::IntoPyResult;
use ferronum::buffer::Buffer;
use ferronum::layout::Layout;
use ferronum::{Array, Complex64, DType, Scalar, Wide};
use numpy::npyffi::{self, PyArrayObject, PyArray_Descr, NPY_ARRAY_WRITEABLE, PY_ARRAY_API};
use numpy::{PyArrayDescr, PyArrayDescrMethods, PyUntypedArray, PyUntypedArrayMethods};
use pyo3::exceptions::{PyOverflowError, PyTypeError, PyValueError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyComplex, PyList, PyTuple};
use std::sync::Arc;

/// A Python scalar of an exact builtin type, as a weak operand; `None` for anything else
/// (NumPy scalars are strong, even though `numpy.float64` subclasses `float`).
pub fn python_scalar(obj: &Bound<'_, PyAny>) -> PyResult<Option<Scalar>> {
    let p = obj.as_ptr();
    // SAFETY: `p` is the live object `obj` holds a reference to, and holding a `Bound` means
    // the thread is attached to the interpreter, as the C API needs. `PyFloat_AS_DOUBLE` reads
    // the value of what the line before checked to be an exact `float`; the checks and
    // `Py_True` only compare type and object pointers.
    unsafe {
        if ffi::PyBool_Check(p) != 0 {
            return Ok(Some(Scalar::Bool(p == ffi::Py_True())));
        }
        if ffi::PyLong_CheckExact(p) != 0 {
            return python_int(obj).map(Some);
        }
        if ffi::PyFloat_CheckExact(p) != 0 {
            return Ok(Some(Scalar::Float(ffi::PyFloat_AS_DOUBLE(p))));
        }
        if ffi::PyComplex_CheckExact(p) != 0 {
            let c = obj.cast::<PyComplex>()?;
            return Ok(Some(Scalar::Complex(c.real(), c.imag())));
        }
    }
    Ok(None)
}

fn python_int(obj: &Bound<'_, PyAny>) -> PyResult<Scalar> {
    let mut overflow = 0;
    // SAFETY: `obj` is a live object and the thread is attached (we hold a `Bound`);
    // `overflow` is a live `c_int` for the call to write. A failure is reported as -1 with an
    // exception set, which is taken below.
    let v = unsafe { ffi::PyLong_AsLongLongAndOverflow(obj.as_ptr(), &mut overflow) };
    if overflow == 0 {
        if v == -1 {
            if let Some(e) = PyErr::take(obj.py()) {
                return Err(e);
            }
        }
        return Ok(Scalar::Int(v as i128));
    }
    match obj.extract::<i128>() {
        Ok(v) => Ok(Scalar::Int(v)),
        Err(_) => Err(PyOverflowError::new_err(format!(
            "Python integer {} out of bounds for int64",
            obj.str().map(|s| s.to_string()).unwrap_or_default()
        ))),
    }
}

/// A Python scalar as a 0-d array of its NumPy type. An int that fits neither int64 nor uint64
/// is one NumPy keeps in an object array, which ferronum has not: refused, never wrapped.
fn scalar_array(s: Scalar, py: Python<'_>) -> PyResult<Array> {
    if let Scalar::Int(v) = s {
        if v < i64::MIN as i128 || v > u64::MAX as i128 {
            return Err(PyTypeError::new_err(format!(
                "ferronum does not support object arrays: the Python int {v} fits neither int64 nor uint64"
            )));
        }
    }
    Array::from_scalar(s.to_wide(), s.default_dtype()).py(py)
}

/// `asarray(obj)`: shares memory with ferronum and NumPy arrays, converts everything else.
pub fn to_array(obj: &Bound<'_, PyAny>) -> PyResult<Array> {
    if let Ok(a) = obj.cast::<PyNdArray>() {
        return Ok(a.get().inner().clone());
    }
    if let Ok(a) = obj.cast::<PyUntypedArray>() {
        return from_numpy(a);
    }
    if let Some(s) = python_scalar(obj)? {
        return scalar_array(s, obj.py());
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        return from_nested(obj);
    }
    // NumPy scalars and anything else that speaks the array protocols: let NumPy describe the
    // memory, then share it.
    let py = obj.py();
    let np_arr = py.import("numpy")?.getattr("asarray")?.call1((obj,))?;
    match np_arr.cast::<PyUntypedArray>() {
        Ok(a) => from_numpy(a),
        Err(_) => Err(PyTypeError::new_err(format!(
            "ferronum cannot convert an object of type {} to an array",
            obj.get_type().name()?
        ))),
    }
}

/// Shares a NumPy array's memory (keeping the NumPy array alive), copying only when its dtype
/// is one ferronum lacks in that byte order.
pub fn from_numpy(a: &Bound<'_, PyUntypedArray>) -> PyResult<Array> {
    let py = a.py();
    let descr = a.dtype();
    let dt = match dtypes::from_descr(&descr) {
        Ok(d) => d,
        Err(e) if descr.kind() == b'O' || descr.kind() == b'U' || descr.kind() == b'S' => {
            return Err(PyTypeError::new_err(format!(
                "ferronum does not support {} arrays: {e}",
                descr.str()?
            )))
        }
        Err(_) => {
            let native = descr.call_method1("newbyteorder", ("=",))?;
            let c = a.call_method1("astype", (native,))?;
            return from_numpy(c.cast::<PyUntypedArray>()?);
        }
    };
    let isz = dt.itemsize() as isize;
    let raw = a.as_array_ptr();
    // SAFETY: `raw` is the `PyArrayObject` that `a`, a live NumPy array (its type was checked
    // by the cast to `PyUntypedArray`), points at; its `data` and `flags` fields are plain
    // reads of that struct, which NumPy's ABI lays out as `PyArrayObject_fields`.
    let (data, flags) = unsafe { ((*raw).fields.data as *mut u8, (*raw).fields.flags) };
    let shape: Vec<usize> = a.shape().to_vec();
    let byte_strides: Vec<isize> = a.strides().to_vec();
    if byte_strides.iter().any(|s| s % isz != 0) || (data as usize) % (isz.min(8) as usize) != 0 {
        // Unaligned memory: take an aligned copy through NumPy's own conversion.
        let c = py
            .import("numpy")?
            .getattr("ascontiguousarray")?
            .call1((a,))?;
        let arr = from_numpy(c.cast::<PyUntypedArray>()?)?;
        return arr.copy(ferronum::Order::C).py(py);
    }
    // Rebase so that every reachable element sits at a non-negative offset from the buffer.
    let mut lo: isize = 0;
    let mut hi: isize = 0;
    let elem_strides: Vec<isize> = byte_strides.iter().map(|s| s / isz).collect();
    for (&d, &s) in shape.iter().zip(&elem_strides) {
        if d == 0 {
            lo = 0;
            hi = 0;
            break;
        }
        let span = (d as isize - 1) * s;
        if span < 0 {
            lo += span;
        } else {
            hi += span;
        }
    }
    // SAFETY: `lo * isz` (`lo <= 0`) is the byte offset of the lowest element any index
    // reaches from `data`, so the result lies inside the memory NumPy holds for the array (an
    // empty array gives `lo == 0`, no move at all).
    let base = unsafe { data.offset(lo * isz) };
    let len = ((hi - lo + 1) * isz) as usize;
    let keep: Py<PyAny> = a.clone().into_any().unbind();
    // SAFETY: every element of the array lies in `base..base + len` (from the lowest element
    // to the end of the highest), which is the memory of the NumPy array or of the base object
    // it keeps alive; `keep` is a strong reference to the array, so the memory stays valid as
    // long as the buffer lives. (An empty array's `len` of one item is never read or written:
    // the engine touches no element of an empty array.)
    let buf = unsafe { Buffer::foreign(base, len, Box::new(keep)) };
    let layout = Layout {
        shape: shape.into_iter().collect(),
        strides: elem_strides.into_iter().collect(),
        offset: (-lo) as usize,
    };
    Array::from_foreign(Arc::new(buf), layout, dt, flags & NPY_ARRAY_WRITEABLE != 0).py(py)
}

/// A NumPy array viewing `a`'s memory, kept alive through `owner` (the ferronum array).
pub fn to_numpy<'py>(
    py: Python<'py>,
    a: &Array,
    owner: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let descr = dtypes::to_py(py, a.dtype())?;
    let mut dims: Vec<npyffi::npy_intp> =
        a.shape().iter().map(|&d| d as npyffi::npy_intp).collect();
    let mut strides: Vec<npyffi::npy_intp> = a
        .byte_strides()
        .iter()
        .map(|&s| s as npyffi::npy_intp)
        .collect();
    let flags = if a.is_writeable() {
        NPY_ARRAY_WRITEABLE
    } else {
        0
    };
    // SAFETY: the thread is attached (`py`). `PyArray_NewFromDescr` reads `dims.len()` entries
    // of `dims` and `strides` (both that long, alive for the call), takes the reference to the
    // descriptor created by `into_ptr`, and wraps `a`'s data pointer, whose elements at those
    // byte strides lie inside `a`'s buffer; the writeable flag follows `a`'s. The buffer stays
    // alive because `owner`, which holds `a`'s buffer, becomes the new array's base (a
    // reference `SetBaseObject` takes, even on failure). `from_owned_ptr_or_err` takes the
    // new reference, or the error set with a null return.
    unsafe {
        let subtype = npyffi::get_type_object(py, npyffi::NpyTypes::PyArray_Type);
        // NewFromDescr steals a reference to the descriptor.
        let d: Bound<'_, PyArrayDescr> = descr.clone();
        let descr_ptr = d.into_ptr() as *mut PyArray_Descr;
        let obj = PY_ARRAY_API.PyArray_NewFromDescr(
            py,
            subtype,
            descr_ptr,
            dims.len() as i32,
            dims.as_mut_ptr(),
            strides.as_mut_ptr(),
            a.data_ptr() as *mut _,
            flags,
            std::ptr::null_mut(),
        );
        let arr = Bound::from_owned_ptr_or_err(py, obj)?;
        // SetBaseObject steals a reference to the owner.
        let owner_ref = owner.clone().into_ptr();
        if PY_ARRAY_API.PyArray_SetBaseObject(py, arr.as_ptr() as *mut PyArrayObject, owner_ref) < 0
        {
            return Err(PyErr::fetch(py));
        }
        Ok(arr)
    }
}

// ---- nested sequences ---------------------------------------------------------------------

/// Values gathered from a nested list, widened as new kinds appear: NumPy's inference order
/// bool < int64 < float64 < complex128.
enum Gathered {
    Bool(Vec<bool>),
    Int(Vec<i64>),
    Float(Vec<f64>),
    Complex(Vec<Complex64>),
}

impl Gathered {
    fn len(&self) -> usize {
        match self {
            Gathered::Bool(v) => v.len(),
            Gathered::Int(v) => v.len(),
            Gathered::Float(v) => v.len(),
            Gathered::Complex(v) => v.len(),
        }
    }

    fn widen_to_float(&mut self) {
        *self = match std::mem::replace(self, Gathered::Bool(Vec::new())) {
            Gathered::Bool(v) => Gathered::Float(v.into_iter().map(|b| b as u8 as f64).collect()),
            Gathered::Int(v) => Gathered::Float(v.into_iter().map(|x| x as f64).collect()),
            other => other,
        }
    }

    fn widen_to_complex(&mut self) {
        self.widen_to_float();
        if let Gathered::Float(v) = self {
            let v = std::mem::take(v);
            *self = Gathered::Complex(v.into_iter().map(|x| Complex64::new(x, 0.0)).collect());
        }
    }

    fn push(&mut self, s: Scalar) {
        match (&mut *self, s) {
            (Gathered::Bool(v), Scalar::Bool(b)) => v.push(b),
            (Gathered::Bool(v), Scalar::Int(i)) => {
                let mut w: Vec<i64> = v.iter().map(|&b| b as i64).collect();
                w.push(i as i64);
                *self = Gathered::Int(w);
            }
            (Gathered::Int(v), Scalar::Bool(b)) => v.push(b as i64),
            (Gathered::Int(v), Scalar::Int(i)) => v.push(i as i64),
            (Gathered::Float(v), Scalar::Bool(b)) => v.push(b as u8 as f64),
            (Gathered::Float(v), Scalar::Int(i)) => v.push(i as f64),
            (Gathered::Float(v), Scalar::Float(f)) => v.push(f),
            (Gathered::Complex(v), s) => v.push(match s {
                Scalar::Complex(re, im) => Complex64::new(re, im),
                s => Complex64::new(s.to_wide().to_f64(), 0.0),
            }),
            (_, Scalar::Float(_)) => {
                self.widen_to_float();
                self.push(s)
            }
            (_, Scalar::Complex(..)) => {
                self.widen_to_complex();
                self.push(s)
            }
        }
    }

    fn into_array(self, shape: &[usize]) -> ferronum::Result<Array> {
        match self {
            Gathered::Bool(v) => Array::from_vec(v, shape),
            Gathered::Int(v) => Array::from_vec(v, shape),
            Gathered::Float(v) => Array::from_vec(v, shape),
            Gathered::Complex(v) => Array::from_vec(v, shape),
        }
    }
}

/// Why the fast path gave up: a leaf it cannot read directly (NumPy scalars, arrays, big ints).
struct Fallback;

fn ragged(depth: usize, shape: &[usize]) -> PyErr {
    let detected = match depth {
        1 => format!("({},)", shape[0]),
        _ => format!(
            "({})",
            shape[..depth]
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    PyValueError::new_err(format!(
        "setting an array element with a sequence. The requested array has an inhomogeneous shape after {depth} dimensions. The detected shape was {detected} + inhomogeneous part."
    ))
}

/// The item array and length of a list or tuple (subclasses included); `None` otherwise.
///
/// # Safety
/// `p` must be a live object and the thread attached to the interpreter. The items are
/// borrowed: they stay valid only while the sequence is neither changed nor freed.
#[inline]
unsafe fn seq_items(p: *mut ffi::PyObject) -> Option<(*mut *mut ffi::PyObject, usize)> {
    // SAFETY: `p` is live and the thread attached (the contract); the type checks only read
    // its type. A list (or subclass) has `PyListObject`'s layout, whose `ob_item` holds
    // `PyList_GET_SIZE` items; a tuple (or subclass) has `PyTupleObject`'s, with its items
    // inline.
    unsafe {
        if ffi::PyList_CheckExact(p) != 0 || ffi::PyList_Check(p) != 0 {
            Some((
                (*(p as *mut ffi::PyListObject)).ob_item,
                ffi::PyList_GET_SIZE(p) as usize,
            ))
        } else if ffi::PyTuple_Check(p) != 0 {
            Some((
                (*(p as *mut ffi::PyTupleObject)).ob_item.as_mut_ptr(),
                ffi::PyTuple_GET_SIZE(p) as usize,
            ))
        } else {
            None
        }
    }
}

/// Reads one leaf as a Python scalar without creating objects; `Fallback` for other leaves.
///
/// # Safety
/// `p` must be a live object and the thread attached to the interpreter.
#[inline]
unsafe fn leaf(p: *mut ffi::PyObject) -> Result<Scalar, Fallback> {
    // SAFETY: `p` is live (the contract): reading its type is a field read, and the type
    // objects are statics whose addresses are only compared.
    let t = unsafe { ffi::Py_TYPE(p) };
    if t == std::ptr::addr_of_mut!(ffi::PyLong_Type) {
        let mut overflow = 0;
        // SAFETY: `p` is an exact `int`, so the call runs no Python code (no `__index__`) and
        // sets no exception: out of range it reports through `overflow`, a live local.
        let v = unsafe { ffi::PyLong_AsLongLongAndOverflow(p, &mut overflow) };
        if overflow != 0 {
            return Err(Fallback);
        }
        return Ok(Scalar::Int(v as i128));
    }
    if t == std::ptr::addr_of_mut!(ffi::PyFloat_Type) {
        // SAFETY: `p` is an exact `float`, whose value field this reads.
        return Ok(Scalar::Float(unsafe { ffi::PyFloat_AS_DOUBLE(p) }));
    }
    if t == std::ptr::addr_of_mut!(ffi::PyBool_Type) {
        // SAFETY: `Py_True` only gives the address of the `True` singleton.
        return Ok(Scalar::Bool(p == unsafe { ffi::Py_True() }));
    }
    if t == std::ptr::addr_of_mut!(ffi::PyComplex_Type) {
        // SAFETY: `p` is an exact `complex` and the thread attached: both calls read its value
        // fields (no `__complex__` to run for the exact type).
        return Ok(unsafe {
            Scalar::Complex(
                ffi::PyComplex_RealAsDouble(p),
                ffi::PyComplex_ImagAsDouble(p),
            )
        });
    }
    Err(Fallback)
}

fn gather(
    p: *mut ffi::PyObject,
    depth: usize,
    shape: &[usize],
    out: &mut Gathered,
) -> PyResult<Result<(), Fallback>> {
    // SAFETY: `p` is live: `from_nested` passes the object its `Bound` holds, and each level
    // passes an item `k < n` of a live list or tuple, `n` being its length. The thread is
    // attached (the caller holds a `Bound`), and nothing in this walk runs Python code or
    // detaches the thread (`leaf` and the loops read exact `int`, `float`, `bool`, `complex`
    // objects; `ragged` builds its error lazily), so with the GIL no sequence can change or
    // be freed meanwhile and the borrowed item pointers stay valid. (With the GIL disabled,
    // a free-threaded build, another thread could resize a list meanwhile: that would need
    // a critical section around each list's walk.)
    unsafe {
        if depth == shape.len() {
            if seq_items(p).is_some() {
                return Err(ragged(depth, shape));
            }
            return match leaf(p) {
                Ok(s) => {
                    out.push(s);
                    Ok(Ok(()))
                }
                Err(f) => Ok(Err(f)),
            };
        }
        // Not a list where one was expected: an array or other sequence for the slow path.
        let Some((items, n)) = seq_items(p) else {
            return Ok(Err(Fallback));
        };
        if n != shape[depth] {
            return Err(ragged(depth, shape));
        }
        if depth + 1 == shape.len() {
            // The innermost level: the hot loop of `asarray(list of lists)`.
            if let Gathered::Int(v) = out {
                let mut k = 0;
                while k < n {
                    let it = *items.add(k);
                    if ffi::Py_TYPE(it) != std::ptr::addr_of_mut!(ffi::PyLong_Type) {
                        break;
                    }
                    let mut overflow = 0;
                    let x = ffi::PyLong_AsLongLongAndOverflow(it, &mut overflow);
                    if overflow != 0 {
                        return Ok(Err(Fallback));
                    }
                    v.push(x);
                    k += 1;
                }
                for j in k..n {
                    if let Err(f) = gather(*items.add(j), depth + 1, shape, out)? {
                        return Ok(Err(f));
                    }
                }
                return Ok(Ok(()));
            }
            if let Gathered::Float(v) = out {
                let mut k = 0;
                while k < n {
                    let it = *items.add(k);
                    if ffi::Py_TYPE(it) != std::ptr::addr_of_mut!(ffi::PyFloat_Type) {
                        break;
                    }
                    v.push(ffi::PyFloat_AS_DOUBLE(it));
                    k += 1;
                }
                for j in k..n {
                    if let Err(f) = gather(*items.add(j), depth + 1, shape, out)? {
                        return Ok(Err(f));
                    }
                }
                return Ok(Ok(()));
            }
        }
        for k in 0..n {
            if let Err(f) = gather(*items.add(k), depth + 1, shape, out)? {
                return Ok(Err(f));
            }
        }
        Ok(Ok(()))
    }
}

/// Whether `obj` is, or a nested list or tuple holds, a Python `complex`: `None` if not, else
/// whether a NumPy complex comes before the first one (NumPy stores elements in order: it casts
/// that one with a ComplexWarning before `float()` of the Python complex raises).
pub fn python_complex_in(obj: &Bound<'_, PyAny>) -> PyResult<Option<bool>> {
    fn walk(
        o: &Bound<'_, PyAny>,
        numpy_complex: &Bound<'_, PyAny>,
        seen: &mut bool,
    ) -> PyResult<bool> {
        if o.is_instance_of::<PyList>() || o.is_instance_of::<PyTuple>() {
            for item in o.try_iter()? {
                if walk(&item?, numpy_complex, seen)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        if o.is_exact_instance_of::<PyComplex>() {
            return Ok(true);
        }
        *seen |= o.is_instance(numpy_complex)?;
        Ok(false)
    }
    let numpy_complex = obj.py().import("numpy")?.getattr("complexfloating")?;
    let mut seen = false;
    Ok(walk(obj, &numpy_complex, &mut seen)?.then_some(seen))
}

/// The shape a nested sequence claims, following first elements down.
fn probe_shape(obj: &Bound<'_, PyAny>) -> Vec<usize> {
    let mut shape = Vec::new();
    let mut p = obj.as_ptr();
    // SAFETY: as in `gather`: `p` starts as `obj`'s live object and moves to item 0 of a
    // non-empty list or tuple; the thread is attached and no Python code runs in the loop.
    unsafe {
        while let Some((items, n)) = seq_items(p) {
            shape.push(n);
            if n == 0 {
                break;
            }
            p = *items;
        }
    }
    shape
}

fn from_nested(obj: &Bound<'_, PyAny>) -> PyResult<Array> {
    let py = obj.py();
    let shape = probe_shape(obj);
    let size: usize = shape.iter().product();
    // SAFETY: as in `probe_shape`: a walk down first items of live, non-empty lists and
    // tuples, with the thread attached and no Python code running.
    let first_leaf_kind = unsafe {
        let mut p = obj.as_ptr();
        while let Some((items, n)) = seq_items(p) {
            if n == 0 {
                break;
            }
            p = *items;
        }
        leaf(p).ok()
    };
    // Reserve the whole result up front and ask for huge pages before the first write, as
    // for every large engine buffer.
    fn reserve<T>(n: usize) -> Vec<T> {
        let v = Vec::with_capacity(n);
        ferronum::buffer::advise_huge_pages(v.as_ptr() as *mut u8, n * std::mem::size_of::<T>());
        v
    }
    let mut g = match first_leaf_kind {
        Some(Scalar::Float(_)) => Gathered::Float(reserve(size)),
        Some(Scalar::Bool(_)) if size > 0 => Gathered::Bool(reserve(size)),
        None if size == 0 => Gathered::Float(Vec::new()),
        _ => Gathered::Int(reserve(size)),
    };
    match gather(obj.as_ptr(), 0, &shape, &mut g)? {
        Ok(()) if g.len() == size => g.into_array(&shape).py(py),
        _ => from_nested_slow(obj),
    }
}

/// The general path: every leaf becomes an array (NumPy scalars keep their dtype, nested
/// arrays add their dimensions), then all are promoted to one dtype and copied in order.
fn from_nested_slow(obj: &Bound<'_, PyAny>) -> PyResult<Array> {
    let py = obj.py();
    fn walk(
        obj: &Bound<'_, PyAny>,
        depth: usize,
        shape: &mut Vec<usize>,
        leaves: &mut Vec<(usize, Array)>,
    ) -> PyResult<()> {
        if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
            let n = obj.len()?;
            if shape.len() <= depth {
                shape.push(n);
            } else if shape[depth] != n {
                return Err(ragged(depth, shape));
            }
            for item in obj.try_iter()? {
                walk(&item?, depth + 1, shape, leaves)?;
            }
            return Ok(());
        }
        let a = match python_scalar(obj)? {
            Some(s) => scalar_array(s, obj.py())?,
            None => to_array(obj)?,
        };
        for (k, &d) in a.shape().iter().enumerate() {
            match shape.get(depth + k) {
                None => shape.push(d),
                Some(&s) if s == d => {}
                Some(_) => return Err(ragged(depth + k, shape)),
            }
        }
        leaves.push((depth, a));
        Ok(())
    }
    let mut shape = Vec::new();
    let mut leaves = Vec::new();
    walk(obj, 0, &mut shape, &mut leaves)?;
    if leaves
        .iter()
        .any(|(depth, a)| depth + a.ndim() != shape.len())
    {
        let at = leaves.iter().map(|(d, a)| d + a.ndim()).min().unwrap_or(0);
        return Err(ragged(at, &shape));
    }
    let dt = leaves
        .iter()
        .map(|(_, a)| a.dtype())
        .reduce(ferronum::promote)
        .unwrap_or(DType::F64);
    let out = Array::uninit(&shape, dt).py(py)?;
    let flat = out.reshape(&[-1]).py(py)?;
    let mut pos = 0isize;
    for (_, leaf) in &leaves {
        let n = leaf.size() as isize;
        let dst = flat
            .index(&[ferronum::IndexItem::Slice {
                start: Some(pos),
                stop: Some(pos + n),
                step: None,
            }])
            .py(py)?;
        dst.assign(&leaf.ravel().py(py)?).py(py)?;
        pos += n;
    }
    Ok(out)
}

/// An operand of an arithmetic call: exact Python scalars stay weak scalars, ferronum arrays
/// are borrowed, anything else is converted.
pub enum Owned<'a> {
    Borrowed(&'a Array),
    Array(Array),
    Scalar(Scalar),
}

impl Owned<'_> {
    pub fn as_operand(&self) -> ferronum::ops::ufunc::Operand<'_> {
        match self {
            Owned::Borrowed(a) => ferronum::ops::ufunc::Operand::Array(a),
            Owned::Array(a) => ferronum::ops::ufunc::Operand::Array(a),
            Owned::Scalar(s) => ferronum::ops::ufunc::Operand::Scalar(*s),
        }
    }

    pub fn size(&self) -> usize {
        match self {
            Owned::Borrowed(a) => a.size(),
            Owned::Array(a) => a.size(),
            Owned::Scalar(_) => 1,
        }
    }
}

pub fn operand<'a>(obj: &'a Bound<'_, PyAny>) -> PyResult<Owned<'a>> {
    if let Ok(a) = obj.cast::<PyNdArray>() {
        return Ok(Owned::Borrowed(a.get().inner()));
    }
    if let Some(s) = python_scalar(obj)? {
        return Ok(Owned::Scalar(s));
    }
    to_array(obj).map(Owned::Array)
}

/// A value to store into an array of dtype `d` (`fill`, `full`): Python scalars are checked
/// as NumPy checks them; arrays and NumPy scalars are read as their item.
pub fn scalar_for(py: Python<'_>, value: &Bound<'_, PyAny>, d: DType) -> PyResult<Wide> {
    if let Some(s) = python_scalar(value)? {
        s.check_settable(d).py(py)?;
        return Ok(s.to_wide());
    }
    let a = to_array(value)?;
    if a.size() != 1 {
        return Err(PyValueError::new_err(
            "setting an array element with a sequence.",
        ));
    }
    a.item().py(py)
}
