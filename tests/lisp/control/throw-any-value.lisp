; throw and raise carry any value unchanged to catch and guard
(define (thrower v) (throw v))
(for-each (lambda (v) (write (try (thrower v) (catch e e))) (newline))
          (list 1 2.5 "str" #\c 'sym :kw nil #f (list 1 2) [1 2] {:a 1}))
(print (eq? (try (raise car) (catch e e)) car))
(define obj (list 'unique))
(print (eq? (try (raise obj) (catch e e)) obj))
