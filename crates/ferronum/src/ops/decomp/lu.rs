//! LU-based functions: `det`, `slogdet`, `inv`, `solve`, on faer's partially pivoted LU
//! (LAPACK's `getrf`, which NumPy uses, pivots the same way).

use super::batch::{
    batch_shape, cast, check_square, common_dtype, dims, mats, run_stack, with_dims, Field,
    OutStack,
};
use crate::array::Array;
use crate::error::{Error, Result};
use crate::Complex64;
use faer::linalg::solvers::{DenseSolveCore, PartialPivLu, Solve};
use faer::{Mat, MatRef};
use smallvec::SmallVec;

fn singular() -> Error {
    Error::linalg("Singular matrix")
}

/// Whether the permutation is odd, from its cycle count.
fn odd(fwd: &[usize]) -> bool {
    let mut seen = vec![false; fwd.len()];
    let mut swaps = 0usize;
    for s in 0..fwd.len() {
        let mut k = s;
        let mut len = 0usize;
        while !seen[k] {
            seen[k] = true;
            k = fwd[k];
            len += 1;
        }
        swaps += len.saturating_sub(1);
    }
    swaps % 2 == 1
}

/// The sign (a unit number, or 0) and log of the absolute value of the determinant.
fn sign_log<T: Field>(a: MatRef<'_, T>) -> (Complex64, f64) {
    if a.nrows() == 0 {
        return (Complex64::new(1.0, 0.0), 0.0);
    }
    let lu = PartialPivLu::new(a);
    let mut sign = Complex64::new(if odd(lu.P().arrays().0) { -1.0 } else { 1.0 }, 0.0);
    let mut log = 0.0;
    let u = lu.U();
    for i in 0..u.nrows() {
        let d = u[(i, i)].c64();
        let r = d.norm();
        if r == 0.0 {
            return (Complex64::new(0.0, 0.0), f64::NEG_INFINITY);
        }
        sign *= d / r;
        log += r.ln();
    }
    (sign, log)
}

fn det_one<T: Field>(a: MatRef<'_, T>) -> T {
    if a.nrows() == 0 {
        return T::from_c64(Complex64::new(1.0, 0.0));
    }
    let lu = PartialPivLu::new(a);
    let u = lu.U();
    let sign = if odd(lu.P().arrays().0) { -1.0 } else { 1.0 };
    let mut p = Complex64::new(sign, 0.0);
    // Real products stay real: a complex product that overflows would turn inf into NaN.
    let mut r = sign;
    for i in 0..u.nrows() {
        let d = u[(i, i)].c64();
        // faer carries on past a zero pivot with NaN in the trailing block.
        if d == Complex64::new(0.0, 0.0) {
            return T::from_c64(d);
        }
        p *= d;
        r *= d.re;
    }
    T::from_c64(if T::COMPLEX {
        p
    } else {
        Complex64::new(r, 0.0)
    })
}

fn prepared(a: &Array) -> Result<Array> {
    check_square(a)?;
    cast(a, common_dtype(&[a.dtype()])?)
}

/// `det`: one value per matrix, in the compute dtype.
pub fn det(a: &Array) -> Result<Array> {
    let a = prepared(a)?;
    let batch = batch_shape(&a);
    with_field!(a.dtype(), T => {
        let views = mats::<T>(&a);
        let v: Vec<T> = run_stack(views.len(), dims(&a).0, |b| Ok(det_one(views[b])))?;
        Array::from_vec(v, &batch)
    })
}

/// `slogdet`: (sign in the compute dtype, log|det| in its real dtype).
pub fn slogdet(a: &Array) -> Result<(Array, Array)> {
    let a = prepared(a)?;
    let batch = batch_shape(&a);
    with_field!(a.dtype(), T => {
        let views = mats::<T>(&a);
        let v: Vec<(Complex64, f64)> = run_stack(views.len(), dims(&a).0, |b| Ok(sign_log(views[b])))?;
        let sign: Vec<T> = v.iter().map(|p| T::from_c64(p.0)).collect();
        let log: Vec<<T as Field>::R> = v.iter().map(|p| T::re_of(Complex64::new(p.1, 0.0))).collect();
        Ok((Array::from_vec(sign, &batch)?, Array::from_vec(log, &batch)?))
    })
}

fn is_singular<T: Field>(lu: &PartialPivLu<T>) -> bool {
    let u = lu.U();
    (0..u.nrows()).any(|i| u[(i, i)].c64() == Complex64::new(0.0, 0.0))
}

/// Inverse of every matrix of the prepared stack `a`; a singular one is an error, or (with
/// `nan_on_singular`, as `cond` wants) a matrix of NaN.
pub(super) fn inv_stack<T: Field>(a: &Array, nan_on_singular: bool) -> Result<Array> {
    let (n, _) = dims(a);
    let mut out = OutStack::<T>::new(&batch_shape(a), n, n)?;
    if n == 0 {
        return Ok(out.array);
    }
    let views = mats::<T>(a);
    let nan = T::from_c64(Complex64::new(f64::NAN, f64::NAN));
    let slots = out.slots();
    run_stack(views.len(), n, |b| {
        let lu = PartialPivLu::new(views[b]);
        // SAFETY: `run_stack` calls each `b < views.len()` once, and `out` has one matrix
        // per matrix of `a`, so matrix `b` exists and this task's view is its only one; `out`
        // outlives the call.
        let mut dst = unsafe { slots.mat(b) };
        if is_singular(&lu) {
            if !nan_on_singular {
                return Err(singular());
            }
            dst.fill(nan);
            return Ok(());
        }
        dst.copy_from(lu.inverse());
        Ok(())
    })?;
    Ok(out.array)
}

/// `inv`.
pub fn inv(a: &Array) -> Result<Array> {
    let a = prepared(a)?;
    with_field!(a.dtype(), T => inv_stack::<T>(&a, false))
}

fn broadcast_batches(a: &[usize], b: &[usize]) -> Option<SmallVec<[usize; 6]>> {
    let n = a.len().max(b.len());
    let mut out = SmallVec::new();
    for k in 0..n {
        let x = if k + a.len() >= n {
            a[k + a.len() - n]
        } else {
            1
        };
        let y = if k + b.len() >= n {
            b[k + b.len() - n]
        } else {
            1
        };
        out.push(match (x, y) {
            (x, y) if x == y => x,
            (1, y) => y,
            (x, 1) => x,
            _ => return None,
        });
    }
    Some(out)
}

fn shape_str(s: &[usize]) -> String {
    let parts: Vec<String> = s.iter().map(|d| d.to_string()).collect();
    if s.len() == 1 {
        format!("({},)", parts[0])
    } else {
        format!("({})", parts.join(","))
    }
}

/// `solve(a, b)` with NumPy 2's rule: `b` is a vector only when it is 1-D; otherwise its
/// last two axes are a matrix of right-hand sides, and the batch axes broadcast.
pub fn solve(a: &Array, b: &Array) -> Result<Array> {
    check_square(a)?;
    let dt = common_dtype(&[a.dtype(), b.dtype()])?;
    let vector = b.ndim() == 1;
    let (name, sig) = if vector {
        ("solve1", "(m,m),(m)->(m)")
    } else {
        ("solve", "(m,m),(m,n)->(m,n)")
    };
    if b.ndim() == 0 {
        return Err(Error::value(format!(
            "{name}: Input operand 1 does not have enough dimensions (has 0, gufunc core with signature {sig} requires 1)"
        )));
    }
    let m = dims(a).0;
    let bm = if vector {
        b.shape()[0]
    } else {
        b.shape()[b.ndim() - 2]
    };
    if bm != m {
        return Err(Error::value(format!(
            "{name}: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature {sig} (size {bm} is different from {m})"
        )));
    }
    let b2 = if vector {
        b.reshape(&[m as isize, 1])?
    } else {
        b.clone()
    };
    let k = dims(&b2).1;
    let (ab, bb) = (batch_shape(a), batch_shape(&b2));
    let batch = broadcast_batches(&ab, &bb).ok_or_else(|| {
        let core_a = "newaxis,newaxis";
        let core_b = if vector { "newaxis" } else { "newaxis,newaxis" };
        let strip = |s: &[usize], c: usize| shape_str(&s[..s.len() - c]);
        Error::value(format!(
            "operands could not be broadcast together with remapped shapes [original->remapped]: {}->{} {}->{}  and requested shape {}",
            shape_str(a.shape()),
            strip(a.shape(), 2).replace(')', &format!(",{core_a})")).replace("(,", "("),
            shape_str(b.shape()),
            strip(b.shape(), if vector { 1 } else { 2 }).replace(')', &format!(",{core_b})")).replace("(,", "("),
            shape_str(&if vector { vec![m] } else { vec![m, k] }),
        ))
    })?;
    let a = cast(&a.broadcast_to(&with_dims(&batch, &[m, m]))?, dt)?;
    let bx = cast(&b2.broadcast_to(&with_dims(&batch, &[m, k]))?, dt)?;
    let out = with_field!(dt, T => solve_stack::<T>(&a, &bx))?;
    if vector {
        let shape: SmallVec<[isize; 6]> = with_dims(&batch, &[m])
            .iter()
            .map(|&d| d as isize)
            .collect();
        return out.reshape(&shape);
    }
    Ok(out)
}

fn solve_stack<T: Field>(a: &Array, b: &Array) -> Result<Array> {
    let (m, k) = dims(b);
    let mut out = OutStack::<T>::new(&batch_shape(a), m, k)?;
    if m == 0 || k == 0 {
        return Ok(out.array);
    }
    let (av, bv) = (mats::<T>(a), mats::<T>(b));
    let slots = out.slots();
    run_stack(av.len(), m, |bi| {
        let lu = PartialPivLu::new(av[bi]);
        if is_singular(&lu) {
            return Err(singular());
        }
        let mut x = Mat::<T>::zeros(m, k);
        x.copy_from(bv[bi]);
        lu.solve_in_place(x.as_mut());
        // SAFETY: `run_stack` calls each `bi < av.len()` once, and `out` has one matrix per
        // matrix of `a` (its batch shape), so matrix `bi` exists and this task's view, dropped
        // at the end of the statement, is its only one; `out` outlives the call.
        unsafe { slots.mat(bi) }.copy_from(&x);
        Ok(())
    })?;
    Ok(out.array)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn det_and_inverse() {
        let a = Array::from_vec(vec![4.0f64, 7.0, 2.0, 6.0], &[2, 2]).unwrap();
        assert!((det(&a).unwrap().to_vec::<f64>()[0] - 10.0).abs() < 1e-12);
        let i = inv(&a).unwrap().to_vec::<f64>();
        let want = [0.6, -0.7, -0.2, 0.4];
        for (x, y) in i.iter().zip(want) {
            assert!((x - y).abs() < 1e-12);
        }
        let s = Array::from_vec(vec![1.0f64, 2.0, 2.0, 4.0], &[2, 2]).unwrap();
        assert!(matches!(inv(&s), Err(Error::LinAlg(_))));
        let p = Array::from_vec(vec![0.0f64, 1.0, 1.0, 0.0], &[2, 2]).unwrap();
        assert_eq!(det(&p).unwrap().to_vec::<f64>(), vec![-1.0]);
    }
}
