import Testing
import Wasmex

/// Every row of the README's "Coming from Wasmex" table, with the row's
/// Swift code as written there (the variables it names defined around it).
@Suite("README: Coming from Wasmex")
struct ParityReadmeTableTests {
    static let sumWat = #"(module (func (export "sum") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))"#

    @Test func startLinkWithBytes() async throws {
        let b = try APIFixture.bytes("test.wasm")
        let i = try await WasmexInstance(bytes: b)
        #expect(try await i.call("sum", [.i32(50), .i32(-8)]) == [.i32(42)])
    }

    @Test func startLinkWithStoreAndModule() async throws {
        let e = ControlFixture.fuelEngine
        let m = try Module(engine: e, text: #"(module (func (export "f") (result i32) (i32.const 7)))"#)
        let configured = try await WasmexInstance(module: m, store: StoreConfiguration(fuel: 10_000))
        #expect(try await configured.call("f") == [.i32(7)])
        #expect(try await configured.fuel() == 10_000 - 2)
        let built = try await WasmexInstance(module: m) { engine in Store(engine: engine) }
        #expect(try await built.fuel() == 0)
        let s = Store(engine: e)
        try s.setFuel(5)
        let direct = try Instance(store: s, module: m)
        #expect(try direct.call("f") == [.i32(7)])
    }

    @Test func callFunctionWithTimeout() async throws {
        let i = try await WasmexInstance(bytes: APIFixture.bytes("test.wasm"), engine: APIFixture.engine)
        #expect(try await i.call("sum", [.i32(50), .i32(-8)], timeout: .seconds(10)) == [.i32(42)])
    }

    @Test func functionExists() async throws {
        let i = try await WasmexInstance(bytes: APIFixture.bytes("test.wasm"), engine: APIFixture.engine)
        #expect(i.functionExists("sum"))
        #expect(!i.functionExists("nope"))
    }

    @Test func storeModuleAndMemoryOfAnInstance() async throws {
        let i = try await WasmexInstance(bytes: APIFixture.bytes("test.wasm"), engine: APIFixture.engine)
        #expect(try await i.withStore { $0.fuel } == nil)
        #expect(i.module.exportDescriptions.contains { $0.name == "sum" })
        #expect(try await i.withMemory { $0.size } == 2 * 65536)
        let instance = try APIFixture.instance("test.wasm")
        #expect(instance.store.engine === APIFixture.engine)
        #expect(try instance.memory().size == 2 * 65536)
    }

    @Test func moduleCompile() throws {
        let store = Store(engine: APIFixture.engine)
        let bytes = Array(Self.sumWat.utf8)
        let module = try Module(store: store, bytes: bytes)
        #expect(try Instance(store: store, module: module).call("sum", [.i32(1), .i32(2)]) == [.i32(3)])
    }

    @Test func moduleNameExportsImports() throws {
        let module = try Module(engine: APIFixture.engine, text: #"""
            (module $demo (import "env" "f" (func (param i32))) (func (export "g")))
            """#)
        #expect(module.name == "demo")
        #expect(module.exportDescriptions.map(\.name) == ["g"])
        #expect(module.importDescriptions.map(\.name) == ["f"])
    }

    @Test func storeWithLimits() throws {
        let e = APIFixture.engine
        let n = 65536
        let store = Store(engine: e, limits: StoreLimits(memorySize: n))
        #expect(store.limits == StoreLimits(memorySize: n))
        let instance = try Instance(store: store, module: Module(engine: e, text: #"(module (memory (export "memory") 1))"#))
        #expect(throws: WasmexError.self) { try instance.memory().grow(by: 1) }
    }

    @Test func engineConsumingFuel() throws {
        let engine = try Engine(Engine.Configuration(consumeFuel: true))
        #expect(engine.configuration.consumeFuel)
    }

    @Test func setAndGetFuel() async throws {
        let store = Store(engine: ControlFixture.fuelEngine)
        let n: UInt64 = 1234
        try store.setFuel(n)
        #expect(store.fuel == n)
        let module = try Module(engine: ControlFixture.fuelEngine, text: #"(module (func (export "f")))"#)
        let i = try await WasmexInstance(module: module)
        try await i.setFuel(n)
        #expect(try await i.fuel() == n)
        _ = try await i.call("f")
        #expect(try await i.fuel() == n - 1)
    }

    @Test func memorySizeGrowGetSetByte() throws {
        let memory = try APIFixture.instance("test.wasm").memory()
        #expect(memory.size == 2 * 65536)
        #expect(try memory.grow(by: 1) == 2)
        try memory.setByte(42, at: 70_000)
        #expect(try memory.getByte(at: 70_000) == 42)
    }

    @Test func memoryReadWriteString() throws {
        let memory = try APIFixture.instance("test.wasm").memory()
        try memory.write(Array("hello".utf8), at: 100)
        #expect(try memory.read(at: 100, count: 5) == Array("hello".utf8))
        #expect(try memory.readString(at: 100, count: 5) == "hello")
    }

    @Test func hostImports() async throws {
        let wat = #"(module (import "env" "f" (func $f (param i32) (result i32))) (func (export "g") (result i32) (call $f (i32.const 9))))"#
        let i = try await WasmexInstance(bytes: Array(wat.utf8), engine: APIFixture.engine, imports:
            ["env": ["f": HostFunction(parameters: [.i32], results: [.i32]) { caller, args in args }]])
        #expect(try await i.call("g") == [.i32(9)])
    }

    @Test func links() async throws {
        let main = #"(module (import "utils" "sum" (func $sum (param i32 i32) (result i32))) (func (export "run") (result i32) (call $sum (i32.const 40) (i32.const 2))))"#
        let b = Array(Self.sumWat.utf8)
        let m = try Module(engine: APIFixture.engine, bytes: b)
        let fromBytes = try await WasmexInstance(bytes: Array(main.utf8), engine: APIFixture.engine, links: ["utils": .bytes(b)])
        let fromModule = try await WasmexInstance(bytes: Array(main.utf8), engine: APIFixture.engine, links: ["utils": .module(m)])
        #expect(try await fromBytes.call("run") == [.i32(42)])
        #expect(try await fromModule.call("run") == [.i32(42)])
    }

    @Test func globalValues() throws {
        let instance = try Instance(store: Store(engine: APIFixture.engine),
                                    bytes: Array(#"(module (global (export "g") (mut i32) (i32.const 5)))"#.utf8))
        #expect(try instance.globalValue("g") == .i32(5))
        try instance.setGlobalValue("g", .i32(1))
        #expect(try instance.globalValue("g") == .i32(1))
    }

    @Test func callerCallsAnExport() async throws {
        let wat = #"""
            (module (import "env" "back" (func $back (result i32)))
              (func (export "name") (result i32) (i32.const 21))
              (func (export "start") (result i32) (call $back)))
            """#
        let i = try await WasmexInstance(bytes: Array(wat.utf8), engine: APIFixture.engine, imports:
            ["env": ["back": HostFunction(parameters: [], results: [.i32]) { caller, args in
                let results = try caller.call("name", args)
                guard case .i32(let value)? = results.first else { return results }
                return [.i32(value * 2)]
            }]])
        #expect(try await i.call("start") == [.i32(42)])
    }

    @Test func wasiOptionsWithAPipe() throws {
        let p = Pipe()
        p.write("piped\n")
        p.seek(to: 0)
        var options = WasiOptions(args: ["app"], env: ["K": "v"], stdin: .pipe(p))
        let output = Pipe()
        options.stdout = .pipe(output)
        let module = try Module(engine: APIFixture.engine, bytes: APIFixture.bytes("../wasi/echo.wasm"))
        let instance = try Instance(store: Store(engine: APIFixture.engine), module: module, wasi: options)
        #expect(try instance.runCommand() == 0)
        output.seek(to: 0)
        #expect(output.readString() == "piped\n")
    }

    @Test func serializeAndDeserialize() throws {
        let e = APIFixture.engine
        let m = try Module(engine: e, text: Self.sumWat)
        let b = try m.serialize()
        let loaded = try Module.deserialize(engine: e, bytes: b)
        #expect(try Instance(store: Store(engine: e), module: loaded).call("sum", [.i32(40), .i32(2)]) == [.i32(42)])
    }
}
