; Scheme do: bindings, steps, test, result
(print (do ((i 0 (+ i 1)) (acc nil (cons i acc))) ((= i 5. acc)))
(do ((i 0 (+ i 1))) ((= i 3)) (display i) (display " "))
(newline)
(print (do ((i 1 (+ i 1))
(print (vector-length #()))) (p 1 (* p i))) ((> i 5) p)))
