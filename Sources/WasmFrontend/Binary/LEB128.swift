/// LEB128 integer decoding with the spec's strictness rules:
/// a continuation bit on the last permitted byte is "integer representation too long",
/// set bits beyond the type's width in that byte are "integer too large".
extension ByteReader {
    @inlinable
    mutating func readVarUInt32() throws(WasmError) -> UInt32 {
        // Fast path: one byte.
        let first = try readByte()
        if first & 0x80 == 0 { return UInt32(first) }
        return UInt32(truncatingIfNeeded: try readUnsignedTail(first: first, bits: 32))
    }

    @inlinable
    mutating func readVarUInt64() throws(WasmError) -> UInt64 {
        let first = try readByte()
        if first & 0x80 == 0 { return UInt64(first) }
        return try readUnsignedTail(first: first, bits: 64)
    }

    @inlinable
    mutating func readVarInt32() throws(WasmError) -> Int32 {
        Int32(truncatingIfNeeded: try readSigned(bits: 32))
    }

    @inlinable
    mutating func readVarInt64() throws(WasmError) -> Int64 {
        try readSigned(bits: 64)
    }

    /// The signed 33-bit integer used by block types.
    @inlinable
    mutating func readVarInt33() throws(WasmError) -> Int64 {
        try readSigned(bits: 33)
    }

    /// Continues an unsigned LEB128 whose first byte (with its continuation bit set) was already read.
    @usableFromInline
    mutating func readUnsignedTail(first: UInt8, bits: Int) throws(WasmError) -> UInt64 {
        let maxBytes = (bits + 6) / 7
        let lastBits = bits - 7 * (maxBytes - 1)   // value bits carried by the last permitted byte
        var result = UInt64(first & 0x7F)
        var shift: UInt64 = 7
        var index = 1
        while true {
            let start = position
            let byte = try readByte()
            if index == maxBytes - 1 {
                if byte & 0x80 != 0 { throw malformed("integer representation too long", at: start) }
                if (byte & 0x7F) >> UInt8(lastBits) != 0 { throw malformed("integer too large", at: start) }
            }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            index += 1
        }
    }

    /// Reads a signed LEB128 of width `bits` (at most 64), sign-extended to 64 bits.
    @usableFromInline
    mutating func readSigned(bits: Int) throws(WasmError) -> Int64 {
        let maxBytes = (bits + 6) / 7
        let lastBits = bits - 7 * (maxBytes - 1)
        var result: Int64 = 0
        var shift: Int64 = 0
        var index = 0
        while true {
            let start = position
            let byte = try readByte()
            if index == maxBytes - 1 {
                if byte & 0x80 != 0 { throw malformed("integer representation too long", at: start) }
                // The sign bit and every unused bit above it must agree.
                let top = (byte & 0x7F) >> UInt8(lastBits - 1)
                if top != 0 && top != (0x7F >> UInt8(lastBits - 1)) {
                    throw malformed("integer too large", at: start)
                }
            }
            result |= Int64(byte & 0x7F) << shift
            shift += 7
            if byte & 0x80 == 0 {
                if shift < 64 && byte & 0x40 != 0 { result |= -1 << shift }
                return result
            }
            index += 1
        }
    }
}
