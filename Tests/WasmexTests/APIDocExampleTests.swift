import Testing
import Wasmex

/// The examples of Wasmex's documentation, with the same values.
@Suite("API: Wasmex documentation examples")
struct APIDocExampleTests {
    @Test func sumOfFiftyAndMinusEight() throws {
        let instance = try APIFixture.instance("test.wasm")
        #expect(try instance.call("sum", [.i32(50), .i32(-8)]) == [.i32(42)])
    }

    @Test func inlineHelloWorldWat() throws {
        let store = Store(engine: APIFixture.engine)
        let wat = """
        (module
          (func $hello_world (result i32) (i32.const 42))
          (export "hello_world" (func $hello_world)))
        """
        let instance = try Instance(store: store, bytes: Array(wat.utf8))
        #expect(try instance.call("hello_world") == [.i32(42)])
    }

    @Test func everyExportOfTheTestModule() throws {
        let instance = try APIFixture.instance("test.wasm")
        #expect(try instance.call("arity_0") == [.i32(42)])
        #expect(try instance.call("i32_i32", [.i32(-7)]) == [.i32(-7)])
        #expect(try instance.call("i64_i64", [.i64(Int64.min)]) == [.i64(Int64.min)])
        #expect(try instance.call("f32_f32", [.f32(3.5)]) == [.f32(3.5)])
        #expect(try instance.call("f64_f64", [.f64(-2.25)]) == [.f64(-2.25)])
        #expect(try instance.call("i32_i64_f32_f64_f64", [.i32(1), .i64(2), .f32(3), .f64(4)]) == [.f64(10)])
        #expect(try instance.call("bool_casted_to_i32") == [.i32(1)])
        #expect(try instance.call("void") == [])
    }

    @Test func setByteThenGetByte() throws {
        let memory = try APIFixture.instance("test.wasm").memory()
        try memory.setByte(42, at: 4)
        #expect(try memory.getByte(at: 4) == 42)
    }

    @Test func writeHelloWorldThenReadFirstByteInWasm() throws {
        let instance = try APIFixture.instance("test.wasm")
        try instance.memory().write(Array("hello, world".utf8), at: 42)
        #expect(try instance.call("string_first_byte", [.i32(42), .i32(12)]) == [.i32(104)])
        #expect(try instance.memory().read(at: 42, count: 5) == Array("hello".utf8))
    }

    @Test func stringPointerThenReadString() throws {
        let instance = try APIFixture.instance("test.wasm")
        guard case .i32(let pointer)? = try instance.call("string").first else {
            Issue.record("string() did not return an i32")
            return
        }
        #expect(try instance.memory().readString(at: Int(pointer), count: 13) == "Hello, World!")
        #expect(try instance.memory().readCString(at: Int(pointer)) == "Hello, World!")
    }

    @Test func callWithATenSecondTimeout() async throws {
        let instance = try await WasmexInstance(bytes: APIFixture.bytes("test.wasm"), engine: APIFixture.engine)
        #expect(try await instance.call("sum", [.i32(50), .i32(-8)], timeout: .seconds(10)) == [.i32(42)])
    }

    @Test func functionExists() throws {
        let instance = try APIFixture.instance("test.wasm")
        #expect(instance.functionExists("sum"))
        #expect(!instance.functionExists("sum_but_not_really"))
        #expect(!instance.functionExists("memory"))  // a memory, not a function
    }

    @Test func inspectLikeImportRecordsItsArgument() throws {
        let recorder = ArgumentRecorder()
        let store = Store(engine: APIFixture.engine)
        let host: HostImports = ["env": [
            "inspect": HostFunction(parameters: [.i32], results: []) { _, arguments in
                recorder.record(arguments)
                return []
            },
        ]]
        let wat = """
        (module (import "env" "inspect" (func $inspect (param i32)))
          (func (export "run") (call $inspect (i32.const 42)) (call $inspect (i32.const 7))))
        """
        let instance = try Instance(store: store, bytes: Array(wat.utf8), imports: Imports(store: store, host))
        _ = try instance.call("run")
        #expect(recorder.values == [[.i32(42)], [.i32(7)]])
    }

    @Test func importedFunctionsOfTheImportsFixture() throws {
        let calls = ArgumentRecorder()
        let store = Store(engine: APIFixture.engine)
        let host: HostImports = ["env": [
            "imported_sum3": HostFunction(parameters: [.i32, .i32, .i32], results: [.i32]) { _, arguments in
                guard case .i32(let a) = arguments[0], case .i32(let b) = arguments[1], case .i32(let c) = arguments[2] else { return [] }
                return [.i32(a &+ b &+ c)]
            },
            "imported_sumf": .typed { (_: Caller, a: Float, b: Float) -> Float in a + b },
            "imported_void": HostFunction(parameters: [], results: []) { _, arguments in
                calls.record(arguments)
                return []
            },
        ]]
        let instance = try Instance(store: store, bytes: APIFixture.bytes("imports.wasm"), imports: Imports(store: store, host))
        #expect(try instance.call("using_imported_sum3", [.i32(1), .i32(2), .i32(3)]) == [.i32(6)])
        #expect(try instance.call("using_imported_sumf", [.f32(1.5), .f32(2.25)]) == [.f32(3.75)])
        #expect(try instance.call("using_imported_void") == [])
        #expect(calls.values.count == 1)
    }

    @Test func multiValueResults() throws {
        let store = Store(engine: APIFixture.engine)
        let instance = try Instance(store: store, bytes: APIFixture.bytes("multi_value.wat"))
        #expect(try instance.call("swap", [.i32(1), .i32(2)]) == [.i32(2), .i32(1)])
        #expect(try instance.call("divmod", [.i32(17), .i32(5)]) == [.i32(3), .i32(2)])
        #expect(try instance.call("mixed", [.i64(9), .f64(0.5)]) == [.f64(0.5), .i64(9), .i32(7)])
        let divmod = try instance.typedFunction("divmod", (Int32, Int32).self, (Int32, Int32).self)
        let (quotient, remainder) = try divmod(17, 5)
        #expect(quotient == 3 && remainder == 2)
    }

    @Test func moduleDescribesExportsAndImports() throws {
        let store = Store(engine: APIFixture.engine)
        let module = try Module(store: store, bytes: APIFixture.bytes("calculator.wasm"))
        #expect(module.importDescriptions.contains {
            $0.module == "utils" && $0.name == "sum" && $0.type == .function(FunctionType(parameters: [.i32, .i32], results: [.i32]))
        })
        #expect(module.exportDescriptions.contains {
            $0.name == "sum_range" && $0.type == .function(FunctionType(parameters: [.i32, .i32], results: [.i32]))
        })
        let test = try Module(store: store, bytes: APIFixture.bytes("test.wasm"))
        #expect(test.exportDescriptions.contains { $0.name == "memory" && $0.kind == .memory })
        #expect(test.exportedFunctionType("divide") == FunctionType(parameters: [.i32, .i32], results: [.i32]))
    }

    @Test func globalsByName() throws {
        let store = Store(engine: APIFixture.engine)
        let wat = """
        (module (global (export "counter") (mut i32) (i32.const 1)) (global (export "fixed") i64 (i64.const 5))
          (func (export "bump") (global.set 0 (i32.add (global.get 0) (i32.const 1)))))
        """
        let instance = try Instance(store: store, bytes: Array(wat.utf8))
        #expect(try instance.globalValue("counter") == .i32(1))
        try instance.setGlobalValue("counter", .i32(41))
        _ = try instance.call("bump")
        #expect(try instance.globalValue("counter") == .i32(42))
        #expect(try instance.globalValue("fixed") == .i64(5))
        #expect(throws: WasmexError.self) { try instance.setGlobalValue("fixed", .i64(6)) }
        #expect(throws: WasmexError.self) { try instance.setGlobalValue("counter", .i64(6)) }
        #expect(throws: WasmexError.self) { try instance.globalValue("bump") }
    }

    @Test func callExportsFromInsideAHostFunction() throws {
        let store = Store(engine: APIFixture.engine)
        let host: HostImports = ["env": [
            "double_via_export": .typed { (caller: Caller, x: Int32) throws -> Int32 in
                guard case .i32(let sum)? = try caller.call("add", [.i32(x), .i32(x)]).first else { return -1 }
                return sum
            },
        ]]
        let wat = """
        (module (import "env" "double_via_export" (func $d (param i32) (result i32)))
          (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
          (func (export "run") (param i32) (result i32) (call $d (local.get 0))))
        """
        let instance = try Instance(store: store, bytes: Array(wat.utf8), imports: Imports(store: store, host))
        #expect(try instance.call("run", [.i32(21)]) == [.i32(42)])
    }

    @Test func storeLimitsBoundMemoryGrowth() throws {
        let store = Store(engine: APIFixture.engine, limits: StoreLimits(memorySize: 2 * 65536))
        #expect(store.limits?.memorySize == 2 * 65536)
        let wat = """
        (module (memory (export "memory") 1) (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
        """
        let instance = try Instance(store: store, bytes: Array(wat.utf8))
        #expect(try instance.call("grow", [.i32(1)]) == [.i32(1)])
        #expect(try instance.call("grow", [.i32(1)]) == [.i32(-1)])
        #expect(throws: WasmexError.self) { try instance.memory().grow(by: 1) }
        #expect(try instance.memory().size == 2 * 65536)
        #expect(Store(engine: APIFixture.engine).limits == nil)
    }
}
