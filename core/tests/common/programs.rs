//! Programs for robustness tests: random Lisp-ish fragments and the
//! language tests with a few characters deleted, duplicated or swapped.
//! Shared by `core/tests/robustness.rs` and `tests/mutations.rs`.

/// A small deterministic generator (xorshift64*).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const FRAGMENTS: &[&str] = &[
    "(",
    ")",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "@{",
    "'",
    "`",
    ",",
    ",@",
    ".",
    "\"s\\n\"",
    "\"",
    "#\\a",
    "#t",
    "#f",
    "nil",
    "0",
    "1",
    "-1",
    "9223372036854775807",
    "-9223372036854775808",
    "1.5",
    "-0.0",
    "+inf.0",
    "#x1F",
    ":k",
    "x",
    "y",
    "f",
    "lambda",
    "define",
    "let",
    "let*",
    "letrec",
    "if",
    "cond",
    "case",
    "else",
    "=>",
    "do",
    "when",
    "unless",
    "and",
    "or",
    "set!",
    "quote",
    "quasiquote",
    "unquote",
    "begin",
    "define-macro",
    "gensym",
    "+",
    "-",
    "*",
    "/",
    "quotient",
    "modulo",
    "<",
    "=",
    "car",
    "cdr",
    "cons",
    "list",
    "vector",
    "vector-ref",
    "vector-set!",
    "make-vector",
    "string-append",
    "substring",
    "apply",
    "map",
    "fold",
    "error",
    "length",
    "append",
    "reverse",
    "nth",
    "#;",
    "#|",
    "|#",
    ";c\n",
    " ",
    " ",
    " ",
    "\n",
    "...",
    "string->symbol",
    "symbol->string",
    "number->string",
    "exit",
    "print",
    "while",
    "->",
    "try",
    "(catch e ",
    "(finally ",
    "throw",
    "raise",
    "raise-continuable",
    "with-exception-handler",
    "guard",
    "call/cc",
    "dynamic-wind",
    "values",
    "call-with-values",
    "let-values",
];

/// A random sequence of fragments.
pub fn random_program(rng: &mut Rng) -> String {
    let n = 1 + rng.below(40);
    let mut s = String::new();
    for _ in 0..n {
        s.push_str(FRAGMENTS[rng.below(FRAGMENTS.len())]);
        s.push(' ');
    }
    s
}

/// A test program with a few characters deleted, duplicated or swapped.
pub fn mutated(rng: &mut Rng, src: &str) -> String {
    let mut chars: Vec<char> = src.chars().collect();
    for _ in 0..1 + rng.below(4) {
        if chars.is_empty() {
            break;
        }
        let i = rng.below(chars.len());
        match rng.below(3) {
            0 => {
                chars.remove(i);
            }
            1 => {
                let c = chars[i];
                chars.insert(i, c);
            }
            _ => {
                let j = rng.below(chars.len());
                chars.swap(i, j);
            }
        }
    }
    chars.into_iter().collect()
}

/// The text of every `.lisp` program under `root` (`tests/lisp`), in path
/// order.
pub fn corpus(root: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|e| e == "lisp") {
                out.extend(std::fs::read_to_string(&p).ok());
            }
        }
    }
    out.sort();
    out
}
