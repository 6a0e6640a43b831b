import Testing
@testable import WasmCompiler
import WasmFrontend

/// Float operators, JIT-executed, as emitted and after O2.
@Suite struct NumericFloatTests {
    static let signallingNaN32: UInt64 = 0x7FA0_0000
    static let canonicalNaN32: UInt64 = 0x7FC0_0000
    static let signallingNaN64: UInt64 = 0x7FF4_0000_0000_0000
    static let canonicalNaN64: UInt64 = 0x7FF8_0000_0000_0000

    @Test(arguments: NumericVariant.allCases)
    func nearestRoundsHalfToEven(_ v: NumericVariant) throws {
        #expect(try v.run(.f32Nearest, bits(Float(0.5))) == .value(bits(Float(0))))
        #expect(try v.run(.f32Nearest, bits(Float(1.5))) == .value(bits(Float(2))))
        #expect(try v.run(.f32Nearest, bits(Float(2.5))) == .value(bits(Float(2))))
        #expect(try v.run(.f32Nearest, bits(Float(-0.5))) == .value(bits(Float(-0.0))))
        #expect(try v.run(.f32Nearest, bits(Float(-1.5))) == .value(bits(Float(-2))))
        #expect(try v.run(.f32Nearest, bits(Float(8388609))) == .value(bits(Float(8388609))))
        #expect(try v.run(.f64Nearest, bits(0.5)) == .value(bits(0.0)))
        #expect(try v.run(.f64Nearest, bits(-0.5)) == .value(bits(-0.0)))
        #expect(try v.run(.f64Nearest, bits(3.5)) == .value(bits(4.0)))
        #expect(try v.run(.f64Nearest, bits(4503599627370497.0)) == .value(bits(4503599627370497.0)))
        #expect(isArithmeticNaN32(try v.run(.f32Nearest, Self.signallingNaN32)))
        #expect(isArithmeticNaN64(try v.run(.f64Nearest, Self.signallingNaN64)))
    }

    @Test(arguments: NumericVariant.allCases)
    func roundingFamily(_ v: NumericVariant) throws {
        #expect(try v.run(.f32Ceil, bits(Float(-0.5))) == .value(bits(Float(-0.0))))
        #expect(try v.run(.f32Ceil, bits(Float(1.25))) == .value(bits(Float(2))))
        #expect(try v.run(.f32Floor, bits(Float(-0.5))) == .value(bits(Float(-1))))
        #expect(try v.run(.f32Trunc, bits(Float(-0.75))) == .value(bits(Float(-0.0))))
        #expect(try v.run(.f64Floor, bits(-1.5)) == .value(bits(-2.0)))
        #expect(try v.run(.f64Ceil, bits(0.25)) == .value(bits(1.0)))
        #expect(try v.run(.f64Trunc, bits(-2.75)) == .value(bits(-2.0)))
        #expect(try v.run(.f32Sqrt, bits(Float(16))) == .value(bits(Float(4))))
        #expect(try v.run(.f64Sqrt, bits(-0.0)) == .value(bits(-0.0)))
        #expect(isCanonicalNaN32(try v.run(.f32Sqrt, bits(Float(-1)))))
        #expect(isCanonicalNaN64(try v.run(.f64Sqrt, bits(-1.0))))
        #expect(isArithmeticNaN32(try v.run(.f32Ceil, Self.signallingNaN32)))
        #expect(isArithmeticNaN64(try v.run(.f64Trunc, Self.signallingNaN64)))
    }

    @Test(arguments: NumericVariant.allCases)
    func minMaxZerosAndNaNs(_ v: NumericVariant) throws {
        let negZero = bits(Float(-0.0)), posZero = bits(Float(0))
        #expect(try v.run(.f32Min, negZero, posZero) == .value(negZero))
        #expect(try v.run(.f32Min, posZero, negZero) == .value(negZero))
        #expect(try v.run(.f32Max, negZero, posZero) == .value(posZero))
        #expect(try v.run(.f32Max, posZero, negZero) == .value(posZero))
        #expect(try v.run(.f32Min, bits(Float(1)), bits(Float(-2))) == .value(bits(Float(-2))))
        #expect(try v.run(.f32Max, bits(-Float.infinity), bits(Float(3))) == .value(bits(Float(3))))
        #expect(isCanonicalNaN32(try v.run(.f32Max, Self.canonicalNaN32, bits(Float(1)))))
        #expect(isCanonicalNaN32(try v.run(.f32Min, bits(Float(1)), 0xFFC0_0000)))
        #expect(isArithmeticNaN32(try v.run(.f32Min, Self.signallingNaN32, bits(Float(1)))))
        #expect(isArithmeticNaN32(try v.run(.f32Max, bits(Float(1)), Self.signallingNaN32)))
        #expect(isArithmeticNaN32(try v.run(.f32Max, 0xFFA0_0000, Self.signallingNaN32)))

        #expect(try v.run(.f64Min, bits(-0.0), bits(0.0)) == .value(bits(-0.0)))
        #expect(try v.run(.f64Min, bits(0.0), bits(-0.0)) == .value(bits(-0.0)))
        #expect(try v.run(.f64Max, bits(-0.0), bits(0.0)) == .value(bits(0.0)))
        #expect(try v.run(.f64Max, bits(0.0), bits(-0.0)) == .value(bits(0.0)))
        #expect(isCanonicalNaN64(try v.run(.f64Max, Self.canonicalNaN64, bits(1.0))))
        #expect(isArithmeticNaN64(try v.run(.f64Min, bits(1.0), Self.signallingNaN64)))
        #expect(isArithmeticNaN64(try v.run(.f64Max, Self.signallingNaN64, bits(Double.infinity))))
    }

    @Test(arguments: NumericVariant.allCases)
    func signOperationsPreserveNaNPayloads(_ v: NumericVariant) throws {
        #expect(try v.run(.f32Neg, Self.signallingNaN32) == .value(0xFFA0_0000))
        #expect(try v.run(.f32Neg, bits(Float(0))) == .value(bits(Float(-0.0))))
        #expect(try v.run(.f32Abs, 0xFFA0_0001) == .value(0x7FA0_0001))
        #expect(try v.run(.f32Copysign, bits(Float(1)), 0xFFC0_0000) == .value(bits(Float(-1))))
        #expect(try v.run(.f32Copysign, Self.signallingNaN32, bits(Float(-1))) == .value(0xFFA0_0000))
        #expect(try v.run(.f32Copysign, 0xFFA0_0001, bits(Float(0))) == .value(0x7FA0_0001))
        #expect(try v.run(.f64Neg, Self.signallingNaN64) == .value(0xFFF4_0000_0000_0000))
        #expect(try v.run(.f64Abs, 0xFFF0_0000_0000_0001) == .value(0x7FF0_0000_0000_0001))
        #expect(try v.run(.f64Copysign, Self.signallingNaN64, bits(-0.0)) == .value(0xFFF4_0000_0000_0000))
        #expect(try v.run(.f64Copysign, bits(2.0), Self.canonicalNaN64) == .value(bits(2.0)))
    }

    @Test(arguments: NumericVariant.allCases)
    func arithmeticNaNResults(_ v: NumericVariant) throws {
        #expect(try v.run(.f32Add, bits(Float(1.5)), bits(Float(2.25))) == .value(bits(Float(3.75))))
        #expect(try v.run(.f64Div, bits(1.0), bits(-0.0)) == .value(bits(-Double.infinity)))
        #expect(isCanonicalNaN32(try v.run(.f32Add, Self.canonicalNaN32, bits(Float(1)))))
        #expect(isArithmeticNaN32(try v.run(.f32Mul, Self.signallingNaN32, bits(Float(1)))))
        #expect(isCanonicalNaN32(try v.run(.f32Sub, bits(Float.infinity), bits(Float.infinity))))
        #expect(isCanonicalNaN64(try v.run(.f64Div, bits(0.0), bits(0.0))))
        #expect(isArithmeticNaN64(try v.run(.f64Add, bits(1.0), Self.signallingNaN64)))
    }

    @Test(arguments: NumericVariant.allCases)
    func comparisonsWithNaN(_ v: NumericVariant) throws {
        let nan = Self.canonicalNaN32, one = bits(Float(1))
        #expect(try v.run(.f32Eq, nan, nan) == .value(0))
        #expect(try v.run(.f32Ne, nan, nan) == .value(1))
        #expect(try v.run(.f32Lt, nan, one) == .value(0))
        #expect(try v.run(.f32Ge, one, nan) == .value(0))
        #expect(try v.run(.f32Eq, bits(Float(-0.0)), bits(Float(0))) == .value(1))
        #expect(try v.run(.f32Le, one, one) == .value(1))
        #expect(try v.run(.f64Gt, Self.canonicalNaN64, bits(1.0)) == .value(0))
        #expect(try v.run(.f64Ne, bits(1.0), bits(1.0)) == .value(0))
        #expect(try v.run(.f64Ne, bits(1.0), Self.signallingNaN64) == .value(1))
        #expect(try v.run(.f64Lt, bits(-Double.infinity), bits(-1e308)) == .value(1))
    }
}
