;; Differential fuzzing: Wasmex (jit-o2-guard) diverged from Wasmtime, globals.
;; The store to global 0 comes before the out-of-bounds v128 load: after the trap it must be visible.
;; Seed 24284 (fuzz.py --seeds 24284), shrunk with wasm-tools shrink; expectations are Wasmtime's.
;; Found: globals at call 2 '': wasmtime ['i64:0000000000000040', 'i64:43effffffffa55a6', 'v128:00000000000000000000000000000000', 'i32:00000000'], wasmex ['i64:ddc3b8aed2ad324b', 'i64:43effffffffa55a6', 'v128:00000000000000000000000000000000', 'i32:00000000']
(module $M
  (type (;0;) (func (param i32 f32 funcref) (result f64)))
  (memory (;0;) 1 2)
  (global (;0;) (mut i64) i64.const -16169422115871303)
  (global (;1;) (mut i64) i64.const 0)
  (global (;2;) (mut v128) v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
  (global (;3;) (mut i32) i32.const 0)
  (global (;4;) (mut i32) i32.const 0)
  (export "" (func 0))
  (export "5" (global 0))
  (func (;0;) (type 0) (param i32 f32 funcref) (result f64)
    (local f32)
    i32.const 0
    if ;; label = @1
      unreachable
    end
    i32.const 1
    global.set 4
    local.get 0
    loop (result externref) ;; label = @1
      global.get 4
      i32.eqz
      if ;; label = @2
        unreachable
      end
      global.get 4
      global.set 4
      i64.const 0
      f64.convert_i64_u
      ref.null extern
      block ;; label = @2
        i64.const 0
        global.set 0
        i32.const 131076
        v128.load8_splat offset=26480
        i64x2.extract_lane 1
        i64.eqz
        f64.convert_i32_u
        global.get 0
        global.set 0
        i32.trunc_f64_u
        block ;; label = @3
          loop ;; label = @4
            global.get 4
            if ;; label = @5
              unreachable
            end
            global.get 4
            global.set 4
            global.get 2
            global.set 2
          end
        end
        global.get 3
        i32.xor
        global.set 3
      end
      drop
      i64.reinterpret_f64
      i64.const 0
      i64.xor
      global.set 1
      ref.null extern
    end
    drop
    global.get 3
    i32.xor
    global.set 3
    f64.const -nan:0xffffffffffe00 (;=NaN;)
  )
)
;; after instantiation
(assert_return (get $M "5") (i64.const 0xffc68dff0a8f65b9))
(assert_trap (invoke $M "" (i32.const 0) (f32.const 0) (ref.null func)) "out of bounds memory access")
(assert_return (get $M "5") (i64.const 0x0000000000000000))
