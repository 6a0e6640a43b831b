import CWasmexRuntime

extension Store {
    /// Sets a deadline `timeout` from now for all Wasm this store runs
    /// (Wasmtime's `set_epoch_deadline`, in time rather than ticks): Wasm
    /// still running then, or started later, traps `TrapCode/interrupted`
    /// at its next loop header or checked function entry. Setting a new deadline
    /// replaces this one. Per-call timeouts (``withTimeout(_:_:)``, the
    /// actor's `timeout:`) apply on top of it: the earlier deadline wins.
    ///
    /// - Throws: ``WasmexError/invalidOperation(_:)`` when the engine was not
    ///   configured with epoch interruption, the ticker thread cannot start or
    ///   the store has no poll page (see ``withTimeout(_:_:)``).
    public func setEpochDeadline(after timeout: Duration) throws(WasmexError) {
        guard engine.configuration.epochInterruption else {
            throw WasmexError.invalidOperation("epoch deadlines need an engine with epochInterruption: true")
        }
        try startInterruption()
        wasmex_epoch_set_deadline(state, wasmex_epoch_now() &+ EpochTicks.ticks(for: timeout))
    }
}
