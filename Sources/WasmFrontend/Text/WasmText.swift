/// Helpers for the WebAssembly text format (`.wat`).
package enum WasmText {
    /// `true` when `bytes` look like text rather than binary: the first byte after an
    /// optional UTF-8 BOM is `(`, whitespace, or `;` (a comment).
    package static func looksLikeText(_ bytes: [UInt8]) -> Bool {
        var i = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3 }
        guard i < bytes.count else { return false }
        switch bytes[i] {
        case UInt8(ascii: "("), UInt8(ascii: ";"), UInt8(ascii: " "), UInt8(ascii: "\t"),
             UInt8(ascii: "\n"), UInt8(ascii: "\r"):
            return true
        default:
            return false
        }
    }

    /// Converts the UTF-8 bytes of a text module to its binary encoding;
    /// bytes that are not valid UTF-8 are an error.
    package static func toBinary(utf8 bytes: [UInt8], parser: TextParserChoice = .default) throws(WasmError) -> [UInt8] {
        var bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw WasmError.text("malformed UTF-8 encoding")
        }
        return try toBinary(text, parser: parser)
    }

    /// Converts a text module to its binary encoding, keeping the `name`
    /// section so traps and symbols carry the text's identifiers.
    ///
    /// Text nested deeper than 1,000 levels (parentheses and blocks) is refused
    /// before parsing, and the parser runs on a thread with a stack large
    /// enough for that depth, so a hostile file cannot overflow a host stack.
    package static func toBinary(_ text: String, parser: TextParserChoice = .default) throws(WasmError) -> [UInt8] {
        try TextNesting.check(text)
        // On a thread with a known stack: the parser's recursion must not
        // depend on the caller's stack size (see ParserThread).
        let result: Result<[UInt8], WasmError> = ParserThread.run {
            switch parser {
            case .wasmkit: WasmKitText.toBinary(text)
            case .wasmex: TextModuleEncoder.encode(text)
            }
        }
        return try result.get()
    }
}
