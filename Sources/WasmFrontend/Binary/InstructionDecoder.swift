/// Decoding of one operator and its immediates (the binary `instr` grammar).
extension ByteReader {
    @inlinable
    mutating func readIndex() throws(WasmError) -> UInt32 { try readVarUInt32() }

    /// Reads one operator. Unknown opcodes are "illegal opcode".
    @usableFromInline
    mutating func readInstruction() throws(WasmError) -> Instruction {
        let start = position
        let opcode = try readByte()
        switch opcode {
        case 0x00: return .unreachable
        case 0x01: return .nop
        case 0x02: return .block(try readBlockType())
        case 0x03: return .loop(try readBlockType())
        case 0x04: return .if(try readBlockType())
        case 0x05: return .else
        // Legacy exception handling: try, catch, rethrow, delegate, catch_all.
        case 0x06 where exceptionHandling: return .try(try readBlockType())
        case 0x07 where exceptionHandling: return .catch(try readIndex())
        case 0x09 where exceptionHandling: return .rethrow(try readIndex())
        case 0x18 where exceptionHandling: return .delegate(try readIndex())
        case 0x19 where exceptionHandling: return .catchAll
        case 0x08 where exceptionHandling: return .throw(try readIndex())
        case 0x0A where exceptionHandling: return .throwRef
        case 0x0B: return .end
        case 0x0C: return .br(try readIndex())
        case 0x0D: return .brIf(try readIndex())
        case 0x0E: return try readBrTable()
        case 0x0F: return .return
        case 0x10: return .call(try readIndex())
        case 0x11:
            let type = try readIndex()
            return .callIndirect(typeIndex: type, table: try readIndex())
        case 0x12: return .returnCall(try readIndex())
        case 0x13:
            let type = try readIndex()
            return .returnCallIndirect(typeIndex: type, table: try readIndex())
        case 0x14 where typedReferences: return .callRef(try readIndex())
        case 0x15 where typedReferences: return .returnCallRef(try readIndex())
        case 0x1A: return .drop
        case 0x1F where exceptionHandling: return try readTryTable()
        case 0x1B: return .select
        case 0x1C: return .typedSelect(try readSelectType())
        case 0x20: return .localGet(try readIndex())
        case 0x21: return .localSet(try readIndex())
        case 0x22: return .localTee(try readIndex())
        case 0x23: return .globalGet(try readIndex())
        case 0x24: return .globalSet(try readIndex())
        case 0x25: return .tableGet(try readIndex())
        case 0x26: return .tableSet(try readIndex())
        case 0x28...0x35:
            guard let op = LoadOp(rawValue: opcode - 0x28) else { break }
            return .load(op, try readMemArg())
        case 0x36...0x3E:
            guard let op = StoreOp(rawValue: opcode - 0x36) else { break }
            return .store(op, try readMemArg())
        case 0x3F: return .memorySize(try readMemoryIndex())
        case 0x40: return .memoryGrow(try readMemoryIndex())
        case 0x41: return .i32Const(try readVarInt32())
        case 0x42: return .i64Const(try readVarInt64())
        case 0x43: return .f32Const(try readFixedUInt32())
        case 0x44: return .f64Const(try readFixedUInt64())
        case 0x45...0xC4:
            guard let op = NumericOp(rawValue: UInt16(opcode)) else { break }
            return .numeric(op)
        case 0xD0:
            guard typedReferences else { return .refNull(try readReferenceType()) }
            return .refNull(.ref(RefType(isNullable: true, heapType: try readHeapType())))
        case 0xD1: return .refIsNull
        case 0xD2: return .refFunc(try readIndex())
        case 0xD3 where typedReferences: return .refEq
        case 0xFB where typedReferences: return try readPrefixedFB(start: start)
        case 0xD4 where typedReferences: return .refAsNonNull
        case 0xD5 where typedReferences: return .brOnNull(try readIndex())
        case 0xD6 where typedReferences: return .brOnNonNull(try readIndex())
        case 0xFC: return try readPrefixedFC(start: start)
        case 0xFD: return try readPrefixedFD(start: start)
        default: break
        }
        throw malformed("illegal opcode", at: start)
    }

    @inlinable
    mutating func readZeroByte() throws(WasmError) {
        let at = position
        guard try readByte() == 0 else { throw malformed("zero byte expected", at: at) }
    }

    /// A value type: one byte, or `0x63`/`0x64` and a heap type (typed references);
    /// anything else is "malformed value type".
    @inlinable
    mutating func readValueType() throws(WasmError) -> ValueType {
        try readType(referencesOnly: false, else: "malformed value type")
    }

    /// A reference type (a shorthand byte, or `0x63`/`0x64` and a heap type);
    /// anything else is "malformed reference type".
    @inlinable
    mutating func readReferenceType() throws(WasmError) -> ValueType {
        try readType(referencesOnly: true, else: "malformed reference type")
    }

    /// A one-byte type, or (typed references) `0x63`/`0x64` and a heap type;
    /// without typed references only the seven 2.0 types are types.
    @inlinable
    mutating func readType(referencesOnly: Bool, else message: String) throws(WasmError) -> ValueType {
        let at = position
        let byte = try readByte()
        if let t = ValueType(binaryCode: byte), !referencesOnly || t.isReference, typedReferences || t.isTwoPointZero {
            return t
        }
        if typedReferences, byte == 0x63 || byte == 0x64 {
            return .ref(RefType(isNullable: byte == 0x63, heapType: try readHeapType()))
        }
        throw malformed(message, at: at)
    }

    /// A heap type: an abstract type byte or a non-negative type index (signed LEB128, 33 bits).
    @inlinable
    mutating func readHeapType() throws(WasmError) -> HeapType {
        let at = position
        guard position < limit else { throw malformed(endMessage) }
        if let abstract = HeapType(abstractCode: buffer[position]) {
            position += 1
            return abstract
        }
        let index = try readVarInt33()
        guard index >= 0 else { throw malformed("malformed heap type", at: at) }
        guard index <= Int64(UInt32.max) else { throw malformed("integer too large", at: at) }
        return .concrete(UInt32(index))
    }

    @usableFromInline
    mutating func readBlockType() throws(WasmError) -> BlockType {
        guard position < limit else { throw malformed(endMessage) }
        let byte = buffer[position]
        if byte == 0x40 {
            position += 1
            return .empty
        }
        if let t = ValueType(binaryCode: byte), typedReferences || t.isTwoPointZero {
            return .value(try readValueType())
        }
        if typedReferences, byte == 0x63 || byte == 0x64 { return .value(try readValueType()) }
        let at = position
        let index = try readVarInt33()
        guard index >= 0 else { throw malformed("malformed value type", at: at) }
        guard index <= Int64(UInt32.max) else { throw malformed("integer too large", at: at) }
        return .type(UInt32(index))
    }

    @usableFromInline
    mutating func readBrTable() throws(WasmError) -> Instruction {
        let count = Int(try readVarUInt32())
        // Every target takes at least one byte, so never reserve more than what is left.
        var targets = [UInt32]()
        targets.reserveCapacity(Swift.min(count, remaining))
        for _ in 0..<count { targets.append(try readIndex()) }
        return .brTable(targets, default: try readIndex())
    }

    /// `try_table`: block type, then a vector of catch clauses.
    @usableFromInline
    mutating func readTryTable() throws(WasmError) -> Instruction {
        let blockType = try readBlockType()
        let count = Int(try readVarUInt32())
        var clauses = [CatchClause]()
        clauses.reserveCapacity(Swift.min(count, remaining))
        for _ in 0..<count {
            let at = position
            guard let kind = CatchClause.Kind(rawValue: try readByte()) else {
                throw malformed("malformed catch clause", at: at)
            }
            let tag = kind.hasTag ? try readIndex() : 0
            clauses.append(CatchClause(kind: kind, tag: tag, label: try readIndex()))
        }
        return .tryTable(blockType, clauses)
    }

    @usableFromInline
    mutating func readSelectType() throws(WasmError) -> ValueType {
        let at = position
        let count = try readVarUInt32()
        guard count == 1 else { throw WasmError.invalid("invalid result arity", offset: at) }
        return try readValueType()
    }

    /// A memory immediate (Wasm 3.0): a u32 flags field below 128 whose low six bits
    /// are the alignment exponent and whose bit 6 says a memory index follows, then a
    /// u64 offset. Anything from 128 up is "malformed memop flags"; whether the alignment
    /// exceeds natural alignment or the offset the memory's address type is a validation
    /// question. With ``wasm2Immediates`` it is 2.0's (flags below 32, a u32 offset).
    @usableFromInline
    mutating func readMemArg() throws(WasmError) -> MemArg {
        let at = position
        let flags = try readVarUInt32()
        if wasm2Immediates {
            guard flags < 32 else { throw malformed("malformed memop flags", at: at) }
            return MemArg(align: flags, offset: UInt64(try readVarUInt32()), memory: 0)
        }
        guard flags < 128 else { throw malformed("malformed memop flags", at: at) }
        let memory = flags & 0x40 != 0 ? try readIndex() : 0
        let offset = try readVarUInt64()
        return MemArg(align: flags & 0x3F, offset: offset, memory: memory)
    }

    /// A memory index immediate: any index in 3.0, a zero byte in 2.0 (``wasm2Immediates``).
    @inlinable
    mutating func readMemoryIndex() throws(WasmError) -> UInt32 {
        if wasm2Immediates {
            try readZeroByte()
            return 0
        }
        return try readIndex()
    }

    @usableFromInline
    mutating func readPrefixedFC(start: Int) throws(WasmError) -> Instruction {
        let sub = try readVarUInt32()
        switch sub {
        case 0...7:
            guard let op = NumericOp(rawValue: 0xFC00 | UInt16(sub)) else { break }
            return .numeric(op)
        case 8:
            let data = try readIndex()
            return .memoryInit(data: data, memory: try readMemoryIndex())
        case 9: return .dataDrop(try readIndex())
        case 10:
            let dst = try readMemoryIndex()
            return .memoryCopy(dst: dst, src: try readMemoryIndex())
        case 11: return .memoryFill(try readMemoryIndex())
        case 12:
            let elem = try readIndex()
            return .tableInit(elem: elem, table: try readIndex())
        case 13: return .elemDrop(try readIndex())
        case 14:
            let dst = try readIndex()
            return .tableCopy(dst: dst, src: try readIndex())
        case 15: return .tableGrow(try readIndex())
        case 16: return .tableSize(try readIndex())
        case 17: return .tableFill(try readIndex())
        default: break
        }
        throw malformed("illegal opcode", at: start)
    }

    @usableFromInline
    mutating func readPrefixedFD(start: Int) throws(WasmError) -> Instruction {
        let sub = try readVarUInt32()
        switch sub {
        case 0x0C: return .v128Const(try readV128())
        case 0x0D: return .i8x16Shuffle(try readV128())
        case 0x15...0x22:
            guard let op = SIMDLaneOp(rawValue: sub) else { break }
            return .simdLane(op, try readByte())
        case 0x00...0x0B, 0x5C, 0x5D:
            guard let op = SIMDLoadOp(rawValue: sub) else { break }
            return .simdLoad(op, try readMemArg())
        case 0x54...0x5B:
            guard let op = SIMDLaneMemOp(rawValue: sub) else { break }
            let memarg = try readMemArg()
            return .simdLoadLane(op, memarg, lane: try readByte())
        default:
            if let op = SIMDOp(rawValue: sub) { return .simd(op) }
        }
        throw malformed("illegal opcode", at: start)
    }
}
