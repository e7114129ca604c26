//! Matrix and vector products: `matmul` (NumPy's gufunc `(n?,k),(k,m?)->(n?,m?)` with batch
//! broadcasting and `out=`), `dot`, `vdot`, `inner`, `outer`, `tensordot`, `kron`, `trace`,
//! `diagonal`, `linalg.multi_dot`, `linalg.matrix_power` and `cross`. Every product funnels
//! into `kernel::run`, which takes strided views, so transposes and slices are not copied.

mod chain;
mod cross;
mod diag;
mod dot;
mod intmm;
mod kernel;

pub use chain::{check_stacked_square, matrix_power, multi_dot};
pub use cross::{cross, CrossAxes};
pub use diag::{diagonal, trace};
pub use dot::{dot, inner, kron, outer, tensordot, vdot, TensorAxes};

use crate::array::Array;
use crate::dtype::{promote, DType};
use crate::error::{Error, Result};
use crate::layout::{self, Layout};
use kernel::Problem;
use smallvec::SmallVec;

const SIG: &str = "(n?,k),(k,m?)->(n?,m?)";

type Dims = SmallVec<[usize; 6]>;

/// `a @ b`, NumPy's `matmul`.
pub fn matmul(a: &Array, b: &Array) -> Result<Array> {
    if dot::is_vector_pair(a, b) {
        return dot::vector_dot(a, b);
    }
    matmul_impl(a, b, None)
}

/// `matmul(a, b, out=out)`: `out`'s leading dimensions may broadcast the batch, as for any
/// ufunc; the result is cast into `out` with `same_kind` casting. Returns `out` itself.
pub fn matmul_into(a: &Array, b: &Array, out: &Array) -> Result<Array> {
    matmul_impl(a, b, Some(out))
}

/// `dot(out=)` and `multi_dot(out=)`: NumPy writes into `out` only when it is exactly right
/// (the result's dtype and shape, C-contiguous), and then returns it; no `out` returns `r`.
pub fn into_exact_out(r: Array, out: Option<&Array>) -> Result<Array> {
    let Some(o) = out else { return Ok(r) };
    if o.dtype() != r.dtype() || o.shape() != r.shape() || !o.is_c_contiguous() {
        return Err(Error::value(
            "output array is not acceptable (must have the right datatype, number of dimensions, and be a C-Array)",
        ));
    }
    o.assign(&r)?;
    Ok(o.clone())
}

fn not_enough(which: &str, idx: usize, has: usize) -> Error {
    Error::value(format!(
        "matmul: {which} operand {idx} does not have enough dimensions (has {has}, gufunc core with signature {SIG} requires 1)"
    ))
}

fn core_mismatch(which: &str, idx: usize, dim: usize, got: usize, want: usize) -> Error {
    Error::value(format!(
        "matmul: {which} operand {idx} has a mismatch in its core dimension {dim}, with gufunc signature {SIG} (size {got} is different from {want})"
    ))
}

/// A view of `a` with `shape` and `strides` over the same buffer.
fn view(a: &Array, shape: &[usize], strides: &[isize], offset: usize) -> Array {
    let l = Layout {
        shape: shape.iter().copied().collect(),
        strides: strides.iter().copied().collect(),
        offset,
    };
    a.with_layout(l)
}

/// `a` as a stack of matrices: 1-d operands get the 1 NumPy inserts (`front`: before).
fn as_matrix(a: &Array, front: bool) -> Array {
    if a.ndim() != 1 {
        return a.clone();
    }
    let (n, s) = (a.shape()[0], a.strides()[0]);
    if front {
        view(a, &[1, n], &[0, s], a.layout().offset)
    } else {
        view(a, &[n, 1], &[s, 0], a.layout().offset)
    }
}

fn matmul_impl(a: &Array, b: &Array, out: Option<&Array>) -> Result<Array> {
    if a.ndim() == 0 {
        return Err(not_enough("Input", 0, 0));
    }
    if b.ndim() == 0 {
        return Err(not_enough("Input", 1, 0));
    }
    let (a1, b1) = (a.ndim() == 1, b.ndim() == 1);
    let am = as_matrix(a, true);
    let bm = as_matrix(b, false);
    let (na, nb) = (am.ndim(), bm.ndim());
    let (m, k) = (am.shape()[na - 2], am.shape()[na - 1]);
    let (kb, n) = (bm.shape()[nb - 2], bm.shape()[nb - 1]);
    if k != kb {
        return Err(core_mismatch("Input", 1, 0, kb, k));
    }
    let (ba, bb) = (&am.shape()[..na - 2], &bm.shape()[..nb - 2]);
    let mut batch: Dims = match layout::broadcast_shapes(&[ba, bb]) {
        Ok(s) => s.iter().copied().collect(),
        Err(_) => return Err(remap_error(a, b, a1, b1)),
    };
    let mut core: Dims = SmallVec::new();
    if !a1 {
        core.push(m);
    }
    if !b1 {
        core.push(n);
    }
    let rt = promote(a.dtype(), b.dtype());
    if let Some(o) = out {
        if o.ndim() < core.len() {
            return Err(not_enough("Output", 0, o.ndim()));
        }
        let split = o.ndim() - core.len();
        for (d, (&got, &want)) in o.shape()[split..].iter().zip(&core).enumerate() {
            if got != want {
                return Err(core_mismatch("Output", 0, d, got, want));
            }
        }
        let ob = &o.shape()[..split];
        match layout::broadcast_shapes(&[&batch, ob]) {
            Ok(s) if s.as_slice() == ob => batch = ob.iter().copied().collect(),
            _ => {
                let mut full = batch.clone();
                full.extend_from_slice(&core);
                return Err(Error::value(format!(
                    "non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
                    crate::layout::shape_str_sep(o.shape(), ","),
                    crate::layout::shape_str_sep(&full, ",")
                )));
            }
        }
        if !rt.can_cast_same_kind(o.dtype()) {
            return Err(Error::type_(format!(
                "Cannot cast ufunc 'matmul' output from dtype('{}') to dtype('{}') with casting rule 'same_kind'",
                rt.name(),
                o.dtype().name()
            )));
        }
        o.check_writeable_as("output array is read-only")?;
    }
    let compute = if rt == DType::F16 { DType::F32 } else { rt };
    let a_c = cast(&am, compute)?;
    let b_c = cast(&bm, compute)?;
    // Write straight into `out` when it has the computed dtype and shares no memory with the
    // inputs; otherwise into a new array that is then assigned (cast) into `out`.
    let direct_out = out.filter(|o| {
        o.dtype() == rt && rt == compute && !o.may_share_memory(a) && !o.may_share_memory(b)
    });
    let mut full = batch.clone();
    full.push(m);
    full.push(n);
    let c = match direct_out {
        Some(o) => {
            // `o` with the 1s NumPy removed put back, as stride-0 axes.
            let mut st: SmallVec<[isize; 8]> = o.strides()[..batch.len()].iter().copied().collect();
            let core_st = &o.strides()[batch.len()..];
            let mut it = core_st.iter();
            st.push(if a1 { 0 } else { *it.next().unwrap_or(&0) });
            st.push(if b1 { 0 } else { *it.next().unwrap_or(&0) });
            view(o, &full, &st, o.layout().offset)
        }
        None => Array::uninit(&full, compute)?,
    };
    let p = problem(&a_c, &b_c, &c, &batch, m, n, k)?;
    kernel::run(&a_c, &b_c, &c, &p)?;
    let mut final_shape: Dims = batch.clone();
    final_shape.extend_from_slice(&core);
    match out {
        Some(o) => {
            if direct_out.is_none() {
                // float16 rounds to its own type first, as NumPy's loop does, then casts.
                let shaped = cast(&c.reshape(&isize_dims(&final_shape))?, rt)?;
                o.assign(&shaped)?;
            }
            Ok(o.clone())
        }
        None => {
            let r = c.reshape(&isize_dims(&final_shape))?;
            if rt == compute {
                Ok(r)
            } else {
                r.astype(rt)
            }
        }
    }
}

fn isize_dims(d: &[usize]) -> SmallVec<[isize; 6]> {
    d.iter().map(|&x| x as isize).collect()
}

fn cast(a: &Array, dt: DType) -> Result<Array> {
    if a.dtype() == dt {
        Ok(a.clone())
    } else {
        a.astype(dt)
    }
}

/// NumPy's message when the batch dimensions do not broadcast.
fn remap_error(a: &Array, b: &Array, a1: bool, b1: bool) -> Error {
    let remap = |x: &Array, drop: usize| {
        let mut parts: Vec<String> = x.shape()[..x.ndim() - drop]
            .iter()
            .map(|d| d.to_string())
            .collect();
        parts.extend(std::iter::repeat_n("newaxis".to_string(), drop));
        format!(
            "{}->({})",
            crate::layout::shape_str_sep(x.shape(), ","),
            parts.join(",")
        )
    };
    let mut req: Vec<usize> = Vec::new();
    if !a1 {
        req.push(a.shape()[a.ndim() - 2]);
    }
    if !b1 {
        req.push(b.shape()[b.ndim() - 1]);
    }
    Error::value(format!(
        "operands could not be broadcast together with remapped shapes [original->remapped]: {} {}  and requested shape {}",
        remap(a, if a1 { 1 } else { 2 }),
        remap(b, if b1 { 1 } else { 2 }),
        crate::layout::shape_str_sep(&req, ",")
    ))
}

/// The batch description of `c = a @ b` for stacks whose leading dimensions broadcast to
/// `batch` (`c` already has shape `batch + (m, n)`).
fn problem(
    a: &Array,
    b: &Array,
    c: &Array,
    batch: &[usize],
    m: usize,
    n: usize,
    k: usize,
) -> Result<Problem> {
    let mut fa: Dims = batch.iter().copied().collect();
    fa.extend_from_slice(&[m, k]);
    let mut fb: Dims = batch.iter().copied().collect();
    fb.extend_from_slice(&[k, n]);
    let la = a.layout().broadcast_to(&fa)?;
    let lb = b.layout().broadcast_to(&fb)?;
    let lc = c.layout();
    let nb = batch.len();
    let count = layout::checked_size(batch)?;
    let mut offsets = Vec::with_capacity(count);
    let mut idx: Dims = SmallVec::from_elem(0, nb);
    let mut cur = [la.offset as isize, lb.offset as isize, lc.offset as isize];
    for _ in 0..count {
        offsets.push(cur);
        // Odometer step over the batch, keeping the three offsets in step.
        for d in (0..nb).rev() {
            idx[d] += 1;
            cur[0] += la.strides[d];
            cur[1] += lb.strides[d];
            cur[2] += lc.strides[d];
            if idx[d] < batch[d] {
                break;
            }
            let back = batch[d] as isize;
            cur[0] -= la.strides[d] * back;
            cur[1] -= lb.strides[d] * back;
            cur[2] -= lc.strides[d] * back;
            idx[d] = 0;
        }
    }
    Ok(Problem {
        m,
        n,
        k,
        a_rs: la.strides[nb],
        a_cs: la.strides[nb + 1],
        b_rs: lb.strides[nb],
        b_cs: lb.strides[nb + 1],
        c_rs: lc.strides[nb],
        c_cs: lc.strides[nb + 1],
        offsets,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_out_must_match_dtype_shape_and_layout() {
        let r = Array::from_vec(vec![1.0f64, 2.0], &[2]).unwrap();
        assert_eq!(
            into_exact_out(r.clone(), None).unwrap().data_ptr(),
            r.data_ptr()
        );
        let out = Array::zeros(&[2], DType::F64).unwrap();
        let got = into_exact_out(r.clone(), Some(&out)).unwrap();
        assert_eq!(got.data_ptr(), out.data_ptr());
        assert_eq!(out.to_vec::<f64>(), vec![1.0, 2.0]);
        let f32s = Array::zeros(&[2], DType::F32).unwrap();
        assert!(matches!(
            into_exact_out(r.clone(), Some(&f32s)),
            Err(Error::Value(_))
        ));
        let strided = Array::zeros(&[4], DType::F64)
            .unwrap()
            .index(&[crate::array::IndexItem::Slice {
                start: None,
                stop: None,
                step: Some(2),
            }])
            .unwrap();
        assert!(matches!(
            into_exact_out(r, Some(&strided)),
            Err(Error::Value(_))
        ));
    }
}
