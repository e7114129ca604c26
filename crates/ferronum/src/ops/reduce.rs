//! Sum-like reductions over any set of axes. One driver serves `sum` and the fused
//! map-then-sum reductions (`norm` sums `|x|^2` without a squared temporary).

use crate::array::Array;
use crate::dispatch;
use crate::dtype::{DType, Element};
use crate::error::Result;
use crate::iter::{Plan, SendPtr};
use crate::kernels::reduce::{pairwise, pairwise_parallel, Monoid, Sum};
use crate::kernels::scalar::Num;
use crate::kernels::simd::simd_dispatch;
use crate::layout::{normalize_axes, Layout};
use crate::parallel;
use smallvec::SmallVec;

/// Which axes a reduction removes.
#[derive(Clone, Debug)]
pub struct Axes {
    reduced: SmallVec<[bool; 6]>,
}

impl Axes {
    /// `None` reduces every axis; otherwise the listed ones (negative allowed, no repeats).
    pub fn new(axes: Option<&[isize]>, ndim: usize) -> Result<Axes> {
        let mut reduced: SmallVec<[bool; 6]> = SmallVec::from_elem(axes.is_none(), ndim);
        if let Some(ax) = axes {
            for a in normalize_axes(ax, ndim)? {
                reduced[a] = true;
            }
        }
        Ok(Axes { reduced })
    }

    pub fn is_reduced(&self, axis: usize) -> bool {
        self.reduced[axis]
    }

    /// The result's shape, with reduced axes kept as 1 when `keepdims`.
    pub fn out_shape(&self, shape: &[usize], keepdims: bool) -> SmallVec<[usize; 6]> {
        shape
            .iter()
            .zip(&self.reduced)
            .filter_map(|(&d, &r)| match (r, keepdims) {
                (false, _) => Some(d),
                (true, true) => Some(1),
                (true, false) => None,
            })
            .collect()
    }
}

/// NumPy's default accumulator of `sum`: small integers and bool widen to the platform integer.
pub fn sum_dtype(d: DType) -> DType {
    match d {
        DType::Bool | DType::I8 | DType::I16 | DType::I32 => DType::I64,
        DType::U8 | DType::U16 | DType::U32 => DType::U64,
        d => d,
    }
}

/// `sum(a, axis, dtype, keepdims)`.
pub fn sum(
    a: &Array,
    axes: Option<&[isize]>,
    keepdims: bool,
    dtype: Option<DType>,
) -> Result<Array> {
    let dt = dtype.unwrap_or_else(|| sum_dtype(a.dtype()));
    let ax = Axes::new(axes, a.ndim())?;
    let x = if a.dtype() == dt {
        a.clone()
    } else {
        a.astype(dt)?
    };
    if dt == DType::F16 {
        // float16 accumulates in float32 and rounds once at the end.
        return sum_map(
            &x,
            &ax,
            keepdims,
            |v: half::f16| v.to_f32(),
            half::f16::from_f32,
        );
    }
    dispatch!(dt, T => sum_map(&x, &ax, keepdims, |v: T| v, |v: T| v))
}

/// Reduces `a` over `axes` as the sum of `map(x)`, then applies `fin` to each sum.
pub fn sum_map<T, A, O>(
    a: &Array,
    axes: &Axes,
    keepdims: bool,
    map: impl Fn(T) -> A + Sync,
    fin: impl Fn(A) -> O + Sync,
) -> Result<Array>
where
    T: Element,
    A: Num,
    O: Element,
{
    reduce_map(a, axes, keepdims, map, Sum, fin)
}

/// Reduces `a` over `axes`, combining `map(x)` with the monoid `m`, then applies `fin`.
pub fn reduce_map<T, A, O, M>(
    a: &Array,
    axes: &Axes,
    keepdims: bool,
    map: impl Fn(T) -> A + Sync,
    m: M,
    fin: impl Fn(A) -> O + Sync,
) -> Result<Array>
where
    T: Element,
    A: Num,
    O: Element,
    M: Monoid<A>,
{
    let shape = a.shape();
    let nd = a.ndim();
    let out = Array::uninit(&axes.out_shape(shape, false), O::DTYPE)?;
    let lay = a.layout();
    let (kept, red): (SmallVec<[usize; 6]>, SmallVec<[usize; 6]>) =
        (0..nd).partition(|&k| !axes.is_reduced(k));
    let sub = |axs: &[usize]| Layout {
        shape: axs.iter().map(|&k| shape[k]).collect(),
        strides: axs.iter().map(|&k| lay.strides[k]).collect(),
        offset: 0,
    };
    let (kl, rl) = (sub(&kept), sub(&red));
    let red_plan = Plan::<1>::new(&rl.shape, [&rl.strides], [0]);
    let src = a.base::<T>();
    let dst = out.base::<O>();
    // The memory-innermost axis decides the strategy: reducing along it gives contiguous runs
    // to combine per output; keeping it means accumulating whole rows into the output.
    let inner_axis = (0..nd)
        .filter(|&k| shape[k] > 1)
        .min_by_key(|&k| lay.strides[k].unsigned_abs());
    let reduce_inner = inner_axis.is_none_or(|k| axes.is_reduced(k));

    if kept.is_empty() || kl.size() == 1 {
        let total = reduce_all(&red_plan, lay.offset as isize, src, &map, m);
        if out.size() > 0 {
            out.fill(fin(total).to_wide())?;
        }
    } else if reduce_inner || rl.size() == 0 {
        let ol = out.layout();
        let plan = Plan::<2>::new(
            &kl.shape,
            [&ol.strides, &kl.strides],
            [0, lay.offset as isize],
        );
        plan.run_parallel(&|off, n, st| unsafe {
            for i in 0..n as isize {
                let mut acc = m.id();
                red_plan.run_serial(&mut |ro, len, rs| {
                    acc = m.op(
                        acc,
                        pairwise(src.at(off[1] + i * st[1] + ro[0]), len, rs[0], &map, m),
                    );
                });
                *dst.at(off[0] + i * st[0]) = fin(acc);
            }
        });
    } else {
        let ol = out.layout();
        let plan = Plan::<2>::new(
            &kl.shape,
            [&ol.strides, &kl.strides],
            [0, lay.offset as isize],
        );
        plan.run_parallel(&|off, n, st| unsafe {
            let mut acc = vec![m.id(); n];
            red_plan.run_serial(&mut |ro, len, rs| {
                for j in 0..len as isize {
                    let row = src.at(off[1] + ro[0] + j * rs[0]);
                    if st[1] == 1 {
                        simd_dispatch!(simd::acc1(acc.as_mut_ptr(), row, n, &map, m));
                    } else {
                        for (i, a) in acc.iter_mut().enumerate() {
                            *a = m.op(*a, map(*row.offset(i as isize * st[1])));
                        }
                    }
                }
            });
            for (i, a) in acc.into_iter().enumerate() {
                *dst.at(off[0] + i as isize * st[0]) = fin(a);
            }
        });
    }
    if keepdims {
        let ks: SmallVec<[isize; 6]> = axes
            .out_shape(shape, true)
            .iter()
            .map(|&d| d as isize)
            .collect();
        return out.reshape(&ks);
    }
    Ok(out)
}

/// The whole-array combination of `map(x)` over a plan. A single contiguous run (the common
/// case) is split along the pairwise tree, so the result does not depend on the thread count;
/// several runs are combined one after another in a fixed order.
fn reduce_all<T: Element, A: Num, M: Monoid<A>>(
    plan: &Plan<1>,
    base: isize,
    src: SendPtr<T>,
    map: &(impl Fn(T) -> A + Sync),
    m: M,
) -> A {
    let mut shifted = plan.clone();
    shifted.offsets = [base];
    let (len, st) = shifted.inner();
    if shifted.shape.len() == 1 && st[0] == 1 && parallel::worth_splitting(len) {
        let p = SendPtr(unsafe { src.at(base) });
        return parallel::install(|| unsafe { pairwise_parallel(p, len, map, m) });
    }
    let mut acc = m.id();
    shifted.run_serial(&mut |o, n, s| {
        acc = m.op(acc, unsafe { pairwise(src.at(o[0]), n, s[0], map, m) })
    });
    acc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_over_axes() {
        let a = Array::from_vec((0..24i32).collect(), &[2, 3, 4]).unwrap();
        let s = sum(&a, Some(&[1]), false, None).unwrap();
        assert_eq!(s.dtype(), DType::I64);
        assert_eq!(s.shape(), &[2, 4]);
        assert_eq!(s.to_vec::<i64>(), vec![12, 15, 18, 21, 48, 51, 54, 57]);
        let s = sum(&a, Some(&[-1, 0]), true, None).unwrap();
        assert_eq!(s.shape(), &[1, 3, 1]);
        assert_eq!(s.to_vec::<i64>(), vec![60, 92, 124]);
        let s = sum(&a, None, false, None).unwrap();
        assert_eq!(s.to_vec::<i64>(), vec![276]);
        let t = a.transpose(None).unwrap();
        let s = sum(&t, Some(&[2]), false, Some(DType::F64)).unwrap();
        assert_eq!(s.shape(), &[4, 3]);
        assert_eq!(
            s.to_vec::<f64>(),
            vec![12.0, 20.0, 28.0, 14.0, 22.0, 30.0, 16.0, 24.0, 32.0, 18.0, 26.0, 34.0]
        );
    }

    #[test]
    fn empty_and_errors() {
        let a = Array::zeros(&[0, 3], DType::F32).unwrap();
        assert_eq!(
            sum(&a, Some(&[0]), false, None).unwrap().to_vec::<f32>(),
            vec![0.0; 3]
        );
        assert_eq!(
            sum(&a, None, false, None).unwrap().to_vec::<f32>(),
            vec![0.0]
        );
        assert!(sum(&a, Some(&[2]), false, None).is_err());
        assert!(sum(&a, Some(&[0, 0]), false, None).is_err());
    }
}
