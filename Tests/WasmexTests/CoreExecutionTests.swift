import Testing
import Wasmex

@Suite("Core execution")
struct CoreExecutionTests {
    @Test func addsTwoNumbers() throws {
        let (_, instance) = try CoreTest.instantiate("""
        (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
        """)
        #expect(try instance.call("add", [.i32(40), .i32(2)]) == [.i32(42)])
        #expect(try instance.call("add", [.i32(-1), .i32(1)]) == [.i32(0)])
    }

    @Test func loopsAndBranches() throws {
        let (_, instance) = try CoreTest.instantiate("""
        (module
          (func (export "fac") (param i64) (result i64)
            (local i64) (local.set 1 (i64.const 1))
            (block (loop
              (br_if 1 (i64.eqz (local.get 0)))
              (local.set 1 (i64.mul (local.get 1) (local.get 0)))
              (local.set 0 (i64.sub (local.get 0) (i64.const 1)))
              (br 0)))
            (local.get 1))
          (func (export "classify") (param i32) (result i32)
            (block (block (block (br_table 0 1 2 (local.get 0))) (return (i32.const 10))) (return (i32.const 11)))
            (i32.const 12)))
        """)
        #expect(try instance.call("fac", [.i64(20)]) == [.i64(2_432_902_008_176_640_000)])
        #expect(try instance.call("classify", [.i32(0)]) == [.i32(10)])
        #expect(try instance.call("classify", [.i32(1)]) == [.i32(11)])
        #expect(try instance.call("classify", [.i32(7)]) == [.i32(12)])
    }

    @Test func multiValueResults() throws {
        let (_, instance) = try CoreTest.instantiate("""
        (module
          (func $swap (param i32 f64) (result f64 i32) local.get 1 local.get 0)
          (func (export "swap") (param i32 f64) (result f64 i32) local.get 0 local.get 1 call $swap))
        """)
        #expect(try instance.call("swap", [.i32(7), .f64(2.5)]) == [.f64(2.5), .i32(7)])
    }

    @Test func vectorArithmetic() throws {
        let (_, instance) = try CoreTest.instantiate("""
        (module (func (export "add") (param v128 v128) (result v128) (i32x4.add (local.get 0) (local.get 1))))
        """)
        let a = V128(lo: 0x0000_0002_0000_0001, hi: 0x0000_0004_0000_0003)
        let b = V128(lo: 0x0000_0014_0000_000A, hi: 0xFFFF_FFFF_0000_001E)
        #expect(try instance.call("add", [.v128(a), .v128(b)]) == [.v128(V128(lo: 0x0000_0016_0000_000B, hi: 0x0000_0003_0000_0021))])
    }

    @Test func memoryAndGlobals() throws {
        let (_, instance) = try CoreTest.instantiate("""
        (module
          (memory (export "mem") 1 2)
          (global $g (mut i32) (i32.const 5))
          (data (i32.const 16) "\\2a")
          (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0)))
          (func (export "bump") (result i32)
            (global.set $g (i32.add (global.get $g) (i32.const 1))) (global.get $g))
          (func (export "grow") (result i32) (memory.grow (i32.const 1))))
        """)
        #expect(try instance.call("load", [.i32(16)]) == [.i32(42)])
        #expect(try instance.call("bump") == [.i32(6)])
        #expect(try instance.call("grow") == [.i32(1)])
        #expect(try instance.call("grow") == [.i32(-1)])
        guard case .memory(let memory)? = instance.export(named: "mem") else {
            Issue.record("memory export missing")
            return
        }
        #expect(memory.pageCount == 2)
        try memory.write([9], at: 70_000)
        #expect(try instance.call("load", [.i32(70_000)]) == [.i32(9)])
    }

    @Test func hostFunctionsSeeTheCallersMemory() throws {
        var seen: [Int32] = []
        let (_, instance) = try CoreTest.instantiate("""
        (module
          (import "env" "log" (func $log (param i32) (result i32)))
          (memory 1)
          (func (export "run") (result i32)
            (i32.store (i32.const 8) (i32.const 1234))
            (call $log (i32.const 8))))
        """) { store in
            var imports = Imports()
            let log = try Function(store: store, type: FunctionType(parameters: [.i32], results: [.i32])) { caller, arguments in
                guard case .i32(let address) = arguments[0], let memory = caller.memory else { return [.i32(-1)] }
                let bytes = try memory.read(at: Int(address), count: 4)
                let value = Int32(bytes[0]) | Int32(bytes[1]) << 8 | Int32(bytes[2]) << 16 | Int32(bytes[3]) << 24
                seen.append(value)
                return [.i32(value + 1)]
            }
            imports.define(module: "env", name: "log", .function(log))
            return imports
        }
        #expect(try instance.call("run") == [.i32(1235)])
        #expect(seen == [1234])
    }
}
