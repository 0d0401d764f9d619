; a cond-like macro built by recursion on the clauses
(define-macro (my-cond . clauses)
  (if (null? clauses)
      nil
      `(if ,(caar clauses)
           (begin ,@(cdar clauses))
           (my-cond ,@(cdr clauses)))))
(define (sign n) (my-cond ((< n 0) 'neg) ((= n 0) 'zero) (#t 'pos)))
(print (list (sign -3) (sign 0) (sign 8)))
(print (my-cond (#f 1)))
