//! Equality and type predicates.

use super::Def;
use crate::error::Result;
use crate::runtime::Runtime;
use crate::value::{OrderedMap, Value};

pub const DEFS: &[Def] = &[
    Def("eq?", 2, Some(2), is_eq),
    Def("eqv?", 2, Some(2), is_eqv),
    Def("equal?", 2, Some(2), is_equal),
    Def("not", 1, Some(1), not),
    Def("xor", 0, None, xor),
    Def("boolean?", 1, Some(1), is_boolean),
    Def("symbol?", 1, Some(1), is_symbol),
    Def("keyword?", 1, Some(1), is_keyword),
    Def("string?", 1, Some(1), is_string),
    Def("char?", 1, Some(1), is_char),
    Def("vector?", 1, Some(1), is_vector),
    Def("procedure?", 1, Some(1), is_procedure),
    Def("table?", 1, Some(1), is_table),
    Def("struct?", 1, Some(1), is_struct),
];

/// Steps after which `equal?` starts remembering the container pairs it has
/// compared, so cyclic structures terminate.
const CYCLE_WATCH_AFTER: usize = 100_000;

/// `equal?`: structural equality of lists, vectors, strings, tables and
/// structs; numbers and everything else by `eqv?`.
///
/// Iterative (a work list, not recursion), so deep structures cannot
/// overflow the Rust stack. Past `CYCLE_WATCH_AFTER` steps a pair of
/// containers met again is taken as equal — the comparison of cyclic
/// structures by bisimulation — so every comparison terminates.
pub fn equal(a: Value, b: Value) -> bool {
    equal_counting(a, b, &mut 0)
}

/// `equal`, adding the work it did to `work` (a unit per pair of values
/// compared and per 16 bytes of strings), for the fuel the caller spends.
pub fn equal_counting(a: Value, b: Value, work_done: &mut u64) -> bool {
    let mut work = alloc::vec![(a, b)];
    let mut steps = 0usize;
    let mut seen: hashbrown::HashSet<(usize, usize)> = hashbrown::HashSet::new();
    while let Some((a, b)) = work.pop() {
        if a.eqv(b) {
            continue;
        }
        steps += 1;
        *work_done += 1;
        if steps > CYCLE_WATCH_AFTER {
            let ids = (a.header_ptr(), b.header_ptr());
            if let (Some(x), Some(y)) = ids {
                if !seen.insert((x.as_ptr() as usize, y.as_ptr() as usize)) {
                    continue;
                }
            }
        }
        match (a, b) {
            (Value::Pair(x), Value::Pair(y)) => {
                work.push((x.cdr.get(), y.cdr.get()));
                work.push((x.car.get(), y.car.get()));
            }
            (Value::Str(x), Value::Str(y)) => {
                *work_done += (x.borrow().len() / 16) as u64;
                if *x.borrow() != *y.borrow() {
                    return false;
                }
            }
            (Value::Vector(x), Value::Vector(y)) => {
                let (x, y) = (x.0.borrow(), y.0.borrow());
                if x.len() != y.len() {
                    return false;
                }
                work.extend(x.iter().copied().zip(y.iter().copied()).rev());
            }
            (Value::Struct(x), Value::Struct(y)) => {
                if !push_entries(&mut work, x.0.entries(), &y.0) {
                    return false;
                }
            }
            (Value::Table(x), Value::Table(y)) => {
                let (x, y) = (x.0.borrow(), y.0.borrow());
                if !push_entries(&mut work, x.entries(), &y) {
                    return false;
                }
            }
            _ => return false,
        }
    }
    true
}

/// Queues the values of `x`'s entries against `y`'s values for the same
/// keys; false when the key sets differ.
fn push_entries(
    work: &mut alloc::vec::Vec<(Value, Value)>,
    x: &[(Value, Value)],
    y: &OrderedMap,
) -> bool {
    if x.len() != y.len() {
        return false;
    }
    for &(k, v) in x {
        match y.get(k) {
            Some(w) => work.push((v, w)),
            None => return false,
        }
    }
    true
}

fn is_eq(_: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(Value::Bool(a[0].identical(a[1])))
}
fn is_eqv(_: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(Value::Bool(a[0].eqv(a[1])))
}
fn is_equal(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let mut work = 0;
    let same = equal_counting(a[0], a[1], &mut work);
    rt.spend(work)?;
    Ok(Value::Bool(same))
}
/// `(xor a ...)`: true when an odd number of arguments are true.
fn xor(_: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(Value::Bool(
        a.iter().filter(|v| v.truthy()).count() % 2 == 1,
    ))
}

fn not(_: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(Value::Bool(!a[0].truthy()))
}

macro_rules! type_predicates {
    ($($f:ident => $pat:pat),* $(,)?) => {
        $(fn $f(_: &mut Runtime, a: &[Value]) -> Result<Value> {
            Ok(Value::Bool(matches!(a[0], $pat)))
        })*
    };
}

type_predicates! {
    is_boolean => Value::Bool(_),
    is_symbol => Value::Symbol(_),
    is_keyword => Value::Keyword(_),
    is_string => Value::Str(_),
    is_char => Value::Char(_),
    is_vector => Value::Vector(_),
    is_procedure => Value::Closure(_) | Value::Native(_),
    is_table => Value::Table(_),
    is_struct => Value::Struct(_),
}
