//! Mutated and random programs (the robustness test's generator) must do
//! exactly the same under the interpreter and the JIT: same output, same
//! error report, with fuel, heap and depth limits in force, on engines that
//! live through every case. `ELLE_MUTATION_SEED` and `ELLE_MUTATION_CASES`
//! (default 3,000) choose the programs; a mismatch prints the program.

#[path = "../core/tests/common/programs.rs"]
mod programs;

use elle_core::backend::JitSettings;
use elle_core::Limits;
use elle_tests::{env_u64, Session};
use programs::{corpus, mutated, random_program, Rng};

/// The robustness test's limits.
fn limits() -> Limits {
    Limits {
        fuel: Some(200_000),
        max_heap_bytes: Some(64 << 20),
        max_call_depth: 10_000,
        max_sequence_len: 1 << 20,
        ..Limits::default()
    }
}

/// A session with the robustness limits and, with `threshold`, a JIT.
fn session(threshold: Option<u32>) -> Session {
    let jit = threshold.map(|threshold| JitSettings {
        threshold,
        ..JitSettings::default()
    });
    Session::new(limits(), jit)
}

#[test]
fn mutated_programs_agree_under_every_backend() {
    let seed = env_u64("ELLE_MUTATION_SEED", 0x5eed_e11e);
    let cases = env_u64("ELLE_MUTATION_CASES", 3_000) as usize;
    let corpus = corpus(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lisp"));
    let worker = std::thread::Builder::new()
        .stack_size(elle::CLI_STACK_BYTES)
        .spawn(move || {
            let mut rng = Rng(seed);
            let mut interp = session(None);
            let mut eager = session(Some(0));
            let mut hot = session(Some(2));
            let mut failures = 0;
            for case in 0..cases {
                let src = if case % 2 == 0 || corpus.is_empty() {
                    random_program(&mut rng)
                } else {
                    let pick = rng.below(corpus.len());
                    mutated(&mut rng, &corpus[pick])
                };
                let want = interp.run(&src, "<mutated>");
                for (name, runner) in [("eager", &mut eager), ("hot", &mut hot)] {
                    let got = runner.run(&src, "<mutated>");
                    if got != want {
                        failures += 1;
                        eprintln!(
                            "MISMATCH (seed {}, case {}, jit {})\n--- program\n{}\n--- interpreter\n{:?}\n--- jit\n{:?}\n",
                            seed, case, name, src, want, got
                        );
                    }
                }
                assert!(failures < 5, "too many mismatches");
            }
            failures
        })
        .expect("spawn");
    assert_eq!(worker.join().expect("no panic"), 0, "the JIT disagreed");
}
