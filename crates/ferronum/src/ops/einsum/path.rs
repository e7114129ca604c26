//! Contraction order (`optimize=`): NumPy's greedy and optimal searches over label sets, an
//! explicit path, and `einsum_path`'s report. The searches follow `numpy.einsum_path` step for
//! step (same costs, same tie-breaking), so the paths they return are NumPy's.

use super::parse::{Expr, Label};
use crate::error::{Error, Result};

/// What `optimize=` asks for. A memory limit caps the size of any intermediate, in elements;
/// `None` means the largest operand (or the output).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Optimize {
    No,
    Greedy(Option<u128>),
    Optimal(Option<u128>),
    Path(Vec<Vec<usize>>),
}

/// A set of labels: bit `i` is `expr.sizes[i]`. 52 letters and at most 64 ellipsis dimensions fit.
type Set = u128;

struct Sizes(Vec<u128>);

impl Sizes {
    fn of(&self, s: Set) -> u128 {
        (0..self.0.len())
            .filter(|i| s >> i & 1 == 1)
            .fold(1u128, |acc, i| acc.saturating_mul(self.0[i]))
    }

    /// NumPy's `_flop_count`.
    fn flops(&self, contract: Set, inner: bool, terms: usize) -> u128 {
        let factor = (terms.saturating_sub(1)).max(1) + inner as usize;
        self.of(contract).saturating_mul(factor as u128)
    }
}

fn set_of(expr: &Expr, labels: &[Label]) -> Set {
    labels.iter().fold(0, |s, l| {
        s | 1u128 << expr.sizes.iter().position(|(m, _)| m == l).unwrap_or(0)
    })
}

/// NumPy's `_find_contraction`: (new result, remaining sets with it appended, removed, all).
fn find(positions: &[usize], inputs: &[Set], output: Set) -> (Set, Vec<Set>, Set, Set) {
    let mut contract = 0;
    let mut remain = output;
    let mut rest = Vec::with_capacity(inputs.len());
    for (i, &s) in inputs.iter().enumerate() {
        if positions.contains(&i) {
            contract |= s;
        } else {
            rest.push(s);
            remain |= s;
        }
    }
    let result = remain & contract;
    rest.push(result);
    (result, rest, contract & !result, contract)
}

fn pairs(n: usize) -> impl Iterator<Item = (usize, usize)> {
    (0..n).flat_map(move |i| (i + 1..n).map(move |j| (i, j)))
}

fn optimal(inputs: &[Set], output: Set, sz: &Sizes, limit: u128) -> Vec<Vec<usize>> {
    let n = inputs.len();
    let mut full: Vec<(u128, Vec<Vec<usize>>, Vec<Set>)> = vec![(0, vec![], inputs.to_vec())];
    for it in 0..n.saturating_sub(1) {
        let mut next = Vec::new();
        for (cost, path, remaining) in &full {
            for (i, j) in pairs(n - it) {
                let (res, rest, removed, contract) = find(&[i, j], remaining, output);
                if sz.of(res) > limit {
                    continue;
                }
                let total = cost.saturating_add(sz.flops(contract, removed != 0, 2));
                let mut p = path.clone();
                p.push(vec![i, j]);
                next.push((total, p, rest));
            }
        }
        if next.is_empty() {
            let mut best = cheapest(full);
            best.push((0..n - it).collect());
            return best;
        }
        full = next;
    }
    cheapest(full)
}

/// The first of the cheapest (Python's `min` keeps the first of equals).
fn cheapest(results: Vec<(u128, Vec<Vec<usize>>, Vec<Set>)>) -> Vec<Vec<usize>> {
    let mut best: Option<(u128, Vec<Vec<usize>>)> = None;
    for (c, p, _) in results {
        if best.as_ref().is_none_or(|b| c < b.0) {
            best = Some((c, p));
        }
    }
    best.map(|b| b.1).unwrap_or_default()
}

/// A candidate of the greedy search: ((-removed size, flops), pair, sets after it).
type Candidate = ((i128, u128), (usize, usize), Vec<Set>);

fn greedy(inputs: &[Set], output: Set, sz: &Sizes, limit: u128) -> Vec<Vec<usize>> {
    let n = inputs.len();
    let all: Vec<usize> = (0..n).collect();
    let (_, _, removed, contract) = find(&all, inputs, output);
    let naive = sz.flops(contract, removed != 0, n);
    let consider = |(i, j): (usize, usize), sets: &[Set], spent: u128| -> Option<Candidate> {
        let (res, rest, removed, contract) = find(&[i, j], sets, output);
        let new = sz.of(res);
        if new > limit {
            return None;
        }
        let removed_size = sz.of(sets[i]) as i128 + sz.of(sets[j]) as i128 - new as i128;
        let cost = sz.flops(contract, removed != 0, 2);
        if spent.saturating_add(cost) > naive {
            return None;
        }
        Some(((-removed_size, cost), (i, j), rest))
    };
    let mut sets = inputs.to_vec();
    let mut known: Vec<Candidate> = Vec::new();
    let mut path = Vec::new();
    let mut spent = 0u128;
    let mut todo: Vec<(usize, usize)> = pairs(n).collect();
    for _ in 0..n - 1 {
        for &(i, j) in &todo {
            if sets[i] & sets[j] == 0 {
                continue; // outer products only when nothing else is left
            }
            known.extend(consider((i, j), &sets, spent));
        }
        if known.is_empty() {
            known.extend(pairs(sets.len()).filter_map(|p| consider(p, &sets, spent)));
            if known.is_empty() {
                path.push((0..sets.len()).collect());
                break;
            }
        }
        let mut bi = 0;
        for (k, c) in known.iter().enumerate() {
            if c.0 < known[bi].0 {
                bi = k;
            }
        }
        let best = known.remove(bi);
        // NumPy's `_update_other_results`: keep the other candidates, renumbered, with the
        // new intermediate in their remaining sets (their costs are not recomputed).
        let (bx, by) = best.1;
        let newest = *best.2.last().unwrap_or(&0);
        let mut kept = Vec::new();
        for (cost, (x, y), mut con) in known {
            if x == bx || x == by || y == bx || y == by {
                continue;
            }
            let shift = |v: usize, a: usize, b: usize| v - (v > a) as usize - (v > b) as usize;
            con.remove(shift(by, x, y));
            con.remove(shift(bx, x, y));
            let at = con.len() - 1;
            con.insert(at, newest);
            kept.push((cost, (shift(x, bx, by), shift(y, bx, by)), con));
        }
        known = kept;
        sets = best.2;
        let last = sets.len() - 1;
        todo = (0..last).map(|i| (i, last)).collect();
        path.push(vec![bx, by]);
        spent = spent.saturating_add(best.0 .1);
    }
    path
}

/// The contraction path for `expr` under `optimize`, as NumPy's `einsum_path` computes it.
pub fn find_path(expr: &Expr, optimize: &Optimize) -> Result<Vec<Vec<usize>>> {
    let n = expr.inputs.len();
    let sz = Sizes(expr.sizes.iter().map(|x| x.1 as u128).collect());
    let inputs: Vec<Set> = expr.inputs.iter().map(|t| set_of(expr, t)).collect();
    let output = set_of(expr, &expr.output);
    let term_size = |t: &[Label]| {
        t.iter()
            .fold(1u128, |a, &l| a.saturating_mul(expr.size_of(l) as u128))
    };
    let largest = expr
        .inputs
        .iter()
        .chain(std::iter::once(&expr.output))
        .map(|t| term_size(t))
        .max()
        .unwrap_or(1);
    let everything = inputs.iter().fold(0, |a, s| a | s);
    let trivial = n <= 2 || everything == output;
    Ok(match optimize {
        Optimize::Path(p) => p.clone(),
        Optimize::No => vec![(0..n).collect()],
        _ if trivial => vec![(0..n).collect()],
        Optimize::Greedy(m) => greedy(&inputs, output, &sz, m.unwrap_or(largest)),
        Optimize::Optimal(m) => optimal(&inputs, output, &sz, m.unwrap_or(largest)),
    })
}

/// One step of a path: which operands (positions in the current list, descending, as NumPy
/// pops them) are contracted, and the labels of the intermediate they become.
#[derive(Clone, Debug)]
pub struct Step {
    pub take: Vec<usize>,
    pub keep: Set,
}

/// Checks `path` and turns it into steps; an invalid explicit path raises as NumPy does.
pub fn steps(expr: &Expr, path: &[Vec<usize>]) -> Result<Vec<Step>> {
    let mut sets: Vec<Set> = expr.inputs.iter().map(|t| set_of(expr, t)).collect();
    let output = set_of(expr, &expr.output);
    let mut out = Vec::with_capacity(path.len());
    for p in path {
        let mut take = p.clone();
        take.sort_unstable_by(|a, b| b.cmp(a));
        if take.iter().any(|&i| i >= sets.len()) || take.windows(2).any(|w| w[0] == w[1]) {
            return Err(Error::index("pop index out of range"));
        }
        let (keep, rest, _, _) = find(&take, &sets, output);
        sets = rest;
        out.push(Step { take, keep });
    }
    if sets.len() != 1 {
        return Err(Error::Runtime(format!(
            "Invalid einsum_path is specified: {} more operands has to be contracted.",
            sets.len() - 1
        )));
    }
    Ok(out)
}

/// The labels of `set`, in the order of `expr.sizes`.
pub fn labels_in(expr: &Expr, set: Set) -> Vec<Label> {
    (0..expr.sizes.len())
        .filter(|i| set >> i & 1 == 1)
        .map(|i| expr.sizes[i].0)
        .collect()
}

/// Python's `'%.3e'`: at least two exponent digits, with a sign.
fn sci(v: f64) -> String {
    let s = format!("{v:.3e}");
    match s.split_once('e') {
        Some((m, e)) => {
            let (sign, digits) = match e.strip_prefix('-') {
                Some(d) => ('-', d),
                None => ('+', e),
            };
            format!("{m}e{sign}{digits:0>2}")
        }
        None => s,
    }
}

/// `einsum_path`'s printed report for `path` (NumPy's layout and numbers).
pub fn report(expr: &Expr, path: &[Vec<usize>]) -> Result<String> {
    let word = |t: &[Label]| t.iter().map(|&l| expr.letter(l)).collect::<String>();
    let sz = Sizes(expr.sizes.iter().map(|x| x.1 as u128).collect());
    let output = set_of(expr, &expr.output);
    let out_word = word(&expr.output);
    let mut sets: Vec<Set> = expr.inputs.iter().map(|t| set_of(expr, t)).collect();
    let mut words: Vec<String> = expr.inputs.iter().map(|t| word(t)).collect();
    let steps = steps(expr, path)?;
    let mut rows = Vec::new();
    let (mut costs, mut scales, mut sizes) = (Vec::new(), Vec::new(), Vec::new());
    for (k, st) in steps.iter().enumerate() {
        let (res, rest, removed, contract) = find(&st.take, &sets, output);
        costs.push(sz.flops(contract, removed != 0, st.take.len()));
        scales.push(contract.count_ones());
        sizes.push(sz.of(res));
        let taken: Vec<String> = st.take.iter().map(|&i| words.remove(i)).collect();
        let result = if k + 1 == steps.len() {
            out_word.clone()
        } else {
            let mut ls = labels_in(expr, res);
            ls.sort_by_key(|&l| (expr.size_of(l), expr.letter(l)));
            word(&ls)
        };
        words.push(result.clone());
        sets = rest;
        let current = format!("{}->{}", taken.join(","), result);
        let remaining = format!("{}->{}", words.join(","), out_word);
        rows.push(format!(
            "\n{:>4}    {:>24} {:>40}",
            scales[k], current, remaining
        ));
    }
    let inputs: Vec<String> = expr.inputs.iter().map(|t| word(t)).collect();
    let distinct: u32 = expr.sizes.len() as u32;
    let inner = expr
        .inputs
        .iter()
        .map(|t| set_of(expr, t).count_ones())
        .sum::<u32>()
        > distinct;
    let all = expr.inputs.iter().fold(0, |a, t| a | set_of(expr, t));
    let naive = sz.flops(all, inner, expr.inputs.len()) as f64;
    let opt = costs.iter().fold(0u128, |a, &c| a.saturating_add(c)) as f64 + 1.0;
    let dash = "-".repeat(74);
    let mut s = format!(
        "  Complete contraction:  {}->{}\n",
        inputs.join(","),
        out_word
    );
    s += &format!("         Naive scaling:  {distinct}\n");
    s += &format!(
        "     Optimized scaling:  {}\n",
        scales.iter().max().unwrap_or(&0)
    );
    s += &format!("      Naive FLOP count:  {}\n", sci(naive));
    s += &format!("  Optimized FLOP count:  {}\n", sci(opt));
    s += &format!("   Theoretical speedup:  {:.3}\n", naive / opt);
    s += &format!(
        "  Largest intermediate:  {} elements\n",
        sci(*sizes.iter().max().unwrap_or(&0) as f64)
    );
    s += &format!(
        "{dash}\n{:>6} {:>24} {:>40}\n{dash}",
        "scaling", "current", "remaining"
    );
    for r in rows {
        s += &r;
    }
    Ok(s)
}
