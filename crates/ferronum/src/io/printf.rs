//! Python's `%` formatting of numbers (`'%.18e' % x`), the text `savetxt` and `tofile` write,
//! and the shortest round-trip texts of `repr(float)` and of NumPy's float scalars' `str`.
//! Digits come from Rust's float formatting, which is exact and rounds half to even like
//! Python's; only the layout (exponent form, padding, signs) is done here.

use crate::array::Array;
use crate::dtype::{DType, Wide};
use crate::error::{Error, Result};
use half::f16;
use std::sync::Mutex;

/// A number to format, and the type whose `str`/`repr` `%s`/`%r` give.
#[derive(Clone, Copy, Debug)]
pub struct Arg {
    pub num: Num,
    pub text: TextOf,
}

#[derive(Clone, Copy, Debug)]
pub enum Num {
    Bool(bool),
    Int(i128),
    Float(f64),
    Complex(f64, f64),
}

/// Whose `str` and `repr` a value takes: a NumPy scalar of a dtype (what iterating over an
/// array gives, as `savetxt` does), or the Python builtin (`tofile`'s `format % item`).
#[derive(Clone, Copy, Debug)]
pub enum TextOf {
    NumPy(DType),
    Python,
}

#[derive(Clone, Debug)]
enum Piece {
    Lit(String),
    Spec(Spec),
    /// A conversion Python rejects, raised when formatting reaches it.
    Bad(Error),
}

#[derive(Clone, Debug, Default)]
struct Spec {
    left: bool,
    plus: bool,
    space: bool,
    alt: bool,
    zero: bool,
    width: usize,
    prec: Option<usize>,
    conv: u8,
}

/// A parsed `%` format string.
#[derive(Clone, Debug)]
pub struct Format {
    pieces: Vec<Piece>,
}

impl Format {
    pub fn parse(fmt: &str) -> Format {
        let b = fmt.as_bytes();
        let mut pieces = Vec::new();
        let mut lit = String::new();
        let mut i = 0;
        while i < b.len() {
            let Some(off) = fmt[i..].find('%') else {
                lit.push_str(&fmt[i..]);
                break;
            };
            lit.push_str(&fmt[i..i + off]);
            let start = i + off;
            i = start + 1;
            let mut s = Spec::default();
            while i < b.len() {
                match b[i] {
                    b'-' => s.left = true,
                    b'+' => s.plus = true,
                    b' ' => s.space = true,
                    b'#' => s.alt = true,
                    b'0' => s.zero = true,
                    _ => break,
                }
                i += 1;
            }
            if b.get(i) == Some(&b'(') {
                flush(&mut pieces, &mut lit);
                pieces.push(Piece::Bad(Error::type_("format requires a mapping")));
                return Format { pieces };
            }
            if b.get(i) == Some(&b'*') {
                flush(&mut pieces, &mut lit);
                pieces.push(Piece::Bad(Error::type_("* wants int")));
                return Format { pieces };
            }
            while i < b.len() && b[i].is_ascii_digit() {
                s.width = s
                    .width
                    .saturating_mul(10)
                    .saturating_add((b[i] - b'0') as usize);
                i += 1;
            }
            if b.get(i) == Some(&b'.') {
                i += 1;
                let mut p = 0usize;
                while i < b.len() && b[i].is_ascii_digit() {
                    p = p.saturating_mul(10).saturating_add((b[i] - b'0') as usize);
                    i += 1;
                }
                s.prec = Some(p);
            }
            while i < b.len() && matches!(b[i], b'h' | b'l' | b'L') {
                i += 1;
            }
            let Some(ch) = fmt[i.min(fmt.len())..].chars().next() else {
                flush(&mut pieces, &mut lit);
                pieces.push(Piece::Bad(Error::value("incomplete format")));
                return Format { pieces };
            };
            i += ch.len_utf8();
            // Only a bare `%%` is a percent sign; after flags, width or precision Python
            // rejects it like any other unknown conversion.
            if ch == '%' && i - ch.len_utf8() == start + 1 {
                lit.push('%');
                continue;
            }
            if ch == '%' || !"diouxXeEfFgGcrsa".contains(ch) {
                flush(&mut pieces, &mut lit);
                pieces.push(Piece::Bad(Error::value(format!(
                    "unsupported format character '{ch}' (0x{:x}) at index {}",
                    ch as u32,
                    fmt[..i - ch.len_utf8()].chars().count()
                ))));
                return Format { pieces };
            }
            s.conv = ch as u8;
            flush(&mut pieces, &mut lit);
            pieces.push(Piece::Spec(s));
        }
        flush(&mut pieces, &mut lit);
        Format { pieces }
    }

    /// `fmt % tuple(args)`, appended to `out`.
    pub fn write(&self, args: &[Arg], out: &mut String) -> Result<()> {
        let mut k = 0;
        for p in &self.pieces {
            match p {
                Piece::Lit(s) => out.push_str(s),
                Piece::Bad(e) => return Err(e.clone()),
                Piece::Spec(s) => {
                    let Some(a) = args.get(k) else {
                        return Err(Error::type_("not enough arguments for format string"));
                    };
                    k += 1;
                    format_one(s, a, out)?;
                }
            }
        }
        if k < args.len() {
            return Err(Error::type_(
                "not all arguments converted during string formatting",
            ));
        }
        Ok(())
    }
}

fn flush(pieces: &mut Vec<Piece>, lit: &mut String) {
    if !lit.is_empty() {
        pieces.push(Piece::Lit(std::mem::take(lit)));
    }
}

fn type_name(a: &Arg) -> String {
    match a.text {
        TextOf::NumPy(d) => format!("numpy.{}", d.name()),
        TextOf::Python => match a.num {
            Num::Bool(_) => "bool".into(),
            Num::Int(_) => "int".into(),
            Num::Float(_) => "float".into(),
            Num::Complex(..) => "complex".into(),
        },
    }
}

fn format_one(s: &Spec, a: &Arg, out: &mut String) -> Result<()> {
    let conv = s.conv;
    let (sign_neg, body): (bool, String) = match conv {
        b'd' | b'i' | b'u' => {
            // Python's `int(x)` of a float can be any size: its exact digits.
            let (neg, mut digits) = match a.num {
                Num::Float(f) if f.is_finite() => {
                    let t = f.trunc();
                    (t < 0.0, format!("{:.0}", t.abs()))
                }
                _ => {
                    let v = int_of(a)?;
                    (v < 0, v.unsigned_abs().to_string())
                }
            };
            if let Some(p) = s.prec {
                while digits.len() < p {
                    digits.insert(0, '0');
                }
            }
            (neg, digits)
        }
        b'x' | b'X' | b'o' => {
            let v = match a.num {
                Num::Int(i) => i,
                Num::Bool(b) => b as i128,
                _ => {
                    return Err(Error::type_(format!(
                        "%{} format: an integer is required, not {}",
                        conv as char,
                        type_name(a)
                    )))
                }
            };
            let m = v.unsigned_abs();
            let mut digits = match conv {
                b'x' => format!("{m:x}"),
                b'X' => format!("{m:X}"),
                _ => format!("{m:o}"),
            };
            if let Some(p) = s.prec {
                while digits.len() < p {
                    digits.insert(0, '0');
                }
            }
            if s.alt {
                digits.insert_str(
                    0,
                    match conv {
                        b'x' => "0x",
                        b'X' => "0X",
                        _ => "0o",
                    },
                );
            }
            (v < 0, digits)
        }
        b'e' | b'E' | b'f' | b'F' | b'g' | b'G' => {
            let v = float_of(a)?;
            let prec = s.prec.unwrap_or(6);
            let upper = conv.is_ascii_uppercase();
            let body = if v.is_nan() {
                "nan".to_string()
            } else if v.is_infinite() {
                "inf".to_string()
            } else {
                match conv.to_ascii_lowercase() {
                    b'e' => sci(v.abs(), prec, s.alt),
                    b'f' => fixed(v.abs(), prec, s.alt),
                    _ => general(v.abs(), prec, s.alt),
                }
            };
            let body = if upper {
                body.to_ascii_uppercase()
            } else {
                body
            };
            // NaN and infinities are padded with spaces, never zeros.
            let nonfinite = !v.is_finite();
            let neg = v.is_sign_negative() && !v.is_nan();
            pad(s, neg, &body, out, nonfinite);
            return Ok(());
        }
        b'c' => {
            if matches!(a.num, Num::Float(_) | Num::Complex(..)) {
                return Err(Error::type_(format!(
                    "%c requires an int or a unicode character, not {}",
                    type_name(a)
                )));
            }
            let v = int_of(a)?;
            let c = u32::try_from(v)
                .ok()
                .and_then(char::from_u32)
                .ok_or_else(|| Error::Overflow("%c arg not in range(0x110000)".into()))?;
            pad_text(s, &c.to_string(), out);
            return Ok(());
        }
        _ => {
            let mut t = if conv == b's' { str_of(a) } else { repr_of(a) };
            if let Some(p) = s.prec {
                if let Some((i, _)) = t.char_indices().nth(p) {
                    t.truncate(i);
                }
            }
            pad_text(s, &t, out);
            return Ok(());
        }
    };
    pad(s, sign_neg, &body, out, false);
    Ok(())
}

/// Sign, then zero or space padding to the width, as C's printf lays a number out.
fn pad(s: &Spec, neg: bool, body: &str, out: &mut String, no_zero: bool) {
    let sign = if neg {
        "-"
    } else if s.plus {
        "+"
    } else if s.space {
        " "
    } else {
        ""
    };
    let len = sign.len() + body.chars().count();
    let fill = s.width.saturating_sub(len);
    if s.left {
        out.push_str(sign);
        out.push_str(body);
        out.extend(std::iter::repeat_n(' ', fill));
    } else if s.zero && !no_zero {
        out.push_str(sign);
        // Zeros go after a `0x` prefix.
        let (prefix, rest) = if body.len() > 1
            && (body.starts_with("0x") || body.starts_with("0X") || body.starts_with("0o"))
        {
            body.split_at(2)
        } else {
            ("", body)
        };
        out.push_str(prefix);
        out.extend(std::iter::repeat_n('0', fill));
        out.push_str(rest);
    } else {
        out.extend(std::iter::repeat_n(' ', fill));
        out.push_str(sign);
        out.push_str(body);
    }
}

fn pad_text(s: &Spec, t: &str, out: &mut String) {
    let fill = s.width.saturating_sub(t.chars().count());
    if s.left {
        out.push_str(t);
        out.extend(std::iter::repeat_n(' ', fill));
    } else {
        out.extend(std::iter::repeat_n(' ', fill));
        out.push_str(t);
    }
}

/// Python's `int(x)` of the value (`%d`).
fn int_of(a: &Arg) -> Result<i128> {
    match a.num {
        Num::Bool(b) => Ok(b as i128),
        Num::Int(i) => Ok(i),
        Num::Float(f) => {
            if f.is_nan() {
                Err(Error::value("cannot convert float NaN to integer"))
            } else if f.is_infinite() {
                Err(Error::Overflow(
                    "cannot convert float infinity to integer".into(),
                ))
            } else if f.abs() >= 1.7e38 {
                Err(Error::Overflow("int too large to convert".into()))
            } else {
                Ok(f.trunc() as i128)
            }
        }
        Num::Complex(..) => Err(Error::type_(format!(
            "%d format: a real number is required, not {}",
            type_name(a)
        ))),
    }
}

fn float_of(a: &Arg) -> Result<f64> {
    match a.num {
        Num::Bool(b) => Ok(b as i32 as f64),
        Num::Int(i) => Ok(i as f64),
        Num::Float(f) => Ok(f),
        Num::Complex(..) => Err(Error::type_(format!(
            "must be real number, not {}",
            type_name(a)
        ))),
    }
}

/// `%e`: one digit, the fraction, and a signed exponent of at least two digits.
fn sci(v: f64, prec: usize, alt: bool) -> String {
    let t = format!("{v:.prec$e}");
    let (mant, exp) = t.split_once('e').unwrap_or((&t, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let mut s = String::with_capacity(prec + 8);
    s.push_str(mant);
    if alt && prec == 0 {
        s.push('.');
    }
    push_exp(&mut s, exp);
    s
}

fn push_exp(s: &mut String, exp: i32) {
    s.push('e');
    s.push(if exp < 0 { '-' } else { '+' });
    let e = exp.unsigned_abs();
    if e < 10 {
        s.push('0');
    }
    s.push_str(&e.to_string());
}

/// `%f`.
fn fixed(v: f64, prec: usize, alt: bool) -> String {
    let mut s = format!("{v:.prec$}");
    if alt && prec == 0 {
        s.push('.');
    }
    s
}

/// `%g`: `%e` or `%f` by the exponent, trailing zeros dropped unless `#`.
fn general(v: f64, prec: usize, alt: bool) -> String {
    let p = prec.max(1);
    let t = format!("{v:.*e}", p - 1);
    let exp: i32 = t.split_once('e').map_or(0, |(_, e)| e.parse().unwrap_or(0));
    let mut s = if exp < -4 || exp >= p as i32 {
        let (mant, _) = t.split_once('e').unwrap_or((&t, ""));
        let mut m = mant.to_string();
        if !alt {
            trim_zeros(&mut m);
        } else if !m.contains('.') {
            m.push('.');
        }
        push_exp(&mut m, exp);
        return m;
    } else {
        format!("{v:.*}", (p as i32 - 1 - exp).max(0) as usize)
    };
    if !alt {
        trim_zeros(&mut s);
    } else if !s.contains('.') {
        s.push('.');
    }
    s
}

fn trim_zeros(s: &mut String) {
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
}

/// The shortest digits that read back as the same value of `d`'s precision, and the decimal
/// exponent of the first: `v = d.ddd * 10**exp`.
fn shortest(v: f64, d: DType) -> (String, i32) {
    let t = match d {
        DType::F32 | DType::C64 => format!("{:e}", v as f32),
        DType::F16 => {
            let h = f16::from_f64(v);
            let mut found = format!("{v:e}");
            for p in 0..8 {
                let c = format!("{v:.p$e}");
                if c.parse::<f64>().map(f16::from_f64) == Ok(h) {
                    found = c;
                    break;
                }
            }
            found
        }
        _ => format!("{v:e}"),
    };
    let (mant, exp) = t.split_once('e').unwrap_or((&t, "0"));
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    let exp: i32 = exp.parse().unwrap_or(0);
    (even_tie(v, digits, exp), exp)
}

/// Where the value lies exactly halfway between the two shortest candidates, the one with an
/// even last digit (Python's and NumPy's Dragon4 choice; Rust's shortest rounds the tie up).
fn even_tie(v: f64, digits: &str, exp: i32) -> String {
    let n = digits.len();
    if v == 0.0 || !v.is_finite() {
        return digits.to_string();
    }
    // A cheap look first: a tie needs a 5 then zeros after the shortest digits.
    let near = format!("{:.*e}", n + 20, v);
    let near_digits: Vec<u8> = near
        .split_once('e')
        .map_or(&near[..], |(m, _)| m)
        .bytes()
        .filter(u8::is_ascii_digit)
        .collect();
    if near_digits.get(n) != Some(&b'5') || near_digits[n + 1..].iter().any(|&b| b != b'0') {
        return digits.to_string();
    }
    // The exact decimal expansion of a double ends within 1100 significant digits.
    let exact = format!("{:.1100e}", v);
    let (mant, e2) = exact.split_once('e').unwrap_or((&exact, "0"));
    if e2.parse::<i32>().unwrap_or(0) != exp {
        return digits.to_string();
    }
    let all: Vec<u8> = mant.bytes().filter(u8::is_ascii_digit).collect();
    let tie = all.get(n) == Some(&b'5') && all[n + 1..].iter().all(|&b| b == b'0');
    if !tie {
        return digits.to_string();
    }
    let down = &all[..n];
    if down[n - 1] % 2 == 0 {
        let s: String = down.iter().map(|&b| b as char).collect();
        let t = s.trim_end_matches('0');
        return if t.is_empty() { "0".into() } else { t.into() };
    }
    digits.to_string()
}

/// Shortest digits laid out positionally (`123.45`, `0.001`), with `.0` for whole numbers
/// when `dot0`.
fn positional(digits: &str, exp: i32, dot0: bool) -> String {
    let n = digits.len() as i32;
    let mut s = String::new();
    if exp < 0 {
        s.push_str("0.");
        s.extend(std::iter::repeat_n('0', (-exp - 1) as usize));
        s.push_str(digits);
    } else if exp + 1 >= n {
        s.push_str(digits);
        s.extend(std::iter::repeat_n('0', (exp + 1 - n) as usize));
        if dot0 {
            s.push_str(".0");
        }
    } else {
        let k = (exp + 1) as usize;
        s.push_str(&digits[..k]);
        s.push('.');
        s.push_str(&digits[k..]);
    }
    s
}

fn scientific(digits: &str, exp: i32) -> String {
    let mut s = String::new();
    s.push_str(&digits[..1]);
    if digits.len() > 1 {
        s.push('.');
        s.push_str(&digits[1..]);
    }
    push_exp(&mut s, exp);
    s
}

fn nonfinite(v: f64) -> Option<&'static str> {
    if v.is_nan() {
        Some("nan")
    } else if v == f64::INFINITY {
        Some("inf")
    } else if v == f64::NEG_INFINITY {
        Some("-inf")
    } else {
        None
    }
}

/// Python's `repr(float)`: shortest round-trip digits, positional for exponents in
/// `[-4, 16)`.
pub fn py_float_repr(v: f64) -> String {
    float_text(v, DType::F64, 16, true)
}

/// `str` of a NumPy float scalar of `d`: positional between `1e-4` and a bound that grows
/// with the precision (`1e3` half, `1e6` single, `1e16` double), else scientific.
pub fn numpy_float_str(v: f64, d: DType) -> String {
    let limit = match d {
        DType::F16 => 3,
        DType::F32 | DType::C64 => 6,
        _ => 16,
    };
    if let Some(t) = nonfinite(v) {
        return t.into();
    }
    let a = v.abs();
    let mut s = String::new();
    if v.is_sign_negative() {
        s.push('-');
    }
    let (digits, exp) = shortest(a, d);
    if a == 0.0 || (a >= 1e-4 && a < 10f64.powi(limit)) {
        s.push_str(&positional(&digits, exp, true));
    } else {
        s.push_str(&scientific(&digits, exp));
    }
    s
}

fn float_text(v: f64, d: DType, limit: i32, dot0: bool) -> String {
    if let Some(t) = nonfinite(v) {
        return t.into();
    }
    let mut s = String::new();
    if v.is_sign_negative() {
        s.push('-');
    }
    let (digits, exp) = shortest(v.abs(), d);
    if (-4..limit).contains(&exp) {
        s.push_str(&positional(&digits, exp, dot0));
    } else {
        s.push_str(&scientific(&digits, exp));
    }
    s
}

/// Python's `str(complex)`: `(1+2j)`, or `2j` when the real part is +0.
pub fn py_complex_str(re: f64, im: f64) -> String {
    let part = |v: f64| float_text(v, DType::F64, 16, false);
    let im_t = part(im);
    if re == 0.0 && re.is_sign_positive() {
        return format!("{im_t}j");
    }
    let sign = if im_t.starts_with('-') { "" } else { "+" };
    format!("({}{sign}{im_t}j)", part(re))
}

/// NumPy's complex scalar `str`: `(1+2j)` with each part as the float scalar of its precision.
fn numpy_complex_str(re: f64, im: f64, d: DType) -> String {
    let part = |v: f64| {
        let t = numpy_float_str(v, d);
        t.strip_suffix(".0").map(str::to_string).unwrap_or(t)
    };
    let im_t = part(im);
    if re == 0.0 && re.is_sign_positive() {
        return format!("{im_t}j");
    }
    let sign = if im_t.starts_with('-') { "" } else { "+" };
    format!("({}{sign}{im_t}j)", part(re))
}

fn str_of(a: &Arg) -> String {
    match (a.num, a.text) {
        (Num::Bool(b), _) => if b { "True" } else { "False" }.into(),
        (Num::Int(i), _) => i.to_string(),
        (Num::Float(f), TextOf::Python) => py_float_repr(f),
        (Num::Float(f), TextOf::NumPy(d)) => numpy_float_str(f, d),
        (Num::Complex(r, i), TextOf::Python) => py_complex_str(r, i),
        (Num::Complex(r, i), TextOf::NumPy(d)) => numpy_complex_str(r, i, d),
    }
}

fn repr_of(a: &Arg) -> String {
    match a.text {
        TextOf::Python => str_of(a),
        TextOf::NumPy(d) => match a.num {
            Num::Bool(b) => if b { "np.True_" } else { "np.False_" }.into(),
            _ => format!("np.{}({})", d.name(), str_of(a)),
        },
    }
}

/// The formatting argument of a widened element.
pub fn arg_of(w: Wide, text: TextOf) -> Arg {
    let num = match w {
        Wide::Bool(b) => Num::Bool(b),
        Wide::I(i) => Num::Int(i as i128),
        Wide::U(u) => Num::Int(u as i128),
        Wide::F(f) => Num::Float(f),
        Wide::C(r, i) => Num::Complex(r, i),
    };
    Arg { num, text }
}

/// `savetxt`'s body: `fmt % tuple(row) + newline` for each row of a 2-d array, complex
/// elements split into real and imaginary parts (and `+-` written `-`, as NumPy does). Rows
/// are formatted in parallel blocks.
pub fn format_rows(a: &Array, fmt: &Format, newline: &str, complex: bool) -> Result<String> {
    let (rows, cols) = match a.shape() {
        [r, c] => (*r, *c),
        _ => return Err(Error::value("format_rows takes a 2-d array")),
    };
    let vals = a.to_wide_vec();
    let d = a.dtype();
    let part = if complex { d.real() } else { d };
    let format_block = |r0: usize, r1: usize| -> Result<String> {
        let mut out = String::new();
        let mut args = Vec::with_capacity(cols * 2);
        let mut line = String::new();
        for r in r0..r1 {
            args.clear();
            for &w in &vals[r * cols..(r + 1) * cols] {
                match w {
                    Wide::C(re, im) if complex => {
                        args.push(arg_of(Wide::F(re), TextOf::NumPy(part)));
                        args.push(arg_of(Wide::F(im), TextOf::NumPy(part)));
                    }
                    w if complex => {
                        args.push(arg_of(w, TextOf::NumPy(part)));
                        args.push(arg_of(Wide::F(0.0), TextOf::NumPy(part)));
                    }
                    w => args.push(arg_of(w, TextOf::NumPy(d))),
                }
            }
            line.clear();
            fmt.write(&args, &mut line)?;
            line.push_str(newline);
            if complex {
                out.push_str(&line.replace("+-", "-"));
            } else {
                out.push_str(&line);
            }
        }
        Ok(out)
    };
    const ROWS_PER_TASK: usize = 4096;
    if rows <= ROWS_PER_TASK || !crate::parallel::worth_splitting(rows * cols) {
        return format_block(0, rows);
    }
    let tasks = rows.div_ceil(ROWS_PER_TASK);
    let slots: Vec<Mutex<Option<Result<String>>>> = (0..tasks).map(|_| Mutex::new(None)).collect();
    crate::parallel::for_each(tasks, &|t| {
        let r0 = t * ROWS_PER_TASK;
        let r = format_block(r0, (r0 + ROWS_PER_TASK).min(rows));
        if let Ok(mut s) = slots[t].lock() {
            *s = Some(r);
        }
    });
    let mut out = String::new();
    for s in slots {
        match s.into_inner().ok().flatten() {
            Some(Ok(t)) => out.push_str(&t),
            Some(Err(e)) => return Err(e),
            None => return Err(Error::Runtime("a formatting task did not run".into())),
        }
    }
    Ok(out)
}

/// `ndarray.tofile(sep=..., format=...)`'s text: each element in C order as
/// `format % item` of the Python scalar `item()` gives, joined by `sep`.
pub fn format_flat(a: &Array, fmt: &Format, sep: &str) -> Result<String> {
    let mut out = String::new();
    for (i, w) in a.to_wide_vec().into_iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        fmt.write(&[arg_of(w, TextOf::Python)], &mut out)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(fmt: &str, v: f64) -> String {
        let mut s = String::new();
        Format::parse(fmt)
            .write(
                &[Arg {
                    num: Num::Float(v),
                    text: TextOf::NumPy(DType::F64),
                }],
                &mut s,
            )
            .unwrap();
        s
    }

    #[test]
    fn matches_python_percent_formatting() {
        assert_eq!(f("%.18e", 0.1), "1.000000000000000056e-01");
        assert_eq!(f("%10.5f", -2.5), "  -2.50000");
        assert_eq!(f("%g", 1e-5), "1e-05");
        assert_eq!(f("%g", 100000.0), "100000");
        assert_eq!(f("%g", 1e6), "1e+06");
        assert_eq!(f("%#g", 1.0), "1.00000");
        assert_eq!(f("%05.1f", -1.25), "-01.2");
        assert_eq!(f("%d", 2.7), "2");
        assert_eq!(f("%s", 1e16), "1e+16");
        assert_eq!(f("%s", 0.0001), "0.0001");
        assert_eq!(f("%010f", f64::INFINITY), "       inf");
        assert_eq!(f("%.3G", 1.5e20), "1.5E+20");
        assert_eq!(numpy_float_str(123456789.0, DType::F32), "1.2345679e+08");
        assert_eq!(numpy_float_str(65504.0, DType::F16), "6.55e+04");
        assert_eq!(numpy_float_str(0.1f32 as f64, DType::F32), "0.1");
        assert_eq!(py_complex_str(1.0, 2.0), "(1+2j)");
    }
}
