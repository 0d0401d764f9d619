; an infinity has no parity
(even? +inf.0)
