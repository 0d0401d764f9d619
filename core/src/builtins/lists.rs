//! Pairs and lists.

use alloc::format;
use alloc::vec::Vec;

use super::{count, expected, Def};
use crate::builtins::predicates::equal_counting;
use crate::error::{Error, ErrorKind, Result};
use crate::heap::Gc;
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
    Def("%proper-list", 2, Some(2), check_proper_list),
    Def("%finite-lists", 2, Some(2), check_finite_lists),
    Def("range", 1, Some(3), range),
];

/// The pairs of a list, in order. Each step spends a unit of fuel, and a
/// cycle is an error once the walk has gone round it (Floyd's tortoise
/// moves one pair for every two of the walk), so no walk is unbounded.
pub struct Pairs<'a> {
    who: &'a str,
    cur: Value,
    slow: Value,
    steps: usize,
}

impl<'a> Pairs<'a> {
    /// A walk over `list` on behalf of builtin `who`.
    pub fn new(who: &'a str, list: Value) -> Self {
        Pairs {
            who,
            cur: list,
            slow: list,
            steps: 0,
        }
    }

    /// The next pair, or `None` at the list's end (see `rest`).
    pub fn next(&mut self, rt: &mut Runtime) -> Result<Option<Gc<Pair>>> {
        let Value::Pair(p) = self.cur else {
            return Ok(None);
        };
        rt.spend(1)?;
        self.cur = p.cdr.get();
        self.steps += 1;
        if self.steps.is_multiple_of(2) {
            if let Value::Pair(s) = self.slow {
                self.slow = s.cdr.get();
            }
            if matches!(self.cur, Value::Pair(_)) && self.cur.identical(self.slow) {
                return Err(Error::new(
                    ErrorKind::Type,
                    format!("{}: expected a proper list, got a cyclic list", self.who),
                ));
            }
        }
        Ok(Some(p))
    }

    /// What follows the last pair walked: nil for a proper list.
    pub fn rest(&self) -> Value {
        self.cur
    }
}

/// The length of proper list `v`; a type error for an improper or cyclic
/// one.
pub fn proper_length(rt: &mut Runtime, who: &str, v: Value) -> Result<usize> {
    let mut walk = Pairs::new(who, v);
    let mut n = 0;
    while walk.next(rt)?.is_some() {
        n += 1;
    }
    match walk.rest() {
        Value::Nil => Ok(n),
        _ => Err(expected(rt, who, "a proper list", v)),
    }
}

/// The items of proper list `v`; a type error for an improper or cyclic one.
pub fn items(rt: &mut Runtime, who: &str, v: Value) -> Result<Vec<Value>> {
    let n = proper_length(rt, who, v)?;
    rt.reserve(n * core::mem::size_of::<Value>())?;
    let mut out = Vec::with_capacity(n);
    let mut cur = v;
    while let Value::Pair(p) = cur {
        out.push(p.car.get());
        cur = p.cdr.get();
    }
    Ok(out)
}

/// `(%proper-list who l)`: `l`, or a type error naming `who` unless it is a
/// proper list (the prelude's list walkers call it first, so they never
/// loop on a cycle).
fn check_proper_list(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let who = super::symbol(rt, "%proper-list", a[0])?;
    let who = alloc::string::String::from(rt.sym_name(who));
    proper_length(rt, &who, a[1])?;
    Ok(a[1])
}

/// `(%finite-lists who ls)`: `ls`, or a type error naming `who` when every
/// list in `ls` is cyclic (a walk over them in step would never end).
fn check_finite_lists(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let who = super::symbol(rt, "%finite-lists", a[0])?;
    let who = alloc::string::String::from(rt.sym_name(who));
    let mut lists = Pairs::new(&who, a[1]);
    let mut cyclic = None;
    while let Some(l) = lists.next(rt)? {
        let mut walk = Pairs::new(&who, l.car.get());
        loop {
            match walk.next(rt) {
                Ok(Some(_)) => {}
                Ok(None) => return Ok(a[1]),
                Err(e) if e.kind() == ErrorKind::Limit => return Err(e),
                Err(e) => {
                    cyclic = Some(e);
                    break;
                }
            }
        }
    }
    match cyclic {
        Some(e) => Err(e),
        None => Ok(a[1]),
    }
}

/// Fails unless a list of `n` new pairs fits within the host's heap limit.
pub fn reserve_pairs(rt: &mut Runtime, n: usize) -> Result<()> {
    rt.reserve(n.saturating_mul(crate::value::PAIR_BYTES))
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
        v => Ok(Value::Int(proper_length(rt, "length", v)? as i64)),
    }
}

fn append(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let (last, init) = match a.split_last() {
        Some(x) => x,
        None => return Ok(Value::Nil),
    };
    let mut n = 0usize;
    for &l in init {
        n = n.saturating_add(proper_length(rt, "append", l)?);
    }
    reserve_pairs(rt, n)?;
    let mut all = Vec::with_capacity(n);
    for &l in init {
        all.extend(items(rt, "append", l)?);
    }
    Ok(Value::list_with_tail(rt, &all, *last))
}

fn reverse(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let all = items(rt, "reverse", a[0])?;
    reserve_pairs(rt, all.len())?;
    let mut out = Value::Nil;
    for v in all {
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
fn tail(rt: &mut Runtime, who: &str, l: Value, k: usize) -> Result<Value> {
    let mut walk = Pairs::new(who, l);
    for i in 0..k {
        match walk.next(rt)? {
            Some(_) => {}
            None if matches!(walk.rest(), Value::Nil) => {
                return Err(Error::new(
                    ErrorKind::Range,
                    format!(
                        "{}: index {} out of range for a list of length {}",
                        who, k, i
                    ),
                ))
            }
            None => return Err(expected(rt, who, "a list", l)),
        }
    }
    Ok(walk.rest())
}

fn element(rt: &mut Runtime, who: &str, l: Value, k: Value) -> Result<Value> {
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
    let rest = all.get(k.min(all.len())..).unwrap_or(&[]);
    reserve_pairs(rt, rest.len())?;
    Ok(Value::list(rt, rest))
}

/// `(take k list)`: the first k items (fewer if shorter).
fn take(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let k = count(rt, "take", a[0])?;
    let all = items(rt, "take", a[1])?;
    let first = all.get(..k.min(all.len())).unwrap_or(&[]);
    reserve_pairs(rt, first.len())?;
    Ok(Value::list(rt, first))
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
            reserve_pairs(rt, all.len())?;
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
    let mut walk = Pairs::new("list?", a[0]);
    loop {
        match walk.next(rt) {
            Ok(Some(_)) => {}
            Ok(None) => return Ok(Value::Bool(matches!(walk.rest(), Value::Nil))),
            Err(e) if e.kind() == ErrorKind::Limit => return Err(e),
            Err(_) => return Ok(Value::Bool(false)),
        }
    }
}

/// The first tail of `l` whose car matches `x`, or `#f`.
fn mem(
    rt: &mut Runtime,
    who: &str,
    x: Value,
    l: Value,
    same: fn(Value, Value, &mut u64) -> bool,
) -> Result<Value> {
    let mut walk = Pairs::new(who, l);
    while let Some(p) = walk.next(rt)? {
        let mut work = 0;
        let found = same(x, p.car.get(), &mut work);
        rt.spend(work)?;
        if found {
            return Ok(Value::Pair(p));
        }
    }
    match walk.rest() {
        Value::Nil => Ok(Value::Bool(false)),
        _ => Err(expected(rt, who, "a list", l)),
    }
}

/// The first pair in association list `l` whose car matches `x`, or `#f`.
fn ass(
    rt: &mut Runtime,
    who: &str,
    x: Value,
    l: Value,
    same: fn(Value, Value, &mut u64) -> bool,
) -> Result<Value> {
    let mut walk = Pairs::new(who, l);
    while let Some(p) = walk.next(rt)? {
        match p.car.get() {
            entry @ Value::Pair(e) => {
                let mut work = 0;
                let found = same(x, e.car.get(), &mut work);
                rt.spend(work)?;
                if found {
                    return Ok(entry);
                }
            }
            other => return Err(expected(rt, who, "an association list", other)),
        }
    }
    Ok(Value::Bool(false))
}

fn memq(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    mem(rt, "memq", a[0], a[1], |x, y, _| x.identical(y))
}
fn memv(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    mem(rt, "memv", a[0], a[1], |x, y, _| x.eqv(y))
}
fn member(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    mem(rt, "member", a[0], a[1], equal_counting)
}
fn assq(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    ass(rt, "assq", a[0], a[1], |x, y, _| x.identical(y))
}
fn assv(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    ass(rt, "assv", a[0], a[1], |x, y, _| x.eqv(y))
}
fn assoc(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    ass(rt, "assoc", a[0], a[1], equal_counting)
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
    reserve_pairs(rt, n)?;
    rt.spend(n as u64)?;
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
