;;; The Elle half of the builtins: procedures that call procedures.
;;; Run once when an engine starts; each definition is an ordinary global.
;;; While it is compiled, a reference to a global that already has a value
;;; is bound to that value, so each definition may use only builtins and
;;; the definitions above it (a program redefining them cannot break these).

(define (%list-end who l result)
  (if (null? l) result (%type-error who "a proper list" l)))

(define (%any-null? ls)
  (if (pair? ls) (if (pair? (car ls)) (%any-null? (cdr ls)) #t) #f))

(define (%cars ls)
  (if (pair? ls) (cons (car (car ls)) (%cars (cdr ls))) '()))

(define (%cdrs ls)
  (if (pair? ls) (cons (cdr (car ls)) (%cdrs (cdr ls))) '()))


(define (map f lst . more)
  (if (null? more)
      (let loop ((l (%proper-list 'map lst)) (acc '()))
        (if (pair? l)
            (loop (cdr l) (cons (f (car l)) acc))
            (%list-end 'map l (reverse! acc))))
      (let loop ((ls (%finite-lists 'map (cons lst more))) (acc '()))
        (if (%any-null? ls)
            (reverse! acc)
            (loop (%cdrs ls) (cons (apply f (%cars ls)) acc))))))

(define (for-each f lst . more)
  (if (null? more)
      (let loop ((l (%proper-list 'for-each lst)))
        (if (pair? l)
            (begin (f (car l)) (loop (cdr l)))
            (%list-end 'for-each l nil)))
      (let loop ((ls (%finite-lists 'for-each (cons lst more))))
        (if (%any-null? ls)
            nil
            (begin (apply f (%cars ls)) (loop (%cdrs ls)))))))

(define (filter pred lst)
  (let loop ((l (%proper-list 'filter lst)) (acc '()))
    (if (pair? l)
        (loop (cdr l) (if (pred (car l)) (cons (car l) acc) acc))
        (%list-end 'filter l (reverse! acc)))))

(define (remove pred lst)
  (filter (lambda (x) (not (pred x))) lst))

(define (fold f init lst)
  (let loop ((acc init) (l (%proper-list 'fold lst)))
    (if (pair? l)
        (loop (f acc (car l)) (cdr l))
        (%list-end 'fold l acc))))

(define (fold-left f init lst) (fold f init lst))

(define (fold-right f init lst)
  (let loop ((l (reverse lst)) (acc init))
    (if (pair? l)
        (loop (cdr l) (f (car l) acc))
        acc)))

(define (reduce f init lst)
  (if (pair? (%proper-list 'reduce lst)) (fold f (car lst) (cdr lst)) init))

(define (any pred lst)
  (let loop ((l (%proper-list 'any lst)))
    (if (pair? l) (or (pred (car l)) (loop (cdr l))) #f)))

(define (every pred lst)
  (let loop ((l (%proper-list 'every lst)) (last #t))
    (if (pair? l)
        (let ((r (pred (car l)))) (if r (loop (cdr l) r) #f))
        last)))

(define (vector-map f v)
  (list->vector (map f (vector->list v))))

(define (vector-for-each f v)
  (for-each f (vector->list v)))

;;; `sort`: a stable bottom-up merge sort of a fresh vector. Every loop is
;;; a tail call, so the stack stays flat for any length, and nothing is
;;; allocated per element beyond the vector and one auxiliary vector.

;; Sorts v[lo, hi) in place by stable insertion.
(define (%sort-insert! v lo hi less?)
  (let outer ((i (+ lo 1)))
    (if (< i hi)
        (let ((x (vector-ref v i)))
          (let inner ((j i))
            (if (if (> j lo) (less? x (vector-ref v (- j 1))) #f)
                (begin (vector-set! v j (vector-ref v (- j 1))) (inner (- j 1)))
                (vector-set! v j x)))
          (outer (+ i 1))))))

;; Copies src[i, end) into dst from index k.
(define (%sort-copy! src i end dst k)
  (let loop ((i i) (k k))
    (if (< i end)
        (begin (vector-set! dst k (vector-ref src i)) (loop (+ i 1) (+ k 1))))))

;; Merges the sorted v[lo, mid) and v[mid, hi) in place through aux; an
;; equal element of the left part goes first (stability). Nothing moves
;; when the two parts are already in order.
(define (%sort-merge! v aux lo mid hi less?)
  (if (less? (vector-ref v mid) (vector-ref v (- mid 1)))
      (let ((m (- mid lo)))
        (%sort-copy! v lo mid aux 0)
        (let loop ((i 0) (x (vector-ref aux 0)) (j mid) (y (vector-ref v mid)) (k lo))
          (if (less? y x)
              (begin
                (vector-set! v k y)
                (if (< (+ j 1) hi)
                    (loop i x (+ j 1) (vector-ref v (+ j 1)) (+ k 1))
                    (%sort-copy! aux i m v (+ k 1))))
              (begin
                (vector-set! v k x)
                (if (< (+ i 1) m)
                    (loop (+ i 1) (vector-ref aux (+ i 1)) j y (+ k 1)))))))))

;; Merges each pair of neighbouring sorted blocks of width w in v.
(define (%sort-pass! v aux n w less?)
  (let loop ((lo 0))
    (if (< (+ lo w) n)
        (let* ((mid (+ lo w)) (hi (if (< (+ mid w) n) (+ mid w) n)))
          (%sort-merge! v aux lo mid hi less?)
          (loop hi)))))

;; Sorts vector v in place: insertion sort of blocks of 8, then merge
;; passes of doubling width. Returns v.
(define (%sort-vector! v less?)
  (let ((n (vector-length v)))
    (let blocks ((lo 0))
      (if (< lo n)
          (let ((hi (if (< (+ lo 8) n) (+ lo 8) n)))
            (%sort-insert! v lo hi less?)
            (blocks hi))))
    (if (> n 8)
        (let ((aux (make-vector n)))
          (let passes ((w 8))
            (if (< w n)
                (begin (%sort-pass! v aux n w less?) (passes (* w 2)))))))
    v))

(define (sort seq less?)
  (cond ((vector? seq) (%sort-vector! (vector-copy seq) less?))
        ((list? seq) (vector->list (%sort-vector! (list->vector seq) less?)))
        (else (%type-error 'sort "a list or vector" seq))))

;;; Non-local control (the handler forms are compiled by the VM; see
;;; core/src/vm/handlers.rs).

(define (%procedure who p)
  (if (procedure? p) p (%type-error who "a procedure" p)))

(define (call-with-current-continuation f)
  (%procedure 'call/cc f)
  (%escape k (f k)))

(define call/cc call-with-current-continuation)

(define (dynamic-wind before thunk after)
  (%procedure 'dynamic-wind before)
  (%procedure 'dynamic-wind thunk)
  (%procedure 'dynamic-wind after)
  (before)
  (%finally (thunk) (after)))

(define (with-exception-handler handler thunk)
  (%procedure 'with-exception-handler handler)
  (%procedure 'with-exception-handler thunk)
  (%with-handler handler (thunk)))

;; How the VM calls a handler procedure where a raise happened: the
;; handler of a `raise` must not return; that of `raise-continuable`
;; returns to the raiser, after the mask it ran under is removed.
(define (%call-handler handler obj)
  (handler obj)
  (%handler-returned obj))

(define (%call-handler-continuable handler obj)
  (let ((v (handler obj)))
    (%pop-handler)
    v))

(define (call-with-values producer consumer)
  (%procedure 'call-with-values producer)
  (%procedure 'call-with-values consumer)
  (apply consumer (%values->list (producer))))
