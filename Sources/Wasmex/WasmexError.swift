import WasmCompiler
import WasmFrontend

/// Everything that can go wrong using Wasmex, as one typed error.
public enum WasmexError: Error, CustomStringConvertible {
    /// The module could not be decoded, validated or compiled.
    case compile(CompileError)
    /// Instantiation could not link the imports ("unknown import", "incompatible import type").
    case link(String)
    /// Execution trapped (also during instantiation: segment bounds, start
    /// function). The ``Trap`` carries the code, the Wasm frames and, for a
    /// host function that failed while called from Wasm, the host's error.
    case trap(Trap)
    /// A Wasm exception no `try_table` caught: the tag it was thrown with and
    /// its payload. A host function throws this error to throw the exception
    /// in the calling Wasm code, where `catch` clauses for `tag` can catch it
    /// (an uncaught exception from a nested call passes through unchanged if
    /// the host function lets it). A trap is never an exception.
    case exception(tag: Tag, payload: [Value])
    /// A host function called directly from Swift (``Function/call(_:)``)
    /// threw; the original error is kept. Called from Wasm, a failing host
    /// function makes the call trap instead (`TrapCode/hostError`, with the
    /// error in ``Trap/cause`` and the calling Wasm frames).
    case host(any Error)
    /// The instance has no export with that name.
    case unknownExport(String)
    /// The export exists but is of another kind (e.g. calling a memory).
    case wrongExportKind(name: String, expected: ExternalKind, actual: ExternalKind)
    /// A call got the wrong number of arguments.
    case argumentCount(expected: Int, actual: Int)
    /// A call argument (or a value given to a global/table) has the wrong type.
    case valueType(index: Int, expected: ValueType, actual: ValueType)
    /// A host function returned values that do not match its signature.
    case hostResultMismatch(String)
    /// An operation the object does not allow (e.g. setting an immutable global, out-of-range access).
    case invalidOperation(String)
    /// Memory, tables or code could not be allocated.
    case resourceExhausted(String)
    /// Objects from different stores were mixed.
    case storeMismatch
    /// The store that owns this object no longer exists.
    case storeReleased
    /// An asynchronous call did not finish within its timeout (see ``WasmexInstance``).
    case timeout(Duration)

    public var description: String {
        switch self {
        case .compile(let error): return "compile error: \(error)"
        case .link(let message): return "link error: \(message)"
        case .trap(let trap): return "trap: \(trap)"
        case .host(let error): return "host function error: \(error)"
        case .exception(let tag, let payload):
            let types = tag.parameters.map(\.description).joined(separator: " ")
            return "uncaught Wasm exception (tag [\(types)]) with payload [\(payload.map(\.description).joined(separator: ", "))]"
        case .unknownExport(let name): return "unknown export \"\(name)\""
        case .wrongExportKind(let name, let expected, let actual):
            return "export \"\(name)\" is a \(actual), not a \(expected)"
        case .argumentCount(let expected, let actual):
            return "expected \(expected) argument(s), got \(actual)"
        case .valueType(let index, let expected, let actual):
            return "value \(index) has type \(actual), expected \(expected)"
        case .hostResultMismatch(let message): return "host function results: \(message)"
        case .invalidOperation(let message): return message
        case .resourceExhausted(let message): return "resource exhausted: \(message)"
        case .storeMismatch: return "object belongs to a different store"
        case .storeReleased: return "the store owning this object was released"
        case .timeout(let limit): return "call timed out after \(limit)"
        }
    }
}
