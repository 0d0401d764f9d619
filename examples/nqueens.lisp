;;; nqueens.lisp -- count the solutions of the N-queens puzzle.
;;;
;;; Places one queen per row, keeping the columns of the queens placed so
;;; far in a list; a new queen is safe when no earlier queen shares its
;;; column or a diagonal.
;;;
;;; Expected output (solution counts for N = 8, 9, 10):
;;;   92
;;;   352
;;;   724

;; Is column `col` safe, given `placed` = columns of the rows above,
;; nearest row first?
(define (safe? col placed)
  (let loop ((rest placed) (distance 1))
    (cond ((null? rest) #t)
          ((= (car rest) col) #f)
          ((= (abs (- (car rest) col)) distance) #f)
          (else (loop (cdr rest) (+ distance 1))))))

;; Number of ways to complete a board of size n with `row` rows filled.
(define (count-from n row placed)
  (if (= row n)
      1
      (let loop ((col 0) (total 0))
        (if (= col n)
            total
            (loop (+ col 1)
                  (if (safe? col placed)
                      (+ total (count-from n (+ row 1) (cons col placed)))
                      total))))))

(define (queens n) (count-from n 0 nil))

(print (queens 8))
(print (queens 9))
(print (queens 10))
