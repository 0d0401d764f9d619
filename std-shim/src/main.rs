//! The `elle` command: run a file, evaluate an expression, or a REPL.
//!
//! ```text
//! elle FILE [ARGS...]     run FILE; command-line-arguments is (FILE ARGS...)
//! elle -e EXPR            evaluate EXPR and print its value
//! elle --disassemble FILE list the bytecode FILE compiles to
//! elle                    a REPL on a terminal; otherwise run stdin
//! ```
//! Exit status: 0 on success, 1 on any error, or the code given to `exit`.

use std::io::{IsTerminal, Read};
use std::process::ExitCode;

use std::cell::Cell;

use elle::{
    cli_limits, engine_with_output, install_cli_jit, jit_stats_report, report, Engine, Error,
    ErrorKind, InterruptHandle, JitMode, Limits, StdOutput, CLI_STACK_BYTES, HAS_JIT,
};

/// What the command line asks for.
struct Options {
    command: Command,
    jit: JitMode,
    limits: Limits,
    /// Seconds after which the run is interrupted.
    timeout: Option<f64>,
}

/// What the command line asks to run.
enum Command {
    Help,
    File(String, Vec<String>),
    Disassemble(String),
    Eval(String),
    Stdin,
}

fn usage() -> String {
    "usage: elle [OPTIONS] [FILE [ARGS...] | -e EXPR | --disassemble FILE]\n\
     options:\n  \
       --jit=off|on|eager   how the JIT is used (default on where it is built)\n  \
       --fuel N             stop a run after N calls, back-edges and builtin steps\n  \
       --heap BYTES         most memory the program may hold\n  \
       --max-depth N        deepest chain of non-tail calls\n  \
       --timeout SECONDS    interrupt the run after SECONDS\n\
     ELLE_JIT_STATS=1 prints what the JIT compiled and refused at exit\n"
        .to_string()
}

/// The value of option `name` parsed as a `T`.
fn option_value<T: std::str::FromStr>(
    parser: &mut lexopt::Parser,
    name: &str,
) -> Result<T, String> {
    use lexopt::prelude::*;
    let v = parser.value().map_err(|e| e.to_string())?;
    let v = v.string().map_err(|e| e.to_string())?;
    v.parse()
        .map_err(|_| format!("--{} takes a number, not `{}`", name, v))
}

fn parse_args() -> Result<Options, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_env();
    let mut command = None;
    let mut jit = if HAS_JIT { JitMode::On } else { JitMode::Off };
    let mut limits = cli_limits();
    let mut timeout = None;
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Short('e') | Long("eval") => {
                let expr = parser.value().map_err(|e| e.to_string())?;
                command = Some(Command::Eval(expr.string().map_err(|e| e.to_string())?));
            }
            Short('h') | Long("help") => {
                return Ok(Options {
                    command: Command::Help,
                    jit,
                    limits,
                    timeout,
                })
            }
            Long("fuel") => limits.fuel = Some(option_value(&mut parser, "fuel")?),
            Long("heap") => limits.max_heap_bytes = Some(option_value(&mut parser, "heap")?),
            Long("max-depth") => limits.max_call_depth = option_value(&mut parser, "max-depth")?,
            Long("timeout") => {
                let seconds: f64 = option_value(&mut parser, "timeout")?;
                if !(seconds.is_finite() && seconds >= 0.0) {
                    return Err(format!("--timeout takes seconds, not `{}`", seconds));
                }
                timeout = Some(seconds);
            }
            Long("disassemble") => {
                let file = parser.value().map_err(|e| e.to_string())?;
                command = Some(Command::Disassemble(
                    file.string().map_err(|e| e.to_string())?,
                ));
            }
            Long("jit") => {
                let v = parser.value().map_err(|e| e.to_string())?;
                let v = v.string().map_err(|e| e.to_string())?;
                jit = JitMode::parse(&v)
                    .ok_or_else(|| format!("--jit takes off, on or eager, not `{}`", v))?;
            }
            Value(file) => {
                let file = file.string().map_err(|e| e.to_string())?;
                let rest = parser
                    .raw_args()
                    .map_err(|e| e.to_string())?
                    .map(|a| a.to_string_lossy().into_owned())
                    .collect();
                return Ok(Options {
                    command: Command::File(file, rest),
                    jit,
                    limits,
                    timeout,
                });
            }
            other => return Err(format!("{}\n{}", other.unexpected(), usage())),
        }
    }
    Ok(Options {
        command: command.unwrap_or(Command::Stdin),
        jit,
        limits,
        timeout,
    })
}

/// Reports `e` on stderr and returns the exit status it implies.
fn fail(engine: &Engine, e: &Error) -> u8 {
    match e.kind() {
        ErrorKind::Exit(code) => code as u8,
        _ => {
            eprint!("{}", report(engine, e));
            1
        }
    }
}

/// Runs `src` as a program named `name`.
fn run_program(engine: &mut Engine, src: &str, name: &str) -> u8 {
    match engine.eval_named::<()>(src, name) {
        Ok(()) => 0,
        Err(e) => fail(engine, &e),
    }
}

fn run(options: Options) -> u8 {
    let out = StdOutput::default();
    let at_line_start = out.line_start_flag();
    let mut engine = engine_with_output(out);
    engine.set_limits(options.limits);
    if let Some(seconds) = options.timeout {
        let handle = engine.interrupt_handle();
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_secs_f64(seconds));
            handle.interrupt();
        });
    }
    if let Err(e) = install_cli_jit(&mut engine, options.jit) {
        eprintln!("elle: {}", e);
        return 2;
    }
    let status = run_command(&mut engine, options.command, &at_line_start);
    if std::env::var_os("ELLE_JIT_STATS").is_some_and(|v| v == "1") {
        match engine.jit() {
            Some(jit) => eprint!("{}", jit_stats_report(&jit.cache.stats())),
            None => eprintln!("jit: off"),
        }
    }
    status
}

/// Runs one command on `engine`.
fn run_command(engine: &mut Engine, command: Command, at_line_start: &Cell<bool>) -> u8 {
    match command {
        Command::File(path, args) => {
            let src = match std::fs::read_to_string(&path) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("elle: cannot read {}: {}", path, e);
                    return 1;
                }
            };
            let mut argv = vec![path.clone()];
            argv.extend(args);
            engine.define_string_list("command-line-arguments", &argv);
            run_program(engine, &src, &path)
        }
        Command::Help => {
            print!("{}", usage());
            0
        }
        Command::Disassemble(path) => match std::fs::read_to_string(&path) {
            Ok(src) => match engine.disassemble(&src, &path) {
                Ok(text) => {
                    print!("{}", text);
                    0
                }
                Err(e) => fail(engine, &e),
            },
            Err(e) => {
                eprintln!("elle: cannot read {}: {}", path, e);
                1
            }
        },
        Command::Eval(expr) => match engine.eval_to_text(&expr, "<-e>") {
            Ok(Some(text)) => {
                println!("{}", text);
                0
            }
            Ok(None) => 0,
            Err(e) => fail(engine, &e),
        },
        Command::Stdin if std::io::stdin().is_terminal() => repl(engine, at_line_start),
        Command::Stdin => {
            let mut src = String::new();
            if let Err(e) = std::io::stdin().read_to_string(&mut src) {
                eprintln!("elle: cannot read stdin: {}", e);
                return 1;
            }
            run_program(engine, &src, "<stdin>")
        }
    }
}

/// The interactive loop: prints each value, keeps definitions, survives
/// errors, and reads more lines while the input is incomplete.
fn repl(engine: &mut Engine, at_line_start: &Cell<bool>) -> u8 {
    interrupt_on_ctrl_c(engine);
    let mut editor = match rustyline::DefaultEditor::new() {
        Ok(ed) => ed,
        Err(e) => {
            eprintln!("elle: cannot start the line editor: {}", e);
            return 1;
        }
    };
    let mut pending = String::new();
    let mut interrupted_at_prompt = false;
    loop {
        let prompt = if pending.is_empty() {
            "elle> "
        } else {
            "  ... "
        };
        let line = match editor.readline(prompt) {
            Ok(line) => line,
            // Ctrl-C at the prompt (the line editor reads it as a key):
            // drops the pending input; a second one on an empty prompt exits.
            Err(rustyline::error::ReadlineError::Interrupted) => {
                if pending.is_empty() && interrupted_at_prompt {
                    return 0;
                }
                interrupted_at_prompt = pending.is_empty();
                if interrupted_at_prompt {
                    eprintln!("(Ctrl-C again or Ctrl-D to leave)");
                }
                pending.clear();
                continue;
            }
            Err(_) => return 0,
        };
        interrupted_at_prompt = false;
        pending.push_str(&line);
        pending.push('\n');
        at_line_start.set(true);
        let result = engine.eval_to_text(&pending, "<repl>");
        if !at_line_start.get() {
            println!();
        }
        match result {
            Err(e) if e.is_incomplete() => continue,
            Ok(value) => {
                let _ = editor.add_history_entry(pending.trim_end());
                if let Some(text) = value {
                    println!("{}", text);
                }
            }
            Err(e) => {
                let _ = editor.add_history_entry(pending.trim_end());
                if let ErrorKind::Exit(code) = e.kind() {
                    return code as u8;
                }
                eprint!("{}", report(engine, &e));
            }
        }
        pending.clear();
    }
}

/// The REPL's engine: the SIGINT handler interrupts its evaluation.
static REPL_INTERRUPT: std::sync::OnceLock<InterruptHandle> = std::sync::OnceLock::new();

/// Makes Ctrl-C during an evaluation stop it (a `limit` error, the REPL's
/// definitions intact) instead of ending the process.
#[cfg(unix)]
fn interrupt_on_ctrl_c(engine: &Engine) {
    extern "C" fn on_sigint(_: libc::c_int) {
        // Async-signal-safe: an atomic load and an atomic store.
        if let Some(handle) = REPL_INTERRUPT.get() {
            handle.interrupt();
        }
    }
    if REPL_INTERRUPT.set(engine.interrupt_handle()).is_ok() {
        let handler = on_sigint as extern "C" fn(libc::c_int);
        // SAFETY: installs a handler that only performs atomic operations.
        unsafe { libc::signal(libc::SIGINT, handler as libc::sighandler_t) };
    }
}

#[cfg(not(unix))]
fn interrupt_on_ctrl_c(_: &Engine) {}

fn main() -> ExitCode {
    let command = match parse_args() {
        Ok(c) => c,
        Err(msg) => {
            eprint!("{}", msg);
            return ExitCode::from(2);
        }
    };
    // The pipeline's recursion is bounded by the nesting limit; a large
    // stack keeps that bound comfortable in debug builds too.
    let worker = std::thread::Builder::new()
        .stack_size(CLI_STACK_BYTES)
        .spawn(move || run(command));
    match worker.map(|h| h.join()) {
        Ok(Ok(code)) => ExitCode::from(code),
        _ => {
            eprintln!("elle: internal error");
            ExitCode::from(101)
        }
    }
}
