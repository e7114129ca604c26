//! `ferronum.random`'s engine object: one bit generator (plus `RandomState`'s cached
//! Gaussian) behind `_Core`, whose methods parse their arguments and make one call into
//! `ferronum::random`. The Python package `ferronum.random` builds NumPy's classes
//! (`SeedSequence`, the bit generators, `Generator`, `RandomState`) on top of it.

use crate::common::wrap;
use crate::convert::to_array;
use crate::errors::IntoPyResult;
use ferronum::random::bitgen::{BitGen, Bits, Half32};
use ferronum::random::fill::{self, Cont, Disc, State};
use ferronum::random::legacy::Gauss;
use ferronum::random::mt19937::Mt19937;
use ferronum::random::philox::Philox;
use ferronum::random::{checks, pcg64::Pcg64, seedseq, sfc64::Sfc64};
use ferronum::{Array, DType};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

/// Below this many values the GIL is kept (releasing it costs more than the draws).
const NOGIL_MIN: usize = 1 << 14;

#[pyclass(module = "ferronum.random", name = "_Core")]
pub struct Core {
    st: State,
}

fn f64s(obj: &Bound<'_, PyAny>) -> PyResult<Vec<f64>> {
    // A list of Python numbers (the scalar parameters) converts directly.
    if obj.is_instance_of::<pyo3::types::PyList>() {
        if let Ok(v) = obj.extract::<Vec<f64>>() {
            return Ok(v);
        }
    }
    let py = obj.py();
    let a = to_array(obj)?.astype(DType::F64).py(py)?;
    Ok(a.to_vec::<f64>())
}

fn u64s(obj: &Bound<'_, PyAny>) -> PyResult<Vec<u64>> {
    let py = obj.py();
    let a = to_array(obj)?.astype(DType::U64).py(py)?;
    Ok(a.to_vec::<u64>())
}

fn out_array<T: ferronum::Element>(
    py: Python<'_>,
    v: Vec<T>,
    shape: &[usize],
) -> PyResult<Py<PyAny>> {
    wrap(py, Array::from_vec(v, shape).py(py)?)
}

/// A new C-contiguous array of `shape` whose elements `f` writes (every one of them), run
/// without the GIL when large. Uninitialised memory rather than a zeroed `Vec`: the draws are
/// the only pass over it (and large blocks come from the engine's buffer cache, already
/// faulted in).
fn fresh<T: ferronum::Element>(
    py: Python<'_>,
    shape: &[usize],
    f: impl FnOnce(&mut [T]) + Send,
) -> PyResult<Py<PyAny>> {
    let a = Array::uninit(shape, T::DTYPE).py(py)?;
    let n = a.size();
    // SAFETY: `a` is a fresh C-contiguous array of `n` elements of `T` that no one else sees
    // yet; `f` writes every element before the array is returned.
    let s = unsafe { std::slice::from_raw_parts_mut(a.data_ptr() as *mut T, n) };
    run(py, n, || f(s));
    wrap(py, a)
}

fn run<T: Send>(py: Python<'_>, n: usize, f: impl FnOnce() -> T + Send) -> T {
    if n >= NOGIL_MIN {
        py.detach(f)
    } else {
        f()
    }
}

fn half(h: &Half32) -> (bool, u32) {
    (h.has, h.value)
}

#[pymethods]
impl Core {
    /// A generator seeded from `SeedSequence.generate_state` words.
    #[new]
    fn new(kind: &str, words: Vec<u32>) -> PyResult<Core> {
        if words.len() < fill::seed_words(kind) {
            return Err(PyValueError::new_err("not enough seed words"));
        }
        let bits = fill::from_seed_words(kind, &words)
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(Core {
            st: State {
                bits,
                gauss: Gauss::default(),
            },
        })
    }

    /// `MT19937._legacy_seeding`: an integer seed (Knuth) or a sequence (`init_by_array`).
    fn seed_mt_legacy(&mut self, int_seed: Option<u32>, array: Option<Vec<u32>>) {
        let m = match (int_seed, array) {
            (Some(s), _) => Mt19937::from_u32(s),
            (None, Some(a)) => Mt19937::from_array(&a),
            (None, None) => Mt19937::from_u32(0),
        };
        self.st.bits = BitGen::Mt19937(Box::new(m));
        self.st.gauss = Gauss::default();
    }

    /// The generator's state as plain Python values (the package builds NumPy's dicts).
    fn get_state(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let t = match &self.st.bits {
            BitGen::Pcg64(p) | BitGen::Pcg64Dxsm(p) => {
                let (h, v) = half(&p.half);
                (p.state, p.inc, h, v).into_pyobject(py)?.into_any()
            }
            BitGen::Mt19937(m) => {
                let key = out_array(py, m.key.to_vec(), &[624])?;
                (key, m.pos).into_pyobject(py)?.into_any()
            }
            BitGen::Philox(p) => {
                let (h, v) = half(&p.half);
                let ctr = out_array(py, p.ctr.to_vec(), &[4])?;
                let key = out_array(py, p.key.to_vec(), &[2])?;
                let buf = out_array(py, p.buffer.to_vec(), &[4])?;
                (ctr, key, buf, p.buffer_pos, h, v)
                    .into_pyobject(py)?
                    .into_any()
            }
            BitGen::Sfc64(s) => {
                let (h, v) = half(&s.half);
                let st = out_array(py, s.s.to_vec(), &[4])?;
                (st, h, v).into_pyobject(py)?.into_any()
            }
        };
        let g = &self.st.gauss;
        Ok(PyTuple::new(
            py,
            [
                t.unbind(),
                (g.has, g.value).into_pyobject(py)?.into_any().unbind(),
            ],
        )?
        .into_any()
        .unbind())
    }

    fn set_pcg(&mut self, dxsm: bool, state: u128, inc: u128, has: bool, value: u32) {
        let p = Pcg64 {
            state,
            inc,
            half: Half32 { has, value },
        };
        self.st.bits = if dxsm {
            BitGen::Pcg64Dxsm(p)
        } else {
            BitGen::Pcg64(p)
        };
    }

    fn set_mt(&mut self, key: &Bound<'_, PyAny>, pos: usize) -> PyResult<()> {
        let k = u64s(key)?;
        if k.len() != 624 {
            return Err(PyValueError::new_err("state must be 624 elements"));
        }
        let mut m = Mt19937 { key: [0; 624], pos };
        for (d, s) in m.key.iter_mut().zip(k) {
            *d = s as u32;
        }
        self.st.bits = BitGen::Mt19937(Box::new(m));
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn set_philox(
        &mut self,
        ctr: [u64; 4],
        key: [u64; 2],
        buffer: [u64; 4],
        buffer_pos: usize,
        has: bool,
        value: u32,
    ) {
        let mut p = Philox::new(ctr, key);
        p.buffer = buffer;
        p.buffer_pos = buffer_pos.min(4);
        p.half = Half32 { has, value };
        self.st.bits = BitGen::Philox(p);
    }

    fn set_sfc(&mut self, s: [u64; 4], has: bool, value: u32) {
        self.st.bits = BitGen::Sfc64(Sfc64 {
            s,
            half: Half32 { has, value },
        });
    }

    fn set_gauss(&mut self, has: bool, value: f64) {
        self.st.gauss = Gauss { has, value };
    }

    /// `advance(delta)` (PCG64, PCG64DXSM: delta mod 2^128; Philox: a 256-bit counter step).
    fn advance(&mut self, delta: &Bound<'_, PyAny>) -> PyResult<()> {
        match &mut self.st.bits {
            BitGen::Pcg64(p) => p.advance(delta.extract::<u128>()?, false),
            BitGen::Pcg64Dxsm(p) => p.advance(delta.extract::<u128>()?, true),
            BitGen::Philox(p) => p.advance(delta.extract::<[u64; 4]>()?),
            _ => return Err(PyValueError::new_err("advance is not supported")),
        }
        Ok(())
    }

    fn random_raw(&mut self, py: Python<'_>, n: usize) -> PyResult<Py<PyAny>> {
        let st = &mut self.st;
        fresh(py, &[n], |v| fill::raw(&mut st.bits, v))
    }

    /// `kind`: "random", "standard_normal", "standard_exponential", "exponential_inv".
    fn standard(
        &mut self,
        py: Python<'_>,
        kind: &str,
        shape: Vec<usize>,
        single: bool,
    ) -> PyResult<Py<PyAny>> {
        let g = &mut self.st.bits;
        if single {
            fresh(py, &shape, |v| match kind {
                "random" => fill::random_f32(g, v),
                "standard_normal" => fill::standard_normal_f32(g, v),
                "standard_exponential" => fill::standard_exponential_f32(g, v, false),
                _ => fill::standard_exponential_f32(g, v, true),
            })
        } else {
            fresh(py, &shape, |v| match kind {
                "random" => fill::random_f64(g, v),
                "standard_normal" => fill::standard_normal_f64(g, v),
                "standard_exponential" => fill::standard_exponential_f64(g, v, false),
                _ => fill::standard_exponential_f64(g, v, true),
            })
        }
    }

    fn standard_gamma_f32(
        &mut self,
        py: Python<'_>,
        shape_param: &Bound<'_, PyAny>,
        shape: Vec<usize>,
    ) -> PyResult<Py<PyAny>> {
        let k: Vec<f32> = f64s(shape_param)?.into_iter().map(|x| x as f32).collect();
        let g = &mut self.st.bits;
        fresh(py, &shape, |v| fill::standard_gamma_f32(g, &k, v))
    }

    fn uniform(
        &mut self,
        py: Python<'_>,
        low: f64,
        range: f64,
        shape: Vec<usize>,
    ) -> PyResult<Py<PyAny>> {
        let g = &mut self.st.bits;
        fresh(py, &shape, |v| fill::uniform(g, low, range, v))
    }

    /// A continuous distribution by name with broadcast parameters (arrays of the output's
    /// size, or scalars).
    fn cont(
        &mut self,
        py: Python<'_>,
        name: &str,
        params: Vec<Bound<'_, PyAny>>,
        shape: Vec<usize>,
    ) -> PyResult<Py<PyAny>> {
        let d = Cont::parse(name).map_err(|e| PyValueError::new_err(e.to_string()))?;
        let ps = params.iter().map(f64s).collect::<PyResult<Vec<_>>>()?;
        let refs: Vec<&[f64]> = ps.iter().map(|v| v.as_slice()).collect();
        let st = &mut self.st;
        fresh(py, &shape, |v| fill::cont(st, d, &refs, v))
    }

    fn disc(
        &mut self,
        py: Python<'_>,
        name: &str,
        params: Vec<Bound<'_, PyAny>>,
        shape: Vec<usize>,
    ) -> PyResult<Py<PyAny>> {
        let d = Disc::parse(name).map_err(|e| PyValueError::new_err(e.to_string()))?;
        let ps = params.iter().map(f64s).collect::<PyResult<Vec<_>>>()?;
        let refs: Vec<&[f64]> = ps.iter().map(|v| v.as_slice()).collect();
        let st = &mut self.st;
        fresh(py, &shape, |v| fill::disc(st, d, &refs, v))
    }

    /// Bounded integers on [low, high - open] (bounds checked by the caller, broadcast or
    /// scalar), returned as `dtype` ('bool', 'int8', ..., 'uint64'). The offset and range are
    /// taken modulo 2^64, which gives NumPy's unsigned `off`/`rng` of every width.
    #[allow(clippy::too_many_arguments)]
    fn integers(
        &mut self,
        py: Python<'_>,
        dtype: &str,
        low: &Bound<'_, PyAny>,
        high: &Bound<'_, PyAny>,
        open: bool,
        masked: bool,
        shape: Vec<usize>,
    ) -> PyResult<Py<PyAny>> {
        let (lo, hi) = (u64s(low)?, u64s(high)?);
        self.draw_integers(py, dtype, lo, hi, open, masked, shape)
    }

    /// `integers` with one closed range `[lo, hi]` (each already reduced modulo 2^64): the
    /// per-call path of scalar bounds, without building bound arrays.
    fn integers_scalar(
        &mut self,
        py: Python<'_>,
        dtype: &str,
        lo: u64,
        hi: u64,
        masked: bool,
        shape: Vec<usize>,
    ) -> PyResult<Py<PyAny>> {
        self.draw_integers(py, dtype, vec![lo], vec![hi], false, masked, shape)
    }

    /// The arrangement of `0..n` after NumPy's Fisher-Yates from the end down to `first`
    /// (`lemire` as `_shuffle_int`, else `random_interval` as `shuffle`).
    fn shuffle_perm(
        &mut self,
        py: Python<'_>,
        n: usize,
        first: usize,
        lemire: bool,
    ) -> PyResult<Py<PyAny>> {
        let mut idx: Vec<i64> = (0..n as i64).collect();
        let g = &mut self.st.bits;
        run(py, n, || {
            fill::shuffle_order(g, n, first, lemire, |i, j| idx.swap(i, j))
        });
        out_array(py, idx, &[n])
    }

    fn choice_noreplace(
        &mut self,
        py: Python<'_>,
        pop: i64,
        size: i64,
        shuffle: bool,
    ) -> PyResult<Py<PyAny>> {
        let g = &mut self.st.bits;
        let v = run(py, size as usize, || {
            fill::choice_noreplace(g, pop, size, shuffle)
        });
        let n = v.len();
        out_array(py, v, &[n])
    }

    /// `bytes(length)`: little-endian 32-bit draws, cut to `length` (NumPy draws them as
    /// full-range `uint32` integers, which is `next_uint32` itself).
    fn bytes<'py>(&mut self, py: Python<'py>, length: usize) -> Bound<'py, pyo3::types::PyBytes> {
        let words = if length == 0 { 0 } else { (length - 1) / 4 + 1 };
        let mut out = Vec::with_capacity(words * 4);
        for _ in 0..words {
            out.extend_from_slice(&self.st.bits.next_u32().to_le_bytes());
        }
        out.truncate(length);
        pyo3::types::PyBytes::new(py, &out)
    }

    /// `random_interval(max)`: one masked draw on [0, max] (list shuffles).
    fn interval(&mut self, max: u64) -> u64 {
        ferronum::random::bounded::interval(&mut self.st.bits, max)
    }

    fn lane_perms(&mut self, py: Python<'_>, m: usize, n: usize) -> PyResult<Py<PyAny>> {
        let g = &mut self.st.bits;
        let v = run(py, m * n, || fill::lane_perms(g, m, n));
        out_array(py, v, &[m, n])
    }

    fn dirichlet(
        &mut self,
        py: Python<'_>,
        alpha: Vec<f64>,
        n: usize,
        legacy: bool,
    ) -> PyResult<Py<PyAny>> {
        let k = alpha.len();
        let st = &mut self.st;
        let v = run(py, n * k, || fill::dirichlet(st, &alpha, n, legacy));
        out_array(py, v, &[n, k])
    }

    /// `multinomial` rows: `n` per row, one shared `pvals`.
    fn multinomial(
        &mut self,
        py: Python<'_>,
        ns: Vec<i64>,
        pvals: Vec<f64>,
        legacy: bool,
    ) -> PyResult<Py<PyAny>> {
        let d = pvals.len();
        let mut v = vec![0i64; ns.len() * d];
        let g = &mut self.st.bits;
        for (row, &n) in v.chunks_mut(d.max(1)).zip(&ns) {
            if legacy {
                ferronum::random::legacy::multinomial(g, n, &pvals, row);
            } else {
                ferronum::random::dist::multinomial(g, n, &pvals, row);
            }
        }
        out_array(py, v, &[ns.len(), d])
    }
}

/// The draws (each already in range for `dtype`, held as its unsigned bits) as an array of
/// `dtype`: the conversion only narrows the storage.
impl Core {
    /// Bounded integers on `[lo, hi - open]` per element (one bound or one per element).
    #[allow(clippy::too_many_arguments)]
    fn draw_integers(
        &mut self,
        py: Python<'_>,
        dtype: &str,
        lo: Vec<u64>,
        hi: Vec<u64>,
        open: bool,
        masked: bool,
        shape: Vec<usize>,
    ) -> PyResult<Py<PyAny>> {
        let m = lo.len().max(hi.len());
        let at = |v: &[u64], i: usize| if v.len() == 1 { v[0] } else { v[i] };
        let rng: Vec<u64> = (0..m)
            .map(|i| {
                at(&hi, i)
                    .wrapping_sub(open as u64)
                    .wrapping_sub(at(&lo, i))
            })
            .collect();
        let off = if lo.len() == m { lo } else { vec![lo[0]; m] };
        let bits = match dtype {
            "int64" | "uint64" => 64,
            "int32" | "uint32" => 32,
            "int16" | "uint16" => 16,
            "int8" | "uint8" => 8,
            "bool" => 1,
            _ => {
                return Err(PyValueError::new_err(format!(
                    "Unsupported dtype {dtype:?}"
                )))
            }
        };
        let g = &mut self.st.bits;
        if bits == 64 {
            // int64 and uint64 share the bits of the unsigned draws: written in place.
            let mut wide = |v: &mut [u64]| fill::integers(g, bits, &off, &rng, masked, v);
            return if dtype == "int64" {
                fresh(py, &shape, |v: &mut [i64]| {
                    // SAFETY: i64 and u64 have one size and alignment, every bit pattern valid.
                    wide(unsafe { &mut *(v as *mut [i64] as *mut [u64]) })
                })
            } else {
                fresh(py, &shape, wide)
            };
        }
        let n: usize = shape.iter().product();
        let mut v = vec![0u64; n];
        run(py, n, || {
            fill::integers(g, bits, &off, &rng, masked, &mut v)
        });
        wrap(py, typed(v, dtype, &shape).py(py)?)
    }
}

fn typed(v: Vec<u64>, dtype: &str, shape: &[usize]) -> ferronum::Result<Array> {
    fn conv<T: ferronum::Element>(
        v: Vec<u64>,
        f: impl Fn(u64) -> T,
        shape: &[usize],
    ) -> ferronum::Result<Array> {
        Array::from_vec(v.into_iter().map(f).collect::<Vec<T>>(), shape)
    }
    match dtype {
        "uint64" => Array::from_vec(v, shape),
        "int64" => conv(v, |x| x as i64, shape),
        "int32" => conv(v, |x| x as u32 as i32, shape),
        "uint32" => conv(v, |x| x as u32, shape),
        "int16" => conv(v, |x| x as u16 as i16, shape),
        "uint16" => conv(v, |x| x as u16, shape),
        "int8" => conv(v, |x| x as u8 as i8, shape),
        "uint8" => conv(v, |x| x as u8, shape),
        _ => conv(v, |x| x != 0, shape),
    }
}

/// `SeedSequence`'s pool from the assembled entropy words.
#[pyfunction]
fn _seedseq_pool(entropy: Vec<u32>, pool_size: usize) -> Vec<u32> {
    seedseq::mix_entropy(&entropy, pool_size)
}

/// `SeedSequence.generate_state` as `u32` words.
#[pyfunction]
fn _seedseq_generate(py: Python<'_>, pool: Vec<u32>, n_words: usize) -> PyResult<Py<PyAny>> {
    out_array(py, seedseq::generate_state(&pool, n_words), &[n_words])
}

/// `SeedSequence.generate_state(n, uint64)`.
#[pyfunction]
fn _seedseq_generate64(py: Python<'_>, pool: Vec<u32>, n_words: usize) -> PyResult<Py<PyAny>> {
    out_array(py, seedseq::generate_state_u64(&pool, n_words), &[n_words])
}

/// `choice`'s sampling with `p`: indices where the uniforms fall in the normalised cumulative
/// sum of `p` (NumPy's `cdf.searchsorted(u, side='right')` after `cdf /= cdf[-1]`).
#[pyfunction]
fn _cdf_search(py: Python<'_>, p: &Bound<'_, PyAny>, u: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let p = f64s(p)?;
    let u = f64s(u)?;
    let mut cdf = Vec::with_capacity(p.len());
    let mut acc = 0.0;
    for x in p {
        acc += x;
        cdf.push(acc);
    }
    if let Some(&last) = cdf.last() {
        for c in cdf.iter_mut() {
            *c /= last;
        }
    }
    let idx: Vec<i64> = u
        .iter()
        .map(|&x| cdf.partition_point(|&c| c <= x) as i64)
        .collect();
    let n = idx.len();
    out_array(py, idx, &[n])
}

/// NumPy's `kahan_sum` of the probabilities `choice` checks.
#[pyfunction]
fn _kahan_sum(p: &Bound<'_, PyAny>) -> PyResult<f64> {
    let p = f64s(p)?;
    if p.is_empty() {
        return Ok(0.0);
    }
    let mut s = p[0];
    let mut c = 0.0;
    for &x in &p[1..] {
        let y = x - c;
        let t = s + y;
        c = (t - s) - y;
        s = t;
    }
    Ok(s)
}

/// NumPy's check of a distribution parameter: `cons` names the constraint
/// ("nonneg", "pos", "pos_notnan", "0_1", "gt0_1", "0_lt1", "gt1", "gte1", "poisson",
/// "nonneg_long"), `scalar` picks the scalar form of the messages.
#[pyfunction]
fn _check(
    py: Python<'_>,
    vals: &Bound<'_, PyAny>,
    name: &str,
    cons: &str,
    scalar: bool,
) -> PyResult<()> {
    let v = f64s(vals)?;
    checks::check(&v, name, checks::Cons::parse(cons), scalar).py(py)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Core>()?;
    m.add_function(wrap_pyfunction!(_check, m)?)?;
    m.add_function(wrap_pyfunction!(_seedseq_pool, m)?)?;
    m.add_function(wrap_pyfunction!(_seedseq_generate, m)?)?;
    m.add_function(wrap_pyfunction!(_seedseq_generate64, m)?)?;
    m.add_function(wrap_pyfunction!(_cdf_search, m)?)?;
    m.add_function(wrap_pyfunction!(_kahan_sum, m)?)?;
    Ok(())
}
