//! Lowers one proto's bytecode to a Cranelift function.
//!
//! The function is `entry(ctx, regs, pc) -> exit` (see
//! `elle_core::backend`). Each bytecode register lives in two Cranelift
//! variables (tag word, payload word), so values stay in machine registers
//! between instructions. The frame's memory copy is written back ("spill")
//! before anything that reads the frame — a bail, a call, closure creation
//! — and read again ("reload") after a call, which may have moved the stack
//! and has overwritten the registers above the call base. The fuel counter
//! is kept the same way.
//!
//! Every instruction has a fast path for the common types; anything else
//! bails to the interpreter at that instruction, which then runs it with
//! the exact semantics (and errors) of the interpreter.

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{
    types, AbiParam, Block, BlockArg, InstBuilder, MemFlagsData, SigRef, Signature,
    Value as IrValue,
};
use cranelift_codegen::isa::CallConv;
use cranelift_frontend::{FunctionBuilder, Variable};
use elle_core::backend::{
    ctx_offset, elle_after_call, elle_call, elle_captures, elle_closure, elle_cons, elle_make_box,
    elle_tail_call, elle_vector_ref, elle_vector_set, exit, layout, tag, Cmp, Op, ProtoView,
};

const I64: types::Type = types::I64;
const VB: i32 = layout::VALUE_BYTES as i32;
const PAYLOAD: i32 = layout::PAYLOAD as i32;

/// The signatures of the helpers native code calls.
struct Sigs {
    /// (ctx, a, b, c) -> i64: `elle_call`.
    call: SigRef,
    /// (ctx) -> (): `elle_cons`, `elle_make_box`.
    ctx_only: SigRef,
    /// (ctx) -> i64: `elle_vector_ref`, `elle_vector_set`, `elle_captures`.
    ctx_ret: SigRef,
    /// (ctx, regs, dst, idx) -> (): `elle_closure`.
    closure: SigRef,
    /// (ctx, code) -> i64: `elle_after_call`.
    after: SigRef,
    /// (ctx, regs, pc) -> i64: a native entry.
    entry: SigRef,
}

/// Builds the signature of `n` word arguments and `ret` word results.
fn words_sig(call_conv: CallConv, n: usize, ret: bool) -> Signature {
    let mut sig = Signature::new(call_conv);
    for _ in 0..n {
        sig.params.push(AbiParam::new(I64));
    }
    if ret {
        sig.returns.push(AbiParam::new(I64));
    }
    sig
}

/// The signature of every native entry.
pub(crate) fn entry_signature(call_conv: CallConv) -> Signature {
    words_sig(call_conv, 3, true)
}

/// Where a bytecode instruction's successor or branch target is.
fn target(pc: usize, off: i32) -> usize {
    (pc as i64 + 1 + off as i64) as usize
}

/// The branch offset of `op`, if it is a branch.
fn branch_offset(op: &Op) -> Option<i32> {
    match *op {
        Op::Jump { off } | Op::JumpIfFalse { off, .. } | Op::JumpIfTrue { off, .. } => Some(off),
        Op::JumpUnlessCmp { off, .. }
        | Op::JumpUnlessCmpImm { off, .. }
        | Op::JumpIfCmp { off, .. }
        | Op::JumpIfCmpImm { off, .. } => Some(off as i32),
        _ => None,
    }
}

/// The pcs where the interpreter may enter native code: 0 and the target
/// of every backward branch.
pub(crate) fn entry_pcs(code: &[Op]) -> Vec<usize> {
    let mut pcs = vec![0];
    for (pc, op) in code.iter().enumerate() {
        if let Some(off) = branch_offset(op) {
            if off < 0 {
                pcs.push(target(pc, off));
            }
        }
    }
    pcs.sort_unstable();
    pcs.dedup();
    pcs
}

/// True when the proto reads its closure's captured values.
fn uses_captures(code: &[Op]) -> bool {
    code.iter().any(|op| {
        matches!(
            op,
            Op::GetCapture { .. } | Op::GetCaptureBox { .. } | Op::SetCaptureBox { .. }
        )
    })
}

pub(crate) struct Lowering<'a, 'b> {
    b: FunctionBuilder<'b>,
    view: &'a ProtoView<'a>,
    code: &'a [Op],
    nregs: usize,
    ctx: IrValue,
    regs: Variable,
    captures: Variable,
    /// The context's fuel, live-bytes and collection-level pointers, which
    /// never change during an activation (loaded once at entry).
    fuel_ptr: Variable,
    /// The fuel left, kept in a machine register: read at entry and after
    /// calls, written back wherever the registers are.
    fuel: Variable,
    live_ptr: Variable,
    due_ptr: Variable,
    /// The VM's frame stack, and this frame's stack index (R[0]); both
    /// fixed for the activation.
    frames: Variable,
    base_index: Variable,
    tags: Vec<Variable>,
    pays: Vec<Variable>,
    /// The block of each instruction.
    blocks: Vec<Block>,
    /// Spills the registers and bails at the pc in its parameter.
    bail_block: Block,
    sigs: Sigs,
}

impl<'a, 'b> Lowering<'a, 'b> {
    /// Prepares to lower `view` into the function `b` builds.
    pub(crate) fn new(
        mut b: FunctionBuilder<'b>,
        view: &'a ProtoView<'a>,
        call_conv: CallConv,
    ) -> Self {
        let code = view.code();
        let nregs = view.nregs() as usize;
        let sigs = Sigs {
            call: b.import_signature(words_sig(call_conv, 4, true)),
            ctx_only: b.import_signature(words_sig(call_conv, 1, false)),
            ctx_ret: b.import_signature(words_sig(call_conv, 1, true)),
            closure: b.import_signature(words_sig(call_conv, 4, false)),
            after: b.import_signature(words_sig(call_conv, 2, true)),
            entry: b.import_signature(entry_signature(call_conv)),
        };
        let regs = b.declare_var(I64);
        let captures = b.declare_var(I64);
        let fuel_ptr = b.declare_var(I64);
        let fuel = b.declare_var(I64);
        let live_ptr = b.declare_var(I64);
        let due_ptr = b.declare_var(I64);
        let frames = b.declare_var(I64);
        let base_index = b.declare_var(I64);
        let tags = (0..nregs).map(|_| b.declare_var(I64)).collect();
        let pays = (0..nregs).map(|_| b.declare_var(I64)).collect();
        let blocks = (0..code.len()).map(|_| b.create_block()).collect();
        let bail_block = b.create_block();
        let entry = b.create_block();
        b.append_block_params_for_function_params(entry);
        b.switch_to_block(entry);
        let params = b.block_params(entry).to_vec();
        let ctx = params[0];
        b.def_var(regs, params[1]);
        let mut l = Lowering {
            b,
            view,
            code,
            nregs,
            ctx,
            regs,
            captures,
            fuel_ptr,
            fuel,
            live_ptr,
            due_ptr,
            frames,
            base_index,
            tags,
            pays,
            blocks,
            bail_block,
            sigs,
        };
        l.lower_entry(params[2]);
        l
    }

    /// The dispatch on the entry pc: each entry loads the frame's registers
    /// and jumps to its instruction; an unknown pc bails straight back.
    fn lower_entry(&mut self, pc: IrValue) {
        let stack_ptr = self.b.ins().load(
            I64,
            MemFlagsData::trusted(),
            self.ctx,
            ctx_offset::STACK_PTR as i32,
        );
        let regs = self.b.use_var(self.regs);
        let offset = self.b.ins().isub(regs, stack_ptr);
        let index = self.b.ins().ushr_imm_s(offset, 4);
        self.b.def_var(self.base_index, index);
        for (var, off) in [
            (self.fuel_ptr, ctx_offset::FUEL),
            (self.live_ptr, ctx_offset::HEAP_LIVE),
            (self.due_ptr, ctx_offset::HEAP_DUE),
            (self.frames, ctx_offset::FRAMES),
        ] {
            let p = self.b.ins().load(I64, Self::flags(), self.ctx, off as i32);
            self.b.def_var(var, p);
        }
        self.reload_fuel();
        if uses_captures(self.code) {
            let f = self.helper(elle_captures as *const u8);
            let call = self
                .b
                .ins()
                .call_indirect(self.sigs.ctx_ret, f, &[self.ctx]);
            let p = self.b.inst_results(call)[0];
            self.b.def_var(self.captures, p);
        } else {
            let zero = self.b.ins().iconst(I64, 0);
            self.b.def_var(self.captures, zero);
        }
        for e in entry_pcs(self.code) {
            let load = self.b.create_block();
            let next = self.b.create_block();
            let is = self.b.ins().icmp_imm_s(IntCC::Equal, pc, e as i64);
            self.b.ins().brif(is, load, &[], next, &[]);
            self.b.switch_to_block(load);
            if e == 0 {
                // A frame starts with its arguments; the other registers
                // are nil (whoever pushed the frame need not clear them).
                let args = self.view.nparams() as usize + self.view.rest() as usize;
                for r in 0..self.nregs as u16 {
                    if (r as usize) < args {
                        self.reload(r);
                    } else {
                        self.set_const(r, tag::NIL, 0);
                    }
                }
            } else {
                self.reload_all();
            }
            self.b.ins().jump(self.blocks[e], &[]);
            self.b.switch_to_block(next);
        }
        let shifted = self.b.ins().ishl_imm_s(pc, 2);
        let code = self.b.ins().bor_imm_s(shifted, exit::BAIL as i64);
        self.b.ins().return_(&[code]);
    }

    /// Lowers every instruction and finishes the function.
    pub(crate) fn lower(mut self, frontend: cranelift_codegen::isa::TargetFrontendConfig) {
        for pc in 0..self.code.len() {
            self.b.switch_to_block(self.blocks[pc]);
            self.lower_op(pc);
        }
        self.lower_bail_block();
        self.b.seal_all_blocks();
        self.b.finalize(frontend);
    }

    /// The shared bail: spill everything, return `bail(pc)`.
    fn lower_bail_block(&mut self) {
        self.b.append_block_param(self.bail_block, I64);
        self.b.switch_to_block(self.bail_block);
        let pc = self.b.block_params(self.bail_block)[0];
        self.spill_all();
        let shifted = self.b.ins().ishl_imm_s(pc, 2);
        let code = self.b.ins().bor_imm_s(shifted, exit::BAIL as i64);
        self.b.ins().return_(&[code]);
    }

    /// The address of a helper as a value.
    fn helper(&mut self, f: *const u8) -> IrValue {
        self.b.ins().iconst(I64, f as i64)
    }

    fn flags() -> MemFlagsData {
        MemFlagsData::trusted()
    }

    fn tag(&mut self, r: u16) -> IrValue {
        self.b.use_var(self.tags[r as usize])
    }
    fn pay(&mut self, r: u16) -> IrValue {
        self.b.use_var(self.pays[r as usize])
    }
    fn set(&mut self, r: u16, t: IrValue, p: IrValue) {
        self.b.def_var(self.tags[r as usize], t);
        self.b.def_var(self.pays[r as usize], p);
    }
    fn set_tagged(&mut self, r: u16, tag_word: u64, p: IrValue) {
        let t = self.b.ins().iconst(I64, tag_word as i64);
        self.set(r, t, p);
    }
    fn set_const(&mut self, r: u16, tag_word: u64, payload: u64) {
        let p = self.b.ins().iconst(I64, payload as i64);
        self.set_tagged(r, tag_word, p);
    }
    fn set_bool(&mut self, r: u16, cond: IrValue) {
        let p = self.b.ins().uextend(I64, cond);
        self.set_tagged(r, tag::BOOL, p);
    }

    /// Loads the value at `addr + off` as (tag, payload).
    fn load_value(&mut self, addr: IrValue, off: i32) -> (IrValue, IrValue) {
        let t = self.b.ins().load(I64, Self::flags(), addr, off);
        let p = self.b.ins().load(I64, Self::flags(), addr, off + PAYLOAD);
        (t, p)
    }
    fn store_value(&mut self, addr: IrValue, off: i32, t: IrValue, p: IrValue) {
        self.b.ins().store(Self::flags(), t, addr, off);
        self.b.ins().store(Self::flags(), p, addr, off + PAYLOAD);
    }

    /// Writes every register variable to the frame, and the fuel back.
    fn spill_all(&mut self) {
        let regs = self.b.use_var(self.regs);
        for r in 0..self.nregs as u16 {
            let (t, p) = (self.tag(r), self.pay(r));
            self.store_value(regs, r as i32 * VB, t, p);
        }
        self.store_fuel();
    }
    /// Reads every register variable from the frame, and the fuel.
    fn reload_all(&mut self) {
        for r in 0..self.nregs as u16 {
            self.reload(r);
        }
        self.reload_fuel();
    }
    fn store_fuel(&mut self) {
        let fuel_ptr = self.b.use_var(self.fuel_ptr);
        let fuel = self.b.use_var(self.fuel);
        self.b
            .ins()
            .store(MemFlagsData::trusted(), fuel, fuel_ptr, 0);
    }
    fn reload_fuel(&mut self) {
        let fuel_ptr = self.b.use_var(self.fuel_ptr);
        let fuel = self.b.ins().load(I64, MemFlagsData::trusted(), fuel_ptr, 0);
        self.b.def_var(self.fuel, fuel);
    }
    fn reload(&mut self, r: u16) {
        let regs = self.b.use_var(self.regs);
        let (t, p) = self.load_value(regs, r as i32 * VB);
        self.set(r, t, p);
    }

    /// Continues at instruction `pc + 1`.
    fn next(&mut self, pc: usize) {
        self.b.ins().jump(self.blocks[pc + 1], &[]);
    }

    /// Bails at `pc` when `cond` holds, else continues in a new block.
    fn bail_if(&mut self, cond: IrValue, pc: usize) {
        let cont = self.b.create_block();
        let pcv = self.b.ins().iconst(I64, pc as i64);
        self.b
            .ins()
            .brif(cond, self.bail_block, &[BlockArg::Value(pcv)], cont, &[]);
        self.b.switch_to_block(cont);
    }
    /// Bails at `pc` unless register `r` has tag `t`.
    fn expect_tag(&mut self, r: u16, t: u64, pc: usize) {
        let tg = self.tag(r);
        let wrong = self.b.ins().icmp_imm_s(IntCC::NotEqual, tg, t as i64);
        self.bail_if(wrong, pc);
    }

    /// The negation of an `i8` condition (0 or 1).
    fn not(&mut self, c: IrValue) -> IrValue {
        self.b.ins().bxor_imm_s(c, 1)
    }

    /// True (an `i8`) when the value is `nil` or `#f`.
    fn falsy(&mut self, t: IrValue, p: IrValue) -> IrValue {
        let is_nil = self.b.ins().icmp_imm_s(IntCC::Equal, t, tag::NIL as i64);
        let is_bool = self.b.ins().icmp_imm_s(IntCC::Equal, t, tag::BOOL as i64);
        let low = self.b.ins().band_imm_s(p, 0xff);
        let is_zero = self.b.ins().icmp_imm_s(IntCC::Equal, low, 0);
        let is_false = self.b.ins().band(is_bool, is_zero);
        self.b.ins().bor(is_nil, is_false)
    }

    /// True (an `i8`) when both tags equal `t`.
    fn both(&mut self, ta: IrValue, tb: IrValue, t: u64) -> IrValue {
        let a = self.b.ins().icmp_imm_s(IntCC::Equal, ta, t as i64);
        let b = self.b.ins().icmp_imm_s(IntCC::Equal, tb, t as i64);
        self.b.ins().band(a, b)
    }

    /// A back-edge to `to`: bails at `pc` (the branch) when the collector
    /// wants to run or fuel is out, so the interpreter takes the edge with
    /// its safepoint; otherwise spends one unit of fuel and jumps.
    fn back_edge(&mut self, pc: usize, to: usize) {
        self.poll(pc);
        self.b.ins().jump(self.blocks[to], &[]);
    }

    /// The check of a back-edge at `pc`: bails there when a collection is
    /// due or fuel is out, else spends one unit of fuel.
    fn poll(&mut self, pc: usize) {
        let live_ptr = self.b.use_var(self.live_ptr);
        let due_ptr = self.b.use_var(self.due_ptr);
        let live = self.b.ins().load(I64, MemFlagsData::new(), live_ptr, 0);
        let due = self.b.ins().load(I64, MemFlagsData::new(), due_ptr, 0);
        let wants = self
            .b
            .ins()
            .icmp(IntCC::UnsignedGreaterThanOrEqual, live, due);
        self.bail_if(wants, pc);
        let fuel = self.b.use_var(self.fuel);
        let empty = self.b.ins().icmp_imm_s(IntCC::Equal, fuel, 0);
        self.bail_if(empty, pc);
        let left = self.b.ins().iadd_imm_s(fuel, -1);
        self.b.def_var(self.fuel, left);
    }

    /// Branches to `to` when `cond` holds (through the back-edge check when
    /// it is backward), else continues at `pc + 1`.
    fn branch(&mut self, pc: usize, off: i32, cond: IrValue) {
        let to = target(pc, off);
        if off < 0 {
            let taken = self.b.create_block();
            self.b
                .ins()
                .brif(cond, taken, &[], self.blocks[pc + 1], &[]);
            self.b.switch_to_block(taken);
            self.back_edge(pc, to);
        } else {
            self.b
                .ins()
                .brif(cond, self.blocks[to], &[], self.blocks[pc + 1], &[]);
        }
    }

    /// `R[a] cmp R[b]` as an `i8`, bailing at `pc` unless both are integers
    /// or both floats.
    fn compare(&mut self, pc: usize, cmp: Cmp, a: u16, b: u16) -> IrValue {
        let (ta, pa, tb, pb) = (self.tag(a), self.pay(a), self.tag(b), self.pay(b));
        let ints = self.both(ta, tb, tag::INT);
        let int_block = self.b.create_block();
        let other = self.b.create_block();
        let join = self.b.create_block();
        self.b.append_block_param(join, types::I8);
        self.b.ins().brif(ints, int_block, &[], other, &[]);

        self.b.switch_to_block(int_block);
        let r = self.b.ins().icmp(int_cc(cmp), pa, pb);
        self.b.ins().jump(join, &[BlockArg::Value(r)]);

        self.b.switch_to_block(other);
        let floats = self.both(ta, tb, tag::FLOAT);
        let not_floats = self.not(floats);
        self.bail_if(not_floats, pc);
        let fa = self.b.ins().bitcast(types::F64, MemFlagsData::new(), pa);
        let fb = self.b.ins().bitcast(types::F64, MemFlagsData::new(), pb);
        let r = self.b.ins().fcmp(float_cc(cmp), fa, fb);
        self.b.ins().jump(join, &[BlockArg::Value(r)]);

        self.b.switch_to_block(join);
        self.b.block_params(join)[0]
    }

    /// `R[a] cmp imm` as an `i8`, bailing at `pc` unless `R[a]` is an integer.
    fn compare_imm(&mut self, pc: usize, cmp: Cmp, a: u16, imm: i16) -> IrValue {
        self.expect_tag(a, tag::INT, pc);
        let pa = self.pay(a);
        self.b.ins().icmp_imm_s(int_cc(cmp), pa, imm as i64)
    }

    /// `R[dst] := R[a] op R[b]` for `+ - *`: integers with an overflow
    /// check, floats, or a bail at `pc`.
    fn arith(&mut self, pc: usize, kind: Arith, dst: u16, a: u16, b: u16) {
        let (ta, pa, tb, pb) = (self.tag(a), self.pay(a), self.tag(b), self.pay(b));
        let ints = self.both(ta, tb, tag::INT);
        let int_block = self.b.create_block();
        let other = self.b.create_block();
        self.b.ins().brif(ints, int_block, &[], other, &[]);

        self.b.switch_to_block(int_block);
        let (r, overflow) = match kind {
            Arith::Add => self.b.ins().sadd_overflow(pa, pb),
            Arith::Sub => self.b.ins().ssub_overflow(pa, pb),
            Arith::Mul => self.b.ins().smul_overflow(pa, pb),
        };
        self.bail_if(overflow, pc);
        self.set_tagged(dst, tag::INT, r);
        self.next(pc);

        self.b.switch_to_block(other);
        let floats = self.both(ta, tb, tag::FLOAT);
        let not_floats = self.not(floats);
        self.bail_if(not_floats, pc);
        let fa = self.b.ins().bitcast(types::F64, MemFlagsData::new(), pa);
        let fb = self.b.ins().bitcast(types::F64, MemFlagsData::new(), pb);
        let f = match kind {
            Arith::Add => self.b.ins().fadd(fa, fb),
            Arith::Sub => self.b.ins().fsub(fa, fb),
            Arith::Mul => self.b.ins().fmul(fa, fb),
        };
        let bits = self.b.ins().bitcast(I64, MemFlagsData::new(), f);
        self.set_tagged(dst, tag::FLOAT, bits);
        self.next(pc);
    }

    /// `R[dst] := R[a] op R[b]` for integer division and remainders; bails
    /// at `pc` unless both are integers and the divisor is neither 0 nor
    /// -1 (which the interpreter handles: errors and the overflow case).
    fn int_division(&mut self, pc: usize, kind: Division, dst: u16, a: u16, b: u16) {
        let (ta, pa, tb, pb) = (self.tag(a), self.pay(a), self.tag(b), self.pay(b));
        let ints = self.both(ta, tb, tag::INT);
        let not_ints = self.not(ints);
        self.bail_if(not_ints, pc);
        let zero = self.b.ins().icmp_imm_s(IntCC::Equal, pb, 0);
        let minus_one = self.b.ins().icmp_imm_s(IntCC::Equal, pb, -1);
        let awkward = self.b.ins().bor(zero, minus_one);
        self.bail_if(awkward, pc);
        let r = match kind {
            Division::Quotient => self.b.ins().sdiv(pa, pb),
            Division::Remainder => self.b.ins().srem(pa, pb),
            Division::Modulo => {
                // The remainder takes the divisor's sign when they differ.
                let r = self.b.ins().srem(pa, pb);
                let nonzero = self.b.ins().icmp_imm_s(IntCC::NotEqual, r, 0);
                let signs = self.b.ins().bxor(r, pb);
                let differ = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, signs, 0);
                let adjust = self.b.ins().band(nonzero, differ);
                let shifted = self.b.ins().iadd(r, pb);
                self.b.ins().select(adjust, shifted, r)
            }
        };
        self.set_tagged(dst, tag::INT, r);
        self.next(pc);
    }

    /// `R[dst] := R[a] / R[b]`: floats inline, integers as `quotient`.
    fn divide(&mut self, pc: usize, dst: u16, a: u16, b: u16) {
        let (ta, pa, tb, pb) = (self.tag(a), self.pay(a), self.tag(b), self.pay(b));
        let floats = self.both(ta, tb, tag::FLOAT);
        let float_block = self.b.create_block();
        let other = self.b.create_block();
        self.b.ins().brif(floats, float_block, &[], other, &[]);
        self.b.switch_to_block(float_block);
        let fa = self.b.ins().bitcast(types::F64, MemFlagsData::new(), pa);
        let fb = self.b.ins().bitcast(types::F64, MemFlagsData::new(), pb);
        let f = self.b.ins().fdiv(fa, fb);
        let bits = self.b.ins().bitcast(I64, MemFlagsData::new(), f);
        self.set_tagged(dst, tag::FLOAT, bits);
        self.next(pc);
        self.b.switch_to_block(other);
        self.int_division(pc, Division::Quotient, dst, a, b);
    }

    /// Stores register `r` into `ctx.scratch[i]`.
    fn store_scratch(&mut self, i: i32, r: u16) {
        let (t, p) = (self.tag(r), self.pay(r));
        let ctx = self.ctx;
        self.store_value(ctx, ctx_offset::SCRATCH as i32 + i * VB, t, p);
    }
    /// Sets register `r` from `ctx.scratch[0]`.
    fn load_scratch(&mut self, r: u16) {
        let ctx = self.ctx;
        let (t, p) = self.load_value(ctx, ctx_offset::SCRATCH as i32);
        self.set(r, t, p);
    }
    /// Calls a `(ctx) -> ()` helper.
    fn call_ctx(&mut self, f: *const u8) {
        let fv = self.helper(f);
        self.b
            .ins()
            .call_indirect(self.sigs.ctx_only, fv, &[self.ctx]);
    }
    /// Calls a `(ctx) -> i64` helper.
    fn call_ctx_ret(&mut self, f: *const u8) -> IrValue {
        let fv = self.helper(f);
        let call = self
            .b
            .ins()
            .call_indirect(self.sigs.ctx_ret, fv, &[self.ctx]);
        self.b.inst_results(call)[0]
    }

    /// The captured value `C[idx]` as (tag, payload).
    fn capture(&mut self, idx: u16) -> (IrValue, IrValue) {
        let base = self.b.use_var(self.captures);
        self.load_value(base, idx as i32 * VB)
    }

    /// Bails at `pc` unless `(t, p)` is a box; returns the box's address.
    fn expect_box(&mut self, t: IrValue, p: IrValue, pc: usize) -> IrValue {
        let wrong = self
            .b
            .ins()
            .icmp_imm_s(IntCC::NotEqual, t, tag::VARBOX as i64);
        self.bail_if(wrong, pc);
        p
    }

    /// `eq?` on two values (`Value::identical`): same tag and same payload,
    /// comparing only the payload bytes the kind uses.
    fn identical(&mut self, a: u16, b: u16) -> IrValue {
        let (ta, pa, tb, pb) = (self.tag(a), self.pay(a), self.tag(b), self.pay(b));
        let same_tag = self.b.ins().icmp(IntCC::Equal, ta, tb);
        let diff = self.b.ins().bxor(pa, pb);
        let all = self.b.ins().iconst(I64, -1);
        let low32 = self.b.ins().iconst(I64, 0xffff_ffff);
        let low8 = self.b.ins().iconst(I64, 0xff);
        let none = self.b.ins().iconst(I64, 0);
        let is_bool = self.b.ins().icmp_imm_s(IntCC::Equal, ta, tag::BOOL as i64);
        let is_char = self.b.ins().icmp_imm_s(IntCC::Equal, ta, tag::CHAR as i64);
        let is_sym = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, ta, tag::SYMBOL as i64);
        let is_kw = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, ta, tag::KEYWORD as i64);
        let is_nil = self.b.ins().icmp_imm_s(IntCC::Equal, ta, tag::NIL as i64);
        let is_undef = self.b.ins().icmp_imm_s(IntCC::Equal, ta, tag::UNDEF as i64);
        let narrow = self.b.ins().bor(is_char, is_sym);
        let narrow = self.b.ins().bor(narrow, is_kw);
        let empty = self.b.ins().bor(is_nil, is_undef);
        let mask = self.b.ins().select(narrow, low32, all);
        let mask = self.b.ins().select(is_bool, low8, mask);
        let mask = self.b.ins().select(empty, none, mask);
        let masked = self.b.ins().band(diff, mask);
        let same_payload = self.b.ins().icmp_imm_s(IntCC::Equal, masked, 0);
        self.b.ins().band(same_tag, same_payload)
    }

    /// `R[base] := R[base](R[base+1 ..= base+argc])`. A closure with native
    /// code taking exactly `argc` arguments gets its frame pushed here
    /// (`push_frame`) and its entry called directly; anything else (and any
    /// limit or collection due) goes through `elle_call`. Afterwards every
    /// register is read back from the frame: those below `base` are
    /// unchanged there, `R[base]` is the result.
    fn call(&mut self, pc: usize, base: u16, argc: u16) {
        self.spill_all();
        let slow = self.b.create_block();
        let join = self.b.create_block();
        let failed = self.b.create_block();
        self.b.append_block_param(join, I64);
        let t = self.tag(base);
        let is_closure = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, t, tag::CLOSURE as i64);
        let has_code = self.b.create_block();
        self.b.ins().brif(is_closure, has_code, &[], slow, &[]);

        self.b.switch_to_block(has_code);
        let closure = self.pay(base);
        let proto = self
            .b
            .ins()
            .load(I64, Self::flags(), closure, layout::CLOSURE_PROTO as i32);
        let entry = self
            .b
            .ins()
            .load(I64, MemFlagsData::new(), proto, layout::PROTO_NATIVE as i32);
        let arity = self.b.create_block();
        self.b.ins().brif(entry, arity, &[], slow, &[]);

        self.b.switch_to_block(arity);
        let nparams = self
            .b
            .ins()
            .uload16(I64, Self::flags(), proto, layout::PROTO_NPARAMS as i32);
        let rest = self
            .b
            .ins()
            .uload8(I64, Self::flags(), proto, layout::PROTO_REST as i32);
        let same = self.b.ins().icmp_imm_s(IntCC::Equal, nparams, argc as i64);
        let fixed = self.b.ins().icmp_imm_s(IntCC::Equal, rest, 0);
        let exact = self.b.ins().band(same, fixed);
        let push = self.b.create_block();
        self.b.ins().brif(exact, push, &[], slow, &[]);

        self.b.switch_to_block(push);
        let callee_regs = self.push_frame(pc, base, closure, proto, slow);
        let zero = self.b.ins().iconst(I64, 0);
        let call =
            self.b
                .ins()
                .call_indirect(self.sigs.entry, entry, &[self.ctx, callee_regs, zero]);
        let code = self.b.inst_results(call)[0];
        let returned = self.b.create_block();
        let other_exit = self.b.create_block();
        self.b.ins().brif(code, other_exit, &[], returned, &[]);

        // The callee returned: pop its frame (the stack is as deep as
        // before the push) and find this frame's registers again.
        self.b.switch_to_block(returned);
        let fs = self.b.use_var(self.frames);
        let len = self
            .b
            .ins()
            .load(I64, MemFlagsData::trusted(), fs, layout::FRAMES_LEN as i32);
        let len = self.b.ins().iadd_imm_s(len, -1);
        self.b
            .ins()
            .store(MemFlagsData::trusted(), len, fs, layout::FRAMES_LEN as i32);
        let regs = self.frame_registers();
        self.b.ins().jump(join, &[BlockArg::Value(regs)]);

        // An error is already in the context: pass it on at once (the
        // callee's frame stays for the Elle stack, as after any error).
        self.b.switch_to_block(other_exit);
        let finish = self.b.create_block();
        let is_error = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, code, exit::ERROR as i64);
        self.b.ins().brif(is_error, failed, &[], finish, &[]);
        self.b.switch_to_block(finish);
        let f = self.helper(elle_after_call as *const u8);
        let call = self
            .b
            .ins()
            .call_indirect(self.sigs.after, f, &[self.ctx, code]);
        let regs = self.b.inst_results(call)[0];
        self.after_helper_call(regs, join, failed);

        self.b.switch_to_block(slow);
        let cb = self.b.ins().iconst(I64, base as i64);
        let n = self.b.ins().iconst(I64, argc as i64);
        let after_pc = self.b.ins().iconst(I64, pc as i64 + 1);
        let f = self.helper(elle_call as *const u8);
        let call = self
            .b
            .ins()
            .call_indirect(self.sigs.call, f, &[self.ctx, cb, n, after_pc]);
        let regs = self.b.inst_results(call)[0];
        self.after_helper_call(regs, join, failed);

        self.b.switch_to_block(failed);
        let code = self.b.ins().iconst(I64, exit::ERROR as i64);
        self.b.ins().return_(&[code]);

        self.b.switch_to_block(join);
        let regs = self.b.block_params(join)[0];
        self.b.def_var(self.regs, regs);
        // Every register is read back from the frame (those below `base`
        // are unchanged there): keeping them in machine registers across
        // the call would only make the register allocator save them a
        // second time, in a larger native frame.
        self.reload_all();
        self.next(pc);
    }

    /// Goes on after `elle_call` or `elle_after_call` returned `regs`: to
    /// `join` with the frame's registers, to `failed` on null (an error),
    /// or returns `exit::SUSPEND` on `exit::SUSPENDED_REGS` (the callee
    /// goes on in the interpreter, which later resumes this frame at its
    /// stored pc; the registers are stored already).
    fn after_helper_call(&mut self, regs: IrValue, join: Block, failed: Block) {
        let suspend = self.b.create_block();
        let not_suspended = self.b.create_block();
        let suspended = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, regs, exit::SUSPENDED_REGS as i64);
        self.b
            .ins()
            .brif(suspended, suspend, &[], not_suspended, &[]);
        self.b.switch_to_block(suspend);
        let code = self.b.ins().iconst(I64, exit::SUSPEND as i64);
        self.b.ins().return_(&[code]);
        self.b.switch_to_block(not_suspended);
        self.b
            .ins()
            .brif(regs, join, &[BlockArg::Value(regs)], failed, &[]);
    }

    /// A tail call of the running closure itself with its own arity is a
    /// jump to pc 0 with the arguments moved into place and the other
    /// registers nil, exactly as `setup_call` would rebuild the frame; it
    /// passes the back-edge check (fuel, collection), which bails to the
    /// interpreter's general tail call. Otherwise falls through to the
    /// general path in a new block.
    fn self_tail_call(&mut self, pc: usize, base: u16, argc: u16) {
        let t = self.tag(base);
        let p = self.pay(base);
        let regs = self.b.use_var(self.regs);
        let me = self
            .b
            .ins()
            .load(I64, MemFlagsData::trusted(), regs, PAYLOAD - VB);
        let is_closure = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, t, tag::CLOSURE as i64);
        let is_me = self.b.ins().icmp(IntCC::Equal, p, me);
        let same = self.b.ins().band(is_closure, is_me);
        let rebind = self.b.create_block();
        let general = self.b.create_block();
        self.b.ins().brif(same, rebind, &[], general, &[]);

        self.b.switch_to_block(rebind);
        self.poll(pc);
        let args: Vec<(IrValue, IrValue)> = (0..argc)
            .map(|i| (self.tag(base + 1 + i), self.pay(base + 1 + i)))
            .collect();
        for (i, (t, p)) in args.into_iter().enumerate() {
            self.set(i as u16, t, p);
        }
        for r in argc..self.nregs as u16 {
            self.set_const(r, tag::NIL, 0);
        }
        self.b.ins().jump(self.blocks[0], &[]);

        self.b.switch_to_block(general);
    }

    /// This frame's R[0] in the stack as it is now (a call may have moved
    /// the stack).
    fn frame_registers(&mut self) -> IrValue {
        let stack_ptr = self.b.ins().load(
            I64,
            MemFlagsData::trusted(),
            self.ctx,
            ctx_offset::STACK_PTR as i32,
        );
        let index = self.b.use_var(self.base_index);
        let offset = self.b.ins().ishl_imm_s(index, 4);
        self.b.ins().iadd(stack_ptr, offset)
    }

    /// Pushes the frame of the closure in `R[base]` (whose proto is at
    /// `proto`) as `Vm::push_exact_call` would, storing `pc + 1` in this
    /// frame, and returns the callee's register pointer; jumps to `slow`
    /// (having changed nothing) when the frame stack is full, the depth or
    /// fuel limit or a collection is due, the machine stack is past its
    /// floor, or the VM stack lacks room for the callee's registers.
    fn push_frame(
        &mut self,
        pc: usize,
        base: u16,
        closure: IrValue,
        proto: IrValue,
        slow: Block,
    ) -> IrValue {
        let flags = MemFlagsData::trusted();
        let fs = self.b.use_var(self.frames);
        let len = self.b.ins().load(I64, flags, fs, layout::FRAMES_LEN as i32);
        let cap = self.b.ins().load(I64, flags, fs, layout::FRAMES_CAP as i32);
        let max_depth = self
            .b
            .ins()
            .load(I64, flags, self.ctx, ctx_offset::MAX_DEPTH as i32);
        let fuel_ptr = self.b.use_var(self.fuel_ptr);
        let fuel = self.b.use_var(self.fuel);
        let live_ptr = self.b.use_var(self.live_ptr);
        let due_ptr = self.b.use_var(self.due_ptr);
        let live = self.b.ins().load(I64, flags, live_ptr, 0);
        let due = self.b.ins().load(I64, flags, due_ptr, 0);
        let sp = self.b.ins().get_stack_pointer(I64);
        let floor = self
            .b
            .ins()
            .load(I64, flags, self.ctx, ctx_offset::STACK_FLOOR as i32);
        let regs = self.b.use_var(self.regs);
        let callee_regs = self.b.ins().iadd_imm_s(regs, (base as i64 + 1) * VB as i64);
        let nregs = self
            .b
            .ins()
            .uload16(I64, flags, proto, layout::PROTO_NREGS as i32);
        let bytes = self.b.ins().ishl_imm_s(nregs, 4);
        let end = self.b.ins().iadd(callee_regs, bytes);
        let stack_end = self
            .b
            .ins()
            .load(I64, flags, self.ctx, ctx_offset::STACK_END as i32);
        let checks = [
            self.b.ins().icmp(IntCC::UnsignedLessThan, len, cap),
            self.b.ins().icmp(IntCC::UnsignedLessThan, len, max_depth),
            self.b.ins().icmp_imm_s(IntCC::NotEqual, fuel, 0),
            self.b.ins().icmp(IntCC::UnsignedLessThan, live, due),
            self.b.ins().icmp(IntCC::UnsignedGreaterThan, sp, floor),
            self.b
                .ins()
                .icmp(IntCC::UnsignedLessThanOrEqual, end, stack_end),
        ];
        let mut ok = checks[0];
        for c in &checks[1..] {
            ok = self.b.ins().band(ok, *c);
        }
        let push = self.b.create_block();
        self.b.ins().brif(ok, push, &[], slow, &[]);

        self.b.switch_to_block(push);
        let left = self.b.ins().iadd_imm_s(fuel, -1);
        self.b.ins().store(flags, left, fuel_ptr, 0);
        let frames = self.b.ins().load(I64, flags, fs, layout::FRAMES_PTR as i32);
        let at = self.b.ins().imul_imm_s(len, layout::FRAME_BYTES as i64);
        let callee_frame = self.b.ins().iadd(frames, at);
        let caller_pc = self.b.ins().iconst(I64, pc as i64 + 1);
        let caller_pc_at = (layout::FRAME_PC as i64 - layout::FRAME_BYTES as i64) as i32;
        self.b
            .ins()
            .store(flags, caller_pc, callee_frame, caller_pc_at);
        let zero = self.b.ins().iconst(I64, 0);
        let index = self.b.use_var(self.base_index);
        let callee_index = self.b.ins().iadd_imm_s(index, base as i64 + 1);
        self.b
            .ins()
            .store(flags, closure, callee_frame, layout::FRAME_CLOSURE as i32);
        self.b
            .ins()
            .store(flags, zero, callee_frame, layout::FRAME_PC as i32);
        self.b
            .ins()
            .store(flags, callee_index, callee_frame, layout::FRAME_BASE as i32);
        let pushed = self.b.ins().iadd_imm_s(len, 1);
        self.b
            .ins()
            .store(flags, pushed, fs, layout::FRAMES_LEN as i32);
        callee_regs
    }

    fn lower_op(&mut self, pc: usize) {
        match self.code[pc] {
            // Refused by `compile`; were they lowered, the interpreter would
            // run them (a bail is always correct).
            Op::PushHandler { .. } | Op::PopHandler { .. } | Op::Resume { .. } => {
                let pcv = self.b.ins().iconst(I64, pc as i64);
                self.b.ins().jump(self.bail_block, &[BlockArg::Value(pcv)]);
            }
            Op::Move { dst, src } => {
                let (t, p) = (self.tag(src), self.pay(src));
                self.set(dst, t, p);
                self.next(pc);
            }
            Op::LoadNil { dst } => {
                self.set_const(dst, tag::NIL, 0);
                self.next(pc);
            }
            Op::LoadBool { dst, value } => {
                self.set_const(dst, tag::BOOL, value as u64);
                self.next(pc);
            }
            Op::LoadInt { dst, value } => {
                self.set_const(dst, tag::INT, value as i64 as u64);
                self.next(pc);
            }
            Op::LoadConst { dst, k } => {
                let v = self.view.constant(k);
                self.set_const(dst, v.tag, v.payload);
                self.next(pc);
            }
            Op::GetGlobal { dst, slot } => {
                let g = self
                    .b
                    .ins()
                    .load(I64, Self::flags(), self.ctx, ctx_offset::GLOBALS as i32);
                let off = slot as i32 * VB;
                let t = self.b.ins().load(I64, MemFlagsData::new(), g, off);
                let undef = self.b.ins().icmp_imm_s(IntCC::Equal, t, tag::UNDEF as i64);
                self.bail_if(undef, pc);
                let p = self
                    .b
                    .ins()
                    .load(I64, MemFlagsData::new(), g, off + PAYLOAD);
                self.set(dst, t, p);
                self.next(pc);
            }
            Op::SetGlobal { src, slot } | Op::DefineGlobal { src, slot } => {
                let g = self
                    .b
                    .ins()
                    .load(I64, Self::flags(), self.ctx, ctx_offset::GLOBALS as i32);
                let off = slot as i32 * VB;
                if matches!(self.code[pc], Op::SetGlobal { .. }) {
                    let t = self.b.ins().load(I64, MemFlagsData::new(), g, off);
                    let undef = self.b.ins().icmp_imm_s(IntCC::Equal, t, tag::UNDEF as i64);
                    self.bail_if(undef, pc);
                }
                let (t, p) = (self.tag(src), self.pay(src));
                self.b.ins().store(MemFlagsData::new(), t, g, off);
                self.b.ins().store(MemFlagsData::new(), p, g, off + PAYLOAD);
                self.next(pc);
            }
            Op::GetCapture { dst, idx } => {
                let (t, p) = self.capture(idx);
                self.set(dst, t, p);
                self.next(pc);
            }
            Op::GetCaptureBox { dst, idx } => {
                let (t, p) = self.capture(idx);
                let bx = self.expect_box(t, p, pc);
                let (t, p) = self.load_value(bx, layout::VARBOX_VALUE as i32);
                self.set(dst, t, p);
                self.next(pc);
            }
            Op::SetCaptureBox { idx, src } => {
                let (t, p) = self.capture(idx);
                let bx = self.expect_box(t, p, pc);
                let (t, p) = (self.tag(src), self.pay(src));
                self.store_value(bx, layout::VARBOX_VALUE as i32, t, p);
                self.next(pc);
            }
            Op::LoadSelf { dst } => {
                let regs = self.b.use_var(self.regs);
                let (t, p) = self.load_value(regs, -VB);
                self.set(dst, t, p);
                self.next(pc);
            }
            Op::MakeBox { reg } => {
                self.store_scratch(0, reg);
                self.call_ctx(elle_make_box as *const u8);
                self.load_scratch(reg);
                self.next(pc);
            }
            Op::BoxGet { dst, src } => {
                let (t, p) = (self.tag(src), self.pay(src));
                let bx = self.expect_box(t, p, pc);
                let (t, p) = self.load_value(bx, layout::VARBOX_VALUE as i32);
                self.set(dst, t, p);
                self.next(pc);
            }
            Op::BoxSet { dst, src } => {
                let (t, p) = (self.tag(dst), self.pay(dst));
                let bx = self.expect_box(t, p, pc);
                let (t, p) = (self.tag(src), self.pay(src));
                self.store_value(bx, layout::VARBOX_VALUE as i32, t, p);
                self.next(pc);
            }
            Op::Closure { dst, proto } => {
                self.spill_all();
                let f = self.helper(elle_closure as *const u8);
                let regs = self.b.use_var(self.regs);
                let d = self.b.ins().iconst(I64, dst as i64);
                let i = self.b.ins().iconst(I64, proto as i64);
                self.b
                    .ins()
                    .call_indirect(self.sigs.closure, f, &[self.ctx, regs, d, i]);
                self.reload(dst);
                self.next(pc);
            }
            Op::Jump { off } => {
                if off < 0 {
                    self.back_edge(pc, target(pc, off));
                } else {
                    self.b.ins().jump(self.blocks[target(pc, off)], &[]);
                }
            }
            Op::JumpIfFalse { src, off } => {
                let (t, p) = (self.tag(src), self.pay(src));
                let f = self.falsy(t, p);
                self.branch(pc, off, f);
            }
            Op::JumpIfTrue { src, off } => {
                let (t, p) = (self.tag(src), self.pay(src));
                let f = self.falsy(t, p);
                let truthy = self.not(f);
                self.branch(pc, off, truthy);
            }
            Op::JumpUnlessCmp { cmp, a, b, off } => {
                let holds = self.compare(pc, cmp, a, b);
                let fails = self.not(holds);
                self.branch(pc, off as i32, fails);
            }
            Op::JumpUnlessCmpImm { cmp, a, imm, off } => {
                let holds = self.compare_imm(pc, cmp, a, imm);
                let fails = self.not(holds);
                self.branch(pc, off as i32, fails);
            }
            Op::JumpIfCmp { cmp, a, b, off } => {
                let holds = self.compare(pc, cmp, a, b);
                self.branch(pc, off as i32, holds);
            }
            Op::JumpIfCmpImm { cmp, a, imm, off } => {
                let holds = self.compare_imm(pc, cmp, a, imm);
                self.branch(pc, off as i32, holds);
            }
            Op::Compare { cmp, dst, a, b } => {
                let holds = self.compare(pc, cmp, a, b);
                self.set_bool(dst, holds);
                self.next(pc);
            }
            Op::Add { dst, a, b } => self.arith(pc, Arith::Add, dst, a, b),
            Op::Sub { dst, a, b } => self.arith(pc, Arith::Sub, dst, a, b),
            Op::Mul { dst, a, b } => self.arith(pc, Arith::Mul, dst, a, b),
            Op::AddImm { dst, a, imm } => {
                self.expect_tag(a, tag::INT, pc);
                let pa = self.pay(a);
                let k = self.b.ins().iconst(I64, imm as i64);
                let (r, overflow) = self.b.ins().sadd_overflow(pa, k);
                self.bail_if(overflow, pc);
                self.set_tagged(dst, tag::INT, r);
                self.next(pc);
            }
            Op::Div { dst, a, b } => self.divide(pc, dst, a, b),
            Op::Quotient { dst, a, b } => self.int_division(pc, Division::Quotient, dst, a, b),
            Op::Remainder { dst, a, b } => self.int_division(pc, Division::Remainder, dst, a, b),
            Op::Modulo { dst, a, b } => self.int_division(pc, Division::Modulo, dst, a, b),
            Op::Car { dst, src } | Op::Cdr { dst, src } => {
                self.expect_tag(src, tag::PAIR, pc);
                let p = self.pay(src);
                let off = match self.code[pc] {
                    Op::Car { .. } => layout::PAIR_CAR,
                    _ => layout::PAIR_CDR,
                };
                let (t, v) = self.load_value(p, off as i32);
                self.set(dst, t, v);
                self.next(pc);
            }
            Op::Cons { dst, a, b } => {
                self.store_scratch(0, a);
                self.store_scratch(1, b);
                self.call_ctx(elle_cons as *const u8);
                self.load_scratch(dst);
                self.next(pc);
            }
            Op::IsNull { dst, src } => {
                let t = self.tag(src);
                let c = self.b.ins().icmp_imm_s(IntCC::Equal, t, tag::NIL as i64);
                self.set_bool(dst, c);
                self.next(pc);
            }
            Op::IsPair { dst, src } => {
                let t = self.tag(src);
                let c = self.b.ins().icmp_imm_s(IntCC::Equal, t, tag::PAIR as i64);
                self.set_bool(dst, c);
                self.next(pc);
            }
            Op::Not { dst, src } => {
                let (t, p) = (self.tag(src), self.pay(src));
                let f = self.falsy(t, p);
                self.set_bool(dst, f);
                self.next(pc);
            }
            Op::IsEq { dst, a, b } => {
                let c = self.identical(a, b);
                self.set_bool(dst, c);
                self.next(pc);
            }
            Op::VectorRef { dst, v, i } => {
                self.store_scratch(0, v);
                self.store_scratch(1, i);
                let ok = self.call_ctx_ret(elle_vector_ref as *const u8);
                let failed = self.b.ins().icmp_imm_s(IntCC::Equal, ok, 0);
                self.bail_if(failed, pc);
                self.load_scratch(dst);
                self.next(pc);
            }
            Op::VectorSet { v, i, x } => {
                self.store_scratch(0, v);
                self.store_scratch(1, i);
                self.store_scratch(2, x);
                let ok = self.call_ctx_ret(elle_vector_set as *const u8);
                let failed = self.b.ins().icmp_imm_s(IntCC::Equal, ok, 0);
                self.bail_if(failed, pc);
                self.next(pc);
            }
            Op::Call { base, argc } => self.call(pc, base, argc),
            Op::TailCall { base, argc } => {
                if argc == self.view.nparams() && !self.view.rest() {
                    self.self_tail_call(pc, base, argc);
                }
                self.spill_all();
                let f = self.helper(elle_tail_call as *const u8);
                let cb = self.b.ins().iconst(I64, base as i64);
                let n = self.b.ins().iconst(I64, argc as i64);
                let after = self.b.ins().iconst(I64, pc as i64 + 1);
                let call = self
                    .b
                    .ins()
                    .call_indirect(self.sigs.call, f, &[self.ctx, cb, n, after]);
                let code = self.b.inst_results(call)[0];
                self.b.ins().return_(&[code]);
            }
            Op::Return { src } => {
                self.store_fuel();
                let (t, p) = (self.tag(src), self.pay(src));
                let regs = self.b.use_var(self.regs);
                self.store_value(regs, -VB, t, p);
                let code = self.b.ins().iconst(I64, exit::RETURN as i64);
                self.b.ins().return_(&[code]);
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Arith {
    Add,
    Sub,
    Mul,
}

#[derive(Clone, Copy)]
enum Division {
    Quotient,
    Remainder,
    Modulo,
}

fn int_cc(cmp: Cmp) -> IntCC {
    match cmp {
        Cmp::Lt => IntCC::SignedLessThan,
        Cmp::Le => IntCC::SignedLessThanOrEqual,
        Cmp::Gt => IntCC::SignedGreaterThan,
        Cmp::Ge => IntCC::SignedGreaterThanOrEqual,
        Cmp::Eq => IntCC::Equal,
    }
}

fn float_cc(cmp: Cmp) -> FloatCC {
    match cmp {
        Cmp::Lt => FloatCC::LessThan,
        Cmp::Le => FloatCC::LessThanOrEqual,
        Cmp::Gt => FloatCC::GreaterThan,
        Cmp::Ge => FloatCC::GreaterThanOrEqual,
        Cmp::Eq => FloatCC::Equal,
    }
}
