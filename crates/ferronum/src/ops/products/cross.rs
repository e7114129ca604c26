//! `numpy.cross` of 2- and 3-vectors along chosen axes, with broadcasting, in NumPy's order of
//! operations (so float16 and wrapping integers round and wrap as NumPy's do).

use crate::array::Array;
use crate::dispatch;
use crate::dtype::{promote, DType};
use crate::error::{Error, Result};
use crate::kernels::scalar::Num;
use crate::layout::{self, normalize_axis};
use smallvec::SmallVec;

/// `axisa`, `axisb`, `axisc`, and `axis` (which overrides the three when given).
#[derive(Clone, Copy, Debug)]
pub struct CrossAxes {
    pub axisa: isize,
    pub axisb: isize,
    pub axisc: isize,
    pub axis: Option<isize>,
}

impl Default for CrossAxes {
    fn default() -> Self {
        CrossAxes {
            axisa: -1,
            axisb: -1,
            axisc: -1,
            axis: None,
        }
    }
}

/// NumPy prefixes the message with the argument's name (`axisa: ...`); the engine's AxisError
/// carries no prefix, so only the class and the plain message match.
fn axis_error(_what: &str, axis: isize, ndim: usize) -> Error {
    Error::Axis { axis, ndim }
}

fn move_last(a: &Array, axis: isize, what: &str) -> Result<Array> {
    let nd = a.ndim();
    let ax = normalize_axis(axis, nd).map_err(|_| axis_error(what, axis, nd))?;
    let mut perm: SmallVec<[isize; 6]> = (0..nd as isize).filter(|&k| k != ax as isize).collect();
    perm.push(ax as isize);
    a.transpose(Some(&perm))
}

/// `numpy.cross(a, b, axisa, axisb, axisc, axis)`.
pub fn cross(a: &Array, b: &Array, axes: CrossAxes) -> Result<Array> {
    let (axa, axb, axc) = match axes.axis {
        Some(x) => (x, x, x),
        None => (axes.axisa, axes.axisb, axes.axisc),
    };
    if a.ndim() < 1 || b.ndim() < 1 {
        return Err(Error::value("At least one array has zero dimension"));
    }
    let a = move_last(a, axa, "axisa")?;
    let b = move_last(b, axb, "axisb")?;
    let (da, db) = (a.shape()[a.ndim() - 1], b.shape()[b.ndim() - 1]);
    if !(da == 2 || da == 3) || !(db == 2 || db == 3) {
        return Err(Error::value(
            "incompatible dimensions for cross product\n(dimension must be 2 or 3)",
        ));
    }
    let (sa, sb) = (&a.shape()[..a.ndim() - 1], &b.shape()[..b.ndim() - 1]);
    let mut shape: SmallVec<[usize; 6]> = match layout::broadcast_shapes(&[sa, sb]) {
        Ok(s) => s.iter().copied().collect(),
        Err(_) => {
            return Err(Error::value(format!(
                "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape {} and arg 1 with shape {}.",
                crate::layout::shape_str_sep(sa, ","),
                crate::layout::shape_str_sep(sb, ",")
            )))
        }
    };
    let three = da == 3 || db == 3;
    let batch = shape.clone();
    if three {
        shape.push(3);
        normalize_axis(axc, shape.len()).map_err(|_| axis_error("axisc", axc, shape.len()))?;
    }
    let dt = promote(a.dtype(), b.dtype());
    if dt == DType::Bool {
        return Err(Error::type_(if da == db {
            "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead."
        } else {
            "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead."
        }));
    }
    let mut fa = batch.clone();
    fa.push(da);
    let mut fb = batch.clone();
    fb.push(db);
    let av = super::cast(&a, dt)?.broadcast_to(&fa)?.as_contiguous()?;
    let bv = super::cast(&b, dt)?.broadcast_to(&fb)?.as_contiguous()?;
    let out = dispatch!(dt, T => cross_typed::<T>(&av, &bv, da, db, &shape))?;
    if !three {
        return Ok(out);
    }
    let nd = shape.len();
    let c = normalize_axis(axc, nd)?;
    // The component axis (last) moves to `axisc`.
    let mut perm: SmallVec<[isize; 6]> = (0..nd as isize - 1).collect();
    perm.insert(c, nd as isize - 1);
    out.transpose(Some(&perm))
}

fn cross_typed<T: Num>(
    a: &Array,
    b: &Array,
    da: usize,
    db: usize,
    shape: &[usize],
) -> Result<Array> {
    let x = a.to_vec::<T>();
    let y = b.to_vec::<T>();
    let count = x.len().checked_div(da).unwrap_or(0);
    let three = da == 3 || db == 3;
    let mut out: Vec<T> = Vec::with_capacity(count * if three { 3 } else { 1 });
    for i in 0..count {
        let u = &x[i * da..i * da + da];
        let v = &y[i * db..i * db + db];
        let (a0, a1, b0, b1) = (u[0], u[1], v[0], v[1]);
        let z = a0.mul(b1).sub(a1.mul(b0));
        match (da, db) {
            (2, 2) => out.push(z),
            (2, _) => {
                let b2 = v[2];
                out.extend([a1.mul(b2), a0.mul(b2).neg(), z]);
            }
            (_, 2) => {
                let a2 = u[2];
                out.extend([a2.mul(b1).neg(), a2.mul(b0), z]);
            }
            _ => {
                let (a2, b2) = (u[2], v[2]);
                out.extend([a1.mul(b2).sub(a2.mul(b1)), a2.mul(b0).sub(a0.mul(b2)), z]);
            }
        }
    }
    Array::from_vec(out, shape)
}
