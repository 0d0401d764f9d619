; calling an escape continuation after its call/cc returned is a clear,
; catchable error; the engine goes on
(define saved #f)
(print (+ 1 (call/cc (lambda (k) (set! saved k) 1))))
(print (try (saved 5) (catch e (list (exception-kind e) (exception-message e)))))
(print 'still-running)
(saved 6)
