//! Non-local control: the handler stack and the one raise path.
//!
//! `try`'s `catch` and `finally` (and so `dynamic-wind`) are ranges in a
//! proto's handler table (`bytecode::HandlerRange`): no instruction runs to
//! install them. `call/cc` and `with-exception-handler` (and so `guard`)
//! push entries on the VM's handler stack with `PushHandler` and remove
//! them with `PopHandler` (see `compile.rs`). Everything that can fail — an
//! instruction, a builtin, a host function, native code — returns an
//! `Error`, and the interpreter loop that receives it calls `Vm::handle`,
//! which either resumes a frame at a handler, calls a handler procedure, or
//! passes the error out.
//!
//! Invariants:
//! - A stack entry belongs to the frame that installed it
//!   (`Handler::frame`); entries are ordered by frame, innermost last, and a
//!   frame's entries are removed before it returns (its body's
//!   `PopHandler`, or unwinding). A range is active exactly while its frame
//!   runs, or calls from, an instruction inside it.
//! - Only interpreted frames push entries: the JIT refuses protos with
//!   `PushHandler`, `PopHandler` or `Resume`. Every frame below the running
//!   one has its pc and registers stored at the call it is making (native
//!   code stores them before every call and bails before any instruction
//!   that raises), so the interpreter can resume any of them — including a
//!   natively run frame at one of its `catch` ranges.
//! - A loop run by `run_frames(entry_depth)` resumes only frames at or above
//!   `entry_depth`; for a handler below, it returns the error and the loop
//!   that owns that frame resumes it (native activations in between simply
//!   return their error exit).
//! - Limit errors and `exit` skip every handler, so a script cannot swallow
//!   its own termination and no cleanup runs after a limit.
//! - Between a raise and the frame that handles it nothing runs that could
//!   collect; the raised value waits in `Runtime::raised` (a GC root).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::{Cell, RefCell};

use super::{Entered, Frame, Vm};
use crate::bytecode::{HandlerKind, HandlerRange, Proto};
use crate::error::{Error, ErrorKind, Result, Signal, Span, StackEntry};
use crate::heap::Gc;
use crate::print::{render, short, Mode, Sharing};
use crate::runtime::Runtime;
use crate::value::{Exception, Intrinsic, MultipleValues, Native, NativeBody, Value};

/// Frames an error's Elle stack keeps, innermost first.
pub(crate) const MAX_TRACE: usize = 64;

/// One entry of the handler stack.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Handler {
    /// Index of the frame that installed it (for a mask, the frame of the
    /// handler call it guards).
    pub(crate) frame: usize,
    /// Where that frame resumes.
    pub(crate) pc: usize,
    /// The register the handler writes (or reads, for a procedure).
    pub(crate) reg: u16,
    /// The `PushHandler` instruction (orders it among its frame's ranges).
    pub(crate) push_pc: usize,
    pub(crate) kind: Installed,
}

/// A handler the raise path found: an entry of the handler stack, or a
/// range of the proto that frame `.0` runs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Found {
    Entry(usize),
    Range(usize, HandlerRange),
}

/// What a handler does (`Catch` and `Cleanup` come from ranges).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Installed {
    Catch,
    Cleanup,
    /// An escape point for the continuation at this address.
    Escape(usize),
    Procedure,
    /// While a handler procedure runs, a raise looks for handlers below the
    /// entry at this index (the handler being run).
    Mask(usize),
}

impl Vm {
    /// `PushHandler`: installs a handler for the running frame; for an
    /// escape point, `R[reg]` becomes a new continuation.
    #[inline(always)]
    pub(crate) fn push_handler(
        &mut self,
        rt: &mut Runtime,
        kind: HandlerKind,
        reg: u16,
        push_pc: usize,
        target: usize,
    ) {
        let installed = match kind {
            HandlerKind::Escape => self.new_continuation(rt, reg),
            _ => Installed::Procedure,
        };
        self.handlers.push(Handler {
            frame: self.frames.len() - 1,
            pc: target,
            reg,
            push_pc,
            kind: installed,
        });
    }

    /// A new continuation in the running frame's `R[reg]`, as an escape
    /// point's entry.
    #[inline(never)]
    fn new_continuation(&mut self, rt: &mut Runtime, reg: u16) -> Installed {
        let k = rt.heap.alloc(Native {
            name: "continuation",
            min_args: 0,
            max_args: None,
            body: NativeBody::Intrinsic(Intrinsic::Continuation),
        });
        if let Some(f) = self.frames.last() {
            self.stack[f.base + reg as usize] = Value::Native(k);
        }
        Installed::Escape(k.addr())
    }

    /// `Resume`: after a `Cleanup` handler's code, goes on with what it
    /// intercepted (`R[reg]` the value, `R[reg+1]` the escape's
    /// continuation, nil for a raise, true after a normal exit).
    pub(crate) fn resume(&mut self, rt: &mut Runtime, value: Value, target: Value) -> Result<()> {
        match target {
            Value::Bool(true) => Ok(()),
            Value::Nil => Err(raise(rt, value)),
            Value::Native(k) => Err(self.escape(rt, k, value)),
            _ => Err(super::internal("cleanup state is not a continuation")),
        }
    }

    /// The escape of a call of continuation `k` delivering `value`, or an
    /// error when its extent has ended.
    pub(crate) fn escape(&mut self, rt: &mut Runtime, k: Gc<Native>, value: Value) -> Error {
        let live = self
            .handlers
            .iter()
            .any(|h| h.kind == Installed::Escape(k.addr()));
        if !live {
            return Error::new(
                ErrorKind::Continuation,
                "continuation called after its extent ended (Elle's continuations are escape-only)",
            );
        }
        rt.raised = value;
        rt.escape_target = Value::Native(k);
        Error::signal(Signal::Escape)
    }

    /// Visits the active handlers from the innermost out until `visit`
    /// returns true: for each frame from the top, the ranges of its proto
    /// around the instruction it runs and the entries it pushed, innermost
    /// first (an entry pushed inside a range is inside it).
    ///
    /// Returns how many frames it looked at (the walk's cost, in fuel).
    fn walk(&self, mut visit: impl FnMut(Found) -> bool) -> usize {
        let mut d = self.handlers.len();
        let top = self.frames.len();
        for f in (0..top).rev() {
            while d > 0 && self.handlers[d - 1].frame > f {
                d -= 1;
            }
            let frame = self.frames.above(f)[0];
            let running = frame.pc.wrapping_sub(1);
            let mut ranges = frame
                .closure
                .proto
                .handlers
                .iter()
                .filter(|r| r.covers(running))
                .peekable();
            loop {
                let entry = (d > 0 && self.handlers[d - 1].frame == f).then(|| d - 1);
                let range = ranges.peek().map(|&&r| r);
                let found = match (entry, range) {
                    (None, None) => break,
                    (Some(j), Some(r)) if !r.covers(self.handlers[j].push_pc) => {
                        ranges.next();
                        Found::Range(f, r)
                    }
                    (Some(j), _) => {
                        d -= 1;
                        Found::Entry(j)
                    }
                    (None, Some(r)) => {
                        ranges.next();
                        Found::Range(f, r)
                    }
                };
                if visit(found) {
                    return top - f;
                }
            }
        }
        top
    }

    /// What a found handler does.
    fn kind_of(&self, found: Found) -> Installed {
        match found {
            Found::Entry(j) => self.handlers[j].kind,
            Found::Range(_, r) if r.kind == HandlerKind::Cleanup => Installed::Cleanup,
            Found::Range(..) => Installed::Catch,
        }
    }

    /// Where a raise goes: the innermost `Catch` or `Procedure` handler,
    /// skipping what a mask hides; and the innermost cleanup before it,
    /// which runs first. Once a cleanup is found, only a `Procedure`
    /// handler below it changes what happens (it is called where the raise
    /// happened, before any cleanup), so without one the walk stops there:
    /// a raise through n `finally` frames walks each frame once, not n
    /// times.
    fn raise_target(&self) -> (Option<Found>, Option<Found>, usize) {
        let (mut target, mut cleanup, mut masked) = (None, None, None);
        let procedures = self.handlers.iter().any(|h| h.kind == Installed::Procedure);
        let cost = self.walk(|found| {
            let kind = self.kind_of(found);
            if kind == Installed::Cleanup && cleanup.is_none() {
                cleanup = Some(found);
                if !procedures {
                    return true;
                }
            }
            if let Some(i) = masked {
                if found == Found::Entry(i) {
                    masked = None;
                }
                return false;
            }
            match kind {
                Installed::Catch | Installed::Procedure => {
                    target = Some(found);
                    true
                }
                Installed::Mask(i) => {
                    masked = Some(i);
                    false
                }
                Installed::Cleanup | Installed::Escape(_) => false,
            }
        });
        (target, cleanup, cost)
    }

    /// Where an escape to the continuation at `k` goes, or the innermost
    /// cleanup before it, which runs first (the walk stops there: the
    /// continuation's liveness was checked when it was called).
    fn escape_target(&self, k: usize) -> (Option<Found>, Option<Found>, usize) {
        let (mut target, mut cleanup) = (None, None);
        let cost = self.walk(|found| match self.kind_of(found) {
            Installed::Cleanup => {
                cleanup = Some(found);
                true
            }
            Installed::Escape(a) if a == k => {
                target = Some(found);
                true
            }
            _ => false,
        });
        (target, cleanup, cost)
    }

    /// Handles `error`, raised while the innermost frame ran (its pc is
    /// stored): resumes a frame at a handler, or calls a handler procedure
    /// on top of the frames, and returns `Ok`; returns the error when it
    /// leaves the frames `run_frames(entry_depth)` owns.
    pub(crate) fn handle(
        &mut self,
        rt: &mut Runtime,
        error: Error,
        entry_depth: usize,
    ) -> Result<()> {
        let signal = error.signal_kind();
        if signal == Signal::Failure && !error.kind().catchable() {
            return Err(error);
        }
        let (target, cleanup, cost) = match signal {
            Signal::Escape => {
                let k = rt
                    .escape_target
                    .header_ptr()
                    .map_or(0, |p| p.as_ptr() as usize);
                self.escape_target(k)
            }
            _ => self.raise_target(),
        };
        // The walk is work a script causes (a raise under a deep chain of
        // handlers): it spends fuel, so even a quadratic unwinding ends.
        rt.spend(cost as u64)?;
        if let Some(Found::Entry(i)) = target {
            if self.handlers[i].kind == Installed::Procedure {
                let value = self.raised_value(rt, &error);
                return self.call_handler(rt, i, value, false);
            }
        }
        // Unwinding: a cleanup between here and the target runs first.
        let Some(resume) = cleanup.or(target) else {
            return Err(error);
        };
        let (frame, pc, reg, cut) = match resume {
            Found::Entry(j) => {
                let h = self.handlers[j];
                (h.frame, h.pc, h.reg, j)
            }
            Found::Range(f, r) => {
                let cut = self
                    .handlers
                    .iter()
                    .position(|h| h.frame > f || (h.frame == f && r.covers(h.push_pc)))
                    .unwrap_or(self.handlers.len());
                (f, r.target as usize, r.reg, cut)
            }
        };
        if frame < entry_depth {
            return Err(error);
        }
        let (value, k) = match signal {
            Signal::Escape => (
                core::mem::replace(&mut rt.raised, Value::Nil),
                core::mem::replace(&mut rt.escape_target, Value::Nil),
            ),
            _ => (self.raised_value(rt, &error), Value::Nil),
        };
        let is_cleanup = self.kind_of(resume) == Installed::Cleanup;
        self.frames.truncate(frame + 1);
        self.handlers.truncate(cut);
        let f = self
            .frames
            .last_mut()
            .ok_or_else(|| super::internal("handler without a frame"))?;
        f.pc = pc;
        let slot = f.base + reg as usize;
        self.stack[slot] = value;
        if is_cleanup {
            self.stack[slot + 1] = k;
        }
        Ok(())
    }

    /// The value a raise carries: the raised value, or a runtime error as
    /// an exception object. The first time an exception is raised it
    /// records where (span and Elle stack).
    fn raised_value(&mut self, rt: &mut Runtime, error: &Error) -> Value {
        let v = match error.signal_kind() {
            Signal::Failure => {
                let e = Exception {
                    kind: error.kind(),
                    message: String::from(error.message()),
                    irritants: Value::Nil,
                    span: Cell::new(error.span()),
                    trace: RefCell::new(Vec::new()),
                };
                Value::Exception(rt.heap.alloc(e))
            }
            _ => core::mem::replace(&mut rt.raised, Value::Nil),
        };
        if let Value::Exception(e) = v {
            if e.trace.borrow().is_empty() {
                let trace = self.trace(0);
                if e.span.get().is_none() {
                    e.span
                        .set(trace.first().and_then(|&(p, pc)| span_at(p, pc)));
                }
                *e.trace.borrow_mut() = trace;
            }
        }
        v
    }

    /// The frames from index `from` up, innermost first (at most
    /// `MAX_TRACE`): the raw Elle stack.
    pub(crate) fn trace(&self, from: usize) -> Vec<(Gc<Proto>, usize)> {
        self.frames
            .above(from)
            .iter()
            .rev()
            .take(MAX_TRACE)
            .map(|f: &Frame| (f.closure.proto, f.pc))
            .collect()
    }

    /// Calls the handler procedure of entry `i` with `value` under a mask
    /// (raises inside it go to the handlers below `i`): through the
    /// prelude's `%call-handler`, which raises a secondary error if the
    /// handler returns, or with `continuable`, `%call-handler-continuable`,
    /// which returns its value. The call goes on top of the frames (or, for
    /// a continuable raise, where `raise-continuable` was called: `cb`).
    fn call_handler(
        &mut self,
        rt: &mut Runtime,
        i: usize,
        value: Value,
        continuable: bool,
    ) -> Result<()> {
        let cb = self.top();
        self.place_handler_call(rt, cb, i, value, continuable);
        self.push_mask(self.frames.len(), i);
        match self.setup_call(rt, cb, 2, false)? {
            Entered::Frame => Ok(()),
            Entered::Value(_) => Err(super::internal("a handler call ran no frame")),
        }
    }

    /// Writes the call `(%call-handler[-continuable] handler value)` at `cb`.
    fn place_handler_call(
        &mut self,
        rt: &Runtime,
        cb: usize,
        i: usize,
        value: Value,
        continuable: bool,
    ) {
        let h = self.handlers[i];
        let handler = self.stack[self.frames.above(h.frame)[0].base + h.reg as usize];
        self.ensure(cb + 3);
        self.stack[cb] = rt.handler_calls[continuable as usize];
        self.stack[cb + 1] = handler;
        self.stack[cb + 2] = value;
    }

    /// `(raise-continuable obj)` called at `cb`: when the current handler
    /// is a procedure, rewrites the call into the handler call (returns
    /// true: call `R[cb]` with 2 arguments); otherwise raises `obj`.
    pub(crate) fn raise_continuable(
        &mut self,
        rt: &mut Runtime,
        cb: usize,
        tail: bool,
    ) -> Result<()> {
        let obj = self.stack[cb + 1];
        match self.raise_target().0 {
            Some(Found::Entry(i)) if self.handlers[i].kind == Installed::Procedure => {
                self.place_handler_call(rt, cb, i, obj, true);
                let frame = self.frames.len() - tail as usize;
                self.push_mask(frame, i);
                Ok(())
            }
            _ => Err(raise(rt, obj)),
        }
    }

    /// Hides the handlers from entry `i` down from raises in `frame` and
    /// above (the call of entry `i`'s procedure runs there).
    fn push_mask(&mut self, frame: usize, i: usize) {
        self.handlers.push(Handler {
            frame,
            pc: 0,
            reg: 0,
            push_pc: 0,
            kind: Installed::Mask(i),
        });
    }

    /// `(%pop-handler)`: removes the mask a continuable handler call ran
    /// under.
    pub(crate) fn pop_mask(&mut self) -> Result<()> {
        match self.handlers.last() {
            Some(Handler {
                kind: Installed::Mask(_),
                ..
            }) => {
                self.handlers.pop();
                Ok(())
            }
            _ => Err(super::internal("%pop-handler without a handler mask")),
        }
    }

    /// Drops the handlers of frames at or above `depth` (they unwound).
    pub(crate) fn drop_handlers(&mut self, depth: usize) {
        let keep = self.handlers.iter().take_while(|h| h.frame < depth).count();
        self.handlers.truncate(keep);
    }

    /// The final form of an error leaving the VM: a raised value or an
    /// escape becomes an ordinary error (an exception keeps the span and
    /// stack of its first raise).
    pub(crate) fn settle(&mut self, rt: &mut Runtime, error: Error) -> Error {
        match error.signal_kind() {
            Signal::Failure => error,
            Signal::Raise => match core::mem::replace(&mut rt.raised, Value::Nil) {
                Value::Exception(e) => {
                    let stack = stack_entries(rt, &e.trace.borrow());
                    Error::rebuilt(e.kind, full_message(rt, &e), e.span.get(), stack)
                }
                v => Error::new(
                    ErrorKind::User,
                    format!("uncaught exception: {}", short(rt, v)),
                ),
            },
            Signal::Escape => {
                rt.raised = Value::Nil;
                rt.escape_target = Value::Nil;
                Error::new(
                    ErrorKind::Continuation,
                    "continuation called outside the evaluation that captured it",
                )
            }
        }
    }
}

/// The span of the instruction before `pc` in `p` (the one a frame runs).
pub(crate) fn span_at(p: Gc<Proto>, pc: usize) -> Option<Span> {
    p.spans.get(pc.saturating_sub(1)).copied()
}

/// A raw Elle stack (`Vm::trace`) as the host's `Error` reports it.
pub(crate) fn stack_entries(rt: &Runtime, trace: &[(Gc<Proto>, usize)]) -> Vec<StackEntry> {
    trace
        .iter()
        .map(|&(p, pc)| StackEntry {
            function: p.name.map(|s| String::from(rt.sym_name(s))),
            span: span_at(p, pc),
        })
        .collect()
}

/// Most bytes of irritants an error report shows.
const IRRITANT_BYTES: usize = 4096;

/// An exception's message followed by its written irritants, the
/// irritants cut with `...` past `IRRITANT_BYTES`.
pub(crate) fn full_message(rt: &Runtime, e: &Exception) -> String {
    let mut msg = e.message.clone();
    let mut cur = e.irritants;
    let mut left = IRRITANT_BYTES;
    while let Value::Pair(p) = cur {
        msg.push(' ');
        let printed = render(rt, p.car.get(), Mode::Write, Sharing::Cycles, left);
        left = left.saturating_sub(printed.text.len() + 1);
        let whole = printed.whole;
        msg.push_str(&printed.or_ellipsis());
        if !whole || left == 0 {
            break;
        }
        cur = p.cdr.get();
    }
    msg
}

/// Raises `value` (any value) as a program's exception.
pub(crate) fn raise(rt: &mut Runtime, value: Value) -> Error {
    rt.raised = value;
    Error::signal(Signal::Raise)
}

/// What `args` deliver as one value: the value itself, or several values.
pub(crate) fn values_of(rt: &mut Runtime, args: &[Value]) -> Value {
    match args {
        [v] => *v,
        _ => Value::Values(rt.heap.alloc(MultipleValues(args.into()))),
    }
}
