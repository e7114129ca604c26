//! `x ** 2` left pending: the square of a large float temporary is not computed when asked
//! for, so that `sum((a - b) ** 2, axis=1)` reads the squares as it sums them and makes no
//! second full-size pass over memory. Anything else that reads the array squares it in place
//! first, as the eager path would have. The holder of the array (the Python `ndarray`) keeps
//! the pending flag and asks these rules when to set it and how to clear it.

use crate::array::Array;
use crate::dtype::{DType, Scalar};
use crate::error::Result;
use crate::ops::reduce::{self, Fold};
use crate::ops::reduce_args::ReduceArgs;
use crate::ops::ufunc::{self, UnaryOp};

/// Below this many elements `x ** 2` is computed at once: deferring pays only when it saves a
/// pass over memory.
pub const DEFER_SQUARE_MIN: usize = 1 << 16;

/// Whether `a ** exponent` (`a` a temporary nothing else names) may be left pending: a square
/// of a large float32 or float64 array whose buffer nothing else can see (`is_unique`) and
/// that may be written, so that squaring it in place later changes nothing else.
pub fn may_defer_square(a: &Array, exponent: Scalar) -> bool {
    let two =
        matches!(exponent, Scalar::Int(2)) || matches!(exponent, Scalar::Float(f) if f == 2.0);
    two && matches!(a.dtype(), DType::F32 | DType::F64)
        && a.size() >= DEFER_SQUARE_MIN
        && a.is_writeable()
        && a.is_unique()
}

/// The error-state half of the rule: a pending square reports its floating-point flags from
/// the later call, which is the same only when an overflow would just warn and an underflow
/// is ignored (NumPy's defaults). `over` and `under` are `numpy.geterr()`'s modes.
pub fn errstate_allows_deferral(over: &str, under: &str) -> bool {
    over == "warn" && under == "ignore"
}

/// Squares the pending `x` in place. A writeable float array with a buffer of its own has no
/// error to give; its floating-point flags are NumPy's "square" ones, for the caller to
/// report.
pub fn square_in_place(x: &Array) -> Result<()> {
    ufunc::unary(UnaryOp::Square, x, Some(x)).map(|_| ())
}

/// `f` of a pending square `x ** 2` with `args`, read without squaring `x`: only a plain sum
/// (no `dtype=`, `out=`, `initial=` or `where=`) sums the squares as it reads them. `None`
/// when the call asks for more, or where the fused sum is not finite (an overflow or a
/// non-finite input, which NumPy reports against the step that raised it): the caller then
/// squares `x` (`square_in_place`) and reduces in two steps.
pub fn sum_of_pending_square(x: &Array, f: Fold, args: &ReduceArgs) -> Result<Option<Array>> {
    let plain = args.dtype.is_none()
        && args.out.is_none()
        && args.initial.is_none()
        && args.where_.is_none();
    // A 0-d input takes the two steps, which apply `fold`'s axis rules to it.
    if f != Fold::Sum || !plain || x.ndim() == 0 {
        return Ok(None);
    }
    reduce::sum_of_squares(x, args.axes, args.keepdims)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::reduce_args::{fold, Initial};

    #[test]
    fn defers_only_large_unique_float_squares() {
        let big = Array::zeros(&[DEFER_SQUARE_MIN], DType::F64).unwrap();
        assert!(may_defer_square(&big, Scalar::Int(2)));
        assert!(may_defer_square(&big, Scalar::Float(2.0)));
        assert!(!may_defer_square(&big, Scalar::Float(3.0)));
        let shared = big.clone();
        assert!(!may_defer_square(&big, Scalar::Int(2)));
        drop(shared);
        let small = Array::zeros(&[DEFER_SQUARE_MIN - 1], DType::F32).unwrap();
        assert!(!may_defer_square(&small, Scalar::Int(2)));
        let ints = Array::zeros(&[DEFER_SQUARE_MIN], DType::I64).unwrap();
        assert!(!may_defer_square(&ints, Scalar::Int(2)));
        assert!(errstate_allows_deferral("warn", "ignore"));
        assert!(!errstate_allows_deferral("raise", "ignore"));
        assert!(!errstate_allows_deferral("warn", "warn"));
    }

    #[test]
    fn a_plain_sum_reads_the_squares() {
        let x = Array::from_vec((0..12).map(|i| i as f64 - 4.5).collect(), &[3, 4]).unwrap();
        let args = ReduceArgs {
            axes: Some(&[1]),
            ..Default::default()
        };
        let fused = sum_of_pending_square(&x, Fold::Sum, &args)
            .unwrap()
            .unwrap();
        let sq = x.copy(crate::Order::C).unwrap();
        square_in_place(&sq).unwrap();
        let two_steps = fold(&sq, Fold::Sum, &args).unwrap();
        assert_eq!(fused.to_vec::<f64>(), two_steps.to_vec::<f64>());
        // Anything more than a plain sum squares first.
        assert!(sum_of_pending_square(&x, Fold::Prod, &args)
            .unwrap()
            .is_none());
        let with_initial = ReduceArgs {
            initial: Some(Initial::Weak(Scalar::Int(1))),
            ..args
        };
        assert!(sum_of_pending_square(&x, Fold::Sum, &with_initial)
            .unwrap()
            .is_none());
    }
}
