//! Run any text under tight limits (fuel, heap, depth): a value or an
//! error, never a panic; the engine answers afterwards; and a collection
//! returns the heap to its baseline when the program could not have kept
//! anything (it runs inside `(let () ...)`, so its definitions are local,
//! unless it assigns a global with `set!`).
#![no_main]

libfuzzer_sys::fuzz_target!(|text: &str| elle_tests::fuzz::run(text));
