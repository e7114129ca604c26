//! Files: `.npy` reading and writing (paths go straight to the engine, file objects through
//! their `read`/`write` methods), memory maps, text tables, raw bytes. The Python side
//! (`python/ferronum/_io.py`) opens files, tells `.npy` from `.npz` and pickles, and handles
//! the zip container; everything about the bytes is the engine's (`ferronum::io`).

use crate::common::{wrap, PyNdArray};
use crate::convert::to_array;
use crate::dtypes;
use crate::errors::{guard, guard_nogil, IntoPyResult};
use ferronum::io::{npy, printf, raw, text};
use ferronum::{Array, DType, Error};
use pyo3::buffer::PyBuffer;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use std::path::PathBuf;
use std::sync::Arc;

/// `max_header_size` as the engine takes it: `None` when `allow_pickle` trusts the file.
fn header_limit(allow_pickle: bool, max_header_size: usize) -> Option<usize> {
    (!allow_pickle).then_some(max_header_size)
}

/// `save` to a path (the Python side has added `.npy`).
#[pyfunction]
pub fn _npy_save_path(py: Python<'_>, path: PathBuf, a: &Bound<'_, PyAny>) -> PyResult<()> {
    let x = to_array(a)?;
    guard_nogil(py, x.nbytes(), || npy::save_path(&path, &x))
}

/// The `.npy` image of an array (header and data), for file objects and `.npz` members.
#[pyfunction]
pub fn _npy_image<'py>(py: Python<'py>, a: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyBytes>> {
    let x = to_array(a)?;
    let img = guard_nogil(py, x.nbytes(), || npy::to_image(&x))?;
    Ok(PyBytes::new(py, &img))
}

/// `load` of a `.npy` path.
#[pyfunction]
pub fn _npy_load_path(
    py: Python<'_>,
    path: PathBuf,
    allow_pickle: bool,
    max_header_size: usize,
) -> PyResult<Py<PyAny>> {
    let lim = header_limit(allow_pickle, max_header_size);
    let a = guard_nogil(py, usize::MAX, || npy::load_path(&path, allow_pickle, lim))?;
    wrap(py, a)
}

/// Reads up to `n` bytes through a file object's `read`.
fn read_n<'py>(read: &Bound<'py, PyAny>, n: usize) -> PyResult<Bound<'py, PyBytes>> {
    let b = read.call1((n,))?;
    b.cast_into::<PyBytes>().map_err(|e| e.into())
}

/// `load` of a `.npy` stream through its `read` method, leaving the stream after the array
/// (so several arrays saved to one file load one after another). `real_file` picks NumPy's
/// message for a short file.
#[pyfunction]
pub fn _npy_read(
    py: Python<'_>,
    read: &Bound<'_, PyAny>,
    allow_pickle: bool,
    max_header_size: usize,
    real_file: bool,
) -> PyResult<Py<PyAny>> {
    let prefix = read_n(read, npy::PREFIX_LEN)?;
    let len_size = npy::check_prefix(prefix.as_bytes()).py(py)?;
    let v3 = prefix.as_bytes()[6] == 3;
    let field = read_n(read, len_size)?;
    let hlen = npy::header_len(field.as_bytes(), len_size).py(py)?;
    let rawh = read_n(read, hlen)?;
    if rawh.as_bytes().len() < hlen {
        return Err(npy::eof("array header", hlen, rawh.as_bytes().len())).py(py);
    }
    let h = npy::parse_header(
        rawh.as_bytes(),
        v3,
        header_limit(allow_pickle, max_header_size),
    )
    .py(py)?;
    h.dtype(allow_pickle).py(py)?;
    let n = h.data_len().py(py)?;
    // In chunks, so that a header claiming more than the stream holds costs no allocation of
    // that size.
    const CHUNK: usize = 1 << 26;
    let mut data: Vec<u8> = Vec::new();
    while data.len() < n {
        let want = (n - data.len()).min(CHUNK);
        let part = read_n(read, want)?;
        let got = part.as_bytes();
        data.extend_from_slice(got);
        if got.len() < want {
            break;
        }
    }
    let src = if real_file {
        npy::Source::File
    } else {
        npy::Source::Stream
    };
    let bytes = &data[..];
    let a = guard_nogil(py, n, || npy::array_from_data(&h, bytes, allow_pickle, src))?;
    wrap(py, a)
}

/// `load` of a whole `.npy` image held in memory (an `.npz` member).
#[pyfunction]
pub fn _npy_load_bytes(
    py: Python<'_>,
    data: &Bound<'_, PyBytes>,
    allow_pickle: bool,
    max_header_size: usize,
) -> PyResult<Py<PyAny>> {
    let bytes = data.as_bytes();
    let lim = header_limit(allow_pickle, max_header_size);
    let a = guard_nogil(py, bytes.len(), || {
        npy::parse_image(bytes, allow_pickle, lim, npy::Source::Stream)
    })?;
    wrap(py, a)
}

/// `load(path, mmap_mode=...)` for `'r'`, `'r+'` and `'c'`.
#[pyfunction]
pub fn _npy_map(
    py: Python<'_>,
    path: PathBuf,
    mode: &str,
    allow_pickle: bool,
    max_header_size: usize,
) -> PyResult<Py<PyAny>> {
    let m = match mode {
        "r" | "readonly" => npy::MapMode::Read,
        "r+" | "readwrite" => npy::MapMode::ReadWrite,
        "c" | "copyonwrite" => npy::MapMode::Copy,
        _ => {
            return Err(PyValueError::new_err(format!(
                "mode must be one of ['r', 'c', 'r+', 'w+', 'readonly', 'copyonwrite', 'readwrite', 'write'] (got {})",
                pyo3::types::PyString::new(py, mode).repr()?
            )))
        }
    };
    let a = guard(py, || {
        npy::map_path(&path, m, header_limit(allow_pickle, max_header_size))
    })?;
    wrap(py, a)
}

/// `open_memmap(path, mode='w+', dtype, shape, fortran_order)`: a new file of NumPy's header
/// and zeros, mapped for reading and writing.
#[pyfunction]
pub fn _npy_create_map(
    py: Python<'_>,
    path: PathBuf,
    dtype: &Bound<'_, PyAny>,
    shape: Vec<usize>,
    fortran: bool,
) -> PyResult<Py<PyAny>> {
    let d = dtypes::parse(Some(dtype))?.unwrap_or(DType::F64);
    let a = guard(py, || {
        let header = npy::header_bytes(d, fortran, &shape);
        let n = ferronum::layout::checked_size(&shape)?
            .checked_mul(d.itemsize())
            .ok_or_else(|| Error::value("array is too big."))?;
        let mut f = std::fs::File::create(&path).map_err(|e| npy::os_error(e, &path))?;
        std::io::Write::write_all(&mut f, &header).map_err(|e| npy::os_error(e, &path))?;
        f.set_len((header.len() + n) as u64)
            .map_err(|e| npy::os_error(e, &path))?;
        drop(f);
        npy::map_path(&path, npy::MapMode::ReadWrite, None)
    })?;
    wrap(py, a)
}

/// Element bytes of an array in C or Fortran order (`ndarray.tobytes`).
#[pyfunction]
#[pyo3(signature = (a, fortran=false))]
pub fn _tobytes<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    fortran: bool,
) -> PyResult<Bound<'py, PyBytes>> {
    let x = to_array(a)?;
    let mut out = Vec::new();
    guard(py, || {
        raw::with_bytes(&x, fortran, |b| out.extend_from_slice(b))
    })?;
    Ok(PyBytes::new(py, &out))
}

/// `tofile` in binary to a path (C order).
#[pyfunction]
pub fn _tofile_path(py: Python<'_>, a: &Bound<'_, PyAny>, path: PathBuf) -> PyResult<()> {
    let x = to_array(a)?;
    guard_nogil(py, x.nbytes(), || {
        npy::write_atomically(&path, |f| {
            raw::with_bytes(&x, false, |b| std::io::Write::write_all(f, b))?
                .map_err(|e| npy::os_error(e, &path))
        })
    })
}

/// `tofile`'s text mode: `format % item` per element, joined by `sep`.
#[pyfunction]
pub fn _format_flat(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    sep: &str,
    format: &str,
) -> PyResult<String> {
    let x = to_array(a)?;
    let f = printf::Format::parse(format);
    guard(py, || printf::format_flat(&x, &f, sep))
}

/// `savetxt`'s rows of a 2-d array.
#[pyfunction]
pub fn _format_rows(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    format: &str,
    newline: &str,
    complex: bool,
) -> PyResult<String> {
    let x = to_array(a)?;
    let f = printf::Format::parse(format);
    guard_nogil(py, x.size(), || {
        printf::format_rows(&x, &f, newline, complex)
    })
}

/// An array of `dtype` over (or, when misaligned, copied from) a byte buffer: `frombuffer`.
#[pyfunction]
pub fn _frombuffer(
    py: Python<'_>,
    buffer: &Bound<'_, PyAny>,
    dtype: &Bound<'_, PyAny>,
    count: isize,
    offset: isize,
) -> PyResult<Py<PyAny>> {
    let d = dtypes::parse(Some(dtype))?.unwrap_or(DType::F64);
    let pb = PyBuffer::<u8>::get(buffer)?;
    let len = pb.len_bytes();
    if offset < 0 || offset as usize > len {
        return Err(PyValueError::new_err(format!(
            "offset must be non-negative and no greater than buffer length ({len})"
        )));
    }
    let avail = len - offset as usize;
    let isz = d.itemsize();
    let n = if count < 0 {
        if avail % isz != 0 {
            return Err(PyValueError::new_err(
                "buffer size must be a multiple of element size",
            ));
        }
        avail / isz
    } else {
        let c = count as usize;
        if c.checked_mul(isz).is_none_or(|b| b > avail) {
            return Err(PyValueError::new_err(
                "buffer is smaller than requested size",
            ));
        }
        c
    };
    let writeable = !pb.readonly();
    let ptr = (pb.buf_ptr() as *mut u8).wrapping_add(offset as usize);
    let bytes = n * isz;
    // SAFETY: `ptr..ptr + bytes` lies inside the exporter's buffer (checked above), which the
    // `PyBuffer` keeps exported until it is dropped.
    let src = unsafe { std::slice::from_raw_parts(ptr as *const u8, bytes) };
    if (ptr as usize) % isz.min(8) != 0 || (d == DType::Bool && src.iter().any(|&b| b > 1)) {
        // Misaligned (or non-0/1 booleans): a copy, since the engine's loops need aligned,
        // valid elements.
        let a = guard(py, || raw::from_bytes(src, d, false, &[n], false))?;
        return wrap(py, a);
    }
    // SAFETY: as above; the box keeps the buffer export alive as long as the array's buffer.
    let buf = unsafe { ferronum::buffer::Buffer::foreign(ptr, bytes, Box::new(pb)) };
    let a = Array::from_foreign(
        Arc::new(buf),
        ferronum::layout::Layout::c_contiguous(&[n]),
        d,
        writeable,
    )
    .py(py)?;
    wrap(py, a)
}

/// A new array of `shape` from the first bytes of a bytes object (a copy): `fromfile` of a
/// stream, `fromstring`'s binary mode.
#[pyfunction]
pub fn _from_bytes_copy(
    py: Python<'_>,
    data: &Bound<'_, PyBytes>,
    dtype: &Bound<'_, PyAny>,
    n: usize,
) -> PyResult<Py<PyAny>> {
    let d = dtypes::parse(Some(dtype))?.unwrap_or(DType::F64);
    let a = guard(py, || {
        raw::from_bytes(data.as_bytes(), d, false, &[n], false)
    })?;
    wrap(py, a)
}

/// Numbers separated by `sep` (`fromstring`/`fromfile` text mode): the array and whether
/// reading stopped before the end.
#[pyfunction]
pub fn _parse_separated(
    py: Python<'_>,
    data: &Bound<'_, PyBytes>,
    dtype: &Bound<'_, PyAny>,
    sep: &str,
    count: isize,
) -> PyResult<(Py<PyAny>, bool)> {
    let d = dtypes::parse(Some(dtype))?.unwrap_or(DType::F64);
    let count = (count >= 0).then_some(count as usize);
    let (a, stopped) = text::parse_separated(data.as_bytes(), d, sep, count);
    Ok((wrap(py, a)?, stopped))
}

/// `loadtxt`'s reading: from a path (read here) or from bytes.
#[pyfunction]
#[pyo3(signature = (source, dtype, delimiter, comments, quote, skiprows, max_rows, usecols))]
#[allow(clippy::too_many_arguments)]
pub fn _loadtxt(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    dtype: &Bound<'_, PyAny>,
    delimiter: Option<String>,
    comments: Vec<String>,
    quote: Option<char>,
    skiprows: usize,
    max_rows: Option<usize>,
    usecols: Option<Vec<isize>>,
) -> PyResult<Py<PyAny>> {
    let d = dtypes::parse(Some(dtype))?.unwrap_or(DType::F64);
    let o = text::ReadOptions {
        delimiter,
        comments,
        quote,
        skiprows,
        max_rows,
        usecols,
    };
    let a = if let Ok(b) = source.cast::<PyBytes>() {
        let bytes = b.as_bytes();
        guard_nogil(py, bytes.len(), || text::loadtxt(bytes, d, &o))?
    } else {
        let path: PathBuf = source.extract()?;
        guard_nogil(py, usize::MAX, || {
            let bytes = std::fs::read(&path).map_err(|e| npy::os_error(e, &path))?;
            text::loadtxt(&bytes, d, &o)
        })?
    };
    wrap(py, a)
}

/// `genfromtxt` for one numeric dtype: the 2-d table and the warnings to give.
#[pyfunction]
#[pyo3(signature = (data, dtype, delimiter, comments, skip_header, skip_footer, usecols, missing, filling, max_rows, invalid_raise, autostrip, strict=false))]
#[allow(clippy::too_many_arguments)]
pub fn _genfromtxt(
    py: Python<'_>,
    data: &Bound<'_, PyString>,
    dtype: &Bound<'_, PyAny>,
    delimiter: &Bound<'_, PyAny>,
    comments: Option<String>,
    skip_header: usize,
    skip_footer: usize,
    usecols: Option<Vec<isize>>,
    missing: Vec<String>,
    filling: Vec<Option<f64>>,
    max_rows: Option<usize>,
    invalid_raise: bool,
    autostrip: bool,
    strict: bool,
) -> PyResult<(Py<PyAny>, Vec<String>)> {
    let d = dtypes::parse(Some(dtype))?.unwrap_or(DType::F64);
    let delimiter = if delimiter.is_none() {
        text::GenDelimiter::Whitespace
    } else if let Ok(s) = delimiter.extract::<String>() {
        text::GenDelimiter::Text(s)
    } else if let Ok(w) = delimiter.extract::<usize>() {
        text::GenDelimiter::Every(w)
    } else {
        text::GenDelimiter::Widths(delimiter.extract::<Vec<usize>>()?)
    };
    let o = text::GenOptions {
        delimiter,
        comments,
        skip_header,
        skip_footer,
        usecols,
        missing,
        filling,
        max_rows,
        invalid_raise,
        autostrip,
        strict,
    };
    let s = data.to_str()?;
    let (a, warnings) = guard(py, || text::genfromtxt(s, d, &o))?;
    Ok((wrap(py, a)?, warnings))
}

/// Whether `obj` is a ferronum array (for the Python side's `asarray` shortcuts).
#[pyfunction]
pub fn _is_ndarray(obj: &Bound<'_, PyAny>) -> bool {
    obj.is_instance_of::<PyNdArray>()
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    macro_rules! add {
        ($($f:ident),* $(,)?) => { $( m.add_function(wrap_pyfunction!($f, m)?)?; )* };
    }
    add!(
        _npy_save_path,
        _npy_image,
        _npy_load_path,
        _npy_read,
        _npy_load_bytes,
        _npy_map,
        _npy_create_map,
        _tobytes,
        _tofile_path,
        _format_flat,
        _format_rows,
        _frombuffer,
        _from_bytes_copy,
        _parse_separated,
        _loadtxt,
        _genfromtxt,
        _is_ndarray,
    );
    Ok(())
}
