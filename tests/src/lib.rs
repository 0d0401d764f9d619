//! Helpers shared by Elle's language tests: run a program in a fresh engine
//! under a chosen backend and capture what it prints.

pub mod fuzz;

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::{Arc, OnceLock};

use elle_core::backend::{CodeBackend, CodeCache, Jit, JitSettings};
use elle_core::{Engine, ErrorKind, Limits, Output};
use elle_jit::{CraneliftBackend, TestRefusals};

/// An output sink that appends to a shared string.
struct Capture(Rc<RefCell<String>>);

impl Output for Capture {
    fn write_str(&mut self, s: &str) {
        self.0.borrow_mut().push_str(s);
    }
}

/// A backend and the cache its engines share.
type SharedBackend = (Arc<dyn CodeBackend>, Arc<CodeCache>);

/// How a test program is run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// The interpreter alone (`--jit=off`).
    Interpreter,
    /// The JIT with the default tiering (`--jit=on`).
    Tiered,
    /// The JIT compiling every function before its first call.
    Eager,
    /// The JIT compiling after two calls or back-edges, so loops enter
    /// native code in the middle of a running frame.
    Hot,
    /// Eager, with every compilation refused.
    RefuseAll,
    /// Eager, with every second compilation refused.
    RefuseHalf,
}

impl Backend {
    /// Every backend, interpreter first.
    pub const ALL: [Backend; 6] = [
        Backend::Interpreter,
        Backend::Tiered,
        Backend::Eager,
        Backend::Hot,
        Backend::RefuseAll,
        Backend::RefuseHalf,
    ];

    /// A short name for test names.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Interpreter => "interpreter",
            Backend::Tiered => "jit-tiered",
            Backend::Eager => "jit-eager",
            Backend::Hot => "jit-hot",
            Backend::RefuseAll => "jit-refuse-all",
            Backend::RefuseHalf => "jit-refuse-half",
        }
    }

    /// The JIT to install, sharing one backend and cache per kind of
    /// refusal across all tests (and so across threads).
    pub fn jit(self) -> Option<Jit> {
        static SHARED: OnceLock<[SharedBackend; 3]> = OnceLock::new();
        let shared = SHARED.get_or_init(|| {
            let make = |r| {
                let b: Arc<dyn CodeBackend> =
                    Arc::new(CraneliftBackend::with_refusals(r).expect("a Cranelift backend"));
                (b, Arc::new(CodeCache::new()))
            };
            [
                make(TestRefusals::None),
                make(TestRefusals::All),
                make(TestRefusals::Half),
            ]
        });
        let (which, threshold) = match self {
            Backend::Interpreter => return None,
            Backend::Tiered => (0, JitSettings::default().threshold),
            Backend::Eager => (0, 0),
            Backend::Hot => (0, 2),
            Backend::RefuseAll => (1, 0),
            Backend::RefuseHalf => (2, 0),
        };
        let (backend, cache) = shared[which].clone();
        Some(Jit {
            backend,
            cache,
            settings: JitSettings {
                threshold,
                native_stack_bytes: elle::CLI_STACK_BYTES / 4,
            },
        })
    }
}

/// What a program did: its stdout, and on failure the error kind and the
/// full report the `elle` command prints (position, message, Elle stack).
pub type Outcome = (String, Result<(), (String, String)>);

/// Runs `src` (named `name`) as the `elle` command would — a fresh std
/// engine with the command's limits, on a thread with the command's stack —
/// under `backend`. `(exit 0)` counts as success.
pub fn run_captured(src: &str, name: &str, backend: Backend) -> Outcome {
    let src = src.to_string();
    let name = name.to_string();
    std::thread::Builder::new()
        .stack_size(elle::CLI_STACK_BYTES)
        .spawn(move || {
            let text = Rc::new(RefCell::new(String::new()));
            let mut engine = Engine::with_output(Box::new(Capture(text.clone())));
            elle::register_std(&mut engine);
            engine.set_limits(elle::cli_limits());
            engine.set_jit(backend.jit());
            let result = match engine.eval_named::<()>(&src, &name) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == ErrorKind::Exit(0) => Ok(()),
                Err(e) => Err((e.kind().name().to_string(), elle::report(&engine, &e))),
            };
            let out = text.borrow().clone();
            (out, result)
        })
        .and_then(|h| {
            h.join()
                .map_err(|_| std::io::Error::other("test thread panicked"))
        })
        .unwrap_or_else(|e| (String::new(), Err(("panic".to_string(), e.to_string()))))
}

/// An engine kept across many programs, as a host would keep one, with
/// its output captured.
pub struct Session {
    engine: Engine,
    out: Rc<RefCell<String>>,
}

impl Session {
    /// An engine with `limits`, interpreting, or with a fresh JIT using
    /// `jit`'s settings.
    pub fn new(limits: Limits, jit: Option<JitSettings>) -> Session {
        let out = Rc::new(RefCell::new(String::new()));
        let mut engine = Engine::with_output(Box::new(Capture(out.clone())));
        engine.set_limits(limits);
        if let Some(settings) = jit {
            let backend: Arc<dyn CodeBackend> =
                Arc::new(CraneliftBackend::new().expect("a Cranelift backend"));
            engine.set_jit(Some(Jit {
                backend,
                cache: Arc::new(CodeCache::new()),
                settings,
            }));
        }
        Session { engine, out }
    }

    /// Runs `src` as a program named `name`: what it printed, and the
    /// report of the error it raised (position, message, Elle stack).
    pub fn run(&mut self, src: &str, name: &str) -> (String, Result<(), String>) {
        self.out.borrow_mut().clear();
        let r = self
            .engine
            .eval_named::<()>(src, name)
            .map_err(|e| elle::report(&self.engine, &e));
        (self.out.borrow().clone(), r)
    }
}

/// The number in environment variable `name`, or `default`.
pub fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
