//! Vectors.

use alloc::vec;
use alloc::vec::Vec;

use super::{count, expected, range_args, reserve_seq, Def};
use crate::value::PAIR_BYTES;

/// Bytes one vector slot takes.
const VALUE_BYTES: usize = core::mem::size_of::<Value>();
use crate::error::{Error, ErrorKind, Result};
use crate::heap::Gc;
use crate::runtime::Runtime;
use crate::value::{Value, Vector};

pub const DEFS: &[Def] = &[
    Def("vector", 0, None, vector),
    Def("make-vector", 1, Some(2), make_vector),
    Def("vector-ref", 2, Some(2), vector_ref),
    Def("vector-set!", 3, Some(3), vector_set),
    Def("vector-length", 1, Some(1), vector_length),
    Def("vector->list", 1, Some(3), vector_to_list),
    Def("list->vector", 1, Some(1), list_to_vector),
    Def("vector-fill!", 2, Some(2), vector_fill),
    Def("vector-copy", 1, Some(3), vector_copy),
    Def("vector-append", 0, None, vector_append),
];

/// Wraps `items` in a fresh vector.
pub fn new_vector(rt: &mut Runtime, items: Vec<Value>) -> Value {
    Value::Vector(rt.heap.alloc(Vector::new(items)))
}

fn vec_of(rt: &Runtime, who: &str, v: Value) -> Result<Gc<Vector>> {
    match v {
        Value::Vector(x) => Ok(x),
        _ => Err(expected(rt, who, "a vector", v)),
    }
}

fn vector(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(new_vector(rt, a.to_vec()))
}

fn make_vector(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let n = count(rt, "make-vector", a[0])?;
    reserve_seq(rt, "make-vector", n, VALUE_BYTES)?;
    let fill = a.get(1).copied().unwrap_or(Value::Nil);
    Ok(new_vector(rt, vec![fill; n]))
}

fn vector_ref(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    crate::vm::vector_ref(rt, "vector-ref", a[0], a[1])
}

fn vector_set(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    crate::vm::vector_set(rt, "vector-set!", a[0], a[1], a[2])?;
    Ok(Value::Nil)
}

fn vector_length(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(Value::Int(
        vec_of(rt, "vector-length", a[0])?.0.borrow().len() as i64,
    ))
}

fn vector_to_list(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let items = vec_of(rt, "vector->list", a[0])?.0.borrow().clone();
    let (s, e) = range_args(rt, "vector->list", a, items.len())?;
    reserve_seq(rt, "vector->list", e - s, PAIR_BYTES)?;
    Ok(Value::list(rt, &items[s..e]))
}

fn list_to_vector(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let items = super::lists::items(rt, "list->vector", a[0])?;
    reserve_seq(rt, "list->vector", items.len(), VALUE_BYTES)?;
    Ok(new_vector(rt, items))
}

fn vector_fill(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let v = vec_of(rt, "vector-fill!", a[0])?;
    if v.is_frozen() {
        return Err(Error::new(
            ErrorKind::Type,
            "vector-fill!: cannot change a literal constant",
        ));
    }
    for x in v.0.borrow_mut().iter_mut() {
        *x = a[1];
    }
    Ok(Value::Nil)
}

fn vector_copy(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let items = vec_of(rt, "vector-copy", a[0])?.0.borrow().clone();
    let (s, e) = range_args(rt, "vector-copy", a, items.len())?;
    reserve_seq(rt, "vector-copy", e - s, VALUE_BYTES)?;
    Ok(new_vector(rt, items[s..e].to_vec()))
}

fn vector_append(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let mut total = 0usize;
    for &v in a {
        total = total.saturating_add(vec_of(rt, "vector-append", v)?.0.borrow().len());
    }
    reserve_seq(rt, "vector-append", total, VALUE_BYTES)?;
    let mut all = Vec::with_capacity(total);
    for &v in a {
        all.extend(vec_of(rt, "vector-append", v)?.0.borrow().iter().copied());
    }
    Ok(new_vector(rt, all))
}
