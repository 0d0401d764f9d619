; do variables are local to the loop
(define i 'global-i)
(print (do ((i 0 (+ i 1)) (s 0 (+ s i))) ((= i 4) s)))
(print i)
