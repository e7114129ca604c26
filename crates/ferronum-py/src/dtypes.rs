//! ferronum's dtypes are NumPy's own objects: this module maps between `ferronum::DType` and
//! `numpy.dtype` instances (cached), and builds NumPy scalars for single-value results.

use ferronum::{dispatch, DType, Element, Wide};
use numpy::npyffi::{PyArray_Descr, PY_ARRAY_API};
use numpy::{PyArrayDescr, PyArrayDescrMethods};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;

struct Cache {
    dtypes: Vec<Py<PyArrayDescr>>,
}

fn cache(py: Python<'_>) -> PyResult<&Cache> {
    static CACHE: PyOnceLock<Cache> = PyOnceLock::new();
    CACHE.get_or_try_init(py, || {
        let np = py.import("numpy")?;
        let dtype = np.getattr("dtype")?;
        let dtypes = DType::ALL
            .iter()
            .map(|d| {
                Ok(dtype
                    .call1((d.name(),))?
                    .cast_into::<PyArrayDescr>()?
                    .unbind())
            })
            .collect::<PyResult<Vec<_>>>()?;
        Ok(Cache { dtypes })
    })
}

fn index_of(d: DType) -> usize {
    DType::ALL.iter().position(|&x| x == d).unwrap_or(0)
}

/// The `numpy.dtype` for a ferronum dtype.
pub fn to_py<'py>(py: Python<'py>, d: DType) -> PyResult<Bound<'py, PyArrayDescr>> {
    Ok(cache(py)?.dtypes[index_of(d)].bind(py).clone())
}

/// The ferronum dtype of a `numpy.dtype` instance, or TypeError for dtypes ferronum lacks.
pub fn from_descr(descr: &Bound<'_, PyArrayDescr>) -> PyResult<DType> {
    let kind = descr.kind();
    let size = descr.itemsize();
    let bo = descr.byteorder();
    let native = matches!(bo, b'=' | b'|') || (bo == b'<') == cfg!(target_endian = "little");
    let d = match (kind, size) {
        (b'b', 1) => Some(DType::Bool),
        (b'i', 1) => Some(DType::I8),
        (b'i', 2) => Some(DType::I16),
        (b'i', 4) => Some(DType::I32),
        (b'i', 8) => Some(DType::I64),
        (b'u', 1) => Some(DType::U8),
        (b'u', 2) => Some(DType::U16),
        (b'u', 4) => Some(DType::U32),
        (b'u', 8) => Some(DType::U64),
        (b'f', 2) => Some(DType::F16),
        (b'f', 4) => Some(DType::F32),
        (b'f', 8) => Some(DType::F64),
        (b'c', 8) => Some(DType::C64),
        (b'c', 16) => Some(DType::C128),
        _ => None,
    };
    match d {
        Some(d) if native || size == 1 => Ok(d),
        Some(_) => Err(PyTypeError::new_err(
            "ferronum supports only native byte order; use astype first",
        )),
        None => Err(PyTypeError::new_err(format!(
            "ferronum does not support dtype {}",
            descr.str().map(|s| s.to_string()).unwrap_or_default()
        ))),
    }
}

/// Parses a `dtype=` argument as NumPy does (`numpy.dtype(obj)`); `None` stays `None`.
pub fn parse(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<DType>> {
    let Some(obj) = obj else { return Ok(None) };
    if obj.is_none() {
        return Ok(None);
    }
    if let Ok(descr) = obj.cast::<PyArrayDescr>() {
        return from_descr(descr).map(Some);
    }
    let py = obj.py();
    let descr = py.import("numpy")?.getattr("dtype")?.call1((obj,))?;
    from_descr(descr.cast::<PyArrayDescr>()?).map(Some)
}

/// A NumPy scalar (`numpy.float64(...)` etc.) holding `v` converted to dtype `d`.
pub fn scalar<'py>(py: Python<'py>, v: Wide, d: DType) -> PyResult<Bound<'py, PyAny>> {
    let descr = to_py(py, d)?;
    let mut bytes = [0u8; 16];
    dispatch!(d, T => {
        let x = T::from_wide(v);
        // SAFETY: `T` is at most 16 bytes (complex128 is the widest dtype), so it fits in
        // `bytes`; `write_unaligned` needs no alignment of the byte array.
        unsafe { std::ptr::write_unaligned(bytes.as_mut_ptr() as *mut T, x) };
    });
    // SAFETY: the thread is attached (`py`). `descr` is the descriptor of `d`, so
    // `PyArray_Scalar` copies its itemsize (<= 16) bytes out of `bytes`, which hold a `d`
    // value, and keeps no pointer to them (no base object is given); it borrows the
    // descriptor. `from_owned_ptr_or_err` takes the new reference, or the error set with a
    // null return.
    unsafe {
        let obj = PY_ARRAY_API.PyArray_Scalar(
            py,
            bytes.as_mut_ptr() as *mut _,
            descr.as_ptr() as *mut PyArray_Descr,
            std::ptr::null_mut(),
        );
        Bound::from_owned_ptr_or_err(py, obj)
    }
}
