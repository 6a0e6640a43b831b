/// The fuel boundary cases run on both Wasmex and Wasmtime by
/// ``ParityFuelTests``. Fuel amounts sweep across each case's thresholds, so
/// an off-by-one in any rule (entry cost, operator cost, when the check
/// fires, what the store reports) changes some outcome.
enum FuelParityCases {
    static func sweep(_ range: ClosedRange<UInt64>) -> [UInt64] { Array(range) }

    static let all: [FuelScenario] = [
        FuelScenario(label: "empty function, called three times",
                     wat: #"(module (func (export "f")))"#,
                     calls: Array(repeating: .init(name: "f"), count: 3), fuels: sweep(0...4)),
        FuelScenario(label: "free operators (nop, drop, block, return)",
                     wat: #"(module (func (export "f") nop (block nop) (drop (i32.const 1)) return))"#,
                     calls: Array(repeating: .init(name: "f"), count: 2), fuels: sweep(0...6)),
        FuelScenario(label: "straight line longer than the fuel (runs on credit)",
                     wat: #"""
                     (module (func (export "f") (result i32)
                       (i32.add (i32.add (i32.const 1) (i32.const 2)) (i32.add (i32.const 3) (i32.const 4)))))
                     """#,
                     calls: [.init(name: "f"), .init(name: "f")], fuels: sweep(0...10) + [100]),
        FuelScenario(label: "count-down loop, 0 to 5 and 100 iterations",
                     wat: countDown,
                     calls: [0, 1, 2, 5, 100].map { .init(name: "f", arguments: [$0]) },
                     fuels: sweep(0...40) + [200, 700, 1000]),
        FuelScenario(label: "loop of 3 iterations, fuel at every boundary",
                     wat: countDown, calls: [.init(name: "f", arguments: [3])], fuels: sweep(0...30)),
        FuelScenario(label: "block / br_if / br loop (ControlFixture's count)",
                     wat: countUp, calls: [.init(name: "count", arguments: [4])], fuels: sweep(0...60)),
        FuelScenario(label: "nested calls and call_indirect",
                     wat: calls, calls: [.init(name: "outer", arguments: [5]), .init(name: "indirect", arguments: [2])],
                     fuels: sweep(0...24) + [1000]),
        FuelScenario(label: "if / else and br_table paths",
                     wat: branches,
                     calls: [0, 1, 2, 7].map { .init(name: "pick", arguments: [$0]) }, fuels: sweep(0...30) + [500]),
        FuelScenario(label: "host function sees the fuel",
                     wat: #"(module (import "env" "probe" (func $p)) (func (export "f") (call $p) (i32.const 1) (drop) (call $p)))"#,
                     calls: [.init(name: "f")], fuels: sweep(0...6) + [50], probe: true),
        FuelScenario(label: "traps other than fuel keep the last written fuel",
                     wat: traps,
                     calls: [.init(name: "div", arguments: [0]), .init(name: "unreachable"),
                             .init(name: "callee_traps", arguments: [0]), .init(name: "div", arguments: [1])],
                     fuels: sweep(0...16) + [100]),
        FuelScenario(label: "bulk memory: fill, copy, init by size",
                     wat: bulkMemory,
                     calls: [0, 1, 10, 300].map { .init(name: "fill", arguments: [$0]) }
                         + [.init(name: "copy", arguments: [20]), .init(name: "init", arguments: [8]),
                            .init(name: "fill", arguments: [70000])],
                     fuels: sweep(0...24) + [330, 340, 360, 380, 400, 1000]),
        FuelScenario(label: "bulk operators of run-time size 0 and 2 after running on credit",
                     wat: bulkMemory,
                     calls: [.init(name: "credit_fill", arguments: [0]), .init(name: "credit_fill", arguments: [2])],
                     fuels: sweep(0...30)),
        FuelScenario(label: "bulk operators of constant size (no check)",
                     wat: bulkMemory, calls: [.init(name: "const_fill"), .init(name: "const_copy")], fuels: sweep(0...30)),
        FuelScenario(label: "grows by run-time and constant sizes after running on credit",
                     wat: grow,
                     calls: [.init(name: "credit_grow", arguments: [0]), .init(name: "credit_grow", arguments: [2]),
                             .init(name: "const_grow"), .init(name: "const_tgrow")],
                     fuels: sweep(0...45)),
        FuelScenario(label: "memory.grow and table ops by size",
                     wat: grow,
                     calls: [.init(name: "grow", arguments: [1]), .init(name: "grow", arguments: [0]),
                             .init(name: "grow", arguments: [9]), .init(name: "tfill", arguments: [5]),
                             .init(name: "tgrow", arguments: [3]), .init(name: "tcopy", arguments: [4])],
                     fuels: sweep(0...40) + [100]),
        FuelScenario(label: "start function",
                     wat: #"(module (global $g (mut i32) (i32.const 0)) (func $s (global.set $g (i32.const 1))) (start $s) (func (export "g") (result i32) (global.get $g)))"#,
                     calls: [.init(name: "g")], fuels: sweep(0...8)),
        FuelScenario(label: "start function calling the host",
                     wat: #"(module (import "env" "probe" (func $p)) (start $p) (func (export "f")))"#,
                     calls: [.init(name: "f")], fuels: sweep(0...5), probe: true),
        FuelScenario(label: "fuel beyond Int64.max reads back",
                     wat: #"(module (func (export "f")))"#,
                     calls: [.init(name: "f")], fuels: [UInt64(Int64.max), UInt64(Int64.max) + 5, .max]),
    ]

    static let countDown = #"""
        (module (func (export "f") (param i32) (result i32)
          (block $out
            (br_if $out (i32.eqz (local.get 0)))
            (loop $l
              (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
              (br_if $l (local.get 0))))
          (local.get 0)))
        """#

    static let countUp = #"""
        (module
          (func (export "count") (param $n i32) (result i32) (local $i i32)
            (block $done
              (loop $next
                (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $next)))
            (local.get $i)))
        """#

    static let calls = #"""
        (module
          (type $t (func (param i32) (result i32)))
          (table funcref (elem $double $inc))
          (func $inc (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
          (func $double (param i32) (result i32) (i32.mul (call $inc (local.get 0)) (i32.const 2)))
          (func (export "outer") (param i32) (result i32) (call $double (call $inc (local.get 0))))
          (func (export "indirect") (param i32) (result i32)
            (call_indirect (type $t) (local.get 0) (i32.const 0))))
        """#

    static let branches = #"""
        (module (func (export "pick") (param i32) (result i32)
          (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
            (then (if (result i32) (local.get 0) (then (i32.const 10)) (else (i32.const 20))))
            (else
              (block $c (block $b (block $a
                (br_table $a $b $c (i32.sub (local.get 0) (i32.const 2))))
                (return (i32.const 30)))
                (return (i32.const 40)))
              (i32.const 50)))))
        """#

    static let traps = #"""
        (module
          (func $callee (param i32) (result i32) (i32.div_u (i32.const 7) (local.get 0)))
          (func (export "div") (param i32) (result i32)
            (i32.div_s (i32.add (i32.const 1) (i32.const 2)) (local.get 0)))
          (func (export "unreachable") (drop (i32.add (i32.const 1) (i32.const 2))) unreachable)
          (func (export "callee_traps") (param i32) (result i32)
            (i32.add (call $callee (local.get 0)) (i32.const 1))))
        """#

    static let bulkMemory = #"""
        (module (memory 1)
          (data $d "0123456789abcdef")
          (func (export "fill") (param i32) (memory.fill (i32.const 0) (i32.const 65) (local.get 0)))
          (func (export "copy") (param i32) (memory.copy (i32.const 100) (i32.const 0) (local.get 0)))
          (func (export "init") (param i32) (memory.init $d (i32.const 200) (i32.const 0) (local.get 0)))
          (func (export "credit_fill") (param i32)
            (drop (i32.add (i32.add (i32.const 1) (i32.const 2)) (i32.add (i32.const 3) (i32.const 4))))
            (memory.fill (i32.const 0) (i32.const 0) (local.get 0)))
          (func (export "const_fill") (memory.fill (i32.const 0) (i32.const 0) (i32.const 5)))
          (func (export "const_copy")
            (drop (i32.add (i32.add (i32.const 1) (i32.const 2)) (i32.add (i32.const 3) (i32.const 4))))
            (memory.copy (i32.const 0) (i32.const 8) (i32.const 6))))
        """#

    static let grow = #"""
        (module (memory 1 4) (table $t 2 10 funcref)
          (func $f) (elem declare func $f)
          (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
          (func (export "tfill") (param i32) (table.fill $t (i32.const 0) (ref.func $f) (local.get 0)))
          (func (export "tgrow") (param i32) (result i32) (table.grow $t (ref.null func) (local.get 0)))
          (func (export "tcopy") (param i32) (table.copy $t $t (i32.const 0) (i32.const 1) (local.get 0)))
          (func (export "credit_grow") (param i32) (result i32)
            (drop (i32.add (i32.add (i32.const 1) (i32.const 2)) (i32.add (i32.const 3) (i32.const 4))))
            (memory.grow (local.get 0)))
          (func (export "const_grow") (result i32) (memory.grow (i32.const 5)))
          (func (export "const_tgrow") (result i32) (table.grow $t (ref.null func) (i32.const 2))))
        """#
}
