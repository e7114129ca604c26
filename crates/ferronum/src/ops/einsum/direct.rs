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
    // The innermost contracted label runs the dot products: the one whose steps through the
    // operands are shortest (unit strides vectorise), the last seen among equals.
    let reach = |l: Label| -> usize {
        (0..ops.len())
            .map(|k| stride_for(k, l).unsigned_abs())
            .sum()
    };
    if let Some(best) = (0..contracted.len())
        .rev()
        .min_by_key(|&i| reach(contracted[i]))
    {
        let l = contracted.remove(best);
        contracted.push(l);
    }
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

/// Costs (nanoseconds, float64) of the two loop orders, read off timings of `bench/einsum.py`'s
/// random contractions on the 2-core EPYC development machine (outer products, matrix-vector
/// products, sums over short and long labels): a dot product per output element pays
/// `DOT_CALL` plus `DOT_TERM` (`DOT_STRIDED` when an operand does not step by one) per term
/// and operand; a pass over an output line per reduction index pays `LINE_CALL` plus
/// `LINE_TERM` (`LINE_STRIDED`) per element and operand.
const DOT_CALL: f64 = 12.0;
const DOT_TERM: f64 = 0.35;
const DOT_STRIDED: f64 = 1.2;
const LINE_CALL: f64 = 10.0;
const LINE_TERM: f64 = 0.4;
const LINE_STRIDED: f64 = 1.5;

/// The output axis to accumulate whole lines along (reduction outside), when that costs less
/// than one dot product per output element, by the measured costs above. A line whose
/// operands and output all step by 0 or 1 runs vectorised; others cost `LINE_STRIDED`.
fn line_axis(spec: &Spec, n_out: usize, n_red: usize) -> Option<usize> {
    let nd = spec.out_shape.len();
    let unit = |strides: &[SmallVec<[isize; 6]>], ax: usize| {
        strides.iter().all(|s| matches!(s[ax], 0 | 1))
    };
    let nops = spec.offsets.len() as f64;
    // No contracted label: each output element is one product (n_red is 1).
    let dot_term = match spec.red_shape.len() {
        0 => 0.0,
        r if unit(&spec.red_strides, r - 1) => DOT_TERM,
        _ => DOT_STRIDED,
    };
    let (n_out, n_red) = (n_out as f64, n_red as f64);
    let dot = n_out * (DOT_CALL + n_red * dot_term * nops);
    let line = |ax: usize| {
        let len = spec.out_shape[ax] as f64;
        let term = if ax == nd - 1 && unit(&spec.out_strides, ax) {
            LINE_TERM
        } else {
            LINE_STRIDED
        };
        n_out / len * n_red * (LINE_CALL + len * term * nops)
    };
    (0..nd)
        .map(|ax| (ax, line(ax)))
        .filter(|&(_, c)| c < dot)
        .min_by(|x, y| x.1.total_cmp(&y.1))
        .map(|x| x.0)
}

fn run<T: Num>(spec: &Spec, ops: &[&Array], out: &Array) {
    let n_out: usize = spec.out_shape.iter().product();
    let n_red: usize = spec.red_shape.iter().product();
    let ptrs: Vec<SendPtr<T>> = ops.iter().map(|a| a.base::<T>()).collect();
    let dst = out.base::<T>();
    if n_out == 0 {
        return;
    }
    if let Some(ax) = line_axis(spec, n_out, n_red).filter(|_| n_red > 0) {
        return run_lines::<T>(spec, &ptrs, dst, ax, n_red);
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

/// The other loop order: for each line of the output along axis `ax`, zeroed, then for each
/// reduction index in order, `line[j] += product of the operands at j`. A line that is not
/// the output's last axis is summed in a buffer and then stored. Parallel over lines.
fn run_lines<T: Num>(spec: &Spec, ptrs: &[SendPtr<T>], dst: SendPtr<T>, ax: usize, n_red: usize) {
    let nd = spec.out_shape.len();
    let nops = ptrs.len();
    let len = spec.out_shape[ax];
    let n_out: usize = spec.out_shape.iter().product();
    let n_lines = n_out / len;
    // The output's own (C-order) strides ride along as one more operand of the odometer.
    let mut out_c = vec![1isize; nd];
    for i in (0..nd.saturating_sub(1)).rev() {
        out_c[i] = out_c[i + 1] * spec.out_shape[i + 1] as isize;
    }
    let others = |v: &[isize]| -> SmallVec<[isize; 6]> {
        (0..nd).filter(|&i| i != ax).map(|i| v[i]).collect()
    };
    let lead: SmallVec<[usize; 6]> = (0..nd)
        .filter(|&i| i != ax)
        .map(|i| spec.out_shape[i])
        .collect();
    let mut lead_strides: Vec<SmallVec<[isize; 6]>> =
        spec.out_strides.iter().map(|s| others(s)).collect();
    lead_strides.push(others(&out_c));
    let step: SmallVec<[isize; 4]> = spec.out_strides.iter().map(|s| s[ax]).collect();
    let out_step = out_c[ax];
    let span = |lo: usize, hi: usize| {
        let mut off: SmallVec<[isize; 5]> = spec.offsets.iter().copied().collect();
        off.push(0);
        let mut idx: SmallVec<[usize; 6]> = SmallVec::from_elem(0, nd - 1);
        let mut rem = lo;
        for a in (0..nd - 1).rev() {
            idx[a] = rem % lead[a];
            rem /= lead[a];
            for (k, off) in off.iter_mut().enumerate() {
                *off += idx[a] as isize * lead_strides[k][a];
            }
        }
        let mut buf: Vec<T> = if out_step == 1 {
            Vec::new()
        } else {
            vec![T::zero(); len]
        };
        let mut ridx: SmallVec<[usize; 6]> = SmallVec::from_elem(0, spec.red_shape.len());
        let mut cur: SmallVec<[isize; 4]> = SmallVec::new();
        for _ in lo..hi {
            let at = off[nops];
            let line: &mut [T] = if out_step == 1 {
                // SAFETY: `dst` is `contract`'s new C-contiguous output (offset 0, dtype `T`);
                // with the line on its last axis, the line from `at` is `len` consecutive
                // elements of it, written by this task alone (tasks' lines are disjoint).
                unsafe { std::slice::from_raw_parts_mut(dst.at(at), len) }
            } else {
                &mut buf
            };
            line.fill(T::zero());
            if spec.red_shape.is_empty() {
                accumulate_line(line, ptrs, &off[..nops], &step);
            } else {
                ridx.fill(0);
                cur.clear();
                cur.extend_from_slice(&off[..nops]);
                for _ in 0..n_red {
                    accumulate_line(line, ptrs, &cur, &step);
                    advance(&mut ridx, &mut cur, &spec.red_shape, &spec.red_strides);
                }
            }
            if out_step != 1 {
                for (j, v) in buf.iter().enumerate() {
                    // SAFETY: output elements `at + j * out_step` for `j < len` are this
                    // line's, inside the output and written by this task alone.
                    unsafe { *dst.at(at + j as isize * out_step) = *v };
                }
            }
            advance(&mut idx, &mut off, &lead, &lead_strides);
        }
    };
    let n_work = n_out.saturating_mul(n_red);
    if parallel::worth_splitting(n_work) && n_lines > 1 {
        let chunk = n_lines.div_ceil(parallel::num_threads() * 4).max(1);
        parallel::for_each(n_lines.div_ceil(chunk), &|c| {
            span(c * chunk, ((c + 1) * chunk).min(n_lines))
        });
    } else {
        span(0, n_lines);
    }
}

/// `line[j] += product over operands k of op_k[off[k] + j * step[k]]`. One or two operands
/// stepping by 0 or 1 get loops with those steps as constants, which the compiler vectorises.
fn accumulate_line<T: Num>(line: &mut [T], ptrs: &[SendPtr<T>], off: &[isize], step: &[isize]) {
    // Every position read below is an operand's offset at this output line and reduction
    // index plus `j * step[k]` for `j < line.len()`, the last output label's length: an
    // element of operand `k` (see `sum_products`).
    #[inline(always)]
    fn two<T: Num>(line: &mut [T], a: SendPtr<T>, sa: isize, b: SendPtr<T>, sb: isize) {
        for (j, o) in line.iter_mut().enumerate() {
            let j = j as isize;
            // SAFETY: see `accumulate_line`.
            *o = o.add(unsafe { (*a.at(j * sa)).mul(*b.at(j * sb)) });
        }
    }
    match (ptrs, off, step) {
        ([p], &[a], &[sa]) => {
            // SAFETY: `a` is an element offset of operand 0 (see above).
            let a = SendPtr(unsafe { p.at(a) });
            for (j, o) in line.iter_mut().enumerate() {
                // SAFETY: see `accumulate_line`.
                *o = o.add(unsafe { *a.at(j as isize * sa) });
            }
        }
        ([p, q], &[a, b], &[sa, sb]) => {
            // SAFETY: `a` and `b` are element offsets of operands 0 and 1 (see above).
            let (a, b) = unsafe { (SendPtr(p.at(a)), SendPtr(q.at(b))) };
            match (sa, sb) {
                (1, 1) => two(line, a, 1, b, 1),
                (1, 0) => two(line, a, 1, b, 0),
                (0, 1) => two(line, a, 0, b, 1),
                _ => two(line, a, sa, b, sb),
            }
        }
        _ => {
            for (j, o) in line.iter_mut().enumerate() {
                let j = j as isize;
                // SAFETY: see `accumulate_line`.
                let mut p = unsafe { *ptrs[0].at(off[0] + j * step[0]) };
                for k in 1..ptrs.len() {
                    // SAFETY: see `accumulate_line`.
                    p = p.mul(unsafe { *ptrs[k].at(off[k] + j * step[k]) });
                }
                *o = o.add(p);
            }
        }
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
                    let i = i as isize;
                    // SAFETY: `i < inner`, so each `o[k] + i * inner_st[k]` is an element of
                    // operand `k` (see `prod_at`).
                    let mut p = unsafe { *ptrs[0].at(o[0] + i * inner_st[0]) };
                    for k in 1..ptrs.len() {
                        // SAFETY: as above.
                        p = p.mul(unsafe { *ptrs[k].at(o[k] + i * inner_st[k]) });
                    }
                    p
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
