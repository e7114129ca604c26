//! Array-level drivers: a distribution named once, its parameters already broadcast to the
//! output (each a slice of the output's length, or of length 1 for a scalar), values drawn
//! in C order as NumPy's `cont`/`disc` loops draw them. The hot cases (uniform doubles,
//! normals, exponentials, bounded integers) run their own tight loops on the concrete
//! generator.

use super::bitgen::{BitGen, Bits};
use super::bounded::{self, Buf};
use super::legacy::{self, Gauss};
use super::{dist, mt19937::Mt19937, pcg64::Pcg64};
use crate::error::{Error, Result};

/// A generator with what `RandomState` keeps beside it (the cached Gaussian).
pub struct State {
    pub bits: BitGen,
    pub gauss: Gauss,
}

/// Runs `f` on the concrete generator, so a hot loop is compiled per bit generator rather
/// than matching on every draw.
macro_rules! on_concrete {
    ($g:expr, |$r:ident| $body:expr) => {
        match $g {
            BitGen::Pcg64($r) => $body,
            BitGen::Mt19937($r) => {
                let $r: &mut Mt19937 = $r;
                $body
            }
            $r => $body,
        }
    };
}

pub fn random_f64(g: &mut BitGen, out: &mut [f64]) {
    if par_fill_u64(g, out, |r| (r >> 11) as f64 * (1.0 / 9007199254740992.0)) {
        return;
    }
    on_concrete!(g, |r| for o in out.iter_mut() {
        *o = r.next_f64();
    })
}

pub fn random_f32(g: &mut BitGen, out: &mut [f32]) {
    on_concrete!(g, |r| for o in out.iter_mut() {
        *o = r.next_f32();
    })
}

pub fn standard_normal_f64(g: &mut BitGen, out: &mut [f64]) {
    on_concrete!(g, |r| for o in out.iter_mut() {
        *o = dist::standard_normal(r);
    })
}

pub fn standard_normal_f32(g: &mut BitGen, out: &mut [f32]) {
    on_concrete!(g, |r| for o in out.iter_mut() {
        *o = dist::standard_normal_f(r);
    })
}

pub fn standard_exponential_f64(g: &mut BitGen, out: &mut [f64], inv: bool) {
    on_concrete!(g, |r| for o in out.iter_mut() {
        *o = if inv {
            -(-r.next_f64()).ln_1p()
        } else {
            dist::standard_exponential(r)
        };
    })
}

pub fn standard_exponential_f32(g: &mut BitGen, out: &mut [f32], inv: bool) {
    on_concrete!(g, |r| for o in out.iter_mut() {
        *o = if inv {
            -(-r.next_f32()).ln_1p()
        } else {
            dist::standard_exponential_f(r)
        };
    })
}

pub fn standard_gamma_f32(g: &mut BitGen, shape: &[f32], out: &mut [f32]) {
    for (i, o) in out.iter_mut().enumerate() {
        *o = dist::standard_gamma_f(g, pick(shape, i));
    }
}

pub fn raw(g: &mut BitGen, out: &mut [u64]) {
    if par_fill_u64(g, out, |r| r) {
        return;
    }
    for o in out.iter_mut() {
        *o = g.next_raw();
    }
}

#[inline]
fn pick<T: Copy>(p: &[T], i: usize) -> T {
    if p.len() == 1 {
        p[0]
    } else {
        p[i]
    }
}

/// The continuous distributions, by NumPy's C function (`L*` are `RandomState`'s).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cont {
    Uniform,
    Normal,
    Exponential,
    StdGamma,
    Gamma,
    Beta,
    Chisquare,
    F,
    NoncentralChisquare,
    NoncentralF,
    StdCauchy,
    StdT,
    Pareto,
    Weibull,
    Power,
    Laplace,
    Gumbel,
    Logistic,
    Lognormal,
    Rayleigh,
    Wald,
    Vonmises,
    Triangular,
    LStdNormal,
    LNormal,
    LStdExponential,
    LExponential,
    LStdGamma,
    LGamma,
    LBeta,
    LChisquare,
    LF,
    LNoncentralChisquare,
    LNoncentralF,
    LStdCauchy,
    LStdT,
    LPareto,
    LWeibull,
    LPower,
    LLognormal,
    LRayleigh,
    LWald,
    LVonmises,
}

impl Cont {
    pub fn parse(name: &str) -> Result<Cont> {
        use Cont::*;
        Ok(match name {
            "uniform" => Uniform,
            "normal" => Normal,
            "exponential" => Exponential,
            "standard_gamma" => StdGamma,
            "gamma" => Gamma,
            "beta" => Beta,
            "chisquare" => Chisquare,
            "f" => F,
            "noncentral_chisquare" => NoncentralChisquare,
            "noncentral_f" => NoncentralF,
            "standard_cauchy" => StdCauchy,
            "standard_t" => StdT,
            "pareto" => Pareto,
            "weibull" => Weibull,
            "power" => Power,
            "laplace" => Laplace,
            "gumbel" => Gumbel,
            "logistic" => Logistic,
            "lognormal" => Lognormal,
            "rayleigh" => Rayleigh,
            "wald" => Wald,
            "vonmises" => Vonmises,
            "triangular" => Triangular,
            "legacy_standard_normal" => LStdNormal,
            "legacy_normal" => LNormal,
            "legacy_standard_exponential" => LStdExponential,
            "legacy_exponential" => LExponential,
            "legacy_standard_gamma" => LStdGamma,
            "legacy_gamma" => LGamma,
            "legacy_beta" => LBeta,
            "legacy_chisquare" => LChisquare,
            "legacy_f" => LF,
            "legacy_noncentral_chisquare" => LNoncentralChisquare,
            "legacy_noncentral_f" => LNoncentralF,
            "legacy_standard_cauchy" => LStdCauchy,
            "legacy_standard_t" => LStdT,
            "legacy_pareto" => LPareto,
            "legacy_weibull" => LWeibull,
            "legacy_power" => LPower,
            "legacy_lognormal" => LLognormal,
            "legacy_rayleigh" => LRayleigh,
            "legacy_wald" => LWald,
            "legacy_vonmises" => LVonmises,
            _ => return Err(Error::Value(format!("unknown distribution {name}"))),
        })
    }
}

fn cont_one(st: &mut State, d: Cont, a: f64, b: f64, c: f64) -> f64 {
    use Cont::*;
    let (g, gs) = (&mut st.bits, &mut st.gauss);
    match d {
        Uniform => a + (b - a) * g.next_f64(),
        Normal => a + b * dist::standard_normal(g),
        Exponential => a * dist::standard_exponential(g),
        StdGamma => dist::standard_gamma(g, a),
        Gamma => b * dist::standard_gamma(g, a),
        Beta => dist::beta(g, a, b),
        Chisquare => dist::chisquare(g, a),
        F => dist::f(g, a, b),
        NoncentralChisquare => dist::noncentral_chisquare(g, a, b),
        NoncentralF => dist::noncentral_f(g, a, b, c),
        StdCauchy => dist::standard_cauchy(g),
        StdT => dist::standard_t(g, a),
        Pareto => dist::pareto(g, a),
        Weibull => dist::weibull(g, a),
        Power => dist::power(g, a),
        Laplace => dist::laplace(g, a, b),
        Gumbel => dist::gumbel(g, a, b),
        Logistic => dist::logistic(g, a, b),
        Lognormal => (a + b * dist::standard_normal(g)).exp(),
        Rayleigh => dist::rayleigh(g, a),
        Wald => dist::wald(g, a, b),
        Vonmises => dist::vonmises(g, a, b),
        Triangular => dist::triangular(g, a, b, c),
        LStdNormal => legacy::gauss(g, gs),
        LNormal => a + b * legacy::gauss(g, gs),
        LStdExponential => legacy::standard_exponential(g),
        LExponential => a * legacy::standard_exponential(g),
        LStdGamma => legacy::standard_gamma(g, gs, a),
        LGamma => b * legacy::standard_gamma(g, gs, a),
        LBeta => legacy::beta(g, gs, a, b),
        LChisquare => legacy::chisquare(g, gs, a),
        LF => {
            let num = legacy::chisquare(g, gs, a) * b;
            num / (legacy::chisquare(g, gs, b) * a)
        }
        LNoncentralChisquare => legacy::noncentral_chisquare(g, gs, a, b),
        LNoncentralF => {
            let t = legacy::noncentral_chisquare(g, gs, a, c) * b;
            t / (legacy::chisquare(g, gs, b) * a)
        }
        LStdCauchy => {
            let n = legacy::gauss(g, gs);
            n / legacy::gauss(g, gs)
        }
        LStdT => {
            let num = legacy::gauss(g, gs);
            let denom = legacy::standard_gamma(g, gs, a / 2.0);
            (a / 2.0).sqrt() * num / denom.sqrt()
        }
        LPareto => (legacy::standard_exponential(g) / a).exp() - 1.0,
        LWeibull => {
            if a == 0.0 {
                0.0
            } else {
                legacy::standard_exponential(g).powf(1.0 / a)
            }
        }
        LPower => (1.0 - (-legacy::standard_exponential(g)).exp()).powf(1.0 / a),
        LLognormal => (a + b * legacy::gauss(g, gs)).exp(),
        LRayleigh => a * (-2.0 * (-g.next_f64()).ln_1p()).sqrt(),
        LWald => legacy::wald(g, gs, a, b),
        LVonmises => legacy::vonmises(g, a, b),
    }
}

/// Fills `out` from a continuous distribution; `params` are up to three broadcast slices.
pub fn cont(st: &mut State, d: Cont, params: &[&[f64]], out: &mut [f64]) {
    let p = |k: usize, i: usize| params.get(k).map_or(0.0, |s| pick(s, i));
    match (d, params.len()) {
        (Cont::Normal, _) if params.iter().all(|s| s.len() == 1) => {
            let (loc, scale) = (p(0, 0), p(1, 0));
            on_concrete!(&mut st.bits, |r| for o in out.iter_mut() {
                *o = loc + scale * dist::standard_normal(r);
            })
        }
        _ => {
            for (i, o) in out.iter_mut().enumerate() {
                *o = cont_one(st, d, p(0, i), p(1, i), p(2, i));
            }
        }
    }
}

/// `Generator.uniform`/`RandomState.uniform` with scalar bounds: `low + range * U`.
pub fn uniform(g: &mut BitGen, low: f64, range: f64, out: &mut [f64]) {
    let u = |r: u64| low + range * ((r >> 11) as f64 * (1.0 / 9007199254740992.0));
    if par_fill_u64(g, out, u) {
        return;
    }
    on_concrete!(g, |r| for o in out.iter_mut() {
        *o = low + range * r.next_f64();
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Disc {
    Poisson,
    Binomial,
    NegativeBinomial,
    Geometric,
    Zipf,
    Logseries,
    Hypergeometric,
    LPoisson,
    LBinomial,
    LNegativeBinomial,
    LGeometric,
    LZipf,
    LLogseries,
    LHypergeometric,
}

impl Disc {
    pub fn parse(name: &str) -> Result<Disc> {
        use Disc::*;
        Ok(match name {
            "poisson" => Poisson,
            "binomial" => Binomial,
            "negative_binomial" => NegativeBinomial,
            "geometric" => Geometric,
            "zipf" => Zipf,
            "logseries" => Logseries,
            "hypergeometric" => Hypergeometric,
            "legacy_poisson" => LPoisson,
            "legacy_binomial" => LBinomial,
            "legacy_negative_binomial" => LNegativeBinomial,
            "legacy_geometric" => LGeometric,
            "legacy_zipf" => LZipf,
            "legacy_logseries" => LLogseries,
            "legacy_hypergeometric" => LHypergeometric,
            _ => return Err(Error::Value(format!("unknown distribution {name}"))),
        })
    }
}

/// Fills `out` from a discrete distribution (integer parameters arrive as exact doubles).
pub fn disc(st: &mut State, d: Disc, params: &[&[f64]], out: &mut [i64]) {
    use Disc::*;
    let p = |k: usize, i: usize| params.get(k).map_or(0.0, |s| pick(s, i));
    for (i, o) in out.iter_mut().enumerate() {
        let (a, b, c) = (p(0, i), p(1, i), p(2, i));
        let (g, gs) = (&mut st.bits, &mut st.gauss);
        *o = match d {
            Poisson => dist::poisson(g, a),
            // binomial(n, p): n first as NumPy's signature has it
            Binomial => dist::binomial(g, b, a as i64),
            NegativeBinomial => dist::negative_binomial(g, a, b),
            Geometric => dist::geometric(g, a),
            Zipf => dist::zipf(g, a),
            Logseries => dist::logseries(g, a),
            Hypergeometric => dist::hypergeometric(g, a as i64, b as i64, c as i64),
            LPoisson => dist::poisson(g, a),
            LBinomial => legacy::binomial(g, b, a as i64),
            LNegativeBinomial => {
                let y = b_gamma(g, gs, a, b);
                dist::poisson(g, y)
            }
            LGeometric => legacy::geometric(g, a),
            LZipf => legacy::zipf(g, a),
            LLogseries => legacy::logseries(g, a),
            LHypergeometric => legacy::hypergeometric(g, a as i64, b as i64, c as i64),
        };
    }
}

fn b_gamma(g: &mut BitGen, gs: &mut Gauss, n: f64, p: f64) -> f64 {
    ((1.0 - p) / p) * legacy::standard_gamma(g, gs, n)
}

/// Bounded integers on [off, off + rng] for a dtype of `bits` (64, 32, 16, 8 or 1) bits;
/// `off`/`rng` are one value or one per element, already reduced to the unsigned type.
pub fn integers(
    g: &mut BitGen,
    bits: u32,
    off: &[u64],
    rng: &[u64],
    masked: bool,
    out: &mut [u64],
) {
    let mut buf = Buf::default();
    let scalar = off.len() == 1 && rng.len() == 1;
    if scalar && !masked && (bits == 64 || bits == 32) && rng[0] < u32::MAX as u64 {
        let o = if bits == 32 {
            off[0] as u32 as u64
        } else {
            off[0]
        };
        if super::par_int::lemire32_fill(g, o, rng[0] as u32, out) {
            if bits == 32 {
                for v in out.iter_mut() {
                    *v = *v as u32 as u64;
                }
            }
            return;
        }
    }
    match bits {
        64 if scalar && !masked => {
            let (o0, r0) = (off[0], rng[0]);
            on_concrete!(g, |r| for o in out.iter_mut() {
                *o = bounded::bounded_u64(r, o0, r0, false);
            })
        }
        64 => {
            for (i, o) in out.iter_mut().enumerate() {
                *o = bounded::bounded_u64(g, pick(off, i), pick(rng, i), masked);
            }
        }
        32 => {
            for (i, o) in out.iter_mut().enumerate() {
                *o = bounded::bounded_u32(g, pick(off, i) as u32, pick(rng, i) as u32, masked)
                    as u64;
            }
        }
        16 | 8 => {
            for (i, o) in out.iter_mut().enumerate() {
                *o = bounded::bounded_small(
                    g,
                    pick(off, i) as u32,
                    pick(rng, i) as u32,
                    masked,
                    bits,
                    &mut buf,
                ) as u64;
            }
        }
        _ => {
            for (i, o) in out.iter_mut().enumerate() {
                *o =
                    bounded::bounded_bool(g, pick(off, i) != 0, pick(rng, i) != 0, &mut buf) as u64;
            }
        }
    }
}

/// Fisher-Yates over `n` items from the end down to `first`, with NumPy's index draws:
/// `random_interval` (`lemire == false`, shuffles) or Lemire's `random_bounded_uint64`
/// (`_shuffle_int` of `choice`). `swap(i, j)` exchanges two items.
pub fn shuffle_order(
    g: &mut BitGen,
    n: usize,
    first: usize,
    lemire: bool,
    mut swap: impl FnMut(usize, usize),
) {
    on_concrete!(g, |r| for i in (first..n).rev() {
        let j = if lemire {
            bounded::bounded_u64(r, 0, i as u64, false)
        } else {
            bounded::interval(r, i as u64)
        } as usize;
        swap(i, j);
    })
}

/// `Generator.choice` without replacement and without `p` (NumPy's two regimes: a tail
/// shuffle of the whole range for large samples, Floyd's algorithm with a hash set
/// otherwise, then an optional shuffle of the sample).
pub fn choice_noreplace(g: &mut BitGen, pop: i64, size: i64, shuffle: bool) -> Vec<i64> {
    let cutoff = if shuffle { 50 } else { 20 };
    if pop > 10000 && size > pop / cutoff {
        let mut idx: Vec<i64> = (0..pop).collect();
        let first = (pop - size).max(1) as usize;
        let mut i = pop as usize;
        while i > first {
            i -= 1;
            let j = bounded::bounded_u64(g, 0, i as u64, false) as usize;
            idx.swap(i, j);
        }
        return idx[(pop - size) as usize..].to_vec();
    }
    let mut idx = vec![0i64; size as usize];
    let set_size = (1.2 * size as f64) as u64;
    let mask = bounded::gen_mask(set_size);
    let mut hash = vec![u64::MAX; (mask + 1) as usize];
    for j in pop - size..pop {
        let val = bounded::bounded_u64(g, 0, j as u64, false);
        let mut loc = (val & mask) as usize;
        while hash[loc] != u64::MAX && hash[loc] != val {
            loc = (loc + 1) & mask as usize;
        }
        let slot = (j - pop + size) as usize;
        if hash[loc] == u64::MAX {
            hash[loc] = val;
            idx[slot] = val as i64;
        } else {
            let mut loc = (j as u64 & mask) as usize;
            while hash[loc] != u64::MAX {
                loc = (loc + 1) & mask as usize;
            }
            hash[loc] = j as u64;
            idx[slot] = j;
        }
    }
    if shuffle {
        let mut i = size as usize;
        while i > 1 {
            i -= 1;
            let j = bounded::bounded_u64(g, 0, i as u64, false) as usize;
            idx.swap(i, j);
        }
    }
    idx
}

/// The seeded generators, by NumPy's class name; `words` come from `SeedSequence`.
pub fn from_seed_words(kind: &str, words: &[u32]) -> Result<BitGen> {
    let w64 = |k: usize| words[2 * k] as u64 | ((words[2 * k + 1] as u64) << 32);
    let u128_of = |hi: u64, lo: u64| ((hi as u128) << 64) | lo as u128;
    Ok(match kind {
        "PCG64" => BitGen::Pcg64(Pcg64::seeded(
            u128_of(w64(0), w64(1)),
            u128_of(w64(2), w64(3)),
            false,
        )),
        // NumPy seeds PCG64DXSM with PCG64's seeding (the default multiplier); only its
        // steps use the cheap one.
        "PCG64DXSM" => BitGen::Pcg64Dxsm(Pcg64::seeded(
            u128_of(w64(0), w64(1)),
            u128_of(w64(2), w64(3)),
            false,
        )),
        "MT19937" => BitGen::Mt19937(Box::new(Mt19937::from_words(words))),
        "Philox" => BitGen::Philox(super::philox::Philox::new([0; 4], [w64(0), w64(1)])),
        "SFC64" => BitGen::Sfc64(super::sfc64::Sfc64::seeded(&[w64(0), w64(1), w64(2)])),
        _ => return Err(Error::Value(format!("unknown bit generator {kind}"))),
    })
}

/// How many `u32` seed words each generator takes from `SeedSequence.generate_state`.
pub fn seed_words(kind: &str) -> usize {
    match kind {
        "PCG64" | "PCG64DXSM" => 8,
        "MT19937" => 624,
        "Philox" => 4,
        "SFC64" => 6,
        _ => 0,
    }
}

/// `Generator.dirichlet` (`legacy`: `RandomState.dirichlet`): `n` rows over `alpha`. Small
/// alphas (all below 0.1) use NumPy's stick-breaking with betas; otherwise gammas scaled by
/// the reciprocal of their sum, as NumPy multiplies.
pub fn dirichlet(st: &mut State, alpha: &[f64], n: usize, legacy: bool) -> Vec<f64> {
    let k = alpha.len();
    let mut out = vec![0.0; n * k];
    if k == 0 {
        return out;
    }
    let max = alpha.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    if !legacy && max < 0.1 {
        let mut csum = vec![0.0; k];
        let mut c = 0.0;
        for j in (0..k).rev() {
            c += alpha[j];
            csum[j] = c;
        }
        for row in out.chunks_mut(k) {
            let mut acc = 1.0;
            for j in 0..k - 1 {
                let v = dist::beta(&mut st.bits, alpha[j], csum[j + 1]);
                row[j] = acc * v;
                acc *= 1.0 - v;
                if csum[j + 1] == 0.0 {
                    break;
                }
            }
            row[k - 1] = acc;
        }
        return out;
    }
    for row in out.chunks_mut(k) {
        let mut acc = 0.0;
        for j in 0..k {
            row[j] = if legacy {
                legacy::standard_gamma(&mut st.bits, &mut st.gauss, alpha[j])
            } else {
                dist::standard_gamma(&mut st.bits, alpha[j])
            };
            acc += row[j];
        }
        let inv = 1.0 / acc;
        for v in row.iter_mut() {
            *v *= inv;
        }
    }
    out
}

/// `m` independent Fisher-Yates arrangements of `0..n` (`permuted` along an axis: one per
/// lane, lanes in C order, each drawn from index n-1 down to 0 as NumPy's `_shuffle_raw`).
pub fn lane_perms(g: &mut BitGen, m: usize, n: usize) -> Vec<i64> {
    let mut out = Vec::with_capacity(m * n);
    for _ in 0..m {
        let start = out.len();
        out.extend(0..n as i64);
        let lane = &mut out[start..];
        for i in (1..n).rev() {
            let j = bounded::interval(g, i as u64) as usize;
            lane.swap(i, j);
        }
    }
    out
}

/// A pointer to the output that the blocks of a parallel fill write through (each block a
/// disjoint range of it).
struct OutPtr<T>(*mut T);
// SAFETY: the blocks that share the pointer write disjoint ranges, and the caller's `&mut`
// borrow of the output outlives the parallel call.
unsafe impl<T: Send> Sync for OutPtr<T> {}
impl<T> OutPtr<T> {
    fn get(&self) -> *mut T {
        self.0
    }
}

/// Fills `out` with `map(next 64-bit draw)` on every thread when the generator can jump
/// (PCG64, PCG64DXSM): each element consumes exactly one 64-bit draw, so a block starts from a
/// copy of the generator advanced to its first element's position in the stream, and the
/// values are the same whatever the thread count. Returns false (nothing drawn) for the other
/// generators or small outputs, which the caller then fills in order. Generic over `map` so
/// that it inlines into the draw loop (three instances: doubles, uniform, raw words).
pub fn par_fill_u64<T: Send + Copy, F: Fn(u64) -> T + Sync>(
    g: &mut BitGen,
    out: &mut [T],
    map: F,
) -> bool {
    let n = out.len();
    let (p, cheap) = match g {
        BitGen::Pcg64(p) => (p, false),
        BitGen::Pcg64Dxsm(p) => (p, true),
        _ => return false,
    };
    if !crate::parallel::worth_splitting(n) {
        return false;
    }
    let base = p.clone();
    let tasks = crate::parallel::pieces(n).max(1);
    let chunk = n.div_ceil(tasks);
    let ptr = OutPtr(out.as_mut_ptr());
    crate::parallel::for_each(tasks, &|t| {
        let start = t * chunk;
        let end = (start + chunk).min(n);
        if start >= end {
            return;
        }
        // SAFETY: `[start, end)` lies in `out` and no other block writes it.
        let s = unsafe { std::slice::from_raw_parts_mut(ptr.get().add(start), end - start) };
        if cheap {
            fill_lanes(&base, start, s, &map, |q| q.next64_dxsm(), true);
        } else {
            fill_lanes(&base, start, s, &map, |q| q.next64(), false);
        }
    });
    // The caller's generator moves past the n draws; its buffered half-word is untouched, as
    // NumPy's 64-bit draws leave it.
    let half = p.half;
    p.advance(n as u128, cheap);
    p.half = half;
    true
}

/// Fills `s` (stream positions `start..start + s.len()`) as four interleaved streams, each
/// writing its own quarter: one LCG step waits on the previous 128-bit multiply, so four
/// independent ones keep the multiplier busy.
#[inline(always)]
fn fill_lanes<T, F: Fn(u64) -> T>(
    base: &Pcg64,
    start: usize,
    s: &mut [T],
    map: &F,
    next: impl Fn(&mut Pcg64) -> u64,
    cheap: bool,
) {
    let q = s.len() / 4;
    let at = |k: usize| {
        let mut g = base.clone();
        g.advance((start + k * q) as u128, cheap);
        g
    };
    let (mut g0, mut g1, mut g2, mut g3) = (at(0), at(1), at(2), at(3));
    let (a, rest) = s.split_at_mut(q);
    let (b, rest) = rest.split_at_mut(q);
    let (c, d) = rest.split_at_mut(q);
    let (d, tail) = d.split_at_mut(q);
    for (((x0, x1), x2), x3) in a.iter_mut().zip(b).zip(c).zip(d) {
        *x0 = map(next(&mut g0));
        *x1 = map(next(&mut g1));
        *x2 = map(next(&mut g2));
        *x3 = map(next(&mut g3));
    }
    for o in tail {
        *o = map(next(&mut g3));
    }
}
