//! Shapes and strides. Strides are in elements and signed, so negative steps are views; shapes
//! and strides live inline for up to four dimensions because small-array calls feel every
//! allocation. Four, not more, keeps an `Array` under 128 bytes, the size up to which moving
//! one (through `Result`, closures, `Py::new`) compiles to a few stores instead of a memcpy
//! call; per-call profiles showed those calls as a fifth of a 1,000-element add.

use crate::error::{Error, Result};
use smallvec::SmallVec;

pub type Dims = SmallVec<[usize; 4]>;
pub type Strides = SmallVec<[isize; 4]>;

/// Where an array's elements sit in its buffer: element `idx` is at
/// `offset + sum(idx[k] * strides[k])`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    pub shape: Dims,
    pub strides: Strides,
    pub offset: usize,
}

pub fn size_of_shape(shape: &[usize]) -> usize {
    shape.iter().product()
}

/// The size of a shape, or a ValueError when it overflows the address space (NumPy's message).
/// NumPy's limit on dimensions (`NPY_MAXDIMS`).
pub const MAX_DIMS: usize = 64;

/// NumPy's ValueError for a shape of more than `MAX_DIMS` dimensions.
pub fn check_ndim(nd: usize) -> Result<()> {
    if nd > MAX_DIMS {
        return Err(Error::value(format!(
            "maximum supported dimension for an ndarray is currently {MAX_DIMS}, found {nd}"
        )));
    }
    Ok(())
}

pub fn checked_size(shape: &[usize]) -> Result<usize> {
    check_ndim(shape.len())?;
    shape
        .iter()
        .try_fold(1usize, |acc, &d| acc.checked_mul(d))
        .filter(|&n| n <= isize::MAX as usize)
        .ok_or_else(|| Error::value("array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size."))
}

pub fn c_strides(shape: &[usize]) -> Strides {
    let mut strides: Strides = SmallVec::from_elem(0, shape.len());
    let mut acc = 1isize;
    for k in (0..shape.len()).rev() {
        strides[k] = acc;
        acc *= shape[k].max(1) as isize;
    }
    strides
}

pub fn f_strides(shape: &[usize]) -> Strides {
    let mut strides: Strides = SmallVec::from_elem(0, shape.len());
    let mut acc = 1isize;
    for k in 0..shape.len() {
        strides[k] = acc;
        acc *= shape[k].max(1) as isize;
    }
    strides
}

/// Normalises an axis in `[-ndim, ndim)` to `[0, ndim)`.
pub fn normalize_axis(axis: isize, ndim: usize) -> Result<usize> {
    let n = ndim as isize;
    if axis < -n || axis >= n {
        return Err(Error::Axis { axis, ndim });
    }
    Ok(if axis < 0 {
        (axis + n) as usize
    } else {
        axis as usize
    })
}

/// Normalises a tuple of axes; a repeated axis is NumPy's ValueError.
pub fn normalize_axes(axes: &[isize], ndim: usize) -> Result<SmallVec<[usize; 6]>> {
    let mut out: SmallVec<[usize; 6]> = SmallVec::new();
    for &a in axes {
        let ax = normalize_axis(a, ndim)?;
        if out.contains(&ax) {
            return Err(Error::value("duplicate value in 'axis'"));
        }
        out.push(ax);
    }
    Ok(out)
}

/// The broadcast shape of several shapes, or NumPy's ValueError naming them.
pub fn broadcast_shapes(shapes: &[&[usize]]) -> Result<Dims> {
    let ndim = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut out: Dims = SmallVec::from_elem(1, ndim);
    for s in shapes {
        let pad = ndim - s.len();
        for (k, &d) in s.iter().enumerate() {
            let o = &mut out[pad + k];
            if *o == 1 {
                *o = d;
            } else if d != 1 && d != *o {
                let listed: Vec<String> = shapes.iter().map(|s| shape_str(s)).collect();
                return Err(Error::value(format!(
                    "operands could not be broadcast together with shapes {} ",
                    listed.join(" ")
                )));
            }
        }
    }
    Ok(out)
}

/// A shape as Python prints a tuple: `(3,)`, `(2, 3)`, `()`.
pub fn shape_str(shape: &[usize]) -> String {
    shape_str_sep(shape, ", ")
}

/// A shape as NumPy prints it with `sep` between the dimensions (matmul's messages use ",").
pub fn shape_str_sep(shape: &[usize], sep: &str) -> String {
    match shape.len() {
        1 => format!("({},)", shape[0]),
        _ => format!(
            "({})",
            shape
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(sep)
        ),
    }
}

impl Layout {
    pub fn c_contiguous(shape: &[usize]) -> Layout {
        Layout {
            shape: shape.into(),
            strides: c_strides(shape),
            offset: 0,
        }
    }

    pub fn f_contiguous(shape: &[usize]) -> Layout {
        Layout {
            shape: shape.into(),
            strides: f_strides(shape),
            offset: 0,
        }
    }

    pub fn ndim(&self) -> usize {
        self.shape.len()
    }

    pub fn size(&self) -> usize {
        size_of_shape(&self.shape)
    }

    /// C-contiguous as NumPy's flag reports it: axes of length 1 may have any stride.
    pub fn is_c_contiguous(&self) -> bool {
        if self.size() == 0 {
            return true;
        }
        let mut acc = 1isize;
        for k in (0..self.ndim()).rev() {
            if self.shape[k] != 1 {
                if self.strides[k] != acc {
                    return false;
                }
                acc *= self.shape[k] as isize;
            }
        }
        true
    }

    pub fn is_f_contiguous(&self) -> bool {
        if self.size() == 0 {
            return true;
        }
        let mut acc = 1isize;
        for k in 0..self.ndim() {
            if self.shape[k] != 1 {
                if self.strides[k] != acc {
                    return false;
                }
                acc *= self.shape[k] as isize;
            }
        }
        true
    }

    /// The layout viewed with `shape`, broadcasting size-1 (and missing leading) axes with
    /// stride 0. The caller has checked that `shape` is a broadcast of this layout's shape.
    pub fn broadcast_to(&self, shape: &[usize]) -> Result<Layout> {
        let nd = shape.len();
        check_ndim(nd)?;
        if self.ndim() > nd {
            return Err(Error::value(format!(
                "input operand has more dimensions than allowed by the axis remapping: cannot broadcast {} to {}",
                shape_str(&self.shape),
                shape_str(shape)
            )));
        }
        let pad = nd - self.ndim();
        let mut strides: Strides = SmallVec::from_elem(0, nd);
        for k in 0..self.ndim() {
            let (d, t) = (self.shape[k], shape[pad + k]);
            if d == t {
                strides[pad + k] = self.strides[k];
            } else if d != 1 {
                return Err(Error::value(format!(
                    "could not broadcast input array from shape {} into shape {}",
                    shape_str_sep(&self.shape, ","),
                    shape_str_sep(shape, ",")
                )));
            }
        }
        Ok(Layout {
            shape: shape.into(),
            strides,
            offset: self.offset,
        })
    }

    pub fn permuted(&self, axes: &[usize]) -> Layout {
        Layout {
            shape: axes.iter().map(|&a| self.shape[a]).collect(),
            strides: axes.iter().map(|&a| self.strides[a]).collect(),
            offset: self.offset,
        }
    }

    pub fn transposed(&self) -> Layout {
        let axes: SmallVec<[usize; 6]> = (0..self.ndim()).rev().collect();
        self.permuted(&axes)
    }

    /// The range of element positions this layout touches, as (lowest, highest + 1); empty
    /// layouts touch nothing.
    pub fn extent(&self) -> (usize, usize) {
        if self.size() == 0 {
            return (self.offset, self.offset);
        }
        let (mut lo, mut hi) = (self.offset as isize, self.offset as isize);
        for (&d, &s) in self.shape.iter().zip(&self.strides) {
            let span = (d as isize - 1) * s;
            if span < 0 {
                lo += span;
            } else {
                hi += span;
            }
        }
        (lo as usize, hi as usize + 1)
    }

    /// A reshaped view of this layout without copying, when the strides allow it (NumPy's
    /// `_attempt_nocopy_reshape`); `None` when a copy is needed.
    pub fn reshaped(&self, new_shape: &[usize]) -> Option<Layout> {
        if self.is_c_contiguous() {
            let mut l = Layout::c_contiguous(new_shape);
            l.offset = self.offset;
            return Some(l);
        }
        // Drop length-1 axes, then match groups of old axes to groups of new ones; within a
        // group the old axes must be contiguous with one another.
        let old: Vec<(usize, isize)> = self
            .shape
            .iter()
            .zip(&self.strides)
            .filter(|(&d, _)| d != 1)
            .map(|(&d, &s)| (d, s))
            .collect();
        let mut new_strides: Strides = SmallVec::from_elem(0, new_shape.len());
        let (mut oi, mut ni) = (0usize, 0usize);
        let new_nd = new_shape.len();
        while oi < old.len() && ni < new_nd {
            let (mut np_, mut op) = (new_shape[ni], old[oi].0);
            let (oj0, nj0) = (oi, ni);
            let (mut oj, mut nj) = (oi + 1, ni + 1);
            while np_ != op {
                if np_ < op {
                    if nj >= new_nd {
                        return None;
                    }
                    np_ *= new_shape[nj];
                    nj += 1;
                } else {
                    if oj >= old.len() {
                        return None;
                    }
                    op *= old[oj].0;
                    oj += 1;
                }
            }
            for k in oj0..oj - 1 {
                if old[k].1 != old[k + 1].1 * old[k + 1].0 as isize {
                    return None;
                }
            }
            new_strides[nj - 1] = old[oj - 1].1;
            for k in (nj0 + 1..nj).rev() {
                new_strides[k - 1] = new_strides[k] * new_shape[k] as isize;
            }
            oi = oj;
            ni = nj;
        }
        // Trailing length-1 axes of the new shape take any stride.
        for k in ni..new_nd {
            new_strides[k] = 1;
        }
        Some(Layout {
            shape: new_shape.into(),
            strides: new_strides,
            offset: self.offset,
        })
    }
}

/// Resolves a requested shape with at most one `-1` against a total size.
pub fn infer_shape(requested: &[isize], size: usize, old_shape: &[usize]) -> Result<Dims> {
    check_ndim(requested.len())?;
    let mut unknown = None;
    let mut known = 1usize;
    for (k, &d) in requested.iter().enumerate() {
        if d == -1 {
            if unknown.is_some() {
                return Err(Error::value("can only specify one unknown dimension"));
            }
            unknown = Some(k);
        } else if d < 0 {
            return Err(Error::value("negative dimensions not allowed"));
        } else {
            known = known
                .checked_mul(d as usize)
                .ok_or_else(|| Error::value("array is too big"))?;
        }
    }
    let mut out: Dims = requested.iter().map(|&d| d.max(0) as usize).collect();
    if let Some(k) = unknown {
        if known == 0 || size % known != 0 {
            return Err(reshape_error(size, old_shape, requested));
        }
        out[k] = size / known;
    } else if known != size {
        return Err(reshape_error(size, old_shape, requested));
    }
    Ok(out)
}

fn reshape_error(size: usize, _old: &[usize], requested: &[isize]) -> Error {
    // NumPy's `convert_shape_to_string`: leading unknown (-1) dimensions are left out, later
    // ones print as "newaxis", no spaces, and a lone dimension keeps its trailing comma.
    let shown: Vec<String> = requested
        .iter()
        .skip_while(|&&d| d < 0)
        .map(|&d| {
            if d < 0 {
                "newaxis".to_string()
            } else {
                d.to_string()
            }
        })
        .collect();
    let req = match (shown.len(), requested.len()) {
        (0, _) => "()".to_string(),
        (_, 1) => format!("({},)", shown[0]),
        _ => format!("({})", shown.join(",")),
    };
    Error::value(format!(
        "cannot reshape array of size {size} into shape {req}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broadcasting() {
        assert_eq!(
            broadcast_shapes(&[&[3, 1], &[4]]).unwrap().as_slice(),
            &[3, 4]
        );
        assert_eq!(
            broadcast_shapes(&[&[], &[2, 2]]).unwrap().as_slice(),
            &[2, 2]
        );
        let e = broadcast_shapes(&[&[3], &[4]]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "operands could not be broadcast together with shapes (3,) (4,) "
        );
    }

    #[test]
    fn contiguity_flags() {
        let l = Layout::c_contiguous(&[2, 3]);
        assert!(l.is_c_contiguous() && !l.is_f_contiguous());
        let t = l.transposed();
        assert!(t.is_f_contiguous() && !t.is_c_contiguous());
        assert!(Layout::c_contiguous(&[1, 5]).is_f_contiguous());
    }

    #[test]
    fn reshape_views() {
        let t = Layout::c_contiguous(&[2, 3]).transposed();
        assert!(t.reshaped(&[6]).is_none());
        assert_eq!(
            t.reshaped(&[3, 2, 1]).unwrap().strides.as_slice(),
            &[1, 3, 1]
        );
        let v = Layout {
            shape: [4, 3].into_iter().collect(),
            strides: [6, 1].into_iter().collect(),
            offset: 0,
        };
        assert!(v.reshaped(&[12]).is_none());
        assert_eq!(
            v.reshaped(&[2, 2, 3]).unwrap().strides.as_slice(),
            &[12, 6, 1]
        );
    }

    #[test]
    fn shape_inference() {
        assert_eq!(infer_shape(&[-1, 2], 6, &[6]).unwrap().as_slice(), &[3, 2]);
        assert!(infer_shape(&[-1, -1], 6, &[6]).is_err());
        assert!(infer_shape(&[4], 6, &[6]).is_err());
        assert!(normalize_axes(&[0, -2], 2).is_err());
        assert!(matches!(normalize_axis(2, 2), Err(Error::Axis { .. })));
    }
}
