/// String literals: their escapes and the bytes they denote.
package enum TextStrings {
    /// The bytes of a string token (with its quotes).
    package static func bytes(_ source: [UInt8], _ token: TextToken) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(token.end - token.start)
        var i = token.start + 1
        let end = token.end - 1
        while i < end {
            if source[i] == UInt8(ascii: "\\") {
                // Checked by the lexer already.
                out += (try? escape(in: source, at: &i)) ?? []
            } else {
                out.append(source[i])
                i += 1
            }
        }
        return out
    }

    /// Decodes the escape at `i` (a backslash) and moves `i` past it.
    static func escape(in source: [UInt8], at i: inout Int) throws(TextError) -> [UInt8] {
        let start = i
        guard i + 1 < source.count else { throw TextError("unclosed string", at: start) }
        let c = source[i + 1]
        i += 2
        switch c {
        case UInt8(ascii: "t"): return [0x09]
        case UInt8(ascii: "n"): return [0x0A]
        case UInt8(ascii: "r"): return [0x0D]
        case UInt8(ascii: "\""): return [0x22]
        case UInt8(ascii: "'"): return [0x27]
        case UInt8(ascii: "\\"): return [0x5C]
        case UInt8(ascii: "u"):
            guard i < source.count, source[i] == UInt8(ascii: "{") else {
                throw TextError("malformed string escape", at: start)
            }
            i += 1
            var value: UInt32 = 0
            var digits = 0
            var lastWasDigit = false
            while i < source.count, source[i] != UInt8(ascii: "}") {
                let b = source[i]
                if b == UInt8(ascii: "_") && lastWasDigit {
                    lastWasDigit = false
                } else if let d = hexValue(b) {
                    value = value > 0x10FFFF ? value : value * 16 + UInt32(d)
                    digits += 1
                    lastWasDigit = true
                } else {
                    throw TextError("malformed string escape", at: start)
                }
                i += 1
            }
            guard i < source.count, digits > 0, lastWasDigit, let scalar = Unicode.Scalar(value) else {
                throw TextError("malformed string escape", at: start)
            }
            i += 1
            return Array(String(Character(scalar)).utf8)
        default:
            guard let high = hexValue(c), i < source.count, let low = hexValue(source[i]) else {
                throw TextError("malformed string escape", at: start)
            }
            i += 1
            return [high << 4 | low]
        }
    }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
