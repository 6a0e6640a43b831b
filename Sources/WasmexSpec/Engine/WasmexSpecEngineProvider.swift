import Wasmex
import WasmFrontend

/// Runs spec scripts on the Wasmex JIT: one shared ``Engine`` (so compiled
/// host trampolines are reused), a fresh ``Store`` per script.
package struct WasmexSpecEngineProvider: SpecEngineProvider {
    package let name: String
    /// How this provider's engines compile and load modules.
    package let loader: WasmexModuleLoader

    /// Creates the provider with an engine of `configuration`; with
    /// `compilation: .aot` every module goes through an AOT object file.
    package init(configuration: Engine.Configuration = Engine.Configuration(),
                compilation: SpecCompilation = .jit, tierUpAtOnce: Bool = false) throws(SpecEngineError) {
        loader = try WasmexModuleLoader(configuration: configuration, compilation: compilation, tierUpAtOnce: tierUpAtOnce)
        name = loader.compilationName + ", " + (configuration.memoryStrategy == .guardPages ? "guard pages" : "explicit bounds checks")
    }

    package func makeEngine(hostModule: SpecHostModule) throws(SpecEngineError) -> any SpecEngine {
        try WasmexSpecEngine(loader: loader, hostModule: hostModule)
    }
}
