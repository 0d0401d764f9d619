; the loop name is an ordinary procedure: it can be called non-tail
(print (let count ((l '(a b c d))) (if (null? l) 0 (+ 1 (count (cdr l))))))
