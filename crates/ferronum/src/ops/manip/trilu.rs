//! Triangles and diagonals (`tri`, `tril`, `triu`, `diag`, `diagflat`) and `meshgrid`.

use crate::array::{Array, Order};
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::layout::{Dims, Layout};

/// NumPy's `tri(N, M, k, dtype)`: ones at and below the `k`-th diagonal.
pub fn tri(n: usize, m: Option<usize>, k: isize, dtype: DType) -> Result<Array> {
    let m = m.unwrap_or(n);
    // Built as bool (one byte per element, so a row's ones are one run of 1-bytes), then cast;
    // the array, not a Vec, allocates, so a size too large is a MemoryError, not an abort.
    let b = Array::zeros(&[n, m], DType::Bool)?;
    let base = b.data_ptr();
    for i in 0..n {
        let ones = (i as isize)
            .saturating_add(k)
            .saturating_add(1)
            .clamp(0, m as isize) as usize;
        if ones > 0 {
            // SAFETY: `b` is a fresh C-contiguous bool array of `n * m` bytes; row `i` starts
            // at byte `i * m` and `ones <= m`, so the run stays inside the row. The byte 1 is
            // `true`.
            unsafe { std::ptr::write_bytes(base.add(i * m), 1, ones) };
        }
    }
    if dtype == DType::Bool {
        return Ok(b);
    }
    b.astype(dtype)
}

/// `tril` (`lower`) or `triu`: a copy of `m` (a 1-d `m` broadcast to a square) with the
/// elements above (below) the `k`-th diagonal of its last two axes zeroed.
fn triangle(m: &Array, k: isize, lower: bool) -> Result<Array> {
    let shape: Dims = match m.ndim() {
        0 => {
            return Err(Error::type_(
                "tri() missing 1 required positional argument: 'N'",
            ))
        }
        1 => [m.shape()[0], m.shape()[0]].into_iter().collect(),
        _ => m.shape().into(),
    };
    let out = Array::uninit_order(&shape, m.dtype(), Order::C)?;
    out.assign(m)?;
    let nd = shape.len();
    let (rows, cols) = (shape[nd - 2], shape[nd - 1]);
    if out.size() == 0 {
        return Ok(out);
    }
    let mats = out.size() / (rows * cols);
    let isz = out.itemsize();
    let base = out.data_ptr();
    for mat in 0..mats {
        for i in 0..rows {
            // Columns to zero in row `i`: after `i + k` (tril) or before `i + k` (triu).
            let edge = (i as isize).saturating_add(k);
            let (lo, hi) = if lower {
                (
                    (edge.saturating_add(1)).clamp(0, cols as isize) as usize,
                    cols,
                )
            } else {
                (0, edge.clamp(0, cols as isize) as usize)
            };
            if lo < hi {
                // SAFETY: `out` is a fresh C-contiguous array of `mats * rows * cols` elements
                // of `isz` bytes; row `i` of matrix `mat` starts at element
                // `(mat * rows + i) * cols` and `lo..hi` lies within its `cols` elements. Zero
                // bytes are the value zero of every dtype (false, 0, +0.0, 0+0j).
                unsafe {
                    let p = base.add(((mat * rows + i) * cols + lo) * isz);
                    std::ptr::write_bytes(p, 0, (hi - lo) * isz);
                }
            }
        }
    }
    Ok(out)
}

/// NumPy's `tril(m, k)`.
pub fn tril(m: &Array, k: isize) -> Result<Array> {
    triangle(m, k, true)
}

/// NumPy's `triu(m, k)`.
pub fn triu(m: &Array, k: isize) -> Result<Array> {
    triangle(m, k, false)
}

/// A square zero array with the 1-d `v` on its `k`-th diagonal.
fn diag_from(v: &Array, k: isize) -> Result<Array> {
    let len = v.shape()[0];
    let n = len + k.unsigned_abs();
    let out = Array::zeros(&[n, n], v.dtype())?;
    if len > 0 {
        let offset = if k >= 0 {
            k as usize
        } else {
            k.unsigned_abs() * n
        };
        let d = out.with_layout(Layout {
            shape: [len].into_iter().collect(),
            strides: [n as isize + 1].into_iter().collect(),
            offset,
        });
        d.assign(v)?;
    }
    Ok(out)
}

/// NumPy's `diag(v, k)`: a diagonal array from 1-d `v`, or the diagonal (a read-only view)
/// of 2-d `v`.
pub fn diag(v: &Array, k: isize) -> Result<Array> {
    match v.ndim() {
        1 => diag_from(v, k),
        2 => crate::ops::products::diagonal(v, k, 0, 1),
        _ => Err(Error::value("Input must be 1- or 2-d.")),
    }
}

/// NumPy's `diagflat(v, k)`: `diag` of the flattened `v`.
pub fn diagflat(v: &Array, k: isize) -> Result<Array> {
    diag_from(&v.ravel()?, k)
}

/// NumPy's `meshgrid(*xi, copy, sparse, indexing)`; `ij` false is the default `'xy'`
/// indexing (the first two axes swapped).
pub fn meshgrid(xi: &[Array], copy: bool, sparse: bool, ij: bool) -> Result<Vec<Array>> {
    let nd = xi.len();
    let mut out = xi
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let mut s = vec![1isize; nd];
            s[i] = -1;
            if !ij && nd > 1 && i < 2 {
                s.swap(0, 1);
            }
            x.reshape(&s)
        })
        .collect::<Result<Vec<_>>>()?;
    if !sparse {
        out = super::broadcast_arrays(&out)?;
    }
    if copy {
        out = out
            .iter()
            .map(|a| a.copy(Order::C))
            .collect::<Result<_>>()?;
    }
    Ok(out)
}
