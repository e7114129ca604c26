//! The typed loops of every ufunc: for each operation, the element function per type class,
//! run by the planner's kernels (`kernels::map*`). Each operation's loops are compiled for
//! exactly the types its loop set in `types.rs` lists (`unary!`, `binary!`), the set the
//! resolver picks from: a listed type without a kernel is a compile error, and the other
//! types are never passed here.

use super::types::{binary_set, covers, func_set, unary_set, with_set, BinaryOp, UnaryOp};
use crate::array::Array;
use crate::dtype::DType;
use crate::kernels::elem::{Bits, CFn, Cplx, Float, Int};
use crate::kernels::fpstatus::{DIVIDE, INVALID, OVERFLOW, UNDERFLOW};
use crate::kernels::scalar::Num;
use crate::kernels::{cmath, simd};
use crate::kernels::{map1, map1_cold, map1_flagged, map1x2, map2, map2_cold, map2x2, NEEDS_FIX};

/// Runs, for the dtype `$t`, the arm of `$arms` for its class, with `$T` bound to its Rust
/// type. The arms read like a `match` on the class: `{ float => e, complex => e, int => e,
/// bool => e, _ => e }`, the first that fits wins. The `match` on `$t` has an arm for each
/// listed dtype only (the list comes from `with_set!`), so a listed dtype whose class has no
/// arm fails to compile (`pick!`), and unlisted ones compile to nothing.
macro_rules! by_class {
    ([$($v:ident),*] $t:expr, $T:ident, $arms:tt) => {
        match $t {
            $(DType::$v => {
                // Arms such as `_ => copy(o, x)` need no element type.
                #[allow(dead_code)]
                type $T = crate::elem_type!($v);
                class_arm!($v, $arms)
            })*
            // A set of every dtype leaves nothing for this arm.
            #[allow(unreachable_patterns)]
            t => unreachable!("no loop of type {t}: it is outside the operation's loop set"),
        }
    };
}

/// The arm of `$arms` for a dtype variant's class (see `by_class!`).
#[rustfmt::skip]
macro_rules! class_arm {
    (Bool, $arms:tt) => { pick!(bool, $arms) };
    (I8, $arms:tt) => { pick!(int, $arms) };
    (U8, $arms:tt) => { pick!(int, $arms) };
    (I16, $arms:tt) => { pick!(int, $arms) };
    (U16, $arms:tt) => { pick!(int, $arms) };
    (I32, $arms:tt) => { pick!(int, $arms) };
    (U32, $arms:tt) => { pick!(int, $arms) };
    (I64, $arms:tt) => { pick!(int, $arms) };
    (U64, $arms:tt) => { pick!(int, $arms) };
    (F16, $arms:tt) => { pick!(float, $arms) };
    (F32, $arms:tt) => { pick!(float, $arms) };
    (F64, $arms:tt) => { pick!(float, $arms) };
    (C64, $arms:tt) => { pick!(complex, $arms) };
    (C128, $arms:tt) => { pick!(complex, $arms) };
}

/// The first arm of `{ class => expr, ... }` for `$c` (or `_`).
macro_rules! pick {
    (bool, { bool => $e:expr $(, $($rest:tt)*)? }) => { $e };
    (int, { int => $e:expr $(, $($rest:tt)*)? }) => { $e };
    (float, { float => $e:expr $(, $($rest:tt)*)? }) => { $e };
    (complex, { complex => $e:expr $(, $($rest:tt)*)? }) => { $e };
    ($c:ident, { _ => $e:expr $(, $($rest:tt)*)? }) => { $e };
    ($c:ident, { $other:tt => $e:expr $(, $($rest:tt)*)? }) => {
        pick!($c, { $($($rest)*)? })
    };
    ($c:ident, {}) => {
        compile_error!(concat!(
            "no ",
            stringify!($c),
            " kernel for a type in this operation's loop set"
        ))
    };
}

/// `by_class!` over a set less its unsigned types: for kernels whose bits do not depend on the
/// sign (wrapping arithmetic, equality, bitwise logic), which run unsigned types on the loop of
/// their signed twin (`DType::signed_twin`) and so compile none of their own.
macro_rules! signed_only {
    ([$($v:ident),*] $($args:tt)*) => { signed_only!(@ [] [$($v)*] $($args)*) };
    (@ [$($keep:ident)*] [U8 $($v:ident)*] $($args:tt)*) => {
        signed_only!(@ [$($keep)*] [$($v)*] $($args)*)
    };
    (@ [$($keep:ident)*] [U16 $($v:ident)*] $($args:tt)*) => {
        signed_only!(@ [$($keep)*] [$($v)*] $($args)*)
    };
    (@ [$($keep:ident)*] [U32 $($v:ident)*] $($args:tt)*) => {
        signed_only!(@ [$($keep)*] [$($v)*] $($args)*)
    };
    (@ [$($keep:ident)*] [U64 $($v:ident)*] $($args:tt)*) => {
        signed_only!(@ [$($keep)*] [$($v)*] $($args)*)
    };
    (@ [$($keep:ident)*] [$v0:ident $($v:ident)*] $($args:tt)*) => {
        signed_only!(@ [$($keep)* $v0] [$($v)*] $($args)*)
    };
    (@ [$($keep:ident)*] [] $($args:tt)*) => { by_class!([$($keep),*] $($args)*) };
}

/// `by_class!` over the loop set of `$E::$op` (`$lookup!`, from `types.rs`). `signed`: the
/// kernel is sign-blind (`signed_only!`): the dtype is remapped to its signed twin first.
/// `$op | $also`: one loop over `$op`'s set serves `$also` too, whose set it must cover
/// (checked at compile time).
macro_rules! kernel {
    ($E:ident $lookup:ident $op:ident [$($also:ident)*], signed $t:expr, $T:ident => $arms:tt) => {{
        $(const _: () = assert!(covers($E::$op.loops(), $E::$also.loops()));)*
        $lookup!($op, signed_only!(($t).signed_twin(), $T, $arms))
    }};
    ($E:ident $lookup:ident $op:ident [$($also:ident)*], $t:expr, $T:ident => $arms:tt) => {{
        $(const _: () = assert!(covers($E::$op.loops(), $E::$also.loops()));)*
        $lookup!($op, by_class!($t, $T, $arms))
    }};
}

/// `kernel!` of a unary operation: `unary!(Op, [signed] t, T => { class => expr, ... })`.
macro_rules! unary {
    ($op:ident $(| $also:ident)*, $($rest:tt)*) => {
        kernel!(UnaryOp unary_set $op [$($also)*], $($rest)*)
    };
}

/// `kernel!` of a binary operation: `binary!(Op, [signed] t, T => { class => expr, ... })`.
macro_rules! binary {
    ($op:ident $(| $also:ident)*, $($rest:tt)*) => {
        kernel!(BinaryOp binary_set $op [$($also)*], $($rest)*)
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

/// `o = f(x)` by `$f` over floats, with the flags NumPy reports for its special results
/// (`value_flags` as `$special` says) and no fix-up pass.
macro_rules! flagged {
    ($o:expr, $x:expr, $T:ty, $f:expr, $special:ident) => {
        map1_flagged(
            $o,
            $x,
            $f,
            |a: $T, r: $T| value_flags(a, r, Special::$special),
            |_| None::<($T, u8)>,
        )
    };
}

/// A unary operation over the inexact types: the float function `Float::$method` with
/// `flagged!`'s flags, and its complex counterpart `Cplx::apply(CFn::$cf)`.
macro_rules! inexact1 {
    ($op:ident, $t:expr, $o:expr, $x:expr, $cf:ident, $method:ident, $special:ident) => {
        unary!($op, $t, T => {
            complex => map1($o, $x, |a: T| a.apply(CFn::$cf)),
            float => flagged!($o, $x, T, |a: T| Float::$method(a), $special),
        })
    };
}

pub fn run_unary(op: UnaryOp, t: DType, o: &Array, x: &Array) {
    use UnaryOp::*;
    // `signed`: wrapping negation, squares and bit patterns are the same for both signs of a
    // width.
    match op {
        Negative => unary!(Negative, signed t, T => { _ => map1(o, x, |a: T| Num::neg(a)) }),
        Positive => unary!(Positive, signed t, T => { _ => map1(o, x, |a: T| a) }),
        Absolute | Fabs => {
            unary!(Absolute | Fabs, t, T => { _ => map1(o, x, |a: T| Num::abs(a)) })
        }
        Square => unary!(Square, signed t, T => {
            complex => if fused_complex_loop(t, o, &[x]) {
                map1(o, x, |a: T| a.mul_fused(a))
            } else {
                map1(o, x, |a: T| Num::mul(a, a))
            },
            _ => map1(o, x, |a: T| Num::mul(a, a)),
        }),
        Sqrt => unary!(Sqrt, t, T => { _ => map1(o, x, |a: T| Num::sqrt(a)) }),
        // Results that are not normal numbers (and NaN) are rare: the loop marks them and
        // computes only the cheaper normal-range formula; the fix-up pass does the rest.
        Exp => unary!(Exp, t, T => {
            complex => map1(o, x, |a: T| Num::exp(a)),
            float => map1_flagged(
                o,
                x,
                |a: T| a.exp_fast_(),
                |a: T, _| !a.exp_fast_ok_() as u8 * NEEDS_FIX,
                |a: T| {
                    (!a.exp_fast_ok_()).then(|| {
                        let r = Num::exp(a);
                        (r, value_flags(a, r, Special::Underflow))
                    })
                },
            ),
        }),
        Log => unary!(Log, t, T => {
            complex => map1(o, x, |a: T| Num::ln(a)),
            float => flagged!(o, x, T, |a: T| Num::ln(a), Pole),
        }),
        // Huge arguments are recomputed by the standard library (see `vmath`).
        Sin => unary!(Sin, t, T => {
            complex => map1(o, x, |a: T| Num::sin(a)),
            float => map1_flagged(o, x, |a: T| Num::sin(a), trig_flags, |a: T| {
                a.trig_slow_().then(|| {
                    let r = a.sin_std();
                    (r, value_flags(a, r, Special::Overflow))
                })
            }),
        }),
        Cos => unary!(Cos, t, T => {
            complex => map1(o, x, |a: T| Num::cos(a)),
            float => map1_flagged(o, x, |a: T| Num::cos(a), trig_flags, |a: T| {
                a.trig_slow_().then(|| {
                    let r = a.cos_std();
                    (r, value_flags(a, r, Special::Overflow))
                })
            }),
        }),
        Tan => unary!(Tan, t, T => {
            complex => map1(o, x, |a: T| a.apply(CFn::Tan)),
            float => map1_flagged(o, x, |a: T| a.tan_(), trig_flags, |a: T| {
                a.trig_slow_().then(|| {
                    let r = a.tan_std();
                    (r, value_flags(a, r, Special::Overflow))
                })
            }),
        }),
        Cbrt => unary!(Cbrt, t, T => { float => flagged!(o, x, T, |a: T| a.cbrt_(), Overflow) }),
        Sign => unary!(Sign, t, T => {
            float => map1_cold(o, x, |a: T| Float::sign_(a)),
            complex => map1_cold(o, x, |a: T| a.sign_()),
            int => map1_cold(o, x, |a: T| Int::sign_(a)),
        }),
        Reciprocal => unary!(Reciprocal, t, T => {
            float => map1_cold(o, x, |a: T| Float::reciprocal_(a)),
            complex => map1_cold(o, x, |a: T| a.reciprocal_()),
            int => map1_cold(o, x, |a: T| Int::reciprocal_(a)),
        }),
        Exp2 => inexact1!(Exp2, t, o, x, Exp2, exp2_, Underflow),
        Expm1 => inexact1!(Expm1, t, o, x, Expm1, expm1_, Overflow),
        Log2 => inexact1!(Log2, t, o, x, Log2, log2_, Pole),
        Log10 => inexact1!(Log10, t, o, x, Log10, log10_, Pole),
        Log1p => inexact1!(Log1p, t, o, x, Log1p, log1p_, Pole),
        Arcsin => inexact1!(Arcsin, t, o, x, Asin, asin_, Overflow),
        Arccos => inexact1!(Arccos, t, o, x, Acos, acos_, Overflow),
        Arctan => inexact1!(Arctan, t, o, x, Atan, atan_, Overflow),
        Sinh => inexact1!(Sinh, t, o, x, Sinh, sinh_, Overflow),
        Cosh => inexact1!(Cosh, t, o, x, Cosh, cosh_, Overflow),
        Tanh => inexact1!(Tanh, t, o, x, Tanh, tanh_, Overflow),
        Arcsinh => inexact1!(Arcsinh, t, o, x, Asinh, asinh_, Overflow),
        Arccosh => inexact1!(Arccosh, t, o, x, Acosh, acosh_, Overflow),
        Arctanh => inexact1!(Arctanh, t, o, x, Atanh, atanh_, Pole),
        Deg2rad | Radians => unary!(Deg2rad | Radians, t, T => {
            float => map1_cold(o, x, |a: T| a.deg2rad_()),
        }),
        Rad2deg | Degrees => unary!(Rad2deg | Degrees, t, T => {
            float => map1_cold(o, x, |a: T| a.rad2deg_()),
        }),
        // Integers and bools are their own floor, ceiling and truncation.
        Floor => unary!(Floor, t, T => { float => map1(o, x, |a: T| a.floor_()), _ => copy(o, x) }),
        Ceil => unary!(Ceil, t, T => { float => map1(o, x, |a: T| a.ceil_()), _ => copy(o, x) }),
        Trunc => unary!(Trunc, t, T => { float => map1(o, x, |a: T| a.trunc_()), _ => copy(o, x) }),
        Rint => unary!(Rint, t, T => {
            complex => map1(o, x, |a: T| a.rint_()),
            float => map1(o, x, |a: T| a.rint_()),
        }),
        LogicalNot => unary!(LogicalNot, signed t, T => {
            _ => map1(o, x, |a: T| Num::eq_(a, T::zero())),
        }),
        Invert => unary!(Invert, signed t, T => { _ => map1(o, x, |a: T| a.not_()) }),
        Isnan => unary!(Isnan, signed t, T => { _ => map1(o, x, |a: T| Num::is_nan_(a)) }),
        // Integers and bools are finite.
        Isinf => unary!(Isinf, t, T => {
            float => map1(o, x, |a: T| a.isinf_()),
            complex => map1(o, x, |a: T| a.isinf_()),
            _ => o.fill(crate::dtype::Wide::Bool(false)).expect("bool fill"),
        }),
        Isfinite => unary!(Isfinite, t, T => {
            float => map1(o, x, |a: T| a.isfinite_()),
            complex => map1(o, x, |a: T| a.isfinite_()),
            _ => o.fill(crate::dtype::Wide::Bool(true)).expect("bool fill"),
        }),
        Signbit => unary!(Signbit, t, T => { float => map1_cold(o, x, |a: T| a.signbit_()) }),
        Spacing => unary!(Spacing, t, T => { float => map1_cold(o, x, |a: T| a.spacing_()) }),
        // Real numbers are their own conjugate.
        Conjugate => unary!(Conjugate, t, T => {
            complex => map1_cold(o, x, |a: T| a.conj_()),
            _ => copy(o, x),
        }),
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
    // `signed`: wrapping arithmetic, equality and bitwise logic give the same bits for both
    // signs of a width: one loop per width serves both.
    match op {
        Add => binary!(Add, signed t, T => { _ => map2(o, x, y, |a: T, b: T| Num::add(a, b)) }),
        Subtract => binary!(Subtract, signed t, T => {
            _ => map2(o, x, y, |a: T, b: T| Num::sub(a, b)),
        }),
        // NumPy's complex loop fuses where the CPU has FMA (see `Cplx::mul_fused`).
        Multiply => binary!(Multiply, signed t, T => {
            complex => if fused_complex_loop(t, o, &[x, y]) {
                map2(o, x, y, |a: T, b: T| a.mul_fused(b))
            } else {
                map2(o, x, y, |a: T, b: T| Num::mul(a, b))
            },
            _ => map2(o, x, y, |a: T, b: T| Num::mul(a, b)),
        }),
        TrueDivide => binary!(TrueDivide, t, T => {
            // One complex divisor for the whole run: its part of the division once (`DivBy`).
            // (A divisor of one element may come with its own length-1 axes, not stride 0.)
            complex => if o.size() > 0
                && y.shape().iter().zip(y.strides()).all(|(&d, &s)| d <= 1 || s == 0)
            {
                // SAFETY: `y` has an element (the output has), at its data pointer.
                let d = cmath::DivBy::new(unsafe { *(y.data_ptr() as *const T) });
                map1(o, x, move |a: T| d.apply(a))
            } else {
                map2(o, x, y, |a: T, b: T| Num::div(a, b))
            },
            _ => map2(o, x, y, |a: T, b: T| Num::div(a, b)),
        }),
        FloorDivide => binary!(FloorDivide, t, T => {
            _ => map2(o, x, y, |a: T, b: T| Num::floor_div(a, b)),
        }),
        Remainder => {
            binary!(Remainder, t, T => { _ => map2(o, x, y, |a: T, b: T| Num::rem(a, b)) })
        }
        Fmod => binary!(Fmod, t, T => {
            float => map2_cold(o, x, y, |a: T, b: T| Float::fmod_(a, b)),
            int => map2_cold(o, x, y, |a: T, b: T| Int::fmod_(a, b)),
        }),
        Power | FloatPower => binary!(Power | FloatPower, t, T => {
            _ => map2(o, x, y, |a: T, b: T| Num::pow(a, b)),
        }),
        Equal => binary!(Equal, signed t, T => { _ => map2(o, x, y, |a: T, b: T| Num::eq_(a, b)) }),
        NotEqual => binary!(NotEqual, signed t, T => {
            _ => map2(o, x, y, |a: T, b: T| !Num::eq_(a, b)),
        }),
        Less => binary!(Less, t, T => {
            complex => map2_cold(o, x, y, |a: T, b: T| complex_less(a, b, false)),
            _ => map2(o, x, y, |a: T, b: T| Num::lt(a, b)),
        }),
        LessEqual => binary!(LessEqual, t, T => {
            complex => map2_cold(o, x, y, |a: T, b: T| complex_less(a, b, true)),
            _ => map2(o, x, y, |a: T, b: T| Num::le(a, b)),
        }),
        // x > y is y < x: one loop per type serves both.
        Greater => {
            const _: () = assert!(covers(Less.loops(), Greater.loops()));
            run_binary(Less, t, o, y, x)
        }
        GreaterEqual => {
            const _: () = assert!(covers(LessEqual.loops(), GreaterEqual.loops()));
            run_binary(LessEqual, t, o, y, x)
        }
        Maximum => binary!(Maximum, t, T => { _ => map2(o, x, y, |a: T, b: T| Num::max_(a, b)) }),
        Minimum => binary!(Minimum, t, T => { _ => map2(o, x, y, |a: T, b: T| Num::min_(a, b)) }),
        Fmax => binary!(Fmax, t, T => { _ => map2(o, x, y, |a: T, b: T| Num::fmax_(a, b)) }),
        Fmin => binary!(Fmin, t, T => { _ => map2(o, x, y, |a: T, b: T| Num::fmin_(a, b)) }),
        LogicalAnd => binary!(LogicalAnd, signed t, T => {
            _ => map2(o, x, y, |a: T, b: T| !Num::eq_(a, T::zero()) & !Num::eq_(b, T::zero())),
        }),
        LogicalOr => binary!(LogicalOr, signed t, T => {
            _ => map2(o, x, y, |a: T, b: T| !Num::eq_(a, T::zero()) | !Num::eq_(b, T::zero())),
        }),
        LogicalXor => binary!(LogicalXor, signed t, T => {
            _ => map2_cold(o, x, y, |a: T, b: T| Num::eq_(a, T::zero()) != Num::eq_(b, T::zero())),
        }),
        BitwiseAnd => binary!(BitwiseAnd, signed t, T => {
            _ => map2(o, x, y, |a: T, b: T| a.and_(b)),
        }),
        BitwiseOr => {
            binary!(BitwiseOr, signed t, T => { _ => map2(o, x, y, |a: T, b: T| a.or_(b)) })
        }
        BitwiseXor => binary!(BitwiseXor, signed t, T => {
            _ => map2(o, x, y, |a: T, b: T| a.xor_(b)),
        }),
        LeftShift => binary!(LeftShift, t, T => { int => map2(o, x, y, |a: T, b: T| a.shl_(b)) }),
        RightShift => binary!(RightShift, t, T => { int => map2(o, x, y, |a: T, b: T| a.shr_(b)) }),
        Gcd => binary!(Gcd, t, T => { int => map2_cold(o, x, y, |a: T, b: T| a.gcd_(b)) }),
        Lcm => binary!(Lcm, t, T => { int => map2_cold(o, x, y, |a: T, b: T| a.lcm_(b)) }),
        Arctan2 => binary!(Arctan2, t, T => { float => map2(o, x, y, |a: T, b: T| a.atan2_(b)) }),
        Hypot => binary!(Hypot, t, T => { float => map2(o, x, y, |a: T, b: T| a.hypot_(b)) }),
        Logaddexp => binary!(Logaddexp, t, T => {
            float => map2_cold(o, x, y, |a: T, b: T| a.logaddexp_(b)),
        }),
        Logaddexp2 => binary!(Logaddexp2, t, T => {
            float => map2_cold(o, x, y, |a: T, b: T| a.logaddexp2_(b)),
        }),
        Copysign => {
            binary!(Copysign, t, T => { float => map2(o, x, y, |a: T, b: T| a.copysign_(b)) })
        }
        Nextafter => binary!(Nextafter, t, T => {
            float => map2_cold(o, x, y, |a: T, b: T| a.nextafter_(b)),
        }),
        Heaviside => binary!(Heaviside, t, T => {
            float => map2_cold(o, x, y, |a: T, b: T| a.heaviside_(b)),
        }),
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
    func_set!(
        Divmod,
        by_class!(t, T, {
            _ => map2x2(q, r, x, y, |a: T, b: T| (Num::floor_div(a, b), Num::rem(a, b))),
        })
    )
}

pub fn run_frexp(t: DType, m: &Array, e: &Array, x: &Array) {
    func_set!(
        Frexp,
        by_class!(t, T, { float => map1x2(m, e, x, |a: T| a.frexp_()) })
    )
}

pub fn run_modf(t: DType, f: &Array, i: &Array, x: &Array) {
    func_set!(
        Modf,
        by_class!(t, T, { float => map1x2(f, i, x, |a: T| a.modf_()) })
    )
}

/// `ldexp(x, e)` with `e` already int32 or int64.
pub fn run_ldexp(t: DType, o: &Array, x: &Array, e: &Array) {
    if e.dtype() == DType::I32 {
        func_set!(
            Ldexp,
            by_class!(t, T, {
                float => map2(o, x, e, |a: T, b: i32| a.ldexp_(b as i64)),
            })
        )
    } else {
        func_set!(
            Ldexp,
            by_class!(t, T, { float => map2(o, x, e, |a: T, b: i64| a.ldexp_(b)) })
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::types::Func;
    use super::*;
    use crate::kernels::fpstatus;

    /// `[0, 1, 2]` as `t` (bool: `[false, true, true]`).
    fn small(t: DType) -> Array {
        Array::from_vec(vec![0.0f64, 1.0, 2.0], &[3])
            .unwrap()
            .astype(t)
            .unwrap()
    }

    /// A new output of the loop's result type, as `ufunc.rs` makes one.
    fn out(t: DType) -> Array {
        Array::zeros(&[3], t).unwrap()
    }

    /// Every loop type the resolver can pick has a compiled loop: the tables in `types.rs`
    /// and the loops here agree. (A listed type without a kernel no longer compiles; this
    /// also runs each arm once, the `signed` remapping and shared loops included.)
    #[test]
    fn every_listed_loop_runs() {
        for op in UnaryOp::ALL {
            assert!(!op.loops().is_empty(), "{op:?} has no loops");
            for &t in op.loops() {
                let o = out(op.output_dtype(t));
                fpstatus::collect(|| run_unary(op, t, &o, &small(t)));
            }
        }
        for op in BinaryOp::ALL {
            assert!(!op.loops().is_empty(), "{op:?} has no loops");
            for &t in op.loops() {
                let o = out(op.output_dtype(t));
                fpstatus::collect(|| run_binary(op, t, &o, &small(t), &small(t)));
                // A broadcast divisor takes complex division's one-divisor path.
                let one = Array::from_vec(vec![2.0f64], &[1])
                    .unwrap()
                    .astype(t)
                    .unwrap();
                let y = one.broadcast_to(&[3]).unwrap();
                fpstatus::collect(|| run_binary(op, t, &o, &small(t), &y));
            }
        }
        for f in [Func::Divmod, Func::Frexp, Func::Modf, Func::Ldexp] {
            for sig in f.loop_types() {
                let t = sig.ins[0];
                let (o0, o1) = (out(sig.outs[0]), out(sig.outs[1]));
                let (x, y) = (small(t), small(sig.ins[1]));
                fpstatus::collect(|| match f {
                    Func::Divmod => run_divmod(t, &o0, &o1, &x, &y),
                    Func::Frexp => run_frexp(t, &o0, &o1, &x),
                    Func::Modf => run_modf(t, &o0, &o1, &x),
                    _ => run_ldexp(t, &o0, &x, &y),
                });
            }
        }
    }

    #[test]
    fn op_tables_count_every_variant() {
        assert_eq!(BinaryOp::COUNT, BinaryOp::ALL.len());
        assert_eq!(BinaryOp::ALL.last(), Some(&BinaryOp::Lcm));
        assert!(BinaryOp::ALL
            .iter()
            .enumerate()
            .all(|(i, &op)| op as usize == i));
        assert!(UnaryOp::ALL
            .iter()
            .enumerate()
            .all(|(i, &op)| op as usize == i));
        assert_eq!(UnaryOp::COUNT, UnaryOp::ALL.len());
    }
}
