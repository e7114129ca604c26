//! ferronum: NumPy's array model in Rust.
//!
//! The engine is pure Rust: an [`Array`] is a shared buffer, a [`Layout`](layout::Layout) of
//! signed element strides and a runtime [`DType`]; operations dispatch once on the dtype into
//! monomorphized kernels driven by the loop planner in [`iter`].

#![warn(clippy::undocumented_unsafe_blocks)]
#![warn(unsafe_op_in_unsafe_fn)]

pub mod array;
pub mod buffer;
pub mod dtype;
pub mod error;
pub mod format;
pub mod io;
pub mod iter;
pub mod kernels;
pub mod layout;
pub mod ops;
pub mod parallel;
pub mod random;
pub mod warn;

pub use array::{Array, IndexItem, Order};
pub use dtype::{promote, DType, Element, Kind, Scalar, Wide};
pub use error::{Error, Result};
pub use half::f16;
pub use num_complex::{Complex32, Complex64};

#[cfg(test)]
mod api_tests;
