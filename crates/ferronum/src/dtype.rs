//! The 13 dtypes, the `Element` trait that ties each to its Rust type, NumPy's casting table and
//! NEP 50 promotion (Python scalars are "weak": they take the array's dtype when the kind allows).

use crate::error::{Error, Result};
use half::f16;
use num_complex::{Complex32, Complex64};
use std::fmt;

/// A runtime element type. The order is NumPy's type-number order, which is also the order in
/// which ufunc loops are searched, so `DType::ALL` doubles as the loop-search order.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DType {
    Bool,
    I8,
    U8,
    I16,
    U16,
    I32,
    U32,
    I64,
    U64,
    F16,
    F32,
    F64,
    C64,
    C128,
}

/// The kind of a value, NumPy's `dtype.kind` collapsed to what promotion needs.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Bool,
    Int,
    Uint,
    Float,
    Complex,
}

impl DType {
    pub const ALL: [DType; 14] = [
        DType::Bool,
        DType::I8,
        DType::U8,
        DType::I16,
        DType::U16,
        DType::I32,
        DType::U32,
        DType::I64,
        DType::U64,
        DType::F16,
        DType::F32,
        DType::F64,
        DType::C64,
        DType::C128,
    ];

    pub fn itemsize(self) -> usize {
        match self {
            DType::Bool | DType::I8 | DType::U8 => 1,
            DType::I16 | DType::U16 | DType::F16 => 2,
            DType::I32 | DType::U32 | DType::F32 => 4,
            DType::I64 | DType::U64 | DType::F64 | DType::C64 => 8,
            DType::C128 => 16,
        }
    }

    pub fn kind(self) -> Kind {
        match self {
            DType::Bool => Kind::Bool,
            DType::I8 | DType::I16 | DType::I32 | DType::I64 => Kind::Int,
            DType::U8 | DType::U16 | DType::U32 | DType::U64 => Kind::Uint,
            DType::F16 | DType::F32 | DType::F64 => Kind::Float,
            DType::C64 | DType::C128 => Kind::Complex,
        }
    }

    /// NumPy's name: `dtype(name)` gives this dtype back.
    pub fn name(self) -> &'static str {
        match self {
            DType::Bool => "bool",
            DType::I8 => "int8",
            DType::U8 => "uint8",
            DType::I16 => "int16",
            DType::U16 => "uint16",
            DType::I32 => "int32",
            DType::U32 => "uint32",
            DType::I64 => "int64",
            DType::U64 => "uint64",
            DType::F16 => "float16",
            DType::F32 => "float32",
            DType::F64 => "float64",
            DType::C64 => "complex64",
            DType::C128 => "complex128",
        }
    }

    pub fn from_name(name: &str) -> Result<DType> {
        DType::ALL
            .iter()
            .copied()
            .find(|d| d.name() == name)
            .ok_or_else(|| Error::Type(format!("data type '{name}' not understood")))
    }

    /// The signed integer type of an unsigned one's width (else the type itself): loops whose
    /// bits do not depend on the sign (wrapping add, bitwise and, equality) are compiled once
    /// per width and run on both.
    pub fn signed_twin(self) -> DType {
        match self {
            DType::U8 => DType::I8,
            DType::U16 => DType::I16,
            DType::U32 => DType::I32,
            DType::U64 => DType::I64,
            t => t,
        }
    }

    pub fn is_float(self) -> bool {
        self.kind() == Kind::Float
    }
    pub fn is_complex(self) -> bool {
        self.kind() == Kind::Complex
    }
    pub fn is_integer(self) -> bool {
        matches!(self.kind(), Kind::Int | Kind::Uint)
    }
    pub fn is_inexact(self) -> bool {
        matches!(self.kind(), Kind::Float | Kind::Complex)
    }

    /// The largest finite magnitude of the type (of a part, for complex types).
    pub fn max_finite(self) -> f64 {
        match self {
            DType::Bool => 1.0,
            DType::I8 => i8::MAX as f64,
            DType::U8 => u8::MAX as f64,
            DType::I16 => i16::MAX as f64,
            DType::U16 => u16::MAX as f64,
            DType::I32 => i32::MAX as f64,
            DType::U32 => u32::MAX as f64,
            DType::I64 => i64::MAX as f64,
            DType::U64 => u64::MAX as f64,
            DType::F16 => half::f16::MAX.to_f64(),
            DType::F32 | DType::C64 => f32::MAX as f64,
            DType::F64 | DType::C128 => f64::MAX,
        }
    }

    /// For complex types, the real type of their parts; other types are their own real type.
    pub fn real(self) -> DType {
        match self {
            DType::C64 => DType::F32,
            DType::C128 => DType::F64,
            d => d,
        }
    }

    /// NumPy's `can_cast(self, to, casting='safe')`.
    pub fn can_cast_safe(self, to: DType) -> bool {
        use DType::*;
        if self == to || self == Bool {
            return true;
        }
        let bits = |d: DType| d.itemsize() * 8;
        match (self.kind(), to.kind()) {
            (_, Kind::Bool) => false,
            (Kind::Int, Kind::Int) | (Kind::Uint, Kind::Uint) => bits(to) >= bits(self),
            (Kind::Uint, Kind::Int) => bits(to) > bits(self),
            (Kind::Int, Kind::Uint) => false,
            // An integer fits a float when the float's mantissa holds every value of it.
            (Kind::Int | Kind::Uint, Kind::Float) => match to {
                F16 => bits(self) <= 8,
                F32 => bits(self) <= 16,
                _ => true,
            },
            (Kind::Int | Kind::Uint, Kind::Complex) => match to {
                C64 => bits(self) <= 16,
                _ => true,
            },
            (Kind::Float, Kind::Float) => bits(to) >= bits(self),
            (Kind::Float, Kind::Complex) => bits(to) >= 2 * bits(self),
            (Kind::Complex, Kind::Complex) => bits(to) >= bits(self),
            _ => false,
        }
    }

    /// NumPy's `can_cast(self, to, casting='same_kind')`.
    pub fn can_cast_same_kind(self, to: DType) -> bool {
        if self.can_cast_safe(to) {
            return true;
        }
        // Kinds ordered b < u < i < f < c; a same-kind cast never goes down that order.
        let rank = |k: Kind| match k {
            Kind::Bool => 0,
            Kind::Uint => 1,
            Kind::Int => 2,
            Kind::Float => 3,
            Kind::Complex => 4,
        };
        rank(self.kind()) <= rank(to.kind())
    }
}

impl fmt::Display for DType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// NumPy's `promote_types(a, b)`: the smallest dtype both cast to safely.
pub fn promote(a: DType, b: DType) -> DType {
    if a == b {
        return a;
    }
    DType::ALL
        .iter()
        .copied()
        .find(|&t| a.can_cast_safe(t) && b.can_cast_safe(t))
        // int64 with uint64 has no integer home: NumPy gives float64, which the search finds.
        .unwrap_or(DType::F64)
}

/// A Python scalar operand, "weak" under NEP 50.
#[derive(Copy, Clone, Debug, PartialEq)]
pub enum Scalar {
    Bool(bool),
    Int(i128),
    Float(f64),
    Complex(f64, f64),
}

impl Scalar {
    /// Python's truth of the number (NaN is true).
    pub fn is_true(self) -> bool {
        match self {
            Scalar::Bool(b) => b,
            Scalar::Int(v) => v != 0,
            Scalar::Float(v) => v != 0.0,
            Scalar::Complex(re, im) => re != 0.0 || im != 0.0,
        }
    }

    pub fn kind(self) -> Kind {
        match self {
            Scalar::Bool(_) => Kind::Bool,
            Scalar::Int(_) => Kind::Int,
            Scalar::Float(_) => Kind::Float,
            Scalar::Complex(..) => Kind::Complex,
        }
    }

    /// The dtype a weak scalar takes next to an array of dtype `other` (NEP 50).
    pub fn weak_dtype(self, other: DType) -> DType {
        match (self.kind(), other.kind()) {
            (Kind::Bool, _) => other,
            (Kind::Int, Kind::Bool) => DType::I64,
            (Kind::Int | Kind::Uint, _) => other,
            (Kind::Float, Kind::Bool | Kind::Int | Kind::Uint) => DType::F64,
            (Kind::Float, _) => other,
            (Kind::Complex, Kind::Complex) => other,
            (Kind::Complex, Kind::Float) => match other {
                DType::F64 => DType::C128,
                _ => DType::C64,
            },
            (Kind::Complex, _) => DType::C128,
        }
    }

    /// The dtype of the scalar on its own (`np.asarray(3)` is int64).
    pub fn default_dtype(self) -> DType {
        match self {
            Scalar::Bool(_) => DType::Bool,
            Scalar::Int(v) if v > i64::MAX as i128 => DType::U64,
            Scalar::Int(_) => DType::I64,
            Scalar::Float(_) => DType::F64,
            Scalar::Complex(..) => DType::C128,
        }
    }

    /// Checks that a Python int fits the integer dtype it was made weak to, as NumPy 2 does.
    pub fn check_fits(self, dt: DType) -> Result<()> {
        if let Scalar::Int(v) = self {
            let (lo, hi): (i128, i128) = match dt {
                DType::I8 => (i8::MIN as i128, i8::MAX as i128),
                DType::U8 => (0, u8::MAX as i128),
                DType::I16 => (i16::MIN as i128, i16::MAX as i128),
                DType::U16 => (0, u16::MAX as i128),
                DType::I32 => (i32::MIN as i128, i32::MAX as i128),
                DType::U32 => (0, u32::MAX as i128),
                DType::I64 => (i64::MIN as i128, i64::MAX as i128),
                DType::U64 => (0, u64::MAX as i128),
                _ => return Ok(()),
            };
            if v < lo || v > hi {
                return Err(Error::Overflow(format!(
                    "Python integer {v} out of bounds for {}",
                    dt.name()
                )));
            }
        }
        Ok(())
    }

    /// Checks that the number can be stored in dtype `d` as NumPy stores a Python number
    /// (`a[...] = v`, `fill`, `full`): an int must fit (OverflowError); a complex needs a
    /// complex or bool dtype (Python's `int()`/`float()` refuse it); NaN and infinity cannot
    /// become integers.
    pub fn check_settable(self, d: DType) -> Result<()> {
        self.check_fits(d)?;
        match self {
            Scalar::Complex(..) if d.is_float() || d.is_integer() => Err(complex_to_real(d)),
            Scalar::Float(f) if d.is_integer() => check_float_to_int(f),
            _ => Ok(()),
        }
    }

    pub fn to_wide(self) -> Wide {
        match self {
            Scalar::Bool(b) => Wide::Bool(b),
            // Beyond 64 bits only a float can hold it (it has been checked against any integer
            // dtype already).
            Scalar::Int(v) if v < i64::MIN as i128 || v > u64::MAX as i128 => Wide::F(v as f64),
            Scalar::Int(v) if v < 0 => Wide::I(v as i64),
            Scalar::Int(v) if v > i64::MAX as i128 => Wide::U(v as u64),
            Scalar::Int(v) => Wide::I(v as i64),
            Scalar::Float(v) => Wide::F(v),
            Scalar::Complex(re, im) => Wide::C(re, im),
        }
    }
}

/// The TypeError of Python's `int()` or `float()` on a Python complex, which is how NumPy
/// stores a Python complex into an integer or floating dtype (`a[0] = 1j`, `array([1j], float)`).
pub fn complex_to_real(to: DType) -> Error {
    Error::type_(if to.is_integer() {
        "int() argument must be a string, a bytes-like object or a real number, not 'complex'"
    } else {
        "float() argument must be a string or a real number, not 'complex'"
    })
}

/// Python's `int()` of a float refuses NaN (ValueError) and infinity (OverflowError); NumPy
/// stores a Python float into an integer dtype through it.
pub fn check_float_to_int(f: f64) -> Result<()> {
    if f.is_nan() {
        return Err(Error::value("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(Error::Overflow(
            "cannot convert float infinity to integer".into(),
        ));
    }
    Ok(())
}

/// A value in the widest representation of its kind: the pivot of every cast, so that casting
/// between any two of the 13 types is written once. After inlining the match folds away.
#[derive(Copy, Clone, Debug, PartialEq)]
pub enum Wide {
    Bool(bool),
    I(i64),
    U(u64),
    F(f64),
    C(f64, f64),
}

impl Wide {
    pub fn to_f64(self) -> f64 {
        match self {
            Wide::Bool(b) => b as u8 as f64,
            Wide::I(v) => v as f64,
            Wide::U(v) => v as f64,
            Wide::F(v) => v,
            Wide::C(re, _) => re,
        }
    }
}

/// The Rust type behind each dtype.
pub trait Element: Copy + Send + Sync + Default + PartialEq + fmt::Debug + 'static {
    const DTYPE: DType;
    /// Whether element loops of this type vectorise (float16 converts in software and complex
    /// math is scalar): only these get the AVX2 and AVX-512 copies of a loop, which keeps
    /// compile time and binary size in check.
    const VECTOR: bool = true;
    /// Whether the AVX-512 copy is worth having: 32- and 64-bit floats (transcendentals) and
    /// 64-bit integers (AVX2 has no 64-bit integer min/max or multiply).
    const WIDE: bool = false;
    fn to_wide(self) -> Wide;
    fn from_wide(w: Wide) -> Self;
    /// Whether float `v` converts to this (integer) type without NumPy's "invalid" flag.
    #[inline(always)]
    fn float_fits(_v: f64) -> bool {
        true
    }
    #[inline(always)]
    fn cast<T: Element>(self) -> T {
        T::from_wide(self.to_wide())
    }
}

impl Element for bool {
    const DTYPE: DType = DType::Bool;
    #[inline(always)]
    fn to_wide(self) -> Wide {
        Wide::Bool(self)
    }
    #[inline(always)]
    fn from_wide(w: Wide) -> Self {
        match w {
            Wide::Bool(b) => b,
            Wide::I(v) => v != 0,
            Wide::U(v) => v != 0,
            Wide::F(v) => v != 0.0,
            Wide::C(re, im) => re != 0.0 || im != 0.0,
        }
    }
}

macro_rules! int_element {
    ($t:ty, $dt:ident, $wide:ident, $wt:ty) => {
        impl Element for $t {
            const DTYPE: DType = DType::$dt;
            const WIDE: bool = <$t>::BITS == 64;
            #[inline(always)]
            fn to_wide(self) -> Wide {
                Wide::$wide(self as $wt)
            }
            #[inline(always)]
            fn from_wide(w: Wide) -> Self {
                match w {
                    Wide::Bool(b) => b as $t,
                    Wide::I(v) => v as $t,
                    Wide::U(v) => v as $t,
                    Wide::F(v) => float_to_int!(v, $t),
                    Wide::C(re, _) => float_to_int!(re, $t),
                }
            }
            #[inline(always)]
            fn float_fits(v: f64) -> bool {
                // The ranges of `float_to_int!`'s conversions (through int64, or int32).
                const TWO_63: f64 = 9_223_372_036_854_775_808.0;
                match (<$t>::BITS, <$t>::MIN == 0) {
                    (64, true) => (-TWO_63..2.0 * TWO_63).contains(&v),
                    (64, _) | (32, true) => (-TWO_63..TWO_63).contains(&v),
                    _ => v > -2_147_483_649.0 && v < 2_147_483_648.0,
                }
            }
        }
    };
}

/// Float to integer as NumPy's x86 builds convert: truncation in range, and out of range (NaN
/// included) what the conversion instructions give, their "integer indefinite", the minimum of
/// the signed type converted to:
/// - types of up to 32 bits but uint32 convert through int32, then narrow (so 3e9 gives
///   int32's minimum, and int8's 0);
/// - int64 and uint32 convert through int64 (uint32 as NumPy's scalar path does; its vector
///   loop differs out of range);
/// - uint64 converts `v - 2**63` through int64 from `2**63` up and sets the top bit back.
///
/// The range is `Element::float_fits`, which the cast loop also uses to raise the "invalid"
/// flag NumPy's conversion raises out of range. Selects only, so that cast loops vectorise.
macro_rules! float_to_int {
    ($v:expr, $t:ty) => {{
        let v: f64 = $v;
        const TWO_63: f64 = 9_223_372_036_854_775_808.0;
        let fits = <$t as Element>::float_fits(v);
        // In range, the conversion is the plain truncating instruction: `as` would add
        // saturation and NaN fix-ups that keep the loop from vectorising.
        match (<$t>::BITS, <$t>::MIN == 0) {
            (64, true) if v >= TWO_63 => match fits {
                true => {
                    // SAFETY: `fits` puts uint64's `v` in `[2**63, 2**64)` here (NaN fails
                    // both tests), so `v - 2**63` is finite and truncates into `[0, 2**63)`.
                    ((unsafe { (v - TWO_63).to_int_unchecked::<i64>() } as u64) ^ (1 << 63)) as $t
                }
                false => 0,
            },
            (64, _) | (32, true) => match fits {
                // SAFETY: `fits` keeps `v` finite in `[-2**63, 2**63)` (uint64 below 2**63
                // lands here), whose truncation is an int64.
                true => (unsafe { v.to_int_unchecked::<i64>() }) as $t,
                false => i64::MIN as $t,
            },
            _ => match fits {
                // SAFETY: `fits` keeps `v` finite in `(-2**31 - 1, 2**31)`, whose truncation
                // is an int32.
                true => (unsafe { v.to_int_unchecked::<i32>() }) as $t,
                false => i32::MIN as $t,
            },
        }
    }};
}

int_element!(i8, I8, I, i64);
int_element!(i16, I16, I, i64);
int_element!(i32, I32, I, i64);
int_element!(i64, I64, I, i64);
int_element!(u8, U8, U, u64);
int_element!(u16, U16, U, u64);
int_element!(u32, U32, U, u64);
int_element!(u64, U64, U, u64);

impl Element for f64 {
    const DTYPE: DType = DType::F64;
    const WIDE: bool = true;
    #[inline(always)]
    fn to_wide(self) -> Wide {
        Wide::F(self)
    }
    #[inline(always)]
    fn from_wide(w: Wide) -> Self {
        w.to_f64()
    }
}

impl Element for f32 {
    const DTYPE: DType = DType::F32;
    const WIDE: bool = true;
    #[inline(always)]
    fn to_wide(self) -> Wide {
        Wide::F(self as f64)
    }
    #[inline(always)]
    fn from_wide(w: Wide) -> Self {
        match w {
            // Direct conversion rounds once; going through f64 could round twice.
            Wide::I(v) => v as f32,
            Wide::U(v) => v as f32,
            w => w.to_f64() as f32,
        }
    }
    #[inline(always)]
    fn cast<T: Element>(self) -> T {
        if f32_via_i32::<T>() {
            let i = match f32_fits_i32(self) {
                // SAFETY: `f32_fits_i32` holds only for finite values in `[-2**31, 2**31)`
                // (not NaN), whose truncation is an int32.
                true => unsafe { self.to_int_unchecked::<i32>() },
                false => i32::MIN,
            };
            return T::from_wide(Wide::I(i as i64));
        }
        T::from_wide(self.to_wide())
    }
}

/// Whether float32 converts to `T` through int32 (`float_to_int!`: integers of up to 32 bits
/// but uint32). Then the range check and the conversion run on float32 itself, with the values
/// of the float64 route at twice the vector width.
#[inline(always)]
pub fn f32_via_i32<T: Element>() -> bool {
    T::DTYPE.is_integer() && T::DTYPE.itemsize() <= 4 && T::DTYPE != DType::U32
}

/// `float_fits` of the int32 route for a float32: no float32 lies strictly between -2**31 - 1
/// and -2**31, so this is the float64 test's range.
#[inline(always)]
pub fn f32_fits_i32(v: f32) -> bool {
    (-2_147_483_648.0..2_147_483_648.0).contains(&v)
}

impl Element for f16 {
    const DTYPE: DType = DType::F16;
    const VECTOR: bool = false;
    #[inline(always)]
    fn to_wide(self) -> Wide {
        Wide::F(self.to_f64())
    }
    #[inline(always)]
    fn from_wide(w: Wide) -> Self {
        f16::from_f64(w.to_f64())
    }
}

impl Element for Complex32 {
    const DTYPE: DType = DType::C64;
    const VECTOR: bool = false;
    #[inline(always)]
    fn to_wide(self) -> Wide {
        Wide::C(self.re as f64, self.im as f64)
    }
    #[inline(always)]
    fn from_wide(w: Wide) -> Self {
        match w {
            Wide::C(re, im) => Complex32::new(re as f32, im as f32),
            w => Complex32::new(f32::from_wide(w), 0.0),
        }
    }
}

impl Element for Complex64 {
    const DTYPE: DType = DType::C128;
    const VECTOR: bool = false;
    #[inline(always)]
    fn to_wide(self) -> Wide {
        Wide::C(self.re, self.im)
    }
    #[inline(always)]
    fn from_wide(w: Wide) -> Self {
        match w {
            Wide::C(re, im) => Complex64::new(re, im),
            w => Complex64::new(w.to_f64(), 0.0),
        }
    }
}

/// The Rust type of a `DType` variant's name (`elem_type!(F32)` is `f32`).
#[macro_export]
macro_rules! elem_type {
    (Bool) => {
        bool
    };
    (I8) => {
        i8
    };
    (U8) => {
        u8
    };
    (I16) => {
        i16
    };
    (U16) => {
        u16
    };
    (I32) => {
        i32
    };
    (U32) => {
        u32
    };
    (I64) => {
        i64
    };
    (U64) => {
        u64
    };
    (F16) => {
        $crate::f16
    };
    (F32) => {
        f32
    };
    (F64) => {
        f64
    };
    (C64) => {
        $crate::Complex32
    };
    (C128) => {
        $crate::Complex64
    };
}

/// `dispatch!` over the listed dtypes only: `$body` is compiled for those types and no other
/// (any other dtype is a caller's error). Where a path serves part of the dtypes (NaN-skipping
/// folds of floats, integer casts), this keeps the others' copies out of the binary.
#[macro_export]
macro_rules! dispatch_of {
    ($dt:expr, [$($v:ident),+ $(,)?], $T:ident => $body:expr) => {{
        use $crate::dtype::DType as __D;
        match $dt {
            $(__D::$v => {
                type $T = $crate::elem_type!($v);
                $body
            })+
            t => unreachable!("no loop of type {t} here"),
        }
    }};
}

/// Runs `$body` with `$T` bound to the Rust type of `$dt`: the one dispatch point from a
/// runtime dtype to monomorphized code.
#[macro_export]
macro_rules! dispatch {
    ($dt:expr, $T:ident => $body:expr) => {{
        use $crate::dtype::DType as __D;
        match $dt {
            __D::Bool => {
                type $T = bool;
                $body
            }
            __D::I8 => {
                type $T = i8;
                $body
            }
            __D::U8 => {
                type $T = u8;
                $body
            }
            __D::I16 => {
                type $T = i16;
                $body
            }
            __D::U16 => {
                type $T = u16;
                $body
            }
            __D::I32 => {
                type $T = i32;
                $body
            }
            __D::U32 => {
                type $T = u32;
                $body
            }
            __D::I64 => {
                type $T = i64;
                $body
            }
            __D::U64 => {
                type $T = u64;
                $body
            }
            __D::F16 => {
                type $T = $crate::f16;
                $body
            }
            __D::F32 => {
                type $T = f32;
                $body
            }
            __D::F64 => {
                type $T = f64;
                $body
            }
            __D::C64 => {
                type $T = $crate::Complex32;
                $body
            }
            __D::C128 => {
                type $T = $crate::Complex64;
                $body
            }
        }
    }};
}

/// NumPy's `result_type` under NEP 50: the `strong` dtypes (arrays, NumPy scalars, dtypes)
/// promote among themselves; Python scalars (`weak`) only contribute their kind, taking the
/// strong result's dtype where the kind allows. With no strong operand the weak scalars give
/// the default dtype of the highest kind among them (`result_type(1, 2.0)` is float64).
pub fn result_type(strong: &[DType], weak: &[Scalar]) -> Result<DType> {
    // Weak scalars combine by kind alone (a Python float next to a Python int is a Python
    // float), so the highest kind stands for all of them.
    let top = weak.iter().copied().max_by_key(|s| s.kind());
    match (strong.split_first(), top) {
        (None, None) => Err(Error::value("at least one array or dtype is required")),
        // Python ints alone take the value into account: past int64 they are uint64.
        (None, Some(s)) if s.kind() == Kind::Int => Ok(weak
            .iter()
            .map(|w| w.default_dtype())
            .max()
            .filter(|&d| d == DType::U64)
            .unwrap_or(DType::I64)),
        (None, Some(s)) => Ok(s.default_dtype_of_kind()),
        (Some((&first, rest)), top) => {
            let d = rest.iter().fold(first, |acc, &t| promote(acc, t));
            Ok(top.map_or(d, |s| s.weak_dtype(d)))
        }
    }
}

/// NumPy's `min_scalar_type(value)`: the smallest dtype that holds the value, preferring
/// unsigned integers for non-negative integers and judging floats by range alone (NumPy does
/// not ask for the value to be exact). `None` where no ferronum dtype holds it.
pub fn min_scalar_type(v: Wide) -> DType {
    fn float_for(m: f64) -> DType {
        if !m.is_finite() || m <= half::f16::MAX.to_f64() {
            DType::F16
        } else if m <= f32::MAX as f64 {
            DType::F32
        } else {
            DType::F64
        }
    }
    match v {
        Wide::Bool(_) => DType::Bool,
        Wide::U(u) => uint_for(u),
        Wide::I(i) if i >= 0 => uint_for(i as u64),
        Wide::I(i) => [DType::I8, DType::I16, DType::I32]
            .into_iter()
            .find(|d| i as f64 >= -d.max_finite() - 1.0)
            .unwrap_or(DType::I64),
        Wide::F(f) => float_for(f.abs()),
        Wide::C(re, im) => {
            // NumPy has no complex32: anything whose parts fit float32 is complex64.
            let part = float_for(re.abs()).max(float_for(im.abs()));
            if part == DType::F64 {
                DType::C128
            } else {
                DType::C64
            }
        }
    }
}

fn uint_for(u: u64) -> DType {
    [DType::U8, DType::U16, DType::U32]
        .into_iter()
        .find(|d| u as f64 <= d.max_finite())
        .unwrap_or(DType::U64)
}

impl Scalar {
    /// The default dtype of the scalar's kind.
    pub fn default_dtype_of_kind(self) -> DType {
        match self.kind() {
            Kind::Bool => DType::Bool,
            Kind::Int | Kind::Uint => DType::I64,
            Kind::Float => DType::F64,
            Kind::Complex => DType::C128,
        }
    }
}

/// The constants of a floating-point type, NumPy's `finfo`: IEEE 754 binary16/32/64 described
/// by their mantissa and exponent widths, every other field derived from those.
#[derive(Copy, Clone, Debug, PartialEq)]
pub struct FloatInfo {
    pub dtype: DType,
    pub bits: u32,
    /// Mantissa bits (without the implicit one) and exponent bits.
    pub nmant: i32,
    pub nexp: i32,
    /// `2**maxexp` overflows; `2**minexp` is the smallest normal number.
    pub maxexp: i32,
    pub minexp: i32,
    /// `eps = 2**machep`, `epsneg = 2**negep`.
    pub machep: i32,
    pub negep: i32,
    /// Decimal digits of precision, `floor(-log10(eps))`.
    pub precision: i32,
    pub eps: f64,
    pub epsneg: f64,
    pub max: f64,
    pub min: f64,
    pub smallest_normal: f64,
    pub smallest_subnormal: f64,
    /// `10**-precision`, rounded to the type.
    pub resolution: f64,
}

/// `finfo` of a floating or complex dtype (of its parts, for complex); `None` for the rest.
pub fn finfo(d: DType) -> Option<FloatInfo> {
    let (real, bits, nmant, nexp) = match d.real() {
        DType::F16 => (DType::F16, 16, 10, 5),
        DType::F32 => (DType::F32, 32, 23, 8),
        DType::F64 => (DType::F64, 64, 52, 11),
        _ => return None,
    };
    let maxexp = 1 << (nexp - 1);
    let minexp = 2 - maxexp;
    let machep = -nmant;
    let eps = 2f64.powi(machep);
    let precision = (-eps.log10()).floor() as i32;
    let resolution = 10f64.powi(-precision);
    // The value as the type stores it (so float32's resolution is float32(1e-06)).
    let round = |v: f64| match real {
        DType::F16 => half::f16::from_f64(v).to_f64(),
        DType::F32 => v as f32 as f64,
        _ => v,
    };
    Some(FloatInfo {
        dtype: real,
        bits,
        nmant,
        nexp,
        maxexp,
        minexp,
        machep,
        negep: machep - 1,
        precision,
        eps,
        epsneg: 2f64.powi(machep - 1),
        max: real.max_finite(),
        min: -real.max_finite(),
        smallest_normal: 2f64.powi(minexp),
        // Two exact factors: `powi` of the whole exponent would underflow through 1/2**1074.
        smallest_subnormal: 2f64.powi(minexp) * 2f64.powi(-nmant),
        resolution: round(resolution),
    })
}

/// NumPy's `iinfo` of an integer dtype: bits, min and max; `None` for the rest.
pub fn iinfo(d: DType) -> Option<(u32, i64, u64)> {
    let bits = (d.itemsize() * 8) as u32;
    match d.kind() {
        // The extremes of a `bits`-wide two's complement or unsigned integer.
        Kind::Int => Some((
            bits,
            i64::MIN >> (64 - bits),
            (i64::MAX >> (64 - bits)) as u64,
        )),
        Kind::Uint => Some((bits, 0, u64::MAX >> (64 - bits))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settable_follows_pythons_conversions() {
        assert!(Scalar::Int(255).check_settable(DType::U8).is_ok());
        assert!(matches!(
            Scalar::Int(256).check_settable(DType::U8),
            Err(Error::Overflow(_))
        ));
        assert!(matches!(
            Scalar::Complex(1.0, 0.0).check_settable(DType::F32),
            Err(Error::Type(m)) if m.starts_with("float()")
        ));
        assert!(matches!(
            Scalar::Complex(1.0, 0.0).check_settable(DType::I8),
            Err(Error::Type(m)) if m.starts_with("int()")
        ));
        assert!(Scalar::Complex(1.0, 0.0)
            .check_settable(DType::Bool)
            .is_ok());
        assert!(matches!(
            Scalar::Float(f64::NAN).check_settable(DType::I32),
            Err(Error::Value(_))
        ));
        assert!(matches!(
            Scalar::Float(f64::NEG_INFINITY).check_settable(DType::U64),
            Err(Error::Overflow(_))
        ));
        assert!(Scalar::Float(f64::NAN).check_settable(DType::F16).is_ok());
    }
    use DType::*;

    /// float32's direct route to the integer types gives what the float64 route gives.
    #[test]
    fn float32_to_narrow_integers_as_through_float64() {
        let two31 = 2_147_483_648.0f32;
        let mut vals = vec![
            0.0,
            -0.0,
            0.5,
            -0.5,
            127.9,
            128.0,
            -128.9,
            -129.0,
            255.5,
            256.0,
            32767.9,
            -32769.0,
            65535.9,
            65536.0,
            1e10,
            -1e10,
            two31,
            -two31,
            f32::NAN,
            f32::INFINITY,
        ];
        vals.extend([f32::NEG_INFINITY, f32::MAX, f32::MIN, f32::MIN_POSITIVE]);
        vals.extend([two31 - 128.0, -two31 + 128.0, -two31 - 256.0, 3e9, -3e9]);
        fn check<T: Element>(v: f32) {
            let via64 = T::from_wide(Wide::F(v as f64));
            assert_eq!(v.cast::<T>(), via64, "{v} to {}", T::DTYPE);
        }
        for v in vals {
            check::<i8>(v);
            check::<i16>(v);
            check::<i32>(v);
            check::<u8>(v);
            check::<u16>(v);
            check::<u32>(v);
            check::<i64>(v);
            check::<u64>(v);
        }
    }

    #[test]
    fn promotion_matches_numpy() {
        assert_eq!(promote(I8, U8), I16);
        assert_eq!(promote(I64, U64), F64);
        assert_eq!(promote(U8, F16), F16);
        assert_eq!(promote(I16, F16), F32);
        assert_eq!(promote(I32, F32), F64);
        assert_eq!(promote(F32, C64), C64);
        assert_eq!(promote(F64, C64), C128);
        assert_eq!(promote(Bool, I8), I8);
        assert_eq!(promote(U32, I32), I64);
        assert_eq!(promote(I16, C64), C64);
        assert_eq!(promote(I32, C64), C128);
    }

    #[test]
    fn weak_scalars_follow_nep50() {
        assert_eq!(Scalar::Int(2).weak_dtype(I8), I8);
        assert_eq!(Scalar::Int(2).weak_dtype(Bool), I64);
        assert_eq!(Scalar::Float(0.5).weak_dtype(I64), F64);
        assert_eq!(Scalar::Float(0.5).weak_dtype(F16), F16);
        assert_eq!(Scalar::Complex(0.0, 1.0).weak_dtype(F32), C64);
        assert_eq!(Scalar::Complex(0.0, 1.0).weak_dtype(I8), C128);
        assert!(Scalar::Int(300).check_fits(U8).is_err());
        assert!(Scalar::Int(-1).check_fits(U64).is_err());
    }

    #[test]
    fn casts_wrap_and_truncate() {
        assert_eq!(300i64.cast::<u8>(), 44);
        assert_eq!((-1i8).cast::<u16>(), 65535);
        assert_eq!(2.7f64.cast::<i32>(), 2);
        assert_eq!((-2.7f64).cast::<i32>(), -2);
        // Out of range, NumPy's x86 values (probed with NumPy 2.4).
        assert_eq!(3e9f64.cast::<i32>(), i32::MIN);
        assert_eq!(3e9f64.cast::<i8>(), 0);
        assert_eq!(300.0f64.cast::<i8>(), 44);
        assert_eq!((-300.0f64).cast::<u16>(), 65236);
        assert_eq!(f64::NAN.cast::<i16>(), 0);
        assert_eq!(5e9f64.cast::<u32>(), 705_032_704);
        assert_eq!(1e19f64.cast::<i64>(), i64::MIN);
        assert_eq!(1e19f64.cast::<u64>(), 10_000_000_000_000_000_000);
        assert_eq!(1e30f64.cast::<u64>(), 0);
        assert_eq!(f64::NAN.cast::<u64>(), 1 << 63);
        assert_eq!((-1.0f64).cast::<u64>(), u64::MAX);
        assert!(0.1f64.cast::<bool>());
        assert_eq!(Complex64::new(1.5, 2.0).cast::<f32>(), 1.5);
    }

    #[test]
    fn result_type_follows_nep50() {
        use DType::*;
        assert_eq!(result_type(&[I8], &[Scalar::Int(300)]).unwrap(), I8);
        assert_eq!(result_type(&[I8], &[Scalar::Float(1.0)]).unwrap(), F64);
        assert_eq!(
            result_type(&[F16], &[Scalar::Int(1), Scalar::Complex(0.0, 1.0)]).unwrap(),
            C64
        );
        assert_eq!(
            result_type(&[], &[Scalar::Int(1), Scalar::Float(2.0)]).unwrap(),
            F64
        );
        assert_eq!(
            result_type(&[], &[Scalar::Bool(true), Scalar::Int(1)]).unwrap(),
            I64
        );
        assert_eq!(result_type(&[I64, U64], &[]).unwrap(), F64);
        assert!(result_type(&[], &[]).is_err());
    }

    #[test]
    fn finfo_matches_ieee() {
        let f = finfo(DType::F64).unwrap();
        assert_eq!(f.eps, f64::EPSILON);
        assert_eq!(f.smallest_normal, f64::MIN_POSITIVE);
        assert_eq!((f.precision, f.maxexp, f.minexp), (15, 1024, -1022));
        assert_eq!(f.smallest_subnormal, f64::from_bits(1));
        let h = finfo(DType::C64).unwrap();
        assert_eq!(
            (h.dtype, h.precision, h.resolution),
            (DType::F32, 6, 1e-6f32 as f64)
        );
        let e = finfo(DType::F16).unwrap();
        assert_eq!(
            (e.max, e.minexp, e.smallest_subnormal),
            (65504.0, -14, 2f64.powi(-24))
        );
        assert!(finfo(DType::I8).is_none());
        assert_eq!(iinfo(DType::I8), Some((8, -128, 127)));
        assert_eq!(iinfo(DType::U64), Some((64, 0, u64::MAX)));
        assert_eq!(iinfo(DType::I64), Some((64, i64::MIN, i64::MAX as u64)));
    }

    #[test]
    fn min_scalar_type_by_range() {
        use DType::*;
        assert_eq!(min_scalar_type(Wide::I(255)), U8);
        assert_eq!(min_scalar_type(Wide::I(-129)), I16);
        assert_eq!(min_scalar_type(Wide::F(1e10)), F32);
        assert_eq!(min_scalar_type(Wide::F(f64::NAN)), F16);
        assert_eq!(min_scalar_type(Wide::C(1.0, 1e300)), C128);
    }
}
