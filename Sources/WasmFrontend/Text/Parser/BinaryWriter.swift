/// Bytes of the binary format under construction, with the LEB128 and
/// vector encodings.
struct BinaryWriter {
    var bytes: [UInt8] = []

    mutating func byte(_ b: UInt8) { bytes.append(b) }

    /// A value type: its one-byte code, or `0x63`/`0x64` and the heap type.
    mutating func valueType(_ t: ValueType) {
        if let code = t.binaryCode { return byte(code) }
        guard case .ref(let r) = t else { return }
        byte(r.isNullable ? 0x63 : 0x64)
        heapType(r.heapType)
    }

    /// A heap type: its one-byte code, or the type index as a signed LEB128.
    mutating func heapType(_ h: HeapType) {
        if let code = h.abstractCode { return byte(code) }
        if case .concrete(let index) = h { s64(Int64(index)) }
    }

    mutating func append(_ other: [UInt8]) { bytes += other }

    mutating func u32(_ value: UInt32) { u64(UInt64(value)) }

    mutating func u64(_ value: UInt64) {
        var v = value
        repeat {
            var b = UInt8(v & 0x7F)
            v >>= 7
            if v != 0 { b |= 0x80 }
            bytes.append(b)
        } while v != 0
    }

    mutating func s64(_ value: Int64) {
        var v = value
        while true {
            let b = UInt8(v & 0x7F)
            v >>= 7
            if (v == 0 && b & 0x40 == 0) || (v == -1 && b & 0x40 != 0) {
                bytes.append(b)
                return
            }
            bytes.append(b | 0x80)
        }
    }

    mutating func s32(_ value: Int32) { s64(Int64(value)) }

    /// Little-endian fixed-width bytes.
    mutating func fixed(_ value: UInt64, bytes count: Int) {
        for i in 0..<count { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(8 * i))) }
    }

    /// A name or byte string: length then bytes.
    mutating func vector(_ data: [UInt8]) {
        u32(UInt32(data.count))
        bytes += data
    }

    /// A section: id, size, contents.
    mutating func section(_ id: UInt8, _ contents: BinaryWriter) {
        byte(id)
        vector(contents.bytes)
    }
}
