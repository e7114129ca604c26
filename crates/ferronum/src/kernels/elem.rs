//! Element functions of the ufuncs beyond `Num`'s arithmetic, by type class: `Float` for
//! float16/32/64 (float16 computes in float32 and rounds once, as NumPy's half loops do),
//! `Bits` for booleans and integers, `Int` for integers, `Cplx` for the complex types. The type
//! resolver only sends a type to a function NumPy has a loop of that type for.
//!
//! Transcendental functions go through `vmath`, written so the loops vectorise.

use super::cmath;
use super::fpstatus;
use super::scalar::Num;
use super::vmath::VMath;
use half::f16;
use num_complex::Complex;

pub trait Float: Num {
    fn floor_(self) -> Self;
    fn ceil_(self) -> Self;
    fn trunc_(self) -> Self;
    fn rint_(self) -> Self;
    fn cbrt_(self) -> Self;
    fn exp2_(self) -> Self;
    fn expm1_(self) -> Self;
    fn log2_(self) -> Self;
    fn log10_(self) -> Self;
    fn log1p_(self) -> Self;
    fn tan_(self) -> Self;
    fn sinh_(self) -> Self;
    fn cosh_(self) -> Self;
    fn tanh_(self) -> Self;
    fn asin_(self) -> Self;
    fn acos_(self) -> Self;
    fn atan_(self) -> Self;
    fn asinh_(self) -> Self;
    fn acosh_(self) -> Self;
    fn atanh_(self) -> Self;
    fn atan2_(self, x: Self) -> Self;
    fn hypot_(self, o: Self) -> Self;
    fn copysign_(self, o: Self) -> Self;
    fn nextafter_(self, o: Self) -> Self;
    fn spacing_(self) -> Self;
    fn heaviside_(self, h0: Self) -> Self;
    fn logaddexp_(self, o: Self) -> Self;
    fn logaddexp2_(self, o: Self) -> Self;
    fn deg2rad_(self) -> Self;
    fn rad2deg_(self) -> Self;
    fn fmod_(self, o: Self) -> Self;
    fn sign_(self) -> Self;
    fn reciprocal_(self) -> Self;
    fn signbit_(self) -> bool;
    fn isinf_(self) -> bool;
    fn isfinite_(self) -> bool;
    /// `(fractional part, integral part)`, both with the sign of `self`.
    fn modf_(self) -> (Self, Self);
    /// `(mantissa in [0.5, 1), exponent)`; zero, inf and NaN give themselves and 0.
    fn frexp_(self) -> (Self, i32);
    fn ldexp_(self, e: i64) -> Self;
    /// `exp` where `exp_fast_ok_` (normal results, cheaper), anything elsewhere.
    fn exp_fast_(self) -> Self;
    fn exp_fast_ok_(self) -> bool;
    /// Whether the branch-free sin/cos/tan are inaccurate here (huge arguments).
    fn trig_slow_(self) -> bool;
    /// sin, cos and tan by the standard library, for those arguments.
    fn sin_std(self) -> Self;
    fn cos_std(self) -> Self;
    fn tan_std(self) -> Self;
}

macro_rules! float_impl {
    ($t:ident, $bits:ty, $ln2:expr, $log2e:expr) => {
        impl Float for $t {
            #[inline(always)]
            fn floor_(self) -> Self {
                self.floor()
            }
            #[inline(always)]
            fn ceil_(self) -> Self {
                self.ceil()
            }
            #[inline(always)]
            fn trunc_(self) -> Self {
                self.trunc()
            }
            #[inline(always)]
            fn rint_(self) -> Self {
                self.round_ties_even()
            }
            #[inline(always)]
            fn cbrt_(self) -> Self {
                self.v_cbrt()
            }
            #[inline(always)]
            fn exp2_(self) -> Self {
                self.v_exp2()
            }
            #[inline(always)]
            fn expm1_(self) -> Self {
                self.v_expm1()
            }
            #[inline(always)]
            fn log2_(self) -> Self {
                self.v_log2()
            }
            #[inline(always)]
            fn log10_(self) -> Self {
                self.v_log10()
            }
            #[inline(always)]
            fn log1p_(self) -> Self {
                self.v_log1p()
            }
            #[inline(always)]
            fn tan_(self) -> Self {
                self.v_tan()
            }
            #[inline(always)]
            fn sinh_(self) -> Self {
                self.v_sinh()
            }
            #[inline(always)]
            fn cosh_(self) -> Self {
                self.v_cosh()
            }
            #[inline(always)]
            fn tanh_(self) -> Self {
                self.v_tanh()
            }
            #[inline(always)]
            fn asin_(self) -> Self {
                self.v_arcsin()
            }
            #[inline(always)]
            fn acos_(self) -> Self {
                self.v_arccos()
            }
            #[inline(always)]
            fn atan_(self) -> Self {
                self.v_arctan()
            }
            #[inline(always)]
            fn asinh_(self) -> Self {
                self.v_arcsinh()
            }
            #[inline(always)]
            fn acosh_(self) -> Self {
                self.v_arccosh()
            }
            #[inline(always)]
            fn atanh_(self) -> Self {
                self.v_arctanh()
            }
            #[inline(always)]
            fn atan2_(self, x: Self) -> Self {
                self.v_arctan2(x)
            }
            #[inline(always)]
            fn hypot_(self, o: Self) -> Self {
                self.v_hypot(o)
            }
            #[inline(always)]
            fn copysign_(self, o: Self) -> Self {
                self.copysign(o)
            }
            fn nextafter_(self, o: Self) -> Self {
                if self.is_nan() || o.is_nan() {
                    return self + o;
                }
                if self == o {
                    return o;
                }
                if self == 0.0 {
                    // The smallest subnormal with the sign of the direction.
                    return <$t>::from_bits(1).copysign(o);
                }
                let b = self.to_bits();
                let away = (self < o) == (self > 0.0);
                let r = <$t>::from_bits(if away { b + 1 } else { b - 1 });
                if r.is_infinite() {
                    fpstatus::raise(fpstatus::OVERFLOW);
                }
                r
            }
            fn spacing_(self) -> Self {
                if self.is_nan() {
                    return self;
                }
                if self.is_infinite() {
                    return <$t>::NAN;
                }
                if self == 0.0 {
                    // NumPy's spacing of either zero is the smallest positive subnormal.
                    return <$t>::from_bits(1);
                }
                let toward = if self.is_sign_negative() {
                    <$t>::NEG_INFINITY
                } else {
                    <$t>::INFINITY
                };
                self.nextafter_(toward) - self
            }
            #[inline(always)]
            fn heaviside_(self, h0: Self) -> Self {
                if self < 0.0 {
                    0.0
                } else if self > 0.0 {
                    1.0
                } else if self == 0.0 {
                    h0
                } else {
                    self
                }
            }
            fn logaddexp_(self, o: Self) -> Self {
                if self == o {
                    // Also inf + inf, where the difference would be NaN.
                    return self + $ln2;
                }
                // The C library's exp and log1p, as NumPy's loop calls them: the sum cancels
                // when the two are close to -log(2) apart, multiplying log1p's error by up to
                // ten (the vectorised pair was 8 ulp off there).
                let d = self - o;
                if d > 0.0 {
                    self + (-d).exp().ln_1p()
                } else if d <= 0.0 {
                    o + d.exp().ln_1p()
                } else {
                    // A NaN difference: NumPy's `d > 0` raised "invalid".
                    fpstatus::raise_invalid();
                    d
                }
            }
            fn logaddexp2_(self, o: Self) -> Self {
                if self == o {
                    return self + 1.0;
                }
                let d = self - o;
                if d > 0.0 {
                    self + (-d).exp2().ln_1p() * $log2e
                } else if d <= 0.0 {
                    o + d.exp2().ln_1p() * $log2e
                } else {
                    // A NaN difference: NumPy's `d > 0` raised "invalid".
                    fpstatus::raise_invalid();
                    d
                }
            }
            #[inline(always)]
            fn deg2rad_(self) -> Self {
                self * (core::$t::consts::PI / 180.0)
            }
            #[inline(always)]
            fn rad2deg_(self) -> Self {
                self * (180.0 / core::$t::consts::PI)
            }
            #[inline(always)]
            fn fmod_(self, o: Self) -> Self {
                self % o
            }
            #[inline(always)]
            fn sign_(self) -> Self {
                if self > 0.0 {
                    1.0
                } else if self < 0.0 {
                    -1.0
                } else if self == 0.0 {
                    0.0
                } else {
                    self
                }
            }
            #[inline(always)]
            fn reciprocal_(self) -> Self {
                1.0 / self
            }
            #[inline(always)]
            fn signbit_(self) -> bool {
                self.is_sign_negative()
            }
            #[inline(always)]
            fn isinf_(self) -> bool {
                self.is_infinite()
            }
            #[inline(always)]
            fn isfinite_(self) -> bool {
                self.is_finite()
            }
            fn modf_(self) -> (Self, Self) {
                if self.is_infinite() {
                    return ((0.0 as $t).copysign(self), self);
                }
                let i = self.trunc();
                ((self - i).copysign(self), i)
            }
            fn frexp_(self) -> (Self, i32) {
                if self == 0.0 || !self.is_finite() {
                    return (self, 0);
                }
                const MANT: u32 = <$t>::MANTISSA_DIGITS - 1;
                const BIAS: i32 = <$t>::MAX_EXP - 2;
                let (x, adj) = if self.abs() < <$t>::MIN_POSITIVE {
                    // Subnormal: scale into the normal range first.
                    (self * (2.0 as $t).powi(MANT as i32 + 1), MANT as i32 + 1)
                } else {
                    (self, 0)
                };
                let b = x.to_bits();
                let e = ((b >> MANT) as i32 & ((1 << (<$bits>::BITS - MANT - 1)) - 1)) - BIAS;
                let mask: $bits = !((((1 as $bits) << (<$bits>::BITS - MANT - 1)) - 1) << MANT);
                let m = <$t>::from_bits((b & mask) | ((BIAS as $bits) << MANT));
                (m, e - adj)
            }
            #[inline(always)]
            fn exp_fast_(self) -> Self {
                self.v_exp_normal()
            }
            #[inline(always)]
            fn exp_fast_ok_(self) -> bool {
                self.v_exp_normal_ok()
            }
            #[inline(always)]
            fn trig_slow_(self) -> bool {
                self.v_trig_needs_slow()
            }
            fn sin_std(self) -> Self {
                self.sin()
            }
            fn cos_std(self) -> Self {
                self.cos()
            }
            fn tan_std(self) -> Self {
                self.tan()
            }
            fn ldexp_(self, e: i64) -> Self {
                if self == 0.0 || !self.is_finite() {
                    return self;
                }
                // Scale in steps that cannot overflow the exponent, so subnormal results round
                // once at the end the way `ldexp` does.
                let e = e.clamp(-10_000, 10_000) as i32;
                let step = <$t>::MAX_EXP - 1;
                let mut x = self;
                let mut left = e;
                while left > step {
                    x *= (2.0 as $t).powi(step);
                    left -= step;
                }
                while left < -step {
                    x *= (2.0 as $t).powi(-step);
                    left += step;
                }
                let r = x * (2.0 as $t).powi(left);
                if r.is_infinite() {
                    fpstatus::raise(fpstatus::OVERFLOW);
                }
                r
            }
        }
    };
}

float_impl!(f32, u32, core::f32::consts::LN_2, core::f32::consts::LOG2_E);
float_impl!(f64, u64, core::f64::consts::LN_2, core::f64::consts::LOG2_E);

macro_rules! half_1 {
    ($($name:ident),*) => {
        $(
            #[inline(always)]
            fn $name(self) -> Self {
                f16::from_f32(Float::$name(self.to_f32()))
            }
        )*
    };
}
macro_rules! half_2 {
    ($($name:ident),*) => {
        $(
            #[inline(always)]
            fn $name(self, o: Self) -> Self {
                f16::from_f32(Float::$name(self.to_f32(), o.to_f32()))
            }
        )*
    };
}

impl Float for f16 {
    half_1!(
        floor_,
        ceil_,
        trunc_,
        rint_,
        cbrt_,
        exp2_,
        expm1_,
        log2_,
        log10_,
        log1p_,
        tan_,
        sinh_,
        cosh_,
        tanh_,
        asin_,
        acos_,
        atan_,
        asinh_,
        acosh_,
        atanh_,
        deg2rad_,
        rad2deg_,
        sign_,
        reciprocal_
    );
    half_2!(
        atan2_,
        hypot_,
        copysign_,
        heaviside_,
        logaddexp_,
        logaddexp2_,
        fmod_
    );
    fn nextafter_(self, o: Self) -> Self {
        // In float16's own spacing: widening would step in float32's.
        if self.is_nan() || o.is_nan() {
            return f16::from_f32(self.to_f32() + o.to_f32());
        }
        if self == o {
            // NumPy's half nextafter keeps x here (C's keeps y): nextafter(-0, 0) is -0.
            return self;
        }
        let b = self.to_bits();
        if b & 0x7fff == 0 {
            return f16::from_bits(1 | (o.to_bits() & 0x8000));
        }
        let away = (self < o) == (self > f16::ZERO);
        let r = f16::from_bits(if away { b + 1 } else { b - 1 });
        if r.is_infinite() {
            fpstatus::raise(fpstatus::OVERFLOW);
        }
        r
    }
    fn spacing_(self) -> Self {
        // NumPy's half spacing, from the bits: always positive, and for a negative power of
        // two the gap toward zero (spacing(-1) is 2^-11).
        let h = self.to_bits();
        let (exp, sig) = (h & 0x7c00, h & 0x03ff);
        let bits = if exp == 0x7c00 {
            // Infinities and NaN alike (NumPy's half loop flags NaN too).
            fpstatus::raise_invalid();
            return f16::NAN;
        } else if h == 0x7bff {
            fpstatus::raise(fpstatus::OVERFLOW);
            return f16::INFINITY;
        } else if h & 0x8000 != 0 && sig == 0 {
            if exp > 0x2c00 {
                exp - 0x2c00
            } else if exp > 0x0400 {
                1 << ((exp >> 10) - 2)
            } else {
                1
            }
        } else if exp > 0x2800 {
            exp - 0x2800
        } else if exp > 0x0400 {
            1 << ((exp >> 10) - 1)
        } else {
            1
        };
        f16::from_bits(bits)
    }
    fn signbit_(self) -> bool {
        self.is_sign_negative()
    }
    fn isinf_(self) -> bool {
        self.is_infinite()
    }
    fn isfinite_(self) -> bool {
        self.is_finite()
    }
    fn modf_(self) -> (Self, Self) {
        let (f, i) = self.to_f32().modf_();
        (f16::from_f32(f), f16::from_f32(i))
    }
    fn frexp_(self) -> (Self, i32) {
        let (m, e) = self.to_f32().frexp_();
        (f16::from_f32(m), e)
    }
    fn ldexp_(self, e: i64) -> Self {
        f16::from_f32(self.to_f32().ldexp_(e))
    }
    fn exp_fast_(self) -> Self {
        Num::exp(self)
    }
    fn exp_fast_ok_(self) -> bool {
        // e^9 and e^-9 are normal float16 numbers
        self.to_f32().abs() < 9.0
    }
    fn trig_slow_(self) -> bool {
        false
    }
    fn sin_std(self) -> Self {
        f16::from_f32(self.to_f32().sin())
    }
    fn cos_std(self) -> Self {
        f16::from_f32(self.to_f32().cos())
    }
    fn tan_std(self) -> Self {
        f16::from_f32(self.to_f32().tan())
    }
}

/// Bitwise operations: booleans and integers.
pub trait Bits: Copy {
    fn and_(self, o: Self) -> Self;
    fn or_(self, o: Self) -> Self;
    fn xor_(self, o: Self) -> Self;
    fn not_(self) -> Self;
}

impl Bits for bool {
    #[inline(always)]
    fn and_(self, o: Self) -> Self {
        self & o
    }
    #[inline(always)]
    fn or_(self, o: Self) -> Self {
        self | o
    }
    #[inline(always)]
    fn xor_(self, o: Self) -> Self {
        self ^ o
    }
    #[inline(always)]
    fn not_(self) -> Self {
        !self
    }
}

/// Integer functions with NumPy's edge cases (shifts past the width, zero divisors).
pub trait Int: Num + Bits {
    fn shl_(self, o: Self) -> Self;
    fn shr_(self, o: Self) -> Self;
    fn gcd_(self, o: Self) -> Self;
    fn lcm_(self, o: Self) -> Self;
    fn fmod_(self, o: Self) -> Self;
    fn sign_(self) -> Self;
    fn reciprocal_(self) -> Self;
}

macro_rules! int_impl {
    ($t:ty, $u:ty, $w:ty) => {
        impl Bits for $t {
            #[inline(always)]
            fn and_(self, o: Self) -> Self {
                self & o
            }
            #[inline(always)]
            fn or_(self, o: Self) -> Self {
                self | o
            }
            #[inline(always)]
            fn xor_(self, o: Self) -> Self {
                self ^ o
            }
            #[inline(always)]
            fn not_(self) -> Self {
                !self
            }
        }
        impl Int for $t {
            #[inline(always)]
            fn shl_(self, o: Self) -> Self {
                // The count is read as unsigned: negative counts are huge and give 0.
                let c = o as $u;
                if c < <$t>::BITS as $u {
                    self << c
                } else {
                    0
                }
            }
            #[inline(always)]
            #[allow(unused_comparisons)]
            fn shr_(self, o: Self) -> Self {
                let c = o as $u;
                if c < <$t>::BITS as $u {
                    self >> c
                } else if self < 0 {
                    !0
                } else {
                    0
                }
            }
            fn gcd_(self, o: Self) -> Self {
                // On magnitudes, as NumPy does: |MIN| (the wrapped abs, read unsigned) is
                // 2^(bits-1), so gcd(MIN, -7) is 1.
                let (mut a, mut b) = (Num::abs(self) as $u, Num::abs(o) as $u);
                while b != 0 {
                    let t = a % b;
                    a = b;
                    b = t;
                }
                a as $t
            }
            fn lcm_(self, o: Self) -> Self {
                // NumPy's |a| / gcd * |b| on magnitudes in the unsigned C type its loop uses
                // ($w: unsigned int up to 32 bits), wrapped there and then truncated.
                let g = self.gcd_(o) as $u as $w;
                if g == 0 {
                    return 0;
                }
                let (a, b) = (Num::abs(self) as $u as $w, Num::abs(o) as $u as $w);
                (a / g).wrapping_mul(b) as $t
            }
            #[inline(always)]
            fn fmod_(self, o: Self) -> Self {
                if o == 0 {
                    fpstatus::raise_divide();
                    return 0;
                }
                self.wrapping_rem(o)
            }
            #[inline(always)]
            #[allow(unused_comparisons)]
            fn sign_(self) -> Self {
                (self > 0) as $t - ((self < 0) as $t)
            }
            #[allow(unused_comparisons)]
            fn reciprocal_(self) -> Self {
                // NumPy computes `1.0 / x` and casts back: 0 except for 1 and -1, and for 0
                // the cast of inf (with its warnings). x86 gives the integer indefinite, MIN, for
                // int32 and int64; int8 and int16 truncate int32's MIN to 0.
                match self {
                    0 => {
                        fpstatus::raise(fpstatus::DIVIDE | fpstatus::INVALID);
                        if <$t>::MIN < 0 && std::mem::size_of::<$t>() >= 4 {
                            <$t>::MIN
                        } else {
                            0
                        }
                    }
                    1 => 1,
                    x if x < 0 && x.wrapping_add(1) == 0 => x,
                    _ => 0,
                }
            }
        }
    };
}

int_impl!(i8, u8, u32);
int_impl!(i16, u16, u32);
int_impl!(i32, u32, u32);
int_impl!(i64, u64, u64);
int_impl!(u8, u8, u32);
int_impl!(u16, u16, u32);
int_impl!(u32, u32, u32);
int_impl!(u64, u64, u64);

/// Complex functions, as NumPy's `npy_c*` (C99 complex math) compute them.
pub trait Cplx: Num {
    fn apply(self, f: CFn) -> Self;
    fn sign_(self) -> Self;
    fn rint_(self) -> Self;
    fn conj_(self) -> Self;
    fn reciprocal_(self) -> Self;
    /// The product as NumPy's multiply loop computes it where the CPU has FMA:
    /// `fma(ar, br, -(ai bi)) + fma(ar, bi, ai br) i`, which keeps `3 * M - 4 * M` at -inf
    /// where the plain formula overflows both terms to inf - inf = NaN. Only the ufunc
    /// (`multiply`, `square`) contracts; NumPy's reductions, einsum and scalars do not.
    fn mul_fused(self, o: Self) -> Self;
    fn isinf_(self) -> bool;
    fn isfinite_(self) -> bool;
}

/// The complex functions `Cplx::apply` computes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CFn {
    Exp2,
    Expm1,
    Log2,
    Log10,
    Log1p,
    Tan,
    Asin,
    Acos,
    Atan,
    Sinh,
    Cosh,
    Tanh,
    Asinh,
    Acosh,
    Atanh,
}

impl<T: num_traits::Float + num_traits::FloatConst> Cplx for Complex<T>
where
    Complex<T>: Num,
{
    fn apply(self, f: CFn) -> Self {
        let one = T::one();
        match f {
            CFn::Exp2 => cmath::exp2(self),
            CFn::Expm1 => {
                // exp(x)(cos y + i sin y) - 1, with cos y - 1 = -2 sin²(y/2) to keep precision.
                let h = (self.im / (one + one)).sin();
                Complex::new(
                    self.re.exp_m1() * self.im.cos() - (one + one) * h * h,
                    self.re.exp() * self.im.sin(),
                )
            }
            CFn::Log2 => cmath::log2(self),
            CFn::Log10 => cmath::log10(self),
            CFn::Log1p => {
                let l = (self.re + one).hypot(self.im);
                Complex::new(l.ln(), self.im.atan2(self.re + one))
            }
            CFn::Tan => cmath::tan(self),
            CFn::Asin => cmath::asin(self),
            CFn::Acos => cmath::acos(self),
            CFn::Atan => cmath::atan(self),
            CFn::Sinh => cmath::sinh(self),
            CFn::Cosh => cmath::cosh(self),
            CFn::Tanh => cmath::tanh(self),
            CFn::Asinh => cmath::asinh(self),
            CFn::Acosh => cmath::acosh(self),
            CFn::Atanh => cmath::atanh(self),
        }
    }
    fn sign_(self) -> Self {
        // NumPy 2: z / |z|, +0 for 0. An infinite |z| is read as an infinite part: a real one
        // gives +-1 + 0i, else 0 +- 1i (also where |z| overflowed from finite parts), both
        // NaN. The zeros are +0 whatever the signs of the input's parts.
        let (z, o) = (T::zero(), T::one());
        let a = self.re.hypot(self.im);
        if a.is_nan() {
            Complex::new(T::nan(), T::nan())
        } else if a.is_infinite() {
            if self.re.is_infinite() {
                if self.im.is_infinite() {
                    Complex::new(T::nan(), T::nan())
                } else {
                    Complex::new(if self.re > z { o } else { -o }, z)
                }
            } else {
                Complex::new(z, if self.im > z { o } else { -o })
            }
        } else if a == z {
            Complex::new(z, z)
        } else {
            Complex::new(self.re / a, self.im / a)
        }
    }
    fn rint_(self) -> Self {
        Complex::new(self.re.round_ties_even_(), self.im.round_ties_even_())
    }
    fn conj_(self) -> Self {
        self.conj()
    }
    fn reciprocal_(self) -> Self {
        // Smith's division of 1 by z, as NumPy's loop (signs of zeros included).
        let (a, b) = (self.re, self.im);
        if a.abs() >= b.abs() {
            let r = b / a;
            let d = a + b * r;
            Complex::new(T::one() / d, -r / d)
        } else {
            if a.is_nan() || b.is_nan() {
                // NumPy's `<=` is an ordered comparison, which raises "invalid" for NaN.
                fpstatus::raise_invalid();
            }
            let r = a / b;
            let d = b + a * r;
            Complex::new(r / d, -T::one() / d)
        }
    }
    #[inline(always)]
    fn mul_fused(self, o: Self) -> Self {
        Complex::new(
            self.re.mul_add(o.re, -(self.im * o.im)),
            self.re.mul_add(o.im, self.im * o.re),
        )
    }
    fn isinf_(self) -> bool {
        self.re.is_infinite() || self.im.is_infinite()
    }
    fn isfinite_(self) -> bool {
        self.re.is_finite() && self.im.is_finite()
    }
}

/// Round half to even on a generic float (`num_traits::Float` has no such method).
trait RoundEven {
    fn round_ties_even_(self) -> Self;
}
impl<T: num_traits::Float> RoundEven for T {
    fn round_ties_even_(self) -> Self {
        if !self.is_finite() {
            // Already integral (or NaN); `inf - inf` below would raise "invalid".
            return self;
        }
        let r = self.round();
        let two = T::one() + T::one();
        if (r - self).abs() == T::from(0.5).unwrap() && (r / two).fract() != T::zero() {
            r - (r - self) * two
        } else {
            r
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gcd_lcm_match_numpy_at_the_limits() {
        // Values NumPy 2.4 gives: magnitudes taken before wrapping, in unsigned C int for the
        // types up to 32 bits.
        assert_eq!(i8::MIN.gcd_(-7), 1);
        assert_eq!(i8::MIN.gcd_(i8::MIN), i8::MIN);
        assert_eq!(i32::MIN.gcd_(300), 4);
        assert_eq!(i64::MIN.gcd_(-7), 1);
        assert_eq!((-127i8).lcm_(6), -6);
        assert_eq!((-128i8).lcm_(2), -128);
        assert_eq!(2i32.lcm_(i32::MAX), -2);
        assert_eq!(300i32.lcm_(i32::MAX), -300);
        assert_eq!(2i16.lcm_(-3), 6);
        assert_eq!(0u8.lcm_(5), 0);
        assert_eq!(200u8.lcm_(3), 88);
    }

    #[test]
    fn float_edges_follow_numpy() {
        assert_eq!(2.5f64.rint_(), 2.0);
        assert_eq!((-3.5f64).rint_(), -4.0);
        assert_eq!(1.0f64.nextafter_(2.0), 1.0 + f64::EPSILON);
        assert_eq!(0.0f64.nextafter_(-1.0), -f64::from_bits(1));
        assert_eq!(1.0f64.spacing_(), f64::EPSILON);
        assert_eq!((-1.0f64).spacing_(), -f64::EPSILON);
        assert_eq!(8.0f64.frexp_(), (0.5, 4));
        assert_eq!(f64::from_bits(1).frexp_(), (0.5, -1073));
        assert_eq!(0.5f64.ldexp_(4), 8.0);
        assert_eq!(1.0f64.ldexp_(-1074), f64::from_bits(1));
        assert_eq!((-3.5f64).modf_(), (-0.5, -3.0));
        assert_eq!(0.0f64.heaviside_(0.5), 0.5);
        assert!((1.0f64.logaddexp_(1.0) - (1.0 + core::f64::consts::LN_2)).abs() < 1e-15);
        assert_eq!(
            f16::from_f32(1.0).nextafter_(f16::from_f32(2.0)).to_f32(),
            1.0009766
        );
    }

    #[test]
    fn integer_edges_follow_numpy() {
        assert_eq!(1i8.shl_(7), -128);
        assert_eq!(1i8.shl_(8), 0);
        assert_eq!(1i8.shl_(-1), 0);
        assert_eq!((-128i8).shr_(8), -1);
        assert_eq!((-128i8).shr_(-1), -1);
        assert_eq!((-4i64).gcd_(6), 2);
        assert_eq!((-4i64).lcm_(6), 12);
        // The integer minimum wraps instead of trapping.
        assert_eq!(i8::MIN.gcd_(0), i8::MIN);
        assert_eq!(i8::MIN.gcd_(-1), 1);
        assert_eq!(i8::MIN.lcm_(-1), i8::MIN);
        assert_eq!((-7i32).fmod_(2), -1);
        assert_eq!((-7i32).sign_(), -1);
        assert_eq!(2i32.reciprocal_(), 0);
        assert_eq!((-1i32).reciprocal_(), -1);
    }
}
