;; Exception handling for `wasmex run --invoke` (see CLIRunTests):
;;   safe_div a b    a / b, or -1 when b is 0 (thrown three frames down, caught here)
;;   checked_sum n   1 + 2 + ... + n, throwing $overflow (uncaught) past 65535
;; Built with `.venv/bin/wasm-tools parse exceptions.wat -o exceptions.wasm`.
(module
  (tag $division_by_zero (param i32))
  (tag $overflow (export "overflow") (param i32 i32))

  (func $check (param $a i32) (param $b i32)
    (if (i32.eqz (local.get $b)) (then (throw $division_by_zero (local.get $a)))))

  (func $divide (param $a i32) (param $b i32) (result i32)
    (call $check (local.get $a) (local.get $b))
    (i32.div_s (local.get $a) (local.get $b)))

  (func (export "safe_div") (param $a i32) (param $b i32) (result i32)
    (block $failed (result i32)
      (try_table (result i32) (catch $division_by_zero $failed)
        (call $divide (local.get $a) (local.get $b)))
      (return))
    (drop)
    (i32.const -1))

  (func (export "checked_sum") (param $n i32) (result i32)
    (local $i i32) (local $sum i32)
    (block $done
      (loop $next
        (br_if $done (i32.gt_u (local.get $i) (local.get $n)))
        (local.set $sum (i32.add (local.get $sum) (local.get $i)))
        (if (i32.gt_u (local.get $sum) (i32.const 65535))
          (then (throw $overflow (local.get $i) (local.get $sum))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $sum)))
