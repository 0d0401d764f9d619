; Scheme semantics for each sign combination
(print (quotient 17 5) " " (remainder 17 5) " " (modulo 17 5))
(print (quotient -17 5) " " (remainder -17 5) " " (modulo -17 5))
(print (quotient 17 -5) " " (remainder 17 -5) " " (modulo 17 -5))
(print (quotient -17 -5) " " (remainder -17 -5) " " (modulo -17 -5))
(print (quotient 10 5) " " (remainder 10 5) " " (modulo -10 5))
