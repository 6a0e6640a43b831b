;; Guard pages: an out-of-bounds load in the start function whose value is never
;; used must make instantiation trap (fuzz seeds 64, 97). Expectations are Wasmtime's.
(assert_trap (module
  (type (;0;) (func))
  (memory (;0;) 0 1)
  (global (;0;) (mut i32) i32.const 0)
  (export "memory" (memory 0))
  (export "g" (global 0))
  (start $start)
  (func $start (;0;) (type 0)
    (local i64)
    i32.const 0
    i64.load
    local.set 0
    i32.const 1
    global.set 0
  )
) "out of bounds memory access")
