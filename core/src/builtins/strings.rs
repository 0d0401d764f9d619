//! Strings, chars and symbols. Strings are UTF-8; indices count chars.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::{check_len, count, expected, reserve_seq, string, symbol, Def};
use crate::error::{Error, ErrorKind, Result};
use crate::print::{checked, Mode, Sharing};
use crate::runtime::Runtime;
use crate::value::Value;
use crate::value::{PAIR_BYTES, STR_BYTES};

pub const DEFS: &[Def] = &[
    Def("string-length", 1, Some(1), string_length),
    Def("string-append", 0, None, string_append),
    Def("substring", 2, Some(3), substring),
    Def("string=?", 1, None, string_eq),
    Def("string<?", 1, None, string_lt),
    Def("string>?", 1, None, string_gt),
    Def("string-ref", 2, Some(2), string_ref),
    Def("char-at", 2, Some(2), string_ref),
    Def("string-set!", 3, Some(3), string_set),
    Def("string-upcase", 1, Some(1), string_upcase),
    Def("string-downcase", 1, Some(1), string_downcase),
    Def("string->list", 1, Some(1), string_to_list),
    Def("list->string", 1, Some(1), list_to_string),
    Def("string->symbol", 1, Some(1), string_to_symbol),
    Def("symbol->string", 1, Some(1), symbol_to_string),
    Def("string-copy", 1, Some(3), string_copy),
    Def("make-string", 1, Some(2), make_string),
    Def("string-fill!", 2, Some(2), string_fill),
    Def("string", 0, None, string_of),
    Def("string-split", 2, Some(2), string_split),
    Def("string-join", 1, Some(2), string_join),
    Def("string-replace", 3, Some(3), string_replace),
    Def("string-trim", 1, Some(1), string_trim),
    Def("string-contains?", 2, Some(2), string_contains),
    Def("string-starts-with?", 2, Some(2), string_starts_with),
    Def("string-ends-with?", 2, Some(2), string_ends_with),
    Def("string-index", 2, Some(2), string_index),
    Def("char->integer", 1, Some(1), char_to_integer),
    Def("integer->char", 1, Some(1), integer_to_char),
    Def("char-upcase", 1, Some(1), char_upcase),
    Def("char-downcase", 1, Some(1), char_downcase),
    Def("char-alphabetic?", 1, Some(1), char_alphabetic),
    Def("char-numeric?", 1, Some(1), char_numeric),
    Def("char-whitespace?", 1, Some(1), char_whitespace),
];

fn chr(rt: &Runtime, who: &str, v: Value) -> Result<char> {
    match v {
        Value::Char(c) => Ok(c),
        _ => Err(expected(rt, who, "a char", v)),
    }
}

fn new_string(rt: &mut Runtime, who: &str, s: String) -> Result<Value> {
    check_len(rt, who, s.len())?;
    Ok(Value::string(rt, s))
}

fn string_length(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(Value::Int(
        string(rt, "string-length", a[0])?.chars().count() as i64,
    ))
}

fn string_append(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let total = a.iter().fold(0usize, |n, v| match v {
        Value::Str(s) => n.saturating_add(s.borrow().len()),
        _ => n,
    });
    reserve_seq(rt, "string-append", total, 1)?;
    let mut out = String::with_capacity(total);
    for &v in a {
        match v {
            Value::Str(s) => out.push_str(&s.borrow()),
            _ => return Err(expected(rt, "string-append", "a string", v)),
        }
    }
    new_string(rt, "string-append", out)
}

/// The chars of `s` in the `[start, end)` range given by `a[1]`, `a[2]`.
fn char_range(rt: &Runtime, who: &str, s: &str, a: &[Value]) -> Result<String> {
    let (start, end) = super::range_args(rt, who, a, s.chars().count())?;
    Ok(s.chars().skip(start).take(end - start).collect())
}

fn substring(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let s = string(rt, "substring", a[0])?;
    let out = char_range(rt, "substring", &s, a)?;
    Ok(Value::string(rt, out))
}

fn string_copy(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let s = string(rt, "string-copy", a[0])?;
    let out = char_range(rt, "string-copy", &s, a)?;
    Ok(Value::string(rt, out))
}

/// Checks `ok` between each neighbouring pair of string arguments.
fn compare_strings(
    rt: &mut Runtime,
    who: &str,
    a: &[Value],
    ok: fn(&str, &str) -> bool,
) -> Result<Value> {
    let texts = a
        .iter()
        .map(|&v| string(rt, who, v))
        .collect::<Result<Vec<_>>>()?;
    Ok(Value::Bool(texts.windows(2).all(|w| ok(&w[0], &w[1]))))
}

fn string_eq(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    compare_strings(rt, "string=?", a, |x, y| x == y)
}
fn string_lt(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    compare_strings(rt, "string<?", a, |x, y| x < y)
}
fn string_gt(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    compare_strings(rt, "string>?", a, |x, y| x > y)
}

fn string_ref(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let s = string(rt, "string-ref", a[0])?;
    let len = s.chars().count();
    let i = crate::vm::index(rt, "string-ref", a[1], len)?;
    Ok(Value::Char(s.chars().nth(i).unwrap_or('\0')))
}

fn string_set(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let target = match a[0] {
        Value::Str(s) => s,
        v => return Err(expected(rt, "string-set!", "a string", v)),
    };
    if target.is_frozen() {
        return Err(Error::new(
            ErrorKind::Type,
            "string-set!: cannot change a literal constant",
        ));
    }
    let c = chr(rt, "string-set!", a[2])?;
    let mut chars: Vec<char> = target.borrow().chars().collect();
    let i = crate::vm::index(rt, "string-set!", a[1], chars.len())?;
    chars[i] = c;
    *target.borrow_mut() = chars.into_iter().collect();
    Ok(Value::Nil)
}

fn string_upcase(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let s = string(rt, "string-upcase", a[0])?;
    let s = case_mapped(rt, &s, str::to_uppercase)?;
    new_string(rt, "string-upcase", s)
}
fn string_downcase(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let s = string(rt, "string-downcase", a[0])?;
    let s = case_mapped(rt, &s, str::to_lowercase)?;
    new_string(rt, "string-downcase", s)
}

/// `map(s)` for a case mapping, after reserving the most it can produce
/// (three bytes out per byte in) against the heap limit; the caller checks
/// the result's length against the sequence limit.
fn case_mapped(rt: &mut Runtime, s: &str, map: fn(&str) -> String) -> Result<String> {
    let most = s.len().saturating_mul(3);
    rt.reserve(most)?;
    rt.spend((most / 16) as u64)?;
    Ok(map(s))
}

fn string_to_list(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let s = string(rt, "string->list", a[0])?;
    let n = s.chars().count();
    reserve_seq(rt, "string->list", n, PAIR_BYTES + 16)?;
    let chars: Vec<Value> = s.chars().map(Value::Char).collect();
    Ok(Value::list(rt, &chars))
}

fn list_to_string(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let items = super::lists::items(rt, "list->string", a[0])?;
    reserve_seq(rt, "list->string", items.len(), 4)?;
    let s = items
        .iter()
        .map(|&v| chr(rt, "list->string", v))
        .collect::<Result<String>>()?;
    new_string(rt, "list->string", s)
}

fn string_to_symbol(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let s = string(rt, "string->symbol", a[0])?;
    rt.reserve(rt.symbols.cost(&s))?;
    Ok(Value::Symbol(rt.symbols.intern(&s)))
}

fn symbol_to_string(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let name = match a[0] {
        Value::Keyword(k) => String::from(rt.sym_name(k)),
        v => String::from(rt.sym_name(symbol(rt, "symbol->string", v)?)),
    };
    Ok(Value::string(rt, name))
}

fn make_string(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let n = count(rt, "make-string", a[0])?;
    let c = a.get(1).map_or(Ok(' '), |&v| chr(rt, "make-string", v))?;
    reserve_seq(rt, "make-string", n, c.len_utf8())?;
    Ok(Value::string(
        rt,
        core::iter::repeat_n(c, n).collect::<String>(),
    ))
}

/// `(string-fill! s c)`: every char of `s` becomes `c`.
fn string_fill(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let target = match a[0] {
        Value::Str(s) => s,
        v => return Err(expected(rt, "string-fill!", "a string", v)),
    };
    if target.is_frozen() {
        return Err(Error::new(
            ErrorKind::Type,
            "string-fill!: cannot change a literal constant",
        ));
    }
    let c = chr(rt, "string-fill!", a[1])?;
    let n = target.borrow().chars().count();
    *target.borrow_mut() = core::iter::repeat_n(c, n).collect();
    Ok(Value::Nil)
}

/// `(string x ...)`: chars joined (Scheme), or anything displayed (Elle).
fn string_of(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let mut out = String::new();
    for &v in a {
        out.push_str(&checked(rt, "string", v, Mode::Display, Sharing::Cycles)?);
    }
    new_string(rt, "string", out)
}

fn string_split(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let s = string(rt, "string-split", a[0])?;
    let sep = match a[1] {
        Value::Char(c) => String::from(c),
        v => string(rt, "string-split", v)?,
    };
    let n = match sep.is_empty() {
        true => s.chars().count(),
        false => s.matches(sep.as_str()).count() + 1,
    };
    reserve_seq(rt, "string-split", n, PAIR_BYTES + STR_BYTES)?;
    rt.reserve(s.len())?;
    let parts: Vec<String> = if sep.is_empty() {
        s.chars().map(String::from).collect()
    } else {
        s.split(sep.as_str()).map(String::from).collect()
    };
    let values: Vec<Value> = parts.into_iter().map(|p| Value::string(rt, p)).collect();
    Ok(Value::list(rt, &values))
}

fn string_join(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let items = super::lists::items(rt, "string-join", a[0])?;
    let sep = a
        .get(1)
        .map_or(Ok(String::new()), |&v| string(rt, "string-join", v))?;
    let parts = items
        .iter()
        .map(|&v| string(rt, "string-join", v))
        .collect::<Result<Vec<_>>>()?;
    let total = parts.iter().fold(0usize, |n, p| n.saturating_add(p.len()));
    let seps = sep.len().saturating_mul(parts.len().saturating_sub(1));
    reserve_seq(rt, "string-join", total.saturating_add(seps), 1)?;
    new_string(rt, "string-join", parts.join(&sep))
}

fn string_replace(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let s = string(rt, "string-replace", a[0])?;
    let from = string(rt, "string-replace", a[1])?;
    let to = string(rt, "string-replace", a[2])?;
    if from.is_empty() {
        return Err(Error::new(
            ErrorKind::Range,
            "string-replace: the pattern is empty",
        ));
    }
    let hits = s.matches(from.as_str()).count();
    let len = (s.len() - hits * from.len()).saturating_add(hits.saturating_mul(to.len()));
    reserve_seq(rt, "string-replace", len, 1)?;
    new_string(rt, "string-replace", s.replace(&from, &to))
}

fn string_trim(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let s = String::from(string(rt, "string-trim", a[0])?.trim());
    Ok(Value::string(rt, s))
}

fn string_contains(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let s = string(rt, "string-contains?", a[0])?;
    let p = string(rt, "string-contains?", a[1])?;
    Ok(Value::Bool(s.contains(&p)))
}
fn string_starts_with(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let s = string(rt, "string-starts-with?", a[0])?;
    let p = string(rt, "string-starts-with?", a[1])?;
    Ok(Value::Bool(s.starts_with(&p)))
}
fn string_ends_with(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let s = string(rt, "string-ends-with?", a[0])?;
    let p = string(rt, "string-ends-with?", a[1])?;
    Ok(Value::Bool(s.ends_with(&p)))
}

/// `(string-index s pattern)`: char index of the first match, or `#f`.
fn string_index(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let s = string(rt, "string-index", a[0])?;
    let p = match a[1] {
        Value::Char(c) => String::from(c),
        v => string(rt, "string-index", v)?,
    };
    Ok(match s.find(&p) {
        Some(byte) => Value::Int(s[..byte].chars().count() as i64),
        None => Value::Bool(false),
    })
}

fn char_to_integer(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(Value::Int(chr(rt, "char->integer", a[0])? as i64))
}

fn integer_to_char(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let n = super::int(rt, "integer->char", a[0])?;
    u32::try_from(n)
        .ok()
        .and_then(char::from_u32)
        .map(Value::Char)
        .ok_or_else(|| {
            Error::new(
                ErrorKind::Range,
                format!("integer->char: {} is not a char", n),
            )
        })
}

fn char_upcase(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let c = chr(rt, "char-upcase", a[0])?;
    Ok(Value::Char(c.to_uppercase().next().unwrap_or(c)))
}
fn char_downcase(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let c = chr(rt, "char-downcase", a[0])?;
    Ok(Value::Char(c.to_lowercase().next().unwrap_or(c)))
}
fn char_alphabetic(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(Value::Bool(
        chr(rt, "char-alphabetic?", a[0])?.is_alphabetic(),
    ))
}
fn char_numeric(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(Value::Bool(chr(rt, "char-numeric?", a[0])?.is_numeric()))
}
fn char_whitespace(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(Value::Bool(
        chr(rt, "char-whitespace?", a[0])?.is_whitespace(),
    ))
}
