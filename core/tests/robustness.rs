//! Bad input never panics, hangs or corrupts the engine: random programs
//! built from Lisp-ish fragments and mutated test programs all end in a
//! value or an ordinary error, and the same engine keeps answering.

use elle_core::{Engine, Limits};

#[path = "common/programs.rs"]
mod programs;

use programs::{corpus, mutated, random_program, Rng};

/// Seconds one case may take before the run counts as hung.
const HANG_SECONDS: u64 = 30;

/// The case being run and when it started, for the hang watchdog.
type Current = std::sync::Arc<std::sync::Mutex<(String, std::time::Instant)>>;

/// Ends the process with the program if one case runs too long: a hang
/// is a defect, and a hung test would otherwise say nothing.
fn watchdog(current: Current) {
    std::thread::spawn(move || loop {
        std::thread::sleep(std::time::Duration::from_secs(1));
        let Ok((src, started)) = current.lock().map(|g| g.clone()) else {
            continue;
        };
        if started.elapsed().as_secs() > HANG_SECONDS {
            eprintln!("a case ran for more than {} s:\n{}", HANG_SECONDS, src);
            std::process::exit(1);
        }
    });
}

fn run_cases(seed: u64, cases: usize) {
    let corpus = corpus(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/lisp"));
    let current: Current = std::sync::Arc::new(std::sync::Mutex::new((
        String::new(),
        std::time::Instant::now(),
    )));
    watchdog(current.clone());
    let mut rng = Rng(seed);
    let mut engine = Engine::new();
    engine.set_limits(Limits {
        fuel: Some(200_000),
        max_heap_bytes: Some(64 << 20),
        max_call_depth: 10_000,
        max_sequence_len: 1 << 20,
        ..Limits::default()
    });
    for case in 0..cases {
        let src = if case % 2 == 0 || corpus.is_empty() {
            random_program(&mut rng)
        } else {
            let pick = rng.below(corpus.len());
            mutated(&mut rng, &corpus[pick])
        };
        if let Ok(mut c) = current.lock() {
            *c = (src.clone(), std::time::Instant::now());
        }
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _ = engine.eval::<()>(&src);
        }));
        assert!(
            outcome.is_ok(),
            "case {} panicked the engine:\n{}",
            case,
            src
        );
        // A program may redefine any global or special form (even `+` or
        // `if`), so the check uses only a literal; and it may keep more data
        // than the heap limit allows, which fails every later evaluation by
        // design, so the check runs without that limit.
        let limits = engine.limits();
        engine.set_limits(Limits {
            max_heap_bytes: None,
            ..limits
        });
        let check = engine.eval::<i64>("42");
        engine.set_limits(limits);
        assert_eq!(
            check.ok(),
            Some(42),
            "engine broken after case {}:\n{}",
            case,
            src
        );
    }
}

/// 3,000 cases by default; `ELLE_ROBUSTNESS_CASES=N` runs more, and
/// `ELLE_ROBUSTNESS_SEED=S` another sequence.
#[test]
fn random_and_mutated_programs_end_in_values_or_errors() {
    let env = |name: &str, default: u64| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let cases = env("ELLE_ROBUSTNESS_CASES", 3000) as usize;
    let seed = env("ELLE_ROBUSTNESS_SEED", 0x5eed_e11e);
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || run_cases(seed, cases))
        .expect("spawn")
        .join()
        .expect("a random program panicked the engine");
}
