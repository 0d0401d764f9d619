; inner quasiquote raises the level; only the innermost unquote at level 0 runs
(define x `(a `(b ,(c ,(+ 1 2)))))
(print (car x))
(define inner (cadr x))
(print (car inner))
(define body (cadr inner))
(print (car body))
(print (car (cadr body)))
(print (cadr (cadr body)))
