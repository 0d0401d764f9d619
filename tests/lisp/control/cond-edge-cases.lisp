; a clause with only a test returns the test value; no match gives nil
(print (cond (#f 1)))
(print (cond ((assq 'x '()) 1)))
(print (cond (5)))
(print (cond (#f) (7)))
(print (cond (nil 1) (else 'fallback)))
