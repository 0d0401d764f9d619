//! The embedding API driven by arbitrary call sequences: no sequence
//! panics, and the engine answers `(+ 1 2)` at the end.
#![no_main]

libfuzzer_sys::fuzz_target!(|steps: Vec<elle_tests::fuzz::Step>| elle_tests::fuzz::api(steps));
