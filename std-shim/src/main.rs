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
    ErrorKind, JitMode, StdOutput, CLI_STACK_BYTES, HAS_JIT,
};

/// What the command line asks for.
struct Options {
    command: Command,
    jit: JitMode,
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
    "usage: elle [--jit=off|on|eager] [FILE [ARGS...] | -e EXPR | --disassemble FILE]\n\
     ELLE_JIT_STATS=1 prints what the JIT compiled and refused at exit\n"
        .to_string()
}

fn parse_args() -> Result<Options, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_env();
    let mut command = None;
    let mut jit = if HAS_JIT { JitMode::On } else { JitMode::Off };
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
                })
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
                });
            }
            other => return Err(format!("{}\n{}", other.unexpected(), usage())),
        }
    }
    Ok(Options {
        command: command.unwrap_or(Command::Stdin),
        jit,
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
    engine.set_limits(cli_limits());
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
    let mut editor = match rustyline::DefaultEditor::new() {
        Ok(ed) => ed,
        Err(e) => {
            eprintln!("elle: cannot start the line editor: {}", e);
            return 1;
        }
    };
    let mut pending = String::new();
    loop {
        let prompt = if pending.is_empty() {
            "elle> "
        } else {
            "  ... "
        };
        let line = match editor.readline(prompt) {
            Ok(line) => line,
            Err(rustyline::error::ReadlineError::Interrupted) => {
                pending.clear();
                continue;
            }
            Err(_) => return 0,
        };
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
