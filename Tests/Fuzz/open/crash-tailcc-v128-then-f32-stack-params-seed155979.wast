(module
  (func $g (param v128 v128 v128 v128 v128 v128 v128 v128 v128 f32) (result f32) (local.get 9))
  (func (export "f") (result f32)
    (call $g (v128.const i64x2 0 0) (v128.const i64x2 0 0) (v128.const i64x2 0 0) (v128.const i64x2 0 0)
             (v128.const i64x2 0 0) (v128.const i64x2 0 0) (v128.const i64x2 0 0) (v128.const i64x2 0 0)
             (v128.const i64x2 0 0) (f32.const 1.5))))
(assert_return (invoke "f") (f32.const 1.5))
