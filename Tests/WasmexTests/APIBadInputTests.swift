import Testing
import Wasmex

/// Bad input is a typed error, and the instance stays usable afterwards.
@Suite("API: bad input")
struct APIBadInputTests {
    @Test func unknownExport() throws {
        let instance = try APIFixture.instance("test.wasm")
        do {
            _ = try instance.call("no_such_function")
            Issue.record("unknown export was called")
        } catch {
            guard case .unknownExport("no_such_function")? = APIFixture.wasmexError(error) else {
                Issue.record("unexpected error \(error)")
                return
            }
        }
        #expect(try instance.call("sum", [.i32(1), .i32(2)]) == [.i32(3)])
    }

    @Test func wrongArgumentCount() throws {
        let instance = try APIFixture.instance("test.wasm")
        do {
            _ = try instance.call("sum", [.i32(1)])
            Issue.record("call with one argument succeeded")
        } catch {
            guard case .argumentCount(expected: 2, actual: 1)? = APIFixture.wasmexError(error) else {
                Issue.record("unexpected error \(error)")
                return
            }
        }
        #expect(try instance.call("sum", [.i32(1), .i32(2)]) == [.i32(3)])
    }

    @Test func wrongArgumentTypes() throws {
        let instance = try APIFixture.instance("test.wasm")
        do {
            _ = try instance.call("sum", [.i32(1), .f64(2)])
            Issue.record("call with an f64 argument succeeded")
        } catch {
            guard case .valueType(index: 1, expected: .i32, actual: .f64)? = APIFixture.wasmexError(error) else {
                Issue.record("unexpected error \(error)")
                return
            }
        }
        #expect(throws: WasmexError.self) { try instance.typedFunction("sum", (Int64, Int32).self, Int32.self) }
        #expect(throws: WasmexError.self) { try instance.typedFunction("sum", (Int32, Int32).self, Void.self) }
        #expect(throws: WasmexError.self) { try instance.typedFunction("memory", Void.self, Void.self) }
    }

    @Test func outOfRangeMemoryAccessFromSwift() throws {
        let instance = try APIFixture.instance("test.wasm")
        let memory = try instance.memory()
        let size = memory.size
        #expect(size > 0)
        let attempts: [(String, () throws -> Void)] = [
            ("getByte at size", { _ = try memory.getByte(at: size) }),
            ("getByte at -1", { _ = try memory.getByte(at: -1) }),
            ("setByte at size", { try memory.setByte(1, at: size) }),
            ("read across the end", { _ = try memory.read(at: size - 2, count: 3) }),
            ("read with negative count", { _ = try memory.read(at: 0, count: -1) }),
            ("read with huge count", { _ = try memory.read(at: 1, count: Int.max) }),
            ("write across the end", { try memory.write([1, 2, 3], at: size - 1) }),
            ("writeString across the end", { try memory.writeString("hello", at: size - 2) }),
            ("readString across the end", { _ = try memory.readString(at: size - 1, count: 2) }),
            ("readString at Int.max", { _ = try memory.readString(at: Int.max, count: 1) }),
        ]
        for (label, attempt) in attempts {
            do {
                try attempt()
                Issue.record("\(label) succeeded")
            } catch {
                guard case .invalidOperation? = APIFixture.wasmexError(error) else {
                    Issue.record("\(label): unexpected error \(error)")
                    continue
                }
            }
        }
        try memory.setByte(0xFF, at: 0)
        try memory.setByte(0xFE, at: 1)
        #expect(throws: WasmexError.self) { try memory.readString(at: 0, count: 2) }  // not UTF-8
        try memory.setByte(7, at: size - 1)
        #expect(try memory.getByte(at: size - 1) == 7)
    }

    @Test func divideByZeroTrapsThenTheInstanceStillWorks() throws {
        let instance = try APIFixture.instance("test.wasm")
        do {
            _ = try instance.call("divide", [.i32(1), .i32(0)])
            Issue.record("division by zero returned")
        } catch {
            guard case .trap(.integerDivideByZero)? = APIFixture.wasmexError(error) else {
                Issue.record("unexpected error \(error)")
                return
            }
        }
        let divide = try instance.typedFunction("divide", (UInt32, UInt32).self, UInt32.self)
        #expect(throws: WasmexError.self) { try divide(5, 0) }
        #expect(try instance.call("divide", [.i32(84), .i32(2)]) == [.i32(42)])
        #expect(try divide(84, 2) == 42)
    }

    @Test func hostFunctionThatThrows() throws {
        struct Refused: Error {}
        let store = Store(engine: APIFixture.engine)
        let host: HostImports = ["env": [
            "imported_sum3": HostFunction(parameters: [.i32, .i32, .i32], results: [.i32]) { _, arguments in
                if arguments[0] == .i32(0) { throw Refused() }
                return [.i32(1)]
            },
            "imported_sumf": .typed { (_: Caller, _: Float, _: Float) throws -> Float in throw Refused() },
            "imported_void": HostFunction(parameters: [], results: []) { _, _ in [] },
        ]]
        let instance = try Instance(store: store, bytes: APIFixture.bytes("imports.wasm"), imports: Imports(store: store, host))
        for call in [("using_imported_sum3", [Value.i32(0), .i32(0), .i32(0)]), ("using_imported_sumf", [.f32(1), .f32(2)])] {
            do {
                _ = try instance.call(call.0, call.1)
                Issue.record("\(call.0) returned although the host function threw")
            } catch {
                guard case .trap(let trap)? = APIFixture.wasmexError(error), trap.code == .hostError else {
                    Issue.record("unexpected error \(error)")
                    continue
                }
                #expect(trap.cause is Refused)
            }
        }
        #expect(try instance.call("using_imported_sum3", [.i32(1), .i32(0), .i32(0)]) == [.i32(1)])
        #expect(try instance.call("using_imported_void") == [])
    }

    @Test func hostFunctionReturningWrongResults() throws {
        let store = Store(engine: APIFixture.engine)
        let host: HostImports = ["env": [
            "imported_sum3": HostFunction(parameters: [.i32, .i32, .i32], results: [.i32]) { _, arguments in
                arguments[0] == .i32(0) ? [] : [.i64(1)]  // wrong count, then wrong type
            },
            "imported_sumf": .typed { (_: Caller, a: Float, b: Float) -> Float in a + b },
            "imported_void": HostFunction(parameters: [], results: []) { _, _ in [.i32(1)] },
        ]]
        let instance = try Instance(store: store, bytes: APIFixture.bytes("imports.wasm"), imports: Imports(store: store, host))
        let calls: [(String, [Value])] = [
            ("using_imported_sum3", [.i32(0), .i32(0), .i32(0)]),
            ("using_imported_sum3", [.i32(1), .i32(0), .i32(0)]),
            ("using_imported_void", []),
        ]
        for (name, arguments) in calls {
            do {
                _ = try instance.call(name, arguments)
                Issue.record("\(name)\(arguments) accepted wrong host results")
            } catch {
                guard case .hostResultMismatch? = APIFixture.wasmexError(error)?.hostError as? WasmexError else {
                    Issue.record("unexpected error \(error)")
                    continue
                }
            }
        }
        #expect(try instance.call("using_imported_sumf", [.f32(1), .f32(2)]) == [.f32(3)])
    }

    @Test func callerWithoutInstanceCannotCallExports() throws {
        let store = Store(engine: APIFixture.engine)
        let function = try Function(store: store, type: FunctionType(results: [.i32])) { caller, _ in
            try caller.call("anything")
        }
        do {
            _ = try function.call()
            Issue.record("a caller without instance called an export")
        } catch {
            guard case .invalidOperation? = APIFixture.wasmexError(error) else {
                Issue.record("unexpected error \(error)")
                return
            }
        }
    }

    @Test func malformedModuleIsACompileError() throws {
        let store = Store(engine: APIFixture.engine)
        for bytes in [[], [0x00, 0x61, 0x73, 0x6D, 0x01], Array("(module (func (result i32)))".utf8), [UInt8](repeating: 0xFF, count: 64)] {
            do {
                _ = try Instance(store: store, bytes: bytes)
                Issue.record("malformed module \(bytes.prefix(8)) was accepted")
            } catch {
                guard case .compile? = APIFixture.wasmexError(error) else {
                    Issue.record("unexpected error \(error)")
                    continue
                }
            }
        }
    }
}
