#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wall-clock time spent in each phase of ``ModuleCompiler/compile(_:name:options:)``.
///
/// Set the environment variable `WASMEX_COMPILE_TIMINGS=1` to have every
/// compilation print its phases to standard error; ``ModuleCompiler`` also
/// returns them in ``CompiledModule/timings`` for benchmarks.
package struct CompileTimings: Sendable, Hashable, CustomStringConvertible {
    /// Building LLVM IR from Wasm in Swift (all partitions, summed over threads).
    package var irBuild: Duration = .zero
    /// LLVM's IR verifier (only when ``CompilerOptions/verifyIR`` is set).
    package var verify: Duration = .zero
    /// The new pass manager's `default<On>` pipeline (summed over threads).
    package var optimize: Duration = .zero
    /// Machine code generation into an in-memory object (summed over threads).
    package var codegen: Duration = .zero
    /// Wall-clock time of the whole compilation.
    package var total: Duration = .zero
    /// Number of partitions (LLVM modules/objects) the module was split into.
    package var partitions: Int = 1

    package init() {}

    /// Adds the per-phase times of `other` (a partition) to these.
    mutating func accumulate(_ other: CompileTimings) {
        irBuild += other.irBuild
        verify += other.verify
        optimize += other.optimize
        codegen += other.codegen
    }

    package var description: String {
        func ms(_ d: Duration) -> String { String(Int(Self.milliseconds(d).rounded())) + " ms" }
        return "ir-build \(ms(irBuild)), verify \(ms(verify)), optimize \(ms(optimize)), "
            + "codegen \(ms(codegen)) (thread time over \(partitions) partition(s)); wall \(ms(total))"
    }

    /// Whether `WASMEX_COMPILE_TIMINGS` asks for a report (any value but empty or `0`).
    static let reportingEnabled: Bool = {
        guard let raw = getenv("WASMEX_COMPILE_TIMINGS") else { return false }
        let value = String(cString: raw)
        return !value.isEmpty && value != "0"
    }()

    /// Prints the report for module `name` to standard error when enabled,
    /// with when the compilation ran: milliseconds since the first report or
    /// ``mark(_:)`` of the process, so that compiles on background threads
    /// can be set against what the program did meanwhile.
    func reportIfEnabled(name: String, wasmBytes: Int) {
        guard Self.reportingEnabled else { return }
        let end = Self.sinceOrigin(ContinuousClock.now)
        let start = end - Self.milliseconds(total)
        Self.emit("wasmex compile timings [\(name), \(wasmBytes) bytes]: \(description) "
            + "(at \(Self.format(start))–\(Self.format(end)) ms)\n")
    }

    /// Prints `event` with its time on the same clock as the compile reports,
    /// when `WASMEX_COMPILE_TIMINGS` asks for them (benchmarks mark their runs).
    package static func mark(_ event: String) {
        guard reportingEnabled else { return }
        emit("wasmex timeline [\(event)] at \(format(sinceOrigin(ContinuousClock.now))) ms\n")
    }

    /// The reports' time origin: the first report or mark.
    private static let origin = ContinuousClock.now

    private static func sinceOrigin(_ instant: ContinuousClock.Instant) -> Double {
        let origin = Self.origin
        return instant < origin ? 0 : milliseconds(instant - origin)
    }

    private static func milliseconds(_ d: Duration) -> Double { d / .milliseconds(1) }

    private static func format(_ ms: Double) -> String {
        String(Double(Int((ms * 10).rounded())) / 10)
    }

    private static func emit(_ line: String) {
        var bytes = Array(line.utf8)
        bytes.withUnsafeMutableBytes { _ = write(2, $0.baseAddress, $0.count) }
    }
}

/// Measures the duration of `body`, adding it to `slot`.
@inline(__always)
func measure<T, E: Error>(_ slot: inout Duration, _ body: () throws(E) -> T) throws(E) -> T {
    let start = ContinuousClock.now
    defer { slot += ContinuousClock.now - start }
    return try body()
}
