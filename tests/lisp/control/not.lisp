; not is true only for #f and nil
(print (list (not #f) (not nil) (not 0) (not '()) (not "") (not 'a) (not #t)))
