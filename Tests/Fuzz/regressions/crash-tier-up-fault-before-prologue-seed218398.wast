;; Differential fuzzing: Wasmex (tiered-o2-guard: tiered, waiting for the whole module's O2 code) died
;; with SIGSEGV where Wasmtime traps. Export "\u{796}" loads from a memory of 0 pages: the fault is the
;; out-of-bounds trap. LLVM's shrink-wrapping put that function's prologue after the load, so at the
;; fault the frame pointer was still the one its caller inherited from C code (0 here), and the fault
;; handler's walk of the frame chain read address 0. The walk now stays between the interrupted stack
;; pointer and the landing frame (Runtime/invoke.c, record_frames_from).
;; Seed 218398 (fuzz.py --seeds 218398), not shrunk; expectations are Wasmtime's.
(module $M
  (rec
    (type (;0;) (sub (struct (field i16) (field (mut i8)))))
    (type (;1;) (array i8))
    (type (;2;) (sub (array i64)))
    (type (;3;) (struct (field (mut i16)) (field i8) (field i64) (field i8) (field (mut i16)) (field (mut i64)) (field (mut f64)) (field (mut i16)) (field (mut i16)) (field i8) (field i32)))
    (type (;4;) (struct (field (mut i8)) (field (mut i8)) (field (mut i8)) (field (mut i8)) (field i32) (field (mut (ref null 2))) (field i16) (field i8)))
    (type (;5;) (sub final 2 (array i64)))
  )
  (rec
    (type (;6;) (func (param v128 i32) (result i64)))
    (type (;7;) (array (mut nullexternref)))
    (type (;8;) (func (param exnref i32 i64 f64 i64 v128 i32 i64 i32 (ref null 4) i32 f32)))
  )
  (rec)
  (table (;0;) i64 2 47 funcref ref.null func)
  (table (;1;) i64 0 11 (ref null 8) ref.func 2)
  (memory (;0;) 0 2)
  (global (;0;) i32 i32.const 1821503462 i32.const 1577742268 i32.const -2145268803 i32.const -1472802763 i32.const -1522391536 i32.const -590097810 i32.const 2103950812 i32.const 1950834864 i32.add i32.sub i32.add i32.add i32.sub i32.add i32.sub i32.const 534993864 i32.add i32.const -206720287 i32.mul)
  (global (;1;) (mut v128) v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
  (global (;2;) (mut i32) i32.const 0)
  (global (;3;) (mut i64) i64.const 0)
  (global (;4;) (mut i32) i32.const 1000)
  (export "\u{796}" (func 0))
  (export "" (func 1))
  (export "2" (func 2))
  (export "3" (table 0))
  (export "4" (table 1))
  (export "5" (memory 0))
  (export "6" (global 0))
  (func (;0;) (type 8) (param exnref i32 i64 f64 i64 v128 i32 i64 i32 (ref null 4) i32 f32)
    (local f64 v128 v128)
    global.get 4
    i32.eqz
    if ;; label = @1
      unreachable
    end
    global.get 4
    i32.const 1
    i32.sub
    global.set 4
    global.get 0
    i32.load16_u
    f64.convert_i32_u
    i32.trunc_sat_f64_u
    i64.load16_s
    i64.extend8_s
    i64.extend16_s
    i64.extend8_s
    f64.convert_i64_s
    f64.const -0x1.8b7d4ab1107cap+716 (;=-532563994072073040000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
    ref.null none
    global.get 0
    i32.eqz
    block ;; label = @1
      memory.size
      f32.convert_i32_u
      f32x4.splat
      i32.const -1642724582
      v128.load16x4_u align=2
      i8x16.sub
      f64x2.nearest
      local.tee 13
      v128.const i32x4 0x00000000 0x7ff80000 0x00000000 0x7ff80000
      local.get 13
      local.get 13
      f64x2.eq
      v128.bitselect
      v128.const i32x4 0x94d6338e 0xe4ee78a4 0xde96829a 0xd3f4b4e2
      i64x2.mul
      f64x2.sqrt
      local.tee 14
      v128.const i32x4 0x00000000 0x7ff80000 0x00000000 0x7ff80000
      local.get 14
      local.get 14
      f64x2.eq
      v128.bitselect
      f32x4.neg
      f32x4.convert_i32x4_u
      i16x8.extend_high_i8x16_u
      i16x8.extend_high_i8x16_s
      global.get 1
      v128.xor
      global.set 1
    end
    global.get 2
    i32.xor
    global.set 2
    drop
    i64.reinterpret_f64
    global.get 3
    i64.xor
    global.set 3
    i64.reinterpret_f64
    global.get 3
    i64.xor
    global.set 3
  )
  (func (;1;) (type 6) (param v128 i32) (result i64)
    (local (ref null 1) f32 i32)
    global.get 4
    i32.eqz
    if ;; label = @1
      unreachable
    end
    global.get 4
    i32.const 1
    i32.sub
    global.set 4
    ref.null none
    f64.const -0x1.abf8381e83495p-71 (;=-0.00000000000000000000070801632220464735;)
    i64.trunc_sat_f64_u
    local.get 0
    block ;; label = @1
      table.size 1
      i64.extend32_s
      try_table (catch_all 0 (;@1;)) (catch_all 0 (;@1;)) (catch_all 0 (;@1;)) (catch_all 0 (;@1;)) (catch_all 0 (;@1;)) ;; label = @2
        loop (result externref) ;; label = @3
          global.get 4
          i32.eqz
          if ;; label = @4
            unreachable
          end
          global.get 4
          i32.const 1
          i32.sub
          global.set 4
          i32.const -1716826981
          local.tee 4
          local.get 4
          global.get 4
          i32.ge_u
          if ;; label = @4
            unreachable
          end
          global.get 4
          local.get 4
          i32.sub
          global.set 4
          array.new_default 1
          i64.const -3361020009368290560
          try_table (result i64) (catch_all 0 (;@3;)) (catch_all 0 (;@3;)) (catch_all 1 (;@2;)) (catch_all 1 (;@2;)) (catch_all 0 (;@3;)) ;; label = @4
            global.get 0
            local.get 2
            table.size 0
            f32.convert_i64_u
            f32.floor
            local.tee 3
            f32.const nan (;=NaN;)
            local.get 3
            local.get 3
            f32.eq
            select
            loop ;; label = @5
              global.get 4
              i32.eqz
              if ;; label = @6
                unreachable
              end
              global.get 4
              i32.const 1
              i32.sub
              global.set 4
              struct.new_default 4
              block ;; label = @6
                nop
                try_table (result f32) (catch_all 0 (;@6;)) (catch_all 3 (;@3;)) (catch_all 0 (;@6;)) (catch_all 1 (;@5;)) (catch_all 3 (;@3;)) (catch_all 1 (;@5;)) ;; label = @7
                  f32.const -nan:0x77ffff (;=NaN;)
                  ref.null extern
                  try_table (catch_all 2 (;@5;)) (catch_all 5 (;@2;)) ;; label = @8
                    loop (result f64) ;; label = @9
                      global.get 4
                      i32.eqz
                      if ;; label = @10
                        unreachable
                      end
                      global.get 4
                      i32.const 1
                      i32.sub
                      global.set 4
                      table.size 0
                      i64.ctz
                      table.size 0
                      unreachable
                    end
                    unreachable
                  end
                  unreachable
                end
                unreachable
              end
              unreachable
            end
            unreachable
          end
          unreachable
        end
        unreachable
      end
      unreachable
    end
    unreachable
  )
  (func (;2;) (type 8) (param exnref i32 i64 f64 i64 v128 i32 i64 i32 (ref null 4) i32 f32)
    global.get 4
    i32.eqz
    if ;; label = @1
      unreachable
    end
    global.get 4
    i32.const 1
    i32.sub
    global.set 4
  )
)
(assert_trap (invoke "\u{796}" (ref.null exn) (i32.const 0) (i64.const 0) (f64.const 0) (i64.const 0)
  (v128.const i64x2 0 0) (i32.const 0) (i64.const 0) (i32.const 0) (ref.null none) (i32.const 0) (f32.const 0))
  "out of bounds memory access")
(assert_trap (invoke "" (v128.const i64x2 0 0) (i32.const 0)) "unreachable")
(assert_return (invoke "2" (ref.null exn) (i32.const 0) (i64.const 0) (f64.const 0) (i64.const 0)
  (v128.const i64x2 0 0) (i32.const 0) (i64.const 0) (i32.const 0) (ref.null none) (i32.const 0) (f32.const 0)))
