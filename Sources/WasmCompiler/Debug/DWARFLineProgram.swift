/// Runs the line-number programs of a `.debug_line` section (DWARF 2–5) and
/// returns their rows: which file, line and column start at which address,
/// with each unit's file table. Shared by the JIT's ``LineTable`` (LLVM's
/// ELF output, where lines are Wasm offsets) and ``WasmSourceMap`` (a Wasm
/// module's own DWARF). Malformed input ends the affected program early; it
/// never traps, and what it allocates is bounded by the section's size (a row
/// costs at least one opcode byte, a file entry at least one header byte).
package enum DWARFLineProgram {
    /// A code address as a position in one of the object's sections (a Wasm
    /// module has one: section 0, offsets into the code section's body).
    package struct Address: Hashable, Sendable {
        package var section: Int
        package var offset: UInt64

        package init(section: Int, offset: UInt64) {
            self.section = section
            self.offset = offset
        }
    }

    /// One row of the line table. A row with `endSequence` marks the first
    /// address after a sequence; line 0 means code with no source location.
    package struct Row: Sendable {
        package let address: Address
        package let line: UInt32
        package let column: UInt32
        /// The index into the unit's ``FileTable``.
        package let file: UInt32
        package let endSequence: Bool
    }

    /// One unit: its header's file table and its rows in program order.
    package struct Unit: Sendable {
        package let files: FileTable
        package let rows: [Row]
    }

    /// Turns the operand of `DW_LNE_set_address` (at a slice index of the
    /// section, with its value) into an address; nil drops the sequence's rows.
    package typealias Resolve = (_ operandOffset: Int, _ value: UInt64) -> Address?

    /// The rows of every program in `section`, one unit after the other.
    package static func rows(_ section: ArraySlice<UInt8>, resolve: Resolve) -> [Row] {
        var rows: [Row] = []
        var position = section.startIndex
        let sections = DWARFSections(line: section)
        while position < section.endIndex, let (unit, next) = unit(at: position, in: sections, resolve: resolve) {
            rows += unit.rows
            position = next
        }
        return rows
    }

    /// The unit starting at slice index `start` of `sections.line` and the
    /// index where the next one begins; nil when no unit header fits there.
    /// A unit whose header is damaged has no rows.
    package static func unit(at start: Int, in sections: DWARFSections,
                             resolve: Resolve) -> (unit: Unit, next: Int)? {
        let bytes = sections.line
        guard start >= bytes.startIndex, start < bytes.endIndex else { return nil }
        var cursor = DWARFCursor(bytes: bytes, position: start)
        guard let (length, format) = cursor.unitLength() else { return nil }
        let end = cursor.position + length
        let empty = Unit(files: FileTable(version: 0), rows: [])
        guard let header = Header.read(DWARFCursor(bytes: bytes[..<end], position: cursor.position), format: format)
        else { return (empty, end) }
        var rows: [Row] = []
        run(header, DWARFCursor(bytes: bytes[..<end], position: header.program), resolve: resolve, into: &rows)
        return (Unit(files: header.files, rows: rows), end)
    }

    /// Runs one program to its end (or to the first malformed opcode).
    private static func run(_ header: Header, _ program: DWARFCursor, resolve: Resolve, into rows: inout [Row]) {
        var cursor = program
        let range = header.lineRange
        let minimumLength = header.minimumInstructionLength
        var state = State()
        while let opcode = cursor.fixed(1) {
            if opcode >= header.opcodeBase {
                let adjusted = opcode - header.opcodeBase
                state.advance(by: adjusted / range &* minimumLength)
                state.line &+= header.lineBase + Int64(adjusted % range)
                state.emit(into: &rows)
                continue
            }
            switch opcode {
            case 0:
                guard let size = cursor.uleb(), size > 0, size <= UInt64(cursor.bytes.endIndex - cursor.position)
                else { return }
                let next = cursor.position + Int(size)
                guard let sub = cursor.fixed(1) else { return }
                switch sub {
                case 1:  // end_sequence
                    state.endSequence = true
                    state.emit(into: &rows)
                    state = State()
                case 2:  // set_address: the operand fills the rest of the opcode
                    let operand = cursor.position
                    let size = Int(size) - 1
                    guard [1, 2, 4, 8].contains(size), let value = cursor.fixed(size) else { return }
                    state.address = resolve(operand, value)
                default: break  // define_file, set_discriminator, vendor extensions
                }
                cursor.position = next
            case 1: state.emit(into: &rows)  // copy
            case 2:  // advance_pc
                guard let delta = cursor.uleb() else { return }
                state.advance(by: delta &* minimumLength)
            case 3:  // advance_line
                guard let delta = cursor.sleb() else { return }
                state.line &+= delta
            case 4:  // set_file
                guard let file = cursor.uleb() else { return }
                state.file = UInt32(clamping: file)
            case 5:  // set_column
                guard let column = cursor.uleb() else { return }
                state.column = UInt32(clamping: column)
            case 8: state.advance(by: (255 - header.opcodeBase) / range &* minimumLength)  // const_add_pc
            case 9:  // fixed_advance_pc
                guard let delta = cursor.fixed(2) else { return }
                state.advance(by: delta)
            default:
                // Flags (negate_stmt, basic_block, prologue_end, …) and unknown
                // standard opcodes: skip the ULEB128 operands the header declares.
                for _ in 0..<header.operandCounts[Int(opcode) - 1] {
                    guard cursor.uleb() != nil else { return }
                }
            }
        }
    }

    /// The line-number state machine's registers that matter here.
    private struct State {
        var address: Address?
        var line: Int64 = 1
        var column: UInt32 = 0
        var file: UInt32 = 1
        var endSequence = false

        mutating func advance(by delta: UInt64) {
            address?.offset &+= delta
        }

        func emit(into rows: inout [Row]) {
            guard let address else { return }
            let clamped = line < 0 || line > Int64(UInt32.max) ? 0 : UInt32(line)
            rows.append(Row(address: address, line: clamped, column: column, file: file, endSequence: endSequence))
        }
    }
}
