import Testing
@testable import WasmCompiler
import WasmFrontend

/// Integer operators, JIT-executed, as emitted and after O2.
@Suite struct NumericIntegerTests {
    @Test(arguments: NumericVariant.allCases)
    func divisionTrapsAndOverflow(_ v: NumericVariant) throws {
        #expect(try v.run(.i32DivS, bits(Int32(7)), bits(Int32(2))) == .value(3))
        #expect(try v.run(.i32DivS, bits(Int32(-7)), bits(Int32(2))) == .value(bits(Int32(-3))))
        #expect(try v.run(.i32DivS, bits(Int32(5)), 0) == .trap(.integerDivideByZero))
        #expect(try v.run(.i32DivS, bits(Int32.min), bits(Int32(-1))) == .trap(.integerOverflow))
        #expect(try v.run(.i32DivS, bits(Int32.min), 1) == .value(bits(Int32.min)))
        #expect(try v.run(.i32DivU, bits(UInt32.max), 2) == .value(0x7FFF_FFFF))
        #expect(try v.run(.i32DivU, bits(Int32.min), bits(Int32(-1))) == .value(0))
        #expect(try v.run(.i32DivU, 1, 0) == .trap(.integerDivideByZero))
        #expect(try v.run(.i64DivS, bits(Int64.min), bits(Int64(-1))) == .trap(.integerOverflow))
        #expect(try v.run(.i64DivS, bits(Int64(-9)), bits(Int64(4))) == .value(bits(Int64(-2))))
        #expect(try v.run(.i64DivS, 0, 0) == .trap(.integerDivideByZero))
        #expect(try v.run(.i64DivU, UInt64.max, 0) == .trap(.integerDivideByZero))
        #expect(try v.run(.i64DivU, UInt64.max, 3) == .value(UInt64.max / 3))
    }

    @Test(arguments: NumericVariant.allCases)
    func remainder(_ v: NumericVariant) throws {
        #expect(try v.run(.i32RemS, bits(Int32.min), bits(Int32(-1))) == .value(0))
        #expect(try v.run(.i32RemS, bits(Int32(-7)), bits(Int32(2))) == .value(bits(Int32(-1))))
        #expect(try v.run(.i32RemS, bits(Int32(7)), bits(Int32(-2))) == .value(1))
        #expect(try v.run(.i32RemS, bits(Int32(7)), 0) == .trap(.integerDivideByZero))
        #expect(try v.run(.i32RemU, bits(Int32.min), 3) == .value(UInt64(0x8000_0000 % 3)))
        #expect(try v.run(.i32RemU, 3, 0) == .trap(.integerDivideByZero))
        #expect(try v.run(.i64RemS, bits(Int64.min), bits(Int64(-1))) == .value(0))
        #expect(try v.run(.i64RemS, bits(Int64(-7)), bits(Int64(3))) == .value(bits(Int64(-1))))
        #expect(try v.run(.i64RemS, 1, 0) == .trap(.integerDivideByZero))
        #expect(try v.run(.i64RemU, UInt64.max, 10) == .value(UInt64.max % 10))
        #expect(try v.run(.i64RemU, 1, 0) == .trap(.integerDivideByZero))
    }

    @Test(arguments: NumericVariant.allCases)
    func shiftCountsAreMasked(_ v: NumericVariant) throws {
        #expect(try v.run(.i32Shl, 1, 32) == .value(1))
        #expect(try v.run(.i32Shl, 1, 33) == .value(2))
        #expect(try v.run(.i32Shl, 1, bits(Int32(-1))) == .value(0x8000_0000))
        #expect(try v.run(.i32ShrS, 0x8000_0000, 31) == .value(0xFFFF_FFFF))
        #expect(try v.run(.i32ShrS, 0x8000_0000, 32) == .value(0x8000_0000))
        #expect(try v.run(.i32ShrU, 0x8000_0000, 33) == .value(0x4000_0000))
        #expect(try v.run(.i32ShrU, 0xFFFF_FFFF, bits(Int32(-1))) == .value(1))
        #expect(try v.run(.i64Shl, 1, 64) == .value(1))
        #expect(try v.run(.i64Shl, 1, 65) == .value(2))
        #expect(try v.run(.i64Shl, 1, UInt64.max) == .value(1 << 63))
        #expect(try v.run(.i64ShrS, 1 << 63, 63) == .value(UInt64.max))
        #expect(try v.run(.i64ShrU, 1 << 63, 127) == .value(1))
        #expect(try v.run(.i64ShrU, UInt64.max, 64) == .value(UInt64.max))
    }

    @Test(arguments: NumericVariant.allCases)
    func rotates(_ v: NumericVariant) throws {
        #expect(try v.run(.i32Rotl, 0xFE00_DC00, 4) == .value(0xE00D_C00F))
        #expect(try v.run(.i32Rotl, 0xABCD_9876, 32) == .value(0xABCD_9876))
        #expect(try v.run(.i32Rotl, 1, 33) == .value(2))
        #expect(try v.run(.i32Rotl, 1, bits(Int32(-1))) == .value(0x8000_0000))
        #expect(try v.run(.i32Rotr, 0xB0C1_D2E3, 5) == .value(0x1D86_0E97))
        #expect(try v.run(.i32Rotr, 1, 1) == .value(0x8000_0000))
        #expect(try v.run(.i32Rotr, 1, 0xFFFF_FFE1) == .value(0x8000_0000))
        #expect(try v.run(.i64Rotl, 0xABD1_234E_F567_809C, 63) == .value(0x55E8_91A7_7AB3_C04E))
        #expect(try v.run(.i64Rotl, 1, 65) == .value(2))
        #expect(try v.run(.i64Rotr, 1, 1) == .value(1 << 63))
        #expect(try v.run(.i64Rotr, 0xABCD_1234_EF56_7809, 0x35) == .value(0x6891_A77A_B3C0_4D5E))
    }

    @Test(arguments: NumericVariant.allCases)
    func bitCounts(_ v: NumericVariant) throws {
        #expect(try v.run(.i32Clz, 0) == .value(32))
        #expect(try v.run(.i32Clz, 1) == .value(31))
        #expect(try v.run(.i32Clz, 0x8000_0000) == .value(0))
        #expect(try v.run(.i32Ctz, 0) == .value(32))
        #expect(try v.run(.i32Ctz, 0x0001_0000) == .value(16))
        #expect(try v.run(.i32Popcnt, 0xFFFF_FFFF) == .value(32))
        #expect(try v.run(.i32Popcnt, 0xAAAA_5555) == .value(16))
        #expect(try v.run(.i64Clz, 0) == .value(64))
        #expect(try v.run(.i64Clz, 0xFF) == .value(56))
        #expect(try v.run(.i64Ctz, 0) == .value(64))
        #expect(try v.run(.i64Ctz, 1 << 63) == .value(63))
        #expect(try v.run(.i64Popcnt, UInt64.max) == .value(64))
    }

    @Test(arguments: NumericVariant.allCases)
    func comparisonsAndTests(_ v: NumericVariant) throws {
        #expect(try v.run(.i32Eqz, 0) == .value(1))
        #expect(try v.run(.i32Eqz, 0x8000_0000) == .value(0))
        #expect(try v.run(.i64Eqz, 1 << 40) == .value(0))
        #expect(try v.run(.i32LtS, bits(Int32(-1)), 1) == .value(1))
        #expect(try v.run(.i32LtU, bits(Int32(-1)), 1) == .value(0))
        #expect(try v.run(.i32GeS, bits(Int32.min), bits(Int32.max)) == .value(0))
        #expect(try v.run(.i32GeU, bits(Int32.min), bits(Int32.max)) == .value(1))
        #expect(try v.run(.i64LeS, bits(Int64(-1)), 0) == .value(1))
        #expect(try v.run(.i64GtU, UInt64.max, 0) == .value(1))
        #expect(try v.run(.i64Ne, 5, 5) == .value(0))
        #expect(try v.run(.i64Eq, 1 << 63, 1 << 63) == .value(1))
    }

    @Test(arguments: NumericVariant.allCases)
    func arithmeticWrapsAround(_ v: NumericVariant) throws {
        #expect(try v.run(.i32Add, 0x7FFF_FFFF, 1) == .value(0x8000_0000))
        #expect(try v.run(.i32Sub, 0, 1) == .value(0xFFFF_FFFF))
        #expect(try v.run(.i32Mul, 0x1234_5678, 0x1234_5678) == .value(UInt64(UInt32(0x1234_5678) &* 0x1234_5678)))
        #expect(try v.run(.i64Mul, 0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210)
                == .value(UInt64(0x0123_4567_89AB_CDEF) &* 0xFEDC_BA98_7654_3210))
        #expect(try v.run(.i64Add, UInt64.max, 2) == .value(1))
        #expect(try v.run(.i32And, 0xF0F0_F0F0, 0xFF00_FF00) == .value(0xF000_F000))
        #expect(try v.run(.i64Or, 0xF0, 0x0F) == .value(0xFF))
        #expect(try v.run(.i64Xor, UInt64.max, 0x1) == .value(UInt64.max - 1))
    }

    @Test(arguments: NumericVariant.allCases)
    func signExtension(_ v: NumericVariant) throws {
        #expect(try v.run(.i32Extend8S, 0x80) == .value(0xFFFF_FF80))
        #expect(try v.run(.i32Extend8S, 0x0100) == .value(0))
        #expect(try v.run(.i32Extend8S, 0x7F) == .value(0x7F))
        #expect(try v.run(.i32Extend16S, 0x8000) == .value(0xFFFF_8000))
        #expect(try v.run(.i32Extend16S, 0x1234_7FFF) == .value(0x7FFF))
        #expect(try v.run(.i64Extend8S, 0xFF) == .value(UInt64.max))
        #expect(try v.run(.i64Extend16S, 0x0123_4567_89AB_8000) == .value(0xFFFF_FFFF_FFFF_8000))
        #expect(try v.run(.i64Extend32S, 0x8000_0000) == .value(0xFFFF_FFFF_8000_0000))
        #expect(try v.run(.i64Extend32S, 0xFFFF_FFFF_7FFF_FFFF) == .value(0x7FFF_FFFF))
    }
}

/// Properties of the lowering as a whole.
@Suite struct NumericLoweringShapeTests {
    @Test func everyOperatorLowersToVerifiedIRWithoutFastMath() throws {
        let program = try NumericPrograms.plain.get()
        for op in NumericOp.allCases {
            #expect(program.irText.contains("@\(NumericPrograms.functionName(op))("), "\(op) missing")
        }
        for flag in [" fast ", " nnan ", " ninf ", " nsz ", " arcp ", " contract ", " afn ", " reassoc "] {
            #expect(!program.irText.contains(flag), "fast-math flag \(flag) in the IR")
        }
    }

    @Test func operatorsUseTheExpectedIntrinsics() throws {
        let ir = try NumericPrograms.plain.get().irText
        #expect(ir.contains("@llvm.fshl.i32"))
        #expect(ir.contains("@llvm.ctlz.i64(i64 %") && ir.contains(", i1 false)"))
        #expect(ir.contains("@llvm.fptoui.sat.i64.f64"))
        #expect(ir.contains("@llvm.roundeven.f32"))
    }

    @Test func classificationMatchesTheFrontendSignatures() {
        for op in NumericOp.allCases {
            #expect(op.loweringKind.arity == op.signature.parameters.count, "\(op)")
        }
    }
}
