(module
  (memory i32 16)
  (func (export "run") (param $reps i32) (result i32)
    (local $i i32) (local $sum i32)
    (loop $outer
      (local.set $i (i32.const 0))
      (loop $inner
        (local.set $sum (i32.add (local.get $sum) (i32.load (local.get $i))))
        (i32.store offset=4 (local.get $i) (local.get $sum))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br_if $inner (i32.lt_u (local.get $i) (i32.const 1048568))))
      (local.set $reps (i32.sub (local.get $reps) (i32.const 1)))
      (br_if $outer (local.get $reps)))
    (local.get $sum)))
