import ArgumentParser
import Foundation
import WasmexBench

/// `wasmex bench`: the benchmark harness (default) and further benchmark kinds as subcommands.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run benchmarks.",
        subcommands: [BenchRunCommand.self, BenchDecodeCommand.self, BenchCallsCommand.self, BenchSIMDCommand.self, BenchCompileCommand.self,
                      BenchControlCommand.self, BenchAOTLoadCommand.self, BenchSoakCommand.self,
                      BenchGCCommand.self, BenchGCSoakCommand.self],
        defaultSubcommand: BenchRunCommand.self
    )
}

/// `wasmex bench [run]`: runs the workloads under the chosen engines and reports
/// compile, instantiate and run times, ratios to interp and wasmtime, JSON and SVG.
struct BenchRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the benchmark workloads (sightglass, CoreMark) under several engines.",
        discussion: """
        Engines: \(EngineCatalog.names.joined(separator: ", ")) (default: \(EngineCatalog.defaultNames.joined(separator: ", "))).
        Workloads: everything under $WASMEX_SHARED/bench (default ../shared/bench). Build with -c release for real numbers.
        """
    )

    @Option(name: .customLong("engine"), help: "An engine to run (repeatable).")
    var engines: [String] = []

    @Option(name: .customLong("workload"), help: "A workload to run (repeatable; 'fib2' finds 'shootout-fib2').")
    var workloads: [String] = []

    @Option(help: "Instantiate-and-run repetitions per workload and engine.")
    var runs = 3

    @Option(help: "Write the results as JSON to this file.")
    var json: String?

    @Option(help: "Write an SVG bar chart of the run-time ratios to this file.")
    var svg: String?

    @Option(name: .customLong("bench-dir"), help: "Workload folder (default: $WASMEX_SHARED/bench).")
    var benchDirectory: String?

    @Flag(help: "List workloads and engines, run nothing.")
    var list = false

    @Flag(name: .customLong("in-process"), help: "Run jit and interp in this process instead of one child process per measurement.")
    var inProcess = false

    @Flag(help: .hidden)
    var child = false

    func run() throws {
        var options = BenchOptions()
        options.engines = engines
        options.workloads = workloads
        options.runs = runs
        options.jsonPath = json
        options.svgPath = svg
        options.benchDirectory = benchDirectory
        if !inProcess { options.childCommand = [BenchPaths.currentExecutable, "bench", "run"] }
        let session = BenchSession(options: options) { line in
            print(line)
            fflush(nil)  // progress must show up live, also through `| tee`
        }
        if child {
            // Ends at once, as `wasmex run` does: a hot function still
            // compiling would otherwise keep the process (and a core) for up
            // to 2 s at exit (see `wasmex_tier_compile_begin`), under the
            // next child's measurement.
            let succeeded = session.runChild()
            fflush(nil)
            _exit(succeeded ? 0 : 1)
        } else if list {
            try session.list()
        } else {
            try session.run()
        }
    }
}
