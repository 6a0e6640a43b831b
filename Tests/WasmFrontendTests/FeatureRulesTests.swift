import Testing
@testable import WasmFrontend

/// Validation by 2.0 or 3.0 rules where they disagree, and the decoding of the 3.0
/// operators they concern.
struct FeatureRulesTests {
    private func check(_ wat: String, _ features: WasmFeatures) -> String? {
        do {
            _ = try WasmModule.parse(Array(wat.utf8), features: features)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func extendedConstantsAreValidIn3AndNotIn2() {
        let earlierGlobal = "(module (global i32 (i32.const 1)) (global i32 (global.get 0)))"
        let arithmetic = "(module (global i64 (i64.mul (i64.const 6) (i64.const 7))))"
        let offset = "(module (memory 1) (global i32 (i32.const 8)) (data (i32.add (global.get 0) (i32.const 1)) \"x\"))"
        #expect(check(earlierGlobal, .wasm3) == nil)
        #expect(check(arithmetic, .wasm3) == nil)
        #expect(check(offset, .wasm3) == nil)
        #expect(check(earlierGlobal, .wasm2)?.contains("unknown global") == true)
        #expect(check(arithmetic, .wasm2)?.contains("constant expression required") == true)
        #expect(check(offset, .wasm2) != nil)
    }

    @Test func constantExpressionsDecodeToATree() throws {
        let module = try WasmModule.parse(Array("""
            (module (global i32 (i32.const 2))
              (global i32 (i32.sub (i32.mul (global.get 0) (i32.const 5)) (i32.const 3))))
            """.utf8))
        #expect(module.globals[1].initializer == .binary(.i32Sub, .binary(.i32Mul, .globalGet(0), .i32Const(5)), .i32Const(3)))
    }

    @Test func tailCallsDecodeAndAreValidOnlyIn3() throws {
        let wat = """
            (module (type $t (func (param i32) (result i32))) (table 1 funcref)
              (func $f (type $t) (return_call $f (local.get 0)))
              (func (type $t) (return_call_indirect (type $t) (local.get 0) (i32.const 0))))
            """
        #expect(check(wat, .wasm3) == nil)
        #expect(check(wat, .wasm2)?.contains("illegal opcode") == true)
        let module = try WasmModule.parse(Array(wat.utf8))
        var reader = InstructionReader(bytes: module.bytes, range: module.bodies[1].code)
        var instructions: [Instruction] = []
        while let instruction = try reader.next() { instructions.append(instruction) }
        #expect(instructions.contains(.returnCallIndirect(typeIndex: 0, table: 0)))
    }

    @Test func specScriptsOfThe2SuiteUse2Rules() {
        #expect(WasmFeatures.forSpecScript(at: "/work/shared/testsuite/wasm-2.0/data.wast") == .wasm2)
        #expect(WasmFeatures.forSpecScript(at: "/work/shared/testsuite/wasm-3.0/data.wast") == .wasm3)
        #expect(WasmFeatures.forSpecScript(at: "/tmp/my-wasm-2.0-notes/x.wast") == .default)
    }
}
