//! Bounded integers on every thread, with the values of NumPy's sequential loop.
//!
//! Lemire's method rejects a 32-bit draw by its value alone (`(draw * range) mod 2^32` below a
//! threshold), never by its position, so the k-th output is made from the k-th accepted draw
//! of the stream. PCG64 can jump to any position of its stream, so the draws are generated in
//! parallel blocks, the accepted ones counted per block, and each block writes its outputs at
//! the offset the counts before it give: the same values whatever the thread count.

use super::bitgen::{BitGen, Half32};
use super::pcg64::Pcg64;
use crate::parallel;

struct Ptr<T>(*mut T);
// SAFETY: the blocks sharing the pointer write disjoint ranges of a buffer that outlives the
// parallel call.
unsafe impl<T: Send> Sync for Ptr<T> {}
impl<T> Ptr<T> {
    fn get(&self) -> *mut T {
        self.0
    }
}

#[inline]
fn draw64(q: &mut Pcg64, cheap: bool) -> u64 {
    if cheap {
        q.next64_dxsm()
    } else {
        q.next64()
    }
}

/// The 32-bit draws at positions `p..p + out.len()` of the stream `base` would give (NumPy's
/// half-words: a buffered half first, then the low half of each 64-bit draw before its high).
fn u32_stream(base: &Pcg64, cheap: bool, p: usize, out: &mut [u32]) {
    let mut q = base.clone();
    let mut i = 0;
    let fresh = if q.half.has {
        if p == 0 {
            if let Some(o) = out.first_mut() {
                *o = q.half.value;
                i = 1;
            }
            0
        } else {
            p - 1
        }
    } else {
        p
    };
    q.half = Half32::default();
    q.advance((fresh / 2) as u128, cheap);
    if fresh % 2 == 1 && i < out.len() {
        out[i] = (draw64(&mut q, cheap) >> 32) as u32;
        i += 1;
    }
    while i < out.len() {
        let v = draw64(&mut q, cheap);
        out[i] = v as u32;
        i += 1;
        if i < out.len() {
            out[i] = (v >> 32) as u32;
            i += 1;
        }
    }
}

/// Moves `p` past the first `consumed` 32-bit draws of its stream, leaving the half-word
/// buffer as NumPy's sequential draws would (a consumed half keeps its stale value).
fn skip_u32(p: &mut Pcg64, cheap: bool, consumed: usize) {
    if consumed == 0 {
        return;
    }
    let fresh = if p.half.has { consumed - 1 } else { consumed };
    if fresh == 0 {
        p.half.has = false;
        return;
    }
    p.advance(((fresh - 1) / 2) as u128, cheap);
    let v = draw64(p, cheap);
    p.half = Half32 {
        has: fresh % 2 == 1,
        value: (v >> 32) as u32,
    };
}

/// `off + Lemire(rng)` for every element of `out` from a PCG64/PCG64DXSM stream of 32-bit
/// draws (0 < rng < 2^32 - 1, NumPy's `Generator` path); false when the generator cannot jump
/// or the output is small, and then nothing is drawn.
pub fn lemire32_fill(g: &mut BitGen, off: u64, rng: u32, out: &mut [u64]) -> bool {
    let (p, cheap) = match g {
        BitGen::Pcg64(p) => (p, false),
        BitGen::Pcg64Dxsm(p) => (p, true),
        _ => return false,
    };
    let n = out.len();
    if !parallel::worth_splitting(n) || rng == 0 || rng == u32::MAX {
        return false;
    }
    let excl = rng as u64 + 1;
    let threshold = ((u32::MAX - rng) % (rng + 1)) as u64;
    let accept_rate = 1.0 - threshold as f64 / 4294967296.0;
    let total = ((n as f64 / accept_rate) * 1.001) as usize + 256;
    let mut stream = vec![0u32; total];
    let tasks = parallel::pieces(total).max(1);
    let chunk = total.div_ceil(tasks);
    let base = p.clone();
    {
        let sp = Ptr(stream.as_mut_ptr());
        parallel::for_each(tasks, &|t| {
            let start = t * chunk;
            let end = (start + chunk).min(total);
            if start < end {
                // SAFETY: `[start, end)` lies in `stream` and belongs to this block alone.
                let s = unsafe { std::slice::from_raw_parts_mut(sp.get().add(start), end - start) };
                u32_stream(&base, cheap, start, s);
            }
        });
    }
    let accepted = |r: u32| (r as u64 * excl) as u32 as u64 >= threshold;
    let mut counts = vec![0usize; tasks];
    {
        let cp = Ptr(counts.as_mut_ptr());
        let stream = &stream;
        parallel::for_each(tasks, &|t| {
            let start = (t * chunk).min(total);
            let end = (start + chunk).min(total);
            let c = stream[start..end].iter().filter(|&&r| accepted(r)).count();
            // SAFETY: each block writes its own count.
            unsafe { *cp.get().add(t) = c };
        });
    }
    let mut offsets = Vec::with_capacity(tasks);
    let mut acc = 0usize;
    for &c in &counts {
        offsets.push(acc);
        acc += c;
    }
    if acc < n {
        return false; // more rejections than the slack allowed for: draw in order instead
    }
    // The position just past the n-th accepted draw: what the sequential loop consumes.
    let last_block = offsets.iter().rposition(|&o| o < n).unwrap_or(0);
    let mut need = n - offsets[last_block];
    let mut consumed = last_block * chunk;
    for &r in &stream[last_block * chunk..] {
        consumed += 1;
        if accepted(r) {
            need -= 1;
            if need == 0 {
                break;
            }
        }
    }
    {
        let op = Ptr(out.as_mut_ptr());
        let stream = &stream;
        let offsets = &offsets;
        parallel::for_each(tasks, &|t| {
            let start = (t * chunk).min(total);
            let end = (start + chunk).min(total);
            let mut k = offsets[t];
            for &r in &stream[start..end] {
                if k >= n {
                    break;
                }
                let m = r as u64 * excl;
                if m as u32 as u64 >= threshold {
                    // SAFETY: `k < n` indexes `out`; the blocks' output ranges are disjoint
                    // (each starts at the number of accepted draws before it).
                    unsafe { *op.get().add(k) = off.wrapping_add(m >> 32) };
                    k += 1;
                }
            }
        });
    }
    skip_u32(p, cheap, consumed);
    true
}
