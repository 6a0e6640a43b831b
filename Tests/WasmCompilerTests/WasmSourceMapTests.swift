import Testing
import WasmFrontend
@testable import WasmCompiler

/// A Wasm module's own DWARF, read by `WasmSourceMap`: file, line and column
/// of an instruction, checked against the fixture's source (crash.c line 10
/// is `return numerator / denominator;`, the division at column 22).
struct WasmSourceMapTests {
    static let crash = DebugFixture.sourceDirectory + "/crash.c"

    @Test(arguments: ["crash-O0.wasm", "crash-O1-dwarf5.wasm"])
    func divisionMapsToItsSourceLine(fixture: String) throws {
        let wasm = try DebugFixture.module(fixture)
        let map = try #require(WasmSourceMap.build(wasm))
        let divide = try #require(try DebugFixture.offset(in: wasm, function: "divide") { $0 == .numeric(.i32DivS) })
        #expect(map.position(moduleOffset: divide) == SourcePosition(file: Self.crash, line: 10, column: 22))
        // `check`'s trap is `__builtin_trap()` on line 20, column 22.
        let trap = try #require(try DebugFixture.offset(in: wasm, function: "check") { $0 == .unreachable })
        #expect(map.position(moduleOffset: trap) == SourcePosition(file: Self.crash, line: 20, column: 22))
    }

    /// DWARF 4 (clang's default for wasm32) and DWARF 5 really are what the fixtures hold.
    @Test(arguments: [("crash-O0.wasm", 4), ("crash-O1-dwarf5.wasm", 5)])
    func fixturesCarryTheExpectedVersion(fixture: String, version: Int) throws {
        let wasm = try DebugFixture.module(fixture)
        let sections = Self.sections(wasm)
        let units = DWARFCompileUnit.all(in: sections)
        let unit = try #require(units.first { $0.name == "crash.c" })
        #expect(unit.compilationDirectory == DebugFixture.sourceDirectory)
        let offset = try #require(unit.lineProgramOffset)
        let start = sections.line.startIndex + Int(offset)
        let program = try #require(DWARFLineProgram.unit(at: start, in: sections) { _, value in
            DWARFLineProgram.Address(section: 0, offset: value)
        })
        #expect(program.unit.files.version == version)
        #expect(program.unit.rows.contains { $0.line == 10 && $0.column == 22 })
        #expect(program.unit.rows.last?.endSequence == true)
        // wasi-libc's own units (DWARF 4 in Debian's package) are there too.
        #expect(units.count > 10)
    }

    @Test func cxxFixtureNamesItsSourceFile() throws {
        let wasm = try DebugFixture.module("shapes.wasm")
        let map = try #require(WasmSourceMap.build(wasm))
        let trap = try #require(try DebugFixture.offset(in: wasm, function: "_ZNK8geometry4GridIiE2atEii") {
            $0 == .unreachable
        })
        #expect(map.position(moduleOffset: trap) == SourcePosition(file: DebugFixture.sourceDirectory + "/shapes.cpp",
                                                                   line: 7, column: 22))
    }

    @Test func offsetsOutsideTheCodeHaveNoPosition() throws {
        let wasm = try DebugFixture.module("crash-O0.wasm")
        let map = try #require(WasmSourceMap.build(wasm))
        let code = try #require(wasm.codeSectionContents)
        #expect(map.position(moduleOffset: 0) == nil)
        #expect(map.position(moduleOffset: code.lowerBound - 1) == nil)
        #expect(map.position(moduleOffset: code.upperBound + 1) == nil)
        #expect(map.position(moduleOffset: Int.max) == nil)
        #expect(map.position(moduleOffset: -5) == nil)
    }

    @Test func moduleWithoutDWARFHasNoMap() throws {
        let wasm = try WasmModule.parse(text: "(module (func (export \"f\") unreachable))")
        #expect(WasmSourceMap.build(wasm) == nil)
    }

    /// What building the map costs for the C fixture (wasi-libc's DWARF
    /// included): printed, so a run shows it; its rows are bounded by the
    /// size of `.debug_line`.
    @Test func buildCostIsPrinted() throws {
        let wasm = try DebugFixture.module("crash-O0.wasm")
        let lineBytes = Self.sections(wasm).line.count
        let clock = ContinuousClock()
        var map: WasmSourceMap?
        let elapsed = clock.measure { for _ in 0..<10 { map = WasmSourceMap.build(wasm) } }
        let built = try #require(map)
        #expect(built.rowCount > 1000 && built.rowCount <= lineBytes)
        let divide = try #require(try DebugFixture.offset(in: wasm, function: "divide") { $0 == .numeric(.i32DivS) })
        let lookups = clock.measure { for _ in 0..<10_000 { _ = built.position(moduleOffset: divide) } }
        print("source map: \(built.rowCount) rows from \(lineBytes) bytes of .debug_line, built in \(elapsed / 10); "
              + "one lookup \(lookups / 10_000)")
    }

    static func sections(_ wasm: WasmModule) -> DWARFSections {
        var sections = DWARFSections()
        for custom in wasm.customSections {
            let payload = wasm.slice(custom.payload)
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
        return sections
    }
}
