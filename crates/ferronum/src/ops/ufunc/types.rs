//! Which ufuncs exist, which loop types NumPy has for each (in NumPy's search order, so the
//! first loop every input casts to safely is NumPy's choice), and the type resolver.

use crate::dtype::DType;
use crate::error::{Error, Result};
use std::sync::atomic::{AtomicU8, Ordering};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Add,
    Subtract,
    Multiply,
    TrueDivide,
    FloorDivide,
    Remainder,
    Fmod,
    Power,
    FloatPower,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Maximum,
    Minimum,
    Fmax,
    Fmin,
    LogicalAnd,
    LogicalOr,
    LogicalXor,
    BitwiseAnd,
    BitwiseOr,
    BitwiseXor,
    LeftShift,
    RightShift,
    Arctan2,
    Hypot,
    Logaddexp,
    Logaddexp2,
    Copysign,
    Nextafter,
    Heaviside,
    Gcd,
    Lcm,
}

/// `BinaryOp::resolve`'s memory: for each operation and dtype pair, the index in `DType::ALL`
/// of its loop type, `NO_LOOP` (the error is built again when asked), or `UNKNOWN`.
static RESOLVED: [AtomicU8; (BinaryOp::Lcm as usize + 1) * DType::ALL.len() * DType::ALL.len()] =
    [const { AtomicU8::new(UNKNOWN) };
        (BinaryOp::Lcm as usize + 1) * DType::ALL.len() * DType::ALL.len()];
const UNKNOWN: u8 = u8::MAX;
const NO_LOOP: u8 = u8::MAX - 1;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Negative,
    Positive,
    Absolute,
    Fabs,
    Sign,
    Reciprocal,
    Square,
    Sqrt,
    Cbrt,
    Exp,
    Exp2,
    Expm1,
    Log,
    Log2,
    Log10,
    Log1p,
    Sin,
    Cos,
    Tan,
    Arcsin,
    Arccos,
    Arctan,
    Sinh,
    Cosh,
    Tanh,
    Arcsinh,
    Arccosh,
    Arctanh,
    Deg2rad,
    Rad2deg,
    /// `rad2deg` and `deg2rad` under the names of NumPy's separate ufuncs, which its messages use.
    Degrees,
    Radians,
    Floor,
    Ceil,
    Trunc,
    Rint,
    LogicalNot,
    Invert,
    Isnan,
    Isinf,
    Isfinite,
    Signbit,
    Spacing,
    Conjugate,
}

/// Every ufunc: the one-output ones, and the few with two outputs or mixed input types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Func {
    Unary(UnaryOp),
    Binary(BinaryOp),
    /// `divmod(x1, x2) -> (floor_divide, remainder)`.
    Divmod,
    /// `frexp(x) -> (mantissa, int32 exponent)`.
    Frexp,
    /// `modf(x) -> (fractional, integral)`.
    Modf,
    /// `ldexp(x1, x2)`: a float times two to an integer power.
    Ldexp,
}

use DType::*;
const ALL: &[DType] = &DType::ALL;
const NO_BOOL: &[DType] = &[
    I8, U8, I16, U16, I32, U32, I64, U64, F16, F32, F64, C64, C128,
];
const REAL_NUMBERS: &[DType] = &[I8, U8, I16, U16, I32, U32, I64, U64, F16, F32, F64];
const REAL_AND_BOOL: &[DType] = &[Bool, I8, U8, I16, U16, I32, U32, I64, U64, F16, F32, F64];
const INEXACT: &[DType] = &[F16, F32, F64, C64, C128];
const FLOATS: &[DType] = &[F16, F32, F64];
/// ldexp's (mantissa, exponent) loops in NumPy's order (`ldexp.types`).
const LDEXP_LOOPS: [(DType, DType); 6] = [
    (F16, I32),
    (F32, I32),
    (F16, I64),
    (F32, I64),
    (F64, I32),
    (F64, I64),
];
const BITS: &[DType] = &[Bool, I8, U8, I16, U16, I32, U32, I64, U64];
const INTS: &[DType] = &[I8, U8, I16, U16, I32, U32, I64, U64];
const DOUBLES: &[DType] = &[F64, C128];

/// What a loop of type `t` outputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Out {
    Same,
    Bool,
    /// The real type of a complex loop (`absolute`).
    Real,
}

impl BinaryOp {
    pub fn name(self) -> &'static str {
        use BinaryOp::*;
        match self {
            Add => "add",
            Subtract => "subtract",
            Multiply => "multiply",
            TrueDivide => "divide",
            FloorDivide => "floor_divide",
            Remainder => "remainder",
            Fmod => "fmod",
            Power => "power",
            FloatPower => "float_power",
            Equal => "equal",
            NotEqual => "not_equal",
            Less => "less",
            LessEqual => "less_equal",
            Greater => "greater",
            GreaterEqual => "greater_equal",
            Maximum => "maximum",
            Minimum => "minimum",
            Fmax => "fmax",
            Fmin => "fmin",
            LogicalAnd => "logical_and",
            LogicalOr => "logical_or",
            LogicalXor => "logical_xor",
            BitwiseAnd => "bitwise_and",
            BitwiseOr => "bitwise_or",
            BitwiseXor => "bitwise_xor",
            LeftShift => "left_shift",
            RightShift => "right_shift",
            Arctan2 => "arctan2",
            Hypot => "hypot",
            Logaddexp => "logaddexp",
            Logaddexp2 => "logaddexp2",
            Copysign => "copysign",
            Nextafter => "nextafter",
            Heaviside => "heaviside",
            Gcd => "gcd",
            Lcm => "lcm",
        }
    }

    fn loops(self) -> &'static [DType] {
        use BinaryOp::*;
        match self {
            Add | Multiply | Maximum | Minimum | Fmax | Fmin => ALL,
            Subtract | Power => NO_BOOL,
            TrueDivide => INEXACT,
            FloorDivide | Remainder | Fmod => REAL_NUMBERS,
            FloatPower => DOUBLES,
            Equal | NotEqual | Less | LessEqual | Greater | GreaterEqual => ALL,
            LogicalAnd | LogicalOr | LogicalXor => ALL,
            BitwiseAnd | BitwiseOr | BitwiseXor => BITS,
            LeftShift | RightShift | Gcd | Lcm => INTS,
            Arctan2 | Hypot | Logaddexp | Logaddexp2 | Copysign | Nextafter | Heaviside => FLOATS,
        }
    }

    fn out(self) -> Out {
        if self.is_comparison() || self.is_logical() {
            Out::Bool
        } else {
            Out::Same
        }
    }

    pub fn is_comparison(self) -> bool {
        use BinaryOp::*;
        matches!(
            self,
            Equal | NotEqual | Less | LessEqual | Greater | GreaterEqual
        )
    }

    pub(crate) fn is_logical(self) -> bool {
        use BinaryOp::*;
        matches!(self, LogicalAnd | LogicalOr | LogicalXor)
    }

    /// The loop type for inputs of these dtypes, or NumPy's TypeError. Remembered per
    /// operation and dtype pair: the loop search tries casts loop by loop, which costs as much
    /// as a small array's arithmetic.
    pub fn resolve(self, a: DType, b: DType) -> Result<DType> {
        let n = DType::ALL.len();
        let slot = &RESOLVED[(self as usize * n + a as usize) * n + b as usize];
        let known = slot.load(Ordering::Relaxed);
        if known != UNKNOWN && known != NO_LOOP {
            return Ok(DType::ALL[known as usize]);
        }
        let r = self.search_loop(a, b);
        let code = match &r {
            Ok(t) => DType::ALL
                .iter()
                .position(|d| d == t)
                .expect("every dtype is in ALL") as u8,
            Err(_) => NO_LOOP,
        };
        slot.store(code, Ordering::Relaxed);
        r
    }

    fn search_loop(self, a: DType, b: DType) -> Result<DType> {
        if self == BinaryOp::Subtract && a == Bool && b == Bool {
            return Err(Error::type_(
                "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.",
            ));
        }
        // NumPy's gcd/lcm promoter takes integers only; bool with bool has no loop.
        if matches!(self, BinaryOp::Gcd | BinaryOp::Lcm) && a == Bool && b == Bool {
            return Err(no_loop(self.name()));
        }
        // True division of integers computes in float64, whatever their size.
        if self == BinaryOp::TrueDivide && !a.is_inexact() && !b.is_inexact() {
            return Ok(F64);
        }
        search(self.loops(), &[a, b]).ok_or_else(|| no_loop(self.name()))
    }

    pub fn output_dtype(self, loop_type: DType) -> DType {
        out_dtype(self.out(), loop_type)
    }
}

impl UnaryOp {
    pub fn name(self) -> &'static str {
        use UnaryOp::*;
        match self {
            Negative => "negative",
            Positive => "positive",
            Absolute => "absolute",
            Fabs => "fabs",
            Sign => "sign",
            Reciprocal => "reciprocal",
            Square => "square",
            Sqrt => "sqrt",
            Cbrt => "cbrt",
            Exp => "exp",
            Exp2 => "exp2",
            Expm1 => "expm1",
            Log => "log",
            Log2 => "log2",
            Log10 => "log10",
            Log1p => "log1p",
            Sin => "sin",
            Cos => "cos",
            Tan => "tan",
            Arcsin => "arcsin",
            Arccos => "arccos",
            Arctan => "arctan",
            Sinh => "sinh",
            Cosh => "cosh",
            Tanh => "tanh",
            Arcsinh => "arcsinh",
            Arccosh => "arccosh",
            Arctanh => "arctanh",
            Deg2rad => "deg2rad",
            Rad2deg => "rad2deg",
            Degrees => "degrees",
            Radians => "radians",
            Floor => "floor",
            Ceil => "ceil",
            Trunc => "trunc",
            Rint => "rint",
            LogicalNot => "logical_not",
            Invert => "invert",
            Isnan => "isnan",
            Isinf => "isinf",
            Isfinite => "isfinite",
            Signbit => "signbit",
            Spacing => "spacing",
            Conjugate => "conjugate",
        }
    }

    fn loops(self) -> &'static [DType] {
        use UnaryOp::*;
        match self {
            Negative | Positive | Square | Sign | Reciprocal | Conjugate => NO_BOOL,
            Absolute | LogicalNot | Isnan | Isinf | Isfinite => ALL,
            Fabs | Cbrt | Deg2rad | Rad2deg | Degrees | Radians | Signbit | Spacing => FLOATS,
            Floor | Ceil | Trunc => REAL_AND_BOOL,
            Invert => BITS,
            _ => INEXACT,
        }
    }

    fn out(self) -> Out {
        use UnaryOp::*;
        match self {
            Absolute => Out::Real,
            LogicalNot | Isnan | Isinf | Isfinite | Signbit => Out::Bool,
            _ => Out::Same,
        }
    }

    pub fn resolve(self, a: DType) -> Result<DType> {
        if self == UnaryOp::Negative && a == Bool {
            return Err(Error::type_(
                "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.",
            ));
        }
        if matches!(self, UnaryOp::Positive | UnaryOp::Sign) && a == Bool {
            return Err(Error::type_(format!(
                "ufunc '{}' did not contain a loop with signature matching types <class 'numpy.dtypes.BoolDType'> -> None",
                self.name()
            )));
        }
        search(self.loops(), &[a]).ok_or_else(|| no_loop(self.name()))
    }

    pub fn output_dtype(self, loop_type: DType) -> DType {
        out_dtype(self.out(), loop_type)
    }
}

fn out_dtype(out: Out, t: DType) -> DType {
    match out {
        Out::Same => t,
        Out::Bool => Bool,
        Out::Real => t.real(),
    }
}

/// NumPy's linear loop search: the first loop type every input casts to safely.
fn search(loops: &[DType], inputs: &[DType]) -> Option<DType> {
    if inputs.iter().all(|&d| d == inputs[0]) && loops.contains(&inputs[0]) {
        return Some(inputs[0]);
    }
    loops
        .iter()
        .copied()
        .find(|&t| inputs.iter().all(|d| d.can_cast_safe(t)))
}

pub fn no_loop(name: &str) -> Error {
    Error::type_(format!(
        "ufunc '{name}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"
    ))
}

/// NumPy's `casting=` rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Casting {
    No,
    Equiv,
    Safe,
    #[default]
    SameKind,
    Unsafe,
}

impl Casting {
    pub fn parse(s: &str) -> Result<Casting> {
        Ok(match s {
            "no" => Casting::No,
            "equiv" => Casting::Equiv,
            "safe" => Casting::Safe,
            "same_kind" => Casting::SameKind,
            "unsafe" => Casting::Unsafe,
            _ => {
                return Err(Error::value(format!(
                    "casting must be one of 'no', 'equiv', 'safe', 'same_kind', or 'unsafe' (got '{s}')"
                )))
            }
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Casting::No => "no",
            Casting::Equiv => "equiv",
            Casting::Safe => "safe",
            Casting::SameKind => "same_kind",
            Casting::Unsafe => "unsafe",
        }
    }

    pub fn allows(self, from: DType, to: DType) -> bool {
        match self {
            Casting::No | Casting::Equiv => from == to,
            Casting::Safe => from.can_cast_safe(to),
            Casting::SameKind => from.can_cast_same_kind(to),
            Casting::Unsafe => true,
        }
    }
}

/// A resolved loop: the types the inputs are cast to and the types of the outputs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    pub ins: [DType; 2],
    pub nin: usize,
    pub outs: [DType; 2],
    pub nout: usize,
}

impl Func {
    pub fn name(self) -> &'static str {
        match self {
            Func::Unary(op) => op.name(),
            Func::Binary(op) => op.name(),
            Func::Divmod => "divmod",
            Func::Frexp => "frexp",
            Func::Modf => "modf",
            Func::Ldexp => "ldexp",
        }
    }

    pub fn nin(self) -> usize {
        match self {
            Func::Unary(_) | Func::Frexp | Func::Modf => 1,
            _ => 2,
        }
    }

    pub fn nout(self) -> usize {
        match self {
            Func::Divmod | Func::Frexp | Func::Modf => 2,
            _ => 1,
        }
    }

    /// The loop types NumPy lists for this ufunc (for `ufunc.types`): each input type and
    /// output types.
    pub fn loop_types(self) -> Vec<Signature> {
        let sig = |t: DType| self.signature(t);
        match self {
            Func::Unary(op) => op.loops().iter().map(|&t| sig(t)).collect(),
            Func::Binary(op) => op.loops().iter().map(|&t| sig(t)).collect(),
            Func::Divmod => REAL_NUMBERS.iter().map(|&t| sig(t)).collect(),
            Func::Frexp | Func::Modf => FLOATS.iter().map(|&t| sig(t)).collect(),
            Func::Ldexp => LDEXP_LOOPS
                .iter()
                .map(|&(t, e)| Signature {
                    ins: [t, e],
                    ..sig(t)
                })
                .collect(),
        }
    }

    /// The signature of the loop of type `t`. ldexp's loops mix two types (`LDEXP_LOOPS`);
    /// its `t` is the mantissa's, with an int64 exponent.
    fn signature(self, t: DType) -> Signature {
        let (ins, nin, outs, nout) = match self {
            Func::Unary(op) => ([t, t], 1, [op.output_dtype(t), t], 1),
            Func::Binary(op) => ([t, t], 2, [op.output_dtype(t), t], 1),
            Func::Divmod => ([t, t], 2, [t, t], 2),
            Func::Frexp => ([t, t], 1, [t, I32], 2),
            Func::Modf => ([t, t], 1, [t, t], 2),
            Func::Ldexp => ([t, I64], 2, [t, t], 1),
        };
        Signature {
            ins,
            nin,
            outs,
            nout,
        }
    }

    /// The loop for inputs of these dtypes; `dtype` fixes the (first) output's type as NumPy's
    /// `dtype=` does (`casting` bounds that search). Whether the array inputs may be cast to
    /// the loop's types is `check_input_casts`, which NumPy checks after the Python numbers.
    pub fn resolve(
        self,
        inputs: &[DType],
        weak: &[bool],
        dtype: Option<DType>,
        casting: Casting,
    ) -> Result<Signature> {
        let search_in = |loops: &[DType]| search(loops, inputs).ok_or_else(|| no_loop(self.name()));
        let sig = match (dtype, self) {
            // ldexp's loops differ in more than one type: the first that both inputs reach.
            // A Python int exponent of an array mantissa takes an int32 loop, as in NumPy (the
            // caller checks that it fits); with a Python mantissa too, both are int64/float64.
            (None, Func::Ldexp) => {
                let e = if weak[1] && !weak[0] && inputs[1].is_integer() {
                    I32
                } else {
                    inputs[1]
                };
                self.loop_types()
                    .into_iter()
                    .find(|s| inputs[0].can_cast_safe(s.ins[0]) && e.can_cast_safe(s.ins[1]))
                    .ok_or_else(|| no_loop(self.name()))?
            }
            (None, Func::Unary(op)) => self.signature(op.resolve(inputs[0])?),
            (None, Func::Binary(op)) => self.signature(op.resolve(inputs[0], inputs[1])?),
            (None, Func::Divmod) => self.signature(search_in(REAL_NUMBERS)?),
            (None, Func::Frexp | Func::Modf) => self.signature(search_in(FLOATS)?),
            (Some(d), _) => {
                // The first loop whose output is `d` and that every input reaches under
                // `casting` (the loop search itself never goes beyond 'safe').
                let search_rule = if casting == Casting::Unsafe || casting == Casting::SameKind {
                    Casting::Safe
                } else {
                    casting
                };
                let candidates: Vec<Signature> = self
                    .loop_types()
                    .into_iter()
                    // `dtype=` names every output's type: frexp's (float, int32) never matches.
                    .filter(|s| s.outs[..s.nout].iter().all(|&o| o == d))
                    .collect();
                let fits = |s: &Signature, rule: Casting| {
                    (0..s.nin).all(|i| weak[i] || rule.allows(inputs[i], s.ins[i]))
                };
                // A loop of one type throughout is taken even when the inputs reach it only by
                // `casting` itself (`add(f64, f64, dtype=float32)`); a mixed one (`ldexp`)
                // must be reached safely, as NumPy's type search requires.
                let homogeneous = |s: &&Signature| {
                    s.ins[..s.nin]
                        .iter()
                        .chain(&s.outs[..s.nout])
                        .all(|&x| x == d)
                };
                match candidates
                    .iter()
                    .find(|s| fits(s, search_rule))
                    .or_else(|| candidates.iter().find(homogeneous))
                {
                    Some(s) => s.clone(),
                    None => {
                        return Err(Error::type_(format!(
                            "No loop matching the specified signature and casting was found for ufunc {}",
                            self.name()
                        )))
                    }
                }
            }
        };
        Ok(sig)
    }

    /// NumPy's check that each input reaches `sig`'s type under `casting`. `weak` marks inputs
    /// that are Python scalars, which `casting` never refuses.
    pub fn check_input_casts(
        self,
        sig: &Signature,
        inputs: &[DType],
        weak: &[bool],
        casting: Casting,
    ) -> Result<()> {
        // NumPy's logical ufuncs cast any input to bool whatever `casting` says.
        let forced = matches!(self, Func::Binary(op) if op.is_logical());
        for i in 0..sig.nin {
            if !weak[i] && !forced && !casting.allows(inputs[i], sig.ins[i]) {
                return Err(Error::type_(format!(
                    "Cannot cast ufunc '{}' input {i} from dtype('{}') to dtype('{}') with casting rule '{}'",
                    self.name(),
                    inputs[i],
                    sig.ins[i],
                    casting.name()
                )));
            }
        }
        Ok(())
    }
}
