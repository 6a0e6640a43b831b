import CLLVM

/// Code linked into a ``JITSession``: the resolved addresses of the symbols
/// asked for at load time. Releasing the last reference frees the code, so
/// keep it alive as long as anything may call into it.
package final class LoadedObject: @unchecked Sendable {
    private let session: JITSession
    private let dylib: LLVMOrcJITDylibRef
    private let tracker: LLVMOrcResourceTrackerRef
    /// Resolved symbol addresses by name.
    private let addresses: [String: UInt64]
    /// Where each defined Wasm function's code lies (for trap backtraces).
    package let functions: FunctionAddressMap
    /// The Wasm byte offset of the operator at each code address; empty unless
    /// the object was compiled with ``CompilerOptions/backtraceDetails``.
    package let lines: LineTable
    /// The object's code as the fault handler knows it.
    let code: CodeRegistration?

    init(session: JITSession, dylib: LLVMOrcJITDylibRef, tracker: LLVMOrcResourceTrackerRef, addresses: [String: UInt64],
         functions: FunctionAddressMap = .empty, lines: LineTable = .empty, code: CodeRegistration? = nil) {
        self.session = session
        self.code = code
        self.dylib = dylib
        self.tracker = tracker
        self.addresses = addresses
        self.functions = functions
        self.lines = lines
    }

    deinit {
        // Forget the code range first: once freed, the addresses may hold
        // host code whose faults must never look like Wasm traps.
        code?.unregister()
        session.unload(tracker, from: dylib)
    }

    /// The address of `symbol`, if it was requested at load time.
    package func address(of symbol: String) -> UnsafeRawPointer? {
        constantAddress(of: symbol).flatMap { UnsafeRawPointer(bitPattern: UInt($0)) }
    }

    /// The address of `symbol` as code compiled against this object embeds
    /// it (a constant), if it was requested at load time.
    package func constantAddress(of symbol: String) -> UInt64? {
        guard let address = addresses[symbol], address != 0 else { return nil }
        return address
    }

    /// ``constantAddress(of:)`` of Wasm function `index` (absolute): its `wasm_f<i>` code.
    package func functionAddress(_ index: Int) -> UInt64? {
        constantAddress(of: SymbolNames.function(index))
    }
}
