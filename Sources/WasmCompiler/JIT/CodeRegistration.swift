import CWasmexRuntime

/// The machine code of one loaded object, as registered with the runtime's
/// fault handler (`wasmex_code_register`): only a fault whose instruction lies
/// in registered code may become a Wasm trap. Registered when the object is
/// linked, unregistered before its code is freed (see ``LoadedObject``).
final class CodeRegistration: @unchecked Sendable {
    private var starts: [UInt]

    /// Registers the executable sections of `placed`.
    convenience init(_ placed: PlacedObject?) {
        self.init(placed.map { [$0] } ?? [])
    }

    /// Registers the executable sections of every object in `placed`.
    init(_ placed: [PlacedObject]) {
        var starts: [UInt] = []
        for range in placed.flatMap({ $0.codeRanges() }) {
            let start = UInt(range.start)
            if wasmex_code_register(start, range.size) == 0 { starts.append(start) }
        }
        self.starts = starts
    }

    /// Forgets the ranges (idempotent). The owner calls it before it frees
    /// the code, since a deinit would only run after.
    func unregister() {
        for start in starts { wasmex_code_unregister(start) }
        starts = []
    }

    deinit { unregister() }
}
