import Wasmex
import WasmexWASI

/// Wasmex's own engine: Wasm → LLVM IR → machine code in ORC, at one optimisation level.
///
/// "compile" is decode + validate + LLVM lowering, optimisation, codegen and
/// loading into the JIT; "instantiate" creates the instance (imports, memory,
/// segments).
public final class JITEngine: BenchEngine {
    public let name: String
    public let optimization: OptimizationLevel
    private lazy var engine: Result<Engine, WasmexError> = Result { () throws(WasmexError) -> Engine in
        try Engine(Engine.Configuration(optimization: optimization))
    }

    /// An engine named `name` compiling at `optimization`.
    public init(name: String, optimization: OptimizationLevel) {
        self.name = name
        self.optimization = optimization
    }

    public var availability: EngineAvailability {
        switch engine {
        case .success: .available
        case .failure(let error): .unavailable("cannot create the JIT: \(error)")
        }
    }

    public func measure(_ workload: Workload, runs: Int) throws(BenchError) -> EngineMeasurement {
        let engine: Engine
        switch self.engine {
        case .success(let created): engine = created
        case .failure(let error): throw .failure(name, workload, error)
        }
        let bytes = try readWasmBytes(workload)
        let module: Module
        let compileMs: Double
        do {
            (module, compileMs) = try BenchClock.measure { () throws(WasmexError) -> Module in
                try Module(engine: engine, bytes: bytes)
            }
        } catch {
            throw .failure(name, workload, error)
        }
        var samples: [RunSample] = []
        for _ in 0..<runs {
            switch workload.kind {
            case .sightglass:
                samples.append(try withWorkingDirectory(workload.directory) { () throws(BenchError) in
                    try runSightglass(module, workload)
                })
            case .coremark:
                samples.append(try runCoreMark(module, workload))
            }
        }
        return EngineMeasurement(compileMs: compileMs, samples: samples)
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
            throw .failure(name, workload, error)
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
                throw BenchError.failure(name, workload, "run returned \(results), expected one f32")
            }
            return RunSample(instantiateMs: instantiateMs, runMs: runMs, score: Double(score))
        } catch {
            throw .failure(name, workload, error)
        }
    }
}
