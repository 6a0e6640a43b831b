/// Decode-only pass over a function body, run by the decoder so that malformed code is
/// reported in binary order, as the reference interpreter does: operators are read
/// until the body's final `end` (even past the declared size, which is then a
/// "section size mismatch"), `else` must belong to an `if` ("END opcode expected"), and
/// `memory.init` / `data.drop` need a data count section.
enum BodyScanner {
    static func scan(_ reader: inout ByteReader, code: Range<Int>, hasDataCount: Bool) throws(WasmError) {
        reader.position = code.lowerBound
        // One flag per open block: is it an `if` still waiting for its `else`?
        var isIf: [Bool] = [false]
        do throws(WasmError) {
            while !isIf.isEmpty {
                let at = reader.position
                switch try reader.readInstruction() {
                case .block, .loop, .tryTable: isIf.append(false)
                case .if: isIf.append(true)
                case .else:
                    guard isIf[isIf.count - 1] else { throw WasmError.malformed("END opcode expected", offset: at) }
                    isIf[isIf.count - 1] = false
                case .end: isIf.removeLast()
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
