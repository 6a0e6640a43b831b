;; Guard pages: an out-of-bounds load whose value is never used must still trap, and
;; stores before it must stay (the issue's example; fuzz seeds 14, 17, 32, 37).
;; Expectations are Wasmtime's.
(module $M
  (type (;0;) (func (result i32)))
  (type (;1;) (func))
  (memory (;0;) 1 1)
  (global $g (;0;) (mut i32) i32.const 0)
  (export "memory" (memory 0))
  (export "g" (global $g))
  (export "left-on-stack" (func 0))
  (export "unused-local" (func 1))
  (export "store-then-trap" (func 2))
  (export "dead-v128-load" (func 3))
  (func (;0;) (type 0) (result i32)
    i32.const 65536
    i32.load
    i32.const 7
    return
  )
  (func (;1;) (type 0) (result i32)
    (local i32)
    i32.const 65536
    i32.load
    local.set 0
    i32.const 7
  )
  (func (;2;) (type 0) (result i32)
    i32.const 1
    global.set $g
    i32.const 65536
    i32.load
    i32.const 2
    global.set $g
    i32.const 7
    return
  )
  (func (;3;) (type 1)
    i32.const 65528
    v128.load
    i8x16.bitmask
    drop
  )
)
(register "fuzzed" $M)
(module $mem0
  (import "fuzzed" "memory" (memory 0))
  (func (export "size") (result i32) (memory.size))
  (func (export "crc32") (result i32) (local $i i32) (local $end i32) (local $crc i32) (local $bit i32)
    (local.set $end (i32.mul (memory.size) (i32.const 65536)))
    (local.set $crc (i32.const -1))
    (block $done
      (loop $bytes
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $crc (i32.xor (local.get $crc) (i32.load8_u (local.get $i))))
        (local.set $bit (i32.const 8))
        (loop $bits
          (local.set $crc (i32.xor (i32.shr_u (local.get $crc) (i32.const 1))
                                   (i32.and (i32.const 0xEDB88320)
                                            (i32.sub (i32.const 0) (i32.and (local.get $crc) (i32.const 1))))))
          (local.set $bit (i32.sub (local.get $bit) (i32.const 1)))
          (br_if $bits (local.get $bit)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $bytes)))
    (i32.xor (local.get $crc) (i32.const -1))))

;; after instantiation
(assert_return (get $M "g") (i32.const 0x00000000))
(assert_return (invoke $mem0 "size") (i32.const 1))
(assert_return (invoke $mem0 "crc32") (i32.const 0xd7978eeb))
(assert_trap (invoke $M "left-on-stack") "out of bounds memory access")
(assert_return (get $M "g") (i32.const 0x00000000))
(assert_return (invoke $mem0 "size") (i32.const 1))
(assert_return (invoke $mem0 "crc32") (i32.const 0xd7978eeb))
(assert_trap (invoke $M "unused-local") "out of bounds memory access")
(assert_return (get $M "g") (i32.const 0x00000000))
(assert_return (invoke $mem0 "size") (i32.const 1))
(assert_return (invoke $mem0 "crc32") (i32.const 0xd7978eeb))
(assert_trap (invoke $M "store-then-trap") "out of bounds memory access")
(assert_return (get $M "g") (i32.const 0x00000001))
(assert_return (invoke $mem0 "size") (i32.const 1))
(assert_return (invoke $mem0 "crc32") (i32.const 0xd7978eeb))
(assert_trap (invoke $M "dead-v128-load") "out of bounds memory access")
(assert_return (get $M "g") (i32.const 0x00000001))
(assert_return (invoke $mem0 "size") (i32.const 1))
(assert_return (invoke $mem0 "crc32") (i32.const 0xd7978eeb))
