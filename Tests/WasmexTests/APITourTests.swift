import Testing
import Wasmex

/// The API tour of the README, verbatim between the markers, so it keeps compiling and stays true.
@Suite("API: README tour")
struct APITourTests {
    @Test func tour() async throws {
        let testWasm = try APIFixture.bytes("test.wasm")
        let calculatorWasm = try APIFixture.bytes("calculator.wasm")
        let utilsWasm = try APIFixture.bytes("utils.wasm")
        let logged = ArgumentRecorder()
        // --- tour begins ---
        let engine = try Engine()                                       // compiles and owns the JIT
        let store = Store(engine: engine)
        let instance = try Instance(store: store, bytes: testWasm)      // .wasm or .wat bytes
        let sum = try instance.call("sum", [.i32(50), .i32(-8)])        // [.i32(42)]
        let typedSum = try instance.typedFunction("sum", (Int32, Int32).self, Int32.self)
        let fortyTwo = try typedSum(50, -8)                             // 42, no boxing
        let memory = try instance.memory()
        try memory.write(Array("hello, world".utf8), at: 42)
        let h = try instance.call("string_first_byte", [.i32(42), .i32(12)])  // [.i32(104)]
        let host: HostImports = ["env": ["log": .typed { (caller: Caller, value: Int32) in
            logged.record([.i32(value)])                                // caller.memory, caller.call(...)
        }]]
        let logger = try Instance(store: store, bytes: Array("""
            (module (import "env" "log" (func $log (param i32))) (func (export "run") (call $log (i32.const 7))))
            """.utf8), imports: Imports(store: store, host))
        _ = try logger.call("run")
        let calculator = try Instance(store: store, bytes: calculatorWasm, links: ["utils": .bytes(utilsWasm)])
        let range = try calculator.call("sum_range", [.i32(1), .i32(5)])   // [.i32(15)]
        let server = try await WasmexInstance(bytes: testWasm)          // an actor: serialised calls
        let answer = try await server.call("sum", [.i32(50), .i32(-8)], timeout: .seconds(10))
        // --- tour ends ---
        #expect(sum == [.i32(42)])
        #expect(fortyTwo == 42)
        #expect(h == [.i32(104)])
        #expect(logged.values == [[.i32(7)]])
        #expect(range == [.i32(15)])
        #expect(answer == [.i32(42)])
    }
}
