; an error raised deep in a call chain stops the program
(define (check n)
  (if (> n 3) (error "too big:" n) n))
(define (walk l) (for-each (lambda (x) (print (check x))) l))
(walk '(1 2 3 4 5))
