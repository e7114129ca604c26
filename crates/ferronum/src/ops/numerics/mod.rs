//! NumPy's numerical helpers whose inner loops are compiled in NumPy too (`interp`,
//! `correlate`/`convolve`) or need one fused pass to be fast (`isclose`/`allclose`, `diff`,
//! `gradient` with scalar spacings, `trapezoid`). The rest of the toolbox (`cov`, `polyfit`,
//! the other `gradient`/`trapezoid` arguments, ...) is NumPy Python code composed of
//! ferronum's engine calls in `python/ferronum/_numerics.py`.

pub mod correlate;
pub mod diff;
pub mod gradient;
pub mod interp;
pub mod isclose;

use crate::array::Array;
use crate::dtype::{DType, Element};
use crate::error::Result;

/// `a` as a C-contiguous array of `dtype` (itself when it already is one).
pub(crate) fn contiguous_as(a: &Array, dtype: DType) -> Result<Array> {
    if a.dtype() == dtype {
        a.as_contiguous()
    } else {
        a.astype(dtype)?.as_contiguous()
    }
}

/// The elements of a C-contiguous array of `T`.
pub(crate) fn slice_of<T: Element>(a: &Array) -> &[T] {
    debug_assert!(a.is_c_contiguous() && a.dtype() == T::DTYPE);
    if a.size() == 0 {
        return &[];
    }
    // SAFETY: `a` is C-contiguous of dtype `T` and non-empty, so its `size()` elements are
    // consecutive from `data_ptr()`, initialised and aligned; the slice borrows `a`.
    unsafe { std::slice::from_raw_parts(a.data_ptr() as *const T, a.size()) }
}

/// The elements of a new C-contiguous array of `T` that nothing else references yet.
#[allow(clippy::mut_from_ref)]
pub(crate) fn slice_of_new<T: Element>(a: &Array) -> &mut [T] {
    debug_assert!(a.is_c_contiguous() && a.dtype() == T::DTYPE && a.owns_data());
    if a.size() == 0 {
        return &mut [];
    }
    // SAFETY: `a` was just made by the caller (`Array::uninit`), C-contiguous of dtype `T`;
    // no other handle to its buffer exists, so this is the only reference to its elements.
    unsafe { std::slice::from_raw_parts_mut(a.data_ptr() as *mut T, a.size()) }
}

/// Splits `0..n` into ranges for the pool when `work` (element operations) is worth it, and
/// calls `f(start, end)` for each; results must not depend on the split.
pub(crate) fn for_ranges(n: usize, work: usize, f: &(dyn Fn(usize, usize) + Sync)) {
    if n == 0 {
        return;
    }
    if !crate::parallel::worth_splitting(work) {
        f(0, n);
        return;
    }
    let tasks = crate::parallel::pieces(work).min(n);
    let step = n.div_ceil(tasks);
    let tasks = n.div_ceil(step);
    crate::parallel::for_each(tasks, &|t| {
        let s = t * step;
        f(s, (s + step).min(n));
    });
}
