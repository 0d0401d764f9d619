//! The checks the fuzz targets (`fuzz/`) run on each input, shared with
//! `tests/fuzz_replay.rs`, which replays the saved corpora on stable Rust.

use arbitrary::Arbitrary;
use elle_core::{Arg, Engine, ErrorKind, Limits};

use crate::Backend;

/// The reader on any text: a datum or a `read`/`incomplete` error, never a
/// panic or a stack overflow. (The text is quoted, so the expander and the
/// compiler see one constant and the reader does the work. One engine
/// per thread serves a thousand inputs, collected after each: reading
/// changes nothing in it but the symbols it interns, which are never
/// collected.)
pub fn read(text: &str) {
    thread_local! {
        static ENGINE: std::cell::RefCell<(Engine, u32)> =
            std::cell::RefCell::new((Engine::new(), 0));
    }
    let src = format!("(quote {}\n)", text);
    let result = ENGINE.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.1 == 1_000 {
            *slot = (Engine::new(), 0);
        }
        slot.1 += 1;
        let result = slot.0.disassemble(&src, "fuzz");
        slot.0.collect_garbage();
        result
    });
    if let Err(e) = result {
        assert!(
            matches!(
                e.kind(),
                ErrorKind::Read | ErrorKind::Incomplete | ErrorKind::Syntax | ErrorKind::Limit
            ),
            "reading gave a {:?} error: {}",
            e.kind(),
            e
        );
    }
}

/// Read, expand and compile any text without running it (macros defined
/// in it do run, under fuel): a listing or an error, never a panic.
pub fn compile(text: &str) {
    let mut engine = Engine::new();
    engine.set_limits(Limits {
        fuel: Some(100_000),
        max_heap_bytes: Some(32 << 20),
        ..Limits::default()
    });
    let _ = engine.disassemble(text, "fuzz");
    assert_eq!(engine.eval::<i64>("(+ 1 2)").ok(), Some(3));
}

/// Run any text under tight limits (fuel, heap, depth): a value or an
/// error, never a panic; the engine answers afterwards; and a collection
/// returns the heap to its baseline when the program could not have kept
/// anything (it runs inside `(let () ...)`, so its definitions are local,
/// unless it assigns a global with `set!`).
pub fn run(text: &str) {
    let mut engine = Engine::new();
    engine.set_limits(Limits {
        fuel: Some(200_000),
        max_heap_bytes: Some(16 << 20),
        max_call_depth: 10_000,
        max_sequence_len: 1 << 16,
        ..Limits::default()
    });
    engine.collect_garbage();
    let baseline = engine.heap_stats().live_bytes;
    let _ = engine.eval::<()>(&format!("(let () {}\n)", text));
    engine.collect_garbage();
    if !text.contains("set!") && !text.contains("define-macro") && !text.contains("defmacro") {
        assert_eq!(
            engine.heap_stats().live_bytes,
            baseline,
            "the heap kept data after the program ended"
        );
    }
    engine.set_limits(Limits::default());
    assert_eq!(engine.eval::<i64>("(+ 1 2)").ok(), Some(3));
}

/// The interpreter and the JIT (compiling every function before its first
/// call) on the same program, under fuel 200,000, a 64 MiB heap and depth
/// 10,000 (so a loop that never ends is a limit, not a hang): the same
/// output and the same result (error kind and full report). Runs that hit
/// a limit are skipped: native code and the interpreter spend fuel at the
/// same places but may reach a heap limit at different collections.
pub fn differential(text: &str) {
    let interpreted = limited_run(text, Backend::Interpreter);
    let native = limited_run(text, Backend::Eager);
    let limited = |o: &LimitedOutcome| matches!(&o.1, Err((ErrorKind::Limit, _)));
    if limited(&interpreted) || limited(&native) {
        return;
    }
    assert_eq!(
        interpreted, native,
        "the JIT disagrees with the interpreter"
    );
}

/// What a program printed, and its error's kind and report.
type LimitedOutcome = (String, Result<(), (ErrorKind, String)>);

/// Runs `text` in a fresh engine under `backend` with the differential
/// target's limits.
fn limited_run(text: &str, backend: Backend) -> LimitedOutcome {
    let out = std::rc::Rc::new(std::cell::RefCell::new(String::new()));
    let mut engine = Engine::with_output(Box::new(crate::Capture(out.clone())));
    engine.set_jit(backend.jit());
    engine.set_limits(Limits {
        fuel: Some(200_000),
        max_heap_bytes: Some(64 << 20),
        max_call_depth: 10_000,
        ..Limits::default()
    });
    let result = engine
        .eval_named::<()>(text, "fuzz")
        .map_err(|e| (e.kind(), elle::report(&engine, &e)));
    let printed = out.borrow().clone();
    (printed, result)
}

/// One call a host can make.
#[derive(Arbitrary, Debug)]
pub enum Step {
    Eval(String),
    EvalToText(String),
    Call(u8, Vec<Value>),
    SetLimits {
        fuel: Option<u32>,
        heap: Option<u32>,
        depth: u16,
        nesting: u8,
        sequence: u32,
    },
    Collect,
    Interrupt,
    DefineStringList(Vec<String>),
    Disassemble(String),
    RegisterFn(u8),
}

/// An argument for `Engine::call`.
#[derive(Arbitrary, Debug)]
pub enum Value {
    Int(i64),
    Float(f64),
    Bool(bool),
    Str(String),
}

/// Globals the sequence calls: builtins, prelude procedures and what it
/// defines or registers.
const NAMES: &[&str] = &[
    "car",
    "+",
    "list",
    "map",
    "apply",
    "display",
    "sort",
    "string-append",
    "vector",
    "f",
    "g",
    "host0",
    "host1",
    "error",
    "raise",
    "call/cc",
    "length",
    "iota",
];

/// The embedding API driven by arbitrary call sequences: no sequence
/// panics, and the engine answers `(+ 1 2)` at the end.
pub fn api(steps: Vec<Step>) {
    let mut engine = Engine::new();
    // Bounded to begin with (a sequence may lift the limits): without
    // them, one call such as `(iota 16000000)` is legal and takes most of
    // a campaign's time.
    engine.set_limits(Limits {
        fuel: Some(1_000_000),
        max_heap_bytes: Some(64 << 20),
        ..Limits::default()
    });
    let handle = engine.interrupt_handle();
    for step in steps.into_iter().take(32) {
        match step {
            Step::Eval(src) => {
                let _ = engine.eval::<()>(&src);
            }
            Step::EvalToText(src) => {
                let _ = engine.eval_to_text(&src, "fuzz");
            }
            Step::Call(name, args) => {
                let args: Vec<Arg> = args
                    .into_iter()
                    .take(8)
                    .map(|a| match a {
                        Value::Int(i) => Arg::Int(i),
                        Value::Float(f) => Arg::Float(f),
                        Value::Bool(b) => Arg::Bool(b),
                        Value::Str(s) => Arg::Str(s),
                    })
                    .collect();
                let _ = engine.call::<()>(NAMES[name as usize % NAMES.len()], &args);
            }
            Step::SetLimits {
                fuel,
                heap,
                depth,
                nesting,
                sequence,
            } => engine.set_limits(Limits {
                fuel: fuel.map(u64::from),
                max_heap_bytes: heap.map(|h| h as usize),
                max_call_depth: depth as usize,
                max_nesting: (nesting as usize).min(200),
                max_sequence_len: sequence as usize,
            }),
            Step::Collect => engine.collect_garbage(),
            Step::Interrupt => handle.interrupt(),
            Step::DefineStringList(items) => engine.define_string_list("strings", &items),
            Step::Disassemble(src) => {
                let _ = engine.disassemble(&src, "fuzz");
            }
            Step::RegisterFn(n) => {
                if n % 2 == 0 {
                    engine.register_fn("host0", move |x: i64| x.wrapping_mul(n as i64));
                } else {
                    engine.register_fn("host1", |s: String| -> Result<String, String> {
                        if s.is_empty() {
                            Err("empty".into())
                        } else {
                            Ok(s)
                        }
                    });
                }
            }
        }
    }
    engine.set_limits(Limits::default());
    assert_eq!(engine.eval::<i64>("(+ 1 2)").ok(), Some(3));
}
