; mutual recursion a million deep, all tail calls
(define (my-even? n) (if (= n 0) #t (my-odd? (- n 1))))
(define (my-odd? n) (if (= n 0) #f (my-even? (- n 1))))
(print (my-even? 1000000))
(print (my-odd? 1000001))
(print (my-even? 1000001))
