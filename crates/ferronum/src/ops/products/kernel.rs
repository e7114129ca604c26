//! The one place products are computed: a batch of `m x k` by `k x n` matrix products given as
//! strided views into three buffers. float32/64 and complex go to `gemm` (any row and column
//! strides, so transposed and sliced views need no copy); integers and bool to the panel kernel
//! in `intmm`. Tiny products run a direct loop, stacks of small ones split over the batch, and a
//! big one lets its kernel use the pool.

use super::intmm::{self, Mat};
use crate::array::Array;
use crate::dispatch;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::iter::SendPtr;
use crate::kernels::scalar::Num;
use crate::parallel;
use num_complex::{Complex32, Complex64};
use std::any::TypeId;

/// A batch of products `c[t] = a[t] @ b[t]`: sizes, strides (elements) shared by every item,
/// and each item's element offsets from its array's buffer base.
pub struct Problem {
    pub m: usize,
    pub n: usize,
    pub k: usize,
    pub a_rs: isize,
    pub a_cs: isize,
    pub b_rs: isize,
    pub b_cs: isize,
    pub c_rs: isize,
    pub c_cs: isize,
    /// `[a, b, c]` offsets per item.
    pub offsets: Vec<[isize; 3]>,
}

/// Multiply-adds below which gemm's set-up costs more than a plain loop.
const TINY: usize = 8 * 8 * 8;
/// Per-item work above which one product gets the whole pool (gemm and the panel kernel split
/// it themselves), rather than splitting the batch.
const BIG: usize = 96 * 96 * 96;

/// Runs `p` on arrays of one dtype (not float16, which the caller widens to float32). `c` is
/// written, never read; it must not overlap `a` or `b`.
pub fn run(a: &Array, b: &Array, c: &Array, p: &Problem) -> Result<()> {
    let dt = c.dtype();
    if a.dtype() != dt || b.dtype() != dt || dt == DType::F16 {
        return Err(Error::type_("matmul kernel: mismatched dtypes"));
    }
    if p.m == 0 || p.n == 0 || p.offsets.is_empty() {
        return Ok(());
    }
    dispatch!(dt, T => run_typed::<T>(a, b, c, p))
}

fn run_typed<T: Num>(a: &Array, b: &Array, c: &Array, p: &Problem) -> Result<()> {
    let (pa, pb, pc) = (a.base::<T>(), b.base::<T>(), c.base::<T>());
    let work = p.m * p.n * p.k.max(1);
    let item = |off: &[isize; 3], threads: usize| {
        // SAFETY: the offsets and strides come from the arrays' own layouts (the caller builds
        // them from views of these arrays), so every element of the three `m x k`, `k x n`,
        // `m x n` matrices of an item is inside its buffer, of dtype `T` (checked in `run`);
        // `c` is written only, and does not overlap `a` or `b` (`run`'s contract), and the
        // items' `c` matrices are disjoint, so items on different threads never share an
        // element they write.
        unsafe {
            let am = Mat {
                ptr: SendPtr(pa.at(off[0])),
                rs: p.a_rs,
                cs: p.a_cs,
            };
            let bm = Mat {
                ptr: SendPtr(pb.at(off[1])),
                rs: p.b_rs,
                cs: p.b_cs,
            };
            let cm = Mat {
                ptr: SendPtr(pc.at(off[2])),
                rs: p.c_rs,
                cs: p.c_cs,
            };
            product::<T>(p.m, p.n, p.k, am, bm, cm, threads);
        }
    };
    let threads = parallel::num_threads();
    let total = work.saturating_mul(p.offsets.len());
    // A stack is split by matrices when they are small, or when there are enough of them to
    // keep every thread busy: 64 products of 100x100 took 4.5 ms split inside each product
    // (2 cores) against NumPy's 15 ms.
    let by_items = work < BIG || p.offsets.len() >= 2 * threads;
    if p.offsets.len() > 1 && by_items && threads > 1 && total >= parallel::GRAIN * 4 {
        parallel::for_each(p.offsets.len(), &|i| item(&p.offsets[i], 1));
    } else {
        let t = if work >= BIG { threads } else { 1 };
        p.offsets.iter().for_each(|off| item(off, t));
    }
    Ok(())
}

/// Dot products at least this long are split across the pool. Below it, waking a second
/// thread costs more than it saves (2-core machine, float64: 100k elements 18 us on one thread,
/// 32 us split; 1M 187 / 210 us; 4M 1.73 / 1.25 ms).
const DOT_SPLIT: usize = 1 << 21;

/// A dot product split into one contiguous share per thread, the partial sums added in order.
///
/// # Safety
/// As `dot_strided`.
unsafe fn dot_split<T: Num>(
    k: usize,
    a: SendPtr<T>,
    sa: isize,
    b: SendPtr<T>,
    sb: isize,
    threads: usize,
) -> T {
    let share = k.div_ceil(threads).next_multiple_of(64);
    let mut parts = vec![T::zero(); k.div_ceil(share)];
    let dst = SendPtr(parts.as_mut_ptr());
    parallel::for_each(parts.len(), &|i| {
        let lo = i * share;
        let len = share.min(k - lo);
        // SAFETY: `lo + len <= k`, so the share lies inside both vectors; task `i` alone
        // writes `parts[i]`.
        unsafe {
            *dst.at(i as isize) =
                dot_dispatch(len, a.at(lo as isize * sa), sa, b.at(lo as isize * sb), sb)
        }
    });
    parts.into_iter().fold(T::zero(), |x, y| x.add(y))
}

/// One product with the kernel for `T`.
///
/// # Safety
/// The views must be valid for their shapes (as for `intmm::direct`: `a` (`m x k`) and `b`
/// (`k x n`) readable, `c` (`m x n`) writable, aligned elements of `T`), `c` disjoint from `a`
/// and `b`, and no other thread may write `a`, `b` or access `c` meanwhile.
unsafe fn product<T: Num>(
    m: usize,
    n: usize,
    k: usize,
    a: Mat<T>,
    b: Mat<T>,
    c: Mat<T>,
    threads: usize,
) {
    if k == 0 {
        for i in 0..m {
            for j in 0..n {
                // SAFETY: `(i, j)` with `i < m`, `j < n` is an element of `c`, which the caller
                // makes writable.
                unsafe { *c.ptr.at(i as isize * c.rs + j as isize * c.cs) = T::zero() };
            }
        }
        return;
    }
    let work = m * n * k;
    let id = TypeId::of::<T>();
    let is_float = id == TypeId::of::<f32>()
        || id == TypeId::of::<f64>()
        || id == TypeId::of::<Complex32>()
        || id == TypeId::of::<Complex64>();
    if m == 1 && n == 1 && threads > 1 && k >= DOT_SPLIT {
        // SAFETY: with `m == n == 1`, `a`'s one row is `k` elements at stride `a.cs` and `b`'s
        // one column `k` elements at stride `b.rs`, both readable; `c`'s one element is
        // writable.
        unsafe { *c.ptr.0 = dot_split(k, a.ptr, a.cs, b.ptr, b.rs, threads) };
    } else if m == 1 && n == 1 {
        // SAFETY: as above.
        unsafe { *c.ptr.0 = dot_dispatch(k, a.ptr.0, a.cs, b.ptr.0, b.rs) };
    } else if work <= TINY || (!is_float && work <= intmm::DIRECT_WORK) {
        // SAFETY: this function's contract is `direct`'s.
        unsafe { intmm::direct(m, n, k, a, b, c) };
    } else if is_float && threads >= FAER_THREADS {
        // SAFETY: this function's contract, and `is_float` makes `T` one of the four float
        // types `faer_product` asks for.
        unsafe { faer_product(m, n, k, a, b, c, threads) };
    } else if is_float {
        // SAFETY: this function's contract, passed on.
        unsafe { gemm_product(m, n, k, a, b, c, threads) };
    } else {
        // SAFETY: this function's contract is `blocked`'s.
        unsafe { intmm::blocked(m, n, k, a, b, c, threads > 1) };
    }
}

/// Threads from which float products go to faer's matmul rather than `gemm`. Measured on the
/// 16-core Xeon, 1000x1000 float64 / float32 in ms:
///
/// | threads | 1 | 2 | 4 | 8 | 16 |
/// |---|--:|--:|--:|--:|--:|
/// | gemm | 25.9 / 12.5 | 12.5 / 7.1 | 8.6 / 4.0 | 7.3 / 4.2 | 4.3 / 2.7 |
/// | faer | 35.8 / 17.5 | 16.7 / 7.4 | 10.5 / 4.1 | 5.4 / 2.7 | 3.6 / 1.8 |
///
/// (OpenBLAS on 16 threads: 3.9 / 2.0.) On the 2-core EPYC the two are within 2% of each other.
const FAER_THREADS: usize = 8;

/// `c = a b` for float32/64 and complex on `gemm`, which reads the views at their strides, so
/// transposed and sliced operands are not copied.
///
/// # Safety
/// As `product`.
unsafe fn gemm_product<T: Num>(
    m: usize,
    n: usize,
    k: usize,
    a: Mat<T>,
    b: Mat<T>,
    c: Mat<T>,
    threads: usize,
) {
    let par = if threads > 1 {
        gemm::Parallelism::Rayon(threads)
    } else {
        gemm::Parallelism::None
    };
    let call = move || {
        // SAFETY: `gemm` reads `a` (`m x k`) and `b` (`k x n`) and writes `c` (`m x n`) at the
        // given strides (column stride first), which the caller makes valid, with `c` disjoint
        // from both; `read_dst` is false (so `alpha` is ignored): `c`'s old contents, maybe
        // uninitialised, are never read. Its worker threads write disjoint parts of `c`. The
        // closure only moves the pointers into the pool.
        unsafe {
            gemm::gemm::<T>(
                m,
                n,
                k,
                c.ptr.at(0),
                c.cs,
                c.rs,
                false,
                a.ptr.at(0),
                a.cs,
                a.rs,
                b.ptr.at(0),
                b.cs,
                b.rs,
                T::zero(),
                T::one(),
                false,
                false,
                false,
                par,
            )
        }
    };
    if threads > 1 {
        parallel::install(call);
    } else {
        call();
    }
}

/// `c = a b` for float32/64 and complex on faer's matmul (its x86 kernels), which scales
/// better than `gemm` across many threads; it also reads the views at their strides.
///
/// # Safety
/// As `product`; `T` must be one of the four float types.
unsafe fn faer_product<T: Num>(
    m: usize,
    n: usize,
    k: usize,
    a: Mat<T>,
    b: Mat<T>,
    c: Mat<T>,
    threads: usize,
) {
    // `on!(F)` runs only where `TypeId` found `T` to be `F`, so the pointer casts below name
    // the same type. The views live until the end of this call, for which the caller keeps
    // the memory valid.
    macro_rules! on {
        ($F:ty) => {{
            // SAFETY: the caller makes every element `(i, j)`, `i < m`, `j < k`, of `a` at
            // strides `a.rs`, `a.cs` readable, and no one writes it while the view lives.
            let am = unsafe {
                faer::MatRef::<$F>::from_raw_parts(a.ptr.0 as *const $F, m, k, a.rs, a.cs)
            };
            // SAFETY: as above, for `b` (`k x n`).
            let bm = unsafe {
                faer::MatRef::<$F>::from_raw_parts(b.ptr.0 as *const $F, k, n, b.rs, b.cs)
            };
            // SAFETY: the caller makes `c` (`m x n` at `c.rs`, `c.cs`) writable and disjoint
            // from `a` and `b`, and nothing else accesses it while this view lives.
            let cm = unsafe {
                faer::MatMut::<$F>::from_raw_parts_mut(c.ptr.0 as *mut $F, m, n, c.rs, c.cs)
            };
            // SAFETY: `T` is `$F` here, so this copies a `$F` as a `$F`.
            let one: $F = unsafe { std::mem::transmute_copy(&T::one()) };
            let par = if threads > 1 {
                faer::Par::rayon(threads)
            } else {
                faer::Par::Seq
            };
            let run =
                move || faer::linalg::matmul::matmul(cm, faer::Accum::Replace, am, bm, one, par);
            if threads > 1 {
                parallel::install(run);
            } else {
                run();
            }
        }};
    }
    let id = TypeId::of::<T>();
    if id == TypeId::of::<f64>() {
        on!(f64)
    } else if id == TypeId::of::<f32>() {
        on!(f32)
    } else if id == TypeId::of::<Complex64>() {
        on!(Complex64)
    } else if id == TypeId::of::<Complex32>() {
        on!(Complex32)
    }
}

/// `dot_strided` through the CPU's widest vector unit.
///
/// # Safety
/// As `dot_strided`.
unsafe fn dot_dispatch<T: Num>(k: usize, a: *const T, sa: isize, b: *const T, sb: isize) -> T {
    #[cfg(target_arch = "x86_64")]
    {
        match crate::kernels::simd::level() {
            // SAFETY: level 3 is detected only on a CPU with AVX-512 F/VL/DQ/BW, AVX2 and FMA;
            // the rest is this function's contract, passed on.
            3 => return unsafe { dot_avx512(k, a, sa, b, sb) },
            // SAFETY: level 2 is detected only on a CPU with AVX2 and FMA; the rest as above.
            2 => return unsafe { dot_avx2(k, a, sa, b, sb) },
            _ => {}
        }
    }
    // SAFETY: this function's contract, passed on.
    unsafe { dot_strided(k, a, sa, b, sb) }
}

/// `dot_strided` compiled with AVX-512.
///
/// # Safety
/// As `dot_strided`, and the CPU must support AVX-512 F/VL/DQ/BW, AVX2 and FMA.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512vl,avx512dq,avx512bw,avx2,fma")]
unsafe fn dot_avx512<T: Num>(k: usize, a: *const T, sa: isize, b: *const T, sb: isize) -> T {
    // SAFETY: this function's contract, passed on.
    unsafe { dot_strided(k, a, sa, b, sb) }
}

/// `dot_strided` compiled with AVX2 and FMA.
///
/// # Safety
/// As `dot_strided`, and the CPU must support AVX2 and FMA.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn dot_avx2<T: Num>(k: usize, a: *const T, sa: isize, b: *const T, sb: isize) -> T {
    // SAFETY: this function's contract, passed on.
    unsafe { dot_strided(k, a, sa, b, sb) }
}

/// A dot product with eight accumulators, so float sums vectorise and keep latency hidden.
///
/// # Safety
/// Both vectors must be valid for `k` elements at their strides: `a.offset(i * sa)` and
/// `b.offset(i * sb)` readable, initialised and aligned for every `i < k`, and not written by
/// anyone meanwhile.
#[inline(always)]
pub unsafe fn dot_strided<T: Num>(k: usize, a: *const T, sa: isize, b: *const T, sb: isize) -> T {
    let mut acc = [T::zero(); 8];
    let chunks = k / 8;
    if sa == 1 && sb == 1 {
        // SAFETY: at stride 1 the caller makes `a..a + k` readable, initialised and aligned,
        // and keeps it unwritten while this shared slice lives.
        let x = unsafe { std::slice::from_raw_parts(a, k) };
        // SAFETY: as for `x`, `b..b + k`.
        let y = unsafe { std::slice::from_raw_parts(b, k) };
        for (xc, yc) in x.chunks_exact(8).zip(y.chunks_exact(8)) {
            for l in 0..8 {
                acc[l] = acc[l].add(xc[l].mul(yc[l]));
            }
        }
    } else {
        for q in 0..chunks {
            for (l, slot) in acc.iter_mut().enumerate() {
                let i = (q * 8 + l) as isize;
                // SAFETY: `i < chunks * 8 <= k`, an element of both vectors.
                *slot = slot.add(unsafe { (*a.offset(i * sa)).mul(*b.offset(i * sb)) });
            }
        }
    }
    let mut tail = T::zero();
    for i in chunks * 8..k {
        let i = i as isize;
        // SAFETY: `i < k`, an element of both vectors.
        tail = tail.add(unsafe { (*a.offset(i * sa)).mul(*b.offset(i * sb)) });
    }
    let s0 = acc[0].add(acc[4]).add(acc[2].add(acc[6]));
    let s1 = acc[1].add(acc[5]).add(acc[3].add(acc[7]));
    s0.add(s1).add(tail)
}
