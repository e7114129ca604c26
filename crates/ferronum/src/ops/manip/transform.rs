//! Reordering and repeating elements: `flip` (views), `roll`, `rot90`, `tile`, `repeat`,
//! `resize`. Copies move whole elements by their byte width, whatever the dtype.

use super::slice_axis;
use crate::array::Array;
use crate::error::{Error, Result};
use crate::layout::{normalize_axis, Dims, Layout};
use smallvec::SmallVec;

/// `a` with the order of its elements along the given axes reversed (all axes for `None`):
/// a view, as NumPy's `m[::-1]`.
pub fn flip(a: &Array, axis: Option<&[isize]>) -> Result<Array> {
    let nd = a.ndim();
    let mut rev = vec![axis.is_none(); nd];
    if let Some(ax) = axis {
        for &x in ax {
            let k = normalize_axis(x, nd)?;
            if rev[k] {
                return Err(Error::value("repeated axis"));
            }
            rev[k] = true;
        }
    }
    let mut l = a.layout().clone();
    let mut off = l.offset as isize;
    for (k, _) in rev.iter().enumerate().filter(|(_, &r)| r) {
        if l.shape[k] > 0 {
            off += (l.shape[k] as isize - 1) * l.strides[k];
        }
        l.strides[k] = -l.strides[k];
    }
    l.offset = off as usize;
    Ok(a.with_layout(l))
}

/// NumPy's `fliplr`: columns reversed.
pub fn fliplr(a: &Array) -> Result<Array> {
    if a.ndim() < 2 {
        return Err(Error::value("Input must be >= 2-d."));
    }
    flip(a, Some(&[1]))
}

/// NumPy's `flipud`: rows reversed.
pub fn flipud(a: &Array) -> Result<Array> {
    if a.ndim() < 1 {
        return Err(Error::value("Input must be >= 1-d."));
    }
    flip(a, Some(&[0]))
}

/// NumPy's `roll(a, shift, axis)`: `shift` and `axis` broadcast against each other (a
/// one-element slice stands for a scalar); shifts of a repeated axis add up. `axis` `None`
/// rolls the flattened array.
pub fn roll(a: &Array, shift: &[isize], axis: Option<&[isize]>) -> Result<Array> {
    let Some(axis) = axis else {
        let flat = a.ravel()?;
        let total = shift.iter().fold(0isize, |t, &s| t.wrapping_add(s));
        return roll(&flat, &[total], Some(&[0]))?
            .reshape(&a.shape().iter().map(|&d| d as isize).collect::<Vec<_>>());
    };
    let nd = a.ndim();
    let axes = axis
        .iter()
        .map(|&x| normalize_axis(x, nd))
        .collect::<Result<Vec<_>>>()?;
    let (ns, na) = (shift.len(), axes.len());
    if ns != na && ns != 1 && na != 1 {
        return Err(Error::value(format!(
            "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape ({ns},) and arg 1 with shape ({na},)."
        )));
    }
    let mut shifts = vec![0i128; nd];
    for i in 0..ns.max(na) {
        shifts[axes[if na == 1 { 0 } else { i }]] += shift[if ns == 1 { 0 } else { i }] as i128;
    }
    let out = Array::uninit(a.shape(), a.dtype())?;
    // Each rolled axis splits into two (source, destination) pieces; every combination of
    // pieces across the axes is one block copy.
    let mut pieces: Vec<Vec<(usize, usize, usize)>> = Vec::with_capacity(nd);
    for (&n, shift) in a.shape().iter().zip(&shifts) {
        let off = shift.rem_euclid(n.max(1) as i128) as usize;
        pieces.push(if off == 0 {
            vec![(0, 0, n)]
        } else {
            vec![(0, off, n - off), (n - off, 0, off)]
        });
    }
    let mut idx = vec![0usize; nd];
    loop {
        let (mut src, mut dst) = (a.clone(), out.clone());
        for k in 0..nd {
            let (s, d, len) = pieces[k][idx[k]];
            src = slice_axis(&src, k, s, len);
            dst = slice_axis(&dst, k, d, len);
        }
        if dst.size() > 0 {
            dst.assign(&src)?;
        }
        let mut k = nd;
        loop {
            if k == 0 {
                return Ok(out);
            }
            k -= 1;
            idx[k] += 1;
            if idx[k] < pieces[k].len() {
                break;
            }
            idx[k] = 0;
        }
    }
}

/// NumPy's `rot90(m, k, axes)`: a view rotating the plane of `axes` by `k` quarter turns.
pub fn rot90(a: &Array, k: isize, axes: &[isize]) -> Result<Array> {
    if axes.len() != 2 {
        return Err(Error::value("len(axes) must be 2."));
    }
    let nd = a.ndim() as isize;
    let (a0, a1) = (axes[0], axes[1]);
    if a0 == a1 || a0.abs_diff(a1) == nd as usize {
        return Err(Error::value("Axes must be different."));
    }
    if a0 >= nd || a0 < -nd || a1 >= nd || a1 < -nd {
        return Err(Error::value(format!(
            "Axes=({a0}, {a1}) out of range for array of ndim={nd}."
        )));
    }
    let (x0, x1) = (normalize_axis(a0, a.ndim())?, normalize_axis(a1, a.ndim())?);
    let mut perm: Vec<usize> = (0..a.ndim()).collect();
    perm.swap(x0, x1);
    let permute = |v: &Array| v.with_layout(v.layout().permuted(&perm));
    match k.rem_euclid(4) {
        0 => Ok(a.with_layout(a.layout().clone())),
        2 => flip(&flip(a, Some(&[a0]))?, Some(&[a1])),
        1 => Ok(permute(&flip(a, Some(&[a1]))?)),
        _ => flip(&permute(a), Some(&[a1])),
    }
}

/// `a` viewed with `ndim` dimensions, length-1 axes prepended.
fn with_ndmin(a: &Array, ndim: usize) -> Array {
    if a.ndim() >= ndim {
        return a.clone();
    }
    let mut l = a.layout().clone();
    let pad = ndim - a.ndim();
    l.shape.insert_many(0, std::iter::repeat_n(1, pad));
    l.strides.insert_many(0, std::iter::repeat_n(0, pad));
    a.with_layout(l)
}

/// NumPy's `tile(A, reps)`: a new array, `A` repeated `reps[k]` times along each axis.
pub fn tile(a: &Array, reps: &[isize]) -> Result<Array> {
    if reps.iter().any(|&r| r < 0) {
        return Err(Error::value("negative dimensions are not allowed"));
    }
    let c = with_ndmin(a, reps.len());
    let nd = c.ndim();
    let mut tup: Vec<usize> = vec![1; nd - reps.len()];
    tup.extend(reps.iter().map(|&r| r as usize));
    // The result, viewed as (t0, s0, t1, s1, ...), is `c` broadcast along every t axis: one
    // assignment fills it.
    let out_shape: Dims = (0..nd)
        .map(|k| c.shape()[k].checked_mul(tup[k]))
        .collect::<Option<Dims>>()
        .ok_or_else(|| Error::value("array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size."))?;
    let out = Array::uninit(&out_shape, c.dtype())?;
    if out.size() == 0 {
        return Ok(out);
    }
    let mut split = Layout {
        shape: SmallVec::new(),
        strides: SmallVec::new(),
        offset: 0,
    };
    let mut src = split.clone();
    src.offset = c.layout().offset;
    let mut acc = 1isize;
    for k in (0..nd).rev() {
        split.shape.insert(0, c.shape()[k]);
        split.strides.insert(0, acc);
        acc *= c.shape()[k] as isize;
        split.shape.insert(0, tup[k]);
        split.strides.insert(0, acc);
        acc *= tup[k] as isize;
        src.shape.insert(0, c.shape()[k]);
        src.strides.insert(0, c.strides()[k]);
        src.shape.insert(0, tup[k]);
        src.strides.insert(0, 0);
    }
    out.with_layout(split).assign(&c.with_layout(src))?;
    Ok(out)
}

/// NumPy's `repeat(a, repeats, axis)`: each element (`axis` `None`: of the flattened array)
/// or each slice along `axis` repeated; `repeats` is one count for all or one per element.
pub fn repeat(a: &Array, repeats: &[isize], axis: Option<isize>) -> Result<Array> {
    // NumPy's `PyArray_CheckAxis` views a 0-d input as 1-d before checking the axis.
    let a = super::atleast_1d(a);
    let (src, ax) = match axis {
        None => (a.ravel()?, 0),
        Some(x) => (a.clone(), normalize_axis(x, a.ndim())?),
    };
    let n = src.shape()[ax];
    // One count is used for every slice: negative, it is NumPy's negative result length
    // (harmless when there are no slices).
    if repeats.len() == 1 {
        if repeats[0] < 0 && n > 0 {
            return Err(Error::value("negative dimensions are not allowed"));
        }
    } else {
        if repeats.len() != n {
            return Err(Error::value(format!(
                "operands could not be broadcast together with shape ({n},) ({},)",
                repeats.len()
            )));
        }
        if repeats.iter().any(|&r| r < 0) {
            return Err(Error::value("repeats may not contain negative values."));
        }
    }
    let count = |i: usize| repeats[if repeats.len() == 1 { 0 } else { i }] as usize;
    let total = (0..n)
        .try_fold(0usize, |t, i| t.checked_add(count(i)))
        .ok_or_else(|| Error::value("array is too big"))?;
    let mut shape: Dims = src.shape().into();
    shape[ax] = total;
    let out = Array::uninit(&shape, src.dtype())?;
    if out.size() == 0 {
        return Ok(out);
    }
    let src = src.as_contiguous()?;
    let inner: usize = shape[ax + 1..].iter().product::<usize>() * src.itemsize();
    let outer: usize = shape[..ax].iter().product();
    // Where the copies of input slice `i` start in an output row, counted in slices.
    let starts: Vec<usize> = if repeats.len() == 1 {
        Vec::new()
    } else {
        std::iter::once(0)
            .chain(repeats.iter().scan(0usize, |t, &r| {
                *t += r as usize;
                Some(*t)
            }))
            .collect()
    };
    let start_of = |i: usize| match repeats.len() {
        1 => i * count(0),
        _ => starts[i],
    };
    let (sp, dp) = (src.data_ptr() as usize, out.data_ptr() as usize);
    let row_out = total * inner;
    // Tasks are (outer row, run of input slices); a 1-d input still splits across threads.
    let parallel = crate::parallel::worth_splitting(out.size());
    let chunks = if parallel {
        crate::parallel::pieces(out.size())
            .div_ceil(outer)
            .clamp(1, n.max(1))
    } else {
        1
    };
    let per = n.div_ceil(chunks);
    let task = |t: usize| {
        let (o, c) = (t / chunks, t % chunks);
        let (i0, i1) = (c * per, ((c + 1) * per).min(n));
        if i0 >= i1 {
            return;
        }
        let mut d = dp + o * row_out + start_of(i0) * inner;
        let mut s = sp + (o * n + i0) * inner;
        for i in i0..i1 {
            let r = count(i);
            // SAFETY: `src` is C-contiguous, `outer * n` slices of `inner` bytes from `sp`;
            // `out` is a fresh C-contiguous array of `outer` rows of `total` slices from `dp`.
            // Slice `i` of row `o` is read at `sp + (o * n + i) * inner`, and its `r` copies go
            // to slices `start_of(i)..start_of(i) + r` of output row `o`, inside the row since
            // the counts sum to `total`. The buffers are distinct (`out` is new), and tasks
            // cover disjoint `(o, i)` so write disjoint bytes.
            unsafe { copies(s as *const u8, d as *mut u8, inner, r) };
            d += r * inner;
            s += inner;
        }
    };
    let tasks = outer * chunks;
    if parallel && tasks > 1 {
        crate::parallel::for_each(tasks, &task);
    } else {
        (0..tasks).for_each(task);
    }
    Ok(out)
}

/// Writes `reps` copies of the `width` bytes at `src` one after another from `dst`; widths of
/// one element of 1 to 16 bytes copy as one integer each (a loop that vectorises).
///
/// # Safety
/// `src` must be readable for `width` bytes and `dst` writable for `reps * width` bytes, the
/// two not overlapping.
unsafe fn copies(src: *const u8, dst: *mut u8, width: usize, reps: usize) {
    /// # Safety
    /// As for `copies`, with `width == size_of::<T>()`.
    #[inline(always)]
    unsafe fn fill<T: Copy>(src: *const u8, dst: *mut u8, reps: usize) {
        // SAFETY: the caller makes `src` readable for one `T` and `dst` writable for `reps`
        // of them; unaligned accesses are allowed for any address.
        unsafe {
            let v = (src as *const T).read_unaligned();
            let d = dst as *mut T;
            for k in 0..reps {
                d.add(k).write_unaligned(v);
            }
        }
    }
    // SAFETY: the caller's contract, with `width` matching each `T`'s size.
    unsafe {
        match width {
            1 => fill::<u8>(src, dst, reps),
            2 => fill::<u16>(src, dst, reps),
            4 => fill::<u32>(src, dst, reps),
            8 => fill::<u64>(src, dst, reps),
            16 => fill::<u128>(src, dst, reps),
            _ => {
                for k in 0..reps {
                    std::ptr::copy_nonoverlapping(src, dst.add(k * width), width);
                }
            }
        }
    }
}

/// NumPy's `resize(a, new_shape)`: the flattened `a` repeated (or cut) to fill `new_shape`;
/// zeros when `a` is empty.
pub fn resize(a: &Array, new_shape: &[isize]) -> Result<Array> {
    if new_shape.iter().any(|&d| d < 0) {
        return Err(Error::value(
            "all elements of `new_shape` must be non-negative",
        ));
    }
    let shape: Dims = new_shape.iter().map(|&d| d as usize).collect();
    let size = crate::layout::checked_size(&shape)?;
    if a.size() == 0 || size == 0 {
        return Array::zeros(&shape, a.dtype());
    }
    // The result holds `full` whole copies of the flattened `a` and then its first `rest`
    // elements: one broadcast assignment and one slice copy.
    let flat = a.ravel()?;
    let out = Array::uninit(&[size], a.dtype())?;
    let (n, full, rest) = (a.size(), size / a.size(), size % a.size());
    if full > 0 {
        let whole = slice_axis(&out, 0, 0, full * n);
        let rows = whole.with_layout(Layout {
            shape: [full, n].into_iter().collect(),
            strides: [n as isize, 1].into_iter().collect(),
            offset: whole.layout().offset,
        });
        let src = flat.with_layout(Layout {
            shape: [full, n].into_iter().collect(),
            strides: [0, flat.strides()[0]].into_iter().collect(),
            offset: flat.layout().offset,
        });
        rows.assign(&src)?;
    }
    if rest > 0 {
        slice_axis(&out, 0, full * n, rest).assign(&slice_axis(&flat, 0, 0, rest))?;
    }
    out.reshape(new_shape)
}
