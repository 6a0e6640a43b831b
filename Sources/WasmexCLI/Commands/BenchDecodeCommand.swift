import ArgumentParser
import Foundation
import WasmFrontend

/// `wasmex bench decode [FILE...]`: measures decode + validate throughput.
struct BenchDecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Measure decode + validate throughput (MB/s).",
        discussion: "Without files, uses the largest .wasm under $WASMEX_SHARED/bench (default ../shared/bench)."
    )

    @Argument(help: "Binary modules to decode.")
    var files: [String] = []

    @Option(name: .shortAndLong, help: "Timed repetitions per file.")
    var iterations = 50

    @Option(name: .long, help: "Untimed repetitions before measuring.")
    var warmup = 3

    func run() throws {
        guard iterations > 0, warmup >= 0 else { throw CLIError("--iterations must be positive and --warmup non-negative") }
        let paths = files.isEmpty ? [try DecodeBenchmark.defaultInput()] : files
        for path in paths {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw CLIError("cannot read \(path)")
            }
            let benchmark = DecodeBenchmark(bytes: [UInt8](contents))
            let stats: DecodeBenchmark.Statistics
            do throws(WasmError) {
                stats = try benchmark.measure(iterations: iterations, warmup: warmup)
            } catch {
                throw CLIError("\(path): \(error.description)")
            }
            print("\(path): \(contents.count) bytes, \(iterations) iterations")
            print("  decode+validate MB/s  median \(format(stats.median))  min \(format(stats.min))  max \(format(stats.max))")
        }
    }

    private func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
