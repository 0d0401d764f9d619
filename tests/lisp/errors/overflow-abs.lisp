; abs of the smallest i64
(abs (- -9223372036854775807 1))
