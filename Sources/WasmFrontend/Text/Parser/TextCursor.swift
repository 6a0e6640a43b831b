/// A position in the token list, with the small reads every parser step uses.
struct TextCursor {
    let source: [UInt8]
    let tokens: [TextToken]
    var position = 0

    init(source: [UInt8], tokens: [TextToken]) {
        self.source = source
        self.tokens = tokens
    }

    func token(_ ahead: Int = 0) -> TextToken? {
        position + ahead < tokens.count ? tokens[position + ahead] : nil
    }

    func text(_ token: TextToken) -> String {
        String(decoding: source[token.start..<token.end], as: UTF8.self)
    }

    /// The atom `ahead` tokens on, if it is one.
    func atom(_ ahead: Int = 0) -> String? {
        guard let t = token(ahead), t.kind == .atom else { return nil }
        return text(t)
    }

    func isAtom(_ keyword: String, _ ahead: Int = 0) -> Bool { atom(ahead) == keyword }
    func isLeft(_ ahead: Int = 0) -> Bool { token(ahead)?.kind == .leftParen }
    func isRight(_ ahead: Int = 0) -> Bool { token(ahead)?.kind == .rightParen }
    func isID(_ ahead: Int = 0) -> Bool { token(ahead)?.kind == .id }
    func isString(_ ahead: Int = 0) -> Bool { token(ahead)?.kind == .string }

    /// `(keyword` comes next.
    func opens(_ keyword: String) -> Bool { isLeft() && isAtom(keyword, 1) }

    /// The next token is a number (or an identifier): an index may follow.
    var atIndex: Bool { atIndex(after: 0) }

    /// The token `ahead` on is a number or an identifier.
    func atIndex(after ahead: Int) -> Bool {
        if isID(ahead) { return true }
        guard let a = atom(ahead), let first = a.utf8.first else { return false }
        return first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")
    }

    var offset: Int { token()?.start ?? source.count }

    func error(_ message: String) -> TextError { TextError(message, at: offset) }

    func describeNext() -> String {
        guard let t = token() else { return "end of text" }
        switch t.kind {
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        default:
            let s = text(t)
            return "'\(s.count > 40 ? String(s.prefix(40)) + "…" : s)'"
        }
    }

    func unexpected(_ expected: String) -> TextError {
        error("unexpected \(describeNext()), expected \(expected)")
    }

    mutating func expectLeft() throws(TextError) {
        guard isLeft() else { throw unexpected("'('") }
        position += 1
    }

    mutating func expectRight() throws(TextError) {
        guard isRight() else { throw unexpected("')'") }
        position += 1
    }

    mutating func expectAtom(_ keyword: String) throws(TextError) {
        guard isAtom(keyword) else { throw unexpected("'\(keyword)'") }
        position += 1
    }

    /// Consumes `keyword` if it comes next.
    mutating func take(_ keyword: String) -> Bool {
        guard isAtom(keyword) else { return false }
        position += 1
        return true
    }

    /// Consumes `(keyword` if it comes next.
    mutating func takeOpen(_ keyword: String) -> Bool {
        guard opens(keyword) else { return false }
        position += 2
        return true
    }

    mutating func takeAtom(_ expected: String) throws(TextError) -> String {
        guard let a = atom() else { throw unexpected(expected) }
        position += 1
        return a
    }

    /// An identifier's name (without `$`), if one comes next.
    mutating func optionalID() -> String? {
        guard let t = token(), t.kind == .id else { return nil }
        position += 1
        return Self.name(of: t, in: source)
    }

    static func name(of token: TextToken, in source: [UInt8]) -> String {
        if source[token.start + 1] == UInt8(ascii: "\"") {
            let quoted = TextToken(kind: .string, start: token.start + 1, end: token.end)
            return String(decoding: TextStrings.bytes(source, quoted), as: UTF8.self)
        }
        return String(decoding: source[(token.start + 1)..<token.end], as: UTF8.self)
    }

    mutating func takeString() throws(TextError) -> [UInt8] {
        guard let t = token(), t.kind == .string else { throw unexpected("a string") }
        position += 1
        return TextStrings.bytes(source, t)
    }

    /// A string that must be valid UTF-8 (names).
    mutating func takeName() throws(TextError) -> [UInt8] {
        let at = offset
        let bytes = try takeString()
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw TextError("malformed UTF-8 encoding", at: at)
        }
        return bytes
    }

    mutating func takeU32(_ what: String) throws(TextError) -> UInt32 {
        let at = offset
        let a = try takeAtom(what)
        guard let value = TextNumbers.unsigned(a) else { throw TextError("malformed \(what) '\(a)'", at: at) }
        guard value <= UInt64(UInt32.max) else { throw TextError("\(what) out of range: \(a)", at: at) }
        return UInt32(value)
    }

    mutating func takeU64(_ what: String) throws(TextError) -> UInt64 {
        let at = offset
        let a = try takeAtom(what)
        guard let value = TextNumbers.unsigned(a) else { throw TextError("malformed \(what) '\(a)'", at: at) }
        return value
    }

    /// Skips to the parenthesis closing the current list and past it.
    mutating func skipToClose() throws(TextError) {
        var depth = 1
        while let t = token() {
            position += 1
            switch t.kind {
            case .leftParen: depth += 1
            case .rightParen:
                depth -= 1
                if depth == 0 { return }
            default: break
            }
        }
        throw unexpected("')'")
    }
}
