//! NumPy 2.x printing: `repr(a)`, `str(a)`, `np.array2string` and the reprs of scalars,
//! character for character under NumPy's default print options (and the common non-default
//! ones: precision, threshold, edgeitems, linewidth, suppress, nanstr, infstr, sign, floatmode,
//! NumPy's `legacy` modes, and a caller-supplied element formatter for `formatter=`).
//!
//! Floats follow NumPy's Dragon4 printer exactly: digits come from the exact decimal expansion of
//! the binary value, the "unique" mode stops at the shortest digits that round-trip through the
//! value's own type (float16, float32 or float64), and cutoffs round half to even.

use crate::array::Array;
use crate::dtype::{DType, Element, Kind, Wide};
use half::f16;
use std::cmp::Ordering;
use std::sync::Arc;

// ---- options -------------------------------------------------------------------------------

/// NumPy's `floatmode` print option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloatMode {
    /// Always `precision` fractional digits.
    Fixed,
    /// As many digits as needed to round-trip, no cutoff.
    Unique,
    /// Round-trip digits, cut off at `precision` (NumPy's default).
    MaxPrec,
    /// Round-trip digits cut off at `precision`, every element padded to the same count.
    MaxPrecEqual,
}

/// NumPy's `sign` print option: `'-'`, `'+'` or `' '`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sign {
    Minus,
    Plus,
    Space,
}

/// The `legacy` value that means no legacy mode (NumPy keeps `sys.maxsize` there).
pub const LEGACY_OFF: u32 = u32::MAX;

/// A caller's element formatter (NumPy's `formatter=` option, already resolved for the
/// array's dtype): the text of one element.
#[derive(Clone)]
pub struct Formatter(pub Arc<dyn Fn(Wide) -> String + Send + Sync>);

impl std::fmt::Debug for Formatter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Formatter(..)")
    }
}

impl PartialEq for Formatter {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// NumPy's print options (`np.set_printoptions`).
#[derive(Clone, Debug, PartialEq)]
pub struct PrintOptions {
    pub precision: usize,
    pub threshold: usize,
    pub edgeitems: usize,
    pub linewidth: usize,
    pub suppress: bool,
    pub nanstr: String,
    pub infstr: String,
    pub sign: Sign,
    pub floatmode: FloatMode,
    /// NumPy's `legacy` mode as NumPy numbers it internally: 113 for `'1.13'`, 121, 125,
    /// 201 for `'2.1'`, 202 for `'2.2'`; [`LEGACY_OFF`] when off. Modes compare by number.
    pub legacy: u32,
    /// Prints every element (NumPy's `formatter=`, resolved for the dtype being printed).
    pub formatter: Option<Formatter>,
}

impl Default for PrintOptions {
    fn default() -> Self {
        PrintOptions {
            precision: 8,
            threshold: 1000,
            edgeitems: 3,
            linewidth: 75,
            suppress: false,
            nanstr: "nan".to_string(),
            infstr: "inf".to_string(),
            sign: Sign::Minus,
            floatmode: FloatMode::MaxPrec,
            legacy: LEGACY_OFF,
            formatter: None,
        }
    }
}

/// Dragon4's `trim` argument: what happens to trailing zeros and the decimal point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trim {
    /// `'k'`: keep trailing zeros (and pad to the requested digits).
    Keep,
    /// `'.'`: trim trailing zeros, keep the point (`1.`).
    Zeros,
    /// `'0'`: trim trailing zeros but leave one (`1.0`).
    LeaveOneZero,
    /// `'-'`: trim trailing zeros and the point (`1`).
    DptZeros,
}

/// Arguments of `np.format_float_positional` / `np.format_float_scientific`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dragon4Options {
    /// Digits after the point at most (`None`: no cutoff).
    pub precision: Option<usize>,
    /// In unique mode, digits after the point at least.
    pub min_digits: Option<usize>,
    /// Shortest round-trip digits (true) or exact digits cut at `precision` (false).
    pub unique: bool,
    pub trim: Trim,
    /// Print `+` for positive values.
    pub sign: bool,
    /// Pad with spaces to this many characters left of the point (sign included).
    pub pad_left: Option<usize>,
    /// Positional only: pad with spaces to this many characters right of the point.
    pub pad_right: Option<usize>,
    /// Scientific only: at least this many exponent digits (default 2, at most 5).
    pub exp_digits: Option<usize>,
    /// Positional only: `precision` and `min_digits` count digits after the point (true) or
    /// significant digits (false, NumPy's `fractional=False`).
    pub fractional: bool,
}

impl Default for Dragon4Options {
    /// `format_float_positional`'s defaults.
    fn default() -> Self {
        Dragon4Options {
            precision: None,
            min_digits: None,
            unique: true,
            trim: Trim::Keep,
            sign: false,
            pad_left: None,
            pad_right: None,
            exp_digits: None,
            fractional: true,
        }
    }
}

/// Upper bound on requested digit counts and paddings, so absurd options cannot exhaust memory.
const MAX_DIGITS: usize = 16384;

// ---- public entry points -------------------------------------------------------------------

/// NumPy's `repr(a)` with default print options.
pub fn repr(a: &Array) -> String {
    repr_with(a, &PrintOptions::default())
}

/// NumPy's `str(a)` with default print options.
pub fn str(a: &Array) -> String {
    str_with(a, &PrintOptions::default())
}

/// NumPy's `repr(a)` under the given print options.
pub fn repr_with(a: &Array, opts: &PrintOptions) -> String {
    repr_named(a, opts, "array")
}

/// NumPy's `repr(a)` of an array whose class is `class_name` (a subclass prints its own name).
pub fn repr_named(a: &Array, opts: &PrintOptions, class_name: &str) -> String {
    let prefix = format!("{class_name}(");
    let prefix = prefix.as_str();
    let lst = match legacy_item_repr(a, opts) {
        Some(item) => item,
        None => array2string(a, opts, ", ", prefix, ")"),
    };
    let mut extras = Vec::new();
    // Summarized arrays name their shape from NumPy 2.2 on.
    if (a.size() == 0 && a.shape() != [0]) || (opts.legacy > 210 && a.size() > opts.threshold) {
        extras.push(format!("shape={}", crate::layout::shape_str(a.shape())));
    }
    // legacy '1.13' names the bool dtype too.
    let implied = dtype_is_implied(a.dtype()) && !(opts.legacy <= 113 && a.dtype() == DType::Bool);
    if !implied || a.size() == 0 {
        extras.push(format!("dtype={}", a.dtype().name()));
    }
    if extras.is_empty() {
        return format!("{prefix}{lst})");
    }
    let arr_str = format!("{prefix}{lst},");
    let extra_str = extras.join(", ") + ")";
    let last_line = arr_str.rsplit('\n').next().unwrap_or("");
    let spacer = if opts.legacy > 113 && width(last_line) + width(&extra_str) + 1 > opts.linewidth {
        format!("\n{}", " ".repeat(width(prefix)))
    } else {
        " ".to_string()
    };
    arr_str + &spacer + &extra_str
}

/// NumPy's `str(a)` under the given print options. A 0-d array prints as its scalar does.
pub fn str_with(a: &Array, opts: &PrintOptions) -> String {
    if let Some(item) = legacy_item_repr(a, opts) {
        return item;
    }
    if a.ndim() == 0 {
        return match a.item() {
            Ok(w) => scalar_str(w, a.dtype()),
            Err(_) => String::new(),
        };
    }
    array2string(a, opts, " ", "", "")
}

/// NumPy's `np.array2string(a, separator=separator, prefix=prefix, suffix=suffix)`: the
/// bracketed body without the prefix itself. `prefix` only sets the indent of continuation
/// lines; `suffix` shortens the usable line width.
pub fn array2string(
    a: &Array,
    opts: &PrintOptions,
    separator: &str,
    prefix: &str,
    suffix: &str,
) -> String {
    if let Some(item) = legacy_item_repr(a, opts) {
        return item;
    }
    if a.size() == 0 {
        return "[]".to_string();
    }
    let line_width = if opts.legacy > 113 {
        to_isize(opts.linewidth) - to_isize(width(suffix))
    } else {
        to_isize(opts.linewidth)
    };
    let summarize = a.size() > opts.threshold;
    let data = if summarize {
        displayed_elements(a, opts.edgeitems)
    } else {
        a.to_wide_vec()
    };
    let fmt = ElemFormat::new(&data, a.dtype(), a.ndim() == 0, opts);
    let next_line_prefix = " ".repeat(1 + width(prefix));
    let walker = Walker {
        a,
        fmt: &fmt,
        separator,
        edge_items: opts.edgeitems,
        summarize,
        legacy: opts.legacy,
    };
    let mut index = Vec::with_capacity(a.ndim());
    walker.recurse(&mut index, &next_line_prefix, line_width)
}

/// Under `legacy='1.13'` a 0-d array prints as the Python value of its item (`repr(a.item())`,
/// which for floats is float64's text whatever the array's float type).
fn legacy_item_repr(a: &Array, opts: &PrintOptions) -> Option<String> {
    if opts.legacy > 113 || a.ndim() != 0 {
        return None;
    }
    let w = a.item().ok()?;
    Some(match a.dtype().kind() {
        Kind::Float => scalar_str(w, DType::F64),
        Kind::Complex => scalar_str(w, DType::C128),
        _ => scalar_str(w, a.dtype()),
    })
}

/// `str(x)` of a NumPy scalar of type `dtype`: `3`, `0.5`, `1e+16`, `True`, `(1+2j)`.
pub fn scalar_str(v: Wide, dtype: DType) -> String {
    match dtype.kind() {
        Kind::Bool => if bool::from_wide(v) { "True" } else { "False" }.to_string(),
        Kind::Int | Kind::Uint => wide_int(v).to_string(),
        Kind::Float => float_scalar_either(
            v.to_f64(),
            float_ty(dtype),
            Trim::LeaveOneZero,
            Trim::DptZeros,
            false,
        ),
        Kind::Complex => {
            let (re, im) = wide_complex(v);
            complex_scalar_str(re, im, float_ty(dtype))
        }
    }
}

/// `repr(x)` of a NumPy 2 scalar: `np.float64(0.5)`, `np.int8(3)`, `np.True_`, `np.complex128(1+2j)`.
pub fn scalar_repr(v: Wide, dtype: DType) -> String {
    match dtype.kind() {
        Kind::Bool => if bool::from_wide(v) {
            "np.True_"
        } else {
            "np.False_"
        }
        .to_string(),
        Kind::Complex => {
            let s = scalar_str(v, dtype);
            let inner = s
                .strip_prefix('(')
                .and_then(|t| t.strip_suffix(')'))
                .unwrap_or(&s);
            format!("np.{}({inner})", dtype.name())
        }
        _ => format!("np.{}({})", dtype.name(), scalar_str(v, dtype)),
    }
}

/// `np.format_float_positional(x, ...)` for a value of float type `dtype` (a complex dtype
/// means its real type; anything else is treated as float64). `x` must be a value of that type.
pub fn format_float_positional(x: f64, dtype: DType, o: &Dragon4Options) -> String {
    dragon4_positional(x, float_ty(dtype), o)
}

/// `np.format_float_scientific(x, ...)`; see [`format_float_positional`].
pub fn format_float_scientific(x: f64, dtype: DType, o: &Dragon4Options) -> String {
    dragon4_scientific(x, float_ty(dtype), o)
}

// ---- small helpers -------------------------------------------------------------------------

fn width(s: &str) -> usize {
    s.chars().count()
}

fn to_isize(n: usize) -> isize {
    isize::try_from(n).unwrap_or(isize::MAX)
}

fn spaces(n: usize) -> String {
    " ".repeat(n.min(MAX_DIGITS))
}

/// Dtypes whose repr NumPy leaves out (`int_`, `float64`, `complex128`, `bool`).
fn dtype_is_implied(dt: DType) -> bool {
    matches!(dt, DType::I64 | DType::F64 | DType::C128 | DType::Bool)
}

fn wide_int(w: Wide) -> i128 {
    match w {
        Wide::Bool(b) => b as i128,
        Wide::I(v) => v as i128,
        Wide::U(v) => v as i128,
        Wide::F(v) => v as i128,
        Wide::C(re, _) => re as i128,
    }
}

fn wide_complex(w: Wide) -> (f64, f64) {
    match w {
        Wide::C(re, im) => (re, im),
        w => (w.to_f64(), 0.0),
    }
}

/// The IEEE binary format a float value belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FloatTy {
    F16,
    F32,
    F64,
}

fn float_ty(dt: DType) -> FloatTy {
    match dt.real() {
        DType::F16 => FloatTy::F16,
        DType::F32 => FloatTy::F32,
        _ => FloatTy::F64,
    }
}

// ---- exact decimal expansions --------------------------------------------------------------

/// A non-negative decimal: `digits[0]` (non-zero) has weight 10^`exp`, each next digit a tenth
/// of that; digits past the end are zero and there are no trailing zeros. Zero has no digits.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Dec {
    digits: Vec<u8>,
    exp: i64,
}

impl Dec {
    fn zero() -> Dec {
        Dec {
            digits: Vec::new(),
            exp: 0,
        }
    }

    fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    /// The digit of weight 10^pos.
    fn digit_at(&self, pos: i64) -> u8 {
        if pos > self.exp {
            return 0;
        }
        usize::try_from(self.exp - pos)
            .ok()
            .and_then(|i| self.digits.get(i).copied())
            .unwrap_or(0)
    }

    /// Position of the last non-zero digit (meaningful for non-zero values).
    fn last_pos(&self) -> i64 {
        self.exp - (self.digits.len() as i64 - 1)
    }

    /// Builds a normalized value from digits whose first has weight 10^exp.
    fn normalized(mut digits: Vec<u8>, mut exp: i64) -> Dec {
        while digits.last() == Some(&0) {
            digits.pop();
        }
        let lead = digits.iter().take_while(|&&d| d == 0).count();
        if lead == digits.len() {
            return Dec::zero();
        }
        digits.drain(..lead);
        exp -= lead as i64;
        Dec { digits, exp }
    }

    /// `self + 10^k`, for `self` a multiple of 10^k.
    fn plus_unit(&self, k: i64) -> Dec {
        if self.is_zero() {
            return Dec {
                digits: vec![1],
                exp: k,
            };
        }
        let top = self.exp.max(k);
        let n = usize::try_from(top - k + 1).unwrap_or(0);
        let mut digits: Vec<u8> = (0..n).map(|i| self.digit_at(top - i as i64)).collect();
        let mut i = n;
        loop {
            if i == 0 {
                digits.insert(0, 1);
                return Dec::normalized(digits, top + 1);
            }
            i -= 1;
            if digits[i] == 9 {
                digits[i] = 0;
            } else {
                digits[i] += 1;
                return Dec::normalized(digits, top);
            }
        }
    }
}

fn big_mul_small(v: &mut Vec<u32>, k: u32) {
    let mut carry = 0u64;
    for x in v.iter_mut() {
        let t = *x as u64 * k as u64 + carry;
        *x = t as u32;
        carry = t >> 32;
    }
    if carry > 0 {
        v.push(carry as u32);
    }
}

fn big_shl(v: &mut Vec<u32>, bits: u32) {
    let (words, b) = ((bits / 32) as usize, bits % 32);
    if b > 0 {
        let mut carry = 0u32;
        for x in v.iter_mut() {
            let nx = (*x << b) | carry;
            carry = *x >> (32 - b);
            *x = nx;
        }
        if carry > 0 {
            v.push(carry);
        }
    }
    if words > 0 {
        v.splice(0..0, std::iter::repeat_n(0u32, words));
    }
}

fn trim_limbs(v: &mut Vec<u32>) {
    while v.last() == Some(&0) {
        v.pop();
    }
}

/// Decimal digits of a big unsigned integer (little-endian 32-bit limbs), most significant first.
fn big_to_digits(mut v: Vec<u32>) -> Vec<u8> {
    const CHUNK: u64 = 1_000_000_000;
    trim_limbs(&mut v);
    let mut chunks = Vec::new();
    while !v.is_empty() {
        let mut rem = 0u64;
        for x in v.iter_mut().rev() {
            let cur = (rem << 32) | *x as u64;
            *x = (cur / CHUNK) as u32;
            rem = cur % CHUNK;
        }
        chunks.push(rem as u32);
        trim_limbs(&mut v);
    }
    let mut out = Vec::with_capacity(chunks.len() * 9);
    for (i, c) in chunks.iter().rev().enumerate() {
        let s = if i == 0 {
            c.to_string()
        } else {
            format!("{c:09}")
        };
        out.extend(s.bytes().map(|b| b - b'0'));
    }
    out
}

/// The exact decimal expansion of `m × 2^q`, produced lazily from the top: a value printed to
/// 17 digits never pays for the 750 digits of its full expansion.
struct Expansion {
    /// `digits[i]` has weight 10^(exp - i); `digits[0]` is non-zero unless the value is zero.
    digits: Vec<u8>,
    exp: i64,
    /// The digits still to come are those of the fraction `rest / 2^shift`.
    rest: Vec<u32>,
    shift: u32,
    /// `rest` is zero: every digit not yet produced is zero.
    exhausted: bool,
}

impl Expansion {
    fn new(m: u64, q: i64) -> Expansion {
        let mut e = Expansion {
            digits: Vec::new(),
            exp: 0,
            rest: Vec::new(),
            shift: 0,
            exhausted: true,
        };
        if m == 0 {
            return e;
        }
        if q >= 0 {
            let mut big = vec![m as u32, (m >> 32) as u32];
            big_shl(&mut big, q.min(1 << 16) as u32);
            e.digits = big_to_digits(big);
            e.exp = e.digits.len() as i64 - 1;
            return e;
        }
        let shift = (-q).min(1 << 16) as u32;
        let (int, frac) = if shift >= 64 {
            (0, m)
        } else {
            (m >> shift, m & ((1u64 << shift) - 1))
        };
        e.shift = shift;
        e.rest = vec![frac as u32, (frac >> 32) as u32];
        trim_limbs(&mut e.rest);
        e.exhausted = e.rest.is_empty();
        if int > 0 {
            e.digits = int.to_string().bytes().map(|b| b - b'0').collect();
            e.exp = e.digits.len() as i64 - 1;
        } else {
            // Skip the fraction's leading zeros to find the first digit.
            let mut next = -1i64;
            while e.digits.is_empty() && !e.exhausted {
                let chunk = e.next_chunk();
                let lead = chunk.iter().take_while(|&&d| d == 0).count();
                if lead < 9 {
                    e.exp = next - lead as i64;
                    e.digits.extend_from_slice(&chunk[lead..]);
                }
                next -= 9;
            }
        }
        e
    }

    fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    /// The next nine digits of the fraction.
    fn next_chunk(&mut self) -> [u8; 9] {
        big_mul_small(&mut self.rest, 1_000_000_000);
        let (w, b) = ((self.shift / 32) as usize, self.shift % 32);
        let word = |i: usize| self.rest.get(i).copied().unwrap_or(0) as u64;
        let mut chunk = word(w) >> b;
        if b > 0 {
            chunk |= word(w + 1) << (32 - b);
        }
        self.rest.truncate(w + 1);
        if let Some(x) = self.rest.get_mut(w) {
            *x &= ((1u64 << b) - 1) as u32;
        }
        trim_limbs(&mut self.rest);
        self.exhausted = self.rest.is_empty();
        let mut out = [0u8; 9];
        let mut c = chunk;
        for d in out.iter_mut().rev() {
            *d = (c % 10) as u8;
            c /= 10;
        }
        out
    }

    /// Position of the next digit not produced yet.
    fn next_pos(&self) -> i64 {
        self.exp - self.digits.len() as i64
    }

    /// The digit of weight 10^pos.
    fn digit_at(&mut self, pos: i64) -> u8 {
        if self.is_zero() || pos > self.exp {
            return 0;
        }
        while pos <= self.next_pos() && !self.exhausted {
            let chunk = self.next_chunk();
            self.digits.extend_from_slice(&chunk);
        }
        usize::try_from(self.exp - pos)
            .ok()
            .and_then(|i| self.digits.get(i).copied())
            .unwrap_or(0)
    }

    /// Whether every digit of weight below 10^pos is zero.
    fn zero_below(&mut self, pos: i64) -> bool {
        if self.is_zero() {
            return true;
        }
        let from = usize::try_from(self.exp - pos + 1).unwrap_or(0);
        self.digits.iter().skip(from).all(|&d| d == 0) && self.exhausted
    }
}

/// Compares a (short) decimal with an expansion.
fn cmp_dec_exp(t: &Dec, o: &mut Expansion) -> Ordering {
    match (t.is_zero(), o.is_zero()) {
        (true, true) => return Ordering::Equal,
        (true, false) => return Ordering::Less,
        (false, true) => return Ordering::Greater,
        _ => {}
    }
    if t.exp != o.exp {
        return t.exp.cmp(&o.exp);
    }
    let last = t.last_pos();
    for p in (last..=t.exp).rev() {
        match t.digit_at(p).cmp(&o.digit_at(p)) {
            Ordering::Equal => {}
            ord => return ord,
        }
    }
    if o.zero_below(last) {
        Ordering::Equal
    } else {
        Ordering::Less
    }
}

/// `(mantissa, exponent, unequal margins)` with `|x| = mantissa × 2^exponent` in type `ty`.
/// Unequal margins: `x` is a power of two whose lower neighbour is half as far as the upper.
fn decompose(x: f64, ty: FloatTy) -> (u64, i64, bool) {
    let (bits, mant_bits, exp_bits) = match ty {
        FloatTy::F64 => (x.to_bits(), 52u32, 11u32),
        FloatTy::F32 => ((x as f32).to_bits() as u64, 23, 8),
        FloatTy::F16 => (f16::from_f64(x).to_bits() as u64, 10, 5),
    };
    let bias = (1i64 << (exp_bits - 1)) - 1;
    let frac = bits & ((1u64 << mant_bits) - 1);
    let e = ((bits >> mant_bits) & ((1u64 << exp_bits) - 1)) as i64;
    if e == 0 {
        (frac, 1 - bias - mant_bits as i64, false)
    } else {
        (
            frac | (1u64 << mant_bits),
            e - bias - mant_bits as i64,
            frac == 0 && e > 1,
        )
    }
}

// ---- Dragon4 -------------------------------------------------------------------------------

/// Where digit generation stops: NumPy's cutoff arguments.
struct Cut {
    /// Scientific (counts from the first digit) rather than positional (from the point).
    sci: bool,
    precision: Option<usize>,
    min_digits: Option<usize>,
    unique: bool,
}

/// The digits Dragon4 prints for `|x|` and the power of ten of the first one.
fn gen_digits(x: f64, ty: FloatTy, c: &Cut) -> (Vec<u8>, i64) {
    let x = x.abs();
    if x == 0.0 || !x.is_finite() {
        return (vec![0], 0);
    }
    let (m, q, unequal) = decompose(x, ty);
    if m == 0 {
        return (vec![0], 0);
    }
    let mut v = Expansion::new(m, q);
    let p = c.precision.map(|p| p.min(MAX_DIGITS) as i64);
    let md = c.min_digits.map(|d| d.min(MAX_DIGITS) as i64);
    // Position of the first digit; a fractional cutoff pulls it up to the cutoff.
    let start = match (c.sci, p) {
        (false, Some(p)) => v.exp.max(-p),
        _ => v.exp,
    };
    let max_pos = p.map(|p| if c.sci { start - p } else { -p });
    let min_pos = match md {
        Some(d) if c.sci => start - d,
        Some(d) => (start + 1).min(-d),
        None => start + 1,
    };
    // The round-trip interval [lo, hi] of x in its type; its ends belong to it for even mantissas.
    let mut margins = c.unique.then(|| {
        let (lo, hi) = if unequal {
            (
                Expansion::new(4 * m - 1, q - 2),
                Expansion::new(2 * m + 1, q - 1),
            )
        } else {
            (
                Expansion::new(2 * m - 1, q - 1),
                Expansion::new(2 * m + 1, q - 1),
            )
        };
        (lo, hi, m % 2 == 0)
    });
    // Dragon4's `low` (the digits so far, rounded down, stay in the interval) and `high` (rounded
    // up, they do) after the digit of weight 10^k.
    let low_high =
        |v: &mut Expansion, k: i64, lo: &mut Expansion, hi: &mut Expansion, even: bool| {
            let n = usize::try_from(start - k + 1).unwrap_or(0);
            let t = Dec::normalized(
                (0..n).map(|i| v.digit_at(start - i as i64)).collect(),
                start,
            );
            let low = match cmp_dec_exp(&t, lo) {
                Ordering::Greater => true,
                Ordering::Equal => even,
                Ordering::Less => false,
            };
            let high = match cmp_dec_exp(&t.plus_unit(k), hi) {
                Ordering::Less => true,
                Ordering::Equal => even,
                Ordering::Greater => false,
            };
            (low, high)
        };
    let kstar = match &mut margins {
        Some((lo, hi, even)) => {
            let mut k = start;
            loop {
                if Some(k) == max_pos {
                    break k;
                }
                if v.zero_below(k) {
                    // Every later digit is zero and already unique.
                    let cand = k.min(min_pos);
                    break max_pos.map_or(cand, |mp| cand.max(mp));
                }
                if k <= min_pos {
                    let (low, high) = low_high(&mut v, k, lo, hi, *even);
                    if low || high {
                        break k;
                    }
                }
                k -= 1;
            }
        }
        None => {
            // Exact digits: stop at the last non-zero digit or at the cutoff.
            let mut k = start;
            while Some(k) != max_pos && !v.zero_below(k) {
                v.digit_at(k - 1);
                k -= 1;
            }
            k
        }
    };
    let n = usize::try_from(start - kstar + 1).unwrap_or(1).max(1);
    let mut digits: Vec<u8> = (0..n).map(|i| v.digit_at(start - i as i64)).collect();
    let out = digits.last().copied().unwrap_or(0);
    let nearest_down = match v.digit_at(kstar - 1) {
        r if r < 5 => true,
        r if r > 5 => false,
        _ if !v.zero_below(kstar - 1) => false,
        _ => out % 2 == 0,
    };
    let round_down = match &mut margins {
        Some((lo, hi, even)) => {
            let (low, high) = low_high(&mut v, kstar, lo, hi, *even);
            if low != high {
                low
            } else {
                nearest_down
            }
        }
        None => nearest_down,
    };
    let mut pe = start;
    if !round_down {
        loop {
            match digits.pop() {
                Some(9) => continue,
                Some(d) => {
                    digits.push(d + 1);
                    break;
                }
                None => {
                    digits.push(1);
                    pe += 1;
                    break;
                }
            }
        }
    }
    (digits, pe)
}

fn digit_string(d: &[u8]) -> String {
    d.iter().map(|&d| (b'0' + d) as char).collect()
}

fn inf_nan_str(x: f64, sign: bool) -> String {
    if x.is_nan() {
        "nan".to_string()
    } else if x < 0.0 {
        "-inf".to_string()
    } else if sign {
        "+inf".to_string()
    } else {
        "inf".to_string()
    }
}

fn sign_str(x: f64, sign: bool) -> &'static str {
    if x.is_sign_negative() {
        "-"
    } else if sign {
        "+"
    } else {
        ""
    }
}

fn dragon4_positional(x: f64, ty: FloatTy, o: &Dragon4Options) -> String {
    if !x.is_finite() {
        return inf_nan_str(x, o.sign);
    }
    let sign = sign_str(x, o.sign);
    // Counting significant digits is the scientific cutoff (digits after the first one),
    // laid out positionally.
    let cut = if o.fractional {
        Cut {
            sci: false,
            precision: o.precision,
            min_digits: o.min_digits,
            unique: o.unique,
        }
    } else {
        Cut {
            sci: true,
            precision: o.precision.map(|p| p.saturating_sub(1)),
            min_digits: o.min_digits.map(|d| d.saturating_sub(1)),
            unique: o.unique,
        }
    };
    let (digits, pe) = gen_digits(x, ty, &cut);
    let n = digits.len() as i64;
    let (int_part, mut frac, whole) = if pe >= 0 {
        let w = pe + 1;
        if n <= w {
            let zeros = "0".repeat(usize::try_from(w - n).unwrap_or(0));
            (digit_string(&digits) + &zeros, String::new(), w)
        } else {
            let w_us = w as usize;
            (
                digit_string(&digits[..w_us]),
                digit_string(&digits[w_us..]),
                w,
            )
        }
    } else {
        let zeros = "0".repeat(usize::try_from(-(pe + 1)).unwrap_or(0));
        ("0".to_string(), zeros + &digit_string(&digits), 1)
    };
    let mut dot = o.trim != Trim::DptZeros || !frac.is_empty();
    let add = if o.unique { o.min_digits } else { o.precision }
        .unwrap_or(0)
        .min(MAX_DIGITS);
    // Counting all digits (NumPy's total-length cutoff), those after the point are what the
    // integer part (a lone 0 included) leaves.
    let add = if o.fractional {
        add
    } else {
        add.saturating_sub(int_part.len())
    };
    match o.trim {
        Trim::LeaveOneZero if frac.is_empty() => frac.push('0'),
        Trim::Keep if add > frac.len() => frac.push_str(&"0".repeat(add - frac.len())),
        _ => {}
    }
    if o.trim != Trim::Keep && !frac.is_empty() {
        while frac.ends_with('0') {
            frac.pop();
        }
        if frac.is_empty() {
            match o.trim {
                Trim::LeaveOneZero => frac.push('0'),
                Trim::DptZeros => dot = false,
                _ => {}
            }
        }
    }
    let mut out = String::new();
    let left_used = whole + !sign.is_empty() as i64;
    if let Some(l) = o.pad_left {
        let l = l.min(MAX_DIGITS) as i64;
        if l > left_used {
            out.push_str(&spaces((l - left_used) as usize));
        }
    }
    out.push_str(sign);
    out.push_str(&int_part);
    if dot {
        out.push('.');
    }
    out.push_str(&frac);
    if let Some(r) = o.pad_right {
        if r >= frac.len() {
            if o.trim == Trim::DptZeros && frac.is_empty() {
                out.push(' ');
            }
            out.push_str(&spaces(r - frac.len()));
        }
    }
    out
}

fn dragon4_scientific(x: f64, ty: FloatTy, o: &Dragon4Options) -> String {
    if !x.is_finite() {
        return inf_nan_str(x, o.sign);
    }
    let sign = sign_str(x, o.sign);
    let cut = Cut {
        sci: true,
        precision: o.precision,
        min_digits: o.min_digits,
        unique: o.unique,
    };
    let (digits, pe) = gen_digits(x, ty, &cut);
    let mut out = String::new();
    let leftchars = 1 + !sign.is_empty() as usize;
    if let Some(l) = o.pad_left {
        if l > leftchars {
            out.push_str(&spaces(l - leftchars));
        }
    }
    out.push_str(sign);
    out.push_str(&digit_string(&digits[..1.min(digits.len())]));
    let mut frac = digit_string(digits.get(1..).unwrap_or(&[]));
    let dot = !frac.is_empty() || o.trim != Trim::DptZeros;
    let add = if o.unique { o.min_digits } else { o.precision }
        .unwrap_or(0)
        .min(MAX_DIGITS);
    match o.trim {
        Trim::LeaveOneZero if frac.is_empty() => frac.push('0'),
        Trim::Keep if add > frac.len() => frac.push_str(&"0".repeat(add - frac.len())),
        _ => {}
    }
    if o.trim != Trim::Keep && !frac.is_empty() {
        while frac.ends_with('0') {
            frac.pop();
        }
        if o.trim == Trim::LeaveOneZero && frac.is_empty() {
            frac.push('0');
        }
    }
    if dot {
        out.push('.');
    }
    out.push_str(&frac);
    let ed = o.exp_digits.unwrap_or(2).min(5);
    let (es, ae) = if pe >= 0 { ('+', pe) } else { ('-', -pe) };
    let mut e = if ae == 0 {
        String::new()
    } else {
        ae.to_string()
    };
    if e.len() < ed {
        e = "0".repeat(ed - e.len()) + &e;
    }
    out.push('e');
    out.push(es);
    out.push_str(&e);
    out
}

// ---- scalars -------------------------------------------------------------------------------

/// The float scalar printer: positional from 1e-4 up to a type-dependent bound (1e3 for float16,
/// 1e6 for float32, 1e16 for float64), and for 0 and nan; scientific otherwise.
fn float_scalar_either(x: f64, ty: FloatTy, trim_pos: Trim, trim_sci: Trim, sign: bool) -> String {
    let a = x.abs();
    let upper = match ty {
        FloatTy::F16 => 1e3,
        FloatTy::F32 => 1e6,
        FloatTy::F64 => 1e16,
    };
    let positional = x.is_nan() || x == 0.0 || (a < upper && a >= 1e-4);
    let o = Dragon4Options {
        unique: true,
        sign,
        ..Dragon4Options::default()
    };
    if positional {
        dragon4_positional(
            x,
            ty,
            &Dragon4Options {
                trim: trim_pos,
                ..o
            },
        )
    } else {
        dragon4_scientific(
            x,
            ty,
            &Dragon4Options {
                trim: trim_sci,
                ..o
            },
        )
    }
}

fn complex_scalar_str(re: f64, im: f64, ty: FloatTy) -> String {
    let either =
        |v: f64, sign: bool| float_scalar_either(v, ty, Trim::DptZeros, Trim::DptZeros, sign);
    if re == 0.0 && !re.is_sign_negative() {
        return format!("{}j", either(im, false));
    }
    let r = if re.is_finite() {
        either(re, false)
    } else if re.is_nan() {
        "nan".to_string()
    } else if re > 0.0 {
        "inf".to_string()
    } else {
        "-inf".to_string()
    };
    let i = if im.is_finite() {
        either(im, true)
    } else if im.is_nan() {
        "+nan".to_string()
    } else if im > 0.0 {
        "+inf".to_string()
    } else {
        "-inf".to_string()
    };
    format!("({r}{i}j)")
}

// ---- element formatters --------------------------------------------------------------------

/// NumPy's `FloatingFormat`: one layout shared by every element of an array.
struct FloatFormat {
    ty: FloatTy,
    exp_format: bool,
    precision: Option<usize>,
    min_digits: Option<usize>,
    unique: bool,
    trim: Trim,
    sign: Sign,
    pad_left: usize,
    pad_right: usize,
    exp_size: Option<usize>,
    nanstr: String,
    infstr: String,
}

/// Whether a float array prints in scientific notation, computed in the array's own type as
/// NumPy does (its comparisons and ratio happen in float16/float32 for those types). The
/// large-value cutoff is 10**min(8, the type's decimal precision); up to legacy '2.2' it was
/// 1e8 for every type (which float16 cannot hold: it rounds to inf, so never reached).
fn needs_exp_format(max: f64, min: f64, ty: FloatTy, suppress: bool, legacy: u32) -> bool {
    let old_cutoff = legacy <= 202;
    let (big, small, ratio) = match ty {
        FloatTy::F64 => (max >= 1e8, min < 1e-4, max / min > 1000.0),
        FloatTy::F32 => {
            let (mx, mn) = (max as f32, min as f32);
            let cutoff = if old_cutoff { 1e8f32 } else { 1e6f32 };
            (mx >= cutoff, mn < 1e-4f32, mx / mn > 1000.0f32)
        }
        FloatTy::F16 => {
            let (mx, mn) = (f16::from_f64(max), f16::from_f64(min));
            let ratio = f16::from_f32(mx.to_f32() / mn.to_f32());
            (
                !old_cutoff && max >= 1e3,
                mn.to_f32() < f16::from_f64(1e-4).to_f32(),
                ratio.to_f32() > 1000.0,
            )
        }
    };
    big || (!suppress && (small || ratio))
}

impl FloatFormat {
    /// `zero_d`: the array printed is 0-d (legacy '1.13' pads the sign of other arrays).
    fn new(
        data: &[f64],
        ty: FloatTy,
        opts: &PrintOptions,
        mode: FloatMode,
        sign: Sign,
        zero_d: bool,
    ) -> FloatFormat {
        let legacy = opts.legacy;
        let sign = if legacy <= 113 && !zero_d && sign == Sign::Minus {
            Sign::Space
        } else {
            sign
        };
        let mut f = FloatFormat {
            ty,
            exp_format: false,
            precision: if mode == FloatMode::Unique {
                None
            } else {
                Some(opts.precision.min(MAX_DIGITS))
            },
            min_digits: None,
            unique: true,
            trim: Trim::Zeros,
            sign,
            pad_left: 0,
            pad_right: 0,
            exp_size: None,
            nanstr: opts.nanstr.clone(),
            infstr: opts.infstr.clone(),
        };
        let finite: Vec<f64> = data.iter().copied().filter(|x| x.is_finite()).collect();
        let abs_nz = finite.iter().filter(|&&x| x != 0.0).map(|x| x.abs());
        let (mut max, mut min) = (f64::NEG_INFINITY, f64::INFINITY);
        for a in abs_nz {
            max = max.max(a);
            min = min.min(a);
        }
        if max >= min {
            f.exp_format = needs_exp_format(max, min, ty, opts.suppress, legacy);
        }
        let (trim, unique) = if mode == FloatMode::Fixed || (f.exp_format && legacy <= 113) {
            (Trim::Keep, false)
        } else {
            (Trim::Zeros, true)
        };
        let first = Dragon4Options {
            precision: f.precision,
            min_digits: None,
            unique,
            trim,
            sign: sign == Sign::Plus,
            pad_left: None,
            pad_right: None,
            exp_digits: None,
            fractional: true,
        };
        if finite.is_empty() {
            // Only nan and inf: nothing to measure.
        } else if f.exp_format {
            let (mut int_w, mut frac_w, mut exp_w) = (0, 0, 0);
            for &x in &finite {
                let s = dragon4_scientific(x, ty, &first);
                let (mant, exp) = s.split_once('e').unwrap_or((&s, ""));
                let (int_part, frac_part) = mant.split_once('.').unwrap_or((mant, ""));
                int_w = int_w.max(width(int_part));
                frac_w = frac_w.max(width(frac_part));
                exp_w = exp_w.max(width(exp));
            }
            f.exp_size = Some(exp_w.saturating_sub(1));
            f.trim = Trim::Keep;
            f.precision = Some(frac_w);
            f.min_digits = Some(frac_w);
            f.unique = unique;
            // legacy '1.13': two spaces and the sign, whatever the digits.
            f.pad_left = if legacy <= 113 { 3 } else { int_w };
            f.pad_right = exp_w.saturating_sub(1) + 2 + frac_w;
        } else {
            let (mut int_w, mut frac_w) = (0, 0);
            for &x in &finite {
                let s = dragon4_positional(x, ty, &first);
                let (int_part, frac_part) = s.split_once('.').unwrap_or((&s, ""));
                int_w = int_w.max(if legacy <= 113 {
                    1 + width(int_part.trim_start_matches(['-', '+']))
                } else {
                    width(int_part)
                });
                frac_w = frac_w.max(width(frac_part));
            }
            f.pad_left = int_w;
            f.pad_right = frac_w;
            f.unique = unique;
            if matches!(mode, FloatMode::Fixed | FloatMode::MaxPrecEqual) {
                f.precision = Some(frac_w);
                f.min_digits = Some(frac_w);
                f.trim = Trim::Keep;
            } else {
                f.trim = Trim::Zeros;
                f.min_digits = Some(0);
            }
        }
        if legacy > 113 && sign == Sign::Space && !finite.iter().any(|x| x.is_sign_negative()) {
            f.pad_left += 1;
        }
        if data.len() != finite.len() {
            let neginf = sign != Sign::Minus || data.contains(&f64::NEG_INFINITY);
            let offset = f.pad_right + 1;
            let nan_w = width(&f.nanstr).saturating_sub(offset);
            let inf_w = (width(&f.infstr) + neginf as usize).saturating_sub(offset);
            f.pad_left = f.pad_left.max(nan_w).max(inf_w);
        }
        f
    }

    fn format(&self, x: f64) -> String {
        if !x.is_finite() {
            let ret = if x.is_nan() {
                let s = if self.sign == Sign::Plus { "+" } else { "" };
                format!("{s}{}", self.nanstr)
            } else {
                let s = if x < 0.0 {
                    "-"
                } else if self.sign == Sign::Plus {
                    "+"
                } else {
                    ""
                };
                format!("{s}{}", self.infstr)
            };
            let w = (self.pad_left + self.pad_right + 1).saturating_sub(width(&ret));
            return spaces(w) + &ret;
        }
        let o = Dragon4Options {
            precision: self.precision,
            min_digits: self.min_digits,
            unique: self.unique,
            trim: self.trim,
            sign: self.sign == Sign::Plus,
            pad_left: Some(self.pad_left),
            pad_right: if self.exp_format {
                None
            } else {
                Some(self.pad_right)
            },
            exp_digits: self.exp_size,
            fractional: true,
        };
        if self.exp_format {
            dragon4_scientific(x, self.ty, &o)
        } else {
            dragon4_positional(x, self.ty, &o)
        }
    }
}

/// NumPy's per-kind formatter, built once from the elements that will be shown.
enum ElemFormat {
    Custom(Formatter),
    Bool { truestr: &'static str },
    Int { width: usize, sign: Sign },
    Float(FloatFormat),
    Complex(Box<(FloatFormat, FloatFormat)>),
}

impl ElemFormat {
    fn new(data: &[Wide], dtype: DType, zero_d: bool, opts: &PrintOptions) -> ElemFormat {
        if let Some(f) = &opts.formatter {
            return ElemFormat::Custom(f.clone());
        }
        match dtype.kind() {
            Kind::Bool => ElemFormat::Bool {
                truestr: if zero_d { "True" } else { " True" },
            },
            Kind::Int | Kind::Uint => {
                let mut sign = opts.sign;
                let vals = data.iter().map(|&w| wide_int(w));
                let (max, min) =
                    vals.fold((None, None), |(mx, mn): (Option<i128>, Option<i128>), v| {
                        (
                            Some(mx.map_or(v, |m| m.max(v))),
                            Some(mn.map_or(v, |m| m.min(v))),
                        )
                    });
                let w = match (max, min) {
                    (Some(max), Some(min)) => {
                        if sign == Sign::Space && min < 0 {
                            sign = Sign::Minus;
                        }
                        let mut max_len = max.to_string().len();
                        if max >= 0 && sign != Sign::Minus {
                            max_len += 1;
                        }
                        max_len.max(min.to_string().len())
                    }
                    _ => 0,
                };
                ElemFormat::Int { width: w, sign }
            }
            Kind::Float => {
                let vals: Vec<f64> = data.iter().map(|w| w.to_f64()).collect();
                ElemFormat::Float(FloatFormat::new(
                    &vals,
                    float_ty(dtype),
                    opts,
                    opts.floatmode,
                    opts.sign,
                    zero_d,
                ))
            }
            Kind::Complex => {
                let (re, im): (Vec<f64>, Vec<f64>) = data.iter().map(|&w| wide_complex(w)).unzip();
                let ty = float_ty(dtype);
                let (mode_re, mode_im) = if opts.legacy <= 113 {
                    (FloatMode::MaxPrecEqual, FloatMode::MaxPrec)
                } else {
                    (opts.floatmode, opts.floatmode)
                };
                let r = FloatFormat::new(&re, ty, opts, mode_re, opts.sign, zero_d);
                let i = FloatFormat::new(&im, ty, opts, mode_im, Sign::Plus, zero_d);
                ElemFormat::Complex(Box::new((r, i)))
            }
        }
    }

    fn format(&self, w: Wide) -> String {
        match self {
            ElemFormat::Custom(f) => (f.0)(w),
            ElemFormat::Bool { truestr } => {
                if bool::from_wide(w) { truestr } else { "False" }.to_string()
            }
            ElemFormat::Int { width, sign } => {
                let v = wide_int(w);
                let s = match sign {
                    Sign::Minus => v.to_string(),
                    Sign::Plus => format!("{v:+}"),
                    Sign::Space if v >= 0 => format!(" {v}"),
                    Sign::Space => v.to_string(),
                };
                format!("{s:>width$}", width = (*width).min(MAX_DIGITS))
            }
            ElemFormat::Float(f) => f.format(w.to_f64()),
            ElemFormat::Complex(parts) => {
                let (re, im) = wide_complex(w);
                let r = parts.0.format(re);
                let i = parts.1.format(im);
                let sp = i.trim_end().len();
                format!("{r}{}j{}", &i[..sp], &i[sp..])
            }
        }
    }
}

// ---- layout --------------------------------------------------------------------------------

/// The elements a summarized print shows (NumPy's `_leading_trailing`), in C order.
fn displayed_elements(a: &Array, edge: usize) -> Vec<Wide> {
    let axes: Vec<Vec<usize>> = a
        .shape()
        .iter()
        .map(|&n| {
            if n > edge.saturating_mul(2) && edge > 0 {
                (0..edge).chain(n - edge..n).collect()
            } else {
                (0..n).collect()
            }
        })
        .collect();
    let mut out = Vec::new();
    if axes.iter().any(|ax| ax.is_empty()) {
        return out;
    }
    let nd = axes.len();
    let mut pos = vec![0usize; nd];
    let mut idx: Vec<usize> = axes.iter().map(|ax| ax[0]).collect();
    loop {
        if let Ok(w) = a.get(&idx) {
            out.push(w);
        }
        let mut k = nd;
        loop {
            if k == 0 {
                return out;
            }
            k -= 1;
            pos[k] += 1;
            if pos[k] < axes[k].len() {
                idx[k] = axes[k][pos[k]];
                break;
            }
            pos[k] = 0;
            idx[k] = axes[k][0];
        }
    }
}

/// NumPy's `_formatArray`: nested brackets, wrapping and summarization.
struct Walker<'a> {
    a: &'a Array,
    fmt: &'a ElemFormat,
    separator: &'a str,
    edge_items: usize,
    summarize: bool,
    legacy: u32,
}

/// NumPy's `_extendLine`: appends `word`, first wrapping when it would overflow `line_width`
/// (unless the line holds nothing but its prefix, where wrapping cannot help; legacy '1.13'
/// wraps there too).
fn extend_line(
    s: &mut String,
    line: &mut String,
    word: &str,
    line_width: isize,
    next_line_prefix: &str,
    legacy: u32,
) {
    let needs_wrap = to_isize(width(line) + width(word)) > line_width
        && (legacy <= 113 || width(line) > width(next_line_prefix));
    if needs_wrap {
        s.push_str(line.trim_end());
        s.push('\n');
        *line = next_line_prefix.to_string();
    }
    line.push_str(word);
}

/// NumPy's `_extendLine_pretty`: a word of several lines (a `formatter=` may return one) is
/// placed as a block, its later lines indented under its first.
fn extend_line_pretty(
    s: &mut String,
    line: &mut String,
    word: &str,
    line_width: isize,
    next_line_prefix: &str,
    legacy: u32,
) {
    let words: Vec<&str> = word.lines().collect();
    if words.len() <= 1 || legacy <= 113 {
        return extend_line(s, line, word, line_width, next_line_prefix, legacy);
    }
    let max_word = words.iter().map(|w| width(w)).max().unwrap_or(0);
    let indent =
        if to_isize(width(line) + max_word) > line_width && width(line) > width(next_line_prefix) {
            s.push_str(line.trim_end());
            s.push('\n');
            *line = next_line_prefix.to_string();
            next_line_prefix.to_string()
        } else {
            spaces(width(line))
        };
    line.push_str(words[0]);
    for w in &words[1..] {
        s.push_str(line.trim_end());
        s.push('\n');
        *line = format!("{indent}{w}");
    }
    let last = words.last().map_or(0, |w| width(w));
    line.push_str(&spaces(max_word - last));
}

impl Walker<'_> {
    fn element(&self, index: &[usize]) -> String {
        match self.a.get(index) {
            Ok(w) => self.fmt.format(w),
            Err(_) => String::new(),
        }
    }

    fn recurse(&self, index: &mut Vec<usize>, hanging_indent: &str, curr_width: isize) -> String {
        let shape = self.a.shape();
        let axis = index.len();
        let axes_left = shape.len() - axis;
        if axes_left == 0 {
            return self.element(index);
        }
        let legacy = self.legacy;
        let next_hanging = format!("{hanging_indent} ");
        // One column less for each closing bracket (legacy '1.13' did not count them).
        let next_width = if legacy <= 113 {
            curr_width
        } else {
            curr_width - 1
        };
        let a_len = shape[axis];
        let show_summary = self.summarize && self.edge_items.saturating_mul(2) < a_len;
        let (leading, trailing) = if show_summary {
            (self.edge_items, self.edge_items)
        } else {
            (0, a_len)
        };
        let child = |index: &mut Vec<usize>, i: usize| {
            index.push(i);
            let s = self.recurse(index, &next_hanging, next_width);
            index.pop();
            s
        };
        let mut s = String::new();
        if axes_left == 1 {
            let sep_w = width(self.separator.trim_end());
            let sep_w = if legacy <= 113 { sep_w } else { sep_w.max(1) };
            let mut elem_width = curr_width - to_isize(sep_w);
            let mut line = hanging_indent.to_string();
            for i in 0..leading {
                let word = child(index, i);
                extend_line_pretty(&mut s, &mut line, &word, elem_width, hanging_indent, legacy);
                line.push_str(self.separator);
            }
            if show_summary {
                extend_line(&mut s, &mut line, "...", elem_width, hanging_indent, legacy);
                line.push_str(if legacy <= 113 { ", " } else { self.separator });
            }
            for i in (2..=trailing).rev() {
                let word = child(index, a_len - i);
                extend_line_pretty(&mut s, &mut line, &word, elem_width, hanging_indent, legacy);
                line.push_str(self.separator);
            }
            if legacy <= 113 {
                // legacy '1.13' did not count the separator after the last element.
                elem_width = curr_width;
            }
            let word = child(index, a_len - 1);
            extend_line_pretty(&mut s, &mut line, &word, elem_width, hanging_indent, legacy);
            s.push_str(&line);
        } else {
            let line_sep = format!(
                "{}{}",
                self.separator.trim_end(),
                "\n".repeat(axes_left - 1)
            );
            for i in 0..leading {
                let nested = child(index, i);
                s.push_str(hanging_indent);
                s.push_str(&nested);
                s.push_str(&line_sep);
            }
            if show_summary {
                s.push_str(hanging_indent);
                s.push_str("...");
                s.push_str(if legacy <= 113 { ", \n" } else { &line_sep });
            }
            for i in (2..=trailing).rev() {
                let nested = child(index, a_len - i);
                s.push_str(hanging_indent);
                s.push_str(&nested);
                s.push_str(&line_sep);
            }
            let nested = child(index, a_len - 1);
            s.push_str(hanging_indent);
            s.push_str(&nested);
        }
        format!("[{}]", s.get(hanging_indent.len()..).unwrap_or(""))
    }
}

/// `{:?}` prints as NumPy's `repr`, `{}` as its `str`.
impl std::fmt::Debug for Array {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&repr(self))
    }
}

impl std::fmt::Display for Array {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&str(self))
    }
}

#[cfg(test)]
mod tests {
    //! Expected strings come from NumPy 2.4 (`repr(a)`, `str(a)`, `repr(x)`, `str(x)`,
    //! `np.format_float_*`), under `np.printoptions(...)` where options are given.
    use super::*;
    use crate::{Complex32, Complex64, Element, IndexItem};

    fn arr<T: Element>(v: Vec<T>, shape: &[usize]) -> Array {
        Array::from_vec(v, shape).expect("shape matches data")
    }

    fn check(a: Array, want_repr: &str, want_str: &str) {
        assert_eq!(repr(&a), want_repr);
        assert_eq!(super::str(&a), want_str);
    }

    fn check_with(a: Array, o: &PrintOptions, want_repr: &str, want_str: &str) {
        assert_eq!(repr_with(&a, o), want_repr);
        assert_eq!(str_with(&a, o), want_str);
    }

    fn check_scalar(v: Wide, dt: DType, want_repr: &str, want_str: &str) {
        assert_eq!(scalar_repr(v, dt), want_repr);
        assert_eq!(scalar_str(v, dt), want_str);
    }

    #[test]
    fn bool_arrays() {
        check(
            arr::<bool>(vec![true, false], &[2]),
            "array([ True, False])",
            "[ True False]",
        );
        check(arr::<bool>(vec![true], &[]), "array(True)", "True");
        check(arr::<bool>(vec![false], &[]), "array(False)", "False");
        check(
            arr::<bool>(vec![true, true, false, true], &[2, 2]),
            "array([[ True,  True],\n       [False,  True]])",
            "[[ True  True]\n [False  True]]",
        );
        check(
            arr::<bool>(vec![false, false, false], &[3]),
            "array([False, False, False])",
            "[False False False]",
        );
    }

    #[test]
    fn integer_arrays() {
        check(
            arr::<i8>(vec![0, 1, 2], &[3]),
            "array([0, 1, 2], dtype=int8)",
            "[0 1 2]",
        );
        check(
            arr::<i8>(vec![i8::MIN, 0, 127], &[3]),
            "array([-128,    0,  127], dtype=int8)",
            "[-128    0  127]",
        );
        check(arr::<i8>(vec![7], &[]), "array(7, dtype=int8)", "7");
        check(
            arr::<i8>(vec![1, 1, 1, 1], &[2, 2]),
            "array([[1, 1],\n       [1, 1]], dtype=int8)",
            "[[1 1]\n [1 1]]",
        );
        check(
            arr::<u8>(vec![0, 1, 2], &[3]),
            "array([0, 1, 2], dtype=uint8)",
            "[0 1 2]",
        );
        check(
            arr::<u8>(vec![0, 0, 255], &[3]),
            "array([  0,   0, 255], dtype=uint8)",
            "[  0   0 255]",
        );
        check(arr::<u8>(vec![7], &[]), "array(7, dtype=uint8)", "7");
        check(
            arr::<u8>(vec![1, 1, 1, 1], &[2, 2]),
            "array([[1, 1],\n       [1, 1]], dtype=uint8)",
            "[[1 1]\n [1 1]]",
        );
        check(
            arr::<i16>(vec![0, 1, 2], &[3]),
            "array([0, 1, 2], dtype=int16)",
            "[0 1 2]",
        );
        check(
            arr::<i16>(vec![i16::MIN, 0, 32767], &[3]),
            "array([-32768,      0,  32767], dtype=int16)",
            "[-32768      0  32767]",
        );
        check(arr::<i16>(vec![7], &[]), "array(7, dtype=int16)", "7");
        check(
            arr::<i16>(vec![1, 1, 1, 1], &[2, 2]),
            "array([[1, 1],\n       [1, 1]], dtype=int16)",
            "[[1 1]\n [1 1]]",
        );
        check(
            arr::<u16>(vec![0, 1, 2], &[3]),
            "array([0, 1, 2], dtype=uint16)",
            "[0 1 2]",
        );
        check(
            arr::<u16>(vec![0, 0, 65535], &[3]),
            "array([    0,     0, 65535], dtype=uint16)",
            "[    0     0 65535]",
        );
        check(arr::<u16>(vec![7], &[]), "array(7, dtype=uint16)", "7");
        check(
            arr::<u16>(vec![1, 1, 1, 1], &[2, 2]),
            "array([[1, 1],\n       [1, 1]], dtype=uint16)",
            "[[1 1]\n [1 1]]",
        );
        check(
            arr::<i32>(vec![0, 1, 2], &[3]),
            "array([0, 1, 2], dtype=int32)",
            "[0 1 2]",
        );
        check(
            arr::<i32>(vec![i32::MIN, 0, 2147483647], &[3]),
            "array([-2147483648,           0,  2147483647], dtype=int32)",
            "[-2147483648           0  2147483647]",
        );
        check(arr::<i32>(vec![7], &[]), "array(7, dtype=int32)", "7");
        check(
            arr::<i32>(vec![1, 1, 1, 1], &[2, 2]),
            "array([[1, 1],\n       [1, 1]], dtype=int32)",
            "[[1 1]\n [1 1]]",
        );
        check(
            arr::<u32>(vec![0, 1, 2], &[3]),
            "array([0, 1, 2], dtype=uint32)",
            "[0 1 2]",
        );
        check(
            arr::<u32>(vec![0, 0, 4294967295], &[3]),
            "array([         0,          0, 4294967295], dtype=uint32)",
            "[         0          0 4294967295]",
        );
        check(arr::<u32>(vec![7], &[]), "array(7, dtype=uint32)", "7");
        check(
            arr::<u32>(vec![1, 1, 1, 1], &[2, 2]),
            "array([[1, 1],\n       [1, 1]], dtype=uint32)",
            "[[1 1]\n [1 1]]",
        );
        check(
            arr::<i64>(vec![0, 1, 2], &[3]),
            "array([0, 1, 2])",
            "[0 1 2]",
        );
        check(
            arr::<i64>(vec![i64::MIN, 0, i64::MAX], &[3]),
            "array([-9223372036854775808,                    0,  9223372036854775807])",
            "[-9223372036854775808                    0  9223372036854775807]",
        );
        check(arr::<i64>(vec![7], &[]), "array(7)", "7");
        check(
            arr::<i64>(vec![1, 1, 1, 1], &[2, 2]),
            "array([[1, 1],\n       [1, 1]])",
            "[[1 1]\n [1 1]]",
        );
        check(
            arr::<u64>(vec![0, 1, 2], &[3]),
            "array([0, 1, 2], dtype=uint64)",
            "[0 1 2]",
        );
        check(
            arr::<u64>(vec![0, 0, u64::MAX], &[3]),
            "array([                   0,                    0, 18446744073709551615],\n      dtype=uint64)",
            "[                   0                    0 18446744073709551615]",
        );
        check(arr::<u64>(vec![7], &[]), "array(7, dtype=uint64)", "7");
        check(
            arr::<u64>(vec![1, 1, 1, 1], &[2, 2]),
            "array([[1, 1],\n       [1, 1]], dtype=uint64)",
            "[[1 1]\n [1 1]]",
        );
        check(
            arr::<i64>(vec![-1, 10, -100], &[3]),
            "array([  -1,   10, -100])",
            "[  -1   10 -100]",
        );
        check(arr::<i64>(vec![-5], &[]), "array(-5)", "-5");
        check(arr::<i64>(vec![0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23], &[2, 3, 4]), "array([[[ 0,  1,  2,  3],\n        [ 4,  5,  6,  7],\n        [ 8,  9, 10, 11]],\n\n       [[12, 13, 14, 15],\n        [16, 17, 18, 19],\n        [20, 21, 22, 23]]])", "[[[ 0  1  2  3]\n  [ 4  5  6  7]\n  [ 8  9 10 11]]\n\n [[12 13 14 15]\n  [16 17 18 19]\n  [20 21 22 23]]]");
        check(arr::<i64>(vec![0, 1000000, 2000000, 3000000, 4000000, 5000000, 6000000, 7000000, 8000000, 9000000, 10000000, 11000000, 12000000, 13000000, 14000000, 15000000, 16000000, 17000000, 18000000, 19000000, 20000000, 21000000, 22000000, 23000000, 24000000, 25000000, 26000000, 27000000, 28000000, 29000000], &[30]), "array([       0,  1000000,  2000000,  3000000,  4000000,  5000000,\n        6000000,  7000000,  8000000,  9000000, 10000000, 11000000,\n       12000000, 13000000, 14000000, 15000000, 16000000, 17000000,\n       18000000, 19000000, 20000000, 21000000, 22000000, 23000000,\n       24000000, 25000000, 26000000, 27000000, 28000000, 29000000])", "[       0  1000000  2000000  3000000  4000000  5000000  6000000  7000000\n  8000000  9000000 10000000 11000000 12000000 13000000 14000000 15000000\n 16000000 17000000 18000000 19000000 20000000 21000000 22000000 23000000\n 24000000 25000000 26000000 27000000 28000000 29000000]");
        check(arr::<i64>(vec![-12, -11, -10, -9, -8, -7, -6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], &[2, 2, 2, 3]), "array([[[[-12, -11, -10],\n         [ -9,  -8,  -7]],\n\n        [[ -6,  -5,  -4],\n         [ -3,  -2,  -1]]],\n\n\n       [[[  0,   1,   2],\n         [  3,   4,   5]],\n\n        [[  6,   7,   8],\n         [  9,  10,  11]]]])", "[[[[-12 -11 -10]\n   [ -9  -8  -7]]\n\n  [[ -6  -5  -4]\n   [ -3  -2  -1]]]\n\n\n [[[  0   1   2]\n   [  3   4   5]]\n\n  [[  6   7   8]\n   [  9  10  11]]]]");
    }

    #[test]
    fn float64_arrays() {
        check(
            arr::<f64>(vec![0.1, 2.0], &[2]),
            "array([0.1, 2. ])",
            "[0.1 2. ]",
        );
        check(
            arr::<f64>(vec![0.0, 1.0, 2.0], &[3]),
            "array([0., 1., 2.])",
            "[0. 1. 2.]",
        );
        check(arr::<f64>(vec![3.0], &[]), "array(3.)", "3.0");
        check(arr::<f64>(vec![0.5], &[]), "array(0.5)", "0.5");
        check(arr::<f64>(vec![1e-05], &[]), "array(1.e-05)", "1e-05");
        check(
            arr::<f64>(vec![10000000000.0], &[]),
            "array(1.e+10)",
            "10000000000.0",
        );
        check(arr::<f64>(vec![-0.0], &[]), "array(-0.)", "-0.0");
        check(
            arr::<f64>(vec![0.3333333333333333, 0.6666666666666666, 1.0], &[3]),
            "array([0.33333333, 0.66666667, 1.        ])",
            "[0.33333333 0.66666667 1.        ]",
        );
        check(
            arr::<f64>(vec![0.30000000000000004, 1.5], &[2]),
            "array([0.3, 1.5])",
            "[0.3 1.5]",
        );
        check(
            arr::<f64>(vec![100000000.0, 1.0], &[2]),
            "array([1.e+08, 1.e+00])",
            "[1.e+08 1.e+00]",
        );
        check(
            arr::<f64>(vec![99999999.0, 1.0], &[2]),
            "array([9.9999999e+07, 1.0000000e+00])",
            "[9.9999999e+07 1.0000000e+00]",
        );
        check(
            arr::<f64>(vec![0.0001, 1.0], &[2]),
            "array([1.e-04, 1.e+00])",
            "[1.e-04 1.e+00]",
        );
        check(
            arr::<f64>(vec![9.99e-05, 1.0], &[2]),
            "array([9.99e-05, 1.00e+00])",
            "[9.99e-05 1.00e+00]",
        );
        check(
            arr::<f64>(vec![1.0, 1000.0], &[2]),
            "array([   1., 1000.])",
            "[   1. 1000.]",
        );
        check(
            arr::<f64>(vec![1.0, 1001.0], &[2]),
            "array([1.000e+00, 1.001e+03])",
            "[1.000e+00 1.001e+03]",
        );
        check(
            arr::<f64>(vec![1e+100, 1e-05], &[2]),
            "array([1.e+100, 1.e-005])",
            "[1.e+100 1.e-005]",
        );
        check(
            arr::<f64>(vec![-1.5e-07, 2250000000000.0, 3.0], &[3]),
            "array([-1.50e-07,  2.25e+12,  3.00e+00])",
            "[-1.50e-07  2.25e+12  3.00e+00]",
        );
        check(
            arr::<f64>(vec![f64::NAN, 1.0, f64::NEG_INFINITY], &[3]),
            "array([ nan,   1., -inf])",
            "[ nan   1. -inf]",
        );
        check(
            arr::<f64>(vec![f64::NAN, f64::INFINITY], &[2]),
            "array([nan, inf])",
            "[nan inf]",
        );
        check(
            arr::<f64>(vec![f64::NAN, f64::NEG_INFINITY], &[2]),
            "array([ nan, -inf])",
            "[ nan -inf]",
        );
        check(arr::<f64>(vec![f64::NAN], &[]), "array(nan)", "nan");
        check(
            arr::<f64>(vec![f64::NEG_INFINITY], &[]),
            "array(-inf)",
            "-inf",
        );
        check(
            arr::<f64>(vec![-0.0, 1.0], &[2]),
            "array([-0.,  1.])",
            "[-0.  1.]",
        );
        check(
            arr::<f64>(vec![-0.0, 0.0], &[2]),
            "array([-0.,  0.])",
            "[-0.  0.]",
        );
        check(
            arr::<f64>(vec![0.001953125, 0.005859375, 1.0], &[3]),
            "array([0.00195312, 0.00585938, 1.        ])",
            "[0.00195312 0.00585938 1.        ]",
        );
        check(
            arr::<f64>(vec![123456.789, -0.5], &[2]),
            "array([ 1.23456789e+05, -5.00000000e-01])",
            "[ 1.23456789e+05 -5.00000000e-01]",
        );
        check(
            arr::<f64>(vec![1e-300, 5e-324, 1.7976931348623157e+308], &[3]),
            "array([1.00000000e-300, 4.94065646e-324, 1.79769313e+308])",
            "[1.00000000e-300 4.94065646e-324 1.79769313e+308]",
        );
        check(arr::<f64>(vec![0.0, 0.14285714285714285, 0.2857142857142857, 0.42857142857142855, 0.5714285714285714, 0.7142857142857143, 0.8571428571428571, 1.0, 1.1428571428571428, 1.2857142857142858, 1.4285714285714286, 1.5714285714285714, 1.7142857142857142, 1.8571428571428572, 2.0, 2.142857142857143, 2.2857142857142856, 2.4285714285714284, 2.5714285714285716, 2.7142857142857144], &[20]), "array([0.        , 0.14285714, 0.28571429, 0.42857143, 0.57142857,\n       0.71428571, 0.85714286, 1.        , 1.14285714, 1.28571429,\n       1.42857143, 1.57142857, 1.71428571, 1.85714286, 2.        ,\n       2.14285714, 2.28571429, 2.42857143, 2.57142857, 2.71428571])", "[0.         0.14285714 0.28571429 0.42857143 0.57142857 0.71428571\n 0.85714286 1.         1.14285714 1.28571429 1.42857143 1.57142857\n 1.71428571 1.85714286 2.         2.14285714 2.28571429 2.42857143\n 2.57142857 2.71428571]");
        check(
            arr::<f64>(vec![0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0, 2.25, 2.5, 2.75], &[3, 4]),
            "array([[0.  , 0.25, 0.5 , 0.75],\n       [1.  , 1.25, 1.5 , 1.75],\n       [2.  , 2.25, 2.5 , 2.75]])",
            "[[0.   0.25 0.5  0.75]\n [1.   1.25 1.5  1.75]\n [2.   2.25 2.5  2.75]]",
        );
        check(arr::<f64>(vec![0.0, 0.14285714285714285, 0.2857142857142857, 0.42857142857142855, 0.5714285714285714, 0.7142857142857143, 0.8571428571428571, 1.0, 1.1428571428571428, 1.2857142857142858, 1.4285714285714286, 1.5714285714285714, 1.7142857142857142, 1.8571428571428572, 2.0, 2.142857142857143, 2.2857142857142856, 2.4285714285714284, 2.5714285714285716, 2.7142857142857144, 2.857142857142857, 3.0, 3.142857142857143, 3.2857142857142856], &[2, 3, 4]), "array([[[0.        , 0.14285714, 0.28571429, 0.42857143],\n        [0.57142857, 0.71428571, 0.85714286, 1.        ],\n        [1.14285714, 1.28571429, 1.42857143, 1.57142857]],\n\n       [[1.71428571, 1.85714286, 2.        , 2.14285714],\n        [2.28571429, 2.42857143, 2.57142857, 2.71428571],\n        [2.85714286, 3.        , 3.14285714, 3.28571429]]])", "[[[0.         0.14285714 0.28571429 0.42857143]\n  [0.57142857 0.71428571 0.85714286 1.        ]\n  [1.14285714 1.28571429 1.42857143 1.57142857]]\n\n [[1.71428571 1.85714286 2.         2.14285714]\n  [2.28571429 2.42857143 2.57142857 2.71428571]\n  [2.85714286 3.         3.14285714 3.28571429]]]");
        check(
            arr::<f64>(vec![f64::NAN, 1e-10, f64::NEG_INFINITY, 3.0], &[2, 2]),
            "array([[   nan, 1.e-10],\n       [  -inf, 3.e+00]])",
            "[[   nan 1.e-10]\n [  -inf 3.e+00]]",
        );
        check(
            arr::<f64>(vec![1e+16, 2e+16], &[2]),
            "array([1.e+16, 2.e+16])",
            "[1.e+16 2.e+16]",
        );
        check(
            arr::<f64>(vec![12345678.9, 0.5], &[2]),
            "array([1.23456789e+07, 5.00000000e-01])",
            "[1.23456789e+07 5.00000000e-01]",
        );
        check(
            arr::<f64>(vec![-1.0, -2.5, -1000.125], &[3]),
            "array([-1.000000e+00, -2.500000e+00, -1.000125e+03])",
            "[-1.000000e+00 -2.500000e+00 -1.000125e+03]",
        );
    }

    #[test]
    fn float32_arrays() {
        check(
            arr::<f32>(vec![0.1, 0.2, 0.33333334], &[3]),
            "array([0.1       , 0.2       , 0.33333334], dtype=float32)",
            "[0.1        0.2        0.33333334]",
        );
        check(
            arr::<f32>(vec![1.0, 1.0, 1.0], &[3]),
            "array([1., 1., 1.], dtype=float32)",
            "[1. 1. 1.]",
        );
        check(
            arr::<f32>(vec![0.1], &[]),
            "array(0.1, dtype=float32)",
            "0.1",
        );
        check(
            arr::<f32>(vec![1e+06], &[1]),
            "array([1.e+06], dtype=float32)",
            "[1.e+06]",
        );
        check(
            arr::<f32>(vec![100000.0, 0.5], &[2]),
            "array([1.e+05, 5.e-01], dtype=float32)",
            "[1.e+05 5.e-01]",
        );
        check(
            arr::<f32>(vec![1e-04], &[1]),
            "array([0.0001], dtype=float32)",
            "[0.0001]",
        );
        check(
            arr::<f32>(vec![9.9e-05], &[1]),
            "array([9.9e-05], dtype=float32)",
            "[9.9e-05]",
        );
        check(
            arr::<f32>(vec![1.5, 2.5, -3.25], &[3]),
            "array([ 1.5 ,  2.5 , -3.25], dtype=float32)",
            "[ 1.5   2.5  -3.25]",
        );
        check(
            arr::<f32>(vec![f32::NAN, f32::INFINITY, 1.6777216e+07], &[3]),
            "array([          nan,           inf, 1.6777216e+07], dtype=float32)",
            "[          nan           inf 1.6777216e+07]",
        );
        check(
            arr::<f32>(vec![3.4028235e+38, 1e-45], &[2]),
            "array([3.4028235e+38, 1.4012985e-45], dtype=float32)",
            "[3.4028235e+38 1.4012985e-45]",
        );
        check(
            arr::<f32>(vec![0.3, -0.7, 0.001, 2.0], &[2, 2]),
            "array([[ 3.e-01, -7.e-01],\n       [ 1.e-03,  2.e+00]], dtype=float32)",
            "[[ 3.e-01 -7.e-01]\n [ 1.e-03  2.e+00]]",
        );
        check(
            arr::<f32>(vec![1.0485762e+06, 3.0], &[2]),
            "array([1.0485762e+06, 3.0000000e+00], dtype=float32)",
            "[1.0485762e+06 3.0000000e+00]",
        );
    }

    #[test]
    fn float16_arrays() {
        check(
            arr::<f16>(
                vec![
                    f16::from_f32(0.1),
                    f16::from_f32(0.2),
                    f16::from_f32(0.3333),
                ],
                &[3],
            ),
            "array([0.1   , 0.2   , 0.3333], dtype=float16)",
            "[0.1    0.2    0.3333]",
        );
        check(
            arr::<f16>(vec![f16::from_f32(1e+03)], &[1]),
            "array([1.e+03], dtype=float16)",
            "[1.e+03]",
        );
        check(
            arr::<f16>(vec![f16::from_f32(999.0)], &[1]),
            "array([999.], dtype=float16)",
            "[999.]",
        );
        check(
            arr::<f16>(vec![f16::from_f32(0.1), f16::from_f32(100.0)], &[2]),
            "array([  0.1, 100. ], dtype=float16)",
            "[  0.1 100. ]",
        );
        check(
            arr::<f16>(vec![f16::from_f32(6.55e+04), f16::from_f32(-1.0)], &[2]),
            "array([ 6.55e+04, -1.00e+00], dtype=float16)",
            "[ 6.55e+04 -1.00e+00]",
        );
        check(
            arr::<f16>(vec![f16::from_f32(0.1)], &[]),
            "array(0.1, dtype=float16)",
            "0.1",
        );
        check(
            arr::<f16>(vec![f16::from_f32(128.2)], &[1]),
            "array([128.2], dtype=float16)",
            "[128.2]",
        );
        check(
            arr::<f16>(vec![f16::from_f32(6e-08), f16::from_f32(1.0)], &[2]),
            "array([6.e-08, 1.e+00], dtype=float16)",
            "[6.e-08 1.e+00]",
        );
        check(
            arr::<f16>(vec![f16::NAN, f16::NEG_INFINITY, f16::from_f32(0.5)], &[3]),
            "array([ nan, -inf,  0.5], dtype=float16)",
            "[ nan -inf  0.5]",
        );
        check(
            arr::<f16>(
                vec![
                    f16::from_f32(1.414),
                    f16::from_f32(1.414),
                    f16::from_f32(1.414),
                ],
                &[3],
            ),
            "array([1.414, 1.414, 1.414], dtype=float16)",
            "[1.414 1.414 1.414]",
        );
        check(
            arr::<f16>(
                vec![
                    f16::from_f32(1.0),
                    f16::from_f32(2.0),
                    f16::from_f32(3.0),
                    f16::from_f32(4.5),
                ],
                &[2, 2],
            ),
            "array([[1. , 2. ],\n       [3. , 4.5]], dtype=float16)",
            "[[1.  2. ]\n [3.  4.5]]",
        );
        check(
            arr::<f16>(vec![f16::from_f32(0.0001), f16::from_f32(0.00012)], &[2]),
            "array([0.0001 , 0.00012], dtype=float16)",
            "[0.0001  0.00012]",
        );
    }

    #[test]
    fn complex_arrays() {
        check(
            arr::<Complex64>(
                vec![Complex64::new(1.0, 2.0), Complex64::new(0.0, -1.0)],
                &[2],
            ),
            "array([1.+2.j, 0.-1.j])",
            "[1.+2.j 0.-1.j]",
        );
        check(
            arr::<Complex64>(vec![Complex64::new(1.0, 2.0)], &[]),
            "array(1.+2.j)",
            "(1+2j)",
        );
        check(
            arr::<Complex64>(
                vec![Complex64::new(1.5, 0.0), Complex64::new(-2.25, 0.001)],
                &[2],
            ),
            "array([ 1.5 +0.j   , -2.25+0.001j])",
            "[ 1.5 +0.j    -2.25+0.001j]",
        );
        check(
            arr::<Complex64>(
                vec![
                    Complex64::new(10000000000.0, 1.0),
                    Complex64::new(1.0, 1e-10),
                ],
                &[2],
            ),
            "array([1.e+10+1.e+00j, 1.e+00+1.e-10j])",
            "[1.e+10+1.e+00j 1.e+00+1.e-10j]",
        );
        check(
            arr::<Complex64>(
                vec![
                    Complex64::new(1.0, 1.0),
                    Complex64::new(f64::NAN, 1.0),
                    Complex64::new(f64::NAN, f64::NEG_INFINITY),
                ],
                &[3],
            ),
            "array([ 1. +1.j, nan +1.j, nan-infj])",
            "[ 1. +1.j nan +1.j nan-infj]",
        );
        check(
            arr::<Complex64>(
                vec![
                    Complex64::new(-0.0, -0.0),
                    Complex64::new(f64::INFINITY, f64::INFINITY),
                ],
                &[2],
            ),
            "array([-0. -0.j, inf+infj])",
            "[-0. -0.j inf+infj]",
        );
        check(
            arr::<Complex32>(
                vec![
                    Complex32::new(0.1, 0.2),
                    Complex32::new(0.33333334, -0.6666667),
                ],
                &[2],
            ),
            "array([0.1       +0.2j      , 0.33333334-0.6666667j], dtype=complex64)",
            "[0.1       +0.2j       0.33333334-0.6666667j]",
        );
        check(
            arr::<Complex32>(
                vec![Complex32::new(1.0, 1.0), Complex32::new(2.0, -2.0)],
                &[2],
            ),
            "array([1.+1.j, 2.-2.j], dtype=complex64)",
            "[1.+1.j 2.-2.j]",
        );
        check(
            arr::<Complex32>(vec![Complex32::new(0.0, 2.0)], &[]),
            "array(0.+2.j, dtype=complex64)",
            "2j",
        );
        check(
            arr::<Complex64>(
                vec![
                    Complex64::new(1.0, 1.0),
                    Complex64::new(2.5, 0.0),
                    Complex64::new(-0.0, -1.0),
                    Complex64::new(3.0, 0.0),
                ],
                &[2, 2],
            ),
            "array([[ 1. +1.j,  2.5+0.j],\n       [-0. -1.j,  3. +0.j]])",
            "[[ 1. +1.j  2.5+0.j]\n [-0. -1.j  3. +0.j]]",
        );
        check(arr::<Complex64>(vec![Complex64::new(0.0, 7.0), Complex64::new(0.3333333333333333, 6.0), Complex64::new(0.6666666666666666, 5.0), Complex64::new(1.0, 4.0), Complex64::new(1.3333333333333333, 3.0), Complex64::new(1.6666666666666667, 2.0), Complex64::new(2.0, 1.0), Complex64::new(2.3333333333333335, 0.0)], &[2, 4]), "array([[0.        +7.j, 0.33333333+6.j, 0.66666667+5.j, 1.        +4.j],\n       [1.33333333+3.j, 1.66666667+2.j, 2.        +1.j, 2.33333333+0.j]])", "[[0.        +7.j 0.33333333+6.j 0.66666667+5.j 1.        +4.j]\n [1.33333333+3.j 1.66666667+2.j 2.        +1.j 2.33333333+0.j]]");
    }

    #[test]
    fn empty_arrays() {
        check(arr::<f64>(vec![], &[0]), "array([], dtype=float64)", "[]");
        check(arr::<i64>(vec![], &[0]), "array([], dtype=int64)", "[]");
        check(arr::<bool>(vec![], &[0]), "array([], dtype=bool)", "[]");
        check(arr::<f32>(vec![], &[0]), "array([], dtype=float32)", "[]");
        check(
            arr::<i8>(vec![], &[0, 3]),
            "array([], shape=(0, 3), dtype=int8)",
            "[]",
        );
        check(
            arr::<f64>(vec![], &[2, 0]),
            "array([], shape=(2, 0), dtype=float64)",
            "[]",
        );
        check(
            arr::<Complex32>(vec![], &[1, 0, 2]),
            "array([], shape=(1, 0, 2), dtype=complex64)",
            "[]",
        );
        check(arr::<u16>(vec![], &[0]), "array([], dtype=uint16)", "[]");
        check(
            arr::<Complex64>(vec![], &[0]),
            "array([], dtype=complex128)",
            "[]",
        );
    }

    #[test]
    fn scalars() {
        check_scalar(Wide::F(3.0), DType::F64, "np.float64(3.0)", "3.0");
        check_scalar(Wide::F(0.1), DType::F64, "np.float64(0.1)", "0.1");
        check_scalar(Wide::F(1e+16), DType::F64, "np.float64(1e+16)", "1e+16");
        check_scalar(
            Wide::F(1000000000000000.0),
            DType::F64,
            "np.float64(1000000000000000.0)",
            "1000000000000000.0",
        );
        check_scalar(Wide::F(1e-05), DType::F64, "np.float64(1e-05)", "1e-05");
        check_scalar(Wide::F(0.0001), DType::F64, "np.float64(0.0001)", "0.0001");
        check_scalar(Wide::F(-0.0), DType::F64, "np.float64(-0.0)", "-0.0");
        check_scalar(Wide::F(f64::NAN), DType::F64, "np.float64(nan)", "nan");
        check_scalar(
            Wide::F(f64::NEG_INFINITY),
            DType::F64,
            "np.float64(-inf)",
            "-inf",
        );
        check_scalar(
            Wide::F(123456789.125),
            DType::F64,
            "np.float64(123456789.125)",
            "123456789.125",
        );
        check_scalar(Wide::F(0.1f32 as f64), DType::F32, "np.float32(0.1)", "0.1");
        check_scalar(
            Wide::F(1e+06f32 as f64),
            DType::F32,
            "np.float32(1e+06)",
            "1e+06",
        );
        check_scalar(
            Wide::F(999999.0f32 as f64),
            DType::F32,
            "np.float32(999999.0)",
            "999999.0",
        );
        check_scalar(
            Wide::F(1e-04f32 as f64),
            DType::F32,
            "np.float32(1e-04)",
            "1e-04",
        );
        check_scalar(
            Wide::F(1.6777216e+07f32 as f64),
            DType::F32,
            "np.float32(1.6777216e+07)",
            "1.6777216e+07",
        );
        check_scalar(
            Wide::F(f16::from_f32(0.1).to_f64()),
            DType::F16,
            "np.float16(0.1)",
            "0.1",
        );
        check_scalar(
            Wide::F(f16::from_f32(1e+03).to_f64()),
            DType::F16,
            "np.float16(1e+03)",
            "1e+03",
        );
        check_scalar(
            Wide::F(f16::from_f32(999.0).to_f64()),
            DType::F16,
            "np.float16(999.0)",
            "999.0",
        );
        check_scalar(
            Wide::F(f16::from_f32(6.55e+04).to_f64()),
            DType::F16,
            "np.float16(6.55e+04)",
            "6.55e+04",
        );
        check_scalar(
            Wide::F(f16::from_f32(0.0001).to_f64()),
            DType::F16,
            "np.float16(0.0001)",
            "0.0001",
        );
        check_scalar(
            Wide::F(f16::from_f32(6e-08).to_f64()),
            DType::F16,
            "np.float16(6e-08)",
            "6e-08",
        );
        check_scalar(
            Wide::C(1.0, 2.0),
            DType::C128,
            "np.complex128(1+2j)",
            "(1+2j)",
        );
        check_scalar(
            Wide::C(-0.0, -1.0),
            DType::C128,
            "np.complex128(-0-1j)",
            "(-0-1j)",
        );
        check_scalar(Wide::C(0.0, 0.0), DType::C128, "np.complex128(0j)", "0j");
        check_scalar(
            Wide::C(-0.0, 0.0),
            DType::C128,
            "np.complex128(-0+0j)",
            "(-0+0j)",
        );
        check_scalar(
            Wide::C(f64::INFINITY, f64::NAN),
            DType::C128,
            "np.complex128(inf+nanj)",
            "(inf+nanj)",
        );
        check_scalar(
            Wide::C(0.0, f64::NAN),
            DType::C128,
            "np.complex128(nanj)",
            "nanj",
        );
        check_scalar(
            Wide::C(1e+20, 1e-05),
            DType::C128,
            "np.complex128(1e+20+1e-05j)",
            "(1e+20+1e-05j)",
        );
        check_scalar(
            Wide::C(0.0f32 as f64, 2.0f32 as f64),
            DType::C64,
            "np.complex64(2j)",
            "2j",
        );
        check_scalar(
            Wide::C(0.1f32 as f64, 0.1f32 as f64),
            DType::C64,
            "np.complex64(0.1+0.1j)",
            "(0.1+0.1j)",
        );
        check_scalar(
            Wide::C(f64::NAN, f64::NEG_INFINITY),
            DType::C128,
            "np.complex128(nan-infj)",
            "(nan-infj)",
        );
        check_scalar(Wide::Bool(true), DType::Bool, "np.True_", "True");
        check_scalar(Wide::Bool(false), DType::Bool, "np.False_", "False");
        check_scalar(Wide::I(-3), DType::I8, "np.int8(-3)", "-3");
        check_scalar(Wide::U(255), DType::U8, "np.uint8(255)", "255");
        check_scalar(
            Wide::I(i64::MIN),
            DType::I64,
            "np.int64(-9223372036854775808)",
            "-9223372036854775808",
        );
        check_scalar(
            Wide::U(u64::MAX),
            DType::U64,
            "np.uint64(18446744073709551615)",
            "18446744073709551615",
        );
        check_scalar(Wide::I(0), DType::I32, "np.int32(0)", "0");
    }

    #[test]
    fn summarized_and_wrapped() {
        check(
            arr((0..2000i64).collect(), &[2000]),
            "array([   0,    1,    2, ..., 1997, 1998, 1999], shape=(2000,))",
            "[   0    1    2 ... 1997 1998 1999]",
        );
        check(arr((0..2000).map(|i| i as f64 / 7.0).collect(), &[2, 1000]), "array([[0.00000000e+00, 1.42857143e-01, 2.85714286e-01, ...,\n        1.42428571e+02, 1.42571429e+02, 1.42714286e+02],\n       [1.42857143e+02, 1.43000000e+02, 1.43142857e+02, ...,\n        2.85285714e+02, 2.85428571e+02, 2.85571429e+02]], shape=(2, 1000))", "[[0.00000000e+00 1.42857143e-01 2.85714286e-01 ... 1.42428571e+02\n  1.42571429e+02 1.42714286e+02]\n [1.42857143e+02 1.43000000e+02 1.43142857e+02 ... 2.85285714e+02\n  2.85428571e+02 2.85571429e+02]]");
        check(arr((0..1500).map(|i| i as f32 / 7.0).collect(), &[1500]), "array([0.0000000e+00, 1.4285715e-01, 2.8571430e-01, ..., 2.1385715e+02,\n       2.1400000e+02, 2.1414285e+02], shape=(1500,), dtype=float32)", "[0.0000000e+00 1.4285715e-01 2.8571430e-01 ... 2.1385715e+02 2.1400000e+02\n 2.1414285e+02]");
        check(arr((0..1200).map(|i| f16::from_f32(i as f32 / 7.0)).collect(), &[1200]), "array([0.000e+00, 1.428e-01, 2.856e-01, ..., 1.710e+02, 1.711e+02,\n       1.712e+02], shape=(1200,), dtype=float16)", "[0.000e+00 1.428e-01 2.856e-01 ... 1.710e+02 1.711e+02 1.712e+02]");
        check(arr((0..1100).map(|i| Complex64::new(i as f64, -(i as f64 / 4.0))).collect(), &[1100]), "array([0.000e+00-0.0000e+00j, 1.000e+00-2.5000e-01j,\n       2.000e+00-5.0000e-01j, ..., 1.097e+03-2.7425e+02j,\n       1.098e+03-2.7450e+02j, 1.099e+03-2.7475e+02j], shape=(1100,))", "[0.000e+00-0.0000e+00j 1.000e+00-2.5000e-01j 2.000e+00-5.0000e-01j ...\n 1.097e+03-2.7425e+02j 1.098e+03-2.7450e+02j 1.099e+03-2.7475e+02j]");
        check(
            arr((0..2000).map(|i| i % 3 == 0).collect(), &[2000]),
            "array([ True, False, False, ..., False,  True, False], shape=(2000,))",
            "[ True False False ... False  True False]",
        );
        check(arr((0..2000i16).collect(), &[10, 10, 20]), "array([[[   0,    1,    2, ...,   17,   18,   19],\n        [  20,   21,   22, ...,   37,   38,   39],\n        [  40,   41,   42, ...,   57,   58,   59],\n        ...,\n        [ 140,  141,  142, ...,  157,  158,  159],\n        [ 160,  161,  162, ...,  177,  178,  179],\n        [ 180,  181,  182, ...,  197,  198,  199]],\n\n       [[ 200,  201,  202, ...,  217,  218,  219],\n        [ 220,  221,  222, ...,  237,  238,  239],\n        [ 240,  241,  242, ...,  257,  258,  259],\n        ...,\n        [ 340,  341,  342, ...,  357,  358,  359],\n        [ 360,  361,  362, ...,  377,  378,  379],\n        [ 380,  381,  382, ...,  397,  398,  399]],\n\n       [[ 400,  401,  402, ...,  417,  418,  419],\n        [ 420,  421,  422, ...,  437,  438,  439],\n        [ 440,  441,  442, ...,  457,  458,  459],\n        ...,\n        [ 540,  541,  542, ...,  557,  558,  559],\n        [ 560,  561,  562, ...,  577,  578,  579],\n        [ 580,  581,  582, ...,  597,  598,  599]],\n\n       ...,\n\n       [[1400, 1401, 1402, ..., 1417, 1418, 1419],\n        [1420, 1421, 1422, ..., 1437, 1438, 1439],\n        [1440, 1441, 1442, ..., 1457, 1458, 1459],\n        ...,\n        [1540, 1541, 1542, ..., 1557, 1558, 1559],\n        [1560, 1561, 1562, ..., 1577, 1578, 1579],\n        [1580, 1581, 1582, ..., 1597, 1598, 1599]],\n\n       [[1600, 1601, 1602, ..., 1617, 1618, 1619],\n        [1620, 1621, 1622, ..., 1637, 1638, 1639],\n        [1640, 1641, 1642, ..., 1657, 1658, 1659],\n        ...,\n        [1740, 1741, 1742, ..., 1757, 1758, 1759],\n        [1760, 1761, 1762, ..., 1777, 1778, 1779],\n        [1780, 1781, 1782, ..., 1797, 1798, 1799]],\n\n       [[1800, 1801, 1802, ..., 1817, 1818, 1819],\n        [1820, 1821, 1822, ..., 1837, 1838, 1839],\n        [1840, 1841, 1842, ..., 1857, 1858, 1859],\n        ...,\n        [1940, 1941, 1942, ..., 1957, 1958, 1959],\n        [1960, 1961, 1962, ..., 1977, 1978, 1979],\n        [1980, 1981, 1982, ..., 1997, 1998, 1999]]],\n      shape=(10, 10, 20), dtype=int16)", "[[[   0    1    2 ...   17   18   19]\n  [  20   21   22 ...   37   38   39]\n  [  40   41   42 ...   57   58   59]\n  ...\n  [ 140  141  142 ...  157  158  159]\n  [ 160  161  162 ...  177  178  179]\n  [ 180  181  182 ...  197  198  199]]\n\n [[ 200  201  202 ...  217  218  219]\n  [ 220  221  222 ...  237  238  239]\n  [ 240  241  242 ...  257  258  259]\n  ...\n  [ 340  341  342 ...  357  358  359]\n  [ 360  361  362 ...  377  378  379]\n  [ 380  381  382 ...  397  398  399]]\n\n [[ 400  401  402 ...  417  418  419]\n  [ 420  421  422 ...  437  438  439]\n  [ 440  441  442 ...  457  458  459]\n  ...\n  [ 540  541  542 ...  557  558  559]\n  [ 560  561  562 ...  577  578  579]\n  [ 580  581  582 ...  597  598  599]]\n\n ...\n\n [[1400 1401 1402 ... 1417 1418 1419]\n  [1420 1421 1422 ... 1437 1438 1439]\n  [1440 1441 1442 ... 1457 1458 1459]\n  ...\n  [1540 1541 1542 ... 1557 1558 1559]\n  [1560 1561 1562 ... 1577 1578 1579]\n  [1580 1581 1582 ... 1597 1598 1599]]\n\n [[1600 1601 1602 ... 1617 1618 1619]\n  [1620 1621 1622 ... 1637 1638 1639]\n  [1640 1641 1642 ... 1657 1658 1659]\n  ...\n  [1740 1741 1742 ... 1757 1758 1759]\n  [1760 1761 1762 ... 1777 1778 1779]\n  [1780 1781 1782 ... 1797 1798 1799]]\n\n [[1800 1801 1802 ... 1817 1818 1819]\n  [1820 1821 1822 ... 1837 1838 1839]\n  [1840 1841 1842 ... 1857 1858 1859]\n  ...\n  [1940 1941 1942 ... 1957 1958 1959]\n  [1960 1961 1962 ... 1977 1978 1979]\n  [1980 1981 1982 ... 1997 1998 1999]]]");
        check(
            arr((0..1001).map(|i| i as u8).collect(), &[1001]),
            "array([  0,   1,   2, ..., 230, 231, 232], shape=(1001,), dtype=uint8)",
            "[  0   1   2 ... 230 231 232]",
        );
        check(arr((0..1000).map(|i| i as f64).collect(), &[1000]), "array([  0.,   1.,   2.,   3.,   4.,   5.,   6.,   7.,   8.,   9.,  10.,\n        11.,  12.,  13.,  14.,  15.,  16.,  17.,  18.,  19.,  20.,  21.,\n        22.,  23.,  24.,  25.,  26.,  27.,  28.,  29.,  30.,  31.,  32.,\n        33.,  34.,  35.,  36.,  37.,  38.,  39.,  40.,  41.,  42.,  43.,\n        44.,  45.,  46.,  47.,  48.,  49.,  50.,  51.,  52.,  53.,  54.,\n        55.,  56.,  57.,  58.,  59.,  60.,  61.,  62.,  63.,  64.,  65.,\n        66.,  67.,  68.,  69.,  70.,  71.,  72.,  73.,  74.,  75.,  76.,\n        77.,  78.,  79.,  80.,  81.,  82.,  83.,  84.,  85.,  86.,  87.,\n        88.,  89.,  90.,  91.,  92.,  93.,  94.,  95.,  96.,  97.,  98.,\n        99., 100., 101., 102., 103., 104., 105., 106., 107., 108., 109.,\n       110., 111., 112., 113., 114., 115., 116., 117., 118., 119., 120.,\n       121., 122., 123., 124., 125., 126., 127., 128., 129., 130., 131.,\n       132., 133., 134., 135., 136., 137., 138., 139., 140., 141., 142.,\n       143., 144., 145., 146., 147., 148., 149., 150., 151., 152., 153.,\n       154., 155., 156., 157., 158., 159., 160., 161., 162., 163., 164.,\n       165., 166., 167., 168., 169., 170., 171., 172., 173., 174., 175.,\n       176., 177., 178., 179., 180., 181., 182., 183., 184., 185., 186.,\n       187., 188., 189., 190., 191., 192., 193., 194., 195., 196., 197.,\n       198., 199., 200., 201., 202., 203., 204., 205., 206., 207., 208.,\n       209., 210., 211., 212., 213., 214., 215., 216., 217., 218., 219.,\n       220., 221., 222., 223., 224., 225., 226., 227., 228., 229., 230.,\n       231., 232., 233., 234., 235., 236., 237., 238., 239., 240., 241.,\n       242., 243., 244., 245., 246., 247., 248., 249., 250., 251., 252.,\n       253., 254., 255., 256., 257., 258., 259., 260., 261., 262., 263.,\n       264., 265., 266., 267., 268., 269., 270., 271., 272., 273., 274.,\n       275., 276., 277., 278., 279., 280., 281., 282., 283., 284., 285.,\n       286., 287., 288., 289., 290., 291., 292., 293., 294., 295., 296.,\n       297., 298., 299., 300., 301., 302., 303., 304., 305., 306., 307.,\n       308., 309., 310., 311., 312., 313., 314., 315., 316., 317., 318.,\n       319., 320., 321., 322., 323., 324., 325., 326., 327., 328., 329.,\n       330., 331., 332., 333., 334., 335., 336., 337., 338., 339., 340.,\n       341., 342., 343., 344., 345., 346., 347., 348., 349., 350., 351.,\n       352., 353., 354., 355., 356., 357., 358., 359., 360., 361., 362.,\n       363., 364., 365., 366., 367., 368., 369., 370., 371., 372., 373.,\n       374., 375., 376., 377., 378., 379., 380., 381., 382., 383., 384.,\n       385., 386., 387., 388., 389., 390., 391., 392., 393., 394., 395.,\n       396., 397., 398., 399., 400., 401., 402., 403., 404., 405., 406.,\n       407., 408., 409., 410., 411., 412., 413., 414., 415., 416., 417.,\n       418., 419., 420., 421., 422., 423., 424., 425., 426., 427., 428.,\n       429., 430., 431., 432., 433., 434., 435., 436., 437., 438., 439.,\n       440., 441., 442., 443., 444., 445., 446., 447., 448., 449., 450.,\n       451., 452., 453., 454., 455., 456., 457., 458., 459., 460., 461.,\n       462., 463., 464., 465., 466., 467., 468., 469., 470., 471., 472.,\n       473., 474., 475., 476., 477., 478., 479., 480., 481., 482., 483.,\n       484., 485., 486., 487., 488., 489., 490., 491., 492., 493., 494.,\n       495., 496., 497., 498., 499., 500., 501., 502., 503., 504., 505.,\n       506., 507., 508., 509., 510., 511., 512., 513., 514., 515., 516.,\n       517., 518., 519., 520., 521., 522., 523., 524., 525., 526., 527.,\n       528., 529., 530., 531., 532., 533., 534., 535., 536., 537., 538.,\n       539., 540., 541., 542., 543., 544., 545., 546., 547., 548., 549.,\n       550., 551., 552., 553., 554., 555., 556., 557., 558., 559., 560.,\n       561., 562., 563., 564., 565., 566., 567., 568., 569., 570., 571.,\n       572., 573., 574., 575., 576., 577., 578., 579., 580., 581., 582.,\n       583., 584., 585., 586., 587., 588., 589., 590., 591., 592., 593.,\n       594., 595., 596., 597., 598., 599., 600., 601., 602., 603., 604.,\n       605., 606., 607., 608., 609., 610., 611., 612., 613., 614., 615.,\n       616., 617., 618., 619., 620., 621., 622., 623., 624., 625., 626.,\n       627., 628., 629., 630., 631., 632., 633., 634., 635., 636., 637.,\n       638., 639., 640., 641., 642., 643., 644., 645., 646., 647., 648.,\n       649., 650., 651., 652., 653., 654., 655., 656., 657., 658., 659.,\n       660., 661., 662., 663., 664., 665., 666., 667., 668., 669., 670.,\n       671., 672., 673., 674., 675., 676., 677., 678., 679., 680., 681.,\n       682., 683., 684., 685., 686., 687., 688., 689., 690., 691., 692.,\n       693., 694., 695., 696., 697., 698., 699., 700., 701., 702., 703.,\n       704., 705., 706., 707., 708., 709., 710., 711., 712., 713., 714.,\n       715., 716., 717., 718., 719., 720., 721., 722., 723., 724., 725.,\n       726., 727., 728., 729., 730., 731., 732., 733., 734., 735., 736.,\n       737., 738., 739., 740., 741., 742., 743., 744., 745., 746., 747.,\n       748., 749., 750., 751., 752., 753., 754., 755., 756., 757., 758.,\n       759., 760., 761., 762., 763., 764., 765., 766., 767., 768., 769.,\n       770., 771., 772., 773., 774., 775., 776., 777., 778., 779., 780.,\n       781., 782., 783., 784., 785., 786., 787., 788., 789., 790., 791.,\n       792., 793., 794., 795., 796., 797., 798., 799., 800., 801., 802.,\n       803., 804., 805., 806., 807., 808., 809., 810., 811., 812., 813.,\n       814., 815., 816., 817., 818., 819., 820., 821., 822., 823., 824.,\n       825., 826., 827., 828., 829., 830., 831., 832., 833., 834., 835.,\n       836., 837., 838., 839., 840., 841., 842., 843., 844., 845., 846.,\n       847., 848., 849., 850., 851., 852., 853., 854., 855., 856., 857.,\n       858., 859., 860., 861., 862., 863., 864., 865., 866., 867., 868.,\n       869., 870., 871., 872., 873., 874., 875., 876., 877., 878., 879.,\n       880., 881., 882., 883., 884., 885., 886., 887., 888., 889., 890.,\n       891., 892., 893., 894., 895., 896., 897., 898., 899., 900., 901.,\n       902., 903., 904., 905., 906., 907., 908., 909., 910., 911., 912.,\n       913., 914., 915., 916., 917., 918., 919., 920., 921., 922., 923.,\n       924., 925., 926., 927., 928., 929., 930., 931., 932., 933., 934.,\n       935., 936., 937., 938., 939., 940., 941., 942., 943., 944., 945.,\n       946., 947., 948., 949., 950., 951., 952., 953., 954., 955., 956.,\n       957., 958., 959., 960., 961., 962., 963., 964., 965., 966., 967.,\n       968., 969., 970., 971., 972., 973., 974., 975., 976., 977., 978.,\n       979., 980., 981., 982., 983., 984., 985., 986., 987., 988., 989.,\n       990., 991., 992., 993., 994., 995., 996., 997., 998., 999.])", "[  0.   1.   2.   3.   4.   5.   6.   7.   8.   9.  10.  11.  12.  13.\n  14.  15.  16.  17.  18.  19.  20.  21.  22.  23.  24.  25.  26.  27.\n  28.  29.  30.  31.  32.  33.  34.  35.  36.  37.  38.  39.  40.  41.\n  42.  43.  44.  45.  46.  47.  48.  49.  50.  51.  52.  53.  54.  55.\n  56.  57.  58.  59.  60.  61.  62.  63.  64.  65.  66.  67.  68.  69.\n  70.  71.  72.  73.  74.  75.  76.  77.  78.  79.  80.  81.  82.  83.\n  84.  85.  86.  87.  88.  89.  90.  91.  92.  93.  94.  95.  96.  97.\n  98.  99. 100. 101. 102. 103. 104. 105. 106. 107. 108. 109. 110. 111.\n 112. 113. 114. 115. 116. 117. 118. 119. 120. 121. 122. 123. 124. 125.\n 126. 127. 128. 129. 130. 131. 132. 133. 134. 135. 136. 137. 138. 139.\n 140. 141. 142. 143. 144. 145. 146. 147. 148. 149. 150. 151. 152. 153.\n 154. 155. 156. 157. 158. 159. 160. 161. 162. 163. 164. 165. 166. 167.\n 168. 169. 170. 171. 172. 173. 174. 175. 176. 177. 178. 179. 180. 181.\n 182. 183. 184. 185. 186. 187. 188. 189. 190. 191. 192. 193. 194. 195.\n 196. 197. 198. 199. 200. 201. 202. 203. 204. 205. 206. 207. 208. 209.\n 210. 211. 212. 213. 214. 215. 216. 217. 218. 219. 220. 221. 222. 223.\n 224. 225. 226. 227. 228. 229. 230. 231. 232. 233. 234. 235. 236. 237.\n 238. 239. 240. 241. 242. 243. 244. 245. 246. 247. 248. 249. 250. 251.\n 252. 253. 254. 255. 256. 257. 258. 259. 260. 261. 262. 263. 264. 265.\n 266. 267. 268. 269. 270. 271. 272. 273. 274. 275. 276. 277. 278. 279.\n 280. 281. 282. 283. 284. 285. 286. 287. 288. 289. 290. 291. 292. 293.\n 294. 295. 296. 297. 298. 299. 300. 301. 302. 303. 304. 305. 306. 307.\n 308. 309. 310. 311. 312. 313. 314. 315. 316. 317. 318. 319. 320. 321.\n 322. 323. 324. 325. 326. 327. 328. 329. 330. 331. 332. 333. 334. 335.\n 336. 337. 338. 339. 340. 341. 342. 343. 344. 345. 346. 347. 348. 349.\n 350. 351. 352. 353. 354. 355. 356. 357. 358. 359. 360. 361. 362. 363.\n 364. 365. 366. 367. 368. 369. 370. 371. 372. 373. 374. 375. 376. 377.\n 378. 379. 380. 381. 382. 383. 384. 385. 386. 387. 388. 389. 390. 391.\n 392. 393. 394. 395. 396. 397. 398. 399. 400. 401. 402. 403. 404. 405.\n 406. 407. 408. 409. 410. 411. 412. 413. 414. 415. 416. 417. 418. 419.\n 420. 421. 422. 423. 424. 425. 426. 427. 428. 429. 430. 431. 432. 433.\n 434. 435. 436. 437. 438. 439. 440. 441. 442. 443. 444. 445. 446. 447.\n 448. 449. 450. 451. 452. 453. 454. 455. 456. 457. 458. 459. 460. 461.\n 462. 463. 464. 465. 466. 467. 468. 469. 470. 471. 472. 473. 474. 475.\n 476. 477. 478. 479. 480. 481. 482. 483. 484. 485. 486. 487. 488. 489.\n 490. 491. 492. 493. 494. 495. 496. 497. 498. 499. 500. 501. 502. 503.\n 504. 505. 506. 507. 508. 509. 510. 511. 512. 513. 514. 515. 516. 517.\n 518. 519. 520. 521. 522. 523. 524. 525. 526. 527. 528. 529. 530. 531.\n 532. 533. 534. 535. 536. 537. 538. 539. 540. 541. 542. 543. 544. 545.\n 546. 547. 548. 549. 550. 551. 552. 553. 554. 555. 556. 557. 558. 559.\n 560. 561. 562. 563. 564. 565. 566. 567. 568. 569. 570. 571. 572. 573.\n 574. 575. 576. 577. 578. 579. 580. 581. 582. 583. 584. 585. 586. 587.\n 588. 589. 590. 591. 592. 593. 594. 595. 596. 597. 598. 599. 600. 601.\n 602. 603. 604. 605. 606. 607. 608. 609. 610. 611. 612. 613. 614. 615.\n 616. 617. 618. 619. 620. 621. 622. 623. 624. 625. 626. 627. 628. 629.\n 630. 631. 632. 633. 634. 635. 636. 637. 638. 639. 640. 641. 642. 643.\n 644. 645. 646. 647. 648. 649. 650. 651. 652. 653. 654. 655. 656. 657.\n 658. 659. 660. 661. 662. 663. 664. 665. 666. 667. 668. 669. 670. 671.\n 672. 673. 674. 675. 676. 677. 678. 679. 680. 681. 682. 683. 684. 685.\n 686. 687. 688. 689. 690. 691. 692. 693. 694. 695. 696. 697. 698. 699.\n 700. 701. 702. 703. 704. 705. 706. 707. 708. 709. 710. 711. 712. 713.\n 714. 715. 716. 717. 718. 719. 720. 721. 722. 723. 724. 725. 726. 727.\n 728. 729. 730. 731. 732. 733. 734. 735. 736. 737. 738. 739. 740. 741.\n 742. 743. 744. 745. 746. 747. 748. 749. 750. 751. 752. 753. 754. 755.\n 756. 757. 758. 759. 760. 761. 762. 763. 764. 765. 766. 767. 768. 769.\n 770. 771. 772. 773. 774. 775. 776. 777. 778. 779. 780. 781. 782. 783.\n 784. 785. 786. 787. 788. 789. 790. 791. 792. 793. 794. 795. 796. 797.\n 798. 799. 800. 801. 802. 803. 804. 805. 806. 807. 808. 809. 810. 811.\n 812. 813. 814. 815. 816. 817. 818. 819. 820. 821. 822. 823. 824. 825.\n 826. 827. 828. 829. 830. 831. 832. 833. 834. 835. 836. 837. 838. 839.\n 840. 841. 842. 843. 844. 845. 846. 847. 848. 849. 850. 851. 852. 853.\n 854. 855. 856. 857. 858. 859. 860. 861. 862. 863. 864. 865. 866. 867.\n 868. 869. 870. 871. 872. 873. 874. 875. 876. 877. 878. 879. 880. 881.\n 882. 883. 884. 885. 886. 887. 888. 889. 890. 891. 892. 893. 894. 895.\n 896. 897. 898. 899. 900. 901. 902. 903. 904. 905. 906. 907. 908. 909.\n 910. 911. 912. 913. 914. 915. 916. 917. 918. 919. 920. 921. 922. 923.\n 924. 925. 926. 927. 928. 929. 930. 931. 932. 933. 934. 935. 936. 937.\n 938. 939. 940. 941. 942. 943. 944. 945. 946. 947. 948. 949. 950. 951.\n 952. 953. 954. 955. 956. 957. 958. 959. 960. 961. 962. 963. 964. 965.\n 966. 967. 968. 969. 970. 971. 972. 973. 974. 975. 976. 977. 978. 979.\n 980. 981. 982. 983. 984. 985. 986. 987. 988. 989. 990. 991. 992. 993.\n 994. 995. 996. 997. 998. 999.]");
        check(arr((0..40).map(|i| (i - 20) * 12345i64).collect(), &[40]), "array([-246900, -234555, -222210, -209865, -197520, -185175, -172830,\n       -160485, -148140, -135795, -123450, -111105,  -98760,  -86415,\n        -74070,  -61725,  -49380,  -37035,  -24690,  -12345,       0,\n         12345,   24690,   37035,   49380,   61725,   74070,   86415,\n         98760,  111105,  123450,  135795,  148140,  160485,  172830,\n        185175,  197520,  209865,  222210,  234555])", "[-246900 -234555 -222210 -209865 -197520 -185175 -172830 -160485 -148140\n -135795 -123450 -111105  -98760  -86415  -74070  -61725  -49380  -37035\n  -24690  -12345       0   12345   24690   37035   49380   61725   74070\n   86415   98760  111105  123450  135795  148140  160485  172830  185175\n  197520  209865  222210  234555]");
        check(arr((0..25).map(|i| i as f64 / 3.0 - 4.0).collect(), &[25]), "array([-4.        , -3.66666667, -3.33333333, -3.        , -2.66666667,\n       -2.33333333, -2.        , -1.66666667, -1.33333333, -1.        ,\n       -0.66666667, -0.33333333,  0.        ,  0.33333333,  0.66666667,\n        1.        ,  1.33333333,  1.66666667,  2.        ,  2.33333333,\n        2.66666667,  3.        ,  3.33333333,  3.66666667,  4.        ])", "[-4.         -3.66666667 -3.33333333 -3.         -2.66666667 -2.33333333\n -2.         -1.66666667 -1.33333333 -1.         -0.66666667 -0.33333333\n  0.          0.33333333  0.66666667  1.          1.33333333  1.66666667\n  2.          2.33333333  2.66666667  3.          3.33333333  3.66666667\n  4.        ]");
        check(arr((0..30).map(|i| i * 1_000_000i64).collect(), &[30]), "array([       0,  1000000,  2000000,  3000000,  4000000,  5000000,\n        6000000,  7000000,  8000000,  9000000, 10000000, 11000000,\n       12000000, 13000000, 14000000, 15000000, 16000000, 17000000,\n       18000000, 19000000, 20000000, 21000000, 22000000, 23000000,\n       24000000, 25000000, 26000000, 27000000, 28000000, 29000000])", "[       0  1000000  2000000  3000000  4000000  5000000  6000000  7000000\n  8000000  9000000 10000000 11000000 12000000 13000000 14000000 15000000\n 16000000 17000000 18000000 19000000 20000000 21000000 22000000 23000000\n 24000000 25000000 26000000 27000000 28000000 29000000]");
        check(arr((0..30i64).collect(), &[2, 1, 3, 5]), "array([[[[ 0,  1,  2,  3,  4],\n         [ 5,  6,  7,  8,  9],\n         [10, 11, 12, 13, 14]]],\n\n\n       [[[15, 16, 17, 18, 19],\n         [20, 21, 22, 23, 24],\n         [25, 26, 27, 28, 29]]]])", "[[[[ 0  1  2  3  4]\n   [ 5  6  7  8  9]\n   [10 11 12 13 14]]]\n\n\n [[[15 16 17 18 19]\n   [20 21 22 23 24]\n   [25 26 27 28 29]]]]");
        check(
            arr(vec![1.0f32], &[1, 1, 1, 1]),
            "array([[[[1.]]]], dtype=float32)",
            "[[[[1.]]]]",
        );
        check(arr((0..60).map(|i| Complex32::new(i as f32 / 8.0, 1.0)).collect(), &[3, 20]), "array([[0.   +1.j, 0.125+1.j, 0.25 +1.j, 0.375+1.j, 0.5  +1.j, 0.625+1.j,\n        0.75 +1.j, 0.875+1.j, 1.   +1.j, 1.125+1.j, 1.25 +1.j, 1.375+1.j,\n        1.5  +1.j, 1.625+1.j, 1.75 +1.j, 1.875+1.j, 2.   +1.j, 2.125+1.j,\n        2.25 +1.j, 2.375+1.j],\n       [2.5  +1.j, 2.625+1.j, 2.75 +1.j, 2.875+1.j, 3.   +1.j, 3.125+1.j,\n        3.25 +1.j, 3.375+1.j, 3.5  +1.j, 3.625+1.j, 3.75 +1.j, 3.875+1.j,\n        4.   +1.j, 4.125+1.j, 4.25 +1.j, 4.375+1.j, 4.5  +1.j, 4.625+1.j,\n        4.75 +1.j, 4.875+1.j],\n       [5.   +1.j, 5.125+1.j, 5.25 +1.j, 5.375+1.j, 5.5  +1.j, 5.625+1.j,\n        5.75 +1.j, 5.875+1.j, 6.   +1.j, 6.125+1.j, 6.25 +1.j, 6.375+1.j,\n        6.5  +1.j, 6.625+1.j, 6.75 +1.j, 6.875+1.j, 7.   +1.j, 7.125+1.j,\n        7.25 +1.j, 7.375+1.j]], dtype=complex64)", "[[0.   +1.j 0.125+1.j 0.25 +1.j 0.375+1.j 0.5  +1.j 0.625+1.j 0.75 +1.j\n  0.875+1.j 1.   +1.j 1.125+1.j 1.25 +1.j 1.375+1.j 1.5  +1.j 1.625+1.j\n  1.75 +1.j 1.875+1.j 2.   +1.j 2.125+1.j 2.25 +1.j 2.375+1.j]\n [2.5  +1.j 2.625+1.j 2.75 +1.j 2.875+1.j 3.   +1.j 3.125+1.j 3.25 +1.j\n  3.375+1.j 3.5  +1.j 3.625+1.j 3.75 +1.j 3.875+1.j 4.   +1.j 4.125+1.j\n  4.25 +1.j 4.375+1.j 4.5  +1.j 4.625+1.j 4.75 +1.j 4.875+1.j]\n [5.   +1.j 5.125+1.j 5.25 +1.j 5.375+1.j 5.5  +1.j 5.625+1.j 5.75 +1.j\n  5.875+1.j 6.   +1.j 6.125+1.j 6.25 +1.j 6.375+1.j 6.5  +1.j 6.625+1.j\n  6.75 +1.j 6.875+1.j 7.   +1.j 7.125+1.j 7.25 +1.j 7.375+1.j]]");
    }

    #[test]
    fn views_follow_strides() {
        let a = arr((0..6i64).collect(), &[2, 3]).transpose(None).unwrap();
        check(
            a,
            "array([[0, 3],\n       [1, 4],\n       [2, 5]])",
            "[[0 3]\n [1 4]\n [2 5]]",
        );
        let b = arr((0..10).map(|i| i as f64).collect(), &[10]);
        let b = b
            .index(&[IndexItem::Slice {
                start: None,
                stop: None,
                step: Some(-3),
            }])
            .unwrap();
        check(b, "array([9., 6., 3., 0.])", "[9. 6. 3. 0.]");
    }

    #[test]
    fn print_options() {
        check_with(
            arr(vec![1.0 / 3.0, 2.0, -0.5], &[3]),
            &PrintOptions {
                precision: 3,
                ..PrintOptions::default()
            },
            "array([ 0.333,  2.   , -0.5  ])",
            "[ 0.333  2.    -0.5  ]",
        );
        check_with(
            arr(vec![1.0 / 3.0, 2.0, -1e-3], &[3]),
            &PrintOptions {
                precision: 3,
                ..PrintOptions::default()
            },
            "array([ 3.333e-01,  2.000e+00, -1.000e-03])",
            "[ 3.333e-01  2.000e+00 -1.000e-03]",
        );
        check_with(
            arr(vec![1.0 / 3.0, 2.0, -0.5], &[3]),
            &PrintOptions {
                precision: 0,
                ..PrintOptions::default()
            },
            "array([ 0.,  2., -0.])",
            "[ 0.  2. -0.]",
        );
        check_with(
            arr(vec![1e-10, 1.0, 123.456], &[3]),
            &PrintOptions {
                suppress: true,
                ..PrintOptions::default()
            },
            "array([  0.   ,   1.   , 123.456])",
            "[  0.      1.    123.456]",
        );
        check_with(
            arr(vec![1.0 / 3.0, 2.0, -0.5], &[3]),
            &PrintOptions {
                sign: Sign::Plus,
                ..PrintOptions::default()
            },
            "array([+0.33333333, +2.        , -0.5       ])",
            "[+0.33333333 +2.         -0.5       ]",
        );
        check_with(
            arr(vec![1.0 / 3.0, 2.0, -0.5], &[3]),
            &PrintOptions {
                sign: Sign::Space,
                ..PrintOptions::default()
            },
            "array([ 0.33333333,  2.        , -0.5       ])",
            "[ 0.33333333  2.         -0.5       ]",
        );
        check_with(
            arr(vec![1i64, -2, 3], &[3]),
            &PrintOptions {
                sign: Sign::Plus,
                ..PrintOptions::default()
            },
            "array([+1, -2, +3])",
            "[+1 -2 +3]",
        );
        check_with(
            arr(vec![1i64, 2], &[2]),
            &PrintOptions {
                sign: Sign::Space,
                ..PrintOptions::default()
            },
            "array([ 1,  2])",
            "[ 1  2]",
        );
        check_with(
            arr(vec![1.0 / 3.0, 2.0, -0.5], &[3]),
            &PrintOptions {
                floatmode: FloatMode::Fixed,
                precision: 4,
                ..PrintOptions::default()
            },
            "array([ 0.3333,  2.0000, -0.5000])",
            "[ 0.3333  2.0000 -0.5000]",
        );
        check_with(
            arr(vec![1.0 / 3.0, 2.0, -0.5], &[3]),
            &PrintOptions {
                floatmode: FloatMode::Unique,
                ..PrintOptions::default()
            },
            "array([ 0.3333333333333333,  2.                , -0.5               ])",
            "[ 0.3333333333333333  2.                 -0.5               ]",
        );
        check_with(
            arr(vec![1.0 / 3.0, 2.0, -1e-3], &[3]),
            &PrintOptions { floatmode: FloatMode::Unique, ..PrintOptions::default() },
            "array([ 3.333333333333333e-01,  2.000000000000000e+00,\n       -1.000000000000000e-03])",
            "[ 3.333333333333333e-01  2.000000000000000e+00 -1.000000000000000e-03]",
        );
        check_with(
            arr(vec![0.5, 0.25, 2.0], &[3]),
            &PrintOptions {
                floatmode: FloatMode::MaxPrecEqual,
                ..PrintOptions::default()
            },
            "array([0.50, 0.25, 2.00])",
            "[0.50 0.25 2.00]",
        );
        check_with(
            arr((0..12i64).collect(), &[12]),
            &PrintOptions {
                linewidth: 20,
                ..PrintOptions::default()
            },
            "array([ 0,  1,  2,\n        3,  4,  5,\n        6,  7,  8,\n        9, 10, 11])",
            "[ 0  1  2  3  4  5\n  6  7  8  9 10 11]",
        );
        check_with(
            arr((0..12i64).collect(), &[3, 4]),
            &PrintOptions {
                threshold: 5,
                edgeitems: 1,
                ..PrintOptions::default()
            },
            "array([[ 0, ...,  3],\n       ...,\n       [ 8, ..., 11]], shape=(3, 4))",
            "[[ 0 ...  3]\n ...\n [ 8 ... 11]]",
        );
        check_with(
            arr((0..10i64).collect(), &[10]),
            &PrintOptions {
                threshold: 5,
                edgeitems: 0,
                ..PrintOptions::default()
            },
            "array([..., 9], shape=(10,))",
            "[... 9]",
        );
        check_with(
            arr(vec![f64::NAN, f64::INFINITY, 1.5], &[3]),
            &PrintOptions {
                nanstr: "NaN".into(),
                infstr: "Inf".into(),
                ..PrintOptions::default()
            },
            "array([NaN, Inf, 1.5])",
            "[NaN Inf 1.5]",
        );
        check_with(
            arr(
                vec![Complex64::new(1.5, 2.0), Complex64::new(-0.0, -0.25)],
                &[2],
            ),
            &PrintOptions {
                floatmode: FloatMode::Fixed,
                precision: 2,
                ..PrintOptions::default()
            },
            "array([ 1.50+2.00j, -0.00-0.25j])",
            "[ 1.50+2.00j -0.00-0.25j]",
        );
    }

    #[test]
    fn format_float_functions() {
        assert_eq!(
            format_float_positional(0.1, DType::F64, &Dragon4Options::default()),
            "0.1"
        );
        assert_eq!(
            format_float_positional(
                0.125,
                DType::F64,
                &Dragon4Options {
                    precision: Some(2),
                    unique: false,
                    ..Dragon4Options::default()
                }
            ),
            "0.12"
        );
        assert_eq!(
            format_float_positional(
                0.375,
                DType::F64,
                &Dragon4Options {
                    precision: Some(2),
                    unique: false,
                    ..Dragon4Options::default()
                }
            ),
            "0.38"
        );
        assert_eq!(
            format_float_positional(
                4e-9,
                DType::F64,
                &Dragon4Options {
                    precision: Some(8),
                    ..Dragon4Options::default()
                }
            ),
            "0.00000000"
        );
        assert_eq!(
            format_float_positional(
                6e-9,
                DType::F64,
                &Dragon4Options {
                    precision: Some(8),
                    ..Dragon4Options::default()
                }
            ),
            "0.00000001"
        );
        assert_eq!(
            format_float_positional(
                1.5,
                DType::F64,
                &Dragon4Options {
                    trim: Trim::DptZeros,
                    pad_left: Some(4),
                    pad_right: Some(3),
                    ..Dragon4Options::default()
                }
            ),
            "   1.5  "
        );
        assert_eq!(
            format_float_positional(
                2.0,
                DType::F64,
                &Dragon4Options {
                    trim: Trim::DptZeros,
                    pad_right: Some(2),
                    ..Dragon4Options::default()
                }
            ),
            "2   "
        );
        assert_eq!(
            format_float_positional(
                2.0,
                DType::F64,
                &Dragon4Options {
                    trim: Trim::LeaveOneZero,
                    ..Dragon4Options::default()
                }
            ),
            "2.0"
        );
        assert_eq!(
            format_float_positional(
                0.1,
                DType::F64,
                &Dragon4Options {
                    min_digits: Some(5),
                    sign: true,
                    ..Dragon4Options::default()
                }
            ),
            "+0.10000"
        );
        assert_eq!(
            format_float_positional(
                0.1f32 as f64,
                DType::F32,
                &Dragon4Options {
                    min_digits: Some(12),
                    ..Dragon4Options::default()
                }
            ),
            "0.100000001490"
        );
        assert_eq!(
            format_float_positional(
                f16::from_f32(0.1).to_f64(),
                DType::F16,
                &Dragon4Options::default()
            ),
            "0.1"
        );
        assert_eq!(
            format_float_positional(1e22, DType::F64, &Dragon4Options::default()),
            "10000000000000000000000."
        );
        assert_eq!(format_float_positional(5e-324, DType::F64, &Dragon4Options::default()), "0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000005");
        assert_eq!(
            format_float_scientific(0.1, DType::F64, &Dragon4Options::default()),
            "1.e-01"
        );
        assert_eq!(
            format_float_scientific(
                123456.0,
                DType::F64,
                &Dragon4Options {
                    precision: Some(2),
                    unique: false,
                    ..Dragon4Options::default()
                }
            ),
            "1.23e+05"
        );
        assert_eq!(
            format_float_scientific(
                9.9999,
                DType::F64,
                &Dragon4Options {
                    precision: Some(2),
                    ..Dragon4Options::default()
                }
            ),
            "1.e+01"
        );
        assert_eq!(
            format_float_scientific(
                1e-300,
                DType::F64,
                &Dragon4Options {
                    exp_digits: Some(4),
                    pad_left: Some(3),
                    trim: Trim::DptZeros,
                    ..Dragon4Options::default()
                }
            ),
            "  1e-0300"
        );
        assert_eq!(
            format_float_scientific(
                f32::MAX as f64,
                DType::F32,
                &Dragon4Options {
                    min_digits: Some(10),
                    ..Dragon4Options::default()
                }
            ),
            "3.4028234664e+38"
        );
        assert_eq!(
            format_float_scientific(
                f64::NEG_INFINITY,
                DType::F64,
                &Dragon4Options {
                    sign: true,
                    ..Dragon4Options::default()
                }
            ),
            "-inf"
        );
        assert_eq!(
            format_float_positional(f64::NAN, DType::F64, &Dragon4Options::default()),
            "nan"
        );
    }
}
