import Wasmex
import WasmCompiler
import WasmexSpec

/// Chooses the engine `wasmex spec` runs scripts with.
///
/// The JIT, or with `aot` modules round-tripped through AOT objects; `memory`
/// picks how generated code bounds memory accesses.
enum SpecEngineSelection {
    /// The provider to use, or `nil` to check decoding and validation only.
    static func provider(aot: Bool, frontEndOnly: Bool, memory: MemoryStrategy = .hostDefault,
                         compilation: SpecCompilationArgument = .tiered) throws -> (any SpecEngineProvider)? {
        if aot {
            if frontEndOnly { throw CLIError("--aot and --no-engine cannot be combined") }
            do {
                return try WasmexSpecEngineProvider(configuration: Engine.Configuration(memoryStrategy: memory), compilation: .aot)
            } catch {
                throw CLIError("cannot start the AOT engine: \(error)")
            }
        }
        if frontEndOnly { return nil }
        do {
            return try WasmexSpecEngineProvider(configuration: compilation.apply(to: Engine.Configuration(memoryStrategy: memory)),
                                                tierUpAtOnce: compilation == .tierUpAtOnce)
        } catch {
            throw CLIError("cannot start the JIT engine: \(error)")
        }
    }
}
