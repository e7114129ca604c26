//! The direct sum of products over any number of operands, parallel over output elements. The
//! innermost contracted label runs as a pairwise dot product, so `'ij,ij->i'` is one fused pass.

use super::parse::Label;
use crate::array::Array;
use crate::dispatch;
use crate::error::Result;
use crate::iter::SendPtr;
use crate::kernels::reduce::{pairwise_by, Sum};
use crate::kernels::scalar::Num;
use crate::kernels::simd::simd_dispatch;
use crate::parallel;
use smallvec::SmallVec;

/// Contracts `ops` (all of one dtype), labelled `labels`, into a new array labelled `out`;
/// every label not in `out` is summed over.
pub fn contract(
    ops: &[&Array],
    labels: &[&[Label]],
    out: &[Label],
    size_of: &dyn Fn(Label) -> usize,
) -> Result<Array> {
    let mut contracted: Vec<Label> = Vec::new();
    for &l in labels.iter().copied().flatten() {
        if !out.contains(&l) && !contracted.contains(&l) {
            contracted.push(l);
        }
    }
    // Each operand's stride for each label: the sum over its axes carrying it (diagonals).
    let stride_for = |k: usize, l: Label| -> isize {
        labels[k]
            .iter()
            .zip(ops[k].strides())
            .zip(ops[k].shape())
            .filter(|((m, _), &d)| **m == l && d != 1)
            .map(|((_, &s), _)| s)
            .sum()
    };
    let spec = Spec {
        out_shape: out.iter().map(|&l| size_of(l)).collect(),
        out_strides: (0..ops.len())
            .map(|k| out.iter().map(|&l| stride_for(k, l)).collect())
            .collect(),
        red_shape: contracted.iter().map(|&l| size_of(l)).collect(),
        red_strides: (0..ops.len())
            .map(|k| contracted.iter().map(|&l| stride_for(k, l)).collect())
            .collect(),
        offsets: ops.iter().map(|a| a.layout().offset as isize).collect(),
    };
    let dt = ops[0].dtype();
    let res = Array::uninit(&spec.out_shape, dt)?;
    dispatch!(dt, T => run::<T>(&spec, ops, &res));
    Ok(res)
}

struct Spec {
    out_shape: SmallVec<[usize; 6]>,
    out_strides: Vec<SmallVec<[isize; 6]>>,
    red_shape: SmallVec<[usize; 6]>,
    red_strides: Vec<SmallVec<[isize; 6]>>,
    offsets: Vec<isize>,
}

fn run<T: Num>(spec: &Spec, ops: &[&Array], out: &Array) {
    let n_out: usize = spec.out_shape.iter().product();
    let n_red: usize = spec.red_shape.iter().product();
    let ptrs: Vec<SendPtr<T>> = ops.iter().map(|a| a.base::<T>()).collect();
    let dst = out.base::<T>();
    if n_out == 0 {
        return;
    }
    let nd = spec.out_shape.len();
    // Each operand's stride along the innermost contracted label (the dot products' stride).
    let inner_st: SmallVec<[isize; 4]> = spec
        .red_strides
        .iter()
        .map(|s| s.last().copied().unwrap_or(0))
        .collect();
    // Output elements `lo..hi` in C order: one division to find where `lo` is, then an odometer.
    let span = |lo: usize, hi: usize| {
        let mut off: SmallVec<[isize; 4]> = spec.offsets.iter().copied().collect();
        let mut idx: SmallVec<[usize; 6]> = SmallVec::from_elem(0, nd);
        let mut rem = lo;
        for ax in (0..nd).rev() {
            idx[ax] = rem % spec.out_shape[ax];
            rem /= spec.out_shape[ax];
            for (k, off) in off.iter_mut().enumerate() {
                *off += idx[ax] as isize * spec.out_strides[k][ax];
            }
        }
        for o in lo..hi {
            let v = sum_products::<T>(spec, &ptrs, &off, n_red, &inner_st);
            // SAFETY: `out` is `contract`'s new C-contiguous array of `out_shape` (offset 0,
            // dtype `T`), so output element `o < n_out` is its position `o`; the spans of the
            // tasks are disjoint, so no other thread writes it.
            unsafe { *dst.at(o as isize) = v };
            advance(&mut idx, &mut off, &spec.out_shape, &spec.out_strides);
        }
    };
    if parallel::worth_splitting(n_out.saturating_mul(n_red.max(1))) && n_out > 1 {
        let chunk = n_out.div_ceil(parallel::num_threads() * 4).max(1);
        parallel::for_each(n_out.div_ceil(chunk), &|c| {
            span(c * chunk, ((c + 1) * chunk).min(n_out))
        });
    } else {
        span(0, n_out);
    }
}

/// Sum over the contracted labels of the product of the operands, starting at `off`.
fn sum_products<T: Num>(
    spec: &Spec,
    ptrs: &[SendPtr<T>],
    off: &[isize],
    n_red: usize,
    inner_st: &[isize],
) -> T {
    let nr = spec.red_shape.len();
    // Every `o` passed below is each operand's offset plus `idx(l) * stride_for(k, l)` summed
    // over labels with `idx(l) < size_of(l)`; `contract`'s caller checked that each axis
    // carrying label `l` has length `size_of(l)` (or 1, which adds no stride), so `o[k]` is
    // the position of one element of operand `k` (dtype `T`), inside its buffer.
    let prod_at = |o: &[isize]| -> T {
        // SAFETY: `o[0]` is an element of operand 0 (see above); operands are only read.
        let mut p = unsafe { *ptrs[0].at(o[0]) };
        for k in 1..ptrs.len() {
            // SAFETY: as above, for operand `k`.
            p = p.mul(unsafe { *ptrs[k].at(o[k]) });
        }
        p
    };
    if nr == 0 {
        return prod_at(off);
    }
    if n_red == 0 {
        return T::zero();
    }
    // The innermost contracted label is a dot product; the others an odometer around it.
    let inner = spec.red_shape[nr - 1];
    let dot = |o: &[isize]| -> T {
        match (ptrs.len(), o, inner_st) {
            (1, &[a], &[sa]) => {
                // SAFETY: `pairwise_by` passes `i < inner`, the innermost contracted label's
                // length, so `a + i * sa` is an element of the operand (see `prod_at`).
                pairwise_by(inner, &|i| unsafe { *ptrs[0].at(a + i as isize * sa) }, Sum)
            }
            // SAFETY: both operands step 1 along the innermost contracted label, so `inner`
            // contiguous elements from `a` and from `b` are elements of each (see `prod_at`),
            // only read; `simd_dispatch!` picks an AVX copy only on a CPU that has it.
            (2, &[a, b], &[1, 1]) => unsafe {
                simd_dispatch!(simd::sum2(
                    ptrs[0].at(a),
                    ptrs[1].at(b),
                    inner,
                    &|x: T, y: T| x.mul(y),
                    Sum
                ))
            },
            (2, &[a, b], &[sa, sb]) => pairwise_by(
                inner,
                // SAFETY: `i < inner`, so `a + i * sa` and `b + i * sb` are elements of the
                // two operands (see `prod_at`).
                &|i| unsafe {
                    (*ptrs[0].at(a + i as isize * sa)).mul(*ptrs[1].at(b + i as isize * sb))
                },
                Sum,
            ),
            _ => pairwise_by(
                inner,
                &|i| {
                    let o2: SmallVec<[isize; 4]> = o
                        .iter()
                        .zip(inner_st)
                        .map(|(&x, &s)| x + i as isize * s)
                        .collect();
                    prod_at(&o2)
                },
                Sum,
            ),
        }
    };
    if nr == 1 {
        // Added to zero as NumPy's output is: an all -0.0 product sums to +0.0.
        return T::zero().add(dot(off));
    }
    let mut acc = T::zero();
    let outer: usize = spec.red_shape[..nr - 1].iter().product();
    let mut idx: SmallVec<[usize; 6]> = SmallVec::from_elem(0, nr - 1);
    let mut cur: SmallVec<[isize; 4]> = off.iter().copied().collect();
    for _ in 0..outer {
        acc = acc.add(dot(&cur));
        advance(
            &mut idx,
            &mut cur,
            &spec.red_shape[..nr - 1],
            &spec.red_strides,
        );
    }
    acc
}

/// One step of an odometer over `shape` (last axis fastest): `idx` moves to the next element
/// and each operand's offset in `off` follows it by that operand's `strides`.
fn advance(
    idx: &mut [usize],
    off: &mut [isize],
    shape: &[usize],
    strides: &[SmallVec<[isize; 6]>],
) {
    for ax in (0..idx.len()).rev() {
        idx[ax] += 1;
        for (o, st) in off.iter_mut().zip(strides) {
            *o += st[ax];
        }
        if idx[ax] < shape[ax] {
            return;
        }
        for (o, st) in off.iter_mut().zip(strides) {
            *o -= st[ax] * shape[ax] as isize;
        }
        idx[ax] = 0;
    }
}
