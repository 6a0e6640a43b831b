import ArgumentParser
import Foundation
import Wasmex
import WasmexBench

/// `wasmex bench control`: the cost of execution control on CoreMark —
/// epoch checks off, epoch checks on, and fuel (with epochs) on.
struct BenchControlCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "control",
        abstract: "Measure the overhead of epoch interruption and fuel on CoreMark.",
        discussion: "Build with -c release for real numbers. Higher scores are better."
    )

    @Option(help: "Path of coremark.wasm (imports env.clock_ms, exports run -> f32).")
    var coremark = "../shared/bench/coremark/coremark.wasm"

    @Option(help: "Runs per configuration (the best score counts).")
    var runs = 3

    func run() throws {
        guard let data = FileManager.default.contents(atPath: coremark) else {
            throw ValidationError("cannot read \(coremark)")
        }
        let bytes = [UInt8](data)
        let variants: [(name: String, configuration: Engine.Configuration)] = [
            ("epochs off", Engine.Configuration(epochInterruption: false)),
            ("epochs on", Engine.Configuration(epochInterruption: true)),
            ("fuel on", Engine.Configuration(epochInterruption: true, consumeFuel: true)),
        ]
        var baseline: Float?
        for variant in variants {
            let score = try bestScore(bytes, variant.configuration)
            let overhead = baseline.map { String(format: "%+.1f %%", Double(($0 / score - 1) * 100)) } ?? "baseline"
            let label = variant.name.padding(toLength: 12, withPad: " ", startingAt: 0)
            print(label + String(format: "score %10.1f   overhead ", Double(score)) + overhead)
            if baseline == nil { baseline = score }
        }
    }

    /// The best CoreMark score of `runs` fresh instances.
    private func bestScore(_ bytes: [UInt8], _ configuration: Engine.Configuration) throws -> Float {
        let engine = try Engine(configuration)
        let module = try Module(engine: engine, bytes: bytes)
        var best: Float = 0
        for _ in 0..<max(1, runs) {
            let store = Store(engine: engine)
            if configuration.consumeFuel { try store.setFuel(UInt64(Int64.max)) }
            guard let score = try CoreMarkRun.run(module, in: store).score else {
                throw ValidationError("coremark's run did not return an f32")
            }
            best = max(best, score)
        }
        return best
    }
}
