//! The methods of ufunc objects: `reduce`, `accumulate`, `reduceat`, `outer` and `at`. Each
//! parses NumPy's signature and makes one engine call (`ferronum::ops::ufunc::{methods, at}`);
//! `outer` is the ufunc's own call on the first input with the second's dimensions appended.

use crate::common::{axes_of, deliver, out_arg, wrap, AxisForm, PyNdArray};
use crate::convert::{python_scalar, to_array};
use crate::dtypes;
use crate::errors::{guard, guard_nogil};
use ferronum::ops::reduce_args::{Initial, ReduceArgs, Where};
use ferronum::ops::ufunc::{at, methods, Func, Operand};
use ferronum::{Array, DType, Scalar};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

/// The arguments of a method with parameters `names` (positional or keyword, in order), each
/// `Some` where given (`None` given stays `Some(None)`).
fn params<'py>(
    method: &str,
    names: &[&str],
    args: &Bound<'py, PyTuple>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Vec<Option<Bound<'py, PyAny>>>> {
    if args.len() > names.len() {
        return Err(PyTypeError::new_err(format!(
            "{method}() takes at most {} arguments ({} given)",
            names.len(),
            args.len()
        )));
    }
    let mut out: Vec<Option<Bound<'py, PyAny>>> = args.iter().map(Some).collect();
    out.resize(names.len(), None);
    if let Some(kw) = kwargs {
        for (k, v) in kw.iter() {
            let key: String = k.extract()?;
            let Some(i) = names.iter().position(|n| *n == key) else {
                return Err(PyTypeError::new_err(format!(
                    "{method}() got an unexpected keyword argument '{key}'"
                )));
            };
            if out[i].is_some() {
                return Err(PyTypeError::new_err(format!(
                    "argument for {method}() given by name ('{key}') and position ({})",
                    i + 1
                )));
            }
            out[i] = Some(v);
        }
    }
    Ok(out)
}

/// A value the engine takes as a weak Python scalar or as an array (`initial=`, `where=`).
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

/// `axis=` of `reduce`: not given is 0 (NumPy's default), None every axis; and whether it was
/// one integer.
fn reduce_axes(axis: Option<&Bound<'_, PyAny>>) -> PyResult<(Option<Vec<isize>>, bool)> {
    match axis {
        None => Ok((Some(vec![0]), true)),
        Some(a) => Ok((
            axes_of(Some(a), AxisForm::Tuple)?,
            !a.is_none() && !a.is_instance_of::<PyTuple>(),
        )),
    }
}

fn single_axis(axis: Option<&Bound<'_, PyAny>>) -> PyResult<Option<isize>> {
    match axis {
        None => Ok(Some(0)),
        Some(a) if a.is_none() => Ok(None),
        Some(a) => match axes_of(Some(a), AxisForm::Tuple)? {
            Some(v) if v.len() == 1 => Ok(Some(v[0])),
            Some(_) => Err(PyValueError::new_err(
                "accumulate does not allow multiple axes",
            )),
            None => Ok(None),
        },
    }
}

pub fn reduce(
    py: Python<'_>,
    f: Func,
    args: &Bound<'_, PyTuple>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let names = [
        "array", "axis", "dtype", "out", "keepdims", "initial", "where",
    ];
    let p = params("reduce", &names, args, kwargs)?;
    let Some(a) = &p[0] else {
        return Err(PyTypeError::new_err(
            "reduce() missing required argument 'array' (pos 1)",
        ));
    };
    let x = to_array(a)?;
    let (axes, int_axis) = reduce_axes(p[1].as_ref())?;
    let dtype = dtypes::parse(p[2].as_ref())?;
    let out = out_arg(p[3].as_ref())?;
    let keepdims = match &p[4] {
        Some(k) => k.is_truthy()?,
        None => false,
    };
    // NumPy's `initial=None` means none (the identity is not used then either).
    let initial = p[5]
        .as_ref()
        .filter(|v| !v.is_none())
        .map(Value::of)
        .transpose()?;
    let where_ = p[6].as_ref().map(Value::of).transpose()?;
    let ra = ReduceArgs {
        axes: axes.as_deref(),
        int_axis,
        dtype,
        out: out.as_ref().map(|(o, _)| o),
        keepdims,
        initial: initial.as_ref().map(|v| match v {
            Value::Scalar(s) => Initial::Weak(*s),
            Value::Array(a) => Initial::Strong(a),
        }),
        where_: where_.as_ref().map(|v| match v {
            Value::Scalar(s) => Where::Scalar(*s),
            Value::Array(a) => Where::Array(a),
        }),
    };
    let r = guard_nogil(py, x.size(), || methods::reduce(f, &x, &ra))?;
    deliver(py, r, out.map(|(_, o)| o), false)
}

pub fn accumulate(
    py: Python<'_>,
    f: Func,
    args: &Bound<'_, PyTuple>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let p = params(
        "accumulate",
        &["array", "axis", "dtype", "out"],
        args,
        kwargs,
    )?;
    let Some(a) = &p[0] else {
        return Err(PyTypeError::new_err(
            "accumulate() missing required argument 'array' (pos 1)",
        ));
    };
    let x = to_array(a)?;
    let axis = single_axis(p[1].as_ref())?;
    let dtype = dtypes::parse(p[2].as_ref())?;
    let out = out_arg(p[3].as_ref())?;
    let r = guard_nogil(py, x.size(), || {
        methods::accumulate(f, &x, axis, dtype, out.as_ref().map(|(o, _)| o))
    })?;
    deliver(py, r, out.map(|(_, o)| o), true)
}

pub fn reduceat(
    py: Python<'_>,
    f: Func,
    args: &Bound<'_, PyTuple>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let names = ["array", "indices", "axis", "dtype", "out"];
    let p = params("reduceat", &names, args, kwargs)?;
    let (Some(a), Some(ind)) = (&p[0], &p[1]) else {
        return Err(PyTypeError::new_err(
            "reduceat() missing required argument 'indices' (pos 2)",
        ));
    };
    let x = to_array(a)?;
    let idx = to_array(ind)?;
    if !idx.dtype().is_integer() && idx.size() > 0 {
        return Err(PyTypeError::new_err(format!(
            "Cannot cast array data from dtype('{}') to dtype('int64') according to the rule 'safe'",
            idx.dtype()
        )));
    }
    if idx.ndim() > 1 {
        return Err(PyValueError::new_err("object too deep for desired array"));
    }
    let indices = guard(py, || idx.astype(DType::I64))?.to_vec::<i64>();
    let axis = match &p[2] {
        None => 0,
        Some(a) if a.is_none() => 0,
        Some(a) => a.extract::<isize>()?,
    };
    let dtype = dtypes::parse(p[3].as_ref())?;
    let out = out_arg(p[4].as_ref())?;
    let r = guard_nogil(py, x.size(), || {
        methods::reduceat(f, &x, &indices, axis, dtype, out.as_ref().map(|(o, _)| o))
    })?;
    deliver(py, r, out.map(|(_, o)| o), true)
}

/// `outer(A, B, **kwargs)`: both as arrays, `A` reshaped to `A.shape + (1,) * B.ndim`.
pub fn outer_operands(
    py: Python<'_>,
    f: Func,
    args: &Bound<'_, PyTuple>,
) -> PyResult<[Py<PyAny>; 2]> {
    if f.nin() != 2 {
        return Err(PyValueError::new_err(
            "outer product only supported for binary functions",
        ));
    }
    if args.len() != 2 {
        return Err(PyTypeError::new_err(format!(
            "outer() takes exactly two positional arguments ({} given)",
            args.len()
        )));
    }
    let a = to_array(&args.get_item(0)?)?;
    let b = to_array(&args.get_item(1)?)?;
    let mut shape: Vec<isize> = a.shape().iter().map(|&d| d as isize).collect();
    shape.extend(std::iter::repeat_n(1, b.ndim()));
    let a2 = guard(py, || a.reshape(&shape))?;
    Ok([wrap(py, a2)?, wrap(py, b)?])
}

/// `at(a, indices, b=None)`.
pub fn at(
    py: Python<'_>,
    f: Func,
    a: &Bound<'_, PyAny>,
    indices: &Bound<'_, PyAny>,
    b: Option<&Bound<'_, PyAny>>,
) -> PyResult<()> {
    if f.nout() != 1 {
        return Err(PyValueError::new_err(
            "Only single output ufuncs supported at this time",
        ));
    }
    let b = b.filter(|b| !b.is_none());
    match (f.nin(), b.is_some()) {
        (2, false) => {
            return Err(PyValueError::new_err("second operand needed for ufunc"));
        }
        (1, true) => {
            return Err(PyValueError::new_err(
                "second operand provided when ufunc is unary",
            ));
        }
        _ => {}
    }
    let Ok(arr) = a.cast::<PyNdArray>() else {
        return Err(PyTypeError::new_err("first operand must be array"));
    };
    let target = arr.get().inner().clone();
    let bv = b.map(to_array).transpose()?;
    guard(py, || {
        at::check_loop(f, target.dtype(), bv.as_ref().map(|b| b.dtype()))
    })?;
    if let Some(idx) = integer_index_1d(&target, indices) {
        if let Some(bv) = &bv {
            if bv.broadcast_to(idx.shape()).is_err() {
                // An index out of range is reported first, as NumPy does.
                guard(py, || at::positions_1d(&idx, target.size()))?;
                return Err(PyValueError::new_err(
                    "array is not broadcastable to correct shape",
                ));
            }
        }
        return guard_nogil(py, idx.size(), || {
            at::at_1d(f, &target, &idx, bv.as_ref().map(Operand::Array))
        });
    }
    let pos = positions(py, &target, indices)?;
    if let Some(bv) = &bv {
        if bv.broadcast_to(pos.shape()).is_err() {
            return Err(PyValueError::new_err(
                "array is not broadcastable to correct shape",
            ));
        }
    }
    let work = pos.size();
    guard_nogil(py, work, || {
        at::at(f, &target, &pos, bv.as_ref().map(Operand::Array))
    })
}

/// An integer index array into a 1-d target: the case `at` takes without building positions.
fn integer_index_1d(target: &Array, indices: &Bound<'_, PyAny>) -> Option<Array> {
    let simple = target.ndim() == 1
        && !indices.is_instance_of::<PyTuple>()
        && !indices.is_instance_of::<pyo3::types::PySlice>()
        && !indices.is_none()
        && !indices.is_instance_of::<pyo3::types::PyBool>();
    if !simple {
        return None;
    }
    to_array(indices).ok().filter(|i| i.dtype().is_integer())
}

/// The flat positions `indices` selects in `target`, in the selection's shape, by indexing an
/// array of positions with it (NumPy's own indexing, its errors included).
fn positions(py: Python<'_>, target: &Array, indices: &Bound<'_, PyAny>) -> PyResult<Array> {
    let size = target.size();
    let shape: Vec<isize> = target.shape().iter().map(|&d| d as isize).collect();
    let iota = guard(py, || {
        Array::from_vec((0..size as i64).collect::<Vec<i64>>(), &[size])?.reshape(&shape)
    })?;
    let obj = wrap(py, iota)?;
    let sel = obj.bind(py).get_item(indices)?;
    to_array(&sel)
}
