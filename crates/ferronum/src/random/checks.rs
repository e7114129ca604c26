//! NumPy's parameter checks for the distributions (`check_constraint` for scalars,
//! `check_array_constraint` for arrays: the same tests, a few different messages, and for
//! `lam` a different order).

use crate::error::{Error, Result};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cons {
    None,
    NonNegative,
    Positive,
    PositiveNotNan,
    Bounded01,
    BoundedGt01,
    BoundedLt01,
    Gt1,
    Gte1,
    Poisson,
    LegacyNonNegLong,
}

/// `np.iinfo('int64').max - sqrt(np.iinfo('int64').max) * 10`, in doubles.
pub fn poisson_lam_max() -> f64 {
    let m = i64::MAX as f64;
    m - m.sqrt() * 10.0
}

impl Cons {
    pub fn parse(s: &str) -> Cons {
        match s {
            "nonneg" => Cons::NonNegative,
            "pos" => Cons::Positive,
            "pos_notnan" => Cons::PositiveNotNan,
            "0_1" => Cons::Bounded01,
            "gt0_1" => Cons::BoundedGt01,
            "0_lt1" => Cons::BoundedLt01,
            "gt1" => Cons::Gt1,
            "gte1" => Cons::Gte1,
            "poisson" => Cons::Poisson,
            "nonneg_long" => Cons::LegacyNonNegLong,
            _ => Cons::None,
        }
    }
}

/// Checks `vals` (one value when `scalar`) against `cons`; the error is NumPy's ValueError.
pub fn check(vals: &[f64], name: &str, cons: Cons, scalar: bool) -> Result<()> {
    let err = |m: String| Err(Error::Value(m));
    let all = |f: &dyn Fn(f64) -> bool| vals.iter().all(|&v| f(v));
    let nan_word = if scalar { "is NaN" } else { "contains NaNs" };
    match cons {
        Cons::None => Ok(()),
        Cons::NonNegative => {
            if vals.iter().any(|v| !v.is_nan() && v.is_sign_negative()) {
                return err(format!("{name} < 0"));
            }
            Ok(())
        }
        Cons::Positive | Cons::PositiveNotNan => {
            if cons == Cons::PositiveNotNan && vals.iter().any(|v| v.is_nan()) {
                return err(format!("{name} must not be NaN"));
            }
            if vals.iter().any(|&v| v <= 0.0) {
                return err(format!("{name} <= 0"));
            }
            Ok(())
        }
        Cons::Bounded01 => {
            if !all(&|v| (0.0..=1.0).contains(&v)) {
                return err(format!("{name} < 0, {name} > 1 or {name} {nan_word}"));
            }
            Ok(())
        }
        Cons::BoundedGt01 => {
            if !all(&|v| v > 0.0 && v <= 1.0) {
                return err(format!("{name} <= 0, {name} > 1 or {name} contains NaNs"));
            }
            Ok(())
        }
        Cons::BoundedLt01 => {
            if !all(&|v| (0.0..1.0).contains(&v)) {
                return err(format!("{name} < 0, {name} >= 1 or {name} {nan_word}"));
            }
            Ok(())
        }
        Cons::Gt1 => {
            if !all(&|v| v > 1.0) {
                return err(format!("{name} <= 1 or {name} {nan_word}"));
            }
            Ok(())
        }
        Cons::Gte1 => {
            if !all(&|v| v >= 1.0) {
                return err(format!("{name} < 1 or {name} {nan_word}"));
            }
            Ok(())
        }
        Cons::Poisson => {
            let max = poisson_lam_max();
            let too_large = !all(&|v| v <= max);
            let negative = !all(&|v| v >= 0.0);
            if negative && (scalar || !too_large) {
                return err(format!("{name} < 0 or {name} {nan_word}"));
            }
            if too_large {
                return err(format!("{name} value too large"));
            }
            Ok(())
        }
        Cons::LegacyNonNegLong => {
            if !all(&|v| v >= 0.0) {
                return err(format!("{name} < 0"));
            }
            if !all(&|v| v <= i64::MAX as f64) {
                return err(format!(
                    "{name} is out of bounds for long, consider using the new generator API \
                     for 64bit integers."
                ));
            }
            Ok(())
        }
    }
}
