//! The VM: runs protos on a heap-allocated register stack.
//!
//! Frames live in `frames`; registers live in `stack`. A frame's registers
//! are `stack[base .. base + nregs]` and its closure sits in `stack[base-1]`,
//! so a call needs no copying: the caller puts the callee and arguments in
//! consecutive registers and the callee's frame starts right after the
//! callee. A tail call moves the callee and arguments down onto the current
//! frame and reuses it, so tail calls run in constant space.
//!
//! Invariants:
//! - On frame entry `stack.len() >= base + nregs`, and every register past the
//!   arguments is `nil`.
//! - Whenever code can raise an error, the running frame's `pc` is either
//!   stored in `frames` or held in the loop's local, which the error path
//!   stores before building the Elle stack.
//! - The collector runs only at safepoints (calls and backward jumps), where
//!   every live value is in `stack[.. top]`, a runtime root, or a frame's
//!   closure (which is on the stack). Slots above `top` are cleared then, so
//!   no slot ever holds a pointer to a freed object.

use alloc::format;
use alloc::vec::Vec;

use crate::backend::{exit, promote, NativeCtx, NativeEntry};
use crate::builtins::numbers;
use crate::bytecode::{CaptureSource, Cmp, Op, Proto};
use crate::error::{Error, ErrorKind, Result};
use crate::heap::Gc;
use crate::print::short;
use crate::runtime::Runtime;
use crate::value::{Closure, Intrinsic, NativeBody, Value, VarBox};

mod handlers;
use handlers::stack_entries;
pub(crate) use handlers::{full_message, raise, span_at, values_of, MAX_TRACE};

/// One activation of a closure (`repr(C)`: native code pushes frames).
#[derive(Clone, Copy)]
#[repr(C)]
pub(crate) struct Frame {
    pub(crate) closure: Gc<Closure>,
    /// Next instruction (stored when the frame is not running).
    pub(crate) pc: usize,
    /// Index of R[0] in `stack`.
    pub(crate) base: usize,
}

/// The interpreter's stacks.
pub struct Vm {
    pub(crate) stack: Vec<Value>,
    pub(crate) frames: FrameStack,
    /// Installed handlers, innermost last (see `handlers.rs`).
    pub(crate) handlers: Vec<handlers::Handler>,
    /// Native code is entered only while the machine stack is above this
    /// address (stacks grow down on every target with a backend), so nested
    /// native activations stay within `JitSettings::native_stack_bytes`.
    stack_floor: usize,
    /// Whether a code backend is installed (set when a run starts), so the
    /// interpreter-only engine skips the tiering counters.
    jit_on: bool,
}

/// The frame stack: a growable buffer whose pointer, length and capacity
/// native code reads and writes directly (`repr(C)`; see
/// `backend::layout`) to push and pop frames without a call.
///
/// Invariant: `ptr` is `buf`'s storage, `cap == buf.len()`, and the
/// first `len` slots are initialised frames.
#[repr(C)]
pub(crate) struct FrameStack {
    pub(crate) ptr: *mut Frame,
    pub(crate) len: usize,
    pub(crate) cap: usize,
    buf: Vec<core::mem::MaybeUninit<Frame>>,
}

impl Default for FrameStack {
    fn default() -> Self {
        FrameStack {
            ptr: core::ptr::NonNull::dangling().as_ptr(),
            len: 0,
            cap: 0,
            buf: Vec::new(),
        }
    }
}

impl FrameStack {
    pub(crate) fn len(&self) -> usize {
        self.len
    }
    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }
    /// Slots allocated.
    pub(crate) fn capacity(&self) -> usize {
        self.cap
    }
    /// The frames from index `from` up.
    pub(crate) fn above(&self, from: usize) -> &[Frame] {
        let from = from.min(self.len);
        // SAFETY: the first `len` slots are initialised (type invariant).
        unsafe { core::slice::from_raw_parts(self.ptr.add(from), self.len - from) }
    }
    pub(crate) fn last(&self) -> Option<&Frame> {
        self.above(0).last()
    }
    pub(crate) fn last_mut(&mut self) -> Option<&mut Frame> {
        match self.len {
            0 => None,
            // SAFETY: slot `len - 1` is initialised (type invariant).
            n => Some(unsafe { &mut *self.ptr.add(n - 1) }),
        }
    }
    pub(crate) fn push(&mut self, f: Frame) {
        if self.len == self.cap {
            let cap = (self.cap * 2).max(64);
            self.buf.resize(cap, core::mem::MaybeUninit::uninit());
            self.ptr = self.buf.as_mut_ptr() as *mut Frame;
            self.cap = cap;
        }
        // SAFETY: `len < cap`, so the slot is inside `buf`.
        unsafe { self.ptr.add(self.len).write(f) };
        self.len += 1;
    }
    pub(crate) fn pop(&mut self) -> Option<Frame> {
        let f = self.last().copied();
        self.len = self.len.saturating_sub(1);
        f
    }
    pub(crate) fn truncate(&mut self, len: usize) {
        self.len = self.len.min(len);
    }
}

/// How the interpreter goes on after `enter_native_at`.
enum Entry {
    /// Nothing ran natively: interpret the frame from where it was.
    Interpret,
    /// The frame `run_frames` was entered for returned this value.
    Finished(Value),
    /// Frames or the pc changed: continue with the top frame at its pc.
    Reload,
    /// An error was raised; every frame's pc is stored.
    Failed(Error),
}

/// How a native activation ended (the one decoding of native exit codes).
pub(crate) enum NativeExit {
    /// The frame returned; its result is in its callee slot.
    Returned,
    /// The interpreter continues the frame at this pc.
    Bail(usize),
    /// A tail call replaced the frame; the new one starts at pc 0.
    Tail,
    /// A helper raised this error; every frame's pc is stored.
    Error(Error),
    /// The frame suspended at a call whose callee must be interpreted
    /// (`exit::SUSPEND`): continue with the top frame at its stored pc.
    Suspended,
}

impl NativeExit {
    /// Decodes native code's exit `code`; an error is taken from the
    /// context that native code ran with.
    pub(crate) fn decode(code: u64, ctx: &mut NativeCtx) -> NativeExit {
        if code == exit::SUSPEND {
            return NativeExit::Suspended;
        }
        match code & 3 {
            exit::RETURN => NativeExit::Returned,
            exit::TAIL => NativeExit::Tail,
            exit::ERROR => NativeExit::Error(
                ctx.error
                    .take()
                    .unwrap_or_else(|| internal("native code failed without an error")),
            ),
            _ => NativeExit::Bail((code >> 2) as usize),
        }
    }
}

/// The native entry of `proto`, counting one call or back-edge towards
/// compiling it when it has none yet.
#[inline(always)]
pub(crate) fn native_entry(rt: &mut Runtime, proto: Gc<Proto>) -> Option<NativeEntry> {
    match proto.tier.native.get() {
        Some(e) => Some(e),
        None => {
            let heat = proto.tier.heat.get();
            if heat > 1 {
                proto.tier.heat.set(heat - 1);
                None
            } else {
                promote(rt, proto)
            }
        }
    }
}

/// An address on the current machine stack.
#[inline(always)]
fn stack_address() -> usize {
    let marker = 0u8;
    core::hint::black_box(&marker) as *const u8 as usize
}

/// What setting up a call did.
pub(crate) enum Entered {
    /// A new frame is running (or the current one was replaced).
    Frame,
    /// A native ran; its result is in the callee slot.
    Value(Value),
}

impl Default for Vm {
    fn default() -> Self {
        Vm {
            stack: Vec::new(),
            frames: FrameStack::default(),
            handlers: Vec::new(),
            stack_floor: usize::MAX,
            jit_on: false,
        }
    }
}

impl Vm {
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of live frames (0 when idle).
    #[cfg(test)]
    pub fn depth(&self) -> usize {
        self.frames.len()
    }

    /// First free stack slot above the running frame.
    fn top(&self) -> usize {
        match self.frames.last() {
            Some(f) => f.base + f.closure.proto.nregs as usize,
            None => 0,
        }
    }

    /// Calls `f` with `args` and runs it to completion.
    pub fn call(&mut self, rt: &mut Runtime, f: Value, args: &[Value]) -> Result<Value> {
        let entry_depth = self.frames.len();
        if entry_depth == 0 {
            let room = rt.jit.as_ref().map_or(0, |j| j.settings.native_stack_bytes);
            self.stack_floor = stack_address().saturating_sub(room);
            self.jit_on = rt.jit.is_some();
        }
        let cb = self.top();
        self.ensure(cb + 1 + args.len());
        self.stack[cb] = f;
        self.stack[cb + 1..cb + 1 + args.len()].copy_from_slice(args);
        let r = match self.setup_call(rt, cb, args.len(), false) {
            Ok(Entered::Value(v)) => Ok(v),
            Ok(Entered::Frame) => self.run(rt, entry_depth),
            Err(e) => Err(self.unwind(rt, e, entry_depth)),
        };
        if self.frames.is_empty() {
            self.clear_stack(rt);
            self.handlers.clear();
        }
        r
    }

    /// Makes the VM idle again when a host call was abandoned by a panic
    /// unwinding through it (a panic no catcher caught, such
    /// as one in the host's output flush): drops its frames, handlers and
    /// registers.
    pub(crate) fn reset(&mut self, rt: &mut Runtime) {
        self.frames.truncate(0);
        self.handlers.clear();
        self.clear_stack(rt);
    }

    /// Drops the idle stack's references (its slots are `Copy` values, so
    /// this only resets the length) and returns memory a deep recursion left.
    fn clear_stack(&mut self, rt: &mut Runtime) {
        self.stack.clear();
        if self.stack.capacity() > 1 << 20 {
            self.stack.shrink_to(1 << 16);
        }
        self.count_stack_bytes(rt);
    }

    /// The common call from native code: `stack[cb]` is a closure taking
    /// exactly `argc` arguments and no limit or collection is due. Pushes
    /// its frame and returns true; returns false (changing nothing) when
    /// `setup_call` must do the general work.
    ///
    /// Reads the callee slot word by word: native code has just stored it
    /// as two words, and a whole-value load would stall on them.
    #[inline]
    pub(crate) fn push_exact_call(&mut self, rt: &mut Runtime, cb: usize, argc: usize) -> bool {
        let slot = self.stack[cb..].as_ptr() as *const u64;
        // SAFETY: `cb` is in the stack (checked by the slice above), and a
        // `Value` is two words, the tag first.
        let tag_word = unsafe { *slot };
        if tag_word != crate::value::tag::CLOSURE {
            return false;
        }
        // SAFETY: a closure value's payload word is its live box's address;
        // read as a pointer, it keeps the provenance it was stored with.
        let c: Gc<Closure> = unsafe { Gc::from_ptr(*(slot.add(1) as *const *mut u8)) };
        let callee = c.proto;
        if callee.nparams as usize != argc
            || callee.rest
            || cb + 1 + callee.nregs as usize > self.stack.len()
            || rt.meter.slice == 0
            || self.frames.len() >= rt.limits.max_call_depth
            || rt.heap.wants_collection()
        {
            return false;
        }
        rt.meter.slice -= 1;
        self.push_frame(c, cb + 1, argc);
        true
    }

    /// Enters closure `c` with its `argc` arguments in `stack[base..]`: the
    /// rest of its registers start as nil and its frame is pushed at pc 0.
    /// The one rule for a new frame; native code's inline push follows it
    /// (`lower.rs` starts a frame's other registers as nil itself).
    #[inline(always)]
    fn push_frame(&mut self, c: Gc<Closure>, base: usize, argc: usize) -> Frame {
        let nregs = c.proto.nregs as usize;
        self.ensure(base + nregs);
        for v in &mut self.stack[base + argc..base + nregs] {
            *v = Value::Nil;
        }
        let frame = Frame {
            closure: c,
            pc: 0,
            base,
        };
        self.frames.push(frame);
        frame
    }

    #[inline]
    fn ensure(&mut self, len: usize) {
        if self.stack.len() < len {
            self.stack.resize(len.max(self.stack.len() * 2), Value::Nil);
        }
    }

    /// A loop's back-edge: spends fuel and is a collector safepoint (live
    /// values are below `top`).
    #[inline(always)]
    fn back_edge(&mut self, rt: &mut Runtime, top: usize) -> Result<()> {
        rt.meter.spend(1)?;
        if rt.heap.wants_collection() {
            self.collect(rt, top)?;
        }
        Ok(())
    }

    /// Collects garbage; live values are below `top` or in the runtime.
    /// Fails when the live heap is still above the host's limit.
    fn collect(&mut self, rt: &mut Runtime, top: usize) -> Result<()> {
        let top = top.min(self.stack.len());
        for v in self.stack[top..].iter_mut() {
            *v = Value::Nil;
        }
        rt.collect(&self.stack[..top]);
        match rt.limits.max_heap_bytes {
            Some(max) if rt.used_bytes() > max => Err(crate::runtime::heap_limit_error(max)),
            _ => Ok(()),
        }
    }

    /// Prepares the call of `stack[cb]` with `argc` arguments after it. With
    /// `tail`, the callee replaces the running frame.
    pub(crate) fn setup_call(
        &mut self,
        rt: &mut Runtime,
        cb: usize,
        mut argc: usize,
        tail: bool,
    ) -> Result<Entered> {
        loop {
            match self.stack[cb] {
                Value::Closure(c) => {
                    rt.meter.spend(1)?;
                    if rt.heap.wants_collection() {
                        let top = self.top().max(cb + 1 + argc);
                        self.collect(rt, top)?;
                    }
                    let base = if tail {
                        let base = self.frames.last().map_or(cb + 1, |f| f.base);
                        self.stack.copy_within(cb..cb + 1 + argc, base - 1);
                        base
                    } else {
                        if self.frames.len() >= rt.limits.max_call_depth {
                            return Err(Error::new(
                                ErrorKind::Limit,
                                format!("call depth exceeded {}", rt.limits.max_call_depth),
                            ));
                        }
                        cb + 1
                    };
                    let live = self.top().max(base + argc);
                    self.reserve_stack(rt, base + c.proto.nregs as usize, live)?;
                    let argc = self.bind_args(rt, c.proto, base, argc)?;
                    if tail {
                        // The callee replaces the running frame.
                        self.frames.pop();
                    }
                    self.push_frame(c, base, argc);
                    return Ok(Entered::Frame);
                }
                Value::Native(n) => {
                    check_native_arity(n.name, n.min_args, n.max_args, argc)?;
                    let args = &self.stack[cb + 1..cb + 1 + argc];
                    let v = match &n.body {
                        NativeBody::Fn(f) => self.run_builtin(rt, f, cb, argc)?,
                        NativeBody::Closure(f) => self.run_builtin(rt, f, cb, argc)?,
                        NativeBody::Intrinsic(Intrinsic::Apply) => {
                            argc = self.spread_apply(rt, cb, argc)?;
                            continue;
                        }
                        NativeBody::Intrinsic(Intrinsic::Continuation) => {
                            let v = values_of(rt, args);
                            return Err(self.escape(rt, n, v));
                        }
                        NativeBody::Intrinsic(Intrinsic::RaiseContinuable) => {
                            self.raise_continuable(rt, cb, tail)?;
                            argc = 2;
                            continue;
                        }
                        NativeBody::Intrinsic(Intrinsic::PopHandler) => {
                            self.pop_mask()?;
                            Value::Nil
                        }
                    };
                    self.stack[cb] = v;
                    return Ok(Entered::Value(v));
                }
                other => {
                    return Err(Error::new(
                        ErrorKind::Type,
                        format!("cannot call {}, {}", short(rt, other), other.type_phrase()),
                    ))
                }
            }
        }
    }

    /// Runs builtin `f` on the `argc` arguments after `stack[cb]`. When it
    /// could not reserve memory (`Runtime::reserve`), collects — a call is a
    /// safepoint, and the builtin has changed nothing — and runs it once
    /// more.
    fn run_builtin<F: Fn(&mut Runtime, &[Value]) -> Result<Value> + ?Sized>(
        &mut self,
        rt: &mut Runtime,
        f: &F,
        cb: usize,
        argc: usize,
    ) -> Result<Value> {
        rt.reserve_failed = false;
        match f(rt, &self.stack[cb + 1..cb + 1 + argc]) {
            Err(_) if core::mem::take(&mut rt.reserve_failed) => {
                self.collect(rt, self.top().max(cb + 1 + argc))?;
                f(rt, &self.stack[cb + 1..cb + 1 + argc])
            }
            r => r,
        }
    }

    /// Grows the register stack to at least `len` slots, counting it
    /// against the host's heap limit; collects first (values below `live`
    /// survive) when the growth would pass the limit.
    fn reserve_stack(&mut self, rt: &mut Runtime, len: usize, live: usize) -> Result<()> {
        if len <= self.stack.len() {
            return Ok(());
        }
        let slot = core::mem::size_of::<Value>();
        let doubled = len.max(self.stack.len() * 2);
        if rt.reserve((doubled - self.stack.len()) * slot).is_err() {
            self.collect(rt, live)?;
            rt.reserve((len - self.stack.len()) * slot)?;
            self.stack.reserve_exact(len - self.stack.len());
        }
        rt.reserve_failed = false;
        self.ensure(len);
        self.count_stack_bytes(rt);
        Ok(())
    }

    /// Records the bytes the register and frame stacks hold in the runtime.
    fn count_stack_bytes(&self, rt: &mut Runtime) {
        rt.vm_bytes = self.stack.capacity() * core::mem::size_of::<Value>()
            + self.frames.capacity() * core::mem::size_of::<Frame>();
    }

    /// Rewrites `(apply f a ... list)` at `cb` into the call `(f a ... items)`
    /// at the same slot; returns the new argument count.
    fn spread_apply(&mut self, rt: &mut Runtime, cb: usize, argc: usize) -> Result<usize> {
        let list = self.stack[cb + argc];
        let len = crate::builtins::lists::proper_length(rt, "apply", list)?;
        self.reserve_stack(rt, cb + argc + len + 1, cb + argc + 1)?;
        let items = crate::builtins::lists::items(rt, "apply", list)?;
        // f a ... sit at cb+1 ..= cb+argc-1; the list's items follow them.
        let fixed = argc - 2;
        for (i, v) in items.iter().enumerate() {
            self.stack[cb + argc + i] = *v;
        }
        let new_argc = fixed + items.len();
        self.stack.copy_within(cb + 1..cb + 2 + new_argc, cb);
        Ok(new_argc)
    }

    /// Checks the argument count and collects rest arguments; returns the
    /// number of registers the arguments now fill.
    fn bind_args(
        &mut self,
        rt: &mut Runtime,
        proto: Gc<Proto>,
        base: usize,
        argc: usize,
    ) -> Result<usize> {
        let n = proto.nparams as usize;
        if argc == n && !proto.rest {
            return Ok(argc);
        }
        if argc < n || (argc > n && !proto.rest) {
            let name = proto.name.map_or("anonymous procedure", |s| rt.sym_name(s));
            let want = if proto.rest {
                format!("at least {}", n)
            } else {
                format!("{}", n)
            };
            return Err(Error::new(
                ErrorKind::Arity,
                format!("{} takes {} argument(s), got {}", name, want, argc),
            ));
        }
        let rest = Value::list(rt, &self.stack[base + n..base + argc]);
        self.ensure(base + n + 1);
        self.stack[base + n] = rest;
        Ok(n + 1)
    }

    /// Builds the Elle stack, drops the frames above `entry_depth` and
    /// their handlers, and returns the error positioned at the innermost
    /// frame.
    fn unwind(&mut self, rt: &mut Runtime, e: Error, entry_depth: usize) -> Error {
        let mut e = self.settle(rt, e);
        self.drop_handlers(entry_depth);
        let trace = stack_entries(rt, &self.trace(entry_depth));
        if let Some(span) = trace.first().and_then(|t| t.span) {
            e = e.at(span);
        }
        e.set_stack(trace);
        self.frames.truncate(entry_depth);
        e
    }

    /// Runs frames until the one at `entry_depth` returns; an error comes
    /// back with its Elle stack and the frames above `entry_depth` dropped.
    fn run(&mut self, rt: &mut Runtime, entry_depth: usize) -> Result<Value> {
        self.run_frames(rt, entry_depth)
            .map_err(|e| self.unwind(rt, e, entry_depth))
    }

    /// True while native code may be entered without passing the stack floor.
    #[inline(always)]
    pub(crate) fn native_room(&self) -> bool {
        stack_address() > self.stack_floor
    }

    /// Runs the frame at `base` in native code from `pc`.
    fn run_native(
        &mut self,
        rt: &mut Runtime,
        entry: NativeEntry,
        base: usize,
        pc: usize,
    ) -> NativeExit {
        let vm: *mut Vm = self;
        let rtp: *mut Runtime = rt;
        // SAFETY: `vm` and `rtp` come from the exclusive borrows this method
        // holds and are not used through those borrows until `entry`
        // returns; native code and its helpers use them only through the
        // context. `base` is the running frame's (stack.len() >= base +
        // nregs), and `entry` is the native code of that frame's proto,
        // which the proto (reachable from R[-1]) keeps alive.
        unsafe {
            let (heap_live, heap_due) = (*rtp).heap.pressure_words();
            let mut ctx = NativeCtx {
                vm,
                rt: rtp,
                globals: core::ptr::null_mut(),
                fuel: core::ptr::addr_of_mut!((*rtp).meter.slice),
                heap_live,
                heap_due,
                scratch: [Value::Nil; 3],
                frames: core::ptr::addr_of_mut!((*vm).frames),
                stack_ptr: core::ptr::null_mut(),
                stack_end: core::ptr::null_mut(),
                max_depth: (*rtp).limits.max_call_depth,
                stack_floor: (*vm).stack_floor,
                error: None,
            };
            ctx.refresh(&mut *vm, &mut *rtp);
            let regs = (*vm).stack.as_mut_ptr().add(base);
            let code = entry(&mut ctx, regs, pc as u64);
            NativeExit::decode(code, &mut ctx)
        }
    }

    /// Runs the running frame (`proto` at `base`) in native code from `pc`
    /// if it has code and the machine stack has room, entering each frame a
    /// native tail call leaves on top in turn; says how the interpreter
    /// goes on.
    #[inline(never)]
    fn enter_native_at(
        &mut self,
        rt: &mut Runtime,
        mut proto: Gc<Proto>,
        mut base: usize,
        mut pc: usize,
        entry_depth: usize,
    ) -> Entry {
        let mut moved = false;
        loop {
            let entry = match native_entry(rt, proto) {
                Some(e) if self.native_room() => e,
                _ if moved => return Entry::Reload,
                _ => return Entry::Interpret,
            };
            match self.run_native(rt, entry, base, pc) {
                NativeExit::Returned => {
                    self.frames.pop();
                    let v = self.stack[base - 1];
                    if self.frames.len() <= entry_depth {
                        return Entry::Finished(v);
                    }
                    return Entry::Reload;
                }
                NativeExit::Bail(p) => {
                    if let Some(f) = self.frames.last_mut() {
                        f.pc = p;
                    }
                    return Entry::Reload;
                }
                NativeExit::Tail => match self.frames.last() {
                    Some(f) => {
                        (proto, base, pc, moved) = (f.closure.proto, f.base, 0, true);
                    }
                    None => return Entry::Reload,
                },
                NativeExit::Error(e) => return Entry::Failed(e),
                NativeExit::Suspended => return Entry::Reload,
            }
        }
    }

    /// Runs frames until the one at `entry_depth` returns. An error leaves
    /// every frame in place with its pc stored, for `unwind`. Native code
    /// never nests this loop: a callee it cannot run natively suspends it
    /// (`exit::SUSPEND`), and this loop runs the callee and then resumes
    /// the suspended frames at their stored pcs.
    fn run_frames(&mut self, rt: &mut Runtime, entry_depth: usize) -> Result<Value> {
        let mut frame = match self.frames.last() {
            Some(f) => *f,
            None => return Ok(Value::Nil),
        };
        let mut proto = frame.closure.proto;
        let mut base = frame.base;
        let mut pc = frame.pc;

        // `regs` points at R[0] of the running frame: the register file is
        // reached through this local, not through `self.stack`, so the
        // compiler keeps one pointer in a register instead of reloading the
        // vector's buffer on every instruction.
        //
        // SAFETY (for `rf!`, `rv!`, `rm!`, `regs` and the instruction
        // fetch): every proto passed `Proto::verify`, so register operands
        // are below `nregs` and jumps stay inside the code, which ends in a
        // return or jump. On frame entry `stack.len() >= base + nregs` and
        // `base >= 1`. `regs` is recomputed (`refresh!`) after anything that
        // may move or reborrow the stack's buffer (calls through
        // `setup_call`, collections, frame changes) and never used after
        // such a point before that. The running proto is alive: its closure
        // sits in `stack[base - 1]`, a GC root.
        let mut regs: *mut Value = self.stack.as_mut_ptr().wrapping_add(base);
        macro_rules! refresh {
            () => {
                regs = self.stack.as_mut_ptr().wrapping_add(base)
            };
        }
        macro_rules! rf {
            ($i:expr) => {
                // SAFETY: `$i` is a verified register of the running frame
                // and `regs` is current (see the SAFETY note above).
                unsafe { &*regs.add($i as usize) }
            };
        }
        macro_rules! rv {
            ($i:expr) => {
                // SAFETY: `$i` is a verified register of the running frame
                // and `regs` is current (see the SAFETY note above).
                unsafe { *regs.add($i as usize) }
            };
        }
        macro_rules! rm {
            ($i:expr) => {
                // SAFETY: `$i` is a verified register of the running frame
                // and `regs` is current (see the SAFETY note above).
                unsafe { &mut *regs.add($i as usize) }
            };
        }
        macro_rules! reload {
            () => {{
                match self.frames.last() {
                    Some(f) => frame = *f,
                    None => return Ok(Value::Nil),
                }
                proto = frame.closure.proto;
                base = frame.base;
                pc = frame.pc;
                refresh!();
            }};
        }
        let jit_on = self.jit_on;
        // An error native code raised before the loop started.
        let mut pending: Option<Error> = None;
        if jit_on {
            match self.enter_native_at(rt, proto, base, pc, entry_depth) {
                Entry::Interpret => {}
                Entry::Finished(v) => return Ok(v),
                Entry::Reload => reload!(),
                Entry::Failed(e) => pending = Some(e),
            }
        }

        loop {
            // Whether the error was raised in native code, which stored every
            // frame's pc itself (the loop's `pc` is then stale).
            let mut native_failed = pending.is_some();
            let error: Error = match pending.take() {
                Some(e) => e,
                None => 'run: loop {
                    macro_rules! tri {
                        ($e:expr) => {
                            match $e {
                                Ok(v) => v,
                                Err(e) => break 'run e,
                            }
                        };
                    }
                    // Enters the running frame's native code at `pc` if it has some
                    // (or gets some now that it is hot) and the machine stack has
                    // room; afterwards the interpreter continues with whatever frame
                    // runs. Out of line, so the dispatch loop stays small when no
                    // backend is installed (one test of a local per call and
                    // back-edge).
                    macro_rules! enter_native {
                        () => {{
                            if jit_on {
                                match self.enter_native_at(rt, proto, base, pc, entry_depth) {
                                    Entry::Interpret => {}
                                    Entry::Finished(v) => return Ok(v),
                                    Entry::Reload => reload!(),
                                    Entry::Failed(e) => {
                                        native_failed = true;
                                        break 'run e;
                                    }
                                }
                            }
                        }};
                    }
                    // SAFETY: see `rf!` above.
                    // Takes a branch; a backward one is a loop's back-edge, which
                    // spends fuel and may collect (so the register pointer is
                    // refreshed).
                    macro_rules! jump {
                        ($off:expr) => {{
                            pc = (pc as isize + $off as isize) as usize;
                            if $off < 0 {
                                tri!(self.back_edge(rt, base + proto.nregs as usize));
                                refresh!();
                                enter_native!();
                            }
                        }};
                    }
                    // `R[a] cmp R[b]` with integer and float fast paths.
                    macro_rules! compare_regs {
                        ($cmp:expr, $a:expr, $b:expr) => {
                            match (rf!($a), rf!($b)) {
                                (&Value::Int(x), &Value::Int(y)) => int_cmp($cmp, x, y),
                                (&Value::Float(x), &Value::Float(y)) => float_cmp($cmp, x, y),
                                (&x, &y) => tri!(numbers::compare(rt, $cmp, x, y)),
                            }
                        };
                    }
                    // `R[a] cmp imm` with an integer fast path.
                    macro_rules! compare_imm {
                        ($cmp:expr, $a:expr, $imm:expr) => {
                            match *rf!($a) {
                                Value::Int(x) => int_cmp($cmp, x, $imm as i64),
                                x => tri!(numbers::compare(rt, $cmp, x, Value::Int($imm as i64))),
                            }
                        };
                    }
                    // SAFETY: verified jumps keep `pc` inside the code,
                    // which cannot run past its end (`Proto::verify`).
                    let op = unsafe { *proto.code.get_unchecked(pc) };
                    pc += 1;
                    match op {
                        // SAFETY: both registers are in the frame (see `rf!`).
                        Op::Move { dst, src } => unsafe {
                            copy_words(regs.add(src as usize), regs.add(dst as usize))
                        },
                        Op::LoadNil { dst } => *rm!(dst) = Value::Nil,
                        Op::LoadBool { dst, value } => *rm!(dst) = Value::Bool(value),
                        Op::LoadInt { dst, value } => *rm!(dst) = Value::Int(value as i64),
                        Op::LoadConst { dst, k } => *rm!(dst) = proto.consts[k as usize],
                        Op::GetGlobal { dst, slot } => {
                            let v = rt.globals[slot as usize];
                            if let Value::Undef = v {
                                break 'run unbound(rt, slot);
                            }
                            *rm!(dst) = v;
                        }
                        Op::SetGlobal { src, slot } => {
                            if let Value::Undef = rt.globals[slot as usize] {
                                break 'run unbound(rt, slot);
                            }
                            rt.globals[slot as usize] = rv!(src);
                        }
                        Op::DefineGlobal { src, slot } => rt.globals[slot as usize] = rv!(src),
                        Op::GetCapture { dst, idx } => {
                            *rm!(dst) = frame.closure.captures[idx as usize]
                        }
                        Op::GetCaptureBox { dst, idx } => {
                            *rm!(dst) = match frame.closure.captures[idx as usize] {
                                Value::VarBox(b) => b.0.get(),
                                _ => break 'run internal("capture is not a box"),
                            }
                        }
                        Op::SetCaptureBox { idx, src } => {
                            match frame.closure.captures[idx as usize] {
                                Value::VarBox(b) => b.0.set(rv!(src)),
                                _ => break 'run internal("capture is not a box"),
                            }
                        }
                        Op::LoadSelf { dst } => *rm!(dst) = Value::Closure(frame.closure),
                        Op::MakeBox { reg } => {
                            let b = rt.heap.alloc(VarBox(core::cell::Cell::new(rv!(reg))));
                            *rm!(reg) = Value::VarBox(b);
                        }
                        Op::BoxGet { dst, src } => {
                            *rm!(dst) = match rv!(src) {
                                Value::VarBox(b) => b.0.get(),
                                _ => break 'run internal("register is not a box"),
                            }
                        }
                        Op::BoxSet { dst, src } => match rv!(dst) {
                            Value::VarBox(b) => b.0.set(rv!(src)),
                            _ => break 'run internal("register is not a box"),
                        },
                        Op::Closure { dst, proto: idx } => {
                            let c = new_closure(rt, frame.closure, idx, |reg| rv!(reg));
                            *rm!(dst) = c;
                        }
                        Op::Jump { off } => jump!(off),
                        Op::JumpIfFalse { src, off } => {
                            if matches!(rf!(src), Value::Nil | Value::Bool(false)) {
                                jump!(off);
                            }
                        }
                        Op::JumpIfTrue { src, off } => {
                            if !matches!(rf!(src), Value::Nil | Value::Bool(false)) {
                                jump!(off);
                            }
                        }
                        Op::JumpUnlessCmp { cmp, a, b, off } => {
                            let holds = compare_regs!(cmp, a, b);
                            if !holds {
                                jump!(off);
                            }
                        }
                        Op::JumpUnlessCmpImm { cmp, a, imm, off } => {
                            let holds = compare_imm!(cmp, a, imm);
                            if !holds {
                                jump!(off);
                            }
                        }
                        Op::JumpIfCmp { cmp, a, b, off } => {
                            let holds = compare_regs!(cmp, a, b);
                            if holds {
                                jump!(off);
                            }
                        }
                        Op::JumpIfCmpImm { cmp, a, imm, off } => {
                            let holds = compare_imm!(cmp, a, imm);
                            if holds {
                                jump!(off);
                            }
                        }
                        Op::Compare { cmp, dst, a, b } => {
                            let holds = compare_regs!(cmp, a, b);
                            *rm!(dst) = Value::Bool(holds);
                        }
                        Op::Add { dst, a, b } => {
                            *rm!(dst) = match (rf!(a), rf!(b)) {
                                (&Value::Int(x), &Value::Int(y)) => match x.checked_add(y) {
                                    Some(z) => Value::Int(z),
                                    None => break 'run numbers::overflow("+"),
                                },
                                (&Value::Float(x), &Value::Float(y)) => Value::Float(x + y),
                                (&x, &y) => tri!(numbers::add(rt, x, y)),
                            }
                        }
                        Op::AddImm { dst, a, imm } => {
                            *rm!(dst) = match *rf!(a) {
                                Value::Int(x) => match x.checked_add(imm as i64) {
                                    Some(z) => Value::Int(z),
                                    None => {
                                        break 'run numbers::overflow(if imm < 0 {
                                            "-"
                                        } else {
                                            "+"
                                        })
                                    }
                                },
                                x => tri!(numbers::add(rt, x, Value::Int(imm as i64))),
                            }
                        }
                        Op::Sub { dst, a, b } => {
                            *rm!(dst) = match (rf!(a), rf!(b)) {
                                (&Value::Int(x), &Value::Int(y)) => match x.checked_sub(y) {
                                    Some(z) => Value::Int(z),
                                    None => break 'run numbers::overflow("-"),
                                },
                                (&Value::Float(x), &Value::Float(y)) => Value::Float(x - y),
                                (&x, &y) => tri!(numbers::sub(rt, x, y)),
                            }
                        }
                        Op::Mul { dst, a, b } => {
                            *rm!(dst) = match (rf!(a), rf!(b)) {
                                (&Value::Int(x), &Value::Int(y)) => match x.checked_mul(y) {
                                    Some(z) => Value::Int(z),
                                    None => break 'run numbers::overflow("*"),
                                },
                                (&Value::Float(x), &Value::Float(y)) => Value::Float(x * y),
                                (&x, &y) => tri!(numbers::mul(rt, x, y)),
                            }
                        }
                        Op::Div { dst, a, b } => {
                            *rm!(dst) = match (rf!(a), rf!(b)) {
                                (&Value::Float(x), &Value::Float(y)) => Value::Float(x / y),
                                (&x, &y) => tri!(numbers::div(rt, x, y)),
                            }
                        }
                        Op::Quotient { dst, a, b } => {
                            *rm!(dst) = tri!(numbers::quotient(rt, rv!(a), rv!(b)))
                        }
                        Op::Remainder { dst, a, b } => {
                            *rm!(dst) = tri!(numbers::remainder(rt, rv!(a), rv!(b)))
                        }
                        Op::Modulo { dst, a, b } => {
                            *rm!(dst) = tri!(numbers::modulo(rt, rv!(a), rv!(b)))
                        }
                        Op::Car { dst, src } => {
                            *rm!(dst) = match *rf!(src) {
                                Value::Pair(p) => p.car.get(),
                                v => break 'run expected(rt, "car", "a pair", v),
                            }
                        }
                        Op::Cdr { dst, src } => {
                            *rm!(dst) = match *rf!(src) {
                                Value::Pair(p) => p.cdr.get(),
                                v => break 'run expected(rt, "cdr", "a pair", v),
                            }
                        }
                        Op::Cons { dst, a, b } => {
                            let v = Value::cons(rt, rv!(a), rv!(b));
                            *rm!(dst) = v;
                        }
                        Op::IsNull { dst, src } => {
                            *rm!(dst) = Value::Bool(matches!(rf!(src), Value::Nil))
                        }
                        Op::IsPair { dst, src } => {
                            *rm!(dst) = Value::Bool(matches!(rf!(src), Value::Pair(_)))
                        }
                        Op::Not { dst, src } => {
                            *rm!(dst) =
                                Value::Bool(matches!(rf!(src), Value::Nil | Value::Bool(false)))
                        }
                        Op::IsEq { dst, a, b } => *rm!(dst) = Value::Bool(rv!(a).identical(rv!(b))),
                        Op::VectorRef { dst, v, i } => {
                            *rm!(dst) = tri!(vector_ref(rt, "vector-ref", rv!(v), rv!(i)))
                        }
                        Op::VectorSet { v, i, x } => {
                            tri!(vector_set(rt, "vector-set!", rv!(v), rv!(i), rv!(x)))
                        }
                        Op::Call { base: b, argc } => {
                            if let Some(f) = self.frames.last_mut() {
                                f.pc = pc;
                            }
                            // Fast path: a closure called with exactly its arity.
                            if let Value::Closure(c) = rv!(b) {
                                let callee = c.proto;
                                let new_base = base + b as usize + 1;
                                let end = new_base + callee.nregs as usize;
                                if callee.nparams == argc
                                    && !callee.rest
                                    && end <= self.stack.len()
                                    && self.frames.len() < rt.limits.max_call_depth
                                    && !rt.heap.wants_collection()
                                    && rt.meter.slice > 0
                                {
                                    rt.meter.slice -= 1;
                                    frame = self.push_frame(c, new_base, argc as usize);
                                    proto = callee;
                                    base = new_base;
                                    pc = 0;
                                    refresh!();
                                    enter_native!();
                                    continue;
                                }
                            }
                            match tri!(self.setup_call(rt, base + b as usize, argc as usize, false))
                            {
                                Entered::Frame => {
                                    reload!();
                                    enter_native!();
                                }
                                Entered::Value(_) => refresh!(),
                            }
                        }
                        Op::TailCall { base: b, argc } => {
                            if let Some(f) = self.frames.last_mut() {
                                f.pc = pc;
                            }
                            match tri!(self.setup_call(rt, base + b as usize, argc as usize, true))
                            {
                                Entered::Frame => {
                                    reload!();
                                    enter_native!();
                                }
                                Entered::Value(v) => {
                                    if let Some(v) = self.return_value(v, base, entry_depth) {
                                        return Ok(v);
                                    }
                                    reload!();
                                }
                            }
                        }
                        Op::Return { src } => {
                            // SAFETY: `base >= 1`, so R[-1] (the callee slot) is in
                            // the stack (see `rf!`).
                            let callee_slot = unsafe { regs.sub(1) };
                            // SAFETY: `src` passed `Proto::verify` (below
                            // `nregs`), and the callee slot is in the stack.
                            unsafe { copy_words(regs.add(src as usize), callee_slot) };
                            self.frames.pop();
                            if self.frames.len() <= entry_depth {
                                // SAFETY: as above; the slot holds the value
                                // just copied.
                                return Ok(unsafe { *callee_slot });
                            }
                            reload!();
                        }
                        Op::PushHandler { kind, reg, off } => {
                            let target = (pc as isize + off as isize) as usize;
                            self.push_handler(rt, kind, reg, pc - 1, target);
                            // An escape point wrote its register through
                            // the stack.
                            refresh!();
                        }
                        Op::PopHandler { off } => {
                            self.handlers.pop();
                            pc = (pc as isize + off as isize) as usize;
                        }
                        Op::Resume { src } => {
                            tri!(self.resume(rt, rv!(src), rv!(src + 1)));
                        }
                    }
                },
            };
            if !native_failed {
                if let Some(f) = self.frames.last_mut() {
                    f.pc = pc;
                }
            }
            self.handle(rt, error, entry_depth)?;
            reload!();
        }
    }

    /// Pops the running frame, storing `v` in its callee slot; returns
    /// `Some(v)` when that frame was the one `run` was entered for.
    #[inline]
    fn return_value(&mut self, v: Value, base: usize, entry_depth: usize) -> Option<Value> {
        self.frames.pop();
        self.stack[base - 1] = v;
        (self.frames.len() <= entry_depth).then_some(v)
    }
}

/// Copies the value at `src` to `dst` as two word moves.
///
/// A plain `Value` copy is one 16-byte load, which stalls when the slot was
/// just written by two 8-byte stores (tag, payload) as most ops write it;
/// word-by-word copies forward from those stores directly.
///
/// # Safety
/// Both pointers must point to `Value`s inside one live allocation; they
/// may be equal.
#[inline(always)]
unsafe fn copy_words(src: *const Value, dst: *mut Value) {
    use core::mem::MaybeUninit;
    // SAFETY: the caller guarantees both are valid `Value` slots; `Value` is
    // 16 bytes, and copying it as two `MaybeUninit<u64>` words (padding
    // included) reproduces the source value exactly. Each word is read
    // before it is written, so equal pointers are fine.
    unsafe {
        let s = src as *const [MaybeUninit<u64>; 2];
        let d = dst as *mut [MaybeUninit<u64>; 2];
        let lo = core::ptr::read_volatile(&(*s)[0]);
        let hi = core::ptr::read_volatile(&(*s)[1]);
        (*d)[0] = lo;
        (*d)[1] = hi;
    }
}

/// Compares two floats (every comparison with NaN is false).
#[inline]
fn float_cmp(cmp: Cmp, x: f64, y: f64) -> bool {
    match cmp {
        Cmp::Lt => x < y,
        Cmp::Le => x <= y,
        Cmp::Gt => x > y,
        Cmp::Ge => x >= y,
        Cmp::Eq => x == y,
    }
}

#[inline]
fn int_cmp(cmp: Cmp, x: i64, y: i64) -> bool {
    match cmp {
        Cmp::Lt => x < y,
        Cmp::Le => x <= y,
        Cmp::Gt => x > y,
        Cmp::Ge => x >= y,
        Cmp::Eq => x == y,
    }
}

/// A closure of child proto `idx` of `parent`'s proto, capturing from
/// `parent` and from the creating frame's registers (`reg`).
pub(crate) fn new_closure(
    rt: &mut Runtime,
    parent: Gc<Closure>,
    idx: u16,
    reg: impl Fn(u16) -> Value,
) -> Value {
    let child = parent.proto.protos[idx as usize];
    let captures = child
        .captures
        .iter()
        .map(|c| match *c {
            CaptureSource::Register(r) => reg(r),
            CaptureSource::Capture(i) => parent.captures[i as usize],
            CaptureSource::SelfClosure => Value::Closure(parent),
        })
        .collect();
    Value::Closure(rt.heap.alloc(Closure {
        proto: child,
        captures,
    }))
}

#[cold]
fn unbound(rt: &Runtime, slot: u32) -> Error {
    Error::new(
        ErrorKind::Unbound,
        format!(
            "unbound variable `{}`",
            rt.sym_name(rt.global_names[slot as usize])
        ),
    )
}

#[cold]
pub(crate) fn internal(what: &str) -> Error {
    Error::new(ErrorKind::Type, format!("internal VM error: {}", what))
}

/// A type error: `who` expected `what` but got `v`.
#[cold]
pub fn expected(rt: &Runtime, who: &str, what: &str, v: Value) -> Error {
    Error::new(
        ErrorKind::Type,
        format!("{}: expected {}, got {}", who, what, short(rt, v)),
    )
}

/// Checks a native's argument count.
pub fn check_native_arity(name: &str, min: u16, max: Option<u16>, argc: usize) -> Result<()> {
    let ok = argc >= min as usize && max.is_none_or(|m| argc <= m as usize);
    if ok {
        return Ok(());
    }
    let want = match max {
        Some(m) if m == min => format!("{}", min),
        Some(m) => format!("{} to {}", min, m),
        None => format!("at least {}", min),
    };
    Err(Error::new(
        ErrorKind::Arity,
        format!("{} takes {} argument(s), got {}", name, want, argc),
    ))
}

/// The index `i` into a sequence of `len` items, or a range/type error.
pub fn index(rt: &Runtime, who: &str, i: Value, len: usize) -> Result<usize> {
    match i {
        Value::Int(n) if n >= 0 && (n as u64) < len as u64 => Ok(n as usize),
        Value::Int(n) => Err(Error::new(
            ErrorKind::Range,
            format!("{}: index {} out of range for length {}", who, n, len),
        )),
        v => Err(expected(rt, who, "an integer index", v)),
    }
}

/// `(vector-ref v i)`, reporting errors as builtin `who`.
pub fn vector_ref(rt: &Runtime, who: &str, v: Value, i: Value) -> Result<Value> {
    match v {
        Value::Vector(vec) => {
            // Errors print values, so no borrow is held while one is built.
            let k = index(rt, who, i, vec.0.borrow().len())?;
            Ok(vec.0.borrow()[k])
        }
        _ => Err(expected(rt, who, "a vector", v)),
    }
}

/// `(vector-set! v i x)`, reporting errors as builtin `who`.
pub fn vector_set(rt: &Runtime, who: &str, v: Value, i: Value, x: Value) -> Result<()> {
    match v {
        Value::Vector(vec) => {
            if Gc::is_frozen(vec) {
                return Err(Error::new(
                    ErrorKind::Type,
                    format!("{}: cannot change a literal constant", who),
                ));
            }
            let k = index(rt, who, i, vec.0.borrow().len())?;
            vec.0.borrow_mut()[k] = x;
            Ok(())
        }
        _ => Err(expected(rt, who, "a vector", v)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Engine;
    use crate::limits::Limits;

    fn engine_with_depth(max_call_depth: usize) -> Engine {
        let mut e = Engine::new();
        e.set_limits(Limits {
            max_call_depth,
            ..Limits::default()
        });
        e
    }

    #[test]
    fn tail_calls_reuse_the_frame() {
        let mut e = engine_with_depth(50);
        let r = e.eval::<i64>(
            "(define (a n) (if (= n 0) 7 (b (- n 1))))
             (define (b n) (a n))
             (a 100000)",
        );
        assert_eq!(r.unwrap(), 7);
        let err = e
            .eval::<i64>("(define (c n) (if (= n 0) 0 (+ 1 (c (- n 1))))) (c 100)")
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Limit);
        assert_eq!(e.vm.depth(), 0);
    }

    #[test]
    fn natives_in_tail_position_return_to_the_caller() {
        let mut e = Engine::new();
        let r = e.eval::<i64>("(define (f x) (car x)) (define (g) (+ 1 (f (list 41)))) (g)");
        assert_eq!(r.unwrap(), 42);
    }

    #[test]
    fn apply_leaves_its_result_where_the_call_was() {
        let mut e = Engine::new();
        let r = e.eval::<i64>(
            "(define (sum . xs) (if (null? xs) 0 (+ (car xs) (apply sum (cdr xs)))))
             (+ 100 (apply sum 1 2 '(3 4)) (apply + '()))",
        );
        assert_eq!(r.unwrap(), 110);
    }

    #[test]
    fn rest_arguments_and_arity_errors() {
        let mut e = Engine::new();
        assert_eq!(
            e.eval::<crate::Written>("(define (f a . r) (list a r)) (list (f 1) (f 1 2 3))")
                .unwrap()
                .0,
            "((1 nil) (1 (2 3)))"
        );
        let err = e.eval::<()>("(f)").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Arity);
        assert_eq!(err.message(), "f takes at least 1 argument(s), got 0");
    }

    #[test]
    fn collection_in_deep_frames_keeps_every_frames_values() {
        let mut e = Engine::new();
        let r = e.eval::<i64>(
            "(define (churn n) (if (= n 0) 0 (begin (make-vector 50 n) (churn (- n 1)))))
             (define (deep n)
               (if (= n 0)
                   (churn 20000)
                   (let ((mine (list n n)))
                     (+ (deep (- n 1)) (car mine) (cadr mine)))))
             (deep 2000)",
        );
        assert_eq!(r.unwrap(), 2000 * 2001);
        assert!(e.heap_stats().collections > 0);
    }

    #[test]
    fn errors_unwind_to_the_entry_frame() {
        let mut e = Engine::new();
        let err = e.eval::<()>("(define (f n) (if (= n 0) (car n) (+ 1 (f (- n 1))))) (f 10)");
        assert_eq!(err.unwrap_err().stack().len(), 11);
        assert_eq!(e.vm.depth(), 0);
        assert_eq!(
            e.eval::<i64>("(f-missing)").unwrap_err().kind(),
            ErrorKind::Unbound
        );
    }

    /// Small enough for Miri: catches, cleanups and escapes resume frames
    /// below the raise, with a collection while a handler runs.
    #[test]
    fn handlers_resume_frames_and_leave_none_behind() {
        let mut e = Engine::new();
        let r = e.eval::<i64>(
            "(define (deep n) (if (= n 0) (throw 5) (+ 1 (deep (- n 1)))))
             (define log 0)
             (define (churn n) (if (= n 0) 0 (begin (make-vector 64 n) (churn (- n 1)))))
             (+ (try (deep 3) (catch e (+ e (churn 200))))
                (call/cc (lambda (k) (try (+ 1 (k 10)) (finally (set! log 1)))))
                log
                (guard (c ((string? c) 100)) (raise \"s\")))",
        );
        assert_eq!(r.unwrap(), 5 + 10 + 1 + 100);
        assert!(e.vm.handlers.is_empty());
        assert_eq!(e.vm.depth(), 0);
    }

    /// Small enough for Miri: collections at a loop back-edge and at a call
    /// while live values sit in the registers of several frames.
    #[test]
    fn collections_at_back_edges_and_calls_keep_registers() {
        let mut e = Engine::new();
        let r = e.eval::<i64>(
            "(define (fill n keep)
               (let loop ((i 0) (last keep))
                 (if (< i n) (loop (+ i 1) (make-vector 200 i)) (+ (car keep) (vector-ref last 0)))))
             (define (nest d) (if (= d 0) (fill 400 (list 7)) (+ 1 (nest (- d 1)) (fill 50 (list 0)))))
             (nest 3)",
        );
        assert_eq!(r.unwrap(), 7 + 399 + 3 + 3 * 49);
        assert!(e.heap_stats().collections > 0);
    }

    #[test]
    fn word_copies_handle_every_value_kind_and_the_same_slot() {
        let mut stack = alloc::vec![
            Value::Bool(true),
            Value::Char('x'),
            Value::Float(1.5),
            Value::Nil
        ];
        let p = stack.as_mut_ptr();
        // SAFETY: every index is inside `stack`.
        unsafe {
            copy_words(p.add(0), p.add(3));
            copy_words(p.add(1), p.add(1));
            copy_words(p.add(2), p.add(0));
        }
        assert!(matches!(stack[3], Value::Bool(true)));
        assert!(matches!(stack[1], Value::Char('x')));
        assert!(matches!(stack[0], Value::Float(f) if f == 1.5));
    }
}
