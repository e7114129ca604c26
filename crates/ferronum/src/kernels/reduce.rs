//! Summation kernels: pairwise blocks with eight independent accumulators, so floating-point
//! sums vectorise and stay at least as accurate as NumPy's pairwise summation.

use super::scalar::Num;

/// Below this many elements a run is summed by the eight-accumulator loop directly.
const BLOCK: usize = 128;

/// Sum of `f(x)` over `n` elements starting at `p` with element stride `s`.
///
/// # Safety
/// `p + i*s` must be valid for `i < n`.
#[inline]
pub unsafe fn pairwise<T: Copy, A: Num>(p: *const T, n: usize, s: isize, f: &impl Fn(T) -> A) -> A {
    if s == 1 {
        crate::kernels::simd::simd_dispatch!(simd::sum1(p, n, f))
    } else {
        pairwise_by(n, &|i| f(*p.offset(i as isize * s)))
    }
}

/// Pairwise sum of `f(i)` for `i < n`: the shape of every float sum in the engine.
#[inline]
pub fn pairwise_by<A: Num>(n: usize, f: &impl Fn(usize) -> A) -> A {
    pairwise_from(0, n, f)
}

#[inline]
fn pairwise_from<A: Num>(start: usize, n: usize, f: &impl Fn(usize) -> A) -> A {
    if n < 8 {
        let mut acc = A::zero();
        for i in start..start + n {
            acc = acc.add(f(i));
        }
        acc
    } else if n <= BLOCK {
        let mut r = [A::zero(); 8];
        let full = n - n % 8;
        let mut i = 0usize;
        while i < full {
            for (k, r) in r.iter_mut().enumerate() {
                *r = r.add(f(start + i + k));
            }
            i += 8;
        }
        let mut acc = (r[0].add(r[1]).add(r[2].add(r[3]))).add(r[4].add(r[5]).add(r[6].add(r[7])));
        while i < n {
            acc = acc.add(f(start + i));
            i += 1;
        }
        acc
    } else {
        let half = (n / 2) - (n / 2) % 8;
        pairwise_from(start, half, f).add(pairwise_from(start + half, n - half, f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairwise_is_accurate() {
        let v: Vec<f32> = (0..1_000_003).map(|i| 0.1 + (i % 7) as f32).collect();
        let exact: f64 = v.iter().map(|&x| x as f64).sum();
        let got = unsafe { pairwise(v.as_ptr(), v.len(), 1, &|x: f32| x) };
        assert!(((got as f64 - exact) / exact).abs() < 1e-6);
        let ints: Vec<i64> = (0..1000).collect();
        assert_eq!(unsafe { pairwise(ints.as_ptr(), 1000, 1, &|x: i64| x) }, 499500);
        assert_eq!(unsafe { pairwise(ints.as_ptr().add(999), 1000, -1, &|x: i64| x) }, 499500);
    }
}
