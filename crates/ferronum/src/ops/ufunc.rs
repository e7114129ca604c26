//! The element-wise operations: one table of operations, one type resolver (NumPy's "first
//! loop every input casts to safely", with NEP 50 weak Python scalars), one executor.

use crate::array::{Array, Order};
use crate::dispatch;
use crate::dtype::{DType, Scalar};
use crate::error::{Error, Result};
use crate::kernels::map1;
use crate::kernels::map2;
use crate::kernels::scalar::Num;
use crate::layout::broadcast_shapes;
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Add,
    Subtract,
    Multiply,
    TrueDivide,
    FloorDivide,
    Remainder,
    Power,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Negative,
    Positive,
    Absolute,
    Square,
    Sqrt,
    Exp,
    Log,
    Sin,
    Cos,
}

use DType::*;
const ALL: &[DType] = &DType::ALL;
const NO_BOOL: &[DType] = &[
    I8, U8, I16, U16, I32, U32, I64, U64, F16, F32, F64, C64, C128,
];
const REAL_NUMBERS: &[DType] = &[I8, U8, I16, U16, I32, U32, I64, U64, F16, F32, F64];
const INEXACT: &[DType] = &[F16, F32, F64, C64, C128];

impl BinaryOp {
    pub fn name(self) -> &'static str {
        match self {
            BinaryOp::Add => "add",
            BinaryOp::Subtract => "subtract",
            BinaryOp::Multiply => "multiply",
            BinaryOp::TrueDivide => "divide",
            BinaryOp::FloorDivide => "floor_divide",
            BinaryOp::Remainder => "remainder",
            BinaryOp::Power => "power",
            BinaryOp::Equal => "equal",
            BinaryOp::NotEqual => "not_equal",
            BinaryOp::Less => "less",
            BinaryOp::LessEqual => "less_equal",
            BinaryOp::Greater => "greater",
            BinaryOp::GreaterEqual => "greater_equal",
        }
    }

    /// The loop types NumPy has for this operation, in its search order.
    fn loops(self) -> &'static [DType] {
        match self {
            BinaryOp::Add | BinaryOp::Multiply => ALL,
            BinaryOp::Subtract => NO_BOOL,
            BinaryOp::TrueDivide => INEXACT,
            BinaryOp::FloorDivide | BinaryOp::Remainder => REAL_NUMBERS,
            BinaryOp::Power => NO_BOOL,
            _ => ALL,
        }
    }

    pub fn is_comparison(self) -> bool {
        matches!(
            self,
            BinaryOp::Equal
                | BinaryOp::NotEqual
                | BinaryOp::Less
                | BinaryOp::LessEqual
                | BinaryOp::Greater
                | BinaryOp::GreaterEqual
        )
    }

    /// The loop type for inputs of these dtypes, or NumPy's TypeError.
    pub fn resolve(self, a: DType, b: DType) -> Result<DType> {
        if self == BinaryOp::Subtract && a == Bool && b == Bool {
            return Err(Error::type_(
                "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.",
            ));
        }
        // True division of integers computes in float64, whatever their size.
        if self == BinaryOp::TrueDivide && !a.is_inexact() && !b.is_inexact() {
            return Ok(F64);
        }
        if a == b && self.loops().contains(&a) {
            return Ok(a);
        }
        self.loops()
            .iter()
            .copied()
            .find(|&t| a.can_cast_safe(t) && b.can_cast_safe(t))
            .ok_or_else(|| no_loop(self.name(), &[a, b]))
    }

    pub fn output_dtype(self, loop_type: DType) -> DType {
        if self.is_comparison() {
            Bool
        } else {
            loop_type
        }
    }
}

impl UnaryOp {
    pub fn name(self) -> &'static str {
        match self {
            UnaryOp::Negative => "negative",
            UnaryOp::Positive => "positive",
            UnaryOp::Absolute => "absolute",
            UnaryOp::Square => "square",
            UnaryOp::Sqrt => "sqrt",
            UnaryOp::Exp => "exp",
            UnaryOp::Log => "log",
            UnaryOp::Sin => "sin",
            UnaryOp::Cos => "cos",
        }
    }

    fn loops(self) -> &'static [DType] {
        match self {
            UnaryOp::Negative | UnaryOp::Positive | UnaryOp::Square => NO_BOOL,
            UnaryOp::Absolute => ALL,
            _ => INEXACT,
        }
    }

    pub fn resolve(self, a: DType) -> Result<DType> {
        if self == UnaryOp::Negative && a == Bool {
            return Err(Error::type_(
                "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.",
            ));
        }
        if self == UnaryOp::Positive && a == Bool {
            return Err(Error::type_(
                "ufunc 'positive' did not contain a loop with signature matching types <class 'numpy.dtypes.BoolDType'> -> None",
            ));
        }
        self.loops()
            .iter()
            .copied()
            .find(|&t| a.can_cast_safe(t))
            .ok_or_else(|| no_loop(self.name(), &[a]))
    }

    pub fn output_dtype(self, loop_type: DType) -> DType {
        match self {
            UnaryOp::Absolute => loop_type.real(),
            _ => loop_type,
        }
    }
}

fn no_loop(name: &str, _types: &[DType]) -> Error {
    Error::type_(format!(
        "ufunc '{name}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"
    ))
}

/// The dtype an operand presents to the resolver: its own, or for a weak scalar the one NEP 50
/// gives it next to the other operand.
fn operand_dtype(op: &Operand, other: &Operand) -> DType {
    match (op, other) {
        (Operand::Array(a), _) => a.dtype(),
        (Operand::Scalar(s), Operand::Array(b)) => s.weak_dtype(b.dtype()),
        (Operand::Scalar(s), Operand::Scalar(_)) => s.default_dtype(),
    }
}

/// An operand as an array of the loop type (a 0-d array for a scalar), borrowed when it
/// already is one.
fn operand_as<'a>(op: &Operand<'a>, t: DType) -> Result<Cow<'a, Array>> {
    match *op {
        Operand::Array(a) if a.dtype() == t => Ok(Cow::Borrowed(a)),
        Operand::Array(a) => Ok(Cow::Owned(a.astype(t)?)),
        Operand::Scalar(s) => Ok(Cow::Owned(Array::from_scalar(s.to_wide(), t)?)),
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
fn result_order(ops: &[&Operand]) -> Order {
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

/// Checks a caller's `out=` array against the result's shape and dtype (`same_kind` casting).
fn check_out(out: &Array, name: &str, shape: &[usize], dtype: DType) -> Result<()> {
    out.check_writeable()?;
    if out.shape() != shape {
        return Err(Error::value(format!(
            "non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
            crate::layout::shape_str(out.shape()),
            crate::layout::shape_str(shape)
        )));
    }
    if !dtype.can_cast_same_kind(out.dtype()) {
        return Err(Error::type_(format!(
            "Cannot cast ufunc '{name}' output from dtype('{dtype}') to dtype('{}') with casting rule 'same_kind'",
            out.dtype()
        )));
    }
    Ok(())
}

/// A Python int out of range of the array's integer dtype: NumPy 2 raises, except that a
/// comparison has a known answer for every element.
fn out_of_range_comparison(op: BinaryOp, a: &Operand, b: &Operand) -> Result<Option<bool>> {
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
    if arr.dtype() == DType::Bool && (*v > i64::MAX as i128 || *v < i64::MIN as i128) {
        // NumPy converts the int for a bool array through a C long and fails.
        return Err(Error::Overflow(
            "Python int too large to convert to C long".into(),
        ));
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

/// Applies a binary operation with broadcasting, NEP 50 promotion and optional `out`.
pub fn binary(op: BinaryOp, a: Operand, b: Operand, out: Option<&Array>) -> Result<Array> {
    let shape = broadcast_shapes(&[shape_of(&a), shape_of(&b)])?;
    if let Some(answer) = out_of_range_comparison(op, &a, &b)? {
        let res = Array::full(&shape, crate::dtype::Wide::Bool(answer), Bool)?;
        return finish(res, out, op.name());
    }
    let (da, db) = (operand_dtype(&a, &b), operand_dtype(&b, &a));
    // True division of integers computes in float64, where any Python int fits.
    let exempt = op == BinaryOp::TrueDivide && !da.is_inexact() && !db.is_inexact();
    for (o, d) in [(&a, da), (&b, db)] {
        if let Operand::Scalar(s) = o {
            if !exempt {
                s.check_fits(d)?;
            }
        }
    }
    let t = op.resolve(da, db)?;
    let res_dt = op.output_dtype(t);
    if let Some(o) = out {
        check_out(o, op.name(), &shape, res_dt)?;
    }
    let (x, y) = (operand_as(&a, t)?, operand_as(&b, t)?);
    if op == BinaryOp::Power && t.is_integer() && any_negative(&y) {
        return Err(Error::value(
            "Integers to negative integer powers are not allowed.",
        ));
    }
    // Write straight into `out` when it has the result dtype and no input overlaps it in a way
    // an element-by-element loop could trip over (an identical view is fine).
    let direct = out.filter(|o| {
        o.dtype() == res_dt
            && [&*x, &*y]
                .iter()
                .all(|i| !o.may_share_memory(i) || (i.layout() == o.layout()))
    });
    let res = match direct {
        Some(o) => o.clone(),
        None => Array::uninit_order(&shape, res_dt, result_order(&[&a, &b]))?,
    };
    let (xb, yb) = (broadcast(&x, &shape)?, broadcast(&y, &shape)?);
    run_binary(op, t, &res, &xb, &yb);
    if direct.is_some() {
        return Ok(res);
    }
    finish(res, out, op.name())
}

fn finish(res: Array, out: Option<&Array>, name: &str) -> Result<Array> {
    match out {
        None => Ok(res),
        Some(o) => {
            check_out(o, name, res.shape(), res.dtype())?;
            o.assign(&res)?;
            Ok(o.clone())
        }
    }
}

fn any_negative(y: &Array) -> bool {
    dispatch!(y.dtype(), T => {
        let v = y.to_vec::<T>();
        v.iter().any(|x| Num::is_negative_int(*x))
    })
}

fn run_binary(op: BinaryOp, t: DType, out: &Array, x: &Array, y: &Array) {
    dispatch!(t, T => {
        match op {
            BinaryOp::Add => map2(out, x, y, |a: T, b: T| Num::add(a, b)),
            BinaryOp::Subtract => map2(out, x, y, |a: T, b: T| Num::sub(a, b)),
            BinaryOp::Multiply => map2(out, x, y, |a: T, b: T| Num::mul(a, b)),
            BinaryOp::TrueDivide => map2(out, x, y, |a: T, b: T| Num::div(a, b)),
            BinaryOp::FloorDivide => map2(out, x, y, |a: T, b: T| Num::floor_div(a, b)),
            BinaryOp::Remainder => map2(out, x, y, |a: T, b: T| Num::rem(a, b)),
            BinaryOp::Power => map2(out, x, y, |a: T, b: T| Num::pow(a, b)),
            BinaryOp::Equal => map2(out, x, y, |a: T, b: T| Num::eq_(a, b)),
            BinaryOp::NotEqual => map2(out, x, y, |a: T, b: T| !Num::eq_(a, b)),
            BinaryOp::Less => map2(out, x, y, |a: T, b: T| Num::lt(a, b)),
            BinaryOp::LessEqual => map2(out, x, y, |a: T, b: T| Num::le(a, b)),
            BinaryOp::Greater => map2(out, x, y, |a: T, b: T| Num::lt(b, a)),
            BinaryOp::GreaterEqual => map2(out, x, y, |a: T, b: T| Num::le(b, a)),
        }
    })
}

/// `binary(op, a, b)`, writing the result into `a`'s buffer when the caller knows `a` is a
/// temporary (`a_is_temporary`), `a` is the buffer's only handle, and the result has `a`'s dtype
/// and shape: `(a * 2.0 + b) * a` then allocates once instead of three times.
pub fn binary_reusing(op: BinaryOp, a: &Array, b: Operand, a_is_temporary: bool) -> Result<Array> {
    if a_is_temporary && a.is_unique() && shape_of(&b).len() <= a.ndim() {
        let db = operand_dtype(&b, &Operand::Array(a));
        let fits = op
            .resolve(a.dtype(), db)
            .is_ok_and(|t| t == a.dtype() && op.output_dtype(t) == t);
        if fits
            && broadcast_shapes(&[a.shape(), shape_of(&b)]).is_ok_and(|s| s.as_slice() == a.shape())
        {
            return binary(op, Operand::Array(a), b, Some(a));
        }
    }
    binary(op, Operand::Array(a), b, None)
}

/// Applies a unary operation, with optional `out`.
pub fn unary(op: UnaryOp, a: &Array, out: Option<&Array>) -> Result<Array> {
    let t = op.resolve(a.dtype())?;
    let res_dt = op.output_dtype(t);
    if let Some(o) = out {
        check_out(o, op.name(), a.shape(), res_dt)?;
    }
    let x = operand_as(&Operand::Array(a), t)?;
    let direct = out
        .filter(|o| o.dtype() == res_dt && (!o.may_share_memory(&x) || x.layout() == o.layout()));
    let res = match direct {
        Some(o) => o.clone(),
        None => Array::uninit_order(a.shape(), res_dt, result_order(&[&Operand::Array(a)]))?,
    };
    run_unary(op, t, &res, &x);
    if direct.is_some() {
        return Ok(res);
    }
    finish(res, out, op.name())
}

fn run_unary(op: UnaryOp, t: DType, out: &Array, x: &Array) {
    dispatch!(t, T => {
        match op {
            UnaryOp::Negative => map1(out, x, |a: T| Num::neg(a)),
            UnaryOp::Positive => map1(out, x, |a: T| a),
            UnaryOp::Absolute => map1(out, x, |a: T| Num::abs(a)),
            UnaryOp::Square => map1(out, x, |a: T| Num::mul(a, a)),
            UnaryOp::Sqrt => map1(out, x, |a: T| Num::sqrt(a)),
            UnaryOp::Exp => map1(out, x, |a: T| Num::exp(a)),
            UnaryOp::Log => map1(out, x, |a: T| Num::ln(a)),
            UnaryOp::Sin => map1(out, x, |a: T| Num::sin(a)),
            UnaryOp::Cos => map1(out, x, |a: T| Num::cos(a)),
        }
    })
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
        Scalar::Float(0.5) if t.is_inexact() => return unary(UnaryOp::Sqrt, &a.astype(t)?, None),
        _ => {}
    }
    binary_reusing(BinaryOp::Power, a, Operand::Scalar(s), a_is_temporary)
}
