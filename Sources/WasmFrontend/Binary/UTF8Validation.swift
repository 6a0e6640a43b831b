/// Strict UTF-8 well-formedness (no overlongs, no surrogates, nothing above U+10FFFF).
enum UTF8Validation {
    static func isValid(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        let end = range.upperBound
        @inline(__always) func continuation(_ at: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            at < end && buffer[at] >= low && buffer[at] <= high
        }
        while i < end {
            let b0 = buffer[i]
            if b0 < 0x80 {
                i += 1
            } else if b0 < 0xC2 {
                return false                       // stray continuation byte or overlong 2-byte form
            } else if b0 < 0xE0 {
                guard continuation(i + 1) else { return false }
                i += 2
            } else if b0 < 0xF0 {
                let low: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80    // overlong
                let high: UInt8 = b0 == 0xED ? 0x9F : 0xBF   // surrogates
                guard continuation(i + 1, low, high), continuation(i + 2) else { return false }
                i += 3
            } else if b0 < 0xF5 {
                let low: UInt8 = b0 == 0xF0 ? 0x90 : 0x80    // overlong
                let high: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF   // above U+10FFFF
                guard continuation(i + 1, low, high), continuation(i + 2), continuation(i + 3) else { return false }
                i += 4
            } else {
                return false
            }
        }
        return true
    }
}

extension ByteReader {
    /// A length-prefixed UTF-8 name.
    mutating func readName() throws(WasmError) -> String {
        let at = position
        let length = Int(try readVarUInt32())
        guard length <= remaining else { throw malformed("length out of bounds", at: at) }
        let range = position..<(position + length)
        guard UTF8Validation.isValid(buffer, range) else {
            throw malformed("malformed UTF-8 encoding", at: at)
        }
        position += length
        return String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
    }

    /// A vector length. Callers must not trust it for allocation: reserve at most
    /// ``cappedCapacity(_:)`` and let the element reads fail at the end of input.
    mutating func readVectorCount() throws(WasmError) -> Int {
        Int(try readVarUInt32())
    }

    /// A safe capacity to reserve for `count` elements of at least one byte each.
    func cappedCapacity(_ count: Int) -> Int {
        Swift.min(count, remaining)
    }
}
