//! Symbols: interned names, compared by index.
//!
//! Invariant: a `Sym` is an index into the engine's one `Symbols` table and
//! stays valid for the engine's life (symbols are never collected). The
//! well-known symbols the expander dispatches on are interned first, in the
//! order of `WELL_KNOWN`, so each has a fixed index (`sym::QUOTE`, ...).

use alloc::boxed::Box;
use alloc::format;
use alloc::vec::Vec;
use hashbrown::HashMap;

/// An interned symbol: an index into `Symbols`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct Sym(pub u32);

macro_rules! well_known {
    ($($id:ident = $text:literal),* $(,)?) => {
        /// The names interned at fixed indices, in index order.
        const WELL_KNOWN: &[&str] = &[$($text),*];
        /// Fixed-index symbols the expander and analyzer recognise.
        pub mod sym {
            use super::Sym;
            well_known!(@consts 0u32; $($id)*);
        }
    };
    (@consts $n:expr; $id:ident $($rest:ident)*) => {
        pub const $id: Sym = Sym($n);
        well_known!(@consts $n + 1; $($rest)*);
    };
    (@consts $n:expr;) => {};
}

well_known! {
    QUOTE = "quote", QUASIQUOTE = "quasiquote", UNQUOTE = "unquote",
    UNQUOTE_SPLICING = "unquote-splicing", IF = "if", DEFINE = "define",
    SET = "set!", LAMBDA = "lambda", FN = "fn", BEGIN = "begin", LET = "let",
    LET_STAR = "let*", LETREC = "letrec", LETREC_STAR = "letrec*", DO = "do",
    COND = "cond", CASE = "case", WHEN = "when", UNLESS = "unless", AND = "and",
    OR = "or", ELSE = "else", ARROW = "=>", DEFINE_MACRO = "define-macro",
    DEFMACRO = "defmacro",
    WHILE = "while", IMPORT = "import", DEFINE_CONSTANT = "define-constant",
    THREAD_FIRST = "->", THREAD_LAST = "->>", ASSERT = "assert",
    TRY = "try", CATCH = "catch", FINALLY = "finally", GUARD = "guard",
    LET_VALUES = "let-values", LET_STAR_VALUES = "let*-values",
    DEFINE_VALUES = "define-values", RECEIVE = "receive",
    CORE_CATCH = "%catch", CORE_FINALLY = "%finally", CORE_ESCAPE = "%escape",
    CORE_WITH_HANDLER = "%with-handler",
}

/// The symbol table: name <-> index.
pub struct Symbols {
    names: Vec<Box<str>>,
    index: HashMap<Box<str>, Sym>,
    gensym_counter: u64,
    /// Uninterned symbols the expander reuses for its temporaries.
    temps: Vec<Sym>,
    /// How many of `temps` the current top-level form has taken.
    temps_taken: usize,
    /// Bytes the table holds (names, index entries), counted against the
    /// host's heap limit: symbols are never collected.
    bytes: usize,
}

/// Bytes a table entry costs besides its name's text: the `names` slot,
/// the index entry and the allocators' headers.
const ENTRY_BYTES: usize = 64;

impl Default for Symbols {
    fn default() -> Self {
        Self::new()
    }
}

impl Symbols {
    /// A table holding the well-known symbols at their fixed indices.
    pub fn new() -> Self {
        let mut s = Symbols {
            names: Vec::new(),
            index: HashMap::new(),
            gensym_counter: 0,
            temps: Vec::new(),
            temps_taken: 0,
            bytes: 0,
        };
        for name in WELL_KNOWN {
            s.intern(name);
        }
        s
    }

    /// The symbol named `name`, interning it on first use.
    pub fn intern(&mut self, name: &str) -> Sym {
        if let Some(&s) = self.index.get(name) {
            return s;
        }
        let s = Sym(self.names.len() as u32);
        self.names.push(name.into());
        self.index.insert(name.into(), s);
        self.bytes += 2 * name.len() + ENTRY_BYTES;
        s
    }

    /// Bytes the table holds.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// Bytes a `gensym` with `prefix` adds (at most: the counter's digits
    /// are at most 20).
    pub fn gensym_cost(prefix: &str) -> usize {
        prefix.len() + 20 + ENTRY_BYTES
    }

    /// Bytes interning `name` would add (nothing if it is interned).
    pub fn cost(&self, name: &str) -> usize {
        match self.index.contains_key(name) {
            true => 0,
            false => 2 * name.len() + ENTRY_BYTES,
        }
    }

    /// The symbol named `name` if it was ever interned.
    pub fn lookup(&self, name: &str) -> Option<Sym> {
        self.index.get(name).copied()
    }

    /// A fresh uninterned symbol: it prints as `prefixN` but is never `eq?`
    /// to any symbol the reader produces.
    pub fn gensym(&mut self, prefix: &str) -> Sym {
        self.gensym_counter += 1;
        let s = Sym(self.names.len() as u32);
        let name: Box<str> = format!("{}{}", prefix, self.gensym_counter).into();
        self.bytes += name.len() + ENTRY_BYTES;
        self.names.push(name);
        s
    }

    /// A temporary for the expander: uninterned, and distinct from every
    /// other temporary taken since the last `release_temps`. Temporaries are
    /// reused across top-level forms, so expanding forms again and again does
    /// not grow the table.
    pub fn temp(&mut self) -> Sym {
        if self.temps_taken == self.temps.len() {
            let s = self.gensym(" t");
            self.temps.push(s);
        }
        self.temps_taken += 1;
        self.temps[self.temps_taken - 1]
    }

    /// Makes every temporary available again (a new top-level form starts;
    /// the previous form's temporaries were resolved to registers).
    pub fn release_temps(&mut self) {
        self.temps_taken = 0;
    }

    /// The name of `s`.
    pub fn name(&self, s: Sym) -> &str {
        &self.names[s.0 as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_known_indices_match_names() {
        let s = Symbols::new();
        assert_eq!(s.name(sym::QUOTE), "quote");
        assert_eq!(s.name(sym::THREAD_LAST), "->>");
        assert_eq!(s.lookup("define-macro"), Some(sym::DEFINE_MACRO));
    }

    #[test]
    fn temps_are_distinct_within_a_form_and_reused_across_forms() {
        let mut s = Symbols::new();
        let (a, b) = (s.temp(), s.temp());
        assert_ne!(a, b);
        s.release_temps();
        assert_eq!((s.temp(), s.temp()), (a, b));
        let before = s.names.len();
        for _ in 0..1000 {
            s.release_temps();
            s.temp();
        }
        assert_eq!(s.names.len(), before);
    }

    #[test]
    fn gensyms_are_distinct_from_interned() {
        let mut s = Symbols::new();
        let g = s.gensym("g");
        let name = alloc::string::String::from(s.name(g));
        assert_ne!(s.intern(&name), g);
    }
}
