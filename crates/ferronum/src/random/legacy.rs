//! The distributions of the legacy `RandomState` (`numpy/random/src/legacy/`): frozen
//! streams that differ from `Generator`'s (polar Box-Muller normals with a cached second
//! value, `-log(1-U)` exponentials, the older binomial, geometric, zipf, logseries and
//! hypergeometric forms).

use super::bitgen::Bits;
use super::dist;
use std::f64::consts::PI;

/// The cached second normal of the polar method (part of `RandomState`'s state).
#[derive(Clone, Copy, Debug, Default)]
pub struct Gauss {
    pub has: bool,
    pub value: f64,
}

pub fn gauss<R: Bits + ?Sized>(g: &mut R, st: &mut Gauss) -> f64 {
    if st.has {
        st.has = false;
        let v = st.value;
        st.value = 0.0;
        return v;
    }
    let (mut x1, mut x2, mut r2);
    loop {
        x1 = 2.0 * g.next_f64() - 1.0;
        x2 = 2.0 * g.next_f64() - 1.0;
        r2 = x1 * x1 + x2 * x2;
        if !(r2 >= 1.0 || r2 == 0.0) {
            break;
        }
    }
    let f = (-2.0 * r2.ln() / r2).sqrt();
    st.value = f * x1;
    st.has = true;
    f * x2
}

pub fn standard_exponential<R: Bits + ?Sized>(g: &mut R) -> f64 {
    -(1.0 - g.next_f64()).ln()
}

pub fn standard_gamma<R: Bits + ?Sized>(g: &mut R, st: &mut Gauss, shape: f64) -> f64 {
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
            x = gauss(g, st);
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

pub fn chisquare<R: Bits + ?Sized>(g: &mut R, st: &mut Gauss, df: f64) -> f64 {
    2.0 * standard_gamma(g, st, df / 2.0)
}

pub fn noncentral_chisquare<R: Bits + ?Sized>(
    g: &mut R,
    st: &mut Gauss,
    df: f64,
    nonc: f64,
) -> f64 {
    if nonc == 0.0 {
        return chisquare(g, st, df);
    }
    if 1.0 < df {
        let chi2 = chisquare(g, st, df - 1.0);
        let n = gauss(g, st) + nonc.sqrt();
        return chi2 + n * n;
    }
    let i = dist::poisson(g, nonc / 2.0);
    let out = chisquare(g, st, df + 2.0 * i as f64);
    if nonc.is_nan() {
        f64::NAN
    } else {
        out
    }
}

pub fn wald<R: Bits + ?Sized>(g: &mut R, st: &mut Gauss, mean: f64, scale: f64) -> f64 {
    let mu_2l = mean / (2.0 * scale);
    let mut y = gauss(g, st);
    y = mean * y * y;
    let x = mean + mu_2l * (y - (4.0 * scale * y + y * y).sqrt());
    let u = g.next_f64();
    if u <= mean / (mean + x) {
        x
    } else {
        mean * mean / x
    }
}

pub fn beta<R: Bits + ?Sized>(g: &mut R, st: &mut Gauss, a: f64, b: f64) -> f64 {
    if a <= 1.0 && b <= 1.0 {
        loop {
            let u = g.next_f64();
            let v = g.next_f64();
            let x = u.powf(1.0 / a);
            let y = v.powf(1.0 / b);
            if x + y <= 1.0 {
                if x + y > 0.0 {
                    return x / (x + y);
                }
                let mut logx = u.ln() / a;
                let mut logy = v.ln() / b;
                let logm = if logx > logy { logx } else { logy };
                logx -= logm;
                logy -= logm;
                return (logx - (logx.exp() + logy.exp()).ln()).exp();
            }
        }
    }
    let ga = standard_gamma(g, st, a);
    let gb = standard_gamma(g, st, b);
    ga / (ga + gb)
}

pub fn binomial<R: Bits + ?Sized>(g: &mut R, p: f64, n: i64) -> i64 {
    if p <= 0.5 {
        if p * n as f64 <= 30.0 {
            dist::binomial_inversion(g, n, p, true)
        } else {
            dist::binomial_btpe(g, n, p)
        }
    } else {
        let q = 1.0 - p;
        if q * n as f64 <= 30.0 {
            n - dist::binomial_inversion(g, n, q, true)
        } else {
            n - dist::binomial_btpe(g, n, q)
        }
    }
}

pub fn hypergeometric<R: Bits + ?Sized>(g: &mut R, good: i64, bad: i64, sample: i64) -> i64 {
    if sample > 10 {
        hypergeometric_hrua(g, good, bad, sample)
    } else if sample > 0 {
        let d1 = bad + good - sample;
        let d2 = bad.min(good) as f64;
        let mut y = d2;
        let mut k = sample;
        while y > 0.0 {
            let u = g.next_f64();
            y -= (u + y / (d1 + k) as f64).floor() as i64 as f64;
            k -= 1;
            if k == 0 {
                break;
            }
        }
        let mut z = (d2 - y) as i64;
        if good > bad {
            z = sample - z;
        }
        z
    } else {
        0
    }
}

fn hypergeometric_hrua<R: Bits + ?Sized>(g: &mut R, good: i64, bad: i64, sample: i64) -> i64 {
    const D1: f64 = 1.7155277699214135;
    const D2: f64 = 0.8989161620588988;
    let lg = dist::loggam;
    let mingoodbad = good.min(bad);
    let popsize = good + bad;
    let maxgoodbad = good.max(bad);
    let m = sample.min(popsize - sample);
    let d4 = mingoodbad as f64 / popsize as f64;
    let d5 = 1.0 - d4;
    let d6 = m as f64 * d4 + 0.5;
    let d7 = ((popsize - m) as f64 * sample as f64 * d4 * d5 / (popsize - 1) as f64 + 0.5).sqrt();
    let d8 = D1 * d7 + D2;
    let d9 = ((m + 1) as f64 * (mingoodbad + 1) as f64 / (popsize + 2) as f64).floor() as i64;
    let d10 = lg((d9 + 1) as f64)
        + lg((mingoodbad - d9 + 1) as f64)
        + lg((m - d9 + 1) as f64)
        + lg((maxgoodbad - m + d9 + 1) as f64);
    let d11 = (m.min(mingoodbad) as f64 + 1.0).min((d6 + 16.0 * d7).floor());
    let mut z;
    loop {
        let x = g.next_f64();
        let y = g.next_f64();
        let w = d6 + d8 * (y - 0.5) / x;
        if w < 0.0 || w >= d11 {
            continue;
        }
        z = w.floor() as i64;
        let t = d10
            - (lg((z + 1) as f64)
                + lg((mingoodbad - z + 1) as f64)
                + lg((m - z + 1) as f64)
                + lg((maxgoodbad - m + z + 1) as f64));
        if x * (4.0 - x) - 3.0 <= t {
            break;
        }
        if x * (x - t) >= 1.0 {
            continue;
        }
        if 2.0 * x.ln() <= t {
            break;
        }
    }
    if good > bad {
        z = m - z;
    }
    if m < sample {
        z = good - z;
    }
    z
}

pub fn zipf<R: Bits + ?Sized>(g: &mut R, a: f64) -> i64 {
    let am1 = a - 1.0;
    let b = 2f64.powf(am1);
    loop {
        let u = 1.0 - g.next_f64();
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

pub fn geometric<R: Bits + ?Sized>(g: &mut R, p: f64) -> i64 {
    if p >= 0.333_333_333_333_333_3 {
        dist::geometric_search(g, p)
    } else {
        ((-g.next_f64()).ln_1p() / (1.0 - p).ln()).ceil() as i64
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
    } else {
        let r = 1.0 + (1.0 + 4.0 * kappa * kappa).sqrt();
        let rho = (r - (2.0 * r).sqrt()) / (2.0 * kappa);
        (1.0 + rho * rho) / (2.0 * rho)
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
    let r = (1.0 - p).ln();
    loop {
        let v = g.next_f64();
        if v >= p {
            return 1;
        }
        let u = g.next_f64();
        let q = 1.0 - (r * u).exp();
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
