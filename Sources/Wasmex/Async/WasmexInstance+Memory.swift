import WasmFrontend

/// Memory and global helpers of ``WasmexInstance`` (each a serialised job on
/// the instance's thread, bounds-checked like ``Memory``'s own helpers).
extension WasmexInstance {
    /// The size in bytes of the exported memory (`name`, else `"memory"`, else the first).
    public nonisolated func memorySize(named name: String? = nil) async throws(WasmexError) -> Int {
        try await withInstance { instance throws(WasmexError) in try instance.memory(named: name).size }
    }

    /// Grows the exported memory by `pages`; returns the previous page count.
    @discardableResult
    public nonisolated func growMemory(by pages: UInt64, named name: String? = nil) async throws(WasmexError) -> UInt64 {
        try await withInstance { instance throws(WasmexError) in try instance.memory(named: name).grow(by: pages) }
    }

    /// Copies `count` bytes at `offset` out of the exported memory.
    public nonisolated func readMemory(at offset: Int, count: Int, named name: String? = nil) async throws(WasmexError) -> [UInt8] {
        try await withInstance { instance throws(WasmexError) in try instance.memory(named: name).read(at: offset, count: count) }
    }

    /// Writes `bytes` at `offset` into the exported memory.
    public nonisolated func writeMemory(_ bytes: [UInt8], at offset: Int, named name: String? = nil) async throws(WasmexError) {
        try await withInstance { instance throws(WasmexError) in try instance.memory(named: name).write(bytes, at: offset) }
    }

    /// Decodes `count` UTF-8 bytes at `offset` of the exported memory.
    public nonisolated func readString(at offset: Int, count: Int, named name: String? = nil) async throws(WasmexError) -> String {
        try await withInstance { instance throws(WasmexError) in
            try instance.memory(named: name).readString(at: offset, count: count)
        }
    }

    /// The value of the exported global `name`. Function references cannot leave the instance.
    public nonisolated func globalValue(_ name: String) async throws(WasmexError) -> Value {
        try await withInstance { instance throws(WasmexError) in
            try PortableValue(instance.globalValue(name))
        }.value
    }

    /// Sets the exported mutable global `name`.
    public nonisolated func setGlobalValue(_ name: String, _ value: Value) async throws(WasmexError) {
        let portable = try PortableValue(value)
        try await withInstance { instance throws(WasmexError) in try instance.setGlobalValue(name, portable.value) }
    }
}
