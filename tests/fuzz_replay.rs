//! Replays saved fuzz inputs (`fuzz/corpus/TARGET/*` and the crashes
//! turned into regression inputs under `fuzz/regressions/TARGET/*`) through
//! the same checks the fuzz targets run, on stable Rust and without
//! sanitizers, so a finding stays fixed. `fuzz/` runs new campaigns.
//!
//! Every regression always; of each corpus, every input in a release build
//! (`.ci/run`) and the first `DEBUG_CORPUS_INPUTS` by name in a debug
//! build, so the README's test command stays short;
//! `ELLE_FUZZ_REPLAY_ALL=1` replays everything in either.

use std::path::Path;

use arbitrary::{Arbitrary, Unstructured};
use elle_tests::fuzz;

/// Corpus inputs a debug build replays per target.
const DEBUG_CORPUS_INPUTS: usize = 40;

/// The files under `fuzz/{corpus,regressions}/target` to replay.
fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let all = cfg!(not(debug_assertions)) || std::env::var_os("ELLE_FUZZ_REPLAY_ALL").is_some();
    let mut out = Vec::new();
    for kind in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(kind).join(target)) else {
            continue;
        };
        let mut files: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        files.sort();
        if kind == "corpus" && !all {
            files.truncate(DEBUG_CORPUS_INPUTS);
        }
        for path in files {
            if let Ok(bytes) = std::fs::read(&path) {
                out.push((path.display().to_string(), bytes));
            }
        }
    }
    out
}

/// Runs `check` on each input of `target` as text (libFuzzer's `&str`
/// targets skip inputs that are not UTF-8), on a thread with the stack a
/// host worker has in this build.
fn replay_text(target: &str, check: fn(&str)) {
    let cases = inputs(target);
    let stack = if cfg!(debug_assertions) {
        16 << 20
    } else {
        4 << 20
    };
    std::thread::Builder::new()
        .stack_size(stack)
        .spawn(move || {
            for (name, bytes) in cases {
                if let Ok(text) = std::str::from_utf8(&bytes) {
                    eprintln!("{}", name);
                    check(text);
                }
            }
        })
        .expect("spawn")
        .join()
        .expect("a saved fuzz input failed its check");
}

#[test]
fn read_corpus() {
    replay_text("read", fuzz::read);
}

#[test]
fn compile_corpus() {
    replay_text("compile", fuzz::compile);
}

#[test]
fn run_corpus() {
    replay_text("run", fuzz::run);
}

#[test]
fn differential_corpus() {
    replay_text("differential", fuzz::differential);
}

#[test]
fn api_corpus() {
    for (name, bytes) in inputs("api") {
        let u = Unstructured::new(&bytes);
        if let Ok(steps) = Vec::<fuzz::Step>::arbitrary_take_rest(u) {
            eprintln!("{}", name);
            fuzz::api(steps);
        }
    }
}
