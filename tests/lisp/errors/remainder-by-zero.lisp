; remainder by zero
(remainder 5 0)
