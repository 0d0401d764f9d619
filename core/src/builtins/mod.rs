//! Builtin procedures, one file per family. Each family exports a table of
//! `Def`s; `register_all` binds them as globals. Procedures that call back
//! into Elle code (`map`, `for-each`, `filter`, `fold`, ...) are written in
//! Elle in `prelude.lisp`, so they run on the VM with proper tail calls and
//! the collector's safepoints.

use alloc::format;
use alloc::string::String;

use crate::error::{Error, ErrorKind, Result};
use crate::print::short;
use crate::runtime::Runtime;
use crate::symbol::Sym;
use crate::value::{Intrinsic, NativeBody, NativeFn, Value};

pub mod control;
pub mod lists;
pub mod numbers;
pub mod predicates;
pub mod strings;
pub mod tables;
pub mod vectors;

/// One builtin: name, minimum and maximum argument counts, body.
pub struct Def(pub &'static str, pub u16, pub Option<u16>, pub NativeFn);

/// The Elle half of the builtins, run once when an engine starts.
pub const PRELUDE: &str = include_str!("prelude.lisp");

/// Binds every builtin as a global.
pub fn register_all(rt: &mut Runtime) {
    for table in [
        numbers::DEFS,
        lists::DEFS,
        predicates::DEFS,
        strings::DEFS,
        vectors::DEFS,
        tables::DEFS,
        control::DEFS,
    ] {
        for &Def(name, min, max, f) in table {
            rt.register_native(name, min, max, NativeBody::Fn(f));
        }
    }
    rt.register_native("apply", 2, None, NativeBody::Intrinsic(Intrinsic::Apply));
    rt.register_native(
        "raise-continuable",
        1,
        Some(1),
        NativeBody::Intrinsic(Intrinsic::RaiseContinuable),
    );
    rt.register_native(
        "%pop-handler",
        0,
        Some(0),
        NativeBody::Intrinsic(Intrinsic::PopHandler),
    );
}

/// A type error: builtin `who` expected `what`, got `v`.
pub fn expected(rt: &Runtime, who: &str, what: &str, v: Value) -> Error {
    Error::new(
        ErrorKind::Type,
        format!("{}: expected {}, got {}", who, what, short(rt, v)),
    )
}

/// The integer in `v`, or a type error for `who`.
pub fn int(rt: &Runtime, who: &str, v: Value) -> Result<i64> {
    match v {
        Value::Int(i) => Ok(i),
        _ => Err(expected(rt, who, "an integer", v)),
    }
}

/// A non-negative integer that fits in `usize` (a count or an index).
pub fn count(rt: &Runtime, who: &str, v: Value) -> Result<usize> {
    match v {
        Value::Int(i) if i >= 0 => Ok(i as usize),
        Value::Int(i) => Err(Error::new(
            ErrorKind::Range,
            format!("{}: expected a non-negative integer, got {}", who, i),
        )),
        _ => Err(expected(rt, who, "an integer", v)),
    }
}

/// A copy of the text of string `v`, or a type error for `who`. Copying
/// is work in proportion to the text: it spends a unit of fuel per 16
/// bytes and counts the copy against the heap limit, so every builtin that
/// reads a string through it is metered.
pub fn string(rt: &mut Runtime, who: &str, v: Value) -> Result<String> {
    match v {
        Value::Str(s) => {
            let len = s.borrow().len();
            rt.reserve(len)?;
            rt.spend((len / 16) as u64)?;
            Ok(s.borrow().clone())
        }
        _ => Err(expected(rt, who, "a string", v)),
    }
}

/// The symbol in `v`, or a type error for `who`.
pub fn symbol(rt: &Runtime, who: &str, v: Value) -> Result<Sym> {
    match v {
        Value::Symbol(s) => Ok(s),
        _ => Err(expected(rt, who, "a symbol", v)),
    }
}

/// Checks that a new string or vector of `len` items is within the limit.
pub fn check_len(rt: &Runtime, who: &str, len: usize) -> Result<()> {
    if len > rt.limits.max_sequence_len {
        return Err(Error::new(
            ErrorKind::Limit,
            format!(
                "{}: length {} exceeds the limit of {}",
                who, len, rt.limits.max_sequence_len
            ),
        ));
    }
    Ok(())
}

/// Checks a new sequence of `len` items of `item_bytes` each against the
/// length and heap limits, and spends fuel for building it (a unit per 16
/// bytes). Call it before allocating and before any side effect (see
/// `Runtime::reserve`).
pub fn reserve_seq(rt: &mut Runtime, who: &str, len: usize, item_bytes: usize) -> Result<()> {
    check_len(rt, who, len)?;
    let bytes = len.saturating_mul(item_bytes);
    rt.reserve(bytes)?;
    rt.spend((bytes / 16) as u64)
}

/// The `[start, end)` range given by optional arguments `a[1]` and `a[2]`
/// over a sequence of `len` items (defaults: the whole sequence).
pub fn range_args(rt: &Runtime, who: &str, a: &[Value], len: usize) -> Result<(usize, usize)> {
    let start = a.get(1).map_or(Ok(0), |&v| count(rt, who, v))?;
    let end = a.get(2).map_or(Ok(len), |&v| count(rt, who, v))?;
    if start > end || end > len {
        return Err(Error::new(
            ErrorKind::Range,
            format!(
                "{}: range {}..{} out of bounds for length {}",
                who, start, end, len
            ),
        ));
    }
    Ok((start, end))
}
