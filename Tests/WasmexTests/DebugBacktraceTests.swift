import Foundation
import Testing
import Wasmex

/// Source-level trap backtraces: with `backtraceDetails`, frames of a module
/// built with `-g` carry the file, line and column of their instruction from
/// the module's own DWARF. `Fixtures/debug/crash.c`: `divide` divides on line
/// 10 (column 22), `average` calls it on line 16 (column 12), `main` calls
/// `average` on line 26 (column 18) and `check` on line 25 (column 19),
/// `check` traps with `__builtin_trap()` on line 20 (column 22).
struct DebugBacktraceTests {
    static let crash = "/wasmex/Fixtures/debug/crash.c"

    static func location(_ line: Int, _ column: Int, file: String = crash) -> WasmFrame.SourceLocation {
        WasmFrame.SourceLocation(file: file, line: line, column: column)
    }

    static func module(_ fixture: String, optimization: OptimizationLevel = .o0, details: Bool = true) throws -> Module {
        let engine = try Engine(Engine.Configuration(optimization: optimization, backtraceDetails: details))
        let path = SpecTestSupport.fixture("debug/" + fixture)
        let bytes = try #require(FileManager.default.contents(atPath: path), "missing fixture \(path)")
        return try Module(engine: engine, bytes: [UInt8](bytes))
    }

    /// Runs the WASI program with `arguments` and returns its trap.
    static func trap(_ module: Module, _ arguments: [String]) throws -> Trap? {
        let store = Store(engine: module.engine)
        let instance = try Instance(store: store, module: module, imports: Imports(),
                                    wasi: WasiOptions(args: ["crash"] + arguments, stdout: .pipe(WasmexWASI.Pipe())))
        return TrapFrameFixture.trap { _ = try instance.runCommand() }
    }

    @Test(arguments: ["crash-O0.wasm", "crash-O1-dwarf5.wasm"])
    func divideByZeroNamesTheSourceLines(fixture: String) throws {
        let module = try Self.module(fixture)
        #expect(!module.sourceMap.isBuilt)
        let trap = try #require(try Self.trap(module, ["0"]))
        #expect(trap.code == .integerDivideByZero)
        #expect(module.sourceMap.isBuilt)
        try #require(trap.frames.count >= 3)
        #expect(trap.frames.prefix(3).map(\.name) == ["divide", "average", "main"])
        #expect(trap.frames.prefix(3).map(\.sourceLocation) == [Self.location(10, 22), Self.location(16, 12),
                                                                 Self.location(26, 18)])
        // wasi-libc's frames below main have DWARF too; `__main_void` has none.
        #expect(trap.frames.contains { $0.name == "__main_void" && $0.sourceLocation == nil })
        let first = try #require(trap.frames.first?.codeOffset)
        #expect(trap.description.contains(
            "\n    0: 0x\(String(first, radix: 16)) - func 8 (divide) at \(Self.crash):10:22\n"))
    }

    @Test func builtinTrapNamesItsLine() throws {
        let module = try Self.module("crash-O0.wasm")
        let trap = try #require(try Self.trap(module, ["1", "500"]))
        #expect(trap.code == .unreachable)
        #expect(trap.frames.prefix(2).map(\.sourceLocation) == [Self.location(20, 22), Self.location(25, 19)])
    }

    /// The C++ fixture keeps mangled names in its name section; frames demangle them.
    @Test func cxxFramesAreDemangled() throws {
        let module = try Self.module("shapes.wasm")
        let trap = try #require(try Self.trap(module, []))
        try #require(trap.frames.count >= 3)
        let shapes = "/wasmex/Fixtures/debug/shapes.cpp"
        #expect(trap.frames[0].name == "_ZNK8geometry4GridIiE2atEii")
        #expect(trap.frames[0].demangledName == "geometry::Grid<int>::at(int, int) const")
        #expect(trap.frames[1].demangledName == "geometry::corner(geometry::Grid<int> const&, int)")
        #expect(trap.frames.prefix(3).map(\.sourceLocation) == [Self.location(7, 22, file: shapes),
                                                                 Self.location(11, 84, file: shapes),
                                                                 Self.location(15, 25, file: shapes)])
        #expect(trap.description.contains("func 9 (geometry::Grid<int>::at(int, int) const) at \(shapes):7:22"))
    }

    /// Without details there are no offsets, so no source locations, and the
    /// DWARF is never read.
    @Test func withoutDetailsNothingIsRead() throws {
        let module = try Self.module("crash-O0.wasm", details: false)
        let trap = try #require(try Self.trap(module, ["0"]))
        #expect(trap.frames.count >= 3)
        #expect(trap.frames.allSatisfy { $0.sourceLocation == nil && $0.codeOffset == nil })
        #expect(!module.sourceMap.isBuilt)
        #expect(!trap.description.contains(" at "))
    }

    /// Optimised by our compiler (O2, the default), every Wasm function keeps
    /// its frame and line: with details on, nothing is inlined.
    @Test func optimizedFramesKeepTheirLines() throws {
        let module = try Self.module("crash-O0.wasm", optimization: .o2)
        let trap = try #require(try Self.trap(module, ["0"]))
        try #require(trap.frames.count >= 3)
        #expect(trap.frames.prefix(3).map(\.name) == ["divide", "average", "main"])
        #expect(trap.frames.prefix(3).map(\.sourceLocation) == [Self.location(10, 22), Self.location(16, 12),
                                                                 Self.location(26, 18)])
    }

    /// A serialized (AOT) module carries the Wasm bytes, DWARF included.
    @Test func serializedModuleKeepsSourceLocations() throws {
        let compiled = try Self.module("crash-O0.wasm", optimization: .o1)
        let expected = try #require(try Self.trap(compiled, ["0"])).frames
        #expect(expected.first?.sourceLocation == Self.location(10, 22))
        let loaded = try Module.deserialize(engine: compiled.engine, bytes: try compiled.serialize())
        #expect(try Self.trap(loaded, ["0"])?.frames == expected)
    }

    /// No DWARF: offsets as before, no locations.
    @Test func moduleWithoutDWARF() throws {
        let engine = try Engine(Engine.Configuration(optimization: .o0, backtraceDetails: true))
        let module = try Module(engine: engine, bytes: ControlBacktraceTests.wasm)
        let instance = try Instance(store: Store(engine: engine), module: module, imports: Imports())
        let trap = try #require(TrapFrameFixture.trap { _ = try instance.call("outer", [.i32(0)]) })
        #expect(trap.frames.map(\.codeOffset) == [0x31, 0x37, 0x41])
        #expect(trap.frames.allSatisfy { $0.sourceLocation == nil })
        #expect(module.sourceMap.isBuilt)
    }

    /// Garbage in the DWARF sections gives no locations, never a crash.
    @Test(arguments: [".debug_line", ".debug_info", ".debug_abbrev"])
    func garbageDWARFIsHarmless(section: String) throws {
        var random = SystemRandomNumberGenerator()
        for length in [0, 1, 4, 13, 300] {
            var payload = Array(section.utf8)
            payload.insert(UInt8(payload.count), at: 0)
            let garbage: [UInt8] = length == 13 ? [0xFF, 0xFF, 0xFF, 0xFF] + Array(repeating: 0xFF, count: 9)
                : (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            payload += garbage
            let custom: [UInt8] = [0x00] + Self.leb(payload.count) + payload
            let engine = try Engine(Engine.Configuration(optimization: .o0, backtraceDetails: true))
            let module = try Module(engine: engine, bytes: ControlBacktraceTests.wasm + custom)
            let instance = try Instance(store: Store(engine: engine), module: module, imports: Imports())
            let trap = try #require(TrapFrameFixture.trap { _ = try instance.call("outer", [.i32(0)]) })
            #expect(trap.frames.map(\.codeOffset) == [0x31, 0x37, 0x41])
            #expect(trap.frames.allSatisfy { $0.sourceLocation == nil })
        }
    }

    static func leb(_ value: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var rest = value
        repeat {
            var byte = UInt8(rest & 0x7F)
            rest >>= 7
            if rest != 0 { byte |= 0x80 }
            bytes.append(byte)
        } while rest != 0
        return bytes
    }

    @Test func frameDescriptions() {
        let frame = WasmFrame(functionIndex: 3, name: "_ZN5crash6divide17h0123456789abcdefE", codeOffset: 0x2b,
                              sourceLocation: WasmFrame.SourceLocation(file: "src/lib.rs", line: 75, column: 5))
        #expect(frame.description == "0x2b - func 3 (crash::divide) at src/lib.rs:75:5")
        #expect(WasmFrame.SourceLocation(file: "a.c", line: 3).description == "a.c:3")
        #expect(WasmFrame(functionIndex: 1, name: "plain").demangledName == "plain")
        #expect(WasmFrame(functionIndex: 1, name: nil).demangledName == nil)
    }
}
