//! The nesting limit keeps every recursive stage (reader, expander,
//! analyzer, compiler) within a known stack: forms nested right up to the
//! default limit, in every shape, end in a value or an error on a thread
//! with the stack the engine documents — never in a stack overflow.

use elle_core::{Engine, Limits};

/// The stack `Limits::default()` documents: 1 MiB for release builds, 4 MiB
/// for debug builds (whose frames are several times larger).
fn documented_stack() -> usize {
    if cfg!(debug_assertions) {
        4 << 20
    } else {
        1 << 20
    }
}

/// `open` repeated `depth` times, then `core`, then `close` repeated.
fn nest(open: &str, core: &str, close: &str, depth: usize) -> String {
    format!("{}{}{}", open.repeat(depth), core, close.repeat(depth))
}

fn shapes(depth: usize) -> Vec<String> {
    vec![
        nest("(let ((x ", "1", ")) x)", depth),
        nest("(if #t ", "1", " 2)", depth),
        nest("((lambda (x) ", "1", ") 2)", depth),
        nest("(+ 1 ", "1", ")", depth),
        nest("(begin ", "1", ")", depth),
        nest("(let* ((a ", "1", ")) a)", depth),
        nest("(and #t ", "1", ")", depth),
        nest("(or #f ", "1", ")", depth),
        nest("(cond (#f 0) (else ", "1", "))", depth),
        nest("(let loop ((i ", "1", ")) i)", depth),
        nest("(define (f) ", "1", ")", depth),
        format!("`{}", nest("(1 ", ",(+ 1 2)", ")", depth)),
        format!("'{}", nest("[", "1", "]", depth)),
        nest("(when #t ", "1", ")", depth),
        nest("(do ((i 0 (+ i 1))) ((= i 1) ", "1", "))", depth),
        nest("(list ", "1", ")", depth),
    ]
}

#[test]
fn forms_nested_to_the_default_limit_never_overflow() {
    let limit = Limits::default().max_nesting;
    std::thread::Builder::new()
        .stack_size(documented_stack())
        .spawn(move || {
            let mut e = Engine::new();
            for depth in [limit / 2, limit - 1, limit, limit + 1, 4 * limit] {
                for src in shapes(depth) {
                    let _ = e.eval::<()>(&src);
                }
            }
            assert_eq!(e.eval::<i64>("(+ 1 1)").unwrap(), 2);
        })
        .expect("spawn")
        .join()
        .expect("a nested form overflowed the documented stack");
}

#[test]
fn long_flat_forms_are_flat_or_a_clear_limit_error() {
    let mut e = Engine::new();
    let items = "1 ".repeat(30_000);
    assert_eq!(
        e.eval::<i64>(&format!("(length `({}))", items)).unwrap(),
        30_000
    );
    assert_eq!(
        e.eval::<i64>(&format!("(length (list {}))", items))
            .unwrap(),
        30_000
    );
    for form in ["and", "or", "->"] {
        let err = e.eval::<()>(&format!("({} {})", form, items)).unwrap_err();
        assert_eq!(err.kind(), elle_core::ErrorKind::Limit, "{}", form);
    }
    let clauses = "((= 1 2) 0) ".repeat(30_000);
    let err = e.eval::<()>(&format!("(cond {})", clauses)).unwrap_err();
    assert_eq!(err.kind(), elle_core::ErrorKind::Limit);
}
