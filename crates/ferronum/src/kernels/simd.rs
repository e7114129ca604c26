//! Runtime CPU dispatch. Each hot loop is written once as an `#[inline(always)]` generic
//! function; `simd_dispatch!` calls it through a copy compiled with AVX2 enabled when the CPU
//! has it, else through the baseline copy. No `target-cpu=native`: wheels stay portable.
//!
//! Enabling FMA here does not change results: Rust never contracts `a * b + c` on its own.

use std::sync::atomic::{AtomicU8, Ordering};

static LEVEL: AtomicU8 = AtomicU8::new(0);

/// 1: baseline, 2: AVX2 + FMA, 3: AVX-512 (F, VL, DQ, BW) as well. Detected once.
#[inline(always)]
pub fn level() -> u8 {
    match LEVEL.load(Ordering::Relaxed) {
        0 => {
            let l = detect();
            LEVEL.store(l, Ordering::Relaxed);
            l
        }
        l => l,
    }
}

fn detect() -> u8 {
    #[cfg(target_arch = "x86_64")]
    {
        if std::env::var_os("FERRONUM_NO_AVX512").is_none()
            && std::is_x86_feature_detected!("avx512f")
            && std::is_x86_feature_detected!("avx512vl")
            && std::is_x86_feature_detected!("avx512dq")
            && std::is_x86_feature_detected!("avx512bw")
            && std::is_x86_feature_detected!("avx2")
            && std::is_x86_feature_detected!("fma")
        {
            return 3;
        }
        if std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma") {
            return 2;
        }
    }
    1
}

/// Calls `simd::name(args)` through its AVX-512 or AVX2 copy when the CPU has it. With a
/// leading `vector, wide;` pair of (constant) conditions, the AVX2 and AVX-512 copies are only
/// used, and so only compiled, where those hold (see `Element::VECTOR`, `Element::WIDE`).
#[macro_export]
macro_rules! simd_dispatch {
    ($vector:expr, $wide:expr; $path:ident :: $name:ident ( $($arg:expr),* $(,)? )) => {{
        #[cfg(target_arch = "x86_64")]
        {
            if !$vector {
                $crate::kernels::simd::$name($($arg),*)
            } else {
                match $crate::kernels::simd::level() {
                    3 if $wide => $crate::kernels::simd::avx512::$name($($arg),*),
                    1 => $crate::kernels::simd::$name($($arg),*),
                    _ => $crate::kernels::simd::avx2::$name($($arg),*),
                }
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            $crate::kernels::simd::$name($($arg),*)
        }
    }};
    ($path:ident :: $name:ident ( $($arg:expr),* $(,)? )) => {
        $crate::simd_dispatch!(true, true; $path::$name($($arg),*))
    };
}
pub(crate) use simd_dispatch;

/// Defines each loop three times: as written, in `avx2::` with AVX2 and FMA enabled, and in
/// `avx512::` with AVX-512 as well.
macro_rules! multiversion {
    ($(
        $(#[$meta:meta])*
        pub unsafe fn $name:ident<$($g:ident $(: $b:path)?),*>($($arg:ident: $ty:ty),* $(,)?) $(-> $ret:ty)? $body:block
    )*) => {
        $(
            $(#[$meta])*
            ///
            /// # Safety
            /// Every pointer must be valid for `n` elements, aligned for its type: the inputs
            /// (`x`, `y`) readable and initialised, the outputs (`o`, `acc`) writable (`acc`
            /// also readable and initialised). No other thread may access the outputs or write
            /// the inputs meanwhile. An output may be exactly an input (same address: in place)
            /// when its element is no larger than the input's; otherwise it must not overlap
            /// an input.
            #[inline(always)]
            pub unsafe fn $name<$($g $(: $b)?),*>($($arg: $ty),*) $(-> $ret)? $body
        )*
        #[cfg(target_arch = "x86_64")]
        pub mod avx2 {
            #[allow(unused_imports)]
            use super::*;
            $(
                /// The AVX2 copy of the loop of the same name.
                ///
                /// # Safety
                /// As for the baseline copy, and the CPU must support AVX2 and FMA.
                #[target_feature(enable = "avx2,fma")]
                pub unsafe fn $name<$($g $(: $b)?),*>($($arg: $ty),*) $(-> $ret)? {
                    // SAFETY: the caller upholds the baseline copy's contract, passed on
                    // unchanged; it runs here with AVX2 and FMA, which the caller guarantees.
                    unsafe { super::$name($($arg),*) }
                }
            )*
        }
        #[cfg(target_arch = "x86_64")]
        pub mod avx512 {
            #[allow(unused_imports)]
            use super::*;
            $(
                /// The AVX-512 copy of the loop of the same name.
                ///
                /// # Safety
                /// As for the baseline copy, and the CPU must support AVX-512 F/VL/DQ/BW.
                #[target_feature(enable = "avx512f,avx512vl,avx512dq,avx512bw,avx2,fma")]
                pub unsafe fn $name<$($g $(: $b)?),*>($($arg: $ty),*) $(-> $ret)? {
                    // SAFETY: the caller upholds the baseline copy's contract, passed on
                    // unchanged; it runs here with AVX-512, which the caller guarantees.
                    unsafe { super::$name($($arg),*) }
                }
            )*
        }
    };
}

use super::reduce::{pairwise_by, Monoid};
use super::scalar::Num;
use crate::dtype::DType;

/// Elements per block of an in-place loop whose element types differ in size (a bool view over
/// a uint8 input). LLVM guards its vector loop with an overlap check that an output equal to an
/// input fails, so a plain in-place loop runs scalar; reading a block into a local first (which
/// cannot alias `o`) lets the block's loop vectorise. Reading the block before writing it is
/// exact for an element-wise loop, since element `i` is written only from element `i`.
///
/// When the sizes match, the in-place loops instead read and write through one pointer: LLVM
/// then sees that element `i` depends only on element `i` and vectorises without a check and
/// without the round trip through the stack (whose wide stores and loads stall on forwarding).
const IN_PLACE_BLOCK: usize = 64;

/// Whether `O` and `A` have one size, so an in-place loop may use one pointer for both.
const fn same_size<A, O>() -> bool {
    std::mem::size_of::<A>() == std::mem::size_of::<O>()
}

multiversion! {
    /// `o[i] = f(x[i])` for `i < n`.
    pub unsafe fn contig1<A: Copy, O: Copy, F: Fn(A) -> O>(o: *mut O, x: *const A, n: usize, f: &F) {
        if std::ptr::addr_eq(o, x) && same_size::<A, O>() {
            let p = x as *mut A;
            for i in 0..n {
                // SAFETY: `o` is `x` and the element sizes agree, so element `i < n` of both is
                // at `p.add(i)`, aligned for `A` and for `O` (both pointers are, and `O`'s
                // size is a multiple of its alignment); it is read before it is written.
                unsafe {
                    let a = *p.add(i);
                    *(p.add(i) as *mut O) = f(a);
                }
            }
            return;
        }
        if std::ptr::addr_eq(o, x) {
            let mut i = 0;
            while i + IN_PLACE_BLOCK <= n {
                // SAFETY: `i + IN_PLACE_BLOCK <= n`: the block is elements of `x`
                // (`[A; N]` has `A`'s alignment), copied out before any of it is written.
                let xs = unsafe { std::ptr::read(x.add(i) as *const [A; IN_PLACE_BLOCK]) };
                for (k, &a) in xs.iter().enumerate() {
                    // SAFETY: `i + k < n`, an element of `o`; `O` being no larger than `A`
                    // (the contract), it covers only bytes of elements already read.
                    unsafe { *o.add(i + k) = f(a) };
                }
                i += IN_PLACE_BLOCK;
            }
            for k in i..n {
                // SAFETY: `k < n`; `x[k]` is read before `o[k]`, which covers only bytes of
                // elements up to `k`, is written.
                unsafe { *o.add(k) = f(*x.add(k)) };
            }
            return;
        }
        for i in 0..n {
            // SAFETY: `i < n`, an element of both; here `o` does not overlap `x`.
            unsafe { *o.add(i) = f(*x.add(i)) };
        }
    }

    /// `o[i] = f(x[i])` for `i < n`, returning the OR of `g(x[i], o[i])`: the floating-point
    /// flags a branch-free function should have raised, computed from the values in the same
    /// pass.
    pub unsafe fn contig1_flags<A: Copy, O: Copy, F: Fn(A) -> O, G: Fn(A, O) -> u8>(o: *mut O, x: *const A, n: usize, f: &F, g: &G) -> u8 {
        let mut acc = 0u8;
        for i in 0..n {
            // SAFETY: `i < n`, an element of `x` and of `o`; `x[i]` is read before `o[i]` is
            // written (in place, `o` is `x`).
            let a = unsafe { *x.add(i) };
            let r = f(a);
            // SAFETY: as above.
            unsafe { *o.add(i) = r };
            acc |= g(a, r);
        }
        acc
    }

    /// `o[i] = f(i)` for `i < n`: `arange`'s fills, where `f` is affine in `i` and the
    /// loop vectorises as an induction.
    pub unsafe fn ramp<O: Copy, F: Fn(usize) -> O>(o: *mut O, n: usize, f: &F) {
        for i in 0..n {
            // SAFETY: `i < n`, an element of `o`.
            unsafe { *o.add(i) = f(i) };
        }
    }

    /// `o[i] = f(x[i], y[i])` for `i < n`.
    pub unsafe fn contig2<A: Copy, B: Copy, O: Copy, F: Fn(A, B) -> O>(o: *mut O, x: *const A, y: *const B, n: usize, f: &F) {
        let (ox, oy) = (std::ptr::addr_eq(o, x), std::ptr::addr_eq(o, y));
        if ox && oy && same_size::<A, O>() && same_size::<B, O>() {
            // `a * a` in place: one pointer for all three.
            let p = x as *mut A;
            for i in 0..n {
                // SAFETY: `o`, `x` and `y` are one address with elements of one size, so
                // element `i < n` of each is at `p.add(i)`, aligned for all three types; both
                // reads come before the write.
                unsafe {
                    let a = *p.add(i);
                    *(p.add(i) as *mut O) = f(a, *(p.add(i) as *const B));
                }
            }
            return;
        }
        if ox && !oy && same_size::<A, O>() {
            let p = x as *mut A;
            for i in 0..n {
                // SAFETY: `o` is `x` with elements of one size: element `i < n` of both is at
                // `p.add(i)`, aligned for `A` and `O`, read before it is written; `y[i]` is an
                // element of `y`, which does not overlap `o`.
                unsafe {
                    let a = *p.add(i);
                    *(p.add(i) as *mut O) = f(a, *y.add(i));
                }
            }
            return;
        }
        if oy && !ox && same_size::<B, O>() {
            let p = y as *mut B;
            for i in 0..n {
                // SAFETY: as above, with `o` being `y`.
                unsafe {
                    let b = *p.add(i);
                    *(p.add(i) as *mut O) = f(*x.add(i), b);
                }
            }
            return;
        }
        if ox || oy {
            let mut i = 0;
            while i + IN_PLACE_BLOCK <= n {
                // SAFETY: `i + IN_PLACE_BLOCK <= n`: the blocks are elements of `x` and `y`
                // (`[T; N]` has `T`'s alignment), copied out before any of them is written.
                let xs = unsafe { std::ptr::read(x.add(i) as *const [A; IN_PLACE_BLOCK]) };
                // SAFETY: as above.
                let ys = unsafe { std::ptr::read(y.add(i) as *const [B; IN_PLACE_BLOCK]) };
                for k in 0..IN_PLACE_BLOCK {
                    // SAFETY: `i + k < n`, an element of `o`; `O` being no larger than the
                    // input it is (the contract), it covers only bytes already read.
                    unsafe { *o.add(i + k) = f(xs[k], ys[k]) };
                }
                i += IN_PLACE_BLOCK;
            }
            for k in i..n {
                // SAFETY: `k < n`; both reads come before the write of `o[k]`, which covers
                // only bytes of elements up to `k`.
                unsafe { *o.add(k) = f(*x.add(k), *y.add(k)) };
            }
            return;
        }
        for i in 0..n {
            // SAFETY: `i < n`, an element of each; here `o` overlaps neither input.
            unsafe { *o.add(i) = f(*x.add(i), *y.add(i)) };
        }
    }

    /// Pairwise combination of `f(x[i])` over a contiguous run.
    pub unsafe fn sum1<A: Copy, R: Num, F: Fn(A) -> R, M: Monoid<R>>(x: *const A, n: usize, f: &F, m: M) -> R {
        // SAFETY: `pairwise_by` passes only `i < n`, an element of `x`.
        pairwise_by(n, &|i| f(unsafe { *x.add(i) }), m)
    }

    /// Pairwise sum of `f(x[i], y[i])` over contiguous runs (dot products).
    pub unsafe fn sum2<A: Copy, B: Copy, R: Num, F: Fn(A, B) -> R, M: Monoid<R>>(x: *const A, y: *const B, n: usize, f: &F, m: M) -> R {
        // SAFETY: `pairwise_by` passes only `i < n`, an element of `x` and of `y`.
        pairwise_by(n, &|i| f(unsafe { *x.add(i) }, unsafe { *y.add(i) }), m)
    }

    /// Combination of `f(x[i])` for reorderable monoids. Integers and booleans: a plain loop,
    /// which LLVM vectorises itself as a reduction (its lanes, unrolled), where explicit lanes
    /// made it vectorise across them with gathers. Floats, whose NaN-aware extrema LLVM does
    /// not recognise as reductions: independent lanes, 256 bytes of accumulators (64 float32,
    /// 32 float64), enough chains to hide the latency of a `max`; runs shorter than 256 over
    /// 8 lanes, which a short row (of 30) still fills.
    pub unsafe fn fold32<A: Copy, R: Num, F: Fn(A) -> R, M: Monoid<R>>(x: *const A, n: usize, f: &F, m: M) -> R {
        if !matches!(R::DTYPE, DType::F16 | DType::F32 | DType::F64) {
            let mut acc = m.id();
            for i in 0..n {
                // SAFETY: `i < n`, an element of `x` (the caller's contract).
                acc = m.op(acc, f(unsafe { *x.add(i) }));
            }
            return acc;
        }
        // SAFETY: the caller makes `x..x + n` readable, `fold_lanes`' contract.
        unsafe {
            if n < 256 {
                fold_lanes::<8, A, R, F, M>(x, n, f, m)
            } else if std::mem::size_of::<R>() <= 4 {
                fold_lanes::<64, A, R, F, M>(x, n, f, m)
            } else {
                fold_lanes::<32, A, R, F, M>(x, n, f, m)
            }
        }
    }

    /// `acc[i] = (acc[i] + f(x[i])) + f(y[i])`: two rows per pass. Besides halving the traffic
    /// on `acc`, the store is never just the loaded value, which keeps LLVM from turning
    /// extrema into masked stores (microcoded, very slow, on AMD).
    pub unsafe fn acc2<A: Copy, R: Num, F: Fn(A) -> R, M: Monoid<R>>(acc: *mut R, x: *const A, y: *const A, n: usize, f: &F, m: M) {
        for i in 0..n {
            // SAFETY: `i < n`, an element of `acc`, `x` and `y`; `acc` overlaps neither input.
            unsafe { *acc.add(i) = m.op(m.op(*acc.add(i), f(*x.add(i))), f(*y.add(i))) };
        }
    }

    /// `acc[i] += f(x[i])`: accumulating a row into a row of partial sums.
    pub unsafe fn acc1<A: Copy, R: Num, F: Fn(A) -> R, M: Monoid<R>>(acc: *mut R, x: *const A, n: usize, f: &F, m: M) {
        for i in 0..n {
            // SAFETY: `i < n`, an element of `acc` and `x`; `acc` does not overlap `x`.
            unsafe { *acc.add(i) = m.op(*acc.add(i), f(*x.add(i))) };
        }
    }
}

/// `f(x[i])` for `i < n` combined in `L` lanes (a power of two; lane `k` takes elements
/// `k`, `k + L`, ..., the tail included), then the lanes in a halving tree, which vectorises
/// where a chain of `L - 1` scalar combinations would not. Inlined into each CPU tier's
/// `fold32`, so it is compiled with that tier's features.
///
/// # Safety
/// `x..x + n` must be initialised, aligned elements that no thread writes meanwhile.
#[inline(always)]
unsafe fn fold_lanes<const L: usize, A: Copy, R: Num, F: Fn(A) -> R, M: Monoid<R>>(
    x: *const A,
    n: usize,
    f: &F,
    m: M,
) -> R {
    let mut r = [m.id(); L];
    let full = n - n % L;
    let mut i = 0;
    while i < full {
        for (k, r) in r.iter_mut().enumerate() {
            // SAFETY: `i + k < i + L <= full <= n`, an element of `x`.
            *r = m.op(*r, f(unsafe { *x.add(i + k) }));
        }
        i += L;
    }
    for (k, r) in r.iter_mut().enumerate().take(n - full) {
        // SAFETY: `full + k < n`, an element of `x`.
        *r = m.op(*r, f(unsafe { *x.add(full + k) }));
    }
    let mut w = L;
    while w > 1 {
        w /= 2;
        for k in 0..w {
            r[k] = m.op(r[k], r[k + w]);
        }
    }
    r[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// In place (`o` is `x` or `y`) over whole blocks and a tail, at every CPU tier the
    /// machine has: the blocked path must give what an out-of-place loop gives.
    #[test]
    fn in_place_loops_match_out_of_place() {
        let n = 3 * IN_PLACE_BLOCK + 5;
        let x: Vec<f64> = (0..n).map(|i| i as f64 * 0.5 - 7.0).collect();
        let y: Vec<f64> = (0..n).map(|i| (i * i) as f64).collect();
        let want2: Vec<f64> = x.iter().zip(&y).map(|(a, b)| a * 3.0 - b).collect();
        let want1: Vec<f64> = x.iter().map(|a| a * a + 1.0).collect();
        let f2 = |a: f64, b: f64| a * 3.0 - b;
        let f1 = |a: f64| a * a + 1.0;
        for tier in 1..=level() {
            // SAFETY: every call below passes pointers to whole `Vec`s of `n` float64, the
            // output either a separate `Vec` or exactly an input; `tier` is at most the level
            // this CPU was detected to have.
            let run2 = |o: *mut f64, x: *const f64, y: *const f64| unsafe {
                match tier {
                    3 => avx512::contig2(o, x, y, n, &f2),
                    2 => avx2::contig2(o, x, y, n, &f2),
                    _ => contig2(o, x, y, n, &f2),
                }
            };
            let mut ox = x.clone();
            run2(ox.as_mut_ptr(), ox.as_ptr(), y.as_ptr());
            assert_eq!(ox, want2, "o = x, tier {tier}");
            let mut oy = y.clone();
            run2(oy.as_mut_ptr(), x.as_ptr(), oy.as_ptr());
            assert_eq!(oy, want2, "o = y, tier {tier}");
            let mut o1 = x.clone();
            // SAFETY: in place over `o1`'s `n` float64; `tier` is at most this CPU's level.
            unsafe {
                match tier {
                    3 => avx512::contig1(o1.as_mut_ptr(), o1.as_ptr(), n, &f1),
                    2 => avx2::contig1(o1.as_mut_ptr(), o1.as_ptr(), n, &f1),
                    _ => contig1(o1.as_mut_ptr(), o1.as_ptr(), n, &f1),
                }
            }
            assert_eq!(o1, want1, "contig1 in place, tier {tier}");
            let mut oxy = x.clone();
            let p = oxy.as_mut_ptr();
            run2(p, p, p);
            let want_xy: Vec<f64> = x.iter().map(|a| a * 3.0 - a).collect();
            assert_eq!(oxy, want_xy, "o = x = y, tier {tier}");
        }
    }

    /// In place with a smaller output element (a uint8 result over its uint32 input's bytes):
    /// the blocked path, which reads each block before writing it.
    #[test]
    fn in_place_narrowing_reads_before_writing() {
        let n = 2 * IN_PLACE_BLOCK + 3;
        let x: Vec<u32> = (0..n as u32).map(|i| i * 37 + 5).collect();
        let want: Vec<u8> = x.iter().map(|&a| (a % 251) as u8).collect();
        let f = |a: u32| (a % 251) as u8;
        for tier in 1..=level() {
            let mut buf = x.clone();
            let (o, p) = (buf.as_mut_ptr() as *mut u8, buf.as_ptr());
            // SAFETY: `buf` holds `n` uint32, so its bytes hold `n` uint8 from the same
            // address (in place, the output element smaller); `tier` is at most this CPU's
            // level; the slice reads the `n` bytes just written, after the last write.
            unsafe {
                match tier {
                    3 => avx512::contig1(o, p, n, &f),
                    2 => avx2::contig1(o, p, n, &f),
                    _ => contig1(o, p, n, &f),
                }
                let got = std::slice::from_raw_parts(o, n);
                assert_eq!(got, &want[..], "tier {tier}");
            }
        }
    }
}
