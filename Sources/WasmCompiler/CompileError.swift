import WasmFrontend

/// Why a module could not be compiled or loaded.
public enum CompileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The module failed to decode or validate.
    case invalidModule(WasmError)
    /// The module uses a feature this compiler does not support yet (e.g. SIMD).
    case unsupported(String)
    /// LLVM reported an error (verification, optimisation, code generation, linking).
    case llvm(String)
    /// A symbol the loader needs is missing from an object.
    case missingSymbol(String)
    /// The module is past one of the compile budget's limits (``CompileLimits``);
    /// the message names the limit.
    case limitExceeded(String)

    public var description: String {
        switch self {
        case .invalidModule(let error): return error.description
        case .unsupported(let what): return "unsupported: \(what)"
        case .llvm(let message): return "LLVM error: \(message)"
        case .missingSymbol(let name): return "missing symbol in compiled code: \(name)"
        case .limitExceeded(let what): return "module too large to compile: \(what)"
        }
    }
}
