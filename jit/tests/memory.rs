//! Compiled code is freed with its function: define-call-redefine cycles
//! do not grow resident memory, and every call sees the newest definition.
//! Code is never mapped writable and executable at once.

use elle_core::backend::JitSettings;
use elle_core::Engine;

/// Resident set size in bytes (Linux).
fn rss_bytes() -> usize {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: usize = statm
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    pages * 4096
}

#[test]
fn redefinition_cycles_free_their_code() {
    // 100,000 cycles in release builds (`cargo test --release`); debug
    // builds of Cranelift compile about 20 times slower.
    let cycles = if cfg!(debug_assertions) {
        3_000
    } else {
        100_000
    };
    let mut e = Engine::new();
    let mut jit = elle_jit::new_jit(elle_core::backend::JitMode::On)
        .unwrap()
        .unwrap();
    // Compiled on its second call.
    jit.settings = JitSettings {
        threshold: 1,
        ..jit.settings
    };
    let cache = jit.cache.clone();
    e.set_jit(Some(jit));
    let warmup = 200;
    let mut baseline = 0;
    for i in 0..cycles + warmup {
        if i == warmup {
            e.collect_garbage();
            baseline = rss_bytes();
        }
        e.eval::<()>(&format!("(define (f x) (+ x {}))", i))
            .unwrap();
        let v: i64 = e.eval("(+ (f 1) (f 2))").unwrap();
        assert_eq!(v, 2 * i as i64 + 3, "cycle {} sees the newest f", i);
    }
    e.collect_garbage();
    let grown = rss_bytes().saturating_sub(baseline);
    let stats = cache.stats();
    eprintln!(
        "{} cycles: resident memory grew {} KiB; {} protos hold code",
        cycles,
        grown >> 10,
        stats.live
    );
    let compiled: u64 = stats.compiled.values().sum();
    assert!(
        compiled >= cycles as u64,
        "compiled {} of {}",
        compiled,
        cycles
    );
    assert!(stats.live < 50, "{} protos still hold code", stats.live);
    assert!(
        grown < 32 << 20,
        "resident memory grew {} bytes over {} cycles",
        grown,
        cycles
    );
}

#[test]
fn no_mapping_is_writable_and_executable() {
    let mut e = Engine::new();
    e.set_jit(elle_jit::new_jit(elle_core::backend::JitMode::Eager).unwrap());
    let v: i64 = e
        .eval("(define (sq x) (* x x)) (define (sum n) (let loop ((i 0) (s 0)) (if (< i n) (loop (+ i 1) (+ s (sq i))) s))) (sum 100)")
        .unwrap();
    assert_eq!(v, 328_350);
    assert!(e.jit().unwrap().cache.stats().live > 0);
    let maps = std::fs::read_to_string("/proc/self/maps").unwrap_or_default();
    let wx: Vec<&str> = maps
        .lines()
        .filter(|l| {
            l.split_whitespace()
                .nth(1)
                .is_some_and(|p| p.starts_with("rwx"))
        })
        .collect();
    assert!(wx.is_empty(), "writable and executable mappings: {:?}", wx);
}
