import Testing
import Wasmex

/// A trapping memory access must trap exactly where the program performs it,
/// and leave memory, globals and tables as the program had written them up
/// to that instruction — in every mode that claims to be exact, at every
/// optimisation level. These are the shapes an optimiser gets wrong when it
/// believes loads cannot fault: a load whose value is never used, a load
/// feeding a `select`, a store the optimiser thinks is overwritten later, a
/// global kept in a register across a loop.
struct ExactTrapStateTests {
    static let wat = """
        (module
          (memory (export "m") 1 1)
          (global $g (export "g") (mut i32) (i32.const 0))
          (table $t (export "t") 2 funcref)
          (func $marker)
          (elem declare func $marker)
          (func (export "unused_local") (result i32) (local i32)
            (local.set 0 (i32.load (i32.const 65536)))
            (i32.const 7))
          (func (export "unused_select_arm") (param $c i32) (result i32)
            (select (i32.load (i32.const 65536)) (i32.const 1) (local.get $c)))
          (func (export "global_before_fault") (param $a i32)
            (global.set $g (i32.const 1))
            (global.set $g (i32.add (i32.load (local.get $a)) (i32.const 2))))
          (func (export "global_before_dropped_fault") (param $a i32)
            (global.set $g (i32.const 1))
            (drop (i32.load (local.get $a)))
            (global.set $g (i32.const 2)))
          (func (export "store_before_faulting_store") (param $a i32)
            (i32.store (i32.const 0) (i32.const 1))
            (i32.store (local.get $a) (i32.const 5))
            (i32.store (i32.const 0) (i32.const 2)))
          (func (export "store_before_fault") (param $a i32)
            (i32.store (i32.const 8) (i32.const 42))
            (i32.store (i32.const 8) (i32.add (i32.load (local.get $a)) (i32.const 1))))
          (func (export "table_before_fault") (param $a i32)
            (table.set $t (i32.const 1) (ref.func $marker))
            (drop (i32.load (local.get $a)))
            (table.set $t (i32.const 1) (ref.null func)))
          (func (export "global_counter_loop") (result i32) (local $sum i32)
            (loop $next
              (global.set $g (i32.add (global.get $g) (i32.const 1)))
              (local.set $sum (i32.add (local.get $sum)
                (i32.load (i32.shl (global.get $g) (i32.const 12)))))
              (br $next))
            (local.get $sum))
          (func (export "store_loop") (local $i i32)
            (loop $next
              (i32.store (local.get $i) (i32.add (local.get $i) (i32.const 1)))
              (local.set $i (i32.add (local.get $i) (i32.const 4)))
              (br $next))))
        """

    /// Every strategy that promises exact trap state, at O0 and O2.
    static let configurations: [(MemoryStrategy, OptimizationLevel)] =
        MemoryStrategy.allCases.filter(\.isTrapExact).flatMap { strategy in [(strategy, .o0), (strategy, .o2)] }

    /// An instance of ``wat``; `viaObject` compiles it to an AOT object and loads that.
    static func instance(_ strategy: MemoryStrategy, _ level: OptimizationLevel, viaObject: Bool = false) throws -> Instance {
        let engine = try Engine(Engine.Configuration(optimization: level, memoryStrategy: strategy))
        let store = Store(engine: engine)
        var module = try Module(engine: engine, text: wat)
        if viaObject { module = try Module.deserialize(engine: engine, bytes: module.serialize()) }
        return try Instance(store: store, module: module, imports: Imports())
    }

    @Test func theDefaultStrategyIsExact() throws {
        #expect(Engine.Configuration().memoryStrategy.isTrapExact)
        #expect(MemoryStrategy.hostDefault == .guardPages)
        #expect(MemoryStrategy.allCases.allSatisfy { $0.isTrapExact })
    }

    @Test func objectsCompiledAheadOfTimeAreExactToo() throws {
        let instance = try Self.instance(.hostDefault, .o2, viaObject: true)
        Self.expectOutOfBounds(instance, "unused_local")
        Self.expectOutOfBounds(instance, "store_before_faulting_store", [.i32(65533)])
        #expect(try Self.word(instance, at: 0) == 1)
        Self.expectOutOfBounds(instance, "global_before_fault", [.i32(65534)])
        #expect(try instance.global(named: "g").get() == .i32(1))
    }

    /// Calls `name` and checks it traps out of bounds.
    static func expectOutOfBounds(_ instance: Instance, _ name: String, _ arguments: [Value] = [],
                                  sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let results = try instance.call(name, arguments)
            Issue.record("\(name) returned \(results) instead of trapping", sourceLocation: sourceLocation)
        } catch {
            #expect(CoreTest.trapCode(error) == .memoryOutOfBounds, "\(name): \(error)", sourceLocation: sourceLocation)
        }
    }

    static func word(_ instance: Instance, at offset: Int) throws -> Int32 {
        let bytes = try instance.memory(named: "m").read(at: offset, count: 4)
        return bytes.reversed().reduce(0) { $0 << 8 | Int32($1) }
    }

    @Test(arguments: configurations)
    func loadsWhoseValueIsUnusedStillTrap(strategy: MemoryStrategy, level: OptimizationLevel) throws {
        let instance = try Self.instance(strategy, level)
        Self.expectOutOfBounds(instance, "unused_local")
        Self.expectOutOfBounds(instance, "unused_select_arm", [.i32(0)])
        Self.expectOutOfBounds(instance, "unused_select_arm", [.i32(1)])
    }

    @Test(arguments: configurations)
    func globalsHoldWhatWasWrittenBeforeTheTrap(strategy: MemoryStrategy, level: OptimizationLevel) throws {
        let instance = try Self.instance(strategy, level)
        let global = try instance.global(named: "g")
        Self.expectOutOfBounds(instance, "global_before_fault", [.i32(65534)])
        #expect(global.get() == .i32(1))
        try global.set(.i32(0))
        Self.expectOutOfBounds(instance, "global_before_dropped_fault", [.i32(-4)])
        #expect(global.get() == .i32(1))
        _ = try instance.call("global_before_fault", [.i32(0)])
        #expect(global.get() == .i32(2))
    }

    @Test(arguments: configurations)
    func memoryHoldsWhatWasWrittenBeforeTheTrap(strategy: MemoryStrategy, level: OptimizationLevel) throws {
        let instance = try Self.instance(strategy, level)
        Self.expectOutOfBounds(instance, "store_before_faulting_store", [.i32(65533)])
        #expect(try Self.word(instance, at: 0) == 1)
        Self.expectOutOfBounds(instance, "store_before_fault", [.i32(70000)])
        #expect(try Self.word(instance, at: 8) == 42)
    }

    @Test(arguments: configurations)
    func tablesHoldWhatWasWrittenBeforeTheTrap(strategy: MemoryStrategy, level: OptimizationLevel) throws {
        let instance = try Self.instance(strategy, level)
        Self.expectOutOfBounds(instance, "table_before_fault", [.i32(65536)])
        let table = try instance.table(named: "t")
        guard case .funcRef(let reference) = try table.get(1) else {
            Issue.record("table element 1 is not a function reference")
            return
        }
        #expect(reference != nil, "the table.set before the trap was lost")
    }

    @Test(arguments: configurations)
    func loopsStopAtTheFaultingIteration(strategy: MemoryStrategy, level: OptimizationLevel) throws {
        let instance = try Self.instance(strategy, level)
        Self.expectOutOfBounds(instance, "global_counter_loop")
        // Iteration 16 loads at 16 << 12 = 65536, the first byte past the end.
        #expect(try instance.global(named: "g").get() == .i32(16))
        Self.expectOutOfBounds(instance, "store_loop")
        #expect(try Self.word(instance, at: 65532) == 65533)
        #expect(try Self.word(instance, at: 4) == 5)
    }
}
