import Testing
@testable import WasmCompiler
import WasmFrontend

/// Integer, lane and bitwise SIMD operators, JIT-executed, as emitted and after O2.
@Suite struct SIMDLoweringTests {
    @Test(arguments: SIMDVariant.allCases)
    func everyOperatorLowersToVerifiedIRWithoutFastMath(_ v: SIMDVariant) throws {
        let program = try v.program
        for flag in [" fast ", " reassoc ", " contract ", " nnan ", " ninf "] {
            #expect(!program.irText.contains(flag), "IR uses fast-math flag\(flag)")
        }
        // Every load and store form reported its memory access for alias tagging.
        #expect(program.taggedAccesses == SIMDLoadOp.allCases.count * 2 + SIMDLaneMemOp.allCases.count * 2)
        #expect(SIMDLowering.operandCount(.simd(.v128Bitselect)) == 3)
        #expect(SIMDLowering.operandCount(.simdLoadLane(.v128Store8Lane, MemArg(align: 0, offset: 0), lane: 0)) == 2)
        #expect(SIMDLowering.operandCount(.simdLoad(.v128Store, MemArg(align: 0, offset: 0))) == 2)
        #expect(SIMDLowering.operandCount(.v128Const(.zero)) == 0)
        #expect(SIMDLowering.operandCount(.nop) == 0)
        #expect(!SIMDLowering.handles(.nop))
    }

    @Test(arguments: SIMDVariant.allCases)
    func constantAndShuffle(_ v: SIMDVariant) throws {
        let constant = try v.run(.v128Const(V128(lo: 0x0123_4567_89AB_CDEF, hi: 0xFEDC_BA98_7654_3210)))
        #expect(constant == V128(lo: 0x0123_4567_89AB_CDEF, hi: 0xFEDC_BA98_7654_3210))
        let a = V128(bytes: Array(0...15))
        let b = V128(bytes: Array(16...31))
        // Each result byte is the index it selects, since a ++ b holds 0...31.
        #expect(try v.run(.i8x16Shuffle(SIMDPrograms.reverseAndInterleave), a, b) == SIMDPrograms.reverseAndInterleave)
        #expect(try v.run(.i8x16Shuffle(SIMDPrograms.broadcastSecond), a, .u8(99, 1, 2)).u8Lanes == Array(repeating: 99, count: 16))
    }

    @Test(arguments: SIMDVariant.allCases)
    func swizzleZeroesOutOfRangeIndices(_ v: SIMDVariant) throws {
        let table = V128(bytes: Array(100...115))
        let indices = V128.u8(0, 15, 16, 255, 128, 5, 17, 1, 32, 14, 0x8F, 0x10, 7, 3, 200, 2)
        let expected: [UInt8] = [100, 115, 0, 0, 0, 105, 0, 101, 0, 114, 0, 0, 107, 103, 0, 102]
        #expect(try v.run(.i8x16Swizzle, table, indices).u8Lanes == expected)
        #expect(try v.run(.i8x16RelaxedSwizzle, table, indices).u8Lanes == expected)
    }

    @Test(arguments: SIMDVariant.allCases)
    func shiftCountsAreMaskedByLaneWidth(_ v: SIMDVariant) throws {
        let bytes = V128.u8(1, 0x80, 0xFF, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)
        #expect(try v.run(.i8x16Shl, bytes, .scalar(9)).u8Lanes.prefix(4) == [2, 0, 0xFE, 6])
        #expect(try v.run(.i8x16Shl, bytes, .scalar(0xFFFF_FFFF)).u8Lanes.prefix(4) == [0x80, 0, 0x80, 0x80])
        #expect(try v.run(.i8x16ShrS, bytes, .scalar(15)).i8Lanes.prefix(4) == [0, -1, -1, 0])
        #expect(try v.run(.i8x16ShrU, bytes, .scalar(8)).u8Lanes.prefix(4) == [1, 0x80, 0xFF, 3])
        let halves = V128.i16(-32768, 4, -1, 1, 0, 0, 0, 0)
        #expect(try v.run(.i16x8ShrS, halves, .scalar(17)).i16Lanes.prefix(4) == [-16384, 2, -1, 0])
        #expect(try v.run(.i16x8ShrU, halves, .scalar(16)).i16Lanes.prefix(4) == [-32768, 4, -1, 1])
        #expect(try v.run(.i32x4ShrU, .u32(0x8000_0000, 8, 0, 0), .scalar(33)).u32Lanes == [0x4000_0000, 4, 0, 0])
        #expect(try v.run(.i32x4Shl, .u32(1, 3, 0, 0), .scalar(32)).u32Lanes == [1, 3, 0, 0])
        #expect(try v.run(.i64x2Shl, .i64(1, -1), .scalar(65)).i64Lanes == [2, -2])
        #expect(try v.run(.i64x2ShrS, .i64(Int64.min, 8), .scalar(127)).i64Lanes == [-1, 0])
    }

    @Test(arguments: SIMDVariant.allCases)
    func narrowingSaturates(_ v: SIMDVariant) throws {
        let a = V128.i16(300, -300, 127, -128, 128, -129, 0, -1)
        let b = V128.i16(32767, -32768, 1, 2, 3, 4, 5, 6)
        #expect(try v.run(.i8x16NarrowI16x8S, a, b).i8Lanes
                == [127, -128, 127, -128, 127, -128, 0, -1, 127, -128, 1, 2, 3, 4, 5, 6])
        #expect(try v.run(.i8x16NarrowI16x8U, a, b).u8Lanes
                == [255, 0, 127, 0, 128, 0, 0, 0, 255, 0, 1, 2, 3, 4, 5, 6])
        let c = V128.i32(70000, -70000, 32768, -1)
        let d = V128.i32(65535, 65536, 5, -32769)
        #expect(try v.run(.i16x8NarrowI32x4S, c, d).i16Lanes == [32767, -32768, 32767, -1, 32767, 32767, 5, -32768])
        #expect(try v.run(.i16x8NarrowI32x4U, c, d).u16Lanes == [65535, 0, 32768, 0, 65535, 65535, 5, 0])
    }

    @Test(arguments: SIMDVariant.allCases)
    func q15MultiplySaturatesOnlyMinTimesMin(_ v: SIMDVariant) throws {
        let a = V128.i16(-32768, -32768, 16384, 1, -1, 32767, 0, 100)
        let b = V128.i16(-32768, 32767, 16384, 16384, 16384, 32767, 5, -100)
        let expected: [Int16] = [32767, -32767, 8192, 1, 0, 32766, 0, 0]
        #expect(try v.run(.i16x8Q15mulrSatS, a, b).i16Lanes == expected)
        #expect(try v.run(.i16x8RelaxedQ15mulrS, a, b).i16Lanes == expected)
    }

    @Test(arguments: SIMDVariant.allCases)
    func saturatingAndMinMaxArithmetic(_ v: SIMDVariant) throws {
        let a = V128.i8(127, -128, 100, -100, 0, 1, -1, 5, 0, 0, 0, 0, 0, 0, 0, 0)
        let b = V128.i8(1, -1, 100, -100, -1, -2, 1, 5, 0, 0, 0, 0, 0, 0, 0, 0)
        #expect(try v.run(.i8x16AddSatS, a, b).i8Lanes.prefix(8) == [127, -128, 127, -128, -1, -1, 0, 10])
        #expect(try v.run(.i8x16AddSatU, a, b).u8Lanes.prefix(8) == [128, 255, 200, 255, 255, 255, 255, 10])
        #expect(try v.run(.i8x16SubSatU, a, b).u8Lanes.prefix(8) == [126, 0, 0, 0, 0, 0, 254, 0])
        #expect(try v.run(.i8x16SubSatS, a, b).i8Lanes.prefix(8) == [126, -127, 0, 0, 1, 3, -2, 0])
        #expect(try v.run(.i8x16MinS, a, b).i8Lanes.prefix(4) == [1, -128, 100, -100])
        #expect(try v.run(.i8x16MinU, a, b).u8Lanes.prefix(4) == [1, 128, 100, 156])
        #expect(try v.run(.i8x16AvgrU, .u8(255, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                          .u8(255, 1, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)).u8Lanes.prefix(4) == [255, 1, 2, 2])
        #expect(try v.run(.i16x8AvgrU, .u16(65535, 0, 0, 0, 0, 0, 0, 0), .u16(65534, 0, 0, 0, 0, 0, 0, 0)).u16Lanes[0] == 65535)
        #expect(try v.run(.i8x16Abs, .i8(-128, -5, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)).i8Lanes.prefix(3) == [-128, 5, 5])
        #expect(try v.run(.i64x2Abs, .i64(Int64.min, -3)).i64Lanes == [Int64.min, 3])
        #expect(try v.run(.i32x4Neg, .i32(Int32.min, 1, -7, 0)).i32Lanes == [Int32.min, -1, 7, 0])
        #expect(try v.run(.i8x16Popcnt, .u8(0xFF, 0, 0x55, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)).u8Lanes.prefix(4) == [8, 0, 4, 1])
        #expect(try v.run(.i64x2Mul, .i64(Int64.max, 3), .i64(2, -5)).i64Lanes == [-2, -15])
    }

    @Test(arguments: SIMDVariant.allCases)
    func comparisonsProduceLaneMasks(_ v: SIMDVariant) throws {
        let a = V128.u8(0x80, 1, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let b = V128.u8(0, 1, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        #expect(try v.run(.i8x16LtS, a, b).u8Lanes.prefix(3) == [0xFF, 0, 0xFF])
        #expect(try v.run(.i8x16LtU, a, b).u8Lanes.prefix(3) == [0, 0, 0xFF])
        #expect(try v.run(.i8x16GeU, a, b).u8Lanes.prefix(3) == [0xFF, 0xFF, 0])
        #expect(try v.run(.i64x2LtS, .i64(-1, 5), .i64(0, 5)).i64Lanes == [-1, 0])
        #expect(try v.run(.i64x2Ne, .i64(-1, 5), .i64(0, 5)).i64Lanes == [-1, 0])
        #expect(try v.run(.i32x4GtU, .u32(0xFFFF_FFFF, 0, 2, 3), .u32(1, 0, 3, 2)).i32Lanes == [-1, 0, 0, -1])
    }

    @Test(arguments: SIMDVariant.allCases)
    func bitwiseAndReductions(_ v: SIMDVariant) throws {
        let a = V128(lo: 0xF0F0_F0F0_F0F0_F0F0, hi: 0x1234_5678_9ABC_DEF0)
        let b = V128(lo: 0xFF00_FF00_FF00_FF00, hi: 0x0F0F_0F0F_0F0F_0F0F)
        let mask = V128(lo: 0xFFFF_FFFF_0000_0000, hi: 0x00FF_00FF_00FF_00FF)
        #expect(try v.run(.v128Not, a) == V128(lo: ~a.lo, hi: ~a.hi))
        #expect(try v.run(.v128Andnot, a, b) == V128(lo: a.lo & ~b.lo, hi: a.hi & ~b.hi))
        let selected = V128(lo: (a.lo & mask.lo) | (b.lo & ~mask.lo), hi: (a.hi & mask.hi) | (b.hi & ~mask.hi))
        #expect(try v.run(.v128Bitselect, a, b, mask) == selected)
        #expect(try v.run(.i16x8RelaxedLaneselect, a, b, mask) == selected)
        #expect(try v.run(.v128AnyTrue, .zero).lo == 0)
        #expect(try v.run(.v128AnyTrue, V128(lo: 0, hi: 1 << 63)).lo == 1)
        let oneZeroByte = V128(bytes: Array(1...15) + [0])
        #expect(try v.run(.i8x16AllTrue, oneZeroByte).lo == 0)
        #expect(try v.run(.i8x16AllTrue, V128(bytes: Array(1...16))).lo == 1)
        #expect(try v.run(.i16x8AllTrue, .u16(0x100, 1, 1, 1, 1, 1, 1, 1)).lo == 1)
        #expect(try v.run(.i64x2AllTrue, .i64(1 << 40, 0)).lo == 0)
    }

    @Test(arguments: SIMDVariant.allCases)
    func bitmaskCollectsSignBits(_ v: SIMDVariant) throws {
        #expect(try v.run(.i8x16Bitmask, .i8(-1, 0, -128, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -2)).lo == 0x8005)
        #expect(try v.run(.i16x8Bitmask, .i16(0, -1, 0, 0, 0, 0, 0, Int16.min)).lo == 0x82)
        #expect(try v.run(.i32x4Bitmask, .i32(-1, -1, 1, Int32.min)).lo == 0b1011)
        #expect(try v.run(.i64x2Bitmask, .i64(1, -1)).lo == 0b10)
        #expect(try v.run(.i8x16Bitmask, .zero).lo == 0)
    }

    @Test(arguments: SIMDVariant.allCases)
    func lanesExtractAndReplace(_ v: SIMDVariant) throws {
        let bytes = V128.u8(0x80, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0xFE)
        #expect(try v.run(.simdLane(.i8x16ExtractLaneS, 0), bytes).lo == 0xFFFF_FF80)
        #expect(try v.run(.simdLane(.i8x16ExtractLaneU, 0), bytes).lo == 0x80)
        #expect(try v.run(.simdLane(.i8x16ExtractLaneS, 15), bytes).lo == 0xFFFF_FFFE)
        #expect(try v.run(.simdLane(.i16x8ExtractLaneS, 7), bytes).lo == 0xFFFF_FE0F)
        #expect(try v.run(.simdLane(.i16x8ExtractLaneU, 7), bytes).lo == 0xFE0F)
        #expect(try v.run(.simdLane(.i64x2ExtractLane, 1), bytes).lo == bytes.hi)
        #expect(try v.run(.simdLane(.f32x4ExtractLane, 1), .f32(1, -2.5, 3, 4)).lo == UInt64((-2.5 as Float).bitPattern))
        let replaced = try v.run(.simdLane(.i8x16ReplaceLane, 1), bytes, .scalar(0x1FF))
        #expect(replaced.u8Lanes[1] == 0xFF && replaced.u8Lanes[0] == 0x80 && replaced.u8Lanes[2] == 3)
        #expect(try v.run(.simdLane(.f64x2ReplaceLane, 1), .f64(1, 2), .scalar((7.5).bitPattern)).f64Lanes == [1, 7.5])
        #expect(try v.run(.simdLane(.i32x4ReplaceLane, 3), .i32(1, 2, 3, 4), .scalar(0xFFFF_FFFF)).i32Lanes == [1, 2, 3, -1])
        #expect(try v.run(.i8x16Splat, .scalar(0x1_2345)).u8Lanes == Array(repeating: 0x45, count: 16))
        #expect(try v.run(.i16x8Splat, .scalar(0xFFFF_8001)).u16Lanes == Array(repeating: 0x8001, count: 8))
        #expect(try v.run(.f64x2Splat, .scalar((-0.0).bitPattern)).f64Lanes.map(\.bitPattern) == [(-0.0).bitPattern, (-0.0).bitPattern])
    }
}
