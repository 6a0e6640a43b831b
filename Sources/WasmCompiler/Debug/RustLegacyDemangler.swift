/// Rust's legacy mangling: an Itanium-style nested name `_ZN`, length-prefixed
/// components, `E`, where the last component is the hash `h` + 16 hex digits
/// (dropped here, as `rustc-demangle`'s `{:#}` does) and components escape
/// punctuation (`$LT$` for `<`, `..` for `::`, `$u7e$` for `~`, …).
/// A `_ZN…E` name without that hash is left to the C++ demangler.
enum RustLegacyDemangler {
    static func demangle(_ bytes: [UInt8]) -> String? {
        guard bytes.count > 4, bytes.starts(with: Array("_ZN".utf8)) else { return nil }
        var position = 3
        var components: [ArraySlice<UInt8>] = []
        while position < bytes.count, bytes[position] != UInt8(ascii: "E") {
            var length = 0
            while position < bytes.count, let digit = Self.digit(bytes[position]) {
                length = length * 10 + digit
                guard length <= bytes.count else { return nil }
                position += 1
            }
            guard length > 0, length <= bytes.count - position else { return nil }
            components.append(bytes[position..<(position + length)])
            position += length
        }
        // `E` ends the name; LLVM may append a `.llvm.1234` style suffix.
        guard position < bytes.count, position + 1 == bytes.count || bytes[position + 1] == UInt8(ascii: "."),
              components.count >= 2, let hash = components.last, Self.isHash(hash) else { return nil }
        var parts: [String] = []
        for component in components.dropLast() {
            guard let part = Self.unescape(component) else { return nil }
            parts.append(part)
        }
        return parts.joined(separator: "::")
    }

    private static func digit(_ byte: UInt8) -> Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
    }

    /// `h` followed by 16 lowercase hex digits.
    private static func isHash(_ component: ArraySlice<UInt8>) -> Bool {
        component.count == 17 && component.first == UInt8(ascii: "h")
            && component.dropFirst().allSatisfy { Character(UnicodeScalar($0)).isHexDigit }
    }

    private static let escapes: [String: String] = [
        "SP": "@", "BP": "*", "RF": "&", "LT": "<", "GT": ">", "LP": "(", "RP": ")", "C": ",",
    ]

    private static func unescape(_ component: ArraySlice<UInt8>) -> String? {
        var rest = component
        // A component that would start with a digit or `$` is prefixed with `_`.
        if rest.starts(with: Array("_$".utf8)) { rest = rest.dropFirst() }
        var text = ""
        while let byte = rest.first {
            if byte == UInt8(ascii: "$") {
                guard let end = rest.dropFirst().firstIndex(of: UInt8(ascii: "$")) else { return nil }
                let code = String(decoding: rest[(rest.startIndex + 1)..<end], as: UTF8.self)
                if let escaped = escapes[code] {
                    text += escaped
                } else if code.hasPrefix("u"), let value = UInt32(code.dropFirst(), radix: 16),
                          let scalar = UnicodeScalar(value) {
                    text.unicodeScalars.append(scalar)
                } else {
                    return nil
                }
                rest = rest[(end + 1)...]
            } else if byte == UInt8(ascii: "."), rest.dropFirst().first == UInt8(ascii: ".") {
                text += "::"
                rest = rest.dropFirst(2)
            } else {
                guard byte < 0x80 else { return nil }
                text.unicodeScalars.append(UnicodeScalar(byte))
                rest = rest.dropFirst()
            }
        }
        return text
    }
}
