import Foundation
import Testing
import Wasmex

/// Hot functions in tiered modules: counted in first-tier code, compiled one
/// by one at O2, switched in at their next call, and — for a call that is
/// already running — at the next iteration of an outermost loop (on-stack
/// replacement). Nothing a program or its host observes may change: results,
/// traps and their frames, fuel, timeouts and stack limits.
@Suite struct HotFunctionTests {
    /// `sum(n)`: one call that spends its whole time in one loop (like a C
    /// `main` with its kernel inlined), calling a helper; `fail(n)` traps out
    /// of bounds at iteration `n` of such a loop; `spin` never ends.
    static let wat = """
        (module
          (memory 1)
          (global $calls (mut i32) (i32.const 0))
          (func $step (param $x i32) (result i32)
            (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
            (i32.add (i32.mul (local.get $x) (i32.const 31)) (i32.const 7)))
          (func $sum (export "sum") (param $n i32) (result i32) (local $i i32) (local $acc i32)
            (block $done
              (loop $next
                (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                (local.set $acc (i32.xor (local.get $acc) (call $step (local.get $i))))
                (i32.store (i32.const 16) (local.get $acc))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $next)))
            (local.get $acc))
          (func $fail (export "fail") (param $n i32) (result i32) (local $i i32)
            (loop $next
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
            (i32.load (i32.const 70000)))
          (func (export "callFail") (param $n i32) (result i32) (call $fail (local.get $n)))
          (func (export "spin") (loop $l (br $l)))
          (func $deep (export "deep") (param $n i32) (result i32)
            (if (result i32) (i32.eqz (local.get $n))
              (then (i32.const 0))
              (else (i32.add (i32.const 1) (call $deep (i32.sub (local.get $n) (i32.const 1)))))))
          (func (export "calls") (result i32) (global.get $calls))
          (func (export "count") (param $n i32) (result i32) (local $i i32)
            (if (i32.eqz (local.get $n)) (then (return (i32.const 0))))
            (loop $next
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
            (local.get $i)))
        """

    /// `sum(n)` computed in Swift.
    static func sum(_ n: Int32) -> Int32 {
        var acc: Int32 = 0
        for i in 0..<n { acc ^= i &* 31 &+ 7 }
        return acc
    }

    /// Every function optimised at its first call, on the calling thread:
    /// every resumable loop is then entered through on-stack replacement.
    static func hotAtOnce(_ configure: (inout Engine.Configuration) -> Void = { _ in }) throws -> Engine {
        var configuration = Engine.Configuration()
        configuration.hotnessThreshold = 1
        configuration.compilesHotFunctionsInline = true
        configure(&configuration)
        return try Engine(configuration)
    }

    @Test func aRunningCallMovesIntoOptimizedCode() throws {
        let engine = try Self.hotAtOnce()
        let module = try Module(engine: engine, text: Self.wat)
        let instance = try Instance(store: Store(engine: engine), module: module)
        #expect(try instance.call("sum", [.i32(100_000)]) == [.i32(Self.sum(100_000))])
        #expect(try instance.call("calls") == [.i32(100_000)])
        let counts = module.hotFunctionCounts
        // sum's object carries a private copy of step (small, called directly), so only
        // sum and calls are compiled on their own.
        #expect(counts.optimized == 2, "sum and calls are hot: \(counts)")
        #expect(counts.resumable >= 1, "sum has a resumable loop: \(counts)")
        #expect(module.hotFunctionFailures.isEmpty)
        // The whole module was never compiled at O2.
        #expect(!module.isOptimized)
    }

    /// A function's OSR entry is compiled only when a call still loops in its
    /// first-tier code after its optimised code is out: `count(0)` returns
    /// before its loop, so the call that makes it hot never asks, and a later
    /// long call starts in the optimised code; a long call that gets hot
    /// while looping asks for the entry and moves into it.
    @Test func entriesAreCompiledOnlyForCallsStillLooping() throws {
        let engine = try Self.hotAtOnce { $0.hotnessThreshold = 100 }
        let module = try Module(engine: engine, text: Self.wat)
        let instance = try Instance(store: Store(engine: engine), module: module)
        for _ in 0..<200 { #expect(try instance.call("count", [.i32(0)]) == [.i32(0)]) }
        #expect(module.hotFunctionCounts.optimized == 1, "count got hot at entry: \(module.hotFunctionCounts)")
        #expect(try instance.call("count", [.i32(100_000)]) == [.i32(100_000)])
        #expect(module.hotFunctionCounts.resumable == 0, "no call looped in first-tier count: \(module.hotFunctionCounts)")

        let looping = try Module(engine: engine, text: Self.wat)
        let fresh = try Instance(store: Store(engine: engine), module: looping)
        #expect(try fresh.call("count", [.i32(100_000)]) == [.i32(100_000)])
        #expect(looping.hotFunctionCounts == (optimized: 1, resumable: 1), "the one call of count moved: \(looping.hotFunctionCounts)")
        #expect(looping.hotFunctionFailures.isEmpty)
    }

    /// A trap in code entered by on-stack replacement names each Wasm call
    /// once: the first-tier frame the call left stays on the native stack
    /// below the optimised one, and is not a call of its own. (Compared with
    /// O0 code, which inlines nothing, as hot functions do not inline either.)
    @Test func trapsInResumedCallsShowEachCallOnce() throws {
        for hot in [true, false] {
            let engine = hot ? try Self.hotAtOnce() : try Engine(Engine.Configuration(optimization: .o0, compilation: .eager))
            let module = try Module(engine: engine, text: Self.wat)
            let instance = try Instance(store: Store(engine: engine), module: module)
            try Self.expectFailFrames(instance, iterations: 1_000, "hot: \(hot)")
            if hot { #expect(module.hotFunctionCounts.resumable >= 1) }
        }
    }

    /// `callFail(iterations)` traps out of bounds in `fail`: the frames name
    /// `fail` (function 2) and `callFail` (function 3) once each.
    static func expectFailFrames(_ instance: Instance, iterations: Int32, _ label: String) throws {
        do {
            _ = try instance.call("callFail", [.i32(iterations)])
            Issue.record("callFail returned (\(label))")
        } catch {
            let trap = try #require(error.trap)
            #expect(trap.code == .memoryOutOfBounds, "\(label)")
            #expect(trap.frames.map(\.functionIndex) == [2, 3], "\(label)")
        }
    }

    /// The fuel `calls` (export and arguments) cost on a new instance of
    /// ``wat`` in `engine` (which consumes fuel).
    static func fuelCost(_ engine: Engine, _ calls: [(String, [Value])]) throws -> UInt64 {
        let module = try Module(engine: engine, text: wat)
        let store = Store(engine: engine)
        try store.setFuel(100_000_000)
        let instance = try Instance(store: store, module: module)
        for (name, arguments) in calls { _ = try instance.call(name, arguments) }
        return 100_000_000 - (store.fuel ?? 0)
    }

    /// A resumed call is not charged for its entry again: the same calls cost
    /// the same fuel as in eagerly compiled code.
    @Test func fuelIsTheSameWithOnStackReplacement() throws {
        let calls: [(String, [Value])] = [("sum", [.i32(5_000)]), ("sum", [.i32(7)]), ("deep", [.i32(100)])]
        let eager = try Self.fuelCost(Engine(Engine.Configuration(consumeFuel: true, compilation: .eager)), calls)
        let hot = try Self.fuelCost(Self.hotAtOnce { $0.consumeFuel = true }, calls)
        #expect(hot == eager)
        #expect(eager > 5_000 * 10)
    }

    @Test func timeoutsAndStackLimitsHoldInHotCode() throws {
        let engine = try Self.hotAtOnce { $0.maxWasmStack = 256 * 1024 }
        let module = try Module(engine: engine, text: Self.wat)
        let store = Store(engine: engine)
        let instance = try Instance(store: store, module: module)
        for round in 0..<2 {
            // Round 0 runs `spin` through on-stack replacement, round 1 calls its optimised code.
            try TieredCompilationTests.expectTimeoutAndStackLimit(instance, store, "round \(round)")
        }
        #expect(module.hotFunctionCounts.resumable >= 1)
    }

    /// The default: counters reach the threshold while two threads run the
    /// first tier; each hot function is compiled in the background and
    /// switched in under them. Every result is right before, during and after.
    @Test func backgroundSwitchWhileOtherThreadsRun() async throws {
        var configuration = Engine.Configuration()
        configuration.hotnessThreshold = 500
        let engine = try Engine(configuration)
        let module = try Module(engine: engine, text: Self.wat)
        let expected = [Value.i32(Self.sum(2_000))]
        let wrong = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    var wrong = 0
                    do {
                        let instance = try Instance(store: Store(engine: engine), module: module)
                        for _ in 0..<300 where try instance.call("sum", [.i32(2_000)]) != expected { wrong += 1 }
                    } catch {
                        wrong += 1_000
                    }
                    return wrong
                }
            }
            return await group.reduce(0, +)
        }
        #expect(wrong == 0)
        // The compile threads finish on their own time: wait for them (not a timing assertion).
        let deadline = ContinuousClock.now + .seconds(60)
        while module.hotFunctionCounts.optimized < 1 && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(module.hotFunctionCounts.optimized >= 1, "sum got hot")
        let instance = try Instance(store: Store(engine: engine), module: module)
        #expect(try instance.call("sum", [.i32(2_000)]) == expected)
    }

    /// Hot functions compiled in two stages: with the quick stage for every
    /// size, each hot function publishes quick code and then its optimised
    /// code (inline, one after the other), and results stay right.
    @Test func hotFunctionsRunQuickCodeThenOptimizedCode() throws {
        let engine = try Self.hotAtOnce {
            $0.quickStageMinimumCodeSize = 0
            $0.firstTierRegistersMaximumCodeSize = nil
        }
        let module = try Module(engine: engine, text: Self.wat)
        let instance = try Instance(store: Store(engine: engine), module: module)
        #expect(try instance.call("sum", [.i32(100_000)]) == [.i32(Self.sum(100_000))])
        #expect(try instance.call("calls") == [.i32(100_000)])
        #expect(module.hotFunctionCounts.optimized == 2, "sum and calls are hot: \(module.hotFunctionCounts)")
        #expect(module.hotFunctionStageCounts == (quick: 0, upgraded: 2), "both went through the quick stage: \(module.hotFunctionStageCounts)")
        #expect(module.hotFunctionFailures.isEmpty)

        // With first-tier registers (the default), the looping `sum` has them and
        // goes straight to its optimised code, which takes `step` in with it:
        // no quick code, and `step` is never called on its own again.
        let graded = try Self.hotAtOnce { $0.quickStageMinimumCodeSize = 0 }
        let gradedModule = try Module(engine: graded, text: Self.wat)
        #expect(gradedModule.compiled.registersFunctions.contains(1), "sum (defined 1) has registers")
        let gradedInstance = try Instance(store: Store(engine: graded), module: gradedModule)
        #expect(try gradedInstance.call("sum", [.i32(100_000)]) == [.i32(Self.sum(100_000))])
        #expect(gradedModule.hotFunctionCounts.optimized == 1, "\(gradedModule.hotFunctionCounts)")
        #expect(gradedModule.hotFunctionStageCounts == (quick: 0, upgraded: 0), "\(gradedModule.hotFunctionStageCounts)")

        // Without the quick stage the same functions go straight to optimised code.
        let direct = try Self.hotAtOnce { $0.quickStageMinimumCodeSize = nil }
        let plain = try Module(engine: direct, text: Self.wat)
        #expect(try Instance(store: Store(engine: direct), module: plain).call("sum", [.i32(1_000)]) == [.i32(Self.sum(1_000))])
        #expect(plain.hotFunctionStageCounts == (quick: 0, upgraded: 0))
    }

    /// A function over the large-function size stays in its quick stage; a
    /// call looping in it moves into a quick-stage on-stack-replacement
    /// entry, and a trap there is the same trap.
    @Test func largeHotFunctionsStayQuickAndResume() throws {
        // `big(n)`: a loop whose body is ~20 KB of adds into a local.
        let body = String(repeating: "(local.set $acc (i32.add (local.get $acc) (i32.const 3)))\n", count: 2_500)
        let wat = """
            (module
              (memory 1)
              (func (export "big") (param $n i32) (result i32) (local $i i32) (local $acc i32)
                (loop $next
                  \(body)
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
                (local.get $acc))
              (func (export "bigFail") (param $n i32) (result i32) (local $i i32) (local $acc i32)
                (loop $next
                  \(body)
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
                (i32.load (i32.add (local.get $acc) (i32.const 70000)))))
            """
        let engine = try Self.hotAtOnce()
        let module = try Module(engine: engine, text: wat)
        let instance = try Instance(store: Store(engine: engine), module: module)
        #expect(try instance.call("big", [.i32(1_000)]) == [.i32(1_000 * 2_500 * 3)])
        do {
            _ = try instance.call("bigFail", [.i32(10)])
            Issue.record("bigFail returned")
        } catch {
            #expect(try #require(error.trap).code == .memoryOutOfBounds)
        }
        #expect(module.hotFunctionStageCounts == (quick: 2, upgraded: 0), "\(module.hotFunctionStageCounts)")
        #expect(module.hotFunctionCounts.resumable == 2, "both loops resumed: \(module.hotFunctionCounts)")
        #expect(module.hotFunctionFailures.isEmpty)
    }

    /// The default engine (hot functions compiled in the background) with
    /// `hotnessThreshold`, every hot function compiled quick first.
    static func everyHotFunctionInTwoStages(hotnessThreshold: Int) throws -> Engine {
        var configuration = Engine.Configuration()
        configuration.hotnessThreshold = hotnessThreshold
        configuration.quickStageMinimumCodeSize = 0
        // Stack-slot first-tier code: a function with registers skips the quick stage.
        configuration.firstTierRegistersMaximumCodeSize = nil
        return try Engine(configuration)
    }

    /// In the background the optimised stage waits for a free compile thread
    /// and then replaces the quick code under running calls.
    @Test func optimizedStageReplacesQuickCodeInTheBackground() async throws {
        let engine = try Self.everyHotFunctionInTwoStages(hotnessThreshold: 100)
        let module = try Module(engine: engine, text: Self.wat)
        let instance = try Instance(store: Store(engine: engine), module: module)
        let expected = [Value.i32(Self.sum(500))]
        let deadline = ContinuousClock.now + .seconds(60)
        var calls = 0
        // Not a timing assertion: call until the upgrade is in (or a generous deadline passes).
        while module.hotFunctionStageCounts.upgraded < 1 && ContinuousClock.now < deadline {
            #expect(try instance.call("sum", [.i32(500)]) == expected)
            calls += 1
            if calls % 100 == 0 { try await Task.sleep(for: .milliseconds(5)) }
        }
        #expect(module.hotFunctionStageCounts.upgraded >= 1, "sum's optimised code replaced its quick code")
        #expect(try instance.call("sum", [.i32(500)]) == expected)
        #expect(module.hotFunctionFailures.isEmpty)
    }

    /// Modules released while their quick and optimised stages are queued or
    /// compiling: once the compile threads are done, the JIT holds nothing of
    /// them (no stage publishes into, or loads code for, a released module).
    @Test func releasedModulesDropTheirPendingStages() async throws {
        let engine = try Self.everyHotFunctionInTwoStages(hotnessThreshold: 10)
        #expect(engine.loadedObjectCount == 0)
        for round in 0..<20 {
            let module = try Module(engine: engine, text: Self.wat.replacingOccurrences(of: "(i32.const 31)", with: "(i32.const \(round))"))
            let instance = try Instance(store: Store(engine: engine), module: module)
            #expect(try instance.call("sum", [.i32(200)]) != [])
        }
        // Not a timing assertion: wait for the compile threads (a generous deadline).
        let deadline = ContinuousClock.now + .seconds(60)
        while engine.loadedObjectCount > 0 && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(engine.loadedObjectCount == 0)
    }

    /// A released module takes its hot functions' objects with it: compiling
    /// and dropping modules leaves the JIT holding what it held before.
    @Test func releasedModulesFreeTheirHotCode() throws {
        try Self.expectReleasedModulesFreeTheirCode(Self.hotAtOnce()) { #expect($0.hotFunctionCounts.optimized >= 1) }
    }

    /// Compiles, runs and drops 31 variants of ``wat`` in `engine`, checking
    /// each module with `check` after a call: from the second on, the JIT
    /// holds as many objects as after the first was released.
    static func expectReleasedModulesFreeTheirCode(_ engine: Engine, _ check: (Module) -> Void) throws {
        func cycle(_ round: Int) throws {
            let module = try Module(engine: engine, text: wat.replacingOccurrences(of: "(i32.const 31)", with: "(i32.const \(round))"))
            let instance = try Instance(store: Store(engine: engine), module: module)
            _ = try instance.call("sum", [.i32(100)])
            check(module)
        }
        try cycle(0)
        let baseline = settledObjectCount(engine)
        for round in 1...30 { try cycle(round) }
        #expect(settledObjectCount(engine) == baseline)
    }

    /// The engine's loaded-object count once it has stopped changing: a
    /// released module's objects can be unloaded a moment later, by the
    /// compile thread that held it last (seen once in a full parallel test
    /// run: 2 objects right after the first module, 0 after the last).
    static func settledObjectCount(_ engine: Engine) -> Int {
        var count = engine.loadedObjectCount
        var stableSince = ContinuousClock.now
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now - stableSince < .milliseconds(200) && ContinuousClock.now < deadline {
            usleep(10_000)
            let now = engine.loadedObjectCount
            if now != count { count = now; stableSince = ContinuousClock.now }
        }
        return count
    }

    /// Modules released while their hot functions compile: finished objects
    /// are dropped, never published into freed code.
    @Test func modulesReleasedWhileHotFunctionsCompile() throws {
        var configuration = Engine.Configuration()
        configuration.hotnessThreshold = 10
        let engine = try Engine(configuration)
        for round in 0..<20 {
            let module = try Module(engine: engine, text: Self.wat.replacingOccurrences(of: "(i32.const 31)", with: "(i32.const \(round))"))
            let instance = try Instance(store: Store(engine: engine), module: module)
            #expect(try instance.call("sum", [.i32(50)]) != [])
        }
    }
}
