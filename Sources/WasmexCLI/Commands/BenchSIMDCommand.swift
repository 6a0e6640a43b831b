import ArgumentParser
import Foundation
import Wasmex

/// `wasmex bench simd`: the same C kernel built with and without `-msimd128`
/// (`Fixtures/simd/kernel-{simd,scalar}.wasm`), both run under the JIT at O2.
///
/// Each build is instantiated, filled by its `init(seed)` export (not timed), then its
/// `run(rounds)` export is timed; the best of `--repeats` runs is reported with the
/// scalar/SIMD ratio. Both builds must return the same checksum, or the command fails.
struct BenchSIMDCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simd",
        abstract: "Time a SIMD and a scalar build of the same kernel under the JIT and print the speedup.",
        discussion: "Build with -c release for meaningful numbers. Rebuild the kernels with Fixtures/simd/build.sh."
    )

    @Option(help: "Kernel rounds per timed call (each round streams ~16 MB).")
    var rounds = 50

    @Option(help: "Timed calls per build (the fastest is reported).")
    var repeats = 3

    @Option(name: .customLong("fixtures"), help: "The folder holding kernel-simd.wasm and kernel-scalar.wasm (default: Fixtures/simd of the package).")
    var fixtureDirectory: String?

    func run() throws {
        guard rounds > 0, repeats > 0 else { throw CLIError("--rounds and --repeats must be positive") }
        guard let rounds = UInt32(exactly: rounds) else { throw CLIError("--rounds is too large") }
        let directory = try resolvedDirectory()
        let engine = try Engine(Engine.Configuration(optimization: .o2))

        print("wasmex bench simd: \(rounds) rounds per call, best of \(repeats), JIT O2")
        let simd = try SIMDKernelRun.measure(path: directory + "/kernel-simd.wasm", engine: engine,
                                             rounds: rounds, repeats: repeats)
        report("simd   (-msimd128)", simd)
        let scalar = try SIMDKernelRun.measure(path: directory + "/kernel-scalar.wasm", engine: engine,
                                               rounds: rounds, repeats: repeats)
        report("scalar", scalar)
        guard simd.checksum == scalar.checksum else {
            throw CLIError("checksums differ: simd 0x\(hex(simd.checksum)), scalar 0x\(hex(scalar.checksum))")
        }
        let speedup = scalar.seconds / simd.seconds
        print("  speedup (scalar / simd): \(String(format: "%.2f", speedup))x, checksum 0x\(hex(scalar.checksum)) (equal)")
    }

    /// `--fixtures`, else `Fixtures/simd` of the package the current directory is in.
    private func resolvedDirectory() throws -> String {
        if let fixtureDirectory { return fixtureDirectory }
        guard let root = PackagePaths.packageRoot else {
            throw CLIError("cannot find the package root from the current directory; pass --fixtures DIR")
        }
        return root.appendingPathComponent("Fixtures/simd").path
    }

    private func report(_ label: String, _ run: SIMDKernelRun) {
        let label = label.padding(toLength: 20, withPad: " ", startingAt: 0)
        print("  \(label) run \(String(format: "%9.2f", run.seconds * 1000)) ms   compile \(String(format: "%7.2f", run.compileSeconds * 1000)) ms   checksum 0x\(hex(run.checksum))")
    }

    private func hex(_ value: UInt32) -> String { String(value, radix: 16) }
}

/// One build of the SIMD kernel, measured.
struct SIMDKernelRun {
    /// The fastest timed `run(rounds)` call, in seconds.
    var seconds: Double
    /// Module compilation time (decode, validate, LLVM O2, JIT link), in seconds.
    var compileSeconds: Double
    /// What `run(rounds)` returned (the same on every call: each instance is freshly initialised).
    var checksum: UInt32

    /// Seed passed to the kernel's `init`.
    static let seed: UInt32 = 0x5EED_1234

    /// Compiles `path`, then `repeats` times: instantiate, `init(seed)`, time `run(rounds)`.
    static func measure(path: String, engine: Engine, rounds: UInt32, repeats: Int) throws -> SIMDKernelRun {
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw CLIError("cannot read \(path) (build it with Fixtures/simd/build.sh)")
        }
        let clock = ContinuousClock()
        let compileStart = clock.now
        let module = try Module(engine: engine, bytes: [UInt8](bytes))
        let compileSeconds = seconds(clock.now - compileStart)

        var best = Double.infinity
        var checksum: UInt32?
        for _ in 0..<repeats {
            let instance = try Instance(store: Store(engine: engine), module: module)
            let initialize = try instance.typedFunction("init", UInt32.self, Void.self)
            let run = try instance.typedFunction("run", UInt32.self, UInt32.self)
            try initialize(seed)
            let start = clock.now
            let result = try run(rounds)
            best = min(best, seconds(clock.now - start))
            if let checksum, checksum != result {
                throw CLIError("\(path): run returned 0x\(String(result, radix: 16)), earlier 0x\(String(checksum, radix: 16))")
            }
            checksum = result
        }
        return SIMDKernelRun(seconds: best, compileSeconds: compileSeconds, checksum: checksum ?? 0)
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (whole, attoseconds) = duration.components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}
