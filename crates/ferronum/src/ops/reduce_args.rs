//! The keywords NumPy's reducing functions share (`axis`, `dtype`, `out`, `keepdims`,
//! `initial`, `where`), resolved as NumPy resolves them, and the reducing functions that take
//! them whole: [`fold`] (`sum`, `prod`, `max`, `min`, `any`, `all` and the `nan*` folds),
//! [`mean`], [`nanmean`], [`spread`] (`var`, `std`, `nanvar`, `nanstd`), [`ptp`],
//! [`count_nonzero`], [`arg`] and [`scan`]. A caller converts its arguments to engine values
//! (a Python number to a [`Scalar`], an array to an [`Array`]) and makes one call; the result
//! comes back, or lands in `out=` with NumPy's checks, casts and messages, and `out` comes back.

use crate::array::Array;
use crate::dispatch;
use crate::dtype::{check_float_to_int, complex_to_real, promote, DType, Element, Kind};
use crate::dtype::{Scalar, Wide};
use crate::error::{Error, Result};
use crate::layout::shape_str;
use crate::ops::lanes::{self, Extreme, Scan};
use crate::ops::reduce::{self, Fold, ReduceSpec};
use crate::ops::stats;

/// An `initial=` value as given. NumPy converts it to the reduction's dtype through the Python
/// value, so a Python number (`Weak`) is checked as Python's `int()`/`float()` check it, while
/// a NumPy scalar or 0-d array (`Strong`) is read as its item.
#[derive(Clone, Copy, Debug)]
pub enum Initial<'a> {
    Weak(Scalar),
    Strong(&'a Array),
}

/// A `where=` value as given: a Python scalar, whose truth keeps everything or nothing, or an
/// array, which must be boolean.
#[derive(Clone, Copy, Debug)]
pub enum Where<'a> {
    Scalar(Scalar),
    Array(&'a Array),
}

/// The keywords of a reducing function. Each function reads the ones NumPy's signature gives
/// it: `initial` only [`fold`], `dtype` not the extrema.
#[derive(Clone, Copy, Debug, Default)]
pub struct ReduceArgs<'a> {
    /// `axis=`: `None` reduces every axis.
    pub axes: Option<&'a [isize]>,
    /// `axis=` was one integer rather than a tuple, which ufunc reductions treat leniently on
    /// 0-d input (see `ReduceArgs::axes_for`).
    pub int_axis: bool,
    pub dtype: Option<DType>,
    /// The array the result is written into.
    pub out: Option<&'a Array>,
    pub keepdims: bool,
    pub initial: Option<Initial<'a>>,
    pub where_: Option<Where<'a>>,
}

impl<'a> ReduceArgs<'a> {
    /// The axes to reduce. NumPy's ufunc `reduce` (and so `sum`, `argmax`, `cumsum`) accepts a
    /// 0-d input reduced over an integer axis 0 or -1 as reduced over everything (`lenient`);
    /// `mean`, `var` and `std` count their items with `normalize_axis_index`, which raises
    /// AxisError.
    pub(crate) fn axes_for(&self, x: &Array, lenient: bool) -> Option<&'a [isize]> {
        if lenient && self.int_axis && x.ndim() == 0 && matches!(self.axes, Some([0] | [-1])) {
            return None;
        }
        self.axes
    }

    /// NumPy's rule for the NaN-skipping statistics of inexact input: `dtype=` and `out=` must
    /// be inexact too.
    fn require_inexact(&self, x: &Array) -> Result<()> {
        if !x.dtype().is_inexact() {
            return Ok(());
        }
        if self.dtype.is_some_and(|d| !d.is_inexact()) {
            return Err(Error::type_("If a is inexact, then dtype must be inexact"));
        }
        if self.out.is_some_and(|o| !o.dtype().is_inexact()) {
            return Err(Error::type_("If a is inexact, then out must be inexact"));
        }
        Ok(())
    }

    /// `where=` as the mask the folds take: Python's True is NumPy's default, no mask at all;
    /// any other Python scalar is weak and masks by its truth value (still a mask: max and min
    /// then need `initial=`); an array must be boolean (NumPy casts it 'safe').
    pub(crate) fn mask(&self) -> Result<Option<Array>> {
        match self.where_ {
            None | Some(Where::Scalar(Scalar::Bool(true))) => Ok(None),
            Some(Where::Scalar(s)) => Array::from_scalar(Wide::Bool(s.is_true()), DType::Bool).map(Some),
            Some(Where::Array(m)) if m.dtype() != DType::Bool => Err(Error::type_(format!(
                "Cannot cast array data from dtype('{}') to dtype('bool') according to the rule 'safe'",
                m.dtype()
            ))),
            Some(Where::Array(m)) => Ok(Some(m.clone())),
        }
    }
}

/// With `out=` and no `dtype=`, NumPy's `add`/`multiply` reductions and accumulations resolve
/// their loop from the output's dtype and the input's: they accumulate in the promotion of the
/// two (a float32 sum into a float64 `out` adds in float64).
fn accumulate_dtype(x: &Array, dtype: Option<DType>, out: Option<&Array>) -> Option<DType> {
    dtype.or_else(|| out.map(|o| promote(o.dtype(), x.dtype())))
}

/// An `initial=` value as NumPy converts it to the reduction's dtype `rd`, and then stores it
/// in `rd` (a float16 reduction starts from a float16 value, though it accumulates in
/// float32). Through the Python value: an integer must fit an integer dtype (OverflowError); a
/// float is truncated toward zero for one (NaN: ValueError, infinite or out of range:
/// OverflowError); a Python complex needs a complex (or bool) dtype (TypeError). Except into an
/// unsigned dtype, where NumPy casts a NumPy scalar as C does and wraps. Arrays with dimensions
/// are not scalars (ValueError).
pub fn initial_value(v: Initial, rd: DType) -> Result<Wide> {
    let w = initial_wide(v, rd)?;
    Ok(dispatch!(rd, T => T::from_wide(w).to_wide()))
}

fn initial_wide(v: Initial, rd: DType) -> Result<Wide> {
    let (s, weak) = match v {
        Initial::Weak(s) => (s, true),
        Initial::Strong(a) => {
            if a.ndim() != 0 {
                return Err(Error::value(
                    "Input object to FillWithScalar is not a scalar",
                ));
            }
            let s = match a.item()? {
                Wide::Bool(b) => Scalar::Bool(b),
                Wide::I(i) => Scalar::Int(i as i128),
                Wide::U(u) => Scalar::Int(u as i128),
                Wide::F(f) => Scalar::Float(f),
                // A NumPy complex converts to a real dtype (NumPy's ComplexWarning aside).
                Wide::C(re, _) if !(rd.is_complex() || rd == DType::Bool) => Scalar::Float(re),
                Wide::C(re, im) => Scalar::Complex(re, im),
            };
            (s, false)
        }
    };
    if rd == DType::Bool || rd.is_complex() {
        return Ok(s.to_wide());
    }
    if !weak && rd.kind() == Kind::Uint {
        // NumPy casts a NumPy scalar to an unsigned dtype as C does: through int64, wrapping.
        return Ok(match s {
            Scalar::Float(f) => Wide::I(f.trunc() as i64),
            s => s.to_wide(),
        });
    }
    let to_int = rd.is_integer();
    match s {
        Scalar::Complex(..) => Err(complex_to_real(rd)),
        Scalar::Float(f) if to_int => {
            check_float_to_int(f)?;
            let t = f.trunc();
            if t.abs() >= 2f64.powi(100) {
                return Err(Error::Overflow(
                    "Python int too large to convert to C long".into(),
                ));
            }
            let i = Scalar::Int(t as i128);
            i.check_fits(rd)?;
            Ok(i.to_wide())
        }
        Scalar::Int(_) if to_int => {
            s.check_fits(rd)?;
            Ok(s.to_wide())
        }
        s => Ok(s.to_wide()),
    }
}

/// NumPy's check that a reduction's `out=` has the result's shape; `ufunc` names the
/// reduction in the message.
pub fn check_out_shape(o: &Array, r: &Array, ufunc: &str) -> Result<()> {
    if o.shape() != r.shape() {
        return Err(Error::value(format!(
            "output parameter for reduction operation {ufunc} has the wrong shape: Found {} but expected {}",
            shape_str(o.shape()),
            shape_str(r.shape())
        )));
    }
    Ok(())
}

/// `r`, or `out` once `r` is written into it: the exact shape, then cast as NumPy casts a
/// reduction's result into its output.
pub fn into_out(r: Array, out: Option<&Array>, ufunc: &str) -> Result<Array> {
    let Some(o) = out else { return Ok(r) };
    check_out_shape(o, &r, ufunc)?;
    o.assign(&r)?;
    Ok(o.clone())
}

/// `sum`, `prod`, `max`, `min`, `nansum`, `nanprod`, `nanmax`, `nanmin`, `any` and `all` with
/// every keyword.
pub fn fold(x: &Array, f: Fold, args: &ReduceArgs) -> Result<Array> {
    let dtype = match f {
        Fold::Sum | Fold::Prod | Fold::NanSum | Fold::NanProd => {
            accumulate_dtype(x, args.dtype, args.out)
        }
        _ => args.dtype,
    };
    let rd = f.result_dtype(x.dtype(), dtype);
    let initial = args.initial.map(|v| initial_value(v, rd)).transpose()?;
    let mask = args.mask()?;
    let spec = ReduceSpec {
        axes: args.axes_for(x, true),
        keepdims: args.keepdims,
        dtype,
        mask: mask.as_ref(),
        initial,
    };
    into_out(reduce::reduce(x, f, &spec)?, args.out, f.ufunc_name())
}

/// `mean(a, axis, dtype, out, keepdims, where)`.
pub fn mean(x: &Array, args: &ReduceArgs) -> Result<Array> {
    // NumPy sums float16 in float32 (`dtype='f4'`) and rounds to float16 only without `out=`;
    // other inexact input sums in the loop `out=` resolves.
    let dtype = match (args.dtype, args.out) {
        (None, Some(_)) if x.dtype() == DType::F16 => Some(DType::F32),
        (None, Some(_)) if x.dtype().is_inexact() => accumulate_dtype(x, None, args.out),
        (d, _) => d,
    };
    let mask = args.mask()?;
    let spec = ReduceSpec {
        axes: args.axes_for(x, false),
        keepdims: args.keepdims,
        dtype,
        mask: mask.as_ref(),
        initial: None,
    };
    into_out(stats::mean(x, &spec)?, args.out, "add")
}

/// `nanmean(a, axis, dtype, out, keepdims, where)`: `mean` for input that cannot hold NaN.
pub fn nanmean(x: &Array, args: &ReduceArgs) -> Result<Array> {
    if !x.dtype().is_inexact() {
        return mean(x, args);
    }
    args.require_inexact(x)?;
    let mask = args.mask()?;
    let spec = ReduceSpec {
        axes: args.axes_for(x, true),
        keepdims: args.keepdims,
        dtype: accumulate_dtype(x, args.dtype, args.out),
        mask: mask.as_ref(),
        initial: None,
    };
    into_out(stats::nanmean(x, &spec)?, args.out, "add")
}

/// Which spread [`spread`] computes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spread {
    Var,
    Std,
    NanVar,
    NanStd,
}

/// `ddof` or its array-API spelling `correction` (not both); 0 when neither is given.
pub fn ddof_of(ddof: Option<f64>, correction: Option<f64>) -> Result<f64> {
    match (ddof, correction) {
        (Some(_), Some(_)) => Err(Error::value(
            "ddof and correction can't be provided simultaneously.",
        )),
        (d, c) => Ok(d.or(c).unwrap_or(0.0)),
    }
}

/// `var`, `std`, `nanvar`, `nanstd`: `(a, axis, dtype, out, ddof, keepdims, *, where, mean,
/// correction)`. The NaN-skipping forms of integer input are `var` and `std`, strict about a
/// 0-d axis as they are.
pub fn spread(
    x: &Array,
    which: Spread,
    args: &ReduceArgs,
    ddof: Option<f64>,
    correction: Option<f64>,
    mean: Option<&Array>,
) -> Result<Array> {
    let ddof = ddof_of(ddof, correction)?;
    let nan = matches!(which, Spread::NanVar | Spread::NanStd);
    if nan {
        args.require_inexact(x)?;
    }
    let mask = args.mask()?;
    let spec = ReduceSpec {
        axes: args.axes_for(x, nan && x.dtype().is_inexact()),
        keepdims: args.keepdims,
        dtype: args.dtype,
        mask: mask.as_ref(),
        initial: None,
    };
    let out_dtype = args.out.map(|o| o.dtype());
    let v = if nan {
        stats::nanvar(x, &spec, ddof, mean, out_dtype)?
    } else {
        stats::var(x, &spec, ddof, mean, out_dtype)?
    };
    let r = match (which, args.out) {
        (Spread::Var | Spread::NanVar, _) => v,
        // NumPy takes the root in place, in `out=` (whose shape the sum checked first).
        (_, Some(o)) => {
            check_out_shape(o, &v, "add")?;
            stats::sqrt_of_variance(v.astype(o.dtype())?, true)?
        }
        (_, None) => {
            let in_place = v.ndim() > 0;
            stats::sqrt_of_variance(v, in_place)?
        }
    };
    into_out(r, args.out, "add")
}

/// `ptp(a, axis, out, keepdims)`.
pub fn ptp(x: &Array, args: &ReduceArgs) -> Result<Array> {
    let axes = args.axes_for(x, true);
    match args.out {
        None => stats::ptp(x, axes, args.keepdims),
        Some(o) => {
            stats::ptp_into(x, axes, args.keepdims, o)?;
            Ok(o.clone())
        }
    }
}

/// `count_nonzero(a, axis, *, keepdims)`.
pub fn count_nonzero(x: &Array, args: &ReduceArgs) -> Result<Array> {
    reduce::count_nonzero(x, args.axes_for(x, true), args.keepdims)
}

/// `argmax`, `argmin` (`skip_nan`: `nanargmax`, `nanargmin`) with `out=`, which must have the
/// result's shape and a dtype that casts safely to int64 (NumPy checks that direction).
pub fn arg(
    x: &Array,
    which: Extreme,
    skip_nan: bool,
    axis: Option<isize>,
    keepdims: bool,
    out: Option<&Array>,
) -> Result<Array> {
    let r = lanes::arg_extreme(x, axis, keepdims, which, skip_nan)?;
    if let Some(o) = out {
        if o.shape() != r.shape() {
            return Err(Error::value(format!(
                "output array does not match result of np.{}",
                which.name()
            )));
        }
        if !o.dtype().can_cast_safe(DType::I64) {
            return Err(Error::type_(format!(
                "Cannot cast array data from dtype('{}') to dtype('int64') according to the rule 'safe'",
                o.dtype()
            )));
        }
    }
    into_out(r, out, which.name())
}

/// `cumsum`, `cumprod` (`skip_nan`: `nancumsum`, `nancumprod`) with `dtype=` and `out=`.
pub fn scan(
    x: &Array,
    which: Scan,
    skip_nan: bool,
    axis: Option<isize>,
    dtype: Option<DType>,
    out: Option<&Array>,
) -> Result<Array> {
    let dtype = accumulate_dtype(x, dtype, out);
    let r = lanes::scan(x, axis, dtype, which, skip_nan)?;
    let ufunc = match which {
        Scan::Sum => "add",
        Scan::Prod => "multiply",
    };
    into_out(r, out, ufunc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(a: &Array) -> Vec<f64> {
        a.to_wide_vec().iter().map(|w| w.to_f64()).collect()
    }

    #[test]
    fn initial_follows_python_conversions() {
        let w = |s, rd| initial_value(Initial::Weak(s), rd);
        assert_eq!(w(Scalar::Int(5), DType::I8).unwrap(), Wide::I(5));
        assert!(matches!(
            w(Scalar::Int(300), DType::I8),
            Err(Error::Overflow(_))
        ));
        // A float is truncated toward zero for an integer dtype.
        assert_eq!(w(Scalar::Float(-2.7), DType::I32).unwrap(), Wide::I(-2));
        assert!(matches!(
            w(Scalar::Float(f64::NAN), DType::I64),
            Err(Error::Value(_))
        ));
        assert!(matches!(
            w(Scalar::Float(f64::INFINITY), DType::I64),
            Err(Error::Overflow(_))
        ));
        assert!(matches!(
            w(Scalar::Float(1e40), DType::I64),
            Err(Error::Overflow(_))
        ));
        assert!(matches!(
            w(Scalar::Complex(1.0, 1.0), DType::F64),
            Err(Error::Type(_))
        ));
        assert_eq!(
            w(Scalar::Complex(1.0, 2.0), DType::C64).unwrap(),
            Wide::C(1.0, 2.0)
        );
        // Stored in the reduction's dtype: float16 rounds.
        assert_eq!(
            w(Scalar::Float(0.1), DType::F16).unwrap(),
            Wide::F(f64::from(half::f16::from_f64(0.1)))
        );
        // A NumPy scalar into an unsigned dtype wraps as C does.
        let neg = Array::scalar(-1i64);
        assert_eq!(
            initial_value(Initial::Strong(&neg), DType::U8).unwrap(),
            Wide::U(255)
        );
        let c = Array::scalar(num_complex::Complex64::new(2.5, 1.0));
        assert_eq!(
            initial_value(Initial::Strong(&c), DType::F64).unwrap(),
            Wide::F(2.5)
        );
        let one_d = Array::from_vec(vec![1i64], &[1]).unwrap();
        assert!(matches!(
            initial_value(Initial::Strong(&one_d), DType::I64),
            Err(Error::Value(_))
        ));
    }

    #[test]
    fn where_and_initial_in_fold() {
        let x = Array::from_vec(vec![1.0f64, 2.0, 3.0, 4.0], &[2, 2]).unwrap();
        let m = Array::from_vec(vec![true, false, true, true], &[2, 2]).unwrap();
        let args = ReduceArgs {
            axes: Some(&[1]),
            where_: Some(Where::Array(&m)),
            initial: Some(Initial::Weak(Scalar::Int(10))),
            ..Default::default()
        };
        assert_eq!(v(&fold(&x, Fold::Sum, &args).unwrap()), vec![11.0, 17.0]);
        // `where=False` masks everything; `where=True` is no mask.
        let none = ReduceArgs {
            where_: Some(Where::Scalar(Scalar::Bool(false))),
            ..Default::default()
        };
        assert_eq!(v(&fold(&x, Fold::Sum, &none).unwrap()), vec![0.0]);
        let all = ReduceArgs {
            where_: Some(Where::Scalar(Scalar::Bool(true))),
            ..Default::default()
        };
        assert_eq!(v(&fold(&x, Fold::Max, &all).unwrap()), vec![4.0]);
        // Any other mask needs `initial=` for an extremum.
        let masked = ReduceArgs {
            where_: Some(Where::Scalar(Scalar::Int(1))),
            ..Default::default()
        };
        assert!(matches!(fold(&x, Fold::Max, &masked), Err(Error::Value(_))));
        let ints = Array::from_vec(vec![1u8, 0], &[2]).unwrap();
        let bad = ReduceArgs {
            where_: Some(Where::Array(&ints)),
            ..Default::default()
        };
        assert!(matches!(fold(&x, Fold::Sum, &bad), Err(Error::Type(_))));
    }

    #[test]
    fn out_decides_the_accumulator_and_takes_the_result() {
        // float32 summed into a float64 `out` adds in float64.
        let x = Array::from_vec(vec![16777216.0f32, 1.0, 1.0], &[3]).unwrap();
        let out = Array::zeros(&[], DType::F64).unwrap();
        let args = ReduceArgs {
            out: Some(&out),
            ..Default::default()
        };
        let r = fold(&x, Fold::Sum, &args).unwrap();
        assert_eq!(r.data_ptr(), out.data_ptr());
        assert_eq!(v(&out), vec![16777218.0]);
        // The wrong shape is NumPy's ValueError naming the ufunc.
        let wrong = Array::zeros(&[2], DType::F64).unwrap();
        let args = ReduceArgs {
            out: Some(&wrong),
            ..Default::default()
        };
        match fold(&x, Fold::Prod, &args) {
            Err(Error::Value(m)) => assert_eq!(
                m,
                "output parameter for reduction operation multiply has the wrong shape: Found (2,) but expected ()"
            ),
            r => panic!("{r:?}"),
        }
    }

    #[test]
    fn zero_d_axis_is_lenient_only_for_ufunc_reductions() {
        let x = Array::scalar(3.0f64);
        let args = ReduceArgs {
            axes: Some(&[-1]),
            int_axis: true,
            ..Default::default()
        };
        assert_eq!(v(&fold(&x, Fold::Sum, &args).unwrap()), vec![3.0]);
        assert!(matches!(mean(&x, &args), Err(Error::Axis { .. })));
        let tuple = ReduceArgs {
            int_axis: false,
            ..args
        };
        assert!(matches!(
            fold(&x, Fold::Sum, &tuple),
            Err(Error::Axis { .. })
        ));
    }

    #[test]
    fn nan_statistics_need_inexact_dtype_and_out() {
        let x = Array::from_vec(vec![1.0f64, f64::NAN, 3.0], &[3]).unwrap();
        let args = ReduceArgs {
            dtype: Some(DType::I64),
            ..Default::default()
        };
        assert!(matches!(nanmean(&x, &args), Err(Error::Type(_))));
        let out = Array::zeros(&[], DType::I32).unwrap();
        let args = ReduceArgs {
            out: Some(&out),
            ..Default::default()
        };
        assert!(matches!(
            spread(&x, Spread::NanStd, &args, None, None, None),
            Err(Error::Type(_))
        ));
        assert_eq!(v(&nanmean(&x, &ReduceArgs::default()).unwrap()), vec![2.0]);
        assert!(matches!(
            ddof_of(Some(1.0), Some(1.0)),
            Err(Error::Value(_))
        ));
    }

    #[test]
    fn std_takes_its_root_in_out() {
        let x = Array::from_vec(vec![1.0f64, 3.0], &[2]).unwrap();
        let out = Array::zeros(&[], DType::F32).unwrap();
        let args = ReduceArgs {
            out: Some(&out),
            ..Default::default()
        };
        spread(&x, Spread::Std, &args, None, None, None).unwrap();
        assert_eq!(v(&out), vec![1.0]);
    }

    #[test]
    fn arg_and_scan_check_their_out() {
        let x = Array::from_vec(vec![1.0f64, 5.0, 2.0], &[3]).unwrap();
        let out = Array::zeros(&[], DType::F64).unwrap();
        assert!(matches!(
            arg(&x, Extreme::Max, false, None, false, Some(&out)),
            Err(Error::Type(_))
        ));
        let out = Array::zeros(&[1], DType::I64).unwrap();
        assert!(matches!(
            arg(&x, Extreme::Min, false, None, false, Some(&out)),
            Err(Error::Value(_))
        ));
        let out = Array::zeros(&[], DType::I64).unwrap();
        arg(&x, Extreme::Max, false, None, false, Some(&out)).unwrap();
        assert_eq!(v(&out), vec![1.0]);
        let ints = Array::from_vec(vec![1i32, 2, 3], &[3]).unwrap();
        let out = Array::zeros(&[3], DType::F32).unwrap();
        let r = scan(&ints, Scan::Sum, false, None, None, Some(&out)).unwrap();
        assert_eq!(r.dtype(), DType::F32);
        assert_eq!(v(&out), vec![1.0, 3.0, 6.0]);
    }
}
