//! Which ufuncs exist, which loop types NumPy has for each (in NumPy's search order, so the
//! first loop every input casts to safely is NumPy's choice), and the type resolver.

use crate::dtype::DType;
use crate::error::{Error, Result};
use std::sync::atomic::{AtomicU8, Ordering};

/// The type sets NumPy's loops come in, each in NumPy's search order, handed to the macro `m`
/// ahead of its other arguments: `with_set!(FLOATS, m!(args))` is `m!([F16, F32, F64] args)`.
/// Each set is spelled here only: the resolver's constants below and the compiled loops
/// (`loops.rs`) both expand it, so the types a loop is searched for and the types it is
/// compiled for cannot drift apart.
macro_rules! with_set {
    (ALL, $m:ident!($($a:tt)*)) => {
        $m!([Bool, I8, U8, I16, U16, I32, U32, I64, U64, F16, F32, F64, C64, C128] $($a)*)
    };
    (NO_BOOL, $m:ident!($($a:tt)*)) => {
        $m!([I8, U8, I16, U16, I32, U32, I64, U64, F16, F32, F64, C64, C128] $($a)*)
    };
    (REAL_NUMBERS, $m:ident!($($a:tt)*)) => {
        $m!([I8, U8, I16, U16, I32, U32, I64, U64, F16, F32, F64] $($a)*)
    };
    (REAL_AND_BOOL, $m:ident!($($a:tt)*)) => {
        $m!([Bool, I8, U8, I16, U16, I32, U32, I64, U64, F16, F32, F64] $($a)*)
    };
    (INEXACT, $m:ident!($($a:tt)*)) => { $m!([F16, F32, F64, C64, C128] $($a)*) };
    (FLOATS, $m:ident!($($a:tt)*)) => { $m!([F16, F32, F64] $($a)*) };
    (BITS, $m:ident!($($a:tt)*)) => {
        $m!([Bool, I8, U8, I16, U16, I32, U32, I64, U64] $($a)*)
    };
    (INTS, $m:ident!($($a:tt)*)) => { $m!([I8, U8, I16, U16, I32, U32, I64, U64] $($a)*) };
    (DOUBLES, $m:ident!($($a:tt)*)) => { $m!([F64, C128] $($a)*) };
}
pub(super) use with_set;

/// A `with_set!` list as a `&'static [DType]`.
macro_rules! dtypes {
    ([$($v:ident),*]) => { &[$(DType::$v),*] };
}

/// Defines an operation enum from its table of variants and loop type sets (`with_set!`), the
/// one place each operation's loop types are named. It generates `ALL` (every variant, in
/// order), `COUNT`, `loops()` for the resolver, and the macro `$lookup!(Variant, m!(args))`,
/// which is `with_set!(SET, m!(args))` of the variant's set, for the compiled loops in
/// `loops.rs` (`loops()` is `const` so that `loops.rs` can check at compile time that one
/// operation's loop serves another). `$d` is a `$` token: the generated macro's own
/// metavariables need one.
macro_rules! op_enum {
    (
        $d:tt $lookup:ident;
        $(#[$meta:meta])*
        pub enum $E:ident { $($(#[$vmeta:meta])* $V:ident => $set:ident,)* }
    ) => {
        $(#[$meta])*
        pub enum $E {
            $($(#[$vmeta])* $V,)*
        }

        impl $E {
            pub const COUNT: usize = [$(stringify!($V)),*].len();
            /// Every operation, in declaration order (`op as usize` is its index).
            pub const ALL: [$E; $E::COUNT] = [$($E::$V),*];

            /// The types NumPy has a loop of this operation for, in its search order.
            pub(super) const fn loops(self) -> &'static [DType] {
                match self {
                    $($E::$V => $set,)*
                }
            }
        }

        macro_rules! $lookup {
            $(($V, $d($d k:tt)*) => { with_set!($set, $d($d k)*) };)*
        }
        pub(super) use $lookup;
    };
}

op_enum! {
    $ binary_set;
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum BinaryOp {
        Add => ALL,
        Subtract => NO_BOOL,
        Multiply => ALL,
        TrueDivide => INEXACT,
        FloorDivide => REAL_NUMBERS,
        Remainder => REAL_NUMBERS,
        Fmod => REAL_NUMBERS,
        Power => NO_BOOL,
        FloatPower => DOUBLES,
        Equal => ALL,
        NotEqual => ALL,
        Less => ALL,
        LessEqual => ALL,
        Greater => ALL,
        GreaterEqual => ALL,
        Maximum => ALL,
        Minimum => ALL,
        Fmax => ALL,
        Fmin => ALL,
        LogicalAnd => ALL,
        LogicalOr => ALL,
        LogicalXor => ALL,
        BitwiseAnd => BITS,
        BitwiseOr => BITS,
        BitwiseXor => BITS,
        LeftShift => INTS,
        RightShift => INTS,
        Arctan2 => FLOATS,
        Hypot => FLOATS,
        Logaddexp => FLOATS,
        Logaddexp2 => FLOATS,
        Copysign => FLOATS,
        Nextafter => FLOATS,
        Heaviside => FLOATS,
        Gcd => INTS,
        Lcm => INTS,
    }
}

/// `BinaryOp::resolve`'s memory: for each operation and dtype pair, the index in `DType::ALL`
/// of its loop type, `NO_LOOP` (the error is built again when asked), or `UNKNOWN`.
static RESOLVED: [AtomicU8; BinaryOp::COUNT * DType::ALL.len() * DType::ALL.len()] =
    [const { AtomicU8::new(UNKNOWN) }; BinaryOp::COUNT * DType::ALL.len() * DType::ALL.len()];
const UNKNOWN: u8 = u8::MAX;
const NO_LOOP: u8 = u8::MAX - 1;

op_enum! {
    $ unary_set;
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum UnaryOp {
        Negative => NO_BOOL,
        Positive => NO_BOOL,
        Absolute => ALL,
        Fabs => FLOATS,
        Sign => NO_BOOL,
        Reciprocal => NO_BOOL,
        Square => NO_BOOL,
        Sqrt => INEXACT,
        Cbrt => FLOATS,
        Exp => INEXACT,
        Exp2 => INEXACT,
        Expm1 => INEXACT,
        Log => INEXACT,
        Log2 => INEXACT,
        Log10 => INEXACT,
        Log1p => INEXACT,
        Sin => INEXACT,
        Cos => INEXACT,
        Tan => INEXACT,
        Arcsin => INEXACT,
        Arccos => INEXACT,
        Arctan => INEXACT,
        Sinh => INEXACT,
        Cosh => INEXACT,
        Tanh => INEXACT,
        Arcsinh => INEXACT,
        Arccosh => INEXACT,
        Arctanh => INEXACT,
        Deg2rad => FLOATS,
        Rad2deg => FLOATS,
        /// `rad2deg` and `deg2rad` under the names of NumPy's separate ufuncs, which its
        /// messages use.
        Degrees => FLOATS,
        Radians => FLOATS,
        Floor => REAL_AND_BOOL,
        Ceil => REAL_AND_BOOL,
        Trunc => REAL_AND_BOOL,
        Rint => INEXACT,
        LogicalNot => ALL,
        Invert => BITS,
        Isnan => ALL,
        Isinf => ALL,
        Isfinite => ALL,
        Signbit => FLOATS,
        Spacing => FLOATS,
        Conjugate => NO_BOOL,
    }
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

/// The loop types of the ufuncs outside the two tables, as `binary_set!` gives a binary
/// operation's (ldexp's: its mantissa's; `LDEXP_LOOPS` pairs them with exponents).
macro_rules! func_set {
    (Divmod, $($k:tt)*) => { with_set!(REAL_NUMBERS, $($k)*) };
    (Frexp, $($k:tt)*) => { with_set!(FLOATS, $($k)*) };
    (Modf, $($k:tt)*) => { with_set!(FLOATS, $($k)*) };
    (Ldexp, $($k:tt)*) => { with_set!(FLOATS, $($k)*) };
}
pub(super) use func_set;

use DType::*;
const ALL: &[DType] = with_set!(ALL, dtypes!());
const NO_BOOL: &[DType] = with_set!(NO_BOOL, dtypes!());
const REAL_NUMBERS: &[DType] = with_set!(REAL_NUMBERS, dtypes!());
const REAL_AND_BOOL: &[DType] = with_set!(REAL_AND_BOOL, dtypes!());
const INEXACT: &[DType] = with_set!(INEXACT, dtypes!());
const FLOATS: &[DType] = with_set!(FLOATS, dtypes!());
const BITS: &[DType] = with_set!(BITS, dtypes!());
const INTS: &[DType] = with_set!(INTS, dtypes!());
const DOUBLES: &[DType] = with_set!(DOUBLES, dtypes!());
/// ldexp's (mantissa, exponent) loops in NumPy's order (`ldexp.types`).
const LDEXP_LOOPS: [(DType, DType); 6] = [
    (F16, I32),
    (F32, I32),
    (F16, I64),
    (F32, I64),
    (F64, I32),
    (F64, I64),
];

// A loop over every dtype is searched in `DType::ALL`'s order (NumPy's type numbers), which
// `with_set!(ALL)` spells again for the compiled loops.
const _: () = assert!(
    same_list(ALL, &DType::ALL),
    "`with_set!(ALL)` is not `DType::ALL`"
);
// ldexp's compiled loops are its mantissa's set.
const _: () = {
    let mut i = 0;
    while i < LDEXP_LOOPS.len() {
        assert!(
            covers(func_set!(Ldexp, dtypes!()), &[LDEXP_LOOPS[i].0]),
            "an ldexp loop's mantissa type is outside `func_set!(Ldexp)`"
        );
        i += 1;
    }
};

/// Whether every type of `part` is in `set`: the compile-time check that a loop compiled for
/// one operation's set can serve another (`loops.rs`).
pub(super) const fn covers(set: &[DType], part: &[DType]) -> bool {
    let mut i = 0;
    while i < part.len() {
        let mut j = 0;
        while j < set.len() && set[j] as u8 != part[i] as u8 {
            j += 1;
        }
        if j == set.len() {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether `a` and `b` list the same types in the same order.
const fn same_list(a: &[DType], b: &[DType]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] as u8 != b[i] as u8 {
            return false;
        }
        i += 1;
    }
    true
}

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

    /// NumPy's `ufunc.identity`: the value a reduction over nothing starts from, where the
    /// operation has one (`None` for `maximum`, `subtract`, ...).
    pub fn identity(self) -> Option<crate::dtype::Wide> {
        use crate::dtype::Wide;
        use BinaryOp::*;
        match self {
            Add | BitwiseOr | BitwiseXor | Hypot | Gcd => Some(Wide::I(0)),
            Multiply => Some(Wide::I(1)),
            BitwiseAnd => Some(Wide::I(-1)),
            LogicalAnd => Some(Wide::Bool(true)),
            LogicalOr | LogicalXor => Some(Wide::Bool(false)),
            Logaddexp | Logaddexp2 => Some(Wide::F(f64::NEG_INFINITY)),
            _ => None,
        }
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
            Func::Divmod => func_set!(Divmod, dtypes!())
                .iter()
                .map(|&t| sig(t))
                .collect(),
            Func::Frexp => func_set!(Frexp, dtypes!())
                .iter()
                .map(|&t| sig(t))
                .collect(),
            Func::Modf => func_set!(Modf, dtypes!()).iter().map(|&t| sig(t)).collect(),
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
            (None, Func::Divmod) => self.signature(search_in(func_set!(Divmod, dtypes!()))?),
            (None, Func::Frexp) => self.signature(search_in(func_set!(Frexp, dtypes!()))?),
            (None, Func::Modf) => self.signature(search_in(func_set!(Modf, dtypes!()))?),
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
