import Testing
import Wasmex

/// Extended constant expressions (Wasm 3.0): `i32`/`i64` `add`, `sub`, `mul` and `global.get`
/// of earlier immutable globals in global initialisers and segment offsets.
struct ExtendedConstTests {
    @Test func globalsAndOffsetsAreComputed() throws {
        let (_, instance) = try CoreTest.instantiate("""
            (module
              (global $base i32 (i32.const 100))
              (global $scaled i32 (i32.mul (global.get $base) (i32.const 3)))
              (global $diff i32 (i32.sub (i32.const 5) (global.get $scaled)))
              (global $wrap i64 (i64.add (i64.const 0x7fffffffffffffff) (i64.const 2)))
              (global $big i64 (i64.mul (i64.sub (i64.const 10) (i64.const 3)) (i64.const 1000000000000)))
              (memory 1)
              (data (i32.add (global.get $base) (i32.const 16)) "\\2a")
              (table 8 funcref)
              (elem (i32.sub (i32.const 7) (i32.const 2)) $seven)
              (func $seven (result i32) (i32.const 7))
              (func (export "scaled") (result i32) (global.get $scaled))
              (func (export "diff") (result i32) (global.get $diff))
              (func (export "wrap") (result i64) (global.get $wrap))
              (func (export "big") (result i64) (global.get $big))
              (func (export "byte") (param i32) (result i32) (i32.load8_u (local.get 0)))
              (func (export "slot") (param i32) (result i32) (call_indirect (result i32) (local.get 0))))
            """)
        #expect(try instance.call("scaled") == [.i32(300)])
        #expect(try instance.call("diff") == [.i32(-295)])
        #expect(try instance.call("wrap") == [.i64(Int64.min + 1)])
        #expect(try instance.call("big") == [.i64(7_000_000_000_000)])
        #expect(try instance.call("byte", [.i32(116)]) == [.i32(42)])
        #expect(try instance.call("byte", [.i32(115)]) == [.i32(0)])
        #expect(try instance.call("slot", [.i32(5)]) == [.i32(7)])
    }

    @Test func offsetsUseImportedGlobals() throws {
        let store = Store(engine: CoreTest.engine)
        let base = try Global(store: store, type: GlobalType(valueType: .i32, isMutable: false), value: .i32(1000))
        let module = try Module(engine: CoreTest.engine, text: """
            (module
              (import "env" "base" (global $base i32))
              (memory 1)
              (data (i32.add (global.get $base) (i32.mul (i32.const 2) (i32.const 8))) "\\07")
              (func (export "byte") (param i32) (result i32) (i32.load8_u (local.get 0))))
            """)
        var imports = Imports()
        imports.define(module: "env", name: "base", .global(base))
        let instance = try Instance(store: store, module: module, imports: imports)
        #expect(try instance.call("byte", [.i32(1016)]) == [.i32(7)])
    }

    @Test func outOfBoundsComputedOffsetTrapsAtInstantiation() throws {
        #expect(throws: WasmexError.self) {
            try CoreTest.instantiate("""
                (module (memory 1) (data (i32.mul (i32.const 65536) (i32.const 1)) "x"))
                """)
        }
    }

    @Test(arguments: [
        // A later global, a mutable global, operands of the wrong type, a missing operand,
        // an operator not allowed in constant expressions.
        ("(global i32 (global.get 1)) (global i32 (i32.const 0))", "unknown global"),
        ("(global $m (mut i32) (i32.const 0)) (global i32 (i32.add (global.get $m) (i32.const 1)))", "constant expression required"),
        ("(global i32 (i32.add (i64.const 1) (i32.const 1)))", "type mismatch"),
        ("(global i64 (i32.add (i32.const 1) (i32.const 1)))", "type mismatch"),
        ("(global i32 (i32.const 1) (i32.add))", "type mismatch"),
        ("(global i32 (i32.div_u (i32.const 1) (i32.const 1)))", "constant expression required"),
    ])
    func invalidExpressionsAreRejected(fields: String, message: String) throws {
        do {
            _ = try Module(engine: CoreTest.engine, text: "(module \(fields))")
            Issue.record("accepted: \(fields)")
        } catch {
            #expect(String(describing: error).contains(message), "\(fields): \(error)")
        }
    }
}
