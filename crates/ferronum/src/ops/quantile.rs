//! Order statistics: `median`, `quantile`/`percentile` with NumPy's 13 methods, the NaN-skipping
//! variants (`nanmedian`, `nanquantile`, `nanpercentile`) and weighted `inverted_cdf` quantiles.
//!
//! NumPy writes these in Python on top of `partition`, `take` and a few ufuncs, so its result
//! dtypes and values are whatever those steps give. This module replays the same steps for each
//! lane: the virtual index of every quantile is computed in the dtype NumPy computes it in (the
//! quantile array's dtype, with the sample size as a weak Python int), the order statistics it
//! needs are selected with `select_nth_unstable`, and `_lerp` runs in the result dtype, so
//! values agree with NumPy's bit for bit, including its overflow and infinity quirks.
//!
//! The reduced axes are moved last and copied into one contiguous buffer, one lane per output
//! element; lanes run in parallel on the pool when there is enough work.

use crate::array::{Array, Order};
use crate::dispatch;
use crate::dtype::{promote, DType, Element, Wide};
use crate::error::{Error, Result};
use crate::iter::SendPtr;
use crate::kernels::scalar::Num;
use crate::layout::{normalize_axes, Dims};
use crate::parallel;
use crate::warn;
use half::f16;
use num_complex::{Complex32, Complex64};
use smallvec::SmallVec;
use std::cmp::Ordering;

// ---- methods ----------------------------------------------------------------------------------

/// NumPy's quantile methods (Hyndman & Fan's nine plus NumPy's four discontinuous ones), in the
/// order of NumPy's `_QuantileMethods` table.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Default)]
pub enum QuantileMethod {
    InvertedCdf,
    AveragedInvertedCdf,
    ClosestObservation,
    InterpolatedInvertedCdf,
    Hazen,
    Weibull,
    #[default]
    Linear,
    MedianUnbiased,
    NormalUnbiased,
    Lower,
    Higher,
    Midpoint,
    Nearest,
}

/// A Python number in NumPy's formulas: ints and floats promote differently.
#[derive(Copy, Clone, Debug, PartialEq)]
enum Py {
    I(i128),
    F(f64),
}

impl Py {
    fn f64(self) -> f64 {
        match self {
            Py::I(i) => i as f64,
            Py::F(x) => x,
        }
    }
}

impl QuantileMethod {
    pub const ALL: [QuantileMethod; 13] = [
        QuantileMethod::InvertedCdf,
        QuantileMethod::AveragedInvertedCdf,
        QuantileMethod::ClosestObservation,
        QuantileMethod::InterpolatedInvertedCdf,
        QuantileMethod::Hazen,
        QuantileMethod::Weibull,
        QuantileMethod::Linear,
        QuantileMethod::MedianUnbiased,
        QuantileMethod::NormalUnbiased,
        QuantileMethod::Lower,
        QuantileMethod::Higher,
        QuantileMethod::Midpoint,
        QuantileMethod::Nearest,
    ];

    /// NumPy's name for the method.
    pub fn name(self) -> &'static str {
        use QuantileMethod::*;
        match self {
            InvertedCdf => "inverted_cdf",
            AveragedInvertedCdf => "averaged_inverted_cdf",
            ClosestObservation => "closest_observation",
            InterpolatedInvertedCdf => "interpolated_inverted_cdf",
            Hazen => "hazen",
            Weibull => "weibull",
            Linear => "linear",
            MedianUnbiased => "median_unbiased",
            NormalUnbiased => "normal_unbiased",
            Lower => "lower",
            Higher => "higher",
            Midpoint => "midpoint",
            Nearest => "nearest",
        }
    }

    /// The method NumPy calls `name`, or NumPy's ValueError listing the valid ones.
    pub fn from_name(name: &str) -> Result<QuantileMethod> {
        Self::ALL
            .iter()
            .copied()
            .find(|m| m.name() == name)
            .ok_or_else(|| Self::unknown(&py_str_repr(name)))
    }

    /// NumPy's error for a method that is not one of the 13; `repr` is the Python repr of
    /// what was passed.
    pub fn unknown(repr: &str) -> Error {
        let names: Vec<String> = Self::ALL
            .iter()
            .map(|m| format!("'{}'", m.name()))
            .collect();
        Error::value(format!(
            "{repr} is not a valid method. Use one of: dict_keys([{}])",
            names.join(", ")
        ))
    }

    /// `alpha` and `1 - alpha - beta` of the continuous Hyndman & Fan methods, as the Python
    /// numbers NumPy's `_compute_virtual_index` is called with.
    fn alpha_c(self) -> (Py, Py) {
        use QuantileMethod::*;
        let (a, b) = match self {
            InterpolatedInvertedCdf => (Py::I(0), Py::I(1)),
            Hazen => (Py::F(0.5), Py::F(0.5)),
            Weibull => (Py::I(0), Py::I(0)),
            MedianUnbiased => (Py::F(1.0 / 3.0), Py::F(1.0 / 3.0)),
            _ => (Py::F(3.0 / 8.0), Py::F(3.0 / 8.0)),
        };
        let c = match (a, b) {
            (Py::I(a), Py::I(b)) => Py::I(1 - a - b),
            (a, b) => Py::F(1.0 - a.f64() - b.f64()),
        };
        (a, c)
    }
}

impl std::str::FromStr for QuantileMethod {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::from_name(s)
    }
}

/// Python's `repr` of a string (enough of it for error messages).
fn py_str_repr(s: &str) -> String {
    if s.contains('\'') && !s.contains('"') {
        format!("\"{s}\"")
    } else {
        format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
    }
}

// ---- arithmetic in a dtype --------------------------------------------------------------------

/// A value of a NumPy array: floats hold a value exact in their dtype, integers one in range.
#[derive(Copy, Clone, Debug, PartialEq)]
enum Val {
    F(f64),
    I(i128),
}

impl Val {
    fn f64(self) -> f64 {
        match self {
            Val::F(x) => x,
            Val::I(i) => i as f64,
        }
    }
    fn is_zero(self) -> bool {
        match self {
            Val::F(x) => x == 0.0,
            Val::I(i) => i == 0,
        }
    }
}

/// NumPy's arithmetic in one dtype (float16/32/64 or an integer type; a bool quantile array
/// meets a Python int first, which makes it int64), with Python numbers as weak operands.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
struct Ar(DType);

impl Ar {
    fn of_quantiles(d: DType) -> Ar {
        match d {
            DType::Bool => Ar(DType::I64),
            d => Ar(d),
        }
    }
    fn is_float(self) -> bool {
        self.0.is_float()
    }
    fn is_unsigned(self) -> bool {
        matches!(self.0, DType::U8 | DType::U16 | DType::U32 | DType::U64)
    }
    fn round(self, x: f64) -> f64 {
        match self.0 {
            DType::F16 => f16::from_f64(x).to_f64(),
            DType::F32 => x as f32 as f64,
            _ => x,
        }
    }
    fn wrap(self, v: i128) -> i128 {
        match self.0 {
            DType::I8 => v as i8 as i128,
            DType::U8 => v as u8 as i128,
            DType::I16 => v as i16 as i128,
            DType::U16 => v as u16 as i128,
            DType::I32 => v as i32 as i128,
            DType::U32 => v as u32 as i128,
            DType::U64 => v as u64 as i128,
            _ => v as i64 as i128,
        }
    }
    fn bounds(self) -> (i128, i128) {
        match self.0 {
            DType::I8 => (i8::MIN as i128, i8::MAX as i128),
            DType::U8 => (0, u8::MAX as i128),
            DType::I16 => (i16::MIN as i128, i16::MAX as i128),
            DType::U16 => (0, u16::MAX as i128),
            DType::I32 => (i32::MIN as i128, i32::MAX as i128),
            DType::U32 => (0, u32::MAX as i128),
            DType::U64 => (0, u64::MAX as i128),
            _ => (i64::MIN as i128, i64::MAX as i128),
        }
    }
    /// A Python int meeting an array of this dtype (NEP 50: it takes the dtype, and must fit).
    fn int(self, v: i128) -> Result<Val> {
        if self.is_float() {
            return Ok(Val::F(self.round(v as f64)));
        }
        let (lo, hi) = self.bounds();
        if v < lo || v > hi {
            return Err(Error::Overflow(format!(
                "Python integer {v} out of bounds for {}",
                self.0
            )));
        }
        Ok(Val::I(v))
    }
    /// A Python number meeting an array of this (float) dtype.
    fn py(self, p: Py) -> Result<Val> {
        match p {
            Py::I(i) => self.int(i),
            Py::F(x) => Ok(Val::F(self.round(x))),
        }
    }
    /// One binary ufunc loop: float16 computes in float32 and rounds, integers wrap.
    fn op(
        self,
        a: Val,
        b: Val,
        f: fn(f32, f32) -> f32,
        d: fn(f64, f64) -> f64,
        i: fn(i128, i128) -> i128,
    ) -> Val {
        match (a, b) {
            (Val::I(x), Val::I(y)) if !self.is_float() => Val::I(self.wrap(i(x, y))),
            _ => {
                let (x, y) = (a.f64(), b.f64());
                Val::F(match self.0 {
                    DType::F16 => f16::from_f32(f(x as f32, y as f32)).to_f64(),
                    DType::F32 => f(x as f32, y as f32) as f64,
                    _ => d(x, y),
                })
            }
        }
    }
    fn add(self, a: Val, b: Val) -> Val {
        self.op(a, b, |x, y| x + y, |x, y| x + y, i128::wrapping_add)
    }
    fn sub(self, a: Val, b: Val) -> Val {
        self.op(a, b, |x, y| x - y, |x, y| x - y, i128::wrapping_sub)
    }
    fn mul(self, a: Val, b: Val) -> Val {
        self.op(a, b, |x, y| x * y, |x, y| x * y, i128::wrapping_mul)
    }
    fn floor(self, a: Val) -> Val {
        match a {
            Val::F(x) => Val::F(x.floor()),
            i => i,
        }
    }
    fn ceil(self, a: Val) -> Val {
        match a {
            Val::F(x) => Val::F(x.ceil()),
            i => i,
        }
    }
    fn rint(self, a: Val) -> Val {
        match a {
            Val::F(x) => Val::F(x.round_ties_even()),
            i => i,
        }
    }
    /// A value of this dtype as a `Wide`, for casting into the result dtype.
    fn wide(self, v: Val) -> Wide {
        match v {
            Val::F(x) => Wide::F(x),
            Val::I(i) if self.is_unsigned() => Wide::U(i as u64),
            Val::I(i) => Wide::I(i as i64),
        }
    }
}

/// `astype(np.intp)`: floats truncate (NaN and out-of-range give the minimum, as on x86),
/// integers wrap.
fn to_intp(v: Val) -> i64 {
    match v {
        Val::F(x) => i64::from_wide(Wide::F(x)),
        Val::I(i) => i as i64,
    }
}

// ---- where each quantile comes from -----------------------------------------------------------

/// How NumPy finds one quantile in a sorted lane, before its indexes are checked.
#[derive(Copy, Clone, Debug, PartialEq)]
enum RawPick {
    /// `take` of one index (negative counts from the end).
    Take(i64),
    /// `_lerp` between two indexes with weight `gamma`, a value of dtype `g`.
    Interp {
        prev: i64,
        next: i64,
        gamma: Val,
        g: Ar,
    },
}

/// A quantile's recipe with its indexes checked against the lane length.
#[derive(Copy, Clone, Debug, PartialEq)]
enum Pick {
    Take(usize),
    /// `lerp(x[lo], x[hi])`: `x[lo] + d*t`, or `x[hi] - d*om` when `ge` (`t >= 0.5`).
    Interp {
        lo: usize,
        hi: usize,
        t: Wide,
        om: Wide,
        ge: bool,
    },
}

/// The dtype NumPy's virtual indexes (and so `gamma`) have for `method` and quantiles of dtype
/// `qd`, or `None` when the method takes values from the lane without interpolating.
fn gamma_dtype(m: QuantileMethod, qd: DType) -> Option<DType> {
    use QuantileMethod::*;
    let qa = Ar::of_quantiles(qd);
    match m {
        InvertedCdf | ClosestObservation | Lower | Higher | Nearest => None,
        Linear => qa.is_float().then_some(qa.0),
        AveragedInvertedCdf | InterpolatedInvertedCdf | Weibull => Some(qa.0),
        Hazen | MedianUnbiased | NormalUnbiased | Midpoint => {
            Some(if qa.is_float() { qa.0 } else { DType::F64 })
        }
    }
}

/// Whether `quantile(..., method)` with quantiles of dtype `q_dtype` interpolates (its result
/// then goes through ufuncs, whose `out=` casting is `same_kind`) rather than taking values
/// from the input (whose `out=` casting is unsafe). `percent`: `q` is a percentage, divided
/// by 100 first.
pub fn interpolates(method: QuantileMethod, q_dtype: DType, percent: bool) -> bool {
    let qd = if percent && !q_dtype.is_float() {
        DType::F64
    } else {
        q_dtype
    };
    gamma_dtype(method, qd).is_some()
}

/// The dtype of `quantile(a, q, method)` for `a` of dtype `t`: `t` when values are taken;
/// otherwise `_lerp`'s, which with a Python-number `q` (weak) keeps a float `t` and makes
/// integers float64, and with an array `q` promotes `t` with the virtual indexes' dtype.
pub fn quantile_dtype(t: DType, method: QuantileMethod, q_dtype: DType, weak_q: bool) -> DType {
    match gamma_dtype(method, q_dtype) {
        None => t,
        Some(_) if weak_q => {
            if t.is_float() {
                t
            } else {
                DType::F64
            }
        }
        Some(g) => promote(t, g),
    }
}

/// NumPy's `_QuantileMethods[method]['get_virtual_index']` for one quantile `q` (of dtype
/// `qa`) and a lane of `n` values, followed by `_get_indexes` and `_get_gamma`, each step in
/// the dtype NumPy runs it in.
fn raw_pick(m: QuantileMethod, n: usize, q: Val, qa: Ar, inexact: bool) -> Result<RawPick> {
    use QuantileMethod::*;
    let n = n as i128;
    let f64a = Ar(DType::F64);
    // The virtual index and the dtype it is computed in.
    let (v, g) = if qa.is_float() {
        let f = qa;
        let v = match m {
            Linear | Lower | Higher | Nearest | Midpoint => f.mul(f.int(n - 1)?, q),
            InvertedCdf | AveragedInvertedCdf => f.sub(f.mul(f.int(n)?, q), f.int(1)?),
            ClosestObservation => {
                let t = f.sub(f.mul(f.int(n)?, q), f.int(1)?);
                f.sub(t, f.py(Py::F(0.5))?)
            }
            _ => {
                let (alpha, c) = m.alpha_c();
                let nq = f.mul(f.int(n)?, q);
                let t = f.add(f.py(alpha)?, f.mul(q, f.py(c)?));
                f.sub(f.add(nq, t), f.int(1)?)
            }
        };
        (v, f)
    } else {
        let i = qa;
        match m {
            Linear | Lower | Higher | Nearest | Midpoint => (i.mul(i.int(n - 1)?, q), i),
            InvertedCdf | AveragedInvertedCdf => (i.sub(i.mul(i.int(n)?, q), i.int(1)?), i),
            ClosestObservation => {
                let t = i.sub(i.mul(i.int(n)?, q), i.int(1)?);
                (Val::F(t.f64() - 0.5), f64a)
            }
            _ => match m.alpha_c() {
                (Py::I(alpha), Py::I(c)) => {
                    let nq = i.mul(i.int(n)?, q);
                    let t = i.add(i.int(alpha)?, i.mul(q, i.int(c)?));
                    (i.sub(i.add(nq, t), i.int(1)?), i)
                }
                (alpha, c) => {
                    // Integer quantiles times a Python float are float64.
                    let nq = i.mul(i.int(n)?, q);
                    let t = alpha.f64() + q.f64() * c.f64();
                    (Val::F((nq.f64() + t) - 1.0), f64a)
                }
            },
        }
    };
    match m {
        Lower => return Ok(RawPick::Take(to_intp(g.floor(v)))),
        Higher => return Ok(RawPick::Take(to_intp(g.ceil(v)))),
        Nearest => return Ok(RawPick::Take(to_intp(g.rint(v)))),
        Linear if !g.is_float() => return Ok(RawPick::Take(to_intp(v))),
        InvertedCdf | ClosestObservation => {
            // _discrete_interpolation_to_boundaries
            let prev = g.floor(v);
            let next = g.add(prev, g.int(1)?);
            let mut at_prev = g.sub(v, prev).is_zero();
            if m == ClosestObservation {
                let odd = match prev {
                    Val::F(x) => x.rem_euclid(2.0) == 1.0,
                    Val::I(i) => i.rem_euclid(2) == 1,
                };
                at_prev &= odd;
            }
            let r = to_intp(if at_prev { prev } else { next });
            return Ok(RawPick::Take(r.max(0)));
        }
        _ => {}
    }
    let (v, g) = if m == Midpoint {
        if g.is_float() {
            let s = g.add(g.floor(v), g.ceil(v));
            (g.mul(g.py(Py::F(0.5))?, s), g)
        } else {
            let s = g.add(v, v);
            (Val::F(0.5 * s.f64()), f64a)
        }
    } else {
        (v, g)
    };
    // _get_indexes
    let mut prev = g.floor(v);
    let mut next = g.add(prev, g.int(1)?);
    let above = match v {
        Val::F(x) => x >= g.int(n - 1)?.f64(),
        Val::I(i) => i >= n - 1,
    };
    let below = v.f64() < 0.0;
    let nan = inexact && g.is_float() && v.f64().is_nan();
    let minus_one = if g.is_float() {
        Val::F(-1.0)
    } else {
        Val::I(-1)
    };
    let zero = if g.is_float() { Val::F(0.0) } else { Val::I(0) };
    if (above || nan) && g.is_unsigned() {
        return Err(Error::Overflow(format!(
            "Python integer -1 out of bounds for {}",
            g.0
        )));
    }
    if above {
        (prev, next) = (minus_one, minus_one);
    }
    if below {
        (prev, next) = (zero, zero);
    }
    if nan {
        (prev, next) = (minus_one, minus_one);
    }
    let (prev, next) = (to_intp(prev), to_intp(next));
    // _get_gamma: `virtual - previous` runs in promote(g, intp), then goes back to g.
    let raw = if g.is_float() {
        Val::F(g.round(v.f64() - prev as f64))
    } else if g.0 == DType::U64 {
        Val::I(u64::from_wide(Wide::F(v.f64() - prev as f64)) as i128)
    } else {
        Val::I(g.wrap((to_intp(v).wrapping_sub(prev)) as i128))
    };
    let gamma = match m {
        AveragedInvertedCdf => {
            let x = if raw.is_zero() { 0.5 } else { 1.0 };
            if g.is_float() {
                Val::F(x)
            } else {
                Val::I(x as i128)
            }
        }
        Midpoint => Val::F(if v.f64().rem_euclid(1.0) == 0.0 {
            0.0
        } else {
            0.5
        }),
        _ => raw,
    };
    Ok(RawPick::Interp {
        prev,
        next,
        gamma,
        g,
    })
}

/// A `partition` kth checked against the lane length `n > 0`.
fn kth(i: i64, n: usize) -> Result<usize> {
    let ni = n as i64;
    let j = if i < 0 { i.wrapping_add(ni) } else { i };
    if j < 0 || j >= ni {
        return Err(Error::value(format!("kth(={i}) out of bounds ({n})")));
    }
    Ok(j as usize)
}

/// The recipes for every quantile of a lane of `n > 0` values. Errors come in NumPy's order:
/// those of the index computations for all quantiles first, then out-of-range indexes.
fn plan(
    m: QuantileMethod,
    n: usize,
    qs: &[Val],
    qa: Ar,
    inexact: bool,
    weak: bool,
) -> Result<Vec<Pick>> {
    let raws = qs
        .iter()
        .map(|&q| raw_pick(m, n, q, qa, inexact))
        .collect::<Result<Vec<_>>>()?;
    raws.into_iter().map(|r| finish(r, n, weak)).collect()
}

fn finish(r: RawPick, n: usize, weak: bool) -> Result<Pick> {
    Ok(match r {
        RawPick::Take(i) => Pick::Take(kth(i, n)?),
        RawPick::Interp {
            prev,
            next,
            gamma,
            g,
        } => {
            let (lo, hi) = (kth(prev, n)?, kth(next, n)?);
            if weak {
                // gamma = float(gamma): a Python float, weak against the lane's dtype.
                let t = gamma.f64();
                Pick::Interp {
                    lo,
                    hi,
                    t: Wide::F(t),
                    om: Wide::F(1.0 - t),
                    ge: t >= 0.5,
                }
            } else {
                let om = g.sub(g.int(1)?, gamma);
                Pick::Interp {
                    lo,
                    hi,
                    t: g.wide(gamma),
                    om: g.wide(om),
                    ge: gamma.f64() >= 0.5,
                }
            }
        }
    })
}

// ---- element traits ---------------------------------------------------------------------------

/// What the lane kernels need of an element type beyond arithmetic.
pub(crate) trait Stat: Num {
    /// The dtype of `mean` of this type (and so of `median`).
    type Med: Element;
    #[inline(always)]
    fn isnan(self) -> bool {
        !self.eq_(self)
    }
    /// The position of a NaN-holding value among NaNs in NumPy's sort order (complex values
    /// sort by which part is NaN, then by the other part).
    fn nan_rank(self) -> (u8, f64) {
        (1, 0.0)
    }
    /// `mean` of the one (`two == false`) or two middle values, as `median` computes it.
    fn mean(lo: Self, hi: Self, two: bool) -> Self::Med;
    /// `np.ma.median`'s `(lo + hi) / 2` in the input's own type (inexact types only).
    fn ma_mean(lo: Self, hi: Self) -> Self::Med;
}

macro_rules! exact_stat {
    ($($t:ty),*) => {$(
        impl Stat for $t {
            type Med = f64;
            #[inline(always)]
            fn isnan(self) -> bool {
                false
            }
            fn mean(lo: Self, hi: Self, two: bool) -> f64 {
                let (l, h) = (f64::from_wide(lo.to_wide()), f64::from_wide(hi.to_wide()));
                if two { (l + h) / 2.0 } else { l / 1.0 }
            }
            fn ma_mean(lo: Self, hi: Self) -> f64 {
                Self::mean(lo, hi, true)
            }
        }
    )*};
}
exact_stat!(bool, i8, u8, i16, u16, i32, u32, i64, u64);

macro_rules! float_stat {
    ($($t:ty),*) => {$(
        impl Stat for $t {
            type Med = $t;
            fn mean(lo: Self, hi: Self, two: bool) -> Self {
                if two { (lo + hi) / 2.0 } else { lo / 1.0 }
            }
            fn ma_mean(lo: Self, hi: Self) -> Self {
                (lo + hi) / 2.0
            }
        }
    )*};
}
float_stat!(f32, f64);

impl Stat for f16 {
    type Med = f16;
    /// float16 means accumulate in float32 and round once.
    fn mean(lo: Self, hi: Self, two: bool) -> Self {
        if two {
            f16::from_f32((lo.to_f32() + hi.to_f32()) / 2.0)
        } else {
            f16::from_f32(lo.to_f32() / 1.0)
        }
    }
    fn ma_mean(lo: Self, hi: Self) -> Self {
        let s = f16::from_f32(lo.to_f32() + hi.to_f32());
        f16::from_f32(s.to_f32() / 2.0)
    }
}

macro_rules! complex_stat {
    ($($t:ty),*) => {$(
        impl Stat for $t {
            type Med = $t;
            fn nan_rank(self) -> (u8, f64) {
                match (self.re.is_nan(), self.im.is_nan()) {
                    (false, false) => (0, 0.0),
                    (false, true) => (1, self.re as f64),
                    (true, false) => (2, self.im as f64),
                    (true, true) => (3, 0.0),
                }
            }
            /// The sum divided by the count as a complex number (Smith's division, as NumPy).
            fn mean(lo: Self, hi: Self, two: bool) -> Self {
                if two {
                    Num::div(lo + hi, <$t>::new(2.0, 0.0))
                } else {
                    Num::div(lo, <$t>::new(1.0, 0.0))
                }
            }
            fn ma_mean(lo: Self, hi: Self) -> Self {
                Num::div(lo + hi, <$t>::new(2.0, 0.0))
            }
        }
    )*};
}
complex_stat!(Complex32, Complex64);

/// NumPy's sort order for NaN-free values (complex: lexicographic).
#[inline(always)]
fn ord<T: Num>(a: &T, b: &T) -> Ordering {
    if a.lt(*b) {
        Ordering::Less
    } else if b.lt(*a) {
        Ordering::Greater
    } else {
        Ordering::Equal
    }
}

/// The last NaN of a lane in NumPy's sort order (what `partition` leaves at index -1), or
/// `None` when the lane holds no NaN.
fn nan_last<T: Stat>(lane: &[T]) -> Option<T> {
    let mut best: Option<(T, (u8, f64))> = None;
    for &x in lane {
        if x.isnan() {
            let r = x.nan_rank();
            if best.is_none_or(|(_, b)| r.0 > b.0 || (r.0 == b.0 && r.1 > b.1)) {
                best = Some((x, r));
            }
        }
    }
    best.map(|(x, _)| x)
}

/// Moves the non-NaN values of a lane to its front (in any order); returns their count.
fn drop_nans<T: Stat>(lane: &mut [T]) -> usize {
    let mut k = 0;
    for i in 0..lane.len() {
        let x = lane[i];
        if !x.isnan() {
            lane[k] = x;
            k += 1;
        }
    }
    k
}

/// Places the order statistics `ks` (sorted, distinct, offset by `base`) of a NaN-free slice
/// at their sorted positions: one `select_nth_unstable` per statistic, except that a neighbour
/// of a selected statistic (interpolation needs pairs) is the extreme of the part beside it.
fn select_many<T: Num>(v: &mut [T], ks: &[usize], base: usize) {
    if ks.is_empty() || v.len() <= 1 {
        return;
    }
    if v.len() <= 16 {
        v.sort_unstable_by(ord::<T>);
        return;
    }
    let m = ks.len() / 2;
    let k = ks[m] - base;
    let (lo, _, hi) = v.select_nth_unstable_by(k, ord::<T>);
    let mut left = &ks[..m];
    if left.last() == Some(&(base + k.wrapping_sub(1))) && !lo.is_empty() {
        let last = lo.len() - 1;
        let i = extreme(lo, Ordering::Greater);
        lo.swap(i, last);
        left = &left[..m - 1];
        select_many(&mut lo[..last], left, base);
    } else {
        select_many(lo, left, base);
    }
    let right = &ks[m + 1..];
    if right.first() == Some(&(base + k + 1)) && !hi.is_empty() {
        let i = extreme(hi, Ordering::Less);
        hi.swap(i, 0);
        select_many(&mut hi[1..], &right[1..], base + k + 2);
    } else {
        select_many(hi, right, base + k + 1);
    }
}

/// The position of the largest (`Greater`) or smallest (`Less`) value of a non-empty slice.
fn extreme<T: Num>(v: &[T], want: Ordering) -> usize {
    let mut best = 0;
    for i in 1..v.len() {
        if ord(&v[i], &v[best]) == want {
            best = i;
        }
    }
    best
}

// ---- lanes ------------------------------------------------------------------------------------

const ALL_NAN: u8 = 1;
const HAD_NAN: u8 = 2;

/// Which axes of an `ndim`-d array are reduced; NumPy's AxisError and "repeated axis".
fn reduced_axes(ndim: usize, axes: Option<&[isize]>) -> Result<SmallVec<[bool; 6]>> {
    let mut red: SmallVec<[bool; 6]> = SmallVec::from_elem(axes.is_none(), ndim);
    if let Some(ax) = axes {
        let ax = normalize_axes(ax, ndim).map_err(|e| match e {
            Error::Value(_) => Error::value("repeated axis"),
            e => e,
        })?;
        for a in ax {
            red[a] = true;
        }
    }
    Ok(red)
}

/// `_ureduce` merges several reduced axes with `reshape(kept + (-1,))`, which fails for an
/// empty array whose kept axes hold no elements either.
fn check_merge(a: &Array, axes: Option<&[isize]>, red: &[bool]) -> Result<()> {
    let Some(ax) = axes else {
        return Ok(());
    };
    let kept: SmallVec<[usize; 6]> = a
        .shape()
        .iter()
        .zip(red)
        .filter(|(_, &r)| !r)
        .map(|(&d, _)| d)
        .collect();
    if ax.len() == 1 || a.size() != 0 || kept.iter().product::<usize>() != 0 {
        return Ok(());
    }
    let dims: Vec<String> = kept.iter().map(|d| d.to_string()).collect();
    Err(Error::value(format!(
        "cannot reshape array of size 0 into shape ({},newaxis)",
        dims.join(",")
    )))
}

/// The result shape of a reduction over `red` (reduced axes kept as 1 with `keepdims`).
fn reduced_shape(shape: &[usize], red: &[bool], keepdims: bool) -> Dims {
    shape
        .iter()
        .zip(red)
        .filter_map(|(&d, &r)| match (r, keepdims) {
            (false, _) => Some(d),
            (true, true) => Some(1),
            (true, false) => None,
        })
        .collect()
}

/// The input as lanes: a C-contiguous copy with the kept axes first and the reduced ones last,
/// so lane `i` is elements `i*n .. (i+1)*n`.
struct Lanes {
    buf: Array,
    lanes: usize,
    n: usize,
}

impl Lanes {
    fn new(a: &Array, red: &[bool]) -> Result<Lanes> {
        let nd = a.ndim();
        let perm: SmallVec<[isize; 6]> = (0..nd)
            .filter(|&k| !red[k])
            .chain((0..nd).filter(|&k| red[k]))
            .map(|k| k as isize)
            .collect();
        let n: usize = (0..nd).filter(|&k| red[k]).map(|k| a.shape()[k]).product();
        let lanes: usize = (0..nd).filter(|&k| !red[k]).map(|k| a.shape()[k]).product();
        let buf = if nd > 1 {
            a.transpose(Some(&perm))?.copy(Order::C)?
        } else {
            a.copy(Order::C)?
        };
        Ok(Lanes { buf, lanes, n })
    }

    /// Runs `f` on every lane (in parallel when there is enough work), giving the flags of
    /// all lanes or-ed together, those of lane 0, or the error of the first failing lane.
    fn run<T: Element>(
        &self,
        f: impl Fn(usize, &mut [T]) -> Result<u8> + Sync,
    ) -> Result<(u8, u8)> {
        type Report = (Option<(usize, Error)>, u8, u8);
        let n = self.n;
        let base = self.buf.base::<T>();
        let off = self.buf.layout().offset;
        let one = |li: usize| -> Report {
            // SAFETY: `buf` is `Lanes::new`'s private C-ordered copy of dtype `T` (the
            // caller's dispatch on its dtype), holding `lanes * n` elements from `off`; lane
            // `li < lanes` is the range `off + li * n..off + (li + 1) * n`, disjoint from every
            // other lane, and each lane is handed to one call of `f` only.
            let lane =
                unsafe { std::slice::from_raw_parts_mut(base.at((off + li * n) as isize), n) };
            match f(li, lane) {
                Ok(fl) => (None, fl, if li == 0 { fl } else { 0 }),
                Err(e) => (Some((li, e)), 0, 0),
            }
        };
        let merge = |a: Report, b: Report| -> Report {
            let err = match (a.0, b.0) {
                (Some(x), Some(y)) => Some(if x.0 <= y.0 { x } else { y }),
                (x, None) => x,
                (None, y) => y,
            };
            (err, a.1 | b.1, a.2 | b.2)
        };
        let r = if self.lanes > 1 && parallel::worth_splitting(self.lanes * n) {
            let per_task = (parallel::GRAIN / n.max(1)).max(1);
            let tasks = self.lanes.div_ceil(per_task);
            let mut parts: Vec<Report> = (0..tasks).map(|_| (None, 0, 0)).collect();
            let dst = crate::iter::SendPtr(parts.as_mut_ptr());
            parallel::for_each(tasks, &|t| {
                let lanes = t * per_task..((t + 1) * per_task).min(self.lanes);
                let r = lanes.map(one).fold((None, 0, 0), merge);
                // SAFETY: task `t` alone writes `parts[t]`, `t < tasks`.
                unsafe { *dst.at(t as isize) = r };
            });
            parts.into_iter().fold((None, 0, 0), merge)
        } else {
            (0..self.lanes).map(one).fold((None, 0, 0), merge)
        };
        match r.0 {
            Some((_, e)) => Err(e),
            None => Ok((r.1, r.2)),
        }
    }
}

fn nan_of(dt: DType) -> Wide {
    if dt.is_complex() {
        Wide::C(f64::NAN, f64::NAN)
    } else {
        Wide::F(f64::NAN)
    }
}

/// `nanmean` of an empty array, which is what the NaN-skipping order statistics return for
/// one: NaN in every output position, "Mean of empty slice" when NumPy warns it.
fn nan_empty(a: &Array, red: &[bool], keepdims: bool) -> Result<Array> {
    let t = a.dtype();
    let dt = if t.is_inexact() { t } else { DType::F64 };
    let shape = reduced_shape(a.shape(), red, keepdims);
    let n: usize = a
        .shape()
        .iter()
        .zip(red)
        .filter(|(_, &r)| r)
        .map(|(&d, _)| d)
        .product();
    let out = Array::full(&shape, nan_of(dt), dt)?;
    // nanmean warns for an output element with nothing to average; integer input goes
    // through mean, which warns whenever the reduced length is zero.
    if (t.is_inexact() && out.size() > 0) || (!t.is_inexact() && n == 0) {
        warn::emit("Mean of empty slice");
    }
    Ok(out)
}

// ---- median -----------------------------------------------------------------------------------

/// The dtype of `median(a)`: that of `mean`, float64 for integers and bool.
pub fn median_dtype(t: DType) -> DType {
    if t.is_inexact() {
        t
    } else {
        DType::F64
    }
}

/// `median(a, axis, keepdims)`, or `nanmedian` with `skip_nan`.
///
/// Lanes holding a NaN give NaN (no warning); `nanmedian` skips NaNs and gives NaN with
/// "All-NaN slice encountered" for lanes of NaNs only. An empty lane is NaN with "Mean of empty
/// slice". `nanmedian` reproduces NumPy's three code paths: it averages the middle values as
/// `np.ma.median` does (in the input's own type) when some axes are kept and lanes are shorter
/// than 600, and as `mean` does (float16 through float32) otherwise.
pub fn median(a: &Array, axes: Option<&[isize]>, keepdims: bool, skip_nan: bool) -> Result<Array> {
    let red = reduced_axes(a.ndim(), axes)?;
    if skip_nan && a.size() == 0 {
        return nan_empty(a, &red, keepdims);
    }
    check_merge(a, axes, &red)?;
    let dt = median_dtype(a.dtype());
    let shape = reduced_shape(a.shape(), &red, keepdims);
    let lanes = Lanes::new(a, &red)?;
    if lanes.n == 0 {
        warn::emit("Mean of empty slice");
        return Array::full(&shape, nan_of(dt), dt);
    }
    let kept_any = red.iter().any(|&r| !r);
    let masked = skip_nan && kept_any && lanes.n < 600;
    let out = Array::uninit(&[lanes.lanes], dt)?;
    let (flags, _) = dispatch!(a.dtype(), T => {
        let dst = SendPtr(out.data_ptr() as *mut <T as Stat>::Med);
        lanes.run::<T>(|li, lane| {
            let (m, fl) = median_lane(lane, skip_nan, masked);
            // SAFETY: `out` is a new contiguous array of `lanes.lanes` elements of `dt`, whose
            // Rust type is `<T as Stat>::Med`; lane `li < lanes.lanes` writes element `li`
            // alone.
            unsafe { *dst.at(li as isize) = m };
            Ok(fl)
        })?
    });
    if flags & ALL_NAN != 0 {
        warn::emit("All-NaN slice encountered");
    }
    let s: SmallVec<[isize; 6]> = shape.iter().map(|&d| d as isize).collect();
    out.reshape(&s)
}

fn median_lane<T: Stat>(lane: &mut [T], skip_nan: bool, masked: bool) -> (T::Med, u8) {
    let mut n = lane.len();
    if T::DTYPE.is_inexact() {
        if !skip_nan {
            if let Some(x) = nan_last(lane) {
                return (<T::Med>::from_wide(x.to_wide()), HAD_NAN);
            }
        } else {
            let last = lane[n - 1];
            n = drop_nans(lane);
            if n == 0 {
                // NumPy returns the lane's last value, or np.ma's fill value NaN (+0j).
                let nan = if masked {
                    Wide::C(f64::NAN, 0.0)
                } else {
                    last.to_wide()
                };
                return (<T::Med>::from_wide(nan), ALL_NAN);
            }
        }
    }
    let v = &mut lane[..n];
    let h = n / 2;
    v.select_nth_unstable_by(h, ord::<T>);
    let hi = v[h];
    let two = n % 2 == 0;
    let lo = if two {
        v[..h].iter().copied().max_by(ord::<T>).unwrap_or(hi)
    } else {
        hi
    };
    let m = if masked {
        T::ma_mean(lo, hi)
    } else {
        T::mean(lo, hi, two)
    };
    (m, 0)
}

// ---- quantile ---------------------------------------------------------------------------------

/// The options of [`quantile`].
#[derive(Clone, Copy, Debug, Default)]
pub struct QuantileOptions<'a> {
    /// Keep the reduced axes as length 1.
    pub keepdims: bool,
    /// `nanquantile`: skip NaNs.
    pub skip_nan: bool,
    /// `q` was a Python int or float: NumPy then uses the interpolation weight as a Python
    /// float (weak under NEP 50), so float16/float32 input keeps its dtype.
    pub weak_q: bool,
    /// `q` is in percent (`percentile`): divided by 100 in its own dtype first.
    pub percent: bool,
    /// Weights (method `inverted_cdf` only): the shape of `a`, or the shape of the reduced axes
    /// in the order `axes` lists them.
    pub weights: Option<&'a Array>,
}

const BOOL_SUBTRACT: &str = "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.";
const FLOOR_COMPLEX: &str = "ufunc 'floor' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''";

/// `q / 100` as `percentile` computes it: in `q`'s float dtype (float16 through float32),
/// float64 for integers and bool.
pub fn percent_to_fraction(q: &Array) -> Result<Array> {
    let s: SmallVec<[usize; 6]> = q.shape().into();
    match q.dtype() {
        DType::F16 => Array::from_vec(
            q.to_vec::<f16>()
                .into_iter()
                .map(|x| f16::from_f32(x.to_f32() / 100.0))
                .collect(),
            &s,
        ),
        DType::F32 => Array::from_vec(
            q.to_vec::<f32>().into_iter().map(|x| x / 100.0).collect(),
            &s,
        ),
        d if d.is_complex() => Err(Error::type_(FLOOR_COMPLEX)),
        _ => Array::from_vec(
            q.to_vec::<f64>().into_iter().map(|x| x / 100.0).collect(),
            &s,
        ),
    }
}

/// NumPy's check that every quantile is in [0, 1] (NaN is not).
pub fn check_quantiles(q: &Array, percent: bool) -> Result<()> {
    if q.dtype().is_complex() {
        return Err(Error::type_(FLOOR_COMPLEX));
    }
    let ok = q.to_wide_vec().into_iter().all(|w| {
        let x = w.to_f64();
        (0.0..=1.0).contains(&x)
    });
    if ok {
        Ok(())
    } else if percent {
        Err(Error::value("Percentiles must be in the range [0, 100]"))
    } else {
        Err(Error::value("Quantiles must be in the range [0, 1]"))
    }
}

/// `quantile(a, q, axis, method=method, keepdims)` and, through `opts`, `percentile`,
/// `nanquantile`, `nanpercentile` and weighted quantiles.
///
/// The result has shape `q.shape + reduced shape` and NumPy's dtype (see [`quantile_dtype`]);
/// complex input is a TypeError, bool input a TypeError for interpolating methods. Lanes with
/// NaN give NaN; `skip_nan` skips NaNs (all-NaN lanes: NaN and "All-NaN slice encountered").
/// An empty lane is NumPy's IndexError (the NaN-skipping variants return `nanmean`'s NaNs).
pub fn quantile(
    a: &Array,
    q: &Array,
    axes: Option<&[isize]>,
    method: QuantileMethod,
    opts: &QuantileOptions,
) -> Result<Array> {
    quantile_impl(a, q, axes, Ok(method), method.name(), opts)
}

/// [`quantile`] with the method given by NumPy's name, which is checked at the point NumPy
/// checks it (after `q` and the axes).
pub fn quantile_named(
    a: &Array,
    q: &Array,
    axes: Option<&[isize]>,
    method: &str,
    opts: &QuantileOptions,
) -> Result<Array> {
    quantile_impl(a, q, axes, QuantileMethod::from_name(method), method, opts)
}

fn quantile_impl(
    a: &Array,
    q: &Array,
    axes: Option<&[isize]>,
    method: Result<QuantileMethod>,
    name: &str,
    o: &QuantileOptions,
) -> Result<Array> {
    let t = a.dtype();
    if t.is_complex() {
        return Err(Error::type_("a must be an array of real numbers"));
    }
    let q = if o.percent {
        percent_to_fraction(q)?
    } else {
        q.clone()
    };
    check_quantiles(&q, o.percent)?;
    let weights = match o.weights {
        None => None,
        Some(w) => {
            if method != Ok(QuantileMethod::InvertedCdf) {
                return Err(Error::value(format!(
                    "Only method 'inverted_cdf' supports weights. Got: {name}."
                )));
            }
            Some(weights_like(a, w, axes)?)
        }
    };
    let red = reduced_axes(a.ndim(), axes)?;
    if o.skip_nan && a.size() == 0 {
        return nan_empty(a, &red, o.keepdims);
    }
    check_merge(a, axes, &red)?;
    if q.ndim() > 2 {
        return Err(Error::value("q must be a scalar or 1d"));
    }
    let m = method?;
    let qa = Ar::of_quantiles(q.dtype());
    let qs: Vec<Val> = q
        .to_wide_vec()
        .into_iter()
        .map(|w| match w {
            Wide::F(x) => Val::F(x),
            Wide::I(i) => Val::I(i as i128),
            Wide::U(u) => Val::I(u as i128),
            Wide::Bool(b) => Val::I(b as i128),
            Wide::C(re, _) => Val::F(re),
        })
        .collect();
    // The result: q's axes, then the kept axes (reduced ones as 1 with keepdims).
    let mut shape: SmallVec<[isize; 8]> = q.shape().iter().map(|&d| d as isize).collect();
    let mut flat = shape.clone();
    shape.extend(
        reduced_shape(a.shape(), &red, o.keepdims)
            .iter()
            .map(|&d| d as isize),
    );
    flat.extend(
        reduced_shape(a.shape(), &red, false)
            .iter()
            .map(|&d| d as isize),
    );
    let kept_any = red.iter().any(|&r| !r);
    if let Some(w) = weights {
        // NumPy's nanquantile indexes weights given for the reduced axes only (not broadcast)
        // lane by lane, so every lane after the first is an IndexError.
        let first_lane_only = o.skip_nan && w.shape.as_slice() != a.shape() && kept_any;
        return weighted(
            a,
            &w.view,
            &red,
            &qs,
            qa,
            &shape,
            o.skip_nan,
            first_lane_only,
        );
    }

    let lanes = Lanes::new(a, &red)?;
    let n = lanes.n;
    let nq = qs.len();
    let inexact = t.is_inexact();
    let gd = gamma_dtype(m, q.dtype());
    let r_dt = quantile_dtype(t, m, q.dtype(), o.weak_q);
    let full = if !o.skip_nan {
        // Index errors come before any data is read, as in NumPy.
        let raws = qs
            .iter()
            .map(|&qv| raw_pick(m, n, qv, qa, inexact))
            .collect::<Result<Vec<_>>>()?;
        if n == 0 {
            return empty_lane(t, &raws, gd.is_none(), r_dt, &shape);
        }
        if t == DType::Bool && gd.is_some() {
            return Err(Error::type_(BOOL_SUBTRACT));
        }
        Ok(raws
            .into_iter()
            .map(|r| finish(r, n, o.weak_q))
            .collect::<Result<Vec<_>>>()?)
    } else {
        if t == DType::Bool && gd.is_some() {
            return Err(Error::type_(BOOL_SUBTRACT));
        }
        plan(m, n, &qs, qa, inexact, o.weak_q)
    };
    let out = Array::uninit(&[nq * lanes.lanes], r_dt)?;
    let (lerp, store) = dispatch!(r_dt, R => (lerp_as::<R> as LerpFn, store_as::<R> as StoreFn));
    let ctx = QLane {
        method: m,
        qs: &qs,
        qa,
        weak: o.weak_q,
        full: &full,
        skip_nan: o.skip_nan,
        lerp,
        store,
        out: SendPtr(out.data_ptr()),
        lanes: lanes.lanes,
    };
    // Lanes run even without quantiles: NaN lanes still warn and set the dtype.
    let (flags, lane0) =
        dispatch!(t, T => lanes.run::<T>(|li, lane| quantile_lane(&ctx, li, lane))?);
    let mut out = if o.skip_nan && q.ndim() == 2 && kept_any && axes.is_some_and(|ax| ax.len() != 1)
    {
        moved_q_axes(&out.reshape(&flat)?, &red, o.keepdims)?
    } else {
        out.reshape(&shape)?
    };
    // NumPy's quirks of the result dtype: a 0-d result of a lane with NaN is that NaN itself,
    // and nanquantile's apply_along_axis takes its dtype from the first lane, which is the
    // input's when that lane is all NaN.
    let first_is_input = if o.skip_nan {
        lane0 & ALL_NAN != 0
    } else {
        q.ndim() == 0 && !kept_any && lane0 & HAD_NAN != 0
    };
    if first_is_input && r_dt != t {
        out = out.astype(t)?;
    }
    if flags & ALL_NAN != 0 {
        warn::emit("All-NaN slice encountered");
    }
    Ok(out)
}

/// NumPy's nanquantile result for a 2-d `q` when several axes were merged into one: its
/// `apply_along_axis` puts `q`'s axes last and then moves axes `[-1, 0]` to `[0, 1]` (meant
/// for a non-negative axis), giving `(q1, k1, .., km, q0)` for kept axes `k` instead of
/// `(q0, q1, k1, .., km)`; `keepdims` then inserts the reduced axes among the last `m`.
fn moved_q_axes(r: &Array, red: &[bool], keepdims: bool) -> Result<Array> {
    let nd = r.ndim();
    let mut perm: SmallVec<[isize; 8]> = (1..nd as isize).collect();
    perm.push(0);
    let f = r.transpose(Some(&perm))?.copy(Order::C)?;
    if !keepdims {
        return Ok(f);
    }
    let mut s: SmallVec<[isize; 8]> = f.shape()[..2].iter().map(|&d| d as isize).collect();
    let mut tail = f.shape()[2..].iter();
    for &r in red {
        if r {
            s.push(1);
        } else if let Some(&d) = tail.next() {
            s.push(d as isize);
        }
    }
    f.reshape(&s)
}

/// NumPy's error for quantiles of empty lanes (an IndexError from whichever step reads the
/// lane first); only integer input with no quantiles at all gets through, to an empty result.
fn empty_lane(
    t: DType,
    raws: &[RawPick],
    take: bool,
    r_dt: DType,
    shape: &[isize],
) -> Result<Array> {
    if t.is_inexact() {
        return Err(Error::index(
            "index -1 is out of bounds for axis 0 with size 0",
        ));
    }
    match raws.first() {
        None => {
            let s: SmallVec<[usize; 8]> = shape.iter().map(|&d| d as usize).collect();
            Array::zeros(&s, r_dt)
        }
        Some(_) if take => Err(Error::index(
            "cannot do a non-empty take from an empty axes.",
        )),
        Some(r) => {
            let i = match *r {
                RawPick::Interp { prev, .. } => prev,
                RawPick::Take(i) => i,
            };
            Err(Error::index(format!(
                "index {i} is out of bounds for axis 0 with size 0"
            )))
        }
    }
}

type LerpFn = fn(Wide, Wide, Wide, Wide, Wide, bool) -> Wide;
type StoreFn = unsafe fn(*mut u8, usize, Wide);

/// NumPy's `_lerp(a, b, t)` in the result dtype `R`: `a + d*t`, or `b - d*(1-t)` where
/// `t >= 0.5`, with `d = b - a` computed in the input dtype.
fn lerp_as<R: Num>(a: Wide, b: Wide, d: Wide, t: Wide, om: Wide, ge: bool) -> Wide {
    let (a, b, d) = (R::from_wide(a), R::from_wide(b), R::from_wide(d));
    let r = if ge {
        b.sub(d.mul(R::from_wide(om)))
    } else {
        a.add(d.mul(R::from_wide(t)))
    };
    r.to_wide()
}

/// # Safety
/// `base` points at an array of `R` with more than `i` elements (aligned for `R`), and no
/// other thread accesses element `i` meanwhile.
unsafe fn store_as<R: Element>(base: *mut u8, i: usize, w: Wide) {
    // SAFETY: element `i` of the caller's array of more than `i` elements of `R`.
    unsafe { *(base as *mut R).add(i) = R::from_wide(w) };
}

/// What every lane of one `quantile` call shares.
struct QLane<'a> {
    method: QuantileMethod,
    qs: &'a [Val],
    qa: Ar,
    weak: bool,
    /// The recipes for a lane of full length without NaN (or the error computing them).
    full: &'a Result<Vec<Pick>>,
    skip_nan: bool,
    lerp: LerpFn,
    store: StoreFn,
    out: SendPtr<u8>,
    lanes: usize,
}

fn quantile_lane<T: Stat>(c: &QLane, li: usize, lane: &mut [T]) -> Result<u8> {
    let n = lane.len();
    let nq = c.qs.len();
    // SAFETY: `c.out` is `quantile`'s new contiguous array of `qs.len() * lanes` elements of
    // the result dtype that `c.store` (`store_as`) was chosen for; `put` is only called with
    // `qi < qs.len()`, so element `qi * lanes + li` is inside it and belongs to this lane
    // alone.
    let put = |qi: usize, w: Wide| unsafe { (c.store)(c.out.0, qi * c.lanes + li, w) };
    let mut m = n;
    if T::DTYPE.is_inexact() {
        if !c.skip_nan {
            if let Some(x) = nan_last(lane) {
                (0..nq).for_each(|qi| put(qi, x.to_wide()));
                return Ok(HAD_NAN);
            }
        } else {
            m = drop_nans(lane);
            if m == 0 {
                (0..nq).for_each(|qi| put(qi, Wide::F(f64::NAN)));
                return Ok(ALL_NAN);
            }
        }
    }
    let owned;
    let picks: &[Pick] = if m == n {
        c.full.as_ref().map_err(Clone::clone)?
    } else {
        owned = plan(c.method, m, c.qs, c.qa, true, c.weak)?;
        &owned
    };
    let v = &mut lane[..m];
    let mut ks: SmallVec<[usize; 16]> = SmallVec::new();
    for p in picks {
        match *p {
            Pick::Take(i) => ks.push(i),
            Pick::Interp { lo, hi, .. } => ks.extend([lo, hi]),
        }
    }
    ks.sort_unstable();
    ks.dedup();
    select_many(v, &ks, 0);
    for (qi, p) in picks.iter().enumerate() {
        let w = match *p {
            Pick::Take(i) => v[i].to_wide(),
            Pick::Interp { lo, hi, t, om, ge } => {
                let (x, y) = (v[lo], v[hi]);
                (c.lerp)(x.to_wide(), y.to_wide(), y.sub(x).to_wide(), t, om, ge)
            }
        };
        put(qi, w);
    }
    Ok(0)
}

// ---- weighted quantiles -----------------------------------------------------------------------

/// Weights checked as NumPy's `_weights_are_valid` does and broadcast to `a`'s shape.
struct Weights {
    view: Array,
    shape: SmallVec<[usize; 6]>,
}

fn weights_like(a: &Array, w: &Array, axes: Option<&[isize]>) -> Result<Weights> {
    let nd = a.ndim();
    let ax = match axes {
        None => None,
        Some(ax) => Some(normalize_axes(ax, nd).map_err(|e| match e {
            Error::Value(_) => Error::value("repeated axis"),
            e => e,
        })?),
    };
    let view = if w.shape() == a.shape() {
        w.clone()
    } else {
        let ax = ax.ok_or_else(|| {
            Error::type_("Axis must be specified when shapes of a and weights differ.")
        })?;
        let want: SmallVec<[usize; 6]> = ax.iter().map(|&k| a.shape()[k]).collect();
        if w.shape() != want.as_slice() {
            return Err(Error::value(
                "Shape of weights must be consistent with shape of a along specified axis.",
            ));
        }
        // wgt.transpose(argsort(axis)).reshape(a.shape with 1 on the other axes)
        let mut order: SmallVec<[isize; 6]> = (0..ax.len() as isize).collect();
        order.sort_by_key(|&i| ax[i as usize]);
        let wt = if ax.len() > 1 {
            w.transpose(Some(&order))?
        } else {
            w.clone()
        };
        let s: SmallVec<[isize; 6]> = (0..nd)
            .map(|k| {
                if ax.contains(&k) {
                    a.shape()[k] as isize
                } else {
                    1
                }
            })
            .collect();
        wt.reshape(&s)?.broadcast_to(a.shape())?
    };
    let negative =
        dispatch!(view.dtype(), W => view.to_vec::<W>().into_iter().any(|x| x.lt(W::zero())));
    if negative {
        return Err(Error::value("Weights must be non-negative."));
    }
    Ok(Weights {
        view,
        shape: w.shape().into(),
    })
}

/// NumPy's weighted `inverted_cdf`: per lane, the first sorted value whose normalized
/// cumulative weight reaches the quantile. The result has the input's dtype.
#[allow(clippy::too_many_arguments)]
fn weighted(
    a: &Array,
    w: &Array,
    red: &[bool],
    qs: &[Val],
    qa: Ar,
    shape: &[isize],
    skip_nan: bool,
    first_lane_only: bool,
) -> Result<Array> {
    let t = a.dtype();
    let lanes = Lanes::new(a, red)?;
    let wl = Lanes::new(&w.astype(DType::F64)?, red)?;
    if lanes.n == 0 && !skip_nan {
        return Err(Error::index(
            "index -1 is out of bounds for axis 0 with size 0",
        ));
    }
    let out = Array::uninit(&[qs.len() * lanes.lanes], t)?;
    let wbase = wl.buf.base::<f64>();
    let n = lanes.n;
    let nl = lanes.lanes;
    let (flags, _) = dispatch!(t, T => {
        let dst = SendPtr(out.data_ptr() as *mut T);
        lanes.run::<T>(|li, lane| {
            if first_lane_only && li > 0 {
                return Err(Error::index("index 1 is out of bounds for axis 0 with size 1"));
            }
            // SAFETY: `wl.buf` is a fresh C-ordered float64 copy (offset 0) of the weights,
            // which have `a`'s shape, so it has the values' lane layout: lane `li` is its `n`
            // elements from `li * n`, which nothing writes.
            let wlane = unsafe { std::slice::from_raw_parts(wbase.at((li * n) as isize), n) };
            // SAFETY: `out` is a new contiguous array of `qs.len() * nl` elements of `t` =
            // `T`, and `weighted_lane` calls back only with `qi < qs.len()`: element
            // `qi * nl + li` is inside `out` and written by this lane alone.
            weighted_lane(lane, wlane, qs, qa, skip_nan, |qi, v| unsafe {
                *dst.at((qi * nl + li) as isize) = v
            })
        })?
    });
    if flags & ALL_NAN != 0 {
        warn::emit("All-NaN slice encountered");
    }
    out.reshape(shape)
}

fn weighted_lane<T: Stat>(
    lane: &[T],
    wts: &[f64],
    qs: &[Val],
    qa: Ar,
    skip_nan: bool,
    put: impl Fn(usize, T),
) -> Result<u8> {
    let mut pairs: Vec<(T, f64)> = lane.iter().copied().zip(wts.iter().copied()).collect();
    if skip_nan {
        pairs.retain(|p| !p.0.isnan());
        if pairs.is_empty() {
            let nan = T::from_wide(Wide::F(f64::NAN));
            (0..qs.len()).for_each(|qi| put(qi, nan));
            return Ok(ALL_NAN);
        }
    }
    let nan = if skip_nan { None } else { nan_last(lane) };
    pairs.sort_unstable_by(|x, y| match (x.0.isnan(), y.0.isnan()) {
        (false, false) => ord(&x.0, &y.0),
        (a, b) => a.cmp(&b),
    });
    let mut cdf: Vec<f64> = Vec::with_capacity(pairs.len());
    let mut acc = 0.0f64;
    for p in &pairs {
        acc += p.1;
        cdf.push(acc);
    }
    let total = acc;
    for c in cdf.iter_mut() {
        *c /= total;
    }
    if cdf.last().is_some_and(|c| c.is_nan()) {
        return Err(Error::value("Weights included NaN, inf or were all zero."));
    }
    if let Some(x) = nan {
        (0..qs.len()).for_each(|qi| put(qi, x));
        return Ok(HAD_NAN);
    }
    for c in cdf.iter_mut() {
        if qa.is_float() {
            *c = qa.round(*c);
        }
        if *c == 0.0 {
            *c = -1.0;
        }
    }
    for (qi, q) in qs.iter().enumerate() {
        let qv = q.f64();
        let i = cdf.partition_point(|&c| c < qv).min(pairs.len() - 1);
        put(qi, pairs[i].0);
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use QuantileMethod as M;

    fn f64s(a: &Array) -> Vec<f64> {
        a.to_vec::<f64>()
    }

    fn q1(v: &[f64]) -> Array {
        Array::from_vec(v.to_vec(), &[v.len()]).unwrap()
    }

    fn opts() -> QuantileOptions<'static> {
        QuantileOptions::default()
    }

    #[test]
    fn method_names_round_trip() {
        for m in QuantileMethod::ALL {
            assert_eq!(QuantileMethod::from_name(m.name()).unwrap(), m);
        }
        let e = QuantileMethod::from_name("foo").unwrap_err();
        assert!(matches!(e, Error::Value(_)));
        assert!(e.to_string().starts_with(
            "'foo' is not a valid method. Use one of: dict_keys(['inverted_cdf', 'averaged_inverted_cdf'"
        ));
        assert_eq!(QuantileMethod::default(), M::Linear);
    }

    #[test]
    fn every_method_matches_numpy_bits() {
        // np.quantile([3, 1, 4, 1, 5, 9, 2, 6.], [0, .1, .25, .5, .75, .9, 1], method=m)
        let a = Array::from_vec(vec![3., 1., 4., 1., 5., 9., 2., 6.], &[8]).unwrap();
        let q = q1(&[0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0]);
        let want: [(M, [f64; 7]); 13] = [
            (M::InvertedCdf, [1., 1., 1., 3., 5., 9., 9.]),
            (M::AveragedInvertedCdf, [1., 1., 1.5, 3.5, 5.5, 9., 9.]),
            (M::ClosestObservation, [1., 1., 1., 3., 5., 6., 9.]),
            (
                M::InterpolatedInvertedCdf,
                [1., 1., 1., 3., 5., 6.6000000000000005, 9.],
            ),
            (M::Hazen, [1., 1., 1.5, 3.5, 5.5, 8.100000000000001, 9.]),
            (M::Weibull, [1., 1., 1.25, 3.5, 5.75, 9., 9.]),
            (M::Linear, [1., 1., 1.75, 3.5, 5.25, 6.8999999999999995, 9.]),
            (
                M::MedianUnbiased,
                [
                    1.,
                    1.,
                    1.4166666666666665,
                    3.5,
                    5.583333333333333,
                    8.500000000000002,
                    9.,
                ],
            ),
            (
                M::NormalUnbiased,
                [1., 1., 1.4375, 3.5, 5.5625, 8.399999999999999, 9.],
            ),
            (M::Lower, [1., 1., 1., 3., 5., 6., 9.]),
            (M::Higher, [1., 1., 2., 4., 6., 9., 9.]),
            (M::Midpoint, [1., 1., 1.5, 3.5, 5.5, 7.5, 9.]),
            (M::Nearest, [1., 1., 2., 4., 5., 6., 9.]),
        ];
        for (m, w) in want {
            let r = quantile(&a, &q, None, m, &opts()).unwrap();
            assert_eq!(r.dtype(), DType::F64);
            let got = f64s(&r);
            for (g, e) in got.iter().zip(w) {
                assert_eq!(g.to_bits(), e.to_bits(), "{m:?}: {got:?} vs {w:?}");
            }
        }
    }

    #[test]
    fn result_dtypes_follow_numpy() {
        let i8a = Array::from_vec(vec![1i8, 0, 3, 2], &[4]).unwrap();
        let f32q = Array::scalar(0.3f32);
        let f64q = Array::scalar(0.3f64);
        let weak = QuantileOptions {
            weak_q: true,
            ..opts()
        };
        assert_eq!(
            quantile(&i8a, &f64q, None, M::Linear, &weak)
                .unwrap()
                .dtype(),
            DType::F64
        );
        assert_eq!(
            quantile(&i8a, &f32q, None, M::Linear, &opts())
                .unwrap()
                .dtype(),
            DType::F32
        );
        assert_eq!(
            quantile(&i8a, &f64q, None, M::Lower, &opts())
                .unwrap()
                .dtype(),
            DType::I8
        );
        let one = Array::scalar(1i64);
        assert_eq!(
            quantile(&i8a, &one, None, M::Linear, &weak)
                .unwrap()
                .dtype(),
            DType::I8
        );
        assert_eq!(
            quantile(&i8a, &one, None, M::AveragedInvertedCdf, &weak)
                .unwrap()
                .dtype(),
            DType::F64
        );
        let f16a = i8a.astype(DType::F16).unwrap();
        let r = quantile(&f16a, &f64q, None, M::Linear, &weak).unwrap();
        assert_eq!(r.dtype(), DType::F16);
        assert_eq!(r.to_vec::<f64>(), vec![f16::from_f64(0.9).to_f64()]);
        assert_eq!(
            quantile(&f16a, &f64q, None, M::Linear, &opts())
                .unwrap()
                .dtype(),
            DType::F64
        );
        // int8 wraps in b - a: np.quantile(np.array([-128, 127], np.int8), 0.3) == -128.3
        let w = Array::from_vec(vec![-128i8, 127], &[2]).unwrap();
        assert_eq!(
            quantile(&w, &f64q, None, M::Linear, &weak)
                .unwrap()
                .to_vec::<f64>(),
            vec![-128.3]
        );
        assert_eq!(
            median(&i8a, None, false, false).unwrap().dtype(),
            DType::F64
        );
        assert_eq!(
            median(&f16a, None, false, false).unwrap().dtype(),
            DType::F16
        );
    }

    #[test]
    fn errors_match_numpy() {
        let a = Array::from_vec(vec![1.0f64, 2.0, 3.0], &[3]).unwrap();
        let c = a.astype(DType::C128).unwrap();
        assert!(matches!(
            quantile(&c, &Array::scalar(0.5), None, M::Linear, &opts()),
            Err(Error::Type(_))
        ));
        let e = quantile(&a, &Array::scalar(1.5), None, M::Linear, &opts()).unwrap_err();
        assert_eq!(e, Error::value("Quantiles must be in the range [0, 1]"));
        let pct = QuantileOptions {
            percent: true,
            ..opts()
        };
        let e = quantile(&a, &Array::scalar(101.0), None, M::Linear, &pct).unwrap_err();
        assert_eq!(e, Error::value("Percentiles must be in the range [0, 100]"));
        let e = quantile(&a, &Array::scalar(f64::NAN), None, M::Linear, &opts()).unwrap_err();
        assert!(matches!(e, Error::Value(_)));
        assert!(matches!(
            quantile(&a, &Array::scalar(0.5), Some(&[1]), M::Linear, &opts()),
            Err(Error::Axis { axis: 1, ndim: 1 })
        ));
        let b = Array::zeros(&[2, 2], DType::F64).unwrap();
        assert_eq!(
            median(&b, Some(&[0, -2]), false, false).unwrap_err(),
            Error::value("repeated axis")
        );
        let q3 = Array::zeros(&[1, 1, 1], DType::F64).unwrap();
        assert!(matches!(
            quantile(&a, &q3, None, M::Linear, &opts()),
            Err(Error::Value(_))
        ));
        let e = quantile_named(&a, &Array::scalar(0.5), None, "foo", &opts()).unwrap_err();
        assert!(e.to_string().starts_with("'foo' is not a valid method"));
        let bools = Array::from_vec(vec![true, false], &[2]).unwrap();
        assert!(matches!(
            quantile(&bools, &Array::scalar(0.5), None, M::Linear, &opts()),
            Err(Error::Type(_))
        ));
        assert!(quantile(&bools, &Array::scalar(0.5), None, M::Lower, &opts()).is_ok());
        let empty = Array::zeros(&[0], DType::F64).unwrap();
        assert!(matches!(
            quantile(&empty, &Array::scalar(0.5), None, M::Linear, &opts()),
            Err(Error::Index(_))
        ));
        // uint8 quantiles: the sample size must fit uint8
        let big = Array::zeros(&[300], DType::F64).unwrap();
        let qu8 = Array::from_vec(vec![0u8, 1], &[2]).unwrap();
        assert!(matches!(
            quantile(&big, &qu8, None, M::Linear, &opts()),
            Err(Error::Overflow(_))
        ));
    }

    #[test]
    fn nan_handling_and_warnings() {
        let nan = f64::NAN;
        let a =
            Array::from_vec(vec![1.0, nan, 3.0, nan, nan, nan, 4.0, 2.0, 6.0], &[3, 3]).unwrap();
        warn::take();
        let m = median(&a, Some(&[1]), false, false).unwrap();
        let v = f64s(&m);
        assert!(v[0].is_nan() && v[1].is_nan() && v[2] == 4.0);
        assert!(warn::take().is_empty());
        let m = median(&a, Some(&[1]), false, true).unwrap();
        let v = f64s(&m);
        assert_eq!((v[0], v[2]), (2.0, 4.0));
        assert!(v[1].is_nan());
        assert_eq!(warn::take(), vec!["All-NaN slice encountered"]);
        let skip = QuantileOptions {
            skip_nan: true,
            ..opts()
        };
        let r = quantile(&a, &q1(&[0.5, 1.0]), Some(&[-1]), M::Linear, &skip).unwrap();
        assert_eq!(r.shape(), &[2, 3]);
        let v = f64s(&r);
        assert_eq!((v[0], v[2], v[3], v[5]), (2.0, 4.0, 3.0, 6.0));
        assert!(v[1].is_nan() && v[4].is_nan());
        assert_eq!(warn::take(), vec!["All-NaN slice encountered"]);
        // nanquantile of an empty array is nanmean's: q is ignored.
        let e = Array::zeros(&[0, 2], DType::F32).unwrap();
        let r = quantile(&e, &q1(&[0.5, 0.1]), Some(&[0]), M::Linear, &skip).unwrap();
        assert_eq!((r.shape(), r.dtype()), (&[2usize][..], DType::F32));
        assert_eq!(warn::take(), vec!["Mean of empty slice"]);
        let r = median(&Array::zeros(&[0], DType::I32).unwrap(), None, false, false).unwrap();
        assert!(r.to_vec::<f64>()[0].is_nan());
        assert_eq!(warn::take(), vec!["Mean of empty slice"]);
    }

    #[test]
    fn axes_keepdims_and_views() {
        let a =
            Array::from_vec((0..24).map(|i| ((i * 7) % 24) as f64).collect(), &[2, 3, 4]).unwrap();
        let r = quantile(
            &a,
            &q1(&[0.25, 0.5]),
            Some(&[0, 2]),
            M::Linear,
            &QuantileOptions {
                keepdims: true,
                ..opts()
            },
        )
        .unwrap();
        assert_eq!(r.shape(), &[2, 1, 3, 1]);
        let t = a.transpose(None).unwrap();
        let m1 = median(&t, Some(&[2]), false, false).unwrap();
        let m2 = median(&a.copy(Order::C).unwrap(), Some(&[0]), false, false).unwrap();
        assert_eq!(f64s(&m1), f64s(&m2.transpose(None).unwrap()));
        let m = median(&a, None, true, false).unwrap();
        assert_eq!((m.shape(), f64s(&m)), (&[1usize, 1, 1][..], vec![11.5]));
    }

    #[test]
    fn float16_medians_follow_both_numpy_paths() {
        let a = Array::from_vec(vec![f16::from_f32(60000.0); 2], &[1, 2]).unwrap();
        // median averages in float32; nanmedian with a kept axis uses np.ma (float16 sum).
        assert_eq!(
            median(&a, Some(&[1]), false, false)
                .unwrap()
                .to_vec::<f64>(),
            vec![60000.0]
        );
        assert_eq!(
            median(&a, Some(&[1]), false, true).unwrap().to_vec::<f64>(),
            vec![f64::INFINITY]
        );
        assert_eq!(
            median(&a, None, false, true).unwrap().to_vec::<f64>(),
            vec![60000.0]
        );
    }

    #[test]
    fn weighted_inverted_cdf() {
        let a = Array::from_vec(vec![1i8, 2, 3, 4, 5], &[5]).unwrap();
        let w = Array::from_vec(vec![1i64, 2, 0, 1, 1], &[5]).unwrap();
        let o = QuantileOptions {
            weights: Some(&w),
            ..opts()
        };
        let r = quantile(&a, &q1(&[0.0, 0.3, 0.5, 1.0]), None, M::InvertedCdf, &o).unwrap();
        assert_eq!(r.dtype(), DType::I8);
        assert_eq!(r.to_vec::<i64>(), vec![1, 2, 2, 5]);
        assert!(matches!(
            quantile(&a, &Array::scalar(0.5), None, M::Linear, &o),
            Err(Error::Value(_))
        ));
        let neg = Array::from_vec(vec![1.0, -1.0, 1.0, 1.0, 1.0], &[5]).unwrap();
        let o = QuantileOptions {
            weights: Some(&neg),
            ..opts()
        };
        assert_eq!(
            quantile(&a, &Array::scalar(0.5), None, M::InvertedCdf, &o).unwrap_err(),
            Error::value("Weights must be non-negative.")
        );
    }

    #[test]
    fn select_many_places_every_statistic() {
        let data: Vec<f64> = (0..200).map(|i| ((i * 7919) % 211) as f64).collect();
        let mut sorted = data.clone();
        sorted.sort_by(|a, b| a.partial_cmp(b).unwrap());
        for ks in [
            vec![0],
            vec![199],
            vec![0, 1],
            vec![98, 99, 100, 101],
            vec![0, 1, 2, 50, 51, 198, 199],
            (0..200).step_by(3).collect(),
            (0..200).collect(),
        ] {
            let mut v = data.clone();
            select_many(&mut v, &ks, 0);
            for &k in &ks {
                assert_eq!(v[k], sorted[k], "k={k} of {ks:?}");
            }
        }
    }

    #[test]
    fn many_lanes_in_parallel_match_serial() {
        let n = 70_000usize;
        let data: Vec<f64> = (0..n).map(|i| ((i * 7919) % 1013) as f64).collect();
        let a = Array::from_vec(data.clone(), &[700, 100]).unwrap();
        let r = quantile(&a, &q1(&[0.1, 0.5, 0.9]), Some(&[1]), M::Hazen, &opts()).unwrap();
        for (li, row) in data.chunks(100).enumerate().step_by(97) {
            let one = Array::from_vec(row.to_vec(), &[100]).unwrap();
            let s = quantile(&one, &q1(&[0.1, 0.5, 0.9]), None, M::Hazen, &opts()).unwrap();
            let all = f64s(&r);
            assert_eq!(f64s(&s), vec![all[li], all[700 + li], all[1400 + li]]);
        }
    }
}
