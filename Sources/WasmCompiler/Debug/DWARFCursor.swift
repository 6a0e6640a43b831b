/// Reads DWARF's encodings from a byte slice: little-endian fixed-size
/// integers, LEB128 numbers, offsets of the unit's format and NUL-terminated
/// strings. Every read is bounds-checked and returns nil past the end (the
/// position is then unspecified); nothing here traps on hostile input.
package struct DWARFCursor {
    package let bytes: ArraySlice<UInt8>
    package var position: Int

    package init(bytes: ArraySlice<UInt8>, position: Int) {
        self.bytes = bytes
        self.position = position
    }

    /// Whether no byte is left.
    package var isAtEnd: Bool { position >= bytes.endIndex }

    /// A little-endian unsigned integer of `size` bytes (1…8).
    package mutating func fixed(_ size: Int) -> UInt64? {
        guard size >= 0, size <= 8, position >= bytes.startIndex, position <= bytes.endIndex - size else { return nil }
        var value: UInt64 = 0
        for i in (0..<size).reversed() { value = value << 8 | UInt64(bytes[position + i]) }
        position += size
        return value
    }

    /// Moves past `count` bytes, if that many are left.
    package mutating func skip(_ count: UInt64) -> Bool {
        guard position >= bytes.startIndex, count <= UInt64(bytes.endIndex - position) else { return false }
        position += Int(count)
        return true
    }

    /// An unsigned LEB128 number; bits past 64 are dropped.
    package mutating func uleb() -> UInt64? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while position >= bytes.startIndex, position < bytes.endIndex {
            let byte = bytes[position]
            position += 1
            if shift < 64 { result |= UInt64(byte & 0x7F) << shift }
            shift += 7
            if byte & 0x80 == 0 { return result }
        }
        return nil
    }

    /// A signed LEB128 number; bits past 64 are dropped.
    package mutating func sleb() -> Int64? {
        var result: Int64 = 0
        var shift: Int64 = 0
        while position >= bytes.startIndex, position < bytes.endIndex {
            let byte = bytes[position]
            position += 1
            if shift < 64 { result |= Int64(byte & 0x7F) << shift }
            shift += 7
            if byte & 0x80 == 0 {
                if shift < 64, byte & 0x40 != 0 { result |= -(Int64(1) << shift) }
                return result
            }
        }
        return nil
    }

    /// A section offset: 4 bytes in the 32-bit DWARF format, 8 in the 64-bit one.
    package mutating func offset(_ format: DWARFFormat) -> UInt64? {
        fixed(format.offsetSize)
    }

    /// The unit length that opens every unit (4 bytes, or 0xFFFFFFFF then 8),
    /// with the format it announces; nil if the length runs past the slice.
    package mutating func unitLength() -> (length: Int, format: DWARFFormat)? {
        guard var length = fixed(4) else { return nil }
        var format = DWARFFormat.dwarf32
        if length == 0xFFFF_FFFF {
            guard let long = fixed(8) else { return nil }
            length = long
            format = .dwarf64
        } else if length >= 0xFFFF_FFF0 {
            return nil  // reserved values
        }
        guard position <= bytes.endIndex, length <= UInt64(bytes.endIndex - position) else { return nil }
        return (Int(length), format)
    }

    /// The bytes up to the next NUL (which is skipped), as a range of `bytes`.
    package mutating func cString() -> Range<Int>? {
        guard position >= bytes.startIndex, position < bytes.endIndex,
              let end = bytes[position...].firstIndex(of: 0) else { return nil }
        let range = position..<end
        position = end + 1
        return range
    }
}

/// The 32- or 64-bit DWARF format of one unit (it sets the size of offsets).
package enum DWARFFormat: Sendable {
    case dwarf32, dwarf64

    package var offsetSize: Int { self == .dwarf32 ? 4 : 8 }
}
