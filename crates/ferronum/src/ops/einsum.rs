//! `einsum`: subscripts parsing (explicit and implicit output, `...`, repeated labels), then a
//! sum of products over the contracted labels, parallel over output elements. The innermost
//! contracted label runs as a pairwise dot product, so `'ij,ij->i'` is one fused pass.

use crate::array::Array;
use crate::dispatch;
use crate::dtype::{promote, DType};
use crate::error::{Error, Result};
use crate::iter::SendPtr;
use crate::kernels::reduce::{pairwise_by, Sum};
use crate::kernels::scalar::Num;
use crate::kernels::simd::simd_dispatch;
use crate::parallel;
use rayon::prelude::*;
use smallvec::SmallVec;

/// A label: a letter, or one of the dimensions `...` stands for (numbered from the right).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Label {
    Ellipsis(usize),
    Letter(u8),
}

struct Term {
    letters: Vec<u8>,
    ellipsis_at: Option<usize>,
}

fn parse_term(s: &str, what: &str) -> Result<Term> {
    let mut letters = Vec::new();
    let mut ellipsis_at = None;
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'.' {
            if b.len() < i + 3 || &b[i..i + 3] != b"..." || ellipsis_at.is_some() {
                return Err(Error::value(format!(
                    "einstein sum subscripts string contains a '.' that is not part of an ellipsis ('...') in the {what}"
                )));
            }
            ellipsis_at = Some(letters.len());
            i += 3;
            continue;
        }
        if c == b' ' {
            i += 1;
            continue;
        }
        if !c.is_ascii_alphabetic() {
            return Err(Error::value(format!(
                "invalid subscript '{}' in einstein sum subscripts string, subscripts must be letters",
                c as char
            )));
        }
        letters.push(c);
        i += 1;
    }
    Ok(Term {
        letters,
        ellipsis_at,
    })
}

/// Expands a term over an operand of `ndim` dimensions into one label per axis.
fn labels_of(term: &Term, ndim: usize, which: usize) -> Result<Vec<Label>> {
    let n = term.letters.len();
    match term.ellipsis_at {
        None if n != ndim => {
            Err(Error::value(if n > ndim {
                format!("einstein sum subscripts string contains too many subscripts for operand {which}")
            } else {
                "operand has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions.".to_string()
            }))
        }
        None => Ok(term.letters.iter().map(|&c| Label::Letter(c)).collect()),
        Some(_) if n > ndim => Err(Error::value(format!(
            "einstein sum subscripts string contains too many subscripts for operand {which}"
        ))),
        Some(at) => {
            let ell = ndim - n;
            let mut out: Vec<Label> = term.letters[..at]
                .iter()
                .map(|&c| Label::Letter(c))
                .collect();
            out.extend((0..ell).map(|k| Label::Ellipsis(ell - 1 - k)));
            out.extend(term.letters[at..].iter().map(|&c| Label::Letter(c)));
            Ok(out)
        }
    }
}

/// `einsum(subscripts, *operands)`.
pub fn einsum(subscripts: &str, operands: &[&Array]) -> Result<Array> {
    let (lhs, rhs) = match subscripts.split_once("->") {
        Some((l, r)) => (l, Some(r)),
        None => (subscripts, None),
    };
    if rhs.is_some_and(|r| r.contains("->")) {
        return Err(Error::value(
            "einstein sum subscript string does not contain proper '->' output specified",
        ));
    }
    let terms: Vec<&str> = lhs.split(',').collect();
    if terms.len() != operands.len() {
        return Err(Error::value(if terms.len() < operands.len() {
            "more operands provided to einstein sum function than specified in the subscripts string"
        } else {
            "fewer operands provided to einstein sum function than specified in the subscripts string"
        }));
    }
    if operands.is_empty() {
        return Err(Error::value("No input operands"));
    }
    let mut op_labels = Vec::with_capacity(operands.len());
    for (k, (t, a)) in terms.iter().zip(operands).enumerate() {
        op_labels.push(labels_of(&parse_term(t, "input")?, a.ndim(), k)?);
    }
    // Sizes per label; size-1 ellipsis dimensions broadcast, letters must agree exactly.
    let mut sizes: Vec<(Label, usize)> = Vec::new();
    for (labels, a) in op_labels.iter().zip(operands) {
        for (&l, &d) in labels.iter().zip(a.shape()) {
            match sizes.iter_mut().find(|(m, _)| *m == l) {
                None => sizes.push((l, d)),
                Some((_, s)) if *s == d => {}
                Some((_, s)) if matches!(l, Label::Ellipsis(_)) && (*s == 1 || d == 1) => {
                    if *s == 1 {
                        *s = d
                    }
                }
                Some((_, s)) => {
                    return Err(Error::value(format!(
                        "operands could not be broadcast together with remapped shapes [original->remapped]: size of label '{}' is {} in one operand and {d} in another",
                        label_name(l),
                        *s
                    )))
                }
            }
        }
    }
    let size_of = |l: Label| {
        sizes
            .iter()
            .find(|(m, _)| *m == l)
            .map(|x| x.1)
            .unwrap_or(1)
    };
    let ell_dims = sizes
        .iter()
        .filter(|(l, _)| matches!(l, Label::Ellipsis(_)))
        .count();
    let mut ell_out: Vec<Label> = (0..ell_dims).rev().map(Label::Ellipsis).collect();
    let out_labels: Vec<Label> = match rhs {
        Some(r) => {
            let t = parse_term(r, "output")?;
            let mut seen = Vec::new();
            for &c in &t.letters {
                if seen.contains(&c) {
                    return Err(Error::value(format!(
                        "einstein sum subscripts string includes output subscript '{}' multiple times",
                        c as char
                    )));
                }
                if !sizes.iter().any(|(l, _)| *l == Label::Letter(c)) {
                    return Err(Error::value(format!(
                        "einstein sum subscripts string included output subscript '{}' which never appeared in an input",
                        c as char
                    )));
                }
                seen.push(c);
            }
            let mut out: Vec<Label> = Vec::new();
            let at = t.ellipsis_at.unwrap_or(t.letters.len());
            out.extend(t.letters[..at].iter().map(|&c| Label::Letter(c)));
            if t.ellipsis_at.is_some() {
                out.append(&mut ell_out);
            } else if ell_dims > 0 && ell_out.iter().any(|&l| size_of(l) != 1) {
                return Err(Error::value(
                    "output has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions.",
                ));
            }
            out.extend(t.letters[at..].iter().map(|&c| Label::Letter(c)));
            out
        }
        None => {
            // Implicit output: the ellipsis, then letters seen exactly once, in ASCII order.
            let mut once: Vec<u8> = Vec::new();
            for l in op_labels.iter().flatten() {
                if let Label::Letter(c) = *l {
                    let n = op_labels
                        .iter()
                        .flatten()
                        .filter(|&&m| m == Label::Letter(c))
                        .count();
                    if n == 1 {
                        once.push(c);
                    }
                }
            }
            once.sort_unstable();
            ell_out
                .into_iter()
                .chain(once.into_iter().map(Label::Letter))
                .collect()
        }
    };
    let contracted: Vec<Label> = sizes
        .iter()
        .map(|x| x.0)
        .filter(|l| !out_labels.contains(l))
        .collect();

    let dt = operands
        .iter()
        .map(|a| a.dtype())
        .reduce(promote)
        .unwrap_or(DType::F64);
    let cast: Vec<Array> = operands
        .iter()
        .map(|a| {
            if a.dtype() == dt {
                Ok((*a).clone())
            } else {
                a.astype(dt)
            }
        })
        .collect::<Result<_>>()?;
    // Each operand's stride for each label: the sum over its axes carrying it (diagonals).
    let stride_for = |k: usize, l: Label| -> isize {
        op_labels[k]
            .iter()
            .zip(cast[k].strides())
            .zip(cast[k].shape())
            .filter(|((m, _), &d)| **m == l && d != 1)
            .map(|((_, &s), _)| s)
            .sum()
    };
    let spec = Spec {
        out_shape: out_labels.iter().map(|&l| size_of(l)).collect(),
        out_strides: (0..cast.len())
            .map(|k| out_labels.iter().map(|&l| stride_for(k, l)).collect())
            .collect(),
        red_shape: contracted.iter().map(|&l| size_of(l)).collect(),
        red_strides: (0..cast.len())
            .map(|k| contracted.iter().map(|&l| stride_for(k, l)).collect())
            .collect(),
        offsets: cast.iter().map(|a| a.layout().offset as isize).collect(),
    };
    let out = Array::uninit(&spec.out_shape, dt)?;
    dispatch!(dt, T => run::<T>(&spec, &cast, &out));
    Ok(out)
}

fn label_name(l: Label) -> String {
    match l {
        Label::Letter(c) => (c as char).to_string(),
        Label::Ellipsis(_) => "...".into(),
    }
}

struct Spec {
    out_shape: SmallVec<[usize; 6]>,
    out_strides: Vec<SmallVec<[isize; 6]>>,
    red_shape: SmallVec<[usize; 6]>,
    red_strides: Vec<SmallVec<[isize; 6]>>,
    offsets: Vec<isize>,
}

fn run<T: Num>(spec: &Spec, ops: &[Array], out: &Array) {
    let n_out: usize = spec.out_shape.iter().product();
    let n_red: usize = spec.red_shape.iter().product();
    let ptrs: Vec<SendPtr<T>> = ops.iter().map(|a| a.base::<T>()).collect();
    let dst = out.base::<T>();
    let element = |o: usize| {
        // Offsets of each operand at output element `o`.
        let mut off: SmallVec<[isize; 4]> = spec.offsets.iter().copied().collect();
        let mut rem = o;
        for ax in (0..spec.out_shape.len()).rev() {
            let i = (rem % spec.out_shape[ax]) as isize;
            rem /= spec.out_shape[ax];
            for (k, off) in off.iter_mut().enumerate() {
                *off += i * spec.out_strides[k][ax];
            }
        }
        let v = sum_products::<T>(spec, &ptrs, &off, n_red);
        unsafe { *dst.at(o as isize) = v };
    };
    if parallel::worth_splitting(n_out.saturating_mul(n_red.max(1))) && n_out > 1 {
        let chunk = n_out.div_ceil(parallel::num_threads() * 4).max(1);
        parallel::install(|| {
            (0..n_out.div_ceil(chunk)).into_par_iter().for_each(|c| {
                for o in c * chunk..((c + 1) * chunk).min(n_out) {
                    element(o);
                }
            })
        });
    } else {
        (0..n_out).for_each(element);
    }
}

/// Sum over the contracted labels of the product of the operands, starting at `off`.
fn sum_products<T: Num>(spec: &Spec, ptrs: &[SendPtr<T>], off: &[isize], n_red: usize) -> T {
    let nr = spec.red_shape.len();
    let prod_at = |o: &[isize]| -> T {
        let mut p = unsafe { *ptrs[0].at(o[0]) };
        for k in 1..ptrs.len() {
            p = p.mul(unsafe { *ptrs[k].at(o[k]) });
        }
        p
    };
    if nr == 0 {
        return prod_at(off);
    }
    if n_red == 0 {
        return T::zero();
    }
    // The innermost contracted label is a dot product; the others an odometer around it.
    let inner = spec.red_shape[nr - 1];
    let inner_st: SmallVec<[isize; 4]> = spec.red_strides.iter().map(|s| s[nr - 1]).collect();
    let dot = |o: &[isize]| -> T {
        match (ptrs.len(), o, inner_st.as_slice()) {
            (1, &[a], &[sa]) => {
                pairwise_by(inner, &|i| unsafe { *ptrs[0].at(a + i as isize * sa) }, Sum)
            }
            (2, &[a, b], &[1, 1]) => unsafe {
                simd_dispatch!(simd::sum2(
                    ptrs[0].at(a),
                    ptrs[1].at(b),
                    inner,
                    &|x: T, y: T| x.mul(y),
                    Sum
                ))
            },
            (2, &[a, b], &[sa, sb]) => pairwise_by(
                inner,
                &|i| unsafe {
                    (*ptrs[0].at(a + i as isize * sa)).mul(*ptrs[1].at(b + i as isize * sb))
                },
                Sum,
            ),
            _ => pairwise_by(
                inner,
                &|i| {
                    let o2: SmallVec<[isize; 4]> = o
                        .iter()
                        .zip(&inner_st)
                        .map(|(&x, &s)| x + i as isize * s)
                        .collect();
                    prod_at(&o2)
                },
                Sum,
            ),
        }
    };
    let mut acc = T::zero();
    let outer: usize = spec.red_shape[..nr - 1].iter().product();
    let mut idx: SmallVec<[usize; 6]> = SmallVec::from_elem(0, nr - 1);
    let mut cur: SmallVec<[isize; 4]> = off.iter().copied().collect();
    for _ in 0..outer {
        acc = acc.add(dot(&cur));
        let mut ax = nr - 1;
        while ax > 0 {
            ax -= 1;
            idx[ax] += 1;
            for (k, c) in cur.iter_mut().enumerate() {
                *c += spec.red_strides[k][ax];
            }
            if idx[ax] < spec.red_shape[ax] {
                break;
            }
            for (k, c) in cur.iter_mut().enumerate() {
                *c -= spec.red_strides[k][ax] * spec.red_shape[ax] as isize;
            }
            idx[ax] = 0;
        }
    }
    acc
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arr(v: Vec<i64>, s: &[usize]) -> Array {
        Array::from_vec(v, s).unwrap()
    }

    #[test]
    fn common_forms() {
        let a = arr((0..6).collect(), &[2, 3]);
        assert_eq!(
            einsum("ij,ij->i", &[&a, &a]).unwrap().to_vec::<i64>(),
            vec![5, 50]
        );
        assert_eq!(einsum("ij->i", &[&a]).unwrap().to_vec::<i64>(), vec![3, 12]);
        assert_eq!(
            einsum("ij->ji", &[&a]).unwrap().to_vec::<i64>(),
            vec![0, 3, 1, 4, 2, 5]
        );
        assert_eq!(
            einsum("ij", &[&a]).unwrap().to_vec::<i64>(),
            vec![0, 1, 2, 3, 4, 5]
        );
        assert_eq!(einsum("ji", &[&a]).unwrap().shape(), &[3, 2]);
        let sq = arr((0..9).collect(), &[3, 3]);
        assert_eq!(
            einsum("ii->i", &[&sq]).unwrap().to_vec::<i64>(),
            vec![0, 4, 8]
        );
        assert_eq!(einsum("ii", &[&sq]).unwrap().to_vec::<i64>(), vec![12]);
        let b = arr((0..12).collect(), &[3, 4]);
        let m = einsum("ij,jk", &[&a, &b]).unwrap();
        assert_eq!(m.to_vec::<i64>(), vec![20, 23, 26, 29, 56, 68, 80, 92]);
        assert_eq!(
            einsum("...j,...j->...", &[&a, &a]).unwrap().to_vec::<i64>(),
            vec![5, 50]
        );
    }

    #[test]
    fn bad_subscripts() {
        let a = arr((0..6).collect(), &[2, 3]);
        assert!(einsum("ij,ij->i", &[&a]).is_err());
        assert!(einsum("i->i", &[&a]).is_err());
        assert!(einsum("ij->k", &[&a]).is_err());
        assert!(einsum("i1", &[&a]).is_err());
        assert!(einsum("ij,jk", &[&a, &a]).is_err());
    }
}
