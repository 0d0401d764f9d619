; quotient takes integers only
(print (quotient 7 2))
(quotient 7.5 2)
