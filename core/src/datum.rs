//! Datums: the reader's output and the expander's input and output.
//!
//! A datum is plain Rust data with a source span; it holds no heap pointers
//! except `Value`s the expander splices in, which the runtime pins until the
//! top-level form that holds them has run.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

use crate::error::Span;
use crate::symbol::Sym;
use crate::value::Value;

/// A datum with the span of its first character.
#[derive(Clone, Debug)]
pub struct Datum {
    pub kind: DatumKind,
    pub span: Span,
}

/// The shapes of a datum.
#[derive(Clone, Debug)]
pub enum DatumKind {
    Nil,
    Bool(bool),
    Int(i64),
    Float(f64),
    Char(char),
    Str(String),
    Symbol(Sym),
    Keyword(Sym),
    /// A proper, non-empty list `(a b c)`.
    List(Vec<Datum>),
    /// An improper list `(a b . c)`: at least one item and a non-list tail.
    Dotted(Vec<Datum>, Box<Datum>),
    /// `[a b]`: evaluating it evaluates the items into a fresh vector.
    Vector(Vec<Datum>),
    /// `#(a b)`: Scheme's self-evaluating vector constant.
    LiteralVector(Vec<Datum>),
    /// `{k v ...}`.
    Struct(Vec<Datum>),
    /// `@{k v ...}`.
    Table(Vec<Datum>),
    /// A runtime value the expander placed in code (a macro's result that
    /// has no textual form, or a builtin the expansion calls directly).
    Value(Value),
}

impl Datum {
    pub fn new(kind: DatumKind, span: Span) -> Self {
        Datum { kind, span }
    }

    /// The symbol this datum is, if it is one.
    pub fn as_symbol(&self) -> Option<Sym> {
        match self.kind {
            DatumKind::Symbol(s) => Some(s),
            _ => None,
        }
    }

    /// The items of a proper list (`nil` is the empty list).
    pub fn as_list(&self) -> Option<&[Datum]> {
        match &self.kind {
            DatumKind::List(items) => Some(items),
            DatumKind::Nil => Some(&[]),
            _ => None,
        }
    }

    /// A symbol datum at `span`.
    pub fn sym(s: Sym, span: Span) -> Self {
        Datum::new(DatumKind::Symbol(s), span)
    }

    /// A proper list datum at `span` (`nil` when empty).
    pub fn list(items: Vec<Datum>, span: Span) -> Self {
        if items.is_empty() {
            Datum::new(DatumKind::Nil, span)
        } else {
            Datum::new(DatumKind::List(items), span)
        }
    }

    /// True when this is a list whose head is the symbol `s`.
    pub fn is_form(&self, s: Sym) -> bool {
        matches!(&self.kind, DatumKind::List(items) if items[0].as_symbol() == Some(s))
    }
}

use crate::error::{Error, ErrorKind, Result};
use crate::runtime::Runtime;
use crate::value::{OrderedMap, Str, Struct, Table, Vector};

/// The value a quoted datum denotes. With `constant`, the heap objects it
/// builds are frozen literals that programs may not mutate.
pub fn to_value(rt: &mut Runtime, d: &Datum, constant: bool) -> Value {
    let v = match &d.kind {
        DatumKind::Nil => return Value::Nil,
        DatumKind::Bool(b) => return Value::Bool(*b),
        DatumKind::Int(i) => return Value::Int(*i),
        DatumKind::Float(f) => return Value::Float(*f),
        DatumKind::Char(c) => return Value::Char(*c),
        DatumKind::Symbol(s) => return Value::Symbol(*s),
        DatumKind::Keyword(s) => return Value::Keyword(*s),
        DatumKind::Value(v) => return *v,
        DatumKind::Str(s) => Value::Str(rt.heap.alloc(Str::new(s.clone()))),
        DatumKind::List(items) => {
            let items: Vec<Value> = items.iter().map(|i| to_value(rt, i, constant)).collect();
            Value::list(rt, &items)
        }
        DatumKind::Dotted(items, tail) => {
            let items: Vec<Value> = items.iter().map(|i| to_value(rt, i, constant)).collect();
            let tail = to_value(rt, tail, constant);
            Value::list_with_tail(rt, &items, tail)
        }
        DatumKind::Vector(items) | DatumKind::LiteralVector(items) => {
            let items: Vec<Value> = items.iter().map(|i| to_value(rt, i, constant)).collect();
            Value::Vector(rt.heap.alloc(Vector::new(items)))
        }
        DatumKind::Struct(items) | DatumKind::Table(items) => {
            let mut map = OrderedMap::new();
            for kv in items.chunks(2) {
                let k = to_value(rt, &kv[0], constant);
                let v = to_value(rt, &kv[1], constant);
                map.insert(k, v);
            }
            if matches!(d.kind, DatumKind::Struct(_)) {
                Value::Struct(rt.heap.alloc(Struct(map)))
            } else {
                Value::Table(rt.heap.alloc(Table(core::cell::RefCell::new(map))))
            }
        }
    };
    if constant {
        freeze_spine(v);
    }
    v
}

/// Marks a freshly built constant (and its list spine) as a literal.
fn freeze_spine(v: Value) {
    match v {
        Value::Pair(_) => {
            let mut cur = v;
            while let Value::Pair(p) = cur {
                p.freeze();
                cur = p.cdr.get();
            }
        }
        Value::Str(s) => s.freeze(),
        Value::Vector(x) => x.freeze(),
        Value::Table(t) => t.freeze(),
        _ => {}
    }
}

/// Most datum nodes one macro call may produce. A macro's result is a
/// value, which may share structure; its datum is a tree, which copies
/// every shared part, so a result of n pairs can denote a tree of 2^n
/// nodes. Real expansions are far smaller.
pub const MAX_EXPANSION_NODES: usize = 1 << 18;

/// The datum a macro's result denotes, positioned at `span`. Values with no
/// textual form are carried as `DatumKind::Value` and pinned. Each node
/// spends a unit of fuel and is counted against the heap limit and
/// `MAX_EXPANSION_NODES`.
pub fn from_value(rt: &mut Runtime, v: Value, span: Span) -> Result<Datum> {
    let mut left = MAX_EXPANSION_NODES;
    datum_of(rt, v, span, 0, &mut left)
}

/// `from_value` at nesting `depth`, with `left` nodes still allowed.
fn datum_of(
    rt: &mut Runtime,
    v: Value,
    span: Span,
    depth: usize,
    left: &mut usize,
) -> Result<Datum> {
    if depth >= rt.limits.max_nesting {
        return Err(Error::new(ErrorKind::Limit, "macro expansion is nested too deeply").at(span));
    }
    *left = left.checked_sub(1).ok_or_else(|| {
        Error::new(
            ErrorKind::Limit,
            alloc::format!(
                "macro expansion produced more than {} nodes",
                MAX_EXPANSION_NODES
            ),
        )
        .at(span)
    })?;
    rt.spend(1)?;
    // The tree built so far is outside the heap: count all of it.
    rt.reserve((MAX_EXPANSION_NODES - *left) * core::mem::size_of::<Datum>())?;
    let kind = match v {
        Value::Nil => DatumKind::Nil,
        Value::Bool(b) => DatumKind::Bool(b),
        Value::Int(i) => DatumKind::Int(i),
        Value::Float(f) => DatumKind::Float(f),
        Value::Char(c) => DatumKind::Char(c),
        Value::Symbol(s) => DatumKind::Symbol(s),
        Value::Keyword(s) => DatumKind::Keyword(s),
        Value::Str(s) => DatumKind::Str(s.borrow().clone()),
        Value::Pair(_) => {
            // A cyclic spine ends when the node budget does.
            let mut items = Vec::new();
            let mut cur = v;
            while let Value::Pair(p) = cur {
                items.push(datum_of(rt, p.car.get(), span, depth + 1, left)?);
                cur = p.cdr.get();
            }
            match cur {
                Value::Nil => DatumKind::List(items),
                tail => {
                    DatumKind::Dotted(items, Box::new(datum_of(rt, tail, span, depth + 1, left)?))
                }
            }
        }
        Value::Vector(x) => {
            let vals = x.0.borrow().clone();
            let items = vals
                .into_iter()
                .map(|i| datum_of(rt, i, span, depth + 1, left))
                .collect::<Result<Vec<_>>>()?;
            DatumKind::Vector(items)
        }
        _ => {
            rt.pinned.push(v);
            DatumKind::Value(v)
        }
    };
    Ok(Datum::new(kind, span))
}
