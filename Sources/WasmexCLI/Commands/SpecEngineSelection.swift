import WasmexSpec

/// Chooses the engine `wasmex spec` runs scripts with.
///
/// This is the one place to plug the execution engine in: return a ``SpecEngineProvider``
/// for the JIT (and, with `aot`, for AOT-compiled objects) once the adapter exists.
enum SpecEngineSelection {
    /// The provider to use, or `nil` to check decoding and validation only.
    static func provider(aot: Bool, frontEndOnly: Bool) throws -> (any SpecEngineProvider)? {
        if aot {
            if frontEndOnly { throw CLIError("--aot and --no-engine cannot be combined") }
            do {
                return try WasmexSpecEngineProvider(compilation: .aot)
            } catch {
                throw CLIError("cannot start the AOT engine: \(error)")
            }
        }
        if frontEndOnly { return nil }
        do {
            return try WasmexSpecEngineProvider()
        } catch {
            throw CLIError("cannot start the JIT engine: \(error)")
        }
    }
}
