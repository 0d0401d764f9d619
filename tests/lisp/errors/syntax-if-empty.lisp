; (if) has no test
(if)
