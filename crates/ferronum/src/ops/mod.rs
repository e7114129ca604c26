//! Operations on arrays: element-wise ufuncs, reductions, einsum, linear algebra, creation.

pub mod creation;
pub mod decomp;
pub mod einsum;
pub mod fft;
pub mod flat;
pub mod histogram;
pub mod index_fast;
pub mod indexing;
pub mod lanes;
pub mod linalg;
pub mod manip;
pub mod methods;
pub mod numerics;
pub mod overlap;
pub mod pending;
pub mod products;
pub mod quantile;
pub mod quantile_out;
pub mod reduce;
pub mod reduce_args;
pub mod select;
pub mod sort;
pub mod stats;
pub mod take;
pub mod ufunc;
