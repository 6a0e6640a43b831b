/// Rewrites the folded form of the legacy exception-handling `try` in a `.wast`
/// script into the flat form, which `wasm-tools json-from-wast` still reads
/// (version 1.262 no longer reads `(try … (do …) (catch …))`).
///
/// `(try label? bt (do in*) (catch x in*)* (catch_all in*)?)` becomes
/// `try label? bt in* catch x in* … catch_all in* end`, and
/// `(try label? bt (do in*) (delegate l))` becomes `try label? bt in* delegate l`.
/// Everything else is kept byte for byte, strings (so `module quote` texts, which
/// our own parser reads) and comments included, and so are line breaks: the
/// script's line numbers stay those of the original.
package enum LegacyTryUnfolding {
    /// The script with every folded legacy `try` unfolded, or nil when it has none.
    package static func unfold(_ script: [UInt8]) -> [UInt8]? {
        var scanner = Scanner(source: script)
        return scanner.run()
    }

    private struct Scanner {
        let source: [UInt8]
        var output: [UInt8] = []
        var position = 0
        var changed = false

        /// What each open parenthesis is: a folded `try`, one of its arms, or anything else.
        enum Role { case other, `try`(delegated: Bool), arm }
        var open: [Role] = []

        init(source: [UInt8]) {
            self.source = source
            output.reserveCapacity(source.count + source.count / 16)
        }

        mutating func run() -> [UInt8]? {
            while position < source.count {
                let byte = source[position]
                switch byte {
                case UInt8(ascii: ";") where peek(1) == UInt8(ascii: ";"):
                    copy(upTo: lineEnd())
                case UInt8(ascii: "(") where peek(1) == UInt8(ascii: ";"):
                    copy(upTo: blockCommentEnd())
                case UInt8(ascii: "\""):
                    copy(upTo: stringEnd())
                case UInt8(ascii: "("):
                    openParenthesis()
                case UInt8(ascii: ")"):
                    closeParenthesis()
                default:
                    output.append(byte)
                    position += 1
                }
            }
            return changed ? output : nil
        }

        private func peek(_ offset: Int) -> UInt8? {
            position + offset < source.count ? source[position + offset] : nil
        }

        private mutating func copy(upTo end: Int) {
            output.append(contentsOf: source[position..<end])
            position = end
        }

        private mutating func openParenthesis() {
            // The keyword right after `(` (layout allowed), if any.
            var start = position + 1
            while start < source.count, Self.isSpace(source[start]) { start += 1 }
            var end = start
            while end < source.count, Self.isNameByte(source[end]) { end += 1 }
            let keyword = String(decoding: source[start..<end], as: UTF8.self)
            let inTry: Bool = if case .try? = open.last { true } else { false }
            if keyword == "try" {
                open.append(.try(delegated: false))
            } else if inTry, ["do", "catch", "catch_all", "delegate"].contains(keyword) {
                if keyword == "delegate" { open[open.count - 1] = .try(delegated: true) }
                open.append(.arm)
            } else {
                open.append(.other)
                output.append(UInt8(ascii: "("))
                position += 1
                return
            }
            changed = true
            // `(try` → ` try`, `(do` → `   `, `(catch` → ` catch`: the same columns, the same lines.
            output.append(UInt8(ascii: " "))
            output.append(contentsOf: source[(position + 1)..<start])
            if keyword == "do" {
                output.append(contentsOf: [UInt8](repeating: UInt8(ascii: " "), count: end - start))
            } else {
                output.append(contentsOf: source[start..<end])
            }
            position = end
        }

        private mutating func closeParenthesis() {
            position += 1
            switch open.popLast() ?? .other {
            case .other: output.append(UInt8(ascii: ")"))
            case .arm: output.append(UInt8(ascii: " "))
            case .try(let delegated): output.append(contentsOf: Array((delegated ? " " : " end ").utf8))
            }
        }

        private func lineEnd() -> Int {
            var i = position
            while i < source.count, source[i] != UInt8(ascii: "\n") { i += 1 }
            return i
        }

        private func blockCommentEnd() -> Int {
            var depth = 0
            var i = position
            while i < source.count {
                if source[i] == UInt8(ascii: "("), i + 1 < source.count, source[i + 1] == UInt8(ascii: ";") {
                    depth += 1
                    i += 2
                } else if source[i] == UInt8(ascii: ";"), i + 1 < source.count, source[i + 1] == UInt8(ascii: ")") {
                    depth -= 1
                    i += 2
                    if depth == 0 { return i }
                } else {
                    i += 1
                }
            }
            return i
        }

        private func stringEnd() -> Int {
            var i = position + 1
            while i < source.count, source[i] != UInt8(ascii: "\"") {
                i += source[i] == UInt8(ascii: "\\") ? 2 : 1
            }
            return Swift.min(i + 1, source.count)
        }

        private static func isSpace(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
        }

        /// A byte of a keyword or identifier (not layout, a parenthesis, a quote or `;`).
        private static func isNameByte(_ byte: UInt8) -> Bool {
            !isSpace(byte) && byte != UInt8(ascii: "(") && byte != UInt8(ascii: ")")
                && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: ";")
        }
    }
}
