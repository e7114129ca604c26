//! Subscripts parsing: explicit and implicit output, `...`, repeated labels. The result is one
//! label list per operand, the output labels and the size of every label.

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

fn label_name(l: Label) -> String {
    match l {
        Label::Letter(c) => (c as char).to_string(),
        Label::Ellipsis(_) => "...".into(),
    }
}

/// Parses `subscripts` against operands of the given shapes.
pub fn parse(subscripts: &str, shapes: &[&[usize]]) -> Result<Expr> {
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
    if terms.len() != shapes.len() {
        return Err(Error::value(if terms.len() < shapes.len() {
            "more operands provided to einstein sum function than specified in the subscripts string"
        } else {
            "fewer operands provided to einstein sum function than specified in the subscripts string"
        }));
    }
    if shapes.is_empty() {
        return Err(Error::value("No input operands"));
    }
    let mut inputs = Vec::with_capacity(shapes.len());
    for (k, (t, s)) in terms.iter().zip(shapes).enumerate() {
        inputs.push(labels_of(&parse_term(t, "input")?, s.len(), k)?);
    }
    // Sizes per label; size-1 ellipsis dimensions broadcast, letters must agree exactly.
    let mut sizes: Vec<(Label, usize)> = Vec::new();
    for (labels, shape) in inputs.iter().zip(shapes) {
        for (&l, &d) in labels.iter().zip(shape.iter()) {
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
    let ell_dims = sizes
        .iter()
        .filter(|(l, _)| matches!(l, Label::Ellipsis(_)))
        .count();
    let mut ell_out: Vec<Label> = (0..ell_dims).rev().map(Label::Ellipsis).collect();
    let output: Vec<Label> = match rhs {
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
            let size_of = |l: Label| sizes.iter().find(|(m, _)| *m == l).map_or(1, |x| x.1);
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
    Ok(Expr {
        inputs,
        output,
        sizes,
    })
}
