import ArgumentParser
import Foundation
import Wasmex
import WasmexWASI

/// `wasmex bench aot-load [FILE] [--runs N] [-O0..-O3]`: how much faster a
/// module becomes runnable from its AOT object (read file + checks + ORC link
/// + instantiate) than by compiling it (decode, validate, LLVM, link +
/// instantiate), and from a compile-cache hit (decode, validate, hash, read
/// and check the sealed entry, link + instantiate: what a second `wasmex run`
/// does). Default FILE: the largest bench module, shootout-ed25519.
struct BenchAOTLoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aot-load",
        abstract: "Compare loading a module from its AOT object with compiling it."
    )

    @Argument(help: "The module (.wasm or .wat; default: the sightglass ed25519 workload).")
    var file: String?

    @Option(help: "Repetitions of each measurement (the median is reported).")
    var runs = 5

    @Flag(help: "LLVM optimisation level (default: -O2).")
    var optimization: OptimizationFlag = .O2

    func run() throws {
        let path = file ?? defaultFile
        guard let contents = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
        let bytes = [UInt8](contents)
        let engine = try Engine(Engine.Configuration(optimization: optimization.level))
        let objectPath = NSTemporaryDirectory() + "/wasmex-aot-load-\(getpid()).o"
        defer { unlink(objectPath) }
        try Module(engine: engine, bytes: bytes).serialize(to: objectPath)
        let objectSize = (try? FileManager.default.attributesOfItem(atPath: objectPath)[.size] as? Int) ?? 0

        let cacheDirectory = NSTemporaryDirectory() + "/wasmex-aot-load-cache-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: cacheDirectory) }
        var cached = Engine.Configuration(optimization: optimization.level)
        cached.cacheDirectory = cacheDirectory
        let cachingEngine = try Engine(cached)
        _ = try Module(engine: cachingEngine, bytes: bytes)      // fills the cache

        var compileTimes: [Double] = [], loadTimes: [Double] = [], cacheTimes: [Double] = []
        for _ in 0..<max(1, runs) {
            compileTimes.append(try Self.time {
                let module = try Module(engine: engine, bytes: bytes)
                _ = try Self.instantiate(module, engine: engine)
            })
            loadTimes.append(try Self.time {
                let module = try Module.deserialize(engine: engine, file: objectPath)
                _ = try Self.instantiate(module, engine: engine)
            })
            cacheTimes.append(try Self.time {
                let module = try Module(engine: cachingEngine, bytes: bytes)
                _ = try Self.instantiate(module, engine: cachingEngine)
            })
        }
        let cache = Self.median(cacheTimes)
        let compile = Self.median(compileTimes), load = Self.median(loadTimes)
        print("module: \(path) (\(bytes.count) bytes, object \(objectSize) bytes, \(optimization.level))")
        print(String(format: "compile + instantiate: %9.2f ms (median of %d)", compile, compileTimes.count))
        print(String(format: "load AOT + instantiate: %8.2f ms (median of %d)", load, loadTimes.count))
        print(String(format: "cache hit + instantiate: %7.2f ms (median of %d)", cache, cacheTimes.count))
        print(String(format: "speed-up: %.1fx (AOT object), %.1fx (cache hit)", load > 0 ? compile / load : 0,
                     cache > 0 ? compile / cache : 0))
    }

    /// Instantiates with WASI and no-op `bench.start` / `bench.end` (sightglass programs import them).
    private static func instantiate(_ module: Module, engine: Engine) throws -> Instance {
        let store = Store(engine: engine)
        var imports = Imports()
        for name in ["start", "end"] {
            imports.define(module: "bench", name: name, .function(try Function(store: store, type: FunctionType()) { _, _ in [] }))
        }
        return try Instance(store: store, module: module, imports: imports, wasi: WasiOptions())
    }

    private var defaultFile: String {
        let shared = ProcessInfo.processInfo.environment["WASMEX_SHARED"] ?? "/work/shared"
        return shared + "/bench/sightglass/shootout/shootout-ed25519.wasm"
    }

    private static func time(_ body: () throws -> Void) throws -> Double {
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}
