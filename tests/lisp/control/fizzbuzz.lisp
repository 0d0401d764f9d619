; classic fizzbuzz with cond and modulo
(define (fb n)
  (cond ((= 0 (modulo n 15)) "FizzBuzz")
        ((= 0 (modulo n 3)) "Fizz")
        ((= 0 (modulo n 5)) "Buzz")
        (else n)))
(do ((i 1 (+ i 1))) ((> i 15))
  (print (fb i)))
