import WasmFrontend

/// An AOT object read back and checked: its metadata, the rebuilt module
/// description and the compiled code ready for ``JITSession/load(object:name:symbols:)``.
///
/// Reading runs no LLVM optimisation or code generation: it finds the
/// metadata section, checks it against this host, re-decodes and validates
/// the embedded Wasm bytes and derives the symbols to resolve.
package struct AOTArtifact: Sendable {
    package let metadata: AOTMetadata
    package let wasm: WasmModule
    package let compiled: CompiledModule

    /// Reads and checks `object`.
    ///
    /// - Parameters:
    ///   - object: the bytes of an AOT object file.
    ///   - host: the machine that will run it (default: this host).
    ///   - requiredOptions: if given, the object must have been compiled with
    ///     options that generate the same code.
    ///   - validated: the validated module the object claims to be compiled
    ///     from, when the caller already holds it (a compile-cache hit): used,
    ///     once its bytes are checked to be the embedded ones, instead of
    ///     decoding and validating the embedded copy again.
    /// - Throws: an ``AOTError`` naming the first check that failed.
    package static func read(_ object: [UInt8], host: HostTarget = .current,
                            requiredOptions: CompilerOptions? = nil,
                            validated: WasmModule? = nil) throws(AOTError) -> AOTArtifact {
        let metadata = try Self.metadata(of: object)
        try AOTCompatibility.check(metadata, host: host, requiredOptions: requiredOptions)
        let wasm: WasmModule
        if let validated, validated.bytes == metadata.wasm {
            wasm = validated
        } else {
            do {
                wasm = try WasmModule.decode(metadata.wasm)
                try wasm.validate()
            } catch {
                throw AOTError.invalidModule(error)
            }
        }
        guard metadata.tags == AOTMetadata.tags(of: wasm) else {
            throw AOTError.corruptMetadata("the recorded tags differ from the module's")
        }
        var signatures: [FunctionType] = []
        var seen: Set<FunctionType> = []
        for index in metadata.escapingFunctions {
            guard index >= wasm.importedFunctionCount, index < wasm.functionCount,
                  let type = wasm.functionType(ofFunction: UInt32(index)) else {
                throw AOTError.corruptMetadata("escaping function \(index) is not a defined function")
            }
            // One trampoline per machine signature (``FunctionType/machineSignature``).
            if seen.insert(type.machineSignature).inserted { signatures.append(type.machineSignature) }
        }
        guard let options = metadata.compilerOptions else {
            throw AOTError.corruptMetadata("unknown compile options \(metadata.options)")
        }
        var compiled = CompiledModule(objectBytes: object, escapingFunctions: metadata.escapingFunctions,
                                      entrySignatures: signatures, target: metadata.target,
                                      optimization: metadata.optimization, memoryStrategy: options.memoryStrategy)
        compiled.convention = metadata.convention
        return AOTArtifact(metadata: metadata, wasm: wasm, compiled: compiled)
    }

    /// Only the decoded metadata of `object` (format version checked, nothing else).
    package static func metadata(of object: [UInt8]) throws(AOTError) -> AOTMetadata {
        let decoded = object.withUnsafeBytes { bytes -> Result<AOTMetadata, AOTError> in
            do throws(AOTError) {
                return .success(try AOTMetadata.decode(AOTSection.find(in: bytes)))
            } catch {
                return .failure(error)
            }
        }
        return try decoded.get()
    }
}
