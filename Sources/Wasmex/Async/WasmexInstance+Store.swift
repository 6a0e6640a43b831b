/// Store and memory access of ``WasmexInstance``.
///
/// The store is not `Sendable`: it and every handle into it stay on the
/// instance's thread. These methods run a job there, serialised with calls,
/// and hand back only `Sendable` results — so read what you need (fuel,
/// limits, bytes) inside `body` and return values, not handles.
extension WasmexInstance {
    /// Runs `body` with the instance's store on the instance's thread.
    ///
    /// ```swift
    /// let left = try await instance.withStore { store in store.fuel }
    /// ```
    ///
    /// - Throws: ``WasmexError/timeout(_:)`` after `timeout`, and what `body` throws.
    public nonisolated func withStore<T: Sendable>(
        timeout: Duration = .seconds(5), _ body: @escaping @Sendable (Store) throws(WasmexError) -> T
    ) async throws(WasmexError) -> T {
        try await withInstance(timeout: timeout) { instance throws(WasmexError) in try body(instance.store) }
    }

    /// Runs `body` with the exported memory (`name`, else `"memory"`, else the
    /// first) on the instance's thread.
    ///
    /// - Throws: ``WasmexError/unknownExport(_:)`` when there is no such memory,
    ///   ``WasmexError/timeout(_:)`` after `timeout`, and what `body` throws.
    public nonisolated func withMemory<T: Sendable>(
        named name: String? = nil, timeout: Duration = .seconds(5),
        _ body: @escaping @Sendable (Memory) throws(WasmexError) -> T
    ) async throws(WasmexError) -> T {
        try await withInstance(timeout: timeout) { instance throws(WasmexError) in try body(instance.memory(named: name)) }
    }

    /// The store's remaining fuel (Wasmex `get_fuel`), or `nil` when the
    /// engine does not consume fuel (see ``Store/fuel``).
    public nonisolated func fuel() async throws(WasmexError) -> UInt64? {
        try await withStore { store in store.fuel }
    }

    /// Sets the store's remaining fuel (Wasmex `set_fuel`, see ``Store/setFuel(_:)``).
    ///
    /// - Throws: ``WasmexError/invalidOperation(_:)`` when the engine does not consume fuel.
    public nonisolated func setFuel(_ fuel: UInt64) async throws(WasmexError) {
        try await withStore { store throws(WasmexError) in try store.setFuel(fuel) }
    }

    /// The store's limits (`nil` when it has none, see ``Store/limits``).
    public nonisolated func storeLimits() async throws(WasmexError) -> StoreLimits? {
        try await withStore { store in store.limits }
    }
}
