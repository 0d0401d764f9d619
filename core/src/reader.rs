//! The reader: source text -> datums with spans.
//!
//! A recursive-descent parser over chars. Nesting is bounded by
//! `max_depth`, so no input can overflow the Rust stack; deeper input is a
//! `read` error. Input that ends inside a datum is an `incomplete` error so a
//! REPL can ask for another line.

use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::datum::{Datum, DatumKind};
use crate::error::{Error, ErrorKind, Result, Span};
use crate::symbol::{sym, Symbols};

/// Reads datums from one source text.
pub struct Reader<'a> {
    chars: core::iter::Peekable<core::str::Chars<'a>>,
    line: u32,
    col: u32,
    file: u32,
    max_depth: usize,
}

/// True for characters that end a token.
fn is_delimiter(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '(' | ')' | '[' | ']' | '{' | '}' | '"' | ';' | '\'' | '`' | ','
        )
}

impl<'a> Reader<'a> {
    /// A reader over `text`, which is file number `file` in span records.
    pub fn new(text: &'a str, file: u32, max_depth: usize) -> Self {
        let mut r = Reader {
            chars: text.chars().peekable(),
            line: 1,
            col: 1,
            file,
            max_depth,
        };
        if text.starts_with("#!") && !text.starts_with("#!fold-case") {
            while let Some(c) = r.bump() {
                if c == '\n' {
                    break;
                }
            }
        }
        r
    }

    /// Reads every datum in the text.
    pub fn read_all(mut self, syms: &mut Symbols) -> Result<Vec<Datum>> {
        let mut out = Vec::new();
        while let Some(d) = self.next(syms)? {
            out.push(d);
        }
        Ok(out)
    }

    /// Reads the next datum, or `None` at the end of the text.
    pub fn next(&mut self, syms: &mut Symbols) -> Result<Option<Datum>> {
        self.skip_atmosphere(syms, 0)?;
        if self.chars.peek().is_none() {
            return Ok(None);
        }
        self.datum(syms, 0).map(Some)
    }

    fn span(&self) -> Span {
        Span {
            file: self.file,
            line: self.line,
            col: self.col,
        }
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn peek(&mut self) -> Option<char> {
        self.chars.peek().copied()
    }

    fn error(&self, span: Span, msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::Read, msg).at(span)
    }

    fn incomplete(&self, span: Span, msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::Incomplete, msg).at(span)
    }

    /// Skips whitespace and all three kinds of comment; a datum comment's
    /// datum is read one level below `depth`, so comments nested in
    /// comments count against the nesting limit like any other nesting.
    fn skip_atmosphere(&mut self, syms: &mut Symbols, depth: usize) -> Result<()> {
        loop {
            match self.peek() {
                Some(c) if c.is_whitespace() => {
                    self.bump();
                }
                Some(';') => {
                    while let Some(c) = self.bump() {
                        if c == '\n' {
                            break;
                        }
                    }
                }
                Some('#') => {
                    let mut ahead = self.chars.clone();
                    ahead.next();
                    match ahead.next() {
                        Some('|') => self.block_comment()?,
                        Some(';') => {
                            let start = self.span();
                            self.check_depth(depth + 1, start)?;
                            self.bump();
                            self.bump();
                            self.skip_atmosphere(syms, depth + 1)?;
                            if self.peek().is_none() {
                                return Err(self.incomplete(start, "`#;` with no datum after it"));
                            }
                            self.datum(syms, depth + 1)?;
                        }
                        _ => return Ok(()),
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    /// Skips a `#| ... |#` comment, which may nest.
    fn block_comment(&mut self) -> Result<()> {
        let start = self.span();
        self.bump();
        self.bump();
        let mut depth = 1usize;
        while depth > 0 {
            match self.bump() {
                None => return Err(self.incomplete(start, "unterminated `#|` comment")),
                Some('|') if self.peek() == Some('#') => {
                    self.bump();
                    depth -= 1;
                }
                Some('#') if self.peek() == Some('|') => {
                    self.bump();
                    depth += 1;
                }
                Some(_) => {}
            }
        }
        Ok(())
    }

    /// Fails when `depth` is past the nesting limit.
    fn check_depth(&self, depth: usize, span: Span) -> Result<()> {
        match depth >= self.max_depth {
            true => Err(self.error(
                span,
                format!("nesting deeper than {} levels", self.max_depth),
            )),
            false => Ok(()),
        }
    }

    /// Reads one datum; the atmosphere before it has been skipped.
    fn datum(&mut self, syms: &mut Symbols, depth: usize) -> Result<Datum> {
        let span = self.span();
        self.check_depth(depth, span)?;
        let c = match self.peek() {
            Some(c) => c,
            None => return Err(self.incomplete(span, "unexpected end of input")),
        };
        match c {
            '(' | '[' => {
                self.bump();
                let close = if c == '(' { ')' } else { ']' };
                let (items, tail) = self.sequence(syms, depth, close, c == '(', span)?;
                Ok(match (c, tail) {
                    ('(', Some(t)) => Datum::new(DatumKind::Dotted(items, Box::new(t)), span),
                    ('(', None) => Datum::list(items, span),
                    _ => Datum::new(DatumKind::Vector(items), span),
                })
            }
            '{' => {
                self.bump();
                let (items, _) = self.sequence(syms, depth, '}', false, span)?;
                self.check_pairs(&items, span)?;
                Ok(Datum::new(DatumKind::Struct(items), span))
            }
            ')' | ']' | '}' => {
                self.bump();
                Err(self.error(span, format!("unexpected `{}`", c)))
            }
            '\'' | '`' | ',' => {
                self.bump();
                let head = match c {
                    '\'' => sym::QUOTE,
                    '`' => sym::QUASIQUOTE,
                    _ if self.peek() == Some('@') => {
                        self.bump();
                        sym::UNQUOTE_SPLICING
                    }
                    _ => sym::UNQUOTE,
                };
                let inner = self.quoted_operand(syms, depth, span)?;
                Ok(Datum::list(
                    alloc::vec![Datum::sym(head, span), inner],
                    span,
                ))
            }
            '"' => {
                self.bump();
                self.string(span)
            }
            '@' => {
                let mut ahead = self.chars.clone();
                ahead.next();
                if ahead.next() == Some('{') {
                    self.bump();
                    self.bump();
                    let (items, _) = self.sequence(syms, depth, '}', false, span)?;
                    self.check_pairs(&items, span)?;
                    Ok(Datum::new(DatumKind::Table(items), span))
                } else {
                    self.atom(syms, span)
                }
            }
            '#' => self.hash(syms, depth, span),
            _ => self.atom(syms, span),
        }
    }

    /// Reads the datum after a quote-like prefix.
    fn quoted_operand(&mut self, syms: &mut Symbols, depth: usize, span: Span) -> Result<Datum> {
        self.skip_atmosphere(syms, depth)?;
        match self.peek() {
            None => Err(self.incomplete(span, "quote with no datum after it")),
            Some(')' | ']' | '}') => Err(self.error(span, "quote with no datum after it")),
            Some(_) => self.datum(syms, depth + 1),
        }
    }

    /// Reads items up to `close`; with `dotted`, accepts `. tail` at the end.
    fn sequence(
        &mut self,
        syms: &mut Symbols,
        depth: usize,
        close: char,
        dotted: bool,
        open: Span,
    ) -> Result<(Vec<Datum>, Option<Datum>)> {
        let mut items = Vec::new();
        loop {
            self.skip_atmosphere(syms, depth)?;
            let here = self.span();
            match self.peek() {
                None => return Err(self.incomplete(open, format!("missing `{}`", close))),
                Some(c) if c == close => {
                    self.bump();
                    return Ok((items, None));
                }
                Some(c @ (')' | ']' | '}')) => {
                    return Err(self.error(here, format!("expected `{}`, found `{}`", close, c)));
                }
                Some('.') if !dotted && self.is_lone_dot() => {
                    return Err(self.error(here, "`.` is only allowed in a list"));
                }
                Some('.') if dotted && self.is_lone_dot() => {
                    self.bump();
                    if items.is_empty() {
                        return Err(self.error(here, "`.` with nothing before it"));
                    }
                    self.skip_atmosphere(syms, depth)?;
                    if self.peek().is_none() {
                        return Err(self.incomplete(open, format!("missing `{}`", close)));
                    }
                    let tail = self.datum(syms, depth + 1)?;
                    self.skip_atmosphere(syms, depth)?;
                    return match self.peek() {
                        Some(c) if c == close => {
                            self.bump();
                            Ok(match tail.kind {
                                DatumKind::Nil => (items, None),
                                DatumKind::List(rest) => {
                                    items.extend(rest);
                                    (items, None)
                                }
                                DatumKind::Dotted(rest, t) => {
                                    items.extend(rest);
                                    (items, Some(*t))
                                }
                                _ => (items, Some(tail)),
                            })
                        }
                        None => Err(self.incomplete(open, format!("missing `{}`", close))),
                        Some(_) => Err(self.error(self.span(), "more than one datum after `.`")),
                    };
                }
                Some(_) => items.push(self.datum(syms, depth + 1)?),
            }
        }
    }

    /// True when the next token is exactly `.`.
    fn is_lone_dot(&self) -> bool {
        let mut ahead = self.chars.clone();
        ahead.next();
        ahead.peek().is_none_or(|&c| is_delimiter(c))
    }

    fn check_pairs(&self, items: &[Datum], span: Span) -> Result<()> {
        if !items.len().is_multiple_of(2) {
            return Err(self.error(span, "a struct or table needs an even number of items"));
        }
        Ok(())
    }

    /// Reads a string literal; the opening quote is consumed.
    fn string(&mut self, span: Span) -> Result<Datum> {
        let mut s = String::new();
        loop {
            let here = self.span();
            match self.bump() {
                None => return Err(self.incomplete(span, "unterminated string")),
                Some('"') => return Ok(Datum::new(DatumKind::Str(s), span)),
                Some('\\') => match self.bump() {
                    None => return Err(self.incomplete(span, "unterminated string")),
                    Some('n') => s.push('\n'),
                    Some('t') => s.push('\t'),
                    Some('r') => s.push('\r'),
                    Some('a') => s.push('\u{7}'),
                    Some('b') => s.push('\u{8}'),
                    Some('0') => s.push('\0'),
                    Some('\\') => s.push('\\'),
                    Some('"') => s.push('"'),
                    Some('x') | Some('u') => s.push(self.hex_escape(here)?),
                    Some('\n') => {
                        while matches!(self.peek(), Some(c) if c == ' ' || c == '\t') {
                            self.bump();
                        }
                    }
                    Some(c) => {
                        return Err(self.error(here, format!("unknown string escape `\\{}`", c)))
                    }
                },
                Some(c) => s.push(c),
            }
        }
    }

    /// Reads `HH...;` after `\x` in a string.
    fn hex_escape(&mut self, span: Span) -> Result<char> {
        let mut digits = String::new();
        loop {
            match self.bump() {
                Some(';') => break,
                Some(c) if c.is_ascii_hexdigit() && digits.len() < 8 => digits.push(c),
                None => return Err(self.incomplete(span, "unterminated string")),
                Some(_) => return Err(self.error(span, "malformed `\\x...;` escape")),
            }
        }
        u32::from_str_radix(&digits, 16)
            .ok()
            .and_then(char::from_u32)
            .ok_or_else(|| self.error(span, "malformed `\\x...;` escape"))
    }

    /// Reads the characters of one token.
    fn token(&mut self) -> String {
        let mut t = String::new();
        while let Some(c) = self.peek() {
            if is_delimiter(c) {
                break;
            }
            t.push(c);
            self.bump();
        }
        t
    }

    /// Reads a `#` form: booleans, chars, radix numbers, `#(...)`.
    fn hash(&mut self, syms: &mut Symbols, depth: usize, span: Span) -> Result<Datum> {
        self.bump();
        match self.peek() {
            Some('(') => {
                self.bump();
                let (items, _) = self.sequence(syms, depth, ')', false, span)?;
                Ok(Datum::new(DatumKind::LiteralVector(items), span))
            }
            Some('\\') => {
                self.bump();
                self.char_literal(span)
            }
            None => Err(self.incomplete(span, "`#` at end of input")),
            Some(_) => {
                let t = self.token();
                let radix = match t.as_str() {
                    "t" | "true" => return Ok(Datum::new(DatumKind::Bool(true), span)),
                    "f" | "false" => return Ok(Datum::new(DatumKind::Bool(false), span)),
                    _ if t.len() > 1 => match t.as_bytes()[0] {
                        b'x' | b'X' => 16,
                        b'b' | b'B' => 2,
                        b'o' | b'O' => 8,
                        b'd' | b'D' => 10,
                        _ => 0,
                    },
                    _ => 0,
                };
                if radix == 0 {
                    return Err(self.error(span, format!("unknown syntax `#{}`", t)));
                }
                parse_integer(&t[1..], radix)
                    .map(|i| Datum::new(DatumKind::Int(i), span))
                    .ok_or_else(|| self.error(span, format!("malformed number `#{}`", t)))
            }
        }
    }

    /// Reads the rest of `#\...`.
    fn char_literal(&mut self, span: Span) -> Result<Datum> {
        let first = match self.bump() {
            Some(c) => c,
            None => return Err(self.incomplete(span, "`#\\` at end of input")),
        };
        let mut name = String::from(first);
        while let Some(c) = self.peek() {
            if is_delimiter(c) {
                break;
            }
            name.push(c);
            self.bump();
        }
        let c = if name.chars().count() == 1 {
            first
        } else {
            match name.as_str() {
                "space" => ' ',
                "newline" | "linefeed" | "nl" => '\n',
                "tab" => '\t',
                "return" => '\r',
                "nul" | "null" => '\0',
                "alarm" => '\u{7}',
                "backspace" => '\u{8}',
                "delete" | "rubout" => '\u{7f}',
                "escape" | "altmode" => '\u{1b}',
                _ if name.starts_with(['x', 'U', 'u']) => u32::from_str_radix(&name[1..], 16)
                    .ok()
                    .and_then(char::from_u32)
                    .ok_or_else(|| self.error(span, format!("unknown character `#\\{}`", name)))?,
                _ => return Err(self.error(span, format!("unknown character `#\\{}`", name))),
            }
        };
        Ok(Datum::new(DatumKind::Char(c), span))
    }

    /// Reads a number, keyword, symbol or `nil`/`true`/`false`.
    fn atom(&mut self, syms: &mut Symbols, span: Span) -> Result<Datum> {
        let t = self.token();
        if t.is_empty() {
            let c = self.bump().unwrap_or(' ');
            return Err(self.error(span, format!("unexpected `{}`", c)));
        }
        if let Some(n) = parse_number(&t) {
            return match n {
                Some(kind) => Ok(Datum::new(kind, span)),
                None => Err(self.error(span, format!("malformed number `{}`", t))),
            };
        }
        let kind = match t.as_str() {
            "nil" => DatumKind::Nil,
            "true" => DatumKind::Bool(true),
            "false" => DatumKind::Bool(false),
            _ if t.len() > 1 && t.starts_with(':') => DatumKind::Keyword(syms.intern(&t[1..])),
            _ => DatumKind::Symbol(syms.intern(&t)),
        };
        Ok(Datum::new(kind, span))
    }
}

/// Parses an integer in `radix` with an optional sign; `None` if malformed
/// or outside i64.
fn parse_integer(t: &str, radix: u32) -> Option<i64> {
    let (neg, digits) = match t.as_bytes().first()? {
        b'-' => (true, &t[1..]),
        b'+' => (false, &t[1..]),
        _ => (false, t),
    };
    if digits.is_empty() {
        return None;
    }
    let mut n: i64 = 0;
    for c in digits.chars() {
        let d = c.to_digit(radix)? as i64;
        n = n.checked_mul(radix as i64)?;
        n = if neg {
            n.checked_sub(d)?
        } else {
            n.checked_add(d)?
        };
    }
    Some(n)
}

/// Classifies a token: `None` if it is not numeric at all (a symbol),
/// `Some(None)` if it looks numeric but is malformed, else the number.
fn parse_number(t: &str) -> Option<Option<DatumKind>> {
    match t {
        "+inf.0" => return Some(Some(DatumKind::Float(f64::INFINITY))),
        "-inf.0" => return Some(Some(DatumKind::Float(f64::NEG_INFINITY))),
        "+nan.0" | "-nan.0" => return Some(Some(DatumKind::Float(f64::NAN))),
        _ => {}
    }
    let b = t.as_bytes();
    let body = if matches!(b[0], b'+' | b'-') {
        &b[1..]
    } else {
        b
    };
    let numeric = match body {
        [d, ..] if d.is_ascii_digit() => true,
        [b'.', d, ..] if d.is_ascii_digit() => true,
        _ => false,
    };
    if !numeric {
        return None;
    }
    if let Some(i) = parse_integer(t, 10) {
        return Some(Some(DatumKind::Int(i)));
    }
    if body.iter().all(|c| c.is_ascii_digit()) {
        return Some(None); // digits only, yet no i64: too large
    }
    // Anything else that starts like a number is a float or, failing that,
    // a symbol such as `1+` (as in Guile).
    t.parse::<f64>().ok().map(|f| Some(DatumKind::Float(f)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    fn read(text: &str) -> Result<Vec<Datum>> {
        let mut syms = Symbols::new();
        Reader::new(text, 0, 1000).read_all(&mut syms)
    }

    fn kind(text: &str) -> DatumKind {
        read(text).unwrap().remove(0).kind
    }

    #[test]
    fn numbers() {
        assert!(matches!(kind("42"), DatumKind::Int(42)));
        assert!(matches!(kind("-7"), DatumKind::Int(-7)));
        assert!(matches!(kind("#x1F"), DatumKind::Int(31)));
        assert!(matches!(kind("#b101"), DatumKind::Int(5)));
        assert!(matches!(kind("1.5"), DatumKind::Float(f) if f == 1.5));
        assert!(matches!(kind("-2e10"), DatumKind::Float(f) if f == -2e10));
        assert!(matches!(kind(".5"), DatumKind::Float(f) if f == 0.5));
        assert!(matches!(
            kind("-9223372036854775808"),
            DatumKind::Int(i64::MIN)
        ));
        assert_eq!(
            read("99999999999999999999").unwrap_err().kind(),
            ErrorKind::Read
        );
    }

    #[test]
    fn symbols_that_look_numeric() {
        for s in [
            "+", "-", "...", "->x", "set!", "1+", "-x", "inf", "nan", "1.2.3",
        ] {
            assert!(
                matches!(kind(s), DatumKind::Symbol(_)),
                "{} should be a symbol",
                s
            );
        }
    }

    #[test]
    fn strings_and_chars() {
        match kind(r#""a\n\t\\\"\x41;""#) {
            DatumKind::Str(s) => assert_eq!(s, "a\n\t\\\"A"),
            _ => panic!(),
        }
        assert!(matches!(kind("#\\a"), DatumKind::Char('a')));
        assert!(matches!(kind("#\\space"), DatumKind::Char(' ')));
        assert!(matches!(kind("#\\newline"), DatumKind::Char('\n')));
        assert!(matches!(kind("#\\x41"), DatumKind::Char('A')));
        assert!(matches!(kind("#\\("), DatumKind::Char('(')));
    }

    #[test]
    fn lists_vectors_structs_tables() {
        assert!(matches!(kind("(1 2 3)"), DatumKind::List(v) if v.len() == 3));
        assert!(matches!(kind("(1 . 2)"), DatumKind::Dotted(v, _) if v.len() == 1));
        assert!(matches!(kind("(1 . (2 3))"), DatumKind::List(v) if v.len() == 3));
        assert!(matches!(kind("()"), DatumKind::Nil));
        assert!(matches!(kind("[1 2]"), DatumKind::Vector(v) if v.len() == 2));
        assert!(matches!(kind("#(1 2)"), DatumKind::LiteralVector(v) if v.len() == 2));
        assert!(matches!(kind("{:a 1}"), DatumKind::Struct(v) if v.len() == 2));
        assert!(matches!(kind("@{:a 1}"), DatumKind::Table(v) if v.len() == 2));
        assert!(matches!(kind("'x"), DatumKind::List(v) if v[0].as_symbol() == Some(sym::QUOTE)));
        assert!(
            matches!(kind(",@x"), DatumKind::List(v) if v[0].as_symbol() == Some(sym::UNQUOTE_SPLICING))
        );
        assert!(matches!(kind("(a'b)"), DatumKind::List(v) if v.len() == 2));
    }

    #[test]
    fn comments_and_shebang() {
        let d = read("#!/usr/bin/env elle\n; c\n#| a #| nested |# b |# 1 #;(2 3) 4").unwrap();
        assert_eq!(d.len(), 2);
        assert!(matches!(d[1].kind, DatumKind::Int(4)));
    }

    #[test]
    fn spans_are_line_and_column() {
        let d = read("\n  (a\n b)").unwrap();
        assert_eq!((d[0].span.line, d[0].span.col), (2, 3));
        match &d[0].kind {
            DatumKind::List(v) => assert_eq!((v[1].span.line, v[1].span.col), (3, 2)),
            _ => panic!(),
        }
    }

    #[test]
    fn errors_are_read_or_incomplete() {
        assert_eq!(read("(1 2").unwrap_err().kind(), ErrorKind::Incomplete);
        assert_eq!(read("\"abc").unwrap_err().kind(), ErrorKind::Incomplete);
        assert_eq!(read("#| x").unwrap_err().kind(), ErrorKind::Incomplete);
        assert_eq!(read(")").unwrap_err().kind(), ErrorKind::Read);
        assert_eq!(read("(1 ]").unwrap_err().kind(), ErrorKind::Read);
        assert_eq!(read("#q").unwrap_err().kind(), ErrorKind::Read);
        assert_eq!(read("{1}").unwrap_err().kind(), ErrorKind::Read);
        assert_eq!(read("[1 . 2]").unwrap_err().kind(), ErrorKind::Read);
        let e = read("(a\n  #\\bogus)").unwrap_err();
        assert_eq!(e.to_string(), "2:3: read: unknown character `#\\bogus`");
    }

    /// The reader recurses once per nesting level, up to the limit it is
    /// given: past it, input of any depth is a `read` error.
    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let mut syms = Symbols::new();
        let mut read_limited = |text: &str| Reader::new(text, 0, 64).read_all(&mut syms);
        let text = "(".repeat(100_000);
        assert_eq!(read_limited(&text).unwrap_err().kind(), ErrorKind::Read);
        let ok = "(".repeat(64) + &")".repeat(64);
        assert!(read_limited(&ok).is_ok());
        let too_deep = "(".repeat(65) + &")".repeat(65);
        assert_eq!(read_limited(&too_deep).unwrap_err().kind(), ErrorKind::Read);
    }
}
