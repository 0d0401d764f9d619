//! The analyzed program: every variable resolved, tail calls marked.
//!
//! Produced by `analyze`, consumed by `compile`. Variables are numbered in
//! one arena per top-level form (`VarId`); their flags are final once
//! analysis ends, so the compiler knows which ones need boxes.

use alloc::boxed::Box;
use alloc::vec::Vec;

use crate::bytecode::HandlerKind;
use crate::error::Span;
use crate::symbol::Sym;
use crate::value::Value;

/// Index of a local variable in `Analysis::vars`.
pub type VarId = u32;

/// What the compiler needs to know about a local variable.
#[derive(Clone, Copy, Debug)]
pub struct VarInfo {
    /// A nested function refers to it.
    pub captured: bool,
    /// Something assigns it after its binding.
    pub mutated: bool,
}

impl VarInfo {
    /// A captured variable that is assigned lives in a shared box.
    pub fn boxed(&self) -> bool {
        self.captured && self.mutated
    }
}

/// Where a closure's captured value comes from, in the enclosing function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaptureFrom {
    /// A local of the enclosing function (its register, or its box).
    Local(VarId),
    /// One of the enclosing function's own captures.
    Capture(u16),
    /// The enclosing function's own closure.
    SelfClosure,
}

/// Operations the compiler emits inline instead of calling a builtin.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prim {
    Add,
    Sub,
    Mul,
    Div,
    Lt,
    Le,
    Gt,
    Ge,
    NumEq,
    Quotient,
    Remainder,
    Modulo,
    Car,
    Cdr,
    Cons,
    IsNull,
    IsPair,
    Not,
    IsEq,
    VectorRef,
    VectorSet,
}

impl Prim {
    /// The inline operation for a call of builtin `name` with `argc`
    /// arguments, if there is one.
    pub fn for_builtin(name: &str, argc: usize) -> Option<Prim> {
        let p = match (name, argc) {
            ("+", 2) => Prim::Add,
            ("-", 2) => Prim::Sub,
            ("*", 2) => Prim::Mul,
            ("/", 2) => Prim::Div,
            ("<", 2) => Prim::Lt,
            ("<=", 2) => Prim::Le,
            (">", 2) => Prim::Gt,
            (">=", 2) => Prim::Ge,
            ("=", 2) => Prim::NumEq,
            ("quotient", 2) => Prim::Quotient,
            ("remainder", 2) | ("rem", 2) => Prim::Remainder,
            ("modulo", 2) | ("mod", 2) => Prim::Modulo,
            ("car", 1) => Prim::Car,
            ("cdr", 1) => Prim::Cdr,
            ("cons", 2) => Prim::Cons,
            ("null?", 1) | ("nil?", 1) => Prim::IsNull,
            ("pair?", 1) => Prim::IsPair,
            ("not", 1) => Prim::Not,
            ("eq?", 2) => Prim::IsEq,
            ("vector-ref", 2) => Prim::VectorRef,
            ("vector-set!", 3) => Prim::VectorSet,
            _ => return None,
        };
        Some(p)
    }
}

/// An analyzed expression with its source span.
pub struct Node {
    pub kind: NodeKind,
    pub span: Span,
}

/// The shapes of an analyzed expression.
pub enum NodeKind {
    Const(Value),
    Local(VarId),
    Capture(u16),
    /// The closure of the function being run (a self-recursive reference).
    SelfClosure,
    Global(u32),
    SetLocal(VarId, Box<Node>),
    SetCapture(u16, Box<Node>),
    SetGlobal(u32, Box<Node>),
    DefineGlobal(u32, Box<Node>),
    If(Box<Node>, Box<Node>, Box<Node>),
    Seq(Vec<Node>),
    /// Evaluates every init, then binds them all and runs the body.
    Bind(Vec<(VarId, Node)>, Box<Node>),
    Lambda(Box<Function>),
    /// A named-let loop compiled in place: bind `vars` to `inits`, run
    /// `body`, where `Recur` rebinds the vars and starts the body again.
    Loop {
        vars: Vec<VarId>,
        inits: Vec<Node>,
        body: Box<Node>,
    },
    /// The next iteration of an enclosing `Loop` of the same function (`up`
    /// loops out from the innermost; always in that loop's tail position).
    Recur {
        up: usize,
        args: Vec<Node>,
    },
    Call {
        callee: Box<Node>,
        args: Vec<Node>,
        tail: bool,
    },
    Prim(Prim, Vec<Node>),
    /// `body` runs under a handler of `kind` (see `bytecode::HandlerKind`),
    /// never in tail position, and the handler is removed when it ends:
    /// - `Catch`: on a raise, `handler` runs with `var` bound to the raised
    ///   value (in tail position when the whole node is);
    /// - `Cleanup`: `handler` runs after `body`, and on any raise or escape
    ///   through it before that goes on; the value is `body`'s;
    /// - `Escape`: `var` is the continuation during `body`; calling it makes
    ///   the node's value the value it delivers (`handler` is nil);
    /// - `Procedure`: `handler` is evaluated first; the handler procedure
    ///   for raises inside `body`.
    Handle {
        kind: HandlerKind,
        var: Option<VarId>,
        body: Box<Node>,
        handler: Box<Node>,
    },
}

/// An analyzed `lambda`.
pub struct Function {
    pub name: Option<Sym>,
    pub params: Vec<VarId>,
    pub rest: Option<VarId>,
    /// Where each captured value comes from, in capture-index order.
    pub captures: Vec<CaptureFrom>,
    pub body: Node,
    pub span: Span,
}

/// The analysis of one top-level form: a zero-argument function and the
/// variable arena it refers to.
pub struct Analysis {
    pub toplevel: Function,
    pub vars: Vec<VarInfo>,
}
