/// How a ``WasmexInstance`` sets up the store it creates before
/// instantiating (the counterpart of giving Wasmex's `start_link` a store
/// made with `Store.new` plus `set_fuel` and limits).
///
/// Everything here is applied before the module's start function runs, so
/// a module with a start function can be started on a fuel-metering engine:
///
/// ```swift
/// let engine = try Engine(Engine.Configuration(consumeFuel: true))
/// let instance = try await WasmexInstance(module: Module(engine: engine, bytes: wasm),
///                                         store: StoreConfiguration(fuel: 10_000))
/// ```
///
/// For anything else (host state, several settings derived from the engine)
/// pass a store-building closure instead:
/// ``WasmexInstance/init(module:imports:links:wasi:makeStore:)``.
public struct StoreConfiguration: Sendable, Hashable {
    /// The fuel the store starts with (see ``Store/setFuel(_:)``); `nil`
    /// leaves the default of 0. Needs an engine with
    /// ``Engine/Configuration/consumeFuel``.
    public var fuel: UInt64?
    /// The store's limits (see ``StoreLimits``); `nil` for none.
    public var limits: StoreLimits?
    /// A deadline for all Wasm the store runs, counted from when the store is
    /// made (see ``Store/setEpochDeadline(after:)``); `nil` for none. Needs
    /// an engine with ``Engine/Configuration/epochInterruption``.
    public var epochDeadline: Duration?

    /// A configuration; every setting defaults to "leave the store's default".
    public init(fuel: UInt64? = nil, limits: StoreLimits? = nil, epochDeadline: Duration? = nil) {
        self.fuel = fuel
        self.limits = limits
        self.epochDeadline = epochDeadline
    }

    /// Creates a store of `engine` set up this way.
    ///
    /// - Throws: ``WasmexError/invalidOperation(_:)`` when fuel or a deadline
    ///   is asked of an engine compiled without fuel or epoch interruption.
    public func makeStore(engine: Engine) throws(WasmexError) -> Store {
        let store = limits.map { Store(engine: engine, limits: $0) } ?? Store(engine: engine)
        if let fuel { try store.setFuel(fuel) }
        if let epochDeadline { try store.setEpochDeadline(after: epochDeadline) }
        return store
    }
}
