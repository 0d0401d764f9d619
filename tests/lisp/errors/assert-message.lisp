; a failed assert with a message raises a user error
(define (f x) (assert (number? x) "f: expected a number") x)
(print (f 1))
(f "a")
