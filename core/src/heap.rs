//! The heap: a precise, non-moving mark-sweep collector.
//!
//! Every heap object lives in a `GcBox<T>`: a `Header` followed by the
//! object. Headers form one intrusive list that the sweep walks. `Gc<T>` is a
//! copyable pointer to a live box.
//!
//! Invariants (the whole safety argument of this module):
//! - An object is freed only by `sweep`, and only when `mark` did not reach
//!   it from the roots the caller passed to `collect`.
//! - Collection happens only at safepoints the VM chooses, where every `Gc`
//!   the program can still use is reachable from those roots (VM stack,
//!   globals, macros, pinned values). Rust code between safepoints (builtins, the compiler)
//!   may hold unrooted `Gc`s because no collection can run under it.
//! - Objects never move, so a `Gc` stays valid as long as the object lives.
//!
//! Every allocation is counted: `bytes` is the sum of the sizes recorded in
//! live headers, so live bytes return to their baseline once garbage is swept.

use alloc::boxed::Box;
use alloc::vec::Vec;
use core::cell::Cell;
use core::marker::PhantomData;
use core::ops::Deref;
use core::ptr::NonNull;

use crate::value::Value;

/// The kinds of heap object; the sweep and the marker dispatch on it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ObjKind {
    Pair,
    Str,
    Vector,
    Table,
    Struct,
    Closure,
    Native,
    VarBox,
    Proto,
    Exception,
    Values,
}

/// The part of every heap object the collector uses.
pub struct Header {
    next: Option<NonNull<Header>>,
    kind: ObjKind,
    marked: Cell<bool>,
    /// Set on literal constants: mutating a frozen object is an error.
    frozen: Cell<bool>,
    size: usize,
}

/// A header followed by the object; `repr(C)` keeps the header first so a
/// `*mut Header` can be cast back to the box of the kind it records.
#[repr(C)]
pub struct GcBox<T> {
    pub(crate) header: Header,
    pub(crate) value: T,
}

/// A pointer to a live heap object of type `T`.
pub struct Gc<T> {
    ptr: NonNull<GcBox<T>>,
    _marker: PhantomData<T>,
}

impl<T> Clone for Gc<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Gc<T> {}

impl<T> Gc<T> {
    /// The object at `ptr` (a payload word read as a pointer).
    ///
    /// # Safety
    /// `ptr` must point to a live `GcBox<T>`.
    pub(crate) unsafe fn from_ptr(ptr: *mut u8) -> Gc<T> {
        Gc {
            // SAFETY: the caller passes a live box's (non-null) address.
            ptr: unsafe { NonNull::new_unchecked(ptr as *mut GcBox<T>) },
            _marker: PhantomData,
        }
    }

    /// True when both point to the same object.
    pub fn ptr_eq(a: Gc<T>, b: Gc<T>) -> bool {
        a.ptr == b.ptr
    }

    /// The object's address, for identity hashing and printing.
    pub fn addr(self) -> usize {
        self.ptr.as_ptr() as usize
    }

    fn header(&self) -> &Header {
        // SAFETY: `self` points to a live box (module invariant).
        unsafe { &(*self.ptr.as_ptr()).header }
    }

    /// True for literal constants, which may not be mutated.
    pub fn is_frozen(self) -> bool {
        self.header().frozen.get()
    }

    /// Marks the object as a literal constant.
    pub fn freeze(self) {
        self.header().frozen.set(true)
    }
}

impl<T> Deref for Gc<T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: `self` points to a live box (module invariant); objects are
        // only freed by `sweep` when unreachable, and never move.
        unsafe { &(*self.ptr.as_ptr()).value }
    }
}

/// Objects that can live on the heap.
pub trait HeapObject: Sized {
    const KIND: ObjKind;
    /// Pushes every heap reference this object holds.
    fn trace(&self, t: &mut Tracer);
    /// Bytes owned outside the box (string and vector buffers), for accounting.
    fn extra_bytes(&self) -> usize {
        0
    }
}

/// The mark phase's work list.
pub struct Tracer {
    stack: Vec<NonNull<Header>>,
}

impl Tracer {
    /// Marks the object `v` refers to, if any, and queues it for tracing.
    pub fn value(&mut self, v: Value) {
        if let Some(h) = v.header_ptr() {
            self.header(h);
        }
    }

    /// Marks `g` and queues it for tracing.
    pub fn gc<T>(&mut self, g: Gc<T>) {
        self.header(g.ptr.cast());
    }

    fn header(&mut self, h: NonNull<Header>) {
        // SAFETY: `h` came from a live `Gc` (module invariant).
        let hd = unsafe { h.as_ref() };
        if !hd.marked.get() {
            hd.marked.set(true);
            self.stack.push(h);
        }
    }
}

impl<T> Gc<T> {
    /// The header pointer, used by `Value::header_ptr`.
    pub(crate) fn header_ptr(self) -> NonNull<Header> {
        self.ptr.cast()
    }
}

/// Heap statistics the host can read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HeapStats {
    /// Bytes held by live (not yet swept) objects.
    pub live_bytes: usize,
    /// Number of live objects.
    pub objects: usize,
    /// Collections run so far.
    pub collections: usize,
    /// Bytes ever allocated.
    pub total_allocated: u64,
}

/// The collector: owns every heap object.
pub struct Heap {
    head: Option<NonNull<Header>>,
    stats: HeapStats,
    /// `bytes` at which the next collection is due.
    next_collection: usize,
    tracer: Tracer,
    /// Live bytes above which every safepoint collects (the host's heap
    /// limit), if any.
    ceiling: Option<usize>,
    /// Live bytes at which a safepoint collects: the lower of
    /// `next_collection` and just above `ceiling` (read by native code).
    collect_at: usize,
}

/// Collections are not considered below this many live bytes.
const MIN_COLLECTION_BYTES: usize = 1 << 20;

impl Default for Heap {
    fn default() -> Self {
        Self::new()
    }
}

impl Heap {
    pub fn new() -> Self {
        Heap {
            head: None,
            stats: HeapStats::default(),
            next_collection: MIN_COLLECTION_BYTES,
            tracer: Tracer { stack: Vec::new() },
            ceiling: None,
            collect_at: MIN_COLLECTION_BYTES,
        }
    }

    /// Moves `value` onto the heap. Never collects.
    pub fn alloc<T: HeapObject>(&mut self, value: T) -> Gc<T> {
        let size = core::mem::size_of::<GcBox<T>>() + value.extra_bytes();
        let boxed = Box::new(GcBox {
            header: Header {
                next: self.head,
                kind: T::KIND,
                marked: Cell::new(false),
                frozen: Cell::new(false),
                size,
            },
            value,
        });
        let ptr = NonNull::from(Box::leak(boxed));
        self.head = Some(ptr.cast());
        self.stats.live_bytes += size;
        self.stats.objects += 1;
        self.stats.total_allocated += size as u64;
        Gc {
            ptr,
            _marker: PhantomData,
        }
    }

    /// Adds `bytes` to the account of live memory (a buffer grew in place).
    pub fn account_growth<T>(&mut self, g: Gc<T>, bytes: usize) {
        // SAFETY: `g` is live; the size field is only read by `sweep`, which
        // cannot run while we hold `&mut self`.
        unsafe { (*g.ptr.as_ptr()).header.size += bytes };
        self.stats.live_bytes += bytes;
        self.stats.total_allocated += bytes as u64;
    }

    pub fn stats(&self) -> HeapStats {
        self.stats
    }

    /// True when enough has been allocated since the last collection, or
    /// the heap is above its ceiling.
    #[inline]
    pub fn wants_collection(&self) -> bool {
        self.stats.live_bytes >= self.collect_at
    }

    /// Where native code reads the live bytes and the collection level
    /// (`wants_collection` is `*live >= *due`).
    pub(crate) fn pressure_words(&self) -> (*const usize, *const usize) {
        (&self.stats.live_bytes, &self.collect_at)
    }

    /// Recomputes `collect_at` after `next_collection` or `ceiling` changed.
    fn update_collect_at(&mut self) {
        self.collect_at = match self.ceiling {
            Some(c) => self.next_collection.min(c.saturating_add(1)),
            None => self.next_collection,
        };
    }

    /// Sets the live-byte ceiling above which every safepoint collects.
    pub fn set_ceiling(&mut self, ceiling: Option<usize>) {
        self.ceiling = ceiling;
        self.update_collect_at();
    }

    /// Marks everything reachable from `roots`, then frees everything else.
    /// `roots` pushes each root into the tracer.
    pub fn collect(&mut self, roots: impl FnOnce(&mut Tracer)) {
        roots(&mut self.tracer);
        while let Some(h) = self.tracer.stack.pop() {
            trace_object(h, &mut self.tracer);
        }
        self.sweep();
        self.stats.collections += 1;
        self.next_collection = (self.stats.live_bytes * 2).max(MIN_COLLECTION_BYTES);
        self.update_collect_at();
    }

    /// Frees unmarked objects and clears the marks of the survivors.
    fn sweep(&mut self) {
        let mut link: *mut Option<NonNull<Header>> = &mut self.head;
        // SAFETY: `link` always points either at `self.head` or at the `next`
        // field of a live header; every header in the list is a live box
        // allocated by `alloc` with the kind it records.
        unsafe {
            while let Some(h) = *link {
                let hd = h.as_ptr();
                if (*hd).marked.get() {
                    (*hd).marked.set(false);
                    link = &mut (*hd).next;
                } else {
                    *link = (*hd).next;
                    self.stats.live_bytes -= (*hd).size;
                    self.stats.objects -= 1;
                    free_object(h);
                }
            }
        }
    }
}

impl Drop for Heap {
    fn drop(&mut self) {
        // Nothing is reachable once the heap goes: free every object.
        self.collect(|_| {});
    }
}

/// Calls `f` with the object behind `h`, typed by its recorded kind.
macro_rules! with_object {
    ($h:expr, $obj:ident => $body:expr) => {{
        use crate::bytecode::Proto;
        use crate::value::*;
        let h: NonNull<Header> = $h;
        // SAFETY: the header records the type its box was allocated with.
        unsafe {
            match h.as_ref().kind {
                ObjKind::Pair => {
                    let $obj = h.cast::<GcBox<Pair>>();
                    $body
                }
                ObjKind::Str => {
                    let $obj = h.cast::<GcBox<Str>>();
                    $body
                }
                ObjKind::Vector => {
                    let $obj = h.cast::<GcBox<Vector>>();
                    $body
                }
                ObjKind::Table => {
                    let $obj = h.cast::<GcBox<Table>>();
                    $body
                }
                ObjKind::Struct => {
                    let $obj = h.cast::<GcBox<Struct>>();
                    $body
                }
                ObjKind::Closure => {
                    let $obj = h.cast::<GcBox<Closure>>();
                    $body
                }
                ObjKind::Native => {
                    let $obj = h.cast::<GcBox<Native>>();
                    $body
                }
                ObjKind::VarBox => {
                    let $obj = h.cast::<GcBox<VarBox>>();
                    $body
                }
                ObjKind::Proto => {
                    let $obj = h.cast::<GcBox<Proto>>();
                    $body
                }
                ObjKind::Exception => {
                    let $obj = h.cast::<GcBox<Exception>>();
                    $body
                }
                ObjKind::Values => {
                    let $obj = h.cast::<GcBox<MultipleValues>>();
                    $body
                }
            }
        }
    }};
}

/// Pushes the references held by the object behind `h`.
fn trace_object(h: NonNull<Header>, t: &mut Tracer) {
    with_object!(h, b => b.as_ref().value.trace(t))
}

/// Frees the box behind `h`.
///
/// # Safety
/// `h` must be unlinked from the heap list and unreachable.
unsafe fn free_object(h: NonNull<Header>) {
    with_object!(h, b => drop(Box::from_raw(b.as_ptr())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::{Pair, Value};

    #[test]
    fn cycles_are_reclaimed() {
        let mut heap = Heap::new();
        let baseline = heap.stats().live_bytes;
        for _ in 0..if cfg!(miri) { 50 } else { 1000 } {
            let a = heap.alloc(Pair::new(Value::Int(1), Value::Nil));
            let b = heap.alloc(Pair::new(Value::Int(2), Value::Pair(a)));
            a.cdr.set(Value::Pair(b));
        }
        assert!(heap.stats().live_bytes > baseline);
        heap.collect(|_| {});
        assert_eq!(heap.stats().live_bytes, baseline);
        assert_eq!(heap.stats().objects, 0);
    }

    #[test]
    fn rooted_objects_survive_and_keep_their_children() {
        let mut heap = Heap::new();
        let inner = heap.alloc(Pair::new(Value::Int(7), Value::Nil));
        let outer = heap.alloc(Pair::new(Value::Pair(inner), Value::Nil));
        let _garbage = heap.alloc(Pair::new(Value::Int(0), Value::Nil));
        heap.collect(|t| t.value(Value::Pair(outer)));
        assert_eq!(heap.stats().objects, 2);
        match outer.car.get() {
            Value::Pair(p) => assert!(matches!(p.car.get(), Value::Int(7))),
            _ => panic!("car changed"),
        }
    }

    #[test]
    fn deep_chains_mark_without_recursion() {
        let mut heap = Heap::new();
        // Long enough to overflow any recursive marker; shorter under Miri.
        let n = if cfg!(miri) { 2_000 } else { 1_000_000 };
        let mut list = Value::Nil;
        for i in 0..n {
            list = Value::Pair(heap.alloc(Pair::new(Value::Int(i), list)));
        }
        heap.collect(|t| t.value(list));
        assert_eq!(heap.stats().objects, n as usize);
    }
}
