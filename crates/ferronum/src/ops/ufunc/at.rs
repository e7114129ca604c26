//! `ufunc.at(a, indices, b)`: the ufunc applied in place at the selected elements, unbuffered,
//! so that an element selected several times takes every application in index order
//! (`add.at(a, [0, 0], 1)` adds 2, where `a[[0, 0]] += 1` adds 1).
//!
//! The caller turns the index into the selected elements' flat (C-order) positions, checked
//! against the array's size, so nothing is written when an index is out of range. `add`,
//! `subtract` and `multiply` into an array of the loop's own type run one typed loop, in index
//! order; every other
//! call runs in rounds: the first occurrence of each position, then the second, ..., each
//! round one gather, one ordinary ufunc call and one scatter.

use super::{BinaryOp, Casting, Func, Operand, Opts};
use crate::array::Array;
use crate::dispatch;
use crate::dtype::{DType, Element, Scalar};
use crate::error::{Error, Result};
use crate::kernels::scalar::Num;
use std::collections::HashMap;

/// Element offsets (in elements from `a`'s data pointer) of flat C-order positions `pos`.
fn offsets(a: &Array, pos: &[i64]) -> Vec<i64> {
    let (shape, strides) = (a.shape(), a.strides());
    pos.iter()
        .map(|&p| {
            let mut rest = p as usize;
            let mut off = 0isize;
            for k in (0..shape.len()).rev() {
                let d = shape[k].max(1);
                off += (rest % d) as isize * strides[k];
                rest /= d;
            }
            off as i64
        })
        .collect()
}

/// `x` as a C-contiguous array of `dt`: itself when it is one already (no copy).
fn contiguous_of(x: &Array, dt: DType) -> Result<Array> {
    if x.dtype() == dt && x.is_c_contiguous() {
        Ok(x.clone())
    } else {
        x.astype(dt)?.as_contiguous()
    }
}

/// The elements of a C-contiguous array.
fn elements<T: Element>(x: &Array) -> &[T] {
    debug_assert!(x.is_c_contiguous() && x.dtype() == T::DTYPE);
    // SAFETY: `x` is C-contiguous of dtype `T` (every caller makes it so), `size` elements.
    unsafe { std::slice::from_raw_parts(x.data_ptr() as *const T, x.size()) }
}

/// The dtype an operand presents to the loop search: a Python number is weak next to `a`.
fn dtype_of(b: &Operand, a: DType) -> (DType, bool) {
    match b {
        Operand::Array(x) => (x.dtype(), false),
        Operand::Scalar(Scalar::Bool(_)) => (DType::Bool, false),
        Operand::Scalar(s) => (s.weak_dtype(a), true),
    }
}

/// NumPy's first check of `f.at(a, indices, b)`, before it reads the indices: that `f` has a
/// loop for these types (`b`: the second operand's dtype).
pub fn check_loop(f: Func, a: DType, b: Option<DType>) -> Result<()> {
    match b {
        Some(d) => f.resolve(&[a, d], &[false, false], None, Casting::SameKind)?,
        None => f.resolve(&[a], &[false], None, Casting::SameKind)?,
    };
    Ok(())
}

/// `f.at(a, pos, b)`: `pos` holds the selected flat positions (in range, the selection's
/// shape); `b` (binary ufuncs only) broadcasts to that shape.
pub fn at(f: Func, a: &Array, pos: &Array, b: Option<Operand>) -> Result<()> {
    a.check_writeable()?;
    let pos_c = contiguous_of(pos, DType::I64)?;
    let pos_v = elements::<i64>(&pos_c);
    if pos_v.is_empty() {
        return Ok(());
    }
    let offs = if a.is_c_contiguous() {
        None
    } else {
        Some(offsets(a, pos_v))
    };
    apply(
        f,
        a,
        pos_v,
        pos.shape(),
        offs.as_deref().unwrap_or(pos_v),
        b,
    )
}

/// The typed loop where the call has one, else the general rounds: `pos` the flat positions
/// (in `shape`), `offs` their element offsets in `a`.
fn apply(
    f: Func,
    a: &Array,
    pos: &[i64],
    shape: &[usize],
    offs: &[i64],
    b: Option<Operand>,
) -> Result<()> {
    if typed(f, a, offs, shape, &b)? {
        return Ok(());
    }
    rounds(f, a, pos, shape, offs, b)
}

/// `f.at(a, idx, b)` for a 1-d `a` and an integer index array: the indices are checked in
/// place (NumPy's IndexError for the first out of range, nothing written) and, for the typed
/// loops, read where they lie, so a call allocates nothing of the index's size.
pub fn at_1d(f: Func, a: &Array, idx: &Array, b: Option<Operand>) -> Result<()> {
    let n = a.shape()[0] as i64;
    let iv = contiguous_of(idx, DType::I64)?;
    let ii = elements::<i64>(&iv);
    // One branch-free pass finds whether anything needs a closer look.
    let (lo, hi) = ii
        .iter()
        .fold((0i64, -1i64), |(lo, hi), &i| (lo.min(i), hi.max(i)));
    if lo < -n || hi >= n {
        let bad = ii.iter().find(|&&i| i < -n || i >= n).copied().unwrap_or(0);
        return Err(Error::index(format!(
            "index {bad} is out of bounds for axis 0 with size {n}"
        )));
    }
    let pos = if lo < 0 {
        let v: Vec<i64> = ii.iter().map(|&i| if i < 0 { i + n } else { i }).collect();
        Array::from_vec(v, idx.shape())?
    } else {
        iv.reshape(&idx.shape().iter().map(|&d| d as isize).collect::<Vec<_>>())?
    };
    if a.strides()[0] == 1 || a.size() <= 1 {
        return at(f, a, &pos, b);
    }
    // A strided 1-d target: its offsets are the positions times the stride.
    a.check_writeable()?;
    let st = a.strides()[0] as i64;
    let offs: Vec<i64> = elements::<i64>(&pos).iter().map(|&p| p * st).collect();
    if offs.is_empty() {
        return Ok(());
    }
    apply(f, a, elements::<i64>(&pos), pos.shape(), &offs, b)
}

/// The typed loop of `add`, `subtract` and `multiply` (not complex `multiply`, whose loop
/// fuses) into an array of the loop's own type: `a[offs[k]] = op(a[offs[k]], v[k])` in `k`
/// order. False (nothing done) when the call has no such loop.
fn typed(f: Func, a: &Array, offs: &[i64], shape: &[usize], b: &Option<Operand>) -> Result<bool> {
    let (Func::Binary(op), Some(bv)) = (f, b) else {
        return Ok(false);
    };
    let t = a.dtype();
    let has_loop = matches!(op, BinaryOp::Add | BinaryOp::Subtract)
        || (op == BinaryOp::Multiply && !t.is_complex());
    if !has_loop {
        return Ok(false);
    }
    let (d, w) = dtype_of(bv, t);
    let sig = f.resolve(&[t, d], &[false, w], None, Casting::SameKind)?;
    if sig.ins[0] != t || sig.ins[1] != t || sig.outs[0] != t {
        return Ok(false);
    }
    let vals = match bv {
        Operand::Array(x) => Vals::Many(contiguous_of(&x.broadcast_to(shape)?, t)?),
        Operand::Scalar(s) => Vals::One(Array::from_scalar(s.to_wide(), t)?),
    };
    dispatch!(t, T => {
        match op {
            BinaryOp::Add => scatter_fold(a, offs, &vals, |x: T, y: T| Num::add(x, y)),
            BinaryOp::Subtract => scatter_fold(a, offs, &vals, |x: T, y: T| Num::sub(x, y)),
            _ => scatter_fold(a, offs, &vals, |x: T, y: T| Num::mul(x, y)),
        }
    });
    Ok(true)
}

/// The second operand of a typed `at`: one value per offset, or one value for all.
enum Vals {
    Many(Array),
    One(Array),
}

/// `a[offs[k]] = f(a[offs[k]], v[k])` for every `k` in order, on one thread: the updates of
/// one element must keep their order, and splitting the targets across threads made every
/// thread test every index against its range, a mispredicted branch per index that cost more
/// than the updates themselves.
fn scatter_fold<T: Element>(a: &Array, offs: &[i64], vals: &Vals, f: impl Fn(T, T) -> T) {
    let p = a.data_ptr() as *mut T;
    match vals {
        Vals::Many(v) => {
            for (&o, &x) in offs.iter().zip(elements::<T>(v)) {
                // SAFETY: every offset is of an element of `a` (positions checked against its
                // shape by the caller, mapped through its strides).
                unsafe {
                    let q = p.offset(o as isize);
                    *q = f(*q, x);
                }
            }
        }
        Vals::One(v) => {
            let x = elements::<T>(v)[0];
            for &o in offs {
                // SAFETY: as above.
                unsafe {
                    let q = p.offset(o as isize);
                    *q = f(*q, x);
                }
            }
        }
    }
}

/// Copies the elements at `offs` (from `a`'s data pointer) into a new 1-d array, or (`back`)
/// the elements of `vals` to those places.
fn move_elements(a: &Array, offs: &[i64], vals: Option<&Array>) -> Result<Array> {
    let size = a.itemsize();
    let p = a.data_ptr();
    match vals {
        None => {
            let out = Array::uninit(&[offs.len()], a.dtype())?;
            let q = out.data_ptr();
            for (k, &o) in offs.iter().enumerate() {
                // SAFETY: `o` is an element of `a`, `k` one of the new contiguous `out`.
                unsafe {
                    std::ptr::copy_nonoverlapping(
                        p.offset(o as isize * size as isize),
                        q.add(k * size),
                        size,
                    )
                };
            }
            Ok(out)
        }
        Some(v) => {
            let q = v.data_ptr();
            for (k, &o) in offs.iter().enumerate() {
                // SAFETY: as above, the other way; `v` is contiguous of `a`'s dtype.
                unsafe {
                    std::ptr::copy_nonoverlapping(
                        q.add(k * size),
                        p.offset(o as isize * size as isize),
                        size,
                    )
                };
            }
            Ok(v.clone())
        }
    }
}

/// The general `at`: rounds of distinct positions (see the module's comment).
fn rounds(
    f: Func,
    a: &Array,
    pos: &[i64],
    shape: &[usize],
    offs: &[i64],
    b: Option<Operand>,
) -> Result<()> {
    // NumPy casts the result back into `a` whatever the types (casting='unsafe').
    let b_full = match b {
        Some(Operand::Array(x)) => Some(x.broadcast_to(shape)?.as_contiguous()?),
        _ => None,
    };
    // Occurrence number of each selection among those of its position.
    let mut rank = vec![0u32; pos.len()];
    let mut rounds = 1usize;
    if a.size() <= pos.len().saturating_mul(8).max(1 << 16) {
        let mut seen = vec![0u32; a.size()];
        for (k, &p) in pos.iter().enumerate() {
            rank[k] = seen[p as usize];
            seen[p as usize] += 1;
            rounds = rounds.max(rank[k] as usize + 1);
        }
    } else {
        let mut seen: HashMap<i64, u32> = HashMap::new();
        for (k, &p) in pos.iter().enumerate() {
            let c = seen.entry(p).or_insert(0);
            rank[k] = *c;
            *c += 1;
            rounds = rounds.max(rank[k] as usize + 1);
        }
    }
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); rounds];
    for (k, &r) in rank.iter().enumerate() {
        groups[r as usize].push(k);
    }
    let b_flat = b_full.map(|x| x.reshape(&[-1])).transpose()?;
    for ks in groups {
        let o: Vec<i64> = ks.iter().map(|&k| offs[k]).collect();
        let cur = move_elements(a, &o, None)?;
        let bsel;
        let mut inputs: Vec<Operand> = vec![Operand::Array(&cur)];
        match (&b, &b_flat) {
            (_, Some(x)) => {
                let idx = Array::from_vec(ks.iter().map(|&k| k as i64).collect(), &[ks.len()])?;
                bsel = crate::ops::take::take(x, &idx, Some(0), crate::ops::take::Mode::Raise)?;
                inputs.push(Operand::Array(&bsel));
            }
            (Some(s), None) => inputs.push(*s),
            (None, None) => {}
        }
        let opts = Opts {
            casting: Casting::Unsafe,
            ..Default::default()
        };
        let res = super::call(f, &inputs, &[None], &opts)?;
        let r = res[0].astype(a.dtype())?.as_contiguous()?;
        move_elements(a, &o, Some(&r))?;
    }
    Ok(())
}

/// The flat positions an integer index array selects along a 1-d array of length `n`
/// (negative ones count from the end), or NumPy's IndexError for the first out of range.
pub fn positions_1d(idx: &Array, n: usize) -> Result<Array> {
    let v = idx.astype(DType::I64)?.to_vec::<i64>();
    let mut out = Vec::with_capacity(v.len());
    for &i in &v {
        let j = if i < 0 { i + n as i64 } else { i };
        if j < 0 || j >= n as i64 {
            return Err(Error::index(format!(
                "index {i} is out of bounds for axis 0 with size {n}"
            )));
        }
        out.push(j);
    }
    Array::from_vec(out, idx.shape())
}
