//! Embedding Elle in a Rust program: evaluate, call, register Rust
//! functions, read errors, send output to your own sink, and limit
//! untrusted code. The README shows this
//! file; `cargo run -p elle-core --example embed` runs it.

use elle_core::{Arg, Engine, Limits, Output};

/// An output sink that prints to stdout.
struct Stdout;

impl Output for Stdout {
    fn write_str(&mut self, s: &str) {
        print!("{}", s);
    }
}

fn main() -> Result<(), elle_core::Error> {
    // Output discarded; values come back as Rust types.
    let mut engine = Engine::new();
    assert_eq!(engine.eval::<i64>("(+ 1 2)")?, 3);
    engine.eval::<()>("(define (square x) (* x x))")?;
    assert_eq!(engine.call::<i64>("square", &[Arg::Int(7)])?, 49);

    // Rust functions become Elle procedures; arguments are type-checked.
    engine.register_fn("hypot", |a: f64, b: f64| (a * a + b * b).sqrt());
    assert_eq!(engine.eval::<f64>("(hypot 3 4)")?, 5.0);

    // Errors are values with a kind, a message, a position and the Elle stack.
    let err = engine.eval::<i64>("(car 5)").unwrap_err();
    println!("{}", err); // 1:1: type: car: expected a pair, got 5

    // Output to your own sink, and limits for code you do not trust.
    let mut engine = Engine::with_output(Box::new(Stdout));
    engine.set_limits(Limits {
        fuel: Some(1_000_000),
        ..Limits::default()
    });
    engine.eval::<()>(r#"(display "hello") (newline)"#)?;
    assert!(engine.eval::<()>("(let loop () (loop))").is_err()); // fuel exhausted
    Ok(())
}
