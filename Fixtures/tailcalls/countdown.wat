;; Deep tail recursion through all three tail-call forms, between functions of
;; different signatures: `countdown(n)` takes n steps, cycling through
;; $direct (return_call), $indirect (return_call_indirect) and $by_ref
;; (return_call_ref), and returns n * (n + 1) / 2 + 7 computed in the
;; accumulator. With ordinary calls 10 million steps would need gigabytes
;; of stack; as tail calls they run in one frame.
(module
  (type $ref_step (func (param i64 f64 i64) (result i64)))
  (type $indirect_step (func (param i32 i64 i64) (result i64)))
  (table 1 funcref)
  (elem (i32.const 0) $indirect)
  (elem declare func $by_ref)

  (func $direct (param $n i64) (param $acc i64) (result i64)
    (if (i64.eqz (local.get $n)) (then (return (i64.add (local.get $acc) (i64.const 7)))))
    (return_call_indirect (type $indirect_step)
      (i32.wrap_i64 (i64.rem_u (local.get $n) (i64.const 1000)))
      (i64.sub (local.get $n) (i64.const 1))
      (i64.add (local.get $acc) (local.get $n))
      (i32.const 0)))

  (func $indirect (type $indirect_step)
    (if (i64.eqz (local.get 1)) (then (return (i64.add (local.get 2) (i64.const 7)))))
    (return_call_ref $ref_step
      (local.get 2)
      (f64.convert_i64_u (local.get 1))
      (i64.sub (local.get 1) (i64.const 1))
      (ref.func $by_ref)))

  (func $by_ref (type $ref_step)
    (local $n i64)
    (local.set $n (i64.trunc_f64_u (local.get 1)))
    (return_call $direct (local.get 2) (i64.add (local.get 0) (local.get $n))))

  (func (export "countdown") (param i64) (result i64)
    (return_call $direct (local.get 0) (i64.const 0)))
)
