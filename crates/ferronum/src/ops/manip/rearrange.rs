//! Views that rearrange axes (`squeeze`, `expand_dims`, `moveaxis`, `rollaxis`,
//! `matrix_transpose`, `broadcast_to`, ...) and the reshapes that copy only when NumPy does.

use crate::array::{Array, Order};
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::layout::{normalize_axis, shape_str, shape_str_sep, Dims, Layout};
use smallvec::SmallVec;

/// NumPy's `normalize_axis_tuple(axis, ndim, argname)`: a repeated axis is its ValueError
/// naming the argument, and an AxisError carries the name as its prefix.
fn axis_tuple(axes: &[isize], ndim: usize, argname: Option<&'static str>) -> Result<Vec<usize>> {
    let mut out = Vec::with_capacity(axes.len());
    for &a in axes {
        let ax = normalize_axis(a, ndim).map_err(|e| match argname {
            Some(n) => e.with_axis_prefix(n),
            None => e,
        })?;
        out.push(ax);
    }
    let mut sorted = out.clone();
    sorted.sort_unstable();
    if sorted.windows(2).any(|w| w[0] == w[1]) {
        return Err(Error::value(match argname {
            Some(n) => format!("repeated axis in `{n}` argument"),
            None => "repeated axis".to_string(),
        }));
    }
    Ok(out)
}

fn permute(a: &Array, perm: &[usize]) -> Array {
    a.with_layout(a.layout().permuted(perm))
}

/// `squeeze(a, axis)` with `axis` a single int: NumPy lets 0 and -1 name the "axis" of a 0-d
/// array (a tuple may not).
pub fn squeeze_one(a: &Array, axis: isize) -> Result<Array> {
    if a.ndim() == 0 && (axis == 0 || axis == -1) {
        return Ok(a.with_layout(a.layout().clone()));
    }
    squeeze(a, Some(&[axis]))
}

/// NumPy's `squeeze(a, axis)`: drops all length-1 axes, or the ones named.
pub fn squeeze(a: &Array, axis: Option<&[isize]>) -> Result<Array> {
    let nd = a.ndim();
    let drop: Vec<bool> = match axis {
        None => a.shape().iter().map(|&d| d == 1).collect(),
        Some(ax) => {
            let mut drop = vec![false; nd];
            for &x in ax {
                let k = normalize_axis(x, nd)?;
                if drop[k] {
                    return Err(Error::value("duplicate value in 'axis'"));
                }
                drop[k] = true;
            }
            if (0..nd).any(|k| drop[k] && a.shape()[k] != 1) {
                return Err(Error::value(
                    "cannot select an axis to squeeze out which has size not equal to one",
                ));
            }
            drop
        }
    };
    let l = a.layout();
    let keep = (0..nd).filter(|&k| !drop[k]);
    Ok(a.with_layout(Layout {
        shape: keep.clone().map(|k| l.shape[k]).collect(),
        strides: keep.map(|k| l.strides[k]).collect(),
        offset: l.offset,
    }))
}

/// NumPy's `expand_dims(a, axis)`: length-1 axes inserted at the positions of the result.
pub fn expand_dims(a: &Array, axes: &[isize]) -> Result<Array> {
    let out_nd = a.ndim() + axes.len();
    crate::layout::check_ndim(out_nd)?;
    let new = axis_tuple(axes, out_nd, None)?;
    let l = a.layout();
    let (mut shape, mut strides): (Dims, SmallVec<[isize; 4]>) = (Dims::new(), SmallVec::new());
    let mut k = 0;
    for i in 0..out_nd {
        if new.contains(&i) {
            shape.push(1);
            strides.push(0);
        } else {
            shape.push(l.shape[k]);
            strides.push(l.strides[k]);
            k += 1;
        }
    }
    Ok(a.with_layout(Layout {
        shape,
        strides,
        offset: l.offset,
    }))
}

/// NumPy's `moveaxis(a, source, destination)`.
pub fn moveaxis(a: &Array, source: &[isize], destination: &[isize]) -> Result<Array> {
    let nd = a.ndim();
    let src = axis_tuple(source, nd, Some("source"))?;
    let dst = axis_tuple(destination, nd, Some("destination"))?;
    if src.len() != dst.len() {
        return Err(Error::value(
            "`source` and `destination` arguments must have the same number of elements",
        ));
    }
    let mut order: Vec<usize> = (0..nd).filter(|k| !src.contains(k)).collect();
    let mut moves: Vec<(usize, usize)> = dst.into_iter().zip(src).collect();
    moves.sort_unstable();
    for (d, s) in moves {
        order.insert(d, s);
    }
    Ok(permute(a, &order))
}

/// NumPy's `rollaxis(a, axis, start)`: `axis` moved to before position `start`.
pub fn rollaxis(a: &Array, axis: isize, start: isize) -> Result<Array> {
    let n = a.ndim() as isize;
    let axis = normalize_axis(axis, a.ndim())?;
    let s = if start < 0 { start + n } else { start };
    if !(0..n + 1).contains(&s) {
        return Err(Error::AxisMessage(format!(
            "'start' arg requires {} <= start < {}, but {s} was passed in",
            -n,
            n + 1
        )));
    }
    let mut s = s as usize;
    if axis < s {
        s -= 1;
    }
    if axis == s {
        return Ok(a.with_layout(a.layout().clone()));
    }
    let mut axes: Vec<usize> = (0..a.ndim()).filter(|&k| k != axis).collect();
    axes.insert(s, axis);
    Ok(permute(a, &axes))
}

/// NumPy's `swapaxes(a, axis1, axis2)`, its AxisError naming the argument.
pub fn swapaxes(a: &Array, axis1: isize, axis2: isize) -> Result<Array> {
    let nd = a.ndim();
    let x = normalize_axis(axis1, nd).map_err(|e| e.with_axis_prefix("axis1"))?;
    let y = normalize_axis(axis2, nd).map_err(|e| e.with_axis_prefix("axis2"))?;
    let mut perm: Vec<usize> = (0..nd).collect();
    perm.swap(x, y);
    Ok(permute(a, &perm))
}

/// NumPy's `matrix_transpose(x)`: the last two axes swapped.
pub fn matrix_transpose(a: &Array) -> Result<Array> {
    if a.ndim() < 2 {
        return Err(Error::value(format!(
            "Input array must be at least 2-dimensional, but it is {}",
            a.ndim()
        )));
    }
    swapaxes(a, -1, -2)
}

/// `ndarray.mT`: `matrix_transpose` with the attribute's own message.
pub fn mt(a: &Array) -> Result<Array> {
    if a.ndim() < 2 {
        return Err(Error::value("matrix transpose with ndim < 2 is undefined"));
    }
    swapaxes(a, -1, -2)
}

/// NumPy's `broadcast_to(array, shape)`: a read-only view.
pub fn broadcast_to(a: &Array, shape: &[isize]) -> Result<Array> {
    if shape.iter().any(|&d| d < 0) {
        return Err(Error::value(
            "all elements of broadcast shape must be non-negative",
        ));
    }
    let shape: Dims = shape.iter().map(|&d| d as usize).collect();
    crate::layout::check_ndim(shape.len())?;
    // (NumPy's broadcasting iterator refuses a shape whose size overflows.)
    crate::layout::checked_size(&shape).map_err(|_| Error::value("iterator is too large"))?;
    if shape.is_empty() && a.ndim() > 0 {
        return Err(Error::value(
            "cannot broadcast a non-scalar to a scalar array",
        ));
    }
    if a.ndim() > shape.len() {
        return Err(Error::value(
            "input operand has more dimensions than allowed by the axis remapping",
        ));
    }
    let pad = shape.len() - a.ndim();
    if (0..a.ndim()).any(|k| a.shape()[k] != 1 && a.shape()[k] != shape[pad + k]) {
        return Err(Error::value(format!(
            "operands could not be broadcast together with remapped shapes [original->remapped]: {}  and requested shape {}",
            shape_str_sep(a.shape(), ","),
            shape_str_sep(&shape, ",")
        )));
    }
    a.broadcast_to(&shape)
}

/// The broadcast of `shapes` with the message of NumPy's multi-iterator: the first result axis
/// (from the left) where two shapes conflict, naming the argument that set it and the one
/// that disagrees.
pub fn broadcast_shapes(shapes: &[&[usize]]) -> Result<Dims> {
    let nd = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut out: Dims = SmallVec::from_elem(1, nd);
    for (i, o) in out.iter_mut().enumerate() {
        let mut src = 0;
        for (j, s) in shapes.iter().enumerate() {
            let Some(k) = (i + s.len()).checked_sub(nd) else {
                continue;
            };
            let d = s[k];
            if d == 1 {
                continue;
            }
            if *o == 1 {
                *o = d;
                src = j;
            } else if *o != d {
                return Err(Error::value(format!(
                    "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg {src} with shape {} and arg {j} with shape {}.",
                    shape_str(shapes[src]),
                    shape_str(s)
                )));
            }
        }
    }
    Ok(out)
}

/// NumPy's `broadcast_arrays(*args)`: views with the common shape (the inputs themselves when
/// they all have it already).
pub fn broadcast_arrays(arrays: &[Array]) -> Result<Vec<Array>> {
    let shapes: Vec<&[usize]> = arrays.iter().map(|a| a.shape()).collect();
    let shape = broadcast_shapes(&shapes)?;
    arrays
        .iter()
        .map(|a| {
            if a.shape() == shape.as_slice() {
                return Ok(a.clone());
            }
            // Writeable as NumPy 2 leaves them (NumPy warns on a write; ferronum cannot).
            Ok(a.with_layout(a.layout().broadcast_to(&shape)?))
        })
        .collect()
}

/// The memory order of `reshape` and `ravel`: `'A'` is Fortran order for a Fortran-contiguous
/// array that is not also C-contiguous.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReshapeOrder {
    C,
    F,
    A,
    K,
}

impl ReshapeOrder {
    pub fn parse(s: &str) -> Result<ReshapeOrder> {
        Ok(match s {
            "C" | "c" => ReshapeOrder::C,
            "F" | "f" => ReshapeOrder::F,
            "A" | "a" => ReshapeOrder::A,
            "K" | "k" => ReshapeOrder::K,
            _ => {
                return Err(Error::value(format!(
                    "order must be one of 'C', 'F', 'A', or 'K' (got '{s}')"
                )))
            }
        })
    }

    fn resolve(self, a: &Array) -> ReshapeOrder {
        match self {
            ReshapeOrder::A if a.is_f_contiguous() && !a.is_c_contiguous() => ReshapeOrder::F,
            ReshapeOrder::A => ReshapeOrder::C,
            o => o,
        }
    }
}

/// NumPy's `reshape(a, shape, order, copy)`: a view whenever the strides allow one (`copy`
/// `None`), always a copy (`Some(true)`), or a view or NumPy's ValueError (`Some(false)`).
pub fn reshape(
    a: &Array,
    shape: &[isize],
    order: ReshapeOrder,
    copy: Option<bool>,
) -> Result<Array> {
    match order.resolve(a) {
        ReshapeOrder::K => Err(Error::value("order 'K' is not permitted for reshaping")),
        ReshapeOrder::F => {
            // Fortran order is C order on the reversed axes.
            let rev: Vec<isize> = shape.iter().rev().copied().collect();
            let r = reshape(&a.transpose(None)?, &rev, ReshapeOrder::C, copy)?;
            r.transpose(None)
        }
        _ => match copy {
            Some(true) => {
                crate::layout::infer_shape(shape, a.size(), a.shape())?;
                a.copy(Order::C)?.reshape(shape)
            }
            Some(false) => a
                .reshape_view(shape)?
                .ok_or_else(|| Error::value("Unable to avoid creating a copy while reshaping.")),
            None => a.reshape(shape),
        },
    }
}

/// NumPy's `ravel(a, order)`: a view when the elements already lie in that order.
pub fn ravel(a: &Array, order: ReshapeOrder) -> Result<Array> {
    match order.resolve(a) {
        ReshapeOrder::F => a.transpose(None)?.ravel(),
        ReshapeOrder::K => {
            if a.is_c_contiguous() {
                return a.ravel();
            }
            // A view when the axes sorted by decreasing stride magnitude are contiguous
            // (positive strides only), else a copy in the order NumPy's iterator visits.
            let mut perm: Vec<usize> = (0..a.ndim()).collect();
            perm.sort_by_key(|&k| std::cmp::Reverse(a.strides()[k].unsigned_abs()));
            let mut want = 1isize;
            let contiguous = perm.iter().rev().all(|&k| {
                let d = a.shape()[k];
                if d == 1 {
                    return true;
                }
                let ok = a.strides()[k] == want;
                want *= d as isize;
                ok
            });
            if contiguous {
                return permute(a, &perm).ravel();
            }
            flatten(a, ReshapeOrder::K)
        }
        _ => a.ravel(),
    }
}

/// The axes in the order NumPy's iterator visits them in order 'K' (outermost first) without
/// negating strides: by decreasing stride magnitude, where a length-1 or zero-stride axis
/// decides nothing (a stable insertion sort from the innermost axis).
fn keep_order(a: &Array) -> Vec<usize> {
    let nd = a.ndim();
    let stride = |k: usize| {
        if a.shape()[k] == 1 {
            0
        } else {
            a.strides()[k]
        }
    };
    // Innermost first, as the iterator's axis data.
    let mut perm: Vec<usize> = (0..nd).rev().collect();
    for i0 in 1..nd {
        let ax0 = perm[i0];
        let s0 = stride(ax0);
        let mut ipos = i0;
        for i1 in (0..i0).rev() {
            let s1 = stride(perm[i1]);
            if s0 != 0 && s1 != 0 {
                if s1.unsigned_abs() <= s0.unsigned_abs() {
                    break;
                }
                ipos = i1;
            }
        }
        if ipos != i0 {
            perm.copy_within(ipos..i0, ipos + 1);
            perm[ipos] = ax0;
        }
    }
    perm.reverse();
    perm
}

/// NumPy's `ndarray.flatten(order)`: always a new 1-d array, its elements read in C order, in
/// Fortran order, in Fortran order when the array is Fortran and not C contiguous ('A'), or
/// in the order of memory ('K', strides kept as they are).
pub fn flatten(a: &Array, order: ReshapeOrder) -> Result<Array> {
    let v = match order.resolve(a) {
        ReshapeOrder::F => a.transpose(None)?,
        ReshapeOrder::K => permute(a, &keep_order(a)),
        _ => a.clone(),
    };
    v.copy(Order::C)?.reshape(&[-1])
}

/// A new array of `a`'s shape and `dtype`, laid out as NumPy's `PyArray_NewLikeArray` lays
/// out a copy in `order`: 'A' is Fortran for a Fortran (and not C) contiguous `a`, else C;
/// 'K' keeps the axes in `a`'s memory order (by decreasing stride magnitude).
pub fn new_like(a: &Array, dtype: DType, order: ReshapeOrder) -> Result<Array> {
    let order = match order.resolve(a) {
        ReshapeOrder::K if a.is_c_contiguous() || a.ndim() <= 1 => ReshapeOrder::C,
        ReshapeOrder::K if a.is_f_contiguous() => ReshapeOrder::F,
        o => o,
    };
    match order {
        ReshapeOrder::F => Array::uninit_order(a.shape(), dtype, Order::F),
        ReshapeOrder::K => {
            let mut perm: Vec<usize> = (0..a.ndim()).collect();
            perm.sort_by_key(|&k| std::cmp::Reverse(a.strides()[k].unsigned_abs()));
            let out = Array::uninit_order(a.shape(), dtype, Order::C)?;
            let mut l = out.layout().clone();
            if a.size() > 0 {
                let mut s = 1isize;
                for &k in perm.iter().rev() {
                    l.strides[k] = s;
                    s *= a.shape()[k] as isize;
                }
            }
            Ok(out.with_layout(l))
        }
        _ => Array::uninit_order(a.shape(), dtype, Order::C),
    }
}

/// `a`'s values in `dtype`, copied into `new_like(a, dtype, order)`.
pub fn copy_like(a: &Array, dtype: DType, order: ReshapeOrder) -> Result<Array> {
    let out = new_like(a, dtype, order)?;
    out.assign_cast(a, "cast")?;
    Ok(out)
}

/// Whether `a` already has the memory order `order` asks of an existing array (NumPy's
/// `C_CONTIGUOUS`/`F_CONTIGUOUS` requirements; 'A' and 'K' ask nothing).
pub fn has_order(a: &Array, order: ReshapeOrder) -> bool {
    match order {
        ReshapeOrder::C => a.is_c_contiguous(),
        ReshapeOrder::F => a.is_f_contiguous(),
        _ => true,
    }
}

/// NumPy's `ascontiguousarray(a, dtype)` (`fortran` false) and `asfortranarray`: `a` itself
/// when it already has the order and dtype, else a copy; 0-d becomes 1-d.
pub fn as_ordered(a: &Array, dtype: Option<DType>, fortran: bool) -> Result<Array> {
    let a = if a.ndim() == 0 {
        super::atleast_1d(a)
    } else {
        a.clone()
    };
    let dt = dtype.unwrap_or(a.dtype());
    let ok = if fortran {
        a.is_f_contiguous()
    } else {
        a.is_c_contiguous()
    };
    if ok && dt == a.dtype() {
        return Ok(a);
    }
    let out = Array::uninit_order(a.shape(), dt, if fortran { Order::F } else { Order::C })?;
    out.assign_cast(&a, "cast")?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_moves() {
        let a = Array::zeros(&[2, 3, 4], DType::F64).unwrap();
        assert_eq!(moveaxis(&a, &[0], &[-1]).unwrap().shape(), &[3, 4, 2]);
        assert_eq!(rollaxis(&a, 2, 0).unwrap().shape(), &[4, 2, 3]);
        assert_eq!(expand_dims(&a, &[0, -1]).unwrap().shape(), &[1, 2, 3, 4, 1]);
        let e = moveaxis(&a, &[3], &[0]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "source: axis 3 is out of bounds for array of dimension 3"
        );
        let e = broadcast_shapes(&[&[3], &[2, 1], &[4]]).unwrap_err();
        assert!(e
            .to_string()
            .contains("arg 0 with shape (3,) and arg 2 with shape (4,)"));
    }
}
