//! Limits a host sets on what a program may use.
//!
//! Hitting a limit raises an ordinary error of kind `limit`; the engine stays
//! usable afterwards.

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
    /// runaway recursion to roughly 200 MB.
    pub max_call_depth: usize,
    /// Calls and loop back-edges one `eval` or `call` may run (every loop
    /// and every recursion passes through one of them, so a finite budget
    /// ends any program); `None` for no limit.
    pub fuel: Option<u64>,
    /// Most bytes the heap may hold after a collection; `None` for no limit.
    /// Checked at the collector's safepoints: the heap can exceed it by what
    /// a single builtin allocates before the next one. As with a limiting
    /// allocator under Lua, while data the program keeps (in globals) exceed
    /// the limit, every evaluation fails at its first safepoint; raising the
    /// limit lets the engine continue.
    pub max_heap_bytes: Option<usize>,
    /// Longest string or vector a builtin may create.
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
