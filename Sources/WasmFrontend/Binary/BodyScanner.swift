/// Decode-only pass over a function body, run by the decoder so that malformed code is
/// reported in binary order, as the reference interpreter does: operators are read
/// until the body's final `end` (even past the declared size, which is then a
/// "section size mismatch"), `else` must belong to an `if` ("END opcode expected"), the
/// legacy `catch`/`catch_all` to a `try` (none after `catch_all`) and `delegate` to a `try`
/// without handlers, and `memory.init` / `data.drop` need a data count section.
enum BodyScanner {
    /// What an open block still accepts besides `end`.
    private enum Open {
        case block
        /// An `if` waiting for its `else`.
        case `if`
        /// A legacy `try` before any handler: `catch`, `catch_all` or `delegate`.
        case `try`
        /// A legacy `try` after a `catch`: more `catch`es or one `catch_all`.
        case catching
    }

    static func scan(_ reader: inout ByteReader, code: Range<Int>, hasDataCount: Bool) throws(WasmError) {
        reader.position = code.lowerBound
        var open: [Open] = [.block]
        do throws(WasmError) {
            while !open.isEmpty {
                let at = reader.position
                switch try reader.readInstruction() {
                case .block, .loop, .tryTable: open.append(.block)
                case .if: open.append(.if)
                case .try: open.append(.try)
                case .else:
                    guard open[open.count - 1] == .if else { throw WasmError.malformed("END opcode expected", offset: at) }
                    open[open.count - 1] = .block
                case .catch:
                    guard open[open.count - 1] == .try || open[open.count - 1] == .catching else {
                        throw WasmError.malformed("END opcode expected", offset: at)
                    }
                    open[open.count - 1] = .catching
                case .catchAll:
                    guard open[open.count - 1] == .try || open[open.count - 1] == .catching else {
                        throw WasmError.malformed("END opcode expected", offset: at)
                    }
                    open[open.count - 1] = .block
                case .delegate:
                    guard open[open.count - 1] == .try else { throw WasmError.malformed("END opcode expected", offset: at) }
                    open.removeLast()
                case .end: open.removeLast()
                case .memoryInit, .dataDrop, .gc(.arrayNewData), .gc(.arrayInitData):
                    if !hasDataCount { throw WasmError.malformed("data count section required", offset: at) }
                default: break
                }
            }
        } catch {
            // A validation-only problem (e.g. typed `select` arity) is left to the validator.
            if case .malformed = error { throw error }
            reader.position = code.upperBound
            return
        }
        guard reader.position == code.upperBound else {
            throw WasmError.malformed("section size mismatch", offset: reader.position)
        }
    }
}
