import WasmCompiler

/// Why a serialized module or AOT object could not be made, stored or loaded.
public enum ArtifactError: Error, CustomStringConvertible {
    /// The artifact was refused (not ours, truncated, stale, wrong host or options).
    case incompatible(AOTError)
    /// The artifact passed its checks but the engine could not load it.
    case load(WasmexError)
    /// A file could not be read or written.
    case io(String)

    public var description: String {
        switch self {
        case .incompatible(let error): return error.description
        case .load(let error): return "cannot load AOT object: \(error)"
        case .io(let message): return message
        }
    }
}
