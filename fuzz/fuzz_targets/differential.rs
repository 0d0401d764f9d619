//! The interpreter and the JIT (compiling every function before its first
//! call) on the same program: the same output and the same result (value
//! text, or error kind and message). Runs that hit a limit are skipped:
//! native code and the interpreter spend fuel at the same places but may
//! reach a heap limit at different collections.
#![no_main]

libfuzzer_sys::fuzz_target!(|text: &str| elle_tests::fuzz::differential(text));
