//! `pad` with the modes 'constant', 'edge', 'wrap', 'reflect', 'symmetric' (even and odd
//! reflection), 'linear_ramp', 'maximum', 'minimum', 'mean', 'median' and 'empty'. Like
//! NumPy, the axes are padded one after the other, each over the extent the earlier axes
//! already padded, so a corner takes the value of the last axis padded.

use super::slice_axis;
use crate::array::{Array, Order};
use crate::dtype::{promote, DType, Scalar, Wide};
use crate::error::{Error, Result};
use crate::layout::{shape_str_sep, Dims};
use crate::ops::reduce::{reduce, Fold, ReduceSpec};
use crate::ops::ufunc::{self, BinaryOp, Operand, UnaryOp};

/// How `pad` fills.
#[derive(Clone)]
pub enum PadMode {
    /// Per axis, the (before, after) values, already of the input's dtype.
    Constant(Vec<(Wide, Wide)>),
    Edge,
    Wrap,
    Reflect,
    Symmetric,
    /// `reflect_type='odd'`: the reflected values mirrored about the edge (`2 * edge - x`);
    /// true for 'symmetric' (the edge repeated), false for 'reflect'.
    Odd {
        include_edge: bool,
    },
    /// Per axis, the (before, after) values the ramps start from.
    LinearRamp(Vec<(RampEnd, RampEnd)>),
    /// The statistic of (up to) the given number of values nearest each side; `None`: all.
    Stat(Stat, Vec<(Option<usize>, Option<usize>)>),
    /// The padding is left as allocated.
    Empty,
}

/// `mode='maximum'`, `'minimum'`, `'mean'`, `'median'`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stat {
    Maximum,
    Minimum,
    Mean,
    Median,
}

/// A `linear_ramp` end value as NumPy's `_as_pairs` hands it to `linspace`: a Python scalar
/// (weak, when `end_values` had to be broadcast) or a NumPy scalar of the array's dtype.
#[derive(Clone)]
pub enum RampEnd {
    Weak(Scalar),
    Strong(Array),
}

impl RampEnd {
    /// `linspace`'s computation type with this start and a stop of dtype `t`: their result
    /// type, made inexact.
    fn compute_dtype(&self, t: DType) -> DType {
        let d = match self {
            RampEnd::Weak(Scalar::Bool(_)) => promote(DType::Bool, t),
            RampEnd::Weak(s) => s.weak_dtype(t),
            RampEnd::Strong(a) => promote(a.dtype(), t),
        };
        if d.is_inexact() {
            d
        } else {
            DType::F64
        }
    }

    fn as_array(&self, dt: DType) -> Result<Array> {
        match self {
            RampEnd::Weak(s) => Array::from_scalar(s.to_wide(), dt),
            RampEnd::Strong(a) => a.astype(dt),
        }
    }
}

/// NumPy's `_as_pairs` on an argument with `len` elements (C order) and shape `shape`: one
/// value for all, one (before, after) pair for all, or anything that broadcasts to
/// `(ndim, 2)`. Gives, per axis, the positions of its (before, after) values in the argument.
pub fn pair_positions(len: usize, shape: &[usize], ndim: usize) -> Result<Vec<(usize, usize)>> {
    if shape.len() < 3 && len == 1 {
        return Ok(vec![(0, 0); ndim]);
    }
    if shape.len() < 3 && len == 2 && shape != [2, 1] {
        return Ok(vec![(0, 1); ndim]);
    }
    let target = [ndim, 2];
    let pad = 2usize.saturating_sub(shape.len());
    let fits = shape.len() <= 2
        && shape
            .iter()
            .enumerate()
            .all(|(k, &d)| d == 1 || d == target[pad + k]);
    if !fits {
        return Err(Error::value(format!(
            "operands could not be broadcast together with remapped shapes [original->remapped]: {}  and requested shape {}",
            shape_str_sep(shape, ","),
            shape_str_sep(&target, ",")
        )));
    }
    let full: Vec<usize> = std::iter::repeat_n(1, pad)
        .chain(shape.iter().copied())
        .collect();
    let at = |i: usize, j: usize| {
        let (r, c) = (
            if full[0] == 1 { 0 } else { i },
            if full[1] == 1 { 0 } else { j },
        );
        r * full[1] + c
    };
    Ok((0..ndim).map(|i| (at(i, 0), at(i, 1))).collect())
}

/// `pad_width` as pairs per axis (`_as_pairs(..., as_index=True)`): no negative values.
pub fn pad_widths(values: &[isize], shape: &[usize], ndim: usize) -> Result<Vec<(usize, usize)>> {
    // NumPy checks the sign of every value given, before broadcasting.
    let pos = |ps: Vec<(usize, usize)>| ps.into_iter().map(|(b, e)| (values[b], values[e]));
    if values.iter().any(|&v| v < 0) {
        return Err(Error::value("index can't contain negative values"));
    }
    Ok(pos(pair_positions(values.len(), shape, ndim)?)
        .map(|(b, e)| (b as usize, e as usize))
        .collect())
}

/// The position in `0..n` that output offset `t` (relative to the array's start along the
/// axis, negative before it) copies in a non-constant mode.
fn source(mode: &PadMode, t: isize, n: isize) -> isize {
    match mode {
        // Odd reflection reaches here only for a singleton axis, extended with its value.
        PadMode::Edge | PadMode::Odd { .. } => t.clamp(0, n - 1),
        PadMode::Wrap => t.rem_euclid(n),
        PadMode::Symmetric => {
            let u = t.rem_euclid(2 * n);
            if u < n {
                u
            } else {
                2 * n - 1 - u
            }
        }
        PadMode::Reflect if n == 1 => 0,
        PadMode::Reflect => {
            let p = 2 * (n - 1);
            let u = t.rem_euclid(p);
            if u < n {
                u
            } else {
                p - u
            }
        }
        _ => t,
    }
}

/// Odd reflection along axis `k` of the view `r`, as NumPy fills it: chunks of at most the
/// reflected extent so far (a multiple of the original period), each `2 * edge - x` of the
/// values mirrored about the current edge, until both widths are filled. The arithmetic is
/// the array's own (a weak 2, as NumPy's Python int), cast back on assignment.
fn pad_odd(
    r: &Array,
    k: usize,
    (mut left, mut right): (usize, usize),
    n: usize,
    include_edge: bool,
) -> Result<()> {
    let len = r.shape()[k];
    let reversed = |a: Array| super::transform::flip(&a, Some(&[k as isize]));
    let mirrored = |edge: Array, src: Array| -> Result<Array> {
        let twice = ufunc::binary(
            BinaryOp::Multiply,
            Operand::Scalar(Scalar::Int(2)),
            Operand::Array(&edge),
            None,
        )?;
        ufunc::binary(
            BinaryOp::Subtract,
            Operand::Array(&twice),
            Operand::Array(&src),
            None,
        )
    };
    while left > 0 || right > 0 {
        let filled = len - left - right;
        let (extent, edge_off) = if include_edge {
            (filled / n * n, 1)
        } else {
            ((filled - 1) / (n - 1) * (n - 1), 0)
        };
        if left > 0 {
            let chunk = extent.min(left);
            let src = reversed(slice_axis(r, k, left - edge_off + 1, chunk))?;
            let v = mirrored(slice_axis(r, k, left, 1), src)?;
            slice_axis(r, k, left - chunk, chunk).assign(&v)?;
            left -= chunk;
        }
        if right > 0 {
            let chunk = extent.min(right);
            let last = len - right + edge_off - 2;
            let src = reversed(slice_axis(r, k, last + 1 - chunk, chunk))?;
            let v = mirrored(slice_axis(r, k, len - right - 1, 1), src)?;
            slice_axis(r, k, len - right, chunk).assign(&v)?;
            right -= chunk;
        }
    }
    Ok(())
}

/// The view of `out` in which axis `k` is padded: the earlier axes over their padded extent,
/// the later ones over the original area only (NumPy's `_view_roi`).
fn roi(out: &Array, widths: &[(usize, usize)], orig: &[usize], k: usize) -> Array {
    let mut r = out.clone();
    for j in k + 1..orig.len() {
        r = slice_axis(&r, j, widths[j].0, orig[j]);
    }
    r
}

/// `linspace(start, edge, width, endpoint=False, dtype=t)` along axis `k` of `edge` (length
/// 1 there), as NumPy computes it: in `start`'s and `t`'s inexact result type, `i * step`
/// unless some step is 0 (then `i / width * delta`), floored for an integer `t`.
fn ramp(start: &RampEnd, edge: &Array, width: usize, k: usize, t: DType) -> Result<Array> {
    let dt = start.compute_dtype(t);
    let s = start.as_array(dt)?;
    let e = edge.astype(dt)?;
    let delta = ufunc::binary(
        BinaryOp::Subtract,
        Operand::Array(&e),
        Operand::Array(&s),
        None,
    )?;
    let mut ishape: Vec<isize> = vec![1; edge.ndim()];
    ishape[k] = width as isize;
    let i = Array::from_vec((0..width).map(|v| v as f64).collect::<Vec<f64>>(), &[width])?
        .astype(dt)?
        .reshape(&ishape)?;
    let mul = |x: &Array, y: &Array| {
        ufunc::binary(
            BinaryOp::Multiply,
            Operand::Array(x),
            Operand::Array(y),
            None,
        )
    };
    let y = if width == 0 {
        // No division then (NumPy's step is NaN, unused).
        mul(&i, &delta)?
    } else {
        let div = Array::from_scalar(Wide::F(width as f64), dt)?;
        let step = ufunc::binary(
            BinaryOp::TrueDivide,
            Operand::Array(&delta),
            Operand::Array(&div),
            None,
        )?;
        let zero = Array::from_scalar(Wide::F(0.0), dt)?;
        let is_zero = ufunc::binary(
            BinaryOp::Equal,
            Operand::Array(&step),
            Operand::Array(&zero),
            None,
        )?;
        let any_zero = is_zero.to_vec::<bool>().into_iter().any(|z| z);
        if any_zero {
            let q = ufunc::binary(
                BinaryOp::TrueDivide,
                Operand::Array(&i),
                Operand::Array(&div),
                None,
            )?;
            mul(&q, &delta)?
        } else {
            mul(&i, &step)?
        }
    };
    let y = ufunc::binary(BinaryOp::Add, Operand::Array(&y), Operand::Array(&s), None)?;
    if t.is_integer() {
        ufunc::unary(UnaryOp::Floor, &y, None)
    } else {
        Ok(y)
    }
}

/// The statistic of `chunk` along axis `k` (kept, length 1), rounded to even for an integer
/// `t` as NumPy's `_round_if_needed`.
fn stat_of(chunk: &Array, stat: Stat, k: usize, t: DType) -> Result<Array> {
    let axes = [k as isize];
    let spec = ReduceSpec {
        axes: Some(&axes),
        keepdims: true,
        ..Default::default()
    };
    let r = match stat {
        Stat::Maximum => reduce(chunk, Fold::Max, &spec)?,
        Stat::Minimum => reduce(chunk, Fold::Min, &spec)?,
        Stat::Mean => crate::ops::stats::mean(chunk, &spec)?,
        Stat::Median => crate::ops::quantile::median(chunk, Some(&axes), true, false)?,
    };
    if t.is_integer() && r.dtype().is_inexact() {
        ufunc::unary(UnaryOp::Rint, &r, Some(&r))?;
    }
    Ok(r)
}

/// Pads axis `k` of `r` (its region of interest) in mode 'linear_ramp' or a statistic's.
fn pad_axis_computed(
    r: &Array,
    k: usize,
    (b, e): (usize, usize),
    n: usize,
    mode: &PadMode,
) -> Result<()> {
    let t = r.dtype();
    match mode {
        PadMode::LinearRamp(ends) => {
            let (sb, se) = &ends[k];
            // NumPy computes both ramps, even an empty one (whose errors it raises too).
            let y = ramp(sb, &slice_axis(r, k, b, 1), b, k, t)?;
            slice_axis(r, k, 0, b).assign_cast(&y, "cast")?;
            {
                let y = ramp(se, &slice_axis(r, k, b + n - 1, 1), e, k, t)?;
                // The right ramp runs from the edge outwards: reversed along the axis.
                let mut l = y.layout().clone();
                if e > 1 {
                    l.offset = (l.offset as isize + (e as isize - 1) * l.strides[k]) as usize;
                }
                l.strides[k] = -l.strides[k];
                slice_axis(r, k, b + n, e).assign_cast(&y.with_layout(l), "cast")?;
            }
        }
        PadMode::Stat(stat, lengths) => {
            let (lb, le) = lengths[k];
            let ll = lb.map_or(n, |v| v.min(n));
            let rl = le.map_or(n, |v| v.min(n));
            if (ll == 0 || rl == 0) && matches!(stat, Stat::Maximum | Stat::Minimum) {
                return Err(Error::value("stat_length of 0 yields no value for padding"));
            }
            let left = stat_of(&slice_axis(r, k, b, ll), *stat, k, t)?;
            let right = if ll == n && rl == n {
                left.clone()
            } else {
                stat_of(&slice_axis(r, k, b + n - rl, rl), *stat, k, t)?
            };
            // NumPy assigns even an empty side (its slices are `[:0]` and `[len:]`).
            slice_axis(r, k, 0, b).assign_cast(&left, "cast")?;
            slice_axis(r, k, b + n, e).assign_cast(&right, "cast")?;
        }
        _ => {}
    }
    Ok(())
}

/// NumPy's `pad(array, pad_width, mode)` with `widths` from `pad_widths`.
pub fn pad(a: &Array, widths: &[(usize, usize)], mode: &PadMode) -> Result<Array> {
    let nd = a.ndim();
    if widths.len() != nd {
        return Err(Error::value("pad widths must give a pair per axis"));
    }
    let mut shape: Dims = Dims::new();
    for (k, &(b, e)) in widths.iter().enumerate() {
        let n = a.shape()[k];
        if n == 0 && (b > 0 || e > 0) && !matches!(mode, PadMode::Constant(_) | PadMode::Empty) {
            return Err(Error::value(format!(
                "can't extend empty axis {k} using modes other than 'constant' or 'empty'"
            )));
        }
        shape.push(
            n.checked_add(b)
                .and_then(|s| s.checked_add(e))
                .ok_or_else(|| Error::value("array is too big"))?,
        );
    }
    // NumPy's result is Fortran-ordered for a Fortran (and not C) contiguous input.
    let order = if a.is_f_contiguous() && !a.is_c_contiguous() {
        Order::F
    } else {
        Order::C
    };
    let out = Array::uninit_order(&shape, a.dtype(), order)?;
    let mut center = out.clone();
    for (k, &(b, _)) in widths.iter().enumerate() {
        center = slice_axis(&center, k, b, a.shape()[k]);
    }
    if center.size() > 0 {
        center.assign(a)?;
    }
    if out.size() == 0 || matches!(mode, PadMode::Empty) {
        return Ok(out);
    }
    for (k, &(b, e)) in widths.iter().enumerate() {
        let n = a.shape()[k];
        match mode {
            PadMode::LinearRamp(_) | PadMode::Stat(..) => {
                pad_axis_computed(&roi(&out, widths, a.shape(), k), k, (b, e), n, mode)?;
            }
            // A singleton axis is extended with its one value, as NumPy's legacy rule says.
            PadMode::Odd { include_edge } if n > 1 => {
                pad_odd(
                    &roi(&out, widths, a.shape(), k),
                    k,
                    (b, e),
                    n,
                    *include_edge,
                )?;
            }
            PadMode::Constant(values) => {
                let (vb, ve) = values.get(k).copied().unwrap_or((Wide::I(0), Wide::I(0)));
                for (start, len, v) in [(0, b, vb), (b + n, e, ve)] {
                    if len > 0 {
                        slice_axis(&out, k, start, len).fill(v)?;
                    }
                }
            }
            _ => {
                // Slice by slice: each pad position copies one position of the padded array's
                // original extent along this axis (which earlier axes have already padded).
                for p in (0..b).chain(b + n..b + n + e) {
                    let s = source(mode, p as isize - b as isize, n as isize) as usize + b;
                    slice_axis(&out, k, p, 1).assign(&slice_axis(&out, k, s, 1))?;
                }
            }
        }
    }
    Ok(out)
}
