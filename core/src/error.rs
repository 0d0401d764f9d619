//! Errors: every failure a script can cause, as a value the host receives.
//!
//! An `Error` is boxed so `Result<T, Error>` stays one word wide. It carries
//! a kind, a message naming the culprit, the source span where it was raised
//! (when known) and the Elle call stack, innermost first.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// Where a datum or instruction came from: file id, 1-based line and column.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Span {
    pub file: u32,
    pub line: u32,
    pub col: u32,
}

/// What went wrong, coarsely; `name()` is the text scripts and tests see.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ErrorKind {
    /// Malformed source text.
    Read,
    /// Source text that ended in the middle of a datum (the REPL reads on).
    Incomplete,
    /// A malformed special form.
    Syntax,
    /// A reference to a variable that has no binding.
    Unbound,
    /// An argument of the wrong type.
    Type,
    /// A call with the wrong number of arguments.
    Arity,
    /// Integer arithmetic that does not fit in i64.
    Overflow,
    /// Integer division by zero.
    DivisionByZero,
    /// An index or count outside the valid range.
    Range,
    /// A host-set limit (fuel, heap, depth, length) was reached.
    Limit,
    /// Raised by the program with `error`, or a raised value nothing caught.
    User,
    /// A continuation was called after its extent ended.
    Continuation,
    /// A file operation of the host failed (`file-error?` is true of it).
    File,
    /// A host function or the output sink panicked, caught by the host's
    /// panic catcher (`Engine::set_panic_catcher`). Like a limit, no
    /// handler sees it: the host's state may be inconsistent, so the
    /// script does not go on.
    HostPanic,
    /// `(exit code)`: not a failure but the program's end; like a limit, no
    /// handler, `finally` or `dynamic-wind` after-thunk sees it.
    Exit(i32),
}

impl ErrorKind {
    /// The kind's name as scripts, tests and the CLI print it.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Read => "read",
            ErrorKind::Incomplete => "incomplete",
            ErrorKind::Syntax => "syntax",
            ErrorKind::Unbound => "unbound",
            ErrorKind::Type => "type",
            ErrorKind::Arity => "arity",
            ErrorKind::Overflow => "overflow",
            ErrorKind::DivisionByZero => "division-by-zero",
            ErrorKind::Range => "range",
            ErrorKind::Limit => "limit",
            ErrorKind::User => "user",
            ErrorKind::Continuation => "continuation",
            ErrorKind::File => "file",
            ErrorKind::HostPanic => "host-panic",
            ErrorKind::Exit(_) => "exit",
        }
    }

    /// Whether a script may catch it: every kind but `limit` and `exit`,
    /// so a sandboxed program cannot swallow its own termination.
    pub fn catchable(self) -> bool {
        !matches!(
            self,
            ErrorKind::Limit | ErrorKind::Exit(_) | ErrorKind::HostPanic
        )
    }
}

/// What an `Error` in flight inside the VM carries besides its text.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Signal {
    /// A failure described by its kind and message.
    Failure,
    /// A program raised a value (`raise`, `throw`, `error`); the value
    /// waits in `Runtime::raised` until a handler takes it.
    Raise,
    /// A continuation was called; its target and value wait in
    /// `Runtime::escape` until its handler takes them.
    Escape,
}

/// One entry of an error's Elle call stack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StackEntry {
    /// The function's name, or `None` for an anonymous lambda or top level.
    pub function: Option<String>,
    pub span: Option<Span>,
}

#[derive(Debug)]
struct ErrorData {
    kind: ErrorKind,
    message: String,
    span: Option<Span>,
    stack: Vec<StackEntry>,
    signal: Signal,
}

/// A script failure: kind, message, span and Elle stack.
#[derive(Debug)]
pub struct Error(Box<ErrorData>);

/// Shorthand for results whose error is an Elle `Error`.
pub type Result<T> = core::result::Result<T, Error>;

impl Error {
    /// An error of `kind` with `message` and no position yet.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error(Box::new(ErrorData {
            kind,
            message: message.into(),
            span: None,
            stack: Vec::new(),
            signal: Signal::Failure,
        }))
    }

    /// An error in flight that carries a raised value or an escape; its
    /// kind is `user` until the VM turns it into the final report.
    pub(crate) fn signal(signal: Signal) -> Self {
        let mut e = Error::new(ErrorKind::User, "");
        e.0.signal = signal;
        e
    }

    pub(crate) fn signal_kind(&self) -> Signal {
        self.0.signal
    }

    /// The exit code when the program called `exit`.
    pub fn exit_code(&self) -> Option<i32> {
        match self.0.kind {
            ErrorKind::Exit(code) => Some(code),
            _ => None,
        }
    }

    /// An error rebuilt from its parts (a caught condition raised again).
    pub(crate) fn rebuilt(
        kind: ErrorKind,
        message: String,
        span: Option<Span>,
        stack: Vec<StackEntry>,
    ) -> Self {
        let mut e = Error::new(kind, message);
        e.0.span = span;
        e.0.stack = stack;
        e
    }

    /// The same error, positioned at `span` unless it already has a position.
    pub fn at(mut self, span: Span) -> Self {
        if self.0.span.is_none() {
            self.0.span = Some(span);
        }
        self
    }

    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    pub fn message(&self) -> &str {
        &self.0.message
    }

    pub fn span(&self) -> Option<Span> {
        self.0.span
    }

    /// The Elle call stack at the point of the error, innermost first.
    pub fn stack(&self) -> &[StackEntry] {
        &self.0.stack
    }

    /// True when the input ended too early: more text may complete it.
    pub fn is_incomplete(&self) -> bool {
        self.0.kind == ErrorKind::Incomplete
    }

    /// Records the Elle call stack (set once, by the VM, as the error leaves).
    pub(crate) fn set_stack(&mut self, stack: Vec<StackEntry>) {
        if self.0.stack.is_empty() {
            self.0.stack = stack;
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(s) = self.0.span {
            write!(f, "{}:{}: ", s.line, s.col)?;
        }
        write!(f, "{}: {}", self.0.kind.name(), self.0.message)
    }
}

impl core::error::Error for Error {}

/// Builds a `Syntax` error at `span`.
pub fn syntax(span: Span, message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Syntax, message).at(span)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_is_one_word() {
        assert_eq!(core::mem::size_of::<Error>(), core::mem::size_of::<usize>());
    }

    #[test]
    fn display_has_position_kind_and_message() {
        let e = Error::new(ErrorKind::Type, "car: expected a pair, got 5").at(Span {
            file: 0,
            line: 3,
            col: 7,
        });
        assert_eq!(
            alloc::format!("{}", e),
            "3:7: type: car: expected a pair, got 5"
        );
    }
}
