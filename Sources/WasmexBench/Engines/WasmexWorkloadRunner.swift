import WasmCompiler
import Wasmex
import WasmexWASI

/// Instantiates and runs a compiled or loaded Wasmex module as the bench
/// protocols say; shared by the `jit` and `aot` engines.
struct WasmexWorkloadRunner {
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
                CompileTimings.mark("run starts")
                return []
            }))
            imports.define(module: "bench", name: "end", .function(try Function(store: store, type: FunctionType()) { _, _ in
                timer.end()
                CompileTimings.mark("run ends")
                return []
            }))
            let wasi = try WASIEnvironment(options: WasiOptions(
                args: workload.arguments, env: [],
                preopens: [Preopen(hostPath: workload.directory, guestPath: ".")],
                stdin: .null, stdout: .pipe(stdout), stderr: .pipe(stderr)))
            defer { wasi.close() }
            try imports.defineWASI(wasi, store: store, for: module)
            let (instance, instantiateMs) = try BenchClock.measure { () throws(WasmexError) -> Instance in
                try Instance(store: store, module: module, imports: imports)
            }
            let exitCode = try instance.runCommand()
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
            let run = try CoreMarkRun.run(module, in: store)
            guard let score = run.score else {
                throw BenchError.failure(engineName, workload, "run returned \(run.results), expected one f32")
            }
            return RunSample(instantiateMs: run.instantiateMs, runMs: run.runMs, score: Double(score))
        } catch {
            throw .failure(engineName, workload, error)
        }
    }
}
