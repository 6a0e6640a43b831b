import Foundation
import Wasmex

/// One timed `run(n)` call of the binary-trees module.
package struct GCRunSample: Sendable {
    /// Wall time of the call alone (instantiation excluded).
    package var runNanoseconds: UInt64
    /// What `run(n)` returned.
    package var result: Int32
    /// The store's GC heap after the call (a fresh store per run); nil for
    /// Wasmtime, whose API reports no heap statistics.
    package var statistics: GarbageCollectionStatistics?

    package init(runNanoseconds: UInt64, result: Int32, statistics: GarbageCollectionStatistics?) {
        self.runNanoseconds = runNanoseconds
        self.result = result
        self.statistics = statistics
    }

    package var runSeconds: Double { Double(runNanoseconds) / 1e9 }
}

/// The runs of one engine, or why it could not run.
package struct GCEngineMeasurement: Sendable {
    package var engine: String
    /// One compilation of the module (a tiered engine: its first tier).
    package var compileMilliseconds: Double
    package var samples: [GCRunSample]
    /// Set when the engine is unavailable or failed; `samples` is then empty.
    package var failure: String?

    package init(engine: String, compileMilliseconds: Double = 0, samples: [GCRunSample] = [], failure: String? = nil) {
        self.engine = engine
        self.compileMilliseconds = compileMilliseconds
        self.samples = samples
        self.failure = failure
    }

    /// The sample with the median run time (the lower middle one of an even count).
    package var medianSample: GCRunSample? {
        let sorted = samples.sorted { $0.runNanoseconds < $1.runNanoseconds }
        return sorted.isEmpty ? nil : sorted[(sorted.count - 1) / 2]
    }
}

/// `wasmex bench gc`: the binary-trees module (``BinaryTrees``) under Wasmex's
/// tiered JIT, its eager O2 JIT and Wasmtime, each run `runs` times in a fresh
/// store, reporting allocation rate and GC pause times (``GCBenchReport``).
///
/// Wasmex runs in this process, so the store's
/// ``Store/garbageCollectionStatistics`` can be read after each run; Wasmtime
/// runs in a child process (`wasmtime_runner.py --kind gc`), like the main harness.
package struct GCBenchmark {
    /// Engines by name, in report order.
    package static let engineNames = ["jit", "jit-eager-O2", "wasmtime"]

    package var depth: Int
    package var runs: Int
    /// The binary-trees module.
    package var modulePath: String
    package var engines: [String] = GCBenchmark.engineNames
    package var python = BenchPaths.venvPython
    package var runner = BenchPaths.wasmtimeRunner

    package init(depth: Int, runs: Int, modulePath: String = BenchPaths.packageFile(BinaryTrees.fixture)) {
        self.depth = depth
        self.runs = runs
        self.modulePath = modulePath
    }

    /// Checks the settings; throws ``BenchError/invalidArgument(_:)``.
    package func validate() throws(BenchError) {
        guard BinaryTrees.depths.contains(depth) else {
            throw .invalidArgument("--depth must be in \(BinaryTrees.depths.lowerBound)...\(BinaryTrees.depths.upperBound)")
        }
        guard runs > 0 else { throw .invalidArgument("--runs must be positive") }
        for name in engines where !Self.engineNames.contains(name) {
            throw .unknownEngine(name: name, known: Self.engineNames)
        }
        guard FileManager.default.fileExists(atPath: modulePath) else {
            throw .io(path: modulePath, reason: "module not found")
        }
    }

    /// Measures every engine in ``engines``; `progress` gets a line per engine.
    package func run(progress: (String) -> Void = { _ in }) throws(BenchError) -> GCBenchReport {
        try validate()
        var measurements: [GCEngineMeasurement] = []
        for name in engines {
            progress("  running \(name)…")
            measurements.append(measure(name))
        }
        return GCBenchReport(depth: depth, runs: runs, modulePath: modulePath, measurements: measurements)
    }

    /// Measures the engine called `name` (one of ``engineNames``).
    package func measure(_ name: String) -> GCEngineMeasurement {
        switch name {
        case "jit": return measureWasmex(name: name, configuration: Engine.Configuration(optimization: .o2, compilation: .tiered))
        case "jit-eager-O2": return measureWasmex(name: name, configuration: Engine.Configuration(optimization: .o2, compilation: .eager))
        default: return measureWasmtime()
        }
    }

    /// Compiles the module once, then `runs` times: a fresh store and
    /// instance, `run(depth)` timed, the store's heap statistics read.
    package func measureWasmex(name: String, configuration: Engine.Configuration) -> GCEngineMeasurement {
        do {
            guard let contents = FileManager.default.contents(atPath: modulePath) else {
                throw BenchError.io(path: modulePath, reason: "cannot read module")
            }
            let bytes = [UInt8](contents)
            let engine = try Engine(configuration)
            let (module, compileMs) = try BenchClock.measure { () throws(WasmexError) -> Module in
                try Module(engine: engine, bytes: bytes)
            }
            var samples: [GCRunSample] = []
            for _ in 0..<runs {
                let store = Store(engine: engine)
                let instance = try Instance(store: store, module: module)
                let run = try instance.typedFunction("run", Int32.self, Int32.self)
                let start = BenchClock.nanoseconds()
                let result = try run(Int32(depth))
                let elapsed = BenchClock.nanoseconds() &- start
                samples.append(GCRunSample(runNanoseconds: elapsed, result: result,
                                           statistics: store.garbageCollectionStatistics))
            }
            return GCEngineMeasurement(engine: name, compileMilliseconds: compileMs, samples: samples)
        } catch {
            return GCEngineMeasurement(engine: name, failure: String(describing: error))
        }
    }

    /// Runs the module under Wasmtime (GC and function references enabled) in
    /// a child Python process: one compilation, then `runs` fresh stores.
    package func measureWasmtime() -> GCEngineMeasurement {
        let name = "wasmtime"
        let wasmtime = WasmtimeEngine(python: python, runner: runner)
        if case .unavailable(let reason) = wasmtime.availability {
            return GCEngineMeasurement(engine: name, failure: "unavailable: \(reason)")
        }
        do {
            let object = try JSONSubprocess.run(python, [runner, "--kind", "gc", "--wasm", modulePath, "--runs", String(runs),
                                                         "--invoke", "run", "--arg", String(depth)])
            guard let compileMs = object["compile_ms"] as? Double, let rawSamples = object["samples"] as? [[String: Any]] else {
                return GCEngineMeasurement(engine: name, failure: "the runner's output lacks compile_ms or samples")
            }
            var samples: [GCRunSample] = []
            for raw in rawSamples {
                guard let runMs = raw["run_ms"] as? Double, let result = raw["result"] as? Int else {
                    return GCEngineMeasurement(engine: name, failure: "a runner sample lacks run_ms or result")
                }
                samples.append(GCRunSample(runNanoseconds: UInt64(max(0, runMs * 1e6)), result: Int32(truncatingIfNeeded: result),
                                           statistics: nil))
            }
            return GCEngineMeasurement(engine: name, compileMilliseconds: compileMs, samples: samples)
        } catch {
            return GCEngineMeasurement(engine: name, failure: error.description)
        }
    }
}
