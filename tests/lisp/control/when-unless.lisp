; when/unless run their body or give nil
(print (when #t 1 2 3))
(print (when #f 1))
(print (unless #f 'a 'b))
(print (unless #t 'a))
(when (> 3 2) (display "when-body ") (display "runs") (newline))
(unless (> 3 2) (display "never") (newline))
