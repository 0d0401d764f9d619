//! The `elle` command as a user runs it: files, `-e`, stdin, exit codes and
//! error reports.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn elle(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_elle"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run elle");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A temporary source file that is removed when dropped.
struct TempFile(std::path::PathBuf);

impl TempFile {
    fn new(name: &str, contents: &str) -> Self {
        let path = std::env::temp_dir().join(format!("elle-cli-{}-{}", std::process::id(), name));
        std::fs::write(&path, contents).expect("write temp file");
        TempFile(path)
    }
    fn path(&self) -> &str {
        self.0.to_str().expect("utf-8 path")
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn runs_a_file_with_its_arguments() {
    let f = TempFile::new(
        "args.lisp",
        "(display (cdr command-line-arguments))\n(newline)\n",
    );
    let out = elle(&[f.path(), "a", "b"], "");
    assert_eq!(text(&out.stdout), "(\"a\" \"b\")\n");
    assert!(out.status.success());
}

#[test]
fn eval_prints_the_value_with_write_and_skips_nil() {
    let out = elle(&["-e", "(list 1 \"two\" #\\3 4.0 #t)"], "");
    assert_eq!(text(&out.stdout), "(1 \"two\" #\\3 4.0 true)\n");
    let out = elle(&["-e", "(display \"x\")"], "");
    assert_eq!(text(&out.stdout), "x");
    assert!(out.status.success());
}

#[test]
fn runs_the_program_on_stdin_when_it_is_not_a_terminal() {
    let out = elle(&[], "(define (sq x) (* x x))\n(print (sq 12))\n");
    assert_eq!(text(&out.stdout), "144\n");
    assert!(out.status.success());
}

#[test]
fn errors_report_file_line_column_kind_and_stack_and_exit_1() {
    let f = TempFile::new(
        "err.lisp",
        "(define (f x)\n  (car x))\n(display \"before\")\n(f 5)\n",
    );
    let out = elle(&[f.path()], "");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "before");
    let err = text(&out.stderr);
    let first = err.lines().next().unwrap_or("");
    assert_eq!(
        first,
        format!("{}:2:3: type: car: expected a pair, got 5", f.path())
    );
    assert!(err.contains("  at f ("), "{}", err);
}

#[test]
fn read_errors_and_incomplete_input_exit_1() {
    let out = elle(&["-e", "(+ 1"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("incomplete: missing `)`"),
        "{}",
        text(&out.stderr)
    );
    let out = elle(&["-e", "#q"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("read: unknown syntax `#q`"));
}

#[test]
fn exit_sets_the_status_after_flushing_output() {
    let out = elle(&["-e", "(begin (display \"bye\") (exit 7))"], "");
    assert_eq!(text(&out.stdout), "bye");
    assert_eq!(out.status.code(), Some(7));
}

#[test]
fn a_missing_file_is_a_clear_error() {
    let out = elle(&["/nonexistent/elle/file.lisp"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).starts_with("elle: cannot read /nonexistent/elle/file.lisp"));
}

#[test]
fn deep_recursion_and_deep_nesting_never_crash_the_process() {
    let out = elle(
        &[
            "-e",
            "(define (d n) (if (= n 0) 0 (+ 1 (d (- n 1))))) (d 1000000)",
        ],
        "",
    );
    assert_eq!(text(&out.stdout), "1000000\n");
    let nested = "(".repeat(100_000);
    let out = elle(&[], &nested);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("read: nesting deeper than"));
}

#[test]
fn disassemble_lists_bytecode() {
    let f = TempFile::new("dis.lisp", "(define (inc x) (+ x 1))\n");
    let out = elle(&["--disassemble", f.path()], "");
    let listing = text(&out.stdout);
    assert!(listing.contains("function inc (params 1"), "{}", listing);
    assert!(listing.contains("AddImm"), "{}", listing);
}

#[test]
fn help_goes_to_stdout_and_succeeds() {
    let out = elle(&["--help"], "");
    assert!(out.status.success());
    assert!(text(&out.stdout).starts_with("usage: elle"));
}

#[test]
fn jit_modes_print_the_same_and_stats_name_what_was_compiled() {
    let f = TempFile::new(
        "jit.lisp",
        "(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))\n\
         (display (fib 20)) (newline)\n\
         (define (f x) (car x)) (f 5)\n",
    );
    let off = elle(&["--jit=off", f.path()], "");
    assert_eq!(text(&off.stdout), "6765\n");
    assert_eq!(off.status.code(), Some(1));
    for mode in ["on", "eager"] {
        let flag = format!("--jit={}", mode);
        let mut child = Command::new(env!("CARGO_BIN_EXE_elle"));
        child
            .args([flag.as_str(), f.path()])
            .env("ELLE_JIT_STATS", "1");
        let out = child.output().expect("run elle");
        assert_eq!(text(&out.stdout), text(&off.stdout), "--jit={}", mode);
        let err = text(&out.stderr);
        if elle::HAS_JIT {
            // The same report as the interpreter's, then the statistics.
            assert!(err.starts_with(&text(&off.stderr)), "{}", err);
            assert!(err.contains("jit: compiled fib"), "{}", err);
            assert!(err.contains("median per function"), "{}", err);
        } else {
            assert_eq!(out.status.code(), Some(2), "{}", err);
        }
    }
    let bad = elle(&["--jit=sometimes", f.path()], "");
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("--jit takes off, on or eager"));
}

#[test]
fn the_jit_compiles_catch_and_refuses_handler_installers() {
    let f = TempFile::new(
        "handlers.lisp",
        "(define (safe-car x) (try (car x) (catch e 'none)))\n\
         (define (first-even lst) (call/cc (lambda (k) (for-each (lambda (x) (if (even? x) (k x))) lst) #f)))\n\
         (write (list (safe-car '(1)) (safe-car 5) (first-even '(1 2 3))))\n",
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_elle"));
    child
        .args(["--jit=eager", f.path()])
        .env("ELLE_JIT_STATS", "1");
    let out = child.output().expect("run elle");
    let err = text(&out.stderr);
    if elle::HAS_JIT {
        assert_eq!(text(&out.stdout), "(1 none 2)");
        assert!(err.contains("jit: compiled safe-car"), "{}", err);
        assert!(
            err.contains(
                "refused call-with-current-continuation (x1): installs an exception handler"
            ),
            "{}",
            err
        );
    } else {
        assert_eq!(out.status.code(), Some(2), "{}", err);
    }
}

#[test]
fn limit_flags_stop_runaway_programs() {
    for (flags, src, message) in [
        (
            &["--fuel", "1000"][..],
            "(let loop () (loop))",
            "fuel exhausted",
        ),
        (
            &["--timeout", "0.3"][..],
            "(let loop () (loop))",
            "interrupted",
        ),
        (
            &["--heap", "4000000"][..],
            "(length (iota 1000000))",
            "heap limit",
        ),
        (
            &["--max-depth", "100"][..],
            "(define (f n) (if (= n 0) 0 (+ 1 (f (- n 1))))) (f 1000)",
            "call depth",
        ),
    ] {
        let mut args = flags.to_vec();
        args.extend(["-e", src]);
        let out = elle(&args, "");
        assert_eq!(out.status.code(), Some(1), "{:?}", flags);
        assert!(
            text(&out.stderr).contains(message),
            "{:?}: {}",
            flags,
            text(&out.stderr)
        );
    }
    let out = elle(&["--fuel", "lots", "-e", "1"], "");
    assert_eq!(out.status.code(), Some(2));
}

/// Runs `tmux` with `args`, returning its stdout.
fn tmux(args: &[&str]) -> String {
    let out = Command::new("tmux").args(args).output().expect("run tmux");
    text(&out.stdout)
}

#[test]
fn ctrl_c_in_the_repl_stops_the_evaluation_and_keeps_definitions() {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("SKIPPED: tmux is not installed");
        return;
    }
    let session = format!("elle-repl-{}", std::process::id());
    let socket = ["-L", session.as_str()];
    let run = |args: &[&str]| tmux(&[&socket[..], args].concat());
    run(&[
        "new-session",
        "-d",
        "-s",
        &session,
        "-x",
        "100",
        "-y",
        "30",
        env!("CARGO_BIN_EXE_elle"),
    ]);
    let keys = |k: &[&str]| run(&[&["send-keys", "-t", session.as_str()][..], k].concat());
    let screen = |what: &str| {
        for _ in 0..200 {
            let s = run(&["capture-pane", "-p", "-t", &session]);
            if s.contains(what) {
                return s;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let s = run(&["capture-pane", "-p", "-t", &session]);
        run(&["kill-server"]);
        panic!("the screen never showed {:?}:\n{}", what, s);
    };
    screen("elle>");
    keys(&["(define kept 41)", "Enter"]);
    keys(&["(let loop () (loop))", "Enter"]);
    std::thread::sleep(std::time::Duration::from_millis(500));
    keys(&["C-c"]);
    screen("interrupted");
    keys(&["(+ kept 1)", "Enter"]);
    screen("42");
    keys(&["C-c"]);
    keys(&["C-c"]);
    let mut gone = false;
    for _ in 0..100 {
        if !run(&["list-sessions"]).contains(&session) {
            gone = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    run(&["kill-server"]);
    assert!(gone, "two Ctrl-C at an empty prompt leave the REPL");
}

#[test]
fn hostile_files_end_in_clear_errors() {
    let comments = TempFile::new("comments.lisp", &"#;(".repeat(3_000_000));
    let out = elle(&[comments.path()], "");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("nesting deeper"),
        "{}",
        text(&out.stderr)
    );
    let out = elle(
        &[
            "-e",
            "(define l (list 1 2 3)) (set-cdr! (cddr l) l) (apply + l)",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("cyclic"),
        "{}",
        text(&out.stderr)
    );
}
