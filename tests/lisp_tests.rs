//! Runs every `tests/lisp/<area>/<name>.lisp` and compares what it prints
//! with `<name>.out`, and how it fails with `<name>.err` (the error kind);
//! and every tested example in `docs/*.md` (an `elle` block followed by an
//! `output` or `error` block). Tests are discovered; there is no list to
//! maintain. Each program runs under every backend (`Backend::ALL`); the
//! JIT backends must also match the interpreter exactly.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use elle_tests::{run_captured, Backend, Outcome};
use libtest_mimic::{Arguments, Failed, Trial};

/// Every `.lisp` file below `dir`, sorted.
fn discover(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            discover(&p, out);
        } else if p.extension().is_some_and(|e| e == "lisp") {
            out.push(p);
        }
    }
}

/// Runs one test file and checks its expectations.
fn check(path: &Path, backend: Backend) -> Result<(), Failed> {
    let src = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {}", e))?;
    let expected_out = std::fs::read_to_string(path.with_extension("out")).ok();
    let expected_err = std::fs::read_to_string(path.with_extension("err"))
        .ok()
        .map(|s| s.trim().to_string());
    if expected_out.is_none() && expected_err.is_none() {
        return Err("no .out or .err file beside the test".into());
    }
    let name = path.display().to_string();
    compare(
        &src,
        &name,
        expected_out.as_deref(),
        expected_err.as_deref(),
        backend,
    )
}

/// What the interpreter does with program `name` (its source `src`): run
/// once and shared by its own trial and the five JIT trials that compare
/// with it.
fn interpreted(src: &str, name: &str) -> Outcome {
    type Cell = Arc<OnceLock<Outcome>>;
    static RUNS: OnceLock<Mutex<HashMap<String, Cell>>> = OnceLock::new();
    let cell = {
        let mut runs = RUNS
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        runs.entry(name.to_string()).or_default().clone()
    };
    cell.get_or_init(|| run_captured(src, name, Backend::Interpreter))
        .clone()
}

/// Runs `src` and compares its stdout and error kind with the expectations.
fn compare(
    src: &str,
    name: &str,
    expected_out: Option<&str>,
    expected_err: Option<&str>,
    backend: Backend,
) -> Result<(), Failed> {
    let (stdout, result) = match backend {
        Backend::Interpreter => interpreted(src, name),
        _ => run_captured(src, name, backend),
    };
    let mut problems = Vec::new();
    if backend != Backend::Interpreter {
        // Every backend must do exactly what the interpreter does: same
        // output, same error report (kind, message, position, stack).
        let (want_out, want_result) = interpreted(src, name);
        if want_out != stdout {
            problems.push(format!(
                "stdout differs from the interpreter's\n--- interpreter\n{}\n--- {}\n{}\n---",
                want_out,
                backend.name(),
                stdout
            ));
        }
        if want_result != result {
            problems.push(format!(
                "result differs from the interpreter's\n--- interpreter\n{:?}\n--- {}\n{:?}",
                want_result,
                backend.name(),
                result
            ));
        }
    }
    match (expected_err, &result) {
        (Some(kind), Ok(())) => problems.push(format!(
            "expected a `{}` error, but the program succeeded",
            kind
        )),
        (Some(kind), Err((got, msg))) if got != kind => problems.push(format!(
            "expected a `{}` error, got `{}`: {}",
            kind, got, msg
        )),
        (None, Err((got, msg))) => problems.push(format!("unexpected `{}` error: {}", got, msg)),
        _ => {}
    }
    if let Some(out) = expected_out {
        if out != stdout {
            problems.push(format!(
                "stdout differs\n--- expected\n{}\n--- actual\n{}\n---",
                out, stdout
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n").into())
    }
}

/// One tested example from a Markdown document: an `elle` fenced block
/// and the `output` (stdout) or `error` (error kind) block right after it.
struct DocExample {
    line: usize,
    program: String,
    expected_out: Option<String>,
    expected_err: Option<String>,
}

/// The fenced blocks of `text` as (info string, first line number, body).
fn fenced_blocks(text: &str) -> Vec<(String, usize, String)> {
    let mut blocks = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((i, line)) = lines.next() {
        let Some(info) = line.trim_start().strip_prefix("```") else {
            continue;
        };
        let mut body = String::new();
        for (_, l) in lines.by_ref() {
            if l.trim_start().starts_with("```") {
                break;
            }
            body.push_str(l);
            body.push('\n');
        }
        blocks.push((info.trim().to_string(), i + 1, body));
    }
    blocks
}

/// The tested examples of a document: each `elle` block followed directly
/// by an `output` or `error` block.
fn doc_examples(text: &str) -> Vec<DocExample> {
    let blocks = fenced_blocks(text);
    let mut out = Vec::new();
    for pair in blocks.windows(2) {
        let ((info, line, program), (next, _, expected)) = (&pair[0], &pair[1]);
        if info != "elle" {
            continue;
        }
        let (expected_out, expected_err) = match next.as_str() {
            "output" => (Some(expected.clone()), None),
            "error" => (None, Some(expected.trim().to_string())),
            _ => continue,
        };
        out.push(DocExample {
            line: *line,
            program: program.clone(),
            expected_out,
            expected_err,
        });
    }
    out
}

/// A trial for every tested example in the Markdown files of `docs/`.
fn doc_trials(docs: &Path) -> Vec<Trial> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(docs)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    let mut trials = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let file = path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        for ex in doc_examples(&text) {
            let name = format!("{}:{}", path.display(), ex.line);
            let ex = Arc::new(ex);
            for backend in Backend::ALL {
                let (ex, name) = (ex.clone(), name.clone());
                trials.push(Trial::test(
                    format!("{}::docs::{}:{}", backend.name(), file, ex.line),
                    move || {
                        compare(
                            &ex.program,
                            &name,
                            ex.expected_out.as_deref(),
                            ex.expected_err.as_deref(),
                            backend,
                        )
                    },
                ));
            }
        }
    }
    trials
}

fn main() {
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("lisp");
    let mut files = Vec::new();
    discover(&root, &mut files);
    let mut trials = Vec::new();
    for path in files {
        let name = path
            .strip_prefix(&root)
            .unwrap_or(&path)
            .with_extension("")
            .display()
            .to_string();
        for backend in Backend::ALL {
            let path = path.clone();
            trials.push(Trial::test(
                format!("{}::{}", backend.name(), name),
                move || check(&path, backend),
            ));
        }
    }
    trials.extend(doc_trials(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs"),
    ));
    libtest_mimic::run(&args, trials).exit();
}
