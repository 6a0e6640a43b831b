;; Structs, arrays, i31 values and casts for the GC API tests (GCTests.swift).
(module
  (type $point (struct (field $x (mut i32)) (field $y i64)))
  (type $bytes (array (mut i8)))
  (type $box (struct (field $value (mut anyref))))
  (type $other (struct (field f64)))

  (global $kept (mut anyref) (ref.null any))

  (func (export "make_point") (param i32 i64) (result (ref $point))
    (struct.new $point (local.get 0) (local.get 1)))
  (func (export "point_x") (param (ref null $point)) (result i32)
    (struct.get $point $x (local.get 0)))
  (func (export "set_x") (param (ref null $point) i32)
    (struct.set $point $x (local.get 0) (local.get 1)))
  (func (export "make_bytes") (param $fill i32) (param $count i32) (result (ref $bytes))
    (array.new $bytes (local.get $fill) (local.get $count)))
  (func (export "byte_s") (param (ref null $bytes) i32) (result i32)
    (array.get_s $bytes (local.get 0) (local.get 1)))
  (func (export "make_other") (result (ref $other)) (struct.new $other (f64.const 1.5)))
  (func (export "i31_get_s") (param i31ref) (result i32) (i31.get_s (local.get 0)))
  (func (export "make_i31") (param i32) (result i31ref) (ref.i31 (local.get 0)))
  (func (export "internalize") (param externref) (result anyref) (any.convert_extern (local.get 0)))
  (func (export "externalize") (param anyref) (result externref) (extern.convert_any (local.get 0)))
  (func (export "as_point") (param anyref) (result (ref $point))
    (ref.cast (ref $point) (local.get 0)))
  (func (export "is_point") (param anyref) (result i32)
    (ref.test (ref $point) (local.get 0)))
  (func (export "keep") (param anyref) (global.set $kept (local.get 0)))
  (func (export "kept") (result anyref) (global.get $kept))
  ;; Allocates `count` boxes of 1 KiB byte arrays and drops them all.
  (func (export "churn") (param $count i32)
    (loop $again
      (if (local.get $count)
        (then
          (drop (struct.new $box (array.new_default $bytes (i32.const 1024))))
          (local.set $count (i32.sub (local.get $count) (i32.const 1)))
          (br $again)))))
)
