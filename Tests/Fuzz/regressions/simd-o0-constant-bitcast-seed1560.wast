;; seed 1560: operations on v128.const compile at O0 (LLVM's DAG combiner looped on bitcast constant expressions) and give Wasmtime's results
(module $M
  (type (;0;) (func (result v128)))
  (type (;1;) (func))
  (type (;2;) (func (result i32)))
  (global (;0;) (mut v128) v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
  (export "g" (global 0))
  (export "chain" (func 0))
  (export "chain-store" (func 1))
  (export "nan-bits" (func 2))
  (export "nan-bits-f64" (func 3))
  (export "lanes" (func 4))
  (func (;0;) (type 0) (result v128)
    v128.const i32x4 0x14fada47 0xd1b8db91 0x9a8516c7 0x66ff9500
    v128.const i32x4 0xc2fda662 0xf017ad8e 0xa27cdc6d 0x7a37062a
    i32x4.lt_s
    f64x2.abs
    i32x4.trunc_sat_f32x4_u
    f64x2.promote_low_f32x4
  )
  (func (;1;) (type 1)
    (local v128)
    v128.const i32x4 0x14fada47 0xd1b8db91 0x9a8516c7 0x66ff9500
    v128.const i32x4 0xc2fda662 0xf017ad8e 0xa27cdc6d 0x7a37062a
    i32x4.lt_s
    f64x2.abs
    i32x4.trunc_sat_f32x4_u
    f64x2.promote_low_f32x4
    f32x4.floor
    local.tee 0
    v128.const i32x4 0x7fc00000 0x7fc00000 0x7fc00000 0x7fc00000
    local.get 0
    v128.bitselect
    global.get 0
    v128.xor
    global.set 0
  )
  (func (;2;) (type 0) (result v128)
    v128.const i32x4 0x7fa00001 0xffc00002 0x00000000 0x80000000
    f32x4.abs
  )
  (func (;3;) (type 0) (result v128)
    v128.const i32x4 0x00000001 0x7ff40000 0x00000002 0xfff80000
    f64x2.neg
  )
  (func (;4;) (type 2) (result i32)
    v128.const i32x4 0x04030201 0x08070605 0x0c0b0a09 0x100f0e0d
    v128.const i32x4 0x0000ffff 0x0000ffff 0x0000ffff 0x0000ffff
    i8x16.add
    i16x8.extract_lane_u 7
  )
)
;; after instantiation
(assert_return (get $M "g") (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
(assert_return (invoke $M "chain") (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
(assert_return (get $M "g") (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
(assert_return (invoke $M "chain-store"))
(assert_return (get $M "g") (v128.const i32x4 0x7fc00000 0x7fc00000 0x7fc00000 0x7fc00000))
(assert_return (invoke $M "nan-bits") (v128.const i32x4 0x7fa00001 0x7fc00002 0x00000000 0x00000000))
(assert_return (get $M "g") (v128.const i32x4 0x7fc00000 0x7fc00000 0x7fc00000 0x7fc00000))
(assert_return (invoke $M "nan-bits-f64") (v128.const i32x4 0x00000001 0xfff40000 0x00000002 0x7ff80000))
(assert_return (get $M "g") (v128.const i32x4 0x7fc00000 0x7fc00000 0x7fc00000 0x7fc00000))
(assert_return (invoke $M "lanes") (i32.const 0x0000100f))
(assert_return (get $M "g") (v128.const i32x4 0x7fc00000 0x7fc00000 0x7fc00000 0x7fc00000))
