import WasmFrontend

/// Makes AOT objects: the ordinary compile pipeline plus a `.wasmex.meta`
/// section describing the object (see ``AOTMetadata``).
package enum AOTCompiler {
    /// Compiles a validated module to an ELF relocatable object with metadata.
    ///
    /// - Parameters:
    ///   - wasm: the validated module; its binary bytes are embedded in the object.
    ///   - options: compile options (recorded and checked at load time).
    ///   - target: the machine to compile for (default: this host).
    /// - Returns: the compiled module, whose ``CompiledModule/objectBytes`` is the artifact.
    package static func compile(_ wasm: WasmModule, name: String = "wasm", options: CompilerOptions = CompilerOptions(),
                               target: HostTarget = .current, limits: CompileLimits? = CompileLimits()) throws(AOTError) -> CompiledModule {
        do {
            return try ModuleCompiler.compile(wasm, name: name, options: options, target: target,
                                              limits: limits) { machine, escaping, convention in
                AOTMetadata(target: machine, options: options, escapingFunctions: escaping, convention: convention,
                            tags: AOTMetadata.tags(of: wasm), wasm: wasm.bytes).encoded()
            }
        } catch {
            throw AOTError.compile(error)
        }
    }
}
