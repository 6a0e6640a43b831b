import Wasmex
import WasmFrontend

/// Runs spec scripts on the Wasmex JIT: one shared ``Engine`` (so compiled
/// host trampolines are reused), a fresh ``Store`` per script.
public struct WasmexSpecEngineProvider: SpecEngineProvider {
    public let name = "jit"
    private let engine: Engine

    /// Creates the provider with an engine of `configuration`.
    public init(configuration: Engine.Configuration = Engine.Configuration()) throws(SpecEngineError) {
        do {
            engine = try Engine(configuration)
        } catch {
            throw SpecEngineError.failure("cannot create the Wasmex engine: \(error)")
        }
    }

    public func makeEngine(hostModule: SpecHostModule) throws(SpecEngineError) -> any SpecEngine {
        try WasmexSpecEngine(engine: engine, hostModule: hostModule)
    }
}
