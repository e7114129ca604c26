//! Two operands whose contraction is a (batched) matrix product: both are arranged as
//! `(batch, m, k)` and `(batch, k, n)` and multiplied by `matmul`, which runs on `gemm` for
//! floats and complex and on the blocked integer kernel otherwise.

use super::direct;
use super::parse::Label;
use crate::array::Array;
use crate::error::Result;

/// Contracts `a` (labelled `la`) with `b` (labelled `lb`), keeping the labels `keep`, when that
/// is a matrix product with rows and columns on both sides; `None` leaves it to the direct sum
/// of products (element-wise products, dot products, matrix-vector products), which is as fast
/// there and makes no copies. Returns the result and its labels, `(batch, m, n)` order.
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
    let batch: Vec<Label> = unique_in(la)
        .filter(|l| lb.contains(l) && keep.contains(l))
        .collect();
    let inner: Vec<Label> = unique_in(la)
        .filter(|l| lb.contains(l) && !keep.contains(l))
        .collect();
    let rows: Vec<Label> = unique_in(la)
        .filter(|l| !lb.contains(l) && keep.contains(l))
        .collect();
    let cols: Vec<Label> = unique_in(lb)
        .filter(|l| !la.contains(l) && keep.contains(l))
        .collect();
    if inner.is_empty() || rows.is_empty() || cols.is_empty() {
        return Ok(None);
    }
    // Diagonals and labels summed out of one operand alone go first, by the direct path.
    let reduce = |x: &Array, l: &[Label], other: &[Label]| -> Result<Array> {
        let needed: Vec<Label> = unique_in(l)
            .filter(|m| other.contains(m) || keep.contains(m))
            .collect();
        if needed.len() == l.len() {
            Ok(x.clone())
        } else {
            direct::contract(&[x], &[l], &needed, size_of)
        }
    };
    let a = reduce(a, la, lb)?;
    let la: Vec<Label> = unique_in(la)
        .filter(|m| lb.contains(m) || keep.contains(m))
        .collect();
    let b = reduce(b, lb, &la)?;
    let lb: Vec<Label> = unique_in(lb)
        .filter(|m| la.contains(m) || keep.contains(m))
        .collect();
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
