import ArgumentParser
import Foundation
import WasmexBench

/// `wasmex bench gc`: binary trees on the WebAssembly GC heap
/// (`Fixtures/gc/binary_trees.wasm`) under Wasmex's tiered and eager-O2 JIT and
/// Wasmtime: allocation rate, collections and pause times (`make gc-bench`).
struct BenchGCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gc",
        abstract: "Binary trees on the GC heap: allocation rate and GC pauses, Wasmex against Wasmtime.",
        discussion: """
            Engines: \(GCBenchmark.engineNames.joined(separator: ", ")) (default: all). Each run instantiates the module \
            in a fresh store and times one run(depth) call; Wasmex's collector figures come from \
            Store.garbageCollectionStatistics. Wasmtime runs in a child process through the wasmtime Python \
            package, which reports no collector statistics: its collections and pauses are printed as n/a. \
            Exits with status 1 when an engine fails or returns a wrong count. Build with -c release for real numbers.
            """
    )

    @Option(help: "Tree depth n of run(n) (\(BinaryTrees.depths.lowerBound)...\(BinaryTrees.depths.upperBound)); allocations grow about 4× per 1.")
    var depth = 18

    @Option(help: "Timed runs per engine (the median is reported).")
    var runs = 3

    @Option(name: .customLong("engine"), help: "An engine to run (repeatable).")
    var engines: [String] = []

    @Option(help: "The binary-trees module (default: Fixtures/gc/binary_trees.wasm of the package).")
    var wasm: String?

    func run() throws {
        var benchmark = GCBenchmark(depth: depth, runs: runs)
        if let wasm { benchmark.modulePath = wasm }
        if !engines.isEmpty { benchmark.engines = engines }
        print("wasmex bench gc: \(benchmark.modulePath), depth \(depth), \(runs) run\(runs == 1 ? "" : "s") per engine, "
            + "engines \(benchmark.engines.joined(separator: ", "))")
        fflush(nil)
        let report: GCBenchReport
        do {
            report = try benchmark.run { line in
                print(line)
                fflush(nil)  // progress must show up live, also through `| tee`
            }
        } catch {
            throw CLIError(error.description)
        }
        print("")
        for line in report.lines { print(line) }
        if !report.problems.isEmpty { throw ExitCode.failure }
    }
}
