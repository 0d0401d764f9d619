; where an exception was first raised: its location (file line column) and
; Elle stack, innermost first (file names left out here: they depend on
; where the test runs)
(define (inner x) (car x))
(define (outer x) (+ 1 (inner x)))
(define e (try (outer 5) (catch c c)))
(write (cdr (exception-location e))) (newline)
(for-each (lambda (frame) (write (cons (car frame) (cddr frame))) (newline))
          (exception-stack e))
(write (string? (car (exception-location e)))) (newline)
; raising it again keeps both
(define again (try (raise e) (catch c c)))
(write (equal? (exception-stack again) (exception-stack e))) (newline)
; an error made by `error` records where it was raised
(define (fail) (error "failed" 1))
(write (cdr (exception-location (try (fail) (catch c c))))) (newline)
