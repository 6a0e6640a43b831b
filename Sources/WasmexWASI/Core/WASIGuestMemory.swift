/// The caller's linear memory during one host call, with bounds-checked access.
///
/// The engine builds one from the base pointer and byte length of the calling
/// instance's memory; it is valid only for the duration of that call. Every
/// access checks `offset + size <= count` in 64-bit arithmetic and throws
/// ``WASIErrno/fault`` instead of touching memory outside the buffer, so a
/// hostile guest pointer becomes an errno, never a host crash.
package struct WASIGuestMemory {
    /// The whole linear memory.
    package let buffer: UnsafeMutableRawBufferPointer
    /// Set by the engine so that blocking calls can be cut short (nil: never).
    package var interruption: WASIInterruption? = nil

    /// Wraps the caller's linear memory (`base` may be nil when its length is 0).
    package init(_ buffer: UnsafeMutableRawBufferPointer) {
        self.buffer = buffer
    }

    /// Checks that `[offset, offset + size)` lies inside memory and returns `offset` as Int.
    @inline(__always)
    func check(_ offset: UInt32, _ size: UInt32) throws(WASIErrno) -> Int {
        guard UInt64(offset) + UInt64(size) <= UInt64(buffer.count) else { throw .fault }
        return Int(offset)
    }

    /// Returns the bytes `[offset, offset + count)` as a mutable view into memory.
    func bytes(at offset: UInt32, count: UInt32) throws(WASIErrno) -> UnsafeMutableRawBufferPointer {
        let start = try check(offset, count)
        guard count > 0, let base = buffer.baseAddress else { return UnsafeMutableRawBufferPointer(start: nil, count: 0) }
        return UnsafeMutableRawBufferPointer(start: base + start, count: Int(count))
    }

    // Scalars go through a record of their own size: one bounds check, and
    // the little-endian field access lives in one place (GuestRecord).
    func loadU8(_ offset: UInt32) throws(WASIErrno) -> UInt8 { try record(at: offset, size: 1).loadU8(0) }
    func loadU16(_ offset: UInt32) throws(WASIErrno) -> UInt16 { try record(at: offset, size: 2).loadU16(0) }
    func loadU32(_ offset: UInt32) throws(WASIErrno) -> UInt32 { try record(at: offset, size: 4).loadU32(0) }
    func loadU64(_ offset: UInt32) throws(WASIErrno) -> UInt64 { try record(at: offset, size: 8).loadU64(0) }
    func storeU8(_ value: UInt8, at offset: UInt32) throws(WASIErrno) { try record(at: offset, size: 1).storeU8(value, at: 0) }
    func storeU16(_ value: UInt16, at offset: UInt32) throws(WASIErrno) { try record(at: offset, size: 2).storeU16(value, at: 0) }
    func storeU32(_ value: UInt32, at offset: UInt32) throws(WASIErrno) { try record(at: offset, size: 4).storeU32(value, at: 0) }
    func storeU64(_ value: UInt64, at offset: UInt32) throws(WASIErrno) { try record(at: offset, size: 8).storeU64(value, at: 0) }

    /// Copies host bytes into memory at `offset`.
    func copy<C: Collection>(_ source: C, to offset: UInt32) throws(WASIErrno) where C.Element == UInt8 {
        guard source.count <= Int(UInt32.max) else { throw .fault }
        let target = try bytes(at: offset, count: UInt32(source.count))
        if !source.isEmpty { target.copyBytes(from: source) }
    }

    /// Reads a guest path: UTF-8 without interior NUL (`ilseq` otherwise).
    func path(at offset: UInt32, count: UInt32) throws(WASIErrno) -> String {
        let raw = try bytes(at: offset, count: count)
        if raw.contains(0) { throw .ilseq }
        guard let text = String(validating: raw, as: UTF8.self) else { throw .ilseq }
        return text
    }
}
