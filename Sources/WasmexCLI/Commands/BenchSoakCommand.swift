import ArgumentParser
import Foundation
import Wasmex
import WasmCompiler
import WasmexBench

/// `wasmex bench soak`: instantiate / call / trap / drop cycles, watching RSS,
/// threads and mappings for leaks (`make soak` runs the full 100,000).
struct BenchSoakCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soak",
        abstract: "Run instantiate/call/trap/drop cycles and check for leaked memory, threads and mappings.",
        discussion: """
            Prints cycles/s and RSS, thread and mapping counts after the warm-up and at the end, \
            with the peaks. Exits with status 1 when an outcome was wrong or a count grew past its \
            bound (see SoakLimits).
            """
    )

    @Option(help: "Measured cycles.")
    var cycles = 100_000

    @Option(help: "Cycles run before the start sample.")
    var warmup = 1_000

    @Option(help: MemoryStrategy.argumentHelp)
    var memory: MemoryStrategy = .hostDefault

    @Option(name: .customLong("max-rss-growth-mib"), help: "Allowed RSS growth in MiB.")
    var maxResidentGrowth = 32

    @Option(help: "Run only this scenario instead of the mix: \(SoakRun.scenarioNames.joined(separator: ", ")).")
    var only: String?

    func run() throws {
        if let only, !SoakRun.scenarioNames.contains(only) { throw CLIError("unknown scenario \(only)") }
        guard cycles > 0, warmup >= 0 else { throw CLIError("--cycles must be positive and --warmup not negative") }
        print("wasmex bench soak: \(cycles) cycles after \(warmup) warm-up cycles, memory \(memory.rawValue), scenarios: \(only ?? "the mix")")
        var soak = SoakRun(cycles: cycles, warmup: warmup, configuration: Engine.Configuration(memoryStrategy: memory))
        soak.only = only
        let report = try soak.run { line in
            print(line)
            fflush(nil)  // progress must show up live, also through `| tee`
        }
        for line in report.lines { print(line) }
        let violations = report.violations(of: SoakLimits(residentGrowthBytes: maxResidentGrowth << 20))
        if violations.isEmpty {
            print("within bounds")
        } else {
            for violation in violations { print("FAILED: \(violation)") }
            throw ExitCode.failure
        }
    }
}
