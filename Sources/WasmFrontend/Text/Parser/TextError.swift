/// A text-format error at a byte offset of the source; reported as
/// ``WasmError/text(_:)`` with `line:column: message`.
package struct TextError: Error {
    package var message: String
    package var offset: Int

    package init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }

    /// The public error, with the position in lines and columns.
    package func wasmError(in source: [UInt8]) -> WasmError {
        let tokens = TextTokens(source: source, tokens: [])
        let (line, column) = tokens.location(of: offset)
        return .text("\(line):\(column): \(message)")
    }
}
