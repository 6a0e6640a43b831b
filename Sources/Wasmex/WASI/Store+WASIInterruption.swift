import CWasmexRuntime
import WasmexWASI

extension Store {
    /// A request for blocking WASI calls of this store to stop, or nil when
    /// the engine has no epoch interruption (nothing could ever ask).
    ///
    /// The request is the one generated code obeys: the store's epoch
    /// deadline has been reached, because a timeout (``withTimeout(_:_:)``,
    /// `wasmex run --timeout`, an actor call's timeout) ran out or
    /// ``interrupt()`` set the deadline to 0.
    func wasiInterruption() -> WASIInterruption? {
        guard engine.configuration.epochInterruption else { return nil }
        let deadline = epochDeadlineAddress
        return WASIInterruption { wasmex_epoch_now() >= deadline.pointee }
    }

    /// The error that ends a Wasm call whose WASI call was interrupted: the
    /// same trap as interrupted Wasm code, with the deadline re-armed to
    /// "never" as after that trap.
    func interruptedByWASI() -> WasmexError {
        didInterrupt()
        return .trap(Trap(.interrupted))
    }
}
