; try/catch: the value is the body's, or the handler's after an error
(print (try (+ 1 2) (catch e 'unused)))
(print (try (car 5) (catch e (exception-message e))))
(print (try (/ 1 0) (catch e (exception-kind e))))
(print (try (undefined-thing) (catch e (exception-kind e))))
(print (try ((lambda (x) x)) (catch e (exception-kind e))))
(print (try (vector-ref [1 2] 5) (catch e (exception-kind e))))
(print (try (* 9223372036854775807 2) (catch e (exception-kind e))))
(print (try (error "custom" 1 "two" 'three) (catch e (list (exception-kind e) (exception-message e) (exception-data e)))))
; the engine keeps working after a caught error, and nested trys catch innermost first
(print (try (try (car 1) (catch e (throw 'inner))) (catch e (list 'outer-got e))))
; catch with a parenthesised variable (seed style)
(print (try (throw 7) (catch (e) (* e 6))))
; a try with no catch or finally is its body
(print (try 1 2 3))
; exception objects are values
(define saved (try (car '()) (catch e e)))
(print (exception? saved) (error-object? saved) (exception? 5))
(write saved) (newline)
(print (error-object-message saved) (error-object-irritants saved))
