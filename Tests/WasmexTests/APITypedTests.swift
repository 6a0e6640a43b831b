import Testing
import Wasmex

/// The typed fast paths: typed calls into Wasm and typed host functions.
@Suite("API: typed fast path")
struct APITypedTests {
    @Test func typedCallsOfEveryScalarType() throws {
        let instance = try APIFixture.instance("test.wasm")
        let sum = try instance.typedFunction("sum", (Int32, Int32).self, Int32.self)
        #expect(try sum(50, -8) == 42)
        #expect(try sum(Int32.max, 1) == Int32.min)
        #expect(try instance.typedFunction("arity_0", Void.self, Int32.self)() == 42)
        // Bind typed functions to a name first: the solver then fixes their types before literals are typed.
        let i64 = try instance.typedFunction("i64_i64", Int64.self, Int64.self)
        #expect(try i64(-5) == -5)
        let u64 = try instance.typedFunction("i64_i64", UInt64.self, UInt64.self)
        #expect(try u64(UInt64.max) == UInt64.max)
        let f32 = try instance.typedFunction("f32_f32", Float.self, Float.self)
        #expect(try f32(1.25) == 1.25)
        let f64 = try instance.typedFunction("f64_f64", Double.self, Double.self)
        #expect(try f64(-0.5) == -0.5)
        let mixed = try instance.typedFunction("i32_i64_f32_f64_f64", (Int32, Int64, Float, Double).self, Double.self)
        #expect(try mixed(1, 2, 3, 4) == 10)
        try instance.typedFunction("void", Void.self, Void.self)()
        let nan = Float(bitPattern: 0x7FC0_1234)
        #expect(try f32(nan).bitPattern == nan.bitPattern)
    }

    @Test func typedHostFunctionsServeImports() throws {
        let store = Store(engine: APIFixture.engine)
        var imports = Imports()
        imports.define(module: "env", name: "imported_sum3",
                       .function(try Function(store: store, typed: { (a: Int32, b: Int32, c: Int32) -> Int32 in a &+ b &+ c })))
        imports.define(module: "env", name: "imported_sumf",
                       .function(try Function(store: store, typed: { (_: Caller, a: Float, b: Float) -> Float in a * b })))
        var voidCalls = 0
        imports.define(module: "env", name: "imported_void", .function(try Function(store: store, typed: { () in voidCalls += 1 })))
        let instance = try Instance(store: store, bytes: APIFixture.bytes("imports.wasm"), imports: imports)
        let sum3 = try instance.typedFunction("using_imported_sum3", (Int32, Int32, Int32).self, Int32.self)
        #expect(try sum3(1, 2, 39) == 42)
        #expect(try instance.call("using_imported_sumf", [.f32(1.5), .f32(4)]) == [.f32(6)])
        _ = try instance.call("using_imported_void")
        #expect(voidCalls == 1)
    }

    @Test func typedHostFunctionCalledFromSwift() throws {
        let store = Store(engine: APIFixture.engine)
        let add = try Function(store: store, typed: { (a: Int64, b: Int64) -> Int64 in a &+ b })
        #expect(add.type == FunctionType(parameters: [.i64, .i64], results: [.i64]))
        #expect(try add.call([.i64(40), .i64(2)]) == [.i64(42)])
        let typedAdd = try add.typed((Int64, Int64).self, Int64.self)
        #expect(try typedAdd(1, 2) == 3)
        #expect(throws: WasmexError.self) { try add.call([.i32(40), .i64(2)]) }
    }

    @Test func typedCallReachesCallerMemory() throws {
        let store = Store(engine: APIFixture.engine)
        let seen = ArgumentRecorder()
        let log = try Function(store: store, typed: { (caller: Caller, pointer: Int32, length: Int32) throws in
            let text = try caller.memory?.readString(at: Int(pointer), count: Int(length)) ?? ""
            seen.record([.i32(Int32(text.count))])
        })
        var imports = Imports()
        imports.define(module: "env", name: "log", .function(log))
        let wat = """
        (module (import "env" "log" (func $log (param i32 i32))) (memory (export "memory") 1)
          (data (i32.const 16) "hello")
          (func (export "run") (call $log (i32.const 16) (i32.const 5))))
        """
        let instance = try Instance(store: store, bytes: Array(wat.utf8), imports: imports)
        try instance.typedFunction("run", Void.self, Void.self)()
        #expect(seen.values == [[.i32(5)]])
    }

    static let v128Module = """
    (module (func (export "add") (param v128 v128) (result v128) (i64x2.add (local.get 0) (local.get 1))))
    """

    /// Runs once the compiler lowers SIMD (it reports "unsupported" until then).
    @Test(.enabled(if: APIFixture.compiles(v128Module), "the compiler does not lower SIMD yet"))
    func v128ThroughTheTypedPath() throws {
        let store = Store(engine: APIFixture.engine)
        let instance = try Instance(store: store, bytes: Array(Self.v128Module.utf8))
        let add = try instance.typedFunction("add", (V128, V128).self, V128.self)
        #expect(try add(V128(lo: 1, hi: 2), V128(lo: 10, hi: 20)) == V128(lo: 11, hi: 22))
    }
}
