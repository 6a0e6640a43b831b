import Wasmex
import WasmexWASI

/// Wasmex's own engine: Wasm → LLVM IR → machine code in ORC, at one
/// optimisation level, eagerly or tiered.
///
/// "compile" is decode + validate + LLVM lowering, optimisation, codegen and
/// loading into the JIT (for a tiered engine: of the O0 first tier; the O2
/// tier compiles in the background while the runs go on, so later runs show
/// it); "instantiate" creates the instance (imports, memory, segments).
package final class JITEngine: BenchEngine {
    package let name: String
    package let optimization: OptimizationLevel
    package let memoryStrategy: MemoryStrategy
    package let compilation: CompilationStrategy
    /// Tiered: whether big modules compile functions on their first call (the default).
    package let compilesOnFirstCall: Bool
    private lazy var engine: Result<Engine, WasmexError> = Result { () throws(WasmexError) -> Engine in
        var configuration = Engine.Configuration(optimization: optimization, memoryStrategy: memoryStrategy)
        configuration.compilation = compilation
        if !compilesOnFirstCall { configuration.lazyCompilationMinimumCodeSize = nil }
        return try Engine(configuration)
    }

    /// An engine named `name` compiling at `optimization` with `memoryStrategy`,
    /// eagerly unless `compilation` says otherwise.
    package init(name: String, optimization: OptimizationLevel, memoryStrategy: MemoryStrategy = .hostDefault,
                 compilation: CompilationStrategy = .eager, compilesOnFirstCall: Bool = true) {
        self.compilesOnFirstCall = compilesOnFirstCall
        self.name = name
        self.optimization = optimization
        self.memoryStrategy = memoryStrategy
        self.compilation = compilation
    }

    package var availability: EngineAvailability {
        switch engine {
        case .success: .available
        case .failure(let error): .unavailable("cannot create the JIT: \(error)")
        }
    }

    package func measure(_ workload: Workload, runs: Int) throws(BenchError) -> EngineMeasurement {
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
        let runner = WasmexWorkloadRunner(engineName: name)
        var samples: [RunSample] = []
        for _ in 0..<runs { samples.append(try runner.run(module, workload)) }
        return EngineMeasurement(compileMs: compileMs, samples: samples)
    }
}
