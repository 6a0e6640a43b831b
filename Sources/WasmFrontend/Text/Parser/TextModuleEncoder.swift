/// Our text parser's entry point: `.wat` text in, binary module out, errors
/// as ``WasmError/text(_:)`` with `line:column`.
enum TextModuleEncoder {
    static func encode(_ text: String) -> Result<[UInt8], WasmError> {
        let source = Array(text.utf8)
        do {
            return .success(try TextParserFrontEnd.binary(source))
        } catch {
            return .failure(error.wasmError(in: source))
        }
    }
}

/// Tokenises and parses one source (a whole text, or a `module quote`'s strings).
enum TextParserFrontEnd {
    static func binary(_ source: [UInt8]) throws(TextError) -> [UInt8] {
        let tokens = try TextLexer.tokenize(source)
        var parser = TextModuleParser(source: source, tokens: tokens)
        return try parser.parse()
    }
}
