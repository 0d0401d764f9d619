//! Read, expand and compile any text without running it (macros defined
//! in it do run, under fuel): a listing or an error, never a panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|text: &str| elle_tests::fuzz::compile(text));
