; symbols print by name with their punctuation
(print '(a-b c? d! <= ->e))
(write 'lambda) (newline)
