//! The compiler: `ast::Function` -> `Proto` (register bytecode).
//!
//! Register allocation is a stack: parameters first, then each bound
//! variable when its scope opens, then temporaries; a scope's registers are
//! released when it closes. Every expression is compiled into a destination
//! register chosen by its parent, so results land where they are needed.
//! Invariant: an expression writes its destination only as its last step, so
//! a destination may also be one of the expression's inputs.

use alloc::boxed::Box;
use alloc::format;
use alloc::vec;
use alloc::vec::Vec;
use hashbrown::HashMap;

use crate::ast::*;
use crate::bytecode::{CaptureSource, Cmp, HandlerKind, HandlerRange, Op, Proto, Reg};
use crate::error::{Error, ErrorKind, Result, Span};
use crate::heap::Gc;
use crate::runtime::Runtime;
use crate::value::Value;

/// Compiles an analyzed top-level form into a zero-argument proto.
pub fn compile_toplevel(rt: &mut Runtime, a: &Analysis) -> Result<Gc<Proto>> {
    let mut regs = vec![Reg::MAX; a.vars.len()];
    compile_function(rt, &a.vars, &mut regs, &a.toplevel, &[], Box::new([]))
}

/// Most registers one frame may use.
const MAX_REGS: usize = u16::MAX as usize - 1;

fn compile_function(
    rt: &mut Runtime,
    vars: &[VarInfo],
    regs: &mut [Reg],
    f: &Function,
    capture_boxed: &[bool],
    captures: Box<[CaptureSource]>,
) -> Result<Gc<Proto>> {
    let mut c = FnCompiler {
        rt,
        vars,
        regs,
        capture_boxed,
        code: Vec::new(),
        spans: Vec::new(),
        consts: Vec::new(),
        const_index: HashMap::new(),
        protos: Vec::new(),
        next_reg: 0,
        max_regs: 0,
        span: f.span,
        self_loop_arity: (f.rest.is_none()).then_some(f.params.len()),
        params: Vec::new(),
        fresh_temp: None,
        targets: Vec::new(),
        loops: Vec::new(),
        handlers: Vec::new(),
    };
    for &p in f.params.iter().chain(f.rest.iter()) {
        let r = c.alloc()?;
        c.regs[p as usize] = r;
        c.params.push(p);
    }
    for &p in f.params.iter().chain(f.rest.iter()) {
        if c.vars[p as usize].boxed() {
            c.emit(Op::MakeBox {
                reg: c.regs[p as usize],
            });
        }
    }
    c.tail(&f.body)?;
    // Compiling is work a script can cause (through macros): it spends
    // fuel in proportion to the code it produced.
    c.rt.spend(c.code.len() as u64)?;
    let proto = Proto {
        name: f.name,
        nparams: f.params.len() as u16,
        rest: f.rest.is_some(),
        nregs: c.max_regs as u16,
        code: c.code.into_boxed_slice(),
        spans: c.spans.into_boxed_slice(),
        consts: c.consts.into_boxed_slice(),
        protos: c.protos.into_boxed_slice(),
        captures,
        handlers: c.handlers.into_boxed_slice(),
        span: f.span,
        tier: Default::default(),
    };
    if let Err(e) = proto.verify() {
        return Err(Error::new(
            ErrorKind::Syntax,
            format!(
                "internal compiler error: bytecode failed verification at {}: {}",
                e.pc, e.what
            ),
        )
        .at(f.span));
    }
    Ok(c.rt.heap.alloc(proto))
}

/// The identity of a constant: two constants with the same key are
/// `identical`; `None` for floats, which are never shared.
fn const_key(v: Value) -> Option<(u8, u64)> {
    Some(match v {
        Value::Float(_) => return None,
        Value::Nil => (0, 0),
        Value::Undef => (1, 0),
        Value::Bool(b) => (2, b as u64),
        Value::Int(i) => (3, i as u64),
        Value::Char(c) => (4, c as u64),
        Value::Symbol(s) => (5, s.0 as u64),
        Value::Keyword(s) => (6, s.0 as u64),
        _ => (7, v.header_ptr()?.as_ptr() as usize as u64),
    })
}

struct FnCompiler<'a> {
    rt: &'a mut Runtime,
    vars: &'a [VarInfo],
    /// Register of each variable of this function (indexed by `VarId`).
    regs: &'a mut [Reg],
    /// Whether each of this function's captures is a box.
    capture_boxed: &'a [bool],
    code: Vec<Op>,
    spans: Vec<Span>,
    consts: Vec<Value>,
    /// The index of each constant in `consts` by its identity (`const_key`).
    const_index: HashMap<(u8, u64), u32>,
    protos: Vec<Gc<Proto>>,
    next_reg: usize,
    max_regs: usize,
    span: Span,
    /// The argument count with which a tail call of this function to itself
    /// becomes a jump to its start (`None` with a rest parameter).
    self_loop_arity: Option<usize>,
    /// Parameter variables, in order.
    params: Vec<VarId>,
    /// A just-allocated top register that nothing reads yet: a call whose
    /// destination it is may use it as its base.
    fresh_temp: Option<Reg>,
    /// Where values in tail position go, innermost last; empty means the
    /// function returns them.
    targets: Vec<LoopExit>,
    /// Loops being compiled: their variables and the pc of their head.
    loops: Vec<(Vec<VarId>, usize)>,
    /// `Catch` and `Cleanup` ranges, innermost first (a range is added
    /// when its body has been compiled, after the ranges inside it).
    handlers: Vec<HandlerRange>,
}

/// The destination of a loop compiled as an expression, and the jumps that
/// leave it once their value is there.
struct LoopExit {
    dst: Reg,
    exits: Vec<Patch>,
}

/// A forward jump waiting for its target.
struct Patch(usize);

impl FnCompiler<'_> {
    fn emit(&mut self, op: Op) {
        self.code.push(op);
        self.spans.push(self.span);
    }

    fn alloc(&mut self) -> Result<Reg> {
        let r = self.next_reg;
        if r >= MAX_REGS {
            return Err(
                Error::new(ErrorKind::Limit, "function needs too many registers").at(self.span),
            );
        }
        self.next_reg += 1;
        self.max_regs = self.max_regs.max(self.next_reg);
        Ok(r as Reg)
    }

    /// The index of constant `v`, shared with an identical constant met
    /// before (floats are never shared: `-0.0` and `0.0` must stay apart,
    /// and NaNs may differ in payload).
    fn constant(&mut self, v: Value) -> Result<u32> {
        let key = const_key(v);
        if let Some(i) = key.and_then(|k| self.const_index.get(&k)) {
            return Ok(*i);
        }
        let i = self.consts.len() as u32;
        self.consts.push(v);
        if let Some(k) = key {
            self.const_index.insert(k, i);
        }
        Ok(i)
    }

    fn var_reg(&self, v: VarId) -> Reg {
        self.regs[v as usize]
    }

    /// Compiles `n` so that its value ends up in `dst`. Invariant: the
    /// registers allocated when it starts are the ones allocated when it
    /// ends (calls lay out their arguments in the registers that follow).
    fn expr(&mut self, n: &Node, dst: Reg) -> Result<()> {
        let saved_span = self.span;
        let saved_reg = self.next_reg;
        self.span = n.span;
        let fresh = self.fresh_temp.take() == Some(dst) && dst as usize + 1 == self.next_reg;
        let r = self.expr_inner(n, dst, fresh);
        self.span = saved_span;
        self.next_reg = saved_reg;
        r
    }

    /// Compiles `n` into a new top register, which calls may use as base.
    fn expr_fresh(&mut self, n: &Node) -> Result<Reg> {
        let t = self.alloc()?;
        self.fresh_temp = Some(t);
        self.expr(n, t)?;
        Ok(t)
    }

    /// Compiles `n` in tail position: its value is returned.
    fn tail(&mut self, n: &Node) -> Result<()> {
        let saved_span = self.span;
        self.span = n.span;
        let saved = self.next_reg;
        let r = match &n.kind {
            NodeKind::If(test, then, other) => (|| {
                let to_else = self.branch_unless(test)?;
                self.tail(then)?;
                self.patch(to_else)?;
                self.tail(other)
            })(),
            NodeKind::Seq(nodes) => (|| {
                let (last, init) = nodes
                    .split_last()
                    .ok_or_else(|| self.internal("empty sequence"))?;
                for e in init {
                    self.effect(e)?;
                }
                self.tail(last)
            })(),
            NodeKind::Bind(binds, body) => self.bind(binds).and_then(|_| self.tail(body)),
            NodeKind::Loop { vars, inits, body } => self.loop_in_place(vars, inits, body),
            NodeKind::Recur { up, args } => self.recur(*up, args),
            NodeKind::Handle {
                kind: HandlerKind::Catch,
                var: Some(var),
                body,
                handler,
            } => self.catch(*var, body, handler, None),
            NodeKind::Call { tail: true, .. } if self.targets.is_empty() => {
                self.expr_fresh(n).map(|_| ())
            }
            _ => match self.targets.last().map(|t| t.dst) {
                Some(dst) => self.expr(n, dst).map(|_| {
                    let p = self.jump();
                    if let Some(t) = self.targets.last_mut() {
                        t.exits.push(p);
                    }
                }),
                None => self.operand(n).map(|r| self.emit(Op::Return { src: r })),
            },
        };
        self.next_reg = saved;
        self.span = saved_span;
        r
    }

    fn expr_inner(&mut self, n: &Node, dst: Reg, fresh: bool) -> Result<()> {
        match &n.kind {
            NodeKind::Const(v) => self.load_const(*v, dst)?,
            NodeKind::Local(v) => {
                let r = self.var_reg(*v);
                if self.vars[*v as usize].boxed() {
                    self.emit(Op::BoxGet { dst, src: r });
                } else if r != dst {
                    self.emit(Op::Move { dst, src: r });
                }
            }
            NodeKind::Capture(i) => {
                if self.capture_boxed[*i as usize] {
                    self.emit(Op::GetCaptureBox { dst, idx: *i });
                } else {
                    self.emit(Op::GetCapture { dst, idx: *i });
                }
            }
            NodeKind::SelfClosure => self.emit(Op::LoadSelf { dst }),
            NodeKind::Global(g) => self.emit(Op::GetGlobal { dst, slot: *g }),
            NodeKind::SetLocal(..)
            | NodeKind::SetCapture(..)
            | NodeKind::SetGlobal(..)
            | NodeKind::DefineGlobal(..) => {
                self.effect(n)?;
                self.emit(Op::LoadNil { dst });
            }
            NodeKind::If(test, then, other) => {
                let to_else = self.branch_unless(test)?;
                self.expr(then, dst)?;
                let to_end = self.jump();
                self.patch(to_else)?;
                self.expr(other, dst)?;
                self.patch(to_end)?;
            }
            NodeKind::Seq(nodes) => {
                let (last, init) = nodes
                    .split_last()
                    .ok_or_else(|| self.internal("empty sequence"))?;
                for e in init {
                    self.effect(e)?;
                }
                self.expr(last, dst)?;
            }
            NodeKind::Bind(binds, body) => {
                let saved = self.next_reg;
                self.bind(binds)?;
                self.expr(body, dst)?;
                self.next_reg = saved;
            }
            NodeKind::Lambda(f) => self.closure(f, dst)?,
            NodeKind::Loop { .. } => {
                let saved = self.next_reg;
                self.targets.push(LoopExit {
                    dst,
                    exits: Vec::new(),
                });
                let r = self.tail(n);
                let target = self.targets.pop();
                r?;
                for p in target.map(|t| t.exits).unwrap_or_default() {
                    self.patch(p)?;
                }
                self.next_reg = saved;
            }
            NodeKind::Recur { .. } => {
                return Err(self.internal("a loop's recursion outside its tail"))
            }
            NodeKind::Call { callee, args, tail } => self.call(callee, args, *tail, dst, fresh)?,
            NodeKind::Prim(Prim::VectorSet, args) => {
                self.vector_set(args)?;
                self.emit(Op::LoadNil { dst });
            }
            NodeKind::Prim(p, args) => self.prim(*p, args, dst)?,
            NodeKind::Handle {
                kind,
                var,
                body,
                handler,
            } => match (kind, var) {
                (HandlerKind::Catch, Some(var)) => self.catch(*var, body, handler, Some(dst))?,
                (HandlerKind::Cleanup, _) => self.cleanup(body, handler, dst)?,
                (HandlerKind::Escape, Some(var)) => self.escape(*var, body, dst)?,
                (HandlerKind::Procedure, _) => self.with_handler(handler, body, dst)?,
                _ => return Err(self.internal("a handler without its variable")),
            },
        }
        Ok(())
    }

    /// Emits `PushHandler` with its target still to be patched.
    fn push_handler(&mut self, kind: HandlerKind, reg: Reg) -> Patch {
        self.emit(Op::PushHandler { kind, reg, off: 0 });
        Patch(self.code.len() - 1)
    }

    /// Returns the value in `r` from tail position: to the enclosing loop
    /// expression's destination, or from the function.
    fn tail_value(&mut self, r: Reg) {
        match self.targets.last().map(|t| t.dst) {
            Some(dst) => {
                if dst != r {
                    self.emit(Op::Move { dst, src: r });
                }
                let p = self.jump();
                if let Some(t) = self.targets.last_mut() {
                    t.exits.push(p);
                }
            }
            None => self.emit(Op::Return { src: r }),
        }
    }

    /// Adds the range guarding the instructions from `start` to here; its
    /// target is set by `handler_at`.
    fn guard_range(&mut self, kind: HandlerKind, reg: Reg, start: usize) -> usize {
        self.handlers.push(HandlerRange {
            start: start as u32,
            end: self.code.len() as u32,
            target: 0,
            reg,
            kind,
        });
        self.handlers.len() - 1
    }

    /// The handler's code of range `h` starts at the next instruction.
    fn handler_at(&mut self, h: usize) {
        self.handlers[h].target = self.code.len() as u32;
    }

    /// `(%catch body var handler)` into `dst`, or in tail position (`None`):
    ///
    /// ```text
    ///     body -> dst                   guarded: a raise resumes at L with
    ///     jump end                      R[e] := the raised value
    /// L:  handler -> dst                (tail: body -> t; return t;
    /// end:                               L: handler in tail position)
    /// ```
    ///
    /// No instruction installs or removes the handler: a raise finds it in
    /// the proto's table, so the no-raise path costs the jump (in tail
    /// position, nothing) over the body alone. The body may compute straight
    /// into `dst`: it writes it only as its last step, so a raise leaves
    /// `dst` for the handler.
    fn catch(&mut self, var: VarId, body: &Node, handler: &Node, dst: Option<Reg>) -> Result<()> {
        let saved = self.next_reg;
        let e = self.alloc()?;
        let start = self.code.len();
        let (range, to_end) = match dst {
            Some(dst) => {
                self.expr(body, dst)?;
                let range = self.guard_range(HandlerKind::Catch, e, start);
                (range, Some(self.jump()))
            }
            None => {
                let t = self.expr_fresh(body)?;
                let range = self.guard_range(HandlerKind::Catch, e, start);
                self.tail_value(t);
                (range, None)
            }
        };
        self.next_reg = e as usize + 1;
        self.handler_at(range);
        self.regs[var as usize] = e;
        if self.vars[var as usize].boxed() {
            self.emit(Op::MakeBox { reg: e });
        }
        match dst {
            Some(dst) => self.expr(handler, dst)?,
            None => self.tail(handler)?,
        }
        if let Some(p) = to_end {
            self.patch(p)?;
        }
        self.next_reg = saved;
        Ok(())
    }

    /// `(%finally body cleanup)` into `dst`; the cleanup code is shared by
    /// the normal exit (R[p+1] = true: `Resume` falls through) and the
    /// handler (a raise or an escape: `Resume` goes on with it):
    ///
    /// ```text
    ///     body -> t                     guarded: a raise or escape resumes
    ///     R[p+1] := true                at L with R[p], R[p+1] set
    /// L:  cleanup
    ///     Resume p
    ///     dst := t
    /// ```
    fn cleanup(&mut self, body: &Node, cleanup: &Node, dst: Reg) -> Result<()> {
        let saved = self.next_reg;
        let p = self.alloc()?;
        self.alloc()?;
        let start = self.code.len();
        let t = self.expr_fresh(body)?;
        let range = self.guard_range(HandlerKind::Cleanup, p, start);
        self.emit(Op::LoadBool {
            dst: p + 1,
            value: true,
        });
        self.handler_at(range);
        self.effect(cleanup)?;
        self.emit(Op::Resume { src: p });
        if dst != t {
            self.emit(Op::Move { dst, src: t });
        }
        self.next_reg = saved;
        Ok(())
    }

    /// `(%escape var body)` into `dst`. The continuation stays in `k`, a
    /// register the program cannot assign, while the handler is live:
    ///
    /// ```text
    ///     PushHandler Escape k -> L     R[k] := a new continuation
    ///     var := k
    ///     body -> dst
    ///     PopHandler, jump end
    /// L:  dst := k                      (the delivered value)
    /// end:
    /// ```
    fn escape(&mut self, var: VarId, body: &Node, dst: Reg) -> Result<()> {
        let saved = self.next_reg;
        let k = self.alloc()?;
        let push = self.push_handler(HandlerKind::Escape, k);
        let kv = self.alloc()?;
        self.emit(Op::Move { dst: kv, src: k });
        self.regs[var as usize] = kv;
        if self.vars[var as usize].boxed() {
            self.emit(Op::MakeBox { reg: kv });
        }
        self.expr(body, dst)?;
        let to_end = self.pop_handler();
        self.patch(push)?;
        self.emit(Op::Move { dst, src: k });
        self.patch(to_end)?;
        self.next_reg = saved;
        Ok(())
    }

    /// `(%with-handler handler body)` into `dst`.
    fn with_handler(&mut self, handler: &Node, body: &Node, dst: Reg) -> Result<()> {
        let saved = self.next_reg;
        let h = self.expr_fresh(handler)?;
        self.emit(Op::PushHandler {
            kind: HandlerKind::Procedure,
            reg: h,
            off: 0,
        });
        self.expr(body, dst)?;
        self.emit(Op::PopHandler { off: 0 });
        self.next_reg = saved;
        Ok(())
    }

    /// Emits `PopHandler` with its jump target still to be patched.
    fn pop_handler(&mut self) -> Patch {
        self.emit(Op::PopHandler { off: 0 });
        Patch(self.code.len() - 1)
    }

    fn internal(&self, what: &str) -> Error {
        Error::new(
            ErrorKind::Syntax,
            format!("internal compiler error: {}", what),
        )
        .at(self.span)
    }

    /// Compiles `n` for its effect only; like `expr`, it leaves the
    /// allocated registers as it found them.
    fn effect(&mut self, n: &Node) -> Result<()> {
        let saved_span = self.span;
        let saved_reg = self.next_reg;
        self.span = n.span;
        let r = self.effect_inner(n);
        self.span = saved_span;
        self.next_reg = saved_reg;
        r
    }

    fn effect_inner(&mut self, n: &Node) -> Result<()> {
        match &n.kind {
            NodeKind::Const(_)
            | NodeKind::Local(_)
            | NodeKind::Capture(_)
            | NodeKind::SelfClosure => {}
            NodeKind::SetLocal(v, value) => {
                let r = self.var_reg(*v);
                if self.vars[*v as usize].boxed() {
                    let t = self.operand(value)?;
                    self.emit(Op::BoxSet { dst: r, src: t });
                } else {
                    self.expr(value, r)?;
                }
            }
            NodeKind::SetCapture(i, value) => {
                let t = self.operand(value)?;
                if !self.capture_boxed[*i as usize] {
                    return Err(self.internal("assignment to an unboxed capture"));
                }
                self.emit(Op::SetCaptureBox { idx: *i, src: t });
            }
            NodeKind::SetGlobal(g, value) => {
                let t = self.operand(value)?;
                self.emit(Op::SetGlobal { src: t, slot: *g });
            }
            NodeKind::DefineGlobal(g, value) => {
                let t = self.operand(value)?;
                self.emit(Op::DefineGlobal { src: t, slot: *g });
            }
            NodeKind::Prim(Prim::VectorSet, args) => self.vector_set(args)?,
            _ => {
                let saved = self.next_reg;
                let t = self.alloc()?;
                self.expr(n, t)?;
                self.next_reg = saved;
            }
        }
        Ok(())
    }

    /// A register holding the value of `n`: a local's own register when it
    /// can be read directly, else a fresh temporary (released by the caller
    /// resetting `next_reg`).
    fn operand(&mut self, n: &Node) -> Result<Reg> {
        if let NodeKind::Local(v) = n.kind {
            if !self.vars[v as usize].boxed() {
                return Ok(self.var_reg(v));
            }
        }
        self.expr_fresh(n)
    }

    fn load_const(&mut self, v: Value, dst: Reg) -> Result<()> {
        match v {
            Value::Nil => self.emit(Op::LoadNil { dst }),
            Value::Bool(value) => self.emit(Op::LoadBool { dst, value }),
            Value::Int(i) if i32::try_from(i).is_ok() => self.emit(Op::LoadInt {
                dst,
                value: i as i32,
            }),
            _ => {
                let k = self.constant(v)?;
                self.emit(Op::LoadConst { dst, k });
            }
        }
        Ok(())
    }

    /// Binds each variable to a fresh register holding its init (the
    /// inits cannot see the new variables, so each register may be the base
    /// of a call in its own init).
    fn bind(&mut self, binds: &[(VarId, Node)]) -> Result<()> {
        let mut regs = Vec::with_capacity(binds.len());
        for (_, init) in binds {
            regs.push(self.expr_fresh(init)?);
        }
        for ((v, _), &r) in binds.iter().zip(&regs) {
            self.regs[*v as usize] = r;
            if self.vars[*v as usize].boxed() {
                self.emit(Op::MakeBox { reg: r });
            }
        }
        Ok(())
    }

    fn jump(&mut self) -> Patch {
        self.emit(Op::Jump { off: 0 });
        Patch(self.code.len() - 1)
    }

    /// Points the jump at `p` to the next instruction to be emitted.
    fn patch(&mut self, p: Patch) -> Result<()> {
        let off = (self.code.len() - p.0 - 1) as i64;
        let short = i16::try_from(off).ok();
        self.code[p.0] = match self.code[p.0] {
            Op::Jump { .. } => Op::Jump { off: off as i32 },
            Op::JumpIfFalse { src, .. } => Op::JumpIfFalse {
                src,
                off: off as i32,
            },
            Op::JumpIfTrue { src, .. } => Op::JumpIfTrue {
                src,
                off: off as i32,
            },
            Op::JumpUnlessCmp { cmp, a, b, .. } => match short {
                Some(off) => Op::JumpUnlessCmp { cmp, a, b, off },
                None => return Err(self.too_large()),
            },
            Op::JumpUnlessCmpImm { cmp, a, imm, .. } => match short {
                Some(off) => Op::JumpUnlessCmpImm { cmp, a, imm, off },
                None => return Err(self.too_large()),
            },
            Op::PushHandler { kind, reg, .. } => Op::PushHandler {
                kind,
                reg,
                off: off as i32,
            },
            Op::PopHandler { .. } => Op::PopHandler { off: off as i32 },
            _ => return Err(self.internal("patching a non-jump")),
        };
        Ok(())
    }

    fn too_large(&self) -> Error {
        Error::new(
            ErrorKind::Limit,
            "a branch is longer than 32767 instructions",
        )
        .at(self.span)
    }

    /// Emits a jump taken when `test` is false; returns it for patching.
    fn branch_unless(&mut self, test: &Node) -> Result<Patch> {
        let saved = self.next_reg;
        let patch = match &test.kind {
            NodeKind::Prim(p, args) if args.len() == 2 && cmp_of(*p).is_some() => {
                let cmp = cmp_of(*p).ok_or_else(|| self.internal("comparison"))?;
                let a = self.operand(&args[0])?;
                match small_int(&args[1]) {
                    Some(imm) => self.emit(Op::JumpUnlessCmpImm {
                        cmp,
                        a,
                        imm,
                        off: 0,
                    }),
                    None => {
                        let b = self.operand(&args[1])?;
                        self.emit(Op::JumpUnlessCmp { cmp, a, b, off: 0 });
                    }
                }
                Patch(self.code.len() - 1)
            }
            NodeKind::Prim(Prim::Not, args) => {
                let r = self.operand(&args[0])?;
                self.emit(Op::JumpIfTrue { src: r, off: 0 });
                Patch(self.code.len() - 1)
            }
            _ => {
                let r = self.operand(test)?;
                self.emit(Op::JumpIfFalse { src: r, off: 0 });
                Patch(self.code.len() - 1)
            }
        };
        self.next_reg = saved;
        Ok(patch)
    }

    /// Creates a closure of `f` in `dst`.
    fn closure(&mut self, f: &Function, dst: Reg) -> Result<()> {
        let boxed: Vec<bool> = f
            .captures
            .iter()
            .map(|c| match *c {
                CaptureFrom::Local(v) => self.vars[v as usize].boxed(),
                CaptureFrom::Capture(i) => self.capture_boxed[i as usize],
                CaptureFrom::SelfClosure => false,
            })
            .collect();
        let sources: Box<[CaptureSource]> = f
            .captures
            .iter()
            .map(|c| match *c {
                CaptureFrom::Local(v) => CaptureSource::Register(self.var_reg(v)),
                CaptureFrom::Capture(i) => CaptureSource::Capture(i),
                CaptureFrom::SelfClosure => CaptureSource::SelfClosure,
            })
            .collect();
        let proto = compile_function(self.rt, self.vars, self.regs, f, &boxed, sources)?;
        if self.protos.len() >= u16::MAX as usize {
            return Err(Error::new(ErrorKind::Limit, "too many nested functions").at(self.span));
        }
        self.protos.push(proto);
        self.emit(Op::Closure {
            dst,
            proto: (self.protos.len() - 1) as u16,
        });
        Ok(())
    }

    /// Compiles a call; in tail position it replaces the current frame, and
    /// a tail call of the running function to itself is a jump.
    ///
    /// With `fresh`, `dst` is the top register and nothing reads it, so it
    /// serves as the call's base and the result needs no move.
    fn call(
        &mut self,
        callee: &Node,
        args: &[Node],
        tail: bool,
        dst: Reg,
        fresh: bool,
    ) -> Result<()> {
        if tail
            && matches!(callee.kind, NodeKind::SelfClosure)
            && self.self_loop_arity == Some(args.len())
        {
            return self.self_loop(args);
        }
        let saved = self.next_reg;
        let base = if fresh { dst } else { self.alloc()? };
        self.expr(callee, base)?;
        for a in args {
            self.expr_fresh(a)?;
        }
        let argc = u16::try_from(args.len()).map_err(|_| {
            Error::new(ErrorKind::Limit, "too many arguments in one call").at(self.span)
        })?;
        if tail {
            self.emit(Op::TailCall { base, argc });
        } else {
            self.emit(Op::Call { base, argc });
            if dst != base {
                self.emit(Op::Move { dst, src: base });
            }
        }
        self.next_reg = saved;
        Ok(())
    }

    /// Compiles a loop whose value goes where the current tail target
    /// says: binds its variables, marks its head, runs its body.
    fn loop_in_place(&mut self, vars: &[VarId], inits: &[Node], body: &Node) -> Result<()> {
        let mut regs = Vec::with_capacity(vars.len());
        for init in inits {
            regs.push(self.expr_fresh(init)?);
        }
        let head = self.code.len();
        for (&v, &r) in vars.iter().zip(&regs) {
            self.regs[v as usize] = r;
            if self.vars[v as usize].boxed() {
                self.emit(Op::MakeBox { reg: r });
            }
        }
        self.loops.push((vars.to_vec(), head));
        let r = self.tail(body);
        self.loops.pop();
        r
    }

    /// The next iteration of the loop `up` levels out from the innermost.
    fn recur(&mut self, up: usize, args: &[Node]) -> Result<()> {
        let (vars, head) = self
            .loops
            .iter()
            .rev()
            .nth(up)
            .cloned()
            .ok_or_else(|| self.internal("recursion outside a loop"))?;
        self.rebind_and_jump(&vars, args, head)
    }

    /// Rebinds the parameters to `args` and jumps back to the start: the
    /// frame is reused exactly as a tail call would reuse it.
    fn self_loop(&mut self, args: &[Node]) -> Result<()> {
        let params = self.params.clone();
        self.rebind_and_jump(&params, args, 0)
    }

    /// Assigns `args` to `params` as one parallel assignment, then jumps to
    /// `head` (which re-boxes boxed variables).
    fn rebind_and_jump(&mut self, params: &[VarId], args: &[Node], head: usize) -> Result<()> {
        let saved = self.next_reg;
        // Arguments still to compute (an argument that is its own variable
        // needs nothing). Each round computes, straight into its variable,
        // an argument whose variable no other pending argument reads; when
        // none qualifies (a cycle such as a swap, or a boxed variable), one
        // argument goes to a temporary that is moved in at the end.
        let mut pending: Vec<usize> = (0..args.len())
            .filter(|&i| !matches!(args[i].kind, NodeKind::Local(v) if v == params[i]))
            .collect();
        let mut moves = Vec::new();
        while !pending.is_empty() {
            let ready = pending.iter().position(|&i| {
                let p = params[i];
                !self.vars[p as usize].boxed()
                    && pending.iter().all(|&k| k == i || !reads_var(&args[k], p))
            });
            match ready {
                Some(pos) => {
                    let i = pending.remove(pos);
                    let r = self.var_reg(params[i]);
                    self.expr(&args[i], r)?;
                }
                None => {
                    let i = pending.remove(0);
                    let t = self.alloc()?;
                    self.expr(&args[i], t)?;
                    moves.push((self.var_reg(params[i]), t));
                }
            }
        }
        for (param, t) in moves {
            self.emit(Op::Move { dst: param, src: t });
        }
        self.retest_at_back_edge(head);
        let off = head as i64 - (self.code.len() as i64 + 1);
        let off = i32::try_from(off).map_err(|_| self.too_large())?;
        self.emit(Op::Jump { off });
        self.next_reg = saved;
        Ok(())
    }

    /// When the loop starts with a comparison that stays in the loop, tests
    /// it again here and jumps past it when it holds: one dispatch per
    /// iteration instead of two. The jump to `head` that follows handles
    /// the last iteration (the re-test there fails and leaves the loop).
    fn retest_at_back_edge(&mut self, head: usize) {
        let off = i16::try_from(head as i64 + 1 - (self.code.len() as i64 + 1)).ok();
        let op = match (self.code.get(head).copied(), off) {
            (Some(Op::JumpUnlessCmp { cmp, a, b, .. }), Some(off)) => {
                Op::JumpIfCmp { cmp, a, b, off }
            }
            (Some(Op::JumpUnlessCmpImm { cmp, a, imm, .. }), Some(off)) => {
                Op::JumpIfCmpImm { cmp, a, imm, off }
            }
            _ => return,
        };
        self.emit(op);
    }

    /// Compiles an inline primitive operation.
    fn prim(&mut self, p: Prim, args: &[Node], dst: Reg) -> Result<()> {
        let saved = self.next_reg;
        if let (Prim::Add | Prim::Sub, Some(imm)) = (p, args.get(1).and_then(small_int)) {
            let a = self.operand(&args[0])?;
            let imm = if p == Prim::Sub {
                imm.checked_neg()
            } else {
                Some(imm)
            };
            if let Some(imm) = imm {
                self.emit(Op::AddImm { dst, a, imm });
                self.next_reg = saved;
                return Ok(());
            }
        }
        let r = args
            .iter()
            .map(|a| self.operand(a))
            .collect::<Result<Vec<_>>>()?;
        let (a, b) = (r[0], r.get(1).copied().unwrap_or(r[0]));
        let op = match p {
            Prim::Add => Op::Add { dst, a, b },
            Prim::Sub => Op::Sub { dst, a, b },
            Prim::Mul => Op::Mul { dst, a, b },
            Prim::Div => Op::Div { dst, a, b },
            Prim::Quotient => Op::Quotient { dst, a, b },
            Prim::Remainder => Op::Remainder { dst, a, b },
            Prim::Modulo => Op::Modulo { dst, a, b },
            Prim::Lt | Prim::Le | Prim::Gt | Prim::Ge | Prim::NumEq => Op::Compare {
                cmp: cmp_of(p).ok_or_else(|| self.internal("comparison"))?,
                dst,
                a: r[0],
                b: r[1],
            },
            Prim::Car => Op::Car { dst, src: r[0] },
            Prim::Cdr => Op::Cdr { dst, src: r[0] },
            Prim::Cons => Op::Cons {
                dst,
                a: r[0],
                b: r[1],
            },
            Prim::IsNull => Op::IsNull { dst, src: r[0] },
            Prim::IsPair => Op::IsPair { dst, src: r[0] },
            Prim::Not => Op::Not { dst, src: r[0] },
            Prim::IsEq => Op::IsEq {
                dst,
                a: r[0],
                b: r[1],
            },
            Prim::VectorRef => Op::VectorRef {
                dst,
                v: r[0],
                i: r[1],
            },
            Prim::VectorSet => return Err(self.internal("vector-set! as a value op")),
        };
        self.emit(op);
        self.next_reg = saved;
        Ok(())
    }

    /// Compiles `(vector-set! v i x)` for its effect.
    fn vector_set(&mut self, args: &[Node]) -> Result<()> {
        let saved = self.next_reg;
        let r = args
            .iter()
            .map(|a| self.operand(a))
            .collect::<Result<Vec<_>>>()?;
        self.emit(Op::VectorSet {
            v: r[0],
            i: r[1],
            x: r[2],
        });
        self.next_reg = saved;
        Ok(())
    }
}

/// True when evaluating `n` may read or assign variable `v` (directly, or
/// by creating a closure that captures it).
fn reads_var(n: &Node, v: VarId) -> bool {
    match &n.kind {
        NodeKind::Local(x) => *x == v,
        NodeKind::Const(_) | NodeKind::Capture(_) | NodeKind::SelfClosure | NodeKind::Global(_) => {
            false
        }
        NodeKind::SetLocal(x, e) => *x == v || reads_var(e, v),
        NodeKind::SetCapture(_, e) | NodeKind::SetGlobal(_, e) | NodeKind::DefineGlobal(_, e) => {
            reads_var(e, v)
        }
        NodeKind::If(a, b, c) => reads_var(a, v) || reads_var(b, v) || reads_var(c, v),
        NodeKind::Seq(items) | NodeKind::Prim(_, items) => items.iter().any(|e| reads_var(e, v)),
        NodeKind::Bind(binds, body) => {
            binds.iter().any(|(_, e)| reads_var(e, v)) || reads_var(body, v)
        }
        NodeKind::Lambda(f) => f.captures.contains(&CaptureFrom::Local(v)),
        NodeKind::Call { callee, args, .. } => {
            reads_var(callee, v) || args.iter().any(|e| reads_var(e, v))
        }
        NodeKind::Loop { inits, body, .. } => {
            inits.iter().any(|e| reads_var(e, v)) || reads_var(body, v)
        }
        NodeKind::Recur { args, .. } => args.iter().any(|e| reads_var(e, v)),
        NodeKind::Handle {
            var, body, handler, ..
        } => *var == Some(v) || reads_var(body, v) || reads_var(handler, v),
    }
}

/// The comparison an inline primitive performs, if it is one.
fn cmp_of(p: Prim) -> Option<Cmp> {
    Some(match p {
        Prim::Lt => Cmp::Lt,
        Prim::Le => Cmp::Le,
        Prim::Gt => Cmp::Gt,
        Prim::Ge => Cmp::Ge,
        Prim::NumEq => Cmp::Eq,
        _ => return None,
    })
}

/// The value of an integer constant that fits in an `i16` immediate.
fn small_int(n: &Node) -> Option<i16> {
    match n.kind {
        NodeKind::Const(Value::Int(i)) => i16::try_from(i).ok(),
        _ => None,
    }
}
