//! The one-dimensional lanes of an array along an axis, and the per-lane kernels of `sort`,
//! `argsort`, `partition` and `argpartition` on sort keys. Lanes split across the pool when
//! there are several; a single long lane sorts in parallel inside the radix sort.

use super::keys::{SortElem, SortKey};
use super::radix;
use crate::array::Array;
use crate::iter::SendPtr;
use crate::parallel;

/// Element offsets (from the buffer's base) of the first element of every lane along `ax`,
/// in C order of the other axes.
pub fn lane_starts(a: &Array, ax: usize) -> Vec<isize> {
    let shape = a.shape();
    let strides = a.strides();
    let mut starts = vec![a.layout().offset as isize];
    for k in 0..shape.len() {
        if k == ax {
            continue;
        }
        let (n, s) = (shape[k], strides[k]);
        starts = starts
            .iter()
            .flat_map(|&b| (0..n).map(move |i| b + i as isize * s))
            .collect();
    }
    starts
}

/// Runs `f(lo, hi)` over ranges of the `lanes` lanes of `n` elements, on the pool when the
/// work is large and there is more than one lane.
pub fn each_lane_range(lanes: usize, n: usize, f: &(dyn Fn(usize, usize) + Sync)) {
    if lanes > 1 && parallel::worth_splitting(lanes * n) {
        let tasks = parallel::pieces(lanes * n).min(lanes);
        let per = lanes.div_ceil(tasks);
        parallel::for_each(lanes.div_ceil(per), &|t| {
            f(t * per, ((t + 1) * per).min(lanes))
        });
    } else {
        f(0, lanes);
    }
}

/// Reads the `n` elements of a lane.
///
/// # Safety
/// `start + i * stride` must be an element of the buffer behind `base` for every `i < n`.
#[inline]
pub unsafe fn read_lane<T: Copy>(
    base: SendPtr<T>,
    start: isize,
    stride: isize,
    n: usize,
) -> Vec<T> {
    // SAFETY: as the caller promises.
    (0..n)
        .map(|i| unsafe { *base.at(start + i as isize * stride) })
        .collect()
}

/// Sorts `keys` in place (radix for long integer keys, else pattern-defeating quicksort).
pub fn sort_keys<K: SortKey>(keys: &mut [K]) {
    if keys.len() < radix::RADIX_MIN || !K::radix_sort(keys, None) {
        keys.sort_unstable();
    }
}

/// The positions that sort `keys` stably (NumPy's stable argsort: ties keep their order).
pub fn argsort_keys<K: SortKey>(keys: &[K]) -> Vec<usize> {
    let n = keys.len();
    if n >= radix::RADIX_MIN && n <= u32::MAX as usize {
        let mut k = keys.to_vec();
        let mut p: Vec<u32> = (0..n as u32).collect();
        if K::radix_sort(&mut k, Some(&mut p)) {
            return p.into_iter().map(|i| i as usize).collect();
        }
    }
    // Pairs (key, position) are all distinct, so any sort of them is the stable order.
    let mut pairs: Vec<(K, usize)> = keys.iter().copied().zip(0..).collect();
    pairs.sort_unstable();
    pairs.into_iter().map(|p| p.1).collect()
}

/// Selects every `kth` (ascending, distinct, each `< v.len()`) into its sorted place: after
/// it, each `v[k]` is the element a full sort would put there, with nothing greater before it
/// and nothing smaller after it (NumPy's partition guarantee).
pub fn select_kth<X: Ord>(v: &mut [X], kth: &[usize]) {
    let mut lo = 0;
    for &k in kth {
        if k >= lo {
            v[lo..].select_nth_unstable(k - lo);
            lo = k + 1;
        }
    }
}

/// `select_kth` with an ordering: the values themselves are rearranged, no key array is made.
pub fn select_kth_by<X>(
    v: &mut [X],
    kth: &[usize],
    cmp: impl Fn(&X, &X) -> std::cmp::Ordering + Copy,
) {
    let mut lo = 0;
    for &k in kth {
        if k >= lo {
            v[lo..].select_nth_unstable_by(k - lo, cmp);
            lo = k + 1;
        }
    }
}

/// What one call does to every lane.
#[derive(Clone, Copy)]
pub enum LaneOp<'a> {
    Sort { stable: bool },
    ArgSort,
    Partition(&'a [usize]),
    ArgPartition(&'a [usize]),
}

/// Runs `op` on every lane of `a` along `ax` into `out` (of `a`'s shape; `T` for the value
/// operations, int64 for the arg ones).
pub fn run<T: SortElem>(a: &Array, out: &Array, ax: usize, op: LaneOp<'_>) {
    let n = a.shape()[ax];
    let (ins, outs) = (lane_starts(a, ax), lane_starts(out, ax));
    if ins.len() == 1 && parallel::worth_splitting(n) && run_long::<T>(a, out, ax, op) {
        return;
    }
    let (si, so) = (a.strides()[ax], out.strides()[ax]);
    let src = a.base::<T>();
    let dst_t = SendPtr(out.buffer().as_ptr() as *mut T);
    let dst_i = SendPtr(out.buffer().as_ptr() as *mut i64);
    each_lane_range(ins.len(), n, &|lo, hi| {
        for l in lo..hi {
            if let LaneOp::Partition(kth) = op {
                if so == 1 {
                    // A contiguous output lane: the values are copied there and selected in
                    // place by their sort keys (NaN last); partition needs no stable order.
                    // SAFETY: lane `l` of `out` is `n` contiguous elements, this task's alone.
                    let lane = unsafe { std::slice::from_raw_parts_mut(dst_t.at(outs[l]), n) };
                    for (i, x) in lane.iter_mut().enumerate() {
                        // SAFETY: `ins[l] + i * si` for `i < n` are lane `l`'s elements of `a`.
                        *x = unsafe { *src.at(ins[l] + i as isize * si) };
                    }
                    // The bijective keys order -0 before +0, a valid order of equal values.
                    if T::BIJECTIVE {
                        select_kth_by(lane, kth, |a: &T, b: &T| a.vkey().cmp(&b.vkey()));
                    } else {
                        select_kth_by(lane, kth, |a: &T, b: &T| a.key().cmp(&b.key()));
                    }
                    continue;
                }
            }
            // SAFETY: `ins[l] + i * si` for `i < n` are the elements of lane `l` of `a`.
            let vals = unsafe { read_lane(src, ins[l], si, n) };
            match op {
                LaneOp::Sort { stable } => {
                    let dst = dst_t;
                    let sorted = sort_values(vals, stable);
                    for (i, v) in sorted.into_iter().enumerate() {
                        // SAFETY: lane `l` of `out` is this task's alone.
                        unsafe { *dst.at(outs[l] + i as isize * so) = v };
                    }
                }
                LaneOp::Partition(kth) => {
                    let dst = dst_t;
                    let parted = partition_values(vals, kth);
                    for (i, v) in parted.into_iter().enumerate() {
                        // SAFETY: as above.
                        unsafe { *dst.at(outs[l] + i as isize * so) = v };
                    }
                }
                LaneOp::ArgSort | LaneOp::ArgPartition(_) => {
                    let dst = dst_i;
                    let keys: Vec<T::K> = vals.iter().map(|v| v.key()).collect();
                    let pos = match op {
                        LaneOp::ArgPartition(kth) => argpartition_keys(&keys, kth),
                        _ => argsort_keys(&keys),
                    };
                    for (i, p) in pos.into_iter().enumerate() {
                        // SAFETY: as above.
                        unsafe { *dst.at(outs[l] + i as isize * so) = p as i64 };
                    }
                }
            }
        }
    });
}

/// Fills `out` by chunks on the pool: `f(offset, chunk)` writes `out[offset..offset + len]`.
fn par_chunks<X: Send>(out: &mut [X], f: &(dyn Fn(usize, &mut [X]) + Sync)) {
    let n = out.len();
    let chunk = n.div_ceil(parallel::pieces(n)).max(1);
    let p = SendPtr(out.as_mut_ptr());
    parallel::for_each(n.div_ceil(chunk), &|c| {
        let lo = c * chunk;
        let len = chunk.min(n - lo);
        // SAFETY: chunk `c` of `out` is this task's alone.
        f(lo, unsafe {
            std::slice::from_raw_parts_mut(p.at(lo as isize), len)
        });
    });
}

/// The one long lane of a sort or argsort, with keys made and written back on the pool (the
/// sort itself splits inside the radix sort); false for what it does not cover.
fn run_long<T: SortElem>(a: &Array, out: &Array, ax: usize, op: LaneOp<'_>) -> bool {
    let n = a.shape()[ax];
    let (si, so) = (a.strides()[ax], out.strides()[ax]);
    let src = a.base::<T>();
    let start = lane_starts(a, ax)[0];
    let ostart = lane_starts(out, ax)[0];
    let read = |i: usize| {
        // SAFETY: `start + i * si` for `i < n` are the lane's elements.
        unsafe { *src.at(start + i as isize * si) }
    };
    match op {
        LaneOp::Sort { stable } if T::BIJECTIVE && !(stable && T::HAS_NAN) => {
            let mut k = vec![T::K::default(); n];
            par_chunks(&mut k, &|lo, c| {
                for (j, x) in c.iter_mut().enumerate() {
                    *x = read(lo + j).vkey();
                }
            });
            sort_keys(&mut k);
            let dst = SendPtr(out.buffer().as_ptr() as *mut T);
            par_chunks(&mut k, &|lo, c| {
                for (j, x) in c.iter().enumerate() {
                    // SAFETY: element `lo + j` of `out`'s lane, this chunk's alone.
                    unsafe { *dst.at(ostart + (lo + j) as isize * so) = T::from_vkey(*x) };
                }
            });
            true
        }
        LaneOp::ArgSort if n <= u32::MAX as usize => {
            let mut k = vec![T::K::default(); n];
            par_chunks(&mut k, &|lo, c| {
                for (j, x) in c.iter_mut().enumerate() {
                    *x = read(lo + j).key();
                }
            });
            let mut p: Vec<u32> = vec![0; n];
            par_chunks(&mut p, &|lo, c| {
                for (j, x) in c.iter_mut().enumerate() {
                    *x = (lo + j) as u32;
                }
            });
            if !T::K::radix_sort(&mut k, Some(&mut p)) {
                return false;
            }
            let dst = SendPtr(out.buffer().as_ptr() as *mut i64);
            par_chunks(&mut p, &|lo, c| {
                for (j, x) in c.iter().enumerate() {
                    // SAFETY: as above.
                    unsafe { *dst.at(ostart + (lo + j) as isize * so) = *x as i64 };
                }
            });
            true
        }
        _ => false,
    }
}

/// The lane's values in NumPy's order. Real types sort their bijective keys and decode them,
/// unless a stable sort must keep tied zeros and NaNs in order; those and complex numbers go
/// through the stable argsort.
pub fn sort_values<T: SortElem>(vals: Vec<T>, stable: bool) -> Vec<T> {
    if T::BIJECTIVE && !(stable && T::HAS_NAN) {
        let mut k: Vec<T::K> = vals.iter().map(|v| v.vkey()).collect();
        sort_keys(&mut k);
        return k.into_iter().map(T::from_vkey).collect();
    }
    let keys: Vec<T::K> = vals.iter().map(|v| v.key()).collect();
    argsort_keys(&keys).into_iter().map(|p| vals[p]).collect()
}

fn partition_values<T: SortElem>(vals: Vec<T>, kth: &[usize]) -> Vec<T> {
    if T::BIJECTIVE {
        let mut k: Vec<T::K> = vals.iter().map(|v| v.vkey()).collect();
        select_kth(&mut k, kth);
        return k.into_iter().map(T::from_vkey).collect();
    }
    let keys: Vec<T::K> = vals.iter().map(|v| v.key()).collect();
    argpartition_keys(&keys, kth)
        .into_iter()
        .map(|p| vals[p])
        .collect()
}

fn argpartition_keys<K: SortKey>(keys: &[K], kth: &[usize]) -> Vec<usize> {
    let mut pairs: Vec<(K, usize)> = keys.iter().copied().zip(0..).collect();
    select_kth(&mut pairs, kth);
    pairs.into_iter().map(|p| p.1).collect()
}
