import Testing
import Wasmex

@Suite("Core traps")
struct CoreTrapTests {
    @Test func trapsBecomeTypedErrorsAndTheProcessSurvives() throws {
        let (_, instance) = try CoreTest.instantiate("""
        (module
          (memory 1)
          (func (export "unreachable") unreachable)
          (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
          (func (export "oob") (result i32) (i32.load (i32.const 65534))))
        """)
        for _ in 0..<3 {
            #expect(throws: WasmexError.self) { try instance.call("unreachable") }
        }
        do {
            _ = try instance.call("div", [.i32(1), .i32(0)])
            Issue.record("division by zero did not trap")
        } catch {
            #expect(CoreTest.trapCode(error) == .integerDivideByZero)
        }
        do {
            _ = try instance.call("oob")
            Issue.record("out-of-bounds load did not trap")
        } catch {
            #expect(CoreTest.trapCode(error) == .memoryOutOfBounds)
        }
        #expect(try instance.call("div", [.i32(7), .i32(2)]) == [.i32(3)])
    }

    @Test func deepRecursionExhaustsTheStack() throws {
        let (_, instance) = try CoreTest.instantiate("""
        (module (func $r (export "r") (param i64) (result i64) (i64.add (call $r (local.get 0)) (i64.const 1))))
        """)
        do {
            _ = try instance.call("r", [.i64(0)])
            Issue.record("infinite recursion returned")
        } catch {
            #expect(CoreTest.trapCode(error) == .callStackExhausted)
        }
    }

    @Test func indirectCallsDistinguishNullMismatchAndRange() throws {
        let (_, instance) = try CoreTest.instantiate("""
        (module
          (type $ii (func (param i32) (result i32)))
          (table 3 funcref)
          (func $inc (type $ii) (i32.add (local.get 0) (i32.const 1)))
          (func $none)
          (elem (i32.const 0) $inc $none)
          (func (export "call") (param i32) (result i32) (call_indirect (type $ii) (i32.const 41) (local.get 0))))
        """)
        #expect(try instance.call("call", [.i32(0)]) == [.i32(42)])
        let expectations: [(Int32, TrapCode)] = [(1, .indirectCallTypeMismatch), (2, .uninitializedElement), (3, .undefinedElement)]
        for (index, code) in expectations {
            do {
                _ = try instance.call("call", [.i32(index)])
                Issue.record("call_indirect \(index) did not trap")
            } catch {
                #expect(CoreTest.trapCode(error) == code)
            }
        }
    }

    @Test func hostErrorsAreRethrown() throws {
        struct Boom: Error, Equatable {}
        let (_, instance) = try CoreTest.instantiate("""
        (module (import "env" "fail" (func $fail)) (func (export "run") (call $fail)))
        """) { store in
            var imports = Imports()
            imports.define(module: "env", name: "fail", .function(try Function(store: store, type: FunctionType()) { _, _ in throw Boom() }))
            return imports
        }
        do {
            _ = try instance.call("run")
            Issue.record("host error was swallowed")
        } catch WasmexError.trap(let trap) {
            #expect(trap.code == .hostError)
            #expect(trap.cause is Boom)
        }
    }

    @Test func badCallsAreTypedErrors() throws {
        let (_, instance) = try CoreTest.instantiate("(module (func (export \"f\") (param i32)))")
        #expect(throws: WasmexError.self) { try instance.call("f", []) }
        #expect(throws: WasmexError.self) { try instance.call("f", [.i64(1)]) }
        #expect(throws: WasmexError.self) { try instance.call("missing") }
        #expect(throws: WasmexError.self) { try Module(engine: CoreTest.engine, bytes: [0, 1, 2, 3]) }
    }
}
