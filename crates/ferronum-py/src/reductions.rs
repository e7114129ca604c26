//! Reducing functions and their `ndarray` methods: `sum prod max min mean std var ptp argmax
//! argmin any all cumsum cumprod count_nonzero average` and the `nan*` forms. Each converts its
//! keywords once (`Args`), calls the engine, and puts the result into `out=` when given.

use crate::convert::{out_arg, python_scalar, to_array};
use crate::dtypes;
use crate::errors::{guard, guard_nogil, not_an_integer, IntoPyResult};
use crate::ndarray::{wrap_or_scalar, PyNdArray};
use ferronum::ops::lanes::{self, Extreme, Scan};
use ferronum::ops::reduce::{self, Fold, ReduceSpec};
use ferronum::ops::stats;
use ferronum::{dispatch, promote, Array, DType, Element, Kind, Scalar, Wide};
use pyo3::exceptions::{PyOverflowError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

/// An `axis=` argument: None, an int, or a tuple of ints (NumPy rejects lists).
pub fn axes_of(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Vec<isize>>> {
    let not_int = not_an_integer;
    match obj {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => {
            if let Ok(t) = o.cast::<PyTuple>() {
                return t
                    .iter()
                    .map(|i| i.extract::<isize>().map_err(|_| not_int(&i)))
                    .collect::<PyResult<Vec<_>>>()
                    .map(Some);
            }
            o.extract::<isize>()
                .map(|a| Some(vec![a]))
                .map_err(|_| not_int(o))
        }
    }
}

/// A single `axis=` (arg* and scans take no tuple).
fn axis_of(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<isize>> {
    match obj {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => o
            .extract::<isize>()
            .map(Some)
            .map_err(|_| not_an_integer(o)),
    }
}

/// The keywords reducing functions share, converted.
struct Args {
    x: Array,
    axes: Option<Vec<isize>>,
    dtype: Option<DType>,
    out: Option<(Array, Py<PyAny>)>,
    keepdims: bool,
    mask: Option<Array>,
    initial: Option<Wide>,
}

impl Args {
    /// Converts `a` and `axis`. A 0-d input reduced over an integer axis 0 or -1 is NumPy's
    /// ufunc `reduce` (and `argmax`, `cumsum`) accepting it; `mean`, `var` and `std` count
    /// their items with `normalize_axis_index` and raise AxisError (`strict`).
    fn new(a: &Bound<'_, PyAny>, axis: Option<&Bound<'_, PyAny>>) -> PyResult<Args> {
        Args::with_0d_axis(a, axis, true)
    }

    fn strict(a: &Bound<'_, PyAny>, axis: Option<&Bound<'_, PyAny>>) -> PyResult<Args> {
        Args::with_0d_axis(a, axis, false)
    }

    fn with_0d_axis(
        a: &Bound<'_, PyAny>,
        axis: Option<&Bound<'_, PyAny>>,
        lenient: bool,
    ) -> PyResult<Args> {
        let x = to_array(a)?;
        let mut axes = axes_of(axis)?;
        if lenient
            && x.ndim() == 0
            && axis.is_some_and(|o| o.extract::<isize>().is_ok_and(|i| i == 0 || i == -1))
        {
            axes = None;
        }
        Ok(Args {
            x,
            axes,
            dtype: None,
            out: None,
            keepdims: false,
            mask: None,
            initial: None,
        })
    }

    /// `nanmean`, `nanvar`, `nanstd`: integers go to `mean`/`var` (strict about a 0-d axis),
    /// inexact input to the ufunc reductions (lenient).
    fn nan_stat(a: &Bound<'_, PyAny>, axis: Option<&Bound<'_, PyAny>>) -> PyResult<Args> {
        let args = Args::new(a, axis)?;
        if args.x.dtype().is_inexact() {
            Ok(args)
        } else {
            Args::strict(a, axis)
        }
    }

    /// NumPy's rule for the NaN-skipping statistics of inexact input: `dtype=` and `out=`
    /// must be inexact too.
    fn require_inexact(self) -> PyResult<Args> {
        if self.x.dtype().is_inexact() {
            if self.dtype.is_some_and(|d| !d.is_inexact()) {
                return Err(PyTypeError::new_err(
                    "If a is inexact, then dtype must be inexact",
                ));
            }
            if self
                .out
                .as_ref()
                .is_some_and(|(o, _)| !o.dtype().is_inexact())
            {
                return Err(PyTypeError::new_err(
                    "If a is inexact, then out must be inexact",
                ));
            }
        }
        Ok(self)
    }

    /// With `out=` and no `dtype=`, NumPy's `add`/`multiply` reductions and accumulations
    /// resolve their loop from the output's dtype and the input's: they accumulate in the
    /// promotion of the two (a float32 sum into a float64 `out` adds in float64).
    fn accumulate_in_out_dtype(mut self) -> Args {
        if self.dtype.is_none() {
            if let Some((o, _)) = &self.out {
                self.dtype = Some(promote(o.dtype(), self.x.dtype()));
            }
        }
        self
    }

    fn dtype(mut self, dtype: Option<&Bound<'_, PyAny>>) -> PyResult<Args> {
        self.dtype = dtypes::parse(dtype)?;
        Ok(self)
    }

    fn dtype_of(mut self, dtype: DType) -> Args {
        self.dtype = Some(dtype);
        self
    }

    fn out(mut self, out: Option<&Bound<'_, PyAny>>) -> PyResult<Args> {
        self.out = out_arg(out)?;
        Ok(self)
    }

    fn keepdims(mut self, keepdims: bool) -> Args {
        self.keepdims = keepdims;
        self
    }

    /// `where=`: Python's True is no mask; any other Python scalar is weak and masks by its
    /// truth value (still a mask: max/min then need `initial=`); an array must be boolean
    /// (NumPy casts it 'safe').
    fn mask(mut self, where_: Option<&Bound<'_, PyAny>>) -> PyResult<Args> {
        let Some(w) = where_ else { return Ok(self) };
        if let Some(s) = python_scalar(w)? {
            let keep = match s {
                // `where=True` is NumPy's default: no mask at all.
                Scalar::Bool(true) => return Ok(self),
                Scalar::Bool(b) => b,
                Scalar::Int(i) => i != 0,
                Scalar::Float(f) => f != 0.0,
                Scalar::Complex(re, im) => re != 0.0 || im != 0.0,
            };
            self.mask = Some(Array::from_scalar(Wide::Bool(keep), DType::Bool).py(w.py())?);
            return Ok(self);
        }
        let m = to_array(w)?;
        if m.dtype() != DType::Bool {
            return Err(PyTypeError::new_err(format!(
                "Cannot cast array data from dtype('{}') to dtype('bool') according to the rule 'safe'",
                m.dtype()
            )));
        }
        self.mask = Some(m);
        Ok(self)
    }

    /// `initial=`, converted to `rd`, the dtype the reduction accumulates in.
    fn initial(mut self, initial: Option<&Bound<'_, PyAny>>, rd: DType) -> PyResult<Args> {
        if let Some(v) = initial.filter(|v| !v.is_none()) {
            self.initial = Some(initial_value(v, rd)?);
        }
        Ok(self)
    }

    fn spec(&self) -> ReduceSpec<'_> {
        ReduceSpec {
            axes: self.axes.as_deref(),
            keepdims: self.keepdims,
            dtype: self.dtype,
            mask: self.mask.as_ref(),
            initial: self.initial,
        }
    }

    /// Runs `f` on the input (without the GIL when large) and delivers its result.
    fn run(
        self,
        py: Python<'_>,
        name: &str,
        f: impl FnOnce(&Array, &ReduceSpec) -> ferronum::Result<Array> + Send,
    ) -> PyResult<Py<PyAny>> {
        let spec = self.spec();
        let r = guard_nogil(py, self.x.size(), || f(&self.x, &spec))?;
        deliver(py, r, self.out, name)
    }
}

/// An `initial=` value as NumPy converts it to the reduction's dtype `rd`, through the Python
/// value (NumPy scalars and 0-d arrays too, except into an unsigned dtype, where NumPy casts
/// them and wraps): an integer must fit an integer dtype
/// (OverflowError); a float is truncated toward zero for one (NaN: ValueError, infinite or
/// out of range: OverflowError); a Python complex needs a complex (or bool) dtype (TypeError).
/// Arrays with dimensions are not scalars (ValueError).
fn initial_value(v: &Bound<'_, PyAny>, rd: DType) -> PyResult<Wide> {
    // The value the reduction's dtype holds (a float16 reduction starts from a float16 value,
    // even though it accumulates in float32).
    let w = initial_wide(v, rd)?;
    Ok(dispatch!(rd, T => T::from_wide(w).to_wide()))
}

fn initial_wide(v: &Bound<'_, PyAny>, rd: DType) -> PyResult<Wide> {
    let py = v.py();
    let weak = python_scalar(v)?;
    let is_weak = weak.is_some();
    let s = match weak {
        Some(s) => s,
        None => {
            let a = to_array(v)?;
            if a.ndim() != 0 {
                return Err(PyValueError::new_err(
                    "Input object to FillWithScalar is not a scalar",
                ));
            }
            match a.item().py(py)? {
                Wide::Bool(b) => Scalar::Bool(b),
                Wide::I(i) => Scalar::Int(i as i128),
                Wide::U(u) => Scalar::Int(u as i128),
                Wide::F(f) => Scalar::Float(f),
                // A NumPy complex converts to a real dtype (NumPy's ComplexWarning aside).
                Wide::C(re, _) if !(rd.is_complex() || rd == DType::Bool) => Scalar::Float(re),
                Wide::C(re, im) => Scalar::Complex(re, im),
            }
        }
    };
    if rd == DType::Bool || rd.is_complex() {
        return Ok(s.to_wide());
    }
    if !is_weak && rd.kind() == Kind::Uint {
        // NumPy casts a NumPy scalar to an unsigned dtype as C does: through int64, wrapping.
        return Ok(match s {
            Scalar::Float(f) => Wide::I(f.trunc() as i64),
            s => s.to_wide(),
        });
    }
    let to_int = rd.is_integer();
    match s {
        Scalar::Complex(..) => Err(crate::errors::complex_to_real(rd)),
        Scalar::Float(f) if to_int => {
            if f.is_nan() {
                return Err(PyValueError::new_err("cannot convert float NaN to integer"));
            }
            if f.is_infinite() {
                return Err(PyOverflowError::new_err(
                    "cannot convert float infinity to integer",
                ));
            }
            let t = f.trunc();
            if t.abs() >= 2f64.powi(100) {
                return Err(PyOverflowError::new_err(
                    "Python int too large to convert to C long",
                ));
            }
            let i = Scalar::Int(t as i128);
            i.check_fits(rd).py(py)?;
            Ok(i.to_wide())
        }
        Scalar::Int(_) if to_int => {
            s.check_fits(rd).py(py)?;
            Ok(s.to_wide())
        }
        s => Ok(s.to_wide()),
    }
}

/// Returns `r`, or writes it into `out` (cast as needed) and returns `out`.
fn deliver(
    py: Python<'_>,
    r: Array,
    out: Option<(Array, Py<PyAny>)>,
    name: &str,
) -> PyResult<Py<PyAny>> {
    let Some((o, obj)) = out else {
        return wrap_or_scalar(py, r);
    };
    guard(py, || {
        check_out_shape(&o, &r, name)?;
        o.assign(&r)
    })?;
    Ok(obj)
}

/// NumPy's check that a reduction's `out=` has the result's shape.
fn check_out_shape(o: &Array, r: &Array, name: &str) -> ferronum::Result<()> {
    if o.shape() != r.shape() {
        return Err(ferronum::Error::value(format!(
            "output parameter for reduction operation {name} has the wrong shape: Found {} but expected {}",
            ferronum::layout::shape_str(o.shape()),
            ferronum::layout::shape_str(r.shape())
        )));
    }
    Ok(())
}

// ---- folds ----------------------------------------------------------------------------------

#[allow(clippy::too_many_arguments)]
pub(crate) fn fold(
    py: Python<'_>,
    f: Fold,
    a: &Bound<'_, PyAny>,
    axis: Option<&Bound<'_, PyAny>>,
    dtype: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
    keepdims: bool,
    initial: Option<&Bound<'_, PyAny>>,
    where_: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    if f == Fold::Sum && dtype.is_none() && out.is_none() && initial.is_none() && where_.is_none() {
        if let Some(r) = sum_of_pending_square(py, a, axis, keepdims)? {
            return Ok(r);
        }
    }
    let mut args = Args::new(a, axis)?
        .dtype(dtype)?
        .out(out)?
        .keepdims(keepdims);
    if matches!(f, Fold::Sum | Fold::Prod | Fold::NanSum | Fold::NanProd) {
        args = args.accumulate_in_out_dtype();
    }
    let rd = f.result_dtype(args.x.dtype(), args.dtype);
    args.initial(initial, rd)?
        .mask(where_)?
        .run(py, f.ufunc_name(), |x, s| reduce::reduce(x, f, s))
}

/// `sum(x ** 2, axis)` where `a` is a pending `x ** 2` (`ndarray::defer_square`): the squares
/// summed as they are read. `None` where the engine declines (a sum that is not finite): the
/// caller then squares and sums in two steps, which report what NumPy reports. The GIL stays
/// held, so no other thread squares the buffer meanwhile.
fn sum_of_pending_square(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    axis: Option<&Bound<'_, PyAny>>,
    keepdims: bool,
) -> PyResult<Option<Py<PyAny>>> {
    let Ok(arr) = a.cast::<PyNdArray>() else {
        return Ok(None);
    };
    let Some(x) = arr.get().pending_square() else {
        return Ok(None);
    };
    let axes = axes_of(axis)?;
    match guard(py, || reduce::sum_of_squares(x, axes.as_deref(), keepdims))? {
        Some(r) => Ok(Some(wrap_or_scalar(py, r)?)),
        None => Ok(None),
    }
}

macro_rules! fold_fns {
    (with_dtype: $($name:ident => $fold:ident),*; without: $($name2:ident => $fold2:ident),*) => {
        $(
            #[pyfunction]
            #[pyo3(signature = (a, axis=None, dtype=None, out=None, keepdims=false, initial=None, r#where=None))]
            #[allow(clippy::too_many_arguments)]
            pub fn $name(py: Python<'_>, a: &Bound<'_, PyAny>, axis: Option<&Bound<'_, PyAny>>, dtype: Option<&Bound<'_, PyAny>>, out: Option<&Bound<'_, PyAny>>, keepdims: bool, initial: Option<&Bound<'_, PyAny>>, r#where: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
                fold(py, Fold::$fold, a, axis, dtype, out, keepdims, initial, r#where)
            }
        )*
        $(
            #[pyfunction]
            #[pyo3(signature = (a, axis=None, out=None, keepdims=false, initial=None, r#where=None))]
            pub fn $name2(py: Python<'_>, a: &Bound<'_, PyAny>, axis: Option<&Bound<'_, PyAny>>, out: Option<&Bound<'_, PyAny>>, keepdims: bool, initial: Option<&Bound<'_, PyAny>>, r#where: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
                fold(py, Fold::$fold2, a, axis, None, out, keepdims, initial, r#where)
            }
        )*
    };
}

fold_fns!(
    with_dtype: sum => Sum, prod => Prod, nansum => NanSum, nanprod => NanProd;
    without: max => Max, min => Min, amax => Max, amin => Min, nanmax => NanMax, nanmin => NanMin
);

/// `any` and `all`: `(a, axis=None, out=None, keepdims=False, *, where=True)`.
macro_rules! logical_fns {
    ($($name:ident => $fold:ident),*) => {
        $(
            #[pyfunction]
            #[pyo3(signature = (a, axis=None, out=None, keepdims=false, *, r#where=None))]
            pub fn $name(py: Python<'_>, a: &Bound<'_, PyAny>, axis: Option<&Bound<'_, PyAny>>, out: Option<&Bound<'_, PyAny>>, keepdims: bool, r#where: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
                fold(py, Fold::$fold, a, axis, None, out, keepdims, None, r#where)
            }
        )*
    };
}

logical_fns!(any => Any, all => All);

// ---- statistics -----------------------------------------------------------------------------

#[pyfunction]
#[pyo3(signature = (a, axis=None, dtype=None, out=None, keepdims=false, *, r#where=None))]
pub fn mean(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    axis: Option<&Bound<'_, PyAny>>,
    dtype: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
    keepdims: bool,
    r#where: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let mut args = Args::strict(a, axis)?
        .dtype(dtype)?
        .out(out)?
        .keepdims(keepdims)
        .mask(r#where)?;
    // NumPy sums float16 in float32 (`dtype='f4'`) and rounds to float16 only without `out=`;
    // other inexact input sums in the loop `out=` resolves.
    if args.dtype.is_none() && args.out.is_some() {
        args = if args.x.dtype() == DType::F16 {
            args.dtype_of(DType::F32)
        } else if args.x.dtype().is_inexact() {
            args.accumulate_in_out_dtype()
        } else {
            args
        };
    }
    args.run(py, "add", stats::mean)
}

#[pyfunction]
#[pyo3(signature = (a, axis=None, dtype=None, out=None, keepdims=false, *, r#where=None))]
pub fn nanmean(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    axis: Option<&Bound<'_, PyAny>>,
    dtype: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
    keepdims: bool,
    r#where: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let inexact = to_array(a)?.dtype().is_inexact();
    if !inexact {
        return mean(py, a, axis, dtype, out, keepdims, r#where);
    }
    Args::new(a, axis)?
        .dtype(dtype)?
        .out(out)?
        .require_inexact()?
        .accumulate_in_out_dtype()
        .keepdims(keepdims)
        .mask(r#where)?
        .run(py, "add", stats::nanmean)
}

/// `ddof` or its array-API spelling `correction` (not both).
fn ddof_of(ddof: Option<f64>, correction: Option<f64>) -> PyResult<f64> {
    match (ddof, correction) {
        (Some(_), Some(_)) => Err(PyValueError::new_err(
            "ddof and correction can't be provided simultaneously.",
        )),
        (d, c) => Ok(d.or(c).unwrap_or(0.0)),
    }
}

/// Which spread `var_like` computes.
#[derive(Clone, Copy)]
pub(crate) enum Spread {
    Var,
    Std,
    NanVar,
    NanStd,
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn var_like(
    py: Python<'_>,
    which: Spread,
    a: &Bound<'_, PyAny>,
    axis: Option<&Bound<'_, PyAny>>,
    dtype: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
    ddof: Option<f64>,
    keepdims: bool,
    where_: Option<&Bound<'_, PyAny>>,
    mean: Option<&Bound<'_, PyAny>>,
    correction: Option<f64>,
) -> PyResult<Py<PyAny>> {
    let ddof = ddof_of(ddof, correction)?;
    let mean = mean.filter(|m| !m.is_none()).map(to_array).transpose()?;
    let nan = matches!(which, Spread::NanVar | Spread::NanStd);
    let args = if nan {
        Args::nan_stat(a, axis)?
    } else {
        Args::strict(a, axis)?
    };
    let args = args.dtype(dtype)?.out(out)?;
    let args = if nan { args.require_inexact()? } else { args };
    let args = args.keepdims(keepdims).mask(where_)?;
    let m = mean.as_ref();
    let out_arr = args.out.as_ref().map(|(o, _)| o.clone());
    let out_dtype = out_arr.as_ref().map(|o| o.dtype());
    args.run(py, "add", move |x, s| {
        let v = if nan {
            stats::nanvar(x, s, ddof, m, out_dtype)?
        } else {
            stats::var(x, s, ddof, m, out_dtype)?
        };
        match (which, out_arr) {
            (Spread::Var | Spread::NanVar, _) => Ok(v),
            // NumPy takes the root in place, in `out=` (whose shape the sum checked first).
            (_, Some(o)) => {
                check_out_shape(&o, &v, "add")?;
                stats::sqrt_of_variance(v.astype(o.dtype())?, true)
            }
            (_, None) => {
                let in_place = v.ndim() > 0;
                stats::sqrt_of_variance(v, in_place)
            }
        }
    })
}

macro_rules! spread_fns {
    ($($name:ident = $pyname:literal => $which:ident),*) => {
        $(
            #[pyfunction(name = $pyname)]
            #[pyo3(signature = (a, axis=None, dtype=None, out=None, ddof=None, keepdims=false, *, r#where=None, mean=None, correction=None))]
            #[allow(clippy::too_many_arguments)]
            pub fn $name(py: Python<'_>, a: &Bound<'_, PyAny>, axis: Option<&Bound<'_, PyAny>>, dtype: Option<&Bound<'_, PyAny>>, out: Option<&Bound<'_, PyAny>>, ddof: Option<f64>, keepdims: bool, r#where: Option<&Bound<'_, PyAny>>, mean: Option<&Bound<'_, PyAny>>, correction: Option<f64>) -> PyResult<Py<PyAny>> {
                var_like(py, Spread::$which, a, axis, dtype, out, ddof, keepdims, r#where, mean, correction)
            }
        )*
    };
}

spread_fns!(var = "var" => Var, std_fn = "std" => Std, nanvar = "nanvar" => NanVar, nanstd = "nanstd" => NanStd);

#[pyfunction]
#[pyo3(signature = (a, axis=None, out=None, keepdims=false))]
pub fn ptp(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    axis: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
    keepdims: bool,
) -> PyResult<Py<PyAny>> {
    let mut args = Args::new(a, axis)?.out(out)?;
    match args.out.take() {
        None => args.run(py, "subtract", move |x, s| stats::ptp(x, s.axes, keepdims)),
        Some((o, obj)) => {
            let (x, axes) = (&args.x, args.axes.as_deref());
            guard_nogil(py, x.size(), || stats::ptp_into(x, axes, keepdims, &o))?;
            Ok(obj)
        }
    }
}

#[pyfunction]
#[pyo3(signature = (a, axis=None, *, keepdims=false))]
pub fn count_nonzero(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    axis: Option<&Bound<'_, PyAny>>,
    keepdims: bool,
) -> PyResult<Py<PyAny>> {
    Args::new(a, axis)?.run(py, "add", move |x, s| {
        reduce::count_nonzero(x, s.axes, keepdims)
    })
}

#[pyfunction]
#[pyo3(signature = (a, axis=None, weights=None, returned=false, *, keepdims=false))]
pub fn average(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    axis: Option<&Bound<'_, PyAny>>,
    weights: Option<&Bound<'_, PyAny>>,
    returned: bool,
    keepdims: bool,
) -> PyResult<Py<PyAny>> {
    let x = to_array(a)?;
    // `average` normalizes its axis with `normalize_axis_tuple`, which takes a list too.
    let axes = match axis {
        Some(o) if o.is_instance_of::<pyo3::types::PyList>() => axes_of(Some(
            &PyTuple::new(o.py(), o.try_iter()?.collect::<PyResult<Vec<_>>>()?)?.into_any(),
        ))?,
        _ => axes_of(axis)?,
    };
    let w = weights.filter(|w| !w.is_none()).map(to_array).transpose()?;
    let (avg, scl) = guard_nogil(py, x.size(), || {
        stats::average(&x, axes.as_deref(), w.as_ref(), keepdims)
    })?;
    let avg = wrap_or_scalar(py, avg)?;
    if returned {
        let scl = wrap_or_scalar(py, scl)?;
        return Ok(PyTuple::new(py, [avg, scl])?.into_any().unbind());
    }
    Ok(avg)
}

// ---- lanes: arg* and scans ------------------------------------------------------------------

pub(crate) fn arg(
    py: Python<'_>,
    which: Extreme,
    skip_nan: bool,
    a: &Bound<'_, PyAny>,
    axis: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
    keepdims: bool,
) -> PyResult<Py<PyAny>> {
    let args = Args::new(a, None)?.out(out)?;
    if skip_nan {
        nan_arg_tuple_axis(py, &args.x, axis)?;
    }
    let ax = axis_of(axis)?;
    let out_arr = args.out.as_ref().map(|(o, _)| o.clone());
    args.run(py, "argmax", move |x, _| {
        let r = lanes::arg_extreme(x, ax, keepdims, which, skip_nan)?;
        if let Some(o) = out_arr {
            if o.shape() != r.shape() {
                return Err(ferronum::Error::value(format!(
                    "output array does not match result of np.{}",
                    if which == Extreme::Max { "argmax" } else { "argmin" }
                )));
            }
            // NumPy's check (in this direction): the output must cast safely to intp.
            if !o.dtype().can_cast_safe(DType::I64) {
                return Err(ferronum::Error::type_(format!(
                    "Cannot cast array data from dtype('{}') to dtype('int64') according to the rule 'safe'",
                    o.dtype()
                )));
            }
        }
        Ok(r)
    })
}

/// `nanargmax(a, axis=(...))`: NumPy first looks for all-NaN lanes with `np.all(isnan(a),
/// axis)`, which takes a tuple (so a bad axis in it is AxisError, a repeated one ValueError, an
/// all-NaN lane "All-NaN slice encountered"), and only then refuses the tuple in `argmax`.
fn nan_arg_tuple_axis(py: Python<'_>, x: &Array, axis: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
    let Some(t) = axis.and_then(|o| o.cast::<PyTuple>().ok()) else {
        return Ok(());
    };
    if x.dtype().is_inexact() && x.size() > 0 {
        let axes = axes_of(Some(t.as_any()))?;
        if guard(py, || lanes::any_all_nan_lane(x, axes.as_deref()))? {
            return Err(PyValueError::new_err("All-NaN slice encountered"));
        }
    }
    Err(PyTypeError::new_err(
        "'tuple' object cannot be interpreted as an integer",
    ))
}

macro_rules! arg_fns {
    ($($name:ident => $which:ident, $skip:expr);*) => {
        $(
            #[pyfunction]
            #[pyo3(signature = (a, axis=None, out=None, *, keepdims=false))]
            pub fn $name(py: Python<'_>, a: &Bound<'_, PyAny>, axis: Option<&Bound<'_, PyAny>>, out: Option<&Bound<'_, PyAny>>, keepdims: bool) -> PyResult<Py<PyAny>> {
                arg(py, Extreme::$which, $skip, a, axis, out, keepdims)
            }
        )*
    };
}

arg_fns!(argmax => Max, false; argmin => Min, false; nanargmax => Max, true; nanargmin => Min, true);

pub(crate) fn scan(
    py: Python<'_>,
    which: Scan,
    skip_nan: bool,
    a: &Bound<'_, PyAny>,
    axis: Option<&Bound<'_, PyAny>>,
    dtype: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let ax = axis_of(axis)?;
    let args = Args::new(a, None)?
        .dtype(dtype)?
        .out(out)?
        .accumulate_in_out_dtype();
    let name = match which {
        Scan::Sum => "add",
        Scan::Prod => "multiply",
    };
    args.run(py, name, move |x, s| {
        lanes::scan(x, ax, s.dtype, which, skip_nan)
    })
}

macro_rules! scan_fns {
    ($($name:ident => $which:ident, $skip:expr);*) => {
        $(
            #[pyfunction]
            #[pyo3(signature = (a, axis=None, dtype=None, out=None))]
            pub fn $name(py: Python<'_>, a: &Bound<'_, PyAny>, axis: Option<&Bound<'_, PyAny>>, dtype: Option<&Bound<'_, PyAny>>, out: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
                scan(py, Scan::$which, $skip, a, axis, dtype, out)
            }
        )*
    };
}

scan_fns!(cumsum => Sum, false; cumprod => Prod, false; nancumsum => Sum, true; nancumprod => Prod, true);
