/// How a read of a packed (`i8`/`i16`) field or element extends to `i32`.
@usableFromInline package enum FieldExtension: UInt8, Hashable, Sendable {
    /// `struct.get` / `array.get`: the field is not packed.
    case none
    /// `_s`: sign extension.
    case signed
    /// `_u`: zero extension.
    case unsigned
}

/// The operators of WebAssembly GC (the `0xFB` prefix): allocation and access
/// of structs and arrays, casts, `i31` values and the `any`/`extern` conversions.
/// Type immediates are type indices; `ref.eq` (0xD3) is ``Instruction/refEq``.
@usableFromInline package enum GCInstruction: Hashable, Sendable {
    case structNew(UInt32), structNewDefault(UInt32)
    case structGet(UInt32, field: UInt32, FieldExtension)
    case structSet(UInt32, field: UInt32)
    case arrayNew(UInt32), arrayNewDefault(UInt32), arrayNewFixed(UInt32, count: UInt32)
    case arrayNewData(UInt32, data: UInt32), arrayNewElem(UInt32, elem: UInt32)
    case arrayGet(UInt32, FieldExtension), arraySet(UInt32), arrayLen
    case arrayFill(UInt32), arrayCopy(dst: UInt32, src: UInt32)
    case arrayInitData(UInt32, data: UInt32), arrayInitElem(UInt32, elem: UInt32)
    /// `ref.test rt`: 1 when the operand is of type `rt`.
    case refTest(RefType)
    /// `ref.cast rt`: the operand, or a "cast failure" trap.
    case refCast(RefType)
    /// `br_on_cast l rt1 rt2` (`failing: false`) and `br_on_cast_fail l rt1 rt2` (`failing: true`).
    case brOnCast(label: UInt32, from: RefType, to: RefType, failing: Bool)
    case anyConvertExtern, externConvertAny
    case refI31, i31Get(signed: Bool)
}

extension ByteReader {
    /// One `0xFB`-prefixed operator (WebAssembly GC).
    @usableFromInline
    mutating func readPrefixedFB(start: Int) throws(WasmError) -> Instruction {
        let sub = try readVarUInt32()
        let gc: GCInstruction
        switch sub {
        case 0: gc = .structNew(try readIndex())
        case 1: gc = .structNewDefault(try readIndex())
        case 2, 3, 4:
            let type = try readIndex()
            gc = .structGet(type, field: try readIndex(), FieldExtension(rawValue: UInt8(sub - 2))!)
        case 5:
            let type = try readIndex()
            gc = .structSet(type, field: try readIndex())
        case 6: gc = .arrayNew(try readIndex())
        case 7: gc = .arrayNewDefault(try readIndex())
        case 8:
            let type = try readIndex()
            gc = .arrayNewFixed(type, count: try readVarUInt32())
        case 9:
            let type = try readIndex()
            gc = .arrayNewData(type, data: try readIndex())
        case 10:
            let type = try readIndex()
            gc = .arrayNewElem(type, elem: try readIndex())
        case 11, 12, 13: gc = .arrayGet(try readIndex(), FieldExtension(rawValue: UInt8(sub - 11))!)
        case 14: gc = .arraySet(try readIndex())
        case 15: gc = .arrayLen
        case 16: gc = .arrayFill(try readIndex())
        case 17:
            let dst = try readIndex()
            gc = .arrayCopy(dst: dst, src: try readIndex())
        case 18:
            let type = try readIndex()
            gc = .arrayInitData(type, data: try readIndex())
        case 19:
            let type = try readIndex()
            gc = .arrayInitElem(type, elem: try readIndex())
        case 20, 21: gc = .refTest(RefType(isNullable: sub == 21, heapType: try readHeapType()))
        case 22, 23: gc = .refCast(RefType(isNullable: sub == 23, heapType: try readHeapType()))
        case 24, 25:
            let at = position
            let flags = try readByte()
            guard flags & ~3 == 0 else { throw malformed("malformed br_on_cast flags", at: at) }
            let label = try readIndex()
            let from = RefType(isNullable: flags & 1 != 0, heapType: try readHeapType())
            let to = RefType(isNullable: flags & 2 != 0, heapType: try readHeapType())
            gc = .brOnCast(label: label, from: from, to: to, failing: sub == 25)
        case 26: gc = .anyConvertExtern
        case 27: gc = .externConvertAny
        case 28: gc = .refI31
        case 29, 30: gc = .i31Get(signed: sub == 29)
        default: throw malformed("illegal opcode", at: start)
        }
        return .gc(gc)
    }
}
