//! Parallel LSD radix sort of integer keys, alone or with a u32 payload (the positions an
//! argsort returns). Each pass is a counting sort on one digit, so the sort is stable: a
//! payload of positions comes out in NumPy's stable order. A pass whose digit is the same for
//! every key is skipped (floats of one sign and similar magnitude share their top digits).
//! Digits are 8 bits: 256 destinations per pass stay within the cache and the TLB, where 2048
//! (11-bit digits, fewer passes) made nearly every write a TLB miss and the sort of 1M float64
//! about three times slower.
//!
//! Digits are taken of `key - min`, so keys spanning a narrow range (int64 data of int32
//! magnitude, small categories) need only the passes that range needs.
//!
//! Parallel without changing the result: the keys are cut into chunks; each chunk counts its
//! digits, the offsets of (digit, chunk) follow chunk order within a digit, and each chunk
//! scatters its own keys in order, so the output is the sequential one at any thread count.

use super::keys::RadixKey;
use crate::iter::SendPtr;
use crate::parallel;

/// Below this many keys a comparison sort is faster than the passes over the buckets.
pub const RADIX_MIN: usize = 1 << 10;

/// Chunks to cut `n` keys into: one when the work stays on the calling thread.
fn chunks_for(n: usize) -> usize {
    if parallel::worth_splitting(n) {
        parallel::num_threads() * 4
    } else {
        1
    }
}

/// Sorts `keys` (and moves `payload`'s elements with them when given, of the same length).
pub fn sort<K: RadixKey>(keys: &mut [K], mut payload: Option<&mut [u32]>) {
    let n = keys.len();
    if n < 2 {
        return;
    }
    let buckets = 1usize << K::DIGIT;
    let nchunks = chunks_for(n).min(n.max(1));
    let csize = n.div_ceil(nchunks).max(1);
    let nchunks = n.div_ceil(csize).max(1);
    let (min, max) = min_max(keys, nchunks, csize);
    let span = max - min;
    if span == 0 {
        return;
    }
    let passes = (64 - span.leading_zeros()).div_ceil(K::DIGIT);
    let mask = (buckets - 1) as u64;
    let digit = move |k: K, pass: u32| (((k.wide() - min) >> (pass * K::DIGIT)) & mask) as usize;
    let mut kbuf: Vec<K> = vec![K::default(); n];
    let mut pbuf: Vec<u32> = if payload.is_some() {
        vec![0; n]
    } else {
        Vec::new()
    };
    // Whether the sorted data currently lives in the scratch buffers.
    let mut in_buf = false;
    let mut counts = vec![0usize; nchunks * buckets];
    for pass in 0..passes {
        let (src_k, dst_k): (&[K], &mut [K]) = if in_buf {
            (&kbuf, &mut *keys)
        } else {
            (&*keys, &mut kbuf)
        };
        // Per-chunk digit counts.
        counts.iter_mut().for_each(|c| *c = 0);
        let cp = SendPtr(counts.as_mut_ptr());
        parallel::for_each(nchunks, &|c| {
            let lo = c * csize;
            let hi = (lo + csize).min(n);
            // SAFETY: row `c` of `counts` (`buckets` slots) is this task's alone.
            let row =
                unsafe { std::slice::from_raw_parts_mut(cp.at((c * buckets) as isize), buckets) };
            for &k in &src_k[lo..hi] {
                row[digit(k, pass)] += 1;
            }
        });
        // A digit every key shares moves nothing.
        let first = src_k.first().map_or(0, |&k| digit(k, pass));
        let total_first: usize = (0..nchunks).map(|c| counts[c * buckets + first]).sum();
        if total_first == n {
            continue;
        }
        // Exclusive offsets in (digit, chunk) order.
        let mut offs = vec![0usize; nchunks * buckets];
        let mut acc = 0;
        for d in 0..buckets {
            for c in 0..nchunks {
                offs[c * buckets + d] = acc;
                acc += counts[c * buckets + d];
            }
        }
        let dk = SendPtr(dst_k.as_mut_ptr());
        let (src_p, dp) = match payload.as_deref_mut() {
            Some(p) => {
                let (s, d): (&[u32], &mut [u32]) =
                    if in_buf { (&pbuf, p) } else { (&*p, &mut pbuf) };
                (s, Some(SendPtr(d.as_mut_ptr())))
            }
            None => (&[][..], None),
        };
        let op = SendPtr(offs.as_mut_ptr());
        parallel::for_each(nchunks, &|c| {
            let lo = c * csize;
            let hi = (lo + csize).min(n);
            // SAFETY: row `c` of `offs` is this task's alone.
            let o =
                unsafe { std::slice::from_raw_parts_mut(op.at((c * buckets) as isize), buckets) };
            for i in lo..hi {
                let k = src_k[i];
                let d = digit(k, pass);
                let w = o[d];
                o[d] += 1;
                // SAFETY: the offsets of (digit, chunk) cover disjoint ranges of `0..n` whose
                // sizes are this chunk's counts, so `w < n` and no other task writes it.
                unsafe {
                    *dk.at(w as isize) = k;
                    if let Some(dp) = dp {
                        *dp.at(w as isize) = src_p[i];
                    }
                }
            }
        });
        in_buf = !in_buf;
    }
    if in_buf {
        keys.copy_from_slice(&kbuf);
        if let Some(p) = payload {
            p.copy_from_slice(&pbuf);
        }
    }
}

/// The smallest and largest key (as u64), by chunks on the pool.
fn min_max<K: RadixKey>(keys: &[K], nchunks: usize, csize: usize) -> (u64, u64) {
    let mut parts = vec![(u64::MAX, 0u64); nchunks];
    let pp = SendPtr(parts.as_mut_ptr());
    let n = keys.len();
    parallel::for_each(nchunks, &|c| {
        let s = &keys[c * csize..((c + 1) * csize).min(n)];
        let r = s.iter().fold((u64::MAX, 0u64), |(lo, hi), k| {
            (lo.min(k.wide()), hi.max(k.wide()))
        });
        // SAFETY: slot `c` is this task's alone.
        unsafe { *pp.at(c as isize) = r };
    });
    parts
        .into_iter()
        .fold((u64::MAX, 0), |(lo, hi), (a, b)| (lo.min(a), hi.max(b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_with_payload() {
        let mut state = 12345u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let keys: Vec<u64> = (0..100_000).map(|_| next() % 1000).collect();
        let mut k = keys.clone();
        let mut p: Vec<u32> = (0..k.len() as u32).collect();
        sort(&mut k, Some(&mut p));
        let mut want: Vec<(u64, u32)> = keys.iter().copied().zip(0..).collect();
        want.sort();
        assert_eq!(k, want.iter().map(|w| w.0).collect::<Vec<_>>());
        assert_eq!(p, want.iter().map(|w| w.1).collect::<Vec<_>>());
        let mut k32: Vec<u32> = keys.iter().map(|&x| (x * 7919) as u32).collect();
        let mut w32 = k32.clone();
        w32.sort();
        sort(&mut k32, None);
        assert_eq!(k32, w32);
    }
}
