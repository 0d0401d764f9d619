; a base other than 0, 1 and -1 with a huge exponent overflows
(print (expt 1 4294967296))
(expt 3 4294967296)
