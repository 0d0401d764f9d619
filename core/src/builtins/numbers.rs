//! Numbers: i64 integers (overflow is an error) and f64 floats; mixed
//! arithmetic gives a float. These are also the VM's slow paths.

use alloc::format;
use alloc::string::String;

use super::{expected, int, Def};
use crate::bytecode::Cmp;
use crate::error::{Error, ErrorKind, Result};
use crate::print::format_float;
use crate::runtime::Runtime;
use crate::value::Value;

pub const DEFS: &[Def] = &[
    Def("+", 0, None, plus),
    Def("-", 1, None, minus),
    Def("*", 0, None, times),
    Def("/", 1, None, divide),
    Def("=", 1, None, num_eq),
    Def("<", 1, None, lt),
    Def(">", 1, None, gt),
    Def("<=", 1, None, le),
    Def(">=", 1, None, ge),
    Def("quotient", 2, Some(2), quotient_fn),
    Def("remainder", 2, Some(2), remainder_fn),
    Def("rem", 2, Some(2), remainder_fn),
    Def("modulo", 2, Some(2), modulo_fn),
    Def("mod", 2, Some(2), modulo_fn),
    Def("%", 2, Some(2), modulo_fn),
    Def("abs", 1, Some(1), abs),
    Def("min", 1, None, min),
    Def("max", 1, None, max),
    Def("zero?", 1, Some(1), is_zero),
    Def("positive?", 1, Some(1), is_positive),
    Def("negative?", 1, Some(1), is_negative),
    Def("even?", 1, Some(1), is_even),
    Def("odd?", 1, Some(1), is_odd),
    Def("number?", 1, Some(1), is_number),
    Def("integer?", 1, Some(1), is_integer),
    Def("float?", 1, Some(1), is_float),
    Def("exact->inexact", 1, Some(1), inexact),
    Def("inexact", 1, Some(1), inexact),
    Def("float", 1, Some(1), inexact),
    Def("exact", 1, Some(1), exact),
    Def("inexact->exact", 1, Some(1), exact),
    Def("int", 1, Some(1), exact),
    Def("floor", 1, Some(1), floor),
    Def("ceiling", 1, Some(1), ceiling),
    Def("ceil", 1, Some(1), ceiling),
    Def("round", 1, Some(1), round),
    Def("truncate", 1, Some(1), truncate),
    Def("sqrt", 1, Some(1), sqrt),
    Def("expt", 2, Some(2), expt),
    Def("pow", 2, Some(2), expt),
    Def("square", 1, Some(1), square),
    Def("gcd", 0, None, gcd),
    Def("lcm", 0, None, lcm),
    Def("exp", 1, Some(1), exp),
    Def("log", 1, Some(2), log),
    Def("sin", 1, Some(1), sin),
    Def("cos", 1, Some(1), cos),
    Def("tan", 1, Some(1), tan),
    Def("atan", 1, Some(2), atan),
    Def("number->string", 1, Some(2), number_to_string),
    Def("string->number", 1, Some(2), string_to_number),
];

/// The overflow error of integer operation `op`.
#[cold]
pub fn overflow(op: &str) -> Error {
    Error::new(ErrorKind::Overflow, format!("{}: integer overflow", op))
}

fn division_by_zero(op: &str) -> Error {
    Error::new(
        ErrorKind::DivisionByZero,
        format!("{}: division by zero", op),
    )
}

/// `v` as a float, or a type error for `who`.
fn float(rt: &Runtime, who: &str, v: Value) -> Result<f64> {
    match v {
        Value::Int(i) => Ok(i as f64),
        Value::Float(f) => Ok(f),
        _ => Err(expected(rt, who, "a number", v)),
    }
}

/// Applies an integer op (None = overflow) or a float op to two numbers.
fn arith(
    rt: &Runtime,
    who: &str,
    a: Value,
    b: Value,
    ints: fn(i64, i64) -> Option<i64>,
    floats: fn(f64, f64) -> f64,
) -> Result<Value> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => ints(x, y).map(Value::Int).ok_or_else(|| overflow(who)),
        _ => Ok(Value::Float(floats(float(rt, who, a)?, float(rt, who, b)?))),
    }
}

#[inline(never)]
pub fn add(rt: &Runtime, a: Value, b: Value) -> Result<Value> {
    arith(rt, "+", a, b, i64::checked_add, |x, y| x + y)
}

#[inline(never)]
pub fn sub(rt: &Runtime, a: Value, b: Value) -> Result<Value> {
    arith(rt, "-", a, b, i64::checked_sub, |x, y| x - y)
}

#[inline(never)]
pub fn mul(rt: &Runtime, a: Value, b: Value) -> Result<Value> {
    arith(rt, "*", a, b, i64::checked_mul, |x, y| x * y)
}

/// `/`: truncating on two integers, else float division.
#[inline(never)]
pub fn div(rt: &Runtime, a: Value, b: Value) -> Result<Value> {
    match (a, b) {
        (Value::Int(_), Value::Int(0)) => Err(division_by_zero("/")),
        (Value::Int(x), Value::Int(y)) => x
            .checked_div(y)
            .map(Value::Int)
            .ok_or_else(|| overflow("/")),
        _ => Ok(Value::Float(float(rt, "/", a)? / float(rt, "/", b)?)),
    }
}

/// Compares two numbers.
#[inline(never)]
pub fn compare(rt: &Runtime, cmp: Cmp, a: Value, b: Value) -> Result<bool> {
    let who = match cmp {
        Cmp::Lt => "<",
        Cmp::Le => "<=",
        Cmp::Gt => ">",
        Cmp::Ge => ">=",
        Cmp::Eq => "=",
    };
    let ord = match (a, b) {
        (Value::Int(x), Value::Int(y)) => x.partial_cmp(&y),
        _ if cmp == Cmp::Eq && !(is_num(a) && is_num(b)) => {
            return Ok(crate::builtins::predicates::equal(a, b))
        }
        (Value::Int(x), Value::Float(y)) => int_float_cmp(x, y),
        (Value::Float(x), Value::Int(y)) => int_float_cmp(y, x).map(|o| o.reverse()),
        _ => float(rt, who, a)?.partial_cmp(&float(rt, who, b)?),
    };
    use core::cmp::Ordering::*;
    Ok(match (cmp, ord) {
        (_, None) => false,
        (Cmp::Lt, Some(o)) => o == Less,
        (Cmp::Le, Some(o)) => o != Greater,
        (Cmp::Gt, Some(o)) => o == Greater,
        (Cmp::Ge, Some(o)) => o != Less,
        (Cmp::Eq, Some(o)) => o == Equal,
    })
}

/// 2^63 as a float: every i64 is below it and at or above its negation.
const TWO_63: f64 = 9_223_372_036_854_775_808.0;

/// Exact ordering of an integer and a float (None if the float is NaN).
fn int_float_cmp(x: i64, y: f64) -> Option<core::cmp::Ordering> {
    use core::cmp::Ordering::*;
    if y.is_nan() {
        return None;
    }
    if y >= TWO_63 {
        return Some(Less);
    }
    if y < -TWO_63 {
        return Some(Greater);
    }
    // |y| < 2^63 here (or y = -2^63), so its integer part is an exact i64
    // and its fractional part `y - t` is exact too.
    let t = libm::trunc(y);
    match x.cmp(&(t as i64)) {
        Equal => 0.0.partial_cmp(&(y - t)),
        o => Some(o),
    }
}

fn is_num(v: Value) -> bool {
    matches!(v, Value::Int(_) | Value::Float(_))
}

/// Whether `v` is a float NaN.
fn is_nan(v: Value) -> bool {
    matches!(v, Value::Float(f) if f.is_nan())
}

/// Scheme's `quotient`: integer division truncating toward zero.
#[inline(never)]
pub fn quotient(rt: &Runtime, a: Value, b: Value) -> Result<Value> {
    let (x, y) = (int(rt, "quotient", a)?, int(rt, "quotient", b)?);
    if y == 0 {
        return Err(division_by_zero("quotient"));
    }
    x.checked_div(y)
        .map(Value::Int)
        .ok_or_else(|| overflow("quotient"))
}

/// Scheme's `remainder`: the sign of the dividend.
#[inline(never)]
pub fn remainder(rt: &Runtime, a: Value, b: Value) -> Result<Value> {
    let (x, y) = (int(rt, "remainder", a)?, int(rt, "remainder", b)?);
    if y == 0 {
        return Err(division_by_zero("remainder"));
    }
    Ok(Value::Int(x.checked_rem(y).unwrap_or(0)))
}

/// Scheme's `modulo`: the sign of the divisor.
#[inline(never)]
pub fn modulo(rt: &Runtime, a: Value, b: Value) -> Result<Value> {
    let (x, y) = (int(rt, "modulo", a)?, int(rt, "modulo", b)?);
    if y == 0 {
        return Err(division_by_zero("modulo"));
    }
    let r = x.checked_rem(y).unwrap_or(0);
    Ok(Value::Int(if r != 0 && (r < 0) != (y < 0) {
        r + y
    } else {
        r
    }))
}

fn plus(rt: &mut Runtime, args: &[Value]) -> Result<Value> {
    args.iter().try_fold(Value::Int(0), |acc, &x| {
        if !is_num(x) {
            return Err(expected(rt, "+", "a number", x));
        }
        add(rt, acc, x)
    })
}

fn times(rt: &mut Runtime, args: &[Value]) -> Result<Value> {
    args.iter().try_fold(Value::Int(1), |acc, &x| {
        if !is_num(x) {
            return Err(expected(rt, "*", "a number", x));
        }
        mul(rt, acc, x)
    })
}

/// Unary minus: a float is negated exactly (`(- 0.0)` is `-0.0`).
fn negate(rt: &Runtime, v: Value) -> Result<Value> {
    match v {
        Value::Int(i) => i.checked_neg().map(Value::Int).ok_or_else(|| overflow("-")),
        Value::Float(f) => Ok(Value::Float(-f)),
        _ => Err(expected(rt, "-", "a number", v)),
    }
}

fn minus(rt: &mut Runtime, args: &[Value]) -> Result<Value> {
    if args.len() == 1 {
        return negate(rt, args[0]);
    }
    args[1..]
        .iter()
        .try_fold(args[0], |acc, &x| sub(rt, acc, x))
}

fn divide(rt: &mut Runtime, args: &[Value]) -> Result<Value> {
    if args.len() == 1 {
        return div(rt, Value::Int(1), args[0]);
    }
    args[1..]
        .iter()
        .try_fold(args[0], |acc, &x| div(rt, acc, x))
}

/// Checks `cmp` between each neighbouring pair of arguments.
fn chain(rt: &Runtime, cmp: Cmp, args: &[Value]) -> Result<Value> {
    if cmp != Cmp::Eq || args.iter().all(|&a| is_num(a)) {
        for &a in args {
            float(rt, "comparison", a)?;
        }
    }
    let mut all = true;
    for w in args.windows(2) {
        all &= compare(rt, cmp, w[0], w[1])?;
    }
    Ok(Value::Bool(all))
}

fn num_eq(rt: &mut Runtime, args: &[Value]) -> Result<Value> {
    chain(rt, Cmp::Eq, args)
}
fn lt(rt: &mut Runtime, args: &[Value]) -> Result<Value> {
    chain(rt, Cmp::Lt, args)
}
fn gt(rt: &mut Runtime, args: &[Value]) -> Result<Value> {
    chain(rt, Cmp::Gt, args)
}
fn le(rt: &mut Runtime, args: &[Value]) -> Result<Value> {
    chain(rt, Cmp::Le, args)
}
fn ge(rt: &mut Runtime, args: &[Value]) -> Result<Value> {
    chain(rt, Cmp::Ge, args)
}

fn quotient_fn(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    quotient(rt, a[0], a[1])
}
fn remainder_fn(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    remainder(rt, a[0], a[1])
}
fn modulo_fn(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    modulo(rt, a[0], a[1])
}

fn abs(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    match a[0] {
        Value::Int(i) => i
            .checked_abs()
            .map(Value::Int)
            .ok_or_else(|| overflow("abs")),
        Value::Float(f) => Ok(Value::Float(f.abs())),
        v => Err(expected(rt, "abs", "a number", v)),
    }
}

/// `min`/`max`: the extreme argument, or NaN if any argument is NaN; a
/// float if any argument is a float.
fn extreme(rt: &Runtime, who: &str, args: &[Value], pick_greater: bool) -> Result<Value> {
    let cmp = if pick_greater { Cmp::Gt } else { Cmp::Lt };
    let mut best = args[0];
    let mut any_float = false;
    for &x in args {
        float(rt, who, x)?;
        any_float |= matches!(x, Value::Float(_));
        if !is_nan(best) && (is_nan(x) || compare(rt, cmp, x, best)?) {
            best = x;
        }
    }
    Ok(match best {
        Value::Int(i) if any_float => Value::Float(i as f64),
        v => v,
    })
}

fn min(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    extreme(rt, "min", a, false)
}
fn max(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    extreme(rt, "max", a, true)
}

fn sign_test(rt: &Runtime, who: &str, v: Value, f: fn(f64) -> bool) -> Result<Value> {
    Ok(Value::Bool(f(float(rt, who, v)?)))
}

fn is_zero(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    sign_test(rt, "zero?", a[0], |x| x == 0.0)
}
fn is_positive(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    sign_test(rt, "positive?", a[0], |x| x > 0.0)
}
fn is_negative(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    sign_test(rt, "negative?", a[0], |x| x < 0.0)
}

/// 0 or 1: the parity of an integer or a finite integral float.
fn parity(rt: &Runtime, who: &str, v: Value) -> Result<i64> {
    match v {
        Value::Int(i) => Ok(i.rem_euclid(2)),
        Value::Float(f) if f.is_finite() && libm::trunc(f) == f => {
            Ok(libm::fmod(f.abs(), 2.0) as i64)
        }
        _ => Err(expected(rt, who, "an integer", v)),
    }
}

fn is_even(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(Value::Bool(parity(rt, "even?", a[0])? == 0))
}
fn is_odd(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(Value::Bool(parity(rt, "odd?", a[0])? == 1))
}
fn is_number(_: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(Value::Bool(is_num(a[0])))
}
fn is_integer(_: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(Value::Bool(matches!(a[0], Value::Int(_))))
}
fn is_float(_: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(Value::Bool(matches!(a[0], Value::Float(_))))
}

fn inexact(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    Ok(Value::Float(float(rt, "inexact", a[0])?))
}

/// A float with no fractional part as an integer, or an error.
fn float_to_int(who: &str, f: f64) -> Result<i64> {
    if (i64::MIN as f64..i64::MAX as f64).contains(&f) {
        Ok(libm::trunc(f) as i64)
    } else {
        Err(Error::new(
            ErrorKind::Range,
            format!("{}: {} has no integer value", who, {
                let mut t = String::new();
                format_float(&mut t, f);
                t
            }),
        ))
    }
}

fn exact(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    match a[0] {
        Value::Int(i) => Ok(Value::Int(i)),
        Value::Float(f) => float_to_int("exact", f).map(Value::Int),
        Value::Str(_) => match string_to_number(rt, a)? {
            Value::Int(i) => Ok(Value::Int(i)),
            Value::Float(f) => float_to_int("int", f).map(Value::Int),
            _ if is_decimal_integer(super::string(rt, "int", a[0])?.trim()) => Err(overflow("int")),
            _ => Err(expected(rt, "int", "a numeric string", a[0])),
        },
        v => Err(expected(rt, "exact", "a number", v)),
    }
}

/// Applies a rounding function: integers are returned unchanged.
fn rounding(rt: &Runtime, who: &str, v: Value, f: fn(f64) -> f64) -> Result<Value> {
    match v {
        Value::Int(i) => Ok(Value::Int(i)),
        Value::Float(x) => Ok(Value::Float(f(x))),
        _ => Err(expected(rt, who, "a number", v)),
    }
}

fn floor(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    rounding(rt, "floor", a[0], libm::floor)
}
fn ceiling(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    rounding(rt, "ceiling", a[0], libm::ceil)
}
fn truncate(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    rounding(rt, "truncate", a[0], libm::trunc)
}
/// Rounds to the nearest integer, ties to even (Scheme's `round`).
fn round(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    rounding(rt, "round", a[0], libm::rint)
}

fn unary_float(rt: &Runtime, who: &str, v: Value, f: fn(f64) -> f64) -> Result<Value> {
    Ok(Value::Float(f(float(rt, who, v)?)))
}

fn sqrt(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    unary_float(rt, "sqrt", a[0], libm::sqrt)
}
fn exp(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    unary_float(rt, "exp", a[0], libm::exp)
}
fn sin(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    unary_float(rt, "sin", a[0], libm::sin)
}
fn cos(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    unary_float(rt, "cos", a[0], libm::cos)
}
fn tan(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    unary_float(rt, "tan", a[0], libm::tan)
}
fn log(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let x = float(rt, "log", a[0])?;
    match a.get(1) {
        Some(&b) => Ok(Value::Float(libm::log(x) / libm::log(float(rt, "log", b)?))),
        None => Ok(Value::Float(libm::log(x))),
    }
}
fn atan(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let y = float(rt, "atan", a[0])?;
    match a.get(1) {
        Some(&x) => Ok(Value::Float(libm::atan2(y, float(rt, "atan", x)?))),
        None => Ok(Value::Float(libm::atan(y))),
    }
}

fn square(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    mul(rt, a[0], a[0])
}

/// `(expt b e)`: an integer for an integer base and non-negative integer
/// exponent, else a float.
fn expt(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    match (a[0], a[1]) {
        (Value::Int(b), Value::Int(e)) if e >= 0 => int_pow(b, e)
            .map(Value::Int)
            .ok_or_else(|| overflow("expt")),
        (b, e) => Ok(Value::Float(libm::pow(
            float(rt, "expt", b)?,
            float(rt, "expt", e)?,
        ))),
    }
}

/// `b` to the power `e >= 0`, None on overflow; the bases 0, 1 and -1
/// take any exponent.
fn int_pow(b: i64, e: i64) -> Option<i64> {
    match b {
        0 if e > 0 => Some(0),
        0 | 1 => Some(1),
        -1 => Some(if e % 2 == 0 { 1 } else { -1 }),
        _ => b.checked_pow(u32::try_from(e).ok()?),
    }
}

/// The greatest common divisor of two magnitudes.
fn gcd_of(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// A magnitude as an integer, or an overflow error for `who` (2^63).
fn magnitude(who: &str, m: u64) -> Result<Value> {
    i64::try_from(m).map(Value::Int).map_err(|_| overflow(who))
}

fn gcd(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let mut g = 0;
    for &x in a {
        g = gcd_of(g, int(rt, "gcd", x)?.unsigned_abs());
    }
    magnitude("gcd", g)
}

/// `lcm`: 0 if any argument is 0, else the least common multiple of the
/// magnitudes (an overflow error if that is not an i64).
fn lcm(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let mut zero = false;
    for &x in a {
        zero |= int(rt, "lcm", x)? == 0;
    }
    if zero {
        return Ok(Value::Int(0));
    }
    let mut l: u64 = 1;
    for &x in a {
        let x = int(rt, "lcm", x)?.unsigned_abs();
        l = (l / gcd_of(l, x))
            .checked_mul(x)
            .ok_or_else(|| overflow("lcm"))?;
    }
    magnitude("lcm", l)
}

/// Formats an integer in `radix` (2 to 36).
fn int_to_radix(mut n: i64, radix: u32) -> String {
    if radix == 10 {
        return format!("{}", n);
    }
    let neg = n < 0;
    let mut digits = alloc::vec::Vec::new();
    loop {
        let d = (n % radix as i64).unsigned_abs() as u32;
        digits.push(core::char::from_digit(d, radix).unwrap_or('?'));
        n /= radix as i64;
        if n == 0 {
            break;
        }
    }
    if neg {
        digits.push('-');
    }
    digits.iter().rev().collect()
}

fn radix_arg(rt: &Runtime, who: &str, a: &[Value]) -> Result<u32> {
    match a.get(1) {
        None => Ok(10),
        Some(&Value::Int(r)) if (2..=36).contains(&r) => Ok(r as u32),
        Some(&v) => Err(expected(rt, who, "a radix from 2 to 36", v)),
    }
}

fn number_to_string(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let radix = radix_arg(rt, "number->string", a)?;
    let text = match a[0] {
        Value::Int(i) => int_to_radix(i, radix),
        Value::Float(f) => {
            let mut s = String::new();
            format_float(&mut s, f);
            s
        }
        v => return Err(expected(rt, "number->string", "a number", v)),
    };
    Ok(Value::string(rt, text))
}

/// Whether `t` is an optionally signed run of decimal digits.
fn is_decimal_integer(t: &str) -> bool {
    let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
    !digits.is_empty() && digits.bytes().all(|c| c.is_ascii_digit())
}

/// `(string->number s [radix])`: the number `s` reads as, or `#f`. Like the
/// reader, an integer outside i64 is not a number (`#f`), never a float.
fn string_to_number(rt: &mut Runtime, a: &[Value]) -> Result<Value> {
    let radix = radix_arg(rt, "string->number", a)?;
    let text = super::string(rt, "string->number", a[0])?;
    let t = text.trim();
    if radix != 10 {
        return Ok(i64::from_str_radix(t, radix).map_or(Value::Bool(false), Value::Int));
    }
    if let Ok(i) = t.parse::<i64>() {
        return Ok(Value::Int(i));
    }
    if is_decimal_integer(t) {
        return Ok(Value::Bool(false));
    }
    let numeric = t
        .bytes()
        .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-'))
        && t.bytes().any(|c| c.is_ascii_digit());
    Ok(match (numeric, t) {
        (_, "+inf.0") => Value::Float(f64::INFINITY),
        (_, "-inf.0") => Value::Float(f64::NEG_INFINITY),
        (_, "+nan.0" | "-nan.0") => Value::Float(f64::NAN),
        (true, _) => t.parse::<f64>().map_or(Value::Bool(false), Value::Float),
        _ => Value::Bool(false),
    })
}
