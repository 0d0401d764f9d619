//! Limits hold in native code exactly as in the interpreter, and the
//! engine stays usable after each error.

use elle_core::{Engine, ErrorKind, Limits};

/// An engine whose every function is compiled before its first call.
fn eager() -> Engine {
    let mut e = Engine::new();
    e.set_jit(elle_jit::new_jit(elle_core::backend::JitMode::Eager).unwrap());
    e
}

/// The error `src` raises in `e`: kind, message, position and stack.
fn failure(e: &mut Engine, src: &str) -> (ErrorKind, String, String) {
    let err = e.eval::<()>(src).unwrap_err();
    (err.kind(), err.to_string(), format!("{:?}", err.stack()))
}

/// Runs `src` under `limits` in the interpreter and eagerly compiled: the
/// two must fail alike, with a `limit` error, and the JIT engine must work
/// afterwards.
fn same_limit_error(limits: Limits, src: &str) {
    let mut plain = Engine::new();
    plain.set_limits(limits);
    let mut jit = eager();
    jit.set_limits(limits);
    let want = failure(&mut plain, src);
    assert_eq!(want.0, ErrorKind::Limit, "{}", src);
    assert_eq!(failure(&mut jit, src), want, "{}", src);
    jit.set_limits(Limits::default());
    assert_eq!(jit.eval::<i64>("(+ 1 2)").unwrap(), 3);
}

#[test]
fn call_depth_limit_in_native_code() {
    let limits = Limits {
        max_call_depth: 5_000,
        ..Limits::default()
    };
    same_limit_error(limits, "(define (down n) (+ 1 (down (+ n 1)))) (down 0)");
}

#[test]
fn fuel_limit_in_native_loops_and_calls() {
    let limits = Limits {
        fuel: Some(20_000),
        ..Limits::default()
    };
    same_limit_error(limits, "(let loop ((i 0)) (loop (+ i 1)))");
    same_limit_error(
        limits,
        "(define (spin n) (if (= n 0) 0 (+ 1 (spin (- n 1))))) (spin 100000)",
    );
}

#[test]
fn collections_while_native_frames_are_live() {
    // Native loops allocate and call; the collector runs at their
    // back-edges and calls while outer native frames hold live lists.
    let src = "
      (define (build n) (let loop ((i 0) (acc '())) (if (< i n) (loop (+ i 1) (cons i acc)) acc)))
      (define (sum xs) (let loop ((xs xs) (s 0)) (if (null? xs) s (loop (cdr xs) (+ s (car xs))))))
      (define (churn k keep)
        (if (= k 0) (sum keep)
            (begin (build 20000) (churn (- k 1) keep))))
      (churn 200 (build 1000))";
    let mut e = eager();
    assert_eq!(e.eval::<i64>(src).unwrap(), 499_500);
    assert!(e.heap_stats().collections > 0);
}

#[test]
fn errors_match_the_interpreter() {
    let cases = [
        "(define (f x) (car x)) (define (g x) (+ 1 (f x))) (g 5)",
        "(define (f a b) (+ a b)) (f 9223372036854775807 1)",
        "(define (f a) (quotient a 0)) (f 7)",
        "(define (f v) (vector-ref v 10)) (f (vector 1 2))",
        "(define (f) (undefined-thing 1)) (f)",
        "(define (f x) (x 1)) (f 5)",
        "(define (f a b) a) (f 1)",
    ];
    for src in cases {
        let mut plain = Engine::new();
        let mut jit = eager();
        assert_eq!(failure(&mut jit, src), failure(&mut plain, src), "{}", src);
        assert_eq!(jit.eval::<i64>("(* 6 7)").unwrap(), 42);
    }
}

#[test]
fn deep_recursion_leaves_native_code_at_the_stack_budget() {
    // Native calls nest on the machine stack only down to the budget;
    // deeper calls run in the interpreter, whose frames are on the heap.
    let worker = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(|| {
            let mut e = eager();
            let mut jit = e.jit().cloned().unwrap();
            jit.settings.native_stack_bytes = 1 << 20;
            e.set_jit(Some(jit));
            e.eval::<i64>("(define (down n) (if (= n 0) 0 (+ 1 (down (- n 1))))) (down 1000000)")
                .unwrap()
        })
        .unwrap();
    assert_eq!(worker.join().unwrap(), 1_000_000);
}
