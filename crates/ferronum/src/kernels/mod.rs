//! Typed inner loops. They go through raw pointers, never slices, because an output may be
//! the very memory of an input (`a += b`); LLVM still vectorises them behind an alias check.
//! Each takes the planner's runs (offsets, length, strides) and has a contiguous variant, a
//! scalar-broadcast variant and a strided one. The contiguous variants are compiled twice, for
//! the baseline target and for AVX2, and picked at run time (`simd`), so portable wheels still
//! use the machine's vector width.

pub mod reduce;
pub mod scalar;
pub mod simd;
pub mod vmath;

use crate::array::Array;
use crate::dtype::Element;
use crate::iter::Plan;
use simd::simd_dispatch;

/// `out[i] = f(a[i])` over `out`'s shape; `a` is already broadcast to it.
pub fn map1<A: Element, O: Element>(out: &Array, a: &Array, f: impl Fn(A) -> O + Sync) {
    let al = a.layout();
    let ol = out.layout();
    let plan = Plan::<2>::new(
        &ol.shape,
        [&ol.strides, &al.strides],
        [ol.offset as isize, al.offset as isize],
    );
    let (po, pa) = (out.base::<O>(), a.base::<A>());
    plan.run_parallel(&|off, n, st| unsafe {
        let (o, x) = (po.at(off[0]), pa.at(off[1]));
        if st == [1, 1] {
            simd_dispatch!(simd::contig1(o, x, n, &f));
        } else {
            for i in 0..n as isize {
                *o.offset(i * st[0]) = f(*x.offset(i * st[1]));
            }
        }
    });
}

/// `out[i] = f(a[i], b[i])` over `out`'s shape; `a` and `b` are already broadcast to it.
pub fn map2<A: Element, B: Element, O: Element>(
    out: &Array,
    a: &Array,
    b: &Array,
    f: impl Fn(A, B) -> O + Sync,
) {
    let (ol, al, bl) = (out.layout(), a.layout(), b.layout());
    let plan = Plan::<3>::new(
        &ol.shape,
        [&ol.strides, &al.strides, &bl.strides],
        [ol.offset as isize, al.offset as isize, bl.offset as isize],
    );
    let (po, pa, pb) = (out.base::<O>(), a.base::<A>(), b.base::<B>());
    plan.run_parallel(&|off, n, st| unsafe {
        let (o, x, y) = (po.at(off[0]), pa.at(off[1]), pb.at(off[2]));
        match st {
            [1, 1, 1] => simd_dispatch!(simd::contig2(o, x, y, n, &f)),
            [1, 1, 0] => {
                let y = *y;
                simd_dispatch!(simd::contig1(o, x, n, &|x| f(x, y)))
            }
            [1, 0, 1] => {
                let x = *x;
                simd_dispatch!(simd::contig1(o, y, n, &|y| f(x, y)))
            }
            _ => {
                for i in 0..n as isize {
                    *o.offset(i * st[0]) = f(*x.offset(i * st[1]), *y.offset(i * st[2]));
                }
            }
        }
    });
}
