//! The std host for Elle: an engine whose output goes to stdout, with the
//! std-only builtins (time, command-line arguments), and error reports in
//! `file:line:col: kind: message` form. Uses only `elle-core`'s public API.

use std::cell::Cell;
use std::io::Write;
use std::rc::Rc;
use std::sync::OnceLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

pub use elle_core::backend::JitMode;
use elle_core::backend::JitStats;
use elle_core::Output;
pub use elle_core::{Engine, Error, ErrorKind, InterruptHandle, Limits, Value, Written};

/// An output sink that buffers text for stdout.
pub struct StdOutput {
    out: std::io::BufWriter<std::io::Stdout>,
    /// Set when the last text written ended a line (or nothing was written).
    at_line_start: Rc<Cell<bool>>,
}

impl Default for StdOutput {
    fn default() -> Self {
        StdOutput {
            out: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout()),
            at_line_start: Rc::new(Cell::new(true)),
        }
    }
}

impl StdOutput {
    /// A flag that tells whether the output is at the start of a line (the
    /// REPL uses it to end a partial line before its next prompt).
    pub fn line_start_flag(&self) -> Rc<Cell<bool>> {
        self.at_line_start.clone()
    }
}

impl Output for StdOutput {
    fn write_str(&mut self, s: &str) {
        if let Some(last) = s.chars().last() {
            self.at_line_start.set(last == '\n');
        }
        // A closed stdout (e.g. `elle x.lisp | head`) is not the program's
        // error: further output is dropped.
        let _ = self.out.write_all(s.as_bytes());
    }
    fn flush(&mut self) {
        let _ = self.out.flush();
    }
}

/// `Engine::with_std()`: the std host's constructor on the core's engine.
pub trait EngineStd {
    /// An engine printing to stdout, with the std builtins registered.
    fn with_std() -> Engine;
}

impl EngineStd for Engine {
    fn with_std() -> Engine {
        engine_with_std()
    }
}

/// An engine printing to stdout, with the std builtins registered.
pub fn engine_with_std() -> Engine {
    engine_with_output(StdOutput::default())
}

/// An engine printing to `out`, with the std builtins registered.
pub fn engine_with_output(out: StdOutput) -> Engine {
    let mut e = Engine::with_output(Box::new(out));
    register_std(&mut e);
    e
}

/// A `PanicCatcher` on `std::panic::catch_unwind`: runs `body`, and
/// returns the panic's message if it panicked. `register_std` installs it.
pub fn catch_panic(body: &mut dyn FnMut()) -> Result<(), String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_string())
    })
}

/// Stack size of the thread the `elle` command runs programs on.
pub const CLI_STACK_BYTES: usize = 256 << 20;

/// The limits the `elle` command runs programs with: the embedding defaults,
/// with a nesting limit its large stack allows (about 20 KiB of stack per
/// level in debug builds, a few KiB in release builds).
pub fn cli_limits() -> Limits {
    Limits {
        max_nesting: 4_000,
        ..Limits::default()
    }
}

/// True when this build has the Cranelift backend.
pub const HAS_JIT: bool = cfg!(all(feature = "jit", target_arch = "x86_64"));

/// Installs the JIT in `engine` as the `elle` command does for `--jit=MODE`
/// (nested native code may use a quarter of `CLI_STACK_BYTES`). Fails when
/// `mode` needs a backend this build or machine does not have.
pub fn install_cli_jit(engine: &mut Engine, mode: JitMode) -> Result<(), String> {
    if mode == JitMode::Off {
        engine.set_jit(None);
        return Ok(());
    }
    #[cfg(all(feature = "jit", target_arch = "x86_64"))]
    {
        let mut jit = elle_jit::new_jit(mode)?;
        if let Some(j) = jit.as_mut() {
            j.settings.native_stack_bytes = CLI_STACK_BYTES / 4;
            if mode == JitMode::On {
                if let Some(t) = threshold_from_env()? {
                    j.settings.threshold = t;
                }
            }
        }
        engine.set_jit(jit);
        Ok(())
    }
    #[cfg(not(all(feature = "jit", target_arch = "x86_64")))]
    Err("this elle was built without the JIT (feature `jit`, x86-64 only)".into())
}

/// `ELLE_JIT_THRESHOLD`, when set: calls plus loop back-edges after which
/// `--jit=on` compiles a function.
#[cfg(all(feature = "jit", target_arch = "x86_64"))]
fn threshold_from_env() -> Result<Option<u32>, String> {
    match std::env::var("ELLE_JIT_THRESHOLD") {
        Ok(v) => v
            .parse()
            .map(Some)
            .map_err(|_| format!("ELLE_JIT_THRESHOLD must be a number, not `{}`", v)),
        Err(_) => Ok(None),
    }
}

/// The `ELLE_JIT_STATS` report: what was compiled, refused (and why), and
/// the compile times.
pub fn jit_stats_report(stats: &JitStats) -> String {
    let compiled: u64 = stats.compiled.values().sum();
    let refused: u64 = stats.refused.values().sum();
    let ms = |n: u64| n as f64 / 1e6;
    let mut s = format!(
        "jit: {} compiled, {} refused; compile time {:.3} ms total, {:.3} ms median per function\n",
        compiled,
        refused,
        ms(stats.total_compile_nanos()),
        ms(stats.median_compile_nanos()),
    );
    for (name, n) in &stats.compiled {
        s.push_str(&format!("jit: compiled {} (x{})\n", name, n));
    }
    for ((name, reason), n) in &stats.refused {
        s.push_str(&format!("jit: refused {} (x{}): {}\n", name, n, reason));
    }
    s
}

/// Registers the builtins that need the operating system, and catches
/// panics of host code (`catch_panic`).
pub fn register_std(e: &mut Engine) {
    e.set_panic_catcher(catch_panic);
    e.register_fn("current-jiffy", current_jiffy);
    e.register_fn("jiffies-per-second", || 1_000_000_000i64);
    e.register_fn("current-second", current_second);
}

/// Nanoseconds since the first call of `current-jiffy` in this process.
fn current_jiffy() -> i64 {
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_nanos() as i64
}

/// Seconds since the Unix epoch, as a float.
fn current_second() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

/// The report the CLI prints for an error: `file:line:col: kind: message`,
/// then the Elle stack, innermost first.
pub fn report(engine: &Engine, e: &Error) -> String {
    let mut s = String::new();
    if let Some(span) = e.span() {
        s.push_str(&format!(
            "{}:{}:{}: ",
            engine.file_name(span.file),
            span.line,
            span.col
        ));
    }
    s.push_str(&format!("{}: {}\n", e.kind().name(), e.message()));
    for entry in e.stack() {
        let name = entry.function.as_deref().unwrap_or("<anonymous>");
        match entry.span {
            Some(sp) => s.push_str(&format!(
                "  at {} ({}:{}:{})\n",
                name,
                engine.file_name(sp.file),
                sp.line,
                sp.col
            )),
            None => s.push_str(&format!("  at {}\n", name)),
        }
    }
    s
}
