//! Integer and boolean matrix products (gemm covers only floats). A panel kernel: B is packed
//! once into column panels of `NR`, A into `MR`-row micro-panels per `KC` slice, and each
//! `MR x NR` tile of C is accumulated in registers. Arithmetic wraps, as NumPy's integer loops;
//! for bool, `Num::add`/`Num::mul` are or/and, which is NumPy's logical matmul.

use crate::iter::SendPtr;
use crate::kernels::scalar::Num;
use crate::parallel;

const MR: usize = 4;
const NR: usize = 16;
const KC: usize = 256;
const MC: usize = 64;

/// A strided matrix: element pointer to `[0, 0]`, row and column strides in elements.
#[derive(Clone, Copy)]
pub struct Mat<T> {
    pub ptr: SendPtr<T>,
    pub rs: isize,
    pub cs: isize,
}

impl<T> Mat<T> {
    /// # Safety
    /// `(i, j)` must be inside the matrix: `ptr + i * rs + j * cs` within the allocation
    /// that holds it.
    #[inline(always)]
    unsafe fn at(&self, i: usize, j: usize) -> *mut T {
        // SAFETY: the caller keeps `(i, j)` inside the matrix, so the offset stays within the
        // allocation it lives in (and so cannot overflow `isize`).
        unsafe {
            self.ptr
                .0
                .offset(i as isize * self.rs + j as isize * self.cs)
        }
    }
}

/// Below this many multiply-adds a plain triple loop beats packing.
pub const DIRECT_WORK: usize = 32 * 32 * 32;

/// `c = a @ b` for an `m x k` by `k x n` product, looping directly (no packing, no threads).
///
/// # Safety
/// The three matrices must be valid for their shapes (every element of `a` (`m x k`) and `b`
/// (`k x n`) readable and initialised, every element of `c` (`m x n`) writable, all aligned);
/// `c` must not overlap `a` or `b`, and no other thread may write `a` or `b` or access `c`
/// meanwhile.
pub unsafe fn direct<T: Num>(m: usize, n: usize, k: usize, a: Mat<T>, b: Mat<T>, c: Mat<T>) {
    for i in 0..m {
        for j in 0..n {
            let mut acc = T::zero();
            for p in 0..k {
                // SAFETY: `i < m`, `p < k`, `j < n`: elements of `a` and `b`, which the caller
                // makes readable.
                acc = acc.add(unsafe { (*a.at(i, p)).mul(*b.at(p, j)) });
            }
            // SAFETY: `(i, j)` is an element of `c`, which the caller makes writable and
            // disjoint from `a` and `b`.
            unsafe { *c.at(i, j) = acc };
        }
    }
}

/// `c = a @ b` by the panel kernel, parallel over blocks of `MC` rows when `parallel` is set.
///
/// # Safety
/// As `direct`; with `parallel`, `a` and `b` are read from several threads at once (each
/// writing its own rows of `c`).
pub unsafe fn blocked<T: Num>(
    m: usize,
    n: usize,
    k: usize,
    a: Mat<T>,
    b: Mat<T>,
    c: Mat<T>,
    parallel: bool,
) {
    let panels = n.div_ceil(NR);
    // B as `panels` column panels, each `k x NR` row-major, zero-padded on the right.
    let mut bp = vec![T::zero(); panels * k * NR];
    for (q, panel) in bp.chunks_mut(k * NR).enumerate() {
        let j0 = q * NR;
        let w = NR.min(n - j0);
        for p in 0..k {
            let row = &mut panel[p * NR..p * NR + w];
            for (jj, v) in row.iter_mut().enumerate() {
                // SAFETY: `p < k` and `j0 + jj < j0 + w <= n`: an element of `b`, which the
                // caller makes readable.
                *v = unsafe { *b.at(p, j0 + jj) };
            }
        }
    }
    let blocks = m.div_ceil(MC);
    let bp = &bp;
    let run = |blk: usize| {
        let i0 = blk * MC;
        let rows = MC.min(m - i0);
        // SAFETY: `i0 + rows <= m`, so the block's rows are inside `a` and `c`, which the
        // caller makes valid (and `b` was packed into `bp` above); each block writes only its
        // own rows `i0..i0 + rows` of `c`, so blocks on different threads never touch the same
        // element, and `a`, `b` are only read.
        unsafe { row_block(i0, rows, n, k, a, bp, c) }
    };
    if parallel && blocks > 1 && parallel::num_threads() > 1 {
        parallel::for_each(blocks, &run);
    } else {
        (0..blocks).for_each(run);
    }
}

/// Rows `i0..i0 + rows` of `c`, through the CPU's widest vector unit.
///
/// # Safety
/// `a` and `c` must be valid (as for `direct`) for rows `i0..i0 + rows` by `k` and `n`
/// columns, and no other thread may access those rows of `c` meanwhile.
unsafe fn row_block<T: Num>(
    i0: usize,
    rows: usize,
    n: usize,
    k: usize,
    a: Mat<T>,
    bp: &[T],
    c: Mat<T>,
) {
    #[cfg(target_arch = "x86_64")]
    {
        match crate::kernels::simd::level() {
            // SAFETY: level 3 is detected only on a CPU with AVX-512 F/VL/DQ/BW, AVX2 and FMA;
            // the rest is this function's contract, passed on.
            3 => return unsafe { row_block_avx512(i0, rows, n, k, a, bp, c) },
            // SAFETY: level 2 is detected only on a CPU with AVX2 and FMA; the rest as above.
            2 => return unsafe { row_block_avx2(i0, rows, n, k, a, bp, c) },
            _ => {}
        }
    }
    // SAFETY: this function's contract, passed on.
    unsafe { row_block_body(i0, rows, n, k, a, bp, c) }
}

#[cfg(target_arch = "x86_64")]
/// `row_block_body` compiled with AVX-512.
///
/// # Safety
/// As `row_block`, and the CPU must support AVX-512 F/VL/DQ/BW, AVX2 and FMA.
#[target_feature(enable = "avx512f,avx512vl,avx512dq,avx512bw,avx2,fma")]
unsafe fn row_block_avx512<T: Num>(
    i0: usize,
    rows: usize,
    n: usize,
    k: usize,
    a: Mat<T>,
    bp: &[T],
    c: Mat<T>,
) {
    // SAFETY: this function's contract, passed on.
    unsafe { row_block_body(i0, rows, n, k, a, bp, c) }
}

#[cfg(target_arch = "x86_64")]
/// `row_block_body` compiled with AVX2 and FMA.
///
/// # Safety
/// As `row_block`, and the CPU must support AVX2 and FMA.
#[target_feature(enable = "avx2,fma")]
unsafe fn row_block_avx2<T: Num>(
    i0: usize,
    rows: usize,
    n: usize,
    k: usize,
    a: Mat<T>,
    bp: &[T],
    c: Mat<T>,
) {
    // SAFETY: this function's contract, passed on.
    unsafe { row_block_body(i0, rows, n, k, a, bp, c) }
}

/// The panel kernel over rows `i0..i0 + rows` of `c`.
///
/// # Safety
/// As `row_block`.
#[inline(always)]
unsafe fn row_block_body<T: Num>(
    i0: usize,
    rows: usize,
    n: usize,
    k: usize,
    a: Mat<T>,
    bp: &[T],
    c: Mat<T>,
) {
    let micro = rows.div_ceil(MR);
    let mut ap = vec![T::zero(); micro * KC * MR];
    let mut p0 = 0;
    loop {
        let kc = KC.min(k - p0);
        // A's rows as micro-panels, each `kc x MR` (column of MR values per step of p).
        for u in 0..micro {
            let panel = &mut ap[u * KC * MR..];
            for p in 0..kc {
                for r in 0..MR {
                    let i = u * MR + r;
                    panel[p * MR + r] = if i < rows {
                        // SAFETY: `i < rows` and `p0 + p < p0 + kc <= k`: an element of the
                        // caller's rows of `a`.
                        unsafe { *a.at(i0 + i, p0 + p) }
                    } else {
                        T::zero()
                    };
                }
            }
        }
        for q in 0..n.div_ceil(NR) {
            let j0 = q * NR;
            let w = NR.min(n - j0);
            let bpanel = &bp[q * k * NR + p0 * NR..];
            for u in 0..micro {
                let mut acc = [[T::zero(); NR]; MR];
                tile(kc, &ap[u * KC * MR..], bpanel, &mut acc);
                let h = MR.min(rows - u * MR);
                for (r, accr) in acc.iter().enumerate().take(h) {
                    let i = i0 + u * MR + r;
                    for (jj, &v) in accr.iter().enumerate().take(w) {
                        // SAFETY: `i < i0 + rows` (`r < h`) and `j0 + jj < j0 + w <= n`: an
                        // element of the caller's rows of `c`, which no other thread touches
                        // (it is read back only after this call wrote it, at `p0 == 0`).
                        unsafe {
                            let dst = c.at(i, j0 + jj);
                            *dst = if p0 == 0 { v } else { (*dst).add(v) };
                        }
                    }
                }
            }
        }
        p0 += kc;
        if p0 >= k {
            break;
        }
    }
}

#[inline(always)]
fn tile<T: Num>(kc: usize, ap: &[T], bp: &[T], acc: &mut [[T; NR]; MR]) {
    let ap = &ap[..kc * MR];
    let bp = &bp[..kc * NR];
    for p in 0..kc {
        // SAFETY: the slices above hold `kc` steps of `MR` and `NR` values, so with `p < kc`
        // both reads lie inside them; `[T; N]` has `T`'s alignment. Fixed-size arrays let the
        // compiler keep the tile in vector registers.
        let (av, bv) = unsafe {
            (
                *(ap.as_ptr().add(p * MR) as *const [T; MR]),
                *(bp.as_ptr().add(p * NR) as *const [T; NR]),
            )
        };
        for r in 0..MR {
            let x = av[r];
            for j in 0..NR {
                acc[r][j] = acc[r][j].add(x.mul(bv[j]));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mat<T>(v: &mut [T], rs: isize, cs: isize) -> Mat<T> {
        Mat {
            ptr: SendPtr(v.as_mut_ptr()),
            rs,
            cs,
        }
    }

    #[test]
    fn blocked_matches_direct_on_ragged_sizes() {
        for &(m, n, k) in &[(1, 1, 1), (5, 17, 3), (67, 33, 300), (130, 15, 513)] {
            let mut a: Vec<i64> = (0..m * k).map(|i| (i as i64 * 7919) % 23 - 11).collect();
            // `b` stored column-major, to exercise the strided packing.
            let mut b: Vec<i64> = (0..k * n).map(|i| (i as i64 * 104729) % 19 - 9).collect();
            let mut c1 = vec![0i64; m * n];
            let mut c2 = vec![0i64; m * n];
            // SAFETY: `a` is `m x k` row-major, `b` `k x n` column-major and `c1`, `c2` are
            // `m x n` row-major, each a whole separate `Vec`.
            unsafe {
                let (am, bm) = (mat(&mut a, k as isize, 1), mat(&mut b, 1, k as isize));
                direct(m, n, k, am, bm, mat(&mut c1, n as isize, 1));
                blocked(m, n, k, am, bm, mat(&mut c2, n as isize, 1), true);
            }
            assert_eq!(c1, c2, "{m}x{k} @ {k}x{n}");
        }
    }

    #[test]
    fn bool_product_is_logical() {
        let (m, n, k) = (9, 20, 40);
        let mut a: Vec<bool> = (0..m * k).map(|i| i % 7 == 0).collect();
        let mut b: Vec<bool> = (0..k * n).map(|i| i % 5 == 1).collect();
        let mut c1 = vec![false; m * n];
        let mut c2 = vec![false; m * n];
        // SAFETY: `a` is `m x k`, `b` `k x n`, `c1` and `c2` `m x n`, all row-major, each a
        // whole separate `Vec`.
        unsafe {
            let (am, bm) = (mat(&mut a, k as isize, 1), mat(&mut b, n as isize, 1));
            direct(m, n, k, am, bm, mat(&mut c1, n as isize, 1));
            blocked(m, n, k, am, bm, mat(&mut c2, n as isize, 1), false);
        }
        assert_eq!(c1, c2);
        assert!(c1.iter().any(|&x| x) && c1.iter().any(|&x| !x));
    }
}
