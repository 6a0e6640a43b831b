import Testing
import Wasmex

/// A ``WasmexInstance`` given its store: fuel, limits and a deadline set
/// before the start function runs, and read back through the actor.
struct ParityActorStoreTests {
    /// The start function stores 42 in global `g` and writes "hi" at 16.
    static let startingModule = #"""
        (module
          (memory (export "memory") 1 4)
          (global $g (mut i32) (i32.const 0))
          (func $start
            (global.set $g (i32.const 42))
            (i32.store16 (i32.const 16) (i32.const 0x6968)))
          (start $start)
          (func (export "g") (result i32) (global.get $g))
          (func (export "spin") (loop $l (br $l))))
        """#

    /// Fuel used by instantiation: 2 for running a start function, 1 to enter
    /// it, 6 operators (`global.set` with its constant, `i32.store16` with two).
    static let startCost: UInt64 = 2 + 1 + 5
    /// Fuel used by `g()`: entering it and `global.get`.
    static let getCost: UInt64 = 1 + 1

    private func fuelModule() throws -> Module {
        try Module(engine: ControlFixture.fuelEngine, text: Self.startingModule)
    }

    @Test func startsWithFuelFromAConfiguration() async throws {
        let limits = StoreLimits(memorySize: 2 * 65536, instances: 4)
        let instance = try await WasmexInstance(module: fuelModule(),
                                                store: StoreConfiguration(fuel: 1000, limits: limits))
        #expect(try await instance.fuel() == 1000 - Self.startCost)
        #expect(try await instance.call("g") == [.i32(42)])
        #expect(try await instance.fuel() == 1000 - Self.startCost - Self.getCost)
        #expect(try await instance.storeLimits() == limits)
        #expect(try await instance.withMemory { memory throws(WasmexError) in try memory.readString(at: 16, count: 2) } == "hi")
        // The limits are in force: the memory cannot grow past two pages.
        await #expect(throws: WasmexError.self) { try await instance.growMemory(by: 2) }
    }

    @Test func withoutFuelTheStartFunctionRunsOut() async throws {
        let module = try fuelModule()
        do {
            _ = try await WasmexInstance(module: module)
            Issue.record("a start function ran with 0 fuel")
        } catch {
            #expect(ControlFixture.trap(of: error) == .outOfFuel)
        }
    }

    @Test func theStartFunctionNeedsFuelLeftAtItsEntry() async throws {
        let module = try fuelModule()
        // 2 for running a start function and 1 to enter it must leave some fuel.
        await #expect(throws: WasmexError.self) {
            _ = try await WasmexInstance(module: module, store: StoreConfiguration(fuel: 3))
        }
        // With 4 it passes its entry check; its straight-line body runs on credit.
        let onCredit = try await WasmexInstance(module: module, store: StoreConfiguration(fuel: 4))
        #expect(try await onCredit.fuel() == 0)
        let instance = try await WasmexInstance(module: module, store: StoreConfiguration(fuel: Self.startCost + 1))
        #expect(try await instance.fuel() == 1)
    }

    @Test func startsWithAStoreFromAClosureAndRefuels() async throws {
        let instance = try await WasmexInstance(module: fuelModule()) { engine throws(WasmexError) in
            let store = Store(engine: engine, limits: StoreLimits(tables: 1))
            try store.setFuel(50)
            return store
        }
        #expect(try await instance.fuel() == 50 - Self.startCost)
        #expect(try await instance.storeLimits() == StoreLimits(tables: 1))
        try await instance.setFuel(Self.getCost)
        #expect(try await instance.call("g") == [.i32(42)])
        #expect(try await instance.fuel() == 0)
        await #expect(throws: WasmexError.self) { try await instance.call("g") }
        let seen = try await instance.withStore { store in (store.fuel, store.engine.configuration.consumeFuel) }
        #expect(seen.0 == 0)
        #expect(seen.1)
    }

    @Test func aStoreOfAnotherEngineIsRefused() async throws {
        let module = try fuelModule()
        do {
            _ = try await WasmexInstance(module: module) { _ in Store(engine: APIFixture.engine) }
            Issue.record("a store of another engine was accepted")
        } catch {
            guard case .storeMismatch = error else {
                Issue.record("expected storeMismatch, got \(error)")
                return
            }
        }
    }

    @Test func fuelNeedsAFuelEngine() async throws {
        let module = try Module(engine: APIFixture.engine, text: #"(module (func (export "f")))"#)
        await #expect(throws: WasmexError.self) {
            _ = try await WasmexInstance(module: module, store: StoreConfiguration(fuel: 10))
        }
        let instance = try await WasmexInstance(module: module)
        #expect(try await instance.fuel() == nil)
    }

    @Test func anEpochDeadlineStopsTheStore() async throws {
        let module = try Module(engine: APIFixture.engine, text: Self.startingModule)
        let instance = try await WasmexInstance(module: module,
                                                store: StoreConfiguration(epochDeadline: .milliseconds(100)))
        #expect(try await instance.call("g") == [.i32(42)])
        // Timed on the instance's own thread: the awaiting test task may wait
        // long for a cooperative thread on a loaded machine, the Wasm does not.
        let (trap, elapsed) = try await instance.withInstance(timeout: .seconds(30)) {
            (wasm: Instance) throws(WasmexError) -> (TrapCode?, Duration) in
            let started = ContinuousClock.now
            do throws(WasmexError) {
                _ = try wasm.call("spin")
                return (nil, ContinuousClock.now - started)
            } catch {
                return (error.trap?.code, ContinuousClock.now - started)
            }
        }
        #expect(trap == .interrupted, "spin returned or failed otherwise")
        #expect(elapsed < .seconds(20), "the store's deadline, not the call's timeout, ended it")
    }

    @Test func bytesWithAStoreConfiguration() async throws {
        let instance = try await WasmexInstance(bytes: Array(Self.startingModule.utf8), engine: ControlFixture.fuelEngine,
                                                store: StoreConfiguration(fuel: 100))
        #expect(try await instance.call("g") == [.i32(42)])
        #expect(try await instance.fuel() == 100 - Self.startCost - Self.getCost)
    }
}
