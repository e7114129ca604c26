//! Element functions for the transcendental ufuncs, written so that LLVM vectorises a plain
//! `for i in 0..n { o[i] = f(x[i]) }` loop around them (see `simd::multiversion!`): every
//! function is `#[inline(always)]`, has no data-dependent branch that cannot become a select,
//! calls nothing (no libm; `mul_add` is one instruction under the `fma` feature, `sqrt` one
//! under any), reads no table, and converts between floats and integers only through bit
//! patterns. Special cases are settled by selects at the end, so each lane computes the whole
//! formula.
//!
//! Accuracy (tests below, against libm and, offline, against 200-bit arithmetic): the f64
//! functions stay under 1 ulp of the correctly rounded result (fdlibm's reductions and
//! polynomials, with double-double steps where fdlibm would lose more); f32 exp and log run
//! in f32 lanes and are within 1 ulp of the correctly rounded result over all 2^32 inputs;
//! the other f32 functions evaluate an f64 formula and round once, so they are correctly
//! rounded but for rare near-ties.
//!
//! Trigonometric functions reduce by Cody–Waite with a three-part pi/2 in double-double
//! arithmetic, exact enough for |x| <= 2^36 (f64) or 2^50 (f32). Above that the result is
//! wrong (but finite and in range); `v_trig_needs_slow` marks such lanes so that the caller
//! can redo them with std (a fixup pass over the rare huge inputs).
//!
//! Speed needs FMA: in code compiled without the `fma` target feature (the portable copy of
//! a `multiversion!` loop, or any loop outside one) every `mul_add` becomes a call to libm's
//! `fma`, and these functions run 2-5x slower than std. Call them from AVX2+FMA (or AVX-512)
//! code, and use std elsewhere.

/// Element functions for the ufuncs; every method is `#[inline(always)]`, branch-free and
/// call-free.
pub trait VMath: Copy {
    fn v_exp(self) -> Self;
    /// `v_exp` bit for bit where `v_exp_normal_ok` (results that are normal numbers), and
    /// cheaper; anything elsewhere.
    fn v_exp_normal(self) -> Self;
    fn v_exp_normal_ok(self) -> bool;
    fn v_exp2(self) -> Self;
    fn v_expm1(self) -> Self;
    fn v_log(self) -> Self;
    fn v_log2(self) -> Self;
    fn v_log10(self) -> Self;
    fn v_log1p(self) -> Self;
    /// Accurate where `v_trig_needs_slow` is false; see there.
    fn v_sin(self) -> Self;
    /// As `v_sin`.
    fn v_cos(self) -> Self;
    /// As `v_sin`.
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
    /// True where `v_sin`/`v_cos`/`v_tan` of this value are not accurate (|x| above 2^36 for
    /// f64, 2^50 for f32, and infinities, though those give NaN as they should): the caller
    /// recomputes those elements with std (`x.sin()`, ...). Cheap; false for NaN.
    fn v_trig_needs_slow(self) -> bool;
}

/// The f64 formulas; the f32 methods reuse them.
mod d {
    #[inline(always)]
    pub(super) fn sel(c: bool, a: f64, b: f64) -> f64 {
        if c {
            a
        } else {
            b
        }
    }

    #[inline(always)]
    pub(super) fn fma(a: f64, b: f64, c: f64) -> f64 {
        a.mul_add(b, c)
    }

    /// 1.5·2^52: `x + SHIFT` rounds x to an integer held in the low mantissa bits (|x| < 2^51),
    /// the vector-friendly way to round and to convert to an integer.
    const SHIFT: f64 = 6755399441055744.0;
    const SHIFT_BITS: u64 = 0x4338_0000_0000_0000;
    const MANT: u64 = 0x000f_ffff_ffff_ffff;

    /// `y·2^k`, k given as the bits of `k + SHIFT`, |k| < 2000. Two factors, each a normal
    /// number, so that the first product is exact and only the second rounds (subnormal
    /// results) or overflows.
    #[inline(always)]
    fn scale(y: f64, kbits: u64) -> f64 {
        let kb = kbits.wrapping_sub(SHIFT_BITS - 2048); // k + 2048, positive
        let k1b = kb >> 1;
        let s1 = f64::from_bits(k1b.wrapping_sub(1) << 52); // 2^(k1b - 1024)
        let s2 = f64::from_bits(kb.wrapping_sub(k1b).wrapping_sub(1) << 52); // 2^(k - k1)
        y * s1 * s2
    }

    /// (s, e) with s + e = a + b exactly.
    #[inline(always)]
    fn two_sum(a: f64, b: f64) -> (f64, f64) {
        let s = a + b;
        let bb = s - a;
        (s, (a - (s - bb)) + (b - bb))
    }

    // ---- exp: fdlibm's reduction and rational form (< 1 ulp) ----

    const LN2_HI: f64 = 0.6931471803691238; // 32 bits: k·LN2_HI is exact for |k| < 2^21
    const LN2_LO: f64 = 1.9082149292705877e-10;
    const LN2: f64 = std::f64::consts::LN_2;
    const LN2_TAIL: f64 = 2.3190468138462996e-17;
    const INVLN2: f64 = std::f64::consts::LOG2_E;
    const P1: f64 = 0.16666666666666602;
    const P2: f64 = -0.0027777777777015593;
    const P3: f64 = 6.613756321437934e-05;
    const P4: f64 = -1.6533902205465252e-06;
    const P5: f64 = 4.1381367970572385e-08;

    /// exp(hi - lo) - 1 = hi + this, for |hi - lo| <= 0.35, with lo tiny next to hi.
    #[inline(always)]
    fn expm1_tail(hi: f64, lo: f64) -> f64 {
        let r = hi - lo;
        let t = r * r;
        let p = fma(t, fma(t, fma(t, fma(t, P5, P4), P3), P2), P1);
        let c = fma(-t, p, r);
        (r * c) / (2.0 - c) - lo
    }

    /// (hi, lo, k + SHIFT) with x = k·ln2 + hi - lo, hi exact, lo tiny; x is first clamped to
    /// where exp has already overflowed or underflowed, NaN passing through.
    #[inline(always)]
    fn exp_reduce(x: f64) -> (f64, f64, f64) {
        let x = sel(x > 711.0, 711.0, x); // sinh, cosh reach 710.47
        let x = sel(x < -746.0, -746.0, x);
        let kd = fma(x, INVLN2, SHIFT);
        let k = kd - SHIFT;
        (fma(-k, LN2_HI, x), k * LN2_LO, kd)
    }

    /// exp(hi - lo), in [0.7, 1.42].
    #[inline(always)]
    fn exp_small(hi: f64, lo: f64) -> f64 {
        // 1 + hi is added exactly (fast two-sum) so that only the final addition rounds
        let s = 1.0 + hi;
        s + (((1.0 - s) + hi) + expm1_tail(hi, lo))
    }

    #[inline(always)]
    pub(super) fn exp(x: f64) -> f64 {
        let (hi, lo, kd) = exp_reduce(x);
        scale(exp_small(hi, lo), kd.to_bits())
    }

    /// Where `exp_normal` is exact: the result is a normal number (and x is not NaN).
    #[inline(always)]
    pub(super) fn exp_normal_ok(x: f64) -> bool {
        x.abs() < 708.0
    }

    /// `exp(x)` for `exp_normal_ok(x)`, bit for bit: 2^k is applied by adding k to the result's
    /// exponent field instead of `scale`'s two products, and no clamping.
    #[inline(always)]
    pub(super) fn exp_normal(x: f64) -> f64 {
        let kd = fma(x, INVLN2, SHIFT);
        let k = kd - SHIFT;
        let y = exp_small(fma(-k, LN2_HI, x), k * LN2_LO);
        // k sits in kd's low mantissa bits (two's complement), so this shift is k·2^52
        f64::from_bits(y.to_bits().wrapping_add(kd.to_bits() << 52))
    }

    #[inline(always)]
    pub(super) fn exp2(x: f64) -> f64 {
        let x = sel(x > 1025.0, 1025.0, x);
        let x = sel(x < -1080.0, -1080.0, x);
        let kd = x + SHIFT;
        let t = x - (kd - SHIFT); // exact, |t| <= 1/2
                                  // r = t·ln2 = hi - lo to ~2^-100
        let hi = t * LN2;
        let lo = -(fma(t, LN2, -hi) + t * LN2_TAIL);
        let s = 1.0 + hi;
        let y = s + (((1.0 - s) + hi) + expm1_tail(hi, lo));
        scale(y, kd.to_bits())
    }

    /// 1/3!, ..., 1/14!: e^r - 1 - r - r²/2 over r³, to below 2^-58 of r²/2 for |r| <= ln2/2.
    const INV_FACT: [f64; 12] = [
        0.16666666666666666,
        0.041666666666666664,
        0.008333333333333333,
        0.001388888888888889,
        0.0001984126984126984,
        2.48015873015873e-05,
        2.7557319223985893e-06,
        2.755731922398589e-07,
        2.505210838544172e-08,
        2.08767569878681e-09,
        1.6059043836821613e-10,
        1.1470745597729725e-11,
    ];

    /// exp(x) - 1 = 2^k·(1 + hi + tail) - 1 = (2^k - 1) + 2^k·hi + 2^k·tail: the first two
    /// terms are exact and added as a double-double, so no cancellation loses anything.
    #[inline(always)]
    pub(super) fn expm1(x: f64) -> f64 {
        // below -60 the result rounds to -1; exp_reduce clamps the top
        let (hi, lo, kd) = exp_reduce(sel(x < -60.0, -60.0, x));
        // tail = e^r - 1 - hi. For k = 1 the result (~0.4) is smaller than the terms, so the
        // tail must be good to well under an ulp of its own: r = rh + rl and
        // r²/2 = rr/2 + rre/2 + rh·rl are kept exact (rounding r alone costs an ulp of it).
        let rh = hi - lo;
        let rl = (hi - rh) - lo;
        let rr = rh * rh;
        let rre = fma(rh, rh, -rr);
        let mut q = INV_FACT[11];
        for &c in INV_FACT[..11].iter().rev() {
            q = fma(q, rh, c);
        }
        let tail = fma(0.5, rr, fma(0.5, rre, fma(rh, rl, rr * rh * q)) - lo);
        let k = kd - SHIFT;
        let two_k = f64::from_bits(kd.to_bits().wrapping_sub(SHIFT_BITS - 1023) << 52);
        // 2^k - 1 is exact up to k = 53; above, the -1 joins the low part instead
        let one = sel(k > 53.0, 0.0, 1.0);
        let (s, e) = two_sum(two_k - one, two_k * hi);
        let small = s + fma(two_k, tail, e - (1.0 - one));
        // k = 1024: 2^k overflows, the -1 is far below an ulp
        let s = 1.0 + hi;
        let big = scale(s + (((1.0 - s) + hi) + tail), kd.to_bits());
        let y = sel(k > 1023.0, big, small);
        sel(x == 0.0, x, y)
    }

    // ---- log: fdlibm's reduction and polynomial (< 1 ulp) ----

    const SQRT_HALF_BITS: u64 = 0x3fe6_a09e_667f_3bcd;
    const TWO54: f64 = 1.8014398509481984e+16;
    const LG1: f64 = 0.6666666666666735;
    const LG2: f64 = 0.3999999999940942;
    const LG3: f64 = 0.2857142874366239;
    const LG4: f64 = 0.22222198432149784;
    const LG5: f64 = 0.1818357216161805;
    const LG6: f64 = 0.15313837699209373;
    const LG7: f64 = 0.14798198605116586;

    /// (k, f) with x = 2^k·(1 + f), 1 + f in [sqrt(1/2), sqrt(2)), for positive finite x
    /// (subnormals included); other inputs give finite garbage for the caller to replace.
    #[inline(always)]
    fn log_reduce(x: f64) -> (f64, f64) {
        let sub = x < f64::MIN_POSITIVE;
        let bits = sel(sub, x * TWO54, x).to_bits();
        let tmp = bits.wrapping_sub(SQRT_HALF_BITS);
        // k + 2048 in the low mantissa bits of 2^52 converts k exactly without a vector
        // i64 -> f64 conversion (AVX2 has none).
        let kb = (tmp >> 52).wrapping_add(2048) & 0xfff;
        let k = f64::from_bits(0x4330_0000_0000_0000 | kb) - (4503599627370496.0 + 2048.0);
        let k = k - sel(sub, 54.0, 0.0);
        let f = f64::from_bits((tmp & MANT).wrapping_add(SQRT_HALF_BITS)) - 1.0;
        (k, f)
    }

    /// (s, hfsq, R) of fdlibm: log(1 + f) = f - (hfsq - s·(hfsq + R)).
    #[inline(always)]
    fn log_poly(f: f64) -> (f64, f64, f64) {
        let s = f / (2.0 + f);
        let z = s * s;
        let w = z * z;
        let t1 = w * fma(w, fma(w, LG6, LG4), LG2);
        let t2 = z * fma(w, fma(w, fma(w, LG7, LG5), LG3), LG1);
        (s, 0.5 * f * f, t2 + t1)
    }

    /// log's special cases over the value computed for positive finite x.
    #[inline(always)]
    fn log_special(x: f64, y: f64) -> f64 {
        let y = sel(x == f64::INFINITY, x, y);
        let y = sel(x == 0.0, f64::NEG_INFINITY, y);
        sel(x >= 0.0, y, sel(x < 0.0, f64::NAN, x))
    }

    #[inline(always)]
    pub(super) fn log(x: f64) -> f64 {
        let (k, f) = log_reduce(x);
        let (s, hfsq, r) = log_poly(f);
        let y = fma(k, LN2_HI, -((hfsq - fma(s, hfsq + r, k * LN2_LO)) - f));
        log_special(x, y)
    }

    /// log(1 + x) = log(u) + c/u where u + c = 1 + x exactly.
    #[inline(always)]
    pub(super) fn log1p(x: f64) -> f64 {
        let (u, c) = two_sum(1.0, x);
        let (k, f) = log_reduce(u);
        let (s, hfsq, r) = log_poly(f);
        let y = fma(
            k,
            LN2_HI,
            -((hfsq - fma(s, hfsq + r, fma(k, LN2_LO, c / u))) - f),
        );
        let y = sel(x == f64::INFINITY, x, y);
        let y = sel(x == -1.0, f64::NEG_INFINITY, y);
        let y = sel(x == 0.0, x, y);
        sel(x >= -1.0, y, sel(x < -1.0, f64::NAN, x))
    }

    /// log(1 + f) as a double-double (hi, lo), from `log_poly`'s pieces.
    #[inline(always)]
    fn log1p_dd(f: f64, s: f64, hfsq: f64, r: f64) -> (f64, f64) {
        let hi = f - hfsq;
        let hfsq_err = fma(0.5 * f, f, -hfsq);
        // f - hi is exact (Sterbenz: hfsq <= |f|/4)
        (hi, (((f - hi) - hfsq) - hfsq_err) + s * (hfsq + r))
    }

    const INVLN2_TAIL: f64 = 2.0355273740931033e-17;
    const INVLN10: f64 = std::f64::consts::LOG10_E;
    const INVLN10_TAIL: f64 = 1.098319650216765e-17;
    const LOG10_2_HI: f64 = 0.3010299955494702; // 32 bits: k·LOG10_2_HI is exact
    const LOG10_2_LO: f64 = 1.1451100898021838e-10;

    /// log2(x) = k + log(1 + f)/ln2, the product in double-double and k added exactly, so
    /// that powers of two give exact integers.
    #[inline(always)]
    pub(super) fn log2(x: f64) -> f64 {
        let (k, f) = log_reduce(x);
        let (s, hfsq, r) = log_poly(f);
        let (hi, lo) = log1p_dd(f, s, hfsq, r);
        let ph = hi * INVLN2;
        let pl = fma(hi, INVLN2, -ph) + fma(hi, INVLN2_TAIL, lo * INVLN2);
        let sum = k + ph; // |ph| < 1/2 <= |k| unless k = 0: fast two-sum
        log_special(x, sum + (((k - sum) + ph) + pl))
    }

    #[inline(always)]
    pub(super) fn log10(x: f64) -> f64 {
        let (k, f) = log_reduce(x);
        let (s, hfsq, r) = log_poly(f);
        let (hi, lo) = log1p_dd(f, s, hfsq, r);
        let ph = hi * INVLN10;
        let pl = fma(hi, INVLN10, -ph) + fma(hi, INVLN10_TAIL, lo * INVLN10);
        let kh = k * LOG10_2_HI;
        let sum = kh + ph; // |ph| < 0.16 < |kh| unless k = 0
        log_special(x, sum + (((kh - sum) + ph) + fma(k, LOG10_2_LO, pl)))
    }

    // ---- sin, cos: Cody–Waite by pi/2 in double-double, fdlibm's kernels (< 1 ulp) ----

    const TWO_OVER_PI: f64 = std::f64::consts::FRAC_2_PI;
    const PIO2_1: f64 = std::f64::consts::FRAC_PI_2;
    const PIO2_2: f64 = 6.123233995736766e-17;
    const PIO2_3: f64 = -1.4973849048591698e-33;
    /// Above this the three-part pi/2 leaves more than ~2^-60 relative error in the reduced
    /// argument for the worst cases (which come within ~2^-61 of a multiple of pi/2).
    pub(super) const TRIG_MAX: f64 = 68719476736.0; // 2^36

    /// (quadrant in the low two bits, y0, y1) with x = q·pi/2 + y0 + y1, |y0| <= ~pi/4.
    #[inline(always)]
    fn trig_reduce(x: f64) -> (u64, f64, f64) {
        let t = fma(x, TWO_OVER_PI, SHIFT);
        let q = t - SHIFT;
        // Exact: q·PIO2_1 and x are both multiples of ulp(x) or 2^-52, and the difference
        // is below 2.
        let r1 = fma(-q, PIO2_1, x);
        let p = q * PIO2_2;
        let pe = fma(q, PIO2_2, -p);
        // two-sum r1 - p; |p| may exceed |r1| when x is close to a multiple of pi/2
        let r2 = r1 - p;
        let bb = r2 - r1;
        let e = (r1 - (r2 - bb)) - (p + bb);
        let lo = fma(-q, PIO2_3, e - pe);
        let y0 = r2 + lo;
        let y1 = (r2 - y0) + lo;
        (t.to_bits(), y0, y1)
    }

    const S1: f64 = -0.16666666666666632;
    const S2: f64 = 0.00833333333332249;
    const S3: f64 = -0.0001984126982985795;
    const S4: f64 = 2.7557313707070068e-06;
    const S5: f64 = -2.5050760253406863e-08;
    const S6: f64 = 1.58969099521155e-10;
    const C1: f64 = 0.0416666666666666;
    const C2: f64 = -0.001388888888887411;
    const C3: f64 = 2.480158728947673e-05;
    const C4: f64 = -2.7557314351390663e-07;
    const C5: f64 = 2.087572321298175e-09;
    const C6: f64 = -1.1359647557788195e-11;

    /// (sin(y0 + y1), cos(y0 + y1)) for |y0| <= ~pi/4.
    #[inline(always)]
    fn sincos_kernel(x: f64, y: f64) -> (f64, f64) {
        let z = x * x;
        let w = z * z;
        let rs = fma(z, fma(z, S4, S3), S2) + z * w * fma(z, S6, S5);
        let v = z * x;
        let s = x - ((z * (0.5 * y - v * rs) - y) - v * S1);
        let rc = z * fma(z, fma(z, C3, C2), C1) + w * w * fma(z, fma(z, C6, C5), C4);
        let hz = 0.5 * z;
        let w = 1.0 - hz;
        let c = w + (((1.0 - w) - hz) + (z * rc - x * y));
        (s, c)
    }

    /// Negates `v` where bit 1 of `q` is set.
    #[inline(always)]
    fn flip(v: f64, q: u64) -> f64 {
        f64::from_bits(v.to_bits() ^ ((q & 2) << 62))
    }

    #[inline(always)]
    pub(super) fn sin(x: f64) -> f64 {
        let (q, y0, y1) = trig_reduce(x);
        let (s, c) = sincos_kernel(y0, y1);
        let v = flip(sel(q & 1 != 0, c, s), q);
        sel(x == 0.0, x, v)
    }

    #[inline(always)]
    pub(super) fn cos(x: f64) -> f64 {
        let (q, y0, y1) = trig_reduce(x);
        let (s, c) = sincos_kernel(y0, y1);
        flip(sel(q & 1 != 0, s, c), q.wrapping_add(1))
    }

    // ---- tan: fdlibm's kernel on the same reduction ----

    const T: [f64; 13] = [
        0.3333333333333341,
        0.13333333333320124,
        0.05396825397622605,
        0.021869488294859542,
        0.0088632398235993,
        0.0035920791075913124,
        0.0014562094543252903,
        0.0005880412408202641,
        0.0002464631348184699,
        7.817944429395571e-05,
        7.140724913826082e-05,
        -1.8558637485527546e-05,
        2.590730518636337e-05,
    ];
    const PIO4_HI: f64 = std::f64::consts::FRAC_PI_4;
    const PIO4_LO: f64 = 3.061616997868383e-17;

    #[inline(always)]
    pub(super) fn tan(x: f64) -> f64 {
        let (q, y0, y1) = trig_reduce(x);
        // near pi/4, tan(y) = tan(pi/4 - y'), the polynomial taking the smaller y'
        let big = y0.abs() >= 0.6744;
        let neg = y0 < 0.0;
        let fx = sel(
            big,
            (PIO4_HI - y0.abs()) + (PIO4_LO - sel(neg, -y1, y1)),
            y0,
        );
        let fy = sel(big, 0.0, y1);
        let z = fx * fx;
        let w = z * z;
        let r = fma(
            w,
            fma(w, fma(w, fma(w, fma(w, T[11], T[9]), T[7]), T[5]), T[3]),
            T[1],
        );
        let v = z * fma(
            w,
            fma(w, fma(w, fma(w, fma(w, T[12], T[10]), T[8]), T[6]), T[4]),
            T[2],
        );
        let s = z * fx;
        let r = fma(T[0], s, fy + z * fma(s, r + v, fy));
        let w = fx + r;
        // odd quadrants want -1/tan
        let odd = q & 1 != 0;
        let iy = sel(odd, -1.0, 1.0);
        let vbig = iy - 2.0 * (fx - (w * w / (w + iy) - r));
        let vbig = sel(neg, -vbig, vbig);
        // -1/(fx + r) with fx + r = w + werr: a + a·(e + a·werr), e = 1 + a·w
        let a = -1.0 / w;
        let werr = r - (w - fx);
        let inv = fma(a, fma(a, werr, fma(a, w, 1.0)), a);
        let v = sel(big, vbig, sel(odd, inv, w));
        sel(x == 0.0, x, v)
    }

    // ---- sinh, cosh: e^|x|/2 as a double-double, a polynomial for small sinh ----

    /// (hh, hl) with hh + hl = e^a/2 to ~2^-60 relative, a >= 0 (overflowing to inf).
    #[inline(always)]
    fn exp_half_dd(a: f64) -> (f64, f64) {
        let (hi, lo, kd) = exp_reduce(a);
        let s = 1.0 + hi;
        let t = ((1.0 - s) + hi) + expm1_tail(hi, lo);
        let (yh, yl) = (s + t, (s - (s + t)) + t);
        let kb = kd.to_bits().wrapping_sub(1);
        (scale(yh, kb), scale(yl, kb))
    }

    /// 1/3!, 1/5!, ..., 1/19!: sinh(a) = a + a³·P(a²) to 2^-60 for a < 1.
    const SINH_P: [f64; 9] = [
        0.16666666666666666,
        0.008333333333333333,
        0.0001984126984126984,
        2.7557319223985893e-06,
        2.505210838544172e-08,
        1.6059043836821613e-10,
        7.647163731819816e-13,
        2.8114572543455206e-15,
        8.22063524662433e-18,
    ];

    #[inline(always)]
    pub(super) fn sinh(x: f64) -> f64 {
        let a = x.abs();
        let z = a * a;
        let mut p = SINH_P[8];
        for &c in SINH_P[..8].iter().rev() {
            p = fma(p, z, c);
        }
        let small = fma(a * z, p, a);
        let (hh, hl) = exp_half_dd(a);
        // e^-a/2 = 1/(4·(e^a/2)), with its rounding error
        let g = 0.25 / hh;
        let gl = (fma(-g, hh, 0.25) - g * hl) * (4.0 * g);
        let (s, e) = two_sum(hh, -g);
        let big = sel(hh == f64::INFINITY, hh, s + ((e + hl) - gl));
        sel(a < 1.0, small, big).copysign(x)
    }

    #[inline(always)]
    pub(super) fn cosh(x: f64) -> f64 {
        let (hh, hl) = exp_half_dd(x.abs());
        let g = 0.25 / hh;
        let gl = (fma(-g, hh, 0.25) - g * hl) * (4.0 * g);
        let (s, e) = two_sum(hh, g);
        sel(hh == f64::INFINITY, hh, s + ((e + hl) + gl))
    }

    // ---- arctan, arctan2: fdlibm's five intervals, chosen by selects ----

    const ATAN_HI: [f64; 4] = [
        0.4636476090008061,
        std::f64::consts::FRAC_PI_4,
        0.982793723247329,
        std::f64::consts::FRAC_PI_2,
    ];
    const ATAN_LO: [f64; 4] = [
        2.2698777452961687e-17,
        3.061616997868383e-17,
        1.3903311031230998e-17,
        6.123233995736766e-17,
    ];
    const AT: [f64; 11] = [
        0.3333333333333293,
        -0.19999999999876483,
        0.14285714272503466,
        -0.11111110405462356,
        0.09090887133436507,
        -0.0769187620504483,
        0.06661073137387531,
        -0.058335701337905735,
        0.049768779946159324,
        -0.036531572744216916,
        0.016285820115365782,
    ];

    /// atan(a) for a >= 0 (or NaN) as (hi, lo), hi a constant; `corr` is added to the
    /// argument to first order (the rounding error of a quotient).
    #[inline(always)]
    fn atan_dd<const CORR: bool>(a: f64, corr: f64) -> (f64, f64) {
        let c0 = a >= 0.4375;
        let c1 = a >= 0.6875;
        let c2 = a >= 1.1875;
        let c3 = a >= 2.4375;
        let pick = |v: [f64; 5]| sel(c3, v[4], sel(c2, v[3], sel(c1, v[2], sel(c0, v[1], v[0]))));
        // t = (n1·a + n0)/(d1·a + d0): a, (2a-1)/(2+a), (a-1)/(a+1), (a-1.5)/(1+1.5a), -1/a
        let n1 = pick([1.0, 2.0, 1.0, 1.0, 0.0]);
        let n0 = pick([0.0, -1.0, -1.0, -1.5, -1.0]);
        let d1 = pick([0.0, 1.0, 1.0, 1.5, 1.0]);
        let d0 = pick([1.0, 2.0, 1.0, 1.0, 0.0]);
        let hi = pick([0.0, ATAN_HI[0], ATAN_HI[1], ATAN_HI[2], ATAN_HI[3]]);
        let lo = pick([0.0, ATAN_LO[0], ATAN_LO[1], ATAN_LO[2], ATAN_LO[3]]);
        // past 1e300 the result is pi/2 anyway; clamping keeps 0·inf out of -1/a
        let a = sel(a > 1e300, 1e300, a);
        let den = fma(d1, a, d0);
        let t = fma(n1, a, n0) / den;
        // dt/da = (n1·d0 - n0·d1)/den², and datan/dt = 1/(1 + t²)
        let corr = if CORR {
            corr * fma(n1, d0, -n0 * d1) / (den * den * fma(t, t, 1.0))
        } else {
            0.0
        };
        let z = t * t;
        let w = z * z;
        let s1 = z * fma(
            w,
            fma(
                w,
                fma(w, fma(w, fma(w, AT[10], AT[8]), AT[6]), AT[4]),
                AT[2],
            ),
            AT[0],
        );
        let s2 = w * fma(w, fma(w, fma(w, fma(w, AT[9], AT[7]), AT[5]), AT[3]), AT[1]);
        (hi, -((fma(t, s1 + s2, -(lo + corr))) - t))
    }

    #[inline(always)]
    pub(super) fn atan(x: f64) -> f64 {
        let (hi, lo) = atan_dd::<false>(x.abs(), 0.0);
        (hi + lo).copysign(x)
    }

    const PI_HI: f64 = std::f64::consts::PI;
    const PI_LO: f64 = 1.2246467991473532e-16;

    /// atan2(y, x) = ±(atan(min/max), or pi/2 - it, then pi - that for x < 0), carried in
    /// double-double so that each reflection rounds once.
    #[inline(always)]
    pub(super) fn atan2(y: f64, x: f64) -> f64 {
        let (ay, ax) = (y.abs(), x.abs());
        let swap = ay > ax;
        let (mx, mn) = (sel(swap, ay, ax), sel(swap, ax, ay));
        let both_inf = mx == f64::INFINITY && mn == f64::INFINITY;
        let ok = mx > 0.0 && mx < f64::INFINITY;
        // 0/0 -> 0 (atan2(±0, ±0)), inf/inf -> 1 (the diagonals); NaN stays
        let q = sel(both_inf, 1.0, sel(mx == 0.0, mn, mn / mx));
        let d = sel(ok, fma(-q, mx, mn) / mx, 0.0);
        let (h, l) = atan_dd::<true>(q, d);
        let (s, e) = two_sum(PIO2_1, -h);
        let (h, l) = (sel(swap, s, h), sel(swap, e + (PIO2_2 - l), l));
        let (s, e) = two_sum(PI_HI, -h);
        let xneg = x.is_sign_negative();
        let (h, l) = (sel(xneg, s, h), sel(xneg, e + (PI_LO - l), l));
        (h + l).copysign(y)
    }

    // ---- arcsin, arccos: fdlibm's rational in t = x² or (1 - |x|)/2, one evaluation ----

    const PS: [f64; 6] = [
        0.16666666666666666,
        -0.3255658186224009,
        0.20121253213486293,
        -0.04005553450067941,
        0.0007915349942898145,
        3.479331075960212e-05,
    ];
    const QS: [f64; 4] = [
        -2.403394911734414,
        2.0209457602335057,
        -0.6882839716054533,
        0.07703815055590194,
    ];

    /// (t, t·R(t), sqrt(t), its error) for |x| <= 1: t = x² below 1/2, (1 - |x|)/2 above.
    #[inline(always)]
    fn asin_parts(x: f64) -> (f64, f64, f64, f64) {
        let a = x.abs();
        let t = sel(a < 0.5, x * x, (1.0 - a) * 0.5);
        let p = t * fma(
            t,
            fma(t, fma(t, fma(t, fma(t, PS[5], PS[4]), PS[3]), PS[2]), PS[1]),
            PS[0],
        );
        let q = fma(t, fma(t, fma(t, fma(t, QS[3], QS[2]), QS[1]), QS[0]), 1.0);
        let s = t.sqrt(); // NaN for |x| > 1
        let c = sel(s > 0.0, fma(-s, s, t) / (s + s), 0.0);
        (t, p / q, s, c)
    }

    #[inline(always)]
    pub(super) fn asin(x: f64) -> f64 {
        let a = x.abs();
        let (_, w, s, c) = asin_parts(x);
        // pi/2 - 2·(s + c + s·w)
        let (h, e) = two_sum(PIO2_1, -2.0 * s);
        let big = h + (e - (2.0 * fma(s, w, c) - PIO2_2));
        sel(a < 0.5, fma(a, w, a), big).copysign(x)
    }

    #[inline(always)]
    pub(super) fn acos(x: f64) -> f64 {
        let a = x.abs();
        let (_, w, s, c) = asin_parts(x);
        let small = PIO2_1 - (x - (PIO2_2 - x * w));
        let pos = 2.0 * (s + fma(s, w, c));
        let (h, e) = two_sum(PI_HI, -2.0 * s);
        let neg = h + (e - (2.0 * fma(s, w, c) - PI_LO));
        sel(a < 0.5, small, sel(x > 0.0, pos, neg))
    }

    // ---- inverse hyperbolics: log(u + c) with u + c formed exactly ----

    /// log(u + c) + m·ln2 for u > 0 and |c| tiny next to u.
    #[inline(always)]
    fn log_uc(u: f64, c: f64, m: f64) -> f64 {
        let (k, f) = log_reduce(u);
        let (s, hfsq, r) = log_poly(f);
        let k = k + m;
        fma(
            k,
            LN2_HI,
            -((hfsq - fma(s, hfsq + r, fma(k, LN2_LO, c / u))) - f),
        )
    }

    const TWO28: f64 = 268435456.0;

    #[inline(always)]
    pub(super) fn asinh(x: f64) -> f64 {
        let a = x.abs();
        // log(2a) above 2^28; log1p(a + a²/(1 + sqrt(1 + a²))) below, summed exactly
        // every step in double-double: t alone would carry ~2 ulp
        let aa = a * a;
        let aae = fma(a, a, -aa);
        let (v, ve) = two_sum(1.0, aa);
        let ve = ve + aae;
        let sq = v.sqrt();
        let sqe = (fma(-sq, sq, v) + ve) / (sq + sq);
        let (dh, dl) = two_sum(1.0, sq);
        let dl = dl + sqe;
        let t = aa / dh;
        let te = (fma(-t, dh, aa) + aae - t * dl) / dh;
        let (w, we) = two_sum(a, t);
        let (u, c) = two_sum(1.0, w);
        let c = c + (we + te);
        let big = a > TWO28;
        let y = log_uc(sel(big, a, u), sel(big, 0.0, c), sel(big, 1.0, 0.0));
        let y = sel(a == f64::INFINITY, a, y);
        sel(x == 0.0, x, y.copysign(x))
    }

    #[inline(always)]
    pub(super) fn acosh(x: f64) -> f64 {
        // log(2x) above 2^28; log1p(t + sqrt(2t + t²)), t = x - 1 exact, below
        let t = x - 1.0;
        let v = fma(t, t, t + t);
        let sq = v.sqrt();
        let sq_err = fma(-sq, sq, v) / (sq + sq);
        let (w, we) = two_sum(t, sq);
        let (u, c) = two_sum(1.0, w);
        let big = x > TWO28;
        let corr = sel(sq > 0.0, c + (we + sq_err), c + we);
        let y = log_uc(sel(big, x, u), sel(big, 0.0, corr), sel(big, 1.0, 0.0));
        let y = sel(x == f64::INFINITY, x, y);
        let y = sel(x == 1.0, 0.0, y);
        sel(x < 1.0, f64::NAN, y)
    }

    #[inline(always)]
    pub(super) fn atanh(x: f64) -> f64 {
        let a = x.abs();
        // 1/2·log1p(2a/(1 - a)), the quotient with its rounding error
        let d = 1.0 - a;
        let de = (1.0 - d) - a; // 1 - a = d + de exactly
        let q = (a + a) / d;
        let qe = (fma(-q, d, a + a) - q * de) / d;
        let (u, c) = two_sum(1.0, q);
        let y = 0.5 * log_uc(u, c + qe, 0.0);
        let y = sel(a == 1.0, f64::INFINITY, y);
        let y = sel(a > 1.0, f64::NAN, y);
        sel(x == 0.0, x, y.copysign(x))
    }

    // ---- cbrt: FreeBSD's bit estimate, polynomial and one Newton step ----

    const CB_B1: u64 = 715094163;
    const CB_B2: u64 = 696219795;
    const CB_P: [f64; 5] = [
        1.87595182427177,
        -1.8849797954337717,
        1.6214297201053545,
        -0.758397934778766,
        0.14599619288661245,
    ];

    #[inline(always)]
    pub(super) fn cbrt(x: f64) -> f64 {
        let sub = x.abs() < f64::MIN_POSITIVE;
        let hx = (sel(sub, x * TWO54, x).to_bits() >> 32) & 0x7fff_ffff;
        // hx/3 in floating point (AVX2 has no vector integer division or 64-bit multiply):
        // (hx + 1/2)/3 - 1/2 is within 1/3 of floor(hx/3), so rounding it to the nearest
        // integer (by SHIFT) gives the quotient despite the rounding error
        let hxf = f64::from_bits(0x4330_0000_0000_0000 | hx) - 4503599627370496.0;
        let q = (fma(hxf + 0.5, 1.0 / 3.0, -0.5) + SHIFT).to_bits() & 0xffff_ffff;
        let hb = q + if sub { CB_B2 } else { CB_B1 };
        let t = f64::from_bits((hb << 32) | (x.to_bits() & (1 << 63)));
        // to 23 bits
        let r = (t * t) * (t / x);
        let t = t
            * (fma(r, fma(r, CB_P[2], CB_P[1]), CB_P[0]) + (r * r) * r * fma(r, CB_P[4], CB_P[3]));
        // round away from zero to 23 bits so that t·t is exact and t³ >= |x|-ish
        let t = f64::from_bits((t.to_bits().wrapping_add(0x8000_0000)) & 0xffff_ffff_c000_0000);
        let s = t * t;
        let r = x / s;
        let r = (r - t) / ((t + t) + r);
        let y = fma(t, r, t);
        sel((x == 0.0) | !x.is_finite(), x + x, y)
    }

    // ---- hypot: scaled by a power of two, the sum of squares and the root corrected ----

    #[inline(always)]
    pub(super) fn hypot(x: f64, y: f64) -> f64 {
        let (ax, ay) = (x.abs(), y.abs());
        let (a, b) = (sel(ax < ay, ay, ax), sel(ax < ay, ax, ay));
        // a·2^-e in [1, 2) for normal a; e clamped so that 2^-e and 2^e are both normal
        let e = (a.to_bits() >> 52).clamp(1, 2045);
        let (a, b) = (
            a * f64::from_bits((2046 - e) << 52),
            b * f64::from_bits((2046 - e) << 52),
        );
        let inv = f64::from_bits(e << 52); // 2^(e - 1023)
                                           // a² + b² exactly as three doubles, then sqrt with one Newton correction
        let aa = a * a;
        let aae = fma(a, a, -aa);
        let bb = b * b;
        let bbe = fma(b, b, -bb);
        let (s, se) = two_sum(aa, bb);
        let lo = se + aae + bbe;
        let h = (s + lo).sqrt();
        let h = sel(h > 0.0, h + (fma(-h, h, s) + lo) / (h + h), h);
        let r = h * inv;
        let inf = ax == f64::INFINITY || ay == f64::INFINITY;
        sel(inf, f64::INFINITY, r)
    }

    // ---- tanh: Cephes' rational below 0.625, 1 - 2/(e^2|x| + 1) above ----

    const TH_P0: f64 = -0.9643991794250523;
    const TH_P1: f64 = -99.28772310019185;
    const TH_P2: f64 = -1614.6876844170845;
    const TH_Q0: f64 = 112.81167849163293;
    const TH_Q1: f64 = 2235.4883906010045;
    const TH_Q2: f64 = 4844.063053251255;

    #[inline(always)]
    pub(super) fn tanh(x: f64) -> f64 {
        let a = x.abs();
        let z = x * x;
        let p = fma(fma(TH_P0, z, TH_P1), z, TH_P2) * z;
        let q = fma(z + TH_Q0, z, TH_Q1);
        let q = fma(q, z, TH_Q2);
        let small = fma(a, p / q, a);
        // 1 - 2/(e^2a + 1) with e^2a + 1 kept in double-double: rounding e^2a alone would cost
        // up to ~1.2 ulp near a = 0.625. Past a = 20 the result is 1.
        let (hi, lo, kd) = exp_reduce(sel(a > 20.0, 40.0, a + a));
        let tail = expm1_tail(hi, lo);
        let two_k = f64::from_bits(kd.to_bits().wrapping_sub(SHIFT_BITS - 1023) << 52);
        // 2^k + 1 is exact while it matters (k <= 52); the products by 2^k are exact
        let (s1, e1) = two_sum(two_k + 1.0, two_k * hi);
        let dh = s1 + two_k * tail;
        let dl = (s1 - dh) + two_k * tail + e1;
        let q0 = 2.0 / dh;
        let ql = (fma(-q0, dh, 2.0) - q0 * dl) * (0.5 * q0);
        let s = 1.0 - q0;
        let big = s + (((1.0 - s) - q0) - ql);
        sel(a < 0.625, small, big).copysign(x)
    }
}

/// Faster f32 formulas: exp and log in f32 lanes (twice as many per vector); sin, cos, tanh,
/// exp2, expm1, log2, log10 and log1p in f64 with polynomials cut to the f32 need (~2^-34),
/// rounded once.
mod s {
    use super::d::{fma, sel};

    #[inline(always)]
    fn sel32(c: bool, a: f32, b: f32) -> f32 {
        if c {
            a
        } else {
            b
        }
    }

    const SHIFT32: f32 = 12582912.0; // 1.5·2^23
    const SHIFT32_BITS: u32 = 0x4b40_0000;
    const LOG2E32: f32 = std::f32::consts::LOG2_E;
    const LN2_HI32: f32 = std::f32::consts::LN_2;
    const LN2_LO32: f32 = -1.904_654_2e-9;
    /// 1/2!, ..., 1/7!: e^r = 1 + r + r²·Q(r) to 2^-27 for |r| <= ln2/2.
    const EXP_Q32: [f32; 6] = [
        0.5,
        0.166_666_67,
        0.041_666_668,
        0.008_333_334,
        0.001_388_888_9,
        0.000_198_412_7,
    ];

    #[inline(always)]
    pub(super) fn exp(x: f32) -> f32 {
        let x = sel32(x > 89.0, 89.0, x);
        let x = sel32(x < -104.0, -104.0, x);
        let (y, kd) = exp_parts(x);
        // y·2^k in two normal factors: exact, then one rounding for subnormal results
        let kb = kd.to_bits().wrapping_sub(SHIFT32_BITS - 256); // k + 256
        let k1b = kb >> 1;
        let s1 = f32::from_bits(k1b.wrapping_sub(1) << 23);
        let s2 = f32::from_bits(kb.wrapping_sub(k1b).wrapping_sub(1) << 23);
        y * s1 * s2
    }

    /// As `d::exp_normal_ok`: the result is normal and x is not NaN.
    #[inline(always)]
    pub(super) fn exp_normal_ok(x: f32) -> bool {
        x.abs() < 86.0
    }

    /// As `d::exp_normal`.
    #[inline(always)]
    pub(super) fn exp_normal(x: f32) -> f32 {
        let (y, kd) = exp_parts(x);
        f32::from_bits(y.to_bits().wrapping_add(kd.to_bits() << 23))
    }

    /// (y, k + SHIFT32) with exp(x) = y·2^k, y in [0.7, 1.42], for |x| < 104.
    #[inline(always)]
    fn exp_parts(x: f32) -> (f32, f32) {
        let kd = x.mul_add(LOG2E32, SHIFT32);
        let k = kd - SHIFT32;
        // exact: k·LN2_HI32 and x are multiples of 2^-24 and the difference is below 1
        let r = (-k).mul_add(LN2_HI32, x);
        let rlo = -k * LN2_LO32;
        // e^(r + rlo) = 1 + r + (rlo + rf²·Q(rf)); rf's rounding matters only in the tail
        let rf = r + rlo;
        let mut q = EXP_Q32[5];
        for &c in EXP_Q32[..5].iter().rev() {
            q = q.mul_add(rf, c);
        }
        // 1 + r exactly (fast two-sum), so that only the last addition rounds
        let s = 1.0 + r;
        (s + (((1.0 - s) + r) + (rf * rf).mul_add(q, rlo)), kd)
    }

    const SQRT_HALF32_BITS: u32 = 0x3f35_04f3;
    const LN2_HI32L: f32 = 6.931_381e-1; // 16 bits: k·LN2_HI32L is exact
    const LN2_LO32L: f32 = 9.058_001e-6;
    const LG1: f32 = 11184810.0 / 16777216.0;
    const LG2: f32 = 13422099.0 / 33554432.0;
    const LG3: f32 = 9562606.0 / 33554432.0;
    const LG4: f32 = 16293414.0 / 67108864.0;

    /// fdlibm's logf, branch-free.
    #[inline(always)]
    pub(super) fn log(x: f32) -> f32 {
        let sub = x < f32::MIN_POSITIVE;
        let bits = sel32(sub, x * 33554432.0, x).to_bits();
        let tmp = bits.wrapping_sub(SQRT_HALF32_BITS);
        let k = ((tmp as i32) >> 23) as f32 - sel32(sub, 25.0, 0.0);
        let f = f32::from_bits((tmp & 0x007f_ffff) + SQRT_HALF32_BITS) - 1.0;
        let s = f / (2.0 + f);
        let z = s * s;
        let w = z * z;
        let r = z * w.mul_add(LG3, LG1) + w * w.mul_add(LG4, LG2);
        let hfsq = 0.5 * f * f;
        let y = k.mul_add(
            LN2_HI32L,
            -((hfsq - s.mul_add(hfsq + r, k * LN2_LO32L)) - f),
        );
        let y = sel32(x == f32::INFINITY, x, y);
        let y = sel32(x == 0.0, f32::NEG_INFINITY, y);
        sel32(x >= 0.0, y, sel32(x < 0.0, f32::NAN, x))
    }

    const TWO_OVER_PI: f64 = std::f64::consts::FRAC_2_PI;
    const PIO2_1: f64 = std::f64::consts::FRAC_PI_2;
    const PIO2_2: f64 = 6.123233995736766e-17;
    const PIO2_3: f64 = -1.4973849048591698e-33;
    const SHIFT: f64 = 6755399441055744.0;
    // FreeBSD's k_sinf / k_cosf: |sin(x)/x - s(x)| < 2^-37.5, |cos(x) - c(x)| < 2^-34.1
    const S1: f64 = -0.16666666641626524;
    const S2: f64 = 0.008333329385889463;
    const S3: f64 = -0.00019839334836096632;
    const S4: f64 = 2.718311493989822e-06;
    const C0: f64 = -0.499999997251031;
    const C1: f64 = 0.04166662332373906;
    const C2: f64 = -0.001388676377460993;
    const C3: f64 = 2.439044879627741e-05;

    /// (quadrant bits, sin r, cos r) with x = q·pi/2 + r, in f64. The first step is exact
    /// (see `d::trig_reduce`), the rest far more accurate than an f32 needs.
    #[inline(always)]
    fn sincos(x: f32) -> (u64, f64, f64) {
        let x = x as f64;
        let t = fma(x, TWO_OVER_PI, SHIFT);
        let q = t - SHIFT;
        let r = fma(-q, PIO2_3, fma(-q, PIO2_2, fma(-q, PIO2_1, x)));
        let z = r * r;
        let w = z * z;
        let s = z * r;
        let sin = (r + s * fma(z, S2, S1)) + s * w * fma(z, S4, S3);
        let cos = (fma(z, C0, 1.0) + w * C1) + (w * z) * fma(z, C3, C2);
        (t.to_bits(), sin, cos)
    }

    #[inline(always)]
    fn flip(v: f64, q: u64) -> f64 {
        f64::from_bits(v.to_bits() ^ ((q & 2) << 62))
    }

    #[inline(always)]
    pub(super) fn sin(x: f32) -> f32 {
        let (q, s, c) = sincos(x);
        let v = flip(sel(q & 1 != 0, c, s), q) as f32;
        sel32(x == 0.0, x, v)
    }

    #[inline(always)]
    pub(super) fn cos(x: f32) -> f32 {
        let (q, s, c) = sincos(x);
        flip(sel(q & 1 != 0, s, c), q.wrapping_add(1)) as f32
    }

    const INVLN2: f64 = std::f64::consts::LOG2_E;
    const LN2: f64 = std::f64::consts::LN_2;
    /// 1/2!, ..., 1/10!: e^r to 2^-41 for |r| <= ln2/2.
    const EXP_Q: [f64; 9] = [
        0.5,
        0.16666666666666666,
        0.041666666666666664,
        0.008333333333333333,
        0.001388888888888889,
        0.0001984126984126984,
        2.48015873015873e-05,
        2.7557319223985893e-06,
        2.755731922398589e-07,
    ];

    /// tanh in f64 to ~2^-40 relative, rounded once: 1 - 2/(e^2|x| + 1), a short series
    /// below 1/16 where that form cancels.
    #[inline(always)]
    pub(super) fn tanh(x: f32) -> f32 {
        let a = (x as f64).abs();
        let v = sel(a > 10.0, 20.0, a + a); // tanh is 1 in f32 from 9.01
        let kd = fma(v, INVLN2, SHIFT);
        let e = expm1_poly(fma(-(kd - SHIFT), LN2, v)) + 1.0;
        let two_k = pow2(kd);
        let big = 1.0 - 2.0 / fma(e, two_k, 1.0);
        let z = a * a;
        // a - a³/3 + 2a⁵/15 - 17a⁷/315
        let small = fma(
            a * z,
            fma(z, fma(z, -17.0 / 315.0, 2.0 / 15.0), -1.0 / 3.0),
            a,
        );
        (sel(a < 0.0625, small, big) as f32).copysign(x)
    }

    /// e^r - 1 for |r| <= ln2/2, to ~2^-41 relative.
    #[inline(always)]
    fn expm1_poly(r: f64) -> f64 {
        let mut q = EXP_Q[8];
        for &c in EXP_Q[..8].iter().rev() {
            q = fma(q, r, c);
        }
        fma(r * r, q, r)
    }

    /// 2^k for the integer k held in `kd = k + SHIFT`, |k| < 1023.
    #[inline(always)]
    fn pow2(kd: f64) -> f64 {
        f64::from_bits(kd.to_bits().wrapping_sub(0x4338_0000_0000_0000 - 1023) << 52)
    }

    #[inline(always)]
    pub(super) fn exp2(x: f32) -> f32 {
        let x = (x as f64).clamp(-152.0, 129.0); // NaN passes
        let kd = x + SHIFT;
        let t = x - (kd - SHIFT); // exact
        fma(expm1_poly(t * LN2), pow2(kd), pow2(kd)) as f32
    }

    #[inline(always)]
    pub(super) fn expm1(x: f32) -> f32 {
        // e^-30 is far below half an ulp of -1; e^89 overflows f32
        let xd = (x as f64).clamp(-30.0, 89.0);
        let kd = fma(xd, INVLN2, SHIFT);
        let r = fma(-(kd - SHIFT), LN2, xd); // exact when k = 0
                                             // (2^k - 1) + 2^k·(e^r - 1): nothing cancels beyond what f64 absorbs
        let two_k = pow2(kd);
        let y = fma(two_k, expm1_poly(r), two_k - 1.0) as f32;
        sel32(x == 0.0, x, y)
    }

    const LG1D: f64 = LG1 as f64;
    const LG2D: f64 = LG2 as f64;
    const LG3D: f64 = LG3 as f64;
    const LG4D: f64 = LG4 as f64;

    /// (k, log(1 + f)) with x = 2^k·(1 + f), for positive finite x that came from an f32 (so
    /// is normal in f64), to ~2^-35 relative with fdlibm's logf polynomial.
    #[inline(always)]
    fn log_parts(x: f64) -> (f64, f64) {
        const SQRT_HALF: u64 = 0x3fe6_a09e_667f_3bcd;
        let tmp = x.to_bits().wrapping_sub(SQRT_HALF);
        let kb = (tmp >> 52).wrapping_add(2048) & 0xfff;
        let k = f64::from_bits(0x4330_0000_0000_0000 | kb) - (4503599627370496.0 + 2048.0);
        let f = f64::from_bits((tmp & 0x000f_ffff_ffff_ffff).wrapping_add(SQRT_HALF)) - 1.0;
        let s = f / (2.0 + f);
        let z = s * s;
        let w = z * z;
        let r = z * fma(w, LG3D, LG1D) + w * fma(w, LG4D, LG2D);
        let hfsq = 0.5 * f * f;
        (k, f - (hfsq - s * (hfsq + r)))
    }

    /// log's special cases over the value computed for positive finite x.
    #[inline(always)]
    fn log_special(x: f32, y: f32) -> f32 {
        let y = sel32(x == f32::INFINITY, x, y);
        let y = sel32(x == 0.0, f32::NEG_INFINITY, y);
        sel32(x >= 0.0, y, sel32(x < 0.0, f32::NAN, x))
    }

    #[inline(always)]
    pub(super) fn log2(x: f32) -> f32 {
        let (k, l) = log_parts(x as f64);
        log_special(x, fma(l, INVLN2, k) as f32)
    }

    #[inline(always)]
    pub(super) fn log10(x: f32) -> f32 {
        let (k, l) = log_parts(x as f64);
        let y = fma(k, std::f64::consts::LOG10_2, l * std::f64::consts::LOG10_E);
        log_special(x, y as f32)
    }

    #[inline(always)]
    pub(super) fn log1p(x: f32) -> f32 {
        let xd = x as f64;
        // u + c = 1 + x exactly (two-sum)
        let u = 1.0 + xd;
        let bb = u - 1.0;
        let c = (1.0 - (u - bb)) + (xd - bb);
        let (k, l) = log_parts(u);
        let y = fma(k, LN2, l + c / u) as f32;
        let y = sel32(x == f32::INFINITY, x, y);
        let y = sel32(x == -1.0, f32::NEG_INFINITY, y);
        let y = sel32(x == 0.0, x, y);
        sel32(x >= -1.0, y, sel32(x < -1.0, f32::NAN, x))
    }
}

use d::{fma, sel};

impl VMath for f64 {
    #[inline(always)]
    fn v_exp(self) -> Self {
        d::exp(self)
    }
    #[inline(always)]
    fn v_exp_normal(self) -> Self {
        d::exp_normal(self)
    }
    #[inline(always)]
    fn v_exp_normal_ok(self) -> bool {
        d::exp_normal_ok(self)
    }
    #[inline(always)]
    fn v_exp2(self) -> Self {
        d::exp2(self)
    }
    #[inline(always)]
    fn v_expm1(self) -> Self {
        d::expm1(self)
    }
    #[inline(always)]
    fn v_log(self) -> Self {
        d::log(self)
    }
    #[inline(always)]
    fn v_log2(self) -> Self {
        d::log2(self)
    }
    #[inline(always)]
    fn v_log10(self) -> Self {
        d::log10(self)
    }
    #[inline(always)]
    fn v_log1p(self) -> Self {
        d::log1p(self)
    }
    #[inline(always)]
    fn v_sin(self) -> Self {
        d::sin(self)
    }
    #[inline(always)]
    fn v_cos(self) -> Self {
        d::cos(self)
    }
    #[inline(always)]
    fn v_tan(self) -> Self {
        d::tan(self)
    }
    #[inline(always)]
    fn v_sinh(self) -> Self {
        d::sinh(self)
    }
    #[inline(always)]
    fn v_cosh(self) -> Self {
        d::cosh(self)
    }
    #[inline(always)]
    fn v_tanh(self) -> Self {
        d::tanh(self)
    }
    #[inline(always)]
    fn v_arcsin(self) -> Self {
        d::asin(self)
    }
    #[inline(always)]
    fn v_arccos(self) -> Self {
        d::acos(self)
    }
    #[inline(always)]
    fn v_arctan(self) -> Self {
        d::atan(self)
    }
    #[inline(always)]
    fn v_arcsinh(self) -> Self {
        d::asinh(self)
    }
    #[inline(always)]
    fn v_arccosh(self) -> Self {
        d::acosh(self)
    }
    #[inline(always)]
    fn v_arctanh(self) -> Self {
        d::atanh(self)
    }
    #[inline(always)]
    fn v_cbrt(self) -> Self {
        d::cbrt(self)
    }
    #[inline(always)]
    fn v_arctan2(self, x: Self) -> Self {
        d::atan2(self, x)
    }
    #[inline(always)]
    fn v_hypot(self, o: Self) -> Self {
        d::hypot(self, o)
    }
    #[inline(always)]
    fn v_trig_needs_slow(self) -> bool {
        self.abs() > d::TRIG_MAX
    }
}

/// Most f32 functions evaluate the f64 formula on the widened argument: one rounding at the
/// end of a result good to ~2^-52 is as good as correctly rounded but for rare ties.
impl VMath for f32 {
    #[inline(always)]
    fn v_exp(self) -> Self {
        s::exp(self)
    }
    #[inline(always)]
    fn v_exp_normal(self) -> Self {
        s::exp_normal(self)
    }
    #[inline(always)]
    fn v_exp_normal_ok(self) -> bool {
        s::exp_normal_ok(self)
    }
    #[inline(always)]
    fn v_exp2(self) -> Self {
        s::exp2(self)
    }
    #[inline(always)]
    fn v_expm1(self) -> Self {
        s::expm1(self)
    }
    #[inline(always)]
    fn v_log(self) -> Self {
        s::log(self)
    }
    #[inline(always)]
    fn v_log2(self) -> Self {
        s::log2(self)
    }
    #[inline(always)]
    fn v_log10(self) -> Self {
        s::log10(self)
    }
    #[inline(always)]
    fn v_log1p(self) -> Self {
        s::log1p(self)
    }
    #[inline(always)]
    fn v_sin(self) -> Self {
        s::sin(self)
    }
    #[inline(always)]
    fn v_cos(self) -> Self {
        s::cos(self)
    }
    #[inline(always)]
    fn v_tan(self) -> Self {
        d::tan(self as f64) as f32
    }
    #[inline(always)]
    fn v_sinh(self) -> Self {
        d::sinh(self as f64) as f32
    }
    #[inline(always)]
    fn v_cosh(self) -> Self {
        d::cosh(self as f64) as f32
    }
    #[inline(always)]
    fn v_tanh(self) -> Self {
        s::tanh(self)
    }
    #[inline(always)]
    fn v_arcsin(self) -> Self {
        d::asin(self as f64) as f32
    }
    #[inline(always)]
    fn v_arccos(self) -> Self {
        d::acos(self as f64) as f32
    }
    #[inline(always)]
    fn v_arctan(self) -> Self {
        d::atan(self as f64) as f32
    }
    #[inline(always)]
    fn v_arcsinh(self) -> Self {
        d::asinh(self as f64) as f32
    }
    #[inline(always)]
    fn v_arccosh(self) -> Self {
        d::acosh(self as f64) as f32
    }
    #[inline(always)]
    fn v_arctanh(self) -> Self {
        d::atanh(self as f64) as f32
    }
    #[inline(always)]
    fn v_cbrt(self) -> Self {
        d::cbrt(self as f64) as f32
    }
    #[inline(always)]
    fn v_arctan2(self, x: Self) -> Self {
        d::atan2(self as f64, x as f64) as f32
    }
    #[inline(always)]
    fn v_hypot(self, o: Self) -> Self {
        // squares of f32 are exact in f64 and cannot overflow there: one rounding, one root
        let (a, b) = (self as f64, o as f64);
        let r = fma(a, a, b * b).sqrt();
        sel(self.is_infinite() || o.is_infinite(), f64::INFINITY, r) as f32
    }
    #[inline(always)]
    fn v_trig_needs_slow(self) -> bool {
        // the f64 reduction of an f32 stays exact up to 2^50: q·pi/2 needs q < 2^51
        self.abs() > 1125899906842624.0
    }
}

#[cfg(test)]
mod tests {
    use super::VMath;

    /// xorshift64*: deterministic, no dependency.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
        fn unit(&mut self) -> f64 {
            (self.next() >> 11) as f64 * (1.0 / 9007199254740992.0)
        }
    }

    #[derive(Clone, Copy)]
    enum Gen {
        /// Uniformly random bit patterns: every sign, exponent, NaN and infinity.
        Bits,
        /// Uniform on [lo, hi].
        Uni(f64, f64),
        /// |x| = 2^e, e uniform on [lo, hi]; both signs when the flag is set.
        Log(f64, f64, bool),
        /// k·step + tiny, k uniform on [0, n]: the neighbourhood of multiples.
        Near(f64, f64),
    }
    use Gen::*;

    fn gen(rng: &mut Rng, g: Gen, f32bits: bool) -> f64 {
        match g {
            Bits if f32bits => f32::from_bits(rng.next() as u32) as f64,
            Bits => f64::from_bits(rng.next()),
            Uni(lo, hi) => lo + (hi - lo) * rng.unit(),
            Log(lo, hi, signed) => {
                let v = (lo + (hi - lo) * rng.unit()).exp2();
                if signed && rng.next() & 1 == 1 {
                    -v
                } else {
                    v
                }
            }
            Near(step, n) => {
                let k = (rng.unit() * n).round();
                let steps = (rng.next() % 64) as i64 - 32;
                // up to 32 ulps either side of the (rounded) multiple; k·step >= 0
                f64::from_bits(((k * step).to_bits() as i64 + steps).max(0) as u64)
            }
        }
    }

    fn inputs(seed: u64, gens: &[(Gen, usize)], specials: &[f64], f32in: bool) -> Vec<f64> {
        let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
        let mut v: Vec<f64> = specials.to_vec();
        for &(g, n) in gens {
            for _ in 0..n {
                let x = gen(&mut rng, g, f32in);
                v.push(if f32in { x as f32 as f64 } else { x });
            }
        }
        v
    }

    fn ord(bits: u64, sign: u64) -> i128 {
        if bits & sign != 0 {
            -((bits & !sign) as i128)
        } else {
            bits as i128
        }
    }

    fn ulp64(a: f64, b: f64) -> u64 {
        match (a.is_nan(), b.is_nan()) {
            (true, true) => 0,
            (false, false) => {
                (ord(a.to_bits(), 1 << 63) - ord(b.to_bits(), 1 << 63)).unsigned_abs() as u64
            }
            _ => u64::MAX,
        }
    }

    fn ulp32(a: f32, b: f32) -> u64 {
        match (a.is_nan(), b.is_nan()) {
            (true, true) => 0,
            (false, false) => (ord(a.to_bits() as u64, 1 << 31) - ord(b.to_bits() as u64, 1 << 31))
                .unsigned_abs() as u64,
            _ => u64::MAX,
        }
    }

    const SPECIAL: &[f64] = &[
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.5,
        -0.5,
        2.0,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        f64::MIN_POSITIVE,
        -f64::MIN_POSITIVE,
        5e-324,
        -5e-324,
        f64::MAX,
        f64::MIN,
        f64::EPSILON,
        1e-300,
        1e300,
        -1e300,
    ];

    /// Max ulp of `f` against `r` over the inputs, skipping those `skip` marks; prints a
    /// row and asserts the bound.
    fn check64(
        name: &str,
        f: impl Fn(f64) -> f64,
        r: impl Fn(f64) -> f64,
        skip: impl Fn(f64) -> bool,
        xs: &[f64],
        bound: u64,
    ) {
        let (mut worst, mut wx) = (0u64, 0.0);
        for &x in xs {
            if skip(x) {
                continue;
            }
            let u = ulp64(f(x), r(x));
            if u > worst {
                (worst, wx) = (u, x);
            }
        }
        println!(
            "vmath f64 {name:8} max {worst} ulp over {} values (worst x = {wx:e}: {:e} vs {:e})",
            xs.len(),
            f(wx),
            r(wx)
        );
        assert!(worst <= bound, "f64 {name}: {worst} ulp at {wx:e}");
    }

    fn check32(
        name: &str,
        f: impl Fn(f32) -> f32,
        r: impl Fn(f64) -> f64,
        skip: impl Fn(f32) -> bool,
        xs: &[f64],
        bound: u64,
    ) {
        let (mut worst, mut wx) = (0u64, 0.0f32);
        for &x in xs {
            let x = x as f32;
            if skip(x) {
                continue;
            }
            let u = ulp32(f(x), r(x as f64) as f32);
            if u > worst {
                (worst, wx) = (u, x);
            }
        }
        println!(
            "vmath f32 {name:8} max {worst} ulp over {} values (worst x = {wx:e}: {:e} vs {:e})",
            xs.len(),
            f(wx),
            r(wx as f64) as f32
        );
        assert!(worst <= bound, "f32 {name}: {worst} ulp at {wx:e}");
    }

    const M: usize = 1 << 20;

    fn never64(_: f64) -> bool {
        false
    }
    fn never32(_: f32) -> bool {
        false
    }

    #[test]
    fn vmath_exp() {
        let g = [
            (Bits, M),
            (Uni(-750.0, 712.0), M),
            (Uni(-1.0, 1.0), M / 2),
            (Log(-80.0, 10.0, true), M / 2),
            (Uni(709.0, 710.0), M / 8),
            (Uni(-746.0, -744.0), M / 8),
            (Uni(-709.0, -707.0), M / 8),
        ];
        let xs = inputs(1, &g, SPECIAL, false);
        check64("exp", f64::v_exp, f64::exp, never64, &xs, 1);
        let xs = inputs(2, &g, SPECIAL, true);
        check32("exp", f32::v_exp, f64::exp, never32, &xs, 1);
        let xs = inputs(3, &[(Uni(-104.0, 89.0), M)], &[], true);
        check32("exp", f32::v_exp, f64::exp, never32, &xs, 1);
    }

    /// The normal-range exp is the full one, bit for bit, wherever it claims to apply, up to
    /// the edges of that range; and it claims nothing for NaN or infinities.
    #[test]
    fn vmath_exp_normal_range() {
        let xs = inputs(
            4,
            &[
                (Uni(-708.0, 708.0), M),
                (Uni(-708.0, -700.0), M / 8),
                (Uni(700.0, 708.0), M / 8),
            ],
            SPECIAL,
            false,
        );
        let mut checked = 0;
        for &x in &xs {
            if x.v_exp_normal_ok() {
                assert_eq!(x.v_exp_normal().to_bits(), x.v_exp().to_bits(), "f64 {x:e}");
                assert!(x.v_exp().is_normal(), "f64 {x:e}");
                checked += 1;
            }
            let y = x as f32;
            if y.v_exp_normal_ok() {
                assert_eq!(y.v_exp_normal().to_bits(), y.v_exp().to_bits(), "f32 {y:e}");
                assert!(y.v_exp().is_normal(), "f32 {y:e}");
            }
        }
        assert!(checked > M);
        for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 708.0, -708.0] {
            assert!(!x.v_exp_normal_ok() && !(x as f32).v_exp_normal_ok());
        }
        assert!(!86.0f32.v_exp_normal_ok() && 85.9f32.v_exp_normal_ok());
    }

    #[test]
    fn vmath_log() {
        let g = [
            (Bits, M),
            (Log(-1074.0, 1024.0, false), M),
            (Uni(0.5, 2.0), M / 2),
            (Uni(1.0 - 1e-6, 1.0 + 1e-6), M / 4),
            (Log(-1074.0, -1022.0, false), M / 8),
        ];
        let xs = inputs(4, &g, SPECIAL, false);
        check64("log", f64::v_log, f64::ln, never64, &xs, 1);
        let xs = inputs(5, &g, SPECIAL, true);
        check32("log", f32::v_log, f64::ln, never32, &xs, 1);
    }

    #[test]
    fn vmath_exp2_expm1() {
        let g = [
            (Bits, M),
            (Uni(-1080.0, 1030.0), M),
            (Uni(-2.0, 2.0), M / 2),
            (Log(-80.0, 10.0, true), M / 2),
            (Uni(1023.0, 1024.0), M / 8),
            (Uni(-1076.0, -1020.0), M / 8),
        ];
        let xs = inputs(10, &g, SPECIAL, false);
        check64("exp2", f64::v_exp2, f64::exp2, never64, &xs, 1);
        let xs = inputs(11, &g, SPECIAL, true);
        check32("exp2", f32::v_exp2, f64::exp2, never32, &xs, 1);
        let g = [
            (Bits, M),
            (Uni(-60.0, 712.0), M),
            (Uni(-2.0, 2.0), M / 2),
            (Log(-80.0, 10.0, true), M),
            (Uni(-0.4, -0.3), M / 8),
            (Uni(36.0, 42.0), M / 8),
        ];
        let xs = inputs(12, &g, SPECIAL, false);
        check64("expm1", f64::v_expm1, f64::exp_m1, never64, &xs, 1);
        let xs = inputs(13, &g, SPECIAL, true);
        check32("expm1", f32::v_expm1, f64::exp_m1, never32, &xs, 1);
    }

    #[test]
    fn vmath_log2_log10_log1p() {
        let g = [
            (Bits, M),
            (Log(-1074.0, 1024.0, false), M),
            (Uni(0.5, 2.0), M / 2),
            (Uni(1.0 - 1e-6, 1.0 + 1e-6), M / 4),
        ];
        let xs = inputs(14, &g, SPECIAL, false);
        check64("log2", f64::v_log2, f64::log2, never64, &xs, 1);
        // glibc log10 is off by up to 1.6 ulp itself
        check64("log10", f64::v_log10, f64::log10, never64, &xs, 2);
        let xs = inputs(15, &g, SPECIAL, true);
        check32("log2", f32::v_log2, f64::log2, never32, &xs, 1);
        check32("log10", f32::v_log10, f64::log10, never32, &xs, 1);
        for k in -1074..1024 {
            let x = (k as f64).exp2();
            assert_eq!(x.v_log2(), k as f64);
        }
        for k in 0..23 {
            let x = 10f64.powi(k);
            assert_eq!(x.v_log10(), k as f64, "log10(1e{k})");
            assert_eq!((x as f32).v_log10(), k as f32);
        }
        let g = [
            (Bits, M),
            (Log(-1074.0, 1024.0, true), M),
            (Uni(-1.0, 1.0), M / 2),
            (Uni(-1.0, -0.999), M / 8),
            (Log(-60.0, 2.0, true), M / 2),
        ];
        let xs = inputs(16, &g, SPECIAL, false);
        check64("log1p", f64::v_log1p, f64::ln_1p, never64, &xs, 1);
        let xs = inputs(17, &g, SPECIAL, true);
        check32("log1p", f32::v_log1p, f64::ln_1p, never32, &xs, 1);
    }

    fn trig_inputs(seed: u64, f32in: bool) -> Vec<f64> {
        let g = [
            (Bits, M),
            (Uni(-10.0, 10.0), M),
            (Log(-40.0, 36.0, true), M),
            (Near(std::f64::consts::FRAC_PI_2, 1e6), M / 2),
            (Near(std::f64::consts::PI, 1e9), M / 4),
        ];
        inputs(seed, &g, SPECIAL, f32in)
    }

    #[test]
    fn vmath_sin_cos() {
        let xs = trig_inputs(6, false);
        let slow = |x: f64| x.v_trig_needs_slow();
        check64("sin", f64::v_sin, f64::sin, slow, &xs, 1);
        check64("cos", f64::v_cos, f64::cos, slow, &xs, 1);
        let xs = trig_inputs(7, true);
        let slow = |x: f32| x.v_trig_needs_slow();
        check32("sin", f32::v_sin, f64::sin, slow, &xs, 1);
        check32("cos", f32::v_cos, f64::cos, slow, &xs, 1);
    }

    #[test]
    fn vmath_tanh() {
        let g = [
            (Bits, M),
            (Uni(-20.0, 20.0), M),
            (Log(-60.0, 5.0, true), M),
            (Uni(0.6, 0.65), M / 8),
        ];
        let xs = inputs(8, &g, SPECIAL, false);
        check64("tanh", f64::v_tanh, f64::tanh, never64, &xs, 2);
        let xs = inputs(9, &g, SPECIAL, true);
        check32("tanh", f32::v_tanh, f64::tanh, never32, &xs, 1);
    }

    // Rust's std computes asinh/acosh/atanh itself, less accurately than libm (what NumPy
    // calls), so those are checked against libm directly.
    extern "C" {
        fn asinh(x: f64) -> f64;
        fn acosh(x: f64) -> f64;
        fn atanh(x: f64) -> f64;
    }
    fn libm_asinh(x: f64) -> f64 {
        // SAFETY: the declaration matches C's `double asinh(double)` in the linked libm, a
        // function of its value only (no pointers; any input, NaN included, is defined).
        unsafe { asinh(x) }
    }
    fn libm_acosh(x: f64) -> f64 {
        // SAFETY: as for `asinh`: C's `double acosh(double)`, defined for every input.
        unsafe { acosh(x) }
    }
    fn libm_atanh(x: f64) -> f64 {
        // SAFETY: as for `asinh`: C's `double atanh(double)`, defined for every input.
        unsafe { atanh(x) }
    }

    #[test]
    fn vmath_tan() {
        let xs = trig_inputs(18, false);
        let slow = |x: f64| x.v_trig_needs_slow();
        check64("tan", f64::v_tan, f64::tan, slow, &xs, 1);
        let xs = trig_inputs(19, true);
        let slow = |x: f32| x.v_trig_needs_slow();
        check32("tan", f32::v_tan, f64::tan, slow, &xs, 1);
    }

    #[test]
    fn vmath_hyperbolic() {
        let g = [
            (Bits, M / 2),
            (Uni(-712.0, 712.0), M / 2),
            (Uni(-3.0, 3.0), M / 2),
            (Log(-60.0, 5.0, true), M / 2),
            (Uni(709.0, 711.0), M / 16),
        ];
        let xs = inputs(20, &g, SPECIAL, false);
        // glibc's sinh and cosh are off by up to ~1.7 ulp themselves
        check64("sinh", f64::v_sinh, f64::sinh, never64, &xs, 2);
        check64("cosh", f64::v_cosh, f64::cosh, never64, &xs, 2);
        let xs = inputs(21, &g, SPECIAL, true);
        check32("sinh", f32::v_sinh, f64::sinh, never32, &xs, 1);
        check32("cosh", f32::v_cosh, f64::cosh, never32, &xs, 1);
        let g = [
            (Bits, M / 2),
            (Uni(-10.0, 10.0), M / 2),
            (Log(-1074.0, 1024.0, true), M / 2),
            (Uni(1.0, 1.001), M / 8),
            (Uni(-1.0, 1.0), M / 2),
            (Uni(0.999, 1.0), M / 8),
        ];
        let xs = inputs(22, &g, SPECIAL, false);
        check64("arcsinh", f64::v_arcsinh, libm_asinh, never64, &xs, 2);
        check64("arccosh", f64::v_arccosh, libm_acosh, never64, &xs, 2);
        check64("arctanh", f64::v_arctanh, libm_atanh, never64, &xs, 2);
        let xs = inputs(23, &g, SPECIAL, true);
        check32("arcsinh", f32::v_arcsinh, libm_asinh, never32, &xs, 1);
        check32("arccosh", f32::v_arccosh, libm_acosh, never32, &xs, 1);
        check32("arctanh", f32::v_arctanh, libm_atanh, never32, &xs, 1);
    }

    /// The C library's cube root corrected by one Newton step with the residual `x - y^3`
    /// formed exactly (FMA): glibc's `cbrt` alone is up to 2 ulp off (-2.6283418416650633e101
    /// for x = -1.8157060742748868e304, where the root is ...640167e101), and which `cbrt` a
    /// test binary links depends on whether the crate also links libm itself (`cmath`'s
    /// `cpow`), so the bare library call is no 1-ulp yardstick.
    fn cbrt_ref(x: f64) -> f64 {
        // Scaled by 2^(-+900) (whose cube root 2^(-+300) is exact) so that y^3 neither
        // overflows nor loses bits.
        let (big, small) = (2f64.powi(900), 2f64.powi(-900));
        if x.is_finite() && x.abs() > big {
            return cbrt_ref(x * small) * 2f64.powi(300);
        }
        if x != 0.0 && x.abs() < small {
            return cbrt_ref(x * big) * 2f64.powi(-300);
        }
        let y = x.cbrt();
        if x == 0.0 || !y.is_finite() {
            return y;
        }
        let y2 = y * y;
        let y2e = y.mul_add(y, -y2);
        let y3 = y2 * y;
        let y3e = y2.mul_add(y, -y3) + y2e * y;
        y + ((x - y3) - y3e) / (3.0 * y2)
    }

    #[test]
    fn vmath_inverse_trig_cbrt() {
        let g = [
            (Bits, M / 2),
            (Uni(-3.0, 3.0), M / 2),
            (Log(-1074.0, 1024.0, true), M / 2),
            (Uni(-1.0, 1.0), M / 2),
        ];
        let xs = inputs(24, &g, SPECIAL, false);
        check64("arctan", f64::v_arctan, f64::atan, never64, &xs, 1);
        check64("arcsin", f64::v_arcsin, f64::asin, never64, &xs, 1);
        check64("arccos", f64::v_arccos, f64::acos, never64, &xs, 1);
        check64("cbrt", f64::v_cbrt, cbrt_ref, never64, &xs, 1);
        let xs = inputs(25, &g, SPECIAL, true);
        check32("arctan", f32::v_arctan, f64::atan, never32, &xs, 1);
        check32("arcsin", f32::v_arcsin, f64::asin, never32, &xs, 1);
        check32("arccos", f32::v_arccos, f64::acos, never32, &xs, 1);
        check32("cbrt", f32::v_cbrt, f64::cbrt, never32, &xs, 1);
    }

    /// Max ulp of a two-argument function over pairs drawn from `g` (plus all pairs of
    /// special values), f64 and f32.
    fn check2(
        name: &str,
        f64fn: fn(f64, f64) -> f64,
        f32fn: fn(f32, f32) -> f32,
        r: fn(f64, f64) -> f64,
        seed: u64,
    ) {
        let g = [
            (Bits, M / 2),
            (Uni(-10.0, 10.0), M / 2),
            (Log(-1074.0, 1024.0, true), M / 2),
            (Log(-30.0, 30.0, true), M / 2),
        ];
        for f32in in [false, true] {
            let ys = inputs(seed, &g, &[], f32in);
            let xs = inputs(seed + 1, &g, &[], f32in);
            let mut pairs: Vec<(f64, f64)> = ys.into_iter().zip(xs).collect();
            for &a in SPECIAL {
                for &b in SPECIAL {
                    pairs.push((a, b));
                }
            }
            let (mut worst, mut wp) = (0u64, (0.0, 0.0));
            for &(y, x) in &pairs {
                let u = if f32in {
                    let (y, x) = (y as f32, x as f32);
                    ulp32(f32fn(y, x), r(y as f64, x as f64) as f32)
                } else {
                    ulp64(f64fn(y, x), r(y, x))
                };
                if u > worst {
                    (worst, wp) = (u, (y, x));
                }
            }
            let t = if f32in { "f32" } else { "f64" };
            println!(
                "vmath {t} {name:8} max {worst} ulp over {} pairs (worst {wp:?})",
                pairs.len()
            );
            assert!(worst <= 1, "{t} {name}: {worst} ulp at {wp:?}");
        }
    }

    #[test]
    fn vmath_arctan2_hypot() {
        check2("arctan2", f64::v_arctan2, f32::v_arctan2, f64::atan2, 26);
        check2("hypot", f64::v_hypot, f32::v_hypot, f64::hypot, 28);
    }

    #[test]
    fn vmath_specials2() {
        use std::f64::consts::{FRAC_PI_2, FRAC_PI_4, PI};
        let (inf, nan) = (f64::INFINITY, f64::NAN);
        let same = |a: f64, b: f64| (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits();
        let atan2: &[(f64, f64, f64)] = &[
            (0.0, 0.0, 0.0),
            (-0.0, 0.0, -0.0),
            (0.0, -0.0, PI),
            (-0.0, -0.0, -PI),
            (0.0, -1.0, PI),
            (-0.0, -1.0, -PI),
            (0.0, 1.0, 0.0),
            (-0.0, 1.0, -0.0),
            (1.0, 0.0, FRAC_PI_2),
            (-1.0, -0.0, -FRAC_PI_2),
            (inf, inf, FRAC_PI_4),
            (-inf, inf, -FRAC_PI_4),
            (inf, -inf, 3.0 * FRAC_PI_4),
            (-inf, -inf, -3.0 * FRAC_PI_4),
            (1.0, inf, 0.0),
            (-1.0, inf, -0.0),
            (1.0, -inf, PI),
            (-1.0, -inf, -PI),
            (inf, 1.0, FRAC_PI_2),
            (-inf, -1.0, -FRAC_PI_2),
            (nan, 1.0, nan),
            (1.0, nan, nan),
            (1.0, 1.0, FRAC_PI_4),
            (1e-300, 1e300, 0.0),
            (1e-300, -1e300, PI),
        ];
        for &(y, x, want) in atan2 {
            let got = y.v_arctan2(x);
            assert!(
                same(got, want),
                "arctan2({y:e}, {x:e}) = {got:e}, want {want:e}"
            );
            let got = (y as f32).v_arctan2(x as f32);
            assert!(
                (got.is_nan() && want.is_nan()) || got.to_bits() == (want as f32).to_bits(),
                "f32 arctan2({y:e}, {x:e}) = {got:e}"
            );
        }
        let hypot: &[(f64, f64, f64)] = &[
            (inf, nan, inf),
            (nan, -inf, inf),
            (nan, 1.0, nan),
            (3.0, 4.0, 5.0),
            (-0.0, 0.0, 0.0),
            (1e308, 1e308, 1.4142135623730951e308),
            (5e-324, 5e-324, 5e-324),
            (f64::MAX, f64::MAX, inf),
        ];
        for &(a, b, want) in hypot {
            let got = a.v_hypot(b);
            assert!(
                same(got, want),
                "hypot({a:e}, {b:e}) = {got:e}, want {want:e}"
            );
        }
        assert_eq!(f32::INFINITY.v_hypot(f32::NAN), f32::INFINITY);
        assert_eq!(3f32.v_hypot(4.0), 5.0);
        assert_eq!(f32::MAX.v_hypot(f32::MAX), f32::INFINITY);
        assert_eq!(1e-45f32.v_hypot(0.0), 1e-45);
    }

    /// Exact special values, sign of zero included.
    #[test]
    fn vmath_specials() {
        let inf = f64::INFINITY;
        let same = |a: f64, b: f64| (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits();
        type Case = (&'static str, fn(f64) -> f64, f64, f64);
        let cases: &[Case] = &[
            ("exp", f64::v_exp, -inf, 0.0),
            ("exp", f64::v_exp, inf, inf),
            ("exp", f64::v_exp, 710.0, inf),
            ("exp", f64::v_exp, -746.0, 0.0),
            ("exp", f64::v_exp, 0.0, 1.0),
            ("exp", f64::v_exp, -0.0, 1.0),
            ("exp", f64::v_exp, f64::NAN, f64::NAN),
            ("log", f64::v_log, 0.0, -inf),
            ("log", f64::v_log, -0.0, -inf),
            ("log", f64::v_log, -1.0, f64::NAN),
            ("log", f64::v_log, -inf, f64::NAN),
            ("log", f64::v_log, inf, inf),
            ("log", f64::v_log, 1.0, 0.0),
            ("log", f64::v_log, f64::NAN, f64::NAN),
            ("sin", f64::v_sin, 0.0, 0.0),
            ("sin", f64::v_sin, -0.0, -0.0),
            ("sin", f64::v_sin, inf, f64::NAN),
            ("sin", f64::v_sin, -inf, f64::NAN),
            ("sin", f64::v_sin, f64::NAN, f64::NAN),
            ("cos", f64::v_cos, 0.0, 1.0),
            ("cos", f64::v_cos, -0.0, 1.0),
            ("cos", f64::v_cos, inf, f64::NAN),
            ("cos", f64::v_cos, f64::NAN, f64::NAN),
            ("tanh", f64::v_tanh, inf, 1.0),
            ("tanh", f64::v_tanh, -inf, -1.0),
            ("tanh", f64::v_tanh, -0.0, -0.0),
            ("tanh", f64::v_tanh, 1e-300, 1e-300),
            ("tanh", f64::v_tanh, -5e-324, -5e-324),
            ("tanh", f64::v_tanh, f64::NAN, f64::NAN),
            ("exp2", f64::v_exp2, -inf, 0.0),
            ("exp2", f64::v_exp2, inf, inf),
            ("exp2", f64::v_exp2, 1024.0, inf),
            ("exp2", f64::v_exp2, -1074.0, 5e-324),
            ("exp2", f64::v_exp2, -1076.0, 0.0),
            ("exp2", f64::v_exp2, 3.0, 8.0),
            ("exp2", f64::v_exp2, f64::NAN, f64::NAN),
            ("expm1", f64::v_expm1, -inf, -1.0),
            ("expm1", f64::v_expm1, inf, inf),
            ("expm1", f64::v_expm1, -0.0, -0.0),
            ("expm1", f64::v_expm1, 5e-324, 5e-324),
            ("expm1", f64::v_expm1, 710.0, inf),
            ("expm1", f64::v_expm1, f64::NAN, f64::NAN),
            ("log2", f64::v_log2, 0.0, -inf),
            ("log2", f64::v_log2, -2.0, f64::NAN),
            ("log2", f64::v_log2, inf, inf),
            ("log2", f64::v_log2, 5e-324, -1074.0),
            ("log2", f64::v_log2, f64::NAN, f64::NAN),
            ("log10", f64::v_log10, 0.0, -inf),
            ("log10", f64::v_log10, -2.0, f64::NAN),
            ("log10", f64::v_log10, inf, inf),
            ("log10", f64::v_log10, 1.0, 0.0),
            ("log10", f64::v_log10, f64::NAN, f64::NAN),
            ("log1p", f64::v_log1p, -1.0, -inf),
            ("log1p", f64::v_log1p, -2.0, f64::NAN),
            ("log1p", f64::v_log1p, -inf, f64::NAN),
            ("log1p", f64::v_log1p, inf, inf),
            ("log1p", f64::v_log1p, -0.0, -0.0),
            ("log1p", f64::v_log1p, -5e-324, -5e-324),
            ("log1p", f64::v_log1p, f64::NAN, f64::NAN),
            ("tan", f64::v_tan, -0.0, -0.0),
            ("tan", f64::v_tan, inf, f64::NAN),
            ("tan", f64::v_tan, f64::NAN, f64::NAN),
            ("sinh", f64::v_sinh, -0.0, -0.0),
            ("sinh", f64::v_sinh, -inf, -inf),
            ("sinh", f64::v_sinh, 711.0, inf),
            ("sinh", f64::v_sinh, f64::NAN, f64::NAN),
            ("cosh", f64::v_cosh, -inf, inf),
            ("cosh", f64::v_cosh, -0.0, 1.0),
            ("cosh", f64::v_cosh, f64::NAN, f64::NAN),
            ("arctan", f64::v_arctan, -0.0, -0.0),
            ("arctan", f64::v_arctan, -inf, -std::f64::consts::FRAC_PI_2),
            ("arctan", f64::v_arctan, f64::NAN, f64::NAN),
            ("arcsin", f64::v_arcsin, -0.0, -0.0),
            ("arcsin", f64::v_arcsin, -1.0, -std::f64::consts::FRAC_PI_2),
            ("arcsin", f64::v_arcsin, 1.5, f64::NAN),
            ("arcsin", f64::v_arcsin, f64::NAN, f64::NAN),
            ("arccos", f64::v_arccos, 1.0, 0.0),
            ("arccos", f64::v_arccos, -1.0, std::f64::consts::PI),
            ("arccos", f64::v_arccos, -1.5, f64::NAN),
            ("arccos", f64::v_arccos, f64::NAN, f64::NAN),
            ("arcsinh", f64::v_arcsinh, -0.0, -0.0),
            ("arcsinh", f64::v_arcsinh, -inf, -inf),
            ("arcsinh", f64::v_arcsinh, f64::NAN, f64::NAN),
            ("arccosh", f64::v_arccosh, 1.0, 0.0),
            ("arccosh", f64::v_arccosh, 0.5, f64::NAN),
            ("arccosh", f64::v_arccosh, -inf, f64::NAN),
            ("arccosh", f64::v_arccosh, inf, inf),
            ("arccosh", f64::v_arccosh, f64::NAN, f64::NAN),
            ("arctanh", f64::v_arctanh, -0.0, -0.0),
            ("arctanh", f64::v_arctanh, -1.0, -inf),
            ("arctanh", f64::v_arctanh, 1.0, inf),
            ("arctanh", f64::v_arctanh, 2.0, f64::NAN),
            ("arctanh", f64::v_arctanh, f64::NAN, f64::NAN),
            ("cbrt", f64::v_cbrt, -0.0, -0.0),
            ("cbrt", f64::v_cbrt, -inf, -inf),
            ("cbrt", f64::v_cbrt, -8.0, -2.0),
            ("cbrt", f64::v_cbrt, 27.0, 3.0),
            ("cbrt", f64::v_cbrt, f64::NAN, f64::NAN),
        ];
        for &(name, f, x, want) in cases {
            let got = f(x);
            assert!(
                same(got, want),
                "f64 {name}({x:e}) = {got:e}, want {want:e}"
            );
            let (x32, want32) = (x as f32, want as f32);
            let f32fn = match name {
                "exp" => f32::v_exp,
                "log" => f32::v_log,
                "sin" => f32::v_sin,
                "cos" => f32::v_cos,
                "tanh" => f32::v_tanh,
                "exp2" => f32::v_exp2,
                "expm1" => f32::v_expm1,
                "log2" => f32::v_log2,
                "log10" => f32::v_log10,
                "log1p" => f32::v_log1p,
                "tan" => f32::v_tan,
                "sinh" => f32::v_sinh,
                "cosh" => f32::v_cosh,
                "arctan" => f32::v_arctan,
                "arcsin" => f32::v_arcsin,
                "arccos" => f32::v_arccos,
                "arcsinh" => f32::v_arcsinh,
                "arccosh" => f32::v_arccosh,
                "arctanh" => f32::v_arctanh,
                "cbrt" => f32::v_cbrt,
                _ => unreachable!(),
            };
            let got32 = f32fn(x32);
            let ok = (got32.is_nan() && want32.is_nan()) || got32.to_bits() == want32.to_bits();
            // f64 inputs that round to a different f32 special are skipped
            if (x32 as f64).to_bits() == x.to_bits() || x.is_nan() {
                assert!(ok, "f32 {name}({x32:e}) = {got32:e}, want {want32:e}");
            }
        }
    }
}
