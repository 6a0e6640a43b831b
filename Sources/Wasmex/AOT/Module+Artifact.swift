import WasmCompiler
import WasmFrontend

extension Module {
    /// Compiles a validated module straight to AOT object bytes (the format of
    /// ``serialize()``) without loading it, using `engine`'s options.
    package static func compileArtifact(engine: Engine, validated wasm: WasmModule) throws(WasmexError) -> [UInt8] {
        do {
            return try AOTCompiler.compile(wasm, name: wasm.names.moduleName ?? "wasm",
                                           options: engine.configuration.compilerOptions,
                                           limits: engine.configuration.compileLimits).objectBytes
        } catch {
            if case .compile(let inner) = error { throw WasmexError.compile(inner) }
            throw WasmexError.compile(.llvm(error.description))
        }
    }
}
