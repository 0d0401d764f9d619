//! The expander: macros and derived forms -> core forms.
//!
//! Input is any datum the reader produced; output uses only the core forms
//! the analyzer knows: `quote if define set! lambda begin let letrec*`, the
//! handler forms `%catch %finally %escape %with-handler`, calls,
//! and vector/struct/table literals. Derived forms (`let*`, named `let`, `do`,
//! `cond`, `case`, `when`, `unless`, `and`, `or`, `quasiquote`, `while`,
//! `->`, `->>`, `assert`, and in `control.rs` `try`, `guard`, `let-values`,
//! `let*-values`, `receive`, `define-values`) are rewritten here; `define-macro` transformers are compiled
//! and run by the engine as soon as their definition is expanded.
//!
//! A name bound by a local variable is never treated as a special form or a
//! macro inside that variable's scope, so `(let ((list 1)) list)` works.
//! Temporaries the rewrites introduce are gensyms: they never capture a
//! user's variable.

use alloc::format;
use alloc::vec;
use alloc::vec::Vec;

use crate::datum::{Datum, DatumKind};
use crate::engine::Engine;
use crate::error::{syntax, Error, ErrorKind, Result, Span};
use crate::symbol::{sym, Sym};

mod control;

/// Expands one top-level form.
pub fn expand_toplevel(eng: &mut Engine, d: Datum) -> Result<Datum> {
    eng.rt.symbols.release_temps();
    Expander {
        eng,
        scopes: Vec::new(),
        depth: 0,
    }
    .expand(d)
}

struct Expander<'a> {
    eng: &'a mut Engine,
    /// Names bound by enclosing lambdas, lets and internal defines.
    scopes: Vec<Vec<Sym>>,
    depth: usize,
}

/// `(head args...)` as a datum.
fn form(head: Sym, args: Vec<Datum>, span: Span) -> Datum {
    let mut items = Vec::with_capacity(args.len() + 1);
    items.push(Datum::sym(head, span));
    items.extend(args);
    Datum::list(items, span)
}

fn nil(span: Span) -> Datum {
    Datum::new(DatumKind::Nil, span)
}

fn quoted(d: Datum) -> Datum {
    let span = d.span;
    form(sym::QUOTE, vec![d], span)
}

impl Expander<'_> {
    fn is_local(&self, s: Sym) -> bool {
        self.scopes.iter().rev().any(|sc| sc.contains(&s))
    }

    /// A derived form with `n` parts expands to code nested `n` deep, which
    /// every later stage walks recursively: more parts than the nesting
    /// limit is a `limit` error, raised before anything deep is built.
    fn check_width(&self, n: usize, what: &str, span: Span) -> Result<()> {
        let limit = self.eng.rt.limits.max_nesting;
        if n > limit {
            return Err(Error::new(
                ErrorKind::Limit,
                format!(
                    "{} with {} parts exceeds the nesting limit of {}",
                    what, n, limit
                ),
            )
            .at(span));
        }
        Ok(())
    }

    fn gensym(&mut self, span: Span) -> Datum {
        Datum::sym(self.eng.rt.symbols.temp(), span)
    }

    /// A datum that calls the builtin `name` whatever the program rebinds.
    fn builtin(&self, name: &str, span: Span) -> Datum {
        Datum::new(DatumKind::Value(self.eng.rt.builtin(name)), span)
    }

    fn name(&self, s: Sym) -> &str {
        self.eng.rt.symbols.name(s)
    }

    /// Expands an expression.
    fn expand(&mut self, d: Datum) -> Result<Datum> {
        let limit = self.eng.rt.limits.max_nesting;
        if self.depth >= limit {
            return Err(Error::new(
                ErrorKind::Limit,
                format!("expansion nested deeper than {} levels", limit),
            )
            .at(d.span));
        }
        self.depth += 1;
        let r = self.expand_inner(d);
        self.depth -= 1;
        r
    }

    fn expand_inner(&mut self, d: Datum) -> Result<Datum> {
        let span = d.span;
        match d.kind {
            DatumKind::List(items) => self.expand_list(items, span),
            DatumKind::Dotted(..) => Err(syntax(span, "a call cannot be a dotted list")),
            DatumKind::Vector(items) => {
                Ok(Datum::new(DatumKind::Vector(self.expand_all(items)?), span))
            }
            DatumKind::Struct(items) => {
                Ok(Datum::new(DatumKind::Struct(self.expand_all(items)?), span))
            }
            DatumKind::Table(items) => {
                Ok(Datum::new(DatumKind::Table(self.expand_all(items)?), span))
            }
            _ => Ok(d),
        }
    }

    fn expand_all(&mut self, items: Vec<Datum>) -> Result<Vec<Datum>> {
        items.into_iter().map(|d| self.expand(d)).collect()
    }

    fn expand_list(&mut self, mut items: Vec<Datum>, span: Span) -> Result<Datum> {
        let head = match items[0].as_symbol() {
            Some(s) if !self.is_local(s) => s,
            _ => return Ok(Datum::list(self.expand_all(items)?, span)),
        };
        if let Some(&transformer) = self.eng.rt.macros.get(&head) {
            let args = items.split_off(1);
            let out = self.eng.call_macro(transformer, args, span)?;
            return self.expand(out);
        }
        let args = items.split_off(1);
        match head {
            sym::QUOTE => {
                check_arity(&args, 1, 1, "quote", span)?;
                Ok(form(sym::QUOTE, args, span))
            }
            sym::QUASIQUOTE => {
                check_arity(&args, 1, 1, "quasiquote", span)?;
                let t = args.into_iter().next().unwrap_or_else(|| nil(span));
                let out = self.quasi(t, 1)?;
                self.expand(out)
            }
            sym::UNQUOTE | sym::UNQUOTE_SPLICING => Err(syntax(
                span,
                format!("`{}` outside quasiquote", self.name(head)),
            )),
            sym::IF => {
                check_arity(&args, 2, 3, "if", span)?;
                Ok(form(sym::IF, self.expand_all(args)?, span))
            }
            sym::DEFINE | sym::DEFINE_CONSTANT => self.define(args, span),
            sym::SET => {
                check_arity(&args, 2, 2, "set!", span)?;
                let mut args = args.into_iter();
                let target = args.next().unwrap_or_else(|| nil(span));
                if target.as_symbol().is_none() {
                    return Err(syntax(target.span, "set! needs a variable name"));
                }
                let value = self.expand(args.next().unwrap_or_else(|| nil(span)))?;
                Ok(form(sym::SET, vec![target, value], span))
            }
            sym::LAMBDA | sym::FN => {
                if args.is_empty() {
                    return Err(syntax(span, "lambda needs a parameter list"));
                }
                let mut args = args.into_iter();
                let params = args.next().unwrap_or_else(|| nil(span));
                self.lambda(params, args.collect(), span)
            }
            sym::BEGIN => {
                if args.is_empty() {
                    return Ok(nil(span));
                }
                Ok(form(sym::BEGIN, self.expand_all(args)?, span))
            }
            sym::LET => self.let_form(args, span),
            sym::LET_STAR => self.let_star(args, span),
            sym::LETREC | sym::LETREC_STAR => self.letrec(args, span),
            sym::DO => self.do_loop(args, span),
            sym::COND => {
                self.check_width(args.len(), "cond", span)?;
                let out = self.cond(args, span)?;
                self.expand(out)
            }
            sym::CASE => self.case(args, span),
            sym::WHEN | sym::UNLESS => {
                if args.is_empty() {
                    return Err(syntax(span, format!("{} needs a test", self.name(head))));
                }
                let mut args = args.into_iter();
                let test = args.next().unwrap_or_else(|| nil(span));
                let body = form(sym::BEGIN, args.collect(), span);
                let out = if head == sym::WHEN {
                    form(sym::IF, vec![test, body], span)
                } else {
                    form(sym::IF, vec![test, nil(span), body], span)
                };
                self.expand(out)
            }
            sym::AND => {
                self.check_width(args.len(), "and", span)?;
                let out = self.and(args, span);
                self.expand(out)
            }
            sym::OR => {
                self.check_width(args.len(), "or", span)?;
                let out = self.or(args, span);
                self.expand(out)
            }
            sym::WHILE => self.while_loop(args, span),
            sym::THREAD_FIRST | sym::THREAD_LAST => {
                self.check_width(args.len(), "->", span)?;
                let out = self.thread(args, head == sym::THREAD_FIRST, span)?;
                self.expand(out)
            }
            sym::DEFINE_MACRO | sym::DEFMACRO => self.define_macro(args, span),
            sym::IMPORT => Ok(nil(span)),
            sym::TRY => self.try_form(args, span),
            sym::GUARD => self.guard(args, span),
            sym::LET_VALUES | sym::LET_STAR_VALUES => {
                self.let_values(args, head == sym::LET_STAR_VALUES, span)
            }
            sym::RECEIVE => self.receive(args, span),
            sym::DEFINE_VALUES => self.define_values(args, span),
            sym::CORE_CATCH | sym::CORE_ESCAPE => self.core_binding_form(head, args, span),
            sym::CORE_FINALLY | sym::CORE_WITH_HANDLER => self.core_pair_form(head, args, span),
            sym::ASSERT => {
                let out = self.assert(args, span)?;
                self.expand(out)
            }
            _ => {
                let mut all = vec![Datum::sym(head, items[0].span)];
                all.extend(self.expand_all(args)?);
                Ok(Datum::list(all, span))
            }
        }
    }

    /// `(define name expr)`, `(define name)`, `(define (name . params) body...)`.
    fn define(&mut self, args: Vec<Datum>, span: Span) -> Result<Datum> {
        let mut args = args.into_iter();
        let target = args
            .next()
            .ok_or_else(|| syntax(span, "define needs a name"))?;
        let rest: Vec<Datum> = args.collect();
        match target.kind {
            DatumKind::Symbol(_) => {
                if rest.len() > 1 {
                    return Err(syntax(span, "define takes a name and one value"));
                }
                let value = match rest.into_iter().next() {
                    Some(v) => self.expand(v)?,
                    None => nil(span),
                };
                Ok(form(sym::DEFINE, vec![target, value], span))
            }
            DatumKind::List(mut sig) => {
                let name = sig.remove(0);
                if name.as_symbol().is_none() {
                    return Err(syntax(name.span, "define needs a name"));
                }
                let params = Datum::list(sig, target.span);
                let lambda = self.lambda(params, rest, span)?;
                Ok(form(sym::DEFINE, vec![name, lambda], span))
            }
            DatumKind::Dotted(mut sig, tail) => {
                let name = sig.remove(0);
                if name.as_symbol().is_none() {
                    return Err(syntax(name.span, "define needs a name"));
                }
                let params = if sig.is_empty() {
                    *tail
                } else {
                    Datum::new(DatumKind::Dotted(sig, tail), target.span)
                };
                let lambda = self.lambda(params, rest, span)?;
                Ok(form(sym::DEFINE, vec![name, lambda], span))
            }
            _ => Err(syntax(target.span, "define needs a name")),
        }
    }

    /// Checks a parameter list and returns the names it binds.
    fn param_names(&self, params: &Datum) -> Result<Vec<Sym>> {
        let mut names = Vec::new();
        let push = |d: &Datum, names: &mut Vec<Sym>| match d.as_symbol() {
            Some(s) if !names.contains(&s) => {
                names.push(s);
                Ok(())
            }
            Some(s) => Err(syntax(
                d.span,
                format!("duplicate parameter `{}`", self.name(s)),
            )),
            None => Err(syntax(d.span, "a parameter must be a symbol")),
        };
        match &params.kind {
            DatumKind::Nil => {}
            DatumKind::Symbol(_) => push(params, &mut names)?,
            DatumKind::List(items) => {
                for p in items {
                    push(p, &mut names)?;
                }
            }
            DatumKind::Dotted(items, tail) => {
                for p in items {
                    push(p, &mut names)?;
                }
                push(tail, &mut names)?;
            }
            _ => return Err(syntax(params.span, "malformed parameter list")),
        }
        Ok(names)
    }

    /// `(lambda params body...)` with the body expanded in the new scope.
    fn lambda(&mut self, params: Datum, body: Vec<Datum>, span: Span) -> Result<Datum> {
        let names = self.param_names(&params)?;
        if body.is_empty() {
            return Err(syntax(span, "lambda needs a body"));
        }
        self.scopes.push(names);
        let body = self.body(body);
        self.scopes.pop();
        let mut items = vec![Datum::sym(sym::LAMBDA, span), params];
        items.extend(body?);
        Ok(Datum::list(items, span))
    }

    /// Expands a body; its internal defines become locals of the body.
    fn body(&mut self, forms: Vec<Datum>) -> Result<Vec<Datum>> {
        let defined: Vec<Sym> = forms.iter().filter_map(defined_name).collect();
        self.scopes.push(defined);
        let r = self.expand_all(forms);
        self.scopes.pop();
        r
    }

    /// Splits `((name init) ...)` into names and inits.
    fn bindings(&self, d: Datum) -> Result<(Vec<Datum>, Vec<Datum>)> {
        let span = d.span;
        let items = match d.kind {
            DatumKind::Nil => Vec::new(),
            DatumKind::List(items) => items,
            _ => return Err(syntax(span, "bindings must be a list of (name value)")),
        };
        let mut names = Vec::new();
        let mut inits = Vec::new();
        for b in items {
            let bspan = b.span;
            match b.kind {
                DatumKind::List(mut pair) if pair.len() == 2 && pair[0].as_symbol().is_some() => {
                    let init = pair.pop().unwrap_or_else(|| nil(bspan));
                    names.push(pair.pop().unwrap_or_else(|| nil(bspan)));
                    inits.push(init);
                }
                _ => return Err(syntax(bspan, "a binding must be (name value)")),
            }
        }
        Ok((names, inits))
    }

    fn let_form(&mut self, args: Vec<Datum>, span: Span) -> Result<Datum> {
        let mut args = args.into_iter();
        let first = args
            .next()
            .ok_or_else(|| syntax(span, "let needs bindings"))?;
        if let Some(name) = first.as_symbol() {
            let bindings = args
                .next()
                .ok_or_else(|| syntax(span, "named let needs bindings"))?;
            return self.named_let(name, first.span, bindings, args.collect(), span);
        }
        let body: Vec<Datum> = args.collect();
        if body.is_empty() {
            return Err(syntax(span, "let needs a body"));
        }
        let (names, inits) = self.bindings(first)?;
        let names_syms: Vec<Sym> = names.iter().filter_map(|n| n.as_symbol()).collect();
        for (i, s) in names_syms.iter().enumerate() {
            if names_syms[..i].contains(s) {
                return Err(syntax(
                    names[i].span,
                    format!("duplicate binding `{}`", self.name(*s)),
                ));
            }
        }
        let inits = self.expand_all(inits)?;
        self.scopes.push(names_syms);
        let body = self.body(body);
        self.scopes.pop();
        let bindings = names
            .into_iter()
            .zip(inits)
            .map(|(n, i)| {
                let s = n.span;
                Datum::list(vec![n, i], s)
            })
            .collect();
        let mut items = vec![Datum::sym(sym::LET, span), Datum::list(bindings, span)];
        items.extend(body?);
        Ok(Datum::list(items, span))
    }

    /// `(let name ((v init) ...) body...)`: a local recursive procedure called
    /// with the inits, which are evaluated outside its scope.
    fn named_let(
        &mut self,
        name: Sym,
        name_span: Span,
        bindings: Datum,
        body: Vec<Datum>,
        span: Span,
    ) -> Result<Datum> {
        let (names, inits) = self.bindings(bindings)?;
        let temps: Vec<Datum> = names.iter().map(|n| self.gensym(n.span)).collect();
        let outer = temps
            .iter()
            .cloned()
            .zip(inits)
            .map(|(t, i)| Datum::list(vec![t, i], span))
            .collect();
        let mut lambda = vec![Datum::sym(sym::LAMBDA, span), Datum::list(names, span)];
        lambda.extend(body);
        let proc_binding = Datum::list(
            vec![Datum::sym(name, name_span), Datum::list(lambda, span)],
            span,
        );
        let mut call = vec![Datum::sym(name, name_span)];
        call.extend(temps);
        let inner = form(
            sym::LETREC,
            vec![
                Datum::list(vec![proc_binding], span),
                Datum::list(call, span),
            ],
            span,
        );
        self.expand(form(sym::LET, vec![Datum::list(outer, span), inner], span))
    }

    /// Splits `(bindings body...)` of the binding form `what` into names,
    /// inits and a non-empty body.
    fn binding_form(
        &self,
        args: Vec<Datum>,
        what: &str,
        span: Span,
    ) -> Result<(Vec<Datum>, Vec<Datum>, Vec<Datum>)> {
        let mut args = args.into_iter();
        let first = args
            .next()
            .ok_or_else(|| syntax(span, format!("{} needs bindings", what)))?;
        let body: Vec<Datum> = args.collect();
        if body.is_empty() {
            return Err(syntax(span, format!("{} needs a body", what)));
        }
        let (names, inits) = self.bindings(first)?;
        Ok((names, inits, body))
    }

    fn let_star(&mut self, args: Vec<Datum>, span: Span) -> Result<Datum> {
        let (names, inits, body) = self.binding_form(args, "let*", span)?;
        self.check_width(names.len(), "let*", span)?;
        let mut out = form(sym::LET, [vec![nil(span)], body].concat(), span);
        for (n, i) in names.into_iter().zip(inits).rev() {
            let b = Datum::list(vec![Datum::list(vec![n, i], span)], span);
            out = form(sym::LET, vec![b, out], span);
        }
        self.expand(out)
    }

    /// `letrec` and `letrec*` both become `letrec*` (left-to-right inits).
    fn letrec(&mut self, args: Vec<Datum>, span: Span) -> Result<Datum> {
        let (names, inits, body) = self.binding_form(args, "letrec", span)?;
        self.scopes
            .push(names.iter().filter_map(|n| n.as_symbol()).collect());
        let inits = self.expand_all(inits);
        let body = inits.and_then(|i| Ok((i, self.body(body)?)));
        self.scopes.pop();
        let (inits, body) = body?;
        let bindings = names
            .into_iter()
            .zip(inits)
            .map(|(n, i)| Datum::list(vec![n, i], span))
            .collect();
        let mut items = vec![
            Datum::sym(sym::LETREC_STAR, span),
            Datum::list(bindings, span),
        ];
        items.extend(body);
        Ok(Datum::list(items, span))
    }

    /// Scheme's `do` loop as a named let; a `do` whose first operand is not
    /// a list of bindings is a sequence, as in seed Elle.
    fn do_loop(&mut self, args: Vec<Datum>, span: Span) -> Result<Datum> {
        let is_loop = args.len() >= 2
            && args[0]
                .as_list()
                .is_some_and(|bs| bs.iter().all(|b| b.as_list().is_some()))
            && args[1].as_list().is_some_and(|t| !t.is_empty());
        if !is_loop {
            return self.expand(form(sym::BEGIN, args, span));
        }
        let mut args = args.into_iter();
        let specs = args.next().unwrap_or_else(|| nil(span));
        let exit = args.next().unwrap_or_else(|| nil(span));
        let body: Vec<Datum> = args.collect();
        let mut bindings = Vec::new();
        let mut steps = Vec::new();
        for spec in specs.as_list().unwrap_or(&[]) {
            let parts = spec.as_list().unwrap_or(&[]);
            if parts.is_empty() || parts.len() > 3 || parts[0].as_symbol().is_none() {
                return Err(syntax(spec.span, "a do binding must be (name init [step])"));
            }
            let init = parts.get(1).cloned().unwrap_or_else(|| nil(spec.span));
            bindings.push(Datum::list(vec![parts[0].clone(), init], spec.span));
            steps.push(parts.get(2).cloned().unwrap_or_else(|| parts[0].clone()));
        }
        let exit = exit.as_list().unwrap_or(&[]).to_vec();
        let mut exit = exit.into_iter();
        let test = exit.next().unwrap_or_else(|| nil(span));
        let result: Vec<Datum> = exit.collect();
        let loop_name = self.gensym(span);
        let mut again = vec![loop_name.clone()];
        again.extend(steps);
        let mut loop_body = body;
        loop_body.push(Datum::list(again, span));
        let out = form(
            sym::LET,
            vec![
                loop_name,
                Datum::list(bindings, span),
                form(
                    sym::IF,
                    vec![
                        test,
                        form(sym::BEGIN, result, span),
                        form(sym::BEGIN, loop_body, span),
                    ],
                    span,
                ),
            ],
            span,
        );
        self.expand(out)
    }

    /// `(while test body...)`: loops while `test` is true; gives nil.
    fn while_loop(&mut self, args: Vec<Datum>, span: Span) -> Result<Datum> {
        let mut args = args.into_iter();
        let test = args
            .next()
            .ok_or_else(|| syntax(span, "while needs a test"))?;
        let loop_name = self.gensym(span);
        let mut body: Vec<Datum> = args.collect();
        body.push(Datum::list(vec![loop_name.clone()], span));
        let out = form(
            sym::LET,
            vec![
                loop_name,
                nil(span),
                form(sym::IF, vec![test, form(sym::BEGIN, body, span)], span),
            ],
            span,
        );
        self.expand(out)
    }

    /// `cond` clauses as nested `if`s.
    fn cond(&mut self, clauses: Vec<Datum>, span: Span) -> Result<Datum> {
        let mut out = nil(span);
        for clause in clauses.into_iter().rev() {
            let cspan = clause.span;
            let parts = match clause.kind {
                DatumKind::List(parts) => parts,
                _ => return Err(syntax(cspan, "a cond clause must be a list")),
            };
            let mut parts = parts.into_iter();
            let test = parts.next().unwrap_or_else(|| nil(cspan));
            let body: Vec<Datum> = parts.collect();
            out = if test.as_symbol() == Some(sym::ELSE) {
                form(sym::BEGIN, body, cspan)
            } else if body.first().and_then(|d| d.as_symbol()) == Some(sym::ARROW) {
                if body.len() != 2 {
                    return Err(syntax(cspan, "`=>` needs exactly one receiver"));
                }
                let t = self.gensym(cspan);
                let call = Datum::list(vec![body[1].clone(), t.clone()], cspan);
                form(
                    sym::LET,
                    vec![
                        Datum::list(vec![Datum::list(vec![t.clone(), test], cspan)], cspan),
                        form(sym::IF, vec![t, call, out], cspan),
                    ],
                    cspan,
                )
            } else if body.is_empty() {
                let t = self.gensym(cspan);
                form(
                    sym::LET,
                    vec![
                        Datum::list(vec![Datum::list(vec![t.clone(), test], cspan)], cspan),
                        form(sym::IF, vec![t.clone(), t, out], cspan),
                    ],
                    cspan,
                )
            } else {
                form(
                    sym::IF,
                    vec![test, form(sym::BEGIN, body, cspan), out],
                    cspan,
                )
            };
        }
        Ok(out)
    }

    /// `case` as a `let` of the key and a chain of `eqv?` tests.
    fn case(&mut self, args: Vec<Datum>, span: Span) -> Result<Datum> {
        let mut args = args.into_iter();
        let key = args
            .next()
            .ok_or_else(|| syntax(span, "case needs a key"))?;
        let parts: usize = args
            .clone()
            .map(|c| {
                c.as_list()
                    .and_then(|p| p.first())
                    .and_then(|d| d.as_list())
                    .map_or(1, |d| d.len())
            })
            .sum();
        self.check_width(parts, "case", span)?;
        let k = self.gensym(span);
        let mut clauses = Vec::new();
        for clause in args {
            let cspan = clause.span;
            let parts = match clause.kind {
                DatumKind::List(parts) if parts.len() >= 2 => parts,
                _ => {
                    return Err(syntax(
                        cspan,
                        "a case clause must be ((datum ...) body ...)",
                    ))
                }
            };
            let mut parts = parts.into_iter();
            let data = parts.next().unwrap_or_else(|| nil(cspan));
            let body: Vec<Datum> = parts.collect();
            let test = if data.as_symbol() == Some(sym::ELSE) {
                data
            } else {
                let data = data
                    .as_list()
                    .ok_or_else(|| syntax(data.span, "case data must be a list"))?;
                let tests = data
                    .iter()
                    .map(|d| {
                        Datum::list(
                            vec![self.builtin("eqv?", cspan), k.clone(), quoted(d.clone())],
                            cspan,
                        )
                    })
                    .collect();
                form(sym::OR, tests, cspan)
            };
            let body = if body.first().and_then(|d| d.as_symbol()) == Some(sym::ARROW) {
                if body.len() != 2 {
                    return Err(syntax(cspan, "`=>` needs exactly one receiver"));
                }
                vec![Datum::list(vec![body[1].clone(), k.clone()], cspan)]
            } else {
                body
            };
            let mut c = vec![test];
            c.extend(body);
            clauses.push(Datum::list(c, cspan));
        }
        let chain = self.cond(clauses, span)?;
        let out = form(
            sym::LET,
            vec![
                Datum::list(vec![Datum::list(vec![k, key], span)], span),
                chain,
            ],
            span,
        );
        self.expand(out)
    }

    /// `(and a b ...)` as nested `if`s, built from the last operand out.
    fn and(&mut self, args: Vec<Datum>, span: Span) -> Datum {
        let mut args = args.into_iter().rev();
        let Some(mut out) = args.next() else {
            return Datum::new(DatumKind::Bool(true), span);
        };
        for a in args {
            out = form(
                sym::IF,
                vec![a, out, Datum::new(DatumKind::Bool(false), span)],
                span,
            );
        }
        out
    }

    /// `(or a b ...)`: each operand's value, if true, is the result.
    fn or(&mut self, args: Vec<Datum>, span: Span) -> Datum {
        let mut args = args.into_iter().rev();
        let Some(mut out) = args.next() else {
            return Datum::new(DatumKind::Bool(false), span);
        };
        for a in args {
            let t = self.gensym(span);
            out = form(
                sym::LET,
                vec![
                    Datum::list(vec![Datum::list(vec![t.clone(), a], span)], span),
                    form(sym::IF, vec![t.clone(), t, out], span),
                ],
                span,
            );
        }
        out
    }

    /// `(assert test [message])`: nil when `test` is true, else a `user`
    /// error naming the failed expression (or giving `message`).
    fn assert(&mut self, args: Vec<Datum>, span: Span) -> Result<Datum> {
        check_arity(&args, 1, 2, "assert", span)?;
        let mut args = args.into_iter();
        let test = args.next().unwrap_or_else(|| nil(span));
        let failure = match args.next() {
            Some(message) => vec![self.builtin("error", span), message],
            None => vec![
                self.builtin("error", span),
                Datum::new(DatumKind::Str("assertion failed:".into()), span),
                quoted(test.clone()),
            ],
        };
        Ok(form(
            sym::IF,
            vec![test, nil(span), Datum::list(failure, span)],
            span,
        ))
    }

    /// `(-> x (f a) g)` = `(g (f x a))`; `->>` inserts at the end.
    fn thread(&mut self, args: Vec<Datum>, first: bool, span: Span) -> Result<Datum> {
        let mut args = args.into_iter();
        let mut acc = args
            .next()
            .ok_or_else(|| syntax(span, "-> needs a value"))?;
        for step in args {
            let sspan = step.span;
            acc = match step.kind {
                DatumKind::List(mut items) => {
                    if first {
                        items.insert(1, acc);
                    } else {
                        items.push(acc);
                    }
                    Datum::list(items, sspan)
                }
                _ => Datum::list(vec![step, acc], sspan),
            };
        }
        Ok(acc)
    }

    /// Expands a quasiquote template at nesting `depth` into list-building code.
    fn quasi(&mut self, t: Datum, depth: usize) -> Result<Datum> {
        let span = t.span;
        match t.kind {
            DatumKind::List(ref items) if items.len() == 2 && t.is_form(sym::UNQUOTE) => {
                if depth == 1 {
                    Ok(items[1].clone())
                } else {
                    let inner = self.quasi(items[1].clone(), depth - 1)?;
                    Ok(self.call("list", vec![quoted(items[0].clone()), inner], span))
                }
            }
            DatumKind::List(ref items) if items.len() == 2 && t.is_form(sym::QUASIQUOTE) => {
                let inner = self.quasi(items[1].clone(), depth + 1)?;
                Ok(self.call("list", vec![quoted(items[0].clone()), inner], span))
            }
            DatumKind::List(mut items) => {
                // `(a . ,x)` reads as `(a unquote x)`: an unquoted tail.
                let n = items.len();
                if n >= 3 && items[n - 2].as_symbol() == Some(sym::UNQUOTE) {
                    let x = items.pop().unwrap_or_else(|| nil(span));
                    let u = items.pop().unwrap_or_else(|| nil(span));
                    let tail = Datum::list(vec![u, x], span);
                    return self.quasi_list(items, Some(tail), depth, span);
                }
                self.quasi_list(items, None, depth, span)
            }
            DatumKind::Dotted(items, tail) => self.quasi_list(items, Some(*tail), depth, span),
            DatumKind::Vector(items) | DatumKind::LiteralVector(items) => {
                let list = self.quasi_list(items, None, depth, span)?;
                Ok(self.call("list->vector", vec![list], span))
            }
            _ => Ok(quoted(t)),
        }
    }

    /// Quasiquotes the items of a list (and its dotted tail) into one flat
    /// call: `(list a b)`, or `(append (list a) xs (list b) tail)` when items
    /// are spliced or the list is dotted.
    fn quasi_list(
        &mut self,
        items: Vec<Datum>,
        tail: Option<Datum>,
        depth: usize,
        span: Span,
    ) -> Result<Datum> {
        let mut segments = Vec::new();
        let mut run = Vec::new();
        for item in items {
            let ispan = item.span;
            let splice = depth == 1
                && matches!(&item.kind, DatumKind::List(v) if v.len() == 2)
                && item.is_form(sym::UNQUOTE_SPLICING);
            if splice {
                if !run.is_empty() {
                    segments.push(self.call("list", core::mem::take(&mut run), span));
                }
                if let DatumKind::List(mut v) = item.kind {
                    segments.push(v.pop().unwrap_or_else(|| nil(ispan)));
                }
            } else if item.is_form(sym::UNQUOTE_SPLICING) {
                if let DatumKind::List(v) = item.kind {
                    let inner = self.quasi(v[1].clone(), depth - 1)?;
                    run.push(self.call("list", vec![quoted(v[0].clone()), inner], ispan));
                }
            } else {
                run.push(self.quasi(item, depth)?);
            }
        }
        let tail = match tail {
            Some(t) => Some(self.quasi(t, depth)?),
            None => None,
        };
        if segments.is_empty() && tail.is_none() {
            return Ok(self.call("list", run, span));
        }
        if !run.is_empty() {
            segments.push(self.call("list", run, span));
        }
        segments.push(tail.unwrap_or_else(|| nil(span)));
        Ok(self.call("append", segments, span))
    }

    /// A call of the builtin `name` on `args`.
    fn call(&self, name: &str, args: Vec<Datum>, span: Span) -> Datum {
        let mut items = vec![self.builtin(name, span)];
        items.extend(args);
        Datum::list(items, span)
    }

    /// `(define-macro (name . params) body...)`, `(define-macro name params
    /// body...)` or `(defmacro name params body...)`: compiles the transformer
    /// now and registers it for the forms that follow.
    fn define_macro(&mut self, args: Vec<Datum>, span: Span) -> Result<Datum> {
        let mut args = args.into_iter();
        let target = args
            .next()
            .ok_or_else(|| syntax(span, "define-macro needs a name"))?;
        let (name, params, body) = match target.kind {
            DatumKind::Symbol(s) => {
                let params = args
                    .next()
                    .ok_or_else(|| syntax(span, "define-macro needs parameters"))?;
                (s, params, args.collect::<Vec<_>>())
            }
            DatumKind::List(mut sig) => {
                let name = sig.remove(0);
                let s = name
                    .as_symbol()
                    .ok_or_else(|| syntax(name.span, "define-macro needs a name"))?;
                (s, Datum::list(sig, target.span), args.collect())
            }
            DatumKind::Dotted(mut sig, tail) => {
                let name = sig.remove(0);
                let s = name
                    .as_symbol()
                    .ok_or_else(|| syntax(name.span, "define-macro needs a name"))?;
                let params = if sig.is_empty() {
                    *tail
                } else {
                    Datum::new(DatumKind::Dotted(sig, tail), target.span)
                };
                (s, params, args.collect())
            }
            _ => return Err(syntax(target.span, "define-macro needs a name")),
        };
        let saved = core::mem::take(&mut self.scopes);
        let lambda = self.lambda(params, body, span);
        self.scopes = saved;
        let transformer = self.eng.eval_transformer(lambda?, name)?;
        self.eng.rt.macros.insert(name, transformer);
        Ok(nil(span))
    }
}

/// The name a body form defines, if it is `(define name ...)` or
/// `(define (name ...) ...)`.
fn defined_name(d: &Datum) -> Option<Sym> {
    if !d.is_form(sym::DEFINE) {
        return None;
    }
    match &d.kind {
        DatumKind::List(items) if items.len() >= 2 => match &items[1].kind {
            DatumKind::Symbol(s) => Some(*s),
            DatumKind::List(sig) | DatumKind::Dotted(sig, _) => sig[0].as_symbol(),
            _ => None,
        },
        _ => None,
    }
}

/// Checks that a special form has between `min` and `max` operands.
fn check_arity(args: &[Datum], min: usize, max: usize, name: &str, span: Span) -> Result<()> {
    if args.len() < min || args.len() > max {
        let want = if min == max {
            format!("{}", min)
        } else {
            format!("{} to {}", min, max)
        };
        return Err(syntax(
            span,
            format!("{} takes {} operand(s), got {}", name, want, args.len()),
        ));
    }
    Ok(())
}
