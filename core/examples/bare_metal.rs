//! Elle on a microcontroller: a `no_std` static library that a firmware
//! image links, with its own heap and panic handler.
//!
//! Build it for a Cortex-M4F with
//! `cargo build -p elle-core --target thumbv7em-none-eabihf --example bare_metal`.
//! The firmware calls `elle_demo()`; it evaluates a small program and returns
//! its value (120), or -1 on an error. On a host target the same file builds
//! against std, so the example also runs in ordinary test builds.

#![cfg_attr(target_os = "none", no_std)]

extern crate alloc;

use elle_core::Engine;

/// Evaluates `(fact 5)` in a fresh engine.
#[no_mangle]
pub extern "C" fn elle_demo() -> i64 {
    let mut engine = Engine::new();
    engine
        .eval::<i64>("(define (fact n) (if (= n 0) 1 (* n (fact (- n 1))))) (fact 5)")
        .unwrap_or(-1)
}

#[cfg(target_os = "none")]
mod firmware {
    use core::alloc::{GlobalAlloc, Layout};
    use core::cell::UnsafeCell;
    use core::sync::atomic::{AtomicUsize, Ordering};

    /// Bytes of RAM given to the Elle heap.
    const HEAP_SIZE: usize = 96 * 1024;

    /// A bump allocator over a static arena: enough for a demo that runs
    /// once; a real firmware would use a proper allocator crate.
    struct Arena {
        memory: UnsafeCell<[u8; HEAP_SIZE]>,
        next: AtomicUsize,
    }

    // SAFETY: `next` hands out disjoint ranges of `memory` with an atomic
    // bump, so concurrent callers never receive overlapping blocks.
    unsafe impl Sync for Arena {}

    // SAFETY: every returned block lies inside `memory`, is aligned as the
    // layout asks, and is never handed out twice.
    unsafe impl GlobalAlloc for Arena {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let base = self.memory.get() as usize;
            let mut start = 0;
            let claimed = self
                .next
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |next| {
                    start = (base + next).next_multiple_of(layout.align()) - base;
                    let end = start.checked_add(layout.size())?;
                    (end <= HEAP_SIZE).then_some(end)
                });
            match claimed {
                Ok(_) => (base + start) as *mut u8,
                Err(_) => core::ptr::null_mut(),
            }
        }

        unsafe fn dealloc(&self, _ptr: *mut u8, _layout: Layout) {}
    }

    #[global_allocator]
    static ALLOCATOR: Arena = Arena {
        memory: UnsafeCell::new([0; HEAP_SIZE]),
        next: AtomicUsize::new(0),
    };

    #[panic_handler]
    fn panic(_info: &core::panic::PanicInfo) -> ! {
        loop {}
    }
}
