; Euclid's algorithm with remainder
(define (gcd a b) (if (= b 0) a (gcd b (remainder a b))))
(define (lcm a b) (quotient (* a b) (gcd a b)))
(print (gcd 48 18))
(print (gcd 17 5))
(print (lcm 4 6))
(print (lcm 21 6))
