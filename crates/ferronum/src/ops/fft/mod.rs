//! `numpy.fft`'s one-axis transforms (`fft ifft rfft irfft hfft ihfft`) with NumPy 2's rules:
//! the default lengths, the checks in NumPy's order and with its messages, the result dtypes
//! (single precision kept, float16 computed in single, integers and bool in double), the norm
//! factors rounded in the input's real precision as NumPy computes them, and `out=`.
//!
//! The transforms are rustfft's (complex, any length: mixed radix, Rader, Bluestein, AVX when
//! the CPU has it) and realfft's (real input or output, on a half-length complex transform).
//! The n-d transforms are these one-axis transforms applied axis after axis, as NumPy's own
//! `fftn` does (`python/ferronum/fft.py`).

mod lanes;
mod plan;

use crate::array::{Array, Order};
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::ops::overlap;
use half::f16;
use lanes::{Job, Op};
use plan::Float;

/// One of NumPy's one-axis transforms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    Fft,
    Ifft,
    Rfft,
    Irfft,
    Hfft,
    Ihfft,
}

/// What the transform computes per lane.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    C2C,
    R2C,
    C2R,
}

/// The factor a transform's output is multiplied by.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Factor {
    One,
    /// `1 / sqrt(n)`
    Ortho,
    /// `1 / n`
    Inv,
}

impl Which {
    fn kind(self) -> Kind {
        match self {
            Which::Fft | Which::Ifft => Kind::C2C,
            Which::Rfft | Which::Ihfft => Kind::R2C,
            Which::Irfft | Which::Hfft => Kind::C2R,
        }
    }
}

fn norm_error(norm: &str, spaced: bool) -> Error {
    let sep = if spaced { " " } else { "" };
    Error::value(format!(
        "Invalid norm value {norm}; should be \"backward\",{sep}\"ortho\" or \"forward\"."
    ))
}

/// NumPy's `_swap_direction`: the norm an inverse transform applies as a forward one.
fn swap(norm: Option<&str>) -> Result<Option<&'static str>> {
    match norm {
        None | Some("backward") => Ok(Some("forward")),
        Some("ortho") => Ok(Some("ortho")),
        Some("forward") => Ok(Some("backward")),
        Some(s) => Err(norm_error(s, true)),
    }
}

/// The factor of a forward-direction norm name (NumPy's `_raw_fft`).
fn factor_of(norm: Option<&str>) -> Result<Factor> {
    match norm {
        None | Some("backward") => Ok(Factor::One),
        Some("ortho") => Ok(Factor::Ortho),
        Some("forward") => Ok(Factor::Inv),
        Some(s) => Err(norm_error(s, false)),
    }
}

/// The factor's value as NumPy computes it: `reciprocal(sqrt(n, dtype=real))` or
/// `reciprocal(n, dtype=real)`, each step rounded to the input's real type (float16 too),
/// so that the transform multiplies by the same number pocketfft does.
fn factor_value(f: Factor, n: usize, real: DType) -> f64 {
    match (f, real) {
        (Factor::One, _) => 1.0,
        (Factor::Ortho, DType::F16) => {
            let s = f16::from_f32(f16::from_f64(n as f64).to_f32().sqrt());
            f16::from_f32(1.0 / s.to_f32()).to_f64()
        }
        (Factor::Inv, DType::F16) => f16::from_f32(1.0 / f16::from_f64(n as f64).to_f32()).to_f64(),
        (Factor::Ortho, DType::F32) => (1.0f32 / (n as f32).sqrt()) as f64,
        (Factor::Inv, DType::F32) => (1.0f32 / n as f32) as f64,
        (Factor::Ortho, _) => 1.0 / (n as f64).sqrt(),
        (Factor::Inv, _) => 1.0 / n as f64,
    }
}

/// `result_type(a.real.dtype, 1.0)`: the precision of the transform and of a real result.
fn real_type(d: DType) -> DType {
    match d {
        DType::F16 => DType::F16,
        DType::F32 | DType::C64 => DType::F32,
        _ => DType::F64,
    }
}

/// NumPy's gufunc name for the transform, as its errors say it.
fn ufunc_name(which: Which, n: usize) -> &'static str {
    match which {
        Which::Fft => "fft",
        Which::Ifft => "ifft",
        Which::Rfft | Which::Ihfft if n % 2 == 0 => "rfft_n_even",
        Which::Rfft | Which::Ihfft => "rfft_n_odd",
        Which::Irfft | Which::Hfft => "irfft",
    }
}

fn tuple_str(shape: &[usize]) -> String {
    let parts: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
    format!("({})", parts.join(","))
}

/// `numpy.fft.<which>(a, n, axis, norm, out)` (`hfft` takes no `out`: NumPy's ignores it).
/// `n` is `None` for the default length; `norm` is the user's value as a string (`None` for
/// Python's None).
pub fn fft1(
    a: &Array,
    n: Option<i64>,
    axis: isize,
    which: Which,
    norm: Option<&str>,
    out: Option<&Array>,
) -> Result<Array> {
    let nd = a.ndim();
    let n = match n {
        Some(n) => n,
        None => {
            // `a.shape[axis]`: Python's tuple indexing, before the axis is checked as one.
            if axis < -(nd as isize) || axis >= nd as isize {
                return Err(Error::index("tuple index out of range"));
            }
            let len = a.shape()[axis.rem_euclid(nd as isize) as usize] as i64;
            match which {
                Which::Irfft | Which::Hfft => (len - 1) * 2,
                _ => len,
            }
        }
    };
    // hfft and ihfft swap the norm's direction before anything else is checked.
    let norm = match which {
        Which::Hfft | Which::Ihfft => swap(norm)?,
        _ => norm,
    };
    if n < 1 {
        return Err(Error::value(format!(
            "Invalid number of FFT data points ({n}) specified."
        )));
    }
    let factor = match which {
        Which::Fft | Which::Rfft | Which::Ihfft => factor_of(norm)?,
        Which::Ifft | Which::Irfft | Which::Hfft => factor_of(swap(norm)?)?,
    };
    let n = usize::try_from(n).map_err(|_| Error::Memory("array is too big".into()))?;
    let axis = crate::layout::normalize_axis(axis, nd)?;
    let kind = which.kind();
    let n_out = if kind == Kind::R2C { n / 2 + 1 } else { n };
    if let Some(o) = out {
        if o.ndim() != nd || o.shape()[axis] != n_out {
            return Err(Error::value("output array has wrong shape."));
        }
        o.check_writeable_as("output array is read-only")?;
    }
    let real = real_type(a.dtype());
    let single = real != DType::F64;
    let name = ufunc_name(which, n);
    if kind == Kind::R2C && a.dtype().is_complex() {
        return Err(Error::type_(format!(
            "ufunc '{name}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"
        )));
    }
    // The loop's output type, and the result's (float16 results are computed in single).
    let loop_out = match (kind, single) {
        (Kind::C2R, true) => DType::F32,
        (Kind::C2R, false) => DType::F64,
        (_, true) => DType::C64,
        (_, false) => DType::C128,
    };
    let result = if kind == Kind::C2R { real } else { loop_out };
    if let Some(o) = out {
        if !loop_out.can_cast_same_kind(o.dtype()) {
            return Err(Error::type_(format!(
                "Cannot cast ufunc '{name}' output from dtype('{loop_out}') to dtype('{}') with casting rule 'same_kind'",
                o.dtype()
            )));
        }
        let fits = (0..nd).all(|k| k == axis || a.shape()[k] == o.shape()[k] || a.shape()[k] == 1);
        if !fits {
            let loop_dims = |s: &[usize]| -> Vec<String> {
                (0..nd)
                    .filter(|&k| k != axis)
                    .map(|k| s[k].to_string())
                    .collect()
            };
            let mut ar = loop_dims(a.shape());
            ar.push("newaxis".into());
            let mut or = loop_dims(o.shape());
            or.push(n_out.to_string());
            return Err(Error::value(format!(
                "operands could not be broadcast together with remapped shapes [original->remapped]: {}->({}) ()->() {}->({})  and requested shape ({n_out})",
                tuple_str(a.shape()),
                ar.join(","),
                tuple_str(o.shape()),
                or.join(","),
            )));
        }
    }

    // The source in a type the loops read: T or Complex<T> of the loop's precision.
    let (src_type, src_complex) = match (kind, a.dtype().is_complex(), single) {
        (Kind::C2R, _, true) => (DType::C64, true),
        (Kind::C2R, _, false) => (DType::C128, true),
        (_, true, true) => (DType::C64, true),
        (_, true, false) => (DType::C128, true),
        (_, false, true) => (DType::F32, false),
        (_, false, false) => (DType::F64, false),
    };
    let src = if a.dtype() == src_type {
        a.clone()
    } else {
        a.astype(src_type)?
    };
    let mut shape = a.shape().to_vec();
    shape[axis] = n_out;
    let src = match out {
        Some(o) if o.shape() != shape.as_slice() => {
            let mut bshape = o.shape().to_vec();
            bshape[axis] = a.shape()[axis];
            src.broadcast_to(&bshape)?
        }
        _ => src,
    };
    let len_in = a.shape()[axis];
    let take = match kind {
        Kind::C2R => len_in.min(n / 2 + 1),
        _ => len_in.min(n),
    };
    let job = Spec {
        kind,
        forward: which != Which::Ifft,
        n,
        take,
        fct: factor_value(factor, n, real),
        conj: matches!(which, Which::Hfft | Which::Ihfft),
    };

    match out {
        Some(o) => {
            let in_place =
                o.dtype() == loop_out && kind == Kind::C2C && take == n && same_memory(o, &src);
            if in_place || (o.dtype() == loop_out && !overlap::may_share_memory(o, &src)) {
                job.run(&src, src_complex, o, axis, single);
            } else {
                let tmp = Array::uninit(o.shape(), loop_out)?;
                job.run(&src, src_complex, &tmp, axis, single);
                o.assign_cast(&tmp, "cast")?;
            }
            Ok(o.clone())
        }
        None => {
            let r = result_like(a, &shape, result)?;
            if result == loop_out {
                job.run(&src, src_complex, &r, axis, single);
            } else {
                let tmp = result_like(a, &shape, loop_out)?;
                job.run(&src, src_complex, &tmp, axis, single);
                r.assign_cast(&tmp, "cast")?;
            }
            Ok(r)
        }
    }
}

/// `fftfreq(n, d)` (`real_only` false) or `rfftfreq(n, d)` for a float `val = 1 / (n * d)`:
/// the integer frequencies times `val`, in float64, as NumPy's int64-array-times-float.
pub fn frequencies(n: usize, val: f64, real_only: bool) -> Result<Array> {
    let ks: Vec<f64> = if real_only {
        (0..n / 2 + 1).map(|k| k as f64 * val).collect()
    } else {
        let half = (n as i64 - 1).div_euclid(2) + 1;
        (0..half)
            .chain(-(n as i64 / 2)..0)
            .map(|k| k as f64 * val)
            .collect()
    };
    let len = ks.len();
    Array::from_vec(ks, &[len])
}

/// A new array of `shape` laid out as NumPy's `empty_like(a, shape=shape)` (order 'K'): C
/// for a C-contiguous or 1-d `a`, Fortran for a Fortran one, else `a`'s axes in order of
/// decreasing stride magnitude.
fn result_like(a: &Array, shape: &[usize], dtype: DType) -> Result<Array> {
    if a.is_c_contiguous() || a.ndim() <= 1 {
        return Array::uninit(shape, dtype);
    }
    if a.is_f_contiguous() {
        return Array::uninit_order(shape, dtype, Order::F);
    }
    let mut perm: Vec<usize> = (0..a.ndim()).collect();
    perm.sort_by_key(|&k| std::cmp::Reverse(a.strides()[k].unsigned_abs()));
    let c = Array::uninit(shape, dtype)?;
    let mut layout = c.layout().clone();
    let mut s = 1isize;
    for &k in perm.iter().rev() {
        layout.strides[k] = s;
        s *= shape[k] as isize;
    }
    Ok(Array::from_parts(
        c.buffer().clone(),
        layout,
        dtype,
        true,
        false,
    ))
}

/// Whether `a` and `b` are the same elements: same buffer, layout and item size.
fn same_memory(a: &Array, b: &Array) -> bool {
    std::ptr::eq(a.buffer().as_ptr(), b.buffer().as_ptr())
        && a.itemsize() == b.itemsize()
        && a.layout() == b.layout()
}

/// A transform resolved to what the lanes compute.
struct Spec {
    kind: Kind,
    forward: bool,
    n: usize,
    take: usize,
    fct: f64,
    conj: bool,
}

impl Spec {
    fn run(&self, src: &Array, src_complex: bool, dst: &Array, axis: usize, single: bool) {
        if dst.size() == 0 {
            return;
        }
        if single {
            self.run_t::<f32>(src, src_complex, dst, axis)
        } else {
            self.run_t::<f64>(src, src_complex, dst, axis)
        }
    }

    fn run_t<T: Float>(&self, src: &Array, src_complex: bool, dst: &Array, axis: usize) {
        let op = match self.kind {
            // A real input takes the real transform (half the work), mirrored.
            Kind::C2C if !src_complex => {
                Op::R2CFull(plan::real_forward::<T>(self.n), !self.forward)
            }
            Kind::C2C => Op::C2C(plan::complex::<T>(self.n, self.forward)),
            Kind::R2C => Op::R2C(plan::real_forward::<T>(self.n)),
            Kind::C2R => Op::C2R(plan::real_inverse::<T>(self.n)),
        };
        let job = Job {
            op,
            n: self.n,
            take: self.take,
            fct: T::of(self.fct),
            conj: self.conj,
        };
        lanes::run(&job, src, src_complex, dst, axis);
    }
}
