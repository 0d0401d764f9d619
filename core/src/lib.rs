//! Elle's core: a `no_std` Lisp — reader, macro expander, analyzer,
//! register-bytecode compiler, VM with proper tail calls, and a tracing GC.
//!
//! ```text
//! source text
//!   -> reader    (reader.rs)   text -> Datum with spans
//!   -> expand    (expand.rs)   macros and derived forms -> core forms
//!   -> analyze   (analyze.rs)  variables resolved, tail calls marked -> ast::Node
//!   -> compile   (compile.rs)  ast -> bytecode::Proto
//!   -> vm        (vm.rs)       runs protos; builtins/ hold the library
//! ```
//! `engine.rs` is the embedding API. The core reaches the outside world only
//! through the host's `Output` sink and the natives it registers.

#![no_std]
// No panics from input: library code neither unwraps nor panics, and every
// `unsafe` block says why it is sound. (Indexing is not denied yet: the
// VM's register accesses are checked by `Proto::verify`, and the fuzz
// targets look for the rest.)
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::undocumented_unsafe_blocks
    )
)]
extern crate alloc;

mod analyze;
mod ast;
pub mod backend;
mod builtins;
mod bytecode;
mod compile;
mod datum;
mod engine;
mod error;
mod expand;
mod heap;
mod limits;
mod native_helpers;
mod print;
mod reader;
mod register;
mod runtime;
mod symbol;
mod value;
mod vm;

pub use engine::{Arg, Engine, FromValue, Written};
pub use error::{Error, ErrorKind, Result, Span, StackEntry};
pub use heap::HeapStats;
pub use limits::{InterruptHandle, Limits};
pub use register::{FromArg, IntoValue, NativeClosure, PanicCatcher};
pub use runtime::{NullOutput, Output, Runtime};
pub use value::{NativeFn, Value};
