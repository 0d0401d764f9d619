; |most negative integer| is not an i64
(gcd -9223372036854775808 0)
