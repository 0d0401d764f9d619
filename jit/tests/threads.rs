//! One backend and one code cache shared by engines on four threads.

use std::sync::Arc;

use elle_core::backend::{CodeBackend, CodeCache, Jit, JitSettings};
use elle_core::Engine;
use elle_jit::CraneliftBackend;

const PROGRAM: &str = "
(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(define (sum-below n)
  (let loop ((i 0) (acc 0))
    (if (< i n) (loop (+ i 1) (+ acc i)) acc)))
(define (squares n) (map (lambda (x) (* x x)) (iota n)))
(define (run k)
  (+ (fib (+ 15 k)) (sum-below (* 1000 k)) (fold + 0 (squares (* 10 k)))))
";

/// What `(run k)` must return, computed without the JIT.
fn expected(k: i64) -> i64 {
    let mut e = Engine::new();
    e.eval::<()>(PROGRAM).unwrap();
    e.eval(&format!("(run {})", k)).unwrap()
}

#[test]
fn four_engines_share_one_backend_and_cache() {
    let backend: Arc<dyn CodeBackend> = Arc::new(CraneliftBackend::new().unwrap());
    let cache = Arc::new(CodeCache::new());
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let jit = Jit {
                backend: backend.clone(),
                cache: cache.clone(),
                settings: JitSettings {
                    threshold: 5,
                    ..JitSettings::default()
                },
            };
            std::thread::spawn(move || {
                let mut e = Engine::new();
                e.set_jit(Some(jit));
                e.eval::<()>(PROGRAM).unwrap();
                (0..20)
                    .map(|i| e.eval::<i64>(&format!("(run {})", (t + i) % 7)).unwrap())
                    .collect::<Vec<i64>>()
            })
        })
        .collect();
    let want: Vec<i64> = (0..7).map(expected).collect();
    for (t, h) in threads.into_iter().enumerate() {
        let got = h.join().expect("thread finished");
        for (i, v) in got.iter().enumerate() {
            assert_eq!(*v, want[(t + i) % 7], "thread {} run {}", t, i);
        }
    }
    let stats = cache.stats();
    for name in ["fib", "sum-below"] {
        assert_eq!(
            stats.compiled.get(name),
            Some(&4),
            "{} once per engine",
            name
        );
    }
    assert!(stats.refused.is_empty(), "{:?}", stats.refused);
}
