; Redefining a builtin the prelude uses does not break map, filter or fold.
(define (reverse! x) 'broken)
(define (car x) 'also-broken)
(print (map (lambda (x) (* x 10)) '(1 2 3)))
(print (filter odd? '(1 2 3 4 5)))
(print (fold + 0 '(1 2 3)))
