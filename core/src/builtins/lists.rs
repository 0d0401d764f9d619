//! Pairs and lists.

use alloc::format;
use alloc::vec::Vec;

use super::{count, expected, Def};
use crate::builtins::predicates::equal;
use crate::error::{Error, ErrorKind, Result};
use crate::runtime::Runtime;
use crate::value::{Pair, Value};

pub const DEFS: &[Def] = &[
    Def("cons", 2, Some(2), cons),
    Def("car", 1, Some(1), car),
    Def("cdr", 1, Some(1), cdr),
    Def("set-car!", 2, Some(2), set_car),
    Def("set-cdr!", 2, Some(2), set_cdr),
    Def("first", 1, Some(1), first),
    Def("rest", 1, Some(1), rest),
    Def("list", 0, None, list),
    Def("length", 1, Some(1), length),
    Def("append", 0, None, append),
    Def("reverse", 1, Some(1), reverse),
    Def("reverse!", 1, Some(1), reverse_in_place),
    Def("list-ref", 2, Some(2), list_ref),
    Def("nth", 2, Some(2), nth),
    Def("list-tail", 2, Some(2), list_tail),
    Def("drop", 2, Some(2), drop),
    Def("take", 2, Some(2), take),
    Def("last", 1, Some(1), last),
    Def("list-copy", 1, Some(1), list_copy),
    Def("null?", 1, Some(1), is_null),
    Def("nil?", 1, Some(1), is_null),
    Def("empty?", 1, Some(1), is_empty),
    Def("pair?", 1, Some(1), is_pair),
    Def("list?", 1, Some(1), is_list),
    Def("memq", 2, Some(2), memq),
    Def("memv", 2, Some(2), memv),
    Def("member", 2, Some(2), member),
    Def("assq", 2, Some(2), assq),
    Def("assv", 2, Some(2), assv),
    Def("assoc", 2, Some(2), assoc),
    Def("caar", 1, Some(1), caar),
    Def("cadr", 1, Some(1), cadr),
    Def("cdar", 1, Some(1), cdar),
    Def("cddr", 1, Some(1), cddr),
    Def("caddr", 1, Some(1), caddr),
    Def("cdddr", 1, Some(1), cdddr),
    Def("caadr", 1, Some(1), caadr),
    Def("cddar", 1, Some(1), cddar),
    Def("cadar", 1, Some(1), cadar),
    Def("cdadr", 1, Some(1), cdadr),
    Def("caaar", 1, Some(1), caaar),
    Def("cdaar", 1, Some(1), cdaar),
    Def("cadddr", 1, Some(1), cadddr),
    Def("cddddr", 1, Some(1), cddddr),
    Def("iota", 1, Some(3), iota),
    Def("range", 1, Some(3), range),
];

/// The items of proper list `v`; a type error for an improper or cyclic one.
pub fn items(rt: &Runtime, who: &str, v: Value) -> Result<Vec<Value>> {
    let mut out = Vec::new();
    let mut cur = v;
    let mut slow = v;
    loop {
        match cur {
            Value::Nil => return Ok(out),
            Value::Pair(p) => {
                out.push(p.car.get());
                cur = p.cdr.get();
                if out.len() % 2 == 0 {
                    if let Value::Pair(s) = slow {
                        slow = s.cdr.get();
                    }
                    if cur.identical(slow) && matches!(cur, Value::Pair(_)) {
                        return Err(Error::new(
                            ErrorKind::Type,
                            format!("{}: expected a proper list, got a cyclic list", who),
                        ));
                    }
                }
            }
            _ => return Err(expected(rt, who, "a proper list", v)),
        }
    }
}

fn pair(rt: &Runtime, who: &str, v: Value) -> Result<crate::heap::Gc<Pair>> {
    match v {
        Value::Pair(p) => Ok(p),
        _ => Err(expected(rt, who, "a pair", v)),
    }
}

fn cons(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(Value::cons(rt, a[0], a[1]))
}
fn car(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(pair(rt, "car", a[0])?.car.get())
}
fn cdr(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(pair(rt, "cdr", a[0])?.cdr.get())
}

fn mutable_pair(rt: &Runtime, who: &str, v: Value) -> Result<crate::heap::Gc<Pair>> {
    let p = pair(rt, who, v)?;
    if p.is_frozen() {
        return Err(Error::new(
            ErrorKind::Type,
            format!("{}: cannot change a literal constant", who),
        ));
    }
    Ok(p)
}

fn set_car(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    mutable_pair(rt, "set-car!", a[0])?.car.set(a[1]);
    Ok(Value::Nil)
}
fn set_cdr(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    mutable_pair(rt, "set-cdr!", a[0])?.cdr.set(a[1]);
    Ok(Value::Nil)
}

/// `first`: the car, or nil for the empty list.
fn first(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    match a[0] {
        Value::Nil => Ok(Value::Nil),
        Value::Vector(v) => Ok(v.0.borrow().first().copied().unwrap_or(Value::Nil)),
        v => Ok(pair(rt, "first", v)?.car.get()),
    }
}
/// `rest`: the cdr, nil for the empty list, or a vector without its first
/// item.
fn rest(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    match a[0] {
        Value::Nil => Ok(Value::Nil),
        Value::Vector(v) => {
            let items = v.0.borrow().iter().skip(1).copied().collect();
            Ok(crate::builtins::vectors::new_vector(rt, items))
        }
        v => Ok(pair(rt, "rest", v)?.cdr.get()),
    }
}

fn list(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(Value::list(rt, a))
}

fn length(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    match a[0] {
        Value::Str(s) => Ok(Value::Int(s.borrow().chars().count() as i64)),
        Value::Vector(v) => Ok(Value::Int(v.0.borrow().len() as i64)),
        Value::Table(t) => Ok(Value::Int(t.0.borrow().len() as i64)),
        Value::Struct(s) => Ok(Value::Int(s.0.len() as i64)),
        v => Ok(Value::Int(items(rt, "length", v)?.len() as i64)),
    }
}

fn append(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let (last, init) = match a.split_last() {
        Some(x) => x,
        None => return Ok(Value::Nil),
    };
    let mut all = Vec::new();
    for &l in init {
        all.extend(items(rt, "append", l)?);
    }
    Ok(Value::list_with_tail(rt, &all, *last))
}

fn reverse(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let mut out = Value::Nil;
    for v in items(rt, "reverse", a[0])? {
        out = Value::cons(rt, v, out);
    }
    Ok(out)
}

/// Reverses a list by relinking its pairs (the list must not be a literal).
fn reverse_in_place(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    items(rt, "reverse!", a[0])?;
    let mut prev = Value::Nil;
    let mut cur = a[0];
    while let Value::Pair(p) = cur {
        if p.is_frozen() {
            return reverse(rt, a);
        }
        let next = p.cdr.get();
        p.cdr.set(prev);
        prev = cur;
        cur = next;
    }
    Ok(prev)
}

/// The tail of `l` after `k` pairs.
fn tail(rt: &Runtime, who: &str, l: Value, k: usize) -> Result<Value> {
    let mut cur = l;
    for i in 0..k {
        match cur {
            Value::Pair(p) => cur = p.cdr.get(),
            Value::Nil => {
                return Err(Error::new(
                    ErrorKind::Range,
                    format!(
                        "{}: index {} out of range for a list of length {}",
                        who, k, i
                    ),
                ))
            }
            _ => return Err(expected(rt, who, "a list", l)),
        }
    }
    Ok(cur)
}

fn element(rt: &Runtime, who: &str, l: Value, k: Value) -> Result<Value> {
    let k = count(rt, who, k)?;
    match tail(rt, who, l, k)? {
        Value::Pair(p) => Ok(p.car.get()),
        Value::Nil => Err(Error::new(
            ErrorKind::Range,
            format!("{}: index {} out of range", who, k),
        )),
        _ => Err(expected(rt, who, "a list", l)),
    }
}

fn list_ref(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    element(rt, "list-ref", a[0], a[1])
}

/// `(nth index coll)`: the index comes first (seed Elle).
fn nth(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    match a[1] {
        Value::Vector(_) => crate::vm::vector_ref(rt, "nth", a[1], a[0]),
        _ => element(rt, "nth", a[1], a[0]),
    }
}

fn list_tail(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let k = count(rt, "list-tail", a[1])?;
    tail(rt, "list-tail", a[0], k)
}

/// `(drop k list)`: the list without its first k items (fewer if shorter).
fn drop(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let k = count(rt, "drop", a[0])?;
    let all = items(rt, "drop", a[1])?;
    let rest = all.get(k.min(all.len())..).unwrap_or(&[]).to_vec();
    Ok(Value::list(rt, &rest))
}

/// `(take k list)`: the first k items (fewer if shorter).
fn take(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let k = count(rt, "take", a[0])?;
    let all = items(rt, "take", a[1])?;
    Ok(Value::list(rt, &all[..k.min(all.len())]))
}

fn last(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let all = items(rt, "last", a[0])?;
    all.last()
        .copied()
        .ok_or_else(|| expected(rt, "last", "a non-empty list", a[0]))
}

fn list_copy(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    match a[0] {
        Value::Pair(_) | Value::Nil => {
            let all = items(rt, "list-copy", a[0])?;
            Ok(Value::list(rt, &all))
        }
        v => Ok(v),
    }
}

fn is_null(_: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(Value::Bool(matches!(a[0], Value::Nil)))
}

fn is_empty(_: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(Value::Bool(match a[0] {
        Value::Nil => true,
        Value::Str(s) => s.borrow().is_empty(),
        Value::Vector(v) => v.0.borrow().is_empty(),
        Value::Table(t) => t.0.borrow().is_empty(),
        Value::Struct(s) => s.0.is_empty(),
        _ => false,
    }))
}

fn is_pair(_: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(Value::Bool(matches!(a[0], Value::Pair(_))))
}

fn is_list(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(Value::Bool(items(rt, "list?", a[0]).is_ok()))
}

/// The first tail of `l` whose car matches `x`, or `#f`.
fn mem(
    rt: &Runtime,
    who: &str,
    x: Value,
    l: Value,
    same: fn(Value, Value) -> bool,
) -> Result<Value> {
    let mut cur = l;
    while let Value::Pair(p) = cur {
        if same(x, p.car.get()) {
            return Ok(cur);
        }
        cur = p.cdr.get();
    }
    match cur {
        Value::Nil => Ok(Value::Bool(false)),
        _ => Err(expected(rt, who, "a list", l)),
    }
}

/// The first pair in association list `l` whose car matches `x`, or `#f`.
fn ass(
    rt: &Runtime,
    who: &str,
    x: Value,
    l: Value,
    same: fn(Value, Value) -> bool,
) -> Result<Value> {
    let mut cur = l;
    while let Value::Pair(p) = cur {
        match p.car.get() {
            entry @ Value::Pair(e) => {
                if same(x, e.car.get()) {
                    return Ok(entry);
                }
            }
            other => return Err(expected(rt, who, "an association list", other)),
        }
        cur = p.cdr.get();
    }
    Ok(Value::Bool(false))
}

fn memq(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    mem(rt, "memq", a[0], a[1], Value::identical)
}
fn memv(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    mem(rt, "memv", a[0], a[1], Value::eqv)
}
fn member(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    mem(rt, "member", a[0], a[1], equal)
}
fn assq(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    ass(rt, "assq", a[0], a[1], Value::identical)
}
fn assv(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    ass(rt, "assv", a[0], a[1], Value::eqv)
}
fn assoc(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    ass(rt, "assoc", a[0], a[1], equal)
}

/// Follows `path` (read right to left, as in the name `cadr`) from `v`.
fn cxr(rt: &Runtime, name: &str, path: &[u8], v: Value) -> Result<Value> {
    let mut cur = v;
    for step in path.iter().rev() {
        let p = match cur {
            Value::Pair(p) => p,
            _ => return Err(expected(rt, name, "a list deep enough", v)),
        };
        cur = if *step == b'a' {
            p.car.get()
        } else {
            p.cdr.get()
        };
    }
    Ok(cur)
}

macro_rules! cxr_fns {
    ($($f:ident = $name:literal / $path:literal),* $(,)?) => {
        $(fn $f(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
            cxr(rt, $name, $path, a[0])
        })*
    };
}

cxr_fns! {
    caar = "caar" / b"aa", cadr = "cadr" / b"ad", cdar = "cdar" / b"da", cddr = "cddr" / b"dd",
    caddr = "caddr" / b"add", cdddr = "cdddr" / b"ddd", caadr = "caadr" / b"aad",
    cddar = "cddar" / b"dda", cadar = "cadar" / b"ada", cdadr = "cdadr" / b"dad",
    caaar = "caaar" / b"aaa", cdaar = "cdaar" / b"daa", cadddr = "cadddr" / b"addd",
    cddddr = "cddddr" / b"dddd",
}

/// Integers from `start` below `end` by `step`.
fn counting(rt: &mut Runtime, who: &str, start: i64, n: usize, step: i64) -> Result<Value> {
    super::check_len(rt, who, n)?;
    let mut out = Value::Nil;
    for i in (0..n as i64).rev() {
        let v = i
            .checked_mul(step)
            .and_then(|x| x.checked_add(start))
            .ok_or_else(|| crate::builtins::numbers::overflow(who))?;
        out = Value::cons(rt, Value::Int(v), out);
    }
    Ok(out)
}

/// `(iota count [start [step]])`.
fn iota(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let n = count(rt, "iota", a[0])?;
    let start = a.get(1).map_or(Ok(0), |&v| super::int(rt, "iota", v))?;
    let step = a.get(2).map_or(Ok(1), |&v| super::int(rt, "iota", v))?;
    counting(rt, "iota", start, n, step)
}

/// `(range end)`, `(range start end [step])`: integers from start below end.
fn range(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let nums = a
        .iter()
        .map(|&v| super::int(rt, "range", v))
        .collect::<Result<Vec<_>>>()?;
    let (start, end, step) = match nums[..] {
        [e] => (0, e, 1),
        [s, e] => (s, e, 1),
        [s, e, st] => (s, e, st),
        _ => (0, 0, 1),
    };
    if step == 0 {
        return Err(Error::new(ErrorKind::Range, "range: step must not be zero"));
    }
    let span = (end as i128 - start as i128) / step as i128;
    let rem = (end as i128 - start as i128) % step as i128;
    let n = (span + i128::from(rem != 0)).max(0);
    let n = usize::try_from(n).map_err(|_| Error::new(ErrorKind::Limit, "range: too long"))?;
    counting(rt, "range", start, n, step)
}
