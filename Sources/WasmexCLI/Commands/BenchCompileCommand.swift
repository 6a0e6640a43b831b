import ArgumentParser
import Foundation
import WasmCompiler
import WasmFrontend

/// `wasmex bench compile [FILE]`: measures JIT compile throughput (Wasm bytes per
/// second through decode, validate, IR build, optimisation and code generation)
/// at each requested optimisation level, with a per-phase breakdown.
struct BenchCompileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Measure compile throughput (Wasm KB/s) at O0 and O2, with per-phase times.",
        discussion: """
        Without a file, uses the largest .wasm under $WASMEX_SHARED/bench (default ../shared/bench). \
        With --functions N, compiles generated modules of N/4, N/2 and N exported functions that \
        each call through a table (the worst case for the call graph), to show how compile time \
        scales with the function count. Build with -c release for meaningful numbers.
        """
    )

    @Argument(help: "The binary module to compile.")
    var file: String?

    @Option(name: .shortAndLong, help: "Timed compilations per level (the fastest is reported).")
    var iterations = 1

    @Option(name: .customLong("level"), help: "An optimisation level 0-3 to measure (repeatable; default 0 and 2).")
    var levels: [Int] = []

    @Option(name: .customLong("functions"), help: "Compile generated modules of N/4, N/2 and N functions instead of a file.")
    var generatedFunctions: Int?

    func run() throws {
        guard iterations > 0 else { throw CLIError("--iterations must be positive") }
        let chosen = levels.isEmpty ? [0, 2] : levels
        let optimizationLevels = try chosen.map { raw -> OptimizationLevel in
            guard let level = OptimizationLevel(rawValue: raw) else { throw CLIError("unknown optimisation level \(raw)") }
            return level
        }
        if let generatedFunctions {
            guard generatedFunctions >= 4 else { throw CLIError("--functions needs at least 4") }
            for count in [generatedFunctions / 4, generatedFunctions / 2, generatedFunctions] {
                let bytes = try Self.generatedModule(functions: count)
                print("generated: \(count) functions, \(bytes.count) bytes, best of \(iterations)")
                for level in optimizationLevels {
                    let (seconds, timings) = try measure(bytes, level: level, path: "generated")
                    let perFunction = seconds * 1e6 / Double(count)
                    print("  \(level): \(String(format: "%8.1f", seconds * 1000)) ms  \(String(format: "%7.1f", perFunction)) µs/function  [\(timings)]")
                }
            }
            return
        }
        let path = try file ?? DecodeBenchmark.defaultInput()
        guard let contents = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
        let bytes = [UInt8](contents)
        print("\(path): \(bytes.count) bytes, best of \(iterations)")
        for level in optimizationLevels {
            let (seconds, timings) = try measure(bytes, level: level, path: path)
            let rate = Double(bytes.count) / 1024 / Swift.max(seconds, 1e-9)
            print("  \(level): \(String(format: "%8.1f", seconds * 1000)) ms  \(String(format: "%9.1f", rate)) KB/s  [\(timings)]")
        }
    }

    /// `count` exported functions, each adding its argument to a table call's
    /// result: every function escapes and calls indirectly.
    static func generatedModule(functions count: Int) throws -> [UInt8] {
        var text = "(module (type $t (func (param i32) (result i32))) (table 1 funcref) (elem (i32.const 0) 0)\n"
        for index in 0..<count {
            text += "(func (export \"f\(index)\") (type $t) (i32.add (local.get 0) "
            text += "(call_indirect (type $t) (i32.const \(index)) (i32.const 0))))\n"
        }
        text += ")"
        do {
            return try WasmText.toBinary(utf8: Array(text.utf8))
        } catch {
            throw CLIError("cannot build the generated module: \(error)")
        }
    }

    /// The fastest of `iterations` full compilations (decode + validate + compile).
    private func measure(_ bytes: [UInt8], level: OptimizationLevel, path: String) throws -> (Double, CompileTimings) {
        let clock = ContinuousClock()
        var best: (Double, CompileTimings)?
        for _ in 0..<iterations {
            let start = clock.now
            let compiled: CompiledModule
            do {
                let wasm = try WasmModule.decode(bytes)
                try wasm.validate()
                compiled = try ModuleCompiler.compile(wasm, options: CompilerOptions(optimization: level))
            } catch {
                throw CLIError("\(path): \(error)")
            }
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            if seconds < best?.0 ?? .infinity { best = (seconds, compiled.timings) }
        }
        guard let best else { throw CLIError("no iterations ran") }
        return best
    }
}
