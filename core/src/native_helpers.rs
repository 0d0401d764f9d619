//! The runtime helpers native code calls (`extern "C"`, taking the
//! `NativeCtx` of the running native activation).
//!
//! Contract for every helper: `ctx` is the context native code was entered
//! with (the VM's own, or the caller's when native code called native
//! code), the calling activation's frame is the VM's running frame (for
//! `elle_after_call`: its callee's frame is on top of it), and every value
//! in `ctx.scratch` or in the frame's registers that a helper reads was
//! stored there whole by native code from a valid `Value`.
//!
//! `elle_call`, `elle_after_call` and `elle_tail_call` run other code, so
//! they may collect and move the VM stack: native code stores its registers
//! before them, and they refresh the context's stack pointers before they
//! return. They never run the interpreter: a callee that must be
//! interpreted suspends the calling native code (`exit::SUSPEND`), so one
//! interpreter loop owns every frame it entered. The other helpers never
//! collect and never move the stack, so native code may keep values in
//! machine registers across them.

use core::ptr::null_mut;

use crate::backend::{exit, NativeCtx};
use crate::error::Result;
use crate::runtime::Runtime;
use crate::value::{Value, VarBox};
use crate::vm::{
    internal, native_entry, new_closure, vector_ref, vector_set, Entered, NativeExit, Vm,
};

/// How a callee called from native code ended, as far as that code sees.
enum Finished {
    /// The callee returned; its result is in its callee slot.
    Returned,
    /// The callee must go on in the interpreter: the calling native code
    /// returns `exit::SUSPEND`, and the interpreter loop that entered
    /// native code runs the top frame, then resumes each suspended frame at
    /// its stored pc. No interpreter loop is ever nested under native code.
    Suspended,
}

/// The pointer a helper returns for `Finished`: the calling frame's
/// registers at `base` (the stack may have moved), or
/// `exit::SUSPENDED_REGS`.
fn registers_after(ctx: &mut NativeCtx, vm: &mut Vm, rt: &mut Runtime, f: Finished) -> *mut Value {
    match (f, vm.frames.last()) {
        (Finished::Returned, Some(frame)) => {
            let base = frame.base;
            ctx.refresh(vm, rt);
            // SAFETY: the frame's registers are inside the stack.
            unsafe { vm.stack.as_mut_ptr().add(base) }
        }
        (Finished::Returned, None) => {
            ctx.error = Some(internal("native call returned without a caller"));
            null_mut()
        }
        (Finished::Suspended, _) => {
            core::ptr::without_provenance_mut(exit::SUSPENDED_REGS as usize)
        }
    }
}

/// The context, VM and runtime a helper works on, as raw pointers.
///
/// Aliasing: native code and the helpers it calls all reach the VM and
/// runtime through the context's pointers, and a helper may run native code
/// that calls helpers in turn. So no helper holds a reference to them
/// across a call into native code: it reborrows them (`parts`) for one step
/// at a time, and every reference made in a step ends before the next
/// step or call.
#[derive(Clone, Copy)]
struct Access {
    ctx: *mut NativeCtx,
    vm: *mut Vm,
    rt: *mut Runtime,
}

impl Access {
    /// The pointers of context `ctx`.
    ///
    /// # Safety
    /// Module contract: `ctx` and the VM and runtime it names are valid.
    unsafe fn of(ctx: *mut NativeCtx) -> Access {
        // SAFETY: the caller passes a valid context; reading two fields.
        let (vm, rt) = unsafe { ((*ctx).vm, (*ctx).rt) };
        Access { ctx, vm, rt }
    }

    /// References for one step; the caller drops them before calling native
    /// code or another helper.
    ///
    /// # Safety
    /// No other reference made from these pointers is live.
    #[allow(clippy::mut_from_ref)]
    unsafe fn parts(&self) -> (&mut NativeCtx, &mut Vm, &mut Runtime) {
        // SAFETY: valid pointers (module contract), unaliased (caller).
        unsafe { (&mut *self.ctx, &mut *self.vm, &mut *self.rt) }
    }
}

/// Calls `R[cb]` with the `argc` arguments after it from the running
/// (native) frame; `pc_after` is the pc after the call, stored so that the
/// frame can be resumed there. A builtin runs at once; a closure with
/// native code runs natively (nested on the machine stack, within the
/// stack floor); any other callee suspends the caller. Returns the frame's
/// register pointer (the stack may have moved), `exit::SUSPENDED_REGS`
/// (native code must return `exit::SUSPEND`), or null when an error was
/// raised (it is in `ctx`). Native code must store its registers before
/// calling.
///
/// # Safety
/// See the module contract.
pub unsafe extern "C" fn elle_call(
    ctx: *mut NativeCtx,
    cb: u64,
    argc: u64,
    pc_after: u64,
) -> *mut Value {
    // SAFETY: the module contract makes `ctx`, its VM and its runtime valid.
    let at = unsafe { Access::of(ctx) };
    let entered = {
        // SAFETY: no reference from `at` is live; these end with the block.
        let (ctx, vm, rt) = unsafe { at.parts() };
        let Some(frame) = vm.frames.last_mut() else {
            ctx.error = Some(internal("native call without a frame"));
            return null_mut();
        };
        frame.pc = pc_after as usize;
        let cb = frame.base + cb as usize;
        if vm.push_exact_call(rt, cb, argc as usize) {
            Ok(Entered::Frame)
        } else {
            vm.setup_call(rt, cb, argc as usize, false)
        }
    };
    let result = match entered {
        Ok(Entered::Value(_)) => Ok(Finished::Returned),
        // SAFETY: no reference from `at` is live.
        Ok(Entered::Frame) => unsafe { finish_frame(at, exit::TAIL) },
        Err(e) => Err(e),
    };
    // SAFETY: no reference from `at` is live.
    unsafe { helper_result(at, result) }
}

/// What `elle_call` and `elle_after_call` return for `result`.
///
/// # Safety
/// No reference made from `at` is live.
unsafe fn helper_result(at: Access, result: Result<Finished>) -> *mut Value {
    // SAFETY: the caller's guarantee; the references end with this call.
    let (ctx, vm, rt) = unsafe { at.parts() };
    match result {
        Ok(f) => registers_after(ctx, vm, rt, f),
        Err(e) => {
            ctx.error = Some(e);
            null_mut()
        }
    }
}

/// Finishes the top frame after its native code exited with `code`: pops
/// it after a return, enters the next frame natively after a tail call
/// (`exit::TAIL` also means "a new frame is on top, not yet started"), and
/// says `Suspended` when the top frame must go on in the interpreter.
///
/// # Safety
/// No reference made from `at` is live (native code runs from here).
unsafe fn finish_frame(at: Access, mut code: u64) -> Result<Finished> {
    loop {
        let (entry, regs) = {
            // SAFETY: no reference from `at` is live; these end with the
            // block, before native code runs.
            let (ctx, vm, rt) = unsafe { at.parts() };
            match NativeExit::decode(code, ctx) {
                NativeExit::Returned => {
                    vm.frames.pop();
                    return Ok(Finished::Returned);
                }
                NativeExit::Error(e) => return Err(e),
                NativeExit::Bail(pc) => {
                    if let Some(f) = vm.frames.last_mut() {
                        f.pc = pc;
                    }
                    return Ok(Finished::Suspended);
                }
                NativeExit::Suspended => return Ok(Finished::Suspended),
                NativeExit::Tail => {
                    let Some(frame) = vm.frames.last().copied() else {
                        return Ok(Finished::Returned);
                    };
                    let entry = match native_entry(rt, frame.closure.proto) {
                        Some(entry) if vm.native_room() => entry,
                        _ => return Ok(Finished::Suspended),
                    };
                    ctx.refresh(vm, rt);
                    // SAFETY: the frame's registers are inside the stack.
                    (entry, unsafe { vm.stack.as_mut_ptr().add(frame.base) })
                }
            }
        };
        // SAFETY: `entry` is the native code of the top frame's proto and
        // `regs` that frame's registers; the context is valid for the VM
        // and runtime it names, and no reference to them is live here.
        code = unsafe { entry(at.ctx, regs, 0) };
    }
}

/// After native code pushed a frame for a native callee, called its entry
/// and it exited with `code` other than `RETURN`: finishes that frame (see
/// `finish_frame`) and returns the caller's register pointer,
/// `exit::SUSPENDED_REGS`, or null when an error was raised (it is in
/// `ctx`).
///
/// # Safety
/// See the module contract.
pub unsafe extern "C" fn elle_after_call(ctx: *mut NativeCtx, code: u64) -> *mut Value {
    // SAFETY: module contract; no reference from `at` is live at either
    // call.
    unsafe {
        let at = Access::of(ctx);
        let result = finish_frame(at, code);
        helper_result(at, result)
    }
}

/// A tail call from native code: `R[cb]` with the `argc` arguments after
/// it replaces the running frame. Returns the exit code native code must
/// return: `TAIL` (a new frame is on top), `RETURN` (a builtin was called;
/// its result is in R[-1]) or `ERROR`.
///
/// # Safety
/// See the module contract; registers are stored.
pub unsafe extern "C" fn elle_tail_call(
    ctx: *mut NativeCtx,
    cb: u64,
    argc: u64,
    pc_after: u64,
) -> u64 {
    // SAFETY: module contract. Runs no native code, so the references
    // may last the whole call.
    let at = unsafe { Access::of(ctx) };
    // SAFETY: no other reference from `at` exists.
    let (ctx, vm, rt) = unsafe { at.parts() };
    let Some(frame) = vm.frames.last_mut() else {
        ctx.error = Some(internal("native tail call without a frame"));
        return exit::ERROR;
    };
    frame.pc = pc_after as usize;
    let base = frame.base;
    let result = vm.setup_call(rt, base + cb as usize, argc as usize, true);
    ctx.refresh(vm, rt);
    match result {
        Ok(Entered::Frame) => exit::TAIL,
        Ok(Entered::Value(v)) => {
            vm.stack[base - 1] = v;
            exit::RETURN
        }
        Err(e) => {
            ctx.error = Some(e);
            exit::ERROR
        }
    }
}

/// `scratch[0] := (cons scratch[0] scratch[1])`.
///
/// # Safety
/// See the module contract.
pub unsafe extern "C" fn elle_cons(ctx: *mut NativeCtx) {
    // SAFETY: module contract.
    let ctx = unsafe { &mut *ctx };
    // SAFETY: module contract; the runtime is not part of the context.
    let rt = unsafe { &mut *ctx.rt };
    ctx.scratch[0] = Value::cons(rt, ctx.scratch[0], ctx.scratch[1]);
}

/// `scratch[0] :=` a new box holding `scratch[0]`.
///
/// # Safety
/// See the module contract.
pub unsafe extern "C" fn elle_make_box(ctx: *mut NativeCtx) {
    // SAFETY: module contract.
    let ctx = unsafe { &mut *ctx };
    // SAFETY: module contract; the runtime is not part of the context.
    let rt = unsafe { &mut *ctx.rt };
    let b = rt.heap.alloc(VarBox(core::cell::Cell::new(ctx.scratch[0])));
    ctx.scratch[0] = Value::VarBox(b);
}

/// `scratch[0] := (vector-ref scratch[0] scratch[1])`; returns 0 when that
/// would raise an error (native code then bails, and the interpreter
/// raises it), 1 otherwise.
///
/// # Safety
/// See the module contract.
pub unsafe extern "C" fn elle_vector_ref(ctx: *mut NativeCtx) -> u64 {
    // SAFETY: module contract.
    let ctx = unsafe { &mut *ctx };
    // SAFETY: module contract; the runtime is not part of the context.
    let rt = unsafe { &*ctx.rt };
    match vector_ref(rt, "vector-ref", ctx.scratch[0], ctx.scratch[1]) {
        Ok(v) => {
            ctx.scratch[0] = v;
            1
        }
        Err(_) => 0,
    }
}

/// `(vector-set! scratch[0] scratch[1] scratch[2])`; returns 0 when that
/// would raise an error (nothing changed), 1 otherwise.
///
/// # Safety
/// See the module contract.
pub unsafe extern "C" fn elle_vector_set(ctx: *mut NativeCtx) -> u64 {
    // SAFETY: module contract.
    let ctx = unsafe { &mut *ctx };
    // SAFETY: module contract; the runtime is not part of the context.
    let rt = unsafe { &*ctx.rt };
    let [v, i, x] = ctx.scratch;
    vector_set(rt, "vector-set!", v, i, x).is_ok() as u64
}

/// `R[dst] :=` a closure of child proto `idx` of the running frame's proto,
/// capturing from the frame's registers at `regs`. Native code must store
/// its registers before calling, and reload `R[dst]` after.
///
/// # Safety
/// See the module contract; `regs` is the running frame's R[0].
pub unsafe extern "C" fn elle_closure(ctx: *mut NativeCtx, regs: *mut Value, dst: u64, idx: u64) {
    // SAFETY: module contract.
    let ctx = unsafe { &mut *ctx };
    // SAFETY: module contract; the VM and runtime are not part of the
    // context, and this helper runs no native code.
    let (vm, rt) = unsafe { (&*ctx.vm, &mut *ctx.rt) };
    let Some(frame) = vm.frames.last() else {
        return;
    };
    // SAFETY: capture registers passed `Proto::verify` (below `nregs`).
    let c = new_closure(rt, frame.closure, idx as u16, |r| unsafe {
        *regs.add(r as usize)
    });
    // SAFETY: `dst` passed `Proto::verify`.
    unsafe { *regs.add(dst as usize) = c };
}

/// The captured values of the running frame's closure (`C[i]` at
/// `result + 16 i`); they never change while the frame runs.
///
/// # Safety
/// See the module contract.
pub unsafe extern "C" fn elle_captures(ctx: *mut NativeCtx) -> *const Value {
    // SAFETY: module contract.
    let vm = unsafe { &*(*ctx).vm };
    vm.frames
        .last()
        .map_or(core::ptr::null(), |f| f.closure.captures.as_ptr())
}

/// The helpers' aliasing discipline, checked where Miri can run it: a
/// hand-written "backend" whose native code is Rust `extern "C"` functions
/// following the code generator's contract. `outer` calls `inner` through
/// `elle_call`, which enters `inner`'s native code from `finish_frame`;
/// `inner` calls `elle_cons`, which makes fresh references to the context
/// and runtime while `elle_call` is still on the stack. A helper that held
/// references across that call would be reported by Miri.
#[cfg(test)]
mod tests {
    use alloc::boxed::Box;
    use alloc::sync::Arc;
    use core::sync::atomic::{AtomicU64, Ordering};

    use super::*;
    use crate::backend::{CodeBackend, CodeCache, Jit, JitSettings, NativeCode, NativeEntry};
    use crate::backend::{ProtoView, Refusal};
    use crate::bytecode::Op;
    use crate::{Engine, Written};

    /// `outer`'s call: its base register and the pc after it.
    static CALL_BASE: AtomicU64 = AtomicU64::new(0);
    static CALL_NEXT_PC: AtomicU64 = AtomicU64::new(0);

    /// `(outer f n)` as native code: `(f n)` through `elle_call`.
    unsafe extern "C" fn outer(ctx: *mut NativeCtx, regs: *mut Value, _pc: u64) -> u64 {
        let cb = CALL_BASE.load(Ordering::Relaxed);
        // SAFETY: R[0], R[1] and R[cb..=cb+1] are the frame's registers
        // (`cb` is the proto's own call base).
        let regs = unsafe {
            *regs.add(cb as usize) = *regs;
            *regs.add(cb as usize + 1) = *regs.add(1);
            elle_call(ctx, cb, 1, CALL_NEXT_PC.load(Ordering::Relaxed))
        };
        if regs.is_null() {
            return exit::ERROR;
        }
        if regs as usize == exit::SUSPENDED_REGS as usize {
            return exit::SUSPEND;
        }
        // SAFETY: `regs` is the frame's R[0] again; R[-1] is its callee slot.
        unsafe { *regs.sub(1) = *regs.add(cb as usize) };
        exit::RETURN
    }

    /// `(inner x)` as native code: `(cons x nil)` through `elle_cons`.
    unsafe extern "C" fn inner(ctx: *mut NativeCtx, regs: *mut Value, _pc: u64) -> u64 {
        // SAFETY: the context is valid (module contract); R[0] and R[-1]
        // are the frame's parameter and callee slot.
        unsafe {
            (*ctx).scratch[0] = *regs;
            (*ctx).scratch[1] = Value::Nil;
            elle_cons(ctx);
            *regs.sub(1) = (*ctx).scratch[0];
        }
        exit::RETURN
    }

    struct Code(NativeEntry);

    impl NativeCode for Code {
        fn entry(&self) -> NativeEntry {
            self.0
        }
        fn code_bytes(&self) -> usize {
            0
        }
        fn compile_nanos(&self) -> u64 {
            0
        }
    }

    /// Compiles `outer` and `inner` to the functions above.
    struct HandWritten;

    impl CodeBackend for HandWritten {
        fn compile(
            &self,
            view: &ProtoView<'_>,
        ) -> core::result::Result<Box<dyn NativeCode>, Refusal> {
            match view.name() {
                "outer" => {
                    let (pc, base) = view
                        .code()
                        .iter()
                        .enumerate()
                        .find_map(|(pc, op)| match op {
                            Op::Call { base, .. } => Some((pc, *base)),
                            _ => None,
                        })
                        .ok_or_else(|| Refusal("no call".into()))?;
                    CALL_BASE.store(base as u64, Ordering::Relaxed);
                    CALL_NEXT_PC.store(pc as u64 + 1, Ordering::Relaxed);
                    Ok(Box::new(Code(outer)))
                }
                "inner" => Ok(Box::new(Code(inner))),
                _ => Err(Refusal("not hand-written".into())),
            }
        }
    }

    #[test]
    fn helpers_reborrow_around_nested_native_code() {
        let mut e = Engine::new();
        e.set_jit(Some(Jit {
            backend: Arc::new(HandWritten),
            cache: Arc::new(CodeCache::new()),
            settings: JitSettings {
                threshold: 0,
                ..JitSettings::default()
            },
        }));
        let r = e.eval::<Written>(
            "(define (inner x) (cons x nil)) \
             (define (outer f n) (car (list (f n)))) \
             (list (outer inner 41) (outer inner 42))",
        );
        assert_eq!(r.map(|w| w.0).ok().as_deref(), Some("((41) (42))"));
        let stats = e.jit().map(|j| j.cache.stats());
        assert!(stats
            .is_some_and(|s| s.compiled.contains_key("outer") && s.compiled.contains_key("inner")));
    }
}
