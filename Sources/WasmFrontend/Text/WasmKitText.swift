import WAT

/// WasmKit's text parser (the `WAT` product), one of the ``TextParserChoice``s.
enum WasmKitText {
    /// The binary encoding of `text`, with a `name` section.
    static func toBinary(_ text: String) -> Result<[UInt8], WasmError> {
        do {
            return .success(try wat2wasm(text, options: EncodeOptions(nameSection: true)))
        } catch {
            return .failure(WasmError.text(String(describing: error)))
        }
    }
}
