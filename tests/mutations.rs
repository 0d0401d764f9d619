//! Mutated and random programs (the robustness test's generator) must do
//! exactly the same under the interpreter and the JIT: same output, same
//! error report, with fuel, heap and depth limits in force, on engines that
//! live through every case. `ELLE_MUTATION_SEED` and `ELLE_MUTATION_CASES`
//! (default 3,000) choose the programs; a mismatch prints the program.

#[path = "../core/tests/common/programs.rs"]
mod programs;

use std::cell::RefCell;
use std::rc::Rc;

use elle_core::backend::{JitMode, JitSettings};
use elle_core::{Engine, Limits, Output};
use programs::{corpus, mutated, random_program, Rng};

/// An output sink that appends to a shared string.
struct Capture(Rc<RefCell<String>>);

impl Output for Capture {
    fn write_str(&mut self, s: &str) {
        self.0.borrow_mut().push_str(s);
    }
}

/// An engine with the robustness test's limits, and its output.
struct Runner {
    engine: Engine,
    out: Rc<RefCell<String>>,
}

impl Runner {
    fn new(threshold: Option<u32>) -> Runner {
        let out = Rc::new(RefCell::new(String::new()));
        let mut engine = Engine::with_output(Box::new(Capture(out.clone())));
        engine.set_limits(Limits {
            fuel: Some(200_000),
            max_heap_bytes: Some(64 << 20),
            max_call_depth: 10_000,
            max_sequence_len: 1 << 20,
            ..Limits::default()
        });
        if let Some(threshold) = threshold {
            let mut jit = elle_jit::new_jit(JitMode::On).unwrap().unwrap();
            jit.settings = JitSettings {
                threshold,
                ..JitSettings::default()
            };
            engine.set_jit(Some(jit));
        }
        Runner { engine, out }
    }

    /// Runs `src`: what it printed and how it failed.
    fn run(&mut self, src: &str) -> (String, Result<(), String>) {
        self.out.borrow_mut().clear();
        let r = self
            .engine
            .eval_named::<()>(src, "<mutated>")
            .map_err(|e| elle::report(&self.engine, &e));
        (self.out.borrow().clone(), r)
    }
}

#[test]
fn mutated_programs_agree_under_every_backend() {
    let env = |k: &str, d: u64| {
        std::env::var(k)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    let seed = env("ELLE_MUTATION_SEED", 0x5eed_e11e);
    let cases = env("ELLE_MUTATION_CASES", 3_000) as usize;
    let corpus = corpus(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lisp"));
    let worker = std::thread::Builder::new()
        .stack_size(elle::CLI_STACK_BYTES)
        .spawn(move || {
            let mut rng = Rng(seed);
            let mut interp = Runner::new(None);
            let mut eager = Runner::new(Some(0));
            let mut hot = Runner::new(Some(2));
            let mut failures = 0;
            for case in 0..cases {
                let src = if case % 2 == 0 || corpus.is_empty() {
                    random_program(&mut rng)
                } else {
                    let pick = rng.below(corpus.len());
                    mutated(&mut rng, &corpus[pick])
                };
                let want = interp.run(&src);
                for (name, runner) in [("eager", &mut eager), ("hot", &mut hot)] {
                    let got = runner.run(&src);
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
