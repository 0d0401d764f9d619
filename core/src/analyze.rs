//! The analyzer: expanded core forms -> `ast::Node`.
//!
//! Resolves every variable to a local (by `VarId`), a capture of the
//! enclosing closure, the closure itself, or a global slot; marks tail calls;
//! turns internal defines and `letrec*` into locals that are bound first and
//! initialised in order; turns calls of unshadowed builtins into inline
//! `Prim` operations.
//!
//! Self-reference: a `letrec*`/internal-define variable bound to a lambda and
//! never assigned elsewhere is read inside that lambda as the running
//! closure (`SelfClosure`), so a recursive local function needs no box.
//!
//! Loops: `(letrec* ((name (lambda (v ...) body...))) (name init ...))` —
//! what a named `let`, `do` and `while` expand to — where `name` is used only
//! as the operator of calls in tail position of `body`, becomes a `Loop` in
//! the enclosing function: no closure, no call, each iteration a jump.

use alloc::boxed::Box;
use alloc::vec;
use alloc::vec::Vec;

use crate::ast::*;
use crate::bytecode::HandlerKind;
use crate::datum::{to_value, Datum, DatumKind};
use crate::error::{syntax, Result, Span};
use crate::runtime::Runtime;
use crate::symbol::{sym, Sym};
use crate::value::Value;

/// Analyzes one expanded top-level form.
pub fn analyze_toplevel(rt: &mut Runtime, d: &Datum) -> Result<Analysis> {
    let mut a = Analyzer {
        rt,
        vars: Vec::new(),
        fns: vec![FnScope::default()],
        self_eligible: Vec::new(),
        loops: Vec::new(),
    };
    let body = a.expr(d, true)?;
    let name = a.rt.symbols.intern("<top level>");
    Ok(Analysis {
        toplevel: Function {
            name: Some(name),
            params: Vec::new(),
            rest: None,
            captures: Vec::new(),
            body,
            span: d.span,
        },
        vars: a.vars,
    })
}

#[derive(Default)]
struct FnScope {
    /// Lexical blocks, innermost last.
    blocks: Vec<Vec<(Sym, VarId)>>,
    captures: Vec<(VarId, CaptureFrom)>,
    /// The variable this function is bound to, when references to it may
    /// be compiled as `SelfClosure`.
    self_var: Option<VarId>,
}

/// A loop-shaped `letrec*`: name, parameters, body forms, initial arguments.
type LoopShape<'d> = (Sym, Vec<Sym>, &'d [Datum], &'d [Datum]);

/// How the current function reaches a variable.
enum Access {
    Local(VarId),
    Capture(u16),
    SelfClosure,
    Global(u32),
}

struct Analyzer<'a> {
    rt: &'a mut Runtime,
    vars: Vec<VarInfo>,
    fns: Vec<FnScope>,
    /// Internal-define variables never assigned by `set!`: a lambda bound to
    /// one may refer to itself as its own closure.
    self_eligible: Vec<VarId>,
    /// Loops being analyzed: the loop name and the function level it is in.
    loops: Vec<(Sym, usize)>,
}

impl Analyzer<'_> {
    fn new_var(&mut self) -> VarId {
        self.vars.push(VarInfo {
            captured: false,
            mutated: false,
        });
        (self.vars.len() - 1) as VarId
    }

    fn current(&mut self) -> &mut FnScope {
        let i = self.fns.len() - 1;
        &mut self.fns[i]
    }

    /// Resolves `name` as seen from the innermost function.
    fn resolve(&mut self, name: Sym) -> Access {
        for level in (0..self.fns.len()).rev() {
            let found = self.fns[level]
                .blocks
                .iter()
                .rev()
                .find_map(|b| b.iter().rev().find(|(s, _)| *s == name).map(|&(_, v)| v));
            if let Some(var) = found {
                let top = self.fns.len() - 1;
                return self.access(top, var, level);
            }
        }
        Access::Global(self.rt.global_slot(name))
    }

    /// How function `level` reaches `var`, a local of function `owner`;
    /// records captures along the way.
    fn access(&mut self, level: usize, var: VarId, owner: usize) -> Access {
        if level == owner {
            return Access::Local(var);
        }
        if self.fns[level].self_var == Some(var) {
            return Access::SelfClosure;
        }
        if let Some(i) = self.fns[level].captures.iter().position(|c| c.0 == var) {
            return Access::Capture(i as u16);
        }
        let from = match self.access(level - 1, var, owner) {
            Access::Local(v) => {
                self.vars[v as usize].captured = true;
                CaptureFrom::Local(v)
            }
            Access::Capture(i) => CaptureFrom::Capture(i),
            Access::SelfClosure => CaptureFrom::SelfClosure,
            Access::Global(g) => return Access::Global(g),
        };
        self.fns[level].captures.push((var, from));
        Access::Capture((self.fns[level].captures.len() - 1) as u16)
    }

    fn node(kind: NodeKind, span: Span) -> Node {
        Node { kind, span }
    }

    /// Analyzes an expression; `tail` is true in tail position.
    fn expr(&mut self, d: &Datum, tail: bool) -> Result<Node> {
        let span = d.span;
        let kind = match &d.kind {
            DatumKind::Symbol(s) => match self.resolve(*s) {
                Access::Local(v) => NodeKind::Local(v),
                Access::Capture(i) => NodeKind::Capture(i),
                Access::SelfClosure => NodeKind::SelfClosure,
                Access::Global(g) => match self.rt.globals[g as usize] {
                    // The prelude binds what it uses when it is compiled, so
                    // a program redefining `reverse!` cannot break `map`.
                    v if self.rt.sealing_globals && !matches!(v, Value::Undef) => {
                        NodeKind::Const(v)
                    }
                    _ => NodeKind::Global(g),
                },
            },
            DatumKind::List(items) => return self.list(items, tail, span),
            DatumKind::Dotted(..) => return Err(syntax(span, "a call cannot be a dotted list")),
            DatumKind::Vector(items) => return self.builtin_call("vector", items, span),
            DatumKind::Struct(items) => return self.builtin_call("struct", items, span),
            DatumKind::Table(items) => return self.builtin_call("table", items, span),
            _ => NodeKind::Const(to_value(self.rt, d, true)),
        };
        Ok(Self::node(kind, span))
    }

    /// A call of builtin `name` on the analyzed `items`.
    fn builtin_call(&mut self, name: &str, items: &[Datum], span: Span) -> Result<Node> {
        let callee = Self::node(NodeKind::Const(self.rt.builtin(name)), span);
        let args = items
            .iter()
            .map(|d| self.expr(d, false))
            .collect::<Result<Vec<_>>>()?;
        Ok(Self::node(
            NodeKind::Call {
                callee: Box::new(callee),
                args,
                tail: false,
            },
            span,
        ))
    }

    fn list(&mut self, items: &[Datum], tail: bool, span: Span) -> Result<Node> {
        let head = items[0].as_symbol().filter(|&s| self.is_special(s));
        let args = &items[1..];
        match head {
            Some(sym::QUOTE) => {
                let v = to_value(self.rt, &args[0], true);
                Ok(Self::node(NodeKind::Const(v), span))
            }
            Some(sym::IF) => {
                let test = self.expr(&args[0], false)?;
                let then = self.expr(&args[1], tail)?;
                let other = match args.get(2) {
                    Some(e) => self.expr(e, tail)?,
                    None => Self::node(NodeKind::Const(Value::Nil), span),
                };
                Ok(Self::node(
                    NodeKind::If(Box::new(test), Box::new(then), Box::new(other)),
                    span,
                ))
            }
            Some(sym::DEFINE) => self.define(args, span),
            Some(sym::SET) => self.set(args, span),
            Some(sym::LAMBDA) => {
                let f = self.lambda(&args[0], &args[1..], None, None, span)?;
                Ok(Self::node(NodeKind::Lambda(Box::new(f)), span))
            }
            Some(sym::BEGIN) => self.seq(args, tail, span),
            Some(sym::LET) => self.let_form(args, tail, span),
            Some(sym::LETREC_STAR) => self.letrec(args, tail, span),
            Some(
                head @ (sym::CORE_CATCH
                | sym::CORE_FINALLY
                | sym::CORE_ESCAPE
                | sym::CORE_WITH_HANDLER),
            ) => self.handler_form(head, args, tail, span),
            _ => self.call(items, tail, span),
        }
    }

    /// The handler forms (see `NodeKind::Handle`): `(%catch body e
    /// handler)`, `(%finally body cleanup)`, `(%escape k body)` and
    /// `(%with-handler handler body)`; only a catch handler may be in tail
    /// position.
    fn handler_form(&mut self, head: Sym, args: &[Datum], tail: bool, span: Span) -> Result<Node> {
        let (kind, var, body, handler) = match head {
            sym::CORE_CATCH => {
                let body = self.expr(&args[0], false)?;
                let (var, handler) = self.bound_in(&args[1], &args[2], tail)?;
                (HandlerKind::Catch, Some(var), body, handler)
            }
            sym::CORE_FINALLY => {
                let body = self.expr(&args[0], false)?;
                (
                    HandlerKind::Cleanup,
                    None,
                    body,
                    self.expr(&args[1], false)?,
                )
            }
            sym::CORE_ESCAPE => {
                let (var, body) = self.bound_in(&args[0], &args[1], false)?;
                let none = Self::node(NodeKind::Const(Value::Nil), span);
                (HandlerKind::Escape, Some(var), body, none)
            }
            _ => {
                let handler = self.expr(&args[0], false)?;
                (
                    HandlerKind::Procedure,
                    None,
                    self.expr(&args[1], false)?,
                    handler,
                )
            }
        };
        let (body, handler) = (Box::new(body), Box::new(handler));
        let kind = NodeKind::Handle {
            kind,
            var,
            body,
            handler,
        };
        Ok(Self::node(kind, span))
    }

    /// Analyzes `expr` with the variable named by `name` in scope.
    fn bound_in(&mut self, name: &Datum, expr: &Datum, tail: bool) -> Result<(VarId, Node)> {
        let name = name
            .as_symbol()
            .ok_or_else(|| syntax(name.span, "expected a variable name"))?;
        let var = self.new_var();
        self.current().blocks.push(alloc::vec![(name, var)]);
        let node = self.expr(expr, tail);
        self.current().blocks.pop();
        Ok((var, node?))
    }

    /// True when `s` names a core form here (not shadowed by a local).
    fn is_special(&self, s: Sym) -> bool {
        matches!(
            s,
            sym::QUOTE
                | sym::IF
                | sym::DEFINE
                | sym::SET
                | sym::LAMBDA
                | sym::BEGIN
                | sym::LET
                | sym::LETREC_STAR
                | sym::CORE_CATCH
                | sym::CORE_FINALLY
                | sym::CORE_ESCAPE
                | sym::CORE_WITH_HANDLER
        ) && !self
            .fns
            .iter()
            .any(|f| f.blocks.iter().any(|b| b.iter().any(|(n, _)| *n == s)))
    }

    fn seq(&mut self, forms: &[Datum], tail: bool, span: Span) -> Result<Node> {
        let mut nodes = Vec::with_capacity(forms.len());
        for (i, f) in forms.iter().enumerate() {
            nodes.push(self.expr(f, tail && i + 1 == forms.len())?);
        }
        Ok(match nodes.len() {
            0 => Self::node(NodeKind::Const(Value::Nil), span),
            1 => nodes
                .pop()
                .unwrap_or_else(|| Self::node(NodeKind::Const(Value::Nil), span)),
            _ => Self::node(NodeKind::Seq(nodes), span),
        })
    }

    fn define(&mut self, args: &[Datum], span: Span) -> Result<Node> {
        let name = args[0]
            .as_symbol()
            .ok_or_else(|| syntax(span, "define needs a name"))?;
        let in_body = self
            .current()
            .blocks
            .last()
            .and_then(|b| b.iter().rev().find(|(s, _)| *s == name).map(|&(_, v)| v));
        let self_var = in_body.filter(|v| self.self_eligible.contains(v));
        let value = self.named_value(&args[1], name, self_var)?;
        if let Some(v) = in_body {
            self.vars[v as usize].mutated = true;
            return Ok(Self::node(NodeKind::SetLocal(v, Box::new(value)), span));
        }
        if self.fns.len() == 1 && self.fns[0].blocks.is_empty() {
            let g = self.rt.global_slot(name);
            return Ok(Self::node(NodeKind::DefineGlobal(g, Box::new(value)), span));
        }
        Err(syntax(
            span,
            "define is only allowed at top level or at the start of a body",
        ))
    }

    /// Analyzes a value bound to `name`: a lambda gets the name, and with
    /// `self_var` may refer to itself as its own closure.
    fn named_value(&mut self, d: &Datum, name: Sym, self_var: Option<VarId>) -> Result<Node> {
        if let DatumKind::List(items) = &d.kind {
            if items[0].as_symbol() == Some(sym::LAMBDA) && self.is_special(sym::LAMBDA) {
                let f = self.lambda(&items[1], &items[2..], Some(name), self_var, d.span)?;
                return Ok(Self::node(NodeKind::Lambda(Box::new(f)), d.span));
            }
        }
        self.expr(d, false)
    }

    fn set(&mut self, args: &[Datum], span: Span) -> Result<Node> {
        let name = args[0]
            .as_symbol()
            .ok_or_else(|| syntax(span, "set! needs a name"))?;
        let value = Box::new(self.expr(&args[1], false)?);
        let kind = match self.resolve(name) {
            Access::Local(v) => {
                self.vars[v as usize].mutated = true;
                NodeKind::SetLocal(v, value)
            }
            Access::Capture(i) => {
                let var = self.current().captures[i as usize].0;
                self.vars[var as usize].mutated = true;
                NodeKind::SetCapture(i, value)
            }
            Access::SelfClosure => return Err(syntax(span, "internal: set! of a self reference")),
            Access::Global(g) => NodeKind::SetGlobal(g, value),
        };
        Ok(Self::node(kind, span))
    }

    /// Analyzes `(lambda params body...)` as a new function.
    fn lambda(
        &mut self,
        params: &Datum,
        body: &[Datum],
        name: Option<Sym>,
        self_var: Option<VarId>,
        span: Span,
    ) -> Result<Function> {
        let (fixed, rest) = match &params.kind {
            DatumKind::Nil => (&[][..], None),
            DatumKind::Symbol(s) => (&[][..], Some(*s)),
            DatumKind::List(items) => (&items[..], None),
            DatumKind::Dotted(items, tail) => (&items[..], tail.as_symbol()),
            _ => return Err(syntax(span, "malformed parameter list")),
        };
        let mut block = Vec::new();
        let mut param_ids = Vec::new();
        for p in fixed {
            let s = p
                .as_symbol()
                .ok_or_else(|| syntax(p.span, "a parameter must be a symbol"))?;
            let v = self.new_var();
            param_ids.push(v);
            block.push((s, v));
        }
        let rest_id = rest.map(|s| {
            let v = self.new_var();
            block.push((s, v));
            v
        });
        self.fns.push(FnScope {
            blocks: vec![block],
            captures: Vec::new(),
            self_var,
        });
        let body = self.body(body, true, span);
        let scope = self.fns.pop().unwrap_or_default();
        Ok(Function {
            name,
            params: param_ids,
            rest: rest_id,
            captures: scope.captures.into_iter().map(|(_, from)| from).collect(),
            body: body?,
            span,
        })
    }

    /// Analyzes a body whose internal defines become locals of a new block.
    fn body(&mut self, forms: &[Datum], tail: bool, span: Span) -> Result<Node> {
        let mut flat = Vec::new();
        flatten_begins(forms, &mut flat);
        let defines: Vec<(Sym, &Datum)> = flat
            .iter()
            .filter(|d| d.is_form(sym::DEFINE) && self.is_special(sym::DEFINE))
            .filter_map(|d| match &d.kind {
                DatumKind::List(items) => items[1].as_symbol().map(|s| (s, *d)),
                _ => None,
            })
            .collect();
        if defines.is_empty() {
            let owned: Vec<Datum> = flat.into_iter().cloned().collect();
            return self.seq(&owned, tail, span);
        }
        let names: Vec<Sym> = defines.iter().map(|(s, _)| *s).collect();
        let assigned: Vec<bool> = names
            .iter()
            .map(|&n| flat.iter().any(|d| assigns(d, n)))
            .collect();
        self.bind_recursive(&names, &flat, tail, span, |a, ids| {
            for (i, &v) in ids.iter().enumerate() {
                if !assigned[i] {
                    a.self_eligible.push(v);
                }
            }
            Ok(Vec::new())
        })
    }

    /// Binds `names` to fresh locals, then analyzes `forms` (which assign
    /// them), after `inits` produces any leading initialisations.
    fn bind_recursive(
        &mut self,
        names: &[Sym],
        forms: &[&Datum],
        tail: bool,
        span: Span,
        inits: impl FnOnce(&mut Self, &[VarId]) -> Result<Vec<Node>>,
    ) -> Result<Node> {
        let block: Vec<(Sym, VarId)> = names.iter().map(|&s| (s, self.new_var())).collect();
        let ids: Vec<VarId> = block.iter().map(|&(_, v)| v).collect();
        self.current().blocks.push(block);
        let result = (|| {
            let mut nodes = inits(self, &ids)?;
            for (i, f) in forms.iter().enumerate() {
                nodes.push(self.expr(f, tail && i + 1 == forms.len())?);
            }
            Ok(nodes)
        })();
        self.current().blocks.pop();
        let nodes = result?;
        let binds = ids
            .iter()
            .map(|&v| (v, Self::node(NodeKind::Const(Value::Nil), span)))
            .collect();
        let body = match nodes.len() {
            1 => nodes
                .into_iter()
                .next()
                .unwrap_or_else(|| Self::node(NodeKind::Const(Value::Nil), span)),
            _ => Self::node(NodeKind::Seq(nodes), span),
        };
        Ok(Self::node(NodeKind::Bind(binds, Box::new(body)), span))
    }

    fn let_form(&mut self, args: &[Datum], tail: bool, span: Span) -> Result<Node> {
        let bindings = args[0].as_list().unwrap_or(&[]);
        let mut pairs = Vec::new();
        for b in bindings {
            let parts = b.as_list().unwrap_or(&[]);
            let name = parts[0]
                .as_symbol()
                .ok_or_else(|| syntax(b.span, "bad binding"))?;
            let init = self.named_value(&parts[1], name, None)?;
            pairs.push((name, init));
        }
        let block: Vec<(Sym, VarId)> = pairs.iter().map(|(s, _)| (*s, self.new_var())).collect();
        let binds = block
            .iter()
            .zip(pairs)
            .map(|(&(_, v), (_, init))| (v, init))
            .collect();
        self.current().blocks.push(block);
        let body = self.body(&args[1..], tail, span);
        self.current().blocks.pop();
        Ok(Self::node(NodeKind::Bind(binds, Box::new(body?)), span))
    }

    /// `(letrec* ((v init) ...) body...)`: all `v` are in scope of every init.
    fn letrec(&mut self, args: &[Datum], tail: bool, span: Span) -> Result<Node> {
        if let Some(node) = self.try_loop(args, tail, span)? {
            return Ok(node);
        }
        let bindings = args[0].as_list().unwrap_or(&[]);
        let mut names = Vec::new();
        let mut inits = Vec::new();
        for b in bindings {
            let parts = b.as_list().unwrap_or(&[]);
            names.push(
                parts[0]
                    .as_symbol()
                    .ok_or_else(|| syntax(b.span, "bad binding"))?,
            );
            inits.push(&parts[1]);
        }
        let body_datum = Datum::list(
            [vec![Datum::sym(sym::BEGIN, span)], args[1..].to_vec()].concat(),
            span,
        );
        let assigned: Vec<bool> = names
            .iter()
            .map(|&n| {
                inits.iter().any(|i| assigns(i, n)) || args[1..].iter().any(|d| assigns(d, n))
            })
            .collect();
        let names_for_inits = names.clone();
        let body_forms = [&body_datum];
        self.bind_recursive(&names, &body_forms, tail, span, move |a, ids| {
            let mut nodes = Vec::new();
            for (i, init) in inits.iter().enumerate() {
                let self_var = (!assigned[i]).then_some(ids[i]);
                let value = a.named_value(init, names_for_inits[i], self_var)?;
                a.vars[ids[i] as usize].mutated = true;
                nodes.push(Self::node(
                    NodeKind::SetLocal(ids[i], Box::new(value)),
                    init.span,
                ));
            }
            Ok(nodes)
        })
    }

    /// Analyzes a `letrec*` as a `Loop` when it has the loop shape.
    fn try_loop(&mut self, args: &[Datum], tail: bool, span: Span) -> Result<Option<Node>> {
        let Some((name, params, body, inits)) = self.loop_shape(args) else {
            return Ok(None);
        };
        let init_nodes = inits
            .iter()
            .map(|d| self.expr(d, false))
            .collect::<Result<Vec<_>>>()?;
        let block: Vec<(Sym, VarId)> = params.iter().map(|&s| (s, self.new_var())).collect();
        let vars = block.iter().map(|&(_, v)| v).collect();
        self.current().blocks.push(block);
        self.loops.push((name, self.fns.len() - 1));
        let body = self.body(body, tail, span);
        self.loops.pop();
        self.current().blocks.pop();
        Ok(Some(Self::node(
            NodeKind::Loop {
                vars,
                inits: init_nodes,
                body: Box::new(body?),
            },
            span,
        )))
    }

    /// The parts of a loop-shaped `letrec*`: name, parameters, body forms
    /// and initial arguments.
    fn loop_shape<'d>(&self, args: &'d [Datum]) -> Option<LoopShape<'d>> {
        let bindings = args[0].as_list()?;
        if bindings.len() != 1 || args.len() != 2 || !self.is_special(sym::LAMBDA) {
            return None;
        }
        let binding = bindings[0].as_list()?;
        let name = binding[0].as_symbol()?;
        let lambda = binding[1].as_list()?;
        if lambda.len() < 3 || lambda[0].as_symbol() != Some(sym::LAMBDA) {
            return None;
        }
        let params = lambda[1]
            .as_list()?
            .iter()
            .map(|p| p.as_symbol())
            .collect::<Option<Vec<Sym>>>()?;
        let call = args[1].as_list()?;
        if call.first()?.as_symbol() != Some(name)
            || call.len() != params.len() + 1
            || params.contains(&name)
        {
            return None;
        }
        let body = &lambda[2..];
        let (last, init) = body.split_last()?;
        let ok = call[1..].iter().all(|a| !mentions(a, name))
            && init.iter().all(|f| !mentions(f, name))
            && self.only_tail_calls(last, name, params.len());
        ok.then_some((name, params, body, &call[1..]))
    }

    /// True when `d`, in tail position, uses `name` only as the operator of
    /// calls with `arity` arguments in tail position (and never rebinds it).
    fn only_tail_calls(&self, d: &Datum, name: Sym, arity: usize) -> bool {
        let items = match &d.kind {
            DatumKind::List(items) => items,
            _ => return !mentions(d, name),
        };
        let head = items[0].as_symbol();
        if head == Some(name) {
            return items.len() == arity + 1 && items[1..].iter().all(|a| !mentions(a, name));
        }
        let tail_of = |forms: &[Datum]| match forms.split_last() {
            Some((last, init)) => {
                init.iter().all(|f| !mentions(f, name)) && self.only_tail_calls(last, name, arity)
            }
            None => true,
        };
        match head.filter(|&h| self.is_special(h)) {
            Some(sym::QUOTE) => true,
            Some(sym::IF) => {
                !mentions(&items[1], name)
                    && items[2..]
                        .iter()
                        .all(|b| self.only_tail_calls(b, name, arity))
            }
            Some(sym::BEGIN) => tail_of(&items[1..]),
            Some(sym::LETREC_STAR) if self.loop_shape(&items[1..]).is_some() => {
                // A loop nested in tail position: it becomes a `Loop` too,
                // so `name` may be called in the tail of its body.
                match self.loop_shape(&items[1..]) {
                    Some((inner, params, body, inits))
                        if inner != name && !params.contains(&name) =>
                    {
                        inits.iter().all(|i| !mentions(i, name)) && tail_of(body)
                    }
                    _ => false,
                }
            }
            Some(sym::LET) | Some(sym::LETREC_STAR) => {
                let bindings = items[1].as_list().unwrap_or(&[]);
                bindings.iter().all(|b| !mentions(b, name)) && tail_of(&items[2..])
            }
            _ => !mentions(d, name),
        }
    }

    fn call(&mut self, items: &[Datum], tail: bool, span: Span) -> Result<Node> {
        let level = self.fns.len() - 1;
        let target = items[0].as_symbol().and_then(|head| {
            self.loops
                .iter()
                .rev()
                .take_while(|&&(_, l)| l == level)
                .position(|&(name, _)| name == head)
        });
        if let Some(up) = target {
            let args = items[1..]
                .iter()
                .map(|d| self.expr(d, false))
                .collect::<Result<Vec<_>>>()?;
            return Ok(Self::node(NodeKind::Recur { up, args }, span));
        }
        let callee = self.expr(&items[0], false)?;
        let args = items[1..]
            .iter()
            .map(|d| self.expr(d, false))
            .collect::<Result<Vec<_>>>()?;
        if let Some(p) = self.inline_prim(&callee, args.len()) {
            return Ok(Self::node(NodeKind::Prim(p, args), span));
        }
        Ok(Self::node(
            NodeKind::Call {
                callee: Box::new(callee),
                args,
                tail,
            },
            span,
        ))
    }

    /// The inline operation for calling `callee` with `argc` arguments: the
    /// callee must be a builtin, named by its own global or placed by the
    /// expander.
    fn inline_prim(&self, callee: &Node, argc: usize) -> Option<Prim> {
        let native = match callee.kind {
            NodeKind::Global(g) => match self.rt.globals[g as usize] {
                Value::Native(n)
                    if self.rt.symbols.name(self.rt.global_names[g as usize]) == n.name =>
                {
                    n
                }
                _ => return None,
            },
            NodeKind::Const(Value::Native(n)) => n,
            _ => return None,
        };
        Prim::for_builtin(native.name, argc)
    }
}

/// Appends `forms` to `out`, splicing the contents of `(begin ...)` forms.
fn flatten_begins<'d>(forms: &'d [Datum], out: &mut Vec<&'d Datum>) {
    for f in forms {
        match &f.kind {
            DatumKind::List(items) if f.is_form(sym::BEGIN) => flatten_begins(&items[1..], out),
            _ => out.push(f),
        }
    }
}

/// True when the symbol `name` occurs anywhere in `d`.
fn mentions(d: &Datum, name: Sym) -> bool {
    match &d.kind {
        DatumKind::Symbol(s) => *s == name,
        DatumKind::List(items)
        | DatumKind::Vector(items)
        | DatumKind::LiteralVector(items)
        | DatumKind::Struct(items)
        | DatumKind::Table(items) => items.iter().any(|i| mentions(i, name)),
        DatumKind::Dotted(items, tail) => {
            items.iter().any(|i| mentions(i, name)) || mentions(tail, name)
        }
        _ => false,
    }
}

/// True when `d` contains `(set! name ...)` anywhere (shadowing ignored, so
/// the answer errs towards "assigned").
fn assigns(d: &Datum, name: Sym) -> bool {
    match &d.kind {
        DatumKind::List(items) => {
            (d.is_form(sym::SET) && items.get(1).and_then(|x| x.as_symbol()) == Some(name))
                || items.iter().any(|i| assigns(i, name))
        }
        DatumKind::Dotted(items, tail) => {
            items.iter().any(|i| assigns(i, name)) || assigns(tail, name)
        }
        DatumKind::Vector(items)
        | DatumKind::LiteralVector(items)
        | DatumKind::Struct(items)
        | DatumKind::Table(items) => items.iter().any(|i| assigns(i, name)),
        _ => false,
    }
}
