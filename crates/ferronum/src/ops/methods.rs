//! The Rust-facing convenience API: operators on `&Array` and method forms of the operations,
//! so Rust code reads like the NumPy it mirrors. Each forwards to the one implementation in
//! `ufunc`, `reduce`, `linalg` or `einsum`.

use crate::array::Array;
use crate::dtype::{DType, Scalar};
use crate::error::Result;
use crate::ops::linalg::{self, NormOrd};
use crate::ops::reduce;
use crate::ops::ufunc::{binary, power_scalar, unary, BinaryOp, Operand, UnaryOp};

macro_rules! array_operator {
    ($trait:ident, $method:ident, $op:ident) => {
        impl std::ops::$trait<&Array> for &Array {
            type Output = Result<Array>;
            fn $method(self, rhs: &Array) -> Result<Array> {
                binary(
                    BinaryOp::$op,
                    Operand::Array(self),
                    Operand::Array(rhs),
                    None,
                )
            }
        }
        impl std::ops::$trait<f64> for &Array {
            type Output = Result<Array>;
            fn $method(self, rhs: f64) -> Result<Array> {
                binary(
                    BinaryOp::$op,
                    Operand::Array(self),
                    Operand::Scalar(Scalar::Float(rhs)),
                    None,
                )
            }
        }
        impl std::ops::$trait<i64> for &Array {
            type Output = Result<Array>;
            fn $method(self, rhs: i64) -> Result<Array> {
                binary(
                    BinaryOp::$op,
                    Operand::Array(self),
                    Operand::Scalar(Scalar::Int(rhs as i128)),
                    None,
                )
            }
        }
    };
}

array_operator!(Add, add, Add);
array_operator!(Sub, sub, Subtract);
array_operator!(Mul, mul, Multiply);
array_operator!(Div, div, TrueDivide);
array_operator!(Rem, rem, Remainder);

impl Array {
    /// `self ** exponent` with a Python-style (weak) scalar exponent.
    pub fn pow_scalar(&self, exponent: Scalar) -> Result<Array> {
        power_scalar(self, exponent)
    }

    pub fn sqrt(&self) -> Result<Array> {
        unary(UnaryOp::Sqrt, self, None)
    }

    /// `sum` over `axes` (`None`: all), with NumPy's accumulator dtype unless `dtype` is given.
    pub fn sum(
        &self,
        axes: Option<&[isize]>,
        keepdims: bool,
        dtype: Option<DType>,
    ) -> Result<Array> {
        reduce::sum(self, axes, keepdims, dtype)
    }

    /// The 2-norm over `axes` (`None`: the whole array), as `numpy.linalg.norm`.
    pub fn norm(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<Array> {
        linalg::norm(self, NormOrd::Default, axes, keepdims)
    }
}
