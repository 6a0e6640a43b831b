;; Differential fuzzing: Wasmex (hot-o2-explicit) diverged from Wasmtime, crash.
;; From seed12998, shrunk with wasm-tools shrink; expectations are Wasmtime's.
;; Found: crash at instantiation: wasmtime no crash, wasmex died running /tmp/fuzzhot2/seed-12998.wasm (SIGABRT) Images (32 omitted): |  | 0x00007f6890c1e000–0x00007f6890d990fc 93ac61ec5a8eb1396f9fbd350e3169a558528a40...
(module $M
  (rec
    (type (;0;) (struct (field (mut i8)) (field i16) (field (mut i8)) (field (mut i16)) (field (mut i8)) (field i16) (field (mut i16)) (field (mut i16)) (field v128)))
    (type (;1;) (sub (struct (field (mut i8)) (field i64) (field (mut i32)) (field (mut v128)) (field i8) (field i8) (field v128) (field (mut i8)) (field i16))))
    (type (;2;) (sub (array f32)))
  )
  (rec
    (type (;3;) (struct))
    (type (;4;) (func (result f64 f64 f64)))
    (type (;5;) (sub (array (mut i16))))
    (type (;6;) (array i8))
    (type (;7;) (sub (array (mut v128))))
    (type (;8;) (sub (array i16)))
  )
  (memory (;0;) i64 2 4)
  (global (;0;) (mut f64) f64.const 0x1.8ec750d49e2a4p+946 (;=926547635820742200000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;))
  (global (;1;) i64 i64.const -5406027844925392018)
  (global (;2;) (ref null 6) i32.const -1931431008 i32.const -1168730203 i32.const -1599656428 i32.const 971048802 i32.const -136293727 i32.const -1656296436 i32.const 1154446454 i32.const 92752783 i32.const -101442209 i32.const -1348190510 i32.const 519012034 i32.sub i32.mul i32.mul i32.mul i32.add i32.mul i32.const 343815418 i32.add i32.add i32.add i32.mul array.new 6)
  (global (;3;) (mut v128) v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
  (global (;4;) (mut i32) i32.const 0)
  (global (;5;) (mut i64) i64.const 0)
  (global (;6;) (mut i32) i32.const 0)
  (global (;7;) (mut i64) i64.const 0)
  (global (;8;) (mut i32) i32.const 1000)
  (export "" (func 0))
  (export "1" (func 1))
  (export "2" (func 2))
  (export "3" (func 3))
  (export "4" (func 4))
  (export "5" (func 5))
  (export "6" (memory 0))
  (export "7" (global 0))
  (export "8" (global 1))
  (export "9" (global 2))
  (func (;0;) (type 4) (result f64 f64 f64)
    (local i32 nullfuncref v128 i64 f64 f64 i64 f32 f32 v128 i32)
    global.get 8
    i32.eqz
    if ;; label = @1
      unreachable
    end
    global.get 8
    i32.const 1
    i32.sub
    global.set 8
    i64.const 8253787385658697814
    return_call 3
    i32.const -667534384
    f64.convert_i32_s
    memory.size
    local.set 3
    loop ;; label = @1
      global.get 8
      i32.eqz
      if ;; label = @2
        unreachable
      end
      global.get 8
      i32.const 1
      i32.sub
      global.set 8
      f32.const 0x1.p-132 (;=0.000000000000000000000000000000000000000183671;)
      block (result v128) ;; label = @2
        nop
        local.get 6
        i64x2.splat
        f64x2.sqrt
        local.tee 9
        v128.const i32x4 0x00000000 0x7ff80000 0x00000000 0x7ff80000
        local.get 9
        local.get 9
        f64x2.eq
        v128.bitselect
        local.set 2
        f64.const -0x1.ccf375d8498cbp+631 (;=-16045086992876309000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
        f64.const 0x1.c46909f4dbfe3p-85 (;=0.000000000000000000000000045681767070380153;)
        i32.trunc_sat_f64_u
        struct.new 3
        i32.const 912667899
        local.tee 10
        local.get 10
        global.get 8
        i32.ge_u
        if ;; label = @3
          unreachable
        end
        global.get 8
        local.get 10
        i32.sub
        global.set 8
        array.new_default 7
        i64.const -3660700499477431441
        i64.extend16_s
        i64.load offset=43110 align=1
        v128.load32x2_u offset=63223
        f32x4.neg
        global.get 3
        v128.xor
        global.set 3
        drop
        drop
        global.get 4
        i32.xor
        global.set 4
        i64.reinterpret_f64
        global.get 5
        i64.xor
        global.set 5
        v128.const i32x4 0xffffffff 0x00ffffff 0xfeffffff 0xffffffff
      end
      global.get 3
      v128.xor
      global.set 3
      i32.reinterpret_f32
      global.get 6
      i32.xor
      global.set 6
    end
    i64.reinterpret_f64
    global.get 5
    i64.xor
    global.set 5
    i64.reinterpret_f64
    global.get 5
    i64.xor
    global.set 5
    i64.reinterpret_f64
    global.get 5
    i64.xor
    global.set 5
    i64.reinterpret_f64
    global.get 5
    i64.xor
    global.set 5
    global.get 7
    i64.xor
    global.set 7
    f64.const 0x0p+0 (;=0;)
    f64.const -0x1p+993 (;=-83711609936427130000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
    f64.const -0x1.ebd716c302b98p-553 (;=-0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000006516230631127137;)
  )
  (func (;1;) (type 4) (result f64 f64 f64)
    (local f32 i32)
    global.get 8
    i32.eqz
    if ;; label = @1
      unreachable
    end
    global.get 8
    i32.const 1
    i32.sub
    global.set 8
    call 2
    f64.const -nan:0xf000000000000 (;=NaN;)
    f64.neg
    f32.const 0x1.771a1ep-126 (;=0.00000000000000000000000000000000000001722384;)
    f32.const -0x1.563494p+123 (;=-14214655000000000000000000000000000000;)
    i64.trunc_f32_s
    i32.load offset=37970 align=1
    local.tee 1
    local.get 1
    global.get 8
    i32.ge_u
    if ;; label = @1
      unreachable
    end
    global.get 8
    local.get 1
    i32.sub
    global.set 8
    array.new_default 5
    try_table (result i32) ;; label = @1
      f64.const -0x1.4b71dc1941831p-1013 (;=-0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001474978162896965;)
      f64.neg
      i32.trunc_f64_u
      i32.extend16_s
      f64.convert_i32_s
      i32.const -682679443
      i32.ctz
      call 1
      br 1
      i32.popcnt
      if ;; label = @2
        struct.new 3
        v128.const i32x4 0x2e25371c 0x17a50ab7 0x52b0625b 0x3e5a5326
        i16x8.neg
        global.get 0
        i64.trunc_f64_u
        f32.const 0x1.fffp-133 (;=0.000000000000000000000000000000000000000183649;)
        f32.ceil
        local.tee 0
        f32.const nan (;=NaN;)
        local.get 0
        local.get 0
        f32.eq
        select
        i32.trunc_f32_u
        if ;; label = @3
          f32.const 0x1.p-147 (;=0.000000000000000000000000000000000000000000006;)
          f32.const -0x1p+97 (;=-158456330000000000000000000000;)
          f32.eq
          f32.reinterpret_i32
          call 1
          i64.reinterpret_f64
          global.get 5
          i64.xor
          global.set 5
          i64.reinterpret_f64
          global.get 5
          i64.xor
          global.set 5
          i64.reinterpret_f64
          global.get 5
          i64.xor
          global.set 5
          i32.reinterpret_f32
          global.get 6
          i32.xor
          global.set 6
        end
        global.get 7
        i64.xor
        global.set 7
        global.get 3
        v128.xor
        global.set 3
        drop
      end
      i64.reinterpret_f64
      global.get 5
      i64.xor
      global.set 5
      i32.const 280700526
    end
    global.get 4
    i32.xor
    global.set 4
    drop
    i32.reinterpret_f32
    global.get 6
    i32.xor
    global.set 6
    i64.reinterpret_f64
    global.get 5
    i64.xor
    global.set 5
  )
  (func (;2;) (type 4) (result f64 f64 f64)
    (local f64 f64 i32 i64 f64 f32)
    global.get 8
    i32.eqz
    if ;; label = @1
      unreachable
    end
    global.get 8
    i32.const 1
    i32.sub
    global.set 8
    call 0
    return_call 1
    local.get 1
    local.set 0
    return_call 5
    call 0
    f64.lt
    v128.const i32x4 0x4e9ea7f6 0x292f7ba3 0x08ca7f4b 0x19341f3f
    call 3
    f64.sqrt
    local.tee 4
    f64.const nan (;=NaN;)
    local.get 4
    local.get 4
    f64.eq
    select
    f32.const 0x1.fe8bf6p-42 (;=0.00000000000045345658;)
    f32.sqrt
    local.tee 5
    f32.const nan (;=NaN;)
    local.get 5
    local.get 5
    f32.eq
    select
    loop (type 4) (result f64 f64 f64) ;; label = @1
      global.get 8
      i32.eqz
      if ;; label = @2
        unreachable
      end
      global.get 8
      i32.const 1
      i32.sub
      global.set 8
      v128.const i32x4 0x45a139ce 0x38e20ad9 0x46857346 0xf07e33f5
      i16x8.extract_lane_u 3
      local.set 2
      block (result i64) ;; label = @2
        call 4
        memory.size
        i32.load offset=24342 align=2
        i32.popcnt
        call 0
        global.get 2
        f64.const -0x1p+961 (;=-19490628022800000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
        i64.trunc_sat_f64_s
        i64.extend32_s
        f64.reinterpret_i64
        i64.const 4
        global.get 7
        i64.xor
        global.set 7
        i64.reinterpret_f64
        global.get 5
        i64.xor
        global.set 5
        drop
        i64.reinterpret_f64
        global.get 5
        i64.xor
        global.set 5
        i64.reinterpret_f64
        global.get 5
        i64.xor
        global.set 5
        i64.reinterpret_f64
        global.get 5
        i64.xor
        global.set 5
        global.get 4
        i32.xor
        global.set 4
        i64.reinterpret_f64
        global.get 5
        i64.xor
        global.set 5
        i64.reinterpret_f64
        global.get 5
        i64.xor
        global.set 5
        i64.reinterpret_f64
        global.get 5
        i64.xor
        global.set 5
        i64.const -33554433
      end
      global.get 7
      i64.xor
      global.set 7
      f64.const 0x1.8fec58a7180d3p+561 (;=11791369017794841000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
      f64.const 0x1.fffffffffep-1035 (;=0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000005432309224866;)
      f64.const -0x1.638479b48a48ep+825 (;=-310718719801941600000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
    end
    i64.reinterpret_f64
    global.get 5
    i64.xor
    global.set 5
    i64.reinterpret_f64
    global.get 5
    i64.xor
    global.set 5
    i64.reinterpret_f64
    global.get 5
    i64.xor
    global.set 5
    i32.reinterpret_f32
    global.get 6
    i32.xor
    global.set 6
    i64.reinterpret_f64
    global.get 5
    i64.xor
    global.set 5
    i64.reinterpret_f64
    global.get 5
    i64.xor
    global.set 5
    i64.reinterpret_f64
    global.get 5
    i64.xor
    global.set 5
    global.get 3
    v128.xor
    global.set 3
    global.get 4
    i32.xor
    global.set 4
    i64.reinterpret_f64
    global.get 5
    i64.xor
    global.set 5
    i64.reinterpret_f64
    global.get 5
    i64.xor
    global.set 5
    i64.reinterpret_f64
    global.get 5
    i64.xor
    global.set 5
    i64.reinterpret_f64
    global.get 5
    i64.xor
    global.set 5
    i64.reinterpret_f64
    global.get 5
    i64.xor
    global.set 5
    i64.reinterpret_f64
    global.get 5
    i64.xor
    global.set 5
    drop
  )
  (func (;3;) (type 4) (result f64 f64 f64)
    (local v128 f64 f64)
    global.get 8
    i32.eqz
    if ;; label = @1
      unreachable
    end
    global.get 8
    i32.const 1
    i32.sub
    global.set 8
    global.get 0
    f32.const -0x1.cb2cbcp-94 (;=-0.00000000000000000000000000009055625;)
    local.get 0
    f32x4.abs
    f64x2.neg
    i64x2.extend_low_i32x4_s
    i32x4.extadd_pairwise_i16x8_u
    array.new_fixed 7 0
    try_table ;; label = @1
      return_call 1
      f64.eq
      f32.const 0x1.p-133 (;=0.000000000000000000000000000000000000000091835;)
      memory.size
      ref.null 8
      ref.null noextern
      struct.new_default 1
      try_table (result i32) (catch_all 0 (;@1;)) (catch_all 0 (;@1;)) (catch_all 0 (;@1;)) (catch_all 0 (;@1;)) (catch_all 0 (;@1;)) (catch_all 0 (;@1;)) ;; label = @2
        br 1 (;@1;)
        try_table (catch_all 1 (;@1;)) (catch_all 1 (;@1;)) (catch_all 1 (;@1;)) (catch_all 1 (;@1;)) (catch_all 1 (;@1;)) (catch_all 1 (;@1;)) ;; label = @3
          local.get 0
          block (type 4) (result f64 f64 f64) ;; label = @4
            br 1 (;@3;)
            global.get 0
            f64.floor
            local.tee 1
            f64.const nan (;=NaN;)
            local.get 1
            local.get 1
            f64.eq
            select
            f64.neg
            f64.neg
            br 1 (;@3;)
            i32.trunc_f64_s
            return_call 2
            f64.trunc
            local.tee 2
            f64.const nan (;=NaN;)
            local.get 2
            local.get 2
            f64.eq
            select
            i64.reinterpret_f64
            global.get 5
            i64.xor
            global.set 5
            i64.reinterpret_f64
            global.get 5
            i64.xor
            global.set 5
            i64.reinterpret_f64
            global.get 5
            i64.xor
            global.set 5
            global.get 4
            i32.xor
            global.set 4
            f64.const -0x1.ae20ec34b5678p-721 (;=-0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000015231107583216392;)
            f64.const -0x1.c46d98c799601p+164 (;=-41326526698024620000000000000000000000000000000000;)
            f64.const -nan:0xffff800000000 (;=NaN;)
          end
          i64.reinterpret_f64
          global.get 5
          i64.xor
          global.set 5
          i64.reinterpret_f64
          global.get 5
          i64.xor
          global.set 5
          i64.reinterpret_f64
          global.get 5
          i64.xor
          global.set 5
          global.get 3
          v128.xor
          global.set 3
        end
        i32.const 131070
      end
      global.get 4
      i32.xor
      global.set 4
      drop
      drop
      drop
      global.get 7
      i64.xor
      global.set 7
      i32.reinterpret_f32
      global.get 6
      i32.xor
      global.set 6
      global.get 4
      i32.xor
      global.set 4
      i64.reinterpret_f64
      global.get 5
      i64.xor
      global.set 5
    end
    drop
    global.get 3
    v128.xor
    global.set 3
    drop
    f64.const 0x1.291bee578fd9p+565 (;=140159825057393430000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
    f64.const -nan:0xffffffffffbff (;=NaN;)
  )
  (func (;4;) (type 4) (result f64 f64 f64)
    (local f64)
    global.get 8
    i32.eqz
    if ;; label = @1
      unreachable
    end
    global.get 8
    i32.const 1
    i32.sub
    global.set 8
    return_call 3
    memory.size
    v128.const i32x4 0xc0104f0d 0x88c319a1 0x1983d677 0x48d9461c
    v128.store16_lane offset=106390 0
    f64.sub
    local.tee 0
    f64.const nan (;=NaN;)
    local.get 0
    local.get 0
    f64.eq
    select
    i32.const -1048577
    ref.i31
    block (result i64) ;; label = @1
      struct.new_default 3
      loop ;; label = @2
        global.get 8
        i32.eqz
        if ;; label = @3
          unreachable
        end
        global.get 8
        i32.const 1
        i32.sub
        global.set 8
        br 0 (;@2;)
        global.get 1
        v128.load64_zero offset=87463 align=4
        struct.new_default 3
        block (result f32) ;; label = @3
          struct.new_default 0
          global.get 0
          f64.abs
          f64.neg
          loop ;; label = @4
            global.get 8
            i32.eqz
            if ;; label = @5
              unreachable
            end
            global.get 8
            i32.const 1
            i32.sub
            global.set 8
            try_table (type 4) (result f64 f64 f64) (catch_all 2 (;@2;)) (catch_all 0 (;@4;)) (catch_all 0 (;@4;)) (catch_all 0 (;@4;)) (catch_all 2 (;@2;)) ;; label = @5
              return_call 2
              i64.reinterpret_f64
              struct.new 3
              f64.const 0x1.e75bb101aa415p+657 (;=1138453866784546300000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
              global.get 2
              call 1
              i32.trunc_f64_u
              f32.convert_i32_u
              try_table (catch_all 1 (;@4;)) (catch_all 1 (;@4;)) (catch_all 1 (;@4;)) (catch_all 1 (;@4;)) (catch_all 3 (;@2;)) (catch_all 1 (;@4;)) (catch_all 1 (;@4;)) (catch_all 3 (;@2;)) ;; label = @6
                memory.size
                v128.load8x8_s offset=94448 align=4
                i32.const 199943256
                i32.clz
                global.get 4
                i32.xor
                global.set 4
                global.get 3
                v128.xor
                global.set 3
              end
              i32.reinterpret_f32
              global.get 6
              i32.xor
              global.set 6
              i64.reinterpret_f64
              global.get 5
              i64.xor
              global.set 5
              i64.reinterpret_f64
              global.get 5
              i64.xor
              global.set 5
              drop
              i64.reinterpret_f64
              global.get 5
              i64.xor
              global.set 5
              drop
              drop
              f64.const 0x1.p-1029 (;=0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000173833895195875;)
            end
            i64.reinterpret_f64
            global.get 5
            i64.xor
            global.set 5
            i64.reinterpret_f64
            global.get 5
            i64.xor
            global.set 5
            i64.reinterpret_f64
            global.get 5
            i64.xor
            global.set 5
          end
          i64.reinterpret_f64
          global.get 5
          i64.xor
          global.set 5
          drop
          f32.const 0x1.d46218p+102 (;=9277284700000000000000000000000;)
        end
        i32.reinterpret_f32
        global.get 6
        i32.xor
        global.set 6
        drop
        global.get 3
        v128.xor
        global.set 3
      end
      drop
      i64.const -17179869184
    end
    global.get 7
    i64.xor
    global.set 7
    drop
    f64.const 0x1.1111111111111p-750 (;=0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000018010757365944223;)
  )
  (func (;5;) (type 4) (result f64 f64 f64)
    (local v128 structref)
    global.get 8
    i32.eqz
    if ;; label = @1
      unreachable
    end
    global.get 8
    i32.const 1
    i32.sub
    global.set 8
    i32.const 909725482
    f32.reinterpret_i32
    i32.trunc_sat_f32_u
    i8x16.splat
    f32x4.abs
    i64x2.extend_low_i32x4_s
    i8x16.all_true
    global.get 2
    ref.is_null
    struct.new_default 0
    nop
    unreachable
  )
)
(register "fuzzed" $M)
(module $mem0
  (import "fuzzed" "6" (memory i64 0))
  (func (export "size") (result i32) (i32.wrap_i64 (memory.size)))
  (func (export "crc32") (result i32) (local $i i32) (local $end i32) (local $crc i32) (local $bit i32)
    (local.set $end (i32.mul (i32.wrap_i64 (memory.size)) (i32.const 65536)))
    (local.set $crc (i32.const -1))
    (block $done
      (loop $bytes
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $crc (i32.xor (local.get $crc) (i32.load8_u (i64.extend_i32_u (local.get $i)))))
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
(assert_return (get $M "7") (f64.const 0x1.8ec750d49e2a4p+946))
(assert_return (get $M "8") (i64.const 0xb4f9ee514159fb6e))
(assert_return (get $M "9") (ref.any))
(assert_return (invoke $mem0 "size") (i32.const 2))
(assert_return (invoke $mem0 "crc32") (i32.const 0x7ee8cdcd))
(assert_trap (invoke $M "") "unreachable")
(assert_return (get $M "7") (f64.const 0x1.8ec750d49e2a4p+946))
(assert_return (get $M "8") (i64.const 0xb4f9ee514159fb6e))
(assert_return (get $M "9") (ref.any))
(assert_return (invoke $mem0 "size") (i32.const 2))
(assert_return (invoke $mem0 "crc32") (i32.const 0x7ee8cdcd))
(assert_trap (invoke $M "1") "unreachable")
(assert_return (get $M "7") (f64.const 0x1.8ec750d49e2a4p+946))
(assert_return (get $M "8") (i64.const 0xb4f9ee514159fb6e))
(assert_return (get $M "9") (ref.any))
(assert_return (invoke $mem0 "size") (i32.const 2))
(assert_return (invoke $mem0 "crc32") (i32.const 0x7ee8cdcd))
(assert_trap (invoke $M "2") "unreachable")
(assert_return (get $M "7") (f64.const 0x1.8ec750d49e2a4p+946))
(assert_return (get $M "8") (i64.const 0xb4f9ee514159fb6e))
(assert_return (get $M "9") (ref.any))
(assert_return (invoke $mem0 "size") (i32.const 2))
(assert_return (invoke $mem0 "crc32") (i32.const 0x7ee8cdcd))
(assert_trap (invoke $M "3") "unreachable")
(assert_return (get $M "7") (f64.const 0x1.8ec750d49e2a4p+946))
(assert_return (get $M "8") (i64.const 0xb4f9ee514159fb6e))
(assert_return (get $M "9") (ref.any))
(assert_return (invoke $mem0 "size") (i32.const 2))
(assert_return (invoke $mem0 "crc32") (i32.const 0x7ee8cdcd))
(assert_trap (invoke $M "4") "unreachable")
(assert_return (get $M "7") (f64.const 0x1.8ec750d49e2a4p+946))
(assert_return (get $M "8") (i64.const 0xb4f9ee514159fb6e))
(assert_return (get $M "9") (ref.any))
(assert_return (invoke $mem0 "size") (i32.const 2))
(assert_return (invoke $mem0 "crc32") (i32.const 0x7ee8cdcd))
(assert_trap (invoke $M "5") "unreachable")
(assert_return (get $M "7") (f64.const 0x1.8ec750d49e2a4p+946))
(assert_return (get $M "8") (i64.const 0xb4f9ee514159fb6e))
(assert_return (get $M "9") (ref.any))
(assert_return (invoke $mem0 "size") (i32.const 2))
(assert_return (invoke $mem0 "crc32") (i32.const 0x7ee8cdcd))
