;; N-queens with lists: counts the solutions for a 12x12 board, placing one
;; queen per column from a list of remaining rows (cons, append, car/cdr).
(define (ok? row dist placed)
  (cond ((null? placed) #t)
        ((= (car placed) (+ row dist)) #f)
        ((= (car placed) (- row dist)) #f)
        (else (ok? row (+ dist 1) (cdr placed)))))

;; candidates: rows not yet tried in this column; rejected: rows tried and
;; put aside; placed: the rows of the queens already on the board.
(define (try-rows candidates rejected placed)
  (if (null? candidates)
      (if (null? rejected) 1 0)
      (+ (if (ok? (car candidates) 1 placed)
             (try-rows (append (cdr candidates) rejected)
                       '()
                       (cons (car candidates) placed))
             0)
         (try-rows (cdr candidates)
                   (cons (car candidates) rejected)
                   placed))))

(define (rows-from-1 n)
  (let loop ((i n) (acc '()))
    (if (= i 0)
        acc
        (loop (- i 1) (cons i acc)))))

(define (queens n)
  (try-rows (rows-from-1 n) '() '()))

(display (queens 12))
(newline)
