//! The printer: values -> text, as `display` and `write` show them.
//!
//! `write` shows strings and chars as literals; `display` shows a top-level
//! string or char raw and everything inside a collection as `write` does.
//! Cyclic structure never hangs the printer: a container met again while it
//! is being printed shows as `...`, and a list whose tail loops back ends in
//! `. ...`.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

use crate::runtime::Runtime;
use crate::value::{Intrinsic, NativeBody, OrderedMap, Value};

/// How strings and chars at the top level are shown.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Display,
    Write,
}

/// The text `display` shows for `v`.
pub fn display(rt: &Runtime, v: Value) -> String {
    to_text(rt, v, Mode::Display)
}

/// The text `write` shows for `v`.
pub fn write(rt: &Runtime, v: Value) -> String {
    to_text(rt, v, Mode::Write)
}

/// `v` as `write` shows it, cut to a length that suits an error message.
pub fn short(rt: &Runtime, v: Value) -> String {
    let mut s = write(rt, v);
    if s.chars().count() > 60 {
        s = s.chars().take(57).collect();
        s.push_str("...");
    }
    s
}

/// `v` printed in `mode`.
pub fn to_text(rt: &Runtime, v: Value, mode: Mode) -> String {
    let mut p = Printer {
        rt,
        out: String::new(),
        ancestors: Vec::new(),
    };
    p.value(v, mode);
    p.out
}

/// Deepest nesting printed before eliding with `...`.
const MAX_PRINT_DEPTH: usize = 1_000;

struct Printer<'a> {
    rt: &'a Runtime,
    out: String,
    /// Containers being printed, outermost first.
    ancestors: Vec<usize>,
}

impl Printer<'_> {
    fn value(&mut self, v: Value, mode: Mode) {
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
                Mode::Display => self.out.push_str(&s.borrow()),
                Mode::Write => write_string_literal(&mut self.out, &s.borrow()),
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
                write_string_literal(&mut self.out, &e.message);
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

    /// Prints an element of a collection (always in `write` mode).
    fn nested(&mut self, v: Value) {
        self.value(v, Mode::Write)
    }

    fn container(&mut self, v: Value) {
        let id = v.header_ptr().map_or(0, |p| p.as_ptr() as usize);
        if self.ancestors.contains(&id) || self.ancestors.len() >= MAX_PRINT_DEPTH {
            self.out.push_str("...");
            return;
        }
        self.ancestors.push(id);
        match v {
            Value::Pair(_) => self.list(v),
            Value::Vector(vec) => {
                self.out.push('[');
                let items = vec.0.borrow().clone();
                for (i, x) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push(' ');
                    }
                    self.nested(*x);
                }
                self.out.push(']');
            }
            Value::Table(t) => {
                self.out.push_str("@{");
                let entries = t.0.borrow().entries().to_vec();
                self.entries(&entries);
                self.out.push('}');
            }
            Value::Struct(s) => {
                self.out.push('{');
                self.map(&s.0);
                self.out.push('}');
            }
            _ => {}
        }
        self.ancestors.pop();
    }

    fn map(&mut self, m: &OrderedMap) {
        let entries = m.entries().to_vec();
        self.entries(&entries);
    }

    fn entries(&mut self, entries: &[(Value, Value)]) {
        for (i, (k, v)) in entries.iter().enumerate() {
            if i > 0 {
                self.out.push(' ');
            }
            self.nested(*k);
            self.out.push(' ');
            self.nested(*v);
        }
    }

    /// Prints a list, walking the spine iteratively. A spine that loops is
    /// found with Brent's method (a checkpoint pair moved at power-of-two
    /// steps), so it ends after at most twice the pairs before the loop
    /// closes, with `. ...`.
    fn list(&mut self, v: Value) {
        self.out.push('(');
        let mut cur = v;
        let mut first = true;
        let mut checkpoint = 0usize;
        let (mut power, mut steps) = (1usize, 0usize);
        loop {
            match cur {
                Value::Pair(p) => {
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

/// Writes `s` as a string literal that reads back to the same string.
fn write_string_literal(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
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
        write_string_literal(&mut s, "a\"b\\c\nd");
        assert_eq!(s, "\"a\\\"b\\\\c\\nd\"");
    }
}
