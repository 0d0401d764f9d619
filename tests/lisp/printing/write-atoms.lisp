; write of atoms: strings quoted, chars as #\x
(write 42) (newline)
(write "quoted") (newline)
(write #\x) (newline)
(write 'sym) (newline)
(write :kw) (newline)
(write #f) (newline)
(write '()) (newline)
