//! Subscripts parsing: explicit and implicit output, `...`, repeated labels. The result is one
//! label list per operand, the output labels and the size of every label.
//!
//! NumPy parses twice over: `optimize=False` runs its C parser (labels broadcast as an `nditer`
//! does, an ellipsis in an input needs one in an explicit output), any other `optimize` runs
//! `numpy.einsum_path`'s Python parser first (its own messages, and an ellipsis missing from
//! the output is summed). `parse` follows the one its caller names.

use crate::error::{Error, Result};

/// A label: a letter, or one of the dimensions `...` stands for (numbered from the right).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Label {
    Ellipsis(usize),
    Letter(u8),
}

/// A parsed expression over operands of known shapes.
#[derive(Clone, Debug)]
pub struct Expr {
    pub inputs: Vec<Vec<Label>>,
    pub output: Vec<Label>,
    /// Every label's size; size-1 ellipsis dimensions are broadcast to the largest.
    pub sizes: Vec<(Label, usize)>,
}

impl Expr {
    pub fn size_of(&self, l: Label) -> usize {
        self.sizes
            .iter()
            .find(|(m, _)| *m == l)
            .map(|x| x.1)
            .unwrap_or(1)
    }

    /// Letters for display (`einsum_path`'s report): each ellipsis dimension gets a letter that
    /// the subscripts do not use.
    pub fn letter(&self, l: Label) -> char {
        match l {
            Label::Letter(c) => c as char,
            Label::Ellipsis(k) => {
                let used = |c: u8| self.sizes.iter().any(|(m, _)| *m == Label::Letter(c));
                (b'A'..=b'Z')
                    .chain(b'a'..=b'z')
                    .filter(|&c| !used(c))
                    .nth(k)
                    .map(|c| c as char)
                    .unwrap_or('?')
            }
        }
    }
}

struct Term {
    letters: Vec<u8>,
    ellipsis_at: Option<usize>,
}

fn parse_term(s: &str, what: &str) -> Result<Term> {
    let mut letters = Vec::new();
    let mut ellipsis_at = None;
    // Characters, not bytes: a message names a non-ASCII subscript as written.
    let b: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == '.' {
            if b.len() < i + 3 || b[i..i + 3] != ['.'; 3] || ellipsis_at.is_some() {
                return Err(Error::value(format!(
                    "einstein sum subscripts string contains a '.' that is not part of an ellipsis ('...') in {what}"
                )));
            }
            ellipsis_at = Some(letters.len());
            i += 3;
            continue;
        }
        if c == ' ' {
            i += 1;
            continue;
        }
        if !c.is_ascii_alphabetic() {
            return Err(Error::value(format!(
                "invalid subscript '{c}' in einstein sum subscripts string, subscripts must be letters"
            )));
        }
        letters.push(c as u8);
        i += 1;
    }
    Ok(Term {
        letters,
        ellipsis_at,
    })
}

/// The output term, checked character by character in the C parser's order: a letter must
/// not come again and must be an input's; then the ellipsis and invalid characters.
fn output_term(s: &str, inputs: &[Vec<Label>]) -> Result<Term> {
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphabetic() {
            if c == '.' || c == ' ' {
                continue;
            }
            break;
        }
        if chars[i + 1..].contains(&c) {
            return Err(Error::value(format!(
                "einstein sum subscripts string includes output subscript '{c}' multiple times"
            )));
        }
        if !inputs
            .iter()
            .flatten()
            .any(|l| *l == Label::Letter(c as u8))
        {
            return Err(Error::value(format!(
                "einstein sum subscripts string included output subscript '{c}' which never appeared in an input"
            )));
        }
    }
    parse_term(s, "the output")
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

fn label_name(l: Label) -> String {
    match l {
        Label::Letter(c) => (c as char).to_string(),
        Label::Ellipsis(_) => "...".into(),
    }
}

/// Parses `subscripts` against operands of the given shapes, by the C parser's rules or
/// (`optimized`) by `einsum_path`'s. `run`: the contraction follows, whose C code checks
/// diagonals (`einsum_path` alone does not).
pub fn parse(subscripts: &str, shapes: &[&[usize]], optimized: bool, run: bool) -> Result<Expr> {
    if optimized {
        python_checks(subscripts, shapes)?;
    }
    // As the C parser reads it: the inputs end at the first '-', which must start "->".
    let (lhs, rhs) = match subscripts.find('-') {
        Some(at) if subscripts[at..].starts_with("->") => {
            (&subscripts[..at], Some(&subscripts[at + 2..]))
        }
        Some(_) => {
            return Err(Error::value(
                "einstein sum subscript string does not contain proper '->' output specified",
            ))
        }
        None => (subscripts, None),
    };
    if shapes.is_empty() {
        return Err(Error::value("No input operands"));
    }
    let terms: Vec<&str> = lhs.split(',').collect();
    // The operand count is checked term by term, where the C parser meets the difference.
    let n = terms.len().min(shapes.len());
    let mut inputs = Vec::with_capacity(n);
    for (k, (t, s)) in terms.iter().zip(shapes).enumerate() {
        if k + 1 == n && terms.len() != shapes.len() {
            return Err(Error::value(if terms.len() > shapes.len() {
                "more operands provided to einstein sum function than specified in the subscripts string"
            } else {
                "fewer operands provided to einstein sum function than specified in the subscripts string"
            }));
        }
        inputs.push(labels_of(
            &parse_term(t, &format!("operand {k}"))?,
            s.len(),
            k,
        )?);
    }
    // Ellipsis dimensions: as many as the operand with the most (numbered from the right).
    let ell_dims = inputs
        .iter()
        .map(|t| t.iter().filter(|l| matches!(l, Label::Ellipsis(_))).count())
        .max()
        .unwrap_or(0);
    let mut ell_out: Vec<Label> = (0..ell_dims).rev().map(Label::Ellipsis).collect();
    let output: Vec<Label> = match rhs {
        Some(r) => {
            let t = output_term(r, &inputs)?;
            let mut out: Vec<Label> = Vec::new();
            let at = t.ellipsis_at.unwrap_or(t.letters.len());
            out.extend(t.letters[..at].iter().map(|&c| Label::Letter(c)));
            if t.ellipsis_at.is_some() {
                out.append(&mut ell_out);
            } else if ell_dims > 0 && !optimized {
                // The C parser asks for `...` in the output whenever an input has ellipsis
                // dimensions, of any size; `einsum_path`'s parser sums them.
                return Err(Error::value(
                    "output has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions.",
                ));
            }
            out.extend(t.letters[at..].iter().map(|&c| Label::Letter(c)));
            out
        }
        None => {
            // Implicit output: the ellipsis, then letters seen exactly once, in ASCII order.
            let all = || inputs.iter().flatten();
            let mut once: Vec<u8> = all()
                .filter_map(|l| match *l {
                    Label::Letter(c) if all().filter(|&&m| m == *l).count() == 1 => Some(c),
                    _ => None,
                })
                .collect();
            once.sort_unstable();
            ell_out
                .into_iter()
                .chain(once.into_iter().map(Label::Letter))
                .collect()
        }
    };
    // `einsum_path` checks sizes before the C code sees a diagonal; the C code checks
    // diagonals before its iterator broadcasts.
    let path = optimized.then(|| path_sizes(&inputs, shapes)).transpose()?;
    if run {
        collapse_checks(&inputs, shapes, &output)?;
    }
    let sizes = match path {
        Some(s) => s,
        None => iterator_sizes(&inputs, shapes, &output)?,
    };
    Ok(Expr {
        inputs,
        output,
        sizes,
    })
}

/// The C parser's check of a label repeated in one operand (a diagonal): its axes must have one
/// length. A lone operand is first tried as a view of its input, with its own message, up to
/// the first axis whose label is summed.
fn collapse_checks(inputs: &[Vec<Label>], shapes: &[&[usize]], output: &[Label]) -> Result<()> {
    let mismatch = |what: String, l: Label, a: usize, b: usize| {
        Error::value(format!(
            "dimensions in {what} for collapsing index '{}' don't match ({a} != {b})",
            label_name(l)
        ))
    };
    if let ([labels], [shape]) = (inputs, shapes) {
        let mut seen: Vec<(Label, usize)> = Vec::new();
        for (&l, &d) in labels.iter().zip(shape.iter()) {
            if matches!(l, Label::Letter(_)) && !output.contains(&l) {
                break;
            }
            match seen.iter().find(|(m, _)| *m == l) {
                Some(&(_, first)) if first != 0 && first != d => {
                    return Err(mismatch("single operand".into(), l, first, d))
                }
                Some(_) => {}
                None => seen.push((l, d)),
            }
        }
    }
    for (k, (labels, shape)) in inputs.iter().zip(shapes).enumerate() {
        for (i, (&l, &d)) in labels.iter().zip(shape.iter()).enumerate() {
            if let Some(j) = labels[..i].iter().position(|&m| m == l) {
                if shape[j] != d {
                    return Err(mismatch(format!("operand {k}"), l, shape[j], d));
                }
            }
        }
    }
    Ok(())
}

/// Label sizes as NumPy's iterator broadcasts them: a length of 1 stretches to any other
/// (0 included), other lengths must agree. On a mismatch, the iterator's message: each
/// operand's shape (diagonals merged) and the shape it takes on the iterator's axes, which are
/// the output's labels and then the summed letters in ASCII order.
fn iterator_sizes(
    inputs: &[Vec<Label>],
    shapes: &[&[usize]],
    output: &[Label],
) -> Result<Vec<(Label, usize)>> {
    let mut sizes: Vec<(Label, usize)> = Vec::new();
    let mut bad = false;
    for (labels, shape) in inputs.iter().zip(shapes) {
        for (&l, &d) in labels.iter().zip(shape.iter()) {
            match sizes.iter_mut().find(|(m, _)| *m == l) {
                None => sizes.push((l, d)),
                Some((_, s)) if *s == d || d == 1 => {}
                Some((_, s)) if *s == 1 => *s = d,
                Some(_) => bad = true,
            }
        }
    }
    if !bad {
        return Ok(sizes);
    }
    let mut axes: Vec<Label> = output.to_vec();
    let mut summed: Vec<Label> = sizes
        .iter()
        .map(|x| x.0)
        .filter(|l| !output.contains(l))
        .collect();
    summed.sort_unstable();
    axes.extend(summed);
    let mut msg = String::from(
        "operands could not be broadcast together with remapped shapes [original->remapped]: ",
    );
    for (labels, shape) in inputs.iter().zip(shapes) {
        let merged: Vec<(Label, usize)> = super::pair::unique_in(labels)
            .map(|l| (l, shape[labels.iter().position(|&m| m == l).unwrap_or(0)]))
            .collect();
        let dims: Vec<isize> = merged.iter().map(|x| x.1 as isize).collect();
        let remapped: Vec<isize> = axes
            .iter()
            .map(|a| {
                merged
                    .iter()
                    .find(|x| x.0 == *a)
                    .map_or(-1, |x| x.1 as isize)
            })
            .collect();
        msg += &shape_text(&dims);
        msg += "->";
        msg += &shape_text(&remapped);
        msg += " ";
    }
    Err(Error::value(msg))
}

/// NumPy's shape in a message: `newaxis` for -1, leading ones dropped, `(n,)` for one axis.
fn shape_text(dims: &[isize]) -> String {
    let first = dims.iter().position(|&d| d >= 0).unwrap_or(dims.len());
    if first == dims.len() {
        return "()".into();
    }
    let parts: Vec<String> = dims[first..]
        .iter()
        .map(|&d| {
            if d < 0 {
                "newaxis".into()
            } else {
                d.to_string()
            }
        })
        .collect();
    if dims.len() == 1 {
        format!("({},)", parts[0])
    } else {
        format!("({})", parts.join(","))
    }
}

/// `einsum_path`'s sizes: a length of 1 takes the other's, other lengths must agree (within one
/// operand too). NumPy's message prints the size seen first where it says "for operand".
fn path_sizes(inputs: &[Vec<Label>], shapes: &[&[usize]]) -> Result<Vec<(Label, usize)>> {
    let mut sizes: Vec<(Label, usize)> = Vec::new();
    for (k, (labels, shape)) in inputs.iter().zip(shapes).enumerate() {
        for (&l, &d) in labels.iter().zip(shape.iter()) {
            match sizes.iter_mut().find(|(m, _)| *m == l) {
                None => sizes.push((l, d)),
                Some((_, s)) if *s == 1 => *s = d,
                Some((_, s)) if d == 1 || d == *s => {}
                Some((_, s)) => {
                    return Err(Error::value(format!(
                    "Size of label '{}' for operand {k} ({}) does not match previous terms ({d}).",
                    path_letter(inputs, l),
                    *s
                )))
                }
            }
        }
    }
    Ok(sizes)
}

/// The letter `einsum_path` shows for a label. NumPy names ellipsis dimensions with letters
/// drawn from a Python set (their order varies between runs); here, the unused letters from
/// the end of its alphabet.
fn path_letter(inputs: &[Vec<Label>], l: Label) -> char {
    match l {
        Label::Letter(c) => c as char,
        Label::Ellipsis(k) => {
            let used = |c: u8| inputs.iter().flatten().any(|m| *m == Label::Letter(c));
            (b'A'..=b'Z')
                .chain(b'a'..=b'z')
                .rev()
                .filter(|&c| !used(c))
                .nth(k)
                .map_or('?', |c| c as char)
        }
    }
}

/// `numpy.einsum_path`'s parser's own checks, in its order, before the shared parse: valid
/// characters, one `->`, well-formed ellipses no longer than their operand, output letters
/// once each and from the inputs, one term per operand, one letter per axis.
fn python_checks(subscripts: &str, shapes: &[&[usize]]) -> Result<()> {
    let s: String = subscripts.chars().filter(|&c| c != ' ').collect();
    if let Some(c) = s
        .chars()
        .find(|&c| !".,->".contains(c) && !c.is_ascii_alphabetic())
    {
        return Err(Error::value(format!(
            "Character {c} is not a valid symbol."
        )));
    }
    let count = |p: &str| s.matches(p).count();
    if (s.contains('-') || s.contains('>'))
        && (count("-") > 1 || count(">") > 1 || count("->") != 1)
    {
        return Err(Error::value("Subscripts can only contain one '->'."));
    }
    let (lhs, rhs) = match s.split_once("->") {
        Some((l, r)) => (l, Some(r)),
        None => (s.as_str(), None),
    };
    let terms: Vec<&str> = lhs.split(',').collect();
    // Each term as NumPy rewrites it, `*` standing for one ellipsis dimension.
    let mut written: Vec<String> = Vec::with_capacity(terms.len());
    let mut longest = 0;
    for (k, t) in terms.iter().enumerate() {
        if !t.contains('.') {
            written.push(t.to_string());
            continue;
        }
        if t.matches('.').count() != 3 || t.matches("...").count() != 1 {
            return Err(Error::value("Invalid Ellipses."));
        }
        let shape = shapes
            .get(k)
            .ok_or_else(|| Error::index("list index out of range"))?;
        let n = if shape.is_empty() {
            0
        } else {
            shape.len().max(1) as isize - (t.len() as isize - 3)
        };
        if n < 0 {
            return Err(Error::value("Ellipses lengths do not match."));
        }
        longest = longest.max(n as usize);
        written.push(t.replace("...", &"*".repeat(n as usize)));
    }
    let inputs = written.join(",");
    if let Some(r) = rhs {
        let out = r.replace("...", &"*".repeat(longest));
        for c in out.chars().filter(|&c| c != '*') {
            if out.matches(c).count() != 1 {
                return Err(Error::value(format!(
                    "Output character {c} appeared more than once in the output."
                )));
            }
            if !inputs.contains(c) {
                return Err(Error::value(format!(
                    "Output character {c} did not appear in the input"
                )));
            }
        }
    }
    if terms.len() != shapes.len() {
        return Err(Error::value(
            "Number of einsum subscripts must be equal to the number of operands.",
        ));
    }
    for (k, (t, shape)) in written.iter().zip(shapes).enumerate() {
        if t.chars().count() != shape.len() {
            // NumPy names the k-th character of the joined input subscripts here.
            let c = inputs.chars().nth(k).unwrap_or(' ');
            return Err(Error::value(format!(
                "Einstein sum subscript {c} does not contain the correct number of indices for operand {k}."
            )));
        }
    }
    Ok(())
}
