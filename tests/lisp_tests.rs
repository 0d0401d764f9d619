//! Runs every `tests/lisp/<area>/<name>.lisp` and compares what it prints
//! with `<name>.out`, and how it fails with `<name>.err` (the error kind).
//! Tests are discovered from the folder; there is no list to maintain.

use std::path::{Path, PathBuf};

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
fn check(path: &Path) -> Result<(), Failed> {
    let src = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {}", e))?;
    let expected_out = std::fs::read_to_string(path.with_extension("out")).ok();
    let expected_err = std::fs::read_to_string(path.with_extension("err"))
        .ok()
        .map(|s| s.trim().to_string());
    if expected_out.is_none() && expected_err.is_none() {
        return Err("no .out or .err file beside the test".into());
    }
    let name = path.display().to_string();
    let (stdout, result) = elle_tests::run_captured(&src, &name);
    let mut problems = Vec::new();
    match (&expected_err, &result) {
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
    if let Some(out) = &expected_out {
        if *out != stdout {
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

fn main() {
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("lisp");
    let mut files = Vec::new();
    discover(&root, &mut files);
    let trials = files
        .into_iter()
        .map(|path| {
            let name = path
                .strip_prefix(&root)
                .unwrap_or(&path)
                .with_extension("")
                .display()
                .to_string();
            Trial::test(format!("interpreter::{}", name), move || check(&path))
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
