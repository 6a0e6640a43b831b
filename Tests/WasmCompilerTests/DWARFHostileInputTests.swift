import Testing
import WasmFrontend
@testable import WasmCompiler

/// Malformed or hostile DWARF never crashes the reader: truncated and
/// corrupted sections of a real module, and hand-made programs with absurd
/// counts, lengths and operands, give fewer rows or no map, with memory
/// bounded by the section sizes.
struct DWARFHostileInputTests {
    /// A deterministic generator (the same damage on every run).
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    nonisolated(unsafe) static let names: [WritableKeyPath<DWARFSections, ArraySlice<UInt8>>] = [
        \.info, \.abbrev, \.line, \.str, \.lineStr, \.strOffsets,
    ]

    /// Builds the map and asks it about every 97th code byte.
    static func exercise(_ sections: DWARFSections, code: Range<Int>) -> Int {
        guard let map = WasmSourceMap.build(sections, code: code) else { return 0 }
        #expect(map.rowCount <= sections.line.count)
        var found = 0
        for offset in stride(from: code.lowerBound, to: code.upperBound, by: 97)
        where map.position(moduleOffset: offset) != nil {
            found += 1
        }
        return found
    }

    @Test func truncatedSectionsOfARealModule() throws {
        let wasm = try DebugFixture.module("crash-O1-dwarf5.wasm")
        let sections = WasmSourceMapTests.sections(wasm)
        let code = try #require(wasm.codeSectionContents)
        let complete = Self.exercise(sections, code: code)
        #expect(complete > 50)
        for name in Self.names {
            let whole = sections[keyPath: name]
            for length in stride(from: 0, to: whole.count, by: max(1, whole.count / 23)) {
                var damaged = sections
                damaged[keyPath: name] = whole.prefix(length)
                #expect(Self.exercise(damaged, code: code) <= complete)
            }
        }
    }

    @Test func corruptedSectionsOfARealModule() throws {
        let wasm = try DebugFixture.module("crash-O0.wasm")
        let sections = WasmSourceMapTests.sections(wasm)
        let code = try #require(wasm.codeSectionContents)
        var random = SplitMix(state: 17)
        for name in Self.names where !sections[keyPath: name].isEmpty {
            for _ in 0..<12 {
                var bytes = Array(sections[keyPath: name])
                for _ in 0..<16 { bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random) }
                var damaged = sections
                damaged[keyPath: name] = bytes[...]
                _ = Self.exercise(damaged, code: code)
            }
        }
        // Pure noise in every section.
        for _ in 0..<20 {
            var noise = DWARFSections()
            for name in Self.names {
                noise[keyPath: name] = (0..<512).map { _ in UInt8.random(in: 0...255, using: &random) }[...]
            }
            _ = Self.exercise(noise, code: code)
        }
    }

    // MARK: Hand-made line programs

    static func le(_ value: UInt64, _ size: Int) -> [UInt8] { (0..<size).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }

    /// A `.debug_line` unit: `tables` are the directory and file tables,
    /// `program` the opcodes.
    static func lineUnit(version: UInt16 = 4, opcodeBase: UInt8 = 13, lineRange: UInt8 = 14, tables: [UInt8],
                         program: [UInt8], headerLength: UInt32? = nil) -> [UInt8] {
        let standard: [UInt8] = [0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1]
        var fields: [UInt8] = [1]                        // minimum_instruction_length
        if version >= 4 { fields.append(1) }             // maximum_operations_per_instruction
        fields += [1, 0xFB, lineRange, opcodeBase]       // default_is_stmt, line_base -5
        fields += (0..<Int(max(opcodeBase, 1)) - 1).map { $0 < standard.count ? standard[$0] : 0 }
        fields += tables
        var unit = le(UInt64(version), 2)
        if version >= 5 { unit += [4, 0] }               // address_size, segment_selector_size
        unit += le(UInt64(headerLength ?? UInt32(fields.count)), 4) + fields + program
        return le(UInt64(unit.count), 4) + unit
    }

    /// `a.c` in directory `/src`, DWARF 4 style.
    static let version4Tables: [UInt8] = Array("/src\0".utf8) + [0] + Array("a.c\0".utf8) + [1, 0, 0] + [0]

    /// Address 0x10: line 42, column 7; 4 bytes later the sequence ends.
    static let program: [UInt8] = [0, 5, 2] + le(0x10, 4) + [5, 7, 3, 41, 1, 2, 4, 0, 1, 1]

    static func map(_ line: [UInt8]) -> WasmSourceMap? {
        WasmSourceMap.build(DWARFSections(line: line[...]), code: 100..<400)
    }

    @Test func wellFormedHandMadeProgram() throws {
        let map = try #require(Self.map(Self.lineUnit(tables: Self.version4Tables, program: Self.program)))
        #expect(map.position(moduleOffset: 100 + 0x10) == SourcePosition(file: "/src/a.c", line: 42, column: 7))
        #expect(map.position(moduleOffset: 100 + 0x13) == SourcePosition(file: "/src/a.c", line: 42, column: 7))
        #expect(map.position(moduleOffset: 100 + 0x14) == nil)
        #expect(map.position(moduleOffset: 100 + 0x0F) == nil)
    }

    @Test func version5WithoutFileFormatsKeepsRowsButNoPaths() {
        // Zero entry formats but a vast entry count: entries would take no
        // bytes, so the table is refused instead of looping or allocating.
        let tables: [UInt8] = [0, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]
        let line = Self.lineUnit(version: 5, tables: tables, program: Self.program)
        #expect(Self.map(line)?.position(moduleOffset: 100 + 0x10) == nil)
        let unit = DWARFLineProgram.unit(at: 0, in: DWARFSections(line: line[...])) { _, value in
            DWARFLineProgram.Address(section: 0, offset: value)
        }
        #expect(unit?.unit.rows.count == 2)
        #expect(unit?.unit.files.files.isEmpty == true)
    }

    @Test func absurdLengthsAndOperands() {
        let cases: [[UInt8]] = [
            // Unit length past the end, 64-bit length past the end, reserved length.
            Self.le(0xFFFF_FF00, 4) + [4, 0],
            [0xFF, 0xFF, 0xFF, 0xFF] + Self.le(UInt64.max, 8) + [4, 0],
            Self.le(0xFFFF_FFF5, 4),
            // Header length past the unit.
            Self.lineUnit(tables: Self.version4Tables, program: Self.program, headerLength: 0xFFFF_FFF0),
            // Line range 0 and opcode base 0 (division by zero, empty opcode table).
            Self.lineUnit(lineRange: 0, tables: Self.version4Tables, program: Self.program),
            Self.lineUnit(opcodeBase: 0, tables: Self.version4Tables, program: Self.program),
            // Opcode base 1: every opcode is special.
            Self.lineUnit(opcodeBase: 1, tables: Self.version4Tables, program: Array(repeating: 0xFF, count: 300)),
            // Huge pc and line advances, an endless LEB128, a set_address of 3 bytes, an extended
            // opcode longer than the unit, set_file and set_column past 32 bits.
            Self.lineUnit(tables: Self.version4Tables, program: [0, 5, 2] + Self.le(0, 4)
                + [2] + Array(repeating: 0xFF, count: 9) + [0x01, 3] + Array(repeating: 0x80, count: 9) + [0x40, 1]),
            Self.lineUnit(tables: Self.version4Tables, program: [0, 5, 2] + Self.le(0, 4) + [2] + Array(repeating: 0x80, count: 40)),
            Self.lineUnit(tables: Self.version4Tables, program: [0, 4, 2, 1, 2, 3, 1]),
            Self.lineUnit(tables: Self.version4Tables, program: [0, 0xFF, 0xFF, 0xFF, 0x0F, 2]),
            Self.lineUnit(tables: Self.version4Tables, program: [0, 5, 2] + Self.le(0, 4)
                + [4, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 5, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 1]),
            // A file table without its terminator, and version 1 and 6.
            Self.lineUnit(tables: Array("/src\0".utf8), program: Self.program),
            Self.lineUnit(version: 1, tables: Self.version4Tables, program: Self.program),
            Self.lineUnit(version: 6, tables: Self.version4Tables, program: Self.program),
        ]
        for line in cases {
            let map = Self.map(line)
            #expect((map?.rowCount ?? 0) <= line.count)
            // The file index past 32 bits names no file.
            _ = map?.position(moduleOffset: 100)
        }
        let fileIndex = Self.map(Self.lineUnit(tables: Self.version4Tables, program: [0, 5, 2] + Self.le(0, 4)
            + [4, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 1, 0, 1, 1]))
        #expect(fileIndex?.position(moduleOffset: 100) == nil)
    }

    // MARK: Hand-made compilation units

    /// A DWARF 5 compile unit whose first entry uses `attributes` (attribute, form) and `values`.
    static func infoUnit(abbreviationOffset: UInt64 = 0, values: [UInt8]) -> [UInt8] {
        let unit = Self.le(5, 2) + [1, 4] + Self.le(abbreviationOffset, 4) + [1] + values
        return Self.le(UInt64(unit.count), 4) + unit
    }

    static func abbreviation(_ attributes: [(UInt8, UInt8)]) -> [UInt8] {
        [1, 0x11, 1] + attributes.flatMap { [$0.0, $0.1] } + [0, 0, 0]
    }

    @Test func compileUnitsWithHostileForms() {
        // DW_AT_name as DW_FORM_strx1 with an index past the table, DW_AT_comp_dir as a
        // DW_FORM_strp past .debug_str, DW_AT_stmt_list as a sec_offset.
        let abbrev = Self.abbreviation([(0x03, 0x25), (0x1b, 0x0e), (0x10, 0x17)])
        let info = Self.infoUnit(values: [0xFF] + Self.le(0xFFFF_FF00, 4) + Self.le(0, 4))
        let units = DWARFCompileUnit.all(in: DWARFSections(info: info[...], abbrev: abbrev[...]))
        #expect(units == [DWARFCompileUnit(name: nil, compilationDirectory: nil, lineProgramOffset: 0)])
        // A chain of DW_FORM_indirect, an unknown form, an abbreviation table offset past the section,
        // a string offsets base that overflows.
        let indirect = Self.abbreviation([(0x03, 0x16)])
        let chain = Self.infoUnit(values: Array(repeating: 0x16, count: 64))
        #expect(DWARFCompileUnit.all(in: DWARFSections(info: chain[...], abbrev: indirect[...])).isEmpty)
        let unknown = Self.abbreviation([(0x03, 0x7F)])
        #expect(DWARFCompileUnit.all(in: DWARFSections(info: chain[...], abbrev: unknown[...])).isEmpty)
        let far = Self.infoUnit(abbreviationOffset: 0xFFFF_FFFF, values: [])
        #expect(DWARFCompileUnit.all(in: DWARFSections(info: far[...], abbrev: abbrev[...])).isEmpty)
        let based = Self.abbreviation([(0x72, 0x17), (0x03, 0x1a)])
        let overflow = Self.infoUnit(values: Self.le(0xFFFF_FFF0, 4) + [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
        let strOffsets = Self.le(0, 8)
        #expect(DWARFCompileUnit.all(in: DWARFSections(info: overflow[...], abbrev: based[...],
                                                       strOffsets: strOffsets[...])).first?.name == nil)
        // A string without its NUL: no name, no crash.
        let strp = Self.abbreviation([(0x03, 0x0e)])
        let text = Self.infoUnit(values: Self.le(0, 4))
        let unterminated = Array("crash.c".utf8)
        #expect(DWARFCompileUnit.all(in: DWARFSections(info: text[...], abbrev: strp[...],
                                                       str: unterminated[...])).first?.name == nil)
        let terminated = unterminated + [0]
        #expect(DWARFCompileUnit.all(in: DWARFSections(info: text[...], abbrev: strp[...],
                                                       str: terminated[...])).first?.name == "crash.c")
    }
}

/// Work and memory stay linear in the section sizes when units overlap or
/// share one huge abbreviation table.
struct DWARFHostileBudgetTests {
    typealias H = DWARFHostileInputTests

    @Test func overlappingLinePrograms() throws {
        // 400 units, each starting 40 bytes after the previous one and claiming
        // the rest of the section; 400 compile units point at them. (Each
        // program stops at the next unit's length, whose zero bytes are a
        // malformed extended opcode; WasmSourceMap also stops reading programs
        // after twice the section's bytes.)
        let count = 400
        let stride = 40
        let total = count * stride + 4000
        var line = [UInt8](repeating: 0x20, count: total)  // special opcodes: one row each
        for index in 0..<count {
            let unit = H.lineUnit(tables: [0, 0], program: [0, 5, 2] + H.le(0, 4))
            let start = index * stride
            var bytes = H.le(UInt64(total - start - 4), 4) + unit.dropFirst(4)
            bytes = Array(bytes.prefix(stride))
            line.replaceSubrange(start..<(start + bytes.count), with: bytes)
        }
        let abbrev = H.abbreviation([(0x10, 0x17)])
        var info: [UInt8] = []
        for index in 0..<count { info += H.infoUnit(values: H.le(UInt64(index * stride), 4)) }
        let sections = DWARFSections(info: info[...], abbrev: abbrev[...], line: line[...])
        #expect(DWARFCompileUnit.all(in: sections).count == count)
        let clock = ContinuousClock()
        var map: WasmSourceMap?
        let elapsed = clock.measure { map = WasmSourceMap.build(sections, code: 0..<Int(UInt32.max)) }
        let rows = map?.rowCount ?? 0
        #expect(rows <= 2 * line.count)
        #expect(elapsed < .seconds(5))
    }

    @Test func sharedHugeAbbreviationTable() {
        // One declaration with many zero-size attributes, used by 2000 units; and
        // a table with no terminator that 2000 units search for a missing code.
        let wide: [UInt8] = [1, 0x11, 1] + Array(repeating: [UInt8]([0x3c, 0x19]), count: 5000).flatMap { $0 } + [0, 0, 0]
        let units = (0..<2000).flatMap { _ in H.infoUnit(values: []) }
        #expect(DWARFCompileUnit.all(in: DWARFSections(info: units[...], abbrev: wide[...])).isEmpty)
        let endless = Array(repeating: [UInt8]([2, 0x11, 0, 0, 0]), count: 20_000).flatMap { $0 }
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(DWARFCompileUnit.all(in: DWARFSections(info: units[...], abbrev: endless[...])).isEmpty)
        }
        #expect(elapsed < .seconds(5))
    }
}
