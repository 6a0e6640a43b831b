import WasmFrontend

/// A source position from a Wasm module's own DWARF: what
/// ``WasmSourceMap/position(moduleOffset:)`` returns.
package struct SourcePosition: Sendable, Hashable {
    package var file: String
    package var line: Int
    /// Nil when DWARF gives column 0 ("unknown").
    package var column: Int?

    package init(file: String, line: Int, column: Int?) {
        self.file = file
        self.line = line
        self.column = column
    }
}

/// Maps byte offsets of a Wasm module to source file, line and column through
/// the line tables of the DWARF the producer left in custom sections
/// (`.debug_line`, with `.debug_info`/`.debug_abbrev` for each compilation
/// unit's program and directory, and the string sections).
///
/// Built once per module, on demand (trap backtrace details); the table keeps
/// one 20-byte entry per row, at most two rows per byte of `.debug_line`, and
/// paths are only put together for the rows asked for. In Wasm DWARF an
/// address is an offset from the start of the code section's contents.
package final class WasmSourceMap: Sendable {
    private struct Unit {
        let files: DWARFLineProgram.FileTable
        let compilationDirectory: String?
    }

    private struct Entry {
        /// `UInt32.max`: no location (after a sequence's end).
        var unit: UInt32
        var file: UInt32
        var line: UInt32
        var column: UInt32
    }

    private let sections: DWARFSections
    private let codeStart: Int
    private let units: [Unit]
    /// Row addresses (code section offsets), sorted; `entries` parallel.
    private let addresses: [UInt32]
    private let entries: [Entry]

    /// The number of rows kept (for tests and measurements).
    package var rowCount: Int { addresses.count }

    /// The map of `module`, or nil when it has no code section or no usable
    /// `.debug_line` rows.
    package static func build(_ module: WasmModule) -> WasmSourceMap? {
        guard let code = module.codeSectionContents else { return nil }
        var sections = DWARFSections()
        var seen: Set<String> = []
        for custom in module.customSections where custom.name.hasPrefix(".debug_") && seen.insert(custom.name).inserted {
            let payload = module.slice(custom.payload)
            switch custom.name {
            case ".debug_info": sections.info = payload
            case ".debug_abbrev": sections.abbrev = payload
            case ".debug_line": sections.line = payload
            case ".debug_str": sections.str = payload
            case ".debug_line_str": sections.lineStr = payload
            case ".debug_str_offsets": sections.strOffsets = payload
            default: break
            }
        }
        return build(sections, code: code)
    }

    /// The map of DWARF `sections` for a module whose code section contents
    /// lie at `code` in its bytes; nil without usable `.debug_line` rows.
    package static func build(_ sections: DWARFSections, code: Range<Int>) -> WasmSourceMap? {
        guard !sections.line.isEmpty else { return nil }
        let map = WasmSourceMap(sections: sections, codeStart: code.lowerBound, codeSize: code.count)
        return map.addresses.isEmpty ? nil : map
    }

    private init(sections: DWARFSections, codeStart: Int, codeSize: Int) {
        self.sections = sections
        self.codeStart = codeStart
        // Each compilation unit names its program; without `.debug_info`,
        // every program in `.debug_line` counts, with no directory.
        var programs: [(offset: Int, directory: String?)] = []
        var offsets: Set<UInt64> = []
        for unit in DWARFCompileUnit.all(in: sections) {
            guard let offset = unit.lineProgramOffset, offset < UInt64(sections.line.count),
                  offsets.insert(offset).inserted else { continue }
            programs.append((sections.line.startIndex + Int(offset), unit.compilationDirectory))
        }
        let resolve: DWARFLineProgram.Resolve = { _, value in
            value <= UInt64(codeSize) ? DWARFLineProgram.Address(section: 0, offset: value) : nil
        }
        var units: [Unit] = []
        var rows: [(address: UInt32, entry: Entry, order: Int)] = []
        func add(_ unit: DWARFLineProgram.Unit, directory: String?) {
            let index = UInt32(units.count)
            units.append(Unit(files: unit.files, compilationDirectory: directory))
            for row in unit.rows where row.address.offset <= UInt64(codeSize) {
                let entry = Entry(unit: row.endSequence ? UInt32.max : index, file: row.file, line: row.line,
                                  column: row.column)
                rows.append((UInt32(row.address.offset), entry, rows.count))
            }
        }
        if programs.isEmpty {
            var position = sections.line.startIndex
            while let (unit, next) = DWARFLineProgram.unit(at: position, in: sections, resolve: resolve) {
                add(unit, directory: nil)
                position = next
            }
        } else {
            // Units may claim overlapping programs (hostile `DW_AT_stmt_list`s):
            // reading stops once twice the section's bytes have been run, so
            // time and rows stay linear in its size.
            var budget = 2 * sections.line.count
            for program in programs {
                var cursor = DWARFCursor(bytes: sections.line, position: program.offset)
                guard let (length, _) = cursor.unitLength(), length <= budget else { continue }
                budget -= length
                guard let (unit, _) = DWARFLineProgram.unit(at: program.offset, in: sections, resolve: resolve)
                else { continue }
                add(unit, directory: program.directory)
            }
        }
        // At one address the row that comes later wins, except that a
        // sequence's end never hides the start of the next one.
        rows.sort { $0.address != $1.address ? $0.address < $1.address : $0.order < $1.order }
        var addresses: [UInt32] = []
        var entries: [Entry] = []
        addresses.reserveCapacity(rows.count)
        entries.reserveCapacity(rows.count)
        for row in rows {
            if let last = addresses.last, last == row.address {
                if row.entry.unit != UInt32.max { entries[entries.count - 1] = row.entry }
            } else {
                addresses.append(row.address)
                entries.append(row.entry)
            }
        }
        self.units = units
        self.addresses = addresses
        self.entries = entries
    }

    /// The source position of the instruction at byte `moduleOffset` of the
    /// module, if its DWARF gives one (a row with a line and a known file).
    package func position(moduleOffset: Int) -> SourcePosition? {
        guard moduleOffset >= codeStart, let address = UInt32(exactly: moduleOffset - codeStart) else { return nil }
        var low = 0
        var high = addresses.count
        while low < high {  // first row past `address`
            let mid = (low + high) / 2
            if addresses[mid] <= address { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return nil }
        let entry = entries[low - 1]
        guard entry.unit != UInt32.max, entry.line != 0 else { return nil }
        let unit = units[Int(entry.unit)]
        guard let file = unit.files.path(ofFile: entry.file, compilationDirectory: unit.compilationDirectory,
                                         sections: sections) else { return nil }
        return SourcePosition(file: file, line: Int(entry.line), column: entry.column == 0 ? nil : Int(entry.column))
    }
}
