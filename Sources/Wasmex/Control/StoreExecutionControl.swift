import CWasmexRuntime
import WasmCompiler

/// Fuel, epoch deadlines and interruption of a ``Store``.
///
/// Interruption: a store's deadline is a value of a process-wide epoch
/// counter (bumped every `WASMEX_EPOCH_TICK_MICROS` by one ticker thread).
/// Code compiled with ``Engine/Configuration/epochInterruption`` reads the
/// store's poll page at loop headers and at the entry of functions whose
/// calls could run long (see `CallGraph`); once the deadline is reached the
/// runtime makes that page inaccessible, and the read traps
/// `TrapCode/interrupted` (see `Runtime/include/wasmex_epoch.h`). After an
/// interruption the store's deadline is reset to "never", so the instance can
/// be called again.
extension Store {
    /// Sets the execution-control fields of a new store's state.
    func prepareExecutionControl() {
        state.pointee.epoch_counter = wasmex_epoch_counter()
        state.pointee.epoch_deadline = .max
        _ = wasmex_epoch_poll_create(state, engine.configuration.epochInterruption ? 1 : 0)
        if let maxStack = engine.configuration.maxWasmStack {
            state.pointee.max_wasm_stack = UInt(clamping: max(0, maxStack))
        }
    }

    // MARK: Fuel

    /// The remaining fuel (Wasmex `get_fuel`), or `nil` when the engine does
    /// not consume fuel.
    ///
    /// Fuel is charged as Wasmtime charges it (see `FuelCostModel`): 1 to
    /// enter a function, 1 per operator except the free control and
    /// parametric ones, and the size of bulk memory and table operations.
    /// Wasm may run a little past zero between two checks; the remaining fuel
    /// then reads 0. Host functions called from Wasm see the exact value.
    public var fuel: UInt64? {
        guard engine.configuration.consumeFuel else { return nil }
        return fuelReserve.addingReportingOverflow(UInt64(max(0, state.pointee.fuel))).partialValue
    }

    /// Sets the remaining fuel (Wasmex `set_fuel`), replacing what is left.
    ///
    /// Wasm traps "all fuel consumed" (`TrapCode/outOfFuel`) at a function
    /// entry or a loop iteration when no fuel is left once that point's cost
    /// is taken (see `FuelCostModel`). An empty function needs 2 units: with
    /// `setFuel(2)`, one call succeeds and leaves 1, the next one traps.
    /// Running a start function costs 2 units more than the function's own
    /// cost. Any `UInt64` can be set and read back; Wasm uses at most
    /// `Int64.max` of it (more than it can consume in practice).
    ///
    /// - Throws: ``WasmexError/invalidOperation(_:)`` when the engine was not
    ///   configured with ``Engine/Configuration/consumeFuel``.
    public func setFuel(_ fuel: UInt64) throws(WasmexError) {
        guard engine.configuration.consumeFuel else {
            throw WasmexError.invalidOperation("fuel is not enabled: create the engine with consumeFuel: true")
        }
        let usable = min(fuel, UInt64(Int64.max))
        state.pointee.fuel = Int64(usable)
        fuelReserve = fuel - usable
    }

    /// Takes the cost of running a start function (see `FuelCostModel`):
    /// traps "all fuel consumed", leaving 0, when less than that is left.
    func chargeStartFunctionFuel() throws(WasmexError) {
        guard engine.configuration.consumeFuel else { return }
        let remaining = state.pointee.fuel &- FuelCostModel.startFunctionCost
        state.pointee.fuel = max(0, remaining)
        if remaining < 0 { throw WasmexError.trap(Trap(.outOfFuel)) }
    }

    // MARK: Interruption

    /// A handle that interrupts this store's running Wasm from any thread.
    public var interruptHandle: InterruptHandle { InterruptHandle(store: self) }

    /// Stops the Wasm running in this store (or, if none runs, the next call)
    /// with the trap `TrapCode/interrupted`. Needs epoch interruption enabled.
    public func interrupt() { interruptHandle.interrupt() }

    /// Runs `body` with an epoch deadline `timeout` from now: Wasm still
    /// running then traps `TrapCode/interrupted`. The previous deadline is
    /// restored afterwards (nested timeouts keep the earlier deadline).
    ///
    /// - Throws: ``WasmexError/invalidOperation(_:)`` when the engine was not
    ///   configured with epoch interruption, the ticker thread cannot start or
    ///   the store has no poll page of its own (the process could not map
    ///   one), and every error of `body`.
    public func withTimeout<T>(_ timeout: Duration, _ body: () throws(WasmexError) -> T) throws(WasmexError) -> T {
        guard engine.configuration.epochInterruption else {
            throw WasmexError.invalidOperation("timeouts need an engine with epochInterruption: true")
        }
        try startInterruption()
        let previous = state.pointee.epoch_deadline
        let deadline = wasmex_epoch_now() &+ EpochTicks.ticks(for: timeout)
        wasmex_epoch_set_deadline(state, min(previous, deadline))
        defer { wasmex_epoch_set_deadline(state, previous) }
        return try body()
    }

    /// Starts the ticker thread; fails when it cannot start or the store has
    /// no poll page (the process could not map one when the store was made).
    func startInterruption() throws(WasmexError) {
        guard wasmex_epoch_start_ticker() == 0 else {
            throw WasmexError.invalidOperation("cannot start the epoch ticker thread")
        }
        guard wasmex_epoch_poll_usable(state) != 0 else {
            throw WasmexError.invalidOperation("this store cannot be interrupted: its poll page could not be mapped")
        }
    }

    /// Called when a call ended with an interruption: re-arms "never".
    func didInterrupt() {
        wasmex_epoch_set_deadline(state, .max)
    }

    var epochDeadlineAddress: UnsafePointer<UInt64> {
        UnsafeRawPointer(state).advanced(by: MemoryLayout<wasmex_store_state>.offset(of: \.epoch_deadline) ?? 16)
            .assumingMemoryBound(to: UInt64.self)
    }
}

/// Converts durations to epoch ticks.
enum EpochTicks {
    /// Ticks after which at least `timeout` has passed (one extra tick covers
    /// the partly elapsed current one).
    static func ticks(for timeout: Duration) -> UInt64 {
        let (seconds, attoseconds) = timeout.components
        guard seconds >= 0, attoseconds >= 0 || seconds > 0 else { return 1 }
        let micros = Double(seconds) * 1e6 + Double(attoseconds) / 1e12
        let tick = Double(WASMEX_EPOCH_TICK_MICROS)
        let ticks = (micros / tick).rounded(.up)
        guard ticks < 1e15 else { return UInt64(1e15) }
        return UInt64(max(0, ticks)) + 1
    }
}

/// Interrupts a store's Wasm from any thread (keeps the store alive).
public struct InterruptHandle: @unchecked Sendable {
    let store: Store

    /// Makes the running (or next) call of the store trap `TrapCode/interrupted`.
    public func interrupt() {
        wasmex_epoch_set_deadline(store.state, 0)
    }
}

extension Caller {
    /// The store's remaining fuel (`nil` when fuel is disabled).
    public var fuel: UInt64? { store.fuel }

    /// Sets the store's remaining fuel (see ``Store/setFuel(_:)``).
    public func setFuel(_ fuel: UInt64) throws(WasmexError) { try store.setFuel(fuel) }
}

extension Instance {
    /// Calls export `name`, interrupting it after `timeout` (see ``Store/withTimeout(_:_:)``).
    public func call(_ name: String, _ arguments: [Value] = [], timeout: Duration) throws(WasmexError) -> [Value] {
        try store.withTimeout(timeout) { () throws(WasmexError) -> [Value] in try call(name, arguments) }
    }
}

extension Store {
    /// ``withTimeout(_:_:)`` when the engine has epoch interruption, else just `body`.
    func withOptionalTimeout<T>(_ timeout: Duration, _ body: () throws(WasmexError) -> T) throws(WasmexError) -> T {
        guard engine.configuration.epochInterruption, wasmex_epoch_start_ticker() == 0 else { return try body() }
        return try withTimeout(timeout, body)
    }
}
