; the bodies of let, let*, letrec and begin are tail positions
(define (a n) (let ((m (- n 1))) (if (< m 0) 'let-done (a m))))
(print (a 1000000))
(define (b n) (let* ((m (- n 1)) (k m)) (if (< k 0) 'let*-done (b k))))
(print (b 1000000))
(define (c n) (letrec ((m (- n 1))) (if (< m 0) 'letrec-done (c m))))
(print (c 1000000))
(define (d n) (begin 1 2 (if (= n 0) 'begin-done (d (- n 1)))))
(print (d 1000000))
