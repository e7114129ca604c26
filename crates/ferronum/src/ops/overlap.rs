//! `shares_memory` and `may_share_memory`, decided by the addresses the elements occupy, so
//! that two handles on the same memory (a NumPy array and a ferronum view of it) count too.

use crate::array::Array;

/// The bytes `[lo, hi)` between the first and past the last element (empty for size 0).
fn byte_extent(a: &Array) -> (usize, usize) {
    if a.size() == 0 {
        return (0, 0);
    }
    let (lo, hi) = a.layout().extent();
    let base = a.buffer().as_ptr() as usize;
    let isz = a.itemsize();
    (base + lo * isz, base + hi * isz)
}

/// NumPy's `may_share_memory`: the two extents overlap.
pub fn may_share_memory(a: &Array, b: &Array) -> bool {
    let ((a0, a1), (b0, b1)) = (byte_extent(a), byte_extent(b));
    a0 < a1 && b0 < b1 && a0 < b1 && b0 < a1
}

/// Start addresses of the elements, sorted.
fn element_starts(a: &Array) -> Vec<usize> {
    let base = a.buffer().as_ptr() as usize;
    let isz = a.itemsize() as isize;
    let mut v = Vec::with_capacity(a.size());
    a.for_each_c_order(|off| v.push((base as isize + off * isz) as usize));
    v.sort_unstable();
    v
}

/// NumPy's `shares_memory` (exact): some byte belongs to an element of both arrays.
pub fn shares_memory(a: &Array, b: &Array) -> bool {
    if !may_share_memory(a, b) {
        return false;
    }
    // A contiguous array covers its whole extent.
    let dense = |x: &Array| x.is_c_contiguous() || x.is_f_contiguous();
    if dense(a) && dense(b) {
        return true;
    }
    // Look up each element of the larger array among the sorted elements of the smaller.
    let (small, large) = if a.size() <= b.size() { (a, b) } else { (b, a) };
    let starts = element_starts(small);
    let (si, li) = (small.itemsize(), large.itemsize());
    let base = large.buffer().as_ptr() as isize;
    let mut hit = false;
    large.for_each_c_order(|off| {
        if hit {
            return;
        }
        let x = (base + off * li as isize) as usize;
        // An element of `small` starting in (x - si, x + li) overlaps [x, x + li).
        let k = starts.partition_point(|&s| s + si <= x);
        hit = k < starts.len() && starts[k] < x + li;
    });
    hit
}
