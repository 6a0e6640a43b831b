import Testing
import Wasmex

/// Fuel parity with Wasmtime: the boundary cases of ``FuelParityCases`` run
/// on Wasmex and, in a child process, on the PyPI `wasmtime` package; every
/// step must end the same way (result, out-of-fuel or other trap) and leave
/// the same fuel, and host functions must see the same fuel.
struct ParityFuelTests {
    @Test(.enabled(if: WasmtimeFuelOracle.isAvailable,
                   "needs <package>/.venv/bin/python with the wasmtime package (make venv)"))
    func boundaryCasesMatchWasmtime() throws {
        let scenarios = FuelParityCases.all
        let expected = try WasmtimeFuelOracle.run(scenarios)
        try #require(expected.count == scenarios.count)
        var steps = 0
        var differences = 0
        for (scenario, wasmtimeRuns) in zip(scenarios, expected) {
            let wasmexRuns = try scenario.runOnWasmex(engine: ControlFixture.fuelEngine)
            for (fuel, (ours, theirs)) in zip(scenario.fuels, zip(wasmexRuns, wasmtimeRuns)) {
                steps += theirs.count
                guard ours != theirs else { continue }
                differences += 1
                Issue.record("\(scenario.label), fuel \(fuel): wasmex \(ours), wasmtime \(theirs)")
            }
        }
        print("fuel parity: \(scenarios.count) scenarios, \(steps) steps, \(differences) runs differ "
              + "(wasmtime \(WasmtimeFuelOracle.version))")
        #expect(steps > 500)
        #expect(differences == 0)
    }

    /// The issue's example, stated directly (no oracle needed).
    @Test func emptyFunctionWithTwoUnitsRunsOnce() throws {
        let store = Store(engine: ControlFixture.fuelEngine)
        let instance = try Instance(store: store, module: Module(engine: ControlFixture.fuelEngine,
                                                                 text: #"(module (func (export "f")))"#))
        try store.setFuel(2)
        #expect(try instance.call("f") == [])
        #expect(store.fuel == 1)
        #expect(throws: WasmexError.self) { try instance.call("f") }
        #expect(store.fuel == 0)
    }

    /// Fuel beyond `Int64.max` is kept, not clamped.
    @Test func fullRangeFuelReadsBack() throws {
        let store = Store(engine: ControlFixture.fuelEngine)
        try store.setFuel(.max)
        #expect(store.fuel == .max)
        try store.setFuel(12)
        #expect(store.fuel == 12)
    }
}
