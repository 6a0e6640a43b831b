/// A bound on how deeply a `.wat` text may nest, checked before the text
/// reaches the parser.
///
/// Why a pre-scan: the parser (Text/Parser) descends recursively into folded
/// expressions (`(block (block ...))`) and blocks, so its host stack use grows
/// with nesting depth and a hostile file of a few hundred KB would overflow the
/// stack of whatever thread parses it. The depth is measured here, in one
/// linear pass that itself uses constant stack, and text nested deeper than
/// ``limit`` is refused with a clear error instead.
///
/// What is counted: open parentheses, plus flat-syntax `block`, `loop`, `if`,
/// `try` and `try_table` instructions (a keyword not right after `(`), each
/// closed by a flat `end` (or, a legacy `try`, `delegate`). Comments (`;; …`, nested `(; … ;)`) and strings are
/// skipped. Adding the two depths over-approximates the real nesting (a flat
/// block opened under one parenthesis and closed under another is still
/// counted), which only errs towards refusing.
///
/// Why 1,000: real modules and the whole spec test suite stay far below it
/// (generated code is mostly flat), while the parse stays within the stack
/// ``ParserThread`` gives the parser whatever thread the caller is on
/// (`TextDepthTests` parses at the limit from a 512 KiB thread).
package enum TextNesting {
    /// The deepest nesting a text module may have.
    package static let limit = 1_000

    /// Throws ``WasmError/text(_:)`` naming the limit and the line where the
    /// text first goes deeper than `limit`.
    package static func check(_ text: String, limit: Int = TextNesting.limit) throws(WasmError) {
        if let line = firstLineDeeper(than: limit, in: text) {
            throw WasmError.text(
                "nesting too deep: the text nests more than \(limit) levels of parentheses and blocks (line \(line))")
        }
    }

    /// The 1-based line at which the nesting first exceeds `limit`, or nil.
    package static func firstLineDeeper(than limit: Int, in text: String) -> Int? {
        var scanner = Scanner(limit: limit)
        var text = text
        return text.withUTF8 { scanner.scan($0) }
    }

    /// The scanning state machine: one pass over UTF-8 bytes, no recursion.
    private struct Scanner {
        let limit: Int
        var parens = 0
        var flatBlocks = 0
        var line = 1

        init(limit: Int) { self.limit = limit }

        mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
            var i = 0
            // Whether the last significant byte was `(`: a keyword right after
            // it is a folded form, closed by `)`, not by `end`.
            var afterParen = false
            while i < bytes.count {
                let byte = bytes[i]
                switch byte {
                // Layout and comments keep `afterParen`: `( block` is folded too.
                case UInt8(ascii: "\n"):
                    line += 1
                    i += 1
                    continue
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                    i += 1
                    continue
                case UInt8(ascii: ";") where next(bytes, i) == UInt8(ascii: ";"):
                    // A carriage return ends a line comment too (as in the lexer).
                    while i < bytes.count && bytes[i] != UInt8(ascii: "\n") && bytes[i] != UInt8(ascii: "\r") { i += 1 }
                    continue
                case UInt8(ascii: "(") where next(bytes, i) == UInt8(ascii: ";"):
                    i = skipBlockComment(bytes, from: i)
                    continue
                case UInt8(ascii: "("):
                    parens += 1
                    if parens + flatBlocks > limit { return line }
                    afterParen = true
                    i += 1
                    continue
                case UInt8(ascii: ")"):
                    parens = Swift.max(0, parens - 1)
                    i += 1
                case UInt8(ascii: "\""):
                    i = skipString(bytes, from: i)
                default:
                    let end = tokenEnd(bytes, from: i)
                    let token = UnsafeBufferPointer(rebasing: bytes[i..<end])
                    if !afterParen && Self.opensBlock(token) {
                        flatBlocks += 1
                        if parens + flatBlocks > limit { return line }
                    } else if Self.equals(token, "end") || !afterParen && Self.equals(token, "delegate") {
                        flatBlocks = Swift.max(0, flatBlocks - 1)
                    }
                    i = end
                }
                afterParen = false
            }
            return nil
        }

        private func next(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt8? {
            i + 1 < bytes.count ? bytes[i + 1] : nil
        }

        /// Skips `(; … ;)`, which may nest; returns the index after it.
        private mutating func skipBlockComment(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
            var depth = 0
            var i = start
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "(") && next(bytes, i) == UInt8(ascii: ";") {
                    depth += 1
                    i += 2
                } else if bytes[i] == UInt8(ascii: ";") && next(bytes, i) == UInt8(ascii: ")") {
                    depth -= 1
                    i += 2
                    if depth == 0 { return i }
                } else {
                    if bytes[i] == UInt8(ascii: "\n") { line += 1 }
                    i += 1
                }
            }
            return i
        }

        /// Skips a string literal (with `\` escapes); returns the index after it.
        private mutating func skipString(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
            var i = start + 1
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: "\""): return i + 1
                case UInt8(ascii: "\\"): i += 2
                case UInt8(ascii: "\n"):
                    line += 1
                    i += 1
                default: i += 1
                }
            }
            return i
        }

        /// The end of the token (keyword, identifier, number) starting at `start`.
        private func tokenEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
            var i = start + 1
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"),
                     UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\""), UInt8(ascii: ";"):
                    return i
                default: i += 1
                }
            }
            return i
        }

        private static func opensBlock(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
            equals(token, "block") || equals(token, "loop") || equals(token, "if")
                || equals(token, "try") || equals(token, "try_table")
        }

        private static func equals(_ token: UnsafeBufferPointer<UInt8>, _ keyword: StaticString) -> Bool {
            guard token.count == keyword.utf8CodeUnitCount else { return false }
            let expected = UnsafeBufferPointer(start: keyword.utf8Start, count: keyword.utf8CodeUnitCount)
            return token.elementsEqual(expected)
        }
    }
}
