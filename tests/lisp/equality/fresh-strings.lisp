; equal strings built at run time are equal? but not eq?
(define a (string-append "ab" "c"))
(define b (string-append "a" "bc"))
(print (equal? a b))
(print (eq? a b))
(print (eq? a a))
(print (string=? a b))
