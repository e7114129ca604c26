//! Fast paths of advanced indexing for the shapes most code uses: one integer array into a
//! 1-d array (`a[idx]`, `take`, `a[idx] = v`) and one mask over a whole C-contiguous array
//! (`a[m]`, `a[m] = x`). Each reads its index once, without the offset tables of the general
//! path in `indexing.rs`, split across the pool; elements move by item size.

use crate::array::Array;
use crate::error::{Error, Result};
use crate::iter::SendPtr;
use crate::parallel;

/// Runs `f(lo, hi)` over chunks of `0..n`, on the pool when `n` is large; the chunk bounds
/// and whether it split.
fn split(n: usize, f: &(dyn Fn(usize, usize) + Sync)) {
    if !parallel::worth_splitting(n) {
        f(0, n);
        return;
    }
    let chunk = n.div_ceil(parallel::pieces(n));
    parallel::for_each(n.div_ceil(chunk), &|c| {
        f(c * chunk, ((c + 1) * chunk).min(n))
    });
}

/// Dispatches on item size to `$f::<T>(args)` with `T` an unsigned type of that width.
macro_rules! by_width {
    ($isz:expr, $f:ident($($arg:expr),*)) => {
        match $isz {
            1 => $f::<u8>($($arg),*),
            2 => $f::<u16>($($arg),*),
            4 => $f::<u32>($($arg),*),
            8 => $f::<u64>($($arg),*),
            _ => $f::<[u64; 2]>($($arg),*),
        }
    };
}

/// The int64 index as a slice when it is one (C-contiguous int64), for the fast paths.
fn index_slice(idx: &Array) -> Option<&[i64]> {
    (idx.dtype() == crate::dtype::DType::I64 && idx.is_c_contiguous()).then(|| {
        // SAFETY: a C-contiguous int64 array: `size` initialised i64 from its data pointer.
        unsafe { std::slice::from_raw_parts(idx.data_ptr() as *const i64, idx.size()) }
    })
}

/// The first index out of `-n..n` in `idx`, in order.
fn first_out_of_range(idx: &[i64], n: usize) -> Option<i64> {
    let n = n as i64;
    // The extremes first, in a loop the compiler vectorises (`any` would stop early and run
    // one element at a time): the common case has no bad index.
    let (lo, hi) = idx
        .iter()
        .fold((i64::MAX, i64::MIN), |(lo, hi), &i| (lo.min(i), hi.max(i)));
    if idx.is_empty() || (lo >= -n && hi < n) {
        return None;
    }
    idx.iter().copied().find(|&i| i < -n || i >= n)
}

fn out_of_range(i: i64, n: usize) -> Error {
    Error::index(format!(
        "index {i} is out of bounds for axis 0 with size {n}"
    ))
}

/// `a[idx]` for a 1-d `a` and an int64 `idx` of any shape; `None` when the fast path does
/// not apply.
pub fn gather_1d(a: &Array, idx: &Array) -> Result<Option<Array>> {
    let Some(ix) = index_slice(idx) else {
        return Ok(None);
    };
    if a.ndim() != 1 {
        return Ok(None);
    }
    let n = a.shape()[0];
    if n == 0 && !ix.is_empty() {
        return Err(out_of_range(ix[0], n));
    }
    let out = Array::uninit(idx.shape(), a.dtype())?;
    if by_width!(a.itemsize(), gather_typed(a, ix, &out)) {
        // Some index was out of range: report the first, as NumPy does; `out` is dropped.
        let bad = ix
            .iter()
            .copied()
            .find(|&i| i < -(n as i64) || i >= n as i64);
        return Err(out_of_range(bad.unwrap_or(ix[0]), n));
    }
    Ok(Some(out))
}

/// Gathers in one pass that also checks the indices: an index out of `-n..n` reads element 0
/// instead and is reported (true) afterwards, so no separate checking pass reads `ix`. `a`
/// must have at least one element.
fn gather_typed<T: Copy + Send + Sync>(a: &Array, ix: &[i64], out: &Array) -> bool {
    let (n, s) = (a.shape()[0] as i64, a.strides()[0]);
    let src = SendPtr(a.data_ptr() as *mut T);
    let dst = SendPtr(out.data_ptr() as *mut T);
    let any_bad = std::sync::atomic::AtomicBool::new(false);
    split(ix.len(), &|lo, hi| {
        // Locals, not the closure's captures: a store through `dst` could alias those, which
        // made every iteration reload them (a store-to-load round trip per element).
        let (src, dst, n, s) = (src, dst, n, s);
        let mut bad = false;
        for (k, &i) in ix[lo..hi].iter().enumerate() {
            let j = if i < 0 { i + n } else { i };
            let ok = (j as u64) < n as u64;
            bad |= !ok;
            let j = if ok { j } else { 0 };
            // SAFETY: `j` is in `0..n` (element 0 exists), so `j * s` is an element of `a`;
            // `out` holds `ix.len()` elements and `lo + k` is one of this task's.
            unsafe { *dst.at((lo + k) as isize) = *src.at(j as isize * s) };
        }
        if bad {
            any_bad.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    });
    any_bad.into_inner()
}

/// `a[idx] = v` for a 1-d `a`, an int64 `idx` and `v` of `a`'s dtype, of one element or of
/// `idx`'s size (C-contiguous); in index order (the last of repeated indices wins); `false`
/// when the fast path does not apply.
pub fn scatter_1d(a: &Array, idx: &Array, v: &Array) -> Result<bool> {
    let Some(ix) = index_slice(idx) else {
        return Ok(false);
    };
    let fits = v.size() == 1 || v.shape() == idx.shape();
    if a.ndim() != 1 || v.dtype() != a.dtype() || !v.is_c_contiguous() || !fits {
        return Ok(false);
    }
    if v.may_share_memory(a) {
        return Ok(false);
    }
    let n = a.shape()[0];
    if let Some(i) = first_out_of_range(ix, n) {
        return Err(out_of_range(i, n));
    }
    by_width!(a.itemsize(), scatter_typed(a, ix, v));
    Ok(true)
}

fn scatter_typed<T: Copy + Send + Sync>(a: &Array, ix: &[i64], v: &Array) {
    let (n, s) = (a.shape()[0] as i64, a.strides()[0]);
    let dst = a.data_ptr() as *mut T;
    let src = v.data_ptr() as *const T;
    let one = v.size() == 1;
    // One pass in index order, so the last of repeated indices wins as in NumPy. Splitting
    // by ranges of `a` made every task read every index and branch on whether it was its
    // own (a coin toss per element): two tasks were slower than one (3.95 vs 3.52 ms for 1M
    // into 10M), and random writes into a large array are bound by memory, not by the core.
    for (k, &i) in ix.iter().enumerate() {
        let j = if i < 0 { i + n } else { i };
        // SAFETY: indices were checked in `-n..n`, so `j * s` is an element of the writeable
        // `a`; `v` holds one element or `ix.len()`, and does not overlap `a` (checked).
        unsafe { *dst.offset(j as isize * s) = *src.add(if one { 0 } else { k }) };
    }
}

/// The mask's bytes when it is a C-contiguous bool array of `a`'s shape and `a` is
/// C-contiguous: the case of `a[m]` / `a[m] = x` these paths take.
fn whole_mask<'m>(a: &Array, m: &'m Array) -> Option<&'m [u8]> {
    let ok = m.dtype() == crate::dtype::DType::Bool
        && m.ndim() > 0
        && m.shape() == a.shape()
        && m.is_c_contiguous()
        && a.is_c_contiguous();
    // SAFETY: a C-contiguous bool array: `size` bytes, each 0 or 1.
    ok.then(|| unsafe { std::slice::from_raw_parts(m.data_ptr() as *const u8, m.size()) })
}

/// Per-chunk counts of true bytes and the chunk size.
fn chunk_counts(bits: &[u8]) -> (usize, Vec<usize>) {
    let n = bits.len();
    let pieces = if parallel::worth_splitting(n) {
        parallel::pieces(n)
    } else {
        1
    };
    let chunk = n.div_ceil(pieces).max(1);
    let mut counts = vec![0usize; n.div_ceil(chunk)];
    let cb = SendPtr(counts.as_mut_ptr());
    parallel::for_each(counts.len(), &|c| {
        let s = &bits[c * chunk..((c + 1) * chunk).min(n)];
        // SAFETY: slot `c` is this task's alone.
        unsafe { *cb.at(c as isize) = s.iter().map(|&x| x as usize).sum() };
    });
    (chunk, counts)
}

/// `a[m]` for a mask over all of a C-contiguous `a`: the selected elements compacted in one
/// pass per chunk; `None` when the fast path does not apply.
pub fn mask_select(a: &Array, m: &Array) -> Result<Option<Array>> {
    let Some(bits) = whole_mask(a, m) else {
        return Ok(None);
    };
    let (chunk, counts) = chunk_counts(bits);
    let total: usize = counts.iter().sum();
    let out = Array::uninit(&[total], a.dtype())?;
    by_width!(a.itemsize(), compact_typed(a, bits, chunk, &counts, &out));
    Ok(Some(out))
}

/// Where each chunk's kept elements start in the output.
fn starts_of(counts: &[usize]) -> Vec<usize> {
    counts
        .iter()
        .scan(0, |acc, &k| {
            let s = *acc;
            *acc += k;
            Some(s)
        })
        .collect()
}

/// For every chunk `c`, `put(w, i)` for each true byte `i` of the chunk, with `w` running
/// from the chunk's start in the output. Branch-free: `put` runs for every byte until the
/// chunk's count is placed, and `w` moves on only for a true byte, so a false byte's write
/// is overwritten by the next one and no write reaches the next chunk's slots.
// Generic over `put` (five instances: four widths and `positions`) so the per-element write is
// inlined; through `&dyn Fn` it was one indirect call per mask byte.
fn compact<F: Fn(usize, usize) + Sync>(bits: &[u8], chunk: usize, counts: &[usize], put: &F) {
    let starts = starts_of(counts);
    parallel::for_each(counts.len(), &|c| {
        let lo = c * chunk;
        let s = &bits[lo..((c + 1) * chunk).min(bits.len())];
        let (mut w, end) = (starts[c], starts[c] + counts[c]);
        for (i, &b) in s.iter().enumerate() {
            if w == end {
                break;
            }
            put(w, lo + i);
            w += b as usize;
        }
    });
}

fn compact_typed<T: Copy + Send + Sync>(
    a: &Array,
    bits: &[u8],
    chunk: usize,
    counts: &[usize],
    out: &Array,
) {
    let src = SendPtr(a.data_ptr() as *mut T);
    let dst = SendPtr(out.data_ptr() as *mut T);
    // SAFETY: `w` is below the total count, inside `out` and in this chunk's slots alone;
    // `i` is an element of the C-contiguous `a`.
    compact(bits, chunk, counts, &move |w, i| unsafe {
        *dst.at(w as isize) = *src.at(i as isize)
    });
}

/// The positions of the true bytes of a C-order mask, as a 1-d int64 array.
pub fn positions(bits: &[u8]) -> Result<Array> {
    let (chunk, counts) = chunk_counts(bits);
    let out = Array::uninit(&[counts.iter().sum()], crate::dtype::DType::I64)?;
    let dst = SendPtr(out.data_ptr() as *mut i64);
    // SAFETY: `w` is below the total count, inside `out` and in this chunk's slots alone.
    compact(bits, chunk, &counts, &move |w, i| unsafe {
        *dst.at(w as isize) = i as i64
    });
    Ok(out)
}

/// `a[m] = v` for a mask over all of a C-contiguous `a` and a one-element `v` of `a`'s
/// dtype; `false` when the fast path does not apply.
pub fn mask_fill(a: &Array, m: &Array, v: &Array) -> Result<bool> {
    let Some(bits) = whole_mask(a, m) else {
        return Ok(false);
    };
    if v.size() != 1 || v.dtype() != a.dtype() {
        return Ok(false);
    }
    by_width!(a.itemsize(), fill_typed(a, bits, v));
    Ok(true)
}

fn fill_typed<T: Copy + Send + Sync>(a: &Array, bits: &[u8], v: &Array) {
    // SAFETY: `v` has one element of `a`'s dtype at its data pointer.
    let x = unsafe { *(v.data_ptr() as *const T) };
    let dst = SendPtr(a.data_ptr() as *mut T);
    split(bits.len(), &|lo, hi| {
        let (dst, x) = (dst, x);
        for (i, &b) in bits[lo..hi].iter().enumerate() {
            if b != 0 {
                // SAFETY: `lo + i` is an element of the C-contiguous, writeable `a`, and in
                // this task's chunk alone.
                unsafe { *dst.at((lo + i) as isize) = x };
            }
        }
    });
}
