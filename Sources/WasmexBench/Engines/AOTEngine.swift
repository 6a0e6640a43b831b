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
package final class AOTEngine: BenchEngine {
    package let name = "aot"
    package let optimization: OptimizationLevel
    private lazy var engine: Result<Engine, WasmexError> = Result { () throws(WasmexError) -> Engine in
        try Engine(Engine.Configuration(optimization: optimization))
    }

    /// An engine loading objects compiled at `optimization`.
    package init(optimization: OptimizationLevel = .o2) {
        self.optimization = optimization
    }

    package var availability: EngineAvailability {
        switch engine {
        case .success: .available
        case .failure(let error): .unavailable("cannot create the engine: \(error)")
        }
    }

    package func measure(_ workload: Workload, runs: Int) throws(BenchError) -> EngineMeasurement {
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
