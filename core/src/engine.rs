//! The embedding face: `Engine` runs source text through the pipeline.
//!
//! ```text
//! text -> reader -> expand -> analyze -> compile -> vm
//! ```
//! Each top-level form is expanded, compiled and run before the next one is
//! expanded, so a macro defined by one form is used by the forms after it.
//! After any error the engine is ready for the next `eval`.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

use crate::analyze::analyze_toplevel;
use crate::backend::Jit;
use crate::builtins;
use crate::compile::compile_toplevel;
use crate::datum::{from_value, to_value, Datum};
use crate::error::{Error, ErrorKind, Result, Span};
use crate::expand::expand_toplevel;
use crate::heap::HeapStats;
use crate::limits::{InterruptHandle, Limits};
use crate::print;
use crate::reader::Reader;
use crate::register::{NativeClosure, PanicCatcher};
use crate::runtime::{NullOutput, Output, Runtime};
use crate::symbol::Sym;
use crate::value::{Closure, NativeBody, NativeFn, Value};
use crate::vm::Vm;

/// An Elle interpreter instance.
pub struct Engine {
    pub(crate) rt: Runtime,
    pub(crate) vm: Vm,
}

impl Default for Engine {
    fn default() -> Self {
        Self::new()
    }
}

mod sealed {
    /// Only this crate implements `FromValue`: an implementation sees a raw
    /// `Value`, which must not outlive the next collection.
    pub trait Sealed {}
    impl Sealed for super::Written {}
    impl Sealed for i64 {}
    impl Sealed for f64 {}
    impl Sealed for bool {}
    impl Sealed for alloc::string::String {}
    impl Sealed for () {}
}

/// Conversion of a result value into an owned Rust value (sealed: the
/// conversion runs before any collection, and nothing of the `Value` is
/// kept).
pub trait FromValue: Sized + sealed::Sealed {
    fn from_value(engine: &Engine, v: Value) -> Result<Self>;
}

/// A value's `write` text (what the REPL shows).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written(pub String);

impl FromValue for Written {
    fn from_value(engine: &Engine, v: Value) -> Result<Self> {
        Ok(Written(print::write(&engine.rt, v)))
    }
}

impl FromValue for i64 {
    fn from_value(engine: &Engine, v: Value) -> Result<Self> {
        match v {
            Value::Int(i) => Ok(i),
            _ => Err(builtins::expected(&engine.rt, "eval", "an integer", v)),
        }
    }
}

impl FromValue for f64 {
    fn from_value(engine: &Engine, v: Value) -> Result<Self> {
        match v {
            Value::Float(f) => Ok(f),
            Value::Int(i) => Ok(i as f64),
            _ => Err(builtins::expected(&engine.rt, "eval", "a number", v)),
        }
    }
}

impl FromValue for bool {
    fn from_value(_: &Engine, v: Value) -> Result<Self> {
        Ok(v.truthy())
    }
}

impl FromValue for String {
    fn from_value(engine: &Engine, v: Value) -> Result<Self> {
        match v {
            Value::Str(s) => Ok(s.borrow().clone()),
            _ => Err(builtins::expected(&engine.rt, "eval", "a string", v)),
        }
    }
}

impl FromValue for () {
    fn from_value(_: &Engine, _: Value) -> Result<Self> {
        Ok(())
    }
}

impl Engine {
    /// An engine whose output is discarded.
    pub fn new() -> Self {
        Self::with_output(Box::new(NullOutput))
    }

    /// An engine that sends `display`, `write` and friends to `output`.
    pub fn with_output(output: Box<dyn Output>) -> Self {
        let mut rt = Runtime::new(output);
        builtins::register_all(&mut rt);
        let mut engine = Engine { rt, vm: Vm::new() };
        engine.rt.sealing_globals = true;
        let loaded = engine.run_source(builtins::PRELUDE, "<prelude>");
        engine.rt.sealing_globals = false;
        engine.rt.handler_calls = [
            engine.rt.global_value("%call-handler"),
            engine.rt.global_value("%call-handler-continuable"),
        ];
        if let Err(e) = loaded {
            // The prelude is compiled into the crate and loads in every
            // test: failing here is a defect of the build, not of any
            // input, and there is no engine to return.
            #[allow(clippy::panic)]
            {
                panic!("the Elle prelude failed to load: {}", e);
            }
        }
        engine
    }

    /// Evaluates every form in `src` and converts the last value.
    pub fn eval<T: FromValue>(&mut self, src: &str) -> Result<T> {
        self.eval_named(src, "<eval>")
    }

    /// Like `eval`, naming the source `name` in error positions.
    pub fn eval_named<T: FromValue>(&mut self, src: &str, name: &str) -> Result<T> {
        let v = self.run_source(src, name);
        self.rt.output.flush();
        T::from_value(self, v?)
    }

    /// Evaluates `src` and returns the `write` text of its last value, or
    /// `None` when that value is nil (what the REPL and `-e` print).
    pub fn eval_to_text(&mut self, src: &str, name: &str) -> Result<Option<String>> {
        let v = self.run_source(src, name);
        self.rt.output.flush();
        let v = v?;
        Ok(match v {
            Value::Nil => None,
            v => Some(print::write(&self.rt, v)),
        })
    }

    /// Calls global function `name` with integer, float or string arguments
    /// already converted to values by `args`.
    pub fn call<T: FromValue>(&mut self, name: &str, args: &[Arg]) -> Result<T> {
        let f = self.rt.global(name).ok_or_else(|| {
            Error::new(
                ErrorKind::Unbound,
                alloc::format!("unbound variable `{}`", name),
            )
        })?;
        let values: Vec<Value> = args.iter().map(|a| a.to_value(&mut self.rt)).collect();
        self.start_budget();
        let v = self.vm.call(&mut self.rt, f, &values);
        self.rt.output.flush();
        T::from_value(self, v?)
    }

    /// Applies the limits that are renewed for each host call.
    fn start_budget(&mut self) {
        // A host call is never nested in another, so frames left here
        // belong to a call a panic abandoned.
        if !self.vm.frames.is_empty() {
            self.vm.reset(&mut self.rt);
        }
        self.rt.meter.start(self.rt.limits.fuel);
        self.rt.heap.set_ceiling(self.rt.limits.max_heap_bytes);
    }

    /// Reads, expands, compiles and runs each form of `src` in turn.
    fn run_source(&mut self, src: &str, name: &str) -> Result<Value> {
        self.start_budget();
        let file = self.rt.file_id(name);
        let datums =
            Reader::new(src, file, self.rt.limits.max_nesting).read_all(&mut self.rt.symbols)?;
        let mut last = Value::Nil;
        for d in datums {
            let r = self.run_form(d);
            self.rt.pinned.clear();
            last = r?;
        }
        Ok(last)
    }

    /// Runs one top-level form.
    fn run_form(&mut self, d: Datum) -> Result<Value> {
        let expanded = expand_toplevel(self, d)?;
        let analysis = analyze_toplevel(&mut self.rt, &expanded)?;
        let proto = compile_toplevel(&mut self.rt, &analysis)?;
        let chunk = self.rt.heap.alloc(Closure {
            proto,
            captures: Box::new([]),
        });
        self.vm.call(&mut self.rt, Value::Closure(chunk), &[])
    }

    /// Compiles (without running) each form of `src` and lists its bytecode.
    /// Macros defined in `src` are defined as a side effect.
    pub fn disassemble(&mut self, src: &str, name: &str) -> Result<String> {
        let file = self.rt.file_id(name);
        let datums =
            Reader::new(src, file, self.rt.limits.max_nesting).read_all(&mut self.rt.symbols)?;
        let mut out = String::new();
        for d in datums {
            let expanded = expand_toplevel(self, d)?;
            let analysis = analyze_toplevel(&mut self.rt, &expanded)?;
            let proto = compile_toplevel(&mut self.rt, &analysis)?;
            let symbols = &self.rt.symbols;
            out.push_str(&proto.disassemble(&|s| String::from(symbols.name(s))));
            self.rt.pinned.clear();
        }
        Ok(out)
    }

    /// Compiles and runs an expanded `lambda` datum: a macro transformer.
    pub(crate) fn eval_transformer(&mut self, lambda: Datum, _name: Sym) -> Result<Value> {
        let analysis = analyze_toplevel(&mut self.rt, &lambda)?;
        let proto = compile_toplevel(&mut self.rt, &analysis)?;
        let chunk = self.rt.heap.alloc(Closure {
            proto,
            captures: Box::new([]),
        });
        self.vm.call(&mut self.rt, Value::Closure(chunk), &[])
    }

    /// Calls macro `transformer` on the unevaluated `args`; its result is
    /// the form that replaces the call.
    pub(crate) fn call_macro(
        &mut self,
        transformer: Value,
        args: Vec<Datum>,
        span: Span,
    ) -> Result<Datum> {
        let values: Vec<Value> = args
            .iter()
            .map(|d| to_value(&mut self.rt, d, false))
            .collect();
        let out = self
            .vm
            .call(&mut self.rt, transformer, &values)
            .map_err(|e| e.at(span))?;
        from_value(&mut self.rt, out, span)
    }

    /// Live bytes, object count and collections so far.
    pub fn heap_stats(&self) -> HeapStats {
        self.rt.heap.stats()
    }

    /// Runs a full collection now.
    pub fn collect_garbage(&mut self) {
        self.rt.collect(&[]);
    }

    /// Makes a panic in a host function or the output sink a `host-panic`
    /// error, caught by `catcher` (a std host passes one built on
    /// `std::panic::catch_unwind`, such as `elle::catch_panic`); without
    /// one, host code must not panic.
    pub fn set_panic_catcher(&mut self, catcher: PanicCatcher) {
        self.rt.panic_catcher = Some(catcher);
    }

    /// A handle that stops this engine's running evaluation from another
    /// thread or a signal handler (see `InterruptHandle`).
    pub fn interrupt_handle(&self) -> InterruptHandle {
        self.rt.meter.interrupt_handle()
    }

    pub fn limits(&self) -> Limits {
        self.rt.limits
    }

    pub fn set_limits(&mut self, limits: Limits) {
        self.rt.limits = limits;
    }

    /// Installs a code backend (or removes it with `None`). Install it
    /// before evaluating code: a function already called without a backend
    /// is not offered to one installed later, and removing a backend leaves
    /// code already compiled in use.
    pub fn set_jit(&mut self, jit: Option<Jit>) {
        self.rt.jit = jit;
    }

    /// The installed code backend, if any.
    pub fn jit(&self) -> Option<&Jit> {
        self.rt.jit.as_ref()
    }

    /// The name given to source file `id` (for error positions).
    pub fn file_name(&self, id: u32) -> &str {
        self.rt
            .files
            .get(id as usize)
            .map_or("<unknown>", |s| s.as_str())
    }

    /// Binds global `name` to a list of strings.
    pub fn define_string_list(&mut self, name: &str, items: &[String]) {
        let values: Vec<Value> = items
            .iter()
            .map(|s| Value::string(&mut self.rt, s.as_str()))
            .collect();
        let list = Value::list(&mut self.rt, &values);
        self.rt.define_global(name, list);
    }

    /// Registers a Rust closure as global `name`: its arguments convert
    /// from Elle values (`i64`, `f64`, `bool`, `char`, `String`) and its
    /// result back (those, `()`, `Option<T>` with `None` as nil, and
    /// `Result<T, String>` with `Err` as a `user` error). A wrong argument
    /// count is an `arity` error, a wrong type a `type` error.
    pub fn register_fn<Args, F: NativeClosure<Args>>(&mut self, name: &'static str, f: F) {
        let body = NativeBody::Closure(f.into_body(name));
        self.rt
            .register_native(name, F::ARITY, Some(F::ARITY), body);
    }

    /// Registers a native function as global `name`, taking between `min`
    /// and `max` arguments (`None`: any number more).
    ///
    /// # Safety
    /// `f` must not keep any `Value` it receives or creates — nor anything
    /// read from one — after it returns (in a static, a thread-local, a
    /// closure's state, ...). The collector frees whatever the program no
    /// longer reaches, so a kept `Value` would later point to freed memory.
    pub unsafe fn register_native(
        &mut self,
        name: &'static str,
        min: u16,
        max: Option<u16>,
        f: NativeFn,
    ) {
        let body = NativeBody::Closure(alloc::boxed::Box::new(
            move |rt: &mut Runtime, args: &[Value]| {
                let catcher = rt.panic_catcher;
                crate::register::guard_host(catcher, name, || f(rt, args))?
            },
        ));
        self.rt.register_native(name, min, max, body);
    }
}

/// An argument for `Engine::call`.
#[derive(Clone, Debug)]
pub enum Arg {
    Int(i64),
    Float(f64),
    Bool(bool),
    Str(String),
}

impl Arg {
    fn to_value(&self, rt: &mut Runtime) -> Value {
        match self {
            Arg::Int(i) => Value::Int(*i),
            Arg::Float(f) => Value::Float(*f),
            Arg::Bool(b) => Value::Bool(*b),
            Arg::Str(s) => Value::string(rt, s.as_str()),
        }
    }
}
