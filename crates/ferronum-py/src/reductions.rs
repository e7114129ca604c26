//! Reducing functions and their `ndarray` methods: `sum prod max min mean std var ptp argmax
//! argmin any all cumsum cumprod count_nonzero average` and the `nan*` forms. Each converts its
//! keywords once (`Args`), calls the engine, and puts the result into `out=` when given.

use crate::convert::{python_scalar, to_array};
use crate::dtypes;
use crate::errors::{guard, guard_nogil, IntoPyResult};
use crate::ndarray::{wrap_or_scalar, PyNdArray};
use ferronum::ops::lanes::{self, Extreme, Scan};
use ferronum::ops::reduce::{self, Fold, ReduceSpec};
use ferronum::ops::stats;
use ferronum::{Array, DType, Wide};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

/// An `axis=` argument: None, an int, or a tuple of ints (NumPy rejects lists).
pub fn axes_of(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Vec<isize>>> {
    let not_int = |o: &Bound<'_, PyAny>| {
        PyTypeError::new_err(format!(
            "'{}' object cannot be interpreted as an integer",
            o.get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default()
        ))
    };
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
        Some(o) => o.extract::<isize>().map(Some).map_err(|_| {
            PyTypeError::new_err(format!(
                "'{}' object cannot be interpreted as an integer",
                o.get_type()
                    .name()
                    .map(|n| n.to_string())
                    .unwrap_or_default()
            ))
        }),
    }
}

/// The `out=` array, with its Python object to return.
fn out_of(out: Option<&Bound<'_, PyAny>>) -> PyResult<Option<(Array, Py<PyAny>)>> {
    let Some(o) = out.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    let o = match o.cast::<PyTuple>() {
        Ok(t) if t.len() == 1 => t.get_item(0)?,
        _ => o.clone(),
    };
    match o.cast::<PyNdArray>() {
        Ok(a) => Ok(Some((a.get().inner.clone(), o.unbind()))),
        Err(_) => Err(PyTypeError::new_err("return arrays must be of ArrayType")),
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
    fn new(a: &Bound<'_, PyAny>, axis: Option<&Bound<'_, PyAny>>) -> PyResult<Args> {
        let x = to_array(a)?;
        let mut axes = axes_of(axis)?;
        // NumPy lets a 0-d array be reduced over an integer axis 0 or -1 (not a tuple).
        if x.ndim() == 0
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

    fn dtype(mut self, dtype: Option<&Bound<'_, PyAny>>) -> PyResult<Args> {
        self.dtype = dtypes::parse(dtype)?;
        Ok(self)
    }

    fn out(mut self, out: Option<&Bound<'_, PyAny>>) -> PyResult<Args> {
        self.out = out_of(out)?;
        Ok(self)
    }

    fn keepdims(mut self, keepdims: bool) -> Args {
        self.keepdims = keepdims;
        self
    }

    /// `where=`: True means no mask; anything else must be (safely castable to) bool.
    fn mask(mut self, where_: Option<&Bound<'_, PyAny>>) -> PyResult<Args> {
        let Some(w) = where_ else { return Ok(self) };
        if w.is_truthy()? && w.is_instance_of::<pyo3::types::PyBool>() {
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

    fn initial(mut self, initial: Option<&Bound<'_, PyAny>>) -> PyResult<Args> {
        let Some(v) = initial.filter(|v| !v.is_none()) else {
            return Ok(self);
        };
        self.initial = Some(match python_scalar(v)? {
            Some(s) => s.to_wide(),
            None => {
                let a = to_array(v)?;
                if a.size() != 1 {
                    return Err(PyValueError::new_err(
                        "Input object to FillWithScalar is not a scalar",
                    ));
                }
                a.item().py(v.py())?
            }
        });
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
        if o.shape() != r.shape() {
            return Err(ferronum::Error::value(format!(
                "output parameter for reduction operation {name} has the wrong shape: Found {} but expected {}",
                ferronum::layout::shape_str(o.shape()),
                ferronum::layout::shape_str(r.shape())
            )));
        }
        o.assign(&r)
    })?;
    Ok(obj)
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
    Args::new(a, axis)?
        .dtype(dtype)?
        .out(out)?
        .keepdims(keepdims)
        .initial(initial)?
        .mask(where_)?
        .run(py, f.ufunc_name(), |x, s| reduce::reduce(x, f, s))
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
    Args::new(a, axis)?
        .dtype(dtype)?
        .out(out)?
        .keepdims(keepdims)
        .mask(r#where)?
        .run(py, "add", stats::mean)
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
    Args::new(a, axis)?
        .dtype(dtype)?
        .out(out)?
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
    let args = Args::new(a, axis)?
        .dtype(dtype)?
        .out(out)?
        .keepdims(keepdims)
        .mask(where_)?;
    let m = mean.as_ref();
    args.run(py, "add", move |x, s| match which {
        Spread::Var => stats::var(x, s, ddof, m),
        Spread::Std => stats::std(x, s, ddof, m),
        Spread::NanVar => stats::nanvar(x, s, ddof),
        Spread::NanStd => stats::nanstd(x, s, ddof),
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
    Args::new(a, axis)?
        .out(out)?
        .keepdims(false)
        .run(py, "subtract", move |x, s| stats::ptp(x, s.axes, keepdims))
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
    let axes = axes_of(axis)?;
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
    let ax = axis_of(axis)?;
    let args = Args::new(a, None)?.out(out)?;
    args.run(py, "argmax", move |x, _| {
        lanes::arg_extreme(x, ax, keepdims, which, skip_nan)
    })
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
    let args = Args::new(a, None)?.dtype(dtype)?.out(out)?;
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
