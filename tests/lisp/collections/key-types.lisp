; strings, numbers and symbols as keys
(print {"a" 1 "b" 2})
(print {1 :one 2 :two})
(print {'sym 'val})
