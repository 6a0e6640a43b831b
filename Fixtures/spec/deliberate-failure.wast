;; This script must fail: the module under assert_invalid is perfectly valid.
(module (func (export "ok")))
(assert_invalid (module (func (result i32) (i32.const 1))) "type mismatch")
