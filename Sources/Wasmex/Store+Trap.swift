import WasmCompiler

extension Store {
    /// The error for a call that ended with trap code `raw`: captures the
    /// frames the runtime recorded on this thread (call it right after
    /// `wasmex_invoke` returns, before anything else can trap here) and
    /// attaches a pending host error.
    func trapError(raw: UInt32) -> WasmexError {
        let frames = TrapBacktrace.capture(modules: instanceModules)
        let code = TrapCode(rawValue: raw) ?? .unreachable
        if code == .interrupted { didInterrupt() }
        guard code == .hostError, let error = pendingHostError else {
            return .trap(Trap(code, frames: frames))
        }
        pendingHostError = nil
        switch error as? WasmexError {
        case .trap(let inner)?:
            // A re-entrant call trapped and the host function let it through.
            return .trap(inner.appending(frames: frames))
        case .host(let thrown)?:
            // What a host function's own error was wrapped in (see `HostFunctionBox.call`).
            return .trap(Trap(.hostError, frames: frames, cause: thrown))
        default:
            return .trap(Trap(.hostError, frames: frames, cause: error))
        }
    }
}
