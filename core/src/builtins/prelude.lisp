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
      (let loop ((l lst) (acc '()))
        (if (pair? l)
            (loop (cdr l) (cons (f (car l)) acc))
            (%list-end 'map l (reverse! acc))))
      (let loop ((ls (cons lst more)) (acc '()))
        (if (%any-null? ls)
            (reverse! acc)
            (loop (%cdrs ls) (cons (apply f (%cars ls)) acc))))))

(define (for-each f lst . more)
  (if (null? more)
      (let loop ((l lst))
        (if (pair? l)
            (begin (f (car l)) (loop (cdr l)))
            (%list-end 'for-each l nil)))
      (let loop ((ls (cons lst more)))
        (if (%any-null? ls)
            nil
            (begin (apply f (%cars ls)) (loop (%cdrs ls)))))))

(define (filter pred lst)
  (let loop ((l lst) (acc '()))
    (if (pair? l)
        (loop (cdr l) (if (pred (car l)) (cons (car l) acc) acc))
        (%list-end 'filter l (reverse! acc)))))

(define (remove pred lst)
  (filter (lambda (x) (not (pred x))) lst))

(define (fold f init lst)
  (let loop ((acc init) (l lst))
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
  (if (pair? lst) (fold f (car lst) (cdr lst)) init))

(define (any pred lst)
  (let loop ((l lst))
    (if (pair? l) (or (pred (car l)) (loop (cdr l))) #f)))

(define (every pred lst)
  (let loop ((l lst) (last #t))
    (if (pair? l)
        (let ((r (pred (car l)))) (if r (loop (cdr l) r) #f))
        last)))

(define (vector-map f v)
  (list->vector (map f (vector->list v))))

(define (vector-for-each f v)
  (for-each f (vector->list v)))

(define (sort lst less?)
  (define (merge a b)
    (cond ((null? a) b)
          ((null? b) a)
          ((less? (car b) (car a)) (cons (car b) (merge a (cdr b))))
          (else (cons (car a) (merge (cdr a) b)))))
  (define (split l)
    (if (or (null? l) (null? (cdr l)))
        (cons l '())
        (let ((halves (split (cddr l))))
          (cons (cons (car l) (car halves)) (cons (cadr l) (cdr halves))))))
  (define (msort l)
    (if (or (null? l) (null? (cdr l)))
        l
        (let ((halves (split l)))
          (merge (msort (car halves)) (msort (cdr halves))))))
  (if (vector? lst)
      (list->vector (msort (vector->list lst)))
      (msort lst)))

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
