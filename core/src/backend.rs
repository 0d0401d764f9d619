//! The seam between the VM and a native code backend.
//!
//! A `CodeBackend` turns one `Proto` into native code or refuses it. Native
//! code runs on the interpreter's own frames: its registers are the frame's
//! registers in the VM stack, so it can hand a frame back to the interpreter
//! at any instruction boundary (a *bail*) and the interpreter continues
//! with exactly the state it would have had. Native code therefore only
//! implements fast paths; every slow path, error and unusual case bails to
//! the instruction that needs it and the interpreter runs that instruction.
//!
//! Entry: `entry(ctx, regs, pc)` with `regs` pointing at R[0] of the running
//! frame (its closure is in R[-1]) and `pc` either 0 or the target of one of
//! the proto's backward jumps (where interpreted loops enter native code).
//! Exit: an `exit` code. Before it bails or calls a helper that may collect
//! or read registers, native code stores every register it holds in machine
//! registers back into the frame. So every frame below the running one is
//! resumable by the interpreter at its stored pc, which is what handlers
//! (`vm/handlers.rs`) and suspension (`exit::SUSPEND`) rely on.
//!
//! Native code embeds only what the bytecode embeds (constants, global slot
//! numbers, child protos), so a redefinition is seen by both tiers at once:
//! there is no native code specialised on a global's value to go stale.

use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::cell::{Cell, RefCell};
use core::mem::offset_of;

use crate::bytecode::Proto;
use crate::error::Error;
use crate::heap::GcBox;
use crate::runtime::Runtime;
use crate::value::{Closure, Pair, Value, VarBox};
use crate::vm::{Frame, FrameStack, Vm};

pub use crate::bytecode::{Cmp, Op, Reg};
pub use crate::native_helpers::{
    elle_after_call, elle_call, elle_captures, elle_closure, elle_cons, elle_make_box,
    elle_tail_call, elle_vector_ref, elle_vector_set,
};
pub use crate::value::tag;

/// A compiled proto's entry point (see the module documentation).
pub type NativeEntry = unsafe extern "C" fn(ctx: *mut NativeCtx, regs: *mut Value, pc: u64) -> u64;

/// What native code returns.
pub mod exit {
    /// The frame returned; its result is in R[-1] (the callee slot).
    pub const RETURN: u64 = 0;
    /// An error was raised by a helper; it is in the context.
    pub const ERROR: u64 = 1;
    /// The low bits of a bail; the rest is the pc where the interpreter
    /// continues (`bail(pc)`).
    pub const BAIL: u64 = 2;
    /// A tail call replaced the frame (`elle_tail_call`); the new frame
    /// starts at pc 0.
    pub const TAIL: u64 = 3;

    /// The exit code that continues the frame in the interpreter at `pc`.
    pub const fn bail(pc: u64) -> u64 {
        BAIL | (pc << 2)
    }

    /// The frame is suspended at the call it made (its pc and registers
    /// are stored): a callee must run in the interpreter, so the
    /// interpreter loop that entered native code runs the top frame and
    /// then resumes every suspended frame at its stored pc. Encoded as a
    /// bail to a pc no proto has.
    pub const SUSPEND: u64 = bail(u64::MAX >> 2);

    /// What `elle_call` and `elle_after_call` return, instead of a
    /// register pointer, when the calling native code must return
    /// `SUSPEND` (register files are never at address 1).
    pub const SUSPENDED_REGS: u64 = 1;
}

/// The state native code and its helpers share for one native activation.
#[repr(C)]
pub struct NativeCtx {
    pub(crate) vm: *mut Vm,
    pub(crate) rt: *mut Runtime,
    /// The global slots (`G[i]` at `globals + 16 i`); refreshed by helpers
    /// that can run code defining new globals.
    pub globals: *mut Value,
    /// The calls and back-edges left (the VM's fuel counter).
    pub fuel: *mut u64,
    /// The heap's live bytes and the level at which a safepoint collects.
    pub heap_live: *const usize,
    pub heap_due: *const usize,
    /// Operands and results of helpers that take values.
    pub scratch: [Value; 3],
    /// The VM's frame stack (see `layout::FRAMES_*`).
    pub(crate) frames: *mut FrameStack,
    /// The VM stack's first slot and the end of its slots; refreshed by
    /// every helper that can move the stack.
    pub stack_ptr: *mut Value,
    pub stack_end: *mut Value,
    /// The call-depth limit.
    pub max_depth: usize,
    /// Native code may call native code directly only while the machine
    /// stack pointer is above this address.
    pub stack_floor: usize,
    pub(crate) error: Option<Error>,
}

impl NativeCtx {
    /// Re-reads what helpers may have moved: the stack and the globals.
    pub(crate) fn refresh(&mut self, vm: &mut Vm, rt: &mut Runtime) {
        self.globals = rt.globals.as_mut_ptr();
        self.stack_ptr = vm.stack.as_mut_ptr();
        // SAFETY: one past the last slot of the stack's buffer.
        self.stack_end = unsafe { self.stack_ptr.add(vm.stack.len()) };
    }
}

/// Field offsets of `NativeCtx`, for code generators.
pub mod ctx_offset {
    use super::*;
    pub const GLOBALS: usize = offset_of!(NativeCtx, globals);
    pub const FUEL: usize = offset_of!(NativeCtx, fuel);
    pub const HEAP_LIVE: usize = offset_of!(NativeCtx, heap_live);
    pub const HEAP_DUE: usize = offset_of!(NativeCtx, heap_due);
    pub const SCRATCH: usize = offset_of!(NativeCtx, scratch);
    pub const FRAMES: usize = offset_of!(NativeCtx, frames);
    pub const STACK_PTR: usize = offset_of!(NativeCtx, stack_ptr);
    pub const STACK_END: usize = offset_of!(NativeCtx, stack_end);
    pub const MAX_DEPTH: usize = offset_of!(NativeCtx, max_depth);
    pub const STACK_FLOOR: usize = offset_of!(NativeCtx, stack_floor);
}

/// Where native code finds the fields of heap objects, measured from the
/// pointer in a value's payload word.
pub mod layout {
    use super::*;
    /// Bytes per `Value` (register, global slot, captured value).
    pub const VALUE_BYTES: usize = core::mem::size_of::<Value>();
    /// The payload word of a `Value`.
    pub const PAYLOAD: usize = 8;
    pub const PAIR_CAR: usize = offset_of!(GcBox<Pair>, value) + offset_of!(Pair, car);
    pub const PAIR_CDR: usize = offset_of!(GcBox<Pair>, value) + offset_of!(Pair, cdr);
    pub const VARBOX_VALUE: usize = offset_of!(GcBox<VarBox>, value);
    pub const CLOSURE_PROTO: usize = offset_of!(GcBox<Closure>, value) + offset_of!(Closure, proto);
    /// A proto's native entry (`Option<NativeEntry>`: 0 when it has none).
    pub const PROTO_NATIVE: usize =
        offset_of!(GcBox<Proto>, value) + offset_of!(Proto, tier) + offset_of!(Tier, native);
    /// A proto's fixed parameter count (`u16`).
    pub const PROTO_NPARAMS: usize = offset_of!(GcBox<Proto>, value) + offset_of!(Proto, nparams);
    /// Whether a proto takes rest arguments (`bool`).
    pub const PROTO_REST: usize = offset_of!(GcBox<Proto>, value) + offset_of!(Proto, rest);
    /// A proto's register count (`u16`).
    pub const PROTO_NREGS: usize = offset_of!(GcBox<Proto>, value) + offset_of!(Proto, nregs);
    /// The frame stack: its buffer, length and capacity (words).
    pub const FRAMES_PTR: usize = offset_of!(FrameStack, ptr);
    pub const FRAMES_LEN: usize = offset_of!(FrameStack, len);
    pub const FRAMES_CAP: usize = offset_of!(FrameStack, cap);
    /// One frame: its closure (a `GcBox<Closure>` address), the pc stored
    /// when it is not running, and the stack index of its R[0].
    pub const FRAME_BYTES: usize = core::mem::size_of::<Frame>();
    pub const FRAME_CLOSURE: usize = offset_of!(Frame, closure);
    pub const FRAME_PC: usize = offset_of!(Frame, pc);
    pub const FRAME_BASE: usize = offset_of!(Frame, base);
}

/// A value as its two machine words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawValue {
    pub tag: u64,
    pub payload: u64,
}

impl RawValue {
    /// The words native code stores for `v`.
    fn of(v: Value) -> RawValue {
        let payload = match v {
            Value::Nil | Value::Undef => 0,
            Value::Bool(b) => b as u64,
            Value::Int(i) => i as u64,
            Value::Float(f) => f.to_bits(),
            Value::Char(c) => c as u64,
            Value::Symbol(s) | Value::Keyword(s) => s.0 as u64,
            Value::Pair(g) => g.addr() as u64,
            Value::Str(g) => g.addr() as u64,
            Value::Vector(g) => g.addr() as u64,
            Value::Table(g) => g.addr() as u64,
            Value::Struct(g) => g.addr() as u64,
            Value::Closure(g) => g.addr() as u64,
            Value::Native(g) => g.addr() as u64,
            Value::VarBox(g) => g.addr() as u64,
            Value::Exception(g) => g.addr() as u64,
            Value::Values(g) => g.addr() as u64,
        };
        RawValue {
            tag: v.tag(),
            payload,
        }
    }
}

/// What a backend sees of one proto.
pub struct ProtoView<'a> {
    proto: &'a Proto,
    name: &'a str,
}

impl<'a> ProtoView<'a> {
    pub(crate) fn new(proto: &'a Proto, name: &'a str) -> Self {
        ProtoView { proto, name }
    }
    /// Fixed parameters (R[0 .. nparams]); a rest list follows in
    /// R[nparams] when `rest` is true.
    pub fn nparams(&self) -> u16 {
        self.proto.nparams
    }
    pub fn rest(&self) -> bool {
        self.proto.rest
    }
    /// The function's name, or `anonymous`.
    pub fn name(&self) -> &str {
        self.name
    }
    /// The instructions; they passed `Proto::verify`.
    pub fn code(&self) -> &[Op] {
        &self.proto.code
    }
    /// Registers the frame has.
    pub fn nregs(&self) -> u16 {
        self.proto.nregs
    }
    /// Constant `k` as the words native code may embed: a heap constant is
    /// kept alive by the proto, which outlives its native code.
    pub fn constant(&self, k: u32) -> RawValue {
        RawValue::of(self.proto.consts[k as usize])
    }
}

/// Why a backend did not compile a proto.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal(pub String);

/// Native code for one proto; dropping it frees the code.
pub trait NativeCode: Send + Sync {
    fn entry(&self) -> NativeEntry;
    /// Bytes of memory the code occupies (counted by the collector).
    fn code_bytes(&self) -> usize;
    /// How long compiling took.
    fn compile_nanos(&self) -> u64;
}

/// Compiles protos to native code.
pub trait CodeBackend: Send + Sync {
    /// Compiles `proto` or says why not. A refusal changes nothing a program
    /// can observe: the proto stays interpreted.
    fn compile(&self, proto: &ProtoView<'_>) -> Result<Box<dyn NativeCode>, Refusal>;
}

/// What a cache compiled and refused.
#[derive(Clone, Debug, Default)]
pub struct JitStats {
    /// Compiled functions by name, with how many protos of that name.
    pub compiled: BTreeMap<String, u64>,
    /// Refused functions by (name, reason), with counts.
    pub refused: BTreeMap<(String, String), u64>,
    /// Compile time of every compilation, in nanoseconds.
    pub compile_nanos: Vec<u64>,
    /// Protos whose code is currently held.
    pub live: usize,
}

impl JitStats {
    /// Median compile time in nanoseconds (0 when nothing compiled).
    pub fn median_compile_nanos(&self) -> u64 {
        let mut t = self.compile_nanos.clone();
        t.sort_unstable();
        t.get(t.len() / 2).copied().unwrap_or(0)
    }
    /// Total compile time in nanoseconds.
    pub fn total_compile_nanos(&self) -> u64 {
        self.compile_nanos.iter().sum()
    }
}

struct CacheInner {
    /// Native code by the address of its proto. An entry is removed when
    /// its proto is freed, so an address is never looked up stale.
    code: BTreeMap<usize, Box<dyn NativeCode>>,
    stats: JitStats,
}

/// Compiled code keyed by proto identity, shared by every engine that uses
/// one backend (engines on several threads lock it with a spin lock; the
/// lock is held only to insert, remove or read statistics, never while
/// code runs).
pub struct CodeCache {
    inner: spin::Mutex<CacheInner>,
}

impl Default for CodeCache {
    fn default() -> Self {
        Self::new()
    }
}

impl CodeCache {
    pub fn new() -> Self {
        CodeCache {
            inner: spin::Mutex::new(CacheInner {
                code: BTreeMap::new(),
                stats: JitStats::default(),
            }),
        }
    }

    /// A snapshot of the statistics.
    pub fn stats(&self) -> JitStats {
        let inner = self.inner.lock();
        let mut s = inner.stats.clone();
        s.live = inner.code.len();
        s
    }

    fn insert(&self, key: usize, name: &str, code: Box<dyn NativeCode>) {
        let mut inner = self.inner.lock();
        inner.stats.compile_nanos.push(code.compile_nanos());
        *inner.stats.compiled.entry(name.into()).or_insert(0) += 1;
        inner.code.insert(key, code);
    }

    fn refuse(&self, name: &str, reason: String) {
        let mut inner = self.inner.lock();
        *inner
            .stats
            .refused
            .entry((name.into(), reason))
            .or_insert(0) += 1;
    }

    fn remove(&self, key: usize) {
        // Drop the code outside the lock.
        let code = self.inner.lock().code.remove(&key);
        drop(code);
    }
}

/// The proto's claim on its entry in a cache; dropping it (with the proto)
/// frees the code.
pub(crate) struct CodeHandle {
    cache: Arc<CodeCache>,
    key: usize,
}

impl Drop for CodeHandle {
    fn drop(&mut self) {
        self.cache.remove(self.key);
    }
}

/// Where a proto stands with the backend.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum TierState {
    /// Not yet called.
    Fresh,
    /// Counting calls and back-edges towards the threshold.
    Counting,
    /// Compiled, or refused, or no backend: never offered again.
    Settled,
}

/// Per-proto tiering state.
pub(crate) struct Tier {
    /// The native entry, once compiled.
    pub(crate) native: Cell<Option<NativeEntry>>,
    /// Calls and back-edges left before the proto is offered.
    pub(crate) heat: Cell<u32>,
    pub(crate) state: Cell<TierState>,
    pub(crate) code: RefCell<Option<CodeHandle>>,
}

impl Default for Tier {
    fn default() -> Self {
        Tier {
            native: Cell::new(None),
            heat: Cell::new(0),
            state: Cell::new(TierState::Fresh),
            code: RefCell::new(None),
        }
    }
}

/// How an engine uses a backend.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JitSettings {
    /// Calls plus loop back-edges after which a proto is compiled; 0
    /// compiles every function before its first call (eager).
    pub threshold: u32,
    /// Native stack the VM lets nested native activations use; beyond it,
    /// calls run in the interpreter (whose frames are on the heap). Keep it
    /// well below the thread's stack size.
    pub native_stack_bytes: usize,
}

/// The default threshold; see `docs/performance.md` for the measurement.
pub const DEFAULT_THRESHOLD: u32 = 200;

impl Default for JitSettings {
    fn default() -> Self {
        JitSettings {
            threshold: DEFAULT_THRESHOLD,
            native_stack_bytes: 512 * 1024,
        }
    }
}

/// How a host asks to use a backend (`--jit=off|on|eager` in the CLI).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JitMode {
    /// Interpret everything.
    Off,
    /// Compile functions once they are hot.
    On,
    /// Compile every function before its first call.
    Eager,
}

impl JitMode {
    /// Parses `off`, `on` or `eager`.
    pub fn parse(s: &str) -> Option<JitMode> {
        match s {
            "off" => Some(JitMode::Off),
            "on" => Some(JitMode::On),
            "eager" => Some(JitMode::Eager),
            _ => None,
        }
    }
}

impl JitSettings {
    /// The default settings for `mode`; `None` for `Off`.
    pub fn for_mode(mode: JitMode) -> Option<JitSettings> {
        let threshold = match mode {
            JitMode::Off => return None,
            JitMode::On => DEFAULT_THRESHOLD,
            JitMode::Eager => 0,
        };
        Some(JitSettings {
            threshold,
            ..JitSettings::default()
        })
    }
}

/// A backend installed in an engine.
#[derive(Clone)]
pub struct Jit {
    pub backend: Arc<dyn CodeBackend>,
    pub cache: Arc<CodeCache>,
    pub settings: JitSettings,
}

/// Moves `proto` along its tiers once its heat is spent; returns its native
/// entry when it has one now.
pub(crate) fn promote(rt: &mut Runtime, proto: crate::heap::Gc<Proto>) -> Option<NativeEntry> {
    let tier = &proto.tier;
    let Some(jit) = rt.jit.clone() else {
        tier.heat.set(u32::MAX);
        return None;
    };
    if tier.state.get() == TierState::Fresh && jit.settings.threshold > 0 {
        tier.state.set(TierState::Counting);
        tier.heat.set(jit.settings.threshold);
        return None;
    }
    if tier.state.get() == TierState::Settled {
        tier.heat.set(u32::MAX);
        return tier.native.get();
    }
    tier.state.set(TierState::Settled);
    tier.heat.set(u32::MAX);
    let name: String = match proto.name {
        Some(s) => rt.sym_name(s).into(),
        None => alloc::format!("anonymous@{}", proto.span.line),
    };
    match jit.backend.compile(&ProtoView::new(&proto, &name)) {
        Ok(code) => {
            let entry = code.entry();
            let bytes = code.code_bytes();
            let key = proto.addr();
            jit.cache.insert(key, &name, code);
            *tier.code.borrow_mut() = Some(CodeHandle {
                cache: jit.cache.clone(),
                key,
            });
            tier.native.set(Some(entry));
            rt.heap.account_growth(proto, bytes);
            Some(entry)
        }
        Err(Refusal(reason)) => {
            jit.cache.refuse(&name, reason);
            None
        }
    }
}
