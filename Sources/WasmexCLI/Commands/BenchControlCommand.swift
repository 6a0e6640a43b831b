import ArgumentParser
import Foundation
import Wasmex
import WasmexBench

/// `wasmex bench control`: the cost of execution control on CoreMark —
/// epoch checks off and on, for each memory strategy (with guard pages a
/// check is a read of the store's poll page; with explicit bounds checks it
/// compares the epoch with the deadline), and fuel (with epochs) on.
struct BenchControlCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "control",
        abstract: "Measure the overhead of epoch interruption and fuel on CoreMark.",
        discussion: "Build with -c release for real numbers. Higher scores are better. The variants run in turn, round after round, and the best score of each counts."
    )

    @Option(help: "Path of coremark.wasm (imports env.clock_ms, exports run -> f32).")
    var coremark = "../shared/bench/coremark/coremark.wasm"

    @Option(help: "Rounds: each runs every variant once (the best score of each counts).")
    var runs = 3

    private struct Variant {
        let name: String
        let configuration: Engine.Configuration
        /// The variant whose score is this one's baseline (its own strategy without epochs).
        let baseline: Int?
    }

    func run() throws {
        guard let data = FileManager.default.contents(atPath: coremark) else {
            throw ValidationError("cannot read \(coremark)")
        }
        let bytes = [UInt8](data)
        let variants = [
            Variant(name: "guard pages, epochs off", configuration: Engine.Configuration(epochInterruption: false, memoryStrategy: .guardPages), baseline: nil),
            Variant(name: "guard pages, epochs on (polls)", configuration: Engine.Configuration(epochInterruption: true, memoryStrategy: .guardPages), baseline: 0),
            Variant(name: "guard pages, fuel on", configuration: Engine.Configuration(epochInterruption: true, consumeFuel: true, memoryStrategy: .guardPages), baseline: 0),
            Variant(name: "explicit, epochs off", configuration: Engine.Configuration(epochInterruption: false, memoryStrategy: .explicitChecks), baseline: nil),
            Variant(name: "explicit, epochs on (compares)", configuration: Engine.Configuration(epochInterruption: true, memoryStrategy: .explicitChecks), baseline: 3),
        ]
        var modules: [Module] = []
        for variant in variants {
            let engine = try Engine(variant.configuration)
            modules.append(try Module(engine: engine, bytes: bytes))
        }
        var best = Array(repeating: Float(0), count: variants.count)
        for _ in 0..<max(1, runs) {
            for (index, variant) in variants.enumerated() {
                best[index] = max(best[index], try score(modules[index], variant.configuration))
            }
        }
        for (index, variant) in variants.enumerated() {
            let overhead = variant.baseline.map { String(format: "%+.1f %%", Double((best[$0] / best[index] - 1) * 100)) } ?? "baseline"
            let label = variant.name.padding(toLength: 32, withPad: " ", startingAt: 0)
            print(label + String(format: "score %10.1f   overhead ", Double(best[index])) + overhead)
        }
    }

    /// The CoreMark score of one run in a fresh store.
    private func score(_ module: Module, _ configuration: Engine.Configuration) throws -> Float {
        let store = Store(engine: module.engine)
        if configuration.consumeFuel { try store.setFuel(UInt64(Int64.max)) }
        guard let score = try CoreMarkRun.run(module, in: store).score else {
            throw ValidationError("coremark's run did not return an f32")
        }
        return score
    }
}
