import Foundation
import Wasmex
import WasmexWASI
import WasmFrontend

/// Ahead-of-time compiled code loaded from an object file.
///
/// Each workload is compiled once (untimed) at `optimization` to an AOT object
/// written to a scratch file. "compile" then measures what an AOT user pays
/// instead: reading the file, checking it and linking it into ORC (no LLVM
/// optimisation or codegen); instantiate and run are measured like the JIT's.
public final class AOTEngine: BenchEngine {
    public let name = "aot"
    public let optimization: OptimizationLevel
    private lazy var engine: Result<Engine, WasmexError> = Result { () throws(WasmexError) -> Engine in
        try Engine(Engine.Configuration(optimization: optimization))
    }

    /// An engine loading objects compiled at `optimization`.
    public init(optimization: OptimizationLevel = .o2) {
        self.optimization = optimization
    }

    public var availability: EngineAvailability {
        switch engine {
        case .success: .available
        case .failure(let error): .unavailable("cannot create the engine: \(error)")
        }
    }

    public func measure(_ workload: Workload, runs: Int) throws(BenchError) -> EngineMeasurement {
        let engine: Engine
        switch self.engine {
        case .success(let created): engine = created
        case .failure(let error): throw .failure(name, workload, error)
        }
        let path = try writeObject(workload, engine: engine)
        defer { unlink(path) }
        let module: Module
        let loadMs: Double
        do {
            (module, loadMs) = try BenchClock.measure { () throws(ArtifactError) -> Module in
                try Module.deserialize(engine: engine, file: path)
            }
        } catch {
            throw .failure(name, workload, error)
        }
        let runner = WasmexWorkloadRunner(engineName: name)
        var samples: [RunSample] = []
        for _ in 0..<runs {
            samples.append(try runner.run(module, workload))
        }
        return EngineMeasurement(compileMs: loadMs, samples: samples)
    }

    /// Compiles `workload` to an AOT object in a scratch file; returns its path.
    private func writeObject(_ workload: Workload, engine: Engine) throws(BenchError) -> String {
        let bytes = try readWasmBytes(workload)
        let object: [UInt8]
        do {
            let wasm = try WasmModule.parse(bytes)
            object = try Module.compileArtifact(engine: engine, validated: wasm)
        } catch {
            throw .failure(name, workload, error)
        }
        let path = NSTemporaryDirectory() + "/wasmex-bench-\(getpid())-\(workload.name.hashValue & 0xFFFF_FFFF).o"
        guard FileManager.default.createFile(atPath: path, contents: Data(object)) else {
            throw .failure(name, workload, "cannot write \(path)")
        }
        return path
    }
}

/// Instantiates and runs a loaded module as the bench protocol says (the same
/// steps as ``JITEngine``'s runs; kept here so the AOT engine owns its code —
/// a shared helper for both engines would remove the duplication).
private struct WasmexWorkloadRunner {
    let engineName: String

    func run(_ module: Module, _ workload: Workload) throws(BenchError) -> RunSample {
        switch workload.kind {
        case .sightglass:
            return try withWorkingDirectory(workload.directory) { () throws(BenchError) in
                try runSightglass(module, workload)
            }
        case .coremark:
            return try runCoreMark(module, workload)
        }
    }

    private func runSightglass(_ module: Module, _ workload: Workload) throws(BenchError) -> RunSample {
        let store = Store(engine: module.engine)
        let timer = SightglassTimer()
        let stdout = WasmexWASI.Pipe()
        let stderr = WasmexWASI.Pipe()
        do {
            var imports = Imports()
            imports.define(module: "bench", name: "start", .function(try Function(store: store, type: FunctionType()) { _, _ in
                timer.start()
                return []
            }))
            imports.define(module: "bench", name: "end", .function(try Function(store: store, type: FunctionType()) { _, _ in
                timer.end()
                return []
            }))
            let wasi = try WASIEnvironment(options: WasiOptions(
                args: workload.arguments, env: [],
                preopens: [Preopen(hostPath: workload.directory, guestPath: ".")],
                stdin: .null, stdout: .pipe(stdout), stderr: .pipe(stderr)))
            defer { wasi.close() }
            try WasmexWASILink.define(wasi, into: &imports, store: store)
            let (instance, instantiateMs) = try BenchClock.measure { () throws(WasmexError) -> Instance in
                try Instance(store: store, module: module, imports: imports)
            }
            let exitCode = try WasmexWASILink.exitCode { () throws(WasmexError) in _ = try instance.call("_start") }
            let runMs = try timer.elapsedMs().get()
            stdout.seek(to: 0)
            stderr.seek(to: 0)
            return RunSample(instantiateMs: instantiateMs, runMs: runMs, stdout: stdout.read(),
                             stderr: stderr.read(), exitCode: exitCode)
        } catch {
            throw .failure(engineName, workload, error)
        }
    }

    private func runCoreMark(_ module: Module, _ workload: Workload) throws(BenchError) -> RunSample {
        let store = Store(engine: module.engine)
        do {
            var imports = Imports()
            let clock = try Function(store: store, type: FunctionType(results: [.i32])) { _, _ in
                [.i32(BenchClock.coreMarkMilliseconds())]
            }
            imports.define(module: "env", name: "clock_ms", .function(clock))
            let (instance, instantiateMs) = try BenchClock.measure { () throws(WasmexError) -> Instance in
                try Instance(store: store, module: module, imports: imports)
            }
            let (results, runMs) = try BenchClock.measure { () throws(WasmexError) -> [Value] in try instance.call("run") }
            guard results.count == 1, case .f32(let score) = results[0] else {
                throw BenchError.failure(engineName, workload, "run returned \(results), expected one f32")
            }
            return RunSample(instantiateMs: instantiateMs, runMs: runMs, score: Double(score))
        } catch {
            throw .failure(engineName, workload, error)
        }
    }
}
