; case works on chars, keywords and booleans
(define (kind c) (case c ((#\a #\e #\i #\o #\u) 'vowel) ((#\space) 'space) (else 'consonant)))
(print (kind #\e) " " (kind #\z) " " (kind #\space))
(print (case :x ((:y) 'ky) ((:x) 'kx) (else 'no)))
(print (case #f ((#t) 'yes) ((#f) 'no)))
