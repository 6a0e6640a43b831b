/// One token of the text format.
package struct TextToken: Equatable, Sendable {
    package enum Kind: Equatable, Sendable {
        case leftParen, rightParen
        /// A keyword, number or other reserved atom (`i32.add`, `0x1p3`, `offset=8`, `nan:0x1`).
        case atom
        /// An identifier `$name` or `$"name"`; the token text keeps the `$`.
        case id
        /// A string literal; the token text keeps its quotes and escapes.
        case string
    }

    package var kind: Kind
    /// Byte range in the source's UTF-8.
    package var start: Int
    package var end: Int
}

/// The tokens of a source text, with access to their bytes.
package struct TextTokens: Sendable {
    package let source: [UInt8]
    package let tokens: [TextToken]

    /// The token's characters as written.
    package func text(_ token: TextToken) -> String {
        String(decoding: source[token.start..<token.end], as: UTF8.self)
    }

    /// The 1-based line and column (in characters) of a byte offset.
    package func location(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for i in 0..<min(offset, source.count) where source[i] == UInt8(ascii: "\n") {
            line += 1
            lineStart = i + 1
        }
        let column = String(decoding: source[lineStart..<min(offset, source.count)], as: UTF8.self).count + 1
        return (line, column)
    }
}
