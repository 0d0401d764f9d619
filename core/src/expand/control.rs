//! Expansion of non-local control and multiple values.
//!
//! `try` and `guard` become the core forms `%catch`, `%finally`, `%escape`
//! and `%with-handler` (see `ast::NodeKind::Handle`); `let-values`,
//! `let*-values`, `receive` and `define-values` become `apply` of a lambda
//! to the values as a list (`%values->list`), so the lambda's parameter
//! list checks the count.

use alloc::vec;
use alloc::vec::Vec;

use super::{check_arity, form, nil, Expander};
use crate::datum::{Datum, DatumKind};
use crate::error::{syntax, Result, Span};
use crate::symbol::{sym, Sym};

impl Expander<'_> {
    /// True when `d` is a list headed by the form name `head`.
    fn is_clause(&self, d: &Datum, head: Sym) -> bool {
        d.as_list()
            .and_then(|items| items.first())
            .and_then(|h| h.as_symbol())
            .is_some_and(|s| s == head && !self.is_local(s))
    }

    /// `forms` as one expression: nil, the form itself, or a `begin`.
    fn sequence(mut forms: Vec<Datum>, span: Span) -> Datum {
        match forms.len() {
            0 => nil(span),
            1 => forms.pop().unwrap_or_else(|| nil(span)),
            _ => form(sym::BEGIN, forms, span),
        }
    }

    /// `(try body... (catch e handler...) (finally cleanup...))`, with
    /// `catch` and `finally` each optional, in that order, after the body.
    pub(super) fn try_form(&mut self, mut body: Vec<Datum>, span: Span) -> Result<Datum> {
        let finally = match body.last() {
            Some(d) if self.is_clause(d, sym::FINALLY) => body.pop(),
            _ => None,
        };
        let catch = match body.last() {
            Some(d) if self.is_clause(d, sym::CATCH) => body.pop(),
            _ => None,
        };
        if let Some(d) = body
            .iter()
            .find(|d| self.is_clause(d, sym::CATCH) || self.is_clause(d, sym::FINALLY))
        {
            return Err(syntax(
                d.span,
                "try: catch and finally come after the body, catch first",
            ));
        }
        let mut out = Self::sequence(body, span);
        if let Some(c) = catch {
            let cspan = c.span;
            let mut items = clause_items(c);
            if items.len() < 2 {
                return Err(syntax(
                    cspan,
                    "catch needs a variable: (catch e handler ...)",
                ));
            }
            let handler = Self::sequence(items.split_off(2), cspan);
            let var = match items.pop().map(|v| (v.as_list().map(<[Datum]>::to_vec), v)) {
                Some((Some(mut one), _)) if one.len() == 1 => one.pop(),
                Some((_, v)) => Some(v),
                None => None,
            };
            let var = var
                .filter(|v| v.as_symbol().is_some())
                .ok_or_else(|| syntax(cspan, "catch needs a variable: (catch e handler ...)"))?;
            out = form(sym::CORE_CATCH, vec![out, var, handler], span);
        }
        if let Some(f) = finally {
            let fspan = f.span;
            let mut items = clause_items(f);
            let cleanup = Self::sequence(items.split_off(1), fspan);
            out = form(sym::CORE_FINALLY, vec![out, cleanup], span);
        }
        self.expand(out)
    }

    /// `(%catch body var handler)`, `(%escape var body)`: the variable is
    /// in scope of the handler or body.
    pub(super) fn core_binding_form(
        &mut self,
        head: Sym,
        mut args: Vec<Datum>,
        span: Span,
    ) -> Result<Datum> {
        let catch = head == sym::CORE_CATCH;
        check_arity(
            &args,
            2 + catch as usize,
            2 + catch as usize,
            self.name(head),
            span,
        )?;
        let scoped = args.pop().unwrap_or_else(|| nil(span));
        let var = args.pop().unwrap_or_else(|| nil(span));
        let name = var
            .as_symbol()
            .ok_or_else(|| syntax(var.span, "expected a variable name"))?;
        let body = args.pop().map(|b| self.expand(b)).transpose()?;
        self.scopes.push(vec![name]);
        let scoped = self.expand(scoped);
        self.scopes.pop();
        let items = match body {
            Some(body) => vec![body, var, scoped?],
            None => vec![var, scoped?],
        };
        Ok(form(head, items, span))
    }

    /// `(%finally body cleanup)`, `(%with-handler handler body)`.
    pub(super) fn core_pair_form(
        &mut self,
        head: Sym,
        args: Vec<Datum>,
        span: Span,
    ) -> Result<Datum> {
        check_arity(&args, 2, 2, self.name(head), span)?;
        Ok(form(head, self.expand_all(args)?, span))
    }

    /// `(guard (var clause...) body...)`: the clauses' tests run in the
    /// handler, where the raise happened; the chosen clause's body runs
    /// after unwinding to the guard. With no clause chosen, the condition
    /// goes on to the outer handler with `raise-continuable`, from the
    /// raise's dynamic environment (R7RS).
    ///
    /// ```text
    /// ((%escape k
    ///    (%with-handler (lambda (c) (let ((var c)) <tests: (k (lambda () body))>))
    ///      (let ((v (begin body...))) (lambda () v)))))
    /// ```
    pub(super) fn guard(&mut self, mut args: Vec<Datum>, span: Span) -> Result<Datum> {
        if args.len() < 2 {
            return Err(syntax(span, "guard needs (var clause ...) and a body"));
        }
        let body = args.split_off(1);
        let spec = args.pop().unwrap_or_else(|| nil(span));
        let mut spec_items = match spec.kind {
            DatumKind::List(items) if !items.is_empty() => items,
            _ => return Err(syntax(spec.span, "guard needs (var clause ...)")),
        };
        let clauses = spec_items.split_off(1);
        let var = spec_items.pop().unwrap_or_else(|| nil(span));
        if var.as_symbol().is_none() {
            return Err(syntax(var.span, "guard: expected a variable name"));
        }
        let k = self.gensym(span);
        let c = self.gensym(span);
        let deliver = |k: &Datum, body: Datum, s: Span| {
            let thunk = form(sym::LAMBDA, vec![nil(s), body], s);
            Datum::list(vec![k.clone(), thunk], s)
        };
        let mut select = self.call("raise-continuable", vec![c.clone()], span);
        for clause in clauses.into_iter().rev() {
            let cspan = clause.span;
            let mut items = match clause.kind {
                DatumKind::List(items) if !items.is_empty() => items,
                _ => return Err(syntax(cspan, "guard: a clause is (test body ...)")),
            };
            let rest = items.split_off(1);
            let test = items.pop().unwrap_or_else(|| nil(cspan));
            let local_else = self.is_local(sym::ELSE);
            let arrow = rest.first().and_then(|d| d.as_symbol()) == Some(sym::ARROW)
                && !self.is_local(sym::ARROW);
            select = if test.as_symbol() == Some(sym::ELSE) && !local_else {
                deliver(&k, Self::sequence(rest, cspan), cspan)
            } else if arrow || rest.is_empty() {
                let t = self.gensym(cspan);
                let value = match rest.get(1) {
                    Some(f) if arrow && rest.len() == 2 => {
                        Datum::list(vec![f.clone(), t.clone()], cspan)
                    }
                    _ if arrow => return Err(syntax(cspan, "guard: => takes one receiver")),
                    _ => t.clone(),
                };
                let chosen = deliver(&k, value, cspan);
                let binding = Datum::list(vec![Datum::list(vec![t.clone(), test], cspan)], cspan);
                form(
                    sym::LET,
                    vec![binding, form(sym::IF, vec![t, chosen, select], cspan)],
                    cspan,
                )
            } else {
                let chosen = deliver(&k, Self::sequence(rest, cspan), cspan);
                form(sym::IF, vec![test, chosen, select], cspan)
            };
        }
        let bind_var = Datum::list(vec![Datum::list(vec![var, c.clone()], span)], span);
        let handler = form(
            sym::LAMBDA,
            vec![
                Datum::list(vec![c], span),
                form(sym::LET, vec![bind_var, select], span),
            ],
            span,
        );
        let v = self.gensym(span);
        let bind_v = Datum::list(
            vec![Datum::list(
                vec![v.clone(), Self::sequence(body, span)],
                span,
            )],
            span,
        );
        let value_thunk = form(sym::LAMBDA, vec![nil(span), v], span);
        let guarded = form(
            sym::CORE_WITH_HANDLER,
            vec![handler, form(sym::LET, vec![bind_v, value_thunk], span)],
            span,
        );
        let escape = form(sym::CORE_ESCAPE, vec![k, guarded], span);
        self.expand(Datum::list(vec![escape], span))
    }

    /// `(apply (lambda formals body) (%values->list expr))`.
    fn receive_values(&self, formals: Datum, expr: Datum, body: Datum, span: Span) -> Datum {
        let lambda = form(sym::LAMBDA, vec![formals, body], span);
        let values = self.call("%values->list", vec![expr], span);
        self.call("apply", vec![lambda, values], span)
    }

    /// Formals of the same shape as `formals` with a temporary for each
    /// name; records `(name temp)` pairs.
    fn temp_formals(&mut self, formals: &Datum, pairs: &mut Vec<Datum>) -> Result<Datum> {
        // Shape and duplicate names are checked as for a lambda's parameters.
        self.param_names(formals)?;
        let span = formals.span;
        let mut temp = |d: &Datum, this: &mut Self| -> Result<Datum> {
            if d.as_symbol().is_none() {
                return Err(syntax(d.span, "a formal must be a symbol"));
            }
            let t = this.gensym(d.span);
            pairs.push(Datum::list(vec![d.clone(), t.clone()], d.span));
            Ok(t)
        };
        let kind = match &formals.kind {
            DatumKind::Nil => DatumKind::Nil,
            DatumKind::Symbol(_) => return temp(formals, self),
            DatumKind::List(items) => {
                DatumKind::List(items.iter().map(|d| temp(d, self)).collect::<Result<_>>()?)
            }
            DatumKind::Dotted(items, tail) => {
                let items = items.iter().map(|d| temp(d, self)).collect::<Result<_>>()?;
                DatumKind::Dotted(items, alloc::boxed::Box::new(temp(tail, self)?))
            }
            _ => return Err(syntax(span, "malformed formals")),
        };
        Ok(Datum::new(kind, span))
    }

    /// `(let-values (((formals) expr) ...) body...)` and, with
    /// `sequential`, `let*-values`.
    pub(super) fn let_values(
        &mut self,
        mut args: Vec<Datum>,
        sequential: bool,
        span: Span,
    ) -> Result<Datum> {
        let name = if sequential {
            "let*-values"
        } else {
            "let-values"
        };
        if args.len() < 2 {
            return Err(syntax(
                span,
                alloc::format!("{} needs bindings and a body", name),
            ));
        }
        let body = args.split_off(1);
        let bindings = match args.pop().map(|b| b.kind) {
            Some(DatumKind::List(items)) => items,
            Some(DatumKind::Nil) => Vec::new(),
            _ => return Err(syntax(span, alloc::format!("{}: malformed bindings", name))),
        };
        let mut parsed = Vec::with_capacity(bindings.len());
        for b in bindings {
            match b.kind {
                DatumKind::List(mut pair) if pair.len() == 2 => {
                    let expr = pair.pop().unwrap_or_else(|| nil(span));
                    let formals = pair.pop().unwrap_or_else(|| nil(span));
                    parsed.push((formals, expr));
                }
                _ => {
                    return Err(syntax(
                        b.span,
                        alloc::format!("{}: a binding is (formals expr)", name),
                    ))
                }
            }
        }
        let mut renames = Vec::new();
        if !sequential {
            for (formals, _) in parsed.iter_mut() {
                *formals = self.temp_formals(formals, &mut renames)?;
            }
        }
        let inner_bindings = Datum::list(renames, span);
        let mut out = form(sym::LET, [vec![inner_bindings], body].concat(), span);
        for (formals, expr) in parsed.into_iter().rev() {
            out = self.receive_values(formals, expr, out, span);
        }
        self.expand(out)
    }

    /// `(receive formals expr body...)`.
    pub(super) fn receive(&mut self, mut args: Vec<Datum>, span: Span) -> Result<Datum> {
        if args.len() < 3 {
            return Err(syntax(
                span,
                "receive needs formals, an expression and a body",
            ));
        }
        let body = Self::sequence(args.split_off(2), span);
        let expr = args.pop().unwrap_or_else(|| nil(span));
        let formals = args.pop().unwrap_or_else(|| nil(span));
        let out = self.receive_values(formals, expr, body, span);
        self.expand(out)
    }

    /// `(define-values formals expr)`: defines each name, then assigns the
    /// values to them.
    pub(super) fn define_values(&mut self, mut args: Vec<Datum>, span: Span) -> Result<Datum> {
        check_arity(&args, 2, 2, "define-values", span)?;
        let expr = args.pop().unwrap_or_else(|| nil(span));
        let formals = args.pop().unwrap_or_else(|| nil(span));
        let mut pairs = Vec::new();
        let temps = self.temp_formals(&formals, &mut pairs)?;
        let mut out = Vec::new();
        let mut sets = Vec::new();
        for pair in pairs {
            let mut nt = clause_items(pair);
            let t = nt.pop().unwrap_or_else(|| nil(span));
            let n = nt.pop().unwrap_or_else(|| nil(span));
            out.push(form(sym::DEFINE, vec![n.clone(), nil(span)], span));
            sets.push(form(sym::SET, vec![n, t], span));
        }
        sets.push(nil(span));
        out.push(self.receive_values(temps, expr, form(sym::BEGIN, sets, span), span));
        self.expand(form(sym::BEGIN, out, span))
    }
}

/// The items of a list datum (empty for anything else).
fn clause_items(d: Datum) -> Vec<Datum> {
    match d.kind {
        DatumKind::List(items) => items,
        _ => Vec::new(),
    }
}
