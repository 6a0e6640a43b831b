/// Integer and float literals of the text format (`0x1F`, `1_000`, `-0x1.8p3`,
/// `inf`, `nan:0x200000`), converted to bit patterns.
package enum TextNumbers {
    /// Digits with single underscores between them, in base 10 or 16.
    /// nil if malformed or above `UInt64.max`.
    static func digits<S: Collection>(_ text: S, hex: Bool) -> UInt64? where S.Element == UInt8 {
        var value: UInt64 = 0
        var lastWasDigit = false
        for b in text {
            if b == UInt8(ascii: "_") {
                guard lastWasDigit else { return nil }
                lastWasDigit = false
                continue
            }
            guard let d = TextStrings.hexValue(b), hex || d < 10 else { return nil }
            let (times, o1) = value.multipliedReportingOverflow(by: hex ? 16 : 10)
            let (sum, o2) = times.addingReportingOverflow(UInt64(d))
            guard !o1 && !o2 else { return nil }
            value = sum
            lastWasDigit = true
        }
        return lastWasDigit ? value : nil
    }

    /// Sign and magnitude of an integer literal.
    static func signedMagnitude(_ text: String) -> (sign: Character?, magnitude: UInt64)? {
        var bytes = Substring(text).utf8[...]
        var sign: Character?
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            sign = Character(Unicode.Scalar(first))
            bytes = bytes.dropFirst()
        }
        if bytes.starts(with: "0x".utf8) {
            guard let m = digits(bytes.dropFirst(2), hex: true) else { return nil }
            return (sign, m)
        }
        guard let m = digits(bytes, hex: false) else { return nil }
        return (sign, m)
    }

    /// An unsigned literal without sign (indices, offsets, alignments, limits).
    package static func unsigned(_ text: String) -> UInt64? {
        guard let (sign, m) = signedMagnitude(text), sign == nil else { return nil }
        return m
    }

    /// An `iN` literal as its two's-complement bit pattern: unsigned without a
    /// sign (up to 2^N − 1), signed with one (−2^(N−1) … 2^(N−1) − 1).
    package static func integer(_ text: String, bits: Int) -> UInt64? {
        guard let (sign, m) = signedMagnitude(text) else { return nil }
        let mask: UInt64 = bits == 64 ? .max : (1 << UInt64(bits)) - 1
        let half: UInt64 = 1 << UInt64(bits - 1)
        switch sign {
        case nil:
            return m <= mask ? m : nil
        case "+":
            return m < half ? m : nil
        default:
            guard m <= half else { return nil }
            return (0 &- m) & mask
        }
    }

    /// An `f32` literal's bits.
    package static func float32(_ text: String) -> UInt32? {
        guard let parsed = float(text, mantissaBits: 23) else { return nil }
        switch parsed {
        case .bits(let bits): return UInt32(truncatingIfNeeded: bits)
        case .number(let negative, let literal):
            guard let value = Float(literal), value.isFinite else { return nil }
            return (negative ? -value : value).bitPattern
        }
    }

    /// An `f64` literal's bits.
    package static func float64(_ text: String) -> UInt64? {
        guard let parsed = float(text, mantissaBits: 52) else { return nil }
        switch parsed {
        case .bits(let bits): return bits
        case .number(let negative, let literal):
            guard let value = Double(literal), value.isFinite else { return nil }
            return (negative ? -value : value).bitPattern
        }
    }

    private enum Parsed {
        case bits(UInt64)
        /// A finite literal, underscores removed, in a form `strtod` reads exactly.
        case number(negative: Bool, String)
    }

    private static func float(_ text: String, mantissaBits: UInt64) -> Parsed? {
        var body = Substring(text)
        var negative = false
        if let first = body.first, first == "+" || first == "-" {
            negative = first == "-"
            body = body.dropFirst()
        }
        let exponentBits: UInt64 = mantissaBits == 23 ? 8 : 11
        let signBit: UInt64 = negative ? 1 << (mantissaBits + exponentBits) : 0
        let infinity: UInt64 = ((1 << exponentBits) - 1) << mantissaBits
        if body == "inf" { return .bits(signBit | infinity) }
        if body == "nan" { return .bits(signBit | infinity | 1 << (mantissaBits - 1)) }
        if body.hasPrefix("nan:0x") {
            guard let payload = digits(body.dropFirst(6).utf8, hex: true),
                  payload != 0, payload < 1 << mantissaBits else { return nil }
            return .bits(signBit | infinity | payload)
        }
        let hex = body.hasPrefix("0x")
        if hex { body = body.dropFirst(2) }
        // mantissa: digits ('.' digits?)?   exponent: ('e'|'p') sign? digits
        let exponentMarks: Set<Character> = hex ? ["p", "P"] : ["e", "E"]
        let mantissa = body.prefix { !exponentMarks.contains($0) }
        let exponent = body.dropFirst(mantissa.count)
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, bigDigits(whole, hex) else {
            return nil
        }
        if parts.count == 2 && !parts[1].isEmpty && !bigDigits(parts[1], hex) { return nil }
        var literal = (hex ? "0x" : "") + mantissa.filter { $0 != "_" }
        if exponent.isEmpty {
            if hex { literal += "p0" }
        } else {
            var e = exponent.dropFirst()
            var sign = ""
            if let first = e.first, first == "+" || first == "-" {
                sign = String(first)
                e = e.dropFirst()
            }
            guard bigDigits(e, false) else { return nil }
            // Clamp huge exponents so strtod sees a short, equivalent number.
            let digitsOnly = e.filter { $0 != "_" }
            let clamped = digitsOnly.count > 6 ? "999999" : String(digitsOnly)
            literal += (hex ? "p" : "e") + sign + clamped
        }
        return .number(negative: negative, literal)
    }

    /// Digits with underscores between them, of any length.
    private static func bigDigits(_ text: Substring, _ hex: Bool) -> Bool {
        var lastWasDigit = false
        for b in text.utf8 {
            if b == UInt8(ascii: "_") {
                guard lastWasDigit else { return false }
                lastWasDigit = false
            } else if let d = TextStrings.hexValue(b), hex || d < 10 {
                lastWasDigit = true
            } else {
                return false
            }
        }
        return lastWasDigit
    }
}
