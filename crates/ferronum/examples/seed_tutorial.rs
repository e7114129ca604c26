//! The seed tutorial's computations through the engine's own Rust API: creation, operators,
//! `sum` along an axis, `norm` and `einsum`.
//!
//! Run with `cargo run --release -p ferronum --example seed_tutorial`.

use ferronum::ops::creation::arange;
use ferronum::ops::einsum::einsum;
use ferronum::{Array, DType, Result, Scalar, Wide};
use std::time::Instant;

fn main() -> Result<()> {
    // x = np.arange(1000) ** 2
    let x =
        arange(Wide::I(0), Wide::I(1000), Wide::I(1), DType::I64)?.pow_scalar(Scalar::Int(2))?;
    println!(
        "arange(1000)**2: first {:?}, last {:?}",
        x.get(&[1])?,
        x.get(&[999])?
    );

    // p = np.arange(1000); q = np.arange(1000) + 2
    let p = arange(Wide::I(0), Wide::I(1000), Wide::I(1), DType::I64)?;
    let q = (&p + 2)?;

    // simple_numpy_dist: np.sum((p - q) ** 2) ** 0.5
    let d = (&p - &q)?
        .pow_scalar(Scalar::Int(2))?
        .sum(None, false, None)?;
    let dist = d.item()?.to_f64().powf(0.5);
    println!("simple_numpy_dist = {dist}");

    // numpy_norm_dist: np.linalg.norm(p - q)
    println!(
        "numpy_norm_dist   = {:?}",
        (&p - &q)?.norm(None, false)?.item()?
    );

    // ps, qs: 1000 x 1000 int64, ps[j, i] = i + 1000 j, qs = ps + 2
    let n = 1000usize;
    let ps = Array::from_vec((0..(n * n) as i64).collect(), &[n, n])?;
    let qs = (&ps + 2)?;

    let t = Instant::now();
    let diff = (&ps - &qs)?;
    // simple_numpy_dists: np.sum((ps - qs) ** 2, axis=1) ** 0.5
    let dists = diff
        .pow_scalar(Scalar::Int(2))?
        .sum(Some(&[1]), false, None)?
        .pow_scalar(Scalar::Float(0.5))?;
    println!(
        "simple_numpy_dists: shape {:?}, dtype {}, [0] = {:?} ({:?})",
        dists.shape(),
        dists.dtype(),
        dists.get(&[0])?,
        t.elapsed()
    );

    // numpy_norm_dists: np.linalg.norm(ps - qs, axis=1)
    let t = Instant::now();
    let norms = diff.norm(Some(&[1]), false)?;
    println!(
        "numpy_norm_dists:   shape {:?}, dtype {}, [0] = {:?} ({:?})",
        norms.shape(),
        norms.dtype(),
        norms.get(&[0])?,
        t.elapsed()
    );

    // einsum_dists: np.einsum('ij,ij->i', d, d) ** 0.5
    let t = Instant::now();
    let e = einsum("ij,ij->i", &[&diff, &diff])?.pow_scalar(Scalar::Float(0.5))?;
    println!(
        "einsum_dists:       shape {:?}, dtype {}, [0] = {:?} ({:?})",
        e.shape(),
        e.dtype(),
        e.get(&[0])?,
        t.elapsed()
    );
    Ok(())
}
