import WasmKit
import WasmKitWASI

/// The WasmKit 0.4.2 interpreter, in process: the baseline every compiled engine is compared with.
///
/// Translation to WasmKit's internal code is eager, so it is counted in
/// instantiation (WasmKit translates per instance); "compile" is decode + validate.
package final class InterpreterEngine: BenchEngine {
    package let name = "interp"
    package var availability: EngineAvailability { .available }
    private let engine = Engine(configuration: EngineConfiguration(compilationMode: .eager))

    package init() {}

    package func measure(_ workload: Workload, runs: Int) throws(BenchError) -> EngineMeasurement {
        let bytes = try readWasmBytes(workload)
        let module: Module
        let compileMs: Double
        do {
            (module, compileMs) = try BenchClock.measure { () throws -> Module in try parseWasm(bytes: bytes) }
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
        let store = Store(engine: engine)
        let timer = SightglassTimer()
        var imports = Imports()
        imports.define(module: "bench", name: "start", Function(store: store, parameters: []) { _, _ in
            timer.start()
            return []
        })
        imports.define(module: "bench", name: "end", Function(store: store, parameters: []) { _, _ in
            timer.end()
            return []
        })
        let stdin = try NullInput()
        let stdout = try CaptureFile()
        let stderr = try CaptureFile()
        do {
            let wasi = try WASIBridgeToHost(
                args: workload.arguments, environment: [:],
                preopens: [WASIBridgeToHost.Preopen(guestPath: ".", hostPath: workload.directory)],
                stdin: stdin.descriptor, stdout: stdout.descriptor, stderr: stderr.descriptor)
            defer { try? wasi.close() }
            wasi.link(to: &imports, store: store)
            let (instance, instantiateMs) = try BenchClock.measure { () throws -> Instance in
                try module.instantiate(store: store, imports: imports)
            }
            let exitCode = try wasi.start(instance)
            let runMs = try timer.elapsedMs().get()
            return RunSample(instantiateMs: instantiateMs, runMs: runMs, stdout: stdout.contents(),
                             stderr: stderr.contents(), exitCode: exitCode)
        } catch {
            throw .failure(name, workload, error)
        }
    }

    private func runCoreMark(_ module: Module, _ workload: Workload) throws(BenchError) -> RunSample {
        let store = Store(engine: engine)
        var imports = Imports()
        imports.define(module: "env", name: "clock_ms", Function(store: store, parameters: [], results: [.i32]) { _, _ in
            [.i32(UInt32(bitPattern: BenchClock.coreMarkMilliseconds()))]
        })
        do {
            let (instance, instantiateMs) = try BenchClock.measure { () throws -> Instance in
                try module.instantiate(store: store, imports: imports)
            }
            guard let run = instance.exports[function: "run"] else {
                throw BenchError.failure(name, workload, "no exported function 'run'")
            }
            let (results, runMs) = try BenchClock.measure { () throws -> [Value] in try run() }
            guard results.count == 1, case .f32(let bits) = results[0] else {
                throw BenchError.failure(name, workload, "run returned \(results), expected one f32")
            }
            return RunSample(instantiateMs: instantiateMs, runMs: runMs, score: Double(Float(bitPattern: bits)))
        } catch {
            throw .failure(name, workload, error)
        }
    }
}
