//! Two operands. Labels private to one operand are summed first (the reduction engine); then
//! a (batched) matrix product is arranged as `(batch, m, k)` and `(batch, k, n)` views (one
//! copy where the strides do not allow a view) and multiplied by `matmul`, which runs on
//! `gemm` for floats and complex and on the blocked integer kernel otherwise; an element-wise
//! product, and a matrix-vector product with unit-stride dot products, run on the direct loop.

use super::direct;
use super::parse::Label;
use crate::array::Array;
use crate::dtype::DType;
use crate::error::Result;
use smallvec::SmallVec;

/// Contracts `a` (labelled `la`) with `b` (labelled `lb`), keeping the labels `keep`: labels
/// private to one operand are summed first, then a matrix product (or a matrix-vector product
/// whose dot products would be strided) goes to `matmul` and the rest to the direct sum of
/// products. `None` (broadcast labels; float16 and bool outside a matrix product) leaves the
/// whole step to the direct sum. Returns the result and its labels.
pub fn contract(
    a: &Array,
    la: &[Label],
    b: &Array,
    lb: &[Label],
    keep: &[Label],
    size_of: &dyn Fn(Label) -> usize,
) -> Result<Option<(Array, Vec<Label>)>> {
    let broadcasts =
        |x: &Array, l: &[Label]| x.shape().iter().zip(l).any(|(&d, &m)| d != size_of(m));
    if broadcasts(a, la) || broadcasts(b, lb) {
        return Ok(None);
    }
    // float16 and bool sum in one pass, as NumPy's einsum loop does (no rounded partial sums
    // in between): only a matrix product leaves that loop.
    if matches!(a.dtype(), DType::F16 | DType::Bool) {
        let shared = |m: &Label| lb.contains(m);
        let kept = |m: &Label| keep.contains(m);
        let rows = la.iter().any(|m| !shared(m) && kept(m));
        let cols = lb.iter().any(|m| !la.contains(m) && kept(m));
        let inner = la.iter().any(|m| shared(m) && !kept(m));
        if !(rows && cols && inner) {
            return Ok(None);
        }
    }
    // Labels summed out of one operand alone, and diagonals, go first: by the reduction
    // engine where the labels are distinct, else by the direct sum. NumPy's pairwise steps do
    // the same, and the work left is the smaller for it.
    let reduce = |x: &Array, l: &[Label], other: &[Label]| -> Result<Array> {
        let needed: Vec<Label> = unique_in(l)
            .filter(|m| other.contains(m) || keep.contains(m))
            .collect();
        if needed.len() == l.len() {
            return Ok(x.clone());
        }
        let distinct = unique_in(l).count() == l.len();
        if distinct && !matches!(x.dtype(), DType::F16 | DType::Bool) {
            let axes: SmallVec<[isize; 6]> = (0..l.len())
                .filter(|&i| !needed.contains(&l[i]))
                .map(|i| i as isize)
                .collect();
            return crate::ops::reduce::sum(x, Some(&axes), false, Some(x.dtype()));
        }
        direct::contract(&[x], &[l], &needed, size_of)
    };
    let a = reduce(a, la, lb)?;
    let la: Vec<Label> = unique_in(la)
        .filter(|m| lb.contains(m) || keep.contains(m))
        .collect();
    let b = reduce(b, lb, &la)?;
    let lb: Vec<Label> = unique_in(lb)
        .filter(|m| la.contains(m) || keep.contains(m))
        .collect();
    let batch: Vec<Label> = la
        .iter()
        .copied()
        .filter(|l| lb.contains(l) && keep.contains(l))
        .collect();
    let inner: Vec<Label> = la
        .iter()
        .copied()
        .filter(|l| lb.contains(l) && !keep.contains(l))
        .collect();
    let rows: Vec<Label> = la
        .iter()
        .copied()
        .filter(|l| !lb.contains(l) && keep.contains(l))
        .collect();
    let cols: Vec<Label> = lb
        .iter()
        .copied()
        .filter(|l| !la.contains(l) && keep.contains(l))
        .collect();
    // A matrix product goes to `matmul`; a matrix-vector product too when the direct dot
    // products would step through an operand with a stride (their cost, measured, is then
    // several times a contiguous dot's). The rest is the direct sum of products.
    let strided_dots = || {
        let unit = |x: &Array, l: &[Label]| {
            inner.last().is_some_and(|m| {
                l.iter()
                    .position(|n| n == m)
                    .is_some_and(|i| x.strides()[i] == 1 || x.shape()[i] == 1)
            })
        };
        !(unit(&a, &la) && unit(&b, &lb))
    };
    let gemm = !inner.is_empty()
        && ((!rows.is_empty() && !cols.is_empty())
            || ((!rows.is_empty() || !cols.is_empty()) && strided_dots()));
    if inner.is_empty() {
        // Nothing summed: an element-wise product, by the direct loop's output lines. The
        // longest label that both operands step through by 0 or 1 goes last (the result's
        // axes follow, as NumPy's broadcast multiply lays its result out by the operands),
        // so each line is one vectorised pass.
        let unit = |x: &Array, l: &[Label], m: Label| {
            l.iter()
                .position(|&n| n == m)
                .is_none_or(|i| x.strides()[i] == 1 || x.shape()[i] == 1)
        };
        let mut order: Vec<Label> = keep.to_vec();
        if let Some(best) = keep
            .iter()
            .copied()
            .filter(|&m| unit(&a, &la, m) && unit(&b, &lb, m))
            .max_by_key(|&m| size_of(m))
        {
            order.retain(|&m| m != best);
            order.push(best);
        }
        let r = direct::contract(&[&a, &b], &[&la, &lb], &order, size_of)?;
        return Ok(Some((r, order)));
    }
    if !gemm {
        let out: Vec<Label> = keep.to_vec();
        let r = direct::contract(&[&a, &b], &[&la, &lb], &out, size_of)?;
        return Ok(Some((r, out)));
    }
    let size = |ls: &[Label]| ls.iter().map(|&l| size_of(l)).product::<usize>() as isize;
    let arranged = |x: &Array, from: &[Label], order: &[&[Label]], dims: [isize; 3]| {
        let perm: Vec<isize> = order
            .iter()
            .flat_map(|g| g.iter())
            .map(|l| from.iter().position(|m| m == l).unwrap_or(0) as isize)
            .collect();
        x.transpose(Some(&perm))?.reshape(&dims)
    };
    let (nb, m, k, n) = (size(&batch), size(&rows), size(&inner), size(&cols));
    let a3 = arranged(&a, &la, &[&batch, &rows, &inner], [nb, m, k])?;
    let b3 = arranged(&b, &lb, &[&batch, &inner, &cols], [nb, k, n])?;
    let c = crate::ops::products::matmul(&a3, &b3)?;
    let labels: Vec<Label> = batch.iter().chain(&rows).chain(&cols).copied().collect();
    let shape: Vec<isize> = labels.iter().map(|&l| size_of(l) as isize).collect();
    Ok(Some((c.reshape(&shape)?, labels)))
}

/// The labels of `l` without repeats, in order.
pub(super) fn unique_in(l: &[Label]) -> impl Iterator<Item = Label> + '_ {
    l.iter()
        .enumerate()
        .filter(move |(i, m)| !l[..*i].contains(m))
        .map(|(_, &m)| m)
}
