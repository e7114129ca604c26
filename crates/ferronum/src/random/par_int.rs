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

/// Calls `f` on the 32-bit draws at positions `p..p + len` of the stream `base` would give
/// (NumPy's half-words: a buffered half first, then the low half of each 64-bit draw before its
/// high), in order, until `f` returns false.
fn for_u32(base: &Pcg64, cheap: bool, p: usize, len: usize, mut f: impl FnMut(u32) -> bool) {
    let mut q = base.clone();
    let mut left = len;
    let fresh = if q.half.has {
        if p == 0 {
            if left == 0 || !f(q.half.value) {
                return;
            }
            left -= 1;
            0
        } else {
            p - 1
        }
    } else {
        p
    };
    q.half = Half32::default();
    q.advance((fresh / 2) as u128, cheap);
    if fresh % 2 == 1 && left > 0 {
        if !f((draw64(&mut q, cheap) >> 32) as u32) {
            return;
        }
        left -= 1;
    }
    while left >= 2 {
        let v = draw64(&mut q, cheap);
        if !f(v as u32) || !f((v >> 32) as u32) {
            return;
        }
        left -= 2;
    }
    if left == 1 {
        f(draw64(&mut q, cheap) as u32);
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
    if (threshold as f64) * (n as f64) < 4294967296.0 * 64.0 {
        // Under ~64 rejections expected (small ranges, ranges near a power of two): one pass.
        speculative(p, cheap, off, excl, threshold, out);
        return true;
    }
    let total = ((n as f64 / accept_rate) * 1.001) as usize + 256;
    let tasks = parallel::pieces(total).max(1);
    let chunk = total.div_ceil(tasks);
    let base = p.clone();
    let accepted = |r: u32| (r as u64 * excl) as u32 as u64 >= threshold;
    let block = |t: usize| {
        let start = (t * chunk).min(total);
        (start, (start + chunk).min(total) - start)
    };
    // Pass 1: how many draws each block accepts (the draws are made twice rather than stored:
    // a stream buffer would cost more memory traffic than the generator).
    let mut counts = vec![0usize; tasks];
    {
        let cp = Ptr(counts.as_mut_ptr());
        parallel::for_each(tasks, &|t| {
            let (start, len) = block(t);
            let mut c = 0usize;
            for_u32(&base, cheap, start, len, |r| {
                c += accepted(r) as usize;
                true
            });
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
    // Pass 2: each block writes its accepted values from the offset the counts before it
    // give; the block holding the n-th accepted draw records the stream position past it,
    // which is what the sequential loop consumes.
    let mut ends = vec![0usize; tasks];
    {
        let op = Ptr(out.as_mut_ptr());
        let ep = Ptr(ends.as_mut_ptr());
        let offsets = &offsets;
        parallel::for_each(tasks, &|t| {
            let (start, len) = block(t);
            let mut k = offsets[t];
            if k >= n {
                return;
            }
            let mut pos = start;
            for_u32(&base, cheap, start, len, |r| {
                pos += 1;
                let m = r as u64 * excl;
                if m as u32 as u64 >= threshold {
                    // SAFETY: `k < n` indexes `out`; the blocks' output ranges are disjoint
                    // (each starts at the number of accepted draws before it).
                    unsafe { *op.get().add(k) = off.wrapping_add(m >> 32) };
                    k += 1;
                    if k == n {
                        // SAFETY: each block writes its own slot.
                        unsafe { *ep.get().add(t) = pos };
                        return false;
                    }
                }
                true
            });
        });
    }
    let consumed = ends.iter().copied().max().unwrap_or(0);
    skip_u32(p, cheap, consumed);
    true
}

/// Lemire's bounded draws in one parallel pass for when rejections are rare: the stream's
/// 32-bit draws are cut into pieces, each piece writing its accepted values where they would
/// go if no draw before it were rejected; the few rejections then shift the later pieces down
/// (in order) and the missing last values come from the draws after the planned ones.
fn speculative(p: &mut Pcg64, cheap: bool, off: u64, excl: u64, threshold: u64, out: &mut [u64]) {
    let n = out.len();
    let base = p.clone();
    let value = |r: u32| {
        let m = r as u64 * excl;
        (m as u32 as u64 >= threshold).then(|| off.wrapping_add(m >> 32))
    };
    // A half-word left in the buffer is the stream's first 32-bit draw.
    let mut head = 0;
    if base.half.has {
        if let Some(v) = value(base.half.value) {
            out[0] = v;
            head = 1;
        }
    }
    let mut fresh = base.clone();
    fresh.half = Half32::default();
    let planned = n - head;
    let tasks = parallel::pieces(planned).max(1);
    let lanes = tasks * LANES;
    // Pieces of an even number of draws start on whole 64-bit draws.
    let piece = (planned.div_ceil(lanes) + 1) & !1;
    let span = |j: usize| {
        let s = (j * piece).min(planned);
        (s, (s + piece).min(planned))
    };
    let mut counts = vec![0usize; lanes];
    {
        let op = Ptr(out[head..].as_mut_ptr());
        let cp = Ptr(counts.as_mut_ptr());
        let fresh = &fresh;
        parallel::for_each(tasks, &|t| {
            let mut gens: [Pcg64; LANES] = std::array::from_fn(|k| {
                let mut q = fresh.clone();
                q.advance((span(t * LANES + k).0 / 2) as u128, cheap);
                q
            });
            let mut w: [usize; LANES] = std::array::from_fn(|k| span(t * LANES + k).0);
            let ends: [usize; LANES] = std::array::from_fn(|k| span(t * LANES + k).1);
            let starts = w;
            let put = |k: usize, r: u32, w: &mut [usize; LANES]| {
                if let Some(v) = value(r) {
                    // SAFETY: lane k writes only inside its own piece [start, end) of
                    // `out[head..]`: it makes at most one value per draw of the piece.
                    unsafe { *op.get().add(w[k]) = v };
                    w[k] += 1;
                }
            };
            // Whole 64-bit draws, the four lanes in lock step while they all have one.
            let common = (0..LANES)
                .map(|k| (ends[k] - starts[k]) / 2)
                .min()
                .unwrap_or(0);
            for _ in 0..common {
                let v: [u64; LANES] = std::array::from_fn(|k| draw64(&mut gens[k], cheap));
                for (k, &x) in v.iter().enumerate() {
                    put(k, x as u32, &mut w);
                    put(k, (x >> 32) as u32, &mut w);
                }
            }
            for k in 0..LANES {
                let mut left = ends[k] - starts[k] - 2 * common;
                while left > 0 {
                    let v = draw64(&mut gens[k], cheap);
                    put(k, v as u32, &mut w);
                    if left > 1 {
                        put(k, (v >> 32) as u32, &mut w);
                    }
                    left = left.saturating_sub(2);
                }
                // SAFETY: each lane writes its own count.
                unsafe { *cp.get().add(t * LANES + k) = w[k] - starts[k] };
            }
        });
    }
    // Close the gaps the rejections left, piece by piece in stream order.
    let rest = &mut out[head..];
    let mut filled = 0;
    for (j, &c) in counts.iter().enumerate() {
        let s = span(j).0;
        if s != filled && c > 0 {
            rest.copy_within(s..s + c, filled);
        }
        filled += c;
    }
    // The values the rejected draws did not make come from the draws after the planned ones.
    let mut consumed = planned;
    if filled < planned {
        for_u32(&fresh, cheap, planned, usize::MAX, |r| {
            consumed += 1;
            if let Some(v) = value(r) {
                rest[filled] = v;
                filled += 1;
            }
            filled < planned
        });
    }
    skip_u32(p, cheap, consumed + base.half.has as usize);
}

/// Interleaved streams per parallel block (independent 128-bit LCG steps overlap).
const LANES: usize = 4;
