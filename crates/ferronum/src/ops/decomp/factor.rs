//! `cholesky` and `qr`.

use super::batch::{
    batch_shape, cast, check_2d, check_square, common_dtype, dims, mats, run_stack, with_par,
    Field, OutStack,
};
use crate::array::Array;
use crate::error::{Error, Result};
use crate::Complex64;
use faer::linalg::solvers::{Llt, Qr};
use faer::Side;

/// `cholesky(a, upper)`: `L` with `a = L L^H` from the lower triangle, or (`upper`) `U` with
/// `a = U^H U` from the upper triangle; the other triangle of the result is zero.
pub fn cholesky(a: &Array, upper: bool) -> Result<Array> {
    check_square(a)?;
    let a = cast(a, common_dtype(&[a.dtype()])?)?;
    with_field!(a.dtype(), T => cholesky_stack::<T>(&a, upper))
}

fn cholesky_stack<T: Field>(a: &Array, upper: bool) -> Result<Array> {
    let n = dims(a).0;
    let mut out = OutStack::<T>::new(&batch_shape(a), n, n)?;
    if n == 0 {
        return Ok(out.array);
    }
    let views = mats::<T>(a);
    let slots = out.slots();
    run_stack(views.len(), n, |b| {
        let side = if upper { Side::Upper } else { Side::Lower };
        let llt = Llt::new(views[b], side)
            .map_err(|_| Error::linalg("Matrix is not positive definite"))?;
        // SAFETY: `run_stack` calls each `b < views.len()` once, and `out` has one matrix
        // per matrix of `a`, so matrix `b` exists and this task's view is its only one; `out`
        // outlives the call.
        let mut dst = unsafe { slots.mat(b) };
        if upper {
            dst.copy_from(llt.L().adjoint());
        } else {
            dst.copy_from(llt.L());
        }
        Ok(())
    })?;
    Ok(out.array)
}

/// `qr`'s modes (NumPy's deprecated aliases are mapped by the caller).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum QrMode {
    Reduced,
    Complete,
    R,
    /// LAPACK's `geqrf` output: `[h, tau]`, `h` the transposed factored matrix.
    Raw,
}

/// `qr(a, mode)`: `[q, r]`, `[r]` for mode `'r'`, `[h, tau]` for `'raw'`.
pub fn qr(a: &Array, mode: QrMode) -> Result<Vec<Array>> {
    check_2d(a)?;
    let a = cast(a, common_dtype(&[a.dtype()])?)?;
    if mode == QrMode::Raw {
        return with_field!(a.dtype(), T => qr_raw::<T>(&a));
    }
    with_field!(a.dtype(), T => qr_stack::<T>(&a, mode))
}

/// faer keeps its reflectors as `I - v v^H / t`, LAPACK as `I - tau v v^H`: the same `v`
/// (unit head, stored below the diagonal) with `tau = 1 / t`.
fn qr_raw<T: Field>(a: &Array) -> Result<Vec<Array>> {
    let (m, n) = dims(a);
    let k = m.min(n);
    let batch = batch_shape(a);
    let mut h = OutStack::<T>::new(&batch, m, n)?;
    let mut tau = Vec::with_capacity(a.size() / (m * n).max(1) * k);
    let views = mats::<T>(a);
    with_par(m.max(n), || {
        for (b, mat) in views.into_iter().enumerate() {
            if k == 0 {
                continue;
            }
            let f = Qr::new(mat);
            let (basis, coeff, r) = (f.Q_basis(), f.Q_coeff(), f.thin_R());
            let bs = coeff.nrows();
            let mut hm = h.mat(b);
            for i in 0..m {
                for j in 0..n {
                    hm[(i, j)] = if i <= j { r[(i, j)] } else { basis[(i, j)] };
                }
            }
            for j in 0..k {
                let t = coeff[(j % bs, j)].c64().re;
                let inv = if t.is_finite() && t != 0.0 {
                    1.0 / t
                } else {
                    0.0
                };
                tau.push(T::from_c64(Complex64::new(inv, 0.0)));
            }
        }
    });
    let nd = h.array.ndim() as isize;
    let mut perm: Vec<isize> = (0..nd).collect();
    perm.swap(nd as usize - 2, nd as usize - 1);
    let ht = h.array.transpose(Some(&perm))?;
    let tau = Array::from_vec(tau, &super::batch::with_dims(&batch, &[k]))?;
    Ok(vec![ht, tau])
}

fn qr_stack<T: Field>(a: &Array, mode: QrMode) -> Result<Vec<Array>> {
    let (m, n) = dims(a);
    let k = m.min(n);
    let batch = batch_shape(a);
    let (qc, rr) = match mode {
        QrMode::Complete => (m, m),
        _ => (k, k),
    };
    let mut q = OutStack::<T>::new(&batch, m, qc)?;
    let mut r = OutStack::<T>::new(&batch, rr, n)?;
    let views = mats::<T>(a);
    let one = T::from_c64(Complex64::new(1.0, 0.0));
    with_par(m.max(n), || {
        for (b, mat) in views.into_iter().enumerate() {
            if k == 0 {
                let mut qm = q.mat(b);
                for i in 0..qc.min(m) {
                    qm[(i, i)] = one;
                }
                continue;
            }
            let f = Qr::new(mat);
            r.mat(b).subrows_mut(0, k).copy_from(f.thin_R());
            match mode {
                QrMode::Complete => q.mat(b).copy_from(f.compute_Q()),
                QrMode::Reduced => q.mat(b).copy_from(f.compute_thin_Q()),
                QrMode::R | QrMode::Raw => {}
            }
        }
    });
    Ok(match mode {
        QrMode::R => vec![r.array],
        _ => vec![q.array, r.array],
    })
}
