import WasmCompiler
import WasmFrontend

extension Module {
    /// This module as a self-describing AOT object (an ELF relocatable file
    /// with a `.wasmex.meta` section): the format of ``deserialize(engine:bytes:)``,
    /// `wasmex compile` and the compile cache.
    ///
    /// Modules loaded from an artifact or the cache return their object as is;
    /// others are compiled once more with metadata embedded.
    public func serialize() throws(ArtifactError) -> [UInt8] {
        if AOTObjectInfo.hasMetadata(compiled.objectBytes) { return compiled.objectBytes }
        do {
            return try AOTCompiler.compile(wasm, name: wasm.names.moduleName ?? "wasm",
                                           options: engine.configuration.compilerOptions,
                                           limits: engine.configuration.compileLimits).objectBytes
        } catch {
            throw ArtifactError.incompatible(error)
        }
    }

    /// Loads a module from ``serialize()``'s bytes (or a `wasmex compile`
    /// object) without running LLVM optimisation or code generation.
    ///
    /// The object is checked first — format version, LLVM version, target
    /// triple and CPU features, the engine's code-affecting options, and the
    /// hash of the embedded Wasm bytes — and refused with
    /// ``ArtifactError/incompatible(_:)`` on any mismatch; a refused object is
    /// never linked. Like Wasmtime's `unsafe_deserialize`, the machine code
    /// itself is trusted: only load objects you made.
    ///
    /// - Important: This API trusts its input. The checks above catch stale or
    ///   mismatched objects, not forged ones (the hash lives in the same file
    ///   it vouches for), and the object's code runs with the host's full
    ///   privileges. Never pass bytes a guest or another user could have
    ///   written; compile untrusted Wasm with ``Module/init(engine:bytes:)``.
    public static func deserialize(engine: Engine, bytes: [UInt8]) throws(ArtifactError) -> Module {
        let artifact: AOTArtifact
        do {
            artifact = try AOTArtifact.read(bytes, requiredOptions: engine.configuration.compilerOptions)
        } catch {
            throw ArtifactError.incompatible(error)
        }
        do {
            return try Module(engine: engine, validated: artifact.wasm, compiled: artifact.compiled)
        } catch {
            throw ArtifactError.load(error)
        }
    }

    /// Loads a module from an AOT object file (see ``deserialize(engine:bytes:)``).
    public static func deserialize(engine: Engine, file path: String) throws(ArtifactError) -> Module {
        try deserialize(engine: engine, bytes: FileBytes.read(path))
    }

    /// Writes ``serialize()``'s bytes to `path` (atomically).
    public func serialize(to path: String) throws(ArtifactError) {
        try FileBytes.write(serialize(), to: path)
    }

    /// The engine configuration an AOT object needs (its optimisation level,
    /// epoch and fuel options), so a caller can make a matching engine.
    public static func configuration(forArtifact bytes: [UInt8],
                                     base: Engine.Configuration = Engine.Configuration()) throws(ArtifactError) -> Engine.Configuration {
        let metadata: AOTMetadata
        do {
            metadata = try AOTArtifact.metadata(of: bytes)
        } catch {
            throw ArtifactError.incompatible(error)
        }
        guard let options = metadata.compilerOptions else {
            throw ArtifactError.incompatible(.corruptMetadata("unknown compile options \(metadata.options)"))
        }
        var configuration = base
        configuration.optimization = options.optimization
        configuration.epochInterruption = options.epochInterruption
        configuration.consumeFuel = options.consumeFuel
        configuration.memoryStrategy = options.memoryStrategy
        configuration.backtraceDetails = options.backtraceDetails
        return configuration
    }
}
