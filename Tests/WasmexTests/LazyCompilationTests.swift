import Foundation
import Testing
import Wasmex

/// Tiered modules compiled function by function on first call: the module
/// starts with stubs, each function's first-tier code is built when it is
/// first called (with the uncompiled functions it calls), and every way into
/// a function — exports, tables, `ref.func`, the start function, calls from
/// generated code — works the same before, during and after.
@Suite struct LazyCompilationTests {
    /// An engine whose tiered modules all compile on first call, however small.
    static func lazyEngine(_ configure: (inout Engine.Configuration) -> Void = { _ in }) throws -> Engine {
        var configuration = Engine.Configuration()
        configuration.lazyCompilationMinimumCodeSize = 0
        configuration.compilesFirstTierAhead = false
        configure(&configuration)
        return try Engine(configuration)
    }

    /// A table, `call_indirect`, `ref.func` and a start function, around
    /// functions nothing else calls.
    static let tableWat = """
        (module
          (type $unary (func (param i32) (result i32)))
          (table 3 funcref)
          (elem (i32.const 0) $double $square)
          (elem declare func $negate)
          (global $started (mut i32) (i32.const 0))
          (func $double (type $unary) (i32.mul (local.get 0) (i32.const 2)))
          (func $square (type $unary) (i32.mul (local.get 0) (local.get 0)))
          (func $negate (type $unary) (i32.sub (i32.const 0) (local.get 0)))
          (func $init (global.set $started (i32.const 42)))
          (func (export "apply") (param $slot i32) (param $x i32) (result i32)
            (call_indirect (type $unary) (local.get $x) (local.get $slot)))
          (func (export "install") (table.set (i32.const 2) (ref.func $negate)))
          (func (export "started") (result i32) (global.get $started))
          (start $init))
        """

    @Test func functionsAreCompiledOnTheirFirstCall() throws {
        let engine = try Self.lazyEngine()
        let module = try Module(engine: engine, text: HotFunctionTests.wat)
        #expect(module.lazilyCompiledCount == 0, "nothing is compiled before a call")
        let instance = try Instance(store: Store(engine: engine), module: module)
        #expect(try instance.call("calls") == [.i32(0)])
        #expect(module.lazilyCompiledCount == 1, "calls has no callees")
        #expect(try instance.call("sum", [.i32(1_000)]) == [.i32(HotFunctionTests.sum(1_000))])
        // sum's batch takes step with it; spin, fail, callFail and deep never run.
        #expect(module.lazilyCompiledCount == 3)
        #expect(try instance.call("sum", [.i32(10)]) == [.i32(HotFunctionTests.sum(10))])
        #expect(module.lazilyCompiledCount == 3, "a function is compiled once")
    }

    /// The default compiles small modules' first tier at once, big ones on first call.
    @Test func theDefaultCompilesOnlyBigModulesOnFirstCall() throws {
        var configuration = Engine.Configuration()
        configuration.compilesFirstTierAhead = false
        let engine = try Engine(configuration)
        #expect(try Module(engine: engine, text: HotFunctionTests.wat).lazilyCompiledCount == nil)
        // 300 functions of about 36 bytes each: well past 1 KB of code.
        let step = " i32.const 3 i32.mul i32.const %d i32.add i32.const 5 i32.xor"
        let functions = (0..<300).map { index in
            "(func (export \"f\(index)\") (param i32) (result i32) local.get 0"
                + String(repeating: String(format: step, index), count: 3) + ")"
        }
        let big = try Module(engine: engine, text: "(module " + functions.joined(separator: "\n") + ")")
        #expect(big.lazilyCompiledCount == 0)
        let instance = try Instance(store: Store(engine: engine), module: big)
        var expected: Int32 = 10
        for _ in 0..<3 { expected = (expected &* 3 &+ 299) ^ 5 }
        #expect(try instance.call("f299", [.i32(10)]) == [.i32(expected)])
        #expect(big.lazilyCompiledCount == 1)
    }

    @Test func tablesRefFuncAndTheStartFunctionReachLazyCode() throws {
        let engine = try Self.lazyEngine()
        let module = try Module(engine: engine, text: Self.tableWat)
        let instance = try Instance(store: Store(engine: engine), module: module)
        #expect(try instance.call("started") == [.i32(42)], "the start function ran")
        #expect(try instance.call("apply", [.i32(0), .i32(21)]) == [.i32(42)])
        #expect(try instance.call("apply", [.i32(1), .i32(9)]) == [.i32(81)])
        try instance.call("install")
        #expect(try instance.call("apply", [.i32(2), .i32(5)]) == [.i32(-5)])
        // A second instance shares the compiled code.
        let other = try Instance(store: Store(engine: engine), module: module)
        #expect(try other.call("apply", [.i32(1), .i32(-4)]) == [.i32(16)])
        #expect(module.lazilyCompiledCount == 7, "every function ran once")
    }

    /// With a spare core, bodies are compiled ahead of their first calls:
    /// every function the start function, the exports and the tables reach,
    /// and no function nothing reaches.
    @Test func functionsAreCompiledAheadOfTheirFirstCalls() throws {
        let engine = try Self.lazyEngine { $0.compilesFirstTierAhead = true }
        let wat = Self.tableWat.replacingOccurrences(of: "(start $init))", with: "(func $dead (result i32) (i32.const 7))\n(start $init))")
        let module = try Module(engine: engine, text: wat)
        // Other tests' optimising compiles may hold the spare core for a while.
        let deadline = ContinuousClock.now + .seconds(120)
        while (module.lazilyCompiledCount ?? 0) < 7 && ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.002)
        }
        #expect(module.lazilyCompiledCount == 7, "the seven reachable functions, before any call")
        Thread.sleep(forTimeInterval: 0.2)
        #expect(module.lazilyCompiledCount == 7, "$dead is left to a first call that never comes")
        let instance = try Instance(store: Store(engine: engine), module: module)
        #expect(try instance.call("started") == [.i32(42)])
        #expect(try instance.call("apply", [.i32(1), .i32(9)]) == [.i32(81)])
        try instance.call("install")
        #expect(try instance.call("apply", [.i32(2), .i32(5)]) == [.i32(-5)])
        #expect(module.lazilyCompiledCount == 7, "calls find the code compiled ahead")
    }

    /// Modules released while their bodies are being compiled ahead drop
    /// what those compiles make: the JIT ends up holding what it held before.
    @Test func modulesReleasedWhileCompilingAheadFreeTheirCode() throws {
        let engine = try Self.lazyEngine { $0.compilesFirstTierAhead = true }
        let baseline = engine.loadedObjectCount
        for round in 0..<20 {
            let module = try Module(engine: engine, text: Self.tableWat.replacingOccurrences(of: "(i32.const 42)", with: "(i32.const \(round))"))
            if round % 2 == 0 {
                #expect(try Instance(store: Store(engine: engine), module: module).call("started") == [.i32(Int32(round))])
            }
        }
        // Compiles still running finish and drop their objects.
        let deadline = ContinuousClock.now + .seconds(120)
        while engine.loadedObjectCount != baseline && ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.005)
        }
        #expect(engine.loadedObjectCount == baseline)
    }

    /// Threads that call an uncompiled function at the same moment wait for
    /// one compile and all get its code.
    @Test func concurrentFirstCallsCompileOnce() async throws {
        let engine = try Self.lazyEngine()
        let module = try Module(engine: engine, text: HotFunctionTests.wat)
        let expected = [Value.i32(HotFunctionTests.sum(5_000))]
        let wrong = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    do {
                        let instance = try Instance(store: Store(engine: engine), module: module)
                        return try instance.call("sum", [.i32(5_000)]) == expected ? 0 : 1
                    } catch {
                        return 100
                    }
                }
            }
            return await group.reduce(0, +)
        }
        #expect(wrong == 0)
        #expect(module.lazilyCompiledCount == 2, "sum and step, compiled once")
    }

    /// The stub leaves no frame: a trap in lazily compiled code names each
    /// Wasm call once, as eagerly compiled code does.
    @Test func trapsNameEachCallOnce() throws {
        let engine = try Self.lazyEngine()
        let module = try Module(engine: engine, text: HotFunctionTests.wat)
        let instance = try Instance(store: Store(engine: engine), module: module)
        for attempt in 0..<2 { try HotFunctionTests.expectFailFrames(instance, iterations: 10, "attempt \(attempt)") }
    }

    @Test func timeoutsAndStackLimitsHoldInLazyCode() throws {
        let engine = try Self.lazyEngine { $0.maxWasmStack = 256 * 1024 }
        let module = try Module(engine: engine, text: HotFunctionTests.wat)
        let store = Store(engine: engine)
        let instance = try Instance(store: store, module: module)
        // Round 0 compiles spin and deep on their first calls, round 1 runs their code.
        for round in 0..<2 { try TieredCompilationTests.expectTimeoutAndStackLimit(instance, store, "round \(round)") }
    }

    /// Fuel is charged by the bodies alone: the same calls cost the same as in
    /// eagerly compiled code.
    @Test func fuelIsTheSameInLazyCode() throws {
        let calls: [(String, [Value])] = [("sum", [.i32(500)]), ("deep", [.i32(100)])]
        let eager = try HotFunctionTests.fuelCost(Engine(Engine.Configuration(consumeFuel: true, compilation: .eager)), calls)
        #expect(try HotFunctionTests.fuelCost(Self.lazyEngine { $0.consumeFuel = true }, calls) == eager)
        #expect(eager > 500 * 10)
    }

    /// Lazily compiled functions get hot and are optimised like any other,
    /// with on-stack replacement into their running loops.
    @Test func lazyFunctionsTierUp() throws {
        let engine = try Self.lazyEngine {
            $0.hotnessThreshold = 1
            $0.compilesHotFunctionsInline = true
        }
        let module = try Module(engine: engine, text: HotFunctionTests.wat)
        let instance = try Instance(store: Store(engine: engine), module: module)
        #expect(try instance.call("sum", [.i32(100_000)]) == [.i32(HotFunctionTests.sum(100_000))])
        #expect(try instance.call("calls") == [.i32(100_000)])
        #expect(module.hotFunctionCounts.optimized >= 2)
        #expect(module.hotFunctionCounts.resumable >= 1)
        #expect(module.hotFunctionFailures.isEmpty)
    }

    /// A released module takes its lazily compiled objects with it.
    @Test func releasedModulesFreeTheirLazyCode() throws {
        try HotFunctionTests.expectReleasedModulesFreeTheirCode(Self.lazyEngine()) { #expect($0.lazilyCompiledCount == 2) }
    }

    /// Twenty parameters of every number type and two vectors: more integers
    /// and floats than registers carry, so the first call's way through the
    /// stub and the runtime (which saves and restores the argument registers
    /// while the code is compiled) must keep registers and stack arguments.
    static let manyArgumentsWat = """
        (module
          (type $mix (func (param i32 i64 f32 f64 i32 i64 f32 f64 i32 i64 f32 f64 v128 v128 i32 f64 f32 f64 f32 f64) (result f64)))
          (table 1 funcref)
          (elem (i32.const 0) $mix)
          (func $mix (export "mix") (type $mix)
            (f64.add (f64.add (f64.add (f64.add
              (f64.add (f64.add (f64.convert_i32_s (local.get 0)) (f64.mul (f64.convert_i64_s (local.get 1)) (f64.const 2)))
                       (f64.add (f64.mul (f64.promote_f32 (local.get 2)) (f64.const 3)) (f64.mul (local.get 3) (f64.const 4))))
              (f64.add (f64.add (f64.mul (f64.convert_i32_s (local.get 4)) (f64.const 5)) (f64.mul (f64.convert_i64_s (local.get 5)) (f64.const 6)))
                       (f64.add (f64.mul (f64.promote_f32 (local.get 6)) (f64.const 7)) (f64.mul (local.get 7) (f64.const 8)))))
              (f64.add (f64.add (f64.mul (f64.convert_i32_s (local.get 8)) (f64.const 9)) (f64.mul (f64.convert_i64_s (local.get 9)) (f64.const 10)))
                       (f64.add (f64.mul (f64.promote_f32 (local.get 10)) (f64.const 11)) (f64.mul (local.get 11) (f64.const 12)))))
              (f64.add (f64.add (f64.mul (f64.convert_i32_s (i32x4.extract_lane 0 (local.get 12))) (f64.const 13))
                                (f64.mul (f64.convert_i32_s (i32x4.extract_lane 3 (local.get 13))) (f64.const 14)))
                       (f64.add (f64.mul (f64.convert_i32_s (local.get 14)) (f64.const 15)) (f64.mul (local.get 15) (f64.const 16)))))
              (f64.add (f64.add (f64.mul (f64.promote_f32 (local.get 16)) (f64.const 17)) (f64.mul (local.get 17) (f64.const 18)))
                       (f64.add (f64.mul (f64.promote_f32 (local.get 18)) (f64.const 19)) (f64.mul (local.get 19) (f64.const 20))))))
          (func (export "viaTable") (result f64)
            (call_indirect (type $mix)
              (i32.const 1) (i64.const 2) (f32.const 3) (f64.const 4) (i32.const 5) (i64.const 6) (f32.const 7) (f64.const 8)
              (i32.const 9) (i64.const 10) (f32.const 11) (f64.const 12)
              (v128.const i32x4 13 0 0 0) (v128.const i32x4 0 0 0 14)
              (i32.const 15) (f64.const 16) (f32.const 17) (f64.const 18) (f32.const 19) (f64.const 20)
              (i32.const 0))))
        """

    @Test func everyArgumentSurvivesTheFirstCall() throws {
        // Value k (1...20) weighted by k: the sum of squares.
        let expected = Value.f64((1...20).reduce(0.0) { $0 + Double($1 * $1) })
        let engine = try Self.lazyEngine()
        // From the host: the entry trampoline calls the stub.
        let fromHost = try Instance(store: Store(engine: engine), module: Module(engine: engine, text: Self.manyArgumentsWat))
        var arguments: [Value] = [.i32(1), .i64(2), .f32(3), .f64(4), .i32(5), .i64(6), .f32(7), .f64(8),
                                  .i32(9), .i64(10), .f32(11), .f64(12)]
        arguments += [.v128(V128(lo: 13, hi: 0)), .v128(V128(lo: 0, hi: 14 << 32))]
        arguments += [.i32(15), .f64(16), .f32(17), .f64(18), .f32(19), .f64(20)]
        #expect(try fromHost.call("mix", arguments) == [expected])
        // From Wasm, through a table: mix is not in its caller's batch.
        let module = try Module(engine: engine, text: Self.manyArgumentsWat)
        let fromWasm = try Instance(store: Store(engine: engine), module: module)
        #expect(try fromWasm.call("viaTable") == [expected])
        #expect(try fromWasm.call("viaTable") == [expected], "and once compiled")
        #expect(module.lazilyCompiledCount == 2)
    }

    /// Kernels — small leaves that loop or call themselves — are optimised
    /// on their first call, up to the module's count, and never counted hot;
    /// a trap in their optimised code leaves memory and globals exactly as
    /// the program left them.
    static let kernelsWat = """
        (module
          (memory (export "memory") 1)
          (global $count (export "count") (mut i32) (i32.const 0))
          (func $fib (export "fib") (param i32) (result i32)
            (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
              (then (local.get 0))
              (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                             (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
          (func (export "fill") (param $at i32)
            (loop $l
              (i32.store (local.get $at) (local.get $at))
              (global.set $count (i32.add (global.get $count) (i32.const 1)))
              (local.set $at (i32.add (local.get $at) (i32.const 4096)))
              (br $l)))
          (func (export "twice") (param i32) (result i32) (i32.mul (call $fib (local.get 0)) (i32.const 2))))
        """

    /// Calls fib(20), fill(4) (stores at 4, 4100, …, 61444, then traps at
    /// 65540) and twice(10), checking every result and the state at the trap.
    static func expectKernelsWork(_ instance: Instance, _ note: String) throws {
        #expect(try instance.call("fib", [.i32(20)]) == [.i32(6_765)], "\(note)")
        do {
            _ = try instance.call("fill", [.i32(4)])
            Issue.record("fill returned: \(note)")
        } catch {
            #expect(error.trap?.code == .memoryOutOfBounds, "\(note)")
        }
        #expect(try instance.globalValue("count") == .i32(16), "\(note)")
        let memory = try instance.memory()
        for k in 0..<16 {
            let offset = 4 + k * 4096
            #expect(try memory.read(at: offset, count: 4) == withUnsafeBytes(of: UInt32(offset).littleEndian, Array.init),
                    "word at \(offset): \(note)")
        }
        #expect(try memory.read(at: 65_532, count: 4) == [0, 0, 0, 0], "\(note)")
        #expect(try instance.call("twice", [.i32(10)]) == [.i32(110)], "\(note)")
    }

    @Test func kernelsAreOptimisedOnTheirFirstCall() throws {
        let engine = try Self.lazyEngine { $0.hotnessThreshold = Int(Int32.max) }
        let module = try Module(engine: engine, text: Self.kernelsWat)
        try Self.expectKernelsWork(Instance(store: Store(engine: engine), module: module), "four kernels allowed")
        #expect(module.lazyKernelCount == 2, "fib and fill; twice calls fib")
        #expect(module.lazilyCompiledCount == 3)
        #expect(module.hotFunctionCounts.optimized == 0, "kernels are never counted hot")
        // The count caps them: the second kernel gets registers code.
        let capped = try Self.lazyEngine {
            $0.hotnessThreshold = Int(Int32.max)
            $0.firstTierKernelsPerModule = 1
        }
        let one = try Module(engine: capped, text: Self.kernelsWat)
        try Self.expectKernelsWork(Instance(store: Store(engine: capped), module: one), "one kernel allowed")
        #expect(one.lazyKernelCount == 1)
        // Kernels are a kind of registers code: none without registers.
        let plain = try Self.lazyEngine { $0.firstTierRegistersMaximumCodeSize = nil }
        let none = try Module(engine: plain, text: Self.kernelsWat)
        try Self.expectKernelsWork(Instance(store: Store(engine: plain), module: none), "no registers")
        #expect(none.lazyKernelCount == 0)
    }
}
