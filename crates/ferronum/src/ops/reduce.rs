//! Reductions over any set of axes. One driver (`reduce_map`) serves every fold NumPy's reducing
//! functions are made of (`sum`, `prod`, `max`, `min`, their NaN-skipping forms, `any`, `all`)
//! and the fused map-then-fold reductions (`norm` sums `|x|^2` without a squared temporary).

use crate::array::Array;
use crate::dtype::{DType, Element, Wide};
use crate::error::{Error, Result};
use crate::iter::{Plan, SendPtr};
use crate::kernels::fpstatus;
use crate::kernels::map2;
use crate::kernels::reduce::{
    pairwise, pairwise_parallel, FMax, FMin, Max, Min, Monoid, Prod, Sum,
};
use crate::kernels::scalar::Num;
use crate::kernels::simd::simd_dispatch;
use crate::layout::{normalize_axes, Layout};
use crate::parallel;
use crate::{dispatch, dispatch_of};
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

/// NumPy's default accumulator of `sum` and `prod`: small integers and bool widen to the
/// platform integer.
pub fn sum_dtype(d: DType) -> DType {
    match d {
        DType::Bool | DType::I8 | DType::I16 | DType::I32 => DType::I64,
        DType::U8 | DType::U16 | DType::U32 => DType::U64,
        d => d,
    }
}

/// A reduction's fold: the ufunc whose `reduce` it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fold {
    Sum,
    Prod,
    Max,
    Min,
    /// `nansum`: NaN counts as zero.
    NanSum,
    /// `nanprod`: NaN counts as one.
    NanProd,
    /// `nanmax` (`fmax.reduce`): NaN only where every element is NaN.
    NanMax,
    NanMin,
    Any,
    All,
}

impl Fold {
    /// The ufunc's name, as NumPy's messages spell it.
    pub fn ufunc_name(self) -> &'static str {
        match self {
            Fold::Sum | Fold::NanSum => "add",
            Fold::Prod | Fold::NanProd => "multiply",
            Fold::Max => "maximum",
            Fold::Min => "minimum",
            Fold::NanMax => "fmax",
            Fold::NanMin => "fmin",
            Fold::Any => "logical_or",
            Fold::All => "logical_and",
        }
    }

    fn is_extremum(self) -> bool {
        matches!(self, Fold::Max | Fold::Min | Fold::NanMax | Fold::NanMin)
    }

    /// The dtype the fold accumulates in and returns.
    pub fn result_dtype(self, input: DType, dtype: Option<DType>) -> DType {
        match self {
            Fold::Any | Fold::All => DType::Bool,
            f if f.is_extremum() => input,
            _ => dtype.unwrap_or_else(|| sum_dtype(input)),
        }
    }
}

/// What every reducing function takes besides its input.
#[derive(Clone, Copy, Debug, Default)]
pub struct ReduceSpec<'a> {
    /// `None` reduces every axis.
    pub axes: Option<&'a [isize]>,
    pub keepdims: bool,
    /// The accumulator and result dtype (`sum`, `prod`).
    pub dtype: Option<DType>,
    /// NumPy's `where=`: a boolean mask broadcastable to the input; only its true positions
    /// take part.
    pub mask: Option<&'a Array>,
    /// NumPy's `initial=`: the value each result starts from (cast to the result dtype).
    pub initial: Option<Wide>,
}

impl<'a> ReduceSpec<'a> {
    pub fn over(axes: Option<&'a [isize]>) -> Self {
        ReduceSpec {
            axes,
            ..Default::default()
        }
    }
}

/// `sum(a, axis, dtype, keepdims)`.
pub fn sum(
    a: &Array,
    axes: Option<&[isize]>,
    keepdims: bool,
    dtype: Option<DType>,
) -> Result<Array> {
    let spec = ReduceSpec {
        axes,
        keepdims,
        dtype,
        ..Default::default()
    };
    reduce(a, Fold::Sum, &spec)
}

/// The reduction of `a` by `fold`: NumPy's `sum`, `prod`, `max`, `min`, `nansum`, `nanprod`,
/// `nanmax`, `nanmin`, `any` and `all`, with every keyword of `spec`.
pub fn reduce(a: &Array, fold: Fold, spec: &ReduceSpec) -> Result<Array> {
    let ax = Axes::new(spec.axes, a.ndim())?;
    let dt = fold.result_dtype(a.dtype(), spec.dtype);
    if fold.is_extremum() && spec.initial.is_none() {
        if spec.mask.is_some() {
            return Err(Error::value(format!(
                "reduction operation '{}' does not have an identity, so to use a where mask one has to specify 'initial'",
                fold.ufunc_name()
            )));
        }
        let reduced: usize = (0..a.ndim())
            .filter(|&k| ax.is_reduced(k))
            .map(|k| a.shape()[k])
            .product();
        if reduced == 0 {
            return Err(Error::value(format!(
                "zero-size array to reduction operation {} which has no identity",
                fold.ufunc_name()
            )));
        }
    }
    let x = match spec.mask {
        Some(m) => masked(a, m, fold, spec.initial)?,
        None => a.clone(),
    };
    // NumPy multiplies one element after another, from the identity; it pairs only sums.
    // Complex products keep that order, which decides which infinities become NaN. Real ones
    // take the vectorised tree, whose flags are not NumPy's (spare lanes multiply inf by 0),
    // and are redone in NumPy's order when a result is not finite: the value and the flags
    // ("overflow encountered in reduce") are then NumPy's. A finite real product raised
    // nothing NumPy reports.
    let product = matches!(fold, Fold::Prod | Fold::NanProd) && dt.is_inexact();
    let in_order = product && dt.is_complex();
    let (r, flags) = fpstatus::collect(|| fold_as(&x, &ax, fold, dt, spec.initial, in_order));
    let mut r = r?;
    if product && !in_order {
        if all_finite(&r) {
            return keep_dims(r, &ax, a.shape(), spec.keepdims);
        }
        let (again, flags) = fpstatus::collect(|| fold_as(&x, &ax, fold, dt, spec.initial, true));
        r = again?;
        crate::warn::fp_error(flags, "reduce");
    } else if product || matches!(fold, Fold::Sum | Fold::NanSum) {
        // Extrema raise nothing.
        crate::warn::fp_error(flags, "reduce");
    }
    if matches!(fold, Fold::NanMax | Fold::NanMin) && dt.is_inexact() && has_nan(&r) {
        crate::warn::emit("All-NaN slice encountered");
    }
    keep_dims(r, &ax, a.shape(), spec.keepdims)
}

/// Whether every value of `r` is finite (integers and booleans always are).
pub fn all_finite(r: &Array) -> bool {
    r.to_wide_vec().iter().all(|w| match *w {
        Wide::F(f) => f.is_finite(),
        Wide::C(re, im) => re.is_finite() && im.is_finite(),
        _ => true,
    })
}

fn has_nan(r: &Array) -> bool {
    dispatch!(r.dtype(), T => r.to_vec::<T>().iter().any(|&v| v.is_nan_()))
}

/// Reshapes a reduction's result to keep the reduced axes as length 1 when asked.
pub fn keep_dims(r: Array, ax: &Axes, shape: &[usize], keepdims: bool) -> Result<Array> {
    if !keepdims {
        return Ok(r);
    }
    let ks: SmallVec<[isize; 6]> = ax
        .out_shape(shape, true)
        .iter()
        .map(|&d| d as isize)
        .collect();
    r.reshape(&ks)
}

/// A copy of `a` with the positions `mask` leaves out replaced by the fold's neutral value (or
/// `initial`, for extrema), so they do not change the result.
fn masked(a: &Array, mask: &Array, fold: Fold, initial: Option<Wide>) -> Result<Array> {
    let m = mask.broadcast_to(a.shape())?.astype(DType::Bool)?;
    let fill = match fold {
        Fold::Sum | Fold::NanSum | Fold::Any => Wide::Bool(false),
        Fold::Prod | Fold::NanProd | Fold::All => Wide::Bool(true),
        _ => initial.unwrap_or(Wide::Bool(false)),
    };
    let out = Array::uninit(a.shape(), a.dtype())?;
    dispatch!(a.dtype(), T => {
        let f = T::from_wide(fill);
        map2(&out, a, &m, |v: T, keep: bool| if keep { v } else { f });
    });
    Ok(out)
}

fn start<A: Num>(initial: Option<Wide>, default: A) -> A {
    initial.map(A::from_wide).unwrap_or(default)
}

/// A product of `map(x)`: the vectorised tree of `reduce_map`, or NumPy's own order
/// (`reduce_sequential`) when `in_order`.
fn product<T: Element, A: Num, O: Element>(
    x: &Array,
    ax: &Axes,
    in_order: bool,
    map: impl Fn(T) -> A + Sync,
    init: A,
    fin: impl Fn(A) -> O + Sync,
) -> Result<Array> {
    if in_order {
        reduce_sequential(x, ax, map, Prod, init, fin)
    } else {
        reduce_map(x, ax, false, map, Prod, init, fin)
    }
}

/// A float32 accumulator rounded to float16, raising "overflow" when a finite value does not
/// fit, as NumPy's conversion at the end of a float16 reduction does.
fn to_f16(v: f32) -> half::f16 {
    let h = half::f16::from_f32(v);
    if h.is_infinite() && v.is_finite() {
        fpstatus::raise_overflow();
    }
    h
}

/// Dispatches a fold on the input and accumulator dtypes. Casts that `sum` and `mean` make on
/// every call (small integers to the platform integer, integers to float64, float16 to float32)
/// are fused into the loop; rarer ones go through a converted copy.
/// `in_order`: products in NumPy's order (see `product`).
fn fold_as(
    x: &Array,
    ax: &Axes,
    fold: Fold,
    dt: DType,
    initial: Option<Wide>,
    in_order: bool,
) -> Result<Array> {
    let src = x.dtype();
    match fold {
        // Truth does not depend on the sign: unsigned arrays are read as their signed twins.
        Fold::Any | Fold::All => dispatch!(src.signed_twin(), T => {
            let truthy = |v: T| !Num::eq_(v, T::zero());
            if fold == Fold::Any {
                reduce_map(x, ax, false, truthy, Sum, false, |v| v)
            } else {
                reduce_map(x, ax, false, truthy, Prod, true, |v| v)
            }
        }),
        Fold::Max | Fold::Min | Fold::NanMax | Fold::NanMin => {
            let nan_skipping = matches!(fold, Fold::NanMax | Fold::NanMin) && src.is_inexact();
            let is_max = matches!(fold, Fold::Max | Fold::NanMax);
            if nan_skipping {
                // fmax/fmin start from NaN, their identity, so an all-NaN lane stays NaN.
                dispatch_of!(src, [F16, F32, F64, C64, C128], T => {
                    let init = start(initial, T::from_wide(Wide::F(f64::NAN)));
                    if is_max {
                        reduce_map(x, ax, false, |v: T| v, FMax(init), init, |v| v)
                    } else {
                        reduce_map(x, ax, false, |v: T| v, FMin(init), init, |v| v)
                    }
                })
            } else {
                dispatch!(src, T => {
                    if is_max {
                        let init = start(initial, T::lowest());
                        reduce_map(x, ax, false, |v: T| v, Max(init), init, |v| v)
                    } else {
                        let init = start(initial, T::highest());
                        reduce_map(x, ax, false, |v: T| v, Min(init), init, |v| v)
                    }
                })
            }
        }
        Fold::Sum | Fold::NanSum | Fold::Prod | Fold::NanProd => {
            let product = matches!(fold, Fold::Prod | Fold::NanProd);
            let skip_nan = matches!(fold, Fold::NanSum | Fold::NanProd) && src.is_inexact();
            if src == DType::F16 && dt == DType::F16 {
                // float16 accumulates in float32 and rounds once at the end.
                let init = start(initial.map(|w| half::f16::from_wide(w).to_wide()), 0.0f32);
                let map = move |v: half::f16| {
                    let v = v.to_f32();
                    if skip_nan && v.is_nan() {
                        if product {
                            1.0
                        } else {
                            0.0
                        }
                    } else {
                        v
                    }
                };
                return if product {
                    self::product(x, ax, in_order, map, start(initial, 1.0f32), to_f16)
                } else {
                    reduce_map(x, ax, false, map, Sum, init, to_f16)
                };
            }
            if src == dt && skip_nan {
                return dispatch_of!(dt, [F16, F32, F64, C64, C128], T => {
                    let neutral = if product { T::one() } else { T::zero() };
                    let map = move |v: T| if v.is_nan_() { neutral } else { v };
                    if product {
                        self::product(x, ax, in_order, map, start(initial, T::one()), |v| v)
                    } else {
                        reduce_map(x, ax, false, map, Sum, start(initial, T::zero()), |v| v)
                    }
                });
            }
            if src == dt {
                return dispatch!(dt, T => {
                    if product {
                        self::product(x, ax, in_order, |v: T| v, start(initial, T::one()), |v| v)
                    } else {
                        reduce_map(x, ax, false, |v: T| v, Sum, start(initial, T::zero()), |v| v)
                    }
                });
            }
            if !product && !src.is_inexact() && matches!(dt, DType::I64 | DType::U64 | DType::F64) {
                return dispatch_of!(src, [Bool, I8, U8, I16, U16, I32, U32, I64, U64], T => match dt {
                    DType::I64 => reduce_map(x, ax, false, |v: T| v.cast::<i64>(), Sum, start(initial, 0i64), |v| v),
                    DType::U64 => reduce_map(x, ax, false, |v: T| v.cast::<u64>(), Sum, start(initial, 0u64), |v| v),
                    _ => reduce_map(x, ax, false, |v: T| v.cast::<f64>(), Sum, start(initial, 0f64), |v| v),
                });
            }
            crate::warn::complex_cast(src, dt);
            fold_as(&x.astype_as(dt, "reduce")?, ax, fold, dt, initial, in_order)
        }
    }
}

/// `count_nonzero(a, axis, keepdims)`: int64 counts of truthy elements.
pub fn count_nonzero(a: &Array, axes: Option<&[isize]>, keepdims: bool) -> Result<Array> {
    let ax = Axes::new(axes, a.ndim())?;
    // Truth does not depend on the sign: unsigned arrays are read as their signed twins.
    let r = dispatch!(a.dtype().signed_twin(), T => {
        reduce_map(a, &ax, false, |v: T| (!Num::eq_(v, T::zero())) as i64, Sum, 0i64, |v| v)
    })?;
    keep_dims(r, &ax, a.shape(), keepdims)
}

/// `sum(x ** 2, axis)` of a float32 or float64 array without the squared temporary: the
/// squares are summed in `sum`'s order, so the bits are those of the two steps. `None` when a
/// sum is not finite: an overflow (of a square or of the sum) or a non-finite input, which
/// NumPy reports against the step that raised it, so the caller takes the two steps.
pub fn sum_of_squares(a: &Array, axes: Option<&[isize]>, keepdims: bool) -> Result<Option<Array>> {
    let ax = Axes::new(axes, a.ndim())?;
    let r = match a.dtype() {
        DType::F64 => sum_map(a, &ax, keepdims, |v: f64| v * v, |s| s)?,
        DType::F32 => sum_map(a, &ax, keepdims, |v: f32| v * v, |s| s)?,
        t => return Err(Error::type_(format!("no fused sum of squares for {t}"))),
    };
    Ok(all_finite(&r).then_some(r))
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
    reduce_map(a, axes, keepdims, map, Sum, A::zero(), fin)
}

/// Reduces `a` over `axes`, combining `map(x)` with the monoid `m` starting from `init` (the
/// monoid's identity, or NumPy's `initial`), then applies `fin`.
pub fn reduce_map<T, A, O, M>(
    a: &Array,
    axes: &Axes,
    keepdims: bool,
    map: impl Fn(T) -> A + Sync,
    m: M,
    init: A,
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
    if a.is_c_contiguous() && (0..nd).all(|k| axes.is_reduced(k)) {
        // The whole of a contiguous array into one value (`np.sum(x)`): one run, no plans.
        // SAFETY: `a` is C-contiguous of dtype `T` (the caller's dispatch), so its `size()`
        // elements follow one another from its data pointer; nothing writes them meanwhile.
        let total = unsafe { reduce_run(SendPtr(a.data_ptr() as *mut T), a.size(), &map, m) };
        // SAFETY: reducing every axis without `keepdims` makes `out` a new 0-d array of
        // `O::DTYPE`: one element, aligned, at its data pointer.
        unsafe { *(out.data_ptr() as *mut O) = fin(m.op(init, total)) };
        return keep_dims(out, axes, shape, keepdims);
    }
    let lay = a.layout();
    let (kl, rl) = kept_and_reduced(a, axes);
    let red_plan = Plan::<1>::new(&rl.shape, [&rl.strides], [0]);
    let src = a.base::<T>();
    let dst = out.base::<O>();
    // The memory-innermost axis decides the strategy: reducing along it gives contiguous runs
    // to combine per output; keeping it means accumulating whole rows into the output.
    let inner_axis = (0..nd)
        .filter(|&k| shape[k] > 1)
        .min_by_key(|&k| lay.strides[k].unsigned_abs());
    let reduce_inner = inner_axis.is_none_or(|k| axes.is_reduced(k));

    if kl.shape.is_empty() || kl.size() == 1 {
        let total = m.op(
            init,
            reduce_all(&red_plan, lay.offset as isize, src, &map, m),
        );
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
        // SAFETY: the plan walks `out` (operand 0, whose shape is the kept shape) and the kept
        // axes of `a` (operand 1, from `a`'s offset); `red_plan` gives offsets over the
        // reduced axes from 0, so each run `off[1] + i * st[1] + ro[0] + j * rs[0]`
        // (`j < len`) is an element of `a` of dtype `T`, and `off[0] + i * st[0]` an element
        // of the new `out` of dtype `O`, written by this task alone.
        plan.run_parallel_weighted(rl.size(), &|off, n, st| unsafe {
            for i in 0..n as isize {
                let mut acc = init;
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
        if let Some(k) = contiguous_kept_run(&plan) {
            let base = plan.offsets[1];
            // SAFETY: `columns_in_blocks` asks only for rows `r < rl.size()`, whose reduced
            // offset from `a`'s kept start `base` is an element of `a`: the pointer stays
            // inside its buffer.
            let row = |r: usize| unsafe { src.at(base + red_plan.offsets_of(r)[0]) as *const T };
            let acc = columns_in_blocks(rl.size(), k, row, &map, m, init);
            for (i, a) in acc.into_iter().enumerate() {
                // SAFETY: the kept positions are one stride-1 run of `k` in `out`, from its
                // offset 0, and `acc` has `k` values: `i < k` is an element of the new `out`.
                unsafe { *dst.at(i as isize) = fin(a) };
            }
            return keep_dims(out, axes, shape, keepdims);
        }
        // SAFETY: as in the branch above: for each reduced position `ro[0] + j * rs[0]` the
        // `n` kept elements `off[1] + ro[0] + j * rs[0] + i * st[1]` are elements of `a` (a
        // contiguous run when `st[1] == 1`, `acc1`'s contract with the `n` slots of `acc`),
        // and `off[0] + i * st[0]` (`i < n`) are elements of `out` that this task alone
        // writes.
        plan.run_parallel_weighted(rl.size(), &|off, n, st| unsafe {
            let mut acc = vec![init; n];
            red_plan.run_serial(&mut |ro, len, rs| {
                for j in 0..len as isize {
                    let row = src.at(off[1] + ro[0] + j * rs[0]);
                    if st[1] == 1 {
                        simd_dispatch!(T::VECTOR && A::VECTOR, T::WIDE || A::WIDE; simd::acc1(acc.as_mut_ptr(), row, n, &map, m));
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
    keep_dims(out, axes, shape, keepdims)
}

/// The kept axes and the reduced axes of `a` as two layouts (offset 0).
fn kept_and_reduced(a: &Array, axes: &Axes) -> (Layout, Layout) {
    let lay = a.layout();
    let sub = |reduced: bool| {
        let axs = (0..a.ndim()).filter(|&k| axes.is_reduced(k) == reduced);
        Layout {
            shape: axs.clone().map(|k| lay.shape[k]).collect(),
            strides: axs.map(|k| lay.strides[k]).collect(),
            offset: 0,
        }
    };
    (sub(false), sub(true))
}

/// Reduces `a` over `axes` as NumPy's unpaired reductions do (`multiply.reduce`): each output
/// combines its elements one after another, in memory order, starting from `init`.
fn reduce_sequential<T: Element, A: Num, O: Element, M: Monoid<A>>(
    a: &Array,
    axes: &Axes,
    map: impl Fn(T) -> A + Sync,
    m: M,
    init: A,
    fin: impl Fn(A) -> O + Sync,
) -> Result<Array> {
    let out = Array::uninit(&axes.out_shape(a.shape(), false), O::DTYPE)?;
    let (kl, rl) = kept_and_reduced(a, axes);
    let red_plan = Plan::<1>::new(&rl.shape, [&rl.strides], [0]);
    let plan = Plan::<2>::new(
        &kl.shape,
        [&out.layout().strides, &kl.strides],
        [0, a.layout().offset as isize],
    );
    let (src, dst) = (a.base::<T>(), out.base::<O>());
    // SAFETY: the plan walks the new `out` (operand 0, of the kept shape) and `a`'s kept axes
    // from its offset (operand 1); with `red_plan`'s offsets over the reduced axes (from 0),
    // every `lane + ro[0] + j * rs[0]` (`j < len`) is an element of `a` of dtype `T`, and
    // `off[0] + i * st[0]` an element of `out` (dtype `O`) that this task alone writes.
    plan.run_parallel_weighted(rl.size(), &|off, n, st| unsafe {
        for i in 0..n as isize {
            let lane = src.at(off[1] + i * st[1]);
            let mut acc = init;
            red_plan.run_serial(&mut |ro, len, rs| {
                for j in 0..len as isize {
                    acc = m.op(acc, map(*lane.offset(ro[0] + j * rs[0])));
                }
            });
            *dst.at(off[0] + i * st[0]) = fin(acc);
        }
    });
    Ok(out)
}

/// When the kept positions form one contiguous run in both the output and the input (the
/// reduced axes are outer: `sum(axis=0)` of a C-ordered matrix), its length.
fn contiguous_kept_run(plan: &Plan<2>) -> Option<usize> {
    let (k, st) = plan.inner();
    (plan.shape.len() == 1 && st == [1, 1]).then_some(k)
}

/// Combines `rows` rows of `k` contiguous elements (`row(r)` points at row `r`) column by
/// column, each column row after row as NumPy does (so results are NumPy's, for any thread
/// count). Tasks own blocks of columns: wide enough to stream each row's slice, narrow
/// enough that the block's accumulators stay in cache.
fn columns_in_blocks<T: Element, A: Num, M: Monoid<A>>(
    rows: usize,
    k: usize,
    row: impl Fn(usize) -> *const T + Sync,
    map: &(impl Fn(T) -> A + Sync),
    m: M,
    init: A,
) -> Vec<A> {
    let mut acc = vec![init; k];
    let block = (k / parallel::num_threads()).clamp(256, 8192);
    let run = |b: usize, a: &mut [A]| {
        let (p, n, c0) = (a.as_mut_ptr(), a.len(), b * block);
        let mut r = 0;
        while r + 1 < rows {
            // SAFETY: rows `r`, `r + 1 < rows` hold `k` contiguous elements and `c0 < k`.
            let (x, y) = unsafe { (row(r).add(c0), row(r + 1).add(c0)) };
            // SAFETY: `p` is this block's `n` accumulators and `x`, `y` the block's columns
            // `c0..c0 + n` (`<= k`) of two rows, contiguous and only read; `simd_dispatch!`
            // picks an AVX copy only on a CPU that has it.
            unsafe {
                simd_dispatch!(T::VECTOR && A::VECTOR, T::WIDE || A::WIDE; simd::acc2(p, x, y, n, map, m))
            };
            r += 2;
        }
        if r < rows {
            // SAFETY: as above, for the last row `r < rows` alone.
            unsafe {
                simd_dispatch!(T::VECTOR && A::VECTOR, T::WIDE || A::WIDE; simd::acc1(p, row(r).add(c0), n, map, m))
            };
        }
    };
    if parallel::worth_splitting(rows * k) && k > block {
        let base = SendPtr(acc.as_mut_ptr());
        parallel::for_each(k.div_ceil(block), &|b| {
            let c0 = b * block;
            // SAFETY: block `b` is `acc[c0..c0 + len]`, written by this task alone.
            let a =
                unsafe { std::slice::from_raw_parts_mut(base.at(c0 as isize), block.min(k - c0)) };
            run(b, a);
        });
    } else {
        acc.chunks_mut(block)
            .enumerate()
            .for_each(|(b, a)| run(b, a));
    }
    acc
}

/// `map(x)` combined over `n` contiguous elements at `p`: split along the pairwise tree when
/// that is worth it, so the result does not depend on the thread count.
///
/// # Safety
/// `p` must point to `n` contiguous, initialised and aligned elements of type `T`, which no
/// thread writes meanwhile (they may be read from worker threads).
unsafe fn reduce_run<T: Element, A: Num, M: Monoid<A>>(
    p: SendPtr<T>,
    n: usize,
    map: &(impl Fn(T) -> A + Sync),
    m: M,
) -> A {
    if parallel::worth_splitting(n) {
        // SAFETY: as required of this function's caller.
        unsafe { pairwise_parallel(p, n, map, m) }
    } else {
        // SAFETY: the caller makes `p..p + n` readable, `pairwise`'s contract at stride 1.
        unsafe { pairwise(p.0, n, 1, map, m) }
    }
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
    if shifted.shape.len() == 1 && st[0] == 1 {
        // SAFETY: `reduce_map` passes the plan of `a`'s reduced axes, its base and offset:
        // one axis of stride 1 is `len` contiguous elements of `a` from `base`.
        return unsafe { reduce_run(SendPtr(src.at(base)), len, map, m) };
    }
    let mut acc = m.id();
    shifted.run_serial(&mut |o, n, s| {
        // SAFETY: each run of the plan over `a`'s reduced axes (from `a`'s offset) is `n`
        // elements of `a` at stride `s[0]` from `o[0]`.
        acc = m.op(acc, unsafe { pairwise(src.at(o[0]), n, s[0], map, m) })
    });
    acc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sum_of_squares_is_the_sum_of_the_squares() {
        // Irregular values and lengths past the pairwise block, so that any change of order
        // shows in the last bits.
        let v: Vec<f64> = (0..3 * 1000)
            .map(|i| ((i * 7919) % 1013) as f64 / 37.0 - 13.3)
            .collect();
        let a = Array::from_vec(v.clone(), &[3, 1000]).unwrap();
        let sq = Array::from_vec(v.iter().map(|x| x * x).collect(), &[3, 1000]).unwrap();
        for axes in [None, Some(&[0isize][..]), Some(&[1][..]), Some(&[0, 1][..])] {
            for keepdims in [false, true] {
                let fused = sum_of_squares(&a, axes, keepdims).unwrap().unwrap();
                let two_steps = sum(&sq, axes, keepdims, None).unwrap();
                assert_eq!(fused.shape(), two_steps.shape());
                assert_eq!(fused.to_vec::<f64>(), two_steps.to_vec::<f64>());
            }
        }
        let a32 = a.astype(DType::F32).unwrap();
        let sq32 = Array::from_vec(
            a32.to_vec::<f32>().iter().map(|x| x * x).collect(),
            &[3, 1000],
        )
        .unwrap();
        assert_eq!(
            sum_of_squares(&a32, Some(&[1]), false)
                .unwrap()
                .unwrap()
                .to_vec::<f32>(),
            sum(&sq32, Some(&[1]), false, None).unwrap().to_vec::<f32>()
        );
        assert!(
            sum_of_squares(&Array::from_vec(vec![1i64, 2], &[2]).unwrap(), None, false).is_err()
        );
        let big = Array::from_vec(vec![1.0, 1e200, 2.0, 3.0], &[2, 2]).unwrap();
        assert!(sum_of_squares(&big, Some(&[1]), false).unwrap().is_none());
        let nan = Array::from_vec(vec![1.0, f64::NAN], &[2]).unwrap();
        assert!(sum_of_squares(&nan, None, false).unwrap().is_none());
    }

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
    fn column_blocks_do_not_depend_on_threads() {
        let v: Vec<f64> = (0..40_000).map(|i| ((i * 37) % 101) as f64 * 0.1).collect();
        let a = Array::from_vec(v.clone(), &[4000, 10]).unwrap();
        let run = |t| {
            crate::parallel::set_num_threads(t);
            sum(&a, Some(&[0]), false, None).unwrap().to_vec::<f64>()
        };
        let (one, two) = (run(1), run(2));
        assert_eq!(one, two);
        for (j, got) in one.iter().enumerate() {
            let exact: f64 = (0..4000).map(|i| v[i * 10 + j]).sum();
            assert!((got - exact).abs() < 1e-9 * exact.abs());
        }
        let m = reduce(&a, Fold::Max, &ReduceSpec::over(Some(&[0]))).unwrap();
        assert_eq!(m.to_vec::<f64>(), vec![10.0; 10]);
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
