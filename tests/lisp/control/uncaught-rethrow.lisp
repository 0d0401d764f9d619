; a caught condition raised again keeps its kind and message; uncaught it
; ends the program with them (the report keeps the first raise's position)
(define (inner) (vector-ref [1 2 3] 10))
(define caught (try (inner) (catch e e)))
(print (exception-kind caught))
(throw caught)
