; input ends inside a vector
(define v [1 2 3
