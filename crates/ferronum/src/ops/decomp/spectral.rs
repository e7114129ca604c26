//! Eigen- and singular value decompositions: `eig`, `eigvals`, `eigh`, `eigvalsh`, `svd`.

use super::batch::{
    all_finite, batch_shape, cast, check_2d, check_square, common_dtype, dims, mats, real_array,
    run_stack, with_dims, with_par, Field, OutStack,
};
use crate::array::Array;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::Complex64;
use faer::linalg::solvers::{SelfAdjointEigen, Svd};
use faer::{Mat, MatRef, Side};

fn no_convergence_eig() -> Error {
    Error::linalg("Eigenvalues did not converge")
}

fn prepared(a: &Array, square: bool) -> Result<Array> {
    if square {
        check_square(a)?;
    } else {
        check_2d(a)?;
    }
    cast(a, common_dtype(&[a.dtype()])?)
}

/// Eigenvalues (ascending) and, when asked, eigenvectors of one Hermitian matrix read from
/// its lower (or upper) triangle.
pub(super) fn eigh_one<T: Field>(
    m: MatRef<'_, T>,
    lower: bool,
    vectors: bool,
) -> Result<(Vec<f64>, Option<Mat<T>>)> {
    let side = if lower { Side::Lower } else { Side::Upper };
    // LAPACK ignores the imaginary part of a Hermitian matrix's diagonal; faer would use it.
    let owned;
    let m = if T::COMPLEX {
        let mut c = m.to_owned();
        for i in 0..c.nrows() {
            c[(i, i)] = T::from_c64(Complex64::new(c[(i, i)].c64().re, 0.0));
        }
        owned = c;
        owned.as_ref()
    } else {
        m
    };
    if vectors {
        let e = SelfAdjointEigen::new(m, side).map_err(|_| no_convergence_eig())?;
        let s = e.S();
        let w = (0..m.nrows()).map(|i| s[i].c64().re).collect();
        Ok((w, Some(e.U().to_owned())))
    } else {
        let w = m
            .self_adjoint_eigenvalues(side)
            .map_err(|_| no_convergence_eig())?;
        Ok((w.into_iter().map(|x| x.c64().re).collect(), None))
    }
}

/// `eigh` (`vectors`) or `eigvalsh`: `[w]` or `[w, v]`.
pub fn eigh(a: &Array, lower: bool, vectors: bool) -> Result<Vec<Array>> {
    let a = prepared(a, true)?;
    with_field!(a.dtype(), T => eigh_stack::<T>(&a, lower, vectors))
}

fn eigh_stack<T: Field>(a: &Array, lower: bool, vectors: bool) -> Result<Vec<Array>> {
    let n = dims(a).0;
    let batch = batch_shape(a);
    let mut v = OutStack::<T>::new(&batch, n, n)?;
    let views = mats::<T>(a);
    let slots = v.slots();
    let parts = run_stack(views.len(), n, |b| {
        if n == 0 {
            return Ok(Vec::new());
        }
        let (vals, vecs) = eigh_one(views[b], lower, vectors)?;
        if let Some(u) = vecs {
            // SAFETY: `run_stack` calls each `b < views.len()` once, and `v` has one matrix
            // per matrix of `a`, so matrix `b` exists and this task's view, dropped at the end
            // of the statement, is its only one; `v` outlives the call.
            unsafe { slots.mat(b) }.copy_from(&u);
        }
        Ok(vals)
    })?;
    let w = parts.concat();
    let w = real_array(w, &with_dims(&batch, &[n]), T::rdtype())?;
    Ok(if vectors { vec![w, v.array] } else { vec![w] })
}

/// `eig` (`vectors`) or `eigvals`: `[w]` or `[w, v]`. A real input gives real results when
/// every eigenvalue of the stack is real, complex ones otherwise (as NumPy 2).
pub fn eig(a: &Array, vectors: bool) -> Result<Vec<Array>> {
    let a = prepared(a, true)?;
    with_field!(a.dtype(), T => eig_stack::<T>(&a, vectors))
}

fn eig_stack<T: Field>(a: &Array, vectors: bool) -> Result<Vec<Array>> {
    let n = dims(a).0;
    let batch = batch_shape(a);
    let views = mats::<T>(a);
    if views.iter().any(|m| !all_finite(*m)) {
        return Err(Error::linalg("Array must not contain infs or NaNs"));
    }
    let mut w: Vec<Complex64> = Vec::with_capacity(views.len() * n);
    let mut v: Vec<Complex64> = Vec::with_capacity(if vectors { views.len() * n * n } else { 0 });
    let c =
        |z: &num_complex::Complex<<T as Field>::R>| Complex64::new(z.re.c64().re, z.im.c64().re);
    with_par(n, || -> Result<()> {
        for m in views {
            if n == 0 {
                continue;
            }
            if vectors {
                let e = m.eigen().map_err(|_| no_convergence_eig())?;
                let (s, u) = (e.S(), e.U());
                w.extend((0..n).map(|i| c(&s[i])));
                // LAPACK's vectors have unit 2-norm; faer's are scaled differently.
                let norms: Vec<f64> = (0..n)
                    .map(|j| (0..n).map(|i| c(&u[(i, j)]).norm_sqr()).sum::<f64>().sqrt())
                    .collect();
                for i in 0..n {
                    for (j, nj) in norms.iter().enumerate() {
                        let z = c(&u[(i, j)]);
                        v.push(if *nj > 0.0 { z / nj } else { z });
                    }
                }
            } else {
                let s = m.eigenvalues().map_err(|_| no_convergence_eig())?;
                w.extend(s.iter().map(c));
            }
        }
        Ok(())
    })?;
    let real = !T::COMPLEX && w.iter().all(|z| z.im == 0.0);
    let (dt, cdt) = (
        T::rdtype(),
        if T::rdtype() == DType::F32 {
            DType::C64
        } else {
            DType::C128
        },
    );
    let build = |vals: Vec<Complex64>, shape: &[usize]| -> Result<Array> {
        if real {
            real_array(vals.into_iter().map(|z| z.re).collect(), shape, dt)
        } else {
            let a = Array::from_vec(vals, shape)?;
            if cdt == DType::C128 {
                Ok(a)
            } else {
                a.astype(cdt)
            }
        }
    };
    let mut out = vec![build(w, &with_dims(&batch, &[n]))?];
    if vectors {
        out.push(build(v, &with_dims(&batch, &[n, n]))?);
    }
    Ok(out)
}

/// `U` (`m x k`), descending singular values, and `V` (`n x k`) of one matrix; with
/// `hermitian`, from its eigendecomposition as NumPy does (`V` is `U` times the signs of the
/// eigenvalues).
pub(super) fn svd_parts<T: Field>(
    m: MatRef<'_, T>,
    hermitian: bool,
) -> Result<(Mat<T>, Vec<f64>, Mat<T>)> {
    if hermitian {
        let (w, u) = eigh_one(m, true, true)?;
        let u = u.unwrap_or_else(|| Mat::zeros(0, 0));
        let order = descending_abs(&w);
        let n = w.len();
        let uu = Mat::from_fn(n, n, |i, j| u[(i, order[j])]);
        let vv = Mat::from_fn(n, n, |i, j| {
            let sg = w[order[j]].signum() * if w[order[j]] == 0.0 { 0.0 } else { 1.0 };
            T::from_c64(u[(i, order[j])].c64() * sg)
        });
        return Ok((uu, order.iter().map(|&i| w[i].abs()).collect(), vv));
    }
    let scale = range_scale(m);
    let scaled = scale.map(|f| scaled_copy(m, f));
    let f = Svd::new_thin(scaled.as_ref().map_or(m, |c| c.as_ref())).map_err(|_| svd_error())?;
    let s = f.S();
    let k = m.nrows().min(m.ncols());
    let back = 1.0 / scale.unwrap_or(1.0);
    Ok((
        f.U().to_owned(),
        (0..k).map(|i| s[i].c64().re * back).collect(),
        f.V().to_owned(),
    ))
}

/// The factor LAPACK's `?gesdd` scales a matrix by before its SVD (and the singular values
/// back by after), if any: when the largest `|a_ij|` lies outside `[sqrt(tiny)/eps,
/// eps/sqrt(tiny)]` of the precision, products of entries overflow or underflow inside the
/// iteration and faer reports no convergence (a float32 matrix of entries near 1e19 does).
fn range_scale<T: Field>(m: MatRef<'_, T>) -> Option<f64> {
    let (tiny, eps) = match T::rdtype() {
        DType::F32 => (f32::MIN_POSITIVE as f64, f32::EPSILON as f64),
        _ => (f64::MIN_POSITIVE, f64::EPSILON),
    };
    let small = tiny.sqrt() / eps;
    let big = 1.0 / small;
    let mut amax = 0.0f64;
    for j in 0..m.ncols() {
        for i in 0..m.nrows() {
            amax = amax.max(m[(i, j)].c64().norm());
        }
    }
    if amax > 0.0 && amax < small {
        Some(small / amax)
    } else if amax > big && amax.is_finite() {
        Some(big / amax)
    } else {
        None
    }
}

fn scaled_copy<T: Field>(m: MatRef<'_, T>, f: f64) -> Mat<T> {
    Mat::from_fn(m.nrows(), m.ncols(), |i, j| {
        T::from_c64(m[(i, j)].c64() * f)
    })
}

/// Indices sorting `|w|` descending, as `argsort(|w|)[::-1]`.
fn descending_abs(w: &[f64]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..w.len()).collect();
    idx.sort_by(|&a, &b| w[a].abs().total_cmp(&w[b].abs()));
    idx.reverse();
    idx
}

fn has_nan<T: Field>(m: MatRef<'_, T>) -> bool {
    (0..m.ncols()).any(|j| {
        (0..m.nrows()).any(|i| {
            let z = m[(i, j)].c64();
            z.re.is_nan() || z.im.is_nan()
        })
    })
}

fn svd_error() -> Error {
    Error::linalg("SVD did not converge")
}

/// Descending singular values of one matrix.
pub(super) fn singular_values_one<T: Field>(m: MatRef<'_, T>, hermitian: bool) -> Result<Vec<f64>> {
    if m.nrows() == 0 || m.ncols() == 0 {
        return Ok(Vec::new());
    }
    if hermitian {
        let (w, _) = eigh_one(m, true, false)?;
        let mut s: Vec<f64> = w.iter().map(|x| x.abs()).collect();
        s.sort_by(|a, b| b.total_cmp(a));
        return Ok(s);
    }
    if has_nan(m) {
        return Err(svd_error());
    }
    if !all_finite(m) {
        // LAPACK's answer for infinite entries.
        return Ok(vec![f64::NAN; m.nrows().min(m.ncols())]);
    }
    let s = match range_scale(m) {
        Some(f) => {
            let s = scaled_copy(m, f)
                .singular_values()
                .map_err(|_| svd_error())?;
            s.into_iter().map(|x| x.c64().re / f).collect()
        }
        None => {
            let s = m.singular_values().map_err(|_| svd_error())?;
            s.into_iter().map(|x| x.c64().re).collect()
        }
    };
    Ok(s)
}

/// Singular values of every matrix of a prepared stack, as float64, matrix after matrix.
pub(crate) fn singular_values_stack<T: Field>(a: &Array, hermitian: bool) -> Result<Vec<f64>> {
    let (m, n) = dims(a);
    let views = mats::<T>(a);
    let parts = run_stack(views.len(), m.max(n), |b| {
        singular_values_one(views[b], hermitian)
    })?;
    Ok(parts.concat())
}

/// `svd(a, full_matrices, compute_uv, hermitian)`: `[u, s, vh]`, or `[s]`.
pub fn svd(a: &Array, full: bool, vectors: bool, hermitian: bool) -> Result<Vec<Array>> {
    let a = prepared(a, hermitian)?;
    with_field!(a.dtype(), T => svd_stack::<T>(&a, full, vectors, hermitian))
}

fn svd_stack<T: Field>(
    a: &Array,
    full: bool,
    vectors: bool,
    hermitian: bool,
) -> Result<Vec<Array>> {
    let (m, n) = dims(a);
    let k = m.min(n);
    let batch = batch_shape(a);
    if !vectors {
        let s = singular_values_stack::<T>(a, hermitian)?;
        return Ok(vec![real_array(s, &with_dims(&batch, &[k]), T::rdtype())?]);
    }
    let (uc, vr) = if full { (m, n) } else { (k, k) };
    let mut u = OutStack::<T>::new(&batch, m, uc)?;
    let mut vh = OutStack::<T>::new(&batch, vr, n)?;
    let mut s = Vec::with_capacity(a.size() / (m * n).max(1) * k);
    let views = mats::<T>(a);
    let one = T::from_c64(Complex64::new(1.0, 0.0));
    with_par(m.max(n), || -> Result<()> {
        for (b, mat) in views.into_iter().enumerate() {
            if k == 0 {
                let (mut um, mut vm) = (u.mat(b), vh.mat(b));
                for i in 0..uc.min(m) {
                    um[(i, i)] = one;
                }
                for i in 0..vr.min(n) {
                    vm[(i, i)] = one;
                }
                continue;
            }
            if !hermitian && has_nan(mat) {
                return Err(svd_error());
            }
            if full && !hermitian && m != n {
                let scale = range_scale(mat);
                let scaled = scale.map(|f| scaled_copy(mat, f));
                let f = Svd::new(scaled.as_ref().map_or(mat, |c| c.as_ref()))
                    .map_err(|_| svd_error())?;
                let sv = f.S();
                let back = 1.0 / scale.unwrap_or(1.0);
                s.extend((0..k).map(|i| sv[i].c64().re * back));
                u.mat(b).copy_from(f.U());
                vh.mat(b).copy_from(f.V().adjoint());
            } else {
                let (uu, sv, vv) = svd_parts(mat, hermitian)?;
                s.extend(sv);
                u.mat(b).copy_from(&uu);
                vh.mat(b).copy_from(vv.adjoint());
            }
        }
        Ok(())
    })?;
    let s = real_array(s, &with_dims(&batch, &[k]), T::rdtype())?;
    Ok(vec![u.array, s, vh.array])
}
