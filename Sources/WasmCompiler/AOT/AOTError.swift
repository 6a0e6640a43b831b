import WasmFrontend

/// Why an ahead-of-time artifact could not be made or was refused at load time.
/// A refused artifact is never linked or run.
public enum AOTError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes are not an object file LLVM can read (random bytes, truncated header, …).
    case notAnObject(String)
    /// The object has no `.wasmex.meta` section (e.g. a `.o` from a C compiler).
    case missingMetadata
    /// The metadata section is cut short or its fields are inconsistent.
    case corruptMetadata(String)
    /// The artifact was written by another version of the format.
    case formatVersion(found: UInt32, expected: UInt32)
    /// The artifact was compiled by another LLVM version.
    case llvmVersion(found: String, expected: String)
    /// The artifact was compiled for another target triple.
    case targetTriple(found: String, host: String)
    /// The artifact uses CPU features this host lacks (or another CPU model).
    case cpuMismatch(String)
    /// The artifact was compiled with other options than the caller requires.
    case options(found: String, expected: String)
    /// The embedded Wasm bytes do not match the recorded hash (stale or tampered file).
    case hashMismatch
    /// The embedded Wasm module does not decode or validate.
    case invalidModule(WasmError)
    /// Compiling failed.
    case compile(CompileError)

    public var description: String {
        switch self {
        case .notAnObject(let why): return "not a Wasmex AOT object: \(why)"
        case .missingMetadata: return "not a Wasmex AOT object: no .wasmex.meta section"
        case .corruptMetadata(let why): return "corrupt AOT metadata: \(why)"
        case .formatVersion(let found, let expected):
            return "AOT format version \(found) is not supported (expected \(expected))"
        case .llvmVersion(let found, let expected):
            return "AOT object was compiled by LLVM \(found), this engine uses LLVM \(expected)"
        case .targetTriple(let found, let host):
            return "AOT object targets \(found), this host is \(host)"
        case .cpuMismatch(let why): return "AOT object does not fit this CPU: \(why)"
        case .options(let found, let expected):
            return "AOT object was compiled with options \(found), expected \(expected)"
        case .hashMismatch: return "AOT object is stale or corrupt: the Wasm bytes do not match their hash"
        case .invalidModule(let error): return "AOT object embeds an invalid module: \(error)"
        case .compile(let error): return "AOT compilation failed: \(error)"
        }
    }
}
