//! Output, errors and other control: `display`, `write`, `newline`,
//! `print`, `error`, `raise`, `throw`, the exception accessors, `values`,
//! `exit`, `gensym`. (`raise-continuable` and `apply` are VM intrinsics;
//! `call/cc`, `dynamic-wind`, `with-exception-handler` and
//! `call-with-values` are in the prelude.)

use alloc::string::String;
use core::cell::{Cell, RefCell};

use super::{expected, Def};
use crate::error::{Error, ErrorKind, Result, Span};
use crate::print::{checked, render, short, Mode, Sharing};
use crate::runtime::Runtime;
use crate::value::{Exception, Value};
use crate::vm::{raise as raise_value, values_of};

pub const DEFS: &[Def] = &[
    Def("display", 1, Some(2), display),
    Def("write", 1, Some(2), write),
    Def("write-shared", 1, Some(2), write_shared),
    Def("write-simple", 1, Some(2), write_simple),
    Def("newline", 0, Some(1), newline),
    Def("print", 0, None, print),
    Def("error", 0, None, error),
    Def("raise", 1, Some(1), raise),
    Def("throw", 1, Some(1), raise),
    Def("%handler-returned", 1, Some(1), handler_returned),
    Def("exception?", 1, Some(1), is_exception),
    Def("error-object?", 1, Some(1), is_exception),
    Def("exception-kind", 1, Some(1), exception_kind),
    Def("exception-message", 1, Some(1), exception_message),
    Def("error-object-message", 1, Some(1), exception_message),
    Def("exception-data", 1, Some(1), exception_data),
    Def("exception-location", 1, Some(1), exception_location),
    Def("exception-stack", 1, Some(1), exception_stack),
    Def("error-object-irritants", 1, Some(1), exception_data),
    Def("read-error?", 1, Some(1), is_read_error),
    Def("file-error?", 1, Some(1), is_file_error),
    Def("values", 0, None, values),
    Def("%values->list", 1, Some(1), values_to_list),
    Def("exit", 0, Some(1), exit),
    Def("gensym", 0, Some(1), gensym),
    Def("void", 0, None, void),
    Def("%type-error", 3, Some(3), type_error),
];

/// Prints `v` to the output for builtin `who`.
fn print_out(rt: &mut Runtime, who: &str, v: Value, mode: Mode, sharing: Sharing) -> Result<Value> {
    let s = checked(rt, who, v, mode, sharing)?;
    rt.write_out(&s)?;
    Ok(Value::Nil)
}

fn display(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    print_out(rt, "display", a[0], Mode::Display, Sharing::Cycles)
}

fn write(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    print_out(rt, "write", a[0], Mode::Write, Sharing::Cycles)
}

/// `(write-shared x)`: `write` with a datum label on every container
/// met more than once.
fn write_shared(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    print_out(rt, "write-shared", a[0], Mode::Write, Sharing::Shared)
}

/// `(write-simple x)`: `write` without datum labels; a container met
/// again inside itself shows as `...`.
fn write_simple(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    print_out(rt, "write-simple", a[0], Mode::Write, Sharing::Elide)
}

fn newline(rt: &mut Runtime, _: &[Value]) -> Result<Value> {
    rt.write_out("\n")?;
    Ok(Value::Nil)
}

/// `(print x ...)`: displays each argument, then a newline.
fn print(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let mut s = String::new();
    for &v in a {
        s.push_str(&checked(rt, "print", v, Mode::Display, Sharing::Cycles)?);
    }
    s.push('\n');
    rt.write_out(&s)?;
    Ok(Value::Nil)
}

/// `(error message irritant ...)`: raises a `user` exception with the
/// displayed message and the irritants (uncaught, its report shows the
/// message followed by the written irritants).
fn error(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let message = match a.first() {
        Some(&v) => checked(rt, "error", v, Mode::Display, Sharing::Cycles)?,
        None => String::from("error"),
    };
    let irritants = Value::list(rt, a.get(1..).unwrap_or(&[]));
    let e = rt.heap.alloc(Exception {
        kind: ErrorKind::User,
        message,
        irritants,
        span: Cell::new(None),
        trace: RefCell::new(alloc::vec::Vec::new()),
    });
    Err(raise_value(rt, Value::Exception(e)))
}

/// `(raise obj)`, `(throw obj)`: raises any value.
fn raise(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    Err(raise_value(rt, a[0]))
}

/// `(%handler-returned obj)`: the secondary error R7RS raises when a
/// handler returns from a non-continuable `raise` of `obj`.
fn handler_returned(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let what = match a[0] {
        Value::Exception(e) => crate::vm::full_message(rt, &e),
        v => short(rt, v),
    };
    Err(Error::new(
        ErrorKind::User,
        alloc::format!(
            "with-exception-handler: the handler returned from a non-continuable raise ({})",
            what
        ),
    ))
}

fn is_exception(_: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(Value::Bool(matches!(a[0], Value::Exception(_))))
}

/// The exception in `v`, or a type error for `who`.
fn exception(rt: &Runtime, who: &str, v: Value) -> Result<crate::heap::Gc<Exception>> {
    match v {
        Value::Exception(e) => Ok(e),
        _ => Err(expected(rt, who, "an exception", v)),
    }
}

/// `(exception-kind e)`: the kind as a keyword (`:type`, `:user`, ...).
fn exception_kind(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let e = exception(rt, "exception-kind", a[0])?;
    Ok(Value::Keyword(rt.symbols.intern(e.kind.name())))
}

/// `(exception-message e)`: the message, without the irritants.
fn exception_message(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let e = exception(rt, "exception-message", a[0])?;
    let message = e.message.clone();
    Ok(Value::string(rt, message))
}

/// `(exception-data e)`: `error`'s irritants as a list (nil for runtime
/// errors).
fn exception_data(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(exception(rt, "exception-data", a[0])?.irritants)
}

/// `(file line column)` of `span`, or nil when it is unknown.
fn location(rt: &mut Runtime, span: Option<Span>) -> Value {
    match span {
        Some(s) => {
            let file = rt
                .files
                .get(s.file as usize)
                .cloned()
                .unwrap_or_else(|| String::from("<unknown>"));
            let file = Value::string(rt, file);
            Value::list(
                rt,
                &[file, Value::Int(s.line as i64), Value::Int(s.col as i64)],
            )
        }
        None => Value::Nil,
    }
}

/// `(exception-location e)`: `(file line column)` where `e` was first
/// raised, or nil.
fn exception_location(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let span = exception(rt, "exception-location", a[0])?.span.get();
    Ok(location(rt, span))
}

/// `(exception-stack e)`: the Elle stack where `e` was first raised,
/// innermost first: `(name file line column)` per frame, with `name` a
/// symbol, or nil for an anonymous procedure.
fn exception_stack(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let trace = exception(rt, "exception-stack", a[0])?
        .trace
        .borrow()
        .clone();
    let mut frames = alloc::vec::Vec::with_capacity(trace.len());
    for (proto, pc) in trace {
        let name = proto.name.map_or(Value::Nil, Value::Symbol);
        let place = location(rt, crate::vm::span_at(proto, pc));
        frames.push(Value::cons(rt, name, place));
    }
    Ok(Value::list(rt, &frames))
}

fn is_read_error(_: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(Value::Bool(matches!(
        a[0],
        Value::Exception(e) if matches!(e.kind, ErrorKind::Read | ErrorKind::Incomplete)
    )))
}

fn is_file_error(_: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(Value::Bool(matches!(
        a[0],
        Value::Exception(e) if e.kind == ErrorKind::File
    )))
}

/// `(values v ...)`: one value is itself; others travel together.
fn values(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(values_of(rt, a))
}

/// `(%values->list v)`: the values `v` holds, as a list.
fn values_to_list(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    match a[0] {
        Value::Values(vs) => Ok(Value::list(rt, &vs.0)),
        v => Ok(Value::list(rt, &[v])),
    }
}

/// `(exit [code])`: ends the program; `#t`/no code is 0, `#f` is 1.
fn exit(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let code = match a.first() {
        None | Some(Value::Bool(true)) => 0,
        Some(Value::Bool(false)) => 1,
        Some(&Value::Int(i)) => i as i32,
        Some(&v) => return Err(expected(rt, "exit", "an integer or boolean", v)),
    };
    Err(Error::new(ErrorKind::Exit(code), "exit"))
}

/// `(gensym [prefix])`: a fresh symbol no other symbol is `eq?` to.
fn gensym(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let prefix = match a.first() {
        Some(Value::Str(s)) => s.borrow().clone(),
        Some(&Value::Symbol(s)) => String::from(rt.sym_name(s)),
        Some(&v) => return Err(expected(rt, "gensym", "a string or symbol", v)),
        None => String::from("g"),
    };
    rt.reserve(crate::symbol::Symbols::gensym_cost(&prefix))?;
    Ok(Value::Symbol(rt.symbols.gensym(&prefix)))
}

/// `(%type-error who what value)`: raises the `type` error the prelude's
/// procedures report for a bad argument.
fn type_error(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let who = render(rt, a[0], Mode::Display, Sharing::Elide, 200).or_ellipsis();
    let what = render(rt, a[1], Mode::Display, Sharing::Elide, 200).or_ellipsis();
    Err(expected(rt, &who, &what, a[2]))
}

fn void(_: &mut Runtime, _: &[Value]) -> Result<Value> {
    Ok(Value::Nil)
}
