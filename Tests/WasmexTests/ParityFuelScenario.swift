import Foundation
import Testing
import Wasmex

/// One fuel experiment: for each amount in `fuels`, a fresh store gets that
/// much fuel, instantiates `wat` (with `env.probe`, a host function that
/// records the fuel it sees, when `probe` is set) and makes `calls` in order.
struct FuelScenario: Codable {
    struct Call: Codable {
        var name: String
        var arguments: [Int64] = []
    }

    var label: String
    var wat: String
    var calls: [Call]
    var fuels: [UInt64]
    var probe = false

    /// The same steps on Wasmex; one record per fuel amount.
    func runOnWasmex(engine: Engine) throws -> [[FuelRunRecord]] {
        let module = try Module(engine: engine, text: wat)
        return try fuels.map { fuel in try run(module: module, engine: engine, fuel: fuel) }
    }

    private func run(module: Module, engine: Engine, fuel: UInt64) throws -> [FuelRunRecord] {
        let store = Store(engine: engine)
        try store.setFuel(fuel)
        let seen = FuelSightings()
        var imports = Imports()
        if probe {
            let host = try Function(store: store, type: FunctionType(parameters: [], results: [])) { caller, _ in
                seen.values.append(caller.fuel ?? 0)
                return []
            }
            imports.define(module: "env", name: "probe", .function(host))
        }
        var records: [FuelRunRecord] = []
        let instance: Instance
        do {
            instance = try Instance(store: store, module: module, imports: imports)
            records.append(FuelRunRecord(kind: "ok", values: [], fuel: store.fuel ?? 0, seen: seen.values))
        } catch {
            records.append(FuelRunRecord(kind: Self.kind(of: error), values: [], fuel: store.fuel ?? 0, seen: seen.values))
            return records
        }
        for call in calls {
            seen.values = []
            let function = try instance.function(named: call.name)
            let arguments = zip(call.arguments, function.type.parameters).map { argument, type in
                type == .i64 ? Value.i64(argument) : Value.i32(Int32(truncatingIfNeeded: argument))
            }
            do {
                let results = try function.call(arguments)
                records.append(FuelRunRecord(kind: "ok", values: results.map(Self.integer), fuel: store.fuel ?? 0,
                                             seen: seen.values))
            } catch {
                records.append(FuelRunRecord(kind: Self.kind(of: error), values: [], fuel: store.fuel ?? 0,
                                             seen: seen.values))
            }
        }
        return records
    }

    private static func kind(of error: any Error) -> String {
        guard case .trap(let trap)? = error as? WasmexError else { return "error: \(error)" }
        return trap.code == .outOfFuel ? "fuel" : "trap"
    }

    private static func integer(_ value: Value) -> Int64 {
        switch value {
        case .i32(let v): return Int64(v)
        case .i64(let v): return v
        default: return Int64.min
        }
    }
}

/// What one step (the instantiation, or one call) ended with: `ok` with its
/// results, `fuel` (out of fuel) or `trap` (any other trap), the fuel left
/// afterwards and the fuel the probe saw during the step.
struct FuelRunRecord: Codable, Equatable, CustomStringConvertible {
    var kind: String
    var values: [Int64]
    var fuel: UInt64
    var seen: [UInt64]

    var description: String {
        let result = kind == "ok" ? "ok\(values)" : kind
        return seen.isEmpty ? "\(result) fuel=\(fuel)" : "\(result) fuel=\(fuel) seen=\(seen)"
    }
}

/// Fuel values a host function saw (single-threaded use).
final class FuelSightings: @unchecked Sendable {
    var values: [UInt64] = []
}
