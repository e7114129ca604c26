//! The typed loops of every ufunc: for each operation, the element function per type class,
//! run by the planner's kernels (`kernels::map*`). The resolver has already picked a type
//! NumPy has a loop for, so the remaining arms are unreachable.

use super::types::{BinaryOp, UnaryOp};
use crate::array::Array;
use crate::dispatch;
use crate::dtype::DType;
use crate::kernels::elem::{Bits, CFn, Cplx, Float, Int};
use crate::kernels::fpstatus::{DIVIDE, INVALID, OVERFLOW, UNDERFLOW};
use crate::kernels::scalar::Num;
use crate::kernels::{cmath, simd};
use crate::kernels::{map1, map1_cold, map1_flagged, map1x2, map2, map2_cold, map2x2, NEEDS_FIX};
use half::f16;
use num_complex::{Complex32, Complex64};

/// Runs `$body` with `$T` bound to the float type of `$t`.
macro_rules! floats {
    ($t:expr, $T:ident => $body:expr) => {
        match $t {
            DType::F16 => {
                type $T = f16;
                $body
            }
            DType::F32 => {
                type $T = f32;
                $body
            }
            DType::F64 => {
                type $T = f64;
                $body
            }
            t => unreachable!("no float loop of type {t}"),
        }
    };
}

macro_rules! complexes {
    ($t:expr, $T:ident => $body:expr) => {
        match $t {
            DType::C64 => {
                type $T = Complex32;
                $body
            }
            DType::C128 => {
                type $T = Complex64;
                $body
            }
            t => unreachable!("no complex loop of type {t}"),
        }
    };
}

macro_rules! ints {
    ($t:expr, $T:ident => $body:expr) => {
        match $t {
            DType::I8 => {
                type $T = i8;
                $body
            }
            DType::U8 => {
                type $T = u8;
                $body
            }
            DType::I16 => {
                type $T = i16;
                $body
            }
            DType::U16 => {
                type $T = u16;
                $body
            }
            DType::I32 => {
                type $T = i32;
                $body
            }
            DType::U32 => {
                type $T = u32;
                $body
            }
            DType::I64 => {
                type $T = i64;
                $body
            }
            DType::U64 => {
                type $T = u64;
                $body
            }
            t => unreachable!("no integer loop of type {t}"),
        }
    };
}

macro_rules! bits {
    ($t:expr, $T:ident => $body:expr) => {
        match $t {
            DType::Bool => {
                type $T = bool;
                $body
            }
            t => ints!(t, $T => $body),
        }
    };
}

/// How a float function's special results map to NumPy's floating-point errors.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Special {
    /// Infinite results of finite inputs are overflows.
    Overflow,
    /// ... are poles (log of 0, arctanh of 1): "divide by zero".
    Pole,
    /// Overflow, and zero results of finite non-zero inputs are underflows (exp).
    Underflow,
}

/// The flags NumPy reports for `r = f(x)`: NaN from a number is "invalid", infinity from a
/// finite value an overflow or a pole. Branch-free, so it vectorises with the function.
#[inline(always)]
fn value_flags<T: Float>(x: T, r: T, special: Special) -> u8 {
    let invalid = Num::is_nan_(r) & !Num::is_nan_(x);
    let inf = r.isinf_() & x.isfinite_();
    let big = if special == Special::Pole {
        DIVIDE
    } else {
        OVERFLOW
    };
    let under = special == Special::Underflow && Num::eq_(r, T::zero()) && x.isfinite_();
    (invalid as u8 * INVALID) | (inf as u8 * big) | (under as u8 * UNDERFLOW)
}

/// The flags of sin, cos and tan: a huge argument is only marked for the standard library's
/// recomputation, which gives its flags (the fast function's result there is discarded).
#[inline(always)]
fn trig_flags<T: Float>(a: T, r: T) -> u8 {
    let slow = a.trig_slow_() as u8;
    (value_flags(a, r, Special::Overflow) * (1 - slow)) | (slow * NEEDS_FIX)
}

/// `o = f(x)` for a float function with a complex counterpart in `Cplx::apply`.
fn inexact1(t: DType, o: &Array, x: &Array, ff: CFn, real: impl RealFn) {
    match t {
        DType::C64 | DType::C128 => complexes!(t, T => map1(o, x, |a: T| a.apply(ff))),
        _ => real.run(t, o, x),
    }
}

/// A float element function, generic over the float types.
trait RealFn {
    fn run(&self, t: DType, o: &Array, x: &Array);
}

macro_rules! real_fn {
    ($name:ident, $method:ident, $special:ident) => {
        struct $name;
        impl RealFn for $name {
            fn run(&self, t: DType, o: &Array, x: &Array) {
                floats!(t, T => map1_flagged(o, x, |a: T| Float::$method(a), |a: T, r: T| {
                    value_flags(a, r, Special::$special)
                }, |_| None::<(T, u8)>))
            }
        }
    };
}

real_fn!(Exp2F, exp2_, Underflow);
real_fn!(Expm1F, expm1_, Overflow);
real_fn!(Log2F, log2_, Pole);
real_fn!(Log10F, log10_, Pole);
real_fn!(Log1pF, log1p_, Pole);

real_fn!(AsinF, asin_, Overflow);
real_fn!(AcosF, acos_, Overflow);
real_fn!(AtanF, atan_, Overflow);
real_fn!(SinhF, sinh_, Overflow);
real_fn!(CoshF, cosh_, Overflow);
real_fn!(TanhF, tanh_, Overflow);
real_fn!(AsinhF, asinh_, Overflow);
real_fn!(AcoshF, acosh_, Overflow);
real_fn!(AtanhF, atanh_, Pole);

pub fn run_unary(op: UnaryOp, t: DType, o: &Array, x: &Array) {
    use UnaryOp::*;
    match op {
        Negative => dispatch!(t, T => map1(o, x, |a: T| Num::neg(a))),
        Positive => dispatch!(t, T => map1(o, x, |a: T| a)),
        Absolute | Fabs => dispatch!(t, T => map1(o, x, |a: T| Num::abs(a))),
        Square if fused_complex_loop(t, o, &[x]) => {
            complexes!(t, T => map1(o, x, |a: T| a.mul_fused(a)))
        }
        Square => dispatch!(t, T => map1(o, x, |a: T| Num::mul(a, a))),
        Sqrt => dispatch!(t, T => map1(o, x, |a: T| Num::sqrt(a))),
        Exp | Log | Sin | Cos if t.is_complex() => complexes!(t, T => match op {
            Exp => map1(o, x, |a: T| Num::exp(a)),
            Log => map1(o, x, |a: T| Num::ln(a)),
            Sin => map1(o, x, |a: T| Num::sin(a)),
            _ => map1(o, x, |a: T| Num::cos(a)),
        }),
        // Results that are not normal numbers (and NaN) are rare: the loop marks them and
        // computes only the cheaper normal-range formula; the fix-up pass does the rest.
        Exp => floats!(t, T => map1_flagged(o, x, |a: T| a.exp_fast_(), |a: T, _| {
            !a.exp_fast_ok_() as u8 * NEEDS_FIX
        }, |a: T| (!a.exp_fast_ok_()).then(|| {
            let r = Num::exp(a);
            (r, value_flags(a, r, Special::Underflow))
        }))),
        Log => floats!(t, T => map1_flagged(o, x, |a: T| Num::ln(a), |a: T, r: T| {
            value_flags(a, r, Special::Pole)
        }, |_| None::<(T, u8)>)),
        // Huge arguments are recomputed by the standard library (see `vmath`).
        Sin => floats!(t, T => map1_flagged(o, x, |a: T| Num::sin(a), trig_flags,
            |a: T| a.trig_slow_().then(|| { let r = a.sin_std(); (r, value_flags(a, r, Special::Overflow)) }))),
        Cos => floats!(t, T => map1_flagged(o, x, |a: T| Num::cos(a), trig_flags,
            |a: T| a.trig_slow_().then(|| { let r = a.cos_std(); (r, value_flags(a, r, Special::Overflow)) }))),
        Tan if t.is_float() => floats!(t, T => map1_flagged(o, x, |a: T| a.tan_(), trig_flags,
            |a: T| a.trig_slow_().then(|| { let r = a.tan_std(); (r, value_flags(a, r, Special::Overflow)) }))),
        Cbrt => floats!(t, T => map1_flagged(o, x, |a: T| a.cbrt_(), |a: T, r: T| {
            value_flags(a, r, Special::Overflow)
        }, |_| None::<(T, u8)>)),
        Sign if t.is_float() => floats!(t, T => map1_cold(o, x, |a: T| Float::sign_(a))),
        Sign if t.is_complex() => complexes!(t, T => map1_cold(o, x, |a: T| a.sign_())),
        Sign => ints!(t, T => map1_cold(o, x, |a: T| Int::sign_(a))),
        Reciprocal if t.is_float() => {
            floats!(t, T => map1_cold(o, x, |a: T| Float::reciprocal_(a)))
        }
        Reciprocal if t.is_complex() => complexes!(t, T => map1_cold(o, x, |a: T| a.reciprocal_())),
        Reciprocal => ints!(t, T => map1_cold(o, x, |a: T| Int::reciprocal_(a))),
        Exp2 => inexact1(t, o, x, CFn::Exp2, Exp2F),
        Expm1 => inexact1(t, o, x, CFn::Expm1, Expm1F),
        Log2 => inexact1(t, o, x, CFn::Log2, Log2F),
        Log10 => inexact1(t, o, x, CFn::Log10, Log10F),
        Log1p => inexact1(t, o, x, CFn::Log1p, Log1pF),
        Tan => complexes!(t, T => map1(o, x, |a: T| a.apply(CFn::Tan))),
        Arcsin => inexact1(t, o, x, CFn::Asin, AsinF),
        Arccos => inexact1(t, o, x, CFn::Acos, AcosF),
        Arctan => inexact1(t, o, x, CFn::Atan, AtanF),
        Sinh => inexact1(t, o, x, CFn::Sinh, SinhF),
        Cosh => inexact1(t, o, x, CFn::Cosh, CoshF),
        Tanh => inexact1(t, o, x, CFn::Tanh, TanhF),
        Arcsinh => inexact1(t, o, x, CFn::Asinh, AsinhF),
        Arccosh => inexact1(t, o, x, CFn::Acosh, AcoshF),
        Arctanh => inexact1(t, o, x, CFn::Atanh, AtanhF),
        Deg2rad | Radians => floats!(t, T => map1_cold(o, x, |a: T| a.deg2rad_())),
        Rad2deg | Degrees => floats!(t, T => map1_cold(o, x, |a: T| a.rad2deg_())),
        Floor | Ceil | Trunc if !t.is_float() => copy(o, x),
        Floor => floats!(t, T => map1(o, x, |a: T| a.floor_())),
        Ceil => floats!(t, T => map1(o, x, |a: T| a.ceil_())),
        Trunc => floats!(t, T => map1(o, x, |a: T| a.trunc_())),
        Rint if t.is_complex() => complexes!(t, T => map1(o, x, |a: T| a.rint_())),
        Rint => floats!(t, T => map1(o, x, |a: T| a.rint_())),
        LogicalNot => dispatch!(t, T => map1(o, x, |a: T| Num::eq_(a, T::zero()))),
        Invert => bits!(t, T => map1(o, x, |a: T| a.not_())),
        Isnan => dispatch!(t, T => map1(o, x, |a: T| Num::is_nan_(a))),
        Isinf if t.is_float() => floats!(t, T => map1(o, x, |a: T| a.isinf_())),
        Isinf if t.is_complex() => complexes!(t, T => map1(o, x, |a: T| a.isinf_())),
        Isinf => o.fill(crate::dtype::Wide::Bool(false)).expect("bool fill"),
        Isfinite if t.is_float() => floats!(t, T => map1(o, x, |a: T| a.isfinite_())),
        Isfinite if t.is_complex() => complexes!(t, T => map1(o, x, |a: T| a.isfinite_())),
        Isfinite => o.fill(crate::dtype::Wide::Bool(true)).expect("bool fill"),
        Signbit => floats!(t, T => map1_cold(o, x, |a: T| a.signbit_())),
        Spacing => floats!(t, T => map1_cold(o, x, |a: T| a.spacing_())),
        Conjugate if t.is_complex() => complexes!(t, T => map1_cold(o, x, |a: T| a.conj_())),
        Conjugate => copy(o, x),
    }
}

/// Whether NumPy runs its fused (FMA) complex multiply loop here: on CPUs with FMA, except
/// complex64 with an input walked backwards along the innermost axis, which NumPy leaves to
/// its plain loop.
fn fused_complex_loop(t: DType, o: &Array, ins: &[&Array]) -> bool {
    if !t.is_complex() || simd::level() < 2 {
        return false;
    }
    if t != DType::C64 {
        return true;
    }
    let shape = o.shape();
    let inner = (0..shape.len())
        .filter(|&k| shape[k] > 1)
        .min_by_key(|&k| o.strides()[k].unsigned_abs());
    inner.is_none_or(|k| ins.iter().all(|a| a.strides()[k] >= 0))
}

fn copy(o: &Array, x: &Array) {
    o.assign(x).expect("same shape and dtype");
}

pub fn run_binary(op: BinaryOp, t: DType, o: &Array, x: &Array, y: &Array) {
    use BinaryOp::*;
    match op {
        Add => dispatch!(t, T => map2(o, x, y, |a: T, b: T| Num::add(a, b))),
        Subtract => dispatch!(t, T => map2(o, x, y, |a: T, b: T| Num::sub(a, b))),
        // NumPy's complex loop fuses where the CPU has FMA (see `Cplx::mul_fused`).
        Multiply if fused_complex_loop(t, o, &[x, y]) => {
            complexes!(t, T => map2(o, x, y, |a: T, b: T| a.mul_fused(b)))
        }
        Multiply => dispatch!(t, T => map2(o, x, y, |a: T, b: T| Num::mul(a, b))),
        // One complex divisor for the whole run: its part of the division once (`DivBy`).
        TrueDivide if t.is_complex() && o.size() > 0 && y.strides().iter().all(|&s| s == 0) => {
            complexes!(t, T => {
                // SAFETY: `y` has an element (the output has), at its data pointer.
                let d = cmath::DivBy::new(unsafe { *(y.data_ptr() as *const T) });
                map1(o, x, move |a: T| d.apply(a))
            })
        }
        TrueDivide => dispatch!(t, T => map2(o, x, y, |a: T, b: T| Num::div(a, b))),
        FloorDivide => dispatch!(t, T => map2(o, x, y, |a: T, b: T| Num::floor_div(a, b))),
        Remainder => dispatch!(t, T => map2(o, x, y, |a: T, b: T| Num::rem(a, b))),
        Fmod if t.is_float() => {
            floats!(t, T => map2_cold(o, x, y, |a: T, b: T| Float::fmod_(a, b)))
        }
        Fmod => ints!(t, T => map2_cold(o, x, y, |a: T, b: T| Int::fmod_(a, b))),
        Power | FloatPower => dispatch!(t, T => map2(o, x, y, |a: T, b: T| Num::pow(a, b))),
        Equal => dispatch!(t, T => map2(o, x, y, |a: T, b: T| Num::eq_(a, b))),
        NotEqual => dispatch!(t, T => map2(o, x, y, |a: T, b: T| !Num::eq_(a, b))),
        Less | LessEqual if t.is_complex() => {
            let or_equal = op == LessEqual;
            complexes!(t, T => map2_cold(o, x, y, |a: T, b: T| complex_less(a, b, or_equal)))
        }
        Less => dispatch!(t, T => map2(o, x, y, |a: T, b: T| Num::lt(a, b))),
        LessEqual => dispatch!(t, T => map2(o, x, y, |a: T, b: T| Num::le(a, b))),
        // x > y is y < x: one loop per type serves both.
        Greater => run_binary(Less, t, o, y, x),
        GreaterEqual => run_binary(LessEqual, t, o, y, x),
        Maximum => dispatch!(t, T => map2(o, x, y, |a: T, b: T| Num::max_(a, b))),
        Minimum => dispatch!(t, T => map2(o, x, y, |a: T, b: T| Num::min_(a, b))),
        Fmax => dispatch!(t, T => map2(o, x, y, |a: T, b: T| Num::fmax_(a, b))),
        Fmin => dispatch!(t, T => map2(o, x, y, |a: T, b: T| Num::fmin_(a, b))),
        LogicalAnd => dispatch!(t, T => map2(o, x, y, |a: T, b: T| {
            !Num::eq_(a, T::zero()) & !Num::eq_(b, T::zero())
        })),
        LogicalOr => dispatch!(t, T => map2(o, x, y, |a: T, b: T| {
            !Num::eq_(a, T::zero()) | !Num::eq_(b, T::zero())
        })),
        LogicalXor => dispatch!(t, T => map2_cold(o, x, y, |a: T, b: T| {
            Num::eq_(a, T::zero()) != Num::eq_(b, T::zero())
        })),
        BitwiseAnd => bits!(t, T => map2(o, x, y, |a: T, b: T| a.and_(b))),
        BitwiseOr => bits!(t, T => map2(o, x, y, |a: T, b: T| a.or_(b))),
        BitwiseXor => bits!(t, T => map2(o, x, y, |a: T, b: T| a.xor_(b))),
        LeftShift => ints!(t, T => map2(o, x, y, |a: T, b: T| a.shl_(b))),
        RightShift => ints!(t, T => map2(o, x, y, |a: T, b: T| a.shr_(b))),
        Gcd => ints!(t, T => map2_cold(o, x, y, |a: T, b: T| a.gcd_(b))),
        Lcm => ints!(t, T => map2_cold(o, x, y, |a: T, b: T| a.lcm_(b))),
        Arctan2 => floats!(t, T => map2(o, x, y, |a: T, b: T| a.atan2_(b))),
        Hypot => floats!(t, T => map2(o, x, y, |a: T, b: T| a.hypot_(b))),
        Logaddexp => floats!(t, T => map2_cold(o, x, y, |a: T, b: T| a.logaddexp_(b))),
        Logaddexp2 => floats!(t, T => map2_cold(o, x, y, |a: T, b: T| a.logaddexp2_(b))),
        Copysign => floats!(t, T => map2(o, x, y, |a: T, b: T| a.copysign_(b))),
        Nextafter => floats!(t, T => map2_cold(o, x, y, |a: T, b: T| a.nextafter_(b))),
        Heaviside => floats!(t, T => map2_cold(o, x, y, |a: T, b: T| a.heaviside_(b))),
    }
}

/// NumPy's complex `<` (`<=`): by real part, then by imaginary part, where a NaN imaginary
/// part makes a smaller real part no answer. NumPy's C relational operators raise "invalid"
/// when they meet a NaN: always at the real parts, and at the imaginary parts when the real
/// parts are equal.
#[inline(always)]
fn complex_less<F: PartialOrd + Copy>(
    a: num_complex::Complex<F>,
    b: num_complex::Complex<F>,
    or_equal: bool,
) -> bool {
    #[allow(clippy::eq_op)]
    let nan = |v: F| v != v;
    let same_re = a.re == b.re;
    if nan(a.re) || nan(b.re) || (same_re && (nan(a.im) || nan(b.im))) {
        crate::kernels::fpstatus::raise_invalid();
    }
    let im = if or_equal { a.im <= b.im } else { a.im < b.im };
    (a.re < b.re && !nan(a.im) && !nan(b.im)) || (same_re && im)
}

/// `divmod`: floor quotient and remainder in one pass.
pub fn run_divmod(t: DType, q: &Array, r: &Array, x: &Array, y: &Array) {
    dispatch!(t, T => map2x2(q, r, x, y, |a: T, b: T| (Num::floor_div(a, b), Num::rem(a, b))))
}

pub fn run_frexp(t: DType, m: &Array, e: &Array, x: &Array) {
    floats!(t, T => map1x2(m, e, x, |a: T| a.frexp_()))
}

pub fn run_modf(t: DType, f: &Array, i: &Array, x: &Array) {
    floats!(t, T => map1x2(f, i, x, |a: T| a.modf_()))
}

/// `ldexp(x, e)` with `e` already int32 or int64.
pub fn run_ldexp(t: DType, o: &Array, x: &Array, e: &Array) {
    if e.dtype() == DType::I32 {
        floats!(t, T => map2(o, x, e, |a: T, b: i32| a.ldexp_(b as i64)))
    } else {
        floats!(t, T => map2(o, x, e, |a: T, b: i64| a.ldexp_(b)))
    }
}
