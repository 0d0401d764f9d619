//! Register bytecode: instructions, compiled functions (`Proto`) and a
//! disassembler.
//!
//! Encoding: one `Op` per instruction, 8 bytes, a `match`-able enum with
//! named fields. Registers are `u16` indices relative to the frame base
//! `R[0]`; the called closure sits in `R[-1]`. Jump offsets count
//! instructions from the one after the jump. A call places the callee in
//! `R[base]` and the arguments in `R[base+1 ..= base+argc]`; the result comes
//! back in `R[base]`.

use alloc::boxed::Box;
use alloc::string::String;
use core::fmt::Write;

use crate::backend::Tier;
use crate::error::Span;
use crate::heap::{Gc, HeapObject, ObjKind, Tracer};
use crate::symbol::Sym;
use crate::value::Value;

/// Register index within a frame.
pub type Reg = u16;

/// A numeric comparison that fused jumps and `Cmp` evaluate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Cmp {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
}

/// A handler: `Catch` and `Cleanup` are ranges in a proto's handler table
/// (no instruction runs to install them); `Escape` and `Procedure` are
/// installed by `PushHandler` (see `vm/handlers.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum HandlerKind {
    /// Catches a raised value: R[reg] := the value (a runtime error as an
    /// exception object), then pc := the target.
    Catch,
    /// Runs cleanup code on any raise or escape leaving it: R[reg] := the
    /// raised or delivered value, R[reg+1] := the escape's continuation
    /// (nil for a raise), then pc := the target; `Resume` goes on after.
    Cleanup,
    /// An escape point: R[reg] := a new continuation now; when it is
    /// called, R[reg] := the value it delivers, then pc := the target.
    Escape,
    /// A handler procedure in R[reg], called where a raise happens
    /// (`with-exception-handler`); the target is unused.
    Procedure,
}

/// One instruction; register notation: `R[x]` register, `K[x]` constant,
/// `G[x]` global slot, `C[x]` captured value of the running closure.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Op {
    /// R[dst] := R[src]
    Move { dst: Reg, src: Reg },
    /// R[dst] := nil
    LoadNil { dst: Reg },
    /// R[dst] := value (a boolean)
    LoadBool { dst: Reg, value: bool },
    /// R[dst] := value (an integer)
    LoadInt { dst: Reg, value: i32 },
    /// R[dst] := K[k]
    LoadConst { dst: Reg, k: u32 },
    /// R[dst] := G[slot]; an undefined slot raises `unbound`
    GetGlobal { dst: Reg, slot: u32 },
    /// G[slot] := R[src]; an undefined slot raises `unbound`
    SetGlobal { src: Reg, slot: u32 },
    /// G[slot] := R[src] (a definition: the slot need not be defined yet)
    DefineGlobal { src: Reg, slot: u32 },
    /// R[dst] := C[idx]
    GetCapture { dst: Reg, idx: u16 },
    /// R[dst] := contents of the box C[idx]
    GetCaptureBox { dst: Reg, idx: u16 },
    /// contents of the box C[idx] := R[src]
    SetCaptureBox { idx: u16, src: Reg },
    /// R[dst] := the running closure
    LoadSelf { dst: Reg },
    /// R[reg] := a new box holding R[reg]
    MakeBox { reg: Reg },
    /// R[dst] := contents of the box R[src]
    BoxGet { dst: Reg, src: Reg },
    /// contents of the box R[dst] := R[src]
    BoxSet { dst: Reg, src: Reg },
    /// R[dst] := a closure of child proto P[proto] with its captures
    Closure { dst: Reg, proto: u16 },
    /// pc += off
    Jump { off: i32 },
    /// if not R[src] then pc += off
    JumpIfFalse { src: Reg, off: i32 },
    /// if R[src] then pc += off
    JumpIfTrue { src: Reg, off: i32 },
    /// if not (R[a] cmp R[b]) then pc += off
    JumpUnlessCmp { cmp: Cmp, a: Reg, b: Reg, off: i16 },
    /// if not (R[a] cmp imm) then pc += off
    JumpUnlessCmpImm {
        cmp: Cmp,
        a: Reg,
        imm: i16,
        off: i16,
    },
    /// if (R[a] cmp R[b]) then pc += off (a loop's re-test at its back-edge)
    JumpIfCmp { cmp: Cmp, a: Reg, b: Reg, off: i16 },
    /// if (R[a] cmp imm) then pc += off
    JumpIfCmpImm {
        cmp: Cmp,
        a: Reg,
        imm: i16,
        off: i16,
    },
    /// R[dst] := R[a] cmp R[b]
    Compare { cmp: Cmp, dst: Reg, a: Reg, b: Reg },
    /// R[dst] := R[a] + R[b]
    Add { dst: Reg, a: Reg, b: Reg },
    /// R[dst] := R[a] + imm
    AddImm { dst: Reg, a: Reg, imm: i16 },
    /// R[dst] := R[a] - R[b]
    Sub { dst: Reg, a: Reg, b: Reg },
    /// R[dst] := R[a] * R[b]
    Mul { dst: Reg, a: Reg, b: Reg },
    /// R[dst] := R[a] / R[b] (truncating on two integers)
    Div { dst: Reg, a: Reg, b: Reg },
    /// R[dst] := quotient R[a] R[b]
    Quotient { dst: Reg, a: Reg, b: Reg },
    /// R[dst] := remainder R[a] R[b]
    Remainder { dst: Reg, a: Reg, b: Reg },
    /// R[dst] := modulo R[a] R[b]
    Modulo { dst: Reg, a: Reg, b: Reg },
    /// R[dst] := car R[src]
    Car { dst: Reg, src: Reg },
    /// R[dst] := cdr R[src]
    Cdr { dst: Reg, src: Reg },
    /// R[dst] := cons R[a] R[b]
    Cons { dst: Reg, a: Reg, b: Reg },
    /// R[dst] := null? R[src]
    IsNull { dst: Reg, src: Reg },
    /// R[dst] := pair? R[src]
    IsPair { dst: Reg, src: Reg },
    /// R[dst] := not R[src]
    Not { dst: Reg, src: Reg },
    /// R[dst] := eq? R[a] R[b]
    IsEq { dst: Reg, a: Reg, b: Reg },
    /// R[dst] := vector-ref R[v] R[i]
    VectorRef { dst: Reg, v: Reg, i: Reg },
    /// vector-set! R[v] R[i] R[x]
    VectorSet { v: Reg, i: Reg, x: Reg },
    /// R[base] := R[base](R[base+1], ..., R[base+argc])
    Call { base: Reg, argc: u16 },
    /// return R[base](R[base+1], ..., R[base+argc]), reusing this frame
    TailCall { base: Reg, argc: u16 },
    /// return R[src]
    Return { src: Reg },
    /// installs an `Escape` or `Procedure` handler for this frame (target
    /// pc + off)
    PushHandler {
        kind: HandlerKind,
        reg: Reg,
        off: i32,
    },
    /// removes the innermost handler (the body it guarded ended normally),
    /// then pc += off (past the handler's code)
    PopHandler { off: i32 },
    /// raises R[src] again, or escapes again to R[src+1] when that is a
    /// continuation (the end of a `Cleanup` handler)
    Resume { src: Reg },
}

/// A `Catch` or `Cleanup` handler guarding the instructions
/// `start .. end` of a proto: a raise (or, for a cleanup, an escape) while
/// one of them runs resumes the frame at `target` (see `HandlerKind`).
/// A proto lists nested ranges innermost first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HandlerRange {
    pub start: u32,
    pub end: u32,
    pub target: u32,
    pub reg: Reg,
    pub kind: HandlerKind,
}

impl HandlerRange {
    /// True when instruction `i` is guarded.
    pub fn covers(&self, i: usize) -> bool {
        (self.start as usize..self.end as usize).contains(&i)
    }
}

/// How a new closure obtains one captured value from the creating frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaptureSource {
    /// R[reg] of the creating frame (a value, or a box for assigned variables)
    Register(Reg),
    /// C[idx] of the creating closure
    Capture(u16),
    /// the creating closure itself
    SelfClosure,
}

/// A compiled function.
pub struct Proto {
    pub name: Option<Sym>,
    /// Fixed parameters, in R[0 .. nparams].
    pub nparams: u16,
    /// Extra arguments are collected into a list in R[nparams].
    pub rest: bool,
    /// Registers the frame needs (parameters included).
    pub nregs: u16,
    pub code: Box<[Op]>,
    /// The source span of each instruction.
    pub spans: Box<[Span]>,
    pub consts: Box<[Value]>,
    pub protos: Box<[Gc<Proto>]>,
    /// How a closure of this proto is built from the creating frame.
    pub captures: Box<[CaptureSource]>,
    /// The `Catch` and `Cleanup` ranges, innermost first.
    pub handlers: Box<[HandlerRange]>,
    pub span: Span,
    /// Where the proto stands with the code backend (counters, native code).
    pub(crate) tier: Tier,
}

/// Why a proto failed verification.
#[derive(Debug, PartialEq, Eq)]
pub struct VerifyError {
    pub pc: usize,
    pub what: &'static str,
}

impl Proto {
    /// Checks the invariants the VM relies on without re-checking them per
    /// instruction: every register operand is below `nregs`, every jump lands
    /// inside the code, every constant, child and capture index exists, and
    /// the last instruction cannot fall through past the end.
    pub fn verify(&self) -> Result<(), VerifyError> {
        let n = self.nregs as usize;
        let len = self.code.len();
        let fail = |pc, what| Err(VerifyError { pc, what });
        if (self.nparams as usize + self.rest as usize) > n {
            return fail(0, "parameters exceed the register count");
        }
        match self.code.last() {
            Some(Op::Return { .. } | Op::Jump { .. } | Op::TailCall { .. }) => {}
            Some(Op::Resume { .. }) => {}
            _ => return fail(len, "code can run past its end"),
        }
        for (pc, op) in self.code.iter().enumerate() {
            let regs: &[u16] = match *op {
                Op::Move { dst, src } => &[dst, src],
                Op::LoadNil { dst }
                | Op::LoadBool { dst, .. }
                | Op::LoadInt { dst, .. }
                | Op::GetGlobal { dst, .. }
                | Op::LoadSelf { dst }
                | Op::Closure { dst, .. } => &[dst],
                Op::LoadConst { dst, k } => {
                    if k as usize >= self.consts.len() {
                        return fail(pc, "constant index out of range");
                    }
                    &[dst]
                }
                Op::SetGlobal { src, .. } | Op::DefineGlobal { src, .. } => &[src],
                Op::GetCapture { dst, idx } | Op::GetCaptureBox { dst, idx } => {
                    if idx as usize >= self.captures.len() {
                        return fail(pc, "capture index out of range");
                    }
                    &[dst]
                }
                Op::SetCaptureBox { idx, src } => {
                    if idx as usize >= self.captures.len() {
                        return fail(pc, "capture index out of range");
                    }
                    &[src]
                }
                Op::MakeBox { reg } => &[reg],
                Op::BoxGet { dst, src } | Op::BoxSet { dst, src } => &[dst, src],
                Op::Jump { .. } => &[],
                Op::JumpIfFalse { src, .. } | Op::JumpIfTrue { src, .. } => &[src],
                Op::JumpUnlessCmp { a, b, .. } => &[a, b],
                Op::JumpUnlessCmpImm { a, .. } => &[a],
                Op::JumpIfCmp { a, b, .. } => &[a, b],
                Op::JumpIfCmpImm { a, .. } => &[a],
                Op::Compare { dst, a, b, .. }
                | Op::Add { dst, a, b }
                | Op::Sub { dst, a, b }
                | Op::Mul { dst, a, b }
                | Op::Div { dst, a, b }
                | Op::Quotient { dst, a, b }
                | Op::Remainder { dst, a, b }
                | Op::Modulo { dst, a, b }
                | Op::Cons { dst, a, b }
                | Op::IsEq { dst, a, b } => &[dst, a, b],
                Op::AddImm { dst, a, .. } => &[dst, a],
                Op::Car { dst, src }
                | Op::Cdr { dst, src }
                | Op::IsNull { dst, src }
                | Op::IsPair { dst, src }
                | Op::Not { dst, src } => &[dst, src],
                Op::VectorRef { dst, v, i } => &[dst, v, i],
                Op::VectorSet { v, i, x } => &[v, i, x],
                Op::Call { base, argc } | Op::TailCall { base, argc } => {
                    if base as usize + argc as usize >= n {
                        return fail(pc, "call operands exceed the register count");
                    }
                    &[base]
                }
                Op::Return { src } => &[src],
                Op::PushHandler { kind, reg, .. } => {
                    if !matches!(kind, HandlerKind::Escape | HandlerKind::Procedure) {
                        return fail(pc, "PushHandler of a range kind");
                    }
                    &[reg]
                }
                Op::PopHandler { .. } => &[],
                Op::Resume { src } => {
                    if src as usize + 1 >= n {
                        return fail(pc, "register out of range");
                    }
                    &[src]
                }
            };
            if regs.iter().any(|&r| r as usize >= n) {
                return fail(pc, "register out of range");
            }
            if let Op::Closure { proto, .. } = *op {
                if proto as usize >= self.protos.len() {
                    return fail(pc, "child proto index out of range");
                }
            }
            let off = match *op {
                Op::Jump { off }
                | Op::JumpIfFalse { off, .. }
                | Op::JumpIfTrue { off, .. }
                | Op::PopHandler { off } => Some(off as i64),
                Op::JumpUnlessCmp { off, .. }
                | Op::JumpUnlessCmpImm { off, .. }
                | Op::JumpIfCmp { off, .. }
                | Op::JumpIfCmpImm { off, .. } => Some(off as i64),
                Op::PushHandler { off, kind, .. } if kind != HandlerKind::Procedure => {
                    Some(off as i64)
                }
                _ => None,
            };
            if let Some(off) = off {
                let target = pc as i64 + 1 + off;
                if target < 0 || target >= len as i64 {
                    return fail(pc, "jump target outside the code");
                }
            }
        }
        for (i, h) in self.handlers.iter().enumerate() {
            let regs = h.reg as usize + (h.kind == HandlerKind::Cleanup) as usize;
            if h.start > h.end
                || h.end as usize > len
                || h.target as usize >= len
                || regs >= n
                || !matches!(h.kind, HandlerKind::Catch | HandlerKind::Cleanup)
            {
                return fail(i, "a handler range is out of range");
            }
        }
        for (i, p) in self.protos.iter().enumerate() {
            for c in p.captures.iter() {
                let bad = match *c {
                    CaptureSource::Register(r) => r as usize >= n,
                    CaptureSource::Capture(k) => k as usize >= self.captures.len(),
                    CaptureSource::SelfClosure => false,
                };
                if bad {
                    return fail(i, "a child's capture source is out of range");
                }
            }
        }
        Ok(())
    }
}

impl HeapObject for Proto {
    const KIND: ObjKind = ObjKind::Proto;
    fn trace(&self, t: &mut Tracer) {
        for &v in self.consts.iter() {
            t.value(v);
        }
        for &p in self.protos.iter() {
            t.gc(p);
        }
    }
    fn extra_bytes(&self) -> usize {
        self.code.len() * core::mem::size_of::<Op>()
            + self.spans.len() * core::mem::size_of::<Span>()
            + self.consts.len() * core::mem::size_of::<Value>()
    }
}

impl Proto {
    /// A listing of the instructions, one per line, children after.
    pub fn disassemble(&self, name_of: &dyn Fn(Sym) -> String) -> String {
        let mut out = String::new();
        let name = self
            .name
            .map(name_of)
            .unwrap_or_else(|| String::from("<anonymous>"));
        let _ = writeln!(
            out,
            "function {} (params {}{}, registers {})",
            name,
            self.nparams,
            if self.rest { " + rest" } else { "" },
            self.nregs
        );
        for (pc, op) in self.code.iter().enumerate() {
            let _ = writeln!(out, "  {:4}  {:?}", pc, op);
        }
        for h in self.handlers.iter() {
            let _ = writeln!(
                out,
                "  {:?} {}..{} -> {} (R[{}])",
                h.kind, h.start, h.end, h.target, h.reg
            );
        }
        for (i, k) in self.consts.iter().enumerate() {
            let _ = writeln!(out, "  K[{}] = {}", i, k.type_name());
        }
        for p in self.protos.iter() {
            out.push_str(&p.disassemble(name_of));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn op_is_eight_bytes() {
        assert_eq!(core::mem::size_of::<Op>(), 8);
    }

    #[test]
    fn listing_names_the_function() {
        let p = Proto {
            name: None,
            nparams: 0,
            rest: false,
            nregs: 1,
            code: Box::new([Op::LoadInt { dst: 0, value: 1 }, Op::Return { src: 0 }]),
            spans: Box::new([Span::default(); 2]),
            consts: Box::new([]),
            protos: Box::new([]),
            captures: Box::new([]),
            handlers: Box::new([]),
            span: Span::default(),
            tier: Default::default(),
        };
        let text = p.disassemble(&|_| String::from("f"));
        assert!(text.contains("<anonymous>"));
        assert!(text.contains("Return"));
    }
}
