//! Differential test: random well-formed programs must print the same and
//! fail the same (kind, message, position, Elle stack) under the
//! interpreter and under the JIT (eager, and tiered with a low threshold).
//!
//! `ELLE_DIFF_SEED` (default 1) and `ELLE_DIFF_CASES` (default 10,000 in
//! a release build, which `.ci/run` runs; 1,000 in a debug build, so the
//! README's test command stays short) choose the programs; a mismatch
//! prints the program and its seed.

use elle_core::backend::JitSettings;
use elle_core::Limits;
use elle_tests::{env_u64, Session};

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len() as u64) as usize]
    }
}

/// Integers near the edges where overflow checks matter.
const INTS: &[&str] = &[
    "0",
    "1",
    "-1",
    "2",
    "7",
    "-13",
    "100",
    "3037000499",
    "3037000500",
    "4611686018427387904",
    "-4611686018427387904",
    "9223372036854775807",
    "-9223372036854775807",
];
const FLOATS: &[&str] = &["0.5", "-1.25", "3.0", "1e300", "-0.0", "2.5e-3"];

/// Generates one program: a few functions, each may call the earlier ones
/// and itself on a decreasing counter, then prints each function's result.
struct Gen {
    rng: Rng,
    /// Functions defined so far (each takes `n a b`).
    functions: usize,
    fresh: usize,
}

impl Gen {
    fn var(&mut self, vars: &[String]) -> String {
        vars[self.rng.below(vars.len() as u64) as usize].clone()
    }

    fn fresh(&mut self, stem: &str) -> String {
        self.fresh += 1;
        format!("{}{}", stem, self.fresh)
    }

    fn literal(&mut self) -> String {
        match self.rng.below(10) {
            0..=5 => self.rng.pick(INTS).to_string(),
            6 | 7 => (self.rng.below(41) as i64 - 20).to_string(),
            _ => self.rng.pick(FLOATS).to_string(),
        }
    }

    /// An expression over `vars`; `me` is the function being defined
    /// (callable on `(- n 1)` under a guard).
    fn expr(&mut self, depth: u32, vars: &[String], me: Option<usize>) -> String {
        if depth == 0 || self.rng.below(4) == 0 {
            return match self.rng.below(3) {
                0 => self.literal(),
                _ => self.var(vars),
            };
        }
        let d = depth - 1;
        match self.rng.below(22) {
            0..=2 => {
                let op = self.rng.pick(&["+", "-", "*", "+", "-"]);
                format!(
                    "({} {} {})",
                    op,
                    self.expr(d, vars, me),
                    self.expr(d, vars, me)
                )
            }
            3 => {
                let op = self.rng.pick(&["quotient", "remainder", "modulo", "/"]);
                format!(
                    "({} {} {})",
                    op,
                    self.expr(d, vars, me),
                    self.expr(d, vars, me)
                )
            }
            4 | 5 => {
                let cmp = self.rng.pick(&["<", "<=", ">", ">=", "="]);
                format!(
                    "(if ({} {} {}) {} {})",
                    cmp,
                    self.expr(d, vars, me),
                    self.expr(d, vars, me),
                    self.expr(d, vars, me),
                    self.expr(d, vars, me)
                )
            }
            6 => {
                let v = self.fresh("v");
                let init = self.expr(d, vars, me);
                let mut inner = vars.to_vec();
                inner.push(v.clone());
                format!("(let (({} {})) {})", v, init, self.expr(d, &inner, me))
            }
            7 => {
                // A counted loop accumulating an expression.
                let (i, acc) = (self.fresh("i"), self.fresh("acc"));
                let n = self.rng.below(12);
                let init = self.expr(d, vars, me);
                let mut inner = vars.to_vec();
                inner.push(i.clone());
                inner.push(acc.clone());
                let step = self.expr(d, &inner, me);
                if self.rng.below(2) == 0 {
                    format!(
                        "(let loop (({i} 0) ({acc} {init})) (if (< {i} {n}) (loop (+ {i} 1) {step}) {acc}))"
                    )
                } else {
                    format!("(do (({i} 0 (+ {i} 1)) ({acc} {init} {step})) ((>= {i} {n}) {acc}))")
                }
            }
            8 if self.functions > 0 => {
                let f = self.rng.below(self.functions as u64);
                let n = self.rng.below(4);
                format!(
                    "(f{} {} {} {})",
                    f,
                    n,
                    self.expr(d, vars, me),
                    self.expr(d, vars, me)
                )
            }
            9 if me.is_some() => format!(
                "(if (> n 0) (f{} (- n 1) {} {}) {})",
                me.unwrap_or(0),
                self.expr(d, vars, me),
                self.expr(d, vars, me),
                self.expr(d, vars, me)
            ),
            10 => {
                // A closure capturing the variables in scope.
                let (g, x) = (self.fresh("g"), self.fresh("x"));
                let mut inner = vars.to_vec();
                inner.push(x.clone());
                let body = self.expr(d, &inner, me);
                format!(
                    "(let (({} (lambda ({}) {}))) ({} {}))",
                    g,
                    x,
                    body,
                    g,
                    self.expr(d, vars, me)
                )
            }
            11 => {
                // An assigned, captured variable (a box).
                let (c, h) = (self.fresh("c"), self.fresh("h"));
                let init = self.expr(d, vars, me);
                let mut inner = vars.to_vec();
                inner.push(c.clone());
                let step = self.expr(d, &inner, me);
                format!(
                    "(let (({c} {init})) (let (({h} (lambda () (set! {c} {step}) {c}))) ({h}) ({h})))"
                )
            }
            12 => {
                let op = self.rng.pick(&["car", "cdr"]);
                format!(
                    "({} (cons {} {}))",
                    op,
                    self.expr(d, vars, me),
                    self.expr(d, vars, me)
                )
            }
            13 => {
                let op = self
                    .rng
                    .pick(&["car", "cdr", "null?", "pair?", "not", "length"]);
                let arg = match self.rng.below(3) {
                    0 => format!(
                        "(list {} {})",
                        self.expr(d, vars, me),
                        self.expr(d, vars, me)
                    ),
                    1 => "'()".to_string(),
                    _ => self.expr(d, vars, me),
                };
                format!("({} {})", op, arg)
            }
            14 => format!(
                "(vector-ref (vector {} {} {}) {})",
                self.expr(d, vars, me),
                self.expr(d, vars, me),
                self.expr(d, vars, me),
                self.rng.below(4)
            ),
            15 => format!(
                "(eq? {} {})",
                self.expr(d, vars, me),
                self.expr(d, vars, me)
            ),
            16 => {
                // A try whose handler uses the raised value when it is a
                // number (a throw) and a fallback otherwise (a runtime error).
                let x = self.fresh("x");
                let body = self.expr(d, vars, me);
                let fallback = self.expr(d, vars, me);
                format!("(try {body} (catch {x} (if (number? {x}) {x} {fallback})))")
            }
            17 => format!(
                "(if (< {} {}) (throw {}) {})",
                self.expr(d, vars, me),
                self.expr(d, vars, me),
                self.expr(d, vars, me),
                self.expr(d, vars, me)
            ),
            18 => {
                // An escape from inside an expression, maybe through a call.
                let k = self.fresh("k");
                let mut inner = vars.to_vec();
                inner.push(k.clone());
                let escape = format!(
                    "(if (> {} 0) ({k} {}) {})",
                    self.expr(d, vars, me),
                    self.expr(d, vars, me),
                    self.expr(d, vars, me)
                );
                let around = self.expr(d, &inner, me);
                format!("(call/cc (lambda ({k}) (+ {around} {escape})))")
            }
            19 => {
                let x = self.fresh("x");
                let body = self.expr(d, vars, me);
                let lit = self.literal();
                format!("(guard ({x} ((number? {x}) (+ {x} 1)) ((exception? {x}) {lit})) {body})")
            }
            20 => {
                // A cleanup whose output shows when and how often it runs.
                let body = self.expr(d, vars, me);
                let tag = self.rng.below(10);
                if self.rng.below(2) == 0 {
                    format!("(try {body} (finally (display \"f{tag} \")))")
                } else {
                    format!(
                        "(dynamic-wind (lambda () (display \"in{tag} \")) (lambda () {body}) (lambda () (display \"out{tag} \")))"
                    )
                }
            }
            _ => {
                let (v, w) = (self.fresh("v"), self.fresh("w"));
                format!(
                    "(let (({} (make-vector 3 {}))) (vector-set! {} {} {}) (let (({} (vector-ref {} 0))) {}))",
                    v,
                    self.expr(d, vars, me),
                    v,
                    self.rng.below(4),
                    self.expr(d, vars, me),
                    w,
                    v,
                    self.expr(d, &[vars, std::slice::from_ref(&w)].concat(), me)
                )
            }
        }
    }

    fn program(&mut self) -> String {
        self.functions = 0;
        let mut src = String::new();
        let count = 1 + self.rng.below(4) as usize;
        let params: Vec<String> = ["n", "a", "b"].iter().map(|s| s.to_string()).collect();
        for k in 0..count {
            let body = self.expr(4, &params, Some(k));
            src.push_str(&format!("(define (f{} n a b) {})\n", k, body));
            self.functions += 1;
        }
        for k in 0..count {
            let (a, b) = (self.literal(), self.literal());
            src.push_str(&format!(
                "(display (f{} {} {} {}))\n(newline)\n",
                k,
                self.rng.below(4),
                a,
                b
            ));
        }
        src
    }
}

#[test]
fn interpreter_and_jit_agree_on_generated_programs() {
    let seed = env_u64("ELLE_DIFF_SEED", 1);
    let default_cases = if cfg!(debug_assertions) {
        1_000
    } else {
        10_000
    };
    let cases = env_u64("ELLE_DIFF_CASES", default_cases);
    let limits = Limits::default();
    let mut interp = Session::new(limits, None);
    let mut eager = Session::new(
        limits,
        Some(JitSettings {
            threshold: 0,
            ..JitSettings::default()
        }),
    );
    let mut hot = Session::new(
        limits,
        Some(JitSettings {
            threshold: 3,
            ..JitSettings::default()
        }),
    );
    let mut gen = Gen {
        rng: Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1),
        functions: 0,
        fresh: 0,
    };
    let mut failures = 0;
    for case in 0..cases {
        let src = gen.program();
        let want = interp.run(&src, "<generated>");
        for (name, runner) in [("eager", &mut eager), ("hot", &mut hot)] {
            let got = runner.run(&src, "<generated>");
            if got != want {
                failures += 1;
                eprintln!(
                    "MISMATCH (seed {}, case {}, jit {})\n--- program\n{}--- interpreter\n{:?}\n--- jit\n{:?}\n",
                    seed, case, name, src, want, got
                );
            }
        }
        assert!(failures < 5, "too many mismatches");
    }
    assert_eq!(failures, 0, "the JIT disagreed with the interpreter");
}
