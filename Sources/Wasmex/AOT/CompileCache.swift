import WasmCompiler
import WasmFrontend

/// The opt-in on-disk compile cache (``Engine/Configuration/cacheDirectory``).
///
/// An entry is an AOT object named after a SHA-256 of the Wasm bytes, the
/// code-affecting options, the LLVM version and the host target. A hit is
/// checked like any AOT object and loaded without compiling; a miss compiles
/// with metadata and stores the object. A bad entry is recompiled and replaced.
enum CompileCache {
    /// The compiled code for `wasm`, from `directory` if present, else compiled and stored.
    static func compiled(_ wasm: WasmModule, options: CompilerOptions, limits: CompileLimits,
                         directory: String) throws(WasmexError) -> CompiledModule {
        // The budget applies to hits too: a cached object must not make a
        // module acceptable that the engine would refuse to compile.
        do { try limits.check(wasm) } catch { throw WasmexError.compile(error) }
        let path = entryPath(wasm, options: options, directory: directory)
        if let bytes = try? FileBytes.read(path),
           let artifact = try? AOTArtifact.read(bytes, requiredOptions: options),
           artifact.metadata.wasm == wasm.bytes {
            return artifact.compiled
        }
        let compiled: CompiledModule
        do {
            compiled = try AOTCompiler.compile(wasm, name: wasm.names.moduleName ?? "wasm", options: options, limits: limits)
        } catch {
            if case .compile(let inner) = error { throw WasmexError.compile(inner) }
            throw WasmexError.compile(.llvm(error.description))
        }
        // A cache that cannot be written is not an error: the module still works.
        try? FileBytes.makeDirectory(directory)
        try? FileBytes.write(compiled.objectBytes, to: path)
        return compiled
    }

    /// The file an entry for `wasm` compiled with `options` lives in.
    static func entryPath(_ wasm: WasmModule, options: CompilerOptions, directory: String) -> String {
        let host = HostTarget.current
        let key = [SHA256.hexHash(wasm.bytes), AOTMetadata.optionsKey(options), llvmVersionString(),
                   host.triple, host.cpuName, host.cpuFeatures, "v\(AOTMetadata.currentFormatVersion)"].joined(separator: "\n")
        let name = SHA256.hexHash(Array(key.utf8))
        let separator = directory.hasSuffix("/") ? "" : "/"
        return directory + separator + name + ".wasmex.o"
    }
}
