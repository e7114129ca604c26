//! `numpy.random`'s algorithms, written here so that the streams equal NumPy's bit for bit:
//! the seed hashing of `SeedSequence` (`seedseq`), the bit generators (`pcg64`, `mt19937`,
//! `philox`, `sfc64`, behind the one `BitGen` enum of `bitgen`), the bounded integers
//! (`bounded`), the distributions of `Generator` (`dist`), those of the legacy `RandomState`
//! (`legacy`), and the array-level drivers the bindings call (`fill`).

pub mod bitgen;
pub mod bounded;
pub mod checks;
pub mod dist;
pub mod fill;
pub mod legacy;
mod logfact;
pub mod mt19937;
pub mod par_int;
pub mod pcg64;
pub mod philox;
pub mod seedseq;
pub mod sfc64;
mod ziggurat;

pub use bitgen::{BitGen, Bits};
