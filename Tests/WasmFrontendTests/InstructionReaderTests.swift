import Testing
@testable import WasmFrontend

@Test func instructionReaderDecodesABody() throws {
    let code: [UInt8] = [
        0x02, 0x7F,                   // block (result i32)
        0x41, 0x7F,                   // i32.const -1
        0x0E, 0x02, 0x00, 0x00, 0x00, // br_table 0 0 0
        0x0B,                         // end
        0x28, 0x02, 0x10,             // i32.load align=4 offset=16
        0x43, 0x00, 0x00, 0x80, 0x3F, // f32.const 1.0
        0x1A, 0x1A,                   // drop drop
        0xFC, 0x00,                   // i32.trunc_sat_f32_s (not type-correct here: decode only)
        0x0B,
    ]
    let bytes = [UInt8](repeating: 0xAA, count: 3) + code
    var reader = InstructionReader(bytes: bytes, range: 3..<bytes.count)
    var decoded: [Instruction] = []
    while let instruction = try reader.next() { decoded.append(instruction) }
    #expect(decoded == [
        .block(.value(.i32)), .i32Const(-1), .brTable([0, 0], default: 0), .end,
        .load(.i32Load, MemArg(align: 2, offset: 16)), .f32Const(0x3F80_0000), .drop, .drop,
        .numeric(.i32TruncSatF32S), .end,
    ])
    #expect(reader.offset == bytes.count)
}

@Test func instructionReaderDecodesSIMD() throws {
    var bytes: [UInt8] = [0xFD, 0x0C] + (0..<16).map { UInt8($0) }   // v128.const 0..15
    bytes += [0xFD, 0x15, 0x03]                                       // i8x16.extract_lane_s 3
    bytes += [0xFD, 0xAE, 0x01]                                       // i32x4.add
    bytes += [0xFD, 0x54, 0x00, 0x00, 0x07]                           // v128.load8_lane lane 7
    var reader = InstructionReader(bytes: bytes, range: 0..<bytes.count)
    #expect(try reader.next() == .v128Const(V128(bytes: (0..<16).map { UInt8($0) })))
    #expect(try reader.next() == .simdLane(.i8x16ExtractLaneS, 3))
    #expect(try reader.next() == .simd(.i32x4Add))
    #expect(try reader.next() == .simdLoadLane(.v128Load8Lane, MemArg(align: 0, offset: 0), lane: 7))
    #expect(try reader.next() == nil)
}

@Test func instructionReaderReportsBadOpcodes() {
    var reader = InstructionReader(bytes: [0x41, 0x00, 0xFF], range: 0..<3)
    #expect(throws: WasmError.malformed("illegal opcode", offset: 2)) {
        while try reader.next() != nil {}
    }
    var truncated = InstructionReader(bytes: [0x41, 0x80], range: 0..<2)
    #expect(throws: WasmError.malformed("unexpected end of section or function", offset: 2)) {
        _ = try truncated.next()
    }
}

@Test func operatorTablesAreConsistent() {
    #expect(NumericOp.allCases.count == 136)
    #expect(NumericOp.i32Add.signature.parameters == [.i32, .i32])
    #expect(NumericOp.f64ConvertI32U.signature.parameters == [.i32])
    #expect(NumericOp.f64ConvertI32U.signature.result == .f64)
    #expect(NumericOp.i64TruncSatF64U.operandType == .f64 && NumericOp.i64TruncSatF64U.resultType == .i64)
    #expect(NumericOp.i32Eqz.arity == 1 && NumericOp.f32Copysign.arity == 2)
    #expect(NumericOp.i64Extend32S.signature.result == .i64)
    #expect(SIMDOp.allCases.count == 218)
    #expect(SIMDOp.i8x16Splat.signature.parameters == [.i32])
    #expect(SIMDOp.v128AnyTrue.signature.result == .i32)
    #expect(LoadOp.i64Load32U.size == 4 && LoadOp.i64Load32U.naturalAlignmentLog2 == 2)
    #expect(StoreOp.i64Store8.valueType == .i64 && StoreOp.i64Store8.opcode == 0x3C)
    #expect(SIMDLaneMemOp.v128Store64Lane.laneCount == 2 && SIMDLaneMemOp.v128Store64Lane.isStore)
}
