; structs and tables are neither lists, vectors nor procedures
(print (list (vector? {:a 1}) (list? @{}) (procedure? {}) (pair? {:a 1}) (null? {})))
