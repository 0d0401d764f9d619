//! Output, errors and other control: `display`, `write`, `newline`,
//! `print`, `error`, `exit`, `gensym`.

use alloc::string::String;

use super::{expected, Def};
use crate::error::{Error, ErrorKind, Result};
use crate::print::{display as display_text, write as write_text};
use crate::runtime::Runtime;
use crate::value::Value;

pub const DEFS: &[Def] = &[
    Def("display", 1, Some(2), display),
    Def("write", 1, Some(2), write),
    Def("newline", 0, Some(1), newline),
    Def("print", 0, None, print),
    Def("error", 0, None, error),
    Def("exit", 0, Some(1), exit),
    Def("gensym", 0, Some(1), gensym),
    Def("void", 0, None, void),
    Def("%type-error", 3, Some(3), type_error),
];

fn display(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let s = display_text(rt, a[0]);
    rt.write_out(&s);
    Ok(Value::Nil)
}

fn write(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let s = write_text(rt, a[0]);
    rt.write_out(&s);
    Ok(Value::Nil)
}

fn newline(rt: &mut Runtime, _: &[Value]) -> Result<Value> {
    rt.write_out("\n");
    Ok(Value::Nil)
}

/// `(print x ...)`: displays each argument, then a newline.
fn print(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let mut s = String::new();
    for &v in a {
        s.push_str(&display_text(rt, v));
    }
    s.push('\n');
    rt.write_out(&s);
    Ok(Value::Nil)
}

/// `(error message irritant ...)`: raises a `user` error whose message is
/// the displayed message followed by the written irritants.
fn error(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let mut msg = match a.first() {
        Some(&v) => display_text(rt, v),
        None => String::from("error"),
    };
    for &v in a.iter().skip(1) {
        msg.push(' ');
        msg.push_str(&write_text(rt, v));
    }
    Err(Error::new(ErrorKind::User, msg))
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
    Ok(Value::Symbol(rt.symbols.gensym(&prefix)))
}

/// `(%type-error who what value)`: raises the `type` error the prelude's
/// procedures report for a bad argument.
fn type_error(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let who = display_text(rt, a[0]);
    let what = display_text(rt, a[1]);
    Err(expected(rt, &who, &what, a[2]))
}

fn void(_: &mut Runtime, _: &[Value]) -> Result<Value> {
    Ok(Value::Nil)
}
