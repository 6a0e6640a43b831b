;; A module touching every part `wasmex inspect` describes.
(module
  (import "env" "log" (func $log (param i32)))
  (import "env" "limit" (global $limit i32))
  (memory (export "memory") 1 4)
  (table (export "table") 2 funcref)
  (global $counter (mut i64) (i64.const 7))
  (func $inc (export "inc") (param i32) (result i32)
    local.get 0
    i32.const 1
    i32.add)
  (func $init
    i32.const 0
    call $log)
  (export "counter" (global $counter))
  (start $init)
  (elem (i32.const 0) $inc $init)
  (data (i32.const 16) "hello"))
