;; Differential fuzzing: a guest crashed the host (SIGSEGV), every mode that does not
;; inline the callee. A call putting a v128 and then an f32 on the stack (nine v128
;; parameters and an f32, past the eight XMM argument registers): under LLVM 19's x86-64
;; `tailcc` the callee popped 24 bytes (`retq $24`) and the caller re-adjusted rsp by 40,
;; so the caller returned to a wrong address. Fixed by carrying floating-point and vector
;; values past their registers as integers (SignatureLowering). From seed155979, minimised
;; by hand; the modules after the first cover the same lowering in tail calls, indirect
;; calls, calls across instances, signalling NaNs and loops hot enough for tier-up.
(module
  (func $g (param v128 v128 v128 v128 v128 v128 v128 v128 v128 f32) (result f32) (local.get 9))
  (func (export "f") (result f32)
    (call $g (v128.const i64x2 0 0) (v128.const i64x2 0 0) (v128.const i64x2 0 0) (v128.const i64x2 0 0)
             (v128.const i64x2 0 0) (v128.const i64x2 0 0) (v128.const i64x2 0 0) (v128.const i64x2 0 0)
             (v128.const i64x2 0 0) (f32.const 1.5))))
(assert_return (invoke "f") (f32.const 1.5))

;; Parameters of every kind past the registers, values read back bit for bit.
(module $A
  (type $wide (func (param v128 v128 v128 v128 v128 v128 v128 v128 v128 f32 f64 v128 i32 f32) (result v128)))
  (table 1 funcref)
  (elem (i32.const 0) $wide)
  (func $wide (export "wide") (type $wide)
    ;; lanes: the 9th v128's low half, the f32's bits, the f64's low bits... folded into one v128
    (i64x2.add
      (i64x2.add (local.get 8) (local.get 11))
      (i64x2.replace_lane 1
        (i64x2.splat (i64.reinterpret_f64 (local.get 10)))
        (i64.add (i64.extend_i32_u (i32.reinterpret_f32 (local.get 9)))
                 (i64.add (i64.extend_i32_u (local.get 12))
                          (i64.shl (i64.extend_i32_u (i32.reinterpret_f32 (local.get 13))) (i64.const 32)))))))
  (func $args (param $x f32) (param $y f64) (param $v v128) (result v128)
    (call $wide (v128.const i64x2 1 1) (v128.const i64x2 2 2) (v128.const i64x2 3 3) (v128.const i64x2 4 4)
                (v128.const i64x2 5 5) (v128.const i64x2 6 6) (v128.const i64x2 7 7) (v128.const i64x2 8 8)
                (v128.const i64x2 0x100 0x200) (local.get $x) (local.get $y) (local.get $v) (i32.const 0x10)
                (f32.const nan:0x200001)))
  (func (export "direct") (result v128)
    (call $args (f32.const nan:0x000001) (f64.const nan:0x0000000000001) (v128.const i64x2 0x1000 0x2000)))
  (func (export "indirect") (result v128)
    (call_indirect (type $wide)
                (v128.const i64x2 1 1) (v128.const i64x2 2 2) (v128.const i64x2 3 3) (v128.const i64x2 4 4)
                (v128.const i64x2 5 5) (v128.const i64x2 6 6) (v128.const i64x2 7 7) (v128.const i64x2 8 8)
                (v128.const i64x2 0x100 0x200) (f32.const nan:0x000001) (f64.const nan:0x0000000000001)
                (v128.const i64x2 0x1000 0x2000) (i32.const 0x10) (f32.const nan:0x200001) (i32.const 0)))
  (func (export "sum10") (param f64 f64 f64 f64 f64 f64 f64 f64 f64 f64) (result i64)
    (i64.xor (i64.reinterpret_f64 (local.get 8)) (i64.reinterpret_f64 (local.get 9)))))
;; low lane: 0x100 + 0x1000 + f64 bits 0x7ff0000000000001; high lane: 0x200 + 0x2000 + (0x7f800001 + 0x10 + 0x7fa00001 << 32)
(assert_return (invoke "direct") (v128.const i64x2 0x7ff0000000001101 0x7fa000017f802211))
(assert_return (invoke "indirect") (v128.const i64x2 0x7ff0000000001101 0x7fa000017f802211))
(assert_return (invoke "sum10" (f64.const 0) (f64.const 0) (f64.const 0) (f64.const 0) (f64.const 0)
                               (f64.const 0) (f64.const 0) (f64.const 0) (f64.const nan:0x4)
                               (f64.const -nan:0x8000000000001))
               (i64.const 0x8008000000000005))
(register "A" $A)

;; The same function called from another instance (through its funcref record).
(module
  (import "A" "wide" (func $wide (param v128 v128 v128 v128 v128 v128 v128 v128 v128 f32 f64 v128 i32 f32) (result v128)))
  (func (export "imported") (result v128)
    (call $wide (v128.const i64x2 1 1) (v128.const i64x2 2 2) (v128.const i64x2 3 3) (v128.const i64x2 4 4)
                (v128.const i64x2 5 5) (v128.const i64x2 6 6) (v128.const i64x2 7 7) (v128.const i64x2 8 8)
                (v128.const i64x2 0x100 0x200) (f32.const nan:0x000001) (f64.const nan:0x0000000000001)
                (v128.const i64x2 0x1000 0x2000) (i32.const 0x10) (f32.const nan:0x200001))))
(assert_return (invoke "imported") (v128.const i64x2 0x7ff0000000001101 0x7fa000017f802211))

;; Tail calls between different lowered signatures in constant stack (a million deep),
;; and a loop in such a function hot enough to be optimised (and entered by OSR).
(module
  (func $even (param $n i32) (param f64 f64 f64 f64 f64 f64 f64 f64) (param $acc f64) (param $s f32) (result f64)
    (if (result f64) (i32.eqz (local.get $n))
      (then (f64.add (local.get $acc) (f64.promote_f32 (local.get $s))))
      (else (return_call $odd (v128.const i64x2 0 0) (v128.const i64x2 0 0) (v128.const i64x2 0 0)
                              (v128.const i64x2 0 0) (v128.const i64x2 0 0) (v128.const i64x2 0 0)
                              (v128.const i64x2 0 0) (v128.const i64x2 0 0)
                              (i64x2.splat (i64.reinterpret_f64 (local.get $acc)))
                              (i32.sub (local.get $n) (i32.const 1)) (local.get $s)))))
  (func $odd (param v128 v128 v128 v128 v128 v128 v128 v128) (param $acc v128) (param $n i32) (param $s f32) (result f64)
    (return_call $even (local.get $n) (f64.const 0) (f64.const 0) (f64.const 0) (f64.const 0) (f64.const 0)
                       (f64.const 0) (f64.const 0) (f64.const 0)
                       (f64.add (f64.reinterpret_i64 (i64x2.extract_lane 1 (local.get $acc))) (f64.const 1))
                       (local.get $s)))
  (func (export "bounce") (param i32) (result f64)
    (call $even (local.get 0) (f64.const 0) (f64.const 0) (f64.const 0) (f64.const 0) (f64.const 0)
                (f64.const 0) (f64.const 0) (f64.const 0) (f64.const 0) (f32.const 0.5)))
  (func $spin (param f64 f64 f64 f64 f64 f64 f64 f64) (param $n i32) (param $x f64) (param $v v128) (result f64)
    (loop $l
      (local.set $x (f64.add (local.get $x) (f64.reinterpret_i64 (i64x2.extract_lane 0 (local.get $v)))))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $x))
  (func (export "spin") (param i32) (result f64)
    (call $spin (f64.const 0) (f64.const 0) (f64.const 0) (f64.const 0) (f64.const 0) (f64.const 0)
                (f64.const 0) (f64.const 0) (local.get 0) (f64.const 0) (v128.const f64x2 0.25 9))))
(assert_return (invoke "bounce" (i32.const 1000000)) (f64.const 1000000.5))
(assert_return (invoke "spin" (i32.const 2000000)) (f64.const 500000))
