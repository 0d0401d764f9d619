; a macro that expands into a define
(define-macro (defn name args . body)
  `(define (,name ,@args) ,@body))
(defn add3 (a b c) (+ a b c))
(print (add3 1 2 3))
(defn greet (who) (string-append "hi " who))
(print (greet "bob"))
