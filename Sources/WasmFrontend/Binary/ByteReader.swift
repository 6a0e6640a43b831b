/// A cursor over bytes borrowed from an array for the duration of a decode.
///
/// It never owns memory: create it inside `withUnsafeBufferPointer` and do not let it escape.
/// Every read checks `limit` first and reports running out as a typed `WasmError.malformed`.
@usableFromInline
struct ByteReader {
    @usableFromInline let buffer: UnsafeBufferPointer<UInt8>
    /// The offset of the next byte to read.
    @usableFromInline var position: Int
    /// One past the last readable byte.
    @usableFromInline var limit: Int
    /// The message reported when a read runs past `limit`.
    @usableFromInline var endMessage: String
    /// Decode by Wasm 2.0's rules where 3.0 changed the encoding: memarg flags below 32
    /// with a u32 offset, a zero byte where 3.0 has a memory index, and 32-bit limits as
    /// u32 (3.0: u64) LEB128s (``WasmFeatures/multiMemory``, ``WasmFeatures/memory64``).
    @usableFromInline var wasm2Immediates = false
    /// Whether `throw`, `throw_ref`, `try_table` and the legacy `try`, `catch`, `catch_all`,
    /// `delegate` and `rethrow` are operators (``WasmFeatures/exceptionHandling``).
    @usableFromInline var exceptionHandling = true
    /// Whether typed reference types and operators decode (``WasmFeatures/typedFunctionReferences``).
    @usableFromInline var typedReferences = true

    @inlinable
    init(buffer: UnsafeBufferPointer<UInt8>, position: Int = 0, limit: Int? = nil,
         endMessage: String = "unexpected end") {
        self.buffer = buffer
        self.position = position
        self.limit = Swift.min(limit ?? buffer.count, buffer.count)
        self.endMessage = endMessage
    }

    /// Bytes left before `limit`.
    @inlinable var remaining: Int { limit - position }
    /// `true` when no bytes are left.
    @inlinable var isAtEnd: Bool { position >= limit }

    @inlinable
    func malformed(_ message: String, at offset: Int? = nil) -> WasmError {
        .malformed(message, offset: offset ?? position)
    }

    @inlinable
    mutating func readByte() throws(WasmError) -> UInt8 {
        guard position < limit else { throw malformed(endMessage) }
        let b = buffer[position]
        position &+= 1
        return b
    }

    /// Reads `count` raw bytes and returns their range; fails if fewer remain.
    @inlinable
    mutating func readRange(_ count: Int) throws(WasmError) -> Range<Int> {
        guard count >= 0, count <= remaining else { throw malformed(endMessage) }
        let start = position
        position += count
        return start..<position
    }

    @inlinable
    mutating func readFixedUInt32() throws(WasmError) -> UInt32 {
        guard remaining >= 4 else { throw malformed(endMessage) }
        var v: UInt32 = 0
        for i in 0..<4 { v |= UInt32(buffer[position + i]) << UInt32(i * 8) }
        position += 4
        return v
    }

    @inlinable
    mutating func readFixedUInt64() throws(WasmError) -> UInt64 {
        guard remaining >= 8 else { throw malformed(endMessage) }
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(buffer[position + i]) << UInt64(i * 8) }
        position += 8
        return v
    }

    /// Reads a 16-byte vector immediate.
    @inlinable
    mutating func readV128() throws(WasmError) -> V128 {
        let lo = try readFixedUInt64()
        let hi = try readFixedUInt64()
        return V128(lo: lo, hi: hi)
    }
}
