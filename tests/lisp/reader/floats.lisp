; float literals: decimal point, exponent, leading dot
(print 1.5)
(print -2e10)
(print .5)
(print 2.0)
(print 1e3)
(print 0.1)
(print -0.25)
(print 3.14159)
