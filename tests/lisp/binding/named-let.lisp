; named let as a loop
(print (let loop ((i 1) (acc 0)) (if (> i 100) acc (loop (+ i 1) (+ acc i)))))
(print (let build ((i 5) (acc nil)) (if (= i 0) acc (build (- i 1) (cons i acc)))))
(print (let noop () 'no-bindings))
