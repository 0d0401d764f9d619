; < on a symbol
(< 1 'a)
