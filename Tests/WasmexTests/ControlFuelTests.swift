import Testing
import Wasmex

/// Fuel: per-segment charging, "all fuel consumed", determinism.
struct ControlFuelTests {
    /// Runs `count(n)` with `fuel` on a fresh store; returns the outcome and the remaining fuel.
    private func run(n: Int32, fuel: UInt64) throws -> (result: [Value]?, trap: TrapCode?, remaining: UInt64?) {
        let instance = try ControlFixture.instance(engine: ControlFixture.fuelEngine)
        try instance.store.setFuel(fuel)
        do {
            let result = try instance.call("count", [.i32(n)])
            return (result, nil, instance.store.fuel)
        } catch {
            return (nil, ControlFixture.trap(of: error), instance.store.fuel)
        }
    }

    @Test func enoughFuelRunsAndCostGrowsWithWork() throws {
        let small = try run(n: 10, fuel: 1_000_000)
        let large = try run(n: 1000, fuel: 1_000_000)
        #expect(small.result == [.i32(10)])
        #expect(large.result == [.i32(1000)])
        let smallCost = 1_000_000 - (small.remaining ?? 0)
        let largeCost = 1_000_000 - (large.remaining ?? 0)
        #expect(smallCost > 10)
        #expect(largeCost > 100 * smallCost / 2, "cost \(smallCost) for 10 iterations, \(largeCost) for 1000")
        // About one unit per operator: the loop body has 11 operators.
        #expect(largeCost >= 1000 * 8 && largeCost <= 1000 * 16)
    }

    @Test func runningOutTrapsDeterministically() throws {
        let first = try run(n: 1_000_000, fuel: 5_000)
        let second = try run(n: 1_000_000, fuel: 5_000)
        #expect(first.trap == .outOfFuel)
        #expect(second.trap == .outOfFuel)
        #expect(first.remaining == second.remaining)
        #expect((first.remaining ?? .max) < 20, "less than one segment's cost is left")
    }

    @Test func zeroFuelTrapsAtOnce() throws {
        let outcome = try run(n: 1, fuel: 0)
        #expect(outcome.trap == .outOfFuel)
        #expect(outcome.remaining == 0)
    }

    @Test func fuelIsVisibleToHostFunctionsAndRefillable() throws {
        let store = Store(engine: ControlFixture.fuelEngine)
        let seen = FuelProbe()
        let host = try Function(store: store, type: FunctionType(parameters: [.i32], results: [.i32])) { caller, arguments in
            seen.value = caller.fuel
            try caller.setFuel(1_000_000)
            return arguments
        }
        var imports = Imports()
        imports.define(module: "env", name: "reenter", .function(host))
        let instance = try Instance(store: store, module: Module(engine: ControlFixture.fuelEngine, text: ControlFixture.wat),
                                    imports: imports)
        try store.setFuel(100)
        #expect(try instance.call("reenter", [.i32(7)]) == [.i32(7)])
        #expect((seen.value ?? 100) < 100)
        #expect((store.fuel ?? 0) > 999_000)
    }

    @Test func fuelNeedsTheEngineOption() throws {
        let store = Store(engine: APIFixture.engine)
        #expect(store.fuel == nil)
        #expect(throws: WasmexError.self) { try store.setFuel(10) }
    }
}

/// A value written by a host function (single-threaded use).
final class FuelProbe: @unchecked Sendable {
    var value: UInt64?
}
