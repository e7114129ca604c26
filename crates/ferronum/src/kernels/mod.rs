//! Typed inner loops. They go through raw pointers, never slices, because an output may be
//! the very memory of an input (`a += b`); LLVM still vectorises them behind an alias check.
//! Each takes the planner's runs (offsets, length, strides) and has a contiguous variant, a
//! scalar-broadcast variant and a strided one. The contiguous variants are compiled three times,
//! for the baseline target, for AVX2 + FMA and for AVX-512, and picked at run time (`simd`), so
//! portable wheels still use the machine's vector width.

pub mod cmath;
pub mod elem;
pub mod fpstatus;
pub mod reduce;
pub mod scalar;
pub mod simd;
pub mod vmath;

use crate::array::Array;
use crate::dtype::Element;
use crate::iter::Plan;
use simd::simd_dispatch;

/// Whether a small call can skip the planner: every operand C-contiguous over the output's
/// shape (or a broadcast single value), below the size worth splitting.
pub(crate) fn small_contiguous(out: &Array, ins: &[&Array]) -> bool {
    out.size() < crate::parallel::GRAIN
        && out.is_c_contiguous()
        && ins
            .iter()
            .all(|a| a.is_c_contiguous() && a.shape() == out.shape())
}

/// How an operand of a small binary call sits over the output.
#[derive(Clone, Copy)]
enum Small {
    /// C-contiguous with the output's shape.
    Dense,
    /// One value broadcast over the output (a Python scalar operand).
    Single,
}

/// The operands' `Small` kinds when a binary call can skip the planner (the output small and
/// C-contiguous), else `None`. `a * 2.0` is the common case a `Single` serves.
fn small_operands(out: &Array, a: &Array, b: &Array) -> Option<(Small, Small)> {
    if out.size() >= crate::parallel::GRAIN || !out.is_c_contiguous() {
        return None;
    }
    let kind = |x: &Array| {
        if x.is_c_contiguous() && x.shape() == out.shape() {
            Some(Small::Dense)
        } else if out.size() > 0 && x.strides().iter().all(|&s| s == 0) {
            Some(Small::Single)
        } else {
            None
        }
    };
    let kinds = (kind(a)?, kind(b)?);
    // Both single with more than one output element is a broadcast the planner handles.
    match kinds {
        (Small::Single, Small::Single) if out.size() != 1 => None,
        k => Some(k),
    }
}

/// `out[i] = f(a[i])` over `out`'s shape; `a` is already broadcast to it.
pub fn map1<A: Element, O: Element>(out: &Array, a: &Array, f: impl Fn(A) -> O + Sync) {
    // One run; the small path and the planner's runs share it (see `map2`).
    // SAFETY: `o` and `x` are valid for `n` elements at strides `st` (the small path's
    // contiguous arrays, or a planner run inside `out` and `a`); `o` may equal `x` (in place),
    // which the loops read before they write.
    let run = |o: *mut O, x: *const A, n: usize, st: [isize; 2]| unsafe {
        if st == [1, 1] {
            simd_dispatch!(A::VECTOR && O::VECTOR, A::WIDE || O::WIDE; simd::contig1(o, x, n, &f));
        } else {
            for i in 0..n as isize {
                *o.offset(i * st[0]) = f(*x.offset(i * st[1]));
            }
        }
    };
    over_runs1(out, a, &run);
}

/// Calls `run(o, x, n, strides)` over `out` and `a` (already broadcast to it): once, at the data
/// pointers, when the call is small and both are C-contiguous (no planner); else for each of
/// the planner's runs, split across the threads when large. `run` must accept any run inside
/// the two arrays.
fn over_runs1<A: Element, O: Element>(
    out: &Array,
    a: &Array,
    run: &(impl Fn(*mut O, *const A, usize, [isize; 2]) + Sync),
) {
    if small_contiguous(out, &[a]) {
        // Both hold `size` contiguous elements from their data pointers.
        run(
            out.data_ptr() as *mut O,
            a.data_ptr() as *const A,
            out.size(),
            [1, 1],
        );
        return;
    }
    let plan = Plan::over([out, a]);
    let (po, pa) = (out.base::<O>(), a.base::<A>());
    // SAFETY: the plan's offsets and run lengths stay inside `out` and `a` (broadcast to it).
    plan.run_parallel(&|off, n, st| unsafe { run(po.at(off[0]), pa.at(off[1]), n, st) });
}

/// `out[i] = f(a[i], b[i])` over `out`'s shape; `a` and `b` are already broadcast to it.
pub fn map2<A: Element, B: Element, O: Element>(
    out: &Array,
    a: &Array,
    b: &Array,
    f: impl Fn(A, B) -> O + Sync,
) {
    // One run with element strides `st`: the contiguous and broadcast-scalar layouts go to the
    // vector loops. The small path and the planner's runs share it, so each layout's loop is
    // compiled once per CPU level.
    // SAFETY: as `map1`'s run: valid for `n` elements at strides `st`, a broadcast operand (stride
    // 0) holds one element.
    let run = |o: *mut O, x: *const A, y: *const B, n: usize, st: [isize; 3]| unsafe {
        match st {
            [1, 1, 1] => {
                simd_dispatch!(A::VECTOR && B::VECTOR && O::VECTOR, A::WIDE || B::WIDE || O::WIDE; simd::contig2(o, x, y, n, &f))
            }
            [1, 1, 0] => {
                let g = bind_second(&f, *y);
                simd_dispatch!(A::VECTOR && B::VECTOR && O::VECTOR, A::WIDE || B::WIDE || O::WIDE; simd::contig1(o, x, n, &g))
            }
            [1, 0, 1] => {
                let g = bind_first(&f, *x);
                simd_dispatch!(A::VECTOR && B::VECTOR && O::VECTOR, A::WIDE || B::WIDE || O::WIDE; simd::contig1(o, y, n, &g))
            }
            _ => strided2(o, x, y, n, st, &f),
        }
    };
    if let Some(kinds) = small_operands(out, a, b) {
        let stride = |k: Small| match k {
            Small::Dense => 1,
            Small::Single => 0,
        };
        // A dense operand holds `size` contiguous elements from its data pointer, a single one
        // at least one element there (`small_operands` checks `size > 0` for it); both single
        // means one output element, where stride 0 reads the same.
        run(
            out.data_ptr() as *mut O,
            a.data_ptr() as *const A,
            b.data_ptr() as *const B,
            out.size(),
            [1, stride(kinds.0), stride(kinds.1)],
        );
        return;
    }
    let plan = Plan::over([out, a, b]);
    let (po, pa, pb) = (out.base::<O>(), a.base::<A>(), b.base::<B>());
    // SAFETY: the plan's offsets and run lengths stay inside `out`, `a` and `b`.
    plan.run_parallel(&|off, n, st| unsafe {
        run(po.at(off[0]), pa.at(off[1]), pb.at(off[2]), n, st)
    });
}

/// `x -> f(x, y)`: one closure type per `f`, so a broadcast right operand's loop is the same
/// instance wherever it is used.
#[inline(always)]
fn bind_second<'f, A, B: Copy + 'f, O>(f: &'f impl Fn(A, B) -> O, y: B) -> impl Fn(A) -> O + 'f {
    move |x| f(x, y)
}

/// `y -> f(x, y)`, as `bind_second` for a broadcast left operand.
#[inline(always)]
fn bind_first<'f, A: Copy + 'f, B, O>(f: &'f impl Fn(A, B) -> O, x: A) -> impl Fn(B) -> O + 'f {
    move |y| f(x, y)
}

/// `(o1[i], o2[i]) = f(a[i])`: the two-output ufuncs (`frexp`, `modf`).
pub fn map1x2<A: Element, O1: Element, O2: Element>(
    o1: &Array,
    o2: &Array,
    a: &Array,
    f: impl Fn(A) -> (O1, O2) + Sync,
) {
    let plan = Plan::over([o1, o2, a]);
    let (p1, p2, pa) = (o1.base::<O1>(), o2.base::<O2>(), a.base::<A>());
    // SAFETY: the plan's offsets and run lengths stay inside both outputs and `a`.
    plan.run_parallel(&|off, n, st| unsafe {
        let (r1, r2, x) = (p1.at(off[0]), p2.at(off[1]), pa.at(off[2]));
        for i in 0..n as isize {
            let (u, v) = f(*x.offset(i * st[2]));
            *r1.offset(i * st[0]) = u;
            *r2.offset(i * st[1]) = v;
        }
    });
}

/// `(o1[i], o2[i]) = f(a[i], b[i])`: `divmod`.
pub fn map2x2<A: Element, B: Element, O1: Element, O2: Element>(
    o1: &Array,
    o2: &Array,
    a: &Array,
    b: &Array,
    f: impl Fn(A, B) -> (O1, O2) + Sync,
) {
    let plan = Plan::over([o1, o2, a, b]);
    let (p1, p2, pa, pb) = (
        o1.base::<O1>(),
        o2.base::<O2>(),
        a.base::<A>(),
        b.base::<B>(),
    );
    // SAFETY: the plan's offsets and run lengths stay inside both outputs, `a` and `b`.
    plan.run_parallel(&|off, n, st| unsafe {
        let (r1, r2, x, y) = (p1.at(off[0]), p2.at(off[1]), pa.at(off[2]), pb.at(off[3]));
        for i in 0..n as isize {
            let (u, v) = f(*x.offset(i * st[2]), *y.offset(i * st[3]));
            *r1.offset(i * st[0]) = u;
            *r2.offset(i * st[1]) = v;
        }
    });
}

/// `o[i] = f(a[i], b[i], c[i])`: `where(cond, x, y)`.
pub fn map3<A: Element, B: Element, C: Element, O: Element>(
    o: &Array,
    a: &Array,
    b: &Array,
    c: &Array,
    f: impl Fn(A, B, C) -> O + Sync,
) {
    let plan = Plan::over([o, a, b, c]);
    let (po, pa, pb, pc) = (o.base::<O>(), a.base::<A>(), b.base::<B>(), c.base::<C>());
    // SAFETY: the plan's offsets and run lengths stay inside `o`, `a`, `b` and `c`.
    plan.run_parallel(&|off, n, st| unsafe {
        let (r, x, y, z) = (po.at(off[0]), pa.at(off[1]), pb.at(off[2]), pc.at(off[3]));
        for i in 0..n as isize {
            *r.offset(i * st[0]) = f(
                *x.offset(i * st[1]),
                *y.offset(i * st[2]),
                *z.offset(i * st[3]),
            );
        }
    });
}

/// `map1` with one loop for every layout: for operations rarely on a hot path (or that do not
/// vectorise), where a contiguous SIMD copy per CPU level would only cost compile time.
pub fn map1_cold<A: Element, O: Element>(out: &Array, a: &Array, f: impl Fn(A) -> O + Sync) {
    let plan = Plan::over([out, a]);
    let (po, pa) = (out.base::<O>(), a.base::<A>());
    // SAFETY: the plan's offsets and run lengths stay inside `out` and `a`.
    plan.run_parallel(&|off, n, st| unsafe {
        let (o, x) = (po.at(off[0]), pa.at(off[1]));
        for i in 0..n as isize {
            *o.offset(i * st[0]) = f(*x.offset(i * st[1]));
        }
    });
}

/// `map2` with one loop for every layout (see `map1_cold`).
pub fn map2_cold<A: Element, B: Element, O: Element>(
    out: &Array,
    a: &Array,
    b: &Array,
    f: impl Fn(A, B) -> O + Sync,
) {
    let plan = Plan::over([out, a, b]);
    let (po, pa, pb) = (out.base::<O>(), a.base::<A>(), b.base::<B>());
    // SAFETY: the plan's offsets and run lengths stay inside `out`, `a` and `b`.
    plan.run_parallel(&|off, n, st| unsafe {
        strided2(po.at(off[0]), pa.at(off[1]), pb.at(off[2]), n, st, &f)
    });
}

/// `o[i] = f(x[i], y[i])` at element strides `st`. A ufunc's `reduce` runs its loop with the
/// output aliasing the first input, both at stride 0 (NumPy's binary-reduce layout): that run
/// folds in a register and stores once, instead of a store and a reload per element, the
/// loop-carried dependency through memory that made `subtract.reduce` 4x slower than NumPy's.
/// `accumulate` (output = first input one step ahead) keeps its running value in a register.
///
/// # Safety
/// `o`, `x` and `y` are valid for `n` elements at strides `st`.
#[inline(always)]
unsafe fn strided2<A: Element, B: Element, O: Element>(
    o: *mut O,
    x: *const A,
    y: *const B,
    n: usize,
    st: [isize; 3],
    f: &impl Fn(A, B) -> O,
) {
    if st[0] == 0
        && st[1] == 0
        && n > 1
        && std::ptr::eq(o as *const u8, x as *const u8)
        && A::DTYPE == O::DTYPE
    {
        // SAFETY: `A` and `O` are the same dtype, so the same type (one element type per dtype).
        let mut acc: A = unsafe { *x };
        for i in 0..n as isize {
            // SAFETY: `y` is valid at `i * st[2]` (the caller's contract); `O` is `A`.
            acc = unsafe { std::mem::transmute_copy(&f(acc, *y.offset(i * st[2]))) };
        }
        // SAFETY: `o` is valid (the caller's contract); `A` is `O`.
        unsafe { *o = std::mem::transmute_copy(&acc) };
        return;
    }
    // `accumulate`'s layout: the first input is the output one step back (each result is the
    // next one's left operand). The running value stays in a register.
    if st[0] == st[1]
        && st[0] != 0
        && n > 1
        && A::DTYPE == O::DTYPE
        && (x as isize).wrapping_add(st[0] * std::mem::size_of::<O>() as isize) == o as isize
    {
        // SAFETY: `A` is `O`; `x` (= `o` one step back) and `y` are valid per the contract.
        let mut acc: A = unsafe { *x };
        for i in 0..n as isize {
            // SAFETY: the caller's contract; `O` is `A`.
            unsafe {
                acc = std::mem::transmute_copy(&f(acc, *y.offset(i * st[2])));
                *o.offset(i * st[0]) = std::mem::transmute_copy(&acc);
            }
        }
        return;
    }
    for i in 0..n as isize {
        // SAFETY: the caller's contract.
        unsafe { *o.offset(i * st[0]) = f(*x.offset(i * st[1]), *y.offset(i * st[2])) };
    }
}

/// `map1` for functions that raise no floating-point flags themselves (the branch-free
/// `vmath` ones, which may raise spurious ones on lanes they discard): `flags(x, f(x))` says
/// which flags NumPy would report for each element, and those replace whatever the loop raised.
/// A `flags` result with `NEEDS_FIX` set marks elements the fast function gets wrong (sin of a
/// huge argument); those runs are passed once more through `fix`, which recomputes them and
/// adds their flags.
pub fn map1_flagged<A: Element, O: Element>(
    out: &Array,
    a: &Array,
    f: impl Fn(A) -> O + Sync,
    flags: impl Fn(A, O) -> u8 + Sync,
    fix: impl Fn(A) -> Option<(O, u8)> + Sync,
) {
    // A contiguous run and its fix-up pass, which reads the inputs again.
    // SAFETY: called only with `o` and `x` valid for `n` contiguous elements, not overlapping
    // (the in-place case copies its inputs aside first).
    let contiguous = |o: *mut O, x: *const A, n: usize| unsafe {
        let mut raised = simd_dispatch!(A::VECTOR && O::VECTOR, A::WIDE || O::WIDE; simd::contig1_flags(o, x, n, &f, &flags));
        if raised & NEEDS_FIX != 0 {
            for i in 0..n {
                if let Some((v, fl)) = fix(*x.add(i)) {
                    *o.add(i) = v;
                    raised |= fl;
                }
            }
        }
        raised
    };
    // One run of `n` elements from `o`/`x` with element strides `st`.
    // SAFETY: called only with runs valid for `n` elements at strides `st`.
    let run = |o: *mut O, x: *const A, n: usize, st: [isize; 2]| unsafe {
        let before = fpstatus::read();
        let raised = if st == [1, 1] && !std::ptr::addr_eq(o, x) {
            contiguous(o, x, n)
        } else if st == [1, 1] {
            // In place (`exp(a, out=a)`, an input cast into the result): the loop overwrites
            // its inputs, so each block of them is kept aside for the fix-up pass.
            const BLOCK: usize = 256;
            let mut acc = 0;
            let mut kept = [A::default(); BLOCK];
            for start in (0..n).step_by(BLOCK) {
                let m = BLOCK.min(n - start);
                std::ptr::copy_nonoverlapping(x.add(start), kept.as_mut_ptr(), m);
                acc |= contiguous(o.add(start), kept.as_ptr(), m);
            }
            acc
        } else {
            // Element by element (so also right in place): the fix-up comes at once.
            let mut acc = 0;
            for i in 0..n as isize {
                let v = *x.offset(i * st[1]);
                let mut r = f(v);
                let mut fl = flags(v, r);
                if fl & NEEDS_FIX != 0 {
                    if let Some((fixed, more)) = fix(v) {
                        (r, fl) = (fixed, fl | more);
                    }
                }
                *o.offset(i * st[0]) = r;
                acc |= fl;
            }
            acc
        };
        fpstatus::clear();
        fpstatus::raise(before | (raised & !NEEDS_FIX));
    };
    over_runs1(out, a, &run);
}

/// The `map1_flagged` bit for "recompute this element with `fix`".
pub const NEEDS_FIX: u8 = 0x80;
