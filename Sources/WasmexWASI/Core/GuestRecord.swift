/// One fixed-layout WASI structure in guest memory (an `fdstat`, a
/// `prestat`, a `filestat`, one iovec, subscription or event), bounds-checked
/// as a whole when the view is made.
///
/// Why it exists: computing a field's address as `pointer + 4` in 32-bit
/// arithmetic overflows (and traps in the host) when the guest passes a
/// pointer just below 4 GiB, and checking each field on its own lets a call
/// write half a structure before it fails. A record is checked once for its
/// full size, its fields are addressed by small offsets from the record's
/// start (never by adding to a guest pointer), so a bad pointer is `fault`
/// before anything is written.
struct GuestRecord {
    /// Exactly the bytes of the structure.
    let bytes: UnsafeMutableRawBufferPointer

    /// Byte offset of a `width`-byte field, or `fault` if it lies outside the record.
    @inline(__always)
    private func field(_ offset: Int, _ width: Int) throws(WASIErrno) -> Int {
        guard offset >= 0, width <= bytes.count, offset <= bytes.count - width else { throw .fault }
        return offset
    }

    /// Sets every byte of the record to zero (reserved fields and padding).
    func zero() {
        guard !bytes.isEmpty else { return }
        bytes.initializeMemory(as: UInt8.self, repeating: 0)
    }

    func loadU8(_ offset: Int) throws(WASIErrno) -> UInt8 {
        bytes[try field(offset, 1)]
    }
    func loadU16(_ offset: Int) throws(WASIErrno) -> UInt16 {
        UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: try field(offset, 2), as: UInt16.self))
    }
    func loadU32(_ offset: Int) throws(WASIErrno) -> UInt32 {
        UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: try field(offset, 4), as: UInt32.self))
    }
    func loadU64(_ offset: Int) throws(WASIErrno) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: try field(offset, 8), as: UInt64.self))
    }
    func storeU8(_ value: UInt8, at offset: Int) throws(WASIErrno) {
        bytes[try field(offset, 1)] = value
    }
    func storeU16(_ value: UInt16, at offset: Int) throws(WASIErrno) {
        bytes.storeBytes(of: value.littleEndian, toByteOffset: try field(offset, 2), as: UInt16.self)
    }
    func storeU32(_ value: UInt32, at offset: Int) throws(WASIErrno) {
        bytes.storeBytes(of: value.littleEndian, toByteOffset: try field(offset, 4), as: UInt32.self)
    }
    func storeU64(_ value: UInt64, at offset: Int) throws(WASIErrno) {
        bytes.storeBytes(of: value.littleEndian, toByteOffset: try field(offset, 8), as: UInt64.self)
    }
}

extension WASIGuestMemory {
    /// The `size`-byte structure at `offset`, or `fault` if any of it lies outside memory.
    func record(at offset: UInt32, size: UInt32) throws(WASIErrno) -> GuestRecord {
        GuestRecord(bytes: try bytes(at: offset, count: size))
    }

    /// Element `index` of an array of `stride`-byte structures starting at
    /// `base`. The address is computed in 64 bits (at most about 2^64 − 2^33,
    /// so neither the product nor the sum can wrap), then checked.
    func element(_ index: UInt32, of base: UInt32, stride: UInt32) throws(WASIErrno) -> GuestRecord {
        let start = UInt64(base) + UInt64(index) * UInt64(stride)
        guard start <= UInt64(buffer.count), UInt64(stride) <= UInt64(buffer.count) - start,
              let address = UInt32(exactly: start) else { throw .fault }
        return try record(at: address, size: stride)
    }

    /// Checks that an array of `count` structures of `stride` bytes at `base`
    /// lies inside memory (64-bit arithmetic: no overflow for any input).
    func checkArray(at base: UInt32, count: UInt32, stride: UInt32) throws(WASIErrno) {
        let size = UInt64(count) * UInt64(stride)
        guard size <= UInt64(buffer.count), UInt64(base) <= UInt64(buffer.count) - size else { throw .fault }
    }
}
