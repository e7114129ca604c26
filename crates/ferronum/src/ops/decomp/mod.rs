//! `numpy.linalg`'s decompositions and the functions built on them, on faer, for stacks of
//! matrices `(..., M, N)`. Inputs are checked and typed as NumPy does (`_commonType`:
//! integers compute in float64, float32 and complex64 keep their precision, float16 is
//! refused), and matrices are handed to faer as strided views of the array.

#[macro_use]
pub mod batch;
pub mod lu;

pub use lu::{det, inv, slogdet, solve};
pub mod factor;
pub mod spectral;

pub use factor::{cholesky, qr, QrMode};
pub use spectral::{eig, eigh, svd};
pub mod derived;

pub use derived::{cond, lstsq, matrix_rank, pinv, CondOrd, Lstsq};
