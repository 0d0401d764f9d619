; quotient by zero
(quotient 5 0)
