; cdr of the empty list
(cdr '())
