import Foundation
import Testing
import Wasmex

/// Tiered compilation (the default): a module runs its O0 first tier at
/// once, its O2 second tier is switched in when ready, and nothing a program
/// or its host can observe — results, traps and their frames, fuel, timeouts,
/// stack limits — differs between the tiers or while the switch happens.
@Suite struct TieredCompilationTests {
    static let wat = """
        (module
          (memory 1)
          (func $step (param $x i32) (result i32)
            (i32.add (i32.mul (local.get $x) (i32.const 31)) (i32.const 7)))
          (func (export "mix") (param $n i32) (result i32) (local $acc i32)
            (block $done
              (loop $next
                (br_if $done (i32.eqz (local.get $n)))
                (local.set $acc (call $step (i32.xor (local.get $acc) (local.get $n))))
                (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                (br $next)))
            (local.get $acc))
          (func $inner (param $p i32) (result i32) (i32.load (local.get $p)))
          (func (export "load") (param $p i32) (result i32) (call $inner (local.get $p)))
          (func $deep (export "deep") (param $n i32) (result i32)
            (if (result i32) (i32.eqz (local.get $n))
              (then (i32.const 0))
              (else (i32.add (i32.const 1) (call $deep (i32.sub (local.get $n) (i32.const 1)))))))
          (func (export "spin") (loop $l (br $l)))
          (func (export "pair") (param i32) (result i32 i64)
            (local.get 0) (i64.extend_i32_u (i32.add (local.get 0) (i32.const 1))))
          (table (export "table") 1 funcref)
          (elem (i32.const 0) $step)
          (type $unary (func (param i32) (result i32)))
          (func (export "indirect") (param i32) (result i32)
            (call_indirect (type $unary) (local.get 0) (i32.const 0))))
        """

    /// `mix(n)` computed in Swift.
    static func mix(_ n: Int32) -> Int32 {
        var acc: Int32 = 0
        var n = n
        while n != 0 {
            acc = (acc ^ n) &* 31 &+ 7
            n -= 1
        }
        return acc
    }

    static func tieredEngine(_ configure: (inout Engine.Configuration) -> Void = { _ in }) throws -> Engine {
        var configuration = Engine.Configuration()
        #expect(configuration.compilation == .tiered, "tiered is the default")
        configure(&configuration)
        return try Engine(configuration)
    }

    /// What every export returns, traps with, or leaves in the frames.
    static func observe(_ instance: Instance) throws -> [String] {
        var seen: [String] = []
        seen.append("mix \(try instance.call("mix", [.i32(1000)]))")
        seen.append("indirect \(try instance.call("indirect", [.i32(5)]))")
        seen.append("pair \(try instance.call("pair", [.i32(9)]))")
        seen.append("deep \(try instance.call("deep", [.i32(1000)]))")
        do {
            _ = try instance.call("load", [.i32(65_535)])
            seen.append("load returned")
        } catch {
            let trap = try #require(error.trap)
            seen.append("load \(trap.code) \(trap.frames.map { "\($0.functionIndex)@\($0.codeOffset ?? 0)" })")
        }
        return seen
    }

    /// With backtrace details no Wasm function is inlined, so the frames of a
    /// trap are the same in both tiers, down to each frame's byte offset.
    /// (Without details O2 may fold `$inner` into `load`, as eager O2 does.)
    @Test func bothTiersBehaveTheSame() throws {
        let engine = try Self.tieredEngine { $0.backtraceDetails = true }
        let module = try Module(engine: engine, text: Self.wat)
        let store = Store(engine: engine)
        let instance = try Instance(store: store, module: module)
        let before = try Self.observe(instance)
        try module.waitForTierUp()
        #expect(module.isOptimized)
        let after = try Self.observe(instance)
        #expect(before == after)
        #expect(before.first == "mix \([Value.i32(Self.mix(1000))])")
        #expect(before.last?.hasPrefix("load \(TrapCode.memoryOutOfBounds) [\"2@") == true, "\(before)")
        #expect(before.last?.contains("\", \"3@") == true, "\(before)")
        // A new instance of the tiered-up module too.
        #expect(try Self.observe(Instance(store: store, module: module)) == before)
    }

    @Test func eagerModulesAreOptimizedAtOnce() throws {
        let engine = try Self.tieredEngine { $0.compilation = .eager }
        let module = try Module(engine: engine, text: Self.wat)
        #expect(module.isOptimized)
        try module.waitForTierUp()
        #expect(try Self.observe(Instance(store: Store(engine: engine), module: module)).count == 5)
    }

    /// Threads call into first-tier code in a loop while the second tier is
    /// switched in: every result is right, before, during and after.
    @Test func switchWhileOtherThreadsRunTheFirstTier() async throws {
        let engine = try Self.tieredEngine()
        let module = try Module(engine: engine, text: Self.wat)
        let expected = Self.mix(20_000)
        let wrong = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    var wrong = 0
                    do {
                        let instance = try Instance(store: Store(engine: engine), module: module)
                        for _ in 0..<200 where try instance.call("mix", [.i32(20_000)]) != [.i32(expected)] { wrong += 1 }
                    } catch {
                        wrong += 1_000
                    }
                    return wrong
                }
            }
            group.addTask {
                (try? module.waitForTierUp()) == nil ? 1_000_000 : 0
            }
            return await group.reduce(0, +)
        }
        #expect(wrong == 0)
        #expect(module.isOptimized)
    }

    /// A forwarded call is charged once: the same call costs the same fuel in
    /// either tier.
    @Test func fuelIsChargedTheSameInBothTiers() throws {
        let engine = try Self.tieredEngine { $0.consumeFuel = true }
        let module = try Module(engine: engine, text: Self.wat)
        func cost() throws -> UInt64 {
            let store = Store(engine: engine)
            try store.setFuel(1_000_000)
            let instance = try Instance(store: store, module: module)
            _ = try instance.call("mix", [.i32(100)])
            _ = try instance.call("indirect", [.i32(3)])
            return 1_000_000 - (store.fuel ?? 0)
        }
        let first = try cost()
        try module.waitForTierUp()
        #expect(try cost() == first)
        #expect(first > 100)
    }

    @Test func timeoutsAndStackLimitsHoldInBothTiers() throws {
        let engine = try Self.tieredEngine { $0.maxWasmStack = 256 * 1024 }
        let module = try Module(engine: engine, text: Self.wat)
        for tier in ["first", "second"] {
            if tier == "second" { try module.waitForTierUp() }
            let store = Store(engine: engine)
            try Self.expectTimeoutAndStackLimit(Instance(store: store, module: module), store, "\(tier) tier")
        }
    }

    /// `spin` (a loop that never ends) stops at a 50 ms timeout with
    /// "interrupted", and `deep(10,000,000)` traps "call stack exhausted".
    static func expectTimeoutAndStackLimit(_ instance: Instance, _ store: Store, _ label: String) throws {
        do {
            _ = try store.withTimeout(.milliseconds(50)) { () throws(WasmexError) in try instance.call("spin") }
            Issue.record("spin returned (\(label))")
        } catch {
            #expect(error.trap?.code == .interrupted, "\(label)")
        }
        do {
            _ = try instance.call("deep", [.i32(10_000_000)])
            Issue.record("deep recursion returned (\(label))")
        } catch {
            #expect(error.trap?.code == .callStackExhausted, "\(label)")
        }
    }

    /// Modules released while their second tier is queued or compiling: the
    /// job is dropped or its result discarded, never written into freed code.
    @Test func modulesReleasedBeforeTheirSecondTierIsReady() throws {
        let engine = try Self.tieredEngine()
        for round in 0..<20 {
            let module = try Module(engine: engine, text: Self.wat.replacingOccurrences(of: "(i32.const 31)", with: "(i32.const \(round))"))
            let instance = try Instance(store: Store(engine: engine), module: module)
            #expect(try instance.call("indirect", [.i32(1)]) == [.i32(Int32(round) + 7)])
        }
        let survivor = try Module(engine: engine, text: Self.wat)
        try survivor.waitForTierUp()
        #expect(try Instance(store: Store(engine: engine), module: survivor).call("mix", [.i32(10)]) == [.i32(Self.mix(10))])
    }

    /// With a cache, the tiered module's second tier is stored, and the next
    /// module of the same bytes loads it optimised, with no first tier.
    @Test func theSecondTierFillsTheCache() throws {
        let scratch = try SpecTestSupport.makeScratch()
        defer { SpecTestSupport.removeScratch(scratch) }
        let directory = scratch + "/cache"
        let engine = try Self.tieredEngine { $0.cacheDirectory = directory }
        let first = try Module(engine: engine, text: Self.wat)
        try first.waitForTierUp()
        let entries = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(CacheDirectory.entrySuffix) }
        #expect(entries.count == 1)
        let second = try Module(engine: engine, text: Self.wat)
        #expect(second.isOptimized)
        #expect(try Self.observe(Instance(store: Store(engine: engine), module: second)).first == "mix \([Value.i32(Self.mix(1000))])")
    }

    /// A module with more than 4 KB of code, when not compiled on first call,
    /// compiles its first tier in partitions (4 per compile thread) that call
    /// one another by symbol; `compileThreads: 1` keeps it whole. Results are the same either way
    /// and after tiering up.
    @Test func largeModulesCompileTheirFirstTierInPartitions() throws {
        // 400 functions of about 160 bytes of code each; f<i> calls f<i+1>
        // (across partition boundaries) and returns 50 * x + i + (x & 1).
        var text = "(module\n"
        for index in 0..<400 {
            let sum = String(repeating: "(i32.add (local.get 0) ", count: 50) + "(i32.const \(index))" + String(repeating: ")", count: 50)
            let next = index < 399 ? "(drop (call $f\(index + 1) (i32.const 1)))" : ""
            text += "(func $f\(index) (export \"f\(index)\") (param i32) (result i32) \(next) (i32.add \(sum) (i32.and (local.get 0) (i32.const 1))))\n"
        }
        text += ")"
        func results(_ module: Module, _ engine: Engine) throws -> [Value] {
            let instance = try Instance(store: Store(engine: engine), module: module)
            return try [0, 57, 199, 200, 398, 399].flatMap { index in try instance.call("f\(index)", [.i32(3)]) }
        }
        let expected = [0, 57, 199, 200, 398, 399].map { Value.i32(Int32(150 + $0 + 1)) }
        var whole = Engine.Configuration()
        whole.compileThreads = 1
        whole.lazyCompilationMinimumCodeSize = nil
        let wholeEngine = try Engine(whole)
        let single = try Module(engine: wholeEngine, text: text)
        #expect(single.compiled.extraObjects.isEmpty)
        #expect(try results(single, wholeEngine) == expected)
        var split = Engine.Configuration()
        split.compileThreads = 2
        split.lazyCompilationMinimumCodeSize = nil
        let splitEngine = try Engine(split)
        let partitioned = try Module(engine: splitEngine, text: text)
        #expect(partitioned.compiled.extraObjects.count == 7)
        #expect(try results(partitioned, splitEngine) == expected)
        try partitioned.waitForTierUp()
        #expect(try results(partitioned, splitEngine) == expected)
        // The default compiles a module this size on first call: f0 runs the
        // whole chain (nothing compiled ahead of the calls, to count them).
        var lazyConfiguration = Engine.Configuration()
        lazyConfiguration.compilesFirstTierAhead = false
        let lazyEngine = try Engine(lazyConfiguration)
        let lazy = try Module(engine: lazyEngine, text: text)
        #expect(lazy.lazilyCompiledCount == 0)
        #expect(try results(lazy, lazyEngine) == expected)
        #expect(lazy.lazilyCompiledCount == 400)
        try lazy.waitForTierUp()
        #expect(try results(lazy, lazyEngine) == expected)
    }

    /// First-tier code of small looping functions has registers (the light
    /// passes and O1's code generator, see `FirstTierGrade`): a trap in it
    /// still leaves memory and globals exactly as the program left them, in
    /// a module compiled whole (the registers functions in an object of their
    /// own) and in one compiled on first call.
    @Test func registersFirstTierTrapsExactly() throws {
        let wat = """
            (module
              (memory (export "memory") 1)
              (global $count (export "count") (mut i32) (i32.const 0))
              (func (export "fill") (param $p i32)
                (loop $l
                  (i32.store (local.get $p) (local.get $p))
                  (global.set $count (i32.add (global.get $count) (i32.const 1)))
                  (local.set $p (i32.add (local.get $p) (i32.const 4096)))
                  (br $l))))
            """
        for onFirstCall in [false, true] {
            var configuration = Engine.Configuration()
            configuration.hotnessThreshold = Int(Int32.max)
            configuration.lazyCompilationMinimumCodeSize = onFirstCall ? 0 : nil
            let engine = try Engine(configuration)
            let module = try Module(engine: engine, text: wat)
            if !onFirstCall { #expect(module.compiled.extraObjects.count == 1) }
            let instance = try Instance(store: Store(engine: engine), module: module)
            // Stores at 4, 4100, …, 61444 succeed; the 17th, at 65540, traps.
            #expect(throws: WasmexError.self) { try instance.call("fill", [.i32(4)]) }
            do {
                _ = try instance.call("fill", [.i32(65_540)])
                Issue.record("fill(65540) returned")
            } catch {
                #expect(error.trap?.code == .memoryOutOfBounds)
            }
            #expect(try instance.globalValue("count") == .i32(16))
            let memory = try instance.memory()
            for k in 0..<16 {
                let offset = 4 + k * 4096
                let word = try memory.read(at: offset, count: 4)
                #expect(word == withUnsafeBytes(of: UInt32(offset).littleEndian, Array.init), "word at \(offset)")
            }
            #expect(try memory.read(at: 65_532, count: 4) == [0, 0, 0, 0])
            #expect(module.isOptimized == false, "still first-tier code")
        }
    }
}

