; sort is stable: elements that compare equal keep their order
(define (car< a b) (< (car a) (car b)))
(print (sort '((2 . a) (1 . b) (2 . c) (1 . d) (0 . e) (2 . f) (1 . g)) car<))
(print (sort (list->vector '((1 . a) (1 . b) (1 . c) (0 . d))) car<))
; a descending run of equal keys is not reversed
(print (sort '((3 . a) (2 . b) (2 . c) (1 . d) (1 . e)) car<))
; many equal keys: within each key the tags stay ascending
(define items
  (let loop ((i 0) (acc '()))
    (if (= i 2000) (reverse acc) (loop (+ i 1) (cons (cons (modulo (* i 37) 5) i) acc)))))
(define sorted (sort items car<))
(define (stable? l)
  (let loop ((l l))
    (cond ((or (null? l) (null? (cdr l))) #t)
          ((car< (cadr l) (car l)) #f)
          ((and (= (car (car l)) (car (cadr l))) (> (cdr (car l)) (cdr (cadr l)))) #f)
          (else (loop (cdr l))))))
(print (length sorted) " " (stable? sorted) " " (stable? items))
