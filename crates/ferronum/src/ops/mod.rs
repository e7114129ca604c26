//! Operations on arrays: element-wise ufuncs, reductions, einsum, linear algebra, creation.

pub mod creation;
pub mod decomp;
pub mod einsum;
pub mod lanes;
pub mod linalg;
pub mod methods;
pub mod products;
pub mod quantile;
pub mod reduce;
pub mod stats;
pub mod ufunc;
