; escaping continuations: call/cc and call-with-current-continuation
(print (call/cc (lambda (k) 1)))
(print (call/cc (lambda (k) (+ 1 (k 42)))))
(print (+ 1 (call-with-current-continuation (lambda (k) (* 10 (k 2))))))
; early exit from a search through for-each
(define (find-first pred lst)
  (call/cc (lambda (return)
    (for-each (lambda (x) (if (pred x) (return x))) lst)
    #f)))
(print (find-first even? '(1 3 4 5 6)) (find-first even? '(1 3)))
; from deep inside a non-tail recursion
(define (product lst)
  (call/cc (lambda (break)
    (let loop ((l lst))
      (cond ((null? l) 1)
            ((= (car l) 0) (break 0))
            (else (* (car l) (loop (cdr l)))))))))
(print (product '(1 2 3 4)) (product '(1 2 0 4 5)))
; continuations are procedures; several values go through
(print (procedure? (call/cc (lambda (k) k))))
(print (call-with-values (lambda () (call/cc (lambda (k) (k 1 2 3)))) list))
; an escape through map and sort callbacks
(print (call/cc (lambda (k) (map (lambda (x) (if (> x 2) (k (list 'stopped-at x)) x)) '(1 2 3 4)))))
(print (call/cc (lambda (k) (sort '(3 1 2) (lambda (a b) (k 'from-sort))))))
; nested: an inner escape returns to the inner call/cc only
(print (call/cc (lambda (outer) (list 'inner (call/cc (lambda (inner) (inner 1) 2)) 'after))))
; apply of a continuation
(print (call/cc (lambda (k) (apply k '(applied)))))
; a continuation is not caught by catch, but runs finally
(print (call/cc (lambda (k) (try (k 'through) (catch e 'caught-by-catch)))))
