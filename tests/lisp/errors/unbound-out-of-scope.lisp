; a let-bound variable is not visible outside its body
(let ((local 1)) (print local))
(print local)
