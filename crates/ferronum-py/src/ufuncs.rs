//! NumPy's ufunc objects: `ferronum.add` and the rest are instances of `ferronum.ufunc`, called
//! as NumPy's are (inputs, then optional positional outputs; `out=`, `where=`, `dtype=`,
//! `casting=`, `order=`, `subok=`, `signature=`), with `__name__`, `nin`, `nout`, `nargs`,
//! `ntypes`, `types` and `identity`.

use crate::convert::{self, operand, to_array};
use crate::dtypes;
use crate::errors::{guard_nogil, panic_error, IntoPyResult};
use crate::ndarray::{wrap_or_scalar, PyNdArray};
use ferronum::ops::ufunc::{self, BinaryOp as B, Casting, Func, Opts, UnaryOp as U};
use ferronum::{Array, DType};
use pyo3::exceptions::{PyTypeError, PyUserWarning, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyTuple};
use pyo3::{ffi, PyTypeInfo};
use smallvec::SmallVec;
use std::panic::{catch_unwind, AssertUnwindSafe};

#[pyclass(name = "ufunc", module = "ferronum", frozen)]
pub struct PyUfunc {
    /// CPython's vectorcall entry for this object (see `enable_vectorcall`): calls then pass
    /// their arguments as an array, without the tuple (and PyO3's unpacking of it) that the
    /// `__call__` slot receives.
    vectorcall: Option<ffi::vectorcallfunc>,
    pub func: Func,
}

/// NumPy's one-letter type codes, as `ufunc.types` lists them.
fn code(d: DType) -> char {
    match d {
        DType::Bool => '?',
        DType::I8 => 'b',
        DType::U8 => 'B',
        DType::I16 => 'h',
        DType::U16 => 'H',
        DType::I32 => 'i',
        DType::U32 => 'I',
        DType::I64 => 'l',
        DType::U64 => 'L',
        DType::F16 => 'e',
        DType::F32 => 'f',
        DType::F64 => 'd',
        DType::C64 => 'F',
        DType::C128 => 'D',
    }
}

/// An `out=` argument: None, an array, or a tuple with one entry (array or None) per output.
fn outs_of<'py>(
    out: Option<&Bound<'py, PyAny>>,
    positional: &[Bound<'py, PyAny>],
    nout: usize,
) -> PyResult<Vec<Option<Bound<'py, PyAny>>>> {
    let mut outs: Vec<Option<Bound<'py, PyAny>>> = vec![None; nout];
    for (k, p) in positional.iter().enumerate() {
        outs[k] = (!p.is_none()).then(|| p.clone());
    }
    match out {
        None => {}
        Some(o) if o.is_none() => {}
        Some(o) => {
            if !positional.is_empty() {
                return Err(PyTypeError::new_err(
                    "cannot specify 'out' as both a positional and keyword argument",
                ));
            }
            if let Ok(t) = o.cast::<PyTuple>() {
                if t.len() != nout {
                    return Err(PyValueError::new_err(
                        "The 'out' tuple must have exactly one entry per ufunc output",
                    ));
                }
                for (k, item) in t.iter().enumerate() {
                    outs[k] = (!item.is_none()).then_some(item);
                }
            } else if nout == 1 {
                outs[0] = Some(o.clone());
            } else {
                return Err(PyTypeError::new_err(
                    "'out' must be a tuple of arrays for a ufunc with more than one output",
                ));
            }
        }
    }
    for o in outs.iter().flatten() {
        if o.cast::<PyNdArray>().is_err() {
            return Err(PyTypeError::new_err("return arrays must be of ArrayType"));
        }
    }
    Ok(outs)
}

/// The vectorcall entry of every ufunc object: positional arguments in `args[..nargs]`, the
/// values of the keywords named in `kwnames` after them.
///
/// # Safety
/// CPython's vectorcall protocol: the thread attached, `callable` a live `PyUfunc`, `args`
/// valid for `nargs + len(kwnames)` live (borrowed) references, and `kwnames` null or a live
/// tuple of strings.
unsafe extern "C" fn ufunc_vectorcall(
    callable: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargsf: usize,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: the vectorcall protocol (this function's contract) calls with the thread
    // attached to the interpreter, all that `assume_attached` needs; the token does not
    // outlive this call.
    let py = unsafe { Python::assume_attached() };
    let outcome = catch_unwind(AssertUnwindSafe(|| -> PyResult<Py<PyAny>> {
        let nargs = nargsf & !ffi::PY_VECTORCALL_ARGUMENTS_OFFSET;
        // SAFETY: `kwnames` is non-null here, a live tuple (the protocol), borrowed for the
        // call.
        let names = (!kwnames.is_null()).then(|| unsafe {
            Bound::from_borrowed_ptr(py, kwnames).cast_into_unchecked::<PyTuple>()
        });
        let nkw = names.as_ref().map_or(0, |t| t.len());
        let items: SmallVec<[Bound<'_, PyAny>; 4]> = (0..nargs + nkw)
            // SAFETY: `i < nargs + nkw`, so `args[i]` is one of the live references the
            // protocol passes.
            .map(|i| unsafe { Bound::from_borrowed_ptr(py, *args.add(i)) })
            .collect();
        // SAFETY: the slot is installed on the ufunc type alone (`enable_vectorcall`), whose
        // instances cannot be subclassed or built from Python, so `callable` is a live
        // `PyUfunc`.
        let slf =
            unsafe { Bound::from_borrowed_ptr(py, callable).cast_into_unchecked::<PyUfunc>() };
        let kwargs = match &names {
            None => None,
            Some(names) => {
                let d = PyDict::new(py);
                for (k, v) in names.iter().zip(&items[nargs..]) {
                    d.set_item(k, v)?;
                }
                Some(d)
            }
        };
        slf.get().call(py, &items[..nargs], kwargs.as_ref())
    }));
    match outcome.unwrap_or_else(|payload| Err(panic_error(payload))) {
        Ok(v) => v.into_ptr(),
        Err(e) => {
            e.restore(py);
            std::ptr::null_mut()
        }
    }
}

/// Points the ufunc type's vectorcall slot at each object's `vectorcall` field (once, for the
/// type). PyO3 fills `tp_call` only; the field's offset is measured on a live object rather
/// than assumed.
fn enable_vectorcall(py: Python<'_>, obj: &Py<PyUfunc>) {
    let offset = std::ptr::addr_of!(obj.get().vectorcall) as isize - obj.as_ptr() as isize;
    let tp = PyUfunc::type_object(py).as_type_ptr();
    // SAFETY: `tp` is the live ufunc type object (PyO3 keeps it for the module), written while
    // the module initialises with the thread attached, before any ufunc can be called. The
    // offset was measured on a live object, and every ufunc object is built by `register`
    // with `vectorcall: Some(ufunc_vectorcall)` at that offset, so CPython finds a valid
    // entry there on every instance.
    unsafe {
        (*tp).tp_vectorcall_offset = offset as ffi::Py_ssize_t;
        (*tp).tp_flags |= ffi::Py_TPFLAGS_HAVE_VECTORCALL;
    }
}

impl PyUfunc {
    /// A call with positional arguments `args` and keywords `kwargs`, from either entry.
    pub(crate) fn call<'py>(
        &self,
        py: Python<'py>,
        args: &[Bound<'py, PyAny>],
        kwargs: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        let (nin, nout) = (self.func.nin(), self.func.nout());
        // The common call, inputs only: no argument bookkeeping.
        if kwargs.is_none() && nout == 1 && args.len() == nin {
            let func = self.func;
            let r = if nin == 1 {
                let x = operand(&args[0])?;
                guard_nogil(py, x.size(), || ufunc::call1(func, &[x.as_operand()]))?
            } else {
                let (x, y) = (operand(&args[0])?, operand(&args[1])?);
                guard_nogil(py, x.size().max(y.size()), || {
                    ufunc::call1(func, &[x.as_operand(), y.as_operand()])
                })?
            };
            if args.iter().any(|a| !crate::subclass::is_plain(a)) {
                return crate::ndarray::wrap_ufunc_result(py, func.name(), args, r);
            }
            return wrap_or_scalar(py, r);
        }
        let (mut out, mut r#where, mut dtype, mut signature) = (None, None, None, None);
        let mut casting = String::from("same_kind");
        let mut out_given = false;
        if let Some(kw) = kwargs {
            for (k, v) in kw.iter() {
                let key: String = k.extract()?;
                match key.as_str() {
                    "out" => {
                        out_given = true;
                        out = Some(v);
                    }
                    "where" => r#where = Some(v),
                    "dtype" => dtype = Some(v),
                    "casting" => casting = v.extract()?,
                    "signature" | "sig" => signature = Some(v),
                    "order" | "subok" => {}
                    _ => {
                        return Err(PyTypeError::new_err(format!(
                            "{}() got an unexpected keyword argument '{key}'",
                            self.func.name()
                        )))
                    }
                }
            }
        }
        let n = args.len();
        if n < nin || n > nin + nout {
            return Err(PyTypeError::new_err(format!(
                "{}() takes from {nin} to {} positional arguments but {n} were given",
                self.func.name(),
                nin + nout
            )));
        }
        let outs = outs_of(out.as_ref(), &args[nin..], nout)?;
        let ins: Vec<convert::Owned<'_>> = args[..nin]
            .iter()
            .map(|x| operand(x))
            .collect::<PyResult<_>>()?;
        let mut dt = dtypes::parse(dtype.as_ref())?;
        if let Some(sig) = signature.filter(|s| !s.is_none()) {
            // Only the output type of a signature is honoured (the common `signature=(None, 'f8')`
            // or a single dtype).
            let last = match sig.cast::<PyTuple>() {
                Ok(t) if t.len() > 0 => t.get_item(t.len() - 1)?,
                _ => sig.clone(),
            };
            if dt.is_none() {
                dt = dtypes::parse(Some(&last))?;
            }
        }
        let casting = Casting::parse(&casting).py(py)?;
        let mask = match r#where {
            None => None,
            Some(w) if w.is_instance_of::<PyBool>() && w.extract::<bool>()? => None,
            // NumPy reads `where=None` as an all-false mask.
            Some(w) if w.is_none() => Some(Array::scalar(false)),
            Some(w) => Some(to_array(&w)?),
        };
        if mask.is_some() && !out_given && n == nin {
            let msg = c"'where' used without 'out', expect unitialized memory in output. If this is intentional, use out=None.";
            PyErr::warn(py, &py.get_type::<PyUserWarning>(), msg, 1)?;
        }
        let out_arrays: Vec<Option<Array>> = outs
            .iter()
            .map(|o| {
                o.as_ref()
                    .map(|o| o.cast::<PyNdArray>().map(|a| a.get().inner().clone()))
            })
            .map(|o| o.transpose())
            .collect::<Result<_, _>>()?;
        let work = ins.iter().map(|x| x.size()).max().unwrap_or(0);
        let func = self.func;
        let results = guard_nogil(py, work, || {
            let operands: Vec<_> = ins.iter().map(|x| x.as_operand()).collect();
            let out_refs: Vec<Option<&Array>> = out_arrays.iter().map(|o| o.as_ref()).collect();
            let opts = Opts {
                where_: mask.as_ref(),
                dtype: dt,
                casting,
            };
            ufunc::call(func, &operands, &out_refs, &opts)
        })?;
        let mut objs = Vec::with_capacity(nout);
        let wrapper = crate::subclass::wrapping_input(&args[..nin]);
        for (k, r) in results.into_iter().enumerate() {
            objs.push(match (&outs[k], wrapper) {
                (Some(o), _) => o.clone().unbind(),
                (None, None) => wrap_or_scalar(py, r)?,
                (None, Some(w)) => {
                    let ctx = crate::subclass::context(py, func.name(), &args[..nin])?;
                    crate::subclass::apply_wrap(py, w, r, Some(ctx), false)?
                }
            });
        }
        if nout == 1 {
            Ok(objs.pop().expect("one output"))
        } else {
            Ok(PyTuple::new(py, objs)?.into_any().unbind())
        }
    }
}

#[pymethods]
impl PyUfunc {
    #[pyo3(signature = (*args, **kwargs))]
    fn __call__(
        &self,
        py: Python<'_>,
        args: &Bound<'_, PyTuple>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        let items: SmallVec<[Bound<'_, PyAny>; 4]> = args.iter().collect();
        self.call(py, &items, kwargs)
    }

    #[pyo3(signature = (*args, **kwargs))]
    fn reduce(
        &self,
        py: Python<'_>,
        args: &Bound<'_, PyTuple>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        let r = crate::ufunc_methods::reduce(py, self.func, args, kwargs)?;
        method_result(py, args, kwargs, 4, r)
    }

    #[pyo3(signature = (*args, **kwargs))]
    fn accumulate(
        &self,
        py: Python<'_>,
        args: &Bound<'_, PyTuple>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        let r = crate::ufunc_methods::accumulate(py, self.func, args, kwargs)?;
        method_result(py, args, kwargs, 4, r)
    }

    #[pyo3(signature = (*args, **kwargs))]
    fn reduceat(
        &self,
        py: Python<'_>,
        args: &Bound<'_, PyTuple>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        crate::ufunc_methods::reduceat(py, self.func, args, kwargs)
    }

    #[pyo3(signature = (*args, **kwargs))]
    fn outer(
        &self,
        py: Python<'_>,
        args: &Bound<'_, PyTuple>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        let [a, b] = crate::ufunc_methods::outer_operands(py, self.func, args)?;
        let r = self.call(py, &[a.into_bound(py), b.into_bound(py)], kwargs)?;
        // The operands were made plain for the call; a subclass input wraps the result.
        let orig: SmallVec<[Bound<'_, PyAny>; 2]> = args.iter().take(2).collect();
        let out_kw = match kwargs {
            Some(k) => k.get_item("out")?.is_some_and(|o| !o.is_none()),
            None => false,
        };
        match crate::subclass::wrapping_input(&orig) {
            Some(w) if !out_kw => match r.bind(py).cast::<PyNdArray>() {
                Ok(x) => {
                    let arr = x.get().inner().clone();
                    let ctx = crate::subclass::context(py, self.func.name(), &orig)?;
                    crate::subclass::apply_wrap(py, w, arr, Some(ctx), false)
                }
                Err(_) => Ok(r),
            },
            _ => Ok(r),
        }
    }

    #[pyo3(signature = (a, indices, b=None, /))]
    fn at(
        &self,
        py: Python<'_>,
        a: &Bound<'_, PyAny>,
        indices: &Bound<'_, PyAny>,
        b: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        crate::ufunc_methods::at(py, self.func, a, indices, b)
    }

    #[getter]
    fn __name__(&self) -> &'static str {
        self.func.name()
    }

    #[getter]
    fn nin(&self) -> usize {
        self.func.nin()
    }

    #[getter]
    fn nout(&self) -> usize {
        self.func.nout()
    }

    #[getter]
    fn nargs(&self) -> usize {
        self.func.nin() + self.func.nout()
    }

    #[getter]
    fn ntypes(&self) -> usize {
        self.func.loop_types().len()
    }

    #[getter]
    fn types(&self) -> Vec<String> {
        self.func
            .loop_types()
            .iter()
            .map(|s| {
                let ins: String = s.ins[..s.nin].iter().map(|&d| code(d)).collect();
                let outs: String = s.outs[..s.nout].iter().map(|&d| code(d)).collect();
                format!("{ins}->{outs}")
            })
            .collect()
    }

    #[getter]
    fn signature(&self) -> Option<String> {
        None
    }

    #[getter]
    fn identity(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        match self.func {
            Func::Binary(op) => match op.identity() {
                Some(v) => crate::ndarray::wide_to_py(py, v, ferronum::DType::F64),
                None => Ok(py.None()),
            },
            _ => Ok(py.None()),
        }
    }

    fn __repr__(&self) -> String {
        format!("<ufunc '{}'>", self.func.name())
    }
}

/// `reduce`/`accumulate`'s result `r` when the array argument is a subclass instance and no
/// `out` was given (keyword, or positional at `out_pos`): through its `__array_wrap__`, a 0-d
/// result as a 0-d array of its type (NumPy's reductions of subclasses).
fn method_result(
    py: Python<'_>,
    args: &Bound<'_, PyTuple>,
    kwargs: Option<&Bound<'_, PyDict>>,
    out_pos: usize,
    r: Py<PyAny>,
) -> PyResult<Py<PyAny>> {
    let Ok(a) = args.get_item(0) else {
        return Ok(r);
    };
    if crate::subclass::is_plain(&a) {
        return Ok(r);
    }
    let out_kw = match kwargs {
        Some(k) => k.get_item("out")?.is_some_and(|o| !o.is_none()),
        None => false,
    };
    let out_pos = args.get_item(out_pos).is_ok_and(|o| !o.is_none());
    if out_kw || out_pos {
        return Ok(r);
    }
    let b = r.bind(py);
    let arr = match b.cast::<PyNdArray>() {
        Ok(x) => x.get().inner().clone(),
        Err(_) => to_array(b)?,
    };
    crate::subclass::apply_wrap(py, &a, arr, None, true)
}

/// Registers every ufunc under NumPy's names (aliases are the same object, as in NumPy).
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let add = |names: &[&'static str], func: Func| -> PyResult<Py<PyUfunc>> {
        let obj = Py::new(
            py,
            PyUfunc {
                vectorcall: Some(ufunc_vectorcall),
                func,
            },
        )?;
        for n in names {
            m.add(*n, obj.clone_ref(py))?;
        }
        Ok(obj)
    };
    use Func::{Binary as Bi, Unary as Un};
    let mut last = None;
    for (names, f) in [
        (&["add"][..], Bi(B::Add)),
        (&["subtract"], Bi(B::Subtract)),
        (&["multiply"], Bi(B::Multiply)),
        (&["divide", "true_divide"], Bi(B::TrueDivide)),
        (&["floor_divide"], Bi(B::FloorDivide)),
        (&["remainder", "mod"], Bi(B::Remainder)),
        (&["fmod"], Bi(B::Fmod)),
        (&["divmod"], Func::Divmod),
        (&["power", "pow"], Bi(B::Power)),
        (&["float_power"], Bi(B::FloatPower)),
        (&["negative"], Un(U::Negative)),
        (&["positive"], Un(U::Positive)),
        (&["absolute", "abs"], Un(U::Absolute)),
        (&["fabs"], Un(U::Fabs)),
        (&["sign"], Un(U::Sign)),
        (&["reciprocal"], Un(U::Reciprocal)),
        (&["square"], Un(U::Square)),
        (&["sqrt"], Un(U::Sqrt)),
        (&["cbrt"], Un(U::Cbrt)),
        (&["exp"], Un(U::Exp)),
        (&["exp2"], Un(U::Exp2)),
        (&["expm1"], Un(U::Expm1)),
        (&["log"], Un(U::Log)),
        (&["log2"], Un(U::Log2)),
        (&["log10"], Un(U::Log10)),
        (&["log1p"], Un(U::Log1p)),
        (&["logaddexp"], Bi(B::Logaddexp)),
        (&["logaddexp2"], Bi(B::Logaddexp2)),
        (&["sin"], Un(U::Sin)),
        (&["cos"], Un(U::Cos)),
        (&["tan"], Un(U::Tan)),
        (&["arcsin", "asin"], Un(U::Arcsin)),
        (&["arccos", "acos"], Un(U::Arccos)),
        (&["arctan", "atan"], Un(U::Arctan)),
        (&["arctan2", "atan2"], Bi(B::Arctan2)),
        (&["hypot"], Bi(B::Hypot)),
        (&["sinh"], Un(U::Sinh)),
        (&["cosh"], Un(U::Cosh)),
        (&["tanh"], Un(U::Tanh)),
        (&["arcsinh", "asinh"], Un(U::Arcsinh)),
        (&["arccosh", "acosh"], Un(U::Arccosh)),
        (&["arctanh", "atanh"], Un(U::Arctanh)),
        (&["deg2rad"], Un(U::Deg2rad)),
        (&["radians"], Un(U::Radians)),
        (&["rad2deg"], Un(U::Rad2deg)),
        (&["degrees"], Un(U::Degrees)),
        (&["floor"], Un(U::Floor)),
        (&["ceil"], Un(U::Ceil)),
        (&["trunc"], Un(U::Trunc)),
        (&["rint"], Un(U::Rint)),
        (&["equal"], Bi(B::Equal)),
        (&["not_equal"], Bi(B::NotEqual)),
        (&["less"], Bi(B::Less)),
        (&["less_equal"], Bi(B::LessEqual)),
        (&["greater"], Bi(B::Greater)),
        (&["greater_equal"], Bi(B::GreaterEqual)),
        (&["maximum"], Bi(B::Maximum)),
        (&["minimum"], Bi(B::Minimum)),
        (&["fmax"], Bi(B::Fmax)),
        (&["fmin"], Bi(B::Fmin)),
        (&["logical_and"], Bi(B::LogicalAnd)),
        (&["logical_or"], Bi(B::LogicalOr)),
        (&["logical_xor"], Bi(B::LogicalXor)),
        (&["logical_not"], Un(U::LogicalNot)),
        (&["bitwise_and"], Bi(B::BitwiseAnd)),
        (&["bitwise_or"], Bi(B::BitwiseOr)),
        (&["bitwise_xor"], Bi(B::BitwiseXor)),
        (&["invert", "bitwise_not", "bitwise_invert"], Un(U::Invert)),
        (&["left_shift", "bitwise_left_shift"], Bi(B::LeftShift)),
        (&["right_shift", "bitwise_right_shift"], Bi(B::RightShift)),
        (&["isnan"], Un(U::Isnan)),
        (&["isinf"], Un(U::Isinf)),
        (&["isfinite"], Un(U::Isfinite)),
        (&["signbit"], Un(U::Signbit)),
        (&["copysign"], Bi(B::Copysign)),
        (&["nextafter"], Bi(B::Nextafter)),
        (&["spacing"], Un(U::Spacing)),
        (&["ldexp"], Func::Ldexp),
        (&["frexp"], Func::Frexp),
        (&["modf"], Func::Modf),
        (&["conjugate", "conj"], Un(U::Conjugate)),
        (&["heaviside"], Bi(B::Heaviside)),
        (&["gcd"], Bi(B::Gcd)),
        (&["lcm"], Bi(B::Lcm)),
    ] {
        last = Some(add(names, f)?);
    }
    if let Some(obj) = &last {
        enable_vectorcall(py, obj);
    }
    m.add_class::<PyUfunc>()?;
    Ok(())
}
