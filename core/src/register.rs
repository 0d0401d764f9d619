//! Typed native functions: `Engine::register_fn("name", |a: i64, b: f64| ...)`.
//!
//! Arguments convert from Elle values with `FromArg` and results back with
//! `IntoValue`; a wrong argument type is an ordinary `type` error naming the
//! function and the argument. Both traits are sealed and implemented only
//! for owned Rust types, so a typed native never sees a raw `Value` and
//! cannot keep one past a collection: registering one is safe.

use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;

use crate::error::{Error, ErrorKind, Result};
use crate::print::short;
use crate::runtime::Runtime;
use crate::value::Value;

mod sealed {
    /// Only this crate converts between values and Rust types.
    pub trait Sealed {}
    /// Only this crate turns closures into native bodies: a body sees
    /// `&mut Runtime` and raw `&[Value]`, which safe host code must never
    /// hold.
    pub trait SealedClosure<Args> {}
}

/// The body of a native that is a Rust closure.
pub type NativeClosureFn = Box<dyn Fn(&mut Runtime, &[Value]) -> Result<Value>>;

/// How a host catches a panic in its own code: runs `body`, and returns
/// the panic's message if it panicked. The core cannot catch an unwinding
/// (it has no `std`); a host that has one installs a catcher with
/// `Engine::set_panic_catcher` (the `elle` crate's `register_std` does).
pub type PanicCatcher = fn(body: &mut dyn FnMut()) -> core::result::Result<(), String>;

/// Runs host code `f` for `who` through the runtime's panic catcher, if
/// any: a panic becomes a `host-panic` error, so it never unwinds through
/// the VM (leaving frames behind) or through native code's `extern "C"`
/// helpers (which would abort).
pub(crate) fn guard_host<T>(
    catcher: Option<PanicCatcher>,
    who: &str,
    f: impl FnOnce() -> T,
) -> Result<T> {
    let Some(catch) = catcher else {
        return Ok(f());
    };
    let mut f = Some(f);
    let mut out = None;
    let mut body = || {
        if let Some(f) = f.take() {
            out = Some(f());
        }
    };
    catch(&mut body).map_err(|why| {
        Error::new(
            ErrorKind::HostPanic,
            format!("host function `{}` panicked: {}", who, why),
        )
    })?;
    out.ok_or_else(|| {
        Error::new(
            ErrorKind::HostPanic,
            format!("host function `{}` did not run", who),
        )
    })
}

/// A Rust type an Elle argument converts to.
pub trait FromArg: Sized + sealed::Sealed {
    /// The type's name in error messages.
    const EXPECTED: &'static str;
    /// `v` as this type, if it is one.
    fn from_arg(v: Value) -> Option<Self>;
}

/// A Rust type a native's result converts from.
pub trait IntoValue: sealed::Sealed {
    fn into_value(self, rt: &mut Runtime) -> Result<Value>;
}

macro_rules! sealed {
    ($($t:ty),*) => { $(impl sealed::Sealed for $t {})* };
}

sealed!(i64, f64, bool, char, String, ());
impl<T: IntoValue> sealed::Sealed for Option<T> {}
impl<T: IntoValue> sealed::Sealed for core::result::Result<T, String> {}

impl FromArg for i64 {
    const EXPECTED: &'static str = "an integer";
    fn from_arg(v: Value) -> Option<Self> {
        match v {
            Value::Int(i) => Some(i),
            _ => None,
        }
    }
}

impl FromArg for f64 {
    const EXPECTED: &'static str = "a number";
    fn from_arg(v: Value) -> Option<Self> {
        match v {
            Value::Float(f) => Some(f),
            Value::Int(i) => Some(i as f64),
            _ => None,
        }
    }
}

impl FromArg for bool {
    const EXPECTED: &'static str = "any value (as a truth value)";
    fn from_arg(v: Value) -> Option<Self> {
        Some(v.truthy())
    }
}

impl FromArg for char {
    const EXPECTED: &'static str = "a char";
    fn from_arg(v: Value) -> Option<Self> {
        match v {
            Value::Char(c) => Some(c),
            _ => None,
        }
    }
}

impl FromArg for String {
    const EXPECTED: &'static str = "a string";
    fn from_arg(v: Value) -> Option<Self> {
        match v {
            Value::Str(s) => Some(s.borrow().clone()),
            _ => None,
        }
    }
}

impl IntoValue for i64 {
    fn into_value(self, _: &mut Runtime) -> Result<Value> {
        Ok(Value::Int(self))
    }
}

impl IntoValue for f64 {
    fn into_value(self, _: &mut Runtime) -> Result<Value> {
        Ok(Value::Float(self))
    }
}

impl IntoValue for bool {
    fn into_value(self, _: &mut Runtime) -> Result<Value> {
        Ok(Value::Bool(self))
    }
}

impl IntoValue for char {
    fn into_value(self, _: &mut Runtime) -> Result<Value> {
        Ok(Value::Char(self))
    }
}

impl IntoValue for String {
    fn into_value(self, rt: &mut Runtime) -> Result<Value> {
        Ok(Value::string(rt, self))
    }
}

impl IntoValue for () {
    fn into_value(self, _: &mut Runtime) -> Result<Value> {
        Ok(Value::Nil)
    }
}

/// `None` is nil.
impl<T: IntoValue> IntoValue for Option<T> {
    fn into_value(self, rt: &mut Runtime) -> Result<Value> {
        self.map_or(Ok(Value::Nil), |v| v.into_value(rt))
    }
}

/// `Err(message)` raises a `user` error with that message.
impl<T: IntoValue> IntoValue for core::result::Result<T, String> {
    fn into_value(self, rt: &mut Runtime) -> Result<Value> {
        match self {
            Ok(v) => v.into_value(rt),
            Err(message) => Err(Error::new(ErrorKind::User, message)),
        }
    }
}

/// Argument `index` (from 0) of `who`, converted to `T`.
fn arg<T: FromArg>(rt: &Runtime, who: &str, args: &[Value], index: usize) -> Result<T> {
    let v = args[index];
    T::from_arg(v).ok_or_else(|| {
        Error::new(
            ErrorKind::Type,
            format!(
                "{}: argument {} must be {}, got {}",
                who,
                index + 1,
                T::EXPECTED,
                short(rt, v)
            ),
        )
    })
}

/// A Rust closure that can be registered as a native taking `Args`.
/// Sealed: only closures over `FromArg` arguments returning an
/// `IntoValue` implement it, so a host cannot write a body that keeps raw
/// values.
///
/// ```compile_fail
/// struct Sneaky;
/// impl elle_core::NativeClosure<()> for Sneaky {
///     const ARITY: u16 = 0;
///     fn into_body(
///         self,
///         _: &'static str,
///     ) -> Box<dyn Fn(&mut elle_core::Runtime, &[elle_core::Value]) -> elle_core::Result<elle_core::Value>>
///     {
///         unimplemented!()
///     }
/// }
/// ```
pub trait NativeClosure<Args>: 'static + sealed::SealedClosure<Args> {
    /// How many arguments it takes.
    const ARITY: u16;
    /// The closure as a native body named `who`.
    fn into_body(self, who: &'static str) -> NativeClosureFn;
}

macro_rules! native_closure {
    ($n:expr; $($arg:ident : $i:tt),*) => {
        impl<F, R, $($arg: FromArg,)*> sealed::SealedClosure<($($arg,)*)> for F
        where
            F: Fn($($arg),*) -> R + 'static,
            R: IntoValue,
        {
        }

        impl<F, R, $($arg: FromArg,)*> NativeClosure<($($arg,)*)> for F
        where
            F: Fn($($arg),*) -> R + 'static,
            R: IntoValue,
        {
            const ARITY: u16 = $n;
            #[allow(unused_variables)]
            fn into_body(self, who: &'static str) -> NativeClosureFn {
                Box::new(move |rt: &mut Runtime, args: &[Value]| {
                    let catcher = rt.panic_catcher;
                    let call = || -> Result<R> { Ok(self($(arg::<$arg>(rt, who, args, $i)?),*)) };
                    let result = guard_host(catcher, who, call)??;
                    result.into_value(rt)
                })
            }
        }
    };
}

native_closure!(0;);
native_closure!(1; A: 0);
native_closure!(2; A: 0, B: 1);
native_closure!(3; A: 0, B: 1, C: 2);
native_closure!(4; A: 0, B: 1, C: 2, D: 3);
native_closure!(5; A: 0, B: 1, C: 2, D: 3, E: 4);
