; number? integer? float? -- integer? means an i64 value
(print (list (number? 1) (number? 1.5) (number? "1") (number? 'a)))
(print (list (integer? 1) (integer? 1.0) (integer? 1.5) (integer? "1")))
(print (list (float? 1.0) (float? 1) (float? 'x)))
