; |most negative integer| is not an i64
(lcm -9223372036854775808 1)
