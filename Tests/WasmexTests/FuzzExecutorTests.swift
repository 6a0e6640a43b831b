import Foundation
import Testing
import Wasmex
import WasmCompiler
import WasmexSpec
import WasmFrontend

/// The Wasmex side of the differential fuzzer (`wasmex fuzz-exec`,
/// Tests/Fuzz): modes, value text, checksums and what an observation records.
struct FuzzExecutorTests {
    @Test func modesParseAndPrint() {
        #expect(FuzzMode("jit-o2-guard") == FuzzMode(compilation: .jit, optimization: .o2, memory: .guardPages))
        #expect(FuzzMode("AOT-O0-explicit")?.description == "aot-o0-explicit")
        #expect(FuzzMode("jit-o4-guard") == nil)
        #expect(FuzzMode("jit-o2") == nil)
        #expect(FuzzMode("wasm-o2-guard") == nil)
        #expect(FuzzMode("tiered-o2-explicit") == FuzzMode(compilation: .jit, optimization: .o2, memory: .explicitChecks, tiered: true))
        #expect(FuzzMode("tiered-o2-explicit")?.description == "tiered-o2-explicit")
        #expect(FuzzMode("tiered-o2-explicit")?.configuration.compilation == .tiered)
        #expect(FuzzMode("jit-o2-explicit")?.configuration.compilation == .eager)
        #expect(FuzzMode.defaults.map(\.description).count == 4)
    }

    /// The memory checksum must equal Python's zlib.crc32 on the oracle side.
    @Test func crc32MatchesZlib() {
        let text = Array("123456789".utf8)
        #expect(text.withUnsafeBytes { CRC32.checksum($0) } == 0xCBF4_3926)
        #expect([UInt8]().withUnsafeBytes { CRC32.checksum($0) } == 0)
        #expect([UInt8](repeating: 0, count: 65536).withUnsafeBytes { CRC32.checksum($0) } == 0xD797_8EEB)
    }

    @Test func valuesAreExactBits() {
        #expect(FuzzValueText.text(.i32(-1)) == "i32:ffffffff")
        #expect(FuzzValueText.text(.i64(42)) == "i64:000000000000002a")
        #expect(FuzzValueText.text(.f32(Float(bitPattern: 0x7FA0_0001))) == "f32:7fa00001")
        #expect(FuzzValueText.text(.f64(-0.0)) == "f64:8000000000000000")
        #expect(FuzzValueText.text(.v128(V128(bytes: Array(0..<16)))) == "v128:000102030405060708090a0b0c0d0e0f")
        #expect(FuzzValueText.text(.funcRef(nil)) == "funcref:null")
        #expect(FuzzValueText.text(.externRef(nil)) == "externref:null")
        #expect(FuzzValueText.text(.exnRef(nil)) == "exnref:null")
    }

    /// The WebAssembly 3.0 features the generator enables: an uncaught
    /// exception (from a call, through a tail call, or from the start
    /// function) is the `uncaught-exception` category; every exported memory
    /// (32- and 64-bit) and table (64-bit, exnref) is observed; tags are not.
    @Test(arguments: ["jit-o2-explicit", "jit-o0-explicit", "aot-o2-explicit"])
    func observationHandlesWasm3Features(mode: String) throws {
        let wat = """
            (module
              (tag $t (export "tag") (param i32))
              (memory (export "m0") 1 1)
              (memory (export "m1") i64 0 2)
              (table (export "t64") i64 2 funcref)
              (table (export "te") 1 exnref)
              (global (export "g") i32 (i32.add (i32.const 40) (i32.const 2)))
              (func $throw (export "throw") (i32.const 1) (throw $t))
              (func (export "tail") (return_call $throw))
              (func (export "caught") (result exnref)
                (block $h (result exnref) (try_table (catch_all_ref $h) (call $throw)) (ref.null exn)))
              (func (export "grow") (result i64) (memory.grow 1 (i64.const 1))))
            """
        let executor = try FuzzExecutor(mode: try #require(FuzzMode(mode)))
        let observation = executor.observe(try WasmModule.parse(text: wat), path: "wasm3.wat")
        #expect(observation.status == "ok")
        #expect(observation.steps.map(\.call) == [nil, "throw", "tail", "caught", "grow"])
        #expect(observation.steps[0].state.globals == ["i32:0000002a"])
        #expect(observation.steps[0].state.memories == ["65536:d7978eeb", "0:00000000"])
        #expect(observation.steps[0].state.tables == ["2:nn", "1:n"])
        #expect(observation.steps[1].trap == "uncaught-exception")
        #expect(observation.steps[2].trap == "uncaught-exception")
        #expect(observation.steps[3].results == ["exnref:ref"])
        #expect(observation.steps[4].results == ["i64:0000000000000000"])
        #expect(observation.steps[4].state.memories == ["65536:d7978eeb", "65536:d7978eeb"])

        let throwing = try WasmModule.parse(text: "(module (tag $t) (func $s (throw $t)) (start $s))")
        #expect(executor.observe(throwing, path: "start.wat").instantiate == "uncaught-exception")
    }

    /// Calls in export order with zero arguments, the state after each call
    /// (after a trap too), trap categories, and instantiation traps.
    @Test(arguments: ["jit-o2-explicit", "jit-o0-guard", "aot-o2-explicit"])
    func observationRecordsCallsAndState(mode: String) throws {
        let wat = """
            (module
              (memory (export "m") 1 1)
              (global (export "g") (mut i32) (i32.const 5))
              (table (export "t") 2 funcref)
              (elem (i32.const 1) $add)
              (func $add (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (i32.const 7)))
              (func (export "store-and-trap") (global.set 0 (i32.const 9)) (i32.store (i32.const 0) (i32.const 1))
                (drop (i32.div_u (i32.const 1) (i32.const 0))))
              (func (export "indirect") (result i32) (call_indirect (param i32 i32) (result i32) (i32.const 1) (i32.const 2) (i32.const 0))))
            """
        let executor = try FuzzExecutor(mode: try #require(FuzzMode(mode)))
        let observation = executor.observe(try WasmModule.parse(text: wat), path: "test.wat")
        #expect(observation.status == "ok")
        #expect(observation.mode == mode)
        #expect(observation.steps.map(\.call) == [nil, "add", "store-and-trap", "indirect"])
        let initial = observation.steps[0].state
        #expect(initial.globals == ["i32:00000005"])
        #expect(initial.memories == ["65536:d7978eeb"])
        #expect(initial.tables == ["2:nr"])
        #expect(observation.steps[1].results == ["i32:00000007"])
        #expect(observation.steps[2].trap == "integer-divide-by-zero")
        #expect(observation.steps[2].state.globals == ["i32:00000009"])
        #expect(observation.steps[2].state.memories != initial.memories)
        #expect(observation.steps[3].trap == "uninitialized-element")
    }

    @Test func instantiationTrapsAndInvalidModulesAreReported() throws {
        let executor = try FuzzExecutor(mode: try #require(FuzzMode("jit-o0-explicit")))
        let trapping = try WasmModule.parse(text: "(module (memory 0) (data (i32.const 1) \"x\"))")
        let observation = executor.observe(trapping, path: "t.wat")
        #expect(observation.instantiate == "out-of-bounds-memory")
        #expect(observation.steps.isEmpty)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wasmex-fuzz-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bad.wasm").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data([0, 0x61, 0x73, 0x6D, 2, 0, 0, 0])))
        guard case .failure(let failure) = FuzzExecutor.decode(path: path) else {
            Issue.record("a bad header decoded")
            return
        }
        #expect(failure.status == "invalid")
    }
}
