//! The element-wise operations: one table of operations (`types`), one type resolver (NumPy's
//! "first loop every input casts to safely", with NEP 50 weak Python scalars), one executor
//! (`call`) for `out=`, `where=`, `dtype=` and `casting=`, and typed loops (`loops`).

pub mod at;
mod loops;
pub mod methods;
mod types;

pub use types::{BinaryOp, Casting, Func, Signature, UnaryOp};

use crate::array::{Array, Order};
use crate::dispatch;
use crate::dtype::{DType, Scalar};
use crate::error::{Error, Result};
use crate::iter::Plan;
use crate::kernels::fpstatus;
use crate::kernels::scalar::Num;
use crate::layout::{broadcast_shapes, shape_str};
use crate::warn;
use smallvec::SmallVec;
use std::borrow::Cow;

/// An operand: an array, or a Python scalar (weak under NEP 50).
#[derive(Clone, Copy)]
pub enum Operand<'a> {
    Array(&'a Array),
    Scalar(Scalar),
}

impl<'a> From<&'a Array> for Operand<'a> {
    fn from(a: &'a Array) -> Self {
        Operand::Array(a)
    }
}

/// The keywords of a ufunc call besides `out=`.
#[derive(Clone, Copy, Default)]
pub struct Opts<'a> {
    /// `where=`: a boolean array; only its true positions are computed and written.
    pub where_: Option<&'a Array>,
    /// `dtype=`: the output type, which picks the loop.
    pub dtype: Option<DType>,
    pub casting: Casting,
}

/// The results of a call: one array per output.
pub type Outputs = SmallVec<[Array; 2]>;

/// The dtype an operand presents to the resolver: its own, or for a weak scalar the one NEP 50
/// gives it next to the other operands.
fn operand_dtype(op: &Operand, others: &[Operand]) -> DType {
    match op {
        Operand::Array(a) => a.dtype(),
        // A Python bool is NumPy's bool, not a weak scalar.
        Operand::Scalar(Scalar::Bool(_)) => DType::Bool,
        Operand::Scalar(s) => {
            let strong = others.iter().find_map(|o| match o {
                Operand::Array(a) => Some(a.dtype()),
                Operand::Scalar(_) => None,
            });
            match strong {
                Some(d) => s.weak_dtype(d),
                None => {
                    // Only Python scalars: NumPy promotes their kinds (int with float gives
                    // float64, anything with complex gives complex128).
                    let kind = others.iter().fold(s.kind(), |k, o| match o {
                        Operand::Scalar(t) => k.max(t.kind()),
                        Operand::Array(_) => k,
                    });
                    match kind {
                        k if k == s.kind() => s.default_dtype(),
                        crate::dtype::Kind::Float => DType::F64,
                        crate::dtype::Kind::Complex => DType::C128,
                        _ => s.default_dtype(),
                    }
                }
            }
        }
    }
}

/// An operand as an array of the loop type (a 0-d array for a scalar), borrowed when it
/// already is one.
fn operand_as<'a>(op: &Operand<'a>, t: DType) -> Result<Cow<'a, Array>> {
    match *op {
        Operand::Array(a) if a.dtype() == t => Ok(Cow::Borrowed(a)),
        Operand::Array(a) => Ok(Cow::Owned(a.astype(t)?)),
        Operand::Scalar(s) => {
            let a = Array::from_scalar(s.to_wide(), t)?;
            // NumPy casts a Python number too large for the type with a warning.
            if t.is_inexact() && s.to_wide().to_f64().is_finite() && !a.item()?.to_f64().is_finite()
            {
                warn::fp_error(fpstatus::OVERFLOW, "cast");
            }
            Ok(Cow::Owned(a))
        }
    }
}

/// `a` viewed with `shape`, borrowed when it already has it.
fn broadcast<'a>(a: &'a Array, shape: &[usize]) -> Result<Cow<'a, Array>> {
    if a.shape() == shape {
        Ok(Cow::Borrowed(a))
    } else {
        Ok(Cow::Owned(a.broadcast_to(shape)?))
    }
}

/// The memory order NumPy's `order='K'` gives a new result: Fortran when every array input of
/// more than one dimension is Fortran-contiguous and not C-contiguous, else C.
fn result_order(ops: &[Operand]) -> Order {
    let mut any = false;
    for o in ops {
        if let Operand::Array(a) = o {
            if a.ndim() > 1 {
                if !a.is_f_contiguous() || a.is_c_contiguous() {
                    return Order::C;
                }
                any = true;
            }
        }
    }
    if any {
        Order::F
    } else {
        Order::C
    }
}

fn shape_of<'a>(op: &'a Operand) -> &'a [usize] {
    match op {
        Operand::Array(a) => a.shape(),
        Operand::Scalar(_) => &[],
    }
}

fn non_broadcastable(out: &[usize], shape: &[usize]) -> Error {
    Error::value(format!(
        "non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
        shape_str(out),
        shape_str(shape)
    ))
}

/// Checks a caller's `out=` array against the result's dtype under `casting`.
fn check_out_cast(out: &Array, name: &str, dtype: DType, casting: Casting) -> Result<()> {
    if !casting.allows(dtype, out.dtype()) {
        return Err(Error::type_(format!(
            "Cannot cast ufunc '{name}' output from dtype('{dtype}') to dtype('{}') with casting rule '{}'",
            out.dtype(),
            casting.name()
        )));
    }
    Ok(())
}

/// A Python int out of range of the array's integer dtype: NumPy 2 raises, except that a
/// comparison has a known answer for every element.
fn out_of_range_comparison(op: BinaryOp, a: &Operand, b: &Operand) -> Result<Option<bool>> {
    if let (Operand::Scalar(Scalar::Int(x)), Operand::Scalar(Scalar::Int(y))) = (a, b) {
        // Two Python ints, one beyond int64: NumPy compares them exactly.
        if op.is_comparison() && (c_long(*x).is_err() || c_long(*y).is_err()) {
            return Ok(Some(match op {
                BinaryOp::Equal => x == y,
                BinaryOp::NotEqual => x != y,
                BinaryOp::Less => x < y,
                BinaryOp::LessEqual => x <= y,
                BinaryOp::Greater => x > y,
                _ => x >= y,
            }));
        }
    }
    let (arr, s, scalar_right) = match (a, b) {
        (Operand::Array(x), Operand::Scalar(s)) => (x, s, true),
        (Operand::Scalar(s), Operand::Array(x)) => (x, s, false),
        _ => return Ok(None),
    };
    let dt = s.weak_dtype(arr.dtype());
    if !dt.is_integer() || s.check_fits(dt).is_ok() {
        return Ok(None);
    }
    if !op.is_comparison() {
        return Ok(None);
    }
    let Scalar::Int(v) = s else { return Ok(None) };
    if arr.dtype() == DType::Bool {
        // NumPy converts the int for a bool array through a C long.
        c_long(*v)?;
    }
    // Every element is below a too-large scalar and above a too-small one.
    let elem_below = *v > 0;
    let answer = match (op, scalar_right == elem_below) {
        (BinaryOp::Equal, _) => false,
        (BinaryOp::NotEqual, _) => true,
        (BinaryOp::Less | BinaryOp::LessEqual, x) => x,
        (BinaryOp::Greater | BinaryOp::GreaterEqual, x) => !x,
        _ => return Ok(None),
    };
    Ok(Some(answer))
}

/// A Python int where NumPy takes a C long: beyond int64 it is NumPy's OverflowError.
fn c_long(v: i128) -> Result<i64> {
    i64::try_from(v)
        .map_err(|_| Error::Overflow("Python int too large to convert to C long".into()))
}

fn any_negative(y: &Array) -> bool {
    dispatch!(y.dtype(), T => {
        let v = y.to_vec::<T>();
        v.iter().any(|x| Num::is_negative_int(*x))
    })
}

/// Calls ufunc `f` on `inputs` with NumPy's `out=` (one slot per output), `where=`, `dtype=`
/// and `casting=`. Returns the outputs: the `out=` arrays themselves where given.
pub fn call(f: Func, inputs: &[Operand], outs: &[Option<&Array>], opts: &Opts) -> Result<Outputs> {
    if outs.len() <= 1
        && opts.where_.is_none()
        && opts.dtype.is_none()
        && !matches!(opts.casting, Casting::No | Casting::Equiv)
    {
        if let Some(r) = fast(f, inputs, outs.first().copied().flatten(), false) {
            return r.map(|a| SmallVec::from_elem(a, 1));
        }
    }
    general(f, inputs, outs, opts)
}

/// NumPy's error for gcd/lcm without a loop: it names each operand's DType class.
fn no_matching_loop(name: &str, inputs: &[Operand]) -> Error {
    let class = |o: &Operand| match o {
        Operand::Scalar(Scalar::Int(_)) => "_PyLongDType".to_string(),
        Operand::Scalar(Scalar::Float(_)) => "_PyFloatDType".to_string(),
        Operand::Scalar(Scalar::Complex(..)) => "_PyComplexDType".to_string(),
        Operand::Scalar(Scalar::Bool(_)) => "BoolDType".to_string(),
        Operand::Array(a) => {
            // NumPy's class names capitalise the type name: Int8DType, UInt64DType.
            let n = a.dtype().name();
            let n = n.strip_prefix("uint").map_or_else(
                || n[..1].to_uppercase() + &n[1..],
                |bits| format!("UInt{bits}"),
            );
            format!("{n}DType")
        }
    };
    let types: Vec<String> = inputs
        .iter()
        .map(|o| format!("<class 'numpy.dtypes.{}'>", class(o)))
        .collect();
    Error::type_(format!(
        "ufunc '{name}' did not contain a loop with signature matching types ({}) -> None",
        types.join(", ")
    ))
}

/// A Python int, float or complex operand (a bool is its own truth).
fn python_number(o: &Operand) -> bool {
    matches!(o, Operand::Scalar(s) if !matches!(s, Scalar::Bool(_)))
}

/// `call` past the fast path: every keyword, layout and type combination.
fn general(f: Func, inputs: &[Operand], outs: &[Option<&Array>], opts: &Opts) -> Result<Outputs> {
    let name = f.name();
    if inputs.len() != f.nin() {
        return Err(Error::type_(format!(
            "{name}() takes from {} to {} positional arguments but {} were given",
            f.nin(),
            f.nin() + f.nout(),
            inputs.len()
        )));
    }
    // NumPy's order of complaints: a read-only `out`; the loop; the Python numbers (under
    // 'equiv', out of range); the inputs' casts; the outputs' casts; only then the shapes.
    for o in outs.iter().flatten() {
        o.check_writeable_as("output array is read-only")?;
    }
    // A logical ufunc uses only the truth of a Python number, so an int out of the array's
    // range is no error (`logical_or(uint8_array, -1)`; NumPy takes it as a C long, and one
    // beyond int64 is an error) and a float too large for it is no overflow.
    if let Func::Binary(op) = f {
        if op.is_logical() && inputs.iter().any(python_number) {
            let truths = inputs
                .iter()
                .map(|o| match *o {
                    Operand::Scalar(Scalar::Int(v)) => {
                        c_long(v).map(|v| Operand::Scalar(Scalar::Bool(v != 0)))
                    }
                    Operand::Scalar(s) => Ok(Operand::Scalar(Scalar::Bool(s.is_true()))),
                    o => Ok(o),
                })
                .collect::<Result<SmallVec<[Operand; 2]>>>()?;
            return general(f, &truths, outs, opts);
        }
    }
    let dts: SmallVec<[DType; 2]> = (0..inputs.len())
        .map(|i| match (f, &inputs[i]) {
            // An exponent given as a Python int is a C long.
            (Func::Ldexp, Operand::Scalar(s)) if i == 1 => match s {
                Scalar::Bool(_) => DType::Bool,
                Scalar::Int(_) => DType::I64,
                _ => s.default_dtype(),
            },
            // A Python int mantissa takes the first loop, float16's, when the exponent is an
            // integer array (NumPy's choice; a bool or Python exponent gives float64).
            (Func::Ldexp, Operand::Scalar(Scalar::Int(_))) => match inputs[1] {
                Operand::Array(e) if e.dtype() != DType::Bool => DType::F16,
                _ => DType::F64,
            },
            (_, op) => {
                let others: SmallVec<[Operand; 2]> = inputs
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .map(|(_, o)| *o)
                    .collect();
                operand_dtype(op, &others)
            }
        })
        .collect();
    // Two Python ints are C longs where NumPy's loop for them is an integer one (not for
    // `logaddexp`, and comparisons compare them exactly).
    if let [Operand::Scalar(Scalar::Int(x)), Operand::Scalar(Scalar::Int(y))] = inputs {
        let compared = matches!(f, Func::Binary(op) if op.is_comparison());
        let int_loop = f
            .resolve(&[DType::I64; 2], &[true; 2], None, Casting::Unsafe)
            .is_ok_and(|s| s.ins[0].is_integer());
        if int_loop && !compared {
            c_long(*x)?;
            c_long(*y)?;
        }
    }
    // A Python bool is a strong bool operand; a Python int, float or complex is weak.
    let weak: SmallVec<[bool; 2]> = inputs.iter().map(python_number).collect();
    if let Func::Binary(op @ (BinaryOp::Gcd | BinaryOp::Lcm)) = f {
        if opts.dtype.is_none() && op.resolve(dts[0], dts[1]).is_err() {
            return Err(no_matching_loop(name, inputs));
        }
    }
    let sig = f.resolve(&dts, &weak, opts.dtype, opts.casting)?;
    // NumPy's check of a Python number under casting='equiv': only its own default type (int64,
    // float64, complex128) is equivalent. Under 'no' it checks none, under 'safe' and
    // 'same_kind' the number's value decides.
    // NumPy compares a Python int with an integer array by value, with no cast to check.
    let int_comparison = |s: &Scalar, t: DType| {
        matches!(s, Scalar::Int(_))
            && t.is_integer()
            && matches!(f, Func::Binary(op) if op.is_comparison())
    };
    if opts.casting == Casting::Equiv && !matches!(f, Func::Binary(op) if op.is_logical()) {
        for (i, o) in inputs.iter().enumerate() {
            if let Operand::Scalar(s @ (Scalar::Int(_) | Scalar::Float(_) | Scalar::Complex(..))) =
                o
            {
                if s.default_dtype() != sig.ins[i] && !int_comparison(s, sig.ins[i]) {
                    let kind = match s {
                        Scalar::Int(_) => "int",
                        Scalar::Float(_) => "float",
                        _ => "complex",
                    };
                    return Err(Error::type_(format!(
                        "cannot cast Python {kind} to {} under the casting rule 'equiv'",
                        sig.ins[i]
                    )));
                }
            }
        }
    }
    // A Python int exponent of ldexp may take the int32 loop; it must fit int32 then.
    if let (Func::Ldexp, Some(Operand::Scalar(s @ Scalar::Int(_)))) = (f, inputs.get(1)) {
        s.check_fits(sig.ins[1])?;
    }
    let answer = match (f, inputs) {
        (Func::Binary(op), [a, b]) => out_of_range_comparison(op, a, b)?,
        _ => None,
    };
    if answer.is_none() {
        // A Python int must fit the integer type it computes in (NumPy 2 raises, not wraps):
        // the loop's, which `dtype=` may make wider than the array's.
        for (i, op) in inputs.iter().enumerate() {
            if let Operand::Scalar(s) = op {
                if dts[i].is_integer() && sig.ins[i].is_integer() {
                    s.check_fits(sig.ins[i])?;
                }
            }
        }
    }
    f.check_input_casts(&sig, &dts, &weak, opts.casting)?;
    for (k, o) in outs.iter().enumerate().take(sig.nout) {
        if let Some(o) = o {
            check_out_cast(o, name, sig.outs[k], opts.casting)?;
        }
    }
    // The shape: inputs and `where` broadcast together; outputs may be larger (the inputs then
    // broadcast up to them) but never smaller.
    let mut shapes: SmallVec<[&[usize]; 4]> = inputs.iter().map(shape_of).collect();
    if let Some(w) = opts.where_ {
        shapes.push(w.shape());
    }
    // Shapes that do not broadcast at all: NumPy lists every operand (inputs, outputs, where).
    let incompatible = || {
        let mut all: SmallVec<[&[usize]; 6]> = inputs.iter().map(shape_of).collect();
        all.extend(outs.iter().flatten().map(|o| o.shape()));
        all.extend(opts.where_.map(|w| w.shape()));
        broadcast_shapes(&all).err()
    };
    let in_shape = match broadcast_shapes(&shapes) {
        Ok(s) => s,
        Err(e) => return Err(incompatible().unwrap_or(e)),
    };
    let mut shape = in_shape.clone();
    for o in outs.iter().flatten() {
        let s = broadcast_shapes(&[&shape, o.shape()]).map_err(|_| {
            incompatible().unwrap_or_else(|| non_broadcastable(o.shape(), &in_shape))
        })?;
        if s.as_slice() != o.shape() {
            return Err(non_broadcastable(o.shape(), &in_shape));
        }
        shape = s;
    }
    if let Some(answer) = answer {
        let res = Array::full(&shape, crate::dtype::Wide::Bool(answer), DType::Bool)?;
        if let Some(o) = outs.first().copied().flatten() {
            o.assign(&res)?;
            return Ok(SmallVec::from_elem(o.clone(), 1));
        }
        return Ok(SmallVec::from_elem(res, 1));
    }
    let xs: SmallVec<[Cow<Array>; 2]> = (0..sig.nin)
        .map(|i| operand_as(&inputs[i], sig.ins[i]))
        .collect::<Result<_>>()?;
    // NumPy's loop checks the exponents it uses: an empty result uses none.
    if matches!(f, Func::Binary(BinaryOp::Power))
        && sig.ins[1].is_integer()
        && !shape.contains(&0)
        && any_negative(&xs[1])
    {
        return Err(Error::value(
            "Integers to negative integer powers are not allowed.",
        ));
    }
    let order = result_order(inputs);
    if opts.where_.is_some() {
        // With `where=`, NumPy reads `out` back into the loop's type for the elements it
        // keeps, a cast that drops a complex `out`'s imaginary part.
        for (k, o) in outs.iter().enumerate().take(sig.nout) {
            if let Some(o) = o {
                crate::warn::complex_cast(o.dtype(), sig.outs[k]);
            }
        }
    }
    let results = match opts.where_ {
        Some(w) => call_where(f, &sig, &xs, outs, w, &shape, order)?,
        None => call_dense(f, &sig, &xs, outs, &shape, order)?,
    };
    Ok(results)
}

/// The most common call, without the general path's bookkeeping: one or two inputs, every
/// array input C-contiguous with one shape, Python scalars that fit their NEP 50 type, a new
/// output or an `out` written directly. An array of another type than the loop's is cast
/// first, into the new output itself when that has the loop's type (so `int_array * 2.0`
/// allocates once). `reuse_first`: the first input is a temporary with no other handle, whose
/// buffer takes the result when it has the result's type. `None` when the call is not of that
/// shape.
fn fast<'a>(
    f: Func,
    inputs: &[Operand<'a>],
    out: Option<&Array>,
    reuse_first: bool,
) -> Option<Result<Array>> {
    let mut first: Option<&'a Array> = None;
    for op in inputs {
        if let Operand::Array(a) = *op {
            match first {
                None => first = Some(a),
                Some(b) if a.shape() != b.shape() => return None,
                Some(_) => {}
            }
            if !a.is_c_contiguous() {
                return None;
            }
        }
    }
    let a = first?;
    let (t, out_t) = match (f, inputs) {
        (Func::Unary(op), [_]) => {
            let t = op.resolve(a.dtype()).ok()?;
            (t, op.output_dtype(t))
        }
        (Func::Binary(op), [x, y]) => {
            let (dx, dy) = (operand_dtype(x, &[*y]), operand_dtype(y, &[*x]));
            let t = op.resolve(dx, dy).ok()?;
            if (op == BinaryOp::Power && t.is_integer())
                || (op.is_logical() && (python_number(x) || python_number(y)))
            {
                return None;
            }
            (t, op.output_dtype(t))
        }
        _ => return None,
    };
    for op in inputs {
        if let Operand::Scalar(s) = op {
            let d = s.weak_dtype(a.dtype());
            if d.is_integer() && s.check_fits(d).is_err() {
                return None;
            }
        }
    }
    let reused = match (reuse_first, inputs[0]) {
        (true, Operand::Array(x)) if out.is_none() && x.dtype() == out_t && x.is_writeable() => {
            Some(x)
        }
        _ => None,
    };
    // An `out` that needs no cast and that no input overlaps other than exactly (in-place
    // `a += b`, a reused temporary) is written directly; anything else is the general path's.
    if let Some(o) = out.or(reused) {
        let exact_or_apart = |op: &Operand| match *op {
            Operand::Array(x) => {
                !o.may_share_memory(x) || (x.layout() == o.layout() && x.dtype() == o.dtype())
            }
            Operand::Scalar(_) => true,
        };
        if o.dtype() != out_t
            || o.shape() != a.shape()
            || !o.is_writeable()
            || !o.is_c_contiguous()
            || !inputs.iter().all(exact_or_apart)
        {
            return None;
        }
    }
    Some((|| {
        let (out, fresh) = match out.or(reused) {
            Some(o) => (o.clone(), false),
            None => (Array::uninit(a.shape(), out_t)?, true),
        };
        // The new output takes the first cast when it has the loop's type; the loop then runs
        // in place over it.
        let mut spare = fresh && out_t == t;
        let mut as_array = |op: &Operand<'a>| -> Result<Cow<'a, Array>> {
            match *op {
                Operand::Array(x) if x.dtype() == t => Ok(Cow::Borrowed(x)),
                Operand::Array(x) if spare => {
                    spare = false;
                    out.assign_cast(x, "cast")?;
                    Ok(Cow::Owned(out.clone()))
                }
                Operand::Array(x) => Ok(Cow::Owned(x.astype(t)?)),
                Operand::Scalar(_) => Ok(Cow::Owned(operand_as(op, t)?.broadcast_to(a.shape())?)),
            }
        };
        let ((), flags) = match f {
            Func::Unary(op) => {
                let x = as_array(&inputs[0])?;
                fpstatus::collect(|| loops::run_unary(op, t, &out, &x))
            }
            Func::Binary(op) => {
                let (x, y) = (as_array(&inputs[0])?, as_array(&inputs[1])?);
                fpstatus::collect(|| loops::run_binary(op, t, &out, &x, &y))
            }
            _ => unreachable!("checked above"),
        };
        warn::fp_error(flags & !quiet_flags(f, t), f.name());
        Ok(out)
    })())
}

/// Every position: into `out` directly when it has the output type and no input overlaps it
/// in a way an element-by-element loop could trip over (an identical view is fine); else into
/// a new array, cast-assigned to `out` afterwards (NumPy's "as if the inputs were copied").
fn call_dense(
    f: Func,
    sig: &Signature,
    xs: &[Cow<Array>],
    outs: &[Option<&Array>],
    shape: &[usize],
    order: Order,
) -> Result<Outputs> {
    let bx: SmallVec<[Cow<Array>; 2]> = xs
        .iter()
        .map(|x| broadcast(x, shape))
        .collect::<Result<_>>()?;
    let mut results = Outputs::new();
    let mut direct = [false; 2];
    for (k, is_direct) in direct.iter_mut().enumerate().take(sig.nout) {
        let given = outs.get(k).copied().flatten();
        match given {
            Some(o)
                if o.dtype() == sig.outs[k]
                    && xs
                        .iter()
                        .all(|x| !o.may_share_memory(x) || x.layout() == o.layout()) =>
            {
                *is_direct = true;
                results.push(o.clone());
            }
            _ => results.push(Array::uninit_order(shape, sig.outs[k], order)?),
        }
    }
    let ins: SmallVec<[&Array; 2]> = bx.iter().map(|x| &**x).collect();
    run_kernel(f, sig, &results, &ins);
    for k in 0..sig.nout {
        if let (false, Some(o)) = (direct[k], outs.get(k).copied().flatten()) {
            // NumPy casts inside its loop: the cast's flags carry the ufunc's name.
            warn::complex_cast(sig.outs[k], o.dtype());
            o.assign_cast(&results[k], f.name())?;
            results[k] = o.clone();
        }
    }
    Ok(results)
}

/// `where=`: the selected positions of the inputs are gathered, computed as one run, and
/// scattered into the outputs, so unselected positions are neither computed (no warnings from
/// them) nor written. Without `out=` those positions are left uninitialised, as in NumPy.
fn call_where(
    f: Func,
    sig: &Signature,
    xs: &[Cow<Array>],
    outs: &[Option<&Array>],
    w: &Array,
    shape: &[usize],
    order: Order,
) -> Result<Outputs> {
    if w.dtype() != DType::Bool {
        return Err(Error::type_(format!(
            "Cannot cast array data from dtype('{}') to dtype('bool') according to the rule 'safe'",
            w.dtype()
        )));
    }
    let wb = w.broadcast_to(shape)?;
    let gathered: SmallVec<[Array; 2]> = xs
        .iter()
        .map(|x| gather(&x.broadcast_to(shape)?, &wb))
        .collect::<Result<_>>()?;
    let n = gathered.first().map_or(0, |g| g.size());
    let tmp: Outputs = sig.outs[..sig.nout]
        .iter()
        .map(|&d| Array::uninit(&[n], d))
        .collect::<Result<_>>()?;
    let ins: SmallVec<[&Array; 2]> = gathered.iter().collect();
    run_kernel(f, sig, &tmp, &ins);
    let mut results = Outputs::new();
    for (k, vals) in tmp.iter().enumerate() {
        let target = match outs.get(k).copied().flatten() {
            Some(o) => o.clone(),
            None => Array::uninit_order(shape, sig.outs[k], order)?,
        };
        let vals = if vals.dtype() == target.dtype() {
            vals.clone()
        } else {
            let cast = Array::uninit(vals.shape(), target.dtype())?;
            warn::complex_cast(vals.dtype(), target.dtype());
            cast.assign_cast(vals, f.name())?;
            cast
        };
        scatter(&target, &wb, &vals);
        results.push(target);
    }
    Ok(results)
}

/// Runs the loop and records the floating-point errors it raised for the bindings.
fn run_kernel(f: Func, sig: &Signature, outs: &[Array], ins: &[&Array]) {
    let t = sig.ins[0];
    let ((), flags) = fpstatus::collect(|| match f {
        Func::Unary(op) => loops::run_unary(op, t, &outs[0], ins[0]),
        Func::Binary(op) => loops::run_binary(op, t, &outs[0], ins[0], ins[1]),
        Func::Divmod => loops::run_divmod(t, &outs[0], &outs[1], ins[0], ins[1]),
        Func::Frexp => loops::run_frexp(t, &outs[0], &outs[1], ins[0]),
        Func::Modf => loops::run_modf(t, &outs[0], &outs[1], ins[0]),
        Func::Ldexp => loops::run_ldexp(t, &outs[0], ins[0], ins[1]),
    });
    let mut quiet = quiet_flags(f, t);
    if f == Func::Unary(UnaryOp::Absolute) && t == DType::C64 && one_reversed_run(ins[0]) {
        // NumPy's vector loop (quiet) takes positive strides only; a single run backwards
        // goes to its `hypotf` loop, whose overflow it reports. Ours is `hypotf` throughout.
        quiet = 0;
    }
    warn::fp_error(flags & !quiet, f.name());
}

/// Whether `a` is one strided run of elements with a negative step (its axes of more than one
/// element merge into one, in C or Fortran order), as NumPy's loops then see it.
fn one_reversed_run(a: &Array) -> bool {
    let dims: SmallVec<[(isize, isize); 6]> = if a.ndim() == 1 {
        smallvec::smallvec![(a.shape()[0] as isize, a.strides()[0])]
    } else {
        a.shape()
            .iter()
            .zip(a.strides())
            .filter(|(&n, _)| n != 1)
            .map(|(&n, &s)| (n as isize, s))
            .collect()
    };
    let (Some(first), Some(last)) = (dims.first(), dims.last()) else {
        return false;
    };
    let c_run = dims.windows(2).all(|w| w[0].1 == w[1].1 * w[1].0);
    let f_run = dims.windows(2).all(|w| w[1].1 == w[0].1 * w[0].0);
    (c_run && last.1 < 0) || (f_run && first.1 < 0)
}

/// Flags a loop may raise that NumPy does not report for this ufunc: vector comparisons and
/// min/max instructions signal "invalid" on NaN operands, where NumPy's loops are quiet; a
/// complex magnitude that overflows is just infinite.
fn quiet_flags(f: Func, t: DType) -> u8 {
    use BinaryOp as B;
    use UnaryOp as U;
    match f {
        // The complex order reports NaN as NumPy's C comparisons do (`complex_less`).
        Func::Binary(B::Less | B::LessEqual | B::Greater | B::GreaterEqual) if t.is_complex() => 0,
        // NumPy's frexp of inf or NaN is quiet.
        Func::Frexp => fpstatus::INVALID | fpstatus::OVERFLOW,
        // The NaN-propagating `a + b` of the float loops is computed for every element.
        Func::Binary(B::Maximum | B::Minimum) => fpstatus::INVALID | fpstatus::OVERFLOW,
        Func::Binary(
            B::Equal
            | B::NotEqual
            | B::Less
            | B::LessEqual
            | B::Greater
            | B::GreaterEqual
            | B::Fmax
            | B::Fmin
            | B::LogicalAnd
            | B::LogicalOr
            | B::LogicalXor
            | B::Copysign
            | B::Nextafter
            | B::Heaviside
            | B::Arctan2
            | B::Hypot,
        ) => fpstatus::INVALID,
        Func::Binary(B::Logaddexp | B::Logaddexp2) => fpstatus::UNDERFLOW,
        Func::Unary(U::LogicalNot | U::Isnan | U::Isinf | U::Isfinite | U::Signbit | U::Sign) => {
            fpstatus::INVALID
        }
        // NumPy's half loop flags inf and NaN; its float loops do not.
        Func::Unary(U::Spacing) if t != DType::F16 => fpstatus::INVALID,
        Func::Unary(U::Absolute) if t.is_complex() => fpstatus::OVERFLOW | fpstatus::UNDERFLOW,
        _ => 0,
    }
}

/// Calls `visit(element pointer)` for each position of `a` where `mask` is true, in C order
/// of the shape. The order must not follow `a`'s strides: every operand gathered or scattered
/// with one mask has to be walked in the same order (a broadcast input's axes would sort
/// differently from the output's), so a C-contiguous index leads the plan.
fn masked_walk(a: &Array, mask: &Array, mut visit: impl FnMut(*mut u8)) {
    let shape = a.shape();
    let mut c_order = vec![0isize; shape.len()];
    let mut step = 1isize;
    for (s, &d) in c_order.iter_mut().zip(shape).rev() {
        *s = step;
        step *= d.max(1) as isize;
    }
    let plan = Plan::<3>::new(
        shape,
        [&c_order, &mask.byte_strides(), &a.byte_strides()],
        [0, 0, 0],
    );
    let (mp, ap) = (mask.data_ptr(), a.data_ptr());
    // SAFETY: the plan walks `mask` and `a` (same shape) in bytes from their data pointers, so
    // every offset it gives is an element of each (operand 0 is only an index).
    plan.run_serial(&mut |off, n, st| unsafe {
        for i in 0..n as isize {
            if *mp.offset(off[1] + i * st[1]) != 0 {
                visit(ap.offset(off[2] + i * st[2]));
            }
        }
    });
}

/// The elements of `src` where `mask` (same shape, bool) is true, as a 1-d array.
fn gather(src: &Array, mask: &Array) -> Result<Array> {
    let mut n = 0usize;
    masked_walk(src, mask, |_| n += 1);
    let out = Array::uninit(&[n], src.dtype())?;
    let (dst, size) = (out.data_ptr(), src.itemsize());
    let mut k = 0;
    // SAFETY: `k < n` elements of `size` bytes, one per selected source element.
    masked_walk(src, mask, |p| unsafe {
        std::ptr::copy_nonoverlapping(p, dst.add(k * size), size);
        k += 1;
    });
    Ok(out)
}

/// Writes `vals` (1-d, `dst`'s dtype) into `dst` where `mask` is true, in order.
fn scatter(dst: &Array, mask: &Array, vals: &Array) {
    let (src, size) = (vals.data_ptr(), vals.itemsize());
    let mut k = 0;
    // SAFETY: `vals` holds one element per selected position of `dst`.
    masked_walk(dst, mask, |p| unsafe {
        std::ptr::copy_nonoverlapping(src.add(k * size), p, size);
        k += 1;
    });
}

/// NumPy's three-argument `where(cond, x, y)`: `x` where `cond` is true, else `y`, broadcast
/// together, in the type `x` and `y` promote to (NEP 50 for Python scalars).
pub fn select(cond: &Array, x: Operand, y: Operand) -> Result<Array> {
    let shape = broadcast_shapes(&[cond.shape(), shape_of(&x), shape_of(&y)])?;
    let t = match (x, y) {
        (Operand::Scalar(a), Operand::Scalar(b)) if a.kind() == b.kind() => a.default_dtype(),
        _ => crate::dtype::promote(operand_dtype(&x, &[y]), operand_dtype(&y, &[x])),
    };
    let c = operand_as(&Operand::Array(cond), DType::Bool)?;
    let (xa, ya) = (operand_as(&x, t)?, operand_as(&y, t)?);
    let (cb, xb, yb) = (
        broadcast(&c, &shape)?,
        broadcast(&xa, &shape)?,
        broadcast(&ya, &shape)?,
    );
    let out = Array::uninit_order(&shape, t, result_order(&[Operand::Array(cond), x, y]))?;
    dispatch!(t, T => crate::kernels::map3(&out, &cb, &xb, &yb, |c: bool, a: T, b: T| if c { a } else { b }));
    Ok(out)
}

/// A one-output ufunc with default keywords and an optional `out`: the fast path when it
/// applies, else the general one (so a miss checks the fast path's conditions only once).
fn call_one(f: Func, inputs: &[Operand], out: Option<&Array>) -> Result<Array> {
    if let Some(r) = fast(f, inputs, out, false) {
        return r;
    }
    single(general(f, inputs, &[out], &Opts::default()))
}

/// A one-output ufunc called with inputs only.
pub fn call1(f: Func, inputs: &[Operand]) -> Result<Array> {
    call_one(f, inputs, None)
}

/// One output of a one-output ufunc.
fn single(r: Result<Outputs>) -> Result<Array> {
    r.map(|mut v| v.swap_remove(0))
}

/// Applies a binary operation with broadcasting, NEP 50 promotion and optional `out`.
pub fn binary(op: BinaryOp, a: Operand, b: Operand, out: Option<&Array>) -> Result<Array> {
    call_one(Func::Binary(op), &[a, b], out)
}

/// `binary(op, a, b)`, writing the result into `a`'s buffer when the caller knows `a` is a
/// temporary (`a_is_temporary`), `a` is the buffer's only handle, and the result has `a`'s dtype
/// and shape: `(a * 2.0 + b) * a` then allocates once instead of three times.
pub fn binary_reusing(op: BinaryOp, a: &Array, b: Operand, a_is_temporary: bool) -> Result<Array> {
    let reuse = a_is_temporary && a.is_unique();
    if let Some(r) = fast(Func::Binary(op), &[Operand::Array(a), b], None, reuse) {
        return r;
    }
    // Broadcast or strided operands: the general path, with `a` as `out` when it fits.
    if reuse && shape_of(&b).len() <= a.ndim() {
        let db = operand_dtype(&b, &[Operand::Array(a)]);
        let fits = op
            .resolve(a.dtype(), db)
            .is_ok_and(|t| t == a.dtype() && op.output_dtype(t) == t);
        if fits
            && broadcast_shapes(&[a.shape(), shape_of(&b)]).is_ok_and(|s| s.as_slice() == a.shape())
        {
            return single(general(
                Func::Binary(op),
                &[Operand::Array(a), b],
                &[Some(a)],
                &Opts::default(),
            ));
        }
    }
    single(general(
        Func::Binary(op),
        &[Operand::Array(a), b],
        &[None],
        &Opts::default(),
    ))
}

/// Applies a unary operation, with optional `out`.
pub fn unary(op: UnaryOp, a: &Array, out: Option<&Array>) -> Result<Array> {
    call_one(Func::Unary(op), &[Operand::Array(a)], out)
}

/// `a ** s` for a Python scalar exponent, with NumPy's fast paths for 2 (square) and, for
/// inexact arrays, 0.5 (sqrt); other exponents go through `power`.
pub fn power_scalar(a: &Array, s: Scalar) -> Result<Array> {
    power_scalar_reusing(a, s, false)
}

/// `power_scalar`, writing into `a`'s buffer when it is a temporary (see `binary_reusing`).
pub fn power_scalar_reusing(a: &Array, s: Scalar, a_is_temporary: bool) -> Result<Array> {
    let t = BinaryOp::Power.resolve(a.dtype(), s.weak_dtype(a.dtype()))?;
    let same = t == a.dtype();
    let out = (a_is_temporary && same && a.is_unique()).then_some(a);
    match s {
        // `x ** 2` is `square(x)` for every dtype (so bool gives int8, as in NumPy).
        Scalar::Int(2) => return unary(UnaryOp::Square, a, out.filter(|_| t != DType::Bool)),
        Scalar::Float(2.0) if same && t.is_inexact() => return unary(UnaryOp::Square, a, out),
        Scalar::Float(0.5) if same && t.is_inexact() => return unary(UnaryOp::Sqrt, a, out),
        // Integers to the power 0.5 compute in float64; the correctly rounded square root is
        // what `pow` returns there too, at a fraction of the cost.
        Scalar::Float(0.5) if t.is_inexact() => {
            let x = a.astype(t)?;
            return unary(UnaryOp::Sqrt, &x, Some(&x));
        }
        _ => {}
    }
    binary_reusing(BinaryOp::Power, a, Operand::Scalar(s), a_is_temporary)
}
