//! Joining, splitting and rearranging arrays (NumPy's `shape_base` and friends): every rule
//! NumPy applies (axis normalisation, shape checks, result dtypes, casting, its messages) lives
//! here, so Rust callers get them as Python ones do. Views are views, as in NumPy; the copies
//! go through `Array::assign_cast`, which casts, splits large copies across the pool and is
//! already compiled for every dtype pair, so these functions add no per-dtype code.

pub mod block;
pub mod copyto;
pub mod delete;
pub mod insert;
pub mod join;
pub mod pad;
pub mod rearrange;
pub mod split;
pub mod transform;
pub mod trilu;
pub mod trim;

pub use block::{block, Block};
pub use copyto::copyto;
pub use delete::{delete, Deletion};
pub use insert::{insert, Insertion};
pub use join::{
    append, atleast_1d, atleast_2d, atleast_3d, column_stack, concatenate, dstack, hstack, stack,
    vstack,
};
pub use pad::{pad, pad_widths, pair_positions, PadMode, RampEnd, Stat};
pub use rearrange::{
    as_ordered, broadcast_arrays, broadcast_shapes, broadcast_to, copy_like, expand_dims, flatten,
    has_order, matrix_transpose, moveaxis, mt, new_like, ravel, reshape, rollaxis, squeeze,
    squeeze_one, swapaxes, ReshapeOrder,
};
pub use split::{array_split, dsplit, hsplit, split, unstack, vsplit, Sections};
pub use transform::{flip, fliplr, flipud, repeat, resize, roll, rot90, tile};
pub use trilu::{diag, diagflat, meshgrid, tri, tril, triu};
pub use trim::{trim_zeros, trim_zeros_bounds};

use crate::array::Array;
use crate::buffer::Buffer;
use crate::dtype::{promote, DType};
use crate::error::{Error, Result};
use crate::layout::{checked_size, Layout};
use crate::ops::ufunc::Casting;
use smallvec::SmallVec;
use std::sync::Arc;

/// NumPy's `can_cast(from, to, casting)` for the native-byte-order dtypes ferronum has ('equiv'
/// only adds byte-order changes, so it is 'no' here).
pub fn can_cast(from: DType, to: DType, casting: Casting) -> bool {
    match casting {
        Casting::No | Casting::Equiv => from == to,
        Casting::Safe => from.can_cast_safe(to),
        Casting::SameKind => from.can_cast_same_kind(to),
        Casting::Unsafe => true,
    }
}

/// The TypeError NumPy's array assignment raises for a cast `casting` forbids.
pub fn check_cast(from: DType, to: DType, casting: Casting) -> Result<()> {
    if can_cast(from, to, casting) {
        return Ok(());
    }
    Err(Error::type_(format!(
        "Cannot cast array data from dtype('{from}') to dtype('{to}') according to the rule '{}'",
        casting.name()
    )))
}

/// NumPy's type number: the order in which its builtin dtypes defer to one another when
/// promoting (float16, added last, has the largest).
fn type_num(d: DType) -> u8 {
    match d {
        DType::Bool => 0,
        DType::I8 => 1,
        DType::U8 => 2,
        DType::I16 => 3,
        DType::U16 => 4,
        DType::I32 => 5,
        DType::U32 => 6,
        DType::I64 => 7,
        DType::U64 => 8,
        DType::F32 => 11,
        DType::F64 => 12,
        DType::C64 => 14,
        DType::C128 => 15,
        DType::F16 => 23,
    }
}

/// A builtin dtype's `__common_dtype__`: it defers (None) to a dtype of larger type number.
fn common_dtype(a: DType, b: DType) -> Option<DType> {
    (type_num(a) >= type_num(b)).then(|| promote(a, b))
}

/// NumPy's `result_type` of several dtypes (`PyArray_PromoteDTypeSequence`): a knock-out
/// round finds the "main" dtype (the one of largest type number, roughly), and the result is
/// the main dtype promoted with each other one. It is not `promote` folded left to right:
/// int8, uint8 and float16 give float16, where `promote(promote(int8, uint8), float16)` is
/// float32.
pub fn result_type(dtypes: &[DType]) -> DType {
    let n = dtypes.len();
    if n < 2 {
        return dtypes.first().copied().unwrap_or(DType::F64);
    }
    let mut d: SmallVec<[Option<DType>; 8]> = dtypes.iter().map(|&x| Some(x)).collect();
    let mut len = n;
    let mut res;
    loop {
        let half = len / 2;
        res = None;
        for low in 0..half {
            let high = len - 1 - low;
            // Entries cleared below lie past the next round's range, so these are present.
            let (a, b) = (
                d[low].unwrap_or(DType::Bool),
                d[high].unwrap_or(DType::Bool),
            );
            res = if a == b { Some(a) } else { common_dtype(a, b) };
            match res {
                None => d.swap(low, high),
                Some(r) if r == a => d[high] = None,
                Some(_) => {}
            }
        }
        if len == 2 {
            break;
        }
        len -= half;
    }
    let main = d[0].unwrap_or(DType::Bool);
    let start = if res.is_some() { 2 } else { 1 };
    let mut result = res;
    for x in d[start..].iter().flatten() {
        let p = common_dtype(main, *x).unwrap_or_else(|| promote(main, *x));
        result = Some(result.map_or(p, |r| promote(r, p)));
    }
    result.unwrap_or(main)
}

/// A view of `a` with a new length-1 axis at `ax` (`a[(slice(None),) * ax + (None,)]`).
pub(crate) fn insert_axis(a: &Array, ax: usize) -> Array {
    let mut l = a.layout().clone();
    l.shape.insert(ax, 1);
    l.strides.insert(ax, 0);
    a.with_layout(l)
}

/// NumPy's `PyArray_CreateMultiSortedStridePerm`: the axes ordered from the largest stride to
/// the smallest as all `arrays` agree (axes where they disagree, or where an array has length
/// 1, keep C order), so a join of Fortran-ordered inputs comes out Fortran-ordered.
fn stride_perm(arrays: &[Array], ndim: usize) -> SmallVec<[usize; 6]> {
    let mut perm: SmallVec<[usize; 6]> = (0..ndim).collect();
    for i0 in 1..ndim {
        let ax0 = perm[i0];
        let mut ipos = i0;
        for i1 in (0..i0).rev() {
            let ax1 = perm[i1];
            let (mut ambiguous, mut swap) = (true, false);
            for a in arrays {
                let (sh, st) = (a.shape(), a.strides());
                if sh[ax0] != 1 && sh[ax1] != 1 {
                    if st[ax0].unsigned_abs() <= st[ax1].unsigned_abs() {
                        swap = false;
                    } else if ambiguous {
                        swap = true;
                    }
                    ambiguous = false;
                }
            }
            if !ambiguous {
                if swap {
                    ipos = i1;
                } else {
                    break;
                }
            }
        }
        if ipos != i0 {
            perm.copy_within(ipos..i0, ipos + 1);
            perm[ipos] = ax0;
        }
    }
    perm
}

/// A new array of `shape` whose memory order follows the inputs' (`stride_perm`).
pub(crate) fn new_like_inputs(shape: &[usize], dtype: DType, like: &[Array]) -> Result<Array> {
    let bytes = checked_size(shape)?
        .checked_mul(dtype.itemsize())
        .filter(|&b| b <= isize::MAX as usize)
        .ok_or_else(|| Error::value("array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size."))?;
    let perm = stride_perm(like, shape.len());
    let mut layout = Layout::c_contiguous(shape);
    let mut s = 1isize;
    for &ax in perm.iter().rev() {
        layout.strides[ax] = s;
        s *= shape[ax].max(1) as isize;
    }
    Ok(Array::from_parts(
        Arc::new(Buffer::uninit(bytes)?),
        layout,
        dtype,
        true,
        false,
    ))
}

/// The view of `a` holding positions `start..start + len` along `axis`.
pub(crate) fn slice_axis(a: &Array, axis: usize, start: usize, len: usize) -> Array {
    let mut l = a.layout().clone();
    if len > 0 {
        l.offset = (l.offset as isize + start as isize * l.strides[axis]) as usize;
    }
    l.shape[axis] = len;
    a.with_layout(l)
}
