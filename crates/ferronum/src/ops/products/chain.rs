//! `linalg.multi_dot` (the cheapest parenthesisation, by the matrix-chain recurrence NumPy
//! uses, so ties break the same way) and `linalg.matrix_power` (NumPy's square-and-multiply
//! order, so float results match bit for bit).

use super::{dot, matmul};
use crate::array::Array;
use crate::error::{Error, Result};

/// `linalg.multi_dot(arrays)`.
pub fn multi_dot(arrays: &[&Array]) -> Result<Array> {
    let n = arrays.len();
    if n < 2 {
        return Err(Error::value("Expecting at least two arrays."));
    }
    if n == 2 {
        return dot(arrays[0], arrays[1]);
    }
    let first1 = arrays[0].ndim() == 1;
    let last1 = arrays[n - 1].ndim() == 1;
    let mut mats: Vec<Array> = arrays.iter().map(|a| (*a).clone()).collect();
    if first1 {
        let k = mats[0].size() as isize;
        mats[0] = mats[0].reshape(&[1, k])?;
    }
    if last1 {
        let k = mats[n - 1].size() as isize;
        mats[n - 1] = mats[n - 1].reshape(&[k, 1])?;
    }
    for a in &mats {
        if a.ndim() != 2 {
            return Err(Error::linalg(format!(
                "{}-dimensional array given. Array must be two-dimensional",
                a.ndim()
            )));
        }
    }
    let r = if n == 3 {
        three(&mats[0], &mats[1], &mats[2])?
    } else {
        let split = chain_order(&mats);
        product(&mats, &split, 0, n - 1)?
    };
    match (first1, last1) {
        (true, true) => r.reshape(&[]),
        (true, false) | (false, true) => r.ravel(),
        _ => Ok(r),
    }
}

fn three(a: &Array, b: &Array, c: &Array) -> Result<Array> {
    let (a0, a1b0) = (a.shape()[0] as f64, a.shape()[1] as f64);
    let (b1c0, c1) = (c.shape()[0] as f64, c.shape()[1] as f64);
    let cost1 = a0 * b1c0 * (a1b0 + c1);
    let cost2 = a1b0 * c1 * (a0 + b1c0);
    if cost1 < cost2 {
        dot(&dot(a, b)?, c)
    } else {
        dot(a, &dot(b, c)?)
    }
}

/// `split[i][j]`: where the cheapest product of matrices `i..=j` splits.
fn chain_order(mats: &[Array]) -> Vec<Vec<usize>> {
    let n = mats.len();
    let mut p: Vec<f64> = mats.iter().map(|a| a.shape()[0] as f64).collect();
    p.push(mats[n - 1].shape()[1] as f64);
    let mut cost = vec![vec![0.0f64; n]; n];
    let mut split = vec![vec![0usize; n]; n];
    for l in 1..n {
        for i in 0..n - l {
            let j = i + l;
            cost[i][j] = f64::INFINITY;
            for k in i..j {
                let q = cost[i][k] + cost[k + 1][j] + p[i] * p[k + 1] * p[j + 1];
                if q < cost[i][j] {
                    cost[i][j] = q;
                    split[i][j] = k;
                }
            }
        }
    }
    split
}

fn product(mats: &[Array], split: &[Vec<usize>], i: usize, j: usize) -> Result<Array> {
    if i == j {
        return Ok(mats[i].clone());
    }
    let k = split[i][j];
    dot(
        &product(mats, split, i, k)?,
        &product(mats, split, k + 1, j)?,
    )
}

/// NumPy's checks on `matrix_power`'s operand: a stack of square matrices.
pub fn check_stacked_square(a: &Array) -> Result<()> {
    if a.ndim() < 2 {
        return Err(Error::linalg(format!(
            "{}-dimensional array given. Array must be at least two-dimensional",
            a.ndim()
        )));
    }
    let s = a.shape();
    if s[s.len() - 1] != s[s.len() - 2] {
        return Err(Error::linalg(
            "Last 2 dimensions of the array must be square",
        ));
    }
    Ok(())
}

/// `linalg.matrix_power(a, n)`.
pub fn matrix_power(a: &Array, n: i64) -> Result<Array> {
    check_stacked_square(a)?;
    if n == 0 {
        let out = Array::uninit(a.shape(), a.dtype())?;
        let m = a.shape()[a.ndim() - 1];
        out.assign(&crate::ops::creation::eye(m, m, 0, a.dtype())?)?;
        return Ok(out);
    }
    let base = if n < 0 { inverse(a)? } else { a.clone() };
    let mut n = n.unsigned_abs();
    match n {
        1 => return Ok(base),
        2 => return matmul(&base, &base),
        3 => return matmul(&matmul(&base, &base)?, &base),
        _ => {}
    }
    let mut z: Option<Array> = None;
    let mut result: Option<Array> = None;
    while n > 0 {
        let next = match &z {
            None => base.clone(),
            Some(z) => matmul(z, z)?,
        };
        let bit = n & 1;
        n >>= 1;
        if bit == 1 {
            result = Some(match &result {
                None => next.clone(),
                Some(r) => matmul(r, &next)?,
            });
        }
        z = Some(next);
    }
    result.ok_or_else(|| Error::value("matrix_power: empty exponent"))
}

fn inverse(a: &Array) -> Result<Array> {
    crate::ops::decomp::inv(a)
}
