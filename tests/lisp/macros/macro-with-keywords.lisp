; macro arguments may be keywords and strings
(define-macro (tagged tag . vals) `(list ,tag ,@vals))
(print (tagged :point 1 2))
(print (tagged "label" 'x))
