//! Functions built on the decompositions: `pinv`, `lstsq`, `matrix_rank`, `cond`.

use super::batch::{
    all_finite, batch_shape, cast, check_2d, check_square, common_dtype, dims, mats, real_array,
    with_dims, with_par, Field, OutStack,
};
use super::lu::inv_stack;
use super::spectral::{singular_values_stack, svd_parts};
use crate::array::Array;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::ops::linalg::{norm, NormOrd};
use crate::Complex64;
use faer::linalg::matmul::matmul;
use faer::linalg::solvers::{Qr, SolveLstsq};
use faer::{Accum, Mat, MatRef};

fn one<T: Field>() -> T {
    T::from_c64(Complex64::new(1.0, 0.0))
}

/// `V diag(1/s) U^H`, dropping the singular values at or below `cutoff`.
fn apply_pinv<T: Field>(u: MatRef<'_, T>, s: &[f64], v: MatRef<'_, T>, cutoff: f64) -> Mat<T> {
    let vs = Mat::from_fn(v.nrows(), v.ncols(), |i, j| {
        let inv = if s[j] > cutoff { 1.0 / s[j] } else { 0.0 };
        T::from_c64(v[(i, j)].c64() * inv)
    });
    let mut out = Mat::<T>::zeros(v.nrows(), u.nrows());
    matmul(
        out.as_mut(),
        Accum::Replace,
        vs.as_ref(),
        u.adjoint(),
        one::<T>(),
        faer::get_global_parallelism(),
    );
    out
}

/// Picks entry `b` of a per-matrix parameter that is either one value or one per matrix.
fn pick(v: &[f64], b: usize) -> f64 {
    if v.len() == 1 {
        v[0]
    } else {
        v[b]
    }
}

/// `pinv(a, rcond, hermitian)` with `rcond` one value or one per matrix of the stack.
pub fn pinv(a: &Array, rcond: &[f64], hermitian: bool) -> Result<Array> {
    check_2d(a)?;
    let (m, n) = dims(a);
    if m == 0 || n == 0 {
        return Array::zeros(&with_dims(&batch_shape(a), &[n, m]), a.dtype());
    }
    if hermitian {
        check_square(a)?;
    }
    let a = cast(a, common_dtype(&[a.dtype()])?)?;
    with_field!(a.dtype(), T => pinv_stack::<T>(&a, rcond, hermitian))
}

fn pinv_stack<T: Field>(a: &Array, rcond: &[f64], hermitian: bool) -> Result<Array> {
    let (m, n) = dims(a);
    let mut out = OutStack::<T>::new(&batch_shape(a), n, m)?;
    let views = mats::<T>(a);
    with_par(m.max(n), || -> Result<()> {
        for (b, mat) in views.into_iter().enumerate() {
            if !hermitian && !all_finite(mat) {
                return Err(Error::linalg("SVD did not converge"));
            }
            let (u, s, v) = svd_parts(mat, hermitian)?;
            let cutoff = pick(rcond, b) * s.iter().copied().fold(0.0, f64::max);
            out.mat(b)
                .copy_from(&apply_pinv(u.as_ref(), &s, v.as_ref(), cutoff));
        }
        Ok(())
    })?;
    Ok(out.array)
}

/// `lstsq`'s results: `x`, residuals, rank, singular values.
pub struct Lstsq {
    pub x: Array,
    pub residuals: Array,
    pub rank: i64,
    pub s: Array,
}

fn two_d(a: &Array) -> Result<()> {
    if a.ndim() != 2 {
        return Err(Error::linalg(format!(
            "{}-dimensional array given. Array must be two-dimensional",
            a.ndim()
        )));
    }
    Ok(())
}

/// `lstsq(a, b, rcond)`: the minimum-norm least-squares solution from the SVD of `a`
/// (singular values at or below `rcond * s_max` count as zero; `rcond` None is
/// `eps * max(m, n)`).
pub fn lstsq(a: &Array, b: &Array, rcond: Option<f64>) -> Result<Lstsq> {
    let vector = b.ndim() == 1;
    let b2 = if vector {
        b.reshape(&[b.shape()[0] as isize, 1])?
    } else {
        b.clone()
    };
    two_d(a)?;
    two_d(&b2)?;
    let (m, n) = dims(a);
    if b2.shape()[0] != m {
        return Err(Error::linalg("Incompatible dimensions"));
    }
    let dt = common_dtype(&[a.dtype(), b.dtype()])?;
    let eps = if dt.real() == DType::F32 {
        f32::EPSILON as f64
    } else {
        f64::EPSILON
    };
    let rcond = match rcond {
        None => eps * m.max(n) as f64,
        Some(r) if r < 0.0 => eps,
        Some(r) => r,
    };
    let (a, b2) = (cast(a, dt)?, cast(&b2, dt)?);
    let mut r = with_field!(dt, T => lstsq_one::<T>(&a, &b2, rcond))?;
    if vector {
        r.x = r.x.reshape(&[n as isize])?;
    }
    Ok(r)
}

fn lstsq_one<T: Field>(a: &Array, b: &Array, rcond: f64) -> Result<Lstsq> {
    let (m, n) = dims(a);
    let k = m.min(n);
    let nrhs = dims(b).1;
    let (am, bm) = (mats::<T>(a)[0], mats::<T>(b)[0]);
    let mut x = OutStack::<T>::new(&[], n, nrhs)?;
    let rd = T::rdtype();
    if k == 0 {
        // x is zero; every column's residual is its squared norm when n == 0 < m.
        let res: Vec<f64> = (0..nrhs)
            .map(|j| (0..m).map(|i| bm[(i, j)].c64().norm_sqr()).sum())
            .collect();
        let residuals = if n == 0 && m > 0 {
            real_array(res, &[nrhs], rd)?
        } else {
            real_array(vec![], &[0], rd)?
        };
        return Ok(Lstsq {
            x: x.array,
            residuals,
            rank: 0,
            s: real_array(vec![], &[0], rd)?,
        });
    }
    if !all_finite(am) {
        return Err(lstsq_no_convergence());
    }
    with_par(m.max(n), || -> Result<Lstsq> {
        if m >= n {
            if let Some(r) = lstsq_qr(am, bm, rcond)? {
                return Ok(r);
            }
        }
        let (u, s, v) = svd_parts(am, false)?;
        let cutoff = rcond * s[0];
        let rank = s.iter().filter(|&&x| x > cutoff).count();
        let p = apply_pinv(u.as_ref(), &s, v.as_ref(), cutoff);
        let par = faer::get_global_parallelism();
        let mut xm = Mat::<T>::zeros(n, nrhs);
        matmul(xm.as_mut(), Accum::Replace, p.as_ref(), bm, one::<T>(), par);
        let residuals = if rank == n && m > n {
            let mut r = Mat::<T>::zeros(m, nrhs);
            r.copy_from(bm);
            matmul(
                r.as_mut(),
                Accum::Add,
                am,
                xm.as_ref(),
                T::from_c64(Complex64::new(-1.0, 0.0)),
                par,
            );
            column_sq_norms(r.as_ref(), 0, T::rdtype())?
        } else {
            real_array(vec![], &[0], T::rdtype())?
        };
        x.mat(0).copy_from(&xm);
        Ok(Lstsq {
            x: x.array,
            residuals,
            rank: rank as i64,
            s: real_array(s, &[k], T::rdtype())?,
        })
    })
}

/// NumPy's LinAlgError when `lstsq`'s SVD fails (or the input holds infs or NaNs).
fn lstsq_no_convergence() -> Error {
    Error::linalg("SVD did not converge in Linear Least Squares")
}

/// Squared 2-norms of the columns of `r` from row `from` down, as an array of dtype `dt`.
fn column_sq_norms<T: Field>(r: MatRef<'_, T>, from: usize, dt: DType) -> Result<Array> {
    let res: Vec<f64> = (0..r.ncols())
        .map(|j| (from..r.nrows()).map(|i| r[(i, j)].c64().norm_sqr()).sum())
        .collect();
    real_array(res, &[r.ncols()], dt)
}

/// `lstsq` of a matrix with `m >= n` by Householder QR when it has full column rank (the
/// least-squares solution is then unique, so it equals the SVD's minimum-norm one): the
/// singular values alone decide the rank, and they cost far less than the SVD's vectors.
/// A tall matrix's singular values are those of its `R`, a smaller problem. `None` when the
/// rank is below `n`, for the SVD path.
fn lstsq_qr<T: Field>(a: MatRef<'_, T>, b: MatRef<'_, T>, rcond: f64) -> Result<Option<Lstsq>> {
    let (m, n) = (a.nrows(), a.ncols());
    let (qr, s) = if m > n {
        let qr = Qr::new(a);
        let s = qr
            .thin_R()
            .singular_values()
            .map_err(|_| lstsq_no_convergence())?;
        (qr, s)
    } else {
        // A square matrix's singular values cost as much on one thread as on two (faer's
        // bidiagonalization barely scales at this size), so with a second thread the QR is
        // computed beside them rather than after; it is wasted only when the rank falls short.
        let par = faer::get_global_parallelism();
        let (s, qr) = if par.degree() > 1 {
            faer::set_global_parallelism(faer::Par::Seq);
            let both = rayon::join(|| a.singular_values(), || Qr::new(a));
            faer::set_global_parallelism(par);
            both
        } else {
            (a.singular_values(), Qr::new(a))
        };
        (qr, s.map_err(|_| lstsq_no_convergence())?)
    };
    let s: Vec<f64> = s.into_iter().map(|x| x.c64().re).collect();
    let cutoff = rcond * s[0];
    let rank = s.iter().filter(|&&x| x > cutoff).count();
    if rank < n {
        return Ok(None);
    }
    // Q^H b replaces b; its first n rows then become x, the rest are the residual's.
    let mut c = b.to_owned();
    qr.solve_lstsq_in_place(c.as_mut());
    let residuals = if m > n {
        column_sq_norms(c.as_ref(), n, T::rdtype())?
    } else {
        real_array(vec![], &[0], T::rdtype())?
    };
    let mut x = OutStack::<T>::new(&[], n, b.ncols())?;
    x.mat(0).copy_from(c.as_ref().subrows(0, n));
    Ok(Some(Lstsq {
        x: x.array,
        residuals,
        rank: rank as i64,
        s: real_array(s, &[n], T::rdtype())?,
    }))
}

/// `matrix_rank` of each matrix (at least 2-D): the count of singular values above `tol`,
/// or above `rtol * s_max` (`rtol` default `max(m, n) * eps`). `tol`/`rtol` hold one value
/// or one per matrix.
pub fn matrix_rank(
    a: &Array,
    tol: Option<&[f64]>,
    rtol: Option<&[f64]>,
    hermitian: bool,
) -> Result<Array> {
    if hermitian {
        check_square(a)?;
    } else {
        check_2d(a)?;
    }
    let a = cast(a, common_dtype(&[a.dtype()])?)?;
    let (m, n) = dims(&a);
    let k = m.min(n);
    let batch = batch_shape(&a);
    let s = with_field!(a.dtype(), T => singular_values_stack::<T>(&a, hermitian))?;
    // Compare in the precision NumPy does: the singular values' dtype.
    let single = a.dtype().real() == DType::F32;
    let round = |x: f64| if single { x as f32 as f64 } else { x };
    let eps = if single {
        f32::EPSILON as f64
    } else {
        f64::EPSILON
    };
    let count = batch.iter().product::<usize>();
    let ranks: Vec<i64> = (0..count)
        .map(|b| {
            let sv = &s[b * k..(b + 1) * k];
            let t = match (tol, rtol) {
                (Some(t), _) => pick(t, b),
                (None, r) => {
                    let r = r.map_or(m.max(n) as f64 * eps, |r| pick(r, b));
                    round(
                        sv.iter()
                            .copied()
                            .fold(f64::NEG_INFINITY, f64::max)
                            .max(0.0)
                            * r,
                    )
                }
            };
            sv.iter().filter(|&&x| x > t).count() as i64
        })
        .collect();
    Array::from_vec(ranks, &batch)
}

/// `cond`'s `p`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CondOrd {
    /// None or 2: largest over smallest singular value.
    Two,
    /// -2: smallest over largest.
    MinusTwo,
    /// 'fro', 'nuc', 1, -1, inf, -inf: `norm(a, p) * norm(inv(a), p)`.
    Norm(NormOrd),
}

/// `cond(x, p)`: NaN results become inf unless the matrix itself holds NaN.
pub fn cond(x: &Array, p: CondOrd) -> Result<Array> {
    if x.size() == 0
        && x.shape()[x.ndim().saturating_sub(2)..]
            .iter()
            .product::<usize>()
            == 0
    {
        return Err(Error::linalg("cond is not defined on empty arrays"));
    }
    check_2d(x)?;
    let dt = common_dtype(&[x.dtype()])?;
    let batch = batch_shape(x);
    let (m, n) = dims(x);
    let r: Vec<f64> = match p {
        CondOrd::Two | CondOrd::MinusTwo => {
            let a = cast(x, dt)?;
            let k = m.min(n);
            let s = with_field!(dt, T => singular_values_stack::<T>(&a, false))?;
            s.chunks(k)
                .map(|sv| {
                    if p == CondOrd::Two {
                        sv[0] / sv[k - 1]
                    } else {
                        sv[k - 1] / sv[0]
                    }
                })
                .collect()
        }
        CondOrd::Norm(ord) => {
            check_square(x)?;
            let wide = if dt.is_complex() {
                DType::C128
            } else {
                DType::F64
            };
            let a = cast(x, wide)?;
            let invx = with_field!(wide, T => inv_stack::<T>(&a, true))?;
            let nd = x.ndim() as isize;
            let axes = [nd - 2, nd - 1];
            let nx = norm(x, ord, Some(&axes), false)?
                .astype(DType::F64)?
                .to_vec::<f64>();
            let ni = norm(&invx, ord, Some(&axes), false)?.to_vec::<f64>();
            nx.iter().zip(&ni).map(|(a, b)| a * b).collect()
        }
    };
    let a = cast(
        x,
        if dt.is_complex() {
            DType::C128
        } else {
            DType::F64
        },
    )?;
    let has_nan: Vec<bool> = with_field!(a.dtype(), T => mats::<T>(&a)
        .into_iter()
        .map(|m| {
            (0..m.ncols()).any(|j| (0..m.nrows()).any(|i| {
                let z = m[(i, j)].c64();
                z.re.is_nan() || z.im.is_nan()
            }))
        })
        .collect());
    let r = r
        .into_iter()
        .zip(has_nan)
        .map(|(v, nan)| if v.is_nan() && !nan { f64::INFINITY } else { v })
        .collect();
    real_array(r, &batch, dt.real())
}
