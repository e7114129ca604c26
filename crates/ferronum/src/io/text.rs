//! Text tables: `loadtxt`'s reader (NumPy's C tokenizer rules: lines, comments, one-character
//! delimiters or runs of whitespace, optional quotes) and `genfromtxt`'s (Python string
//! splitting, missing values filled in). Numbers are parsed with Rust's correctly rounded
//! parser, which reads exactly the values CPython's `float()` reads; float32 and float16
//! columns are parsed as float64 and rounded, as NumPy does.
//!
//! Large inputs are cut at line ends into blocks parsed in parallel; the rows of each block
//! are numbered afterwards, so errors name the row NumPy names.

use crate::array::Array;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::io::raw;
use half::f16;
use std::sync::Mutex;

/// `loadtxt`'s reading options (the Python layer has checked their types).
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// One character, or `None` for runs of whitespace.
    pub delimiter: Option<String>,
    /// Comment markers; text from the first one to the line's end is dropped.
    pub comments: Vec<String>,
    pub quote: Option<char>,
    pub skiprows: usize,
    pub max_rows: Option<usize>,
    pub usecols: Option<Vec<isize>>,
}

/// Lines of `text` from `pos`: (start, end without the line break, next line's start).
fn next_line(text: &[u8], pos: usize) -> (usize, usize, usize) {
    let rest = &text[pos..];
    match memchr::memchr2(b'\n', b'\r', rest) {
        Some(i) => {
            let end = pos + i;
            let next = if text[end] == b'\r' && text.get(end + 1) == Some(&b'\n') {
                end + 2
            } else {
                end + 1
            };
            (pos, end, next)
        }
        None => (pos, text.len(), text.len()),
    }
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\x0b' | b'\x0c')
}

fn trim(mut f: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = f {
        if is_ws(*first) {
            f = rest;
        } else {
            break;
        }
    }
    while let [rest @ .., last] = f {
        if is_ws(*last) {
            f = rest;
        } else {
            break;
        }
    }
    f
}

/// The line up to its first comment marker.
fn strip_comment<'a>(line: &'a [u8], comments: &[Vec<u8>]) -> &'a [u8] {
    let mut end = line.len();
    for c in comments {
        if c.len() == 1 {
            if let Some(i) = memchr::memchr(c[0], &line[..end]) {
                end = i;
            }
        } else if let Some(i) = line[..end].windows(c.len()).position(|w| w == &c[..]) {
            end = i;
        }
    }
    &line[..end]
}

/// Splits a line (comments removed) into fields as NumPy's tokenizer does; an empty line has
/// none. Quoted fields lose their quotes (a doubled quote inside stands for one).
fn split_fields<'a>(
    line: &'a [u8],
    delim: Option<&[u8]>,
    quote: Option<u8>,
    fields: &mut Vec<std::borrow::Cow<'a, [u8]>>,
) {
    use std::borrow::Cow;
    fields.clear();
    match delim {
        None => {
            let mut i = 0;
            let n = line.len();
            loop {
                while i < n && is_ws(line[i]) {
                    i += 1;
                }
                if i >= n {
                    break;
                }
                if quote == Some(line[i]) {
                    let (f, next) = quoted(line, i, quote.unwrap_or(b'"'), true);
                    fields.push(f);
                    i = next;
                    continue;
                }
                let s = i;
                while i < n && !is_ws(line[i]) {
                    i += 1;
                }
                fields.push(Cow::Borrowed(&line[s..i]));
            }
        }
        Some(d) => {
            if line.is_empty() {
                return;
            }
            let mut i = 0;
            loop {
                if let Some(q) = quote {
                    // A quote may follow leading whitespace.
                    let mut j = i;
                    while j < line.len() && is_ws(line[j]) {
                        j += 1;
                    }
                    if j < line.len() && line[j] == q {
                        let (f, next) = quoted(line, j, q, false);
                        // Skip to the delimiter after the closing quote.
                        let rest = &line[next..];
                        match find(rest, d) {
                            Some(k) => {
                                fields.push(f);
                                i = next + k + d.len();
                                continue;
                            }
                            None => {
                                fields.push(f);
                                return;
                            }
                        }
                    }
                }
                match find(&line[i..], d) {
                    Some(k) => {
                        fields.push(Cow::Borrowed(&line[i..i + k]));
                        i += k + d.len();
                    }
                    None => {
                        fields.push(Cow::Borrowed(&line[i..]));
                        return;
                    }
                }
            }
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() == 1 {
        memchr::memchr(needle[0], hay)
    } else {
        hay.windows(needle.len()).position(|w| w == needle)
    }
}

/// A quoted field from `start` (the opening quote): its text and the position after it. Text
/// after the closing quote up to the field's end (whitespace when `until_ws`) belongs to it.
fn quoted(line: &[u8], start: usize, q: u8, until_ws: bool) -> (std::borrow::Cow<'_, [u8]>, usize) {
    let mut out = Vec::new();
    let mut i = start + 1;
    while i < line.len() {
        if line[i] == q {
            if line.get(i + 1) == Some(&q) {
                out.push(q);
                i += 2;
                continue;
            }
            i += 1;
            if until_ws {
                while i < line.len() && !is_ws(line[i]) {
                    out.push(line[i]);
                    i += 1;
                }
            }
            return (std::borrow::Cow::Owned(out), i);
        }
        out.push(line[i]);
        i += 1;
    }
    (std::borrow::Cow::Owned(out), i)
}

/// Parses one field as a value of `dtype`, appending its bytes; false when it is no number
/// of that type.
pub fn parse_value(field: &[u8], dtype: DType, out: &mut Vec<u8>) -> bool {
    let f = trim(field);
    match dtype {
        DType::F64 => match parse_f64(f) {
            Some(v) => out.extend_from_slice(&v.to_ne_bytes()),
            None => return false,
        },
        DType::F32 => match parse_f64(f) {
            Some(v) => out.extend_from_slice(&(v as f32).to_ne_bytes()),
            None => return false,
        },
        DType::F16 => match parse_f64(f) {
            Some(v) => out.extend_from_slice(&f16::from_f64(v).to_ne_bytes()),
            None => return false,
        },
        DType::C128 | DType::C64 => match parse_complex(f) {
            Some((re, im)) => {
                if dtype == DType::C128 {
                    out.extend_from_slice(&re.to_ne_bytes());
                    out.extend_from_slice(&im.to_ne_bytes());
                } else {
                    out.extend_from_slice(&(re as f32).to_ne_bytes());
                    out.extend_from_slice(&(im as f32).to_ne_bytes());
                }
            }
            None => return false,
        },
        DType::Bool => match parse_int(f) {
            Some(v) => out.push((v != 0) as u8),
            None => return false,
        },
        _ => {
            let Some(v) = parse_int(f) else { return false };
            let size = dtype.itemsize();
            let signed = dtype.kind() == crate::dtype::Kind::Int;
            let bits = size as u32 * 8;
            let ok = if signed {
                let lo = -(1i128 << (bits - 1));
                let hi = (1i128 << (bits - 1)) - 1;
                (lo..=hi).contains(&v)
            } else {
                !f.starts_with(b"-") && (0..(1i128 << bits)).contains(&v)
            };
            if !ok {
                return false;
            }
            push_int(v, size, out);
        }
    }
    true
}

/// The low `size` bytes of `v` in native order (two's complement, as a cast wraps).
fn push_int(v: i128, size: usize, out: &mut Vec<u8>) {
    match size {
        1 => out.push(v as u8),
        2 => out.extend_from_slice(&(v as u16).to_ne_bytes()),
        4 => out.extend_from_slice(&(v as u32).to_ne_bytes()),
        _ => out.extend_from_slice(&(v as u64).to_ne_bytes()),
    }
}

fn parse_f64(f: &[u8]) -> Option<f64> {
    // Rust's parser takes `inf`, `infinity` and `nan` in any case with an optional sign, as
    // CPython's does; it has no underscores or hexadecimal, like CPython's `PyOS_string_to_double`.
    let s = std::str::from_utf8(f).ok()?;
    s.parse::<f64>().ok()
}

fn parse_int(f: &[u8]) -> Option<i128> {
    let (neg, digits) = match f.first()? {
        b'-' => (true, &f[1..]),
        b'+' => (false, &f[1..]),
        _ => (false, f),
    };
    if digits.is_empty() || digits.len() > 30 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut v: i128 = 0;
    for &d in digits {
        v = v * 10 + (d - b'0') as i128;
    }
    Some(if neg { -v } else { v })
}

/// `1+2j`, `(3-4j)`, `2j`, `5`: real and imaginary parts.
pub fn parse_complex(f: &[u8]) -> Option<(f64, f64)> {
    let f = match f {
        [b'(', inner @ .., b')'] => inner,
        _ => f,
    };
    if let [body @ .., b'j'] = f {
        // The sign that starts the imaginary part: not the first byte, not an exponent's.
        let split = (1..body.len())
            .rev()
            .find(|&i| matches!(body[i], b'+' | b'-') && !matches!(body[i - 1], b'e' | b'E'));
        match split {
            Some(i) => Some((parse_f64(&body[..i])?, parse_f64(&body[i..])?)),
            None => Some((0.0, parse_f64(body)?)),
        }
    } else {
        Some((parse_f64(f)?, 0.0))
    }
}

/// What went wrong in a block, with the block's own data-row index.
#[derive(Clone, Debug)]
enum Fault {
    Columns {
        from: usize,
        to: usize,
        row: usize,
    },
    Usecol {
        index: isize,
        row: usize,
        ncols: usize,
    },
    Convert {
        text: String,
        row: usize,
        col: usize,
    },
}

#[derive(Default)]
struct Block {
    data: Vec<u8>,
    rows: usize,
    /// Fields of the block's first row.
    first: Option<usize>,
    fault: Option<Fault>,
}

struct Parser<'a> {
    dtype: DType,
    delim: Option<Vec<u8>>,
    comments: Vec<Vec<u8>>,
    quote: Option<u8>,
    usecols: Option<&'a [isize]>,
}

impl Parser<'_> {
    /// Parses the lines of `text[start..end]`, at most `limit` data rows: the block and the
    /// position after the last line read.
    fn block(&self, text: &[u8], start: usize, end: usize, limit: usize) -> (Block, usize) {
        let mut b = Block::default();
        let mut fields = Vec::new();
        let mut pos = start;
        while pos < end && b.rows < limit {
            let (s, e, next) = next_line(&text[..end], pos);
            pos = next;
            let line = strip_comment(&text[s..e], &self.comments);
            split_fields(line, self.delim.as_deref(), self.quote, &mut fields);
            if fields.is_empty() {
                continue;
            }
            let row = b.rows;
            let n = fields.len();
            match self.usecols {
                None => {
                    let first = *b.first.get_or_insert(n);
                    if n != first {
                        b.fault = Some(Fault::Columns {
                            from: first,
                            to: n,
                            row,
                        });
                        return (b, pos);
                    }
                    for (c, f) in fields.iter().enumerate() {
                        if !parse_value(f, self.dtype, &mut b.data) {
                            b.fault = Some(Fault::Convert {
                                text: String::from_utf8_lossy(f).into_owned(),
                                row,
                                col: c,
                            });
                            return (b, pos);
                        }
                    }
                }
                Some(cols) => {
                    b.first.get_or_insert(n);
                    for &u in cols {
                        let c = if u < 0 { u + n as isize } else { u };
                        if c < 0 || c >= n as isize {
                            b.fault = Some(Fault::Usecol {
                                index: u,
                                row,
                                ncols: n,
                            });
                            return (b, pos);
                        }
                        let f = &fields[c as usize];
                        if !parse_value(f, self.dtype, &mut b.data) {
                            b.fault = Some(Fault::Convert {
                                text: String::from_utf8_lossy(f).into_owned(),
                                row,
                                col: c as usize,
                            });
                            return (b, pos);
                        }
                    }
                }
            }
            b.rows += 1;
        }
        (b, pos)
    }
}

/// The position after the first `n` lines.
fn skip_lines(text: &[u8], n: usize) -> usize {
    let mut pos = 0;
    for _ in 0..n {
        if pos >= text.len() {
            break;
        }
        pos = next_line(text, pos).2;
    }
    pos
}

/// `loadtxt`'s core: the table as a 2-d array (rows, columns); no rows gives shape
/// `(0, len(usecols))`, or `(0, 1)` without `usecols`.
pub fn loadtxt(text: &[u8], dtype: DType, o: &ReadOptions) -> Result<Array> {
    let p = Parser {
        dtype,
        delim: o.delimiter.as_ref().map(|d| d.as_bytes().to_vec()),
        comments: o.comments.iter().map(|c| c.as_bytes().to_vec()).collect(),
        quote: o.quote.map(|q| q as u8),
        usecols: o.usecols.as_deref(),
    };
    let start = skip_lines(text, o.skiprows);
    let body = text.len() - start;
    const MIN_BLOCK: usize = 1 << 20;
    let threads = crate::parallel::num_threads();
    let blocks: Vec<Block> = if o.max_rows.is_some() || threads == 1 || body < 2 * MIN_BLOCK {
        vec![
            p.block(text, start, text.len(), o.max_rows.unwrap_or(usize::MAX))
                .0,
        ]
    } else {
        // Cut at line ends into more blocks than threads, so a descheduled thread's share
        // can be taken over.
        let want = (threads * 4).min(body / MIN_BLOCK).max(1);
        let mut cuts = vec![start];
        for k in 1..want {
            let guess = start + body * k / want;
            let prev = *cuts.last().unwrap_or(&start);
            if guess <= prev {
                continue;
            }
            match memchr::memchr(b'\n', &text[guess..]) {
                Some(i) if guess + i + 1 < text.len() => cuts.push(guess + i + 1),
                _ => break,
            }
        }
        cuts.dedup();
        cuts.push(text.len());
        let n = cuts.len() - 1;
        let slots: Vec<Mutex<Option<Block>>> = (0..n).map(|_| Mutex::new(None)).collect();
        crate::parallel::for_each(n, &|i| {
            let (b, _) = p.block(text, cuts[i], cuts[i + 1], usize::MAX);
            if let Ok(mut s) = slots[i].lock() {
                *s = Some(b);
            }
        });
        slots
            .into_iter()
            .map(|s| s.into_inner().ok().flatten().unwrap_or_default())
            .collect()
    };
    // Number the rows across blocks and report the first fault.
    let mut rows = 0usize;
    let mut first: Option<usize> = None;
    for b in &blocks {
        if let (Some(f0), Some(bf), None) = (first, b.first, o.usecols.as_ref()) {
            if f0 != bf && b.rows + b.fault.is_some() as usize > 0 {
                return Err(columns_changed(f0, bf, rows));
            }
        }
        if first.is_none() {
            first = b.first;
        }
        if let Some(f) = &b.fault {
            return Err(match f {
                Fault::Columns { from, to, row } => columns_changed(*from, *to, rows + row),
                Fault::Usecol { index, row, ncols } => Error::value(format!(
                    "invalid column index {index} at row {} with {ncols} columns",
                    rows + row + 1
                )),
                Fault::Convert { text, row, col } => Error::value(format!(
                    "could not convert string {} to {} at row {}, column {}.",
                    super::pylit::str_repr(text),
                    dtype.name(),
                    rows + row,
                    col + 1
                )),
            });
        }
        rows += b.rows;
    }
    let ncols = match &o.usecols {
        Some(u) => u.len(),
        None if rows == 0 => 1,
        None => first.unwrap_or(1),
    };
    let a = Array::uninit(&[rows, ncols], dtype)?;
    // SAFETY: `a` is new and contiguous; nothing else sees it yet.
    let dst = unsafe { raw::bytes_mut(&a) };
    let mut at = 0;
    for b in &blocks {
        dst[at..at + b.data.len()].copy_from_slice(&b.data);
        at += b.data.len();
    }
    debug_assert_eq!(at, dst.len());
    Ok(a)
}

fn columns_changed(from: usize, to: usize, row0: usize) -> Error {
    Error::value(format!(
        "the number of columns changed from {from} to {to} at row {}; use `usecols` to select \
         a subset and avoid this error",
        row0 + 1
    ))
}

/// `genfromtxt`'s reading options.
#[derive(Clone, Debug, Default)]
pub struct GenOptions {
    /// `None`: runs of whitespace; `Some(text)`: that string; widths: fixed-width fields.
    pub delimiter: GenDelimiter,
    pub comments: Option<String>,
    pub skip_header: usize,
    pub skip_footer: usize,
    pub usecols: Option<Vec<isize>>,
    /// Texts that mean "missing", for every column (the empty string always does).
    pub missing: Vec<String>,
    /// Per output column: the value a missing or unparsable field gets (`None`: the dtype's
    /// default, NaN for inexact types and -1 for integers, False for booleans).
    pub filling: Vec<Option<f64>>,
    pub max_rows: Option<usize>,
    pub invalid_raise: bool,
    pub autostrip: bool,
    /// Raise on a field that is neither missing nor a number (dtype inference); otherwise it
    /// is filled like a missing one (NumPy's `loose` converters).
    pub strict: bool,
}

#[derive(Clone, Debug, Default)]
pub enum GenDelimiter {
    #[default]
    Whitespace,
    Text(String),
    /// Fields of these widths (as many as given, empty past the line's end).
    Widths(Vec<usize>),
    /// Fields of one width, as many as the line fills.
    Every(usize),
}

/// `genfromtxt` for one numeric dtype: the table as a 2-d array, missing fields filled, and
/// the warnings NumPy gives for skipped invalid rows (when `invalid_raise` is false).
pub fn genfromtxt(text: &str, dtype: DType, o: &GenOptions) -> Result<(Array, Vec<String>)> {
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    // NumPy skips the header lines first, comments and blanks included.
    let skip = o.skip_header.min(lines.len());
    lines.drain(..skip);
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut line_nos: Vec<usize> = Vec::new();
    for (k, raw_line) in lines.iter().enumerate() {
        let mut line: &str = raw_line;
        if let Some(c) = &o.comments {
            if !c.is_empty() {
                if let Some(i) = line.find(c.as_str()) {
                    line = &line[..i];
                }
            }
        }
        let fields: Vec<String> = match &o.delimiter {
            GenDelimiter::Whitespace => {
                let l = line.trim_matches([' ', '\r', '\n']);
                l.split_whitespace().map(str::to_string).collect()
            }
            GenDelimiter::Text(d) => {
                let l = line.trim_matches([' ', '\r', '\n']);
                if l.is_empty() {
                    Vec::new()
                } else {
                    l.split(d.as_str()).map(str::to_string).collect()
                }
            }
            GenDelimiter::Widths(_) | GenDelimiter::Every(_) => {
                let l = line.trim_matches(['\r', '\n']);
                if l.is_empty() {
                    Vec::new()
                } else {
                    let chars: Vec<char> = l.chars().collect();
                    let widths: Vec<usize> = match &o.delimiter {
                        GenDelimiter::Widths(w) => w.clone(),
                        GenDelimiter::Every(n) => {
                            vec![(*n).max(1); chars.len().div_ceil((*n).max(1))]
                        }
                        _ => Vec::new(),
                    };
                    let mut out = Vec::new();
                    let mut at = 0;
                    for n in widths {
                        let end = (at + n).min(chars.len());
                        out.push(chars[at.min(end)..end].iter().collect());
                        at = end;
                    }
                    out
                }
            }
        };
        let fields: Vec<String> = if o.autostrip || matches!(o.delimiter, GenDelimiter::Whitespace)
        {
            fields.into_iter().map(|f| f.trim().to_string()).collect()
        } else {
            fields
        };
        if fields.is_empty() {
            continue;
        }
        rows.push(fields);
        line_nos.push(k + skip + 1);
    }
    let footer = o.skip_footer.min(rows.len());
    rows.truncate(rows.len() - footer);
    line_nos.truncate(rows.len());
    let ncols_file = rows.first().map(|r| r.len()).unwrap_or(0);
    let cols: Vec<usize> = match &o.usecols {
        Some(u) => u
            .iter()
            .map(|&c| {
                let i = if c < 0 { c + ncols_file as isize } else { c };
                usize::try_from(i).map_err(|_| Error::index("list index out of range"))
            })
            .collect::<Result<_>>()?,
        None => (0..ncols_file).collect(),
    };
    let need = match &o.usecols {
        Some(_) => None,
        None => Some(ncols_file),
    };
    let mut out = Vec::new();
    let mut nrows = 0usize;
    let mut invalid: Vec<(usize, usize)> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        if let Some(m) = o.max_rows {
            if nrows >= m {
                break;
            }
        }
        let bad = match need {
            Some(n) => row.len() != n,
            None => cols.iter().any(|&c| c >= row.len()),
        };
        if bad {
            invalid.push((line_nos[r], row.len()));
            continue;
        }
        for (k, &c) in cols.iter().enumerate() {
            let f = row[c].as_str();
            let missing =
                f.trim().is_empty() || o.missing.iter().any(|m| m == f || m.trim() == f.trim());
            if missing || !parse_value(f.as_bytes(), dtype, &mut out) {
                if !missing && o.strict {
                    return Err(Error::value(format!(
                        "Cannot convert string {}",
                        super::pylit::str_repr(f)
                    )));
                }
                let fill = o.filling.get(k).copied().flatten();
                push_fill(dtype, fill, &mut out);
            }
        }
        nrows += 1;
    }
    let mut warnings = Vec::new();
    if !invalid.is_empty() {
        let n = need.unwrap_or(cols.len());
        let mut msg = String::from("Some errors were detected !");
        for (line, got) in &invalid {
            msg.push_str(&format!(
                "\n    Line #{line} (got {got} columns instead of {n})"
            ));
        }
        if o.invalid_raise {
            return Err(Error::value(msg));
        }
        warnings.push(msg);
    }
    let a = Array::uninit(&[nrows, cols.len()], dtype)?;
    // SAFETY: `a` is new and contiguous; nothing else sees it yet.
    unsafe { raw::bytes_mut(&a) }.copy_from_slice(&out);
    Ok((a, warnings))
}

fn push_fill(dtype: DType, fill: Option<f64>, out: &mut Vec<u8>) {
    let v = fill.unwrap_or(match dtype.kind() {
        crate::dtype::Kind::Float | crate::dtype::Kind::Complex => f64::NAN,
        crate::dtype::Kind::Bool => 0.0,
        _ => -1.0,
    });
    let text = if v.is_nan() {
        "nan".to_string()
    } else if dtype.is_integer() || dtype == DType::Bool {
        format!("{}", v as i128)
    } else {
        format!("{v:e}")
    };
    if !parse_value(text.as_bytes(), dtype, out) {
        // A filling value out of the dtype's range wraps as NumPy's cast does.
        push_int(v as i128, dtype.itemsize(), out);
    }
}

/// `fromstring`/`fromfile` text mode: numbers separated by `sep` (whitespace in `sep`
/// matches any run of whitespace, an all-whitespace `sep` any run of it), at most `count`
/// (`None`: all). Reading stops at the first text that is no number; the flag says so
/// (NumPy warns that the input was not read to its end).
pub fn parse_separated(
    text: &[u8],
    dtype: DType,
    sep: &str,
    count: Option<usize>,
) -> (Array, bool) {
    let core = sep.trim();
    let mut out = Vec::new();
    let mut n = 0usize;
    let mut stopped = false;
    let mut pos = 0usize;
    let limit = count.unwrap_or(usize::MAX);
    while n < limit {
        while pos < text.len() && (is_ws(text[pos]) || matches!(text[pos], b'\n' | b'\r')) {
            pos += 1;
        }
        if pos >= text.len() {
            break;
        }
        // The token runs to the separator (or whitespace when the separator is whitespace).
        let rest = &text[pos..];
        let end = if core.is_empty() {
            rest.iter()
                .position(|&b| is_ws(b) || matches!(b, b'\n' | b'\r'))
                .unwrap_or(rest.len())
        } else {
            find(rest, core.as_bytes()).unwrap_or(rest.len())
        };
        let tok = trim(&rest[..end]);
        let tok = tok.strip_suffix(b"\r").unwrap_or(tok);
        if !parse_value(trim(tok), dtype, &mut out) {
            stopped = true;
            break;
        }
        n += 1;
        pos += end;
        if !core.is_empty() {
            if pos < text.len() {
                pos += core.len();
            } else {
                break;
            }
        }
    }
    let a = Array::uninit(&[n], dtype).inspect(|a| {
        // SAFETY: `a` is new and contiguous; nothing else sees it yet.
        unsafe { raw::bytes_mut(a) }.copy_from_slice(&out);
    });
    match a {
        Ok(a) => (a, stopped),
        Err(_) => (Array::zeros(&[0], dtype).expect("an empty array"), true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numpy_tables() {
        let o = ReadOptions {
            comments: vec!["#".into()],
            ..Default::default()
        };
        let a = loadtxt(b"# c\n1 2\n\n3 4.5\r\n", DType::F64, &o).unwrap();
        assert_eq!(a.shape(), &[2, 2]);
        assert_eq!(a.to_vec::<f64>(), vec![1.0, 2.0, 3.0, 4.5]);
        let e = loadtxt(b"1 2\n3\n", DType::F64, &o).unwrap_err();
        assert!(e.to_string().contains("changed from 2 to 1 at row 2"));
        let e = loadtxt(b"1 x\n", DType::F64, &o).unwrap_err();
        assert_eq!(
            e.to_string(),
            "could not convert string 'x' to float64 at row 0, column 2."
        );
        assert_eq!(parse_complex(b"1.5e-3+2e1j"), Some((1.5e-3, 20.0)));
        assert_eq!(parse_complex(b"(3-4j)"), Some((3.0, -4.0)));
    }

    #[test]
    fn parallel_blocks_agree_with_one_block() {
        let mut s = String::new();
        for i in 0..200_000 {
            s.push_str(&format!("{i},{}.25,{}\n", i * 3, i % 7));
        }
        let o = ReadOptions {
            delimiter: Some(",".into()),
            ..Default::default()
        };
        let a = loadtxt(s.as_bytes(), DType::F64, &o).unwrap();
        assert_eq!(a.shape(), &[200_000, 3]);
        let v = a.to_vec::<f64>();
        assert_eq!(v[3 * 199_999], 199_999.0);
        assert_eq!(v[3 * 199_999 + 1], 599_997.25);
    }
}
