//! The printer: values -> text, as `display` and `write` show them.
//!
//! `write` shows strings and chars as literals; `display` shows a top-level
//! string or char raw and everything inside a collection as `write` does.
//!
//! No value makes the printer hang or run away:
//! - A container that contains itself is printed with datum labels
//!   (`#0=(1 . #0#)`), found by a first pass over the value; `write-shared`
//!   labels every container met twice, so shared structure prints in
//!   space proportional to the objects in it.
//! - Every text has a budget of bytes. A text that would pass it stops
//!   there: the caller gets the text so far and says so (`Printed::whole`)
//!   — `display` and `write` raise a `limit` error, error messages end in
//!   `...`. So printing a DAG whose tree is exponentially large costs at
//!   most the budget.
//! - Nesting deeper than `MAX_PRINT_DEPTH` is elided with `...`, so the
//!   printer's recursion is bounded.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;
use hashbrown::{HashMap, HashSet};

use crate::error::{Error, ErrorKind, Result};
use crate::runtime::Runtime;
use crate::value::{Intrinsic, NativeBody, Value};

/// How strings and chars at the top level are shown.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Display,
    Write,
}

/// Which containers get datum labels.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Sharing {
    /// Those that contain themselves (`write`, `display`).
    Cycles,
    /// Every container met more than once (`write-shared`).
    Shared,
    /// None: a container met again inside itself shows as `...` (the
    /// short forms in error messages, which skip the first pass).
    Elide,
}

/// A printed text, and whether it is whole or was cut at its budget.
pub struct Printed {
    pub text: String,
    pub whole: bool,
}

/// The text `write` shows for `v`, cut with `...` past the sequence limit.
pub fn write(rt: &Runtime, v: Value) -> String {
    render(
        rt,
        v,
        Mode::Write,
        Sharing::Cycles,
        rt.limits.max_sequence_len,
    )
    .or_ellipsis()
}

/// `v` printed for builtin `who` (`display`, `write`, `string`, ...): a
/// `limit` error when the text would pass the sequence limit or the heap
/// room left; spends fuel in proportion to the text.
pub(crate) fn checked(
    rt: &mut Runtime,
    who: &str,
    v: Value,
    mode: Mode,
    sharing: Sharing,
) -> Result<String> {
    let room = match rt.limits.max_heap_bytes {
        Some(max) => max.saturating_sub(rt.used_bytes()),
        None => usize::MAX,
    };
    let budget = rt.limits.max_sequence_len.min(room);
    let printed = render(rt, v, mode, sharing, budget);
    rt.spend((printed.text.len() / 16) as u64)?;
    match printed.whole {
        true => Ok(printed.text),
        false => Err(Error::new(
            ErrorKind::Limit,
            alloc::format!("{}: the text is longer than {} bytes", who, budget),
        )),
    }
}

/// Longest text `short` shows.
const SHORT_BYTES: usize = 60;

/// `v` as `write` shows it, cut to a length that suits an error message.
/// Costs at most the length it shows, whatever the size of `v`.
pub fn short(rt: &Runtime, v: Value) -> String {
    render(rt, v, Mode::Write, Sharing::Elide, SHORT_BYTES - 3).or_ellipsis()
}

/// `v` printed in `mode` with `sharing`, up to `budget` bytes.
pub fn render(rt: &Runtime, v: Value, mode: Mode, sharing: Sharing, budget: usize) -> Printed {
    let labels = match sharing {
        Sharing::Elide => HashMap::new(),
        _ => find_labels(v, sharing, budget),
    };
    let mut p = Printer {
        rt,
        out: String::new(),
        budget,
        ancestors: Vec::new(),
        labels,
        next_label: 0,
    };
    p.value(v, mode);
    let whole = p.out.len() <= budget;
    if !whole {
        let mut cut = budget;
        while !p.out.is_char_boundary(cut) {
            cut -= 1;
        }
        p.out.truncate(cut);
    }
    Printed { text: p.out, whole }
}

impl Printed {
    /// The text, ending in `...` when it was cut.
    pub fn or_ellipsis(mut self) -> String {
        if !self.whole {
            self.text.push_str("...");
        }
        self.text
    }
}

/// Deepest nesting printed before eliding with `...`.
const MAX_PRINT_DEPTH: usize = 1_000;

/// The identity of `v` if it is a container the printer may label.
fn container_id(v: Value) -> Option<usize> {
    match v {
        Value::Pair(_) | Value::Vector(_) | Value::Table(_) | Value::Struct(_) => {
            v.header_ptr().map(|p| p.as_ptr() as usize)
        }
        _ => None,
    }
}

/// The values directly inside container `v`, in printing order.
fn children(v: Value, out: &mut Vec<Value>) {
    match v {
        Value::Pair(p) => {
            out.push(p.car.get());
            out.push(p.cdr.get());
        }
        Value::Vector(vec) => out.extend(vec.0.borrow().iter().copied()),
        Value::Table(t) => {
            for (k, x) in t.0.borrow().entries() {
                out.push(*k);
                out.push(*x);
            }
        }
        Value::Struct(s) => {
            for (k, x) in s.0.entries() {
                out.push(*k);
                out.push(*x);
            }
        }
        Value::Exception(e) => out.push(e.irritants),
        Value::VarBox(b) => out.push(b.0.get()),
        _ => {}
    }
}

/// The containers of `v` that get a datum label (unnumbered yet), found by
/// an iterative depth-first walk: those reached again while inside
/// themselves, or with `Sharing::Shared` those reached twice. Visits at
/// most `budget` containers (past that, the text passes its budget anyway).
fn find_labels(v: Value, sharing: Sharing, budget: usize) -> HashMap<usize, Option<usize>> {
    let mut labels = HashMap::new();
    let mut seen: HashSet<usize> = HashSet::new();
    // On the path from the root: (container id, its children not yet visited).
    let mut path: Vec<(usize, Vec<Value>)> = Vec::new();
    let mut on_path: HashSet<usize> = HashSet::new();
    let mut start = Some(v);
    loop {
        let next = match start.take() {
            Some(x) => Some(x),
            None => match path.last_mut() {
                Some((_, kids)) => match kids.pop() {
                    Some(x) => Some(x),
                    None => {
                        if let Some((id, _)) = path.pop() {
                            on_path.remove(&id);
                        }
                        continue;
                    }
                },
                None => break,
            },
        };
        let Some(x) = next else { continue };
        let Some(id) = container_id(x) else {
            if matches!(x, Value::Exception(_) | Value::VarBox(_)) {
                let mut kids = Vec::new();
                children(x, &mut kids);
                start = kids.pop();
            }
            continue;
        };
        if on_path.contains(&id) || (sharing == Sharing::Shared && seen.contains(&id)) {
            labels.insert(id, None);
            continue;
        }
        if !seen.insert(id) || seen.len() > budget || path.len() >= MAX_PRINT_DEPTH {
            continue;
        }
        let mut kids = Vec::new();
        children(x, &mut kids);
        kids.reverse();
        on_path.insert(id);
        path.push((id, kids));
    }
    labels
}

struct Printer<'a> {
    rt: &'a Runtime,
    out: String,
    /// Bytes the text may hold; printing stops once it holds more.
    budget: usize,
    /// Containers being printed, outermost first.
    ancestors: Vec<usize>,
    /// Containers that print with a datum label, and their number once
    /// the first occurrence has been printed.
    labels: HashMap<usize, Option<usize>>,
    next_label: usize,
}

impl Printer<'_> {
    /// True once the text has passed its budget: printing stops.
    fn full(&self) -> bool {
        self.out.len() > self.budget
    }

    fn value(&mut self, v: Value, mode: Mode) {
        if self.full() {
            return;
        }
        match v {
            Value::Nil => self.out.push_str("nil"),
            Value::Bool(b) => self.out.push_str(if b { "true" } else { "false" }),
            Value::Int(i) => {
                let _ = write!(self.out, "{}", i);
            }
            Value::Float(f) => format_float(&mut self.out, f),
            Value::Char(c) => match mode {
                Mode::Display => self.out.push(c),
                Mode::Write => write_char_literal(&mut self.out, c),
            },
            Value::Symbol(s) => self.out.push_str(self.rt.sym_name(s)),
            Value::Keyword(s) => {
                self.out.push(':');
                self.out.push_str(self.rt.sym_name(s));
            }
            Value::Undef => self.out.push_str("#<undefined>"),
            Value::Str(s) => match mode {
                Mode::Display => self.push_capped(&s.borrow()),
                Mode::Write => write_string_literal(&mut self.out, &s.borrow(), self.budget),
            },
            Value::Closure(c) => match c.proto.name {
                Some(n) => {
                    let _ = write!(self.out, "#<procedure {}>", self.rt.sym_name(n));
                }
                None => self.out.push_str("#<procedure>"),
            },
            Value::Native(n) => match n.body {
                NativeBody::Intrinsic(Intrinsic::Continuation) => {
                    self.out.push_str("#<continuation>")
                }
                _ => {
                    let _ = write!(self.out, "#<procedure {}>", n.name);
                }
            },
            Value::Exception(e) => {
                let _ = write!(self.out, "#<exception :{} ", e.kind.name());
                write_string_literal(&mut self.out, &e.message, self.budget);
                if !matches!(e.irritants, Value::Nil) {
                    self.out.push(' ');
                    self.nested(e.irritants);
                }
                self.out.push('>');
            }
            Value::Values(vs) => {
                for (i, &x) in vs.0.iter().enumerate() {
                    if i > 0 {
                        self.out.push(' ');
                    }
                    self.value(x, mode);
                }
            }
            Value::VarBox(b) => {
                self.out.push_str("#<box ");
                self.nested(b.0.get());
                self.out.push('>');
            }
            Value::Pair(_) | Value::Vector(_) | Value::Table(_) | Value::Struct(_) => {
                self.container(v)
            }
        }
    }

    /// Appends `s`, or as much of it as passes the budget.
    fn push_capped(&mut self, s: &str) {
        let room = (self.budget + 1).saturating_sub(self.out.len());
        let mut end = s.len().min(room);
        while !s.is_char_boundary(end) {
            end += 1;
        }
        self.out.push_str(&s[..end]);
    }

    /// Prints an element of a collection (always in `write` mode).
    fn nested(&mut self, v: Value) {
        self.value(v, Mode::Write)
    }

    /// Prints the label of container `id` if it has one: `#n#` when it was
    /// printed already (returns true: nothing more to print), else `#n=`.
    fn label(&mut self, id: usize) -> bool {
        if self.labels.is_empty() {
            return false;
        }
        match self.labels.get_mut(&id) {
            Some(Some(n)) => {
                let _ = write!(self.out, "#{}#", n);
                true
            }
            Some(slot) => {
                *slot = Some(self.next_label);
                let _ = write!(self.out, "#{}=", self.next_label);
                self.next_label += 1;
                false
            }
            None => false,
        }
    }

    fn container(&mut self, v: Value) {
        let id = v.header_ptr().map_or(0, |p| p.as_ptr() as usize);
        if self.label(id) {
            return;
        }
        if self.ancestors.contains(&id) || self.ancestors.len() >= MAX_PRINT_DEPTH {
            self.out.push_str("...");
            return;
        }
        self.ancestors.push(id);
        match v {
            Value::Pair(_) => self.list(v),
            Value::Vector(vec) => {
                self.out.push('[');
                // By index: printing an element cannot change the vector,
                // but copying it first would cost its whole size.
                let mut i = 0;
                while let Some(x) = vec.0.borrow().get(i).copied() {
                    if self.full() {
                        break;
                    }
                    if i > 0 {
                        self.out.push(' ');
                    }
                    self.nested(x);
                    i += 1;
                }
                self.out.push(']');
            }
            Value::Table(t) => {
                self.out.push_str("@{");
                self.entries(|i| t.0.borrow().entries().get(i).copied());
                self.out.push('}');
            }
            Value::Struct(s) => {
                self.out.push('{');
                self.entries(|i| s.0.entries().get(i).copied());
                self.out.push('}');
            }
            _ => {}
        }
        self.ancestors.pop();
    }

    /// Prints the key-value pairs `entry(0)`, `entry(1)`, ... up to the
    /// first `None`.
    fn entries(&mut self, entry: impl Fn(usize) -> Option<(Value, Value)>) {
        let mut i = 0;
        while let Some((k, v)) = entry(i) {
            if self.full() {
                break;
            }
            if i > 0 {
                self.out.push(' ');
            }
            self.nested(k);
            self.out.push(' ');
            self.nested(v);
            i += 1;
        }
    }

    /// Prints a list, walking the spine iteratively. A tail pair with a
    /// label ends the list as ` . #n#` (or starts a dotted labelled
    /// sublist); without labels, a spine that loops is found with Brent's
    /// method (a checkpoint pair moved at power-of-two steps), so it ends
    /// after at most twice the pairs before the loop closes, with `. ...`.
    fn list(&mut self, v: Value) {
        self.out.push('(');
        let mut cur = v;
        let mut first = true;
        let mut checkpoint = 0usize;
        let (mut power, mut steps) = (1usize, 0usize);
        loop {
            if self.full() {
                break;
            }
            match cur {
                Value::Pair(p) => {
                    if !first && !self.labels.is_empty() && self.labels.contains_key(&p.addr()) {
                        self.out.push_str(" . ");
                        self.nested(cur);
                        break;
                    }
                    if p.addr() == checkpoint {
                        self.out.push_str(" . ...");
                        break;
                    }
                    steps += 1;
                    if steps == power {
                        checkpoint = p.addr();
                        power *= 2;
                        steps = 0;
                    }
                    if !first {
                        self.out.push(' ');
                    }
                    first = false;
                    self.nested(p.car.get());
                    cur = p.cdr.get();
                }
                Value::Nil => break,
                other => {
                    self.out.push_str(" . ");
                    self.nested(other);
                    break;
                }
            }
        }
        self.out.push(')');
    }
}

/// Writes `c` as a `#\` literal.
fn write_char_literal(out: &mut String, c: char) {
    out.push_str("#\\");
    match c {
        ' ' => out.push_str("space"),
        '\n' => out.push_str("newline"),
        '\t' => out.push_str("tab"),
        '\r' => out.push_str("return"),
        '\0' => out.push_str("nul"),
        '\u{7f}' => out.push_str("delete"),
        '\u{1b}' => out.push_str("escape"),
        '\u{7}' => out.push_str("alarm"),
        '\u{8}' => out.push_str("backspace"),
        c if c.is_control() => {
            let _ = write!(out, "x{:x}", c as u32);
        }
        c => out.push(c),
    }
}

/// Writes `s` as a string literal that reads back to the same string,
/// stopping once `out` holds more than `budget` bytes.
fn write_string_literal(out: &mut String, s: &str, budget: usize) {
    out.push('"');
    for c in s.chars() {
        if out.len() > budget {
            return;
        }
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\x{:x};", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Writes a float as the shortest text that reads back to it, always with a
/// decimal point or an exponent: `4.0`, `0.1`, `1e+21`, `1.5e-7`
/// (exponents below 1e-6 and from 1e21, as JavaScript prints them).
pub fn format_float(out: &mut String, f: f64) {
    if f.is_nan() {
        out.push_str("+nan.0");
        return;
    }
    if f.is_infinite() {
        out.push_str(if f > 0.0 { "+inf.0" } else { "-inf.0" });
        return;
    }
    let a = f.abs();
    if a != 0.0 && !(1e-6..1e21).contains(&a) {
        let text = alloc::format!("{:e}", f);
        match text.split_once('e') {
            Some((mantissa, exp)) => {
                out.push_str(mantissa);
                out.push('e');
                if !exp.starts_with('-') {
                    out.push('+');
                }
                out.push_str(exp);
            }
            None => out.push_str(&text),
        }
        return;
    }
    let start = out.len();
    let _ = write!(out, "{}", f);
    if !out[start..].contains('.') {
        out.push_str(".0");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn float(f: f64) -> String {
        let mut s = String::new();
        format_float(&mut s, f);
        s
    }

    #[test]
    fn floats_always_look_like_floats() {
        assert_eq!(float(4.0), "4.0");
        assert_eq!(float(1.5), "1.5");
        assert_eq!(float(0.1), "0.1");
        assert_eq!(float(-0.0), "-0.0");
        assert_eq!(float(1e21), "1e+21");
        assert_eq!(float(1e20), "100000000000000000000.0");
        assert_eq!(float(1.5e-7), "1.5e-7");
        assert_eq!(float(1.0 / 3.0), "0.3333333333333333");
        assert_eq!(float(f64::INFINITY), "+inf.0");
        assert_eq!(float(f64::NAN), "+nan.0");
    }

    #[test]
    fn string_literals_escape() {
        let mut s = String::new();
        write_string_literal(&mut s, "a\"b\\c\nd", 100);
        assert_eq!(s, "\"a\\\"b\\\\c\\nd\"");
    }
}
