//! NumPy's `.npy` format (numpy/lib/format.py): a magic string, a version, the header length,
//! a Python dict literal `{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }` padded with
//! spaces so that the data starts on a 64-byte boundary, then the elements in C or Fortran
//! order. Headers are written byte for byte as NumPy writes them and read as NumPy reads them,
//! errors and messages included.

use super::pylit::{self, bytes_repr, Value};
use super::raw;
use crate::array::Array;
use crate::dtype::DType;
use crate::error::{Error, Result};
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

pub const MAGIC: &[u8; 6] = b"\x93NUMPY";
/// Magic string and version.
pub const PREFIX_LEN: usize = 8;
const ALIGN: usize = 64;
/// Spare room NumPy leaves after the dict so that the length of the growing axis can be
/// rewritten in place (`len(str(8 * 2**64 - 1))`).
const GROWTH_AXIS_MAX_DIGITS: usize = 21;
/// NumPy's default `max_header_size`.
pub const MAX_HEADER_SIZE: usize = 10000;
/// The chunk NumPy reads a non-file stream in (`format.BUFFER_SIZE`); its truncation message
/// names the chunk that ran short.
const BUFFER_SIZE: usize = 1 << 18;

/// The header's `descr` for a dtype: NumPy's `dtype.str` (native byte order spelled out).
pub fn descr(d: DType) -> String {
    let kind = match d.kind() {
        crate::dtype::Kind::Bool => 'b',
        crate::dtype::Kind::Int => 'i',
        crate::dtype::Kind::Uint => 'u',
        crate::dtype::Kind::Float => 'f',
        crate::dtype::Kind::Complex => 'c',
    };
    let order = if d.itemsize() == 1 {
        '|'
    } else if cfg!(target_endian = "little") {
        '<'
    } else {
        '>'
    };
    format!("{order}{kind}{}", d.itemsize())
}

/// What a `descr` names.
#[derive(Clone, Debug, PartialEq)]
pub enum Descr {
    /// A dtype of ferronum's, `swap` when stored in the other byte order.
    Known { dtype: DType, swap: bool },
    /// Python objects (pickled data follow).
    Object,
    /// A dtype NumPy has and ferronum does not (strings, datetimes, records, long double).
    Unsupported,
}

/// Reads a `descr` as `numpy.dtype(descr)` would; `None` where NumPy raises TypeError.
pub fn parse_descr(v: &Value) -> Option<Descr> {
    match v {
        Value::Str(s) => parse_descr_str(s),
        Value::Bytes(b) => parse_descr_str(std::str::from_utf8(b).ok()?),
        // A list of fields is a structured dtype; a well-formed one is NumPy's, not ours.
        Value::List(items) => items
            .iter()
            .all(|f| matches!(f, Value::Tuple(t) if t.len() >= 2 && matches!(t[0], Value::Str(_) | Value::Tuple(_))))
            .then_some(Descr::Unsupported),
        _ => None,
    }
}

fn parse_descr_str(s: &str) -> Option<Descr> {
    use DType::*;
    let named = [
        ("bool", Bool),
        ("int8", I8),
        ("uint8", U8),
        ("int16", I16),
        ("uint16", U16),
        ("int32", I32),
        ("uint32", U32),
        ("int64", I64),
        ("uint64", U64),
        ("float16", F16),
        ("float32", F32),
        ("float64", F64),
        ("complex64", C64),
        ("complex128", C128),
        ("half", F16),
        ("single", F32),
        ("double", F64),
        ("float", F64),
        ("int", I64),
        ("complex", C128),
    ];
    if let Some(&(_, d)) = named.iter().find(|(n, _)| *n == s) {
        return Some(Descr::Known {
            dtype: d,
            swap: false,
        });
    }
    // A subarray (`'3i4'`, `'(2,3)f8'`): NumPy's, not ferronum's.
    let sub = s.trim_start_matches(|c: char| c.is_ascii_digit() || "(), ".contains(c));
    if sub.len() < s.len() && !sub.is_empty() {
        return parse_descr_str(sub).map(|_| Descr::Unsupported);
    }
    if matches!(s, "object" | "O" | "|O" | "<O" | ">O" | "=O" | "O8" | "|O8") {
        return Some(Descr::Object);
    }
    let (order, rest) = match s.as_bytes().first() {
        Some(b'<' | b'>' | b'=' | b'|') => (s.as_bytes()[0], &s[1..]),
        _ => (b'=', s),
    };
    let swap_if = |size: usize| -> bool {
        size > 1
            && match order {
                b'<' => cfg!(target_endian = "big"),
                b'>' => cfg!(target_endian = "little"),
                _ => false,
            }
    };
    let mut chars = rest.chars();
    let code = chars.next()?;
    let num = chars.as_str();
    let size: Option<usize> = if num.is_empty() {
        None
    } else {
        Some(num.parse().ok()?)
    };
    let d = match (code, size) {
        ('b', Some(1)) | ('?', None) => Some(Bool),
        ('i', Some(1)) | ('b', None) => Some(I8),
        ('u', Some(1)) | ('B', None) => Some(U8),
        ('i', Some(2)) | ('h', None) => Some(I16),
        ('u', Some(2)) | ('H', None) => Some(U16),
        ('i', Some(4)) | ('i', None) => Some(I32),
        ('u', Some(4)) | ('I', None) => Some(U32),
        ('i', Some(8)) | ('l', None) | ('q', None) => Some(I64),
        ('u', Some(8)) | ('L', None) | ('Q', None) => Some(U64),
        ('f', Some(2)) | ('e', None) => Some(F16),
        ('f', Some(4)) | ('f', None) => Some(F32),
        ('f', Some(8)) | ('d', None) => Some(F64),
        ('c', Some(8)) | ('F', None) => Some(C64),
        ('c', Some(16)) | ('D', None) => Some(C128),
        _ => None,
    };
    if let Some(dtype) = d {
        return Some(Descr::Known {
            dtype,
            swap: swap_if(dtype.itemsize()),
        });
    }
    // Valid NumPy dtypes ferronum lacks.
    let unsupported = match code {
        'U' | 'S' | 'a' | 'V' => true,
        'M' | 'm' => true,
        'f' => matches!(size, Some(12 | 16)),
        'c' => matches!(size, Some(24 | 32)),
        'g' | 'G' => size.is_none(),
        _ => false,
    };
    unsupported.then_some(Descr::Unsupported)
}

/// A parsed, checked header.
#[derive(Clone, Debug)]
pub struct Header {
    pub descr: Descr,
    /// The descr's literal, for messages.
    pub descr_text: String,
    pub fortran: bool,
    pub shape: Vec<usize>,
}

impl Header {
    pub fn count(&self) -> Result<usize> {
        crate::layout::checked_size(&self.shape)
    }

    /// The dtype and byte order of the data; TypeError for dtypes ferronum lacks, NumPy's
    /// ValueError for object arrays without `allow_pickle`.
    pub fn dtype(&self, allow_pickle: bool) -> Result<(DType, bool)> {
        match &self.descr {
            Descr::Known { dtype, swap } => Ok((*dtype, *swap)),
            Descr::Object if !allow_pickle => Err(Error::value(
                "Object arrays cannot be loaded when allow_pickle=False",
            )),
            Descr::Object => Err(Error::type_(
                "ferronum has no object arrays: this file holds pickled Python objects",
            )),
            Descr::Unsupported => Err(Error::type_(format!(
                "ferronum does not support dtype {}",
                self.descr_text
            ))),
        }
    }

    pub fn data_len(&self) -> Result<usize> {
        let (d, _) = self.dtype(false).or_else(|e| match e {
            Error::Value(_) => self.dtype(true),
            e => Err(e),
        })?;
        self.count()?
            .checked_mul(d.itemsize())
            .ok_or_else(|| Error::value("array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size."))
    }
}

/// Python's `repr` of a shape tuple.
fn shape_repr(shape: &[usize]) -> String {
    match shape {
        [] => "()".into(),
        [n] => format!("({n},)"),
        _ => format!(
            "({})",
            shape
                .iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The whole header NumPy writes for an array of this dtype, order and shape: magic, version,
/// length and the padded dict. Version 1.0 unless the dict outgrows its 16-bit length.
pub fn header_bytes(dtype: DType, fortran: bool, shape: &[usize]) -> Vec<u8> {
    let mut h = format!(
        "{{'descr': '{}', 'fortran_order': {}, 'shape': {}, }}",
        descr(dtype),
        if fortran { "True" } else { "False" },
        shape_repr(shape)
    );
    if !shape.is_empty() {
        let growing = if fortran {
            shape[shape.len() - 1]
        } else {
            shape[0]
        };
        let used = growing.to_string().len();
        h.extend(std::iter::repeat_n(
            ' ',
            GROWTH_AXIS_MAX_DIGITS.saturating_sub(used),
        ));
    }
    let hlen = h.len() + 1;
    let wrap = |len_size: usize, major: u8| -> Vec<u8> {
        let padlen = ALIGN - ((MAGIC.len() + 2 + len_size + hlen) % ALIGN);
        let total = hlen + padlen;
        let mut out = Vec::with_capacity(PREFIX_LEN + len_size + total);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&[major, 0]);
        if len_size == 2 {
            out.extend_from_slice(&(total as u16).to_le_bytes());
        } else {
            out.extend_from_slice(&(total as u32).to_le_bytes());
        }
        out.extend_from_slice(h.as_bytes());
        out.extend(std::iter::repeat_n(b' ', padlen));
        out.push(b'\n');
        out
    };
    let padded_v1 = hlen + ALIGN - ((MAGIC.len() + 4 + hlen) % ALIGN);
    if padded_v1 <= u16::MAX as usize {
        wrap(2, 1)
    } else {
        wrap(4, 2)
    }
}

/// Whether NumPy writes the array's data in Fortran order (`fortran_order` of its header).
pub fn fortran_order(a: &Array) -> bool {
    a.is_f_contiguous() && !a.is_c_contiguous()
}

/// The magic string and version: the size of the header-length field that follows.
pub fn check_prefix(p: &[u8]) -> Result<usize> {
    if p.len() < PREFIX_LEN {
        return Err(eof("magic string", PREFIX_LEN, p.len()));
    }
    if &p[..6] != MAGIC {
        return Err(Error::value(format!(
            "the magic string is not correct; expected {}, got {}",
            bytes_repr(MAGIC),
            bytes_repr(&p[..6])
        )));
    }
    match (p[6], p[7]) {
        (1, 0) => Ok(2),
        (2, 0) | (3, 0) => Ok(4),
        (major, minor) => Err(Error::value(format!(
            "we only support format version (1,0), (2,0), and (3,0), not ({major}, {minor})"
        ))),
    }
}

/// NumPy's message for a stream that ended early.
pub fn eof(what: &str, expected: usize, got: usize) -> Error {
    Error::value(format!(
        "EOF: reading {what}, expected {expected} bytes got {got}"
    ))
}

/// The header length stored after the prefix (2 or 4 little-endian bytes).
pub fn header_len(field: &[u8], len_size: usize) -> Result<usize> {
    if field.len() < len_size {
        return Err(eof("array header length", len_size, field.len()));
    }
    Ok(if len_size == 2 {
        u16::from_le_bytes([field[0], field[1]]) as usize
    } else {
        u32::from_le_bytes([field[0], field[1], field[2], field[3]]) as usize
    })
}

/// Parses and checks the header dict as `numpy.lib.format` does. `version3` headers are
/// UTF-8, older ones latin-1; `max_header_size` is `None` when the file is trusted.
pub fn parse_header(raw: &[u8], version3: bool, max_header_size: Option<usize>) -> Result<Header> {
    let text: String = if version3 {
        String::from_utf8(raw.to_vec()).map_err(|_| Error::value("header is not valid UTF-8"))?
    } else {
        raw.iter().map(|&b| b as char).collect()
    };
    if let Some(max) = max_header_size {
        let n = text.chars().count();
        if n > max {
            return Err(Error::value(format!(
                "Header info length ({n}) is large and may not be safe to load securely.\n\
                 To allow loading, adjust `max_header_size` or fully trust the `.npy` file using \
                 `allow_pickle=True`.\n\
                 For safety against large resource use or crashes, sandboxing may be necessary."
            )));
        }
    }
    let stripped = text.trim_start_matches([' ', '\t']);
    let Some(d) = pylit::parse(stripped) else {
        return Err(Error::value(format!(
            "Cannot parse header: {}",
            pylit::str_repr(&text)
        )));
    };
    let Value::Dict(items) = &d else {
        return Err(Error::value(format!(
            "Header is not a dictionary: {}",
            d.repr()
        )));
    };
    let get = |k: &str| {
        items
            .iter()
            .find(|(key, _)| matches!(key, Value::Str(s) if s == k))
            .map(|(_, v)| v)
    };
    let expected = ["descr", "fortran_order", "shape"];
    if items.len() != 3 || expected.iter().any(|k| get(k).is_none()) {
        let mut keys: Vec<String> = items.iter().map(|(k, _)| k.repr()).collect();
        keys.sort_by_key(|k| k.trim_matches(['\'', '"']).to_string());
        return Err(Error::value(format!(
            "Header does not contain the correct keys: [{}]",
            keys.join(", ")
        )));
    }
    let shape_v = get("shape").unwrap_or(&Value::None);
    let shape = match shape_v {
        Value::Tuple(t)
            if t.iter()
                .all(|x| matches!(x, Value::Int(_) | Value::Bool(_))) =>
        {
            t.iter()
                .map(|x| match x {
                    Value::Int(i) => *i,
                    Value::Bool(b) => *b as i128,
                    _ => 0,
                })
                .collect::<Vec<i128>>()
        }
        _ => {
            return Err(Error::value(format!(
                "shape is not valid: {}",
                shape_v.repr()
            )))
        }
    };
    let fortran = match get("fortran_order") {
        Some(Value::Bool(b)) => *b,
        Some(v) => {
            return Err(Error::value(format!(
                "fortran_order is not a valid bool: {}",
                v.repr()
            )))
        }
        None => false,
    };
    let descr_v = get("descr").unwrap_or(&Value::None);
    let Some(descr) = parse_descr(descr_v) else {
        return Err(Error::value(format!(
            "descr is not a valid dtype descriptor: {}",
            descr_v.repr()
        )));
    };
    if shape.iter().any(|&n| n < 0) {
        return Err(Error::value("negative dimensions are not allowed"));
    }
    let shape = shape
        .iter()
        .map(|&n| usize::try_from(n).map_err(|_| Error::value("array is too big.")))
        .collect::<Result<Vec<usize>>>()?;
    crate::layout::check_ndim(shape.len())?;
    Ok(Header {
        descr_text: descr_v.repr(),
        descr,
        fortran,
        shape,
    })
}

/// Where the data of an array comes from, which decides NumPy's message when it runs short.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A real file (`numpy.fromfile` reads it).
    File,
    /// Any other stream (an `.npz` member, `io.BytesIO`), read in `BUFFER_SIZE` chunks.
    Stream,
}

/// NumPy's error for data that end after `avail` of the header's bytes.
pub fn truncated(h: &Header, itemsize: usize, avail: usize, src: Source) -> Error {
    let count = h.count().unwrap_or(0);
    match src {
        Source::File => Error::value(format!(
            "Failed to read all data for array. Expected {} = {count} elements, could only read \
             {} elements. (file seems not fully written?)",
            shape_repr(&h.shape),
            avail / itemsize.max(1)
        )),
        Source::Stream => {
            let per = BUFFER_SIZE / itemsize.clamp(1, BUFFER_SIZE);
            let chunk = per * itemsize;
            let k = avail / chunk;
            let expected = per.min(count - k * per) * itemsize;
            eof("array data", expected, avail - k * chunk)
        }
    }
}

/// The array a header and the bytes after it describe (extra bytes are ignored).
pub fn array_from_data(h: &Header, data: &[u8], allow_pickle: bool, src: Source) -> Result<Array> {
    let (dtype, swap) = h.dtype(allow_pickle)?;
    let need = h.data_len()?;
    if data.len() < need {
        return Err(truncated(h, dtype.itemsize(), data.len(), src));
    }
    raw::from_bytes(data, dtype, swap, &h.shape, h.fortran)
}

/// A whole `.npy` image in memory: header and data.
pub fn parse_image(
    bytes: &[u8],
    allow_pickle: bool,
    max_header_size: Option<usize>,
    src: Source,
) -> Result<Array> {
    let (h, start) = parse_image_header(bytes, max_header_size)?;
    array_from_data(&h, &bytes[start..], allow_pickle, src)
}

/// The header of an in-memory image and where its data start.
pub fn parse_image_header(bytes: &[u8], max_header_size: Option<usize>) -> Result<(Header, usize)> {
    let len_size = check_prefix(bytes)?;
    let hlen = header_len(&bytes[PREFIX_LEN..], len_size)?;
    let start = PREFIX_LEN + len_size;
    let avail = bytes.len() - start;
    if avail < hlen {
        return Err(eof("array header", hlen, avail));
    }
    let h = parse_header(&bytes[start..start + hlen], bytes[6] == 3, max_header_size)?;
    Ok((h, start + hlen))
}

/// The `.npy` bytes of an array: NumPy's header, then the data.
pub fn to_image(a: &Array) -> Result<Vec<u8>> {
    let fortran = fortran_order(a);
    let mut out = header_bytes(a.dtype(), fortran, a.shape());
    let header = out.len();
    out.reserve_exact(a.nbytes());
    raw::with_bytes(a, fortran, |b| out.extend_from_slice(b))?;
    debug_assert_eq!(out.len(), header + a.nbytes());
    Ok(out)
}

/// An I/O error as Python's OSError would carry it.
pub fn os_error(e: std::io::Error, path: &Path) -> Error {
    Error::Os {
        errno: e.raw_os_error(),
        msg: e.to_string(),
        path: Some(path.to_string_lossy().into_owned()),
    }
}

/// A fresh name next to `path` for writing before the rename.
fn temp_path(path: &Path) -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = format!(
        ".{name}.{}-{}.tmp",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    );
    path.with_file_name(tmp)
}

/// Writes `write`'s output to `path` through a temporary file in the same directory renamed
/// over it at the end, so that a failure leaves no half-written file behind.
pub fn write_atomically(path: &Path, write: impl FnOnce(&mut File) -> Result<()>) -> Result<()> {
    let tmp = temp_path(path);
    let mut f = File::create(&tmp).map_err(|e| os_error(e, path))?;
    let done = write(&mut f).and_then(|_| f.flush().map_err(|e| os_error(e, path)));
    drop(f);
    let replace = || {
        // ext4 (`auto_da_alloc`) writes a file back at once when it is renamed over an existing
        // one, which made saving twice as slow as NumPy's overwrite in place; removing the old
        // file first keeps the rename a plain one. The path still never names a partial file.
        if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file()) {
            let _ = std::fs::remove_file(path);
        }
        std::fs::rename(&tmp, path).map_err(|e| os_error(e, path))
    };
    match done.and_then(|_| replace()) {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// `numpy.save` to a path: header and data written straight from the array's memory.
pub fn save_path(path: &Path, a: &Array) -> Result<()> {
    let fortran = fortran_order(a);
    let header = header_bytes(a.dtype(), fortran, a.shape());
    write_atomically(path, |f| {
        f.write_all(&header).map_err(|e| os_error(e, path))?;
        raw::with_bytes(a, fortran, |b| f.write_all(b))?.map_err(|e| os_error(e, path))
    })
}

/// Reads as many bytes as the file has up to `buf.len()`: the count read.
fn read_full(f: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Reads the header of an open `.npy` file, leaving the file at the data.
pub fn read_header(
    f: &mut File,
    path: &Path,
    max_header_size: Option<usize>,
) -> Result<(Header, usize)> {
    let io = |e| os_error(e, path);
    let mut prefix = [0u8; PREFIX_LEN + 4];
    let got = read_full(f, &mut prefix[..PREFIX_LEN]).map_err(io)?;
    let len_size = check_prefix(&prefix[..got])?;
    let got = read_full(f, &mut prefix[PREFIX_LEN..PREFIX_LEN + len_size]).map_err(io)?;
    let hlen = header_len(&prefix[PREFIX_LEN..PREFIX_LEN + got], len_size)?;
    let mut raw = vec![0u8; hlen];
    let got = read_full(f, &mut raw).map_err(io)?;
    if got < hlen {
        return Err(eof("array header", hlen, got));
    }
    let h = parse_header(&raw, prefix[6] == 3, max_header_size)?;
    Ok((h, PREFIX_LEN + len_size + hlen))
}

/// `numpy.load` of a `.npy` path: the data read straight into the new array's memory.
pub fn load_path(path: &Path, allow_pickle: bool, max_header_size: Option<usize>) -> Result<Array> {
    let mut f = File::open(path).map_err(|e| os_error(e, path))?;
    let (h, _) = read_header(&mut f, path, max_header_size)?;
    let (dtype, swap) = h.dtype(allow_pickle)?;
    h.data_len()?;
    let a = Array::uninit_order(
        &h.shape,
        dtype,
        if h.fortran {
            crate::array::Order::F
        } else {
            crate::array::Order::C
        },
    )?;
    // SAFETY: `a` is new and contiguous; only this function sees it until it returns.
    let dst = unsafe { raw::bytes_mut(&a) };
    let got = read_full(&mut f, dst).map_err(|e| os_error(e, path))?;
    if got < dst.len() {
        return Err(truncated(&h, dtype.itemsize(), got, Source::File));
    }
    raw::fix_up(dst, dtype, swap);
    Ok(a)
}

/// How a `.npy` file is mapped.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MapMode {
    /// `'r'`: a read-only array.
    Read,
    /// `'r+'`: writes go to the file.
    ReadWrite,
    /// `'c'`: writes stay in memory (copy on write).
    Copy,
}

/// `numpy.load(path, mmap_mode=...)`: an array over the mapped file's data.
pub fn map_path(path: &Path, mode: MapMode, max_header_size: Option<usize>) -> Result<Array> {
    let io = |e| os_error(e, path);
    let mut f = std::fs::OpenOptions::new()
        .read(true)
        .write(mode == MapMode::ReadWrite)
        .open(path)
        .map_err(io)?;
    let (h, offset) = read_header(&mut f, path, max_header_size)?;
    let dtype = match h.dtype(false) {
        Err(Error::Value(_)) => {
            return Err(Error::value(
                "Array can't be memory-mapped: Python objects in dtype.",
            ))
        }
        r => r?.0,
    };
    let (_, swap) = h.dtype(false)?;
    if swap {
        return Err(Error::type_(
            "ferronum supports only native byte order; load without mmap_mode to convert",
        ));
    }
    let nbytes = h.data_len()?;
    let order = if h.fortran {
        crate::array::Order::F
    } else {
        crate::array::Order::C
    };
    if nbytes == 0 {
        return Array::uninit_order(&h.shape, dtype, order);
    }
    let flen = f.metadata().map_err(io)?.len() as usize;
    let end = offset + nbytes;
    if flen < end {
        if mode == MapMode::ReadWrite {
            // numpy.memmap grows a file opened for writing to the array's size.
            f.set_len(end as u64).map_err(io)?;
        } else {
            return Err(Error::value("mmap length is greater than file size"));
        }
    }
    if offset % dtype.itemsize().min(8) != 0 {
        return Err(Error::value(
            "ferronum cannot map an array whose data are not aligned to its element size",
        ));
    }
    let mut opts = memmap2::MmapOptions::new();
    opts.offset(offset as u64).len(nbytes);
    // SAFETY: the mapping is kept alive by the buffer it is handed to; as with NumPy's
    // memmap, another process truncating the file under the mapping is the user's problem.
    let (ptr, keep): (*mut u8, Box<dyn std::any::Any + Send + Sync>) = unsafe {
        match mode {
            MapMode::Read => {
                let m = opts.map(&f).map_err(io)?;
                (m.as_ptr() as *mut u8, Box::new(m))
            }
            MapMode::ReadWrite => {
                let mut m = opts.map_mut(&f).map_err(io)?;
                (m.as_mut_ptr(), Box::new(m))
            }
            MapMode::Copy => {
                let mut m = opts.map_copy(&f).map_err(io)?;
                (m.as_mut_ptr(), Box::new(m))
            }
        }
    };
    if dtype == DType::Bool {
        // SAFETY: `ptr..ptr+nbytes` is the mapping just made, alive in `keep`.
        let bytes = unsafe { std::slice::from_raw_parts(ptr, nbytes) };
        if bytes.iter().any(|&b| b > 1) {
            return Err(Error::value(
                "ferronum cannot map boolean data holding bytes other than 0 and 1",
            ));
        }
    }
    // SAFETY: the mapping covers `nbytes` bytes from `ptr` and lives as long as `keep`,
    // which the buffer owns.
    let buf = unsafe { crate::buffer::Buffer::foreign(ptr, nbytes, keep) };
    let layout = if h.fortran {
        crate::layout::Layout::f_contiguous(&h.shape)
    } else {
        crate::layout::Layout::c_contiguous(&h.shape)
    };
    Array::from_foreign(
        std::sync::Arc::new(buf),
        layout,
        dtype,
        mode != MapMode::Read,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_is_numpys() {
        let h = header_bytes(DType::F64, false, &[3]);
        assert_eq!(h.len(), 128);
        assert_eq!(&h[..8], b"\x93NUMPY\x01\x00");
        let text = std::str::from_utf8(&h[10..]).unwrap();
        assert!(text.starts_with("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }"));
        assert!(text.ends_with(" \n"));
        let parsed = parse_header(&h[10..], false, Some(MAX_HEADER_SIZE)).unwrap();
        assert_eq!(parsed.shape, vec![3]);
        assert_eq!(
            parsed.descr,
            Descr::Known {
                dtype: DType::F64,
                swap: false
            }
        );
    }

    #[test]
    fn round_trip_every_dtype() {
        for &d in DType::ALL.iter() {
            let a = Array::zeros(&[2, 3], d).unwrap();
            let img = to_image(&a).unwrap();
            let b = parse_image(&img, false, Some(MAX_HEADER_SIZE), Source::Stream).unwrap();
            assert_eq!(b.shape(), &[2, 3]);
            assert_eq!(b.dtype(), d);
        }
    }
}
