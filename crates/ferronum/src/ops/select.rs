//! NumPy's selection and index-construction functions: `choose`, `select`, `ix_`, `indices`,
//! `diag_indices(_from)`, `tril/triu_indices(_from)`, `fill_diagonal` and `vander`, with
//! NumPy's result types, argument checks and messages.
//!
//! `choose` and `select` are one gather: each result element is copied from the source (a
//! choice, or `select`'s default) its index picks, every source cast to the result type and
//! broadcast to the result shape. Elements move by item size, never by dtype.

use crate::array::Array;
use crate::dtype::{promote, DType, Kind, Scalar};
use crate::error::{Error, Result};
use crate::layout::shape_str;
use crate::ops::manip::{self, rearrange::broadcast_shapes};
use crate::ops::take::{cast_indices, IndexCast, Mode};
use num_complex::Complex64;

/// NumPy's `result_type` of `arrays`, where those flagged `weak` stand for Python int, float
/// or complex scalars (NEP 50: they take the kind they need, not their default precision).
pub fn weak_result_type(arrays: &[Array], weak: &[bool]) -> DType {
    let (mut strong, mut weak_ones) = (Vec::new(), Vec::new());
    for (i, a) in arrays.iter().enumerate() {
        if weak.get(i).copied().unwrap_or(false) {
            weak_ones.push(a.dtype());
        } else {
            strong.push(a.dtype());
        }
    }
    if strong.is_empty() {
        return manip::result_type(&weak_ones);
    }
    let mut t = manip::result_type(&strong);
    for w in weak_ones {
        let s = match w.kind() {
            Kind::Complex => Scalar::Complex(0.0, 0.0),
            Kind::Float => Scalar::Float(0.0),
            _ => Scalar::Int(0),
        };
        t = s.weak_dtype(t);
    }
    t
}

/// Views of `sources`, each cast to `dtype` and broadcast to `shape`.
fn prepared(sources: &[Array], dtype: DType, shape: &[usize]) -> Result<Vec<Array>> {
    sources
        .iter()
        .map(|s| {
            let c = if s.dtype() == dtype {
                s.clone()
            } else {
                s.astype(dtype)?
            };
            c.broadcast_to(shape)
        })
        .collect()
}

/// A new C-ordered array of `shape` whose element `i` (C order) is that element of
/// `sources[picks[i]]` (all of `dtype`, broadcast to `shape`).
fn gather(shape: &[usize], dtype: DType, sources: &[Array], picks: &[usize]) -> Result<Array> {
    let out = Array::uninit(shape, dtype)?;
    if out.size() == 0 {
        return Ok(out);
    }
    match dtype.itemsize() {
        1 => gather_as::<u8>(&out, sources, picks),
        2 => gather_as::<u16>(&out, sources, picks),
        4 => gather_as::<u32>(&out, sources, picks),
        8 => gather_as::<u64>(&out, sources, picks),
        _ => gather_as::<[u64; 2]>(&out, sources, picks),
    }
    Ok(out)
}

/// `gather` for an item of `T`'s size.
fn gather_as<T: Copy>(out: &Array, sources: &[Array], picks: &[usize]) {
    debug_assert_eq!(std::mem::size_of::<T>(), out.itemsize());
    let shape = out.shape();
    let nd = shape.len();
    let srcs: Vec<(*const u8, Vec<isize>)> = sources
        .iter()
        .map(|s| (s.data_ptr() as *const u8, s.byte_strides().to_vec()))
        .collect();
    let dst = out.data_ptr() as *mut T;
    let mut ix = vec![0usize; nd];
    for (i, &m) in picks.iter().enumerate() {
        let (p, st) = &srcs[m];
        let off: isize = ix.iter().zip(st).map(|(&k, &s)| k as isize * s).sum();
        // SAFETY: `sources[m]` has `out`'s shape (broadcast), so `ix` (a position of `out`,
        // below each axis length) dotted with its byte strides is one of its elements, inside
        // its buffer; `i < out.size()` (one pick per element) addresses `out`'s own fresh
        // C-ordered buffer. Unaligned accesses are used as foreign memory may be unaligned.
        unsafe {
            let v = (p.offset(off) as *const T).read_unaligned();
            dst.add(i).write_unaligned(v);
        }
        let mut k = nd;
        while k > 0 {
            k -= 1;
            ix[k] += 1;
            if ix[k] < shape[k] {
                break;
            }
            ix[k] = 0;
        }
    }
}

/// `choose(a, choices, out, mode)`: `choices[a[i]][i]` for every position `i` of the broadcast
/// of `a` and the choices, in the choices' common type (`weak` marks Python scalars). With
/// `out`, the result is cast into it (which must have the result's shape).
pub fn choose(
    a: &Array,
    choices: &[Array],
    weak: &[bool],
    out: Option<&Array>,
    mode: Mode,
) -> Result<Array> {
    if choices.is_empty() {
        return Err(Error::value("0-length sequence."));
    }
    let dtype = weak_result_type(choices, weak);
    let idx = cast_indices(a, IndexCast::Safe)?;
    let mut shapes: Vec<&[usize]> = choices.iter().map(|c| c.shape()).collect();
    shapes.push(idx.shape());
    let shape = broadcast_shapes(&shapes)?;
    if let Some(o) = out {
        if o.shape() != shape.as_slice() {
            return Err(Error::type_("choose: invalid shape for output array."));
        }
        if !o.is_writeable() {
            return Err(Error::value("output array is read-only"));
        }
    }
    let n = choices.len() as i64;
    let picks = idx
        .broadcast_to(&shape)?
        .to_vec::<i64>()
        .into_iter()
        .map(|m| {
            let m = match mode {
                _ if (0..n).contains(&m) => m,
                Mode::Raise => return Err(Error::value("invalid entry in choice array")),
                Mode::Wrap => m.rem_euclid(n),
                Mode::Clip => m.clamp(0, n - 1),
            };
            Ok(m as usize)
        })
        .collect::<Result<Vec<usize>>>()?;
    let r = gather(&shape, dtype, &prepared(choices, dtype, &shape)?, &picks)?;
    match out {
        Some(o) => {
            o.assign(&r)?;
            Ok(o.clone())
        }
        None => Ok(r),
    }
}

/// `select(condlist, choicelist, default)`: where the first true condition is `k`,
/// `choicelist[k]`, else `default`. `choices` holds the choices then the default; `weak`
/// marks the Python scalars among them.
pub fn select(conds: &[Array], choices: &[Array], weak: &[bool]) -> Result<Array> {
    let n = conds.len();
    if choices.len() != n + 1 {
        return Err(Error::value(
            "list of cases must be same length as list of conditions",
        ));
    }
    if n == 0 {
        return Err(Error::value(
            "select with an empty condition list is not possible",
        ));
    }
    let dtype = weak_result_type(choices, weak);
    let cshapes: Vec<&[usize]> = conds.iter().map(|c| c.shape()).collect();
    let cond_shape = broadcast_shapes(&cshapes)?;
    let vshapes: Vec<&[usize]> = choices.iter().map(|c| c.shape()).collect();
    let choice_shape = broadcast_shapes(&vshapes)?;
    if let Some(i) = conds.iter().position(|c| c.dtype() != DType::Bool) {
        return Err(Error::type_(format!(
            "invalid entry {i} in condlist: should be boolean ndarray"
        )));
    }
    let shape = if choice_shape.is_empty() {
        cond_shape
    } else {
        broadcast_shapes(&[&cond_shape, &choice_shape])?
    };
    // NumPy writes each choice with `copyto` (rule 'same_kind'), the last one first: a Python
    // int among the choices does not go into an unsigned result.
    for c in choices[..n].iter().rev() {
        if !c.dtype().can_cast_same_kind(dtype) {
            // (NumPy's message says "scalar" for a 0-d source.)
            let what = if choice_shape.is_empty() {
                "scalar"
            } else {
                "array data"
            };
            return Err(Error::type_(format!(
                "Cannot cast {what} from dtype('{}') to dtype('{}') according to the rule 'same_kind'",
                c.dtype().name(),
                dtype.name()
            )));
        }
    }
    let size: usize = shape.iter().product();
    let mut picks = vec![n; size];
    // Later conditions first, so that the first true one is the pick that stays.
    for (k, c) in conds.iter().enumerate().rev() {
        let v = c.broadcast_to(&shape)?.to_vec::<bool>();
        for (p, &b) in picks.iter_mut().zip(&v) {
            if b {
                *p = k;
            }
        }
    }
    gather(&shape, dtype, &prepared(choices, dtype, &shape)?, &picks)
}

/// `ix_(*args)`: each 1-d argument (a boolean one as its true positions) reshaped to lie along
/// its own axis of an open mesh. `from_sequence` marks arguments that were not arrays: an
/// empty one is made int64, as NumPy does, rather than float64.
pub fn ix(args: &[(Array, bool)]) -> Result<Vec<Array>> {
    let nd = args.len();
    args.iter()
        .enumerate()
        .map(|(k, (a, from_sequence))| {
            let a = if *from_sequence && a.size() == 0 {
                a.astype(DType::I64)?
            } else {
                a.clone()
            };
            if a.ndim() != 1 {
                return Err(Error::value("Cross index must be 1 dimensional"));
            }
            let a = if a.dtype() == DType::Bool {
                crate::ops::indexing::nonzero(&a)?.remove(0)
            } else {
                a
            };
            let mut shape = vec![1isize; nd];
            shape[k] = a.size() as isize;
            a.reshape(&shape)
        })
        .collect()
}

/// `arange(n)` as int64 (empty for a negative `n`).
fn range_i64(n: isize) -> Vec<i64> {
    (0..n.max(0) as i64).collect()
}

/// NumPy's refusal of a boolean `arange` longer than two.
fn check_bool_range(dims: &[isize], dtype: DType) -> Result<()> {
    if dtype == DType::Bool && dims.iter().any(|&d| d > 2) {
        return Err(Error::type_(
            "arange() is only supported for booleans when the result has at most length 2.",
        ));
    }
    Ok(())
}

/// `indices(dimensions, dtype)`: the dense grid, of shape `(N, *dimensions)`, whose slice `i`
/// holds each position's index along axis `i`.
pub fn indices(dims: &[isize], dtype: DType) -> Result<Array> {
    if dims.iter().any(|&d| d < 0) {
        return Err(Error::value("negative dimensions are not allowed"));
    }
    let dims: Vec<usize> = dims.iter().map(|&d| d as usize).collect();
    let mut shape = vec![dims.len()];
    shape.extend_from_slice(&dims);
    // The result's size is checked before anything is computed.
    let out = Array::uninit(&shape, dtype)?;
    check_bool_range(&dims.iter().map(|&d| d as isize).collect::<Vec<_>>(), dtype)?;
    let size: usize = dims.iter().product();
    let mut v: Vec<i64> = Vec::with_capacity(size * dims.len());
    for k in 0..dims.len() {
        let outer: usize = dims[..k].iter().product();
        let inner: usize = dims[k + 1..].iter().product();
        for _ in 0..outer {
            for j in 0..dims[k] as i64 {
                v.extend(std::iter::repeat_n(j, inner));
            }
        }
    }
    let v = Array::from_vec(v, &shape)?;
    if dtype == DType::I64 {
        return Ok(v);
    }
    out.assign(&v)?;
    Ok(out)
}

/// `indices(dimensions, dtype, sparse=True)`: one `arange` per axis, shaped to lie along it (a
/// negative dimension gives an empty range, as NumPy's reshape of it does).
pub fn indices_sparse(dims: &[isize], dtype: DType) -> Result<Vec<Array>> {
    check_bool_range(dims, dtype)?;
    let nd = dims.len();
    (0..nd)
        .map(|k| {
            let r = range_i64(dims[k]);
            let mut shape = vec![1usize; nd];
            shape[k] = r.len();
            Array::from_vec(r, &shape)?.astype(dtype)
        })
        .collect()
}

/// `diag_indices(n)`: the index array `arange(n)` (NumPy repeats this one object).
pub fn diag_range(n: isize) -> Result<Array> {
    let r = range_i64(n);
    let len = r.len();
    Array::from_vec(r, &[len])
}

/// `diag_indices_from(arr)`: `(n, ndim)` for `diag_indices`, checking the shape.
pub fn diag_indices_from(shape: &[usize]) -> Result<(usize, usize)> {
    if shape.len() < 2 {
        return Err(Error::value("input array must be at least 2-d"));
    }
    check_equal_dims(shape)?;
    Ok((shape[0], shape.len()))
}

fn check_equal_dims(shape: &[usize]) -> Result<()> {
    if shape.windows(2).any(|w| w[0] != w[1]) {
        return Err(Error::value(
            "All dimensions of input must be of equal length",
        ));
    }
    Ok(())
}

/// `tril_indices(n, k, m)` (`upper` false) or `triu_indices(n, k, m)`: the row and column
/// indices, in row-major order, of the lower (`j <= i + k`) or upper (`j >= i + k`) triangle
/// of an `n` by `m` array (`m` defaults to `n`; negative sizes are empty).
pub fn tri_indices(n: isize, k: i64, m: Option<isize>, upper: bool) -> Result<[Array; 2]> {
    let rows = n.max(0) as i64;
    let cols = m.unwrap_or(n).max(0) as i64;
    let (mut r, mut c) = (Vec::new(), Vec::new());
    for i in 0..rows {
        // Column bounds of row `i`, saturating (`k` may be any int64).
        let (lo, hi) = if upper {
            (i.saturating_add(k).clamp(0, cols), cols)
        } else {
            (0, i.saturating_add(k).saturating_add(1).clamp(0, cols))
        };
        for j in lo..hi {
            r.push(i);
            c.push(j);
        }
    }
    let len = r.len();
    Ok([Array::from_vec(r, &[len])?, Array::from_vec(c, &[len])?])
}

/// `tril_indices_from(arr, k)` / `triu_indices_from(arr, k)`.
pub fn tri_indices_from(shape: &[usize], k: i64, upper: bool) -> Result<[Array; 2]> {
    if shape.len() != 2 {
        return Err(Error::value("input array must be 2-d"));
    }
    tri_indices(shape[0] as isize, k, Some(shape[1] as isize), upper)
}

/// `fill_diagonal(a, val, wrap)`: `a.flat[:end:step] = val` (cycled) over the main diagonal; a
/// tall 2-d array's diagonal restarts below the square part only with `wrap`. `scalar` is the
/// Python number `val` came from, if any: it must be storable in `a`'s dtype.
pub fn fill_diagonal(a: &Array, val: &Array, scalar: Option<Scalar>, wrap: bool) -> Result<()> {
    let shape = a.shape();
    let nd = shape.len();
    if nd < 2 {
        return Err(Error::value("array must be at least 2-d"));
    }
    let size = a.size();
    let (step, end) = if nd == 2 {
        let end = if wrap {
            size
        } else {
            (shape[1] * shape[1]).min(size)
        };
        (shape[1] + 1, end)
    } else {
        check_equal_dims(shape)?;
        let mut acc = 1usize;
        let mut step = 1usize;
        for &d in &shape[..nd - 1] {
            acc *= d;
            step += acc;
        }
        (step, size)
    };
    if !a.is_writeable() {
        return Err(Error::value("underlying array is read-only"));
    }
    if let Some(s) = scalar {
        s.check_settable(a.dtype())?;
    }
    if end == 0 || val.size() == 0 {
        return Ok(());
    }
    let v = val.astype(a.dtype())?;
    let len = v.size();
    let strides = a.byte_strides();
    let isz = a.itemsize();
    let (dst, src) = (a.data_ptr(), v.data_ptr() as *const u8);
    for (k, p) in (0..end).step_by(step).enumerate() {
        let mut rem = p;
        let mut off = 0isize;
        for ax in (0..nd).rev() {
            off += (rem % shape[ax]) as isize * strides[ax];
            rem /= shape[ax];
        }
        // SAFETY: `p < a.size()`, so its C-order multi-index dotted with the byte strides is
        // an element of `a` (writeable, checked above); `v` is a fresh C-ordered copy of
        // `len` elements of `a`'s dtype, so `k % len` addresses one of them, and it cannot
        // overlap `a`.
        unsafe {
            std::ptr::copy_nonoverlapping(src.add((k % len) * isz), dst.offset(off), isz);
        }
    }
    Ok(())
}

/// `vander(x, N, increasing)`: columns of powers of the 1-d `x` (decreasing unless
/// `increasing`), `N` of them (`len(x)` by default), in `promote_types(x.dtype, int64)`; each
/// power is the previous one times `x`, as NumPy's `multiply.accumulate` computes it.
pub fn vander(x: &Array, n: Option<isize>, increasing: bool) -> Result<Array> {
    if x.ndim() != 1 {
        return Err(Error::value(
            "x must be a one-dimensional array or sequence.",
        ));
    }
    let rows = x.size();
    let cols = n.unwrap_or(rows as isize);
    if cols < 0 {
        return Err(Error::value("negative dimensions are not allowed"));
    }
    let cols = cols as usize;
    let dtype = promote(x.dtype(), DType::I64);
    fn powers<T: Copy + crate::dtype::Element>(
        x: Vec<T>,
        cols: usize,
        increasing: bool,
        one: T,
        mul: impl Fn(T, T) -> T,
    ) -> Vec<T> {
        let mut v = vec![one; x.len() * cols];
        for (i, &xi) in x.iter().enumerate() {
            let row = &mut v[i * cols..(i + 1) * cols];
            let mut p = one;
            for j in 0..cols {
                if j == 1 {
                    p = xi;
                } else if j > 1 {
                    p = mul(p, xi);
                }
                row[if increasing { j } else { cols - 1 - j }] = p;
            }
        }
        v
    }
    let shape = [rows, cols];
    match dtype {
        DType::I64 => Array::from_vec(
            powers(x.to_vec::<i64>(), cols, increasing, 1, i64::wrapping_mul),
            &shape,
        ),
        DType::F64 => Array::from_vec(
            powers(x.to_vec::<f64>(), cols, increasing, 1.0, |a, b| a * b),
            &shape,
        ),
        DType::C128 => Array::from_vec(
            powers(
                x.to_vec::<Complex64>(),
                cols,
                increasing,
                Complex64::new(1.0, 0.0),
                |a, b| a * b,
            ),
            &shape,
        ),
        d => Err(Error::type_(format!(
            "vander: unexpected result type {} for input {}",
            d.name(),
            shape_str(x.shape())
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choose_modes_and_errors() {
        let a = Array::from_vec(vec![0i64, 1, 5, -1], &[4]).unwrap();
        let c0 = Array::from_vec(vec![1i8, 2, 3, 4], &[4]).unwrap();
        let c1 = Array::from_vec(vec![10i8], &[1]).unwrap();
        let cs = [c0, c1];
        let e = choose(&a, &cs, &[false, false], None, Mode::Raise).unwrap_err();
        assert_eq!(e.to_string(), "invalid entry in choice array");
        let r = choose(&a, &cs, &[false, false], None, Mode::Wrap).unwrap();
        assert_eq!(r.to_vec::<i8>(), vec![1, 10, 10, 10]);
        let r = choose(&a, &cs, &[false, false], None, Mode::Clip).unwrap();
        assert_eq!(r.to_vec::<i8>(), vec![1, 10, 10, 4]);
        assert!(choose(&a, &[], &[], None, Mode::Raise).is_err());
    }

    #[test]
    fn select_first_true_wins() {
        let c0 = Array::from_vec(vec![true, false, false], &[3]).unwrap();
        let c1 = Array::from_vec(vec![true, true, false], &[3]).unwrap();
        let x = Array::from_vec(vec![1.0f32, 2.0, 3.0], &[3]).unwrap();
        let y = Array::from_vec(vec![7i64], &[]).unwrap();
        let d = Array::from_vec(vec![0i64], &[]).unwrap();
        let r = select(&[c0, c1], &[x, y, d], &[false, true, true]).unwrap();
        assert_eq!(r.dtype(), DType::F32);
        assert_eq!(r.to_vec::<f32>(), vec![1.0, 7.0, 0.0]);
    }

    #[test]
    fn triangles_and_vander() {
        let [r, c] = tri_indices(3, 0, None, false).unwrap();
        assert_eq!(r.to_vec::<i64>(), vec![0, 1, 1, 2, 2, 2]);
        assert_eq!(c.to_vec::<i64>(), vec![0, 0, 1, 0, 1, 2]);
        let [r, _] = tri_indices(3, i64::MAX, None, true).unwrap();
        assert_eq!(r.size(), 0);
        let x = Array::from_vec(vec![2i8, 3], &[2]).unwrap();
        let v = vander(&x, Some(3), false).unwrap();
        assert_eq!(v.to_vec::<i64>(), vec![4, 2, 1, 9, 3, 1]);
    }
}
