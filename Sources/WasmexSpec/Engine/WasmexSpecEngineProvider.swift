import Wasmex
import WasmFrontend

/// Runs spec scripts on the Wasmex JIT: one shared ``Engine`` (so compiled
/// host trampolines are reused), a fresh ``Store`` per script.
package struct WasmexSpecEngineProvider: SpecEngineProvider {
    package let name: String
    private let engine: Engine
    private let aot: SpecAOTScratch?

    /// Creates the provider with an engine of `configuration`; with
    /// `compilation: .aot` every module goes through an AOT object file.
    package init(configuration: Engine.Configuration = Engine.Configuration(),
                compilation: SpecCompilation = .jit) throws(SpecEngineError) {
        let path: String
        switch compilation {
        case .jit: path = "jit"; aot = nil
        case .aot: path = "aot"; aot = try SpecAOTScratch()
        }
        name = path + ", " + (configuration.memoryStrategy == .guardPages ? "guard pages" : "explicit bounds checks")
        do {
            engine = try Engine(configuration)
        } catch {
            throw SpecEngineError.failure("cannot create the Wasmex engine: \(error)")
        }
    }

    package func makeEngine(hostModule: SpecHostModule) throws(SpecEngineError) -> any SpecEngine {
        try WasmexSpecEngine(engine: engine, hostModule: hostModule, aot: aot)
    }
}
