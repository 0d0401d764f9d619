; unary minus of the smallest i64
(- (- -9223372036854775807 1))
