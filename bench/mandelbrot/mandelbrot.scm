;; Mandelbrot set: float arithmetic in a tight loop. Counts the points of a
;; 1000x1000 grid over [-1.5, 0.5] x [-1, 1] that stay bounded for 50 iterations.
(define max-iterations 50)

(define (in-set? cr ci)
  (let loop ((zr 0.0) (zi 0.0) (k 0))
    (cond ((= k max-iterations) #t)
          ((> (+ (* zr zr) (* zi zi)) 4.0) #f)
          (else
           (loop (+ (- (* zr zr) (* zi zi)) cr)
                 (+ (* (* 2.0 zr) zi) ci)
                 (+ k 1))))))

(define (count-points size)
  (let rows ((y 0) (count 0))
    (if (= y size)
        count
        (let ((ci (- (/ (* 2.0 y) size) 1.0)))
          (let columns ((x 0) (count count))
            (if (= x size)
                (rows (+ y 1) count)
                (let ((cr (- (/ (* 2.0 x) size) 1.5)))
                  (columns (+ x 1)
                           (if (in-set? cr ci) (+ count 1) count)))))))))

(display (count-points 1000))
(newline)
