//! Helpers shared by Elle's language tests: run a program in a fresh engine
//! and capture what it prints.

use std::cell::RefCell;
use std::rc::Rc;

use elle_core::{Engine, ErrorKind, Output};

/// An output sink that appends to a shared string.
struct Capture(Rc<RefCell<String>>);

impl Output for Capture {
    fn write_str(&mut self, s: &str) {
        self.0.borrow_mut().push_str(s);
    }
}

/// Runs `src` (named `name`) as the `elle` command would — a fresh std
/// engine with the command's limits, on a thread with the command's stack —
/// and returns its stdout and, on failure, the error kind and message.
/// `(exit 0)` counts as success.
pub fn run_captured(src: &str, name: &str) -> (String, Result<(), (String, String)>) {
    let src = src.to_string();
    let name = name.to_string();
    std::thread::Builder::new()
        .stack_size(elle::CLI_STACK_BYTES)
        .spawn(move || {
            let text = Rc::new(RefCell::new(String::new()));
            let mut engine = Engine::with_output(Box::new(Capture(text.clone())));
            elle::register_std(&mut engine);
            engine.set_limits(elle::cli_limits());
            let result = match engine.eval_named::<()>(&src, &name) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == ErrorKind::Exit(0) => Ok(()),
                Err(e) => Err((e.kind().name().to_string(), e.to_string())),
            };
            let out = text.borrow().clone();
            (out, result)
        })
        .and_then(|h| {
            h.join()
                .map_err(|_| std::io::Error::other("test thread panicked"))
        })
        .unwrap_or_else(|e| (String::new(), Err(("panic".to_string(), e.to_string()))))
}
