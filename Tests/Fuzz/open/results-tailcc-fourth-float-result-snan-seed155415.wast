(module
  (func $g (result v128 v128 f64 i64 f32)
    (v128.const i64x2 1 2) (v128.const i64x2 3 4) (f64.const 1) (i64.const 5) (f32.const nan:0x100fe1))
  (func (export "f") (result v128 v128 f64 i64 f32) (call $g))
  (func (export "last") (result i32) (call $g) (i32.reinterpret_f32) (return)))
(assert_return (invoke "f") (v128.const i64x2 1 2) (v128.const i64x2 3 4) (f64.const 1) (i64.const 5) (f32.const nan:0x100fe1))
(assert_return (invoke "last") (i32.const 0x7f900fe1))
