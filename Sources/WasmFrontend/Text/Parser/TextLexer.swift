/// Splits a text module into tokens: parentheses, atoms (keywords and
/// numbers), identifiers and strings. Skips whitespace, line comments
/// (`;; …`), nested block comments (`(; … ;)`) and annotations (`(@name …)`).
/// Iterative: nothing here recurses, whatever the input.
package enum TextLexer {
    package static func tokenize(_ source: [UInt8]) throws(TextError) -> [TextToken] {
        var lexer = Scanner(source: source)
        return try lexer.run()
    }

    /// Printable ASCII other than space, `"`, `(`, `)`, `,`, `;`, `[`, `]`, `{`, `}`.
    package static func isIDChar(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x21...0x7E:
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","),
                 UInt8(ascii: ";"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                return false
            default:
                return true
            }
        default:
            return false
        }
    }

    private struct Scanner {
        let source: [UInt8]
        var i = 0
        var tokens: [TextToken] = []

        init(source: [UInt8]) { self.source = source }

        func peek(_ offset: Int = 0) -> UInt8? {
            i + offset < source.count ? source[i + offset] : nil
        }

        mutating func run() throws(TextError) -> [TextToken] {
            while let byte = peek() {
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    i += 1
                case UInt8(ascii: ";") where peek(1) == UInt8(ascii: ";"):
                    skipLineComment()
                case UInt8(ascii: "(") where peek(1) == UInt8(ascii: ";"):
                    try skipBlockComment()
                case UInt8(ascii: "(") where peek(1) == UInt8(ascii: "@"):
                    try skipAnnotation()
                case UInt8(ascii: "("):
                    tokens.append(TextToken(kind: .leftParen, start: i, end: i + 1))
                    i += 1
                case UInt8(ascii: ")"):
                    tokens.append(TextToken(kind: .rightParen, start: i, end: i + 1))
                    i += 1
                case UInt8(ascii: "\""):
                    let start = i
                    try skipString()
                    tokens.append(TextToken(kind: .string, start: start, end: i))
                    try expectSeparator()
                case UInt8(ascii: "$"):
                    let start = i
                    i += 1
                    if peek() == UInt8(ascii: "\"") {
                        try quotedName(from: start + 1, what: "identifier")
                    } else {
                        skipIDChars()
                        if i - start == 1 { throw TextError("empty identifier", at: start) }
                    }
                    tokens.append(TextToken(kind: .id, start: start, end: i))
                    try expectSeparator()
                case let b where TextLexer.isIDChar(b):
                    let start = i
                    skipIDChars()
                    tokens.append(TextToken(kind: .atom, start: start, end: i))
                    try expectSeparator()
                default:
                    throw TextError("unexpected character", at: i)
                }
            }
            return tokens
        }

        /// `;;` up to a line feed or carriage return (either ends a line).
        mutating func skipLineComment() {
            while let b = peek(), b != UInt8(ascii: "\n") && b != UInt8(ascii: "\r") { i += 1 }
        }

        mutating func skipIDChars() {
            while let b = peek(), TextLexer.isIDChar(b) { i += 1 }
        }

        /// Tokens other than parentheses must be followed by layout, a parenthesis or the end.
        func expectSeparator() throws(TextError) {
            guard let b = peek() else { return }
            switch b {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
                 UInt8(ascii: "("), UInt8(ascii: ")"):
                return
            case UInt8(ascii: ";") where peek(1) == UInt8(ascii: ";"):
                return
            default:
                throw TextError("unknown token: tokens must be separated by space or parentheses", at: i)
            }
        }

        mutating func skipBlockComment() throws(TextError) {
            let start = i
            var depth = 0
            while i < source.count {
                if source[i] == UInt8(ascii: "(") && peek(1) == UInt8(ascii: ";") {
                    depth += 1
                    i += 2
                } else if source[i] == UInt8(ascii: ";") && peek(1) == UInt8(ascii: ")") {
                    depth -= 1
                    i += 2
                    if depth == 0 { return }
                } else {
                    i += 1
                }
            }
            throw TextError("unclosed block comment", at: start)
        }

        /// Skips `(@name …)` up to its balancing parenthesis, strings and comments included.
        mutating func skipAnnotation() throws(TextError) {
            let start = i
            i += 2
            if peek() == UInt8(ascii: "\"") {
                try quotedName(from: start + 2, what: "annotation name")
            } else {
                skipIDChars()
                if i == start + 2 { throw TextError("empty annotation name", at: start) }
            }
            var depth = 1
            while let b = peek() {
                switch b {
                case UInt8(ascii: "(") where peek(1) == UInt8(ascii: ";"):
                    try skipBlockComment()
                case UInt8(ascii: ";") where peek(1) == UInt8(ascii: ";"):
                    skipLineComment()
                case UInt8(ascii: "\""):
                    try skipString()
                case UInt8(ascii: "("):
                    depth += 1
                    i += 1
                case UInt8(ascii: ")"):
                    depth -= 1
                    i += 1
                    if depth == 0 { return }
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    i += 1
                case 0..<0x20, 0x7F...0xFF:
                    // Outside strings and comments only printable ASCII.
                    throw TextError("illegal character", at: i)
                default:
                    i += 1
                }
            }
            throw TextError("unclosed annotation", at: start)
        }

        /// A `"…"` identifier or annotation name at `at`: not empty, valid UTF-8 once unescaped.
        mutating func quotedName(from at: Int, what: String) throws(TextError) {
            try skipString()
            let bytes = TextStrings.bytes(source, TextToken(kind: .string, start: at, end: i))
            if bytes.isEmpty { throw TextError("empty \(what)", at: at) }
            if String(validating: bytes, as: UTF8.self) == nil {
                throw TextError("malformed UTF-8 encoding in \(what)", at: at)
            }
        }

        /// Skips a string literal, checking its characters and escapes.
        mutating func skipString() throws(TextError) {
            let start = i
            i += 1
            while let b = peek() {
                switch b {
                case UInt8(ascii: "\""):
                    i += 1
                    return
                case UInt8(ascii: "\\"):
                    _ = try TextStrings.escape(in: source, at: &i)
                case 0..<0x20, 0x7F:
                    throw TextError("malformed string: control character", at: i)
                default:
                    i += 1
                }
            }
            throw TextError("unclosed string", at: start)
        }
    }
}
