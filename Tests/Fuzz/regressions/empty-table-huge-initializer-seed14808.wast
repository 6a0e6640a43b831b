;; Differential fuzzing: Wasmex (every mode) diverged from Wasmtime at instantiation.
;; From seed14808, reduced by hand; expectations are Wasmtime's.
;; Found: instantiate: wasmtime None, wasmex allocation-failure. A table of 0
;; elements whose initializer allocates an array of 838,421,737 references
;; (6.2 GiB): nothing stores the array, and Wasmtime does not evaluate it.
(module
  (type $refs (array (mut nullref)))
  (table $t (export "t") i64 0 58 anyref (array.new_default $refs (i32.const 838421737)))
  (func (export "size") (result i64) (table.size $t)))
(assert_return (invoke "size") (i64.const 0))
