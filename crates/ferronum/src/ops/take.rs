//! NumPy's index functions on top of advanced indexing: `take`, `compress`, `extract`, `put`,
//! `putmask`, `place`, `take_along_axis`, `put_along_axis`, `argwhere`, `flatnonzero`,
//! `unravel_index`, `ravel_multi_index`. Each is the gather or scatter NumPy defines it by,
//! with NumPy's argument checks and messages.

use crate::array::{Array, IndexItem, Order};
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::layout::normalize_axis;
use crate::ops::indexing::{self, Key};

/// What `take`/`put`/`choose` do with an index outside the axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Raise,
    Wrap,
    Clip,
}

impl Mode {
    pub fn parse(s: &str) -> Result<Mode> {
        match s {
            "raise" => Ok(Mode::Raise),
            "wrap" => Ok(Mode::Wrap),
            "clip" => Ok(Mode::Clip),
            _ => Err(Error::value(format!(
                "clipmode must be one of 'clip', 'raise', or 'wrap' (got '{s}')"
            ))),
        }
    }
}

const FULL: Key = Key::Basic(IndexItem::Slice {
    start: None,
    stop: None,
    step: None,
});

/// How an index argument becomes int64: NumPy casts an array argument by a casting rule
/// (`take` 'same_kind', `put` 'safe'), and converts a Python sequence element by element with
/// `int()` (so `[1.5]` is `[1]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IndexCast {
    Safe,
    SameKind,
    Truncate,
}

/// The index array as int64, or NumPy's error for one that does not convert by `how`.
pub fn cast_indices(ind: &Array, how: IndexCast) -> Result<Array> {
    let dt = ind.dtype();
    if dt == DType::I64 {
        return Ok(ind.clone());
    }
    let (ok, rule) = match how {
        IndexCast::Safe => (dt.can_cast_safe(DType::I64), "safe"),
        IndexCast::SameKind => (dt.can_cast_same_kind(DType::I64), "same_kind"),
        IndexCast::Truncate if dt.is_complex() => return Err(Error::type_(
            "int() argument must be a string, a bytes-like object or a real number, not 'complex'",
        )),
        IndexCast::Truncate => {
            if dt.is_float() {
                let v = ind.astype(DType::F64)?.to_vec::<f64>();
                if v.iter().any(|x| x.is_nan()) {
                    return Err(Error::value("cannot convert float NaN to integer"));
                }
                if v.iter().any(|x| x.is_infinite()) {
                    return Err(Error::Overflow(
                        "cannot convert float infinity to integer".into(),
                    ));
                }
            }
            (true, "unsafe")
        }
    };
    if !ok {
        return Err(Error::type_(format!(
            "Cannot cast array data from dtype('{}') to dtype('int64') according to the rule '{rule}'",
            dt.name()
        )));
    }
    ind.astype(DType::I64)
}

/// Indices into an axis of length `n` by `mode` (`raise` leaves them to the gather's check).
fn apply_mode(ind: &Array, n: usize, mode: Mode, how: IndexCast) -> Result<Array> {
    let idx = cast_indices(ind, how)?;
    if mode == Mode::Raise {
        return Ok(idx);
    }
    let n = n as i64;
    let v: Vec<i64> = idx
        .to_vec::<i64>()
        .into_iter()
        .map(|i| match mode {
            Mode::Wrap => i.rem_euclid(n.max(1)),
            _ => i.clamp(0, (n - 1).max(0)),
        })
        .collect();
    Array::from_vec(v, idx.shape())
}

/// `take(a, indices, axis, mode)`: `a[..., indices, ...]` along `axis` (of the flattened array
/// when `None`).
pub fn take(a: &Array, ind: &Array, axis: Option<isize>, mode: Mode) -> Result<Array> {
    let (src, ax) = match axis {
        None => (a.ravel()?, 0),
        // NumPy reads a 0-d array as 1-d here (`PyArray_CheckAxis`).
        Some(ax) if a.ndim() == 0 => (a.reshape(&[1])?, normalize_axis(ax, 1)?),
        Some(ax) => (a.clone(), normalize_axis(ax, a.ndim())?),
    };
    let n = src.shape()[ax];
    let outer: usize = src.shape()[..ax].iter().product();
    let inner: usize = src.shape()[ax + 1..].iter().product();
    if n == 0 && outer * inner * ind.size() != 0 {
        cast_indices(ind, IndexCast::SameKind)?;
        return Err(Error::index(
            "cannot do a non-empty take from an empty axes.",
        ));
    }
    if outer == 0 || (n == 0 && mode != Mode::Raise) {
        // NumPy checks an index only when it copies through it, so an empty result is never
        // checked (and its 'wrap' loop would not end on an empty axis): the empty result.
        cast_indices(ind, IndexCast::SameKind)?;
        let shape: Vec<usize> = [&src.shape()[..ax], ind.shape(), &src.shape()[ax + 1..]].concat();
        return Array::zeros(&shape, src.dtype());
    }
    let idx = apply_mode(ind, n, mode, IndexCast::SameKind)?;
    let mut keys: Vec<Key> = vec![FULL; ax];
    keys.push(Key::Ints(idx));
    // A 0-d index is an integer: a view, which `take` copies as NumPy does.
    let r = indexing::get(&src, &keys)?;
    if r.may_share_memory(&src) {
        r.copy(Order::C)
    } else {
        Ok(r)
    }
}

/// `compress(condition, a, axis)`: the slices of `a` along `axis` where the 1-d `condition` is
/// true (a shorter condition covers the first slices only).
pub fn compress(cond: &Array, a: &Array, axis: Option<isize>) -> Result<Array> {
    if cond.ndim() != 1 {
        return Err(Error::value("condition must be a 1-d array"));
    }
    let pos = indexing::nonzero(cond)?.remove(0);
    take(a, &pos, axis, Mode::Raise)
}

/// `extract(condition, arr)`: the elements of `arr` where `condition` (same size) is true.
pub fn extract(cond: &Array, a: &Array) -> Result<Array> {
    let pos = indexing::nonzero(&cond.ravel()?)?.remove(0);
    take(&a.ravel()?, &pos, Some(0), Mode::Raise)
}

/// `flatnonzero(a)`: the positions of the non-zero elements of the flattened array.
pub fn flatnonzero(a: &Array) -> Result<Array> {
    Ok(indexing::nonzero(&a.ravel()?)?.remove(0))
}

/// `argwhere(a)`: the coordinates of the non-zero elements, one row each (`(N, a.ndim)`).
pub fn argwhere(a: &Array) -> Result<Array> {
    if a.ndim() == 0 {
        let n = usize::from(indexing::true_positions(a)?.len() == 1);
        return Array::zeros(&[n, 0], DType::I64);
    }
    let coords = indexing::nonzero(a)?;
    let (n, nd) = (coords[0].size(), coords.len());
    let cols: Vec<Vec<i64>> = coords.iter().map(|c| c.to_vec::<i64>()).collect();
    let mut out = vec![0i64; n * nd];
    for (k, c) in cols.iter().enumerate() {
        for (i, &v) in c.iter().enumerate() {
            out[i * nd + k] = v;
        }
    }
    Array::from_vec(out, &[n, nd])
}

/// The flat (C-order) positions of `a` selected by `ind` under `mode`, checked in range.
fn flat_positions(a: &Array, ind: &Array, mode: Mode) -> Result<Vec<i64>> {
    let n = a.size();
    let idx = apply_mode(ind, n, mode, IndexCast::Safe)?;
    let v = idx.to_vec::<i64>();
    for &i in &v {
        if i < -(n as i64) || i >= n as i64 {
            return Err(Error::index(format!(
                "index {i} is out of bounds for axis 0 with size {n}"
            )));
        }
    }
    Ok(v.into_iter()
        .map(|i| if i < 0 { i + n as i64 } else { i })
        .collect())
}

/// Writes `vals` (cycled: element `k % len`) at flat positions `pos` of `a`, in order.
fn write_cycled(a: &Array, pos: &[i64], vals: &Array) -> Result<()> {
    let len = vals.size().max(1) as i64;
    let picks: Vec<i64> = (0..pos.len() as i64).map(|k| k % len).collect();
    write_picks(a, pos, vals, picks)
}

/// `a.flat[pos[k]] = vals.flat[picks[k]]` for every k, in order (a repeated position keeps
/// the last write, as NumPy's loops do).
fn write_picks(a: &Array, pos: &[i64], vals: &Array, picks: Vec<i64>) -> Result<()> {
    if pos.is_empty() || vals.size() == 0 {
        return Ok(());
    }
    let n = picks.len();
    let src = indexing::get(
        &vals.astype(a.dtype())?.ravel()?,
        &[Key::Ints(Array::from_vec(picks, &[n])?)],
    )?;
    if a.ndim() == 0 {
        // Every position is the one element: the last write is the one that stays.
        let last = Key::Basic(IndexItem::Int(n as isize - 1));
        return a.assign(&indexing::get(&src, &[last])?);
    }
    let keys: Vec<Key> = unravel(pos, a.shape())?
        .into_iter()
        .map(Key::Ints)
        .collect();
    indexing::set(a, &keys, &src)
}

/// `put(a, ind, v, mode)`: `a.flat[ind] = v`, `v` repeated as needed.
pub fn put(a: &Array, ind: &Array, vals: &Array, mode: Mode) -> Result<()> {
    a.check_writeable_as("put: output array is read-only")?;
    // NumPy's order of checks: an empty target first, then nothing to write, then the indices.
    if a.size() == 0 && ind.size() > 0 {
        return Err(Error::index("cannot replace elements of an empty array"));
    }
    if vals.size() == 0 {
        return Ok(());
    }
    let pos = flat_positions(a, ind, mode)?;
    write_cycled(a, &pos, vals)
}

/// `putmask(a, mask, values)`: `a.flat[n] = values[n % len]` where `mask.flat[n]`.
pub fn putmask(a: &Array, mask: &Array, vals: &Array) -> Result<()> {
    a.check_writeable_as("putmask: output array is read-only")?;
    if mask.size() != a.size() {
        return Err(Error::value("putmask: mask and data must be the same size"));
    }
    let pos: Vec<i64> = indexing::true_positions(mask)?
        .into_iter()
        .map(|p| p as i64)
        .collect();
    let len = vals.size().max(1) as i64;
    let picks: Vec<i64> = pos.iter().map(|&p| p % len).collect();
    write_picks(a, &pos, vals, picks)
}

/// `place(arr, mask, vals)`: the k-th true position of `mask` gets `vals[k % len]`.
pub fn place(a: &Array, mask: &Array, vals: &Array) -> Result<()> {
    // NumPy's message (its `place` writes through a WRITEBACKIFCOPY copy).
    a.check_writeable_as("WRITEBACKIFCOPY base is read-only")?;
    if mask.size() != a.size() {
        return Err(Error::value("place: mask and data must be the same size"));
    }
    let pos: Vec<i64> = indexing::true_positions(mask)?
        .into_iter()
        .map(|p| p as i64)
        .collect();
    if !pos.is_empty() && vals.size() == 0 {
        return Err(Error::value("Cannot insert from an empty array!"));
    }
    write_cycled(a, &pos, vals)
}

/// Coordinates (one int64 array per axis of `shape`) of flat C-order positions.
fn unravel(pos: &[i64], shape: &[usize]) -> Result<Vec<Array>> {
    let mut out = Vec::with_capacity(shape.len());
    for k in 0..shape.len() {
        let inner: i64 = shape[k + 1..].iter().product::<usize>() as i64;
        let d = shape[k] as i64;
        let c: Vec<i64> = pos.iter().map(|&p| (p / inner.max(1)) % d.max(1)).collect();
        out.push(Array::from_vec(c, &[pos.len()])?);
    }
    Ok(out)
}

/// The open-grid index `take_along_axis`/`put_along_axis` use: `indices` on `axis`, and on
/// every other axis a range shaped to broadcast along its own dimension.
fn along_axis_keys(arr: &Array, ind: &Array, axis: usize) -> Result<Vec<Key>> {
    if !ind.dtype().is_integer() {
        return Err(Error::index("`indices` must be an integer array"));
    }
    if ind.ndim() != arr.ndim() {
        return Err(Error::value(
            "`indices` and `arr` must have the same number of dimensions",
        ));
    }
    let nd = arr.ndim();
    (0..nd)
        .map(|k| {
            if k == axis {
                return Ok(Key::Ints(ind.clone()));
            }
            let n = arr.shape()[k];
            let mut shape = vec![1usize; nd];
            shape[k] = n;
            Ok(Key::Ints(Array::from_vec((0..n as i64).collect(), &shape)?))
        })
        .collect()
}

/// `take_along_axis(arr, indices, axis)` (`axis=None`: of the flattened array, 1-d indices).
pub fn take_along_axis(arr: &Array, ind: &Array, axis: Option<isize>) -> Result<Array> {
    let (src, ax) = match axis {
        None => {
            if ind.ndim() != 1 {
                return Err(Error::value(
                    "when axis=None, `indices` must have a single dimension.",
                ));
            }
            (arr.ravel()?, 0)
        }
        Some(ax) => (arr.clone(), normalize_axis(ax, arr.ndim())?),
    };
    indexing::get(&src, &along_axis_keys(&src, ind, ax)?)
}

/// `put_along_axis(arr, indices, values, axis)`.
pub fn put_along_axis(arr: &Array, ind: &Array, vals: &Array, axis: Option<isize>) -> Result<()> {
    arr.check_writeable()?;
    let (dst, ax) = match axis {
        None => {
            if ind.ndim() != 1 {
                return Err(Error::value(
                    "when axis=None, `indices` must have a single dimension.",
                ));
            }
            let flat = arr.reshape_view(&[-1])?.ok_or_else(|| {
                Error::value("put_along_axis with axis=None needs a contiguous array")
            })?;
            (flat, 0)
        }
        Some(ax) => (arr.clone(), normalize_axis(ax, arr.ndim())?),
    };
    indexing::set(&dst, &along_axis_keys(&dst, ind, ax)?, vals)
}

/// `unravel_index(indices, shape, order)`: one int64 array (of `indices`' shape) per axis.
pub fn unravel_index(ind: &Array, shape: &[usize], order: Order) -> Result<Vec<Array>> {
    if !(ind.dtype().is_integer()) {
        return Err(Error::type_("only int indices permitted"));
    }
    let size: usize = shape.iter().product();
    let v = ind.to_vec::<i64>();
    for &i in &v {
        if i < 0 || i as u64 >= size as u64 {
            return Err(Error::value(format!(
                "index {i} is out of bounds for array with size {size}"
            )));
        }
    }
    let nd = shape.len();
    let mut out: Vec<Vec<i64>> = vec![Vec::with_capacity(v.len()); nd];
    for &i in &v {
        let mut rem = i;
        let axes: Vec<usize> = match order {
            Order::C => (0..nd).rev().collect(),
            Order::F => (0..nd).collect(),
        };
        for k in axes {
            let d = shape[k] as i64;
            out[k].push(rem % d);
            rem /= d;
        }
    }
    out.into_iter()
        .map(|c| Array::from_vec(c, ind.shape()))
        .collect()
}

/// `ravel_multi_index(multi_index, dims, mode, order)`: flat positions of coordinate arrays
/// (broadcast together), each coordinate checked, wrapped or clipped per axis.
pub fn ravel_multi_index(
    coords: &[Array],
    dims: &[usize],
    modes: &[Mode],
    order: Order,
) -> Result<Array> {
    if coords.len() != dims.len() {
        return Err(Error::value(format!(
            "parameter multi_index must be a sequence of length {}",
            dims.len()
        )));
    }
    let shapes: Vec<&[usize]> = coords.iter().map(|c| c.shape()).collect();
    let bshape = crate::layout::broadcast_shapes(&shapes)?;
    let n: usize = bshape.iter().product();
    let mut out = vec![0i64; n];
    let nd = dims.len();
    let mut stride = 1i64;
    let axes: Vec<usize> = match order {
        Order::C => (0..nd).rev().collect(),
        Order::F => (0..nd).collect(),
    };
    for k in axes {
        let c = coords[k].broadcast_to(&bshape)?;
        if !c.dtype().can_cast_same_kind(DType::I64) {
            return Err(Error::type_("only int indices permitted"));
        }
        let c = c.astype(DType::I64)?.to_vec::<i64>();
        let d = dims[k] as i64;
        let mode = modes[k.min(modes.len() - 1)];
        for (o, &x) in out.iter_mut().zip(&c) {
            let x = match mode {
                Mode::Raise if x < 0 || x >= d => {
                    return Err(Error::value("invalid entry in coordinates array"))
                }
                Mode::Wrap => x.rem_euclid(d.max(1)),
                Mode::Clip => x.clamp(0, (d - 1).max(0)),
                Mode::Raise => x,
            };
            *o += x * stride;
        }
        stride *= d;
    }
    Array::from_vec(out, &bshape)
}
