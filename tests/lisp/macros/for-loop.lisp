; a counting loop macro expanding into do
(define-macro (for spec . body)
  (let ((var (car spec)) (from (cadr spec)) (to (caddr spec)))
    `(do ((,var ,from (+ ,var 1))) ((>= ,var ,to)) ,@body)))
(for (i 0 5) (display i))
(newline)
(for (i 0 3) (for (j 0 2) (display (list i j))))
(newline)
