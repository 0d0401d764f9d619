//! The embedding API end to end: values out, errors with positions, limits,
//! the collector, and an engine that keeps working after every error.

use elle_core::{Engine, ErrorKind, Limits, Written};

/// Runs `f` on a thread with the stack `Limits::max_nesting` documents for
/// the default limit (4 MiB covers debug builds).
fn with_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(4 << 20)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("test thread panicked")
}

#[test]
fn eval_returns_typed_values() {
    let mut e = Engine::new();
    assert_eq!(e.eval::<i64>("(+ 1 2)").unwrap(), 3);
    assert_eq!(e.eval::<f64>("(/ 1.0 4)").unwrap(), 0.25);
    assert_eq!(
        e.eval::<String>("(string-append \"a\" \"b\")").unwrap(),
        "ab"
    );
    assert_eq!(
        e.eval::<Written>("(list 1 \"x\" #\\y 2.0)").unwrap(),
        Written("(1 \"x\" #\\y 2.0)".into())
    );
    e.eval::<()>("(define (sq x) (* x x))").unwrap();
    assert_eq!(
        e.call::<i64>("sq", &[elle_core::Arg::Int(12)]).unwrap(),
        144
    );
}

#[test]
fn every_error_kind_leaves_the_engine_usable() {
    with_stack(|| {
        let mut e = Engine::new();
        e.eval::<()>("(define kept 41)").unwrap();
        let cases = [
            ("(1 2", ErrorKind::Incomplete),
            (")", ErrorKind::Read),
            ("(if)", ErrorKind::Syntax),
            ("(lambda)", ErrorKind::Syntax),
            ("no-such-variable", ErrorKind::Unbound),
            ("(car 5)", ErrorKind::Type),
            ("(+ 1 \"a\")", ErrorKind::Type),
            ("((lambda (x) x))", ErrorKind::Arity),
            ("(cons 1)", ErrorKind::Arity),
            ("(+ 9223372036854775807 1)", ErrorKind::Overflow),
            ("(* 4611686018427387904 2)", ErrorKind::Overflow),
            ("(/ 1 0)", ErrorKind::DivisionByZero),
            ("(modulo 1 0)", ErrorKind::DivisionByZero),
            ("(vector-ref (vector 1) 5)", ErrorKind::Range),
            ("(error \"boom\" 1 2)", ErrorKind::User),
            ("(set-car! '(1 2) 3)", ErrorKind::Type),
            (
                "(define (f) (f)) (define (g n) (+ 1 (g n))) (g 1)",
                ErrorKind::Limit,
            ),
        ];
        e.set_limits(Limits {
            max_call_depth: 100_000,
            ..Limits::default()
        });
        for (src, kind) in cases {
            let err = e.eval::<()>(src).expect_err(src);
            assert_eq!(err.kind(), kind, "{}: {}", src, err);
            assert_eq!(e.eval::<i64>("(+ kept 1)").unwrap(), 42, "after {}", src);
        }
    });
}

#[test]
fn errors_carry_a_position_and_the_elle_stack() {
    let mut e = Engine::new();
    let err = e
        .eval_named::<()>(
            "(define (inner x) (car x))\n(define (outer y) (+ 1 (inner y)))\n(outer 5)",
            "t.lisp",
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Type);
    assert_eq!(err.message(), "car: expected a pair, got 5");
    let span = err.span().expect("span");
    assert_eq!(
        (e.file_name(span.file), span.line, span.col),
        ("t.lisp", 1, 19)
    );
    let names: Vec<Option<&str>> = err.stack().iter().map(|s| s.function.as_deref()).collect();
    // `(outer 5)` is a tail call of the top-level form, which it replaced.
    assert_eq!(names, [Some("inner"), Some("outer")]);
}

#[test]
fn non_tail_recursion_a_million_deep_completes() {
    let mut e = Engine::new();
    let n = e
        .eval::<i64>("(define (depth n) (if (= n 0) 0 (+ 1 (depth (- n 1))))) (depth 1000000)")
        .unwrap();
    assert_eq!(n, 1_000_000);
    let built = e
        .eval::<i64>(
            "(define (build n) (if (= n 0) '() (cons n (build (- n 1))))) (length (build 1000000))",
        )
        .unwrap();
    assert_eq!(built, 1_000_000);
}

#[test]
fn ten_million_tail_calls_run_in_constant_space() {
    let mut e = Engine::new();
    let r = e
        .eval::<i64>(
            "(define (ping n) (if (= n 0) 0 (pong (- n 1))))
             (define (pong n) (if (= n 0) 1 (ping (- n 1))))
             (ping 10000000)",
        )
        .unwrap();
    assert_eq!(r, 0);
}

#[test]
fn deeply_nested_input_is_a_clean_error() {
    with_stack(|| {
        let mut e = Engine::new();
        let err = e.eval::<()>(&"(".repeat(100_000)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Read);
        let err = e.eval::<()>(&("'".repeat(100_000) + "x")).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Read);
        let depth = Limits::default().max_nesting - 2;
        let deep_list = format!("(length '{}{})", "(".repeat(depth), ")".repeat(depth));
        assert_eq!(e.eval::<i64>(&deep_list).unwrap(), 1);
        assert_eq!(e.eval::<i64>("(+ 1 1)").unwrap(), 2);
    });
}

#[test]
fn cyclic_garbage_is_reclaimed() {
    let mut e = Engine::new();
    e.eval::<()>(
        "(define (make-cycle)
           (let ((a (list 1 2 3)) (v (make-vector 2 0)))
             (set-cdr! (cddr a) a)
             (vector-set! v 0 v)
             (vector-set! v 1 a)
             v))",
    )
    .unwrap();
    e.collect_garbage();
    let baseline = e.heap_stats().live_bytes;
    for _ in 0..1000 {
        e.eval::<()>("(make-cycle)").unwrap();
    }
    assert!(e.heap_stats().total_allocated > 0);
    e.collect_garbage();
    assert_eq!(e.heap_stats().live_bytes, baseline);
}

#[test]
fn collection_during_a_program_keeps_live_data() {
    let mut e = Engine::new();
    let r = e
        .eval::<i64>(
            "(define keep (list 1 2 3))
             (define (churn n acc) (if (= n 0) acc (churn (- n 1) (cons n (list n n n)))))
             (churn 300000 '())
             (apply + keep)",
        )
        .unwrap();
    assert_eq!(r, 6);
    assert!(e.heap_stats().collections > 0);
}

#[test]
fn printing_cyclic_structure_terminates() {
    let mut e = Engine::new();
    let text = e
        .eval::<Written>("(define a (list 1 2)) (set-cdr! (cdr a) a) a")
        .unwrap();
    assert_eq!(text.0, "#0=(1 2 . #0#)");
    let text = e
        .eval::<Written>("(define v (vector 1 2)) (vector-set! v 0 v) v")
        .unwrap();
    assert_eq!(text.0, "#0=[#0# 2]");
}

#[test]
fn the_engine_is_usable_after_an_error_inside_a_macro() {
    let mut e = Engine::new();
    e.eval::<()>("(define-macro (bad x) (car x))").unwrap();
    assert_eq!(e.eval::<()>("(bad 5)").unwrap_err().kind(), ErrorKind::Type);
    e.eval::<()>("(define-macro (twice x) `(begin ,x ,x))")
        .unwrap();
    assert_eq!(
        e.eval::<i64>("(define n 0) (twice (set! n (+ n 1))) n")
            .unwrap(),
        2
    );
}

#[test]
fn fuel_ends_runaway_programs_and_renews_per_eval() {
    let mut e = Engine::new();
    e.set_limits(Limits {
        fuel: Some(100_000),
        ..Limits::default()
    });
    let err = e.eval::<()>("(define (spin) (spin)) (spin)").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Limit);
    assert_eq!(err.message(), "fuel exhausted");
    let err = e.eval::<()>("(let loop () (loop))").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Limit);
    let err = e
        .eval::<()>("(define (f n) (+ 1 (f n))) (f 0)")
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Limit);
    assert_eq!(
        e.eval::<i64>("(let loop ((i 0)) (if (< i 1000) (loop (+ i 1)) i))")
            .unwrap(),
        1000
    );
}

#[test]
fn heap_limit_stops_unbounded_growth() {
    let mut e = Engine::new();
    e.set_limits(Limits {
        max_heap_bytes: Some(8 << 20),
        ..Limits::default()
    });
    let err = e
        .eval::<()>("(define (grow acc) (grow (cons (make-vector 100 0) acc))) (grow '())")
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Limit);
    assert!(err.message().contains("heap limit"), "{}", err);
    assert_eq!(e.eval::<i64>("(length (list 1 2 3))").unwrap(), 3);
    assert!(e.heap_stats().live_bytes < 8 << 20);
}

/// Runs on the test harness's ordinary thread (2 MiB of stack): deep data
/// built at run time must not need a large stack.
#[test]
fn deep_and_cyclic_data_compare_and_print_without_overflow() {
    let mut e = Engine::new();
    e.eval::<()>(
        "(define (nest n) (let loop ((i 0) (x '())) (if (< i n) (loop (+ i 1) (list x)) x)))
         (define a (nest 100000))
         (define b (nest 100000))",
    )
    .unwrap();
    assert!(e.eval::<bool>("(equal? a b)").unwrap());
    assert!(!e.eval::<bool>("(equal? a (nest 99999))").unwrap());
    let printed = e.eval::<Written>("a").unwrap().0;
    assert!(printed.starts_with("((((") && printed.contains("..."));
    let cyclic = "(define (ring n) (let ((l (iota n))) (set-cdr! (list-tail l (- n 1)) l) l))
                  (list (equal? (ring 3) (ring 3)) (equal? (ring 3) (ring 4)))";
    assert_eq!(e.eval::<Written>(cyclic).unwrap().0, "(true false)");
}

#[test]
fn a_list_that_loops_back_late_still_prints() {
    let mut e = Engine::new();
    let text = e
        .eval::<Written>("(define l (iota 70)) (set-cdr! (list-tail l 69) (list-tail l 66)) l")
        .unwrap()
        .0;
    assert!(
        text.starts_with("(0 1 2 3") && text.ends_with(" 65 . #0=(66 67 68 69 . #0#))"),
        "{}",
        text
    );
}

#[test]
fn typed_rust_functions_are_callable_with_checked_arguments() {
    let mut e = Engine::new();
    e.register_fn("hypot", |a: f64, b: f64| (a * a + b * b).sqrt());
    e.register_fn("shout", |s: String| s.to_uppercase());
    e.register_fn("safe-div", |a: i64, b: i64| {
        if b == 0 {
            Err("safe-div: divisor is zero".to_string())
        } else {
            Ok(a / b)
        }
    });
    e.register_fn("maybe", |flag: bool| if flag { Some('y') } else { None });
    let counter = std::rc::Rc::new(std::cell::Cell::new(0));
    let seen = counter.clone();
    e.register_fn("tick", move || seen.set(seen.get() + 1));
    assert_eq!(e.eval::<f64>("(hypot 3 4)").unwrap(), 5.0);
    assert_eq!(e.eval::<String>("(shout \"hi\")").unwrap(), "HI");
    assert_eq!(e.eval::<i64>("(safe-div 7 2)").unwrap(), 3);
    assert_eq!(
        e.eval::<Written>("(list (maybe #t) (maybe #f))").unwrap().0,
        "(#\\y nil)"
    );
    e.eval::<()>("(tick) (tick) (map (lambda (x) (tick)) '(1 2 3))")
        .unwrap();
    assert_eq!(counter.get(), 5);
    let err = e.eval::<()>("(safe-div 1 0)").unwrap_err();
    assert_eq!(
        (err.kind(), err.message()),
        (ErrorKind::User, "safe-div: divisor is zero")
    );
    let err = e.eval::<()>("(hypot 1 \"x\")").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Type);
    assert_eq!(
        err.message(),
        "hypot: argument 2 must be a number, got \"x\""
    );
    assert_eq!(
        e.eval::<()>("(shout)").unwrap_err().kind(),
        ErrorKind::Arity
    );
    assert_eq!(e.eval::<Written>("shout").unwrap().0, "#<procedure shout>");
}

#[test]
fn a_heap_over_its_limit_recovers_when_the_limit_is_raised() {
    let mut e = Engine::new();
    e.eval::<()>("(define big (iota 200000)) (define (f) 1)")
        .unwrap();
    let tight = Limits {
        max_heap_bytes: Some(1 << 20),
        ..Limits::default()
    };
    e.set_limits(tight);
    assert_eq!(e.eval::<()>("(f)").unwrap_err().kind(), ErrorKind::Limit);
    e.set_limits(Limits::default());
    e.eval::<()>("(set! big nil)").unwrap();
    e.set_limits(tight);
    assert_eq!(e.eval::<i64>("(f)").unwrap(), 1);
}
