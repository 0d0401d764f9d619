//! Hostile scripts under every limit a host can set: each ends in a clean
//! error, promptly, without the process allocating far past the heap limit,
//! and the same engine answers `(+ 1 2)` afterwards. Each case runs under
//! the interpreter and the JIT (compiling every function before its first
//! call).
//!
//! Memory is measured by this test binary's global allocator, which counts
//! the bytes every thread holds; the tests run one at a time (a lock) so
//! one case's peak is its own.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use elle_core::{Engine, ErrorKind, Limits, Written};
use elle_tests::Backend;

/// The system allocator, counting the bytes held and their peak.
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every method forwards to `System` with the caller's arguments;
// the counters are only statistics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = HELD.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged.
        unsafe { System.dealloc(ptr, layout) };
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded unchanged.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            HELD.fetch_sub(layout.size(), Ordering::Relaxed);
            let now = HELD.fetch_add(new_size, Ordering::Relaxed) + new_size;
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// One case at a time, so the peak is the running case's.
static SERIAL: Mutex<()> = Mutex::new(());

/// Waits for the other cases to finish; the guard lets the next one run.
fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

/// The host's limits for every case: fuel 1,000,000 and a 16 MiB heap.
fn hostile_limits() -> Limits {
    Limits {
        fuel: Some(1_000_000),
        max_heap_bytes: Some(16 << 20),
        ..Limits::default()
    }
}

/// Most bytes a case may hold above what the process held before it.
const MEMORY_ALLOWANCE: usize = 64 << 20;

/// How long a case may take: the promise is 2 s in a release build; a
/// debug build runs the same work several times slower.
fn time_allowance() -> Duration {
    Duration::from_secs(if cfg!(debug_assertions) { 20 } else { 2 })
}

/// A host worker thread's stack: 1 MiB, what the default nesting limit
/// needs in a release build (a debug build's frames are about four times
/// larger; see `Limits::max_nesting`).
fn worker_stack() -> usize {
    if cfg!(debug_assertions) {
        4 << 20
    } else {
        1 << 20
    }
}

/// Runs `src` in a fresh engine with `limits` under `backend`, on a host
/// worker thread (`worker_stack`), and checks the promise:
/// an error of `kind`, in time, within the memory allowance, and an engine
/// that still works. Returns the error's message.
fn check_with(src: &str, kind: ErrorKind, limits: Limits, backend: Backend) -> String {
    let src = src.to_string();
    let run = move || {
        let mut engine = Engine::new();
        engine.set_jit(backend.jit());
        engine.set_limits(limits);
        let before = HELD.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let started = Instant::now();
        let result = engine.eval::<Written>(&src);
        let took = started.elapsed();
        let peak = PEAK.load(Ordering::Relaxed) - before;
        let err = match result {
            Ok(Written(v)) => panic!(
                "{}: expected a {:?} error, got {}",
                backend.name(),
                kind,
                v.chars().take(200).collect::<String>()
            ),
            Err(e) => e,
        };
        assert_eq!(err.kind(), kind, "{}: {}", backend.name(), err);
        assert!(
            took < time_allowance(),
            "{}: took {:?} ({})",
            backend.name(),
            took,
            err
        );
        assert!(
            peak <= MEMORY_ALLOWANCE,
            "{}: held {} MiB above baseline ({})",
            backend.name(),
            peak >> 20,
            err
        );
        assert_eq!(engine.eval::<i64>("(+ 1 2)").ok(), Some(3));
        err.to_string()
    };
    std::thread::Builder::new()
        .stack_size(worker_stack())
        .spawn(run)
        .expect("spawn")
        .join()
        .unwrap_or_else(|_| panic!("the case panicked or overflowed its stack"))
}

/// `check_with` the hostile limits, under the interpreter and the JIT.
fn check(src: &str, kind: ErrorKind) -> String {
    let _serial = serial();
    let message = check_with(src, kind, hostile_limits(), Backend::Interpreter);
    check_with(src, kind, hostile_limits(), Backend::Eager);
    message
}

#[test]
fn datum_comments_nest_within_the_nesting_limit() {
    check(&"#;(".repeat(3_000_000), ErrorKind::Read);
    check(&"#;".repeat(6_000), ErrorKind::Read);
}

#[test]
fn apply_rejects_a_cyclic_argument_list() {
    let m = check(
        "(define l (list 1 2 3)) (set-cdr! (cddr l) l) (apply + l)",
        ErrorKind::Type,
    );
    assert!(m.contains("cyclic"), "{}", m);
}

#[test]
fn list_builtins_detect_cycles() {
    for call in [
        "(memq 9 l)",
        "(memv 9 l)",
        "(member 9 l)",
        "(assq 9 l)",
        "(assv 9 l)",
        "(assoc 9 l)",
        "(list-tail l 100000000)",
        "(nth 100000000 l)",
        "(list-ref l 100000000)",
        "(length l)",
        "(reverse l)",
        "(append l '(1))",
        "(list->vector l)",
        "(map (lambda (x) x) l)",
        "(for-each (lambda (x) x) l)",
        "(filter (lambda (x) #t) l)",
        "(fold + 0 l)",
        "(reduce + 0 l)",
        "(any (lambda (x) #f) l)",
        "(every (lambda (x) #t) l)",
        "(map + l l)",
        "(for-each + l l)",
    ] {
        let src = format!(
            "(define l (list '(1 . 2) '(3 . 4))) (set-cdr! (cdr l) l) {}",
            call
        );
        let m = check(&src, ErrorKind::Type);
        assert!(m.contains("cyclic"), "{}: {}", call, m);
    }
}

#[test]
fn a_deep_recursion_of_wide_frames_is_counted_against_the_heap() {
    let lets: String = (0..2000).map(|i| format!("(v{} n)", i)).collect();
    let uses: String = (0..2000).map(|i| format!(" v{}", i)).collect();
    let src = format!(
        "(define (f n) (let ({}) (if (= n 0) 0 (+ (f (- n 1)){})))) (f 100000)",
        lets, uses
    );
    let m = check(&src, ErrorKind::Limit);
    assert!(m.contains("heap limit"), "{}", m);
}

#[test]
fn symbols_are_counted_against_the_heap() {
    for src in [
        "(let loop ((i 0)) (string->symbol (number->string i)) (loop (+ i 1)))",
        "(let loop ((i 0)) (gensym) (loop (+ i 1)))",
    ] {
        let limits = Limits {
            fuel: None,
            ..hostile_limits()
        };
        let _serial = serial();
        let m = check_with(src, ErrorKind::Limit, limits, Backend::Interpreter);
        assert!(m.contains("heap limit"), "{}", m);
    }
}

#[test]
fn builtins_check_the_heap_before_allocating() {
    for src in [
        "(length (iota 20000000))",
        "(define s (make-string 4000000 #\\a)) (string->list s)",
        "(define l (iota 400000)) (append l l l l l l)",
    ] {
        let m = check(src, ErrorKind::Limit);
        assert!(m.contains("heap limit") || m.contains("fuel"), "{}", m);
    }
}

#[test]
fn a_builtin_call_collects_before_it_gives_up() {
    // Each round leaves its list as garbage: a builtin that cannot reserve
    // room collects and tries again, so only the live data counts.
    let _serial = serial();
    let mut engine = Engine::new();
    engine.set_limits(Limits {
        fuel: None,
        ..hostile_limits()
    });
    let r = engine.eval::<i64>(
        "(define (round i) (if (= i 0) 0 (begin (length (iota 150000)) (round (- i 1))))) \
         (round 20)",
    );
    assert_eq!(r.map_err(|e| e.to_string()), Ok(0));
}

#[test]
fn the_interrupt_stops_a_loop_and_the_engine_goes_on() {
    for backend in [Backend::Interpreter, Backend::Eager] {
        let mut engine = Engine::new();
        engine.set_jit(backend.jit());
        let handle = engine.interrupt_handle();
        let stopper = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(200));
            handle.interrupt();
        });
        let started = Instant::now();
        let err = engine
            .eval::<()>("(let loop ((i 0)) (loop (+ i 1)))")
            .expect_err("the loop ends only by the interrupt");
        stopper.join().expect("the stopper thread");
        assert_eq!(err.kind(), ErrorKind::Limit, "{}", backend.name());
        assert!(err.to_string().contains("interrupted"), "{}", err);
        assert!(started.elapsed() < time_allowance());
        assert_eq!(engine.eval::<i64>("(+ 1 2)").ok(), Some(3));
    }
}

#[test]
fn the_interrupt_stops_a_builtin_walking_a_long_list() {
    let mut engine = Engine::new();
    engine
        .eval::<()>("(define l (iota 1000000))")
        .expect("a long list");
    let handle = engine.interrupt_handle();
    let stopper = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        handle.interrupt();
    });
    let err = engine
        .eval::<()>("(let loop () (length l) (loop))")
        .expect_err("the loop ends only by the interrupt");
    stopper.join().expect("the stopper thread");
    assert!(err.to_string().contains("interrupted"), "{}", err);
}

/// A list whose tree doubles with each of `n` levels: `n + 1` pairs.
const DAG: &str = "(define (dag n) (let loop ((i 0) (acc '(x))) \
                   (if (= i n) acc (loop (+ i 1) (cons acc acc)))))";

#[test]
fn printing_shared_structure_is_bounded() {
    for (call, kind) in [
        ("(display (dag 40))", ErrorKind::Limit),
        ("(write (dag 40))", ErrorKind::Limit),
        ("(string (dag 40))", ErrorKind::Limit),
        ("(+ 1 (dag 40))", ErrorKind::Type),
        ("(error \"bad\" (dag 40))", ErrorKind::User),
    ] {
        // A 1 MiB text limit keeps the debug build's test quick; the
        // heap limit bounds it the same way when it is the lower.
        let limits = Limits {
            max_sequence_len: 1 << 20,
            ..hostile_limits()
        };
        let _serial = serial();
        let src = format!("{} {}", DAG, call);
        for backend in [Backend::Interpreter, Backend::Eager] {
            let m = check_with(&src, kind, limits, backend);
            assert!(m.len() < 10_000, "{}: a message of {} bytes", call, m.len());
        }
    }
}

#[test]
fn an_error_message_prints_only_what_it_shows() {
    let limits = Limits {
        max_heap_bytes: Some(48 << 20),
        fuel: None,
        ..hostile_limits()
    };
    let _serial = serial();
    let m = check_with(
        "(car (make-vector 2000000 1))",
        ErrorKind::Type,
        limits,
        Backend::Interpreter,
    );
    assert!(m.len() < 200, "{}", m);
}

#[test]
fn a_macro_returning_shared_structure_is_bounded() {
    let m = check(
        "(define-macro (m) (let loop ((i 0) (acc '(quote 1))) \
           (if (= i 40) acc (loop (+ i 1) (list 'begin acc acc))))) (m)",
        ErrorKind::Limit,
    );
    assert!(m.contains("fuel") || m.contains("nodes"), "{}", m);
}

#[test]
fn compiling_many_constants_is_linear() {
    // 160,000 distinct constants in one function: quadratic constant
    // lookup took seconds here.
    let calls: String = (0..160_000).map(|i| format!(" (add {})", i)).collect();
    let src = format!(
        "(define total 0) (define (add x) (set! total (+ total x)))          (define (f) {}) (f) total",
        calls
    );
    let _serial = serial();
    let mut engine = Engine::new();
    let started = Instant::now();
    let total = engine.eval::<i64>(&src).map_err(|e| e.to_string());
    assert_eq!(total, Ok(159_999 * 160_000 / 2));
    assert!(
        started.elapsed() < time_allowance(),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_panicking_host_function_is_an_error_and_leaves_no_frames() {
    let _serial = serial();
    for backend in [Backend::Interpreter, Backend::Eager] {
        let mut engine = Engine::new();
        engine.set_jit(backend.jit());
        engine.set_panic_catcher(elle::catch_panic);
        engine.register_fn("explode", |n: i64| -> i64 {
            if n > 0 {
                panic!("boom at {}", n)
            }
            n
        });
        engine
            .eval::<()>("(define (down n) (if (= n 0) (explode 1) (+ 1 (down (- n 1)))))")
            .expect("define");
        for _ in 0..3 {
            let err = engine
                .eval::<i64>("(try (down 300) (catch e 0))")
                .expect_err("the panic is an error no handler sees");
            assert_eq!(err.kind(), ErrorKind::HostPanic, "{}", backend.name());
            assert!(err.to_string().contains("boom at 1"), "{}", err);
        }
        engine.set_limits(Limits {
            max_call_depth: 1_000,
            ..Limits::default()
        });
        let deep = engine
            .eval::<i64>("(define (count n) (if (= n 0) 0 (+ 1 (count (- n 1))))) (count 900)");
        assert_eq!(
            deep.map_err(|e| e.to_string()),
            Ok(900),
            "{}",
            backend.name()
        );
    }
}

#[test]
fn unwinding_a_deep_chain_of_finally_clauses_is_linear_or_metered() {
    let deep = "(define (deep n) (if (= n 0) (car '()) \
                  (try (+ 1 (deep (- n 1))) (finally 0))))";
    // Caught at the bottom: each frame is walked once.
    let _serial = serial();
    let mut engine = Engine::new();
    engine.set_limits(hostile_limits());
    let started = Instant::now();
    let kind = engine.eval::<Written>(&format!(
        "{} (try (deep 100000) (catch e (exception-kind e)))",
        deep
    ));
    assert_eq!(
        kind.map(|w| w.0).map_err(|e| e.to_string()),
        Ok(":type".into())
    );
    assert!(started.elapsed() < time_allowance());
    drop(_serial);
    // Under a handler procedure every cleanup walks to it again: fuel
    // bounds that work.
    let m = check(
        &format!(
            "{} (with-exception-handler (lambda (e) 0) (lambda () (deep 100000)))",
            deep
        ),
        ErrorKind::Limit,
    );
    assert!(m.contains("fuel"), "{}", m);
}

#[test]
fn builtins_spend_fuel_in_proportion_to_their_work() {
    // Each call is one unit of the loop's fuel but a large walk: unmetered,
    // a million of them would run for hours.
    for src in [
        "(define a (iota 100000)) (define b (iota 100000)) (let loop () (equal? a b) (loop))",
        "(define a (iota 100000)) (let loop () (member -1 a) (loop))",
        "(define a (map list (iota 30000))) (let loop () (assoc -1 a) (loop))",
        "(define s (make-string 1000000 #\\a)) (let loop () (string-length s) (loop))",
        "(define v (make-vector 100000 1)) (let loop () (vector->list v) (loop))",
        "(define a (iota 100000)) (let loop () (length a) (loop))",
    ] {
        let m = check(src, ErrorKind::Limit);
        assert!(m.contains("fuel"), "{}: {}", src, m);
    }
}

#[test]
fn case_mapping_respects_the_sequence_limit() {
    // "ß" (2 bytes) upcases to "SS"; "ŉ" (2 bytes) to "ʼN" (3 bytes): the
    // result may be longer than the limit although the input is not.
    let limits = Limits {
        max_sequence_len: 1 << 16,
        ..hostile_limits()
    };
    let _serial = serial();
    let m = check_with(
        "(string-upcase (make-string 30000 #\\ŉ))",
        ErrorKind::Limit,
        limits,
        Backend::Interpreter,
    );
    assert!(m.contains("exceeds the limit"), "{}", m);
}
