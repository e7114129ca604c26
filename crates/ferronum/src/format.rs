//! NumPy 2.x printing: `repr(a)`, `str(a)`, `np.array2string` and the reprs of scalars,
//! character for character under NumPy's default print options (and the common non-default
//! ones: precision, threshold, edgeitems, linewidth, suppress, nanstr, infstr, sign, floatmode).
//!
//! Floats follow NumPy's Dragon4 printer exactly: digits come from the exact decimal expansion of
//! the binary value, the "unique" mode stops at the shortest digits that round-trip through the
//! value's own type (float16, float32 or float64), and cutoffs round half to even.

use crate::array::Array;
use crate::dtype::{DType, Kind, Wide};
use half::f16;
use std::cmp::Ordering;

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

/// NumPy's print options (`np.set_printoptions`), `legacy=False`.
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
    let prefix = "array(";
    let lst = array2string(a, opts, ", ", prefix, ")");
    let mut extras = Vec::new();
    if (a.size() == 0 && a.shape() != [0]) || a.size() > opts.threshold {
        extras.push(format!("shape={}", shape_repr(a.shape())));
    }
    if !dtype_is_implied(a.dtype()) || a.size() == 0 {
        extras.push(format!("dtype={}", a.dtype().name()));
    }
    if extras.is_empty() {
        return format!("{prefix}{lst})");
    }
    let arr_str = format!("{prefix}{lst},");
    let extra_str = extras.join(", ") + ")";
    let last_line = arr_str.rsplit('\n').next().unwrap_or("");
    let spacer = if width(last_line) + width(&extra_str) + 1 > opts.linewidth {
        format!("\n{}", " ".repeat(width(prefix)))
    } else {
        " ".to_string()
    };
    arr_str + &spacer + &extra_str
}

/// NumPy's `str(a)` under the given print options. A 0-d array prints as its scalar does.
pub fn str_with(a: &Array, opts: &PrintOptions) -> String {
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
pub fn array2string(a: &Array, opts: &PrintOptions, separator: &str, prefix: &str, suffix: &str) -> String {
    if a.size() == 0 {
        return "[]".to_string();
    }
    let line_width = to_isize(opts.linewidth) - to_isize(width(suffix));
    let summarize = a.size() > opts.threshold;
    let data = if summarize { displayed_elements(a, opts.edgeitems) } else { a.to_wide_vec() };
    let fmt = ElemFormat::new(&data, a.dtype(), a.ndim() == 0, opts);
    let next_line_prefix = " ".repeat(1 + width(prefix));
    let walker = Walker { a, fmt: &fmt, separator, edge_items: opts.edgeitems, summarize };
    let mut index = Vec::with_capacity(a.ndim());
    walker.recurse(&mut index, &next_line_prefix, line_width)
}

/// `str(x)` of a NumPy scalar of type `dtype`: `3`, `0.5`, `1e+16`, `True`, `(1+2j)`.
pub fn scalar_str(v: Wide, dtype: DType) -> String {
    match dtype.kind() {
        Kind::Bool => if wide_bool(v) { "True" } else { "False" }.to_string(),
        Kind::Int | Kind::Uint => wide_int(v).to_string(),
        Kind::Float => float_scalar_either(v.to_f64(), float_ty(dtype), Trim::LeaveOneZero, Trim::DptZeros, false),
        Kind::Complex => {
            let (re, im) = wide_complex(v);
            complex_scalar_str(re, im, float_ty(dtype))
        }
    }
}

/// `repr(x)` of a NumPy 2 scalar: `np.float64(0.5)`, `np.int8(3)`, `np.True_`, `np.complex128(1+2j)`.
pub fn scalar_repr(v: Wide, dtype: DType) -> String {
    match dtype.kind() {
        Kind::Bool => if wide_bool(v) { "np.True_" } else { "np.False_" }.to_string(),
        Kind::Complex => {
            let s = scalar_str(v, dtype);
            let inner = s.strip_prefix('(').and_then(|t| t.strip_suffix(')')).unwrap_or(&s);
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

fn shape_repr(shape: &[usize]) -> String {
    match shape {
        [n] => format!("({n},)"),
        _ => format!("({})", shape.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")),
    }
}

/// Dtypes whose repr NumPy leaves out (`int_`, `float64`, `complex128`, `bool`).
fn dtype_is_implied(dt: DType) -> bool {
    matches!(dt, DType::I64 | DType::F64 | DType::C128 | DType::Bool)
}

fn wide_bool(w: Wide) -> bool {
    match w {
        Wide::Bool(b) => b,
        Wide::I(v) => v != 0,
        Wide::U(v) => v != 0,
        Wide::F(v) => v != 0.0,
        Wide::C(re, im) => re != 0.0 || im != 0.0,
    }
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
        Dec { digits: Vec::new(), exp: 0 }
    }

    fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    /// The digit of weight 10^pos.
    fn digit_at(&self, pos: i64) -> u8 {
        if pos > self.exp {
            return 0;
        }
        usize::try_from(self.exp - pos).ok().and_then(|i| self.digits.get(i).copied()).unwrap_or(0)
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
            return Dec { digits: vec![1], exp: k };
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
        let s = if i == 0 { c.to_string() } else { format!("{c:09}") };
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
        let mut e = Expansion { digits: Vec::new(), exp: 0, rest: Vec::new(), shift: 0, exhausted: true };
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
        let (int, frac) = if shift >= 64 { (0, m) } else { (m >> shift, m & ((1u64 << shift) - 1)) };
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
        usize::try_from(self.exp - pos).ok().and_then(|i| self.digits.get(i).copied()).unwrap_or(0)
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
        (frac | (1u64 << mant_bits), e - bias - mant_bits as i64, frac == 0 && e > 1)
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
            (Expansion::new(4 * m - 1, q - 2), Expansion::new(2 * m + 1, q - 1))
        } else {
            (Expansion::new(2 * m - 1, q - 1), Expansion::new(2 * m + 1, q - 1))
        };
        (lo, hi, m % 2 == 0)
    });
    // Dragon4's `low` (the digits so far, rounded down, stay in the interval) and `high` (rounded
    // up, they do) after the digit of weight 10^k.
    let low_high = |v: &mut Expansion, k: i64, lo: &mut Expansion, hi: &mut Expansion, even: bool| {
        let n = usize::try_from(start - k + 1).unwrap_or(0);
        let t = Dec::normalized((0..n).map(|i| v.digit_at(start - i as i64)).collect(), start);
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
    let cut = Cut { sci: false, precision: o.precision, min_digits: o.min_digits, unique: o.unique };
    let (digits, pe) = gen_digits(x, ty, &cut);
    let n = digits.len() as i64;
    let (int_part, mut frac, whole) = if pe >= 0 {
        let w = pe + 1;
        if n <= w {
            let zeros = "0".repeat(usize::try_from(w - n).unwrap_or(0));
            (digit_string(&digits) + &zeros, String::new(), w)
        } else {
            let w_us = w as usize;
            (digit_string(&digits[..w_us]), digit_string(&digits[w_us..]), w)
        }
    } else {
        let zeros = "0".repeat(usize::try_from(-(pe + 1)).unwrap_or(0));
        ("0".to_string(), zeros + &digit_string(&digits), 1)
    };
    let mut dot = o.trim != Trim::DptZeros || !frac.is_empty();
    let add = if o.unique { o.min_digits } else { o.precision }.unwrap_or(0).min(MAX_DIGITS);
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
    let cut = Cut { sci: true, precision: o.precision, min_digits: o.min_digits, unique: o.unique };
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
    let add = if o.unique { o.min_digits } else { o.precision }.unwrap_or(0).min(MAX_DIGITS);
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
    let mut e = if ae == 0 { String::new() } else { ae.to_string() };
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
    let o = Dragon4Options { unique: true, sign, ..Dragon4Options::default() };
    if positional {
        dragon4_positional(x, ty, &Dragon4Options { trim: trim_pos, ..o })
    } else {
        dragon4_scientific(x, ty, &Dragon4Options { trim: trim_sci, ..o })
    }
}

fn complex_scalar_str(re: f64, im: f64, ty: FloatTy) -> String {
    let either = |v: f64, sign: bool| float_scalar_either(v, ty, Trim::DptZeros, Trim::DptZeros, sign);
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
/// NumPy does (its comparisons and ratio happen in float16/float32 for those types).
fn needs_exp_format(max: f64, min: f64, ty: FloatTy, suppress: bool) -> bool {
    let (big, small, ratio) = match ty {
        FloatTy::F64 => (max >= 1e8, min < 1e-4, max / min > 1000.0),
        FloatTy::F32 => {
            let (mx, mn) = (max as f32, min as f32);
            (mx >= 1e6, mn < 1e-4f32, mx / mn > 1000.0f32)
        }
        FloatTy::F16 => {
            let (mx, mn) = (f16::from_f64(max), f16::from_f64(min));
            let ratio = f16::from_f32(mx.to_f32() / mn.to_f32());
            (max >= 1e3, mn.to_f32() < f16::from_f64(1e-4).to_f32(), ratio.to_f32() > 1000.0)
        }
    };
    big || (!suppress && (small || ratio))
}

impl FloatFormat {
    fn new(data: &[f64], ty: FloatTy, opts: &PrintOptions, sign: Sign) -> FloatFormat {
        let mode = opts.floatmode;
        let mut f = FloatFormat {
            ty,
            exp_format: false,
            precision: if mode == FloatMode::Unique { None } else { Some(opts.precision.min(MAX_DIGITS)) },
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
            f.exp_format = needs_exp_format(max, min, ty, opts.suppress);
        }
        let (trim, unique) = if mode == FloatMode::Fixed { (Trim::Keep, false) } else { (Trim::Zeros, true) };
        let first = Dragon4Options {
            precision: f.precision,
            min_digits: None,
            unique,
            trim,
            sign: sign == Sign::Plus,
            pad_left: None,
            pad_right: None,
            exp_digits: None,
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
            f.pad_left = int_w;
            f.pad_right = exp_w.saturating_sub(1) + 2 + frac_w;
        } else {
            let (mut int_w, mut frac_w) = (0, 0);
            for &x in &finite {
                let s = dragon4_positional(x, ty, &first);
                let (int_part, frac_part) = s.split_once('.').unwrap_or((&s, ""));
                int_w = int_w.max(width(int_part));
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
        if sign == Sign::Space && !finite.iter().any(|x| x.is_sign_negative()) {
            f.pad_left += 1;
        }
        if data.len() != finite.len() {
            let neginf = sign != Sign::Minus || data.iter().any(|&x| x == f64::NEG_INFINITY);
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
            pad_right: if self.exp_format { None } else { Some(self.pad_right) },
            exp_digits: self.exp_size,
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
    Bool { truestr: &'static str },
    Int { width: usize, sign: Sign },
    Float(FloatFormat),
    Complex(Box<(FloatFormat, FloatFormat)>),
}

impl ElemFormat {
    fn new(data: &[Wide], dtype: DType, zero_d: bool, opts: &PrintOptions) -> ElemFormat {
        match dtype.kind() {
            Kind::Bool => ElemFormat::Bool { truestr: if zero_d { "True" } else { " True" } },
            Kind::Int | Kind::Uint => {
                let mut sign = opts.sign;
                let vals = data.iter().map(|&w| wide_int(w));
                let (max, min) = vals.fold((None, None), |(mx, mn): (Option<i128>, Option<i128>), v| {
                    (Some(mx.map_or(v, |m| m.max(v))), Some(mn.map_or(v, |m| m.min(v))))
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
                ElemFormat::Float(FloatFormat::new(&vals, float_ty(dtype), opts, opts.sign))
            }
            Kind::Complex => {
                let (re, im): (Vec<f64>, Vec<f64>) = data.iter().map(|&w| wide_complex(w)).unzip();
                let ty = float_ty(dtype);
                let r = FloatFormat::new(&re, ty, opts, opts.sign);
                let i = FloatFormat::new(&im, ty, opts, Sign::Plus);
                ElemFormat::Complex(Box::new((r, i)))
            }
        }
    }

    fn format(&self, w: Wide) -> String {
        match self {
            ElemFormat::Bool { truestr } => if wide_bool(w) { truestr } else { "False" }.to_string(),
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
}

/// NumPy's `_extendLine`: appends `word`, first wrapping when it would overflow `line_width`.
fn extend_line(s: &mut String, line: &mut String, word: &str, line_width: isize, next_line_prefix: &str) {
    let needs_wrap = to_isize(width(line) + width(word)) > line_width && width(line) > width(next_line_prefix);
    if needs_wrap {
        s.push_str(line.trim_end());
        s.push('\n');
        *line = next_line_prefix.to_string();
    }
    line.push_str(word);
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
        let next_hanging = format!("{hanging_indent} ");
        let next_width = curr_width - 1;
        let a_len = shape[axis];
        let show_summary = self.summarize && self.edge_items.saturating_mul(2) < a_len;
        let (leading, trailing) = if show_summary { (self.edge_items, self.edge_items) } else { (0, a_len) };
        let child = |index: &mut Vec<usize>, i: usize| {
            index.push(i);
            let s = self.recurse(index, &next_hanging, next_width);
            index.pop();
            s
        };
        let mut s = String::new();
        if axes_left == 1 {
            let sep_w = width(self.separator.trim_end()).max(1);
            let elem_width = curr_width - to_isize(sep_w);
            let mut line = hanging_indent.to_string();
            for i in 0..leading {
                let word = child(index, i);
                extend_line(&mut s, &mut line, &word, elem_width, hanging_indent);
                line.push_str(self.separator);
            }
            if show_summary {
                extend_line(&mut s, &mut line, "...", elem_width, hanging_indent);
                line.push_str(self.separator);
            }
            for i in (2..=trailing).rev() {
                let word = child(index, a_len - i);
                extend_line(&mut s, &mut line, &word, elem_width, hanging_indent);
                line.push_str(self.separator);
            }
            let word = child(index, a_len - 1);
            extend_line(&mut s, &mut line, &word, elem_width, hanging_indent);
            s.push_str(&line);
        } else {
            let line_sep = format!("{}{}", self.separator.trim_end(), "\n".repeat(axes_left - 1));
            for i in 0..leading {
                let nested = child(index, i);
                s.push_str(hanging_indent);
                s.push_str(&nested);
                s.push_str(&line_sep);
            }
            if show_summary {
                s.push_str(hanging_indent);
                s.push_str("...");
                s.push_str(&line_sep);
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

#[cfg(test)]
mod fuzz_tmp {
    use super::*;
    use crate::{Complex32, Complex64};

    fn unesc(s: &str) -> String {
        let mut out = String::new();
        let mut it = s.chars();
        while let Some(c) = it.next() {
            if c == '\\' {
                match it.next() {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some(c) => out.push(c),
                    None => {}
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    fn build(dt: &str, shape: &[usize], vals: &str) -> Array {
        let v: Vec<&str> = if vals.is_empty() { vec![] } else { vals.split(',').collect() };
        let hx = |s: &str| u64::from_str_radix(s, 16).unwrap();
        match dt {
            "bool" => Array::from_vec(v.iter().map(|s| *s == "1").collect::<Vec<bool>>(), shape),
            "int8" => Array::from_vec(v.iter().map(|s| s.parse().unwrap()).collect::<Vec<i8>>(), shape),
            "uint8" => Array::from_vec(v.iter().map(|s| s.parse().unwrap()).collect::<Vec<u8>>(), shape),
            "int16" => Array::from_vec(v.iter().map(|s| s.parse().unwrap()).collect::<Vec<i16>>(), shape),
            "uint16" => Array::from_vec(v.iter().map(|s| s.parse().unwrap()).collect::<Vec<u16>>(), shape),
            "int32" => Array::from_vec(v.iter().map(|s| s.parse().unwrap()).collect::<Vec<i32>>(), shape),
            "uint32" => Array::from_vec(v.iter().map(|s| s.parse().unwrap()).collect::<Vec<u32>>(), shape),
            "int64" => Array::from_vec(v.iter().map(|s| s.parse().unwrap()).collect::<Vec<i64>>(), shape),
            "uint64" => Array::from_vec(v.iter().map(|s| s.parse().unwrap()).collect::<Vec<u64>>(), shape),
            "float16" => Array::from_vec(v.iter().map(|s| f16::from_bits(hx(s) as u16)).collect::<Vec<f16>>(), shape),
            "float32" => Array::from_vec(v.iter().map(|s| f32::from_bits(hx(s) as u32)).collect::<Vec<f32>>(), shape),
            "float64" => Array::from_vec(v.iter().map(|s| f64::from_bits(hx(s))).collect::<Vec<f64>>(), shape),
            "complex64" => Array::from_vec(
                v.iter()
                    .map(|s| {
                        let (a, b) = s.split_once(':').unwrap();
                        Complex32::new(f32::from_bits(hx(a) as u32), f32::from_bits(hx(b) as u32))
                    })
                    .collect::<Vec<_>>(),
                shape,
            ),
            "complex128" => Array::from_vec(
                v.iter()
                    .map(|s| {
                        let (a, b) = s.split_once(':').unwrap();
                        Complex64::new(f64::from_bits(hx(a)), f64::from_bits(hx(b)))
                    })
                    .collect::<Vec<_>>(),
                shape,
            ),
            _ => panic!("{dt}"),
        }
        .unwrap()
    }

    #[test]
    #[ignore]
    fn fuzz_cases() {
        let path = std::env::var("FMT_CASES").unwrap();
        let text = std::fs::read_to_string(path).unwrap();
        let (mut bad, mut total) = (0, 0);
        for line in text.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            let shape: Vec<usize> = if f[1].is_empty() { vec![] } else { f[1].split(',').map(|s| s.parse().unwrap()).collect() };
            let a = build(f[0], &shape, f[2]);
            let mut o = PrintOptions::default();
            for kv in f[3].split(';') {
                let (k, v) = kv.split_once('=').unwrap();
                match k {
                    "precision" => o.precision = v.parse().unwrap(),
                    "threshold" => o.threshold = v.parse().unwrap(),
                    "edgeitems" => o.edgeitems = v.parse().unwrap(),
                    "linewidth" => o.linewidth = v.parse().unwrap(),
                    "suppress" => o.suppress = v == "True",
                    "sign" => o.sign = match v { "+" => Sign::Plus, " " => Sign::Space, _ => Sign::Minus },
                    "floatmode" => o.floatmode = match v { "fixed" => FloatMode::Fixed, "unique" => FloatMode::Unique, "maxprec_equal" => FloatMode::MaxPrecEqual, _ => FloatMode::MaxPrec },
                    "nanstr" => o.nanstr = v.to_string(),
                    "infstr" => o.infstr = v.to_string(),
                    _ => {}
                }
            }
            total += 1;
            let got = [repr_with(&a, &o), str_with(&a, &o)];
            let mut want = vec![unesc(f[4]), unesc(f[5])];
            let mut gotv = got.to_vec();
            if a.size() > 0 {
                let w = a.to_wide_vec()[0];
                gotv.push(scalar_repr(w, a.dtype()));
                gotv.push(scalar_str(w, a.dtype()));
                want.push(unesc(f[6]));
                want.push(unesc(f[7]));
            }
            if gotv != want {
                bad += 1;
                if bad <= 15 {
                    eprintln!("---- {} {:?} opts {}", f[0], shape, f[3]);
                    for (g, w) in gotv.iter().zip(&want) {
                        if g != w {
                            eprintln!("want:\n{w}\ngot:\n{g}");
                        }
                    }
                }
            }
        }
        eprintln!("{bad} / {total} mismatches");
        assert_eq!(bad, 0);
    }
}

#[cfg(test)]
mod fuzz_tmp2 {
    use super::*;
    #[test]
    #[ignore]
    fn fuzz_ff() {
        let text = std::fs::read_to_string("/tmp/fmt/ff.txt").unwrap();
        let mut bad = 0;
        for line in text.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            let b = u64::from_str_radix(f[1], 16).unwrap();
            let (x, dt) = match f[0] {
                "float16" => (f16::from_bits(b as u16).to_f64(), DType::F16),
                "float32" => (f32::from_bits(b as u32) as f64, DType::F32),
                _ => (f64::from_bits(b), DType::F64),
            };
            let o_ = |s: &str| if s.is_empty() { None } else { Some(s.parse::<usize>().unwrap()) };
            let sci = f[2] == "1";
            let o = Dragon4Options {
                precision: o_(f[3]),
                unique: f[4] == "1",
                trim: match f[5] { "k" => Trim::Keep, "." => Trim::Zeros, "0" => Trim::LeaveOneZero, _ => Trim::DptZeros },
                sign: f[6] == "1",
                pad_left: o_(f[7]),
                pad_right: if sci { None } else { o_(f[8]) },
                exp_digits: if sci { o_(f[8]) } else { None },
                min_digits: o_(f[9]),
            };
            let got = if sci { format_float_scientific(x, dt, &o) } else { format_float_positional(x, dt, &o) };
            if got != f[10] {
                bad += 1;
                if bad < 20 { eprintln!("{line}\n  got {got:?}"); }
            }
        }
        eprintln!("{bad} mismatches of {}", text.lines().count());
        assert_eq!(bad, 0);
    }
}

#[cfg(test)]
mod perf_tmp {
    use super::*;
    #[test]
    #[ignore]
    fn perf() {
        let v: Vec<f64> = (0..1000).map(|i| (i as f64 + 0.5) / 7.0 * 1e-300).collect();
        let a = Array::from_vec(v, &[1000]).unwrap();
        let t = std::time::Instant::now();
        let s = repr(&a);
        eprintln!("tiny 1000: {:?} {}", t.elapsed(), s.len());
        let v: Vec<f64> = (0..1000).map(|i| (i as f64 + 0.5) / 7.0).collect();
        let a = Array::from_vec(v, &[1000]).unwrap();
        let t = std::time::Instant::now();
        let s = repr(&a);
        eprintln!("normal 1000: {:?} {}", t.elapsed(), s.len());
        let v: Vec<f64> = (0..1000).map(|i| (i as f64 + 0.5) / 7.0 * 1e300).collect();
        let a = Array::from_vec(v, &[1000]).unwrap();
        let t = std::time::Instant::now();
        let s = repr(&a);
        eprintln!("huge 1000: {:?} {}", t.elapsed(), s.len());
        let v: Vec<f64> = (0..1000).map(|i| f64::from_bits(i * 7919 + 1)).collect();
        let a = Array::from_vec(v, &[1000]).unwrap();
        let t = std::time::Instant::now();
        let s = repr(&a);
        eprintln!("subnormal 1000: {:?} {}", t.elapsed(), s.len());
        let a = Array::zeros(&[1000, 1000, 10], DType::F32).unwrap();
        let t = std::time::Instant::now();
        let s = repr(&a);
        eprintln!("big: {:?} {}", t.elapsed(), s.len());
    }
}
