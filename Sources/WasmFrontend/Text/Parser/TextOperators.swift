/// What an instruction's mnemonic denotes in the text format: its opcode
/// bytes and which immediates follow.
///
/// Built from the decoder's own operator tables (``NumericOp``, ``SIMDOp``,
/// ``LoadOp``, ``StoreOp``, ``SIMDLoadOp``, ``SIMDLaneMemOp``,
/// ``SIMDLaneOp``: their opcodes and spec names), plus the control, variable,
/// table, memory, reference and GC operators, whose immediates need parsing.
enum TextOperator {
    /// An operator without immediates: its opcode bytes.
    case plain([UInt8])
    case load(LoadOp), store(StoreOp)
    case simdMemory(SIMDLoadOp)
    case simdLaneMemory(SIMDLaneMemOp)
    case simdLane(SIMDLaneOp)
    /// `block`, `loop`, `if` with their opcode.
    case block(UInt8)
    /// `br`, `br_if`.
    case branch(UInt8)
    case brTable, select
    /// `call_indirect` (0x11) and `return_call_indirect` (0x13): their opcode.
    case callIndirect(UInt8)
    /// An operator followed by one index: `call`, `local.get`, `global.set`, `ref.func`, `elem.drop`...
    case indexed([UInt8], TextIndexKind)
    /// An operator followed by an index that may be left out (then 0): `table.get`, `memory.size`...
    case optionalIndex([UInt8], TextIndexKind)
    case memoryInit, memoryCopy, tableInit, tableCopy
    case i32Const, i64Const, f32Const, f64Const, v128Const, shuffle, refNull
    /// `try_table` (exception handling), parsed with its catch clauses by the caller.
    case tryTable
    /// `struct.get`, `struct.get_s`, `struct.get_u`, `struct.set`: a type and one of its fields.
    case structField([UInt8])
    /// A GC operator with a type and a second immediate: `array.new_fixed` (a count,
    /// when the kind is nil), `array.new_data`, `array.copy`, `array.init_elem`…
    case typeAnd([UInt8], TextIndexKind?)
    /// `ref.test` (0xFB 20) and `ref.cast` (0xFB 22): the sub-opcode of the non-null form.
    case cast(UInt8)
    /// `br_on_cast` (0xFB 24) and `br_on_cast_fail` (0xFB 25): a label and two reference types.
    case brOnCast(UInt8)
    /// The legacy `try` (with `catch`, `catch_all` or `delegate`), parsed by the caller.
    case legacyTry

    /// Every mnemonic our decoder supports.
    static let table: [String: TextOperator] = {
        var ops: [String: TextOperator] = [:]
        for op in NumericOp.allCases {
            let raw = op.rawValue
            var writer = BinaryWriter()
            if raw > 0xFF {
                writer.byte(UInt8(raw >> 8))
                writer.u32(UInt32(raw & 0xFF))
            } else {
                writer.byte(UInt8(raw))
            }
            ops[op.name] = .plain(writer.bytes)
        }
        for op in SIMDOp.allCases { ops[op.name] = .plain(simdOpcode(op.rawValue)) }
        for op in LoadOp.allCases { ops[op.name] = .load(op) }
        for op in StoreOp.allCases { ops[op.name] = .store(op) }
        for op in SIMDLoadOp.allCases { ops[op.name] = .simdMemory(op) }
        for op in SIMDLaneMemOp.allCases { ops[op.name] = .simdLaneMemory(op) }
        for op in SIMDLaneOp.allCases { ops[op.name] = .simdLane(op) }
        let fixed: [String: TextOperator] = [
            "unreachable": .plain([0x00]), "nop": .plain([0x01]), "return": .plain([0x0F]),
            "drop": .plain([0x1A]), "ref.is_null": .plain([0xD1]),
            "block": .block(0x02), "loop": .block(0x03), "if": .block(0x04),
            "br": .branch(0x0C), "br_if": .branch(0x0D), "br_table": .brTable,
            "call": .indexed([0x10], .function), "call_indirect": .callIndirect(0x11),
            "return_call": .indexed([0x12], .function), "return_call_indirect": .callIndirect(0x13), "select": .select,
            "local.get": .indexed([0x20], .local), "local.set": .indexed([0x21], .local),
            "local.tee": .indexed([0x22], .local),
            "global.get": .indexed([0x23], .global), "global.set": .indexed([0x24], .global),
            "table.get": .optionalIndex([0x25], .table), "table.set": .optionalIndex([0x26], .table),
            "table.grow": .optionalIndex([0xFC, 15], .table), "table.size": .optionalIndex([0xFC, 16], .table),
            "table.fill": .optionalIndex([0xFC, 17], .table),
            "table.init": .tableInit, "table.copy": .tableCopy, "elem.drop": .indexed([0xFC, 13], .element),
            "memory.size": .optionalIndex([0x3F], .memory), "memory.grow": .optionalIndex([0x40], .memory),
            "memory.fill": .optionalIndex([0xFC, 11], .memory),
            "memory.init": .memoryInit, "memory.copy": .memoryCopy, "data.drop": .indexed([0xFC, 9], .data),
            "i32.const": .i32Const, "i64.const": .i64Const, "f32.const": .f32Const, "f64.const": .f64Const,
            "v128.const": .v128Const, "i8x16.shuffle": .shuffle,
            "ref.null": .refNull, "ref.func": .indexed([0xD2], .function),
            // Typed function references.
            "call_ref": .indexed([0x14], .type), "return_call_ref": .indexed([0x15], .type),
            "ref.as_non_null": .plain([0xD4]), "br_on_null": .branch(0xD5), "br_on_non_null": .branch(0xD6),
            "throw": .indexed([0x08], .tag), "throw_ref": .plain([0x0A]), "try_table": .tryTable,
            // WebAssembly GC.
            "ref.eq": .plain([0xD3]),
            "struct.new": .indexed([0xFB, 0], .type), "struct.new_default": .indexed([0xFB, 1], .type),
            "struct.get": .structField([0xFB, 2]), "struct.get_s": .structField([0xFB, 3]),
            "struct.get_u": .structField([0xFB, 4]), "struct.set": .structField([0xFB, 5]),
            "array.new": .indexed([0xFB, 6], .type), "array.new_default": .indexed([0xFB, 7], .type),
            "array.new_fixed": .typeAnd([0xFB, 8], nil), "array.new_data": .typeAnd([0xFB, 9], .data),
            "array.new_elem": .typeAnd([0xFB, 10], .element),
            "array.get": .indexed([0xFB, 11], .type), "array.get_s": .indexed([0xFB, 12], .type),
            "array.get_u": .indexed([0xFB, 13], .type), "array.set": .indexed([0xFB, 14], .type),
            "array.len": .plain([0xFB, 15]), "array.fill": .indexed([0xFB, 16], .type),
            "array.copy": .typeAnd([0xFB, 17], .type), "array.init_data": .typeAnd([0xFB, 18], .data),
            "array.init_elem": .typeAnd([0xFB, 19], .element),
            "ref.test": .cast(20), "ref.cast": .cast(22), "br_on_cast": .brOnCast(24), "br_on_cast_fail": .brOnCast(25),
            "any.convert_extern": .plain([0xFB, 26]), "extern.convert_any": .plain([0xFB, 27]),
            "ref.i31": .plain([0xFB, 28]), "i31.get_s": .plain([0xFB, 29]), "i31.get_u": .plain([0xFB, 30]),
            // Legacy exception handling (`catch`, `catch_all`, `delegate` belong to `try`).
            "try": .legacyTry, "rethrow": .branch(0x09),
        ]
        ops.merge(fixed) { _, new in new }
        return ops
    }()

    /// `0xFD` and the sub-opcode as LEB128.
    static func simdOpcode(_ sub: UInt32) -> [UInt8] {
        var writer = BinaryWriter()
        writer.byte(0xFD)
        writer.u32(sub)
        return writer.bytes
    }
}

/// The index spaces an identifier can name.
enum TextIndexKind: String {
    case type, function = "func", table, memory, global, element = "elem", data, local, label, tag
}
