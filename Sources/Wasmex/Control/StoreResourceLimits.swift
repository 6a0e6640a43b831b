import WasmFrontend

/// Counts of what a store holds, checked against ``StoreLimits`` at instantiation.
struct StoreResourceCounts {
    var instances = 0
    var tables = 0
    var memories = 0
}

extension Store {
    /// Checks that instantiating `wasm` stays within the store's limits —
    /// instance, table and memory counts, and the initial size of each new
    /// memory and table — and counts its resources when it does.
    ///
    /// - Throws: ``WasmexError/resourceExhausted(_:)`` naming the limit.
    func reserveResources(for wasm: WasmModule) throws(WasmexError) {
        let newTables = wasm.tables.count
        let newMemories = wasm.memories.count
        if let limits {
            try Self.check("instances", limits.instances, current: resourceCounts.instances, adding: 1)
            try Self.check("tables", limits.tables, current: resourceCounts.tables, adding: newTables)
            try Self.check("memories", limits.memories, current: resourceCounts.memories, adding: newMemories)
            for memory in wasm.memories {
                let bytes = memory.limits.min.multipliedReportingOverflow(by: 65536)
                if let limit = limits.memorySize, bytes.overflow || bytes.partialValue > UInt64(max(0, limit)) {
                    throw WasmexError.resourceExhausted(
                        "memory of \(memory.limits.min) pages exceeds the store limit memorySize (\(limit) bytes)")
                }
            }
            for table in wasm.tables {
                if let limit = limits.tableElements, table.limits.min > UInt64(max(0, limit)) {
                    throw WasmexError.resourceExhausted(
                        "table of \(table.limits.min) elements exceeds the store limit tableElements (\(limit))")
                }
            }
        }
        resourceCounts.instances += 1
        resourceCounts.tables += newTables
        resourceCounts.memories += newMemories
    }

    private static func check(_ name: String, _ limit: Int?, current: Int, adding: Int) throws(WasmexError) {
        guard let limit, adding > 0, current + adding > limit else { return }
        throw WasmexError.resourceExhausted("instantiation exceeds the store limit \(name) (\(limit)): the store holds \(current)")
    }
}
