; dynamic-wind: before, thunk, after; after runs on return, raise and escape
(define log '())
(define (note x) (set! log (cons x log)))
(define (show) (print (reverse log)) (set! log '()))
(print (dynamic-wind (lambda () (note 'before)) (lambda () (note 'during) 'value) (lambda () (note 'after))))
(show)
(print (try (dynamic-wind (lambda () (note 'before)) (lambda () (car 1)) (lambda () (note 'after)))
            (catch e 'caught)))
(show)
; escaping outwards through two winds runs both afters, innermost first
(print (call/cc (lambda (k)
  (dynamic-wind (lambda () (note 'in1))
    (lambda () (dynamic-wind (lambda () (note 'in2)) (lambda () (k 'out)) (lambda () (note 'out2))))
    (lambda () (note 'out1))))))
(show)
; an escape to a continuation captured inside the wind does not leave it
(print (dynamic-wind (lambda () (note 'in))
  (lambda () (+ 1 (call/cc (lambda (k) (dynamic-wind (lambda () (note 'in-inner)) (lambda () (k 10)) (lambda () (note 'out-inner)))))))
  (lambda () (note 'out))))
(show)
; an escape from inside an after-thunk
(print (call/cc (lambda (k)
  (dynamic-wind (lambda () (note 'in)) (lambda () 'thunk-value) (lambda () (note 'after) (k 'from-after))))))
(show)
; a raise from the before-thunk: the wind was never entered, so no after
(print (try (dynamic-wind (lambda () (throw 'in-before)) (lambda () (note 'thunk)) (lambda () (note 'after))) (catch e e)))
(show)
