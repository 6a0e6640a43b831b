import ArgumentParser
import Foundation
import Wasmex
import WasmexBench

/// `wasmex bench gc-soak`: allocates `--total-gb` GiB on the GC heap over a
/// live set of about 65 MiB (`Fixtures/gc/gc_soak.wasm`) and checks that the
/// process's memory stays flat (`make gc-soak` runs 10 GiB).
struct BenchGCSoakCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gc-soak",
        abstract: "Allocate many GiB on the GC heap over a fixed live set and check that memory stays flat.",
        discussion: """
            Prints the allocation rate, collections and pauses, the live set, RSS (before the first \
            allocation, peak, end) and heapBytes, and RSS and heapBytes after a full collection at \
            evenly spaced checkpoints. Exits with status 1 when the peak RSS passes the start by more \
            than --rss-factor × the live set, the peak heap passes --heap-factor × the live set, RSS or \
            the heap after a full collection grows by more than --max-growth-mib after the first \
            checkpoint, or the bytes live at the end differ from what the module holds.
            """
    )

    @Option(name: .customLong("total-gb"), help: "GiB (2^30 bytes) to allocate in all.")
    var totalGiB: Double = 10

    @Option(name: .customLong("step-mb"), help: "MiB allocated per call into Wasm (RSS and the heap are sampled after each).")
    var stepMiB = 16

    @Option(help: "Full collections with a sample, evenly spaced (the last at the end).")
    var checkpoints = 10

    @Option(name: .customLong("rss-factor"), help: "Allowed peak RSS above the start, in live sets.")
    var residentFactor: Double = 3

    @Option(name: .customLong("heap-factor"), help: "Allowed peak heapBytes, in live sets.")
    var heapFactor: Double = 3

    @Option(name: .customLong("max-growth-mib"), help: "Allowed growth of RSS and heapBytes after a full collection, from the first checkpoint on.")
    var maxGrowthMiB = 32

    @Option(help: "The soak module (default: Fixtures/gc/gc_soak.wasm of the package).")
    var wasm: String?

    func run() throws {
        guard totalGiB > 0, stepMiB > 0, checkpoints > 0 else {
            throw CLIError("--total-gb, --step-mb and --checkpoints must be positive")
        }
        var soak = GCSoakRun(totalBytes: UInt64(totalGiB * 1_073_741_824))
        if let wasm { soak.modulePath = wasm }
        soak.stepBytes = UInt64(stepMiB) << 20
        soak.checkpoints = checkpoints
        print("wasmex bench gc-soak: \(soak.modulePath), \(totalGiB) GiB in steps of \(stepMiB) MiB, \(checkpoints) checkpoints")
        fflush(nil)
        let report = try soak.run { line in
            print(line)
            fflush(nil)  // progress must show up live, also through `| tee`
        }
        for line in report.lines { print(line) }
        let limits = GCSoakLimits(residentFactor: residentFactor, heapFactor: heapFactor, growthBytes: maxGrowthMiB << 20)
        let violations = report.violations(of: limits)
        if violations.isEmpty {
            print("flat: within bounds (peak RSS ≤ start + \(residentFactor) × live set, peak heap ≤ \(heapFactor) × live set, "
                + "growth after a full collection ≤ \(maxGrowthMiB) MiB, live bytes exact)")
        } else {
            for violation in violations { print("FAILED: \(violation)") }
            throw ExitCode.failure
        }
    }
}
