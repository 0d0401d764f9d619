; symbols are case-sensitive
(print (eq? 'abc 'abc))
(print (eq? 'abc 'ABC))
(print 'MixedCase)
