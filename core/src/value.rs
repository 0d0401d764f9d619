//! Values and the heap object kinds they point to.
//!
//! `Value` is a 16-byte `Copy` tagged union: the tag word at offset 0, the
//! payload at offset 8 (`repr(u64)`). A whole-word tag keeps every payload
//! at offset 8, so copies are two plain word moves (a byte tag lets the
//! compiler split copies into partial stores that stall later loads). Immediates carry their payload
//! inline; every other kind is a `Gc` pointer to a heap object.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::{Cell, RefCell};
use core::hash::{Hash, Hasher};
use core::ptr::NonNull;

use crate::bytecode::Proto;
use crate::error::Result;
use crate::heap::{Gc, Header, HeapObject, ObjKind, Tracer};
use crate::runtime::Runtime;
use crate::symbol::Sym;

/// A Lisp value.
#[derive(Clone, Copy)]
#[repr(u64)]
pub enum Value {
    /// The empty list, also written `nil`.
    Nil = tag::NIL,
    Bool(bool) = tag::BOOL,
    Int(i64) = tag::INT,
    Float(f64) = tag::FLOAT,
    Char(char) = tag::CHAR,
    Symbol(Sym) = tag::SYMBOL,
    Keyword(Sym) = tag::KEYWORD,
    /// The contents of a global slot that was never defined. Never escapes
    /// to a program: reading it raises an `unbound` error.
    Undef = tag::UNDEF,
    Pair(Gc<Pair>) = tag::PAIR,
    Str(Gc<Str>) = tag::STR,
    Vector(Gc<Vector>) = tag::VECTOR,
    Table(Gc<Table>) = tag::TABLE,
    Struct(Gc<Struct>) = tag::STRUCT,
    Closure(Gc<Closure>) = tag::CLOSURE,
    Native(Gc<Native>) = tag::NATIVE,
    /// A mutable cell holding a captured, assigned variable. Only the
    /// compiler's code sees boxes; programs see their contents.
    VarBox(Gc<VarBox>) = tag::VARBOX,
    /// A condition: an error as a value (what `try`'s `catch` receives for
    /// a runtime error, what `error` raises).
    Exception(Gc<Exception>) = tag::EXCEPTION,
    /// Zero or several values returned together (`values`); one value is
    /// never wrapped.
    Values(Gc<MultipleValues>) = tag::VALUES,
}

/// The tag word of each `Value` kind (offset 0). Native code tests these;
/// the payload word at offset 8 is an `i64`, an `f64`'s bits, a `bool` in
/// its low byte, a `char` or symbol number in its low 32 bits, or a pointer
/// to the object's `GcBox`.
pub mod tag {
    pub const NIL: u64 = 0;
    pub const BOOL: u64 = 1;
    pub const INT: u64 = 2;
    pub const FLOAT: u64 = 3;
    pub const CHAR: u64 = 4;
    pub const SYMBOL: u64 = 5;
    pub const KEYWORD: u64 = 6;
    pub const UNDEF: u64 = 7;
    pub const PAIR: u64 = 8;
    pub const STR: u64 = 9;
    pub const VECTOR: u64 = 10;
    pub const TABLE: u64 = 11;
    pub const STRUCT: u64 = 12;
    pub const CLOSURE: u64 = 13;
    pub const NATIVE: u64 = 14;
    pub const VARBOX: u64 = 15;
    pub const EXCEPTION: u64 = 16;
    pub const VALUES: u64 = 17;
}

impl Value {
    /// The tag word (see `tag`).
    #[inline]
    pub fn tag(self) -> u64 {
        // SAFETY: `Value` is `repr(u64)`, so it starts with its
        // discriminant as a `u64` (the primitive representation).
        unsafe { *(&self as *const Value as *const u64) }
    }

    /// False for `#f` and `nil`, true for everything else.
    #[inline]
    pub fn truthy(self) -> bool {
        !matches!(self, Value::Nil | Value::Bool(false))
    }

    /// The header of the heap object this value points to, if any.
    pub(crate) fn header_ptr(self) -> Option<NonNull<Header>> {
        match self {
            Value::Pair(g) => Some(g.header_ptr()),
            Value::Str(g) => Some(g.header_ptr()),
            Value::Vector(g) => Some(g.header_ptr()),
            Value::Table(g) => Some(g.header_ptr()),
            Value::Struct(g) => Some(g.header_ptr()),
            Value::Closure(g) => Some(g.header_ptr()),
            Value::Native(g) => Some(g.header_ptr()),
            Value::VarBox(g) => Some(g.header_ptr()),
            Value::Exception(g) => Some(g.header_ptr()),
            Value::Values(g) => Some(g.header_ptr()),
            _ => None,
        }
    }

    /// The type name with its article ("an integer", "a pair").
    pub fn type_phrase(self) -> &'static str {
        match self.type_name() {
            "nil" => "nil",
            "boolean" => "a boolean",
            "integer" => "an integer",
            "float" => "a float",
            "char" => "a char",
            "symbol" => "a symbol",
            "keyword" => "a keyword",
            "undefined" => "an undefined value",
            "pair" => "a pair",
            "string" => "a string",
            "vector" => "a vector",
            "table" => "a table",
            "struct" => "a struct",
            "procedure" => "a procedure",
            "exception" => "an exception",
            "values" => "multiple values",
            _ => "a box",
        }
    }

    /// The type name used in error messages.
    pub fn type_name(self) -> &'static str {
        match self {
            Value::Nil => "nil",
            Value::Bool(_) => "boolean",
            Value::Int(_) => "integer",
            Value::Float(_) => "float",
            Value::Char(_) => "char",
            Value::Symbol(_) => "symbol",
            Value::Keyword(_) => "keyword",
            Value::Undef => "undefined",
            Value::Pair(_) => "pair",
            Value::Str(_) => "string",
            Value::Vector(_) => "vector",
            Value::Table(_) => "table",
            Value::Struct(_) => "struct",
            Value::Closure(_) | Value::Native(_) => "procedure",
            Value::VarBox(_) => "box",
            Value::Exception(_) => "exception",
            Value::Values(_) => "values",
        }
    }

    /// Identity: same immediate or same object (`eq?`).
    pub fn identical(self, other: Value) -> bool {
        match (self, other) {
            (Value::Nil, Value::Nil) | (Value::Undef, Value::Undef) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Char(a), Value::Char(b)) => a == b,
            (Value::Symbol(a), Value::Symbol(b)) => a == b,
            (Value::Keyword(a), Value::Keyword(b)) => a == b,
            _ => match (self.header_ptr(), other.header_ptr()) {
                (Some(a), Some(b)) => a == b,
                _ => false,
            },
        }
    }

    /// `eqv?`: the same as `eq?`, which already compares numbers by type
    /// and bits (so `(eqv? 0.0 -0.0)` is false and a NaN is `eqv?` to
    /// itself, as in R7RS); `=` is the numeric comparison.
    pub fn eqv(self, other: Value) -> bool {
        self.identical(other)
    }

    /// Builds a fresh pair.
    pub fn cons(rt: &mut Runtime, car: Value, cdr: Value) -> Value {
        Value::Pair(rt.heap.alloc(Pair::new(car, cdr)))
    }

    /// Builds a fresh string.
    pub fn string(rt: &mut Runtime, s: impl Into<String>) -> Value {
        Value::Str(rt.heap.alloc(Str::new(s.into())))
    }

    /// Builds a proper list from `items`.
    pub fn list(rt: &mut Runtime, items: &[Value]) -> Value {
        Self::list_with_tail(rt, items, Value::Nil)
    }

    /// Builds a list of `items` ending in `tail`.
    pub fn list_with_tail(rt: &mut Runtime, items: &[Value], tail: Value) -> Value {
        let mut out = tail;
        for &v in items.iter().rev() {
            out = Value::cons(rt, v, out);
        }
        out
    }
}

impl core::fmt::Debug for Value {
    /// Immediates with their payload, heap values by kind and address.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match *self {
            Value::Nil => write!(f, "nil"),
            Value::Bool(b) => write!(f, "{}", b),
            Value::Int(i) => write!(f, "{}", i),
            Value::Float(x) => write!(f, "{:?}", x),
            Value::Char(c) => write!(f, "{:?}", c),
            Value::Symbol(s) => write!(f, "symbol#{}", s.0),
            Value::Keyword(s) => write!(f, "keyword#{}", s.0),
            Value::Undef => write!(f, "undefined"),
            v => write!(
                f,
                "{}@{:#x}",
                v.type_name(),
                v.header_ptr().map_or(0, |p| p.as_ptr() as usize)
            ),
        }
    }
}

/// A small deterministic hasher (Fx-style multiply-rotate) for table keys.
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        // Spread the high bits down: the table uses the low bits.
        self.0 ^ (self.0 >> 29)
    }
}

/// Hashes a value consistently with `key_eq`.
pub fn key_hash(v: Value) -> u64 {
    let mut h = KeyHasher(0);
    match v {
        Value::Nil => 0u8.hash(&mut h),
        Value::Bool(b) => (1u8, b).hash(&mut h),
        Value::Int(i) => (2u8, i).hash(&mut h),
        Value::Float(f) => (3u8, f.to_bits()).hash(&mut h),
        Value::Char(c) => (4u8, c).hash(&mut h),
        Value::Symbol(s) => (5u8, s).hash(&mut h),
        Value::Keyword(s) => (6u8, s).hash(&mut h),
        Value::Str(s) => (7u8, s.borrow().as_str()).hash(&mut h),
        _ => (8u8, v.header_ptr().map_or(0, |p| p.as_ptr() as usize)).hash(&mut h),
    }
    h.finish()
}

/// Key equality for tables and structs: strings by content, the rest `eqv?`.
pub fn key_eq(a: Value, b: Value) -> bool {
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => *x.borrow() == *y.borrow(),
        _ => a.eqv(b),
    }
}

/// Bytes one pair takes on the heap, for builtins reserving room for lists.
pub(crate) const PAIR_BYTES: usize = core::mem::size_of::<crate::heap::GcBox<Pair>>();

/// Bytes a string object takes on the heap besides its text.
pub(crate) const STR_BYTES: usize = core::mem::size_of::<crate::heap::GcBox<Str>>();

/// A cons cell. Mutable through `set-car!`/`set-cdr!` unless frozen.
pub struct Pair {
    pub car: Cell<Value>,
    pub cdr: Cell<Value>,
}

impl Pair {
    pub fn new(car: Value, cdr: Value) -> Self {
        Pair {
            car: Cell::new(car),
            cdr: Cell::new(cdr),
        }
    }
}

impl HeapObject for Pair {
    const KIND: ObjKind = ObjKind::Pair;
    fn trace(&self, t: &mut Tracer) {
        t.value(self.car.get());
        t.value(self.cdr.get());
    }
}

/// A mutable UTF-8 string.
pub struct Str(RefCell<String>);

impl Str {
    pub fn new(s: String) -> Self {
        Str(RefCell::new(s))
    }
    pub fn borrow(&self) -> core::cell::Ref<'_, String> {
        self.0.borrow()
    }
    pub fn borrow_mut(&self) -> core::cell::RefMut<'_, String> {
        self.0.borrow_mut()
    }
}

impl HeapObject for Str {
    const KIND: ObjKind = ObjKind::Str;
    fn trace(&self, _t: &mut Tracer) {}
    fn extra_bytes(&self) -> usize {
        self.0.borrow().capacity()
    }
}

/// A mutable vector of values.
pub struct Vector(pub RefCell<Vec<Value>>);

impl Vector {
    pub fn new(items: Vec<Value>) -> Self {
        Vector(RefCell::new(items))
    }
}

impl HeapObject for Vector {
    const KIND: ObjKind = ObjKind::Vector;
    fn trace(&self, t: &mut Tracer) {
        for &v in self.0.borrow().iter() {
            t.value(v);
        }
    }
    fn extra_bytes(&self) -> usize {
        self.0.borrow().capacity() * core::mem::size_of::<Value>()
    }
}

/// An insertion-ordered map from values to values (tables and structs).
#[derive(Default)]
pub struct OrderedMap {
    entries: Vec<(Value, Value)>,
    index: hashbrown::HashTable<usize>,
}

impl OrderedMap {
    pub fn new() -> Self {
        Self::default()
    }

    fn find(&self, key: Value) -> Option<usize> {
        let entries = &self.entries;
        self.index
            .find(key_hash(key), |&i| key_eq(entries[i].0, key))
            .copied()
    }

    pub fn get(&self, key: Value) -> Option<Value> {
        self.find(key).map(|i| self.entries[i].1)
    }

    /// Sets `key` to `value`, keeping the key's first insertion position.
    pub fn insert(&mut self, key: Value, value: Value) {
        match self.find(key) {
            Some(i) => self.entries[i].1 = value,
            None => {
                let i = self.entries.len();
                self.entries.push((key, value));
                let entries = &self.entries;
                self.index
                    .insert_unique(key_hash(key), i, |&j| key_hash(entries[j].0));
            }
        }
    }

    /// Removes `key`; later entries keep their relative order.
    pub fn remove(&mut self, key: Value) -> Option<Value> {
        let i = self.find(key)?;
        let (_, v) = self.entries.remove(i);
        self.index.clear();
        for (j, &(k, _)) in self.entries.iter().enumerate() {
            let entries = &self.entries;
            self.index
                .insert_unique(key_hash(k), j, |&x| key_hash(entries[x].0));
        }
        Some(v)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Entries in insertion order.
    pub fn entries(&self) -> &[(Value, Value)] {
        &self.entries
    }

    fn trace(&self, t: &mut Tracer) {
        for &(k, v) in &self.entries {
            t.value(k);
            t.value(v);
        }
    }
}

/// A mutable table `@{k v ...}`.
pub struct Table(pub RefCell<OrderedMap>);

impl HeapObject for Table {
    const KIND: ObjKind = ObjKind::Table;
    fn trace(&self, t: &mut Tracer) {
        self.0.borrow().trace(t)
    }
    fn extra_bytes(&self) -> usize {
        self.0.borrow().len() * crate::builtins::tables::ENTRY_BYTES
    }
}

/// An immutable struct `{k v ...}`.
pub struct Struct(pub OrderedMap);

impl HeapObject for Struct {
    const KIND: ObjKind = ObjKind::Struct;
    fn trace(&self, t: &mut Tracer) {
        self.0.trace(t)
    }
    fn extra_bytes(&self) -> usize {
        self.0.len() * crate::builtins::tables::ENTRY_BYTES
    }
}

/// A compiled function with the values it captured.
pub struct Closure {
    pub proto: Gc<Proto>,
    pub captures: Box<[Value]>,
}

impl HeapObject for Closure {
    const KIND: ObjKind = ObjKind::Closure;
    fn trace(&self, t: &mut Tracer) {
        t.gc(self.proto);
        for &v in self.captures.iter() {
            t.value(v);
        }
    }
    fn extra_bytes(&self) -> usize {
        self.captures.len() * core::mem::size_of::<Value>()
    }
}

/// A native function's Rust body: runtime and arguments in, value out.
pub type NativeFn = fn(&mut Runtime, &[Value]) -> Result<Value>;

/// Natives the VM runs itself because they call back into Elle code.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Intrinsic {
    /// `(apply f a ... list)`: tail-calls `f`.
    Apply,
    /// A continuation made by `call/cc`: calling it escapes to the point
    /// where it was captured (the native's address is its identity).
    Continuation,
    /// `(raise-continuable obj)`: calls the current handler procedure and
    /// returns its value.
    RaiseContinuable,
    /// `(%pop-handler)`: removes the innermost handler-stack entry (the
    /// mask a continuable handler call runs under).
    PopHandler,
}

/// What a native does when called.
pub enum NativeBody {
    Fn(NativeFn),
    /// A typed Rust closure (`Engine::register_fn`).
    Closure(crate::register::NativeClosureFn),
    Intrinsic(Intrinsic),
}

/// A function implemented in Rust.
pub struct Native {
    pub name: &'static str,
    pub min_args: u16,
    /// `None` for variadic functions.
    pub max_args: Option<u16>,
    pub body: NativeBody,
}

impl HeapObject for Native {
    const KIND: ObjKind = ObjKind::Native;
    fn trace(&self, _t: &mut Tracer) {}
}

/// The shared cell of a captured variable that is assigned.
pub struct VarBox(pub Cell<Value>);

impl HeapObject for VarBox {
    const KIND: ObjKind = ObjKind::VarBox;
    fn trace(&self, t: &mut Tracer) {
        t.value(self.0.get())
    }
}

/// A condition object: kind, message, irritants, and where it was raised.
pub struct Exception {
    pub kind: crate::error::ErrorKind,
    /// The message without the irritants.
    pub message: String,
    /// `error`'s irritants (a list), or nil.
    pub irritants: Value,
    /// Where it was first raised (set then, kept by later raises).
    pub span: Cell<Option<crate::error::Span>>,
    /// The Elle stack where it was first raised, innermost first: each
    /// frame's proto and the pc after the instruction it was running.
    pub trace: RefCell<Vec<(Gc<Proto>, usize)>>,
}

impl HeapObject for Exception {
    const KIND: ObjKind = ObjKind::Exception;
    fn trace(&self, t: &mut Tracer) {
        t.value(self.irritants);
        for &(p, _) in self.trace.borrow().iter() {
            t.gc(p);
        }
    }
    fn extra_bytes(&self) -> usize {
        self.message.capacity() + MAX_TRACE_BYTES
    }
}

/// Bytes an exception's Elle stack may take, counted when it is made
/// because the stack is filled in when it is first raised.
const MAX_TRACE_BYTES: usize = crate::vm::MAX_TRACE * core::mem::size_of::<(Gc<Proto>, usize)>();

/// The values of `(values a b ...)` with other than one argument.
pub struct MultipleValues(pub Box<[Value]>);

impl HeapObject for MultipleValues {
    const KIND: ObjKind = ObjKind::Values;
    fn trace(&self, t: &mut Tracer) {
        for &v in self.0.iter() {
            t.value(v);
        }
    }
    fn extra_bytes(&self) -> usize {
        self.0.len() * core::mem::size_of::<Value>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_is_two_words() {
        assert_eq!(core::mem::size_of::<Value>(), 16);
    }

    #[test]
    fn truthiness() {
        assert!(!Value::Nil.truthy());
        assert!(!Value::Bool(false).truthy());
        assert!(Value::Int(0).truthy());
        assert!(Value::Bool(true).truthy());
    }

    #[test]
    fn ordered_map_keeps_insertion_order_through_removal() {
        let mut m = OrderedMap::new();
        for i in 0..5 {
            m.insert(Value::Int(i), Value::Int(i * 10));
        }
        m.insert(Value::Int(2), Value::Int(99));
        assert_eq!(
            m.remove(Value::Int(1)).map(|v| matches!(v, Value::Int(10))),
            Some(true)
        );
        let keys: Vec<i64> = m
            .entries()
            .iter()
            .map(|(k, _)| match k {
                Value::Int(i) => *i,
                _ => -1,
            })
            .collect();
        assert_eq!(keys, [0, 2, 3, 4]);
        assert!(matches!(m.get(Value::Int(2)), Some(Value::Int(99))));
        assert!(m.get(Value::Int(1)).is_none());
    }
}
