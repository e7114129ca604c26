//! Per-element arithmetic for every dtype, with NumPy's semantics: integer arithmetic wraps,
//! integer division and remainder by zero give 0, floor division and remainder of floats follow
//! NumPy's `divmod`, float16 computes in float32 and rounds once.
//!
//! Every type implements every method so that kernels are written once; the type resolver in
//! `ops::ufunc` never sends a type to an operation NumPy has no loop for (integer `sqrt` is
//! computed in floats, boolean `subtract` is refused), so those arms are placeholders.

use super::cmath;
use crate::dtype::Element;
use half::f16;
use num_complex::{Complex, Complex32, Complex64};

pub trait Num: Element {
    /// The type of `abs(x)`: the part type for complex numbers, else the type itself.
    type Real: Num;
    fn zero() -> Self;
    fn one() -> Self;
    /// The start of a maximum: the lowest value (`-inf` for floats, lexicographically for
    /// complex), and of a minimum: the highest.
    fn lowest() -> Self;
    fn highest() -> Self;
    fn add(self, o: Self) -> Self;
    fn sub(self, o: Self) -> Self;
    fn mul(self, o: Self) -> Self;
    fn div(self, o: Self) -> Self;
    fn floor_div(self, o: Self) -> Self;
    fn rem(self, o: Self) -> Self;
    fn pow(self, o: Self) -> Self;
    fn neg(self) -> Self;
    fn abs(self) -> Self::Real;
    /// `|x|^2`, the summand of the 2-norm.
    fn abs2(self) -> Self::Real;
    fn sqrt(self) -> Self;
    fn exp(self) -> Self;
    fn ln(self) -> Self;
    fn sin(self) -> Self;
    fn cos(self) -> Self;
    fn lt(self, o: Self) -> bool;
    fn le(self, o: Self) -> bool;
    fn eq_(self, o: Self) -> bool;
    /// NumPy's `maximum`/`minimum` of two values: NaN if either is NaN (for complex, the
    /// lexicographic order with the running value `self` kept on ties and when it is NaN).
    /// Integer and float types override these with forms that vectorise.
    #[inline(always)]
    fn max_(self, o: Self) -> Self {
        if self.is_nan_() | (!o.is_nan_() & o.le(self)) {
            self
        } else {
            o
        }
    }
    #[inline(always)]
    fn min_(self, o: Self) -> Self {
        if self.is_nan_() | (!o.is_nan_() & self.le(o)) {
            self
        } else {
            o
        }
    }
    /// NumPy's `fmax`/`fmin`: a NaN loses unless both are NaN.
    #[inline(always)]
    fn fmax_(self, o: Self) -> Self {
        if o.is_nan_() | (!self.is_nan_() & o.le(self)) {
            self
        } else {
            o
        }
    }
    #[inline(always)]
    fn fmin_(self, o: Self) -> Self {
        if o.is_nan_() | (!self.is_nan_() & self.le(o)) {
            self
        } else {
            o
        }
    }
    /// NaN (for complex: either part); never for integers.
    #[inline(always)]
    #[allow(clippy::eq_op)]
    fn is_nan_(self) -> bool {
        self != self
    }
    /// Whether `pow` with this exponent is undefined for integers (negative powers).
    fn is_negative_int(self) -> bool {
        false
    }
}

impl Num for bool {
    type Real = bool;
    fn zero() -> Self {
        false
    }
    fn one() -> Self {
        true
    }
    fn lowest() -> Self {
        false
    }
    fn highest() -> Self {
        true
    }
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        self | o
    }
    #[inline(always)]
    fn sub(self, o: Self) -> Self {
        self ^ o
    }
    #[inline(always)]
    fn mul(self, o: Self) -> Self {
        self & o
    }
    fn div(self, o: Self) -> Self {
        self & o
    }
    fn floor_div(self, o: Self) -> Self {
        self & o
    }
    fn rem(self, _o: Self) -> Self {
        false
    }
    fn pow(self, o: Self) -> Self {
        self | !o
    }
    fn neg(self) -> Self {
        self
    }
    fn abs(self) -> Self {
        self
    }
    fn abs2(self) -> Self {
        self
    }
    fn sqrt(self) -> Self {
        self
    }
    fn exp(self) -> Self {
        self
    }
    fn ln(self) -> Self {
        self
    }
    fn sin(self) -> Self {
        self
    }
    fn cos(self) -> Self {
        self
    }
    #[inline(always)]
    fn lt(self, o: Self) -> bool {
        !self & o
    }
    #[inline(always)]
    fn le(self, o: Self) -> bool {
        !self | o
    }
    #[inline(always)]
    fn eq_(self, o: Self) -> bool {
        self == o
    }
}

macro_rules! int_num {
    ($t:ty, signed: $signed:tt) => {
        impl Num for $t {
            type Real = $t;
            fn zero() -> Self {
                0
            }
            fn one() -> Self {
                1
            }
            #[inline(always)]
            fn max_(self, o: Self) -> Self {
                Ord::max(self, o)
            }
            #[inline(always)]
            fn min_(self, o: Self) -> Self {
                Ord::min(self, o)
            }
            #[inline(always)]
            fn fmax_(self, o: Self) -> Self {
                Ord::max(self, o)
            }
            #[inline(always)]
            fn fmin_(self, o: Self) -> Self {
                Ord::min(self, o)
            }
            fn lowest() -> Self {
                <$t>::MIN
            }
            fn highest() -> Self {
                <$t>::MAX
            }
            #[inline(always)]
            fn add(self, o: Self) -> Self {
                self.wrapping_add(o)
            }
            #[inline(always)]
            fn sub(self, o: Self) -> Self {
                self.wrapping_sub(o)
            }
            #[inline(always)]
            fn mul(self, o: Self) -> Self {
                self.wrapping_mul(o)
            }
            fn div(self, o: Self) -> Self {
                self.floor_div(o)
            }
            #[inline(always)]
            fn floor_div(self, o: Self) -> Self {
                if o == 0 {
                    super::fpstatus::raise_divide();
                    return 0;
                }
                #[allow(unused_comparisons)]
                if <$t>::MIN < 0 && self == <$t>::MIN && o.wrapping_add(1) == 0 {
                    super::fpstatus::raise_overflow();
                }
                let q = self.wrapping_div(o);
                #[allow(unused_comparisons)]
                let adjust = self.wrapping_rem(o) != 0 && ((self < 0) != (o < 0));
                if adjust {
                    q.wrapping_sub(1)
                } else {
                    q
                }
            }
            #[inline(always)]
            fn rem(self, o: Self) -> Self {
                if o == 0 {
                    super::fpstatus::raise_divide();
                    return 0;
                }
                let r = self.wrapping_rem(o);
                #[allow(unused_comparisons)]
                let adjust = r != 0 && ((r < 0) != (o < 0));
                if adjust {
                    r.wrapping_add(o)
                } else {
                    r
                }
            }
            #[inline(always)]
            fn pow(self, o: Self) -> Self {
                #[allow(unused_comparisons)]
                if o < 0 {
                    return 0;
                }
                let (mut base, mut e, mut acc) = (self, o, 1 as $t);
                while e != 0 {
                    if e & 1 == 1 {
                        acc = acc.wrapping_mul(base);
                    }
                    base = base.wrapping_mul(base);
                    e >>= 1;
                }
                acc
            }
            #[inline(always)]
            fn neg(self) -> Self {
                self.wrapping_neg()
            }
            #[inline(always)]
            fn abs(self) -> Self {
                int_num!(@abs self, $signed)
            }
            #[inline(always)]
            fn abs2(self) -> Self {
                self.wrapping_mul(self)
            }
            fn sqrt(self) -> Self {
                self
            }
            fn exp(self) -> Self {
                self
            }
            fn ln(self) -> Self {
                self
            }
            fn sin(self) -> Self {
                self
            }
            fn cos(self) -> Self {
                self
            }
            #[inline(always)]
            fn lt(self, o: Self) -> bool {
                self < o
            }
            #[inline(always)]
            fn le(self, o: Self) -> bool {
                self <= o
            }
            #[inline(always)]
            fn eq_(self, o: Self) -> bool {
                self == o
            }
            #[allow(unused_comparisons)]
            fn is_negative_int(self) -> bool {
                self < 0
            }
        }
    };
    (@abs $x:ident, true) => {
        $x.wrapping_abs()
    };
    (@abs $x:ident, false) => {
        $x
    };
}

int_num!(i8, signed: true);
int_num!(i16, signed: true);
int_num!(i32, signed: true);
int_num!(i64, signed: true);
int_num!(u8, signed: false);
int_num!(u16, signed: false);
int_num!(u32, signed: false);
int_num!(u64, signed: false);

/// NumPy's float `divmod`: the quotient rounded toward -inf and a remainder with the divisor's
/// sign, computed from `fmod` so that `a == q*b + r` as nearly as floats allow.
macro_rules! float_divmod {
    ($t:ty) => {
        /// `m = fmod(a, b)` moved to the divisor's sign (a zero takes that sign too), and
        /// whether it moved by `b`, which takes one from the quotient.
        #[inline(always)]
        fn to_divisor_sign(m: $t, b: $t) -> ($t, bool) {
            if m == 0.0 {
                ((0.0 as $t).copysign(b), false)
            } else if (b < 0.0) != (m < 0.0) {
                (m + b, true)
            } else {
                (m, false)
            }
        }

        /// The remainder of `divmod` alone: no quotient, whose overflow NumPy never reports.
        /// Not inlined, like `divmod`: in a vectorised loop every branch would be computed for
        /// every element, and NumPy's scalar loop flags only the branch it takes.
        #[inline(never)]
        pub fn modulo(a: $t, b: $t) -> $t {
            if a.is_nan() || b.is_nan() {
                return a + b;
            }
            let m = a % b;
            if b == 0.0 {
                m
            } else {
                to_divisor_sign(m, b).0
            }
        }

        #[inline(never)]
        pub fn divmod(a: $t, b: $t) -> ($t, $t) {
            if a.is_nan() || b.is_nan() {
                // Quietly, as NumPy's `fmod` and `isless`: the steps below would flag NaN.
                return (a + b, a + b);
            }
            let m = a % b;
            if b == 0.0 {
                return (a / b, m);
            }
            let mut div = (a - m) / b;
            let (m, moved) = to_divisor_sign(m, b);
            if moved {
                div -= 1.0;
            }
            let q = if div != 0.0 {
                let f = div.floor();
                if div - f > 0.5 {
                    f + 1.0
                } else {
                    f
                }
            } else {
                (0.0 as $t).copysign(a / b)
            };
            (q, m)
        }
    };
}

macro_rules! float_num {
    ($t:ty, $divmod:ident) => {
        mod $divmod {
            float_divmod!($t);
            pub(super) use self::divmod as f;
        }
        impl Num for $t {
            type Real = $t;
            fn zero() -> Self {
                0.0
            }
            fn one() -> Self {
                1.0
            }
            // NumPy's `maximum`: the first NaN wins, and on ties the second operand (so
            // `maximum(0.0, -0.0)` is `-0.0`). `a > b ? a : b` is exactly x86's `maxps`,
            // which gives `b` when either is NaN; a NaN `a` is then put back by a blend. Two
            // operations on a reduction's dependency chain, and no masked store.
            #[inline(always)]
            fn max_(self, o: Self) -> Self {
                let m = if self > o { self } else { o };
                if self.is_nan() {
                    self
                } else {
                    m
                }
            }
            #[inline(always)]
            fn min_(self, o: Self) -> Self {
                let m = if self < o { self } else { o };
                if self.is_nan() {
                    self
                } else {
                    m
                }
            }
            #[inline(always)]
            fn fmax_(self, o: Self) -> Self {
                <$t>::max(self, o)
            }
            #[inline(always)]
            fn fmin_(self, o: Self) -> Self {
                <$t>::min(self, o)
            }
            fn lowest() -> Self {
                <$t>::NEG_INFINITY
            }
            fn highest() -> Self {
                <$t>::INFINITY
            }
            #[inline(always)]
            fn add(self, o: Self) -> Self {
                self + o
            }
            #[inline(always)]
            fn sub(self, o: Self) -> Self {
                self - o
            }
            #[inline(always)]
            fn mul(self, o: Self) -> Self {
                self * o
            }
            #[inline(always)]
            fn div(self, o: Self) -> Self {
                self / o
            }
            #[inline(always)]
            fn floor_div(self, o: Self) -> Self {
                // NumPy divides by zero directly: inf or NaN with its own flag, and no
                // "invalid" from the remainder it would not compute.
                if o == 0.0 {
                    return self / o;
                }
                $divmod::f(self, o).0
            }
            #[inline(always)]
            fn rem(self, o: Self) -> Self {
                $divmod::modulo(self, o)
            }
            #[inline(always)]
            fn pow(self, o: Self) -> Self {
                // `pow(x, 2)` is exactly `x * x`; the multiply is cheaper.
                if o == 2.0 {
                    self * self
                } else {
                    self.powf(o)
                }
            }
            #[inline(always)]
            fn neg(self) -> Self {
                -self
            }
            #[inline(always)]
            fn abs(self) -> Self {
                self.abs()
            }
            #[inline(always)]
            fn abs2(self) -> Self {
                self * self
            }
            #[inline(always)]
            fn sqrt(self) -> Self {
                self.sqrt()
            }
            #[inline(always)]
            fn exp(self) -> Self {
                super::vmath::VMath::v_exp(self)
            }
            #[inline(always)]
            fn ln(self) -> Self {
                super::vmath::VMath::v_log(self)
            }
            #[inline(always)]
            fn sin(self) -> Self {
                super::vmath::VMath::v_sin(self)
            }
            #[inline(always)]
            fn cos(self) -> Self {
                super::vmath::VMath::v_cos(self)
            }
            #[inline(always)]
            fn lt(self, o: Self) -> bool {
                self < o
            }
            #[inline(always)]
            fn le(self, o: Self) -> bool {
                self <= o
            }
            #[inline(always)]
            fn eq_(self, o: Self) -> bool {
                self == o
            }
        }
    };
}

float_num!(f32, divmod_f32);
float_num!(f64, divmod_f64);

/// float16 arithmetic: widen to float32, compute, round once, as NumPy's half loops do.
macro_rules! via_f32 {
    ($($name:ident),*) => {
        $(
            #[inline(always)]
            fn $name(self) -> Self {
                f16::from_f32(self.to_f32().$name())
            }
        )*
    };
}
macro_rules! via_f32_2 {
    ($($name:ident),*) => {
        $(
            #[inline(always)]
            fn $name(self, o: Self) -> Self {
                f16::from_f32(Num::$name(self.to_f32(), o.to_f32()))
            }
        )*
    };
}

impl Num for f16 {
    type Real = f16;
    fn zero() -> Self {
        f16::ZERO
    }
    fn one() -> Self {
        f16::ONE
    }
    // NumPy's float16 loops are scalar, `a >= b || isnan(a) ? a : b`: on ties the first
    // operand (float32/64's SIMD loops give the second), and the operand's own bits.
    #[inline(always)]
    fn max_(self, o: Self) -> Self {
        let (a, b) = (self.to_f32(), o.to_f32());
        if a >= b || a.is_nan() {
            self
        } else {
            o
        }
    }
    #[inline(always)]
    fn min_(self, o: Self) -> Self {
        let (a, b) = (self.to_f32(), o.to_f32());
        if a <= b || a.is_nan() {
            self
        } else {
            o
        }
    }
    #[inline(always)]
    fn fmax_(self, o: Self) -> Self {
        f16::from_f32(self.to_f32().max(o.to_f32()))
    }
    #[inline(always)]
    fn fmin_(self, o: Self) -> Self {
        f16::from_f32(self.to_f32().min(o.to_f32()))
    }
    fn lowest() -> Self {
        f16::NEG_INFINITY
    }
    fn highest() -> Self {
        f16::INFINITY
    }
    via_f32_2!(add, sub, mul, div, floor_div, rem, pow);
    #[inline(always)]
    fn neg(self) -> Self {
        -self
    }
    #[inline(always)]
    fn abs(self) -> Self {
        f16::from_bits(self.to_bits() & 0x7fff)
    }
    #[inline(always)]
    fn abs2(self) -> Self {
        Num::mul(self, self)
    }
    fn ln(self) -> Self {
        f16::from_f32(self.to_f32().ln())
    }
    via_f32!(sqrt, exp, sin, cos);
    #[inline(always)]
    fn lt(self, o: Self) -> bool {
        self < o
    }
    #[inline(always)]
    fn le(self, o: Self) -> bool {
        self <= o
    }
    #[inline(always)]
    fn eq_(self, o: Self) -> bool {
        self == o
    }
}

macro_rules! complex_num {
    ($t:ty, $r:ty) => {
        impl Num for $t {
            type Real = $r;
            fn zero() -> Self {
                Complex::new(0.0, 0.0)
            }
            fn one() -> Self {
                Complex::new(1.0, 0.0)
            }
            fn lowest() -> Self {
                Complex::new(<$r>::NEG_INFINITY, <$r>::NEG_INFINITY)
            }
            fn highest() -> Self {
                Complex::new(<$r>::INFINITY, <$r>::INFINITY)
            }
            #[inline(always)]
            fn add(self, o: Self) -> Self {
                self + o
            }
            #[inline(always)]
            fn sub(self, o: Self) -> Self {
                self - o
            }
            #[inline(always)]
            fn mul(self, o: Self) -> Self {
                self * o
            }
            #[inline(always)]
            fn div(self, o: Self) -> Self {
                cmath::div(self, o)
            }
            fn floor_div(self, o: Self) -> Self {
                cmath::div(self, o)
            }
            fn rem(self, o: Self) -> Self {
                self - o
            }
            #[inline(always)]
            fn pow(self, o: Self) -> Self {
                cmath::pow(self, o)
            }
            #[inline(always)]
            fn neg(self) -> Self {
                -self
            }
            #[inline(always)]
            fn abs(self) -> $r {
                self.re.hypot(self.im)
            }
            #[inline(always)]
            fn abs2(self) -> $r {
                self.re * self.re + self.im * self.im
            }
            fn sqrt(self) -> Self {
                cmath::sqrt(self)
            }
            fn exp(self) -> Self {
                cmath::exp(self)
            }
            fn ln(self) -> Self {
                cmath::ln(self)
            }
            fn sin(self) -> Self {
                cmath::sin(self)
            }
            fn cos(self) -> Self {
                cmath::cos(self)
            }
            // NumPy orders complex numbers lexicographically.
            #[inline(always)]
            fn lt(self, o: Self) -> bool {
                self.re < o.re || (self.re == o.re && self.im < o.im)
            }
            #[inline(always)]
            fn le(self, o: Self) -> bool {
                self.re < o.re || (self.re == o.re && self.im <= o.im)
            }
            #[inline(always)]
            fn eq_(self, o: Self) -> bool {
                self == o
            }
        }
    };
}

complex_num!(Complex32, f32);
complex_num!(Complex64, f64);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_division_matches_numpy() {
        assert_eq!((-7i64).floor_div(2), -4);
        assert_eq!((-7i64).rem(2), 1);
        assert_eq!(7i64.rem(-2), -1);
        assert_eq!(5i32.floor_div(0), 0);
        assert_eq!(5u8.rem(0), 0);
        assert_eq!(i64::MIN.floor_div(-1), i64::MIN);
        assert_eq!(Num::pow(3i8, 5i8), -13);
    }

    #[test]
    fn float_divmod_matches_numpy() {
        assert_eq!((-7.0f64).floor_div(2.0), -4.0);
        assert_eq!((-7.0f64).rem(2.0), 1.0);
        assert_eq!(7.5f64.rem(-2.0), -0.5);
        assert!((1.0f64).rem(0.0).is_nan());
        assert_eq!((1.0f64).floor_div(0.0), f64::INFINITY);
        assert!((0.0f64).rem(-1.0).is_sign_negative());
    }

    #[test]
    fn complex_ops() {
        let z = Complex64::new(1.0, 2.0);
        assert_eq!(z.pow(Complex64::new(2.0, 0.0)), z * z);
        assert_eq!(z.abs(), 5f64.sqrt());
        assert!(Complex64::new(1.0, 0.0).lt(Complex64::new(1.0, 1.0)));
        let q = z.div(Complex64::new(0.0, 1.0));
        assert_eq!(q, Complex64::new(2.0, -1.0));
    }
}
