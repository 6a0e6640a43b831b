import Foundation
import Testing
import Wasmex

/// A trap error carries the Wasm frames it unwound (index and name-section
/// name), and `wasmex run` prints them.
struct ControlBacktraceTests {
    /// The binary of this module, with its name section (WasmKit's WAT encoder
    /// drops `$names`, so the bytes come from `wasm-tools parse`):
    ///
    ///     (module
    ///       (func $unused)
    ///       (func $inner (param $x i32) (result i32)
    ///         (i32.div_s (i32.const 7) (local.get $x)))
    ///       (func $middle (param $x i32) (result i32)
    ///         (i32.add (call $inner (local.get $x)) (i32.const 1)))
    ///       (func $outer (export "outer") (param $x i32) (result i32)
    ///         (i32.mul (call $middle (local.get $x)) (i32.const 3))))
    static let wasm: [UInt8] = [
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x09, 0x02, 0x60, 0x00, 0x00, 0x60,
        0x01, 0x7f, 0x01, 0x7f, 0x03, 0x05, 0x04, 0x00, 0x01, 0x01, 0x01, 0x07, 0x09, 0x01, 0x05,
        0x6f, 0x75, 0x74, 0x65, 0x72, 0x00, 0x03, 0x0a, 0x20, 0x04, 0x02, 0x00, 0x0b, 0x07, 0x00,
        0x41, 0x07, 0x20, 0x00, 0x6d, 0x0b, 0x09, 0x00, 0x20, 0x00, 0x10, 0x01, 0x41, 0x01, 0x6a,
        0x0b, 0x09, 0x00, 0x20, 0x00, 0x10, 0x02, 0x41, 0x03, 0x6c, 0x0b, 0x00, 0x38, 0x04, 0x6e,
        0x61, 0x6d, 0x65, 0x01, 0x1f, 0x04, 0x00, 0x06, 0x75, 0x6e, 0x75, 0x73, 0x65, 0x64, 0x01,
        0x05, 0x69, 0x6e, 0x6e, 0x65, 0x72, 0x02, 0x06, 0x6d, 0x69, 0x64, 0x64, 0x6c, 0x65, 0x03,
        0x05, 0x6f, 0x75, 0x74, 0x65, 0x72, 0x02, 0x10, 0x03, 0x01, 0x01, 0x00, 0x01, 0x78, 0x02,
        0x01, 0x00, 0x01, 0x78, 0x03, 0x01, 0x00, 0x01, 0x78,
    ]

    /// Calls `outer(0)` (7 / 0 in `inner`) and returns the trap it throws.
    private func trap(optimization: OptimizationLevel) throws -> Trap? {
        let engine = try Engine(Engine.Configuration(optimization: optimization))
        let store = Store(engine: engine)
        let module = try Module(engine: engine, bytes: Self.wasm)
        #expect(module.wasm.names.functionNames[2] == "middle")
        let instance = try Instance(store: store, module: module, imports: Imports())
        let outer = try instance.function(named: "outer")
        #expect(try outer.call([.i32(7)]) == [.i32(6)])
        do {
            _ = try outer.call([.i32(0)])
            Issue.record("expected a trap")
            return nil
        } catch WasmexError.trap(let trap) {
            return trap
        }
    }

    @Test func framesListInnerMiddleOuterUnoptimized() throws {
        let trap = try #require(try trap(optimization: .o0))
        #expect(trap.code == .integerDivideByZero)
        #expect(trap.frames == [
            WasmFrame(functionIndex: 1, name: "inner"),
            WasmFrame(functionIndex: 2, name: "middle"),
            WasmFrame(functionIndex: 3, name: "outer"),
        ])
        #expect(trap.frames.first?.description == "func 1 (inner)")
        #expect(trap.message == "integer divide by zero")
        #expect(trap.description == """
            integer divide by zero
            wasm backtrace:
                0: func 1 (inner)
                1: func 2 (middle)
                2: func 3 (outer)
            """)
        #expect(WasmexError.trap(trap).description.hasPrefix("trap: integer divide by zero\nwasm backtrace:"))
    }

    /// With inlining, callees may fold into their caller; the outermost
    /// (exported) frame is always there and every frame is one of ours.
    @Test func optimizedFramesEndAtTheExport() throws {
        let trap = try #require(try trap(optimization: .o2))
        #expect(trap.code == .integerDivideByZero)
        #expect(trap.frames.last == WasmFrame(functionIndex: 3, name: "outer"))
        #expect(trap.frames.allSatisfy { (1...3).contains($0.functionIndex) })
    }

    /// Each trap carries its own frames: a second, different trap does not
    /// see the first one's, and errors compare by code, frames and message.
    @Test func everyTrapHasItsOwnFrames() throws {
        let first = try #require(try trap(optimization: .o0))
        let second = try #require(try trap(optimization: .o0))
        #expect(first == second)
        #expect(Set([first, second]).count == 1)
        #expect(first != Trap(.integerDivideByZero))
        #expect(Trap(.unreachable).frames.isEmpty)
        #expect(Trap(.unreachable).description == "unreachable")
    }

    @Test(.enabled(if: CLIHarness.binary != nil))
    func runPrintsTheBacktrace() throws {
        let scratch = try SpecTestSupport.makeScratch()
        defer { SpecTestSupport.removeScratch(scratch) }
        let path = scratch + "/backtrace.wasm"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(Self.wasm)))
        let output = try CLIHarness.run(["run", "-O0", "--invoke", "outer", path, "0"])
        #expect(output.status == 134)
        #expect(output.stderr.contains("wasm trap: integer divide by zero"), "stderr: \(output.stderr)")
        #expect(output.stderr.contains(
            "wasm backtrace:\n    0: func 1 (inner)\n    1: func 2 (middle)\n    2: func 3 (outer)"),
                "stderr: \(output.stderr)")
    }

    @Test(.enabled(if: CLIHarness.binary != nil))
    func runPrintsOffsetsWithBacktraceDetails() throws {
        let scratch = try SpecTestSupport.makeScratch()
        defer { SpecTestSupport.removeScratch(scratch) }
        let path = scratch + "/backtrace.wasm"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(Self.wasm)))
        let output = try CLIHarness.run(["run", "-O0", "--backtrace-details", "--invoke", "outer", path, "0"])
        #expect(output.status == 134)
        #expect(output.stderr.contains(
            "wasm backtrace:\n    0: 0x31 - func 1 (inner)\n    1: 0x37 - func 2 (middle)\n    2: 0x41 - func 3 (outer)"),
                "stderr: \(output.stderr)")
    }

    @Test(.enabled(if: CLIHarness.binary != nil))
    func runPrintsTheBacktraceOfATextModule() throws {
        let scratch = try SpecTestSupport.makeScratch()
        defer { SpecTestSupport.removeScratch(scratch) }
        let path = scratch + "/backtrace.wat"
        let wat = "(module (func $leaf unreachable) (func $caller (export \"run\") (call $leaf)))"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(wat.utf8)))
        let output = try CLIHarness.run(["run", "-O0", "--invoke", "run", path])
        #expect(output.status == 134)
        #expect(output.stderr.contains("wasm trap: unreachable\nwasm backtrace:\n    0: func 0 (leaf)\n    1: func 1 (caller)"),
                "stderr: \(output.stderr)")
    }
}
