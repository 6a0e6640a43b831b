/// Which text-format parser turns `.wat` into the binary format.
///
/// `.wasmex` is our own (Sources/WasmFrontend/Text/Parser); `.wasmkit` is
/// WasmKit's WAT encoder, kept behind this switch while the differential check
/// (`make text-diff`) compares the two against `wasm-tools parse`.
package enum TextParserChoice: String, Sendable, CaseIterable {
    case wasmex
    case wasmkit

    /// The parser `WasmText.toBinary` uses unless told otherwise.
    package static let `default`: TextParserChoice = .wasmex
}
