import CWasmexRuntime

extension Store {
    /// Sets a deadline `timeout` from now for all Wasm this store runs
    /// (Wasmtime's `set_epoch_deadline`, in time rather than ticks): Wasm
    /// still running then, or started later, traps `TrapCode/interrupted`
    /// at its next function entry or loop header. Setting a new deadline
    /// replaces this one. Per-call timeouts (``withTimeout(_:_:)``, the
    /// actor's `timeout:`) apply on top of it: the earlier deadline wins.
    ///
    /// - Throws: ``WasmexError/invalidOperation(_:)`` when the engine was not
    ///   configured with epoch interruption or the ticker thread cannot start.
    public func setEpochDeadline(after timeout: Duration) throws(WasmexError) {
        guard engine.configuration.epochInterruption else {
            throw WasmexError.invalidOperation("epoch deadlines need an engine with epochInterruption: true")
        }
        guard wasmex_epoch_start_ticker() == 0 else {
            throw WasmexError.invalidOperation("cannot start the epoch ticker thread")
        }
        wasmex_epoch_set_deadline(UnsafeMutablePointer(mutating: epochDeadlineAddress),
                                  wasmex_epoch_now() &+ EpochTicks.ticks(for: timeout))
    }
}
