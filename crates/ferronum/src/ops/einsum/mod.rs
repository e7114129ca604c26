//! `einsum` and `einsum_path`. Subscripts are parsed once per (subscripts, shapes, optimize)
//! and the plan is cached, so repeated calls skip parsing and the path search. A plan is a list
//! of steps; each step contracts some operands into one intermediate, on `gemm` (through
//! `matmul`) when two operands meet in a matrix product, else by the direct sum of products.

mod direct;
mod pair;
pub mod parse;
pub mod path;

use crate::array::Array;
use crate::dtype::{promote, DType};
use crate::error::{Error, Result};
pub use crate::ops::ufunc::Casting;
use parse::{Expr, Label};
pub use path::Optimize;
use path::Step;
use smallvec::SmallVec;
use std::borrow::Cow;
use std::sync::{Arc, Mutex};

/// `einsum`'s keyword arguments.
#[derive(Clone, Debug)]
pub struct Options<'a> {
    pub out: Option<&'a Array>,
    pub dtype: Option<DType>,
    /// `None`: NumPy's default, which is 'safe' for its own einsum loops and 'same_kind' for
    /// the pairwise steps that `optimize` sends to `matmul`.
    pub casting: Option<Casting>,
    pub optimize: Optimize,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            out: None,
            dtype: None,
            casting: None,
            optimize: Optimize::No,
        }
    }
}

struct Plan {
    expr: Expr,
    steps: Vec<Step>,
    /// Per operand: whether the step that consumes it contracts a pair, which decides its
    /// default casting rule (as in NumPy).
    pairwise: Vec<bool>,
    /// Per step: the labels its result keeps (the output's, in order, for the last).
    keeps: Vec<Vec<Label>>,
}

impl Plan {
    fn new(expr: Expr, steps: Vec<Step>) -> Plan {
        let n = expr.inputs.len();
        let mut pairwise = vec![false; n];
        // Operand positions as the steps see them: each step removes what it takes and
        // appends its result (`None`: an intermediate, not an operand).
        let mut slots: Vec<Option<usize>> = (0..n).map(Some).collect();
        for st in &steps {
            for &i in &st.take {
                if let Some(Some(k)) = (i < slots.len()).then(|| slots.remove(i)) {
                    pairwise[k] = st.take.len() == 2;
                }
            }
            slots.push(None);
        }
        let last = steps.len().saturating_sub(1);
        let keeps = steps
            .iter()
            .enumerate()
            .map(|(k, st)| {
                if k == last {
                    expr.output.clone()
                } else {
                    path::labels_in(&expr, st.keep)
                }
            })
            .collect();
        Plan {
            expr,
            steps,
            pairwise,
            keeps,
        }
    }
}

type Key = (String, Vec<SmallVec<[usize; 4]>>, Optimize);

/// The most recent plans, newest first; a handful covers a loop body's einsum calls.
static PLANS: Mutex<Vec<(Key, Arc<Plan>)>> = Mutex::new(Vec::new());
const PLANS_KEPT: usize = 16;

fn plan(subscripts: &str, shapes: &[&[usize]], optimize: &Optimize) -> Result<Arc<Plan>> {
    let same = |k: &Key| {
        k.0 == subscripts
            && k.1.len() == shapes.len()
            && k.1.iter().zip(shapes).all(|(a, b)| a.as_slice() == *b)
            && k.2 == *optimize
    };
    if let Ok(mut cache) = PLANS.lock() {
        if let Some(i) = cache.iter().position(|(k, _)| same(k)) {
            let p = cache[i].1.clone();
            if i > 0 {
                let hit = cache.remove(i);
                cache.insert(0, hit);
            }
            return Ok(p);
        }
    }
    let key: Key = (
        subscripts.to_owned(),
        shapes.iter().map(|s| SmallVec::from_slice(s)).collect(),
        optimize.clone(),
    );
    let expr = parse::parse(subscripts, shapes, *optimize != Optimize::No, true)?;
    let route = path::find_path(&expr, optimize)?;
    let steps = path::steps(&expr, &route)?;
    let p = Arc::new(Plan::new(expr, steps));
    if let Ok(mut cache) = PLANS.lock() {
        cache.insert(0, (key, p.clone()));
        cache.truncate(PLANS_KEPT);
    }
    Ok(p)
}

/// `einsum(subscripts, *operands)` with NumPy's defaults.
pub fn einsum(subscripts: &str, operands: &[&Array]) -> Result<Array> {
    einsum_with(subscripts, operands, &Options::default())
}

/// `einsum(subscripts, *operands, out=, dtype=, casting=, optimize=)`. With `out`, the result
/// is written there and `out` itself is returned.
pub fn einsum_with(subscripts: &str, operands: &[&Array], opts: &Options) -> Result<Array> {
    einsum_full(subscripts, operands, opts).map(|r| r.0)
}

/// `einsum_with`, and whether NumPy hands a 0-d result back as an array rather than a scalar:
/// it does when `optimize` ends with a pairwise step (NumPy's batched-matmul route).
pub fn einsum_full(subscripts: &str, operands: &[&Array], opts: &Options) -> Result<(Array, bool)> {
    let shapes: SmallVec<[&[usize]; 4]> = operands.iter().map(|a| a.shape()).collect();
    let plan = plan(subscripts, &shapes, &opts.optimize)?;
    let dt = match opts.dtype {
        Some(d) => d,
        None => operands
            .iter()
            .map(|a| a.dtype())
            .reduce(promote)
            .unwrap_or(DType::F64),
    };
    let rule = |pairwise: bool| {
        opts.casting
            .unwrap_or(if pairwise && opts.optimize != Optimize::No {
                Casting::SameKind
            } else {
                Casting::Safe
            })
    };
    let out_rule = rule(plan.steps.last().is_some_and(|st| st.take.len() == 2));
    let mut ops: Vec<(Array, Cow<[Label]>)> = Vec::with_capacity(operands.len());
    for ((a, labels), &pairwise) in operands.iter().zip(&plan.expr.inputs).zip(&plan.pairwise) {
        let rule = rule(pairwise);
        if !rule.allows(a.dtype(), dt) {
            return Err(cast_error(a.dtype(), dt, rule));
        }
        let a = if a.dtype() == dt {
            (*a).clone()
        } else {
            a.astype(dt)?
        };
        ops.push((a, Cow::Borrowed(labels)));
    }
    if let Some(o) = opts.out {
        let want: SmallVec<[usize; 6]> = plan
            .expr
            .output
            .iter()
            .map(|&l| plan.expr.size_of(l))
            .collect();
        if o.shape() != want.as_slice() {
            return Err(Error::value(format!(
                "output array has wrong dimensions: expected shape {:?}, got {:?}",
                want.as_slice(),
                o.shape()
            )));
        }
        o.check_writeable_as("operand array with iterator write flag set is read-only")?;
        if !out_rule.allows(dt, o.dtype()) {
            return Err(cast_error(dt, o.dtype(), out_rule));
        }
    }
    let size_of = |l: Label| plan.expr.size_of(l);
    let last = plan.steps.len() - 1;
    let mut as_array = false;
    for (k, st) in plan.steps.iter().enumerate() {
        let taken: SmallVec<[(Array, Cow<[Label]>); 4]> =
            st.take.iter().map(|&i| ops.remove(i)).collect();
        let keep = plan.keeps[k].as_slice();
        let arrays: SmallVec<[&Array; 4]> = taken.iter().map(|t| &t.0).collect();
        let labels: SmallVec<[&[Label]; 4]> = taken.iter().map(|t| &*t.1).collect();
        if k == last && opts.optimize != Optimize::No {
            as_array = matmul_route(&arrays, &labels, keep);
        }
        let made = match &arrays[..] {
            [a, b] => pair::contract(a, labels[0], b, labels[1], keep, &size_of)?,
            [a] if labels[0].iter().all(|l| keep.contains(l)) => Some(viewed(a, labels[0], keep)),
            [a] => summed(a, labels[0], keep)?,
            _ => None,
        };
        let (r, got) = match made {
            Some(m) => m,
            None => (
                direct::contract(&arrays, &labels, keep, &size_of)?,
                keep.to_vec(),
            ),
        };
        ops.push((r, Cow::Owned(got)));
    }
    let (r, got) = ops.pop().ok_or_else(|| Error::value("No input operands"))?;
    let r = arrange(r, &got, &plan.expr.output)?;
    match opts.out {
        Some(o) => {
            o.assign(&r)?;
            Ok((o.clone(), as_array))
        }
        None => Ok((r, as_array)),
    }
}

/// One operand with nothing summed (a transpose, a diagonal): a view of it, as NumPy returns,
/// each label striding by the sum of the strides of the axes that carry it.
fn viewed(a: &Array, la: &[Label], keep: &[Label]) -> (Array, Vec<Label>) {
    let l = a.layout();
    let mut layout = l.clone();
    layout.shape.clear();
    layout.strides.clear();
    for &k in keep {
        let axes = || {
            la.iter()
                .zip(l.shape.iter().zip(&l.strides))
                .filter(|(m, _)| **m == k)
        };
        layout
            .shape
            .push(axes().map(|(_, (&d, _))| d).min().unwrap_or(1));
        layout.strides.push(axes().map(|(_, (_, &s))| s).sum());
    }
    (a.with_layout(layout), keep.to_vec())
}

/// One operand with distinct labels, some summed out: the reduction engine's `sum` (SIMD,
/// parallel over rows or columns as the layout suits), keeping the operand's dtype as einsum
/// does. Diagonals, and float16 and bool (whose einsum sums differ from `sum`'s), stay direct.
fn summed(a: &Array, la: &[Label], keep: &[Label]) -> Result<Option<(Array, Vec<Label>)>> {
    let distinct = pair::unique_in(la).count() == la.len();
    if !distinct || matches!(a.dtype(), DType::F16 | DType::Bool) || keep.len() == la.len() {
        return Ok(None);
    }
    let axes: SmallVec<[isize; 6]> = (0..la.len())
        .filter(|&i| !keep.contains(&la[i]))
        .map(|i| i as isize)
        .collect();
    let r = crate::ops::reduce::sum(a, Some(&axes), false, Some(a.dtype()))?;
    let left = la.iter().filter(|l| keep.contains(l)).copied().collect();
    Ok(Some((r, left)))
}

/// Whether NumPy's optimized einsum would finish this step with `matmul` (a label of size
/// above 1 in both operands and summed), which leaves a 0-d result an array, not a scalar.
fn matmul_route(arrays: &[&Array], labels: &[&[Label]], keep: &[Label]) -> bool {
    let ([a, b], [la, lb]) = (arrays, labels) else {
        return false;
    };
    let wide =
        |x: &Array, l: &[Label], m: Label| l.iter().zip(x.shape()).any(|(&n, &d)| n == m && d != 1);
    la.iter()
        .any(|&m| !keep.contains(&m) && wide(a, la, m) && wide(b, lb, m))
}

/// `r`, labelled `got`, as a view with its axes in the order `want` (the same labels).
fn arrange(r: Array, got: &[Label], want: &[Label]) -> Result<Array> {
    if got == want {
        return Ok(r);
    }
    let perm: Vec<isize> = want
        .iter()
        .map(|l| got.iter().position(|m| m == l).unwrap_or(0) as isize)
        .collect();
    r.transpose(Some(&perm))
}

fn cast_error(from: DType, to: DType, casting: Casting) -> Error {
    Error::type_(format!(
        "Cannot cast array data from dtype('{from}') to dtype('{to}') according to the rule '{}'",
        casting.name()
    ))
}

/// `einsum_path(subscripts, *operands, optimize=)`: the path (without NumPy's leading
/// `'einsum_path'` marker) and the printed report.
pub fn einsum_path(
    subscripts: &str,
    shapes: &[&[usize]],
    optimize: &Optimize,
) -> Result<(Vec<Vec<usize>>, String)> {
    let expr = parse::parse(subscripts, shapes, true, false)?;
    let route = path::find_path(&expr, optimize)?;
    let text = path::report(&expr, &route)?;
    Ok((route, text))
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
    fn paths_match_numpy() {
        // numpy.einsum_path('ea,fb,abcd,gc,hd->efgh', ...) on NumPy's docstring example shapes.
        let shapes: [&[usize]; 5] = [&[10, 10]; 5];
        let four: &[usize] = &[10, 10, 10, 10];
        let s: Vec<&[usize]> = vec![shapes[0], shapes[1], four, shapes[3], shapes[4]];
        let (p, _) = einsum_path("ea,fb,abcd,gc,hd->efgh", &s, &Optimize::Greedy(None)).unwrap();
        assert_eq!(p, vec![vec![0, 2], vec![0, 3], vec![0, 2], vec![0, 1]]);
        let (p, text) = einsum_path(
            "ij,jk,kl->il",
            &[&[2, 3], &[3, 4], &[4, 5]],
            &Optimize::Greedy(None),
        )
        .unwrap();
        assert_eq!(p, vec![vec![1, 2], vec![0, 1]]);
        assert!(text.contains("Theoretical speedup:  1.989\n"));
        assert!(text
            .contains("   3                   kl,jk->jl                                ij,jl->il"));
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
