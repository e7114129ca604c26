//! The distributions of `Generator`, one function per NumPy C function
//! (`numpy/random/src/distributions/distributions.c`), each consuming the bit stream exactly
//! as NumPy's does: same draws, same order, same rejection tests, same libm calls.

use super::bitgen::Bits;
use super::ziggurat::*;
use std::f64::consts::PI;

#[inline]
pub fn standard_exponential<R: Bits + ?Sized>(g: &mut R) -> f64 {
    loop {
        let mut ri = g.next_u64() >> 3;
        let idx = (ri & 0xff) as usize;
        ri >>= 8;
        let x = ri as f64 * WE_DOUBLE[idx];
        if ri < KE_DOUBLE[idx] {
            return x;
        }
        if idx == 0 {
            return EXP_R - (-g.next_f64()).ln_1p();
        }
        if (FE_DOUBLE[idx - 1] - FE_DOUBLE[idx]) * g.next_f64() + FE_DOUBLE[idx] < (-x).exp() {
            return x;
        }
    }
}

#[inline]
pub fn standard_exponential_f<R: Bits + ?Sized>(g: &mut R) -> f32 {
    loop {
        let mut ri = g.next_u32() >> 1;
        let idx = (ri & 0xff) as usize;
        ri >>= 8;
        let x = ri as f32 * WE_FLOAT[idx];
        if ri < KE_FLOAT[idx] {
            return x;
        }
        if idx == 0 {
            return EXP_R_F - (-g.next_f32()).ln_1p();
        }
        if (FE_FLOAT[idx - 1] - FE_FLOAT[idx]) * g.next_f32() + FE_FLOAT[idx] < (-x).exp() {
            return x;
        }
    }
}

#[inline]
pub fn standard_normal<R: Bits + ?Sized>(g: &mut R) -> f64 {
    loop {
        let mut r = g.next_u64();
        let idx = (r & 0xff) as usize;
        r >>= 8;
        let sign = r & 1;
        let rabs = (r >> 1) & 0x000f_ffff_ffff_ffff;
        let mut x = rabs as f64 * WI_DOUBLE[idx];
        if sign == 1 {
            x = -x;
        }
        if rabs < KI_DOUBLE[idx] {
            return x;
        }
        if idx == 0 {
            loop {
                let xx = -NOR_INV_R * (-g.next_f64()).ln_1p();
                let yy = -(-g.next_f64()).ln_1p();
                if yy + yy > xx * xx {
                    return if (rabs >> 8) & 1 == 1 {
                        -(NOR_R + xx)
                    } else {
                        NOR_R + xx
                    };
                }
            }
        } else if (FI_DOUBLE[idx - 1] - FI_DOUBLE[idx]) * g.next_f64() + FI_DOUBLE[idx]
            < (-0.5 * x * x).exp()
        {
            return x;
        }
    }
}

#[inline]
pub fn standard_normal_f<R: Bits + ?Sized>(g: &mut R) -> f32 {
    loop {
        let r = g.next_u32();
        let idx = (r & 0xff) as usize;
        let sign = (r >> 8) & 1;
        let rabs = (r >> 9) & 0x007f_ffff;
        let mut x = rabs as f32 * WI_FLOAT[idx];
        if sign == 1 {
            x = -x;
        }
        if rabs < KI_FLOAT[idx] {
            return x;
        }
        if idx == 0 {
            loop {
                let xx = -NOR_INV_R_F * (-g.next_f32()).ln_1p();
                let yy = -(-g.next_f32()).ln_1p();
                if yy + yy > xx * xx {
                    return if (rabs >> 8) & 1 == 1 {
                        -(NOR_R_F + xx)
                    } else {
                        NOR_R_F + xx
                    };
                }
            }
        } else {
            // NumPy compares in double here (`exp(-0.5 * x * x)` on a float promotes).
            let lhs = (FI_FLOAT[idx - 1] - FI_FLOAT[idx]) * g.next_f32() + FI_FLOAT[idx];
            if (lhs as f64) < (-0.5 * x as f64 * x as f64).exp() {
                return x;
            }
        }
    }
}

pub fn standard_gamma<R: Bits + ?Sized>(g: &mut R, shape: f64) -> f64 {
    if shape == 1.0 {
        return standard_exponential(g);
    }
    if shape == 0.0 {
        return 0.0;
    }
    if shape < 1.0 {
        loop {
            let u = g.next_f64();
            let v = standard_exponential(g);
            if u <= 1.0 - shape {
                let x = u.powf(1.0 / shape);
                if x <= v {
                    return x;
                }
            } else {
                let y = -((1.0 - u) / shape).ln();
                let x = (1.0 - shape + shape * y).powf(1.0 / shape);
                if x <= v + y {
                    return x;
                }
            }
        }
    }
    let b = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * b).sqrt();
    loop {
        let (mut x, mut v);
        loop {
            x = standard_normal(g);
            v = 1.0 + c * x;
            if v > 0.0 {
                break;
            }
        }
        v = v * v * v;
        let u = g.next_f64();
        if u < 1.0 - 0.0331 * (x * x) * (x * x) {
            return b * v;
        }
        if u.ln() < 0.5 * x * x + b * (1.0 - v + v.ln()) {
            return b * v;
        }
    }
}

pub fn standard_gamma_f<R: Bits + ?Sized>(g: &mut R, shape: f32) -> f32 {
    if shape == 1.0 {
        return standard_exponential_f(g);
    }
    if shape == 0.0 {
        return 0.0;
    }
    if shape < 1.0 {
        loop {
            let u = g.next_f32();
            let v = standard_exponential_f(g);
            if u <= 1.0 - shape {
                let x = u.powf(1.0 / shape);
                if x <= v {
                    return x;
                }
            } else {
                let y = -((1.0 - u) / shape).ln();
                let x = (1.0 - shape + shape * y).powf(1.0 / shape);
                if x <= v + y {
                    return x;
                }
            }
        }
    }
    let b = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * b).sqrt();
    loop {
        let (mut x, mut v);
        loop {
            x = standard_normal_f(g);
            v = 1.0 + c * x;
            if v > 0.0 {
                break;
            }
        }
        v = v * v * v;
        let u = g.next_f32();
        if u < 1.0 - 0.0331 * (x * x) * (x * x) {
            return b * v;
        }
        if u.ln() < 0.5 * x * x + b * (1.0 - v + v.ln()) {
            return b * v;
        }
    }
}

/// `random_loggam`: log-gamma by Zhang & Jin's series (NumPy's, kept for equal values).
pub fn loggam(x: f64) -> f64 {
    const A: [f64; 10] = [
        8.333333333333333e-02,
        -2.777777777777778e-03,
        7.936507936507937e-04,
        -5.952380952380952e-04,
        8.417508417508418e-04,
        -1.917526917526918e-03,
        6.41025641025641e-03,
        -2.955065359477124e-02,
        1.796443723688307e-01,
        -1.39243221690590e+00,
    ];
    if x == 1.0 || x == 2.0 {
        return 0.0;
    }
    let n: i64 = if x < 7.0 { (7.0 - x) as i64 } else { 0 };
    let mut x0 = x + n as f64;
    let x2 = (1.0 / x0) * (1.0 / x0);
    let lg2pi = 1.8378770664093453e+00;
    let mut gl0 = A[9];
    for k in (0..9).rev() {
        gl0 *= x2;
        gl0 += A[k];
    }
    let mut gl = gl0 / x0 + 0.5 * lg2pi + (x0 - 0.5) * x0.ln() - x0;
    if x < 7.0 {
        for _ in 1..=n {
            gl -= (x0 - 1.0).ln();
            x0 -= 1.0;
        }
    }
    gl
}

pub fn beta<R: Bits + ?Sized>(g: &mut R, a: f64, b: f64) -> f64 {
    if a <= 1.0 && b <= 1.0 {
        if a < 3e-103 && b < 3e-103 {
            let u = g.next_f64();
            return if (a + b) * u < a { 1.0 } else { 0.0 };
        }
        loop {
            let u = g.next_f64();
            let v = g.next_f64();
            let x = u.powf(1.0 / a);
            let y = v.powf(1.0 / b);
            let xpy = x + y;
            if xpy <= 1.0 && u + v > 0.0 {
                if x > 0.0 && y > 0.0 {
                    return x / xpy;
                }
                let logx = u.ln() / a;
                let logy = v.ln() / b;
                let delta = logx - logy;
                return if delta > 0.0 {
                    (-(-delta).exp().ln_1p()).exp()
                } else {
                    (delta - delta.exp().ln_1p()).exp()
                };
            }
        }
    }
    let ga = standard_gamma(g, a);
    let gb = standard_gamma(g, b);
    ga / (ga + gb)
}

pub fn chisquare<R: Bits + ?Sized>(g: &mut R, df: f64) -> f64 {
    2.0 * standard_gamma(g, df / 2.0)
}

pub fn f<R: Bits + ?Sized>(g: &mut R, dfnum: f64, dfden: f64) -> f64 {
    let s1 = chisquare(g, dfnum) * dfden;
    let s2 = chisquare(g, dfden) * dfnum;
    s1 / s2
}

pub fn standard_cauchy<R: Bits + ?Sized>(g: &mut R) -> f64 {
    let a = standard_normal(g);
    let b = standard_normal(g);
    a / b
}

pub fn pareto<R: Bits + ?Sized>(g: &mut R, a: f64) -> f64 {
    (standard_exponential(g) / a).exp_m1()
}

pub fn weibull<R: Bits + ?Sized>(g: &mut R, a: f64) -> f64 {
    if a == 0.0 {
        return 0.0;
    }
    standard_exponential(g).powf(1.0 / a)
}

pub fn power<R: Bits + ?Sized>(g: &mut R, a: f64) -> f64 {
    (-(-standard_exponential(g)).exp_m1()).powf(1.0 / a)
}

pub fn laplace<R: Bits + ?Sized>(g: &mut R, loc: f64, scale: f64) -> f64 {
    loop {
        let u = g.next_f64();
        if u >= 0.5 {
            return loc - scale * (2.0 - u - u).ln();
        } else if u > 0.0 {
            return loc + scale * (u + u).ln();
        }
    }
}

pub fn gumbel<R: Bits + ?Sized>(g: &mut R, loc: f64, scale: f64) -> f64 {
    loop {
        let u = 1.0 - g.next_f64();
        if u < 1.0 {
            return loc - scale * (-u.ln()).ln();
        }
    }
}

pub fn logistic<R: Bits + ?Sized>(g: &mut R, loc: f64, scale: f64) -> f64 {
    loop {
        let u = g.next_f64();
        if u > 0.0 {
            return loc + scale * (u / (1.0 - u)).ln();
        }
    }
}

pub fn rayleigh<R: Bits + ?Sized>(g: &mut R, mode: f64) -> f64 {
    mode * (2.0 * standard_exponential(g)).sqrt()
}

pub fn standard_t<R: Bits + ?Sized>(g: &mut R, df: f64) -> f64 {
    let num = standard_normal(g);
    let denom = standard_gamma(g, df / 2.0);
    (df / 2.0).sqrt() * num / denom.sqrt()
}

fn poisson_mult<R: Bits + ?Sized>(g: &mut R, lam: f64) -> i64 {
    let enlam = (-lam).exp();
    let mut x = 0;
    let mut prod = 1.0;
    loop {
        prod *= g.next_f64();
        if prod > enlam {
            x += 1;
        } else {
            return x;
        }
    }
}

fn poisson_ptrs<R: Bits + ?Sized>(g: &mut R, lam: f64) -> i64 {
    let slam = lam.sqrt();
    let loglam = lam.ln();
    let b = 0.931 + 2.53 * slam;
    let a = -0.059 + 0.02483 * b;
    let invalpha = 1.1239 + 1.1328 / (b - 3.4);
    let vr = 0.9277 - 3.6224 / (b - 2.0);
    loop {
        let u = g.next_f64() - 0.5;
        let v = g.next_f64();
        let us = 0.5 - u.abs();
        let k = ((2.0 * a / us + b) * u + lam + 0.43).floor() as i64;
        if us >= 0.07 && v <= vr {
            return k;
        }
        if k < 0 || (us < 0.013 && v > us) {
            continue;
        }
        if v.ln() + invalpha.ln() - (a / (us * us) + b).ln()
            <= -lam + k as f64 * loglam - loggam(k as f64 + 1.0)
        {
            return k;
        }
    }
}

pub fn poisson<R: Bits + ?Sized>(g: &mut R, lam: f64) -> i64 {
    if lam >= 10.0 {
        poisson_ptrs(g, lam)
    } else if lam == 0.0 {
        0
    } else {
        poisson_mult(g, lam)
    }
}

pub fn negative_binomial<R: Bits + ?Sized>(g: &mut R, n: f64, p: f64) -> i64 {
    let y = standard_gamma(g, n) * ((1.0 - p) / p);
    poisson(g, y)
}

pub(crate) fn binomial_btpe<R: Bits + ?Sized>(g: &mut R, n: i64, p: f64) -> i64 {
    let r = p.min(1.0 - p);
    let q = 1.0 - r;
    let fm = n as f64 * r + r;
    let m = fm.floor() as i64;
    let p1 = (2.195 * (n as f64 * r * q).sqrt() - 4.6 * q).floor() + 0.5;
    let xm = m as f64 + 0.5;
    let xl = xm - p1;
    let xr = xm + p1;
    let c = 0.134 + 20.5 / (15.3 + m as f64);
    let mut a = (fm - xl) / (fm - xl * r);
    let laml = a * (1.0 + a / 2.0);
    a = (xr - fm) / (xr * q);
    let lamr = a * (1.0 + a / 2.0);
    let p2 = p1 * (1.0 + 2.0 * c);
    let p3 = p2 + c / laml;
    let p4 = p3 + c / lamr;
    let nf = n as f64;
    let y = 'step10: loop {
        let nrq = nf * r * q;
        let u = g.next_f64() * p4;
        let mut v = g.next_f64();
        let y;
        if u <= p1 {
            break (xm - p1 * v + u).floor() as i64;
        } else if u <= p2 {
            let x = xl + (u - p1) / c;
            v = v * c + 1.0 - (m as f64 - x + 0.5).abs() / p1;
            if v > 1.0 {
                continue;
            }
            y = x.floor() as i64;
        } else if u <= p3 {
            y = (xl + v.ln() / laml).floor() as i64;
            if y < 0 || v == 0.0 {
                continue;
            }
            v *= (u - p2) * laml;
        } else {
            y = (xr - v.ln() / lamr).floor() as i64;
            if y > n || v == 0.0 {
                continue;
            }
            v *= (u - p3) * lamr;
        }
        // Step 50
        let k = (y - m).abs();
        if !(k > 20 && (k as f64) < nrq / 2.0 - 1.0) {
            let s = r / q;
            let a = s * (nf + 1.0);
            let mut ff = 1.0;
            if m < y {
                for i in m + 1..=y {
                    ff *= a / i as f64 - s;
                }
            } else if m > y {
                for i in y + 1..=m {
                    ff /= a / i as f64 - s;
                }
            }
            if v > ff {
                continue;
            }
            break y;
        }
        // Step 52
        let kf = k as f64;
        let rho = (kf / nrq) * ((kf * (kf / 3.0 + 0.625) + 0.16666666666666666) / nrq + 0.5);
        let t = -kf * kf / (2.0 * nrq);
        let aa = v.ln();
        if aa < t - rho {
            break y;
        }
        if aa > t + rho {
            continue;
        }
        let x1 = y as f64 + 1.0;
        let f1 = m as f64 + 1.0;
        let z = nf + 1.0 - m as f64;
        let w = nf - y as f64 + 1.0;
        let (x2, f2, z2, w2) = (x1 * x1, f1 * f1, z * z, w * w);
        let corr = |s: f64, s2: f64| {
            (13860. - (462. - (132. - (99. - 140. / s2) / s2) / s2) / s2) / s / 166320.
        };
        let bound = xm * (f1 / x1).ln()
            + (nf - m as f64 + 0.5) * (z / w).ln()
            + (y - m) as f64 * (w * r / (x1 * q)).ln()
            + corr(f1, f2)
            + corr(z, z2)
            - corr(x1, x2)
            - corr(w, w2);
        if aa > bound {
            continue 'step10;
        }
        break y;
    };
    if p > 0.5 {
        n - y
    } else {
        y
    }
}

/// `legacy` computes q^n as `RandomState` does (`exp(n * log(q))`).
pub(crate) fn binomial_inversion<R: Bits + ?Sized>(g: &mut R, n: i64, p: f64, legacy: bool) -> i64 {
    let q = 1.0 - p;
    let qn = if legacy {
        (n as f64 * q.ln()).exp()
    } else {
        (n as f64 * (-p).ln_1p()).exp()
    };
    let np = n as f64 * p;
    let bound = (n as f64).min(np + 10.0 * (np * q + 1.0).sqrt()) as i64;
    let mut x = 0i64;
    let mut px = qn;
    let mut u = g.next_f64();
    while u > px {
        x += 1;
        if x > bound {
            x = 0;
            px = qn;
            u = g.next_f64();
        } else {
            u -= px;
            px = ((n - x + 1) as f64 * p * px) / (x as f64 * q);
        }
    }
    x
}

pub fn binomial<R: Bits + ?Sized>(g: &mut R, p: f64, n: i64) -> i64 {
    if n == 0 || p == 0.0 {
        return 0;
    }
    if p <= 0.5 {
        if p * n as f64 <= 30.0 {
            binomial_inversion(g, n, p, false)
        } else {
            binomial_btpe(g, n, p)
        }
    } else {
        let q = 1.0 - p;
        if q * n as f64 <= 30.0 {
            n - binomial_inversion(g, n, q, false)
        } else {
            n - binomial_btpe(g, n, q)
        }
    }
}

pub fn noncentral_chisquare<R: Bits + ?Sized>(g: &mut R, df: f64, nonc: f64) -> f64 {
    if nonc.is_nan() {
        return f64::NAN;
    }
    if nonc == 0.0 {
        return chisquare(g, df);
    }
    if 1.0 < df {
        let chi2 = chisquare(g, df - 1.0);
        let n = standard_normal(g) + nonc.sqrt();
        chi2 + n * n
    } else {
        let i = poisson(g, nonc / 2.0);
        chisquare(g, df + 2.0 * i as f64)
    }
}

pub fn noncentral_f<R: Bits + ?Sized>(g: &mut R, dfnum: f64, dfden: f64, nonc: f64) -> f64 {
    let t = noncentral_chisquare(g, dfnum, nonc) * dfden;
    t / (chisquare(g, dfden) * dfnum)
}

pub fn wald<R: Bits + ?Sized>(g: &mut R, mean: f64, scale: f64) -> f64 {
    let mut y = standard_normal(g);
    y = mean * y * y;
    let d = 1.0 + (1.0 + 4.0 * scale / y).sqrt();
    let x = mean * (1.0 - 2.0 / d);
    let u = g.next_f64();
    if u <= mean / (mean + x) {
        x
    } else {
        mean * mean / x
    }
}

pub fn vonmises<R: Bits + ?Sized>(g: &mut R, mu: f64, kappa: f64) -> f64 {
    if kappa.is_nan() {
        return f64::NAN;
    }
    if kappa < 1e-8 {
        return PI * (2.0 * g.next_f64() - 1.0);
    }
    let s = if kappa < 1e-5 {
        1.0 / kappa + kappa
    } else if kappa <= 1e6 {
        let r = 1.0 + (1.0 + 4.0 * kappa * kappa).sqrt();
        let rho = (r - (2.0 * r).sqrt()) / (2.0 * kappa);
        (1.0 + rho * rho) / (2.0 * rho)
    } else {
        let mut result = mu + (1.0 / kappa).sqrt() * standard_normal(g);
        if result < -PI {
            result += 2.0 * PI;
        }
        if result > PI {
            result -= 2.0 * PI;
        }
        return result;
    };
    let w = loop {
        let u = g.next_f64();
        let z = (PI * u).cos();
        let w = (1.0 + s * z) / (s + z);
        let y = kappa * (s - w);
        let v = g.next_f64();
        if y * (2.0 - y) - v >= 0.0 || (y / v).ln() + 1.0 - y >= 0.0 {
            break w;
        }
    };
    let u = g.next_f64();
    let mut result = w.acos();
    if u < 0.5 {
        result = -result;
    }
    result += mu;
    let neg = result < 0.0;
    let mut m = result.abs();
    m = (m + PI) % (2.0 * PI) - PI;
    if neg {
        m = -m;
    }
    m
}

pub fn logseries<R: Bits + ?Sized>(g: &mut R, p: f64) -> i64 {
    let r = (-p).ln_1p();
    loop {
        let v = g.next_f64();
        if v >= p {
            return 1;
        }
        let u = g.next_f64();
        let q = -(r * u).exp_m1();
        if v <= q * q {
            let result = (1.0 + v.ln() / q.ln()).floor() as i64;
            if result < 1 || v == 0.0 {
                continue;
            }
            return result;
        }
        return if v >= q { 1 } else { 2 };
    }
}

pub(crate) fn geometric_search<R: Bits + ?Sized>(g: &mut R, p: f64) -> i64 {
    let mut x = 1;
    let mut sum = p;
    let mut prod = p;
    let q = 1.0 - p;
    let u = g.next_f64();
    while u > sum {
        prod *= q;
        sum += prod;
        x += 1;
    }
    x
}

pub fn geometric<R: Bits + ?Sized>(g: &mut R, p: f64) -> i64 {
    if p >= 0.333_333_333_333_333_3 {
        geometric_search(g, p)
    } else {
        let z = (-standard_exponential(g) / (-p).ln_1p()).ceil();
        if z >= 9.223372036854776e+18 {
            i64::MAX
        } else {
            z as i64
        }
    }
}

pub fn zipf<R: Bits + ?Sized>(g: &mut R, a: f64) -> i64 {
    if a >= 1025.0 {
        return 1;
    }
    let am1 = a - 1.0;
    let b = 2f64.powf(am1);
    let umin = (i64::MAX as f64).powf(-am1);
    loop {
        let u01 = g.next_f64();
        let u = u01 * umin + (1.0 - u01);
        let v = g.next_f64();
        let x = u.powf(-1.0 / am1).floor();
        if x > i64::MAX as f64 || x < 1.0 {
            continue;
        }
        let t = (1.0 + 1.0 / x).powf(am1);
        if v * x * (t - 1.0) / (b - 1.0) <= t / b {
            return x as i64;
        }
    }
}

pub fn triangular<R: Bits + ?Sized>(g: &mut R, left: f64, mode: f64, right: f64) -> f64 {
    let base = right - left;
    let leftbase = mode - left;
    let ratio = leftbase / base;
    let leftprod = leftbase * base;
    let rightprod = (right - mode) * base;
    let u = g.next_f64();
    if u <= ratio {
        left + (u * leftprod).sqrt()
    } else {
        right - ((1.0 - u) * rightprod).sqrt()
    }
}

/// `random_multinomial`: one row of counts from conditional binomials.
pub fn multinomial<R: Bits + ?Sized>(g: &mut R, n: i64, pix: &[f64], out: &mut [i64]) {
    let d = pix.len();
    let mut remaining = 1.0;
    let mut dn = n;
    for j in 0..d.saturating_sub(1) {
        out[j] = binomial(g, pix[j] / remaining, dn);
        dn -= out[j];
        if dn <= 0 {
            break;
        }
        remaining -= pix[j];
    }
    if dn > 0 && d > 0 {
        out[d - 1] = dn;
    }
}

fn hypergeometric_sample<R: Bits + ?Sized>(g: &mut R, good: i64, bad: i64, sample: i64) -> i64 {
    let total = good + bad;
    let computed = if sample > total / 2 {
        total - sample
    } else {
        sample
    };
    let mut remaining_total = total;
    let mut remaining_good = good;
    let mut cs = computed;
    while cs > 0 && remaining_good > 0 && remaining_total > remaining_good {
        remaining_total -= 1;
        if (super::bounded::interval(g, remaining_total as u64) as i64) < remaining_good {
            remaining_good -= 1;
        }
        cs -= 1;
    }
    if remaining_total == remaining_good {
        remaining_good -= cs;
    }
    if sample > total / 2 {
        remaining_good
    } else {
        good - remaining_good
    }
}

fn hypergeometric_hrua<R: Bits + ?Sized>(g: &mut R, good: i64, bad: i64, sample: i64) -> i64 {
    use super::logfact::logfactorial as lf;
    const D1: f64 = 1.7155277699214135;
    const D2: f64 = 0.8989161620588988;
    let popsize = good + bad;
    let computed = sample.min(popsize - sample);
    let mingb = good.min(bad);
    let maxgb = good.max(bad);
    let p = mingb as f64 / popsize as f64;
    let q = maxgb as f64 / popsize as f64;
    let mu = computed as f64 * p;
    let a = mu + 0.5;
    let var = (popsize - computed) as f64 * computed as f64 * p * q / (popsize - 1) as f64;
    let c = (var + 0.5).sqrt();
    let h = D1 * c + D2;
    let m = ((computed + 1) as f64 * (mingb + 1) as f64 / (popsize + 2) as f64).floor() as i64;
    let gg = lf(m) + lf(mingb - m) + lf(computed - m) + lf(maxgb - computed + m);
    let b = ((computed.min(mingb) + 1) as f64).min((a + 16.0 * c).floor());
    let mut k;
    loop {
        let u = g.next_f64();
        let v = g.next_f64();
        let x = a + h * (v - 0.5) / u;
        if x < 0.0 || x >= b {
            continue;
        }
        k = x.floor() as i64;
        let gp = lf(k) + lf(mingb - k) + lf(computed - k) + lf(maxgb - computed + k);
        let t = gg - gp;
        if u * (4.0 - u) - 3.0 <= t {
            break;
        }
        if u * (u - t) >= 1.0 {
            continue;
        }
        if 2.0 * u.ln() <= t {
            break;
        }
    }
    if good > bad {
        k = computed - k;
    }
    if computed < sample {
        k = good - k;
    }
    k
}

/// `random_hypergeometric` of `Generator`.
pub fn hypergeometric<R: Bits + ?Sized>(g: &mut R, good: i64, bad: i64, sample: i64) -> i64 {
    if sample >= 10 && sample <= good + bad - 10 {
        hypergeometric_hrua(g, good, bad, sample)
    } else {
        hypergeometric_sample(g, good, bad, sample)
    }
}
