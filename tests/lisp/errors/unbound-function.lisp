; calling an undefined function
(print 1)
(no-such-function 1 2)
