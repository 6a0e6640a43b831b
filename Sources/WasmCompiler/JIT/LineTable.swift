/// Maps native code addresses of one loaded object to the Wasm byte offsets
/// of the operators they were compiled from (trap backtrace details).
///
/// The compiler records each operator's offset in the module bytes as the
/// DWARF line of its instructions (see `SourceLocations`, only when
/// ``CompilerOptions/backtraceDetails`` is on). At load time — of a JIT
/// object or an AOT file alike — this table runs the object's `.debug_line`
/// programs, applies the `.rela.debug_line` relocations to place each
/// sequence in its section, and moves the rows to load addresses through
/// ``PlacedObject``, as ``FunctionAddressMap`` does. Objects without `.debug_line` (details off)
/// give the empty table after reading the section headers only.
///
/// Limits: ELF (64-bit, little-endian) objects only; other formats give the
/// empty table.
package struct LineTable: Sendable {
    /// Rows sorted by address; `offset` 0 means "no operator here".
    private let addresses: [UInt64]
    private let offsets: [UInt32]

    /// A table that knows no address.
    package static let empty = LineTable(addresses: [], offsets: [])

    private init(addresses: [UInt64], offsets: [UInt32]) {
        self.addresses = addresses
        self.offsets = offsets
    }

    /// One table for the rows of several objects (a partitioned module);
    /// each object's rows end with an end-of-sequence row, so no object's
    /// last row extends into another's code.
    static func merging(_ tables: [LineTable]) -> LineTable {
        guard tables.count > 1 else { return tables.first ?? .empty }
        let rows = tables.flatMap { zip($0.addresses, $0.offsets) }.sorted { $0.0 < $1.0 }
        return LineTable(addresses: rows.map(\.0), offsets: rows.map(\.1))
    }

    /// Whether the table has any rows.
    package var isEmpty: Bool { addresses.isEmpty }

    /// The Wasm byte offset (in the module bytes) of the operator whose code
    /// contains `address`, if known. For a return address, look up
    /// `address - 1` to land in the call instruction.
    package func wasmOffset(at address: UInt64) -> Int? {
        var low = 0
        var high = addresses.count
        // First row whose address is greater than `address`.
        while low < high {
            let mid = (low + high) / 2
            if addresses[mid] <= address { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return nil }
        let offset = offsets[low - 1]
        return offset == 0 ? nil : Int(offset)
    }

    /// Reads `object`'s line table and places it using the resolved symbol
    /// `addresses` (name → load address).
    static func build(object: [UInt8], addresses: [String: UInt64]) -> LineTable {
        PlacedObject(object: object, addresses: addresses).map(build) ?? .empty
    }

    /// Reads the line table of an object already placed in memory.
    static func build(_ placed: PlacedObject) -> LineTable {
        let elf = placed.elf
        guard let lineSection = elf.sectionIndex(named: ".debug_line") else { return .empty }
        let symbols = placed.symbols
        let relocations = elf.relocations(for: lineSection)
        let contents = elf.contents(of: lineSection)
        let rows = DWARFLineProgram.rows(contents) { operandOffset, _ in
            guard let relocation = relocations[UInt64(operandOffset - contents.startIndex)],
                  symbols.indices.contains(relocation.symbol) else { return nil }
            let symbol = symbols[relocation.symbol]
            guard symbol.section != 0 else { return nil }
            return DWARFLineProgram.Address(section: symbol.section,
                                            offset: symbol.value &+ UInt64(bitPattern: relocation.addend))
        }
        var placedRows: [(address: UInt64, offset: UInt32, order: Int)] = []
        placedRows.reserveCapacity(rows.count)
        for (order, row) in rows.enumerated() {
            guard let address = placed.loadAddress(section: row.address.section, offset: row.address.offset) else { continue }
            placedRows.append((address, row.endSequence ? 0 : row.line, order))
        }
        // At one address the row that comes later in its program wins, except
        // that a sequence's end (0) never hides the start of the next one.
        placedRows.sort { $0.address != $1.address ? $0.address < $1.address : $0.order < $1.order }
        var addresses: [UInt64] = []
        var offsets: [UInt32] = []
        addresses.reserveCapacity(placedRows.count)
        offsets.reserveCapacity(placedRows.count)
        for row in placedRows {
            if let last = addresses.last, last == row.address {
                if row.offset != 0 { offsets[offsets.count - 1] = row.offset }
            } else {
                addresses.append(row.address)
                offsets.append(row.offset)
            }
        }
        return LineTable(addresses: addresses, offsets: offsets)
    }
}
