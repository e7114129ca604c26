//! Reducing functions and their `ndarray` methods: `sum prod max min mean std var ptp argmax
//! argmin any all cumsum cumprod count_nonzero average` and the `nan*` forms. Each converts its
//! arguments to engine values and makes one call to `ferronum::ops::reduce_args`, which holds
//! NumPy's rules for the keywords (`dtype=`, `out=`, `initial=`, `where=`, `keepdims`).

use crate::common::{axes_of, axis_of, deliver, out_arg, wrap_or_scalar, AxisForm, PyNdArray};
use crate::convert::{python_scalar, to_array};
use crate::dtypes;
use crate::errors::{guard, guard_nogil};
use ferronum::ops::lanes::{self, Extreme, Scan};
use ferronum::ops::pending;
use ferronum::ops::reduce::Fold;
use ferronum::ops::reduce_args::{self as ra, Initial, ReduceArgs, Spread, Where};
use ferronum::ops::stats;
use ferronum::{Array, DType, Scalar};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

/// A Python value the engine takes either as a weak Python scalar or as an array (`initial=`,
/// `where=`).
enum Value {
    Scalar(Scalar),
    Array(Array),
}

impl Value {
    fn of(v: &Bound<'_, PyAny>) -> PyResult<Value> {
        Ok(match python_scalar(v)? {
            Some(s) => Value::Scalar(s),
            None => Value::Array(to_array(v)?),
        })
    }
}

/// A reducing function's arguments as engine values, converted in NumPy's order (`None` for
/// a keyword the function lacks); `args` lends them to the engine.
struct Converted {
    x: Array,
    /// The input when it is a subclass instance, whose `__array_wrap__` the result goes
    /// through (`crate::subclass`).
    sub: Option<Py<PyAny>>,
    axes: Option<Vec<isize>>,
    int_axis: bool,
    dtype: Option<DType>,
    out: Option<(Array, Py<PyAny>)>,
    initial: Option<Value>,
    where_: Option<Value>,
}

impl Converted {
    fn new(
        a: &Bound<'_, PyAny>,
        axis: Option<&Bound<'_, PyAny>>,
        dtype: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        initial: Option<&Bound<'_, PyAny>>,
        where_: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Converted> {
        let mut c = Converted::with(to_array(a)?, axis, dtype, out, initial, where_)?;
        c.sub = (!crate::subclass::is_plain(a)).then(|| a.clone().unbind());
        Ok(c)
    }

    fn with(
        x: Array,
        axis: Option<&Bound<'_, PyAny>>,
        dtype: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        initial: Option<&Bound<'_, PyAny>>,
        where_: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Converted> {
        let axes = axes_of(axis, AxisForm::Tuple)?;
        Ok(Converted {
            x,
            sub: None,
            int_axis: axes.is_some() && !axis.is_some_and(|o| o.is_instance_of::<PyTuple>()),
            axes,
            dtype: dtypes::parse(dtype)?,
            out: out_arg(out)?,
            initial: initial
                .filter(|v| !v.is_none())
                .map(Value::of)
                .transpose()?,
            where_: where_.map(Value::of).transpose()?,
        })
    }

    fn args(&self, keepdims: bool) -> ReduceArgs<'_> {
        ReduceArgs {
            axes: self.axes.as_deref(),
            int_axis: self.int_axis,
            dtype: self.dtype,
            out: self.out.as_ref().map(|(o, _)| o),
            keepdims,
            initial: self.initial.as_ref().map(|v| match v {
                Value::Scalar(s) => Initial::Weak(*s),
                Value::Array(a) => Initial::Strong(a),
            }),
            where_: self.where_.as_ref().map(|v| match v {
                Value::Scalar(s) => Where::Scalar(*s),
                Value::Array(a) => Where::Array(a),
            }),
        }
    }

    /// Makes the engine call `f` (without the GIL when large) and hands its result back.
    fn run(
        self,
        py: Python<'_>,
        keepdims: bool,
        f: impl FnOnce(&Array, &ReduceArgs) -> ferronum::Result<Array> + Send,
    ) -> PyResult<Py<PyAny>> {
        let args = self.args(keepdims);
        let r = guard_nogil(py, self.x.size(), || f(&self.x, &args))?;
        match (&self.sub, self.out) {
            (Some(s), None) => crate::subclass::apply_wrap(py, s.bind(py), r, None, true),
            (_, out) => deliver(py, r, out.map(|(_, obj)| obj), false),
        }
    }
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
    // A pending `x ** 2` (`PyNdArray::defer_square`) is taken as `x`, unsquared, for the engine
    // to sum the squares as it reads them.
    let pending = a
        .cast::<PyNdArray>()
        .ok()
        .filter(|p| p.get().pending_square().is_some());
    let x = match &pending {
        Some(p) => p.get().meta().clone(),
        None => to_array(a)?,
    };
    let mut c = Converted::with(x, axis, dtype, out, initial, where_)?;
    c.sub = (!crate::subclass::is_plain(a)).then(|| a.clone().unbind());
    if let Some(p) = &pending {
        // The GIL stays held, so no other thread squares the buffer meanwhile.
        let args = c.args(keepdims);
        if let Some(r) = guard(py, || pending::sum_of_pending_square(&c.x, f, &args))? {
            return deliver(py, r, None, false);
        }
        // Where the engine declines, the square is computed (in `c.x`'s buffer, which it
        // shares) and reduced in a second step, which reports what NumPy reports.
        p.get().inner();
    }
    c.run(py, keepdims, |x, args| ra::fold(x, f, args))
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
    Converted::new(a, axis, dtype, out, None, r#where)?.run(py, keepdims, ra::mean)
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
    Converted::new(a, axis, dtype, out, None, r#where)?.run(py, keepdims, ra::nanmean)
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
    let mean = mean.filter(|m| !m.is_none()).map(to_array).transpose()?;
    let m = mean.as_ref();
    Converted::new(a, axis, dtype, out, None, where_)?.run(py, keepdims, move |x, args| {
        ra::spread(x, which, args, ddof, correction, m)
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
    Converted::new(a, axis, None, out, None, None)?.run(py, keepdims, ra::ptp)
}

#[pyfunction]
#[pyo3(signature = (a, axis=None, *, keepdims=false))]
pub fn count_nonzero(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    axis: Option<&Bound<'_, PyAny>>,
    keepdims: bool,
) -> PyResult<Py<PyAny>> {
    Converted::new(a, axis, None, None, None, None)?.run(py, keepdims, ra::count_nonzero)
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
    let axes = axes_of(axis, AxisForm::TupleOrList)?;
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
    let x = to_array(a)?;
    let out = out_arg(out)?;
    if skip_nan {
        nan_arg_tuple_axis(py, &x, axis)?;
    }
    let ax = axis_of(axis)?;
    let o = out.as_ref().map(|(o, _)| o);
    let r = guard_nogil(py, x.size(), || {
        ra::arg(&x, which, skip_nan, ax, keepdims, o)
    })?;
    // NumPy's arg* make a result of the input's type but return 0-d ones as scalars.
    if out.is_none() && r.ndim() > 0 && !crate::subclass::is_plain(a) {
        return crate::subclass::view_like(py, a, r);
    }
    deliver(py, r, out.map(|(_, obj)| obj), false)
}

/// `nanargmax(a, axis=(...))`: NumPy first looks for all-NaN lanes with `np.all(isnan(a),
/// axis)`, which takes a tuple (so a bad axis in it is AxisError, a repeated one ValueError, an
/// all-NaN lane "All-NaN slice encountered"), and only then refuses the tuple in `argmax`.
fn nan_arg_tuple_axis(py: Python<'_>, x: &Array, axis: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
    let Some(t) = axis.and_then(|o| o.cast::<PyTuple>().ok()) else {
        return Ok(());
    };
    if x.dtype().is_inexact() && x.size() > 0 {
        let axes = axes_of(Some(t.as_any()), AxisForm::Tuple)?;
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
    let x = to_array(a)?;
    let dt = dtypes::parse(dtype)?;
    let out = out_arg(out)?;
    let o = out.as_ref().map(|(o, _)| o);
    let r = guard_nogil(py, x.size(), || ra::scan(&x, which, skip_nan, ax, dt, o))?;
    if out.is_none() && !crate::subclass::is_plain(a) {
        return crate::subclass::apply_wrap(py, a, r, None, false);
    }
    deliver(py, r, out.map(|(_, obj)| obj), false)
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
