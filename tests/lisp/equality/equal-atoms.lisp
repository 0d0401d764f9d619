; equal? on numbers, chars, symbols, booleans and nil
(print (equal? 1 1))
(print (equal? 1 1.0))
(print (equal? 2.5 2.5))
(print (equal? #\a #\a))
(print (equal? 'a 'b))
(print (equal? nil '()))
(print (equal? #f nil))
