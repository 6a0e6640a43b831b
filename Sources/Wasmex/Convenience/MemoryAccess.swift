import WasmFrontend

/// Wasmex's memory helpers. Every access is bounds-checked against the
/// memory's current size and fails with ``WasmexError/invalidOperation(_:)``
/// instead of touching bytes outside it.
extension Memory {
    /// The current size in bytes (Wasmex `Memory.size`).
    public var size: Int { byteCount }

    /// The byte at `offset` (Wasmex `get_byte`).
    public func getByte(at offset: Int) throws(WasmexError) -> UInt8 {
        try checkAccess(offset, 1)
        return storage.raw.pointee.base[offset]
    }

    /// Sets the byte at `offset` (Wasmex `set_byte`).
    public func setByte(_ value: UInt8, at offset: Int) throws(WasmexError) {
        try checkAccess(offset, 1)
        storage.raw.pointee.base[offset] = value
    }

    /// Decodes `count` bytes at `offset` as UTF-8 (Wasmex `read_string`).
    /// - Throws: ``WasmexError/invalidOperation(_:)`` when out of bounds or not valid UTF-8.
    public func readString(at offset: Int, count: Int) throws(WasmexError) -> String {
        try checkAccess(offset, count)
        let bytes = UnsafeBufferPointer(start: storage.raw.pointee.base + offset, count: count)
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw WasmexError.invalidOperation("memory [\(offset), +\(count)) is not valid UTF-8")
        }
        return string
    }

    /// Reads a NUL-terminated UTF-8 string starting at `offset`, looking at
    /// most `maxCount` bytes ahead (the terminator is not included).
    public func readCString(at offset: Int, maxCount: Int = 1 << 20) throws(WasmexError) -> String {
        try checkAccess(offset, 0)
        let available = min(byteCount - offset, max(maxCount, 0))
        let bytes = UnsafeBufferPointer(start: storage.raw.pointee.base + offset, count: available)
        guard let end = bytes.firstIndex(of: 0) else {
            throw WasmexError.invalidOperation("no NUL terminator within \(available) bytes of \(offset)")
        }
        return try readString(at: offset, count: end)
    }

    /// Writes the UTF-8 bytes of `string` at `offset` (no terminator) and
    /// returns how many bytes were written.
    @discardableResult
    public func writeString(_ string: String, at offset: Int) throws(WasmexError) -> Int {
        var string = string
        let count = string.utf8.count
        try checkAccess(offset, count)
        string.withUTF8 { utf8 in
            if let source = utf8.baseAddress, count > 0 {
                UnsafeMutableRawPointer(storage.raw.pointee.base + offset).copyMemory(from: source, byteCount: count)
            }
        }
        return count
    }

    /// Writes raw bytes at `offset`.
    public func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(WasmexError) {
        try checkAccess(offset, bytes.count)
        if let source = bytes.baseAddress, !bytes.isEmpty {
            UnsafeMutableRawPointer(storage.raw.pointee.base + offset).copyMemory(from: source, byteCount: bytes.count)
        }
    }

    /// Fails unless `[offset, offset + count)` lies inside the memory.
    private func checkAccess(_ offset: Int, _ count: Int) throws(WasmexError) {
        let size = byteCount
        guard offset >= 0, count >= 0, offset <= size, count <= size - offset else {
            throw WasmexError.invalidOperation("memory access [\(offset), +\(count)) out of bounds (size \(size))")
        }
    }
}
