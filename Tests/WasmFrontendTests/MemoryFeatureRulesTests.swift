import Testing
@testable import WasmFrontend

/// Multi-memory, memory64 and table64: their decoding, and validation by 2.0 or 3.0 rules.
struct MemoryFeatureRulesTests {
    private func check(_ bytes: [UInt8], _ features: WasmFeatures) -> String? {
        do {
            _ = try WasmModule.parse(bytes, features: features)
            return nil
        } catch {
            return error.message
        }
    }

    private func check(_ wat: String, _ features: WasmFeatures) -> String? { check(Array(wat.utf8), features) }

    private func instructions(_ module: WasmModule, body: Int = 0) throws -> [Instruction] {
        var reader = InstructionReader(bytes: module.bytes, range: module.bodies[body].code)
        var out: [Instruction] = []
        while let instruction = try reader.next() { out.append(instruction) }
        return out
    }

    @Test func severalMemoriesAreValidOnlyIn3() throws {
        let wat = """
            (module (memory $a 1) (memory $b 2)
              (func (param i32) (result i32)
                (i32.store8 $b offset=3 (local.get 0) (i32.const 1))
                (memory.copy $a $b (i32.const 0) (i32.const 0) (i32.const 1))
                (i32.add (i32.load $b (local.get 0)) (memory.size $b))))
            """
        #expect(check(wat, .wasm3) == nil)
        // 2.0 rejects the memory indices in the bodies first ("malformed memop flags").
        #expect(check(wat, .wasm2) != nil)
        #expect(check("(module (memory 1) (memory 1))", .wasm2)?.contains("multiple memories") == true)
        let decoded = try instructions(try WasmModule.parse(Array(wat.utf8)))
        #expect(decoded.contains(.store(.i32Store8, MemArg(align: 0, offset: 3, memory: 1))))
        #expect(decoded.contains(.memoryCopy(dst: 0, src: 1)))
        #expect(decoded.contains(.load(.i32Load, MemArg(align: 2, offset: 0, memory: 1))))
        #expect(decoded.contains(.memorySize(1)))
    }

    @Test func sixtyFourBitLimitsDecode() throws {
        let module = try WasmModule.parse(Array("""
            (module (memory i64 1 0x1000000000000) (table i64 3 funcref)
              (func (param i64) (result i64)
                (drop (i64.load offset=0x100000000 (local.get 0)))
                (drop (table.size 0))
                (memory.grow (local.get 0))))
            """.utf8))
        #expect(module.memories == [MemoryType(limits: Limits(min: 1, max: 1 << 48), addressType: .i64)])
        #expect(module.tables == [TableType(elementType: .funcRef, limits: Limits(min: 3), addressType: .i64)])
        #expect(try instructions(module).contains(.load(.i64Load, MemArg(align: 3, offset: 1 << 32, memory: 0))))
        // 2.0 has no 64-bit limits flag.
        #expect(check("(module (memory i64 1))", .wasm2) != nil)
        #expect(check("(module (memory i64 0x1000000000001))", .wasm3)?.contains("2^48") == true)
    }

    @Test func addressTypesAreEnforced() {
        for wat in [
            "(module (memory i64 1) (func (drop (i32.load (i32.const 0)))))",
            "(module (memory 1) (func (drop (i32.load offset=0x100000000 (i32.const 0)))))",
            "(module (memory i64 1) (func (result i32) (memory.grow (i32.const 1))))",
            "(module (memory i64 1) (data (i32.const 0) \"x\"))",
            "(module (table i64 1 funcref) (elem (i32.const 0) func))",
            "(module (table i64 1 funcref) (func (result i32) (table.size 0)))",
            "(module (table i64 1 funcref) (func (call_indirect (i32.const 0))))",
            // memory.copy between an i32 and an i64 memory counts in i32.
            "(module (memory i64 1) (memory 1) (func (memory.copy 0 1 (i64.const 0) (i32.const 0) (i64.const 1))))",
        ] {
            #expect(check(wat, .wasm3) != nil, "\(wat)")
        }
        let mixed = "(module (memory i64 1) (memory 1) (func (memory.copy 0 1 (i64.const 0) (i32.const 0) (i32.const 1))))"
        #expect(check(mixed, .wasm3) == nil)
    }

    @Test func memargFlagsFollowTheVersion() {
        func load(_ memarg: [UInt8]) -> [UInt8] {
            ModuleBytes.function(code: [0x41, 0x00, 0x28] + memarg + [0x1A, 0x0B],
                                 extra: [ModuleBytes.section(5, ModuleBytes.vector([[0x00, 0x01]]))])
        }
        // Bit 6 with memory index 0: valid in 3.0, malformed in 2.0.
        #expect(check(load([0x42, 0x00, 0x00]), .wasm3) == nil)
        #expect(check(load([0x42, 0x00, 0x00]), .wasm2)?.contains("malformed memop flags") == true)
        // Flags from 128 are malformed in both; an offset LEB longer than a u32's only in 2.0.
        #expect(check(load([0x80, 0x01, 0x00]), .wasm3)?.contains("malformed memop flags") == true)
        let longOffset: [UInt8] = [0x02, 0x82, 0x80, 0x80, 0x80, 0x80, 0x00]
        #expect(check(load(longOffset), .wasm3) == nil)
        #expect(check(load(longOffset), .wasm2) != nil)
    }

    @Test func longThirtyTwoBitLimitsAreValidOnlyIn3() {
        // `(memory 2)` with its minimum encoded in 6 bytes: a u64 LEB128 in 3.0, too long for 2.0's u32.
        let memory = ModuleBytes.header
            + ModuleBytes.section(5, ModuleBytes.vector([[0x00, 0x82, 0x80, 0x80, 0x80, 0x80, 0x00]]))
        #expect(check(memory, .wasm3) == nil)
        #expect(check(memory, .wasm2)?.contains("integer representation too long") == true)
    }

    /// Both 64-bit limits flags, without (0x04) and with (0x05) a maximum, are
    /// 3.0 encodings: malformed when decoding by 2.0 rules.
    @Test(arguments: [[UInt8(0x04), 0x01], [0x05, 0x01, 0x02]])
    func sixtyFourBitLimitsFlagsAreMalformedIn2(_ limits: [UInt8]) {
        let memory = ModuleBytes.header + ModuleBytes.section(5, ModuleBytes.vector([limits]))
        #expect(check(memory, .wasm3) == nil)
        #expect(check(memory, .wasm2)?.contains("integer too large") == true)
    }
}
