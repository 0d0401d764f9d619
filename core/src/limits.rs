//! Limits a host sets on what a program may use.
//!
//! Hitting a limit raises an ordinary error of kind `limit`; the engine stays
//! usable afterwards.

use alloc::sync::Arc;
use core::sync::atomic::{AtomicBool, Ordering};

use crate::error::{Error, ErrorKind, Result};

/// Resource limits of one engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Deepest nesting the reader and the expander accept. The reader,
    /// expander, analyzer and compiler recurse per level: the default of 256
    /// runs within 1 MiB of stack in release builds and 4 MiB in debug
    /// builds (`core/tests/nesting.rs` checks both); raise it only on a
    /// thread with a proportionally larger stack.
    pub max_nesting: usize,
    /// Deepest chain of non-tail calls. Each frame costs its registers (16
    /// bytes each) plus 24 bytes, so the default of 2,000,000 bounds a
    /// runaway recursion to roughly 200 MB; under a heap limit, the stacks
    /// count against it too.
    pub max_call_depth: usize,
    /// Units of work one `eval` or `call` may do: one per call and loop
    /// back-edge (every loop and every recursion passes through one, so a
    /// finite budget ends any program), and for builtins, the expander and
    /// the compiler one per element, node or 16 bytes they handle; `None`
    /// for no limit.
    pub fuel: Option<u64>,
    /// Most bytes the script may hold; `None` for no limit. Counts heap
    /// objects, the VM's stacks, the symbol table, macro expansions being
    /// built and printed text (`Runtime::used_bytes`); checked after each
    /// collection and before a builtin allocates in proportion to its input.
    /// As with a limiting allocator under Lua, while data the program keeps
    /// (in globals) exceed the limit, every evaluation fails at its first
    /// safepoint; raising the limit lets the engine continue.
    pub max_heap_bytes: Option<usize>,
    /// Longest string or vector a builtin may create, and longest text
    /// `display`, `write` and `string` may produce.
    pub max_sequence_len: usize,
}

impl Default for Limits {
    /// The embedding defaults: generous for ordinary programs, finite for
    /// runaway ones.
    fn default() -> Self {
        Limits {
            max_nesting: 256,
            max_call_depth: 2_000_000,
            fuel: None,
            max_heap_bytes: None,
            max_sequence_len: 1 << 26,
        }
    }
}

/// How much work one evaluation may still do, and whether the host asked it
/// to stop.
///
/// The VM and native code count down `slice` (one unit per call and loop
/// back-edge; builtins in proportion to the elements and bytes they walk);
/// when it is empty, `refill` moves up to `SLICE` units from the reserve
/// after checking the interrupt flag. So an interrupt is noticed within
/// `SLICE` units of work, and the hot paths test one counter.
pub(crate) struct Meter {
    /// Units left before the next `refill`; native code reads and writes it
    /// through `NativeCtx::fuel`.
    pub(crate) slice: u64,
    /// Units not yet moved into `slice`; ignored when `unlimited`.
    reserve: u64,
    unlimited: bool,
    interrupt: Arc<AtomicBool>,
}

/// Units of work between two looks at the interrupt flag.
const SLICE: u64 = 10_000;

impl Meter {
    /// A meter with no fuel limit and a fresh interrupt flag.
    pub(crate) fn new() -> Self {
        Meter {
            slice: SLICE,
            reserve: 0,
            unlimited: true,
            interrupt: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Starts a host call's budget: `fuel` units (`None`: unlimited) and no
    /// pending interrupt.
    pub(crate) fn start(&mut self, fuel: Option<u64>) {
        self.interrupt.store(false, Ordering::Relaxed);
        self.unlimited = fuel.is_none();
        let fuel = fuel.unwrap_or(0);
        self.slice = fuel.min(SLICE);
        self.reserve = fuel - self.slice;
        if self.unlimited {
            self.slice = SLICE;
        }
    }

    /// Spends `units` of work.
    #[inline(always)]
    pub(crate) fn spend(&mut self, units: u64) -> Result<()> {
        match self.slice.checked_sub(units) {
            Some(left) => {
                self.slice = left;
                Ok(())
            }
            None => self.spend_slow(units),
        }
    }

    /// `spend` when the slice cannot pay: refills it until it can.
    #[cold]
    fn spend_slow(&mut self, units: u64) -> Result<()> {
        let mut owed = units - self.slice;
        self.slice = 0;
        loop {
            self.refill()?;
            if self.unlimited {
                return Ok(());
            }
            match self.slice.checked_sub(owed) {
                Some(left) => {
                    self.slice = left;
                    return Ok(());
                }
                None => {
                    owed -= self.slice;
                    self.slice = 0;
                }
            }
        }
    }

    /// Refills an empty slice: fails when the host interrupted the run or
    /// the fuel is spent.
    #[cold]
    pub(crate) fn refill(&mut self) -> Result<()> {
        if self.interrupt.swap(false, Ordering::Relaxed) {
            self.slice = 0;
            return Err(Error::new(ErrorKind::Limit, "interrupted"));
        }
        if self.unlimited {
            self.slice = SLICE;
            return Ok(());
        }
        if self.reserve == 0 {
            return Err(Error::new(ErrorKind::Limit, "fuel exhausted"));
        }
        self.slice = self.reserve.min(SLICE);
        self.reserve -= self.slice;
        Ok(())
    }

    /// The handle another thread uses to interrupt this meter's runs.
    pub(crate) fn interrupt_handle(&self) -> InterruptHandle {
        InterruptHandle(self.interrupt.clone())
    }
}

/// Stops an engine's running evaluation from another thread (or a signal
/// handler): the evaluation fails with a `limit` error (`interrupted`)
/// within 10,000 calls, back-edges or builtin steps, and the engine stays
/// usable. An interrupt that arrives while no evaluation runs is dropped
/// when the next one starts.
#[derive(Clone, Debug)]
pub struct InterruptHandle(Arc<AtomicBool>);

impl InterruptHandle {
    /// Asks the running evaluation to stop. Only stores to an atomic flag,
    /// so it is safe to call from a signal handler.
    pub fn interrupt(&self) {
        self.0.store(true, Ordering::Relaxed);
    }
}
