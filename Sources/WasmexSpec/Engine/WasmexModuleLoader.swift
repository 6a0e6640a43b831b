import Wasmex
import WasmFrontend

/// Turns validated modules into loaded ``Module``s of one engine, either
/// through the JIT or through an AOT object file (``SpecCompilation``).
///
/// The one place that decides how `wasmex spec` and `wasmex fuzz-exec` get
/// code for a module, so both exercise the same paths.
package struct WasmexModuleLoader: Sendable {
    /// The engine every module is compiled with.
    package let engine: Engine
    /// Set to load every module through an AOT object file instead of the JIT.
    let aot: SpecAOTScratch?
    /// Wait for each tiered module's optimised code before returning it.
    let tierUpAtOnce: Bool

    /// A loader with its own engine of `configuration`; with `tierUpAtOnce`,
    /// each module runs its optimised code from its first call on.
    package init(configuration: Engine.Configuration, compilation: SpecCompilation,
                 tierUpAtOnce: Bool = false) throws(SpecEngineError) {
        self.tierUpAtOnce = tierUpAtOnce
        switch compilation {
        case .jit: aot = nil
        case .aot: aot = try SpecAOTScratch()
        }
        do {
            engine = try Engine(configuration)
        } catch {
            throw SpecEngineError.failure("cannot create the Wasmex engine: \(error)")
        }
    }

    /// How modules are loaded, for reports: "jit" or "aot".
    package var compilationName: String { aot == nil ? "jit" : "aot" }

    /// Compiles and loads `wasm`, which has passed validation.
    package func load(_ wasm: WasmModule) throws(WasmexError) -> Module {
        if let aot { return try aot.module(wasm, engine: engine) }
        let module = try Module(engine: engine, validated: wasm)
        if tierUpAtOnce { try module.waitForTierUp() }
        return module
    }
}
