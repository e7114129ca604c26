//! The ufunc methods that fold along axes: `reduce`, `accumulate` and `reduceat`.
//!
//! Where a reducing function already is the method (`add.reduce` is `sum`, `maximum.reduce` is
//! `max`, `add.accumulate` is `cumsum`), the method calls it: one implementation, NumPy's
//! summation order and accumulator types. Every other binary ufunc folds with its own typed
//! element loop (`loops::run_binary`), run as NumPy runs a reduction's inner loop: the output
//! aliases the first input with stride 0 along the reduced axis (or, for `accumulate`, the
//! previous row), one element after another. `parallel::serial` keeps that loop on one thread
//! and in order.

use super::loops::run_binary;
use super::{BinaryOp, Casting, Func};
use crate::array::Array;
use crate::dispatch;
use crate::dtype::{promote, DType, Element, Wide};
use crate::error::{Error, Result};
use crate::kernels::fpstatus;
use crate::kernels::scalar::Num;
use crate::layout::{c_strides, normalize_axis, Layout};
use crate::ops::lanes::Scan;
use crate::ops::reduce::{keep_dims, Axes, Fold};
use crate::ops::reduce_args::{self as ra, ReduceArgs};
use crate::parallel;
use smallvec::SmallVec;

/// NumPy's "reorderable" ufuncs: a reduction may take several axes at once, in any order.
fn reorderable(op: BinaryOp) -> bool {
    use BinaryOp::*;
    op.identity().is_some() || matches!(op, Maximum | Minimum | Fmax | Fmin)
}

/// The reducing function that is `op.reduce`, where there is one.
fn fold_of(op: BinaryOp) -> Option<Fold> {
    use BinaryOp::*;
    Some(match op {
        Add => Fold::Sum,
        Multiply => Fold::Prod,
        Maximum => Fold::Max,
        Minimum => Fold::Min,
        LogicalOr => Fold::Any,
        LogicalAnd => Fold::All,
        _ => return None,
    })
}

/// NumPy's error for a ufunc method that needs two inputs and one output.
pub fn check_binary(f: Func, method: &str) -> Result<BinaryOp> {
    match f {
        Func::Binary(op) => Ok(op),
        Func::Divmod => Err(Error::value(format!(
            "{method} only supported for functions returning a single value"
        ))),
        Func::Ldexp => Err(Error::type_(
            "ufunc 'ldexp' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''same_kind''",
        )),
        _ => Err(Error::value(format!(
            "{method} only supported for binary functions"
        ))),
    }
}

/// The loop type of a fold of `x` by `op`: NumPy resolves `(acc, x) -> acc` with `acc` the
/// `dtype=` (else the promotion of `out=` and the input, else the input's type), and the loop
/// must give back its first input's type (`equal.reduce` of integers has none).
fn loop_type(op: BinaryOp, x: DType, dtype: Option<DType>, out: Option<DType>) -> Result<DType> {
    let no_loop = || {
        Error::type_(format!(
            "No loop matching the specified signature and casting was found for ufunc {}",
            op.name()
        ))
    };
    // The logical ufuncs read the truth of anything: their reductions run on bool.
    if op.is_logical() && dtype.is_none() {
        return Ok(DType::Bool);
    }
    let l = match dtype {
        Some(d) => {
            Func::Binary(op)
                .resolve(&[x, x], &[false, false], Some(d), Casting::Unsafe)?
                .ins[0]
        }
        None => {
            let want = out.map_or(x, |o| promote(o, x));
            op.resolve(want, want)?
        }
    };
    if op.output_dtype(l) != l {
        return Err(no_loop());
    }
    Ok(l)
}

/// `a` with axis `k` cut to `start..stop`.
fn slice_axis(a: &Array, k: usize, start: usize, stop: usize) -> Array {
    let l = a.layout();
    let mut shape = l.shape.clone();
    shape[k] = stop.saturating_sub(start);
    let offset = l.offset as isize + start as isize * l.strides[k];
    a.with_layout(Layout {
        shape,
        strides: l.strides.clone(),
        offset: offset.max(0) as usize,
    })
}

/// `acc` (the kept axes, C order) seen over the shape of `x` (kept axes then one reduced axis):
/// stride 0 along the reduced axis.
fn aliased(acc: &Array, x: &Array) -> Array {
    let l = acc.layout();
    let mut shape = l.shape.clone();
    let mut strides = l.strides.clone();
    shape.push(x.shape()[x.ndim() - 1]);
    strides.push(0);
    acc.with_layout(Layout {
        shape,
        strides,
        offset: l.offset,
    })
}

/// NumPy's check for integer `power`: a negative exponent is an error, not a value.
fn check_power(op: BinaryOp, l: DType, exps: &Array) -> Result<()> {
    if op == BinaryOp::Power && l.is_integer() {
        let neg = dispatch!(l, T => exps.to_vec::<T>().iter().any(|v| Num::is_negative_int(*v)));
        if neg {
            return Err(Error::value(
                "Integers to negative integer powers are not allowed.",
            ));
        }
    }
    Ok(())
}

/// `acc[..] = op(acc[..], x[.., j])` for every `j` of `x`'s last axis in order; `acc` holds
/// `x`'s leading axes. Floating-point flags are reported as NumPy's `what` ("reduce").
fn fold_into(op: BinaryOp, l: DType, acc: &Array, x: &Array, what: &'static str) {
    if x.size() == 0 {
        return;
    }
    let a = aliased(acc, x);
    let ((), flags) = fpstatus::collect(|| parallel::serial(|| run_binary(op, l, &a, &a, x)));
    crate::warn::fp_error(flags, what);
}

/// The elements of a 1-d `x` where the 1-d `mask` is true.
fn compress1(x: &Array, mask: &Array) -> Result<Array> {
    let m = mask.to_vec::<bool>();
    dispatch!(x.dtype(), T => {
        let v: Vec<T> = x.to_vec::<T>().into_iter().zip(&m).filter(|(_, &k)| k).map(|(v, _)| v).collect();
        let n = v.len();
        Array::from_vec(v, &[n])
    })
}

/// `ufunc.reduce(x, axis, dtype, out, keepdims, initial, where)` for a binary ufunc.
pub fn reduce(f: Func, x: &Array, args: &ReduceArgs) -> Result<Array> {
    let op = check_binary(f, "reduce")?;
    let axes = args.axes_for(x, true);
    let ax = Axes::new(axes, x.ndim())?;
    let reduced: SmallVec<[usize; 6]> = (0..x.ndim()).filter(|&k| ax.is_reduced(k)).collect();
    let not_reorderable = || {
        Error::value(format!(
            "reduction operation '{}' is not reorderable, so at most one axis may be specified",
            op.name()
        ))
    };
    // `any`/`all` take no `initial`: with one, logical reductions fold in the general loop.
    let fold =
        fold_of(op).filter(|f| args.initial.is_none() || !matches!(f, Fold::Any | Fold::All));
    if let Some(fold) = fold {
        let plain = args.dtype.is_none() || matches!(fold, Fold::Sum | Fold::Prod);
        if plain {
            return ra::fold(x, fold, args);
        }
        if matches!(fold, Fold::Max | Fold::Min) {
            // `max` has no `dtype=`: the ufunc's reduce with one folds the converted input.
            let l = loop_type(op, x.dtype(), args.dtype, None)?;
            let xl = x.astype(l)?;
            let rest = ReduceArgs {
                dtype: None,
                ..*args
            };
            return ra::fold(&xl, fold, &rest);
        }
    }
    let name = op.name();
    // NumPy finds the loop before it looks at the axes.
    let l = loop_type(op, x.dtype(), args.dtype, args.out.map(|o| o.dtype()))?;
    if reduced.len() > 1 && !reorderable(op) {
        return Err(not_reorderable());
    }
    let initial = match args.initial {
        Some(v) => Some(ra::initial_value(v, l)?),
        None => op
            .identity()
            .map(|w| dispatch!(l, T => T::from_wide(w).to_wide())),
    };
    let mask = args.mask()?;
    if mask.is_some() && initial.is_none() {
        return Err(Error::value(format!(
            "reduction operation '{name}' does not have an identity, so to use a where mask one has to specify 'initial'"
        )));
    }
    let kept: SmallVec<[usize; 6]> = (0..x.ndim()).filter(|&k| !ax.is_reduced(k)).collect();
    let kept_shape: SmallVec<[usize; 6]> = kept.iter().map(|&k| x.shape()[k]).collect();
    let n: usize = reduced.iter().map(|&k| x.shape()[k]).product();
    let out_size: usize = kept_shape.iter().product();
    if n == 0 && initial.is_none() {
        return Err(Error::value(format!(
            "zero-size array to reduction operation {name} which has no identity"
        )));
    }
    // Kept axes first, the reduced ones merged into one last axis.
    let perm: SmallVec<[isize; 6]> = kept.iter().chain(&reduced).map(|&k| k as isize).collect();
    let mut shape2: SmallVec<[isize; 6]> = kept_shape.iter().map(|&d| d as isize).collect();
    shape2.push(n as isize);
    let arrange = |a: &Array| a.transpose(Some(&perm))?.reshape(&shape2);
    let x2 = arrange(x)?;
    let xl = if x2.dtype() == l { x2 } else { x2.astype(l)? };
    let acc = Array::uninit(&kept_shape, l)?;
    let last = kept_shape.len();
    let start = match initial {
        Some(v) => {
            acc.fill(v)?;
            0
        }
        None if out_size == 0 => 0,
        None => {
            let first = slice_axis(&xl, last, 0, 1).reshape(
                &kept_shape
                    .iter()
                    .map(|&d| d as isize)
                    .collect::<SmallVec<[isize; 6]>>(),
            )?;
            acc.assign(&first)?;
            1
        }
    };
    let rest = slice_axis(&xl, last, start, n);
    check_power(op, l, &rest)?;
    match mask {
        None => fold_into(op, l, &acc, &rest, "reduce"),
        Some(m) => {
            let m2 = arrange(&m.broadcast_to(x.shape())?.astype(DType::Bool)?)?;
            if out_size == 1 {
                // One result: fold only the kept elements.
                let xs = compress1(&rest.reshape(&[-1])?, &m2.reshape(&[-1])?)?;
                let xs = xs.reshape(&[1, -1])?;
                let acc1 = acc.reshape(&[1])?;
                fold_into(op, l, &acc1, &xs, "reduce");
            } else {
                let ((), flags) = fpstatus::collect(|| {
                    for j in 0..n {
                        let col = slice_axis(&rest, last, j, j + 1);
                        let keep = slice_axis(&m2, last, j, j + 1);
                        let cur = aliased(&acc, &col);
                        let tmp = Array::uninit(col.shape(), l).expect("allocated");
                        run_binary(op, l, &tmp, &cur, &col);
                        // Only the kept positions take the new value.
                        dispatch!(l, T => crate::kernels::map3(&cur, &tmp, &keep, &cur.clone(), |t: T, k: bool, c: T| if k { t } else { c }));
                    }
                });
                crate::warn::fp_error(flags, "reduce");
            }
        }
    }
    let r = keep_dims(acc, &ax, x.shape(), args.keepdims)?;
    ra::into_out(r, args.out, name)
}

/// `ufunc.accumulate(x, axis, dtype, out)`: `axis` is `None` when not given as an integer
/// (NumPy accepts that for 1-d input only).
pub fn accumulate(
    f: Func,
    x: &Array,
    axis: Option<isize>,
    dtype: Option<DType>,
    out: Option<&Array>,
) -> Result<Array> {
    let op = check_binary(f, "accumulate")?;
    if x.ndim() == 0 {
        return Err(Error::type_("cannot accumulate on a scalar"));
    }
    let axis = match axis {
        Some(a) => a,
        None if x.ndim() == 1 => 0,
        None => return Err(Error::value("accumulate does not allow multiple axes")),
    };
    let k = normalize_axis(axis, x.ndim())?;
    let scan = match op {
        BinaryOp::Add => Some(Scan::Sum),
        BinaryOp::Multiply => Some(Scan::Prod),
        _ => None,
    };
    if let Some(s) = scan {
        return ra::scan(x, s, false, Some(k as isize), dtype, out);
    }
    let name = op.name();
    let l = loop_type(op, x.dtype(), dtype, out.map(|o| o.dtype()))?;
    let xl = if x.dtype() == l {
        x.clone()
    } else {
        x.astype(l)?
    };
    // The accumulated axis first.
    let mut perm: SmallVec<[isize; 6]> = smallvec::smallvec![k as isize];
    perm.extend((0..x.ndim()).filter(|&d| d != k).map(|d| d as isize));
    let xt = xl.transpose(Some(&perm))?;
    let n = xt.shape()[0];
    let inner: SmallVec<[usize; 6]> = xt.shape()[1..].into();
    let row: usize = inner.iter().product();
    // Rows one element longer than the data, so that no row merges with the next: every run
    // of the loop then stays inside one row, and rows go in order.
    let scratch = Array::uninit(&[n, row + 1], l)?;
    let mut strides: SmallVec<[isize; 6]> = smallvec::smallvec![(row + 1) as isize];
    strides.extend(c_strides(&inner).iter().copied());
    let mut shape: SmallVec<[usize; 6]> = SmallVec::from_slice(&[n]);
    shape.extend(inner.iter().copied());
    let res = scratch.with_layout(Layout {
        shape: shape.iter().copied().collect(),
        strides: strides.into_iter().collect(),
        offset: scratch.layout().offset,
    });
    if n > 0 && row > 0 {
        slice_axis(&res, 0, 0, 1).assign(&slice_axis(&xt, 0, 0, 1))?;
        let later = slice_axis(&xt, 0, 1, n);
        check_power(op, l, &later)?;
        let o = slice_axis(&res, 0, 1, n);
        let prev = slice_axis(&res, 0, 0, n - 1);
        let ((), flags) =
            fpstatus::collect(|| parallel::serial(|| run_binary(op, l, &o, &prev, &later)));
        crate::warn::fp_error(flags, "accumulate");
    }
    // Back to the input's axis order, as a C-ordered array.
    let mut inv: SmallVec<[isize; 6]> = SmallVec::from_elem(0, x.ndim());
    for (i, &p) in perm.iter().enumerate() {
        inv[p as usize] = i as isize;
    }
    let r = res.transpose(Some(&inv))?.copy(crate::array::Order::C)?;
    ra::into_out(r, out, name)
}

/// `ufunc.reduceat(x, indices, axis, dtype, out)`: segment `i` reduces `x[indices[i]:
/// indices[i+1]]` along `axis` (to the end for the last), or is `x[indices[i]]` where the next
/// index is not larger.
pub fn reduceat(
    f: Func,
    x: &Array,
    indices: &[i64],
    axis: isize,
    dtype: Option<DType>,
    out: Option<&Array>,
) -> Result<Array> {
    let op = check_binary(f, "reduceat")?;
    let name = op.name();
    let x0;
    let x = if x.ndim() == 0 {
        x0 = x.reshape(&[1])?;
        &x0
    } else {
        x
    };
    let k = normalize_axis(axis, x.ndim())?;
    let n = x.shape()[k];
    for &i in indices {
        if i < 0 || i as usize >= n {
            return Err(Error::index(format!(
                "index {i} out-of-bounds in {name}.reduceat [0, {n})"
            )));
        }
    }
    let acc_dtype = match op {
        BinaryOp::Add | BinaryOp::Multiply => dtype.or_else(|| {
            out.map(|o| promote(o.dtype(), x.dtype()))
                .or(Some(crate::ops::reduce::sum_dtype(x.dtype())))
        }),
        _ => dtype,
    };
    let l = match op {
        BinaryOp::Add | BinaryOp::Multiply => acc_dtype.unwrap_or(x.dtype()),
        _ => loop_type(op, x.dtype(), dtype, out.map(|o| o.dtype()))?,
    };
    let mut shape: SmallVec<[usize; 6]> = x.shape().into();
    shape[k] = indices.len();
    let r = Array::uninit(&shape, l)?;
    let ax = [k as isize];
    for (j, &s) in indices.iter().enumerate() {
        let s = s as usize;
        let e = match indices.get(j + 1) {
            Some(&t) if t as usize > s => t as usize,
            Some(_) => s + 1,
            None => n,
        };
        let seg = slice_axis(x, k, s, e);
        let args = ReduceArgs {
            axes: Some(&ax),
            int_axis: true,
            dtype: if acc_dtype.is_some() { Some(l) } else { None },
            keepdims: true,
            ..Default::default()
        };
        let v = if e == s + 1 {
            seg.astype(l)?
        } else {
            reduce(f, &seg, &args)?
        };
        slice_axis(&r, k, j, j + 1).assign(&v)?;
    }
    if let Some(o) = out {
        if o.shape() != r.shape() {
            return Err(Error::value(format!(
                "output parameter for reduction operation {name} has the wrong shape: Found {} but expected {}",
                crate::layout::shape_str(o.shape()),
                crate::layout::shape_str(r.shape())
            )));
        }
    }
    ra::into_out(r, out, name)
}

/// The identity of `op` as a value of `d`, for `ufunc.identity` readers.
pub fn identity_as(op: BinaryOp, d: DType) -> Option<Wide> {
    op.identity()
        .map(|w| dispatch!(d, T => T::from_wide(w).to_wide()))
}
