//! Reduction kernels (sum, product, extrema): pairwise blocks with independent accumulators,
//! so floating-point sums vectorise and follow NumPy's pairwise summation exactly.

use super::scalar::Num;

/// An associative combining operation with its identity: what a reduction folds with.
pub trait Monoid<A>: Copy + Send + Sync {
    fn id(self) -> A;
    fn op(self, a: A, b: A) -> A;
    /// Whether runs must be combined strictly left to right: complex extrema, where which NaN
    /// wins (`nan+1j` or `1+nanj`) is visible and NumPy keeps the first.
    #[inline(always)]
    fn ordered(self) -> bool {
        false
    }
    /// Whether any combination order gives the same value (extrema of real numbers, integer
    /// and boolean sums and products): such folds run over 32 lanes, enough independent chains
    /// to keep the vector units busy, and never need the pairwise tree, which is then not
    /// compiled for them. A constant, so the choice is made when the fold is compiled.
    const REORDERABLE: bool = false;
}

/// Integers and booleans add and multiply exactly (wrapping) in any order.
const fn exact_arithmetic(t: crate::dtype::DType) -> bool {
    use crate::dtype::DType::*;
    matches!(t, Bool | I8 | U8 | I16 | U16 | I32 | U32 | I64 | U64)
}

/// Extrema of everything but complex numbers (where which NaN wins is visible).
const fn not_complex(t: crate::dtype::DType) -> bool {
    !matches!(t, crate::dtype::DType::C64 | crate::dtype::DType::C128)
}

/// Addition: `sum`, norms.
#[derive(Clone, Copy)]
pub struct Sum;
impl<A: Num> Monoid<A> for Sum {
    const REORDERABLE: bool = exact_arithmetic(A::DTYPE);
    #[inline(always)]
    fn id(self) -> A {
        A::zero()
    }
    #[inline(always)]
    fn op(self, a: A, b: A) -> A {
        a.add(b)
    }
}

/// Multiplication: `prod`, and `all` over booleans (where it is logical and).
#[derive(Clone, Copy)]
pub struct Prod;
impl<A: Num> Monoid<A> for Prod {
    const REORDERABLE: bool = exact_arithmetic(A::DTYPE);
    #[inline(always)]
    fn id(self) -> A {
        A::one()
    }
    #[inline(always)]
    fn op(self, a: A, b: A) -> A {
        a.mul(b)
    }
}

/// Maximum as NumPy's `maximum` reduces: the first NaN wins, else the larger value, keeping the
/// running one on ties (`Num::max_`). Starts from the value it carries (the dtype's lowest, or `initial`).
#[derive(Clone, Copy)]
pub struct Max<A>(pub A);
impl<A: Num> Monoid<A> for Max<A> {
    #[inline(always)]
    fn id(self) -> A {
        self.0
    }
    const REORDERABLE: bool = not_complex(A::DTYPE);
    #[inline(always)]
    fn ordered(self) -> bool {
        A::DTYPE.is_complex()
    }
    #[inline(always)]
    fn op(self, a: A, b: A) -> A {
        a.max_(b)
    }
}

/// Minimum as NumPy's `minimum` reduces (see `Max`).
#[derive(Clone, Copy)]
pub struct Min<A>(pub A);
impl<A: Num> Monoid<A> for Min<A> {
    #[inline(always)]
    fn id(self) -> A {
        self.0
    }
    const REORDERABLE: bool = not_complex(A::DTYPE);
    #[inline(always)]
    fn ordered(self) -> bool {
        A::DTYPE.is_complex()
    }
    #[inline(always)]
    fn op(self, a: A, b: A) -> A {
        a.min_(b)
    }
}

/// NumPy's `fmax`: NaN only when both are NaN (`nanmax`).
#[derive(Clone, Copy)]
pub struct FMax<A>(pub A);
impl<A: Num> Monoid<A> for FMax<A> {
    #[inline(always)]
    fn id(self) -> A {
        self.0
    }
    const REORDERABLE: bool = not_complex(A::DTYPE);
    #[inline(always)]
    fn ordered(self) -> bool {
        A::DTYPE.is_complex()
    }
    #[inline(always)]
    fn op(self, a: A, b: A) -> A {
        a.fmax_(b)
    }
}

/// NumPy's `fmin` (`nanmin`).
#[derive(Clone, Copy)]
pub struct FMin<A>(pub A);
impl<A: Num> Monoid<A> for FMin<A> {
    #[inline(always)]
    fn id(self) -> A {
        self.0
    }
    const REORDERABLE: bool = not_complex(A::DTYPE);
    #[inline(always)]
    fn ordered(self) -> bool {
        A::DTYPE.is_complex()
    }
    #[inline(always)]
    fn op(self, a: A, b: A) -> A {
        a.fmin_(b)
    }
}

/// Combination of `f(x)` over `n` elements starting at `p` with element stride `s`.
///
/// # Safety
/// `p.offset(i * s)` must be valid for reads of an initialised, aligned `T` for every `i < n`,
/// and no other thread may write those elements meanwhile.
///
/// Not inlined: a reduction calls it once per lane, and an inlined copy in every caller (the
/// serial and parallel whole-array paths, each axis strategy) multiplied its code by four.
#[inline(never)]
pub unsafe fn pairwise<T: Copy, A: Num, M: Monoid<A>>(
    p: *const T,
    n: usize,
    s: isize,
    f: &impl Fn(T) -> A,
    m: M,
) -> A {
    if M::REORDERABLE {
        if s == 1 {
            // SAFETY: with stride 1 the caller makes `p..p + n` readable, `fold32`'s contract;
            // `simd_dispatch!` picks an AVX copy only on a CPU that has it.
            return unsafe {
                crate::kernels::simd::simd_dispatch!(A::VECTOR, A::WIDE; simd::fold32(p, n, f, m))
            };
        }
        let mut acc = m.id();
        for i in 0..n as isize {
            // SAFETY: the caller makes `p.offset(i * s)` readable for `i < n`.
            acc = m.op(acc, f(unsafe { *p.offset(i * s) }));
        }
        acc
    } else if s == 1 {
        // SAFETY: as above, for `sum1`.
        unsafe { crate::kernels::simd::simd_dispatch!(A::VECTOR, A::WIDE; simd::sum1(p, n, f, m)) }
    } else {
        // SAFETY: `pairwise_by` calls the closure only with `i < n`, for which the caller
        // makes `p.offset(i * s)` readable.
        pairwise_by(n, &|i| f(unsafe { *p.offset(i as isize * s) }), m)
    }
}

/// Pairwise combination of `f(i)` for `i < n`, in NumPy's order: blocks of 128 summed by eight
/// accumulators, halves split at a multiple of eight. Every float sum in the engine has this
/// shape, so results match NumPy's bit for bit on contiguous data. Complex sums follow NumPy's
/// complex loop, which runs the same scheme over the interleaved parts: four accumulators,
/// blocks of 64, halves at multiples of four.
///
/// Everything here is `#[inline(always)]` and the recursion is an explicit stack: a recursive
/// function is compiled once, without the AVX2/AVX-512 features of the `simd` copy that calls
/// it, and its loop then ran on SSE2 at a third of the speed.
#[inline(always)]
pub fn pairwise_by<A: crate::dtype::Element, M: Monoid<A>>(
    n: usize,
    f: &impl Fn(usize) -> A,
    m: M,
) -> A {
    if A::DTYPE.is_complex() {
        pairwise_tree::<A, M, 4>(n, f, m)
    } else {
        pairwise_tree::<A, M, 8>(n, f, m)
    }
}

/// The recursion of NumPy's pairwise sum, walked in the same order with two fixed stacks:
/// ranges still to sum (or a marker to combine the last two partial sums) and partial sums.
#[inline(always)]
fn pairwise_tree<A: Copy, M: Monoid<A>, const L: usize>(
    n: usize,
    f: &impl Fn(usize) -> A,
    m: M,
) -> A {
    if n <= 16 * L {
        return pairwise_leaf::<A, M, L>(0, n, f, m);
    }
    // Each split at least halves a range down to a multiple of L, so 64 levels cover any n;
    // the task stack holds at most one pending right half and one marker per level.
    const COMBINE: usize = usize::MAX;
    let mut tasks = [(0usize, 0usize); 130];
    let mut vals = [m.id(); 66];
    let (mut nt, mut nv) = (1, 0);
    tasks[0] = (0, n);
    while nt > 0 {
        nt -= 1;
        let (start, len) = tasks[nt];
        if start == COMBINE {
            nv -= 1;
            vals[nv - 1] = m.op(vals[nv - 1], vals[nv]);
        } else if len <= 16 * L {
            vals[nv] = pairwise_leaf::<A, M, L>(start, len, f, m);
            nv += 1;
        } else {
            let half = split_at::<L>(len);
            tasks[nt] = (COMBINE, 0);
            tasks[nt + 1] = (start + half, len - half);
            tasks[nt + 2] = (start, half);
            nt += 3;
        }
    }
    vals[0]
}

/// A block of at most `16 * L` elements: `L` accumulators (one running sum for ordered
/// monoids and short runs), combined as NumPy's unrolled loop combines them.
#[inline(always)]
fn pairwise_leaf<A: Copy, M: Monoid<A>, const L: usize>(
    start: usize,
    n: usize,
    f: &impl Fn(usize) -> A,
    m: M,
) -> A {
    if n < L || m.ordered() {
        let mut acc = m.id();
        for i in start..start + n {
            acc = m.op(acc, f(i));
        }
        return acc;
    }
    let mut r = [m.id(); L];
    for (k, r) in r.iter_mut().enumerate() {
        *r = f(start + k);
    }
    let full = n - n % L;
    let mut i = L;
    while i < full {
        for (k, r) in r.iter_mut().enumerate() {
            *r = m.op(*r, f(start + i + k));
        }
        i += L;
    }
    // The barrier keeps LLVM from planning the loop around the tree below: without it, it pairs
    // accumulators for that tree and runs the loop on 2-lane vectors with shuffles, whatever
    // the vector width (a third of the speed). With it the loop is one full-width add per step.
    let r = std::hint::black_box(r);
    // NumPy's tree: ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7)), or its first half.
    let mut acc = m.op(m.op(r[0], r[1]), m.op(r[2], r[3]));
    if L == 8 {
        acc = m.op(acc, m.op(m.op(r[4], r[5]), m.op(r[6], r[7])));
    }
    while i < n {
        acc = m.op(acc, f(start + i));
        i += 1;
    }
    acc
}

/// Where the pairwise recursion with `L` accumulators splits `n` elements: NumPy halves the
/// count of floats and rounds down to a multiple of eight floats.
#[inline(always)]
fn split_at<const L: usize>(n: usize) -> usize {
    let floats = n * 8 / L;
    let half = floats / 2 - (floats / 2) % 8;
    half * L / 8
}

/// Where `pairwise` splits a run of `n` elements of type `A`.
#[inline(always)]
pub fn split_point<A: crate::dtype::Element>(n: usize) -> usize {
    if A::DTYPE.is_complex() {
        split_at::<4>(n)
    } else {
        split_at::<8>(n)
    }
}

/// Runs at most this long are leaves of `pairwise_parallel`'s split: one task each.
const PARALLEL_LEAF: usize = 1 << 16;

/// The leaves of the top levels of `pairwise`'s tree over `n` elements from `start`, left to
/// right.
fn tree_leaves<A: Num>(start: usize, n: usize, leaves: &mut Vec<(usize, usize)>) {
    if n <= PARALLEL_LEAF {
        leaves.push((start, n));
    } else {
        let half = split_point::<A>(n);
        tree_leaves::<A>(start, half, leaves);
        tree_leaves::<A>(start + half, n - half, leaves);
    }
}

/// Combines the leaf values of `tree_leaves(_, n, _)` as the tree above them does.
fn tree_combine<A: Num, M: Monoid<A>>(n: usize, vals: &mut impl Iterator<Item = A>, m: M) -> A {
    if n <= PARALLEL_LEAF {
        vals.next().expect("one value per leaf")
    } else {
        let half = split_point::<A>(n);
        let a = tree_combine(half, vals, m);
        let b = tree_combine(n - half, vals, m);
        m.op(a, b)
    }
}

/// The same combination tree as `pairwise` over a contiguous run, with its leaves (the
/// subtrees of at most `PARALLEL_LEAF` elements) computed in parallel and the levels above
/// them on the calling thread: the result is identical to the serial one, whatever the thread
/// count, and so are the floating-point flags the caller sees.
///
/// # Safety
/// `p + i` must be valid for `i < n`.
pub unsafe fn pairwise_parallel<T: Copy + Sync, A: Num, M: Monoid<A>>(
    p: crate::iter::SendPtr<T>,
    n: usize,
    f: &(impl Fn(T) -> A + Sync),
    m: M,
) -> A {
    let mut leaves = Vec::new();
    tree_leaves::<A>(0, n, &mut leaves);
    let mut vals = vec![m.id(); leaves.len()];
    let dst = crate::iter::SendPtr(vals.as_mut_ptr());
    crate::parallel::for_each(leaves.len(), &|i| {
        let (start, len) = leaves[i];
        // SAFETY: the leaves cover `0..n` without overlap, inside the caller's run; task `i`
        // alone writes `vals[i]`.
        unsafe { *dst.at(i as isize) = pairwise(p.at(start as isize), len, 1, f, m) };
    });
    tree_combine(n, &mut vals.into_iter(), m)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// NumPy's pairwise sum as it writes it: recursion over halves, blocks of 128 by eight
    /// accumulators. The engine's explicit-stack walk must give the same bits for every length.
    fn numpy_pairwise(x: &[f64]) -> f64 {
        let n = x.len();
        if n < 8 {
            return x.iter().fold(0.0, |a, &b| a + b);
        }
        if n <= 128 {
            let mut r = [0.0; 8];
            r.copy_from_slice(&x[..8]);
            let mut i = 8;
            while i < n - n % 8 {
                for k in 0..8 {
                    r[k] += x[i + k];
                }
                i += 8;
            }
            let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for &v in &x[i..] {
                res += v;
            }
            return res;
        }
        let n2 = n / 2 - (n / 2) % 8;
        numpy_pairwise(&x[..n2]) + numpy_pairwise(&x[n2..])
    }

    #[test]
    fn pairwise_walks_numpys_tree() {
        let v: Vec<f64> = (0..20_000)
            .map(|i| ((i * 7919) % 1013) as f64 * 1e-3 + 1e10 * ((i % 3) as f64 - 1.0))
            .collect();
        for n in (0..300).chain([1000, 1023, 1024, 1025, 4097, 12_345, 20_000]) {
            let want = numpy_pairwise(&v[..n]);
            // SAFETY: `n <= v.len()`, so `v`'s first `n` elements are readable at stride 1.
            let got = unsafe { pairwise(v.as_ptr(), n, 1, &|x: f64| x, Sum) };
            assert_eq!(got.to_bits(), want.to_bits(), "n = {n}");
        }
    }

    #[test]
    fn pairwise_is_accurate() {
        let v: Vec<f32> = (0..1_000_003).map(|i| 0.1 + (i % 7) as f32).collect();
        let exact: f64 = v.iter().map(|&x| x as f64).sum();
        // SAFETY: the whole of `v`, at stride 1.
        let got = unsafe { pairwise(v.as_ptr(), v.len(), 1, &|x: f32| x, Sum) };
        assert!(((got as f64 - exact) / exact).abs() < 1e-6);
        let ints: Vec<i64> = (0..1000).collect();
        assert_eq!(
            // SAFETY: `ints` holds 1000 elements, read at stride 1 from the first.
            unsafe { pairwise(ints.as_ptr(), 1000, 1, &|x: i64| x, Sum) },
            499500
        );
        assert_eq!(
            // SAFETY: from the last of `ints`' 1000 elements (index 999) back to the first.
            unsafe { pairwise(ints.as_ptr().add(999), 1000, -1, &|x: i64| x, Sum) },
            499500
        );
    }

    #[test]
    fn pairwise_parallel_reports_the_flags_of_every_level() {
        // inf and -inf meet only in the top combination; an inf - inf inside a leaf, which
        // may run on another thread, must reach the caller as well.
        let mut v = vec![1.0f64; 1 << 18];
        v[0] = f64::INFINITY;
        *v.last_mut().unwrap() = f64::NEG_INFINITY;
        let p = crate::iter::SendPtr(v.as_mut_ptr());
        // SAFETY: `p` points at `v`'s `v.len()` float64, which nothing writes meanwhile.
        let (r, raised) = crate::kernels::fpstatus::collect(|| unsafe {
            pairwise_parallel(p, v.len(), &|x: f64| x, Sum)
        });
        assert!(r.is_nan());
        assert_eq!(raised, crate::kernels::fpstatus::INVALID);
        let mut w = vec![1.0f64; 1 << 18];
        w[(1 << 17) + 5] = f64::INFINITY;
        w[(1 << 17) + 6] = f64::NEG_INFINITY;
        let p = crate::iter::SendPtr(w.as_mut_ptr());
        // SAFETY: as above, `w`'s `w.len()` float64.
        let (r, raised) = crate::kernels::fpstatus::collect(|| unsafe {
            pairwise_parallel(p, w.len(), &|x: f64| x, Sum)
        });
        assert!(r.is_nan());
        assert_eq!(raised, crate::kernels::fpstatus::INVALID);
    }
}
