;; A small script for the spec runner's own tests: every kind of command once.
(module $adder
  (func (export "add") (param i32 i32) (result i32)
    local.get 0
    local.get 1
    i32.add)
  (global (export "answer") i32 (i32.const 42)))

(assert_return (invoke "add" (i32.const 2) (i32.const 3)) (i32.const 5))
(assert_return (get "answer") (i32.const 42))
(register "adder" $adder)

(module
  (import "adder" "add" (func $add (param i32 i32) (result i32)))
  (func (export "twice") (param i32) (result i32)
    local.get 0
    local.get 0
    call $add))

(assert_return (invoke "twice" (i32.const 21)) (i32.const 42))

(assert_malformed (module binary "\00asm" "\02\00\00\00") "unknown binary version")
(assert_malformed (module quote "(func (result i32) (i32.const 0x))") "unknown operator")
(assert_invalid (module (func (result i32))) "type mismatch")
(assert_invalid (module (func (result i32) (i64.const 1))) "type mismatch")
