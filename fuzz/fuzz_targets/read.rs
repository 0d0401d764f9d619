//! The reader on any text: a datum or a `read`/`incomplete` error, never a
//! panic or a stack overflow. (The text is quoted, so the expander and the
//! compiler see one constant and the reader does the work.)
#![no_main]

libfuzzer_sys::fuzz_target!(|text: &str| elle_tests::fuzz::read(text));
