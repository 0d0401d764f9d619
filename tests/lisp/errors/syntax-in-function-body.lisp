; a malformed form inside a function body is found before the function runs
(define (f x) (if))
