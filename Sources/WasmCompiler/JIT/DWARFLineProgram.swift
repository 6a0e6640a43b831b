/// Runs the line-number programs of a `.debug_line` section (DWARF 2–5) and
/// returns their rows: which line starts at which address. Only addresses
/// and lines are kept (files, columns and flags are not needed for Wasm
/// offsets). Malformed input ends the affected program early; it never traps.
enum DWARFLineProgram {
    /// A code address as a position in one of the object's sections.
    struct Address: Hashable {
        var section: Int
        var offset: UInt64
    }

    /// One row of the line table. `line` 0 marks the end of a sequence
    /// (or code with no location).
    struct Row {
        let address: Address
        let line: UInt32
    }

    /// The rows of every program in `section`. `resolve` turns the operand of
    /// `DW_LNE_set_address` at a given offset in the section into an address
    /// (relocatable objects leave that operand to a relocation).
    static func rows(_ section: ArraySlice<UInt8>, resolve: (_ operandOffset: Int, _ value: UInt64) -> Address?) -> [Row] {
        var rows: [Row] = []
        var unit = section.startIndex
        while unit < section.endIndex {
            guard let next = runUnit(section, at: unit, resolve: resolve, into: &rows) else { break }
            unit = next
        }
        return rows
    }

    /// Runs the program of the unit at `start`; returns where the next unit begins.
    private static func runUnit(_ bytes: ArraySlice<UInt8>, at start: Int,
                                resolve: (Int, UInt64) -> Address?, into rows: inout [Row]) -> Int? {
        var cursor = Cursor(bytes: bytes, position: start)
        guard var length = cursor.fixed(4) else { return nil }
        var offsetSize = 4
        if length == 0xFFFF_FFFF {
            guard let long = cursor.fixed(8) else { return nil }
            length = long
            offsetSize = 8
        }
        guard length <= UInt64(bytes.endIndex - cursor.position) else { return nil }
        let end = cursor.position + Int(length)
        guard let version = cursor.fixed(2), (2...5).contains(version) else { return end }
        var addressSize = 8
        if version >= 5 {
            guard let size = cursor.fixed(1), cursor.fixed(1) != nil else { return end }
            addressSize = Int(size)
        }
        guard let headerLength = cursor.fixed(offsetSize), headerLength <= UInt64(end - cursor.position) else { return end }
        let program = cursor.position + Int(headerLength)
        guard let minimumLength = cursor.fixed(1) else { return end }
        if version >= 4 { guard cursor.fixed(1) != nil else { return end } }
        guard cursor.fixed(1) != nil, let base = cursor.fixed(1), let range = cursor.fixed(1), range > 0,
              let opcodeBase = cursor.fixed(1), opcodeBase > 0 else { return end }
        let lineBase = Int64(Int8(bitPattern: UInt8(base)))
        var operandCounts: [UInt64] = []
        for _ in 1..<Int(opcodeBase) {
            guard let count = cursor.fixed(1) else { return end }
            operandCounts.append(count)
        }
        cursor = Cursor(bytes: bytes[..<end], position: program)
        var state = State()
        while let opcode = cursor.fixed(1) {
            if opcode >= opcodeBase {
                let adjusted = opcode - opcodeBase
                state.advance(by: adjusted / range * minimumLength)
                state.line &+= lineBase + Int64(adjusted % range)
                state.emit(into: &rows)
                continue
            }
            switch opcode {
            case 0:
                guard let size = cursor.uleb(), size > 0, size <= UInt64(end - cursor.position) else { return end }
                let next = cursor.position + Int(size)
                guard let sub = cursor.fixed(1) else { return end }
                switch sub {
                case 1:
                    state.line = 0
                    state.emit(into: &rows)
                    state = State()
                case 2:
                    let operand = cursor.position
                    guard Int(size) - 1 == addressSize, let value = cursor.fixed(addressSize) else { return end }
                    state.address = resolve(operand, value)
                default: break
                }
                cursor.position = next
            case 1: state.emit(into: &rows)
            case 2:
                guard let delta = cursor.uleb() else { return end }
                state.advance(by: delta &* minimumLength)
            case 3:
                guard let delta = cursor.sleb() else { return end }
                state.line &+= delta
            case 8: state.advance(by: (255 - opcodeBase) / range * minimumLength)
            case 9:
                guard let delta = cursor.fixed(2) else { return end }
                state.advance(by: delta)
            default:
                // Standard opcodes whose operands (ULEB128s) are not needed: skip them.
                for _ in 0..<operandCounts[Int(opcode) - 1] {
                    guard cursor.uleb() != nil else { return end }
                }
            }
        }
        return end
    }

    /// The line-number state machine's registers that matter here.
    private struct State {
        var address: Address?
        var line: Int64 = 1

        mutating func advance(by delta: UInt64) {
            address?.offset &+= delta
        }

        func emit(into rows: inout [Row]) {
            guard let address else { return }
            let clamped = line < 0 || line > Int64(UInt32.max) ? 0 : UInt32(line)
            rows.append(Row(address: address, line: clamped))
        }
    }

    /// Reads fixed-size little-endian integers and LEB128 numbers, bounds-checked.
    private struct Cursor {
        let bytes: ArraySlice<UInt8>
        var position: Int

        mutating func fixed(_ size: Int) -> UInt64? {
            guard let value = ELFObject.read(bytes, at: position, size: size) else { return nil }
            position += size
            return value
        }

        mutating func uleb() -> UInt64? {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while position < bytes.endIndex {
                let byte = bytes[position]
                position += 1
                if shift < 64 { result |= UInt64(byte & 0x7F) << shift }
                shift += 7
                if byte & 0x80 == 0 { return result }
            }
            return nil
        }

        mutating func sleb() -> Int64? {
            var result: Int64 = 0
            var shift: Int64 = 0
            while position < bytes.endIndex {
                let byte = bytes[position]
                position += 1
                if shift < 64 { result |= Int64(byte & 0x7F) << shift }
                shift += 7
                if byte & 0x80 == 0 {
                    if shift < 64, byte & 0x40 != 0 { result |= -(Int64(1) << shift) }
                    return result
                }
            }
            return nil
        }
    }
}
