/// What a caller can observe of one module run in one mode: the JSON line
/// `wasmex fuzz-exec` prints, in the shape the Wasmtime oracle prints
/// (`Tests/Fuzz/fuzzkit/values.py` documents the vocabulary).
package struct FuzzObservation: Codable, Sendable, Equatable {
    /// The module file.
    package var module: String
    /// The mode, e.g. `jit-o2-guard`.
    package var mode: String
    /// `ok`, `invalid` (rejected by decoding or validation), `unsupported`
    /// (a feature Wasmex does not compile) or `error` (any other failure,
    /// e.g. a link or compile error).
    package var status: String
    /// Why the status is not `ok`.
    package var message: String?
    /// The trap category when instantiation trapped, else nil.
    package var instantiate: String?
    /// The state after instantiation, then one step per exported function.
    package var steps: [FuzzStep]

    package init(module: String, mode: String, status: String, message: String? = nil,
                 instantiate: String? = nil, steps: [FuzzStep] = []) {
        self.module = module
        self.mode = mode
        self.status = status
        self.message = message
        self.instantiate = instantiate
        self.steps = steps
    }
}

/// One call (or, with `call == nil`, the state right after instantiation).
package struct FuzzStep: Codable, Sendable, Equatable {
    /// The exported function called with zero arguments.
    package var call: String?
    /// The results when the call returned.
    package var results: [String]?
    /// The trap category when the call trapped.
    package var trap: String?
    /// The exported globals, memories and tables after the call.
    package var state: FuzzState
}

/// The exported state, each kind in export order.
package struct FuzzState: Codable, Sendable, Equatable {
    /// Each global's value (``FuzzValueText``).
    package var globals: [String]
    /// Each memory as `<byte length>:<crc32, 8 hex digits>`.
    package var memories: [String]
    /// Each table as `<size>:` and one letter per element, `n` null or `r` a reference.
    package var tables: [String]
}
