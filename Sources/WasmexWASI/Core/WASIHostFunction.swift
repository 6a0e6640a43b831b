/// A WebAssembly value type that appears in WASI preview 1 signatures.
package enum WASIValueType: Sendable, Equatable {
    case i32, i64
}

/// Thrown by `proc_exit`: the engine must stop the running call and hand
/// `code` to its caller as the program's exit status. The host process is
/// never exited.
public struct WASIExit: Error, Sendable, Equatable, CustomStringConvertible {
    /// The exit status the program asked for.
    public let code: UInt32
    /// Creates the exit of a program with status `code`.
    public init(code: UInt32) { self.code = code }
    public var description: String { "WASI program exited with code \(code)" }
}

/// One `wasi_snapshot_preview1` import as the engine sees it.
///
/// Calling convention: `arguments` holds one slot per parameter (an i32 in
/// the low 32 bits, an i64 in all 64); the result array holds one slot per
/// result (every function but `proc_exit` returns one i32 errno). `memory`
/// is the calling instance's exported `memory`, valid for this call only.
/// A thrown ``WASIExit`` means the program exited; any other thrown error
/// (a wrong argument count, which the engine's type check prevents, or
/// `WASIInterrupted` when the engine set an interruption on the memory)
/// should become a trap.
package struct WASIHostFunction: Sendable {
    /// The import name inside `wasi_snapshot_preview1`.
    package let name: String
    /// Parameter types, in order.
    package let parameters: [WASIValueType]
    /// Result types (empty for `proc_exit`, `[.i32]` otherwise).
    package let results: [WASIValueType]
    /// Runs the function.
    package let call: @Sendable (WASIGuestMemory, [UInt64]) throws -> [UInt64]

    /// Creates a host function; also how users build replacements.
    package init(name: String, parameters: [WASIValueType], results: [WASIValueType],
                call: @escaping @Sendable (WASIGuestMemory, [UInt64]) throws -> [UInt64]) {
        self.name = name
        self.parameters = parameters
        self.results = results
        self.call = call
    }
}

/// The name of the WASI preview 1 import module.
package let wasiPreview1ModuleName = "wasi_snapshot_preview1"

/// A host function called with the wrong number of argument slots.
package struct WASIArgumentCountError: Error, CustomStringConvertible {
    package let function: String
    package let expected: Int
    package let actual: Int
    package var description: String {
        "\(wasiPreview1ModuleName).\(function) expects \(expected) arguments, got \(actual)"
    }
}
