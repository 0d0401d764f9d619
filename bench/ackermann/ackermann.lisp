;; Ackermann function A(3, 10): very many calls and a recursion depth of
;; about 8,000 frames.
(define (ack m n)
  (cond ((= m 0) (+ n 1))
        ((= n 0) (ack (- m 1) 1))
        (else (ack (- m 1) (ack m (- n 1))))))

(display (ack 3 10))
(newline)
