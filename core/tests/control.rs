//! Non-local control through the embedding API: host errors are catchable,
//! limits and `exit` are not, a re-raised condition keeps its report, and
//! the engine is clean after every kind of exit.

use elle_core::{Engine, ErrorKind, Limits, Written};

#[test]
fn a_host_functions_error_is_a_catchable_condition() {
    let mut e = Engine::new();
    e.register_fn("checked-div", |a: i64, b: i64| {
        if b == 0 {
            Err("division by zero in the host".to_string())
        } else {
            Ok(a / b)
        }
    });
    let caught = e
        .eval::<String>("(try (checked-div 1 0) (catch e (exception-message e)))")
        .unwrap();
    assert_eq!(caught, "division by zero in the host");
    let kind = e
        .eval::<Written>("(try (checked-div \"x\" 1) (catch e (exception-kind e)))")
        .unwrap();
    assert_eq!(kind.0, ":type");
    assert_eq!(e.eval::<i64>("(checked-div 9 3)").unwrap(), 3);
}

#[test]
fn a_reraised_condition_keeps_its_first_position_and_stack() {
    let mut e = Engine::new();
    let err = e
        .eval::<()>(
            "(define (inner) (car 5))\n\
             (define saved (try (inner) (catch c c)))\n\
             (define (again) (throw saved))\n\
             (again)",
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Type);
    assert_eq!(err.message(), "car: expected a pair, got 5");
    let span = err.span().expect("a position");
    assert_eq!((span.line, span.col), (1, 17));
    assert_eq!(err.stack()[0].function.as_deref(), Some("inner"));
}

#[test]
fn an_uncaught_raise_of_a_plain_value_names_it() {
    let mut e = Engine::new();
    let err = e.eval::<()>("(define (f) (raise 'oops))\n(f)").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::User);
    assert_eq!(err.message(), "uncaught exception: oops");
    assert_eq!(err.span().map(|s| s.line), Some(1));
    assert_eq!(err.stack()[0].function.as_deref(), Some("f"));
}

#[test]
fn limits_are_not_caught_and_run_no_cleanup() {
    let mut e = Engine::new();
    e.eval::<()>("(define cleaned 0)").unwrap();
    e.set_limits(Limits {
        fuel: Some(100_000),
        ..Limits::default()
    });
    let err = e
        .eval::<()>(
            "(dynamic-wind (lambda () #f)
               (lambda () (try (let loop () (loop))
                               (catch e (set! cleaned 1))
                               (finally (set! cleaned 2))))
               (lambda () (set! cleaned 3)))",
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Limit);
    assert_eq!(e.eval::<i64>("cleaned").unwrap(), 0);
    // The engine has no handler left over: a raise now is uncaught.
    assert_eq!(e.eval::<i64>("(+ 1 2)").unwrap(), 3);
    assert_eq!(
        e.eval::<()>("(throw 1)").unwrap_err().message(),
        "uncaught exception: 1"
    );
}

#[test]
fn exit_inside_try_reaches_the_host_with_its_code() {
    let mut e = Engine::new();
    let err = e
        .eval::<()>("(try (exit 7) (catch e 'caught) (finally (display \"no\")))")
        .unwrap_err();
    assert_eq!(err.exit_code(), Some(7));
    assert_eq!(e.eval::<i64>("(try (throw 5) (catch e e))").unwrap(), 5);
}

#[test]
fn a_continuation_from_a_failed_evaluation_is_dead() {
    let mut e = Engine::new();
    let err = e
        .eval::<()>("(define saved #f) (call/cc (lambda (k) (set! saved k) (car 1)))")
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Type);
    let err = e.eval::<()>("(saved 1)").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Continuation);
    assert_eq!(e.eval::<i64>("(call/cc (lambda (k) (k 4)))").unwrap(), 4);
}

#[test]
fn raise_and_catch_round_trips_keep_memory_flat() {
    let mut e = Engine::new();
    e.eval::<()>(
        "(define (deep n) (if (= n 0) (throw n) (+ 1 (deep (- n 1)))))
         (define (run n) (let loop ((i 0) (acc 0)) (if (= i n) acc (loop (+ i 1) (+ acc (try (deep 5) (catch e 1)))))))",
    )
    .unwrap();
    assert_eq!(e.eval::<i64>("(run 1000)").unwrap(), 1000);
    e.collect_garbage();
    let before = e.heap_stats().live_bytes;
    assert_eq!(e.eval::<i64>("(run 100000)").unwrap(), 100_000);
    e.collect_garbage();
    let after = e.heap_stats().live_bytes;
    assert!(after <= before + 1024, "{} -> {}", before, after);
}

#[test]
fn a_catch_handler_is_in_tail_position() {
    let mut e = Engine::new();
    e.set_limits(Limits {
        max_call_depth: 1_000,
        ..Limits::default()
    });
    let r = e.eval::<i64>(
        "(define (retry n) (try (if (> n 0) (throw n) 7) (catch e (retry (- n 1)))))
         (retry 100000)",
    );
    assert_eq!(r.unwrap(), 7);
}
