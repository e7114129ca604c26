//! Element functions for the transcendental ufuncs, written so that LLVM vectorises a plain
//! `for i in 0..n { o[i] = f(x[i]) }` loop around them (see `simd::multiversion!`).
//!
//! Placeholder: every function currently forwards to std; vectorised bodies replace them.

/// Element functions for the ufuncs; every method is `#[inline(always)]`, branch-free and
/// call-free where marked vectorised.
pub trait VMath: Copy {
    fn v_exp(self) -> Self;
    fn v_exp2(self) -> Self;
    fn v_expm1(self) -> Self;
    fn v_log(self) -> Self;
    fn v_log2(self) -> Self;
    fn v_log10(self) -> Self;
    fn v_log1p(self) -> Self;
    fn v_sin(self) -> Self;
    fn v_cos(self) -> Self;
    fn v_tan(self) -> Self;
    fn v_sinh(self) -> Self;
    fn v_cosh(self) -> Self;
    fn v_tanh(self) -> Self;
    fn v_arcsin(self) -> Self;
    fn v_arccos(self) -> Self;
    fn v_arctan(self) -> Self;
    fn v_arcsinh(self) -> Self;
    fn v_arccosh(self) -> Self;
    fn v_arctanh(self) -> Self;
    fn v_cbrt(self) -> Self;
    /// `self` is y, as `numpy.arctan2(y, x)`.
    fn v_arctan2(self, x: Self) -> Self;
    fn v_hypot(self, o: Self) -> Self;
}

macro_rules! std_impl {
    ($t:ty) => {
        impl VMath for $t {
            #[inline(always)]
            fn v_exp(self) -> Self {
                self.exp()
            }
            #[inline(always)]
            fn v_exp2(self) -> Self {
                self.exp2()
            }
            #[inline(always)]
            fn v_expm1(self) -> Self {
                self.exp_m1()
            }
            #[inline(always)]
            fn v_log(self) -> Self {
                self.ln()
            }
            #[inline(always)]
            fn v_log2(self) -> Self {
                self.log2()
            }
            #[inline(always)]
            fn v_log10(self) -> Self {
                self.log10()
            }
            #[inline(always)]
            fn v_log1p(self) -> Self {
                self.ln_1p()
            }
            #[inline(always)]
            fn v_sin(self) -> Self {
                self.sin()
            }
            #[inline(always)]
            fn v_cos(self) -> Self {
                self.cos()
            }
            #[inline(always)]
            fn v_tan(self) -> Self {
                self.tan()
            }
            #[inline(always)]
            fn v_sinh(self) -> Self {
                self.sinh()
            }
            #[inline(always)]
            fn v_cosh(self) -> Self {
                self.cosh()
            }
            #[inline(always)]
            fn v_tanh(self) -> Self {
                self.tanh()
            }
            #[inline(always)]
            fn v_arcsin(self) -> Self {
                self.asin()
            }
            #[inline(always)]
            fn v_arccos(self) -> Self {
                self.acos()
            }
            #[inline(always)]
            fn v_arctan(self) -> Self {
                self.atan()
            }
            #[inline(always)]
            fn v_arcsinh(self) -> Self {
                self.asinh()
            }
            #[inline(always)]
            fn v_arccosh(self) -> Self {
                self.acosh()
            }
            #[inline(always)]
            fn v_arctanh(self) -> Self {
                self.atanh()
            }
            #[inline(always)]
            fn v_cbrt(self) -> Self {
                self.cbrt()
            }
            #[inline(always)]
            fn v_arctan2(self, x: Self) -> Self {
                self.atan2(x)
            }
            #[inline(always)]
            fn v_hypot(self, o: Self) -> Self {
                self.hypot(o)
            }
        }
    };
}
std_impl!(f32);
std_impl!(f64);
