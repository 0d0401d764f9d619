//! Equality and type predicates.

use super::Def;
use crate::error::Result;
use crate::runtime::Runtime;
use crate::value::Value;

pub const DEFS: &[Def] = &[
    Def("eq?", 2, Some(2), is_eq),
    Def("eqv?", 2, Some(2), is_eqv),
    Def("equal?", 2, Some(2), is_equal),
    Def("not", 1, Some(1), not),
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

/// How deep `equal?` follows nested cars before giving up (answering
/// false), so a cyclic structure cannot hang or overflow it.
const MAX_EQUAL_DEPTH: usize = 10_000;

/// `equal?`: structural equality of lists, vectors, strings, tables and
/// structs; numbers by `eqv?`.
pub fn equal(a: Value, b: Value) -> bool {
    let mut budget = 10_000_000usize;
    equal_at(a, b, 0, &mut budget)
}

fn equal_at(a: Value, b: Value, depth: usize, budget: &mut usize) -> bool {
    if depth > MAX_EQUAL_DEPTH {
        return false;
    }
    let (mut a, mut b) = (a, b);
    loop {
        if *budget == 0 {
            return false;
        }
        *budget -= 1;
        if a.eqv(b) {
            return true;
        }
        match (a, b) {
            (Value::Pair(x), Value::Pair(y)) => {
                if !equal_at(x.car.get(), y.car.get(), depth + 1, budget) {
                    return false;
                }
                a = x.cdr.get();
                b = y.cdr.get();
            }
            (Value::Str(x), Value::Str(y)) => return *x.borrow() == *y.borrow(),
            (Value::Vector(x), Value::Vector(y)) => {
                let (x, y) = (x.0.borrow().clone(), y.0.borrow().clone());
                return x.len() == y.len()
                    && x.iter()
                        .zip(&y)
                        .all(|(&p, &q)| equal_at(p, q, depth + 1, budget));
            }
            (Value::Struct(x), Value::Struct(y)) => {
                return maps_equal(x.0.entries(), y.0.entries(), depth, budget)
            }
            (Value::Table(x), Value::Table(y)) => {
                let (x, y) = (
                    x.0.borrow().entries().to_vec(),
                    y.0.borrow().entries().to_vec(),
                );
                return maps_equal(&x, &y, depth, budget);
            }
            _ => return false,
        }
    }
}

fn maps_equal(
    x: &[(Value, Value)],
    y: &[(Value, Value)],
    depth: usize,
    budget: &mut usize,
) -> bool {
    x.len() == y.len()
        && x.iter().all(|&(k, v)| {
            y.iter()
                .find(|&&(k2, _)| crate::value::key_eq(k, k2))
                .is_some_and(|&(_, v2)| equal_at(v, v2, depth + 1, budget))
        })
}

fn is_eq(_: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(Value::Bool(a[0].identical(a[1])))
}
fn is_eqv(_: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(Value::Bool(a[0].eqv(a[1])))
}
fn is_equal(_: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(Value::Bool(equal(a[0], a[1])))
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
