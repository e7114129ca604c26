//! The Python literals a `.npy` header is written in (a dict of strings, bools, ints and
//! tuples), read as `ast.literal_eval` reads them, and printed back as Python's `repr` prints
//! them (NumPy's error messages quote the values).

use super::printf::py_float_repr;

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Str(String),
    Bytes(Vec<u8>),
    Int(i128),
    Float(f64),
    Bool(bool),
    None,
    Tuple(Vec<Value>),
    List(Vec<Value>),
    Dict(Vec<(Value, Value)>),
}

impl Value {
    /// Python's `repr`.
    pub fn repr(&self) -> String {
        let mut s = String::new();
        self.write_repr(&mut s);
        s
    }

    fn write_repr(&self, out: &mut String) {
        match self {
            Value::Str(s) => out.push_str(&str_repr(s)),
            Value::Bytes(b) => out.push_str(&bytes_repr(b)),
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::Float(f) => out.push_str(&py_float_repr(*f)),
            Value::Bool(b) => out.push_str(if *b { "True" } else { "False" }),
            Value::None => out.push_str("None"),
            Value::Tuple(v) => {
                out.push('(');
                for (i, x) in v.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    x.write_repr(out);
                }
                if v.len() == 1 {
                    out.push(',');
                }
                out.push(')');
            }
            Value::List(v) => {
                out.push('[');
                for (i, x) in v.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    x.write_repr(out);
                }
                out.push(']');
            }
            Value::Dict(v) => {
                out.push('{');
                for (i, (k, x)) in v.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    k.write_repr(out);
                    out.push_str(": ");
                    x.write_repr(out);
                }
                out.push('}');
            }
        }
    }
}

/// Python's `repr` of a str: single quotes unless the text has one and no double quote.
pub fn str_repr(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || (0x7f..0xa1).contains(&(c as u32)) || c == '\u{ad}' => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

/// Python's `repr` of a bytes object.
pub fn bytes_repr(b: &[u8]) -> String {
    let q = if b.contains(&b'\'') && !b.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::from("b");
    out.push(q as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(q as char);
    out
}

/// Parses one literal (surrounded by any whitespace and comments); `None` where
/// `ast.literal_eval` raises a SyntaxError or refuses a non-literal.
pub fn parse(text: &str) -> Option<Value> {
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
        text,
    };
    let v = p.value()?;
    // A top-level `x, y` (or `x,`) is a tuple without parentheses.
    if p.eat(b',') {
        let mut items = vec![v];
        while p.peek().is_some() {
            items.push(p.value()?);
            if !p.eat(b',') {
                break;
            }
        }
        p.skip_ws();
        return (p.i == p.s.len()).then_some(Value::Tuple(items));
    }
    p.skip_ws();
    (p.i == p.s.len()).then_some(v)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
    text: &'a str,
}

impl Parser<'_> {
    fn skip_ws(&mut self) {
        while self.i < self.s.len() {
            match self.s[self.i] {
                b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' => self.i += 1,
                b'#' => {
                    while self.i < self.s.len() && self.s[self.i] != b'\n' {
                        self.i += 1;
                    }
                }
                // A backslash at a line's end continues it.
                b'\\' if self.s.get(self.i + 1) == Some(&b'\n') => self.i += 2,
                _ => break,
            }
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.s.get(self.i).copied()
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    /// Items up to `close`, separated by commas, a trailing comma allowed; also says whether
    /// any comma was seen (a parenthesised single value is no tuple).
    fn items(&mut self, close: u8) -> Option<(Vec<Value>, bool)> {
        let mut v = Vec::new();
        let mut comma = false;
        loop {
            if self.eat(close) {
                return Some((v, comma));
            }
            v.push(self.value()?);
            if self.eat(b',') {
                comma = true;
                continue;
            }
            if self.eat(close) {
                return Some((v, comma));
            }
            return None;
        }
    }

    fn value(&mut self) -> Option<Value> {
        let c = self.peek()?;
        match c {
            b'{' => {
                self.i += 1;
                let mut v: Vec<(Value, Value)> = Vec::new();
                loop {
                    if self.eat(b'}') {
                        return Some(Value::Dict(v));
                    }
                    let k = self.value()?;
                    if !self.eat(b':') {
                        return None;
                    }
                    let x = self.value()?;
                    // Unhashable keys are a TypeError in Python; refuse them as unparsable.
                    if matches!(k, Value::List(_) | Value::Dict(_)) {
                        return None;
                    }
                    match v.iter_mut().find(|(key, _)| key_eq(key, &k)) {
                        Some(slot) => slot.1 = x,
                        None => v.push((k, x)),
                    }
                    if self.eat(b',') {
                        continue;
                    }
                    if self.eat(b'}') {
                        return Some(Value::Dict(v));
                    }
                    return None;
                }
            }
            b'(' => {
                self.i += 1;
                let (v, comma) = self.items(b')')?;
                if v.len() == 1 && !comma {
                    v.into_iter().next()
                } else {
                    Some(Value::Tuple(v))
                }
            }
            b'[' => {
                self.i += 1;
                Some(Value::List(self.items(b']')?.0))
            }
            b'\'' | b'"' => {
                let mut s = String::new();
                // Adjacent string literals concatenate.
                while matches!(self.peek(), Some(b'\'' | b'"')) {
                    s.push_str(&self.string()?);
                }
                Some(Value::Str(s))
            }
            b'b' | b'B' if matches!(self.s.get(self.i + 1), Some(b'\'' | b'"')) => {
                self.i += 1;
                let s = self.string()?;
                if !s.is_ascii() {
                    return None;
                }
                Some(Value::Bytes(s.into_bytes()))
            }
            b'-' | b'+' => {
                self.i += 1;
                match self.value()? {
                    Value::Int(i) if c == b'-' => Some(Value::Int(-i)),
                    Value::Float(f) if c == b'-' => Some(Value::Float(-f)),
                    v @ (Value::Int(_) | Value::Float(_)) => Some(v),
                    _ => None,
                }
            }
            b'0'..=b'9' | b'.' => self.number(),
            _ => {
                let start = self.i;
                while self.i < self.s.len()
                    && (self.s[self.i].is_ascii_alphanumeric() || self.s[self.i] == b'_')
                {
                    self.i += 1;
                }
                match &self.text[start..self.i] {
                    "True" => Some(Value::Bool(true)),
                    "False" => Some(Value::Bool(false)),
                    "None" => Some(Value::None),
                    _ => None,
                }
            }
        }
    }

    fn number(&mut self) -> Option<Value> {
        let start = self.i;
        let s = self.s;
        let mut float = false;
        while self.i < s.len() {
            let c = s[self.i];
            if c.is_ascii_digit() || c == b'_' {
                self.i += 1;
            } else if c == b'.' {
                float = true;
                self.i += 1;
            } else if c == b'e' || c == b'E' {
                float = true;
                self.i += 1;
                if matches!(s.get(self.i), Some(b'+' | b'-')) {
                    self.i += 1;
                }
            } else {
                break;
            }
        }
        let text: String = self.text[start..self.i].replace('_', "");
        // Python 2 wrote long integers with an `L` suffix; NumPy filters it out of old headers.
        if !float && matches!(s.get(self.i), Some(b'L' | b'l')) {
            self.i += 1;
        }
        if float {
            text.parse::<f64>().ok().map(Value::Float)
        } else {
            // Python 3 rejects leading zeros on non-zero integers.
            if text.len() > 1 && text.starts_with('0') && text.bytes().any(|b| b != b'0') {
                return None;
            }
            text.parse::<i128>().ok().map(Value::Int)
        }
    }

    fn string(&mut self) -> Option<String> {
        let q = self.s[self.i];
        self.i += 1;
        let mut out = String::new();
        let start_text = self.text;
        loop {
            let c = *self.s.get(self.i)?;
            if c == q {
                self.i += 1;
                return Some(out);
            }
            if c == b'\n' {
                return None;
            }
            if c == b'\\' {
                let e = *self.s.get(self.i + 1)?;
                self.i += 2;
                match e {
                    b'n' => out.push('\n'),
                    b't' => out.push('\t'),
                    b'r' => out.push('\r'),
                    b'a' => out.push('\x07'),
                    b'b' => out.push('\x08'),
                    b'f' => out.push('\x0c'),
                    b'v' => out.push('\x0b'),
                    b'0'..=b'7' => {
                        // Up to three octal digits.
                        let mut v = (e - b'0') as u32;
                        let mut k = 0;
                        while k < 2 && matches!(self.s.get(self.i), Some(b'0'..=b'7')) {
                            v = v * 8 + (self.s[self.i] - b'0') as u32;
                            self.i += 1;
                            k += 1;
                        }
                        out.push(char::from_u32(v)?);
                    }
                    b'u' | b'U' => {
                        let n = if e == b'u' { 4 } else { 8 };
                        let h = start_text.get(self.i..self.i + n)?;
                        out.push(char::from_u32(u32::from_str_radix(h, 16).ok()?)?);
                        self.i += n;
                    }
                    b'\\' => out.push('\\'),
                    b'\'' => out.push('\''),
                    b'"' => out.push('"'),
                    b'\n' => {}
                    b'x' => {
                        let h = start_text.get(self.i..self.i + 2)?;
                        let v = u8::from_str_radix(h, 16).ok()?;
                        out.push(v as char);
                        self.i += 2;
                    }
                    _ => {
                        out.push('\\');
                        // Back up so that a multi-byte character after the backslash is copied
                        // whole below.
                        self.i -= 1;
                    }
                }
                continue;
            }
            // Copy one whole UTF-8 character.
            let rest = &start_text[self.i..];
            let ch = rest.chars().next()?;
            out.push(ch);
            self.i += ch.len_utf8();
        }
    }
}

/// Python's equality of dict keys (`1 == True`, `1 == 1.0`).
fn key_eq(a: &Value, b: &Value) -> bool {
    fn num(v: &Value) -> Option<f64> {
        match v {
            Value::Int(i) => Some(*i as f64),
            Value::Bool(b) => Some(*b as i32 as f64),
            Value::Float(f) => Some(*f),
            _ => None,
        }
    }
    match (num(a), num(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_numpy_headers_and_prints_them_back() {
        let h = "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }          \n";
        let v = parse(h).unwrap();
        assert_eq!(
            v.repr(),
            "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4)}"
        );
        assert_eq!(parse("(1,)").unwrap().repr(), "(1,)");
        assert_eq!(parse("(1)").unwrap(), Value::Int(1));
        assert_eq!(parse("[1, -2.5, None]").unwrap().repr(), "[1, -2.5, None]");
        assert!(parse("{'a': 1").is_none());
        assert!(parse("foo").is_none());
        assert_eq!(
            parse("{'shape': (2L, 3L)}").unwrap().repr(),
            "{'shape': (2, 3)}"
        );
        assert_eq!(str_repr("it's"), "\"it's\"");
        assert_eq!(str_repr("a\nb"), "'a\\nb'");
    }
}
