//! The runtime: the state the VM and the builtins share.
//!
//! It owns the heap, the symbol table, the global slots, the builtins, the
//! macro table, the host's output sink and the limits. Everything here that
//! holds a `Value` is a GC root (see `Runtime::collect`). Natives receive
//! `&mut Runtime` to allocate through `Value`'s constructors; its fields and
//! the collector are private to the crate.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use hashbrown::HashMap;

use crate::backend::Jit;
use crate::error::{Error, ErrorKind, Result};

use crate::heap::{Heap, Tracer};
use crate::limits::{Limits, Meter};
use crate::symbol::{Sym, Symbols};
use crate::value::{Native, NativeBody, Value};

/// Where `display`, `write` and friends send their text.
pub trait Output {
    fn write_str(&mut self, s: &str);
    /// Pushes buffered text to its destination.
    fn flush(&mut self) {}
}

/// An output sink that discards everything.
pub struct NullOutput;

impl Output for NullOutput {
    fn write_str(&mut self, _s: &str) {}
}

/// State shared by the VM and the builtins.
pub struct Runtime {
    pub(crate) heap: Heap,
    pub(crate) symbols: Symbols,
    /// Global variable slots; `Value::Undef` until defined.
    pub(crate) globals: Vec<Value>,
    /// The name of each global slot.
    pub(crate) global_names: Vec<Sym>,
    global_index: HashMap<Sym, u32>,
    /// Every builtin by name, whatever the program later rebinds.
    builtins: HashMap<&'static str, Value>,
    /// Macro transformers by name.
    pub(crate) macros: HashMap<Sym, Value>,
    /// Values held by datums between expansion and the end of the top-level
    /// form that uses them.
    pub(crate) pinned: Vec<Value>,
    pub(crate) limits: Limits,
    /// The fuel left and the interrupt flag of the running evaluation.
    pub(crate) meter: Meter,
    /// Bytes of the VM's register and frame stacks (kept by the VM).
    pub(crate) vm_bytes: usize,
    /// How the host catches panics in its functions and output, if it can.
    pub(crate) panic_catcher: Option<crate::register::PanicCatcher>,
    /// Set when `reserve` failed: the VM collects and runs the builtin that
    /// asked once more.
    pub(crate) reserve_failed: bool,
    /// While true (the prelude is being compiled), a reference to a global
    /// that already has a value compiles to that value.
    pub(crate) sealing_globals: bool,
    pub(crate) output: Box<dyn Output>,
    /// Source names by file id, for error positions; a name evaluated again
    /// keeps its id, so repeated `eval`s do not grow this.
    pub(crate) files: Vec<String>,
    /// The code backend, when the host installed one.
    pub(crate) jit: Option<Jit>,
    /// The value a raise or an escape carries while the VM unwinds to its
    /// handler (see `error::Signal`).
    pub(crate) raised: Value,
    /// The continuation an escape goes to while the VM unwinds.
    pub(crate) escape_target: Value,
    /// The prelude's `%call-handler` and `%call-handler-continuable`: how
    /// the VM calls a `with-exception-handler` procedure at a raise.
    pub(crate) handler_calls: [Value; 2],
}

/// The error a script gets when the memory it holds passes the host's limit.
pub(crate) fn heap_limit_error(max: usize) -> Error {
    Error::new(
        ErrorKind::Limit,
        alloc::format!("heap limit of {} bytes exceeded", max),
    )
}

impl Runtime {
    /// A runtime with an empty heap. Crate-private: a `Runtime` exists only
    /// inside an `Engine`, so safe host code never holds one, and cannot
    /// build a heap value that outlives its heap.
    ///
    /// ```compile_fail
    /// let rt = elle_core::Runtime::new(Box::new(elle_core::NullOutput));
    /// ```
    pub(crate) fn new(output: Box<dyn Output>) -> Self {
        Runtime {
            heap: Heap::new(),
            symbols: Symbols::new(),
            globals: Vec::new(),
            global_names: Vec::new(),
            global_index: HashMap::new(),
            builtins: HashMap::new(),
            macros: HashMap::new(),
            pinned: Vec::new(),
            limits: Limits::default(),
            meter: Meter::new(),
            vm_bytes: 0,
            reserve_failed: false,
            panic_catcher: None,
            sealing_globals: false,
            output,
            files: Vec::new(),
            jit: None,
            raised: Value::Nil,
            escape_target: Value::Nil,
            handler_calls: [Value::Nil; 2],
        }
    }

    /// The slot of global `name`, created (undefined) on first use.
    pub fn global_slot(&mut self, name: Sym) -> u32 {
        if let Some(&slot) = self.global_index.get(&name) {
            return slot;
        }
        let slot = self.globals.len() as u32;
        self.globals.push(Value::Undef);
        self.global_names.push(name);
        self.global_index.insert(name, slot);
        slot
    }

    /// The value of global `name` (`Undef` when it has none).
    pub(crate) fn global_value(&mut self, name: &str) -> Value {
        let s = self.symbols.intern(name);
        let slot = self.global_slot(s);
        self.globals[slot as usize]
    }

    /// Defines global `name` as `value`.
    pub fn define_global(&mut self, name: &str, value: Value) {
        let s = self.symbols.intern(name);
        let slot = self.global_slot(s);
        self.globals[slot as usize] = value;
    }

    /// The value of global `name`, if defined.
    pub fn global(&self, name: &str) -> Option<Value> {
        let s = self.symbols.lookup(name)?;
        let slot = *self.global_index.get(&s)?;
        match self.globals[slot as usize] {
            Value::Undef => None,
            v => Some(v),
        }
    }

    /// Registers a builtin and binds its global.
    pub fn register_native(
        &mut self,
        name: &'static str,
        min_args: u16,
        max_args: Option<u16>,
        body: NativeBody,
    ) {
        let f = Value::Native(self.heap.alloc(Native {
            name,
            min_args,
            max_args,
            body,
        }));
        self.builtins.insert(name, f);
        self.define_global(name, f);
    }

    /// The builtin `name` as originally registered (nil if there is none).
    pub fn builtin(&self, name: &str) -> Value {
        self.builtins.get(name).copied().unwrap_or(Value::Nil)
    }

    /// The memory a script holds, as the heap limit counts it: heap
    /// objects (with garbage not yet collected), the symbol table and the
    /// VM's stacks.
    pub(crate) fn used_bytes(&self) -> usize {
        self.heap.stats().live_bytes + self.symbols.bytes() + self.vm_bytes
    }

    /// Fails with a `limit` error when `bytes` more would take the memory
    /// a script holds past the host's heap limit. A builtin calls it before
    /// allocating in proportion to its input, and before any side effect:
    /// the VM then collects and runs the builtin once more, and only a
    /// second failure reaches the script.
    pub(crate) fn reserve(&mut self, bytes: usize) -> Result<()> {
        match self.limits.max_heap_bytes {
            Some(max) if self.used_bytes().saturating_add(bytes) > max => {
                self.reserve_failed = true;
                Err(heap_limit_error(max))
            }
            _ => Ok(()),
        }
    }

    /// Spends `units` of fuel: builtins call it in proportion to the
    /// elements and bytes they walk.
    #[inline]
    pub(crate) fn spend(&mut self, units: u64) -> Result<()> {
        self.meter.spend(units)
    }

    /// The file id of source `name`.
    pub(crate) fn file_id(&mut self, name: &str) -> u32 {
        match self.files.iter().rposition(|f| f == name) {
            Some(i) => i as u32,
            None => {
                self.files.push(String::from(name));
                (self.files.len() - 1) as u32
            }
        }
    }

    /// Writes `s` to the output sink (the host's code: a panic in it is a
    /// `host-panic` error, see `register::guard_host`).
    pub fn write_out(&mut self, s: &str) -> Result<()> {
        let output = &mut self.output;
        crate::register::guard_host(self.panic_catcher, "output", || output.write_str(s))
    }

    /// Name of `s`.
    pub fn sym_name(&self, s: Sym) -> &str {
        self.symbols.name(s)
    }

    /// Collects garbage: everything not reachable from this runtime's roots
    /// or from `extra_roots` (the VM's live registers) is freed. Crate-private:
    /// only the VM's safepoints and the engine between evaluations may
    /// collect, never a native function.
    pub(crate) fn collect(&mut self, extra_roots: &[Value]) {
        let Runtime {
            heap,
            globals,
            builtins,
            macros,
            pinned,
            raised,
            escape_target,
            handler_calls,
            ..
        } = self;
        heap.collect(|t: &mut Tracer| {
            let values = extra_roots
                .iter()
                .chain(globals.iter())
                .chain(builtins.values())
                .chain(macros.values())
                .chain(pinned.iter())
                .copied()
                .chain([*raised, *escape_target])
                .chain(handler_calls.iter().copied());
            for v in values {
                t.value(v);
            }
        });
    }
}
