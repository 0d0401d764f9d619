//! Tables `@{k v ...}` (mutable) and structs `{k v ...}` (immutable), both
//! insertion-ordered.

use alloc::vec::Vec;
use core::cell::RefCell;

use super::{expected, Def};
use crate::error::{Error, ErrorKind, Result};
use crate::runtime::Runtime;
use crate::value::{OrderedMap, Struct, Table, Value};

pub const DEFS: &[Def] = &[
    Def("struct", 0, None, make_struct),
    Def("table", 0, None, make_table),
    Def("get", 2, Some(3), get),
    Def("put", 3, Some(3), put),
    Def("del", 2, Some(2), del),
    Def("has-key?", 2, Some(2), has_key),
    Def("keys", 1, Some(1), keys),
    Def("table-keys", 1, Some(1), keys),
    Def("struct-keys", 1, Some(1), keys),
    Def("table-values", 1, Some(1), values),
    Def("struct-values", 1, Some(1), values),
];

/// Bytes accounted per table or struct entry (key, value, index slot).
pub const ENTRY_BYTES: usize = 40;

/// A map of the alternating keys and values in `a`.
fn map_of(a: &[Value]) -> Result<OrderedMap> {
    if !a.len().is_multiple_of(2) {
        return Err(Error::new(
            ErrorKind::Arity,
            "a struct or table needs an even number of arguments",
        ));
    }
    let mut m = OrderedMap::new();
    for kv in a.chunks(2) {
        m.insert(kv[0], kv[1]);
    }
    Ok(m)
}

fn make_struct(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let m = map_of(a)?;
    Ok(Value::Struct(rt.heap.alloc(Struct(m))))
}

fn make_table(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let m = map_of(a)?;
    Ok(Value::Table(rt.heap.alloc(Table(RefCell::new(m)))))
}

/// `(get coll key [default])`: tables, structs, and vectors/lists by index.
fn get(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let default = a.get(2).copied().unwrap_or(Value::Nil);
    let found = match a[0] {
        Value::Table(t) => t.0.borrow().get(a[1]),
        Value::Struct(s) => s.0.get(a[1]),
        Value::Vector(v) => match a[1] {
            Value::Int(i) if i >= 0 => v.0.borrow().get(i as usize).copied(),
            _ => None,
        },
        v => return Err(expected(rt, "get", "a table, struct or vector", v)),
    };
    Ok(found.unwrap_or(default))
}

fn put(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    match a[0] {
        Value::Table(t) => {
            if t.is_frozen() {
                return Err(Error::new(
                    ErrorKind::Type,
                    "put: cannot change a literal constant",
                ));
            }
            let before = t.0.borrow().len();
            t.0.borrow_mut().insert(a[1], a[2]);
            if t.0.borrow().len() > before {
                rt.heap.account_growth(t, ENTRY_BYTES);
            }
            Ok(a[0])
        }
        Value::Vector(_) => {
            crate::vm::vector_set(rt, "put", a[0], a[1], a[2])?;
            Ok(a[0])
        }
        v => Err(expected(
            rt,
            "put",
            "a table or vector (structs are immutable)",
            v,
        )),
    }
}

fn del(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    match a[0] {
        Value::Table(t) => {
            if t.is_frozen() {
                return Err(Error::new(
                    ErrorKind::Type,
                    "del: cannot change a literal constant",
                ));
            }
            t.0.borrow_mut().remove(a[1]);
            Ok(a[0])
        }
        v => Err(expected(rt, "del", "a table (structs are immutable)", v)),
    }
}

fn entries(rt: &Runtime, who: &str, v: Value) -> Result<Vec<(Value, Value)>> {
    match v {
        Value::Table(t) => Ok(t.0.borrow().entries().to_vec()),
        Value::Struct(s) => Ok(s.0.entries().to_vec()),
        _ => Err(expected(rt, who, "a table or struct", v)),
    }
}

fn has_key(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(Value::Bool(match a[0] {
        Value::Table(t) => t.0.borrow().get(a[1]).is_some(),
        Value::Struct(s) => s.0.get(a[1]).is_some(),
        v => return Err(expected(rt, "has-key?", "a table or struct", v)),
    }))
}

fn keys(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let ks: Vec<Value> = entries(rt, "keys", a[0])?.iter().map(|e| e.0).collect();
    Ok(Value::list(rt, &ks))
}

/// `(table-values coll)`, `(struct-values coll)`: the values of a table or
/// struct, in insertion order.
fn values(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let vs: Vec<Value> = entries(rt, "table-values", a[0])?
        .iter()
        .map(|e| e.1)
        .collect();
    Ok(Value::list(rt, &vs))
}
