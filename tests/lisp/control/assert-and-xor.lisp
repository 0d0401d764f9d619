; assert gives nil when its test holds; xor is true for an odd number of
; true arguments.
(print (assert (= 1 1)))
(print (xor #t #f) (xor #t #t) (xor) (xor 1 nil 3 4))
(define (checked-sqrt x)
  (assert (>= x 0) "checked-sqrt: negative argument")
  (sqrt x))
(print (checked-sqrt 16))
(assert (< 2 1))
