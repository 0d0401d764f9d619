; a macro that defines another macro
(define-macro (def-const-macro name val)
  `(define-macro (,name) ,val))
(def-const-macro the-answer 42)
(print (the-answer))
