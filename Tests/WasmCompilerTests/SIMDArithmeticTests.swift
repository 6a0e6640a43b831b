import Testing
@testable import WasmCompiler
import WasmFrontend

/// Float, conversion and widening SIMD operators, JIT-executed, as emitted and after O2.
@Suite struct SIMDArithmeticTests {
    private static let quietBit32: UInt32 = 0x0040_0000

    @Test(arguments: SIMDVariant.allCases)
    func pminPmaxDifferFromMinMaxOnNaNAndZeroes(_ v: SIMDVariant) throws {
        let a = V128.f32(.nan, 1, -0.0, 2)
        let b = V128.f32(1, .nan, 0.0, 1)
        let pmin = try v.run(.f32x4Pmin, a, b).f32Lanes
        #expect(pmin[0].isNaN && pmin[1] == 1 && pmin[2].bitPattern == (-0.0 as Float).bitPattern && pmin[3] == 1)
        let pmax = try v.run(.f32x4Pmax, a, b).f32Lanes
        #expect(pmax[0].isNaN && pmax[1] == 1 && pmax[2].bitPattern == (-0.0 as Float).bitPattern && pmax[3] == 2)
        let min = try v.run(.f32x4Min, a, b).f32Lanes
        #expect(min[0].isNaN && min[1].isNaN && min[2].bitPattern == (-0.0 as Float).bitPattern && min[3] == 1)
        let max = try v.run(.f32x4Max, a, b).f32Lanes
        #expect(max[0].isNaN && max[1].isNaN && max[2].bitPattern == (0.0 as Float).bitPattern && max[3] == 2)
        let dmin = try v.run(.f64x2Min, .f64(0.0, -.infinity), .f64(-0.0, .nan)).f64Lanes
        #expect(dmin[0].bitPattern == (-0.0).bitPattern && dmin[1].isNaN)
        let dpmax = try v.run(.f64x2Pmax, .f64(0.0, -.infinity), .f64(-0.0, .nan)).f64Lanes
        #expect(dpmax[0].bitPattern == (0.0).bitPattern && dpmax[1] == -.infinity)
    }

    @Test(arguments: SIMDVariant.allCases)
    func nanResultsAreQuiet(_ v: SIMDVariant) throws {
        let signalling = V128.f32Bits(0x7FA0_0000, 0x7FA0_0000, 0xFFA0_0001, 0x7FA0_0000)
        let ones = V128.f32(1, 1, 1, 1)
        for op in [SIMDOp.f32x4Min, .f32x4Max, .f32x4Add, .f32x4Mul, .f32x4RelaxedMin] {
            let lanes = try v.run(op, signalling, ones).u32Lanes
            #expect(lanes.allSatisfy { $0 & 0x7FC0_0000 == 0x7FC0_0000 }, "\(op) gave \(lanes)")
        }
        let root = try v.run(.f32x4Sqrt, .f32(-1, 4, 0.25, -0.0)).f32Lanes
        #expect(root[0].isNaN && root[1] == 2 && root[2] == 0.5 && root[3].bitPattern == (-0.0 as Float).bitPattern)
        // Sign-bit operators keep NaN payloads.
        #expect(try v.run(.f32x4Neg, signalling).u32Lanes == [0xFFA0_0000, 0xFFA0_0000, 0x7FA0_0001, 0xFFA0_0000])
        #expect(try v.run(.f32x4Abs, signalling).u32Lanes == [0x7FA0_0000, 0x7FA0_0000, 0x7FA0_0001, 0x7FA0_0000])
    }

    @Test(arguments: SIMDVariant.allCases)
    func roundingAndComparisons(_ v: SIMDVariant) throws {
        let values = V128.f32(2.5, -2.5, 3.5, -0.4)
        #expect(try v.run(.f32x4Nearest, values).f32Lanes.map(\.bitPattern) == [Float(2), -2, 4, -0.0].map(\.bitPattern))
        #expect(try v.run(.f32x4Ceil, values).f32Lanes.map(\.bitPattern) == [Float(3), -2, 4, -0.0].map(\.bitPattern))
        #expect(try v.run(.f32x4Floor, values).f32Lanes == [2, -3, 3, -1])
        #expect(try v.run(.f64x2Trunc, .f64(-2.7, 1e300)).f64Lanes == [-2, 1e300])
        #expect(try v.run(.f64x2Nearest, .f64(0.5, -1.5)).f64Lanes.map(\.bitPattern) == [(0.0).bitPattern, (-2.0).bitPattern])
        #expect(try v.run(.f32x4Ne, .f32(.nan, 1, 2, 3), .f32(.nan, 1, 3, 3)).i32Lanes == [-1, 0, -1, 0])
        #expect(try v.run(.f32x4Eq, .f32(.nan, 1, 0.0, 3), .f32(.nan, 1, -0.0, 3)).i32Lanes == [0, -1, -1, -1])
        #expect(try v.run(.f64x2Le, .f64(.nan, 1), .f64(1, 1)).i64Lanes == [0, -1])
    }

    @Test(arguments: SIMDVariant.allCases)
    func truncationSaturatesAndMapsNaNToZero(_ v: SIMDVariant) throws {
        let floats = V128.f32(.nan, 3e9, -3e9, -1.5)
        #expect(try v.run(.i32x4TruncSatF32x4S, floats).i32Lanes == [0, Int32.max, Int32.min, -1])
        #expect(try v.run(.i32x4RelaxedTruncF32x4S, floats).i32Lanes == [0, Int32.max, Int32.min, -1])
        #expect(try v.run(.i32x4TruncSatF32x4U, .f32(.nan, 5e9, -1.5, 3.9)).u32Lanes == [0, UInt32.max, 0, 3])
        #expect(try v.run(.i32x4TruncSatF64x2SZero, .f64(.nan, -1e10)).i32Lanes == [0, Int32.min, 0, 0])
        #expect(try v.run(.i32x4TruncSatF64x2UZero, .f64(4294967296.0, 1.9)).u32Lanes == [UInt32.max, 1, 0, 0])
        #expect(try v.run(.i32x4RelaxedTruncF64x2UZero, .f64(-.infinity, .infinity)).u32Lanes == [0, UInt32.max, 0, 0])
    }

    /// Every lane of `trunc_sat` against Swift's own saturating conversion, at the values
    /// where x86's clamp-and-convert lowering could go wrong: each limit and its float
    /// neighbours, NaNs of both signs and kinds, infinities, zeroes and fractions.
    @Test(arguments: SIMDVariant.allCases)
    func truncationSaturatesAtEveryBoundary(_ v: SIMDVariant) throws {
        func saturated<T: FixedWidthInteger>(_ x: Double, _: T.Type) -> T {
            x.isNaN ? 0 : x <= Double(T.min) ? T.min : x >= Double(T.max) ? T.max : T(x.rounded(.towardZero))
        }
        let special: [Double] = [.nan, -.nan, .infinity, -.infinity, 0, -0.0, 0.5, -0.5, 0.999, -0.999, 1, -1,
                                 -1.5, 1e10, -1e10, 16_777_217]
        var floats: [Float] = special.map { Float($0) } + [Float(bitPattern: 0x7FA0_0000), Float(bitPattern: 0xFFA0_0001)]
        var doubles: [Double] = special + [Double(bitPattern: 0x7FF4_0000_0000_0000)]
        for limit in [2_147_483_648.0, -2_147_483_648.0, 2_147_483_647.0, 4_294_967_296.0, 4_294_967_295.0] {
            floats += [Float(limit), Float(limit).nextUp, Float(limit).nextDown]
            doubles += [limit, limit.nextUp, limit.nextDown, limit + 0.5, limit - 0.5]
        }
        while floats.count % 4 != 0 { floats.append(7.25) }
        if doubles.count % 2 != 0 { doubles.append(-7.25) }
        for i in stride(from: 0, to: floats.count, by: 4) {
            let lanes = Array(floats[i..<i + 4])
            let input = V128.f32(lanes[0], lanes[1], lanes[2], lanes[3])
            #expect(try v.run(.i32x4TruncSatF32x4S, input).i32Lanes == lanes.map { saturated(Double($0), Int32.self) }, "\(lanes)")
            #expect(try v.run(.i32x4TruncSatF32x4U, input).u32Lanes == lanes.map { saturated(Double($0), UInt32.self) }, "\(lanes)")
        }
        for i in stride(from: 0, to: doubles.count, by: 2) {
            let input = V128.f64(doubles[i], doubles[i + 1])
            let pair = [doubles[i], doubles[i + 1]]
            #expect(try v.run(.i32x4TruncSatF64x2SZero, input).i32Lanes == pair.map { saturated($0, Int32.self) } + [0, 0], "\(pair)")
            #expect(try v.run(.i32x4TruncSatF64x2UZero, input).u32Lanes == pair.map { saturated($0, UInt32.self) } + [0, 0], "\(pair)")
        }
    }

    @Test(arguments: SIMDVariant.allCases)
    func conversionsBetweenShapes(_ v: SIMDVariant) throws {
        #expect(try v.run(.f32x4ConvertI32x4U, .u32(UInt32.max, 1, 16_777_217, 0)).f32Lanes == [4294967296, 1, 16_777_216, 0])
        #expect(try v.run(.f32x4ConvertI32x4S, .i32(-1, Int32.min, 3, 0)).f32Lanes == [-1, -2147483648, 3, 0])
        #expect(try v.run(.f64x2ConvertLowI32x4U, .u32(UInt32.max, 7, 9, 9)).f64Lanes == [4294967295, 7])
        #expect(try v.run(.f64x2ConvertLowI32x4S, .i32(-5, Int32.min, 9, 9)).f64Lanes == [-5, -2147483648])
        let demoted = try v.run(.f32x4DemoteF64x2Zero, .f64(1e300, 0.1))
        #expect(demoted.f32Lanes == [.infinity, 0.1, 0, 0])
        #expect(try v.run(.f64x2PromoteLowF32x4, .f32(0.5, -.infinity, 9, 9)).f64Lanes == [0.5, -.infinity])
        let quieted = try v.run(.f64x2PromoteLowF32x4, .f32Bits(0x7FA0_0000, 0, 0, 0)).f64Lanes[0]
        #expect(quieted.isNaN && quieted.bitPattern & 0x0008_0000_0000_0000 != 0)
    }

    @Test(arguments: SIMDVariant.allCases)
    func extensionAndWideningArithmetic(_ v: SIMDVariant) throws {
        let bytes = V128.i8(-128, 127, -1, 2, 3, 4, 5, 6, -7, 8, 9, 10, 11, 12, 13, -14)
        #expect(try v.run(.i16x8ExtendLowI8x16S, bytes).i16Lanes == [-128, 127, -1, 2, 3, 4, 5, 6])
        #expect(try v.run(.i16x8ExtendHighI8x16U, bytes).i16Lanes == [249, 8, 9, 10, 11, 12, 13, 242])
        #expect(try v.run(.i64x2ExtendHighI32x4S, .i32(1, 2, -3, Int32.min)).i64Lanes == [-3, Int64(Int32.min)])
        #expect(try v.run(.i16x8ExtaddPairwiseI8x16S, bytes).i16Lanes == [-1, 1, 7, 11, 1, 19, 23, -1])
        #expect(try v.run(.i16x8ExtaddPairwiseI8x16U, V128(bytes: Array(repeating: 255, count: 16))).u16Lanes
                == Array(repeating: 510, count: 8))
        #expect(try v.run(.i32x4ExtaddPairwiseI16x8S, .i16(-32768, -32768, 32767, 32767, 1, -1, 0, 0)).i32Lanes
                == [-65536, 65534, 0, 0])
        let squares = try v.run(.i16x8ExtmulLowI8x16S, bytes, .i8(-128, -128, -1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        #expect(squares.i16Lanes.prefix(4) == [16384, -16256, 1, 4])
        #expect(try v.run(.i16x8ExtmulHighI8x16U, bytes, bytes).u16Lanes.last == 242 * 242)
        #expect(try v.run(.i64x2ExtmulHighI32x4U, .u32(0, 0, UInt32.max, 2), .u32(0, 0, UInt32.max, 3)).i64Lanes
                == [Int64(bitPattern: 0xFFFF_FFFE_0000_0001), 6])
        #expect(try v.run(.i32x4ExtmulLowI16x8S, .i16(-32768, 3, 0, 0, 0, 0, 0, 0), .i16(-32768, -3, 0, 0, 0, 0, 0, 0))
                .i32Lanes.prefix(2) == [1 << 30, -9])
    }

    @Test(arguments: SIMDVariant.allCases)
    func dotProductsWrap(_ v: SIMDVariant) throws {
        let a = V128.i16(-32768, -32768, 1, 2, 3, 4, -5, 6)
        #expect(try v.run(.i32x4DotI16x8S, a, a).i32Lanes == [Int32.min, 5, 25, 61])
        // The relaxed-SIMD spec's examples; the ambiguous one takes its signed × signed answer.
        let b = V128.i8(-128, -128, 127, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let c = V128.i8(127, 127, 127, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        #expect(try v.run(.i16x8RelaxedDotI8x16I7x16S, b, c).i16Lanes == [-32512, 32258, 0, 0, 0, 0, 0, 0])
        let d = V128.i8(-128, -128, -128, -128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let e = V128.i8(-127, -127, -127, -127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        #expect(try v.run(.i16x8RelaxedDotI8x16I7x16S, d, e).i16Lanes.prefix(2) == [32512, 32512])
        #expect(try v.run(.i32x4RelaxedDotI8x16I7x16AddS, d, e, .i32(1, 2, 3, 4)).i32Lanes == [65025, 2, 3, 4])
        let ramp = V128(bytes: Array(0...15))
        #expect(try v.run(.i32x4RelaxedDotI8x16I7x16AddS, ramp, ramp, .i32(0, 1, 2, 3)).i32Lanes == [14, 127, 368, 737])
    }

    @Test(arguments: SIMDVariant.allCases)
    func relaxedMultiplyAddIsUnfused(_ v: SIMDVariant) throws {
        let big = Float(bitPattern: 0x7F7F_FFFF)
        // Fused, big * 2 - big would be `big`; rounding the product first overflows to infinity.
        #expect(try v.run(.f32x4RelaxedMadd, .f32(big, big, 1.5, 2), .f32(2, 2, 2, 3), .f32(-big, -big, 1, -6)).f32Lanes
                == [.infinity, .infinity, 4, 0])
        #expect(try v.run(.f32x4RelaxedNmadd, .f32(1.5, 2, 0, 0), .f32(2, 3, 0, 0), .f32(1, 6, 0, 0)).f32Lanes
                == [-2, 0, 0, 0])
        let tiny = try v.run(.f64x2RelaxedMadd, .f64(1.00000004, 1), .f64(1.000002, 1), .f64(-1.00000204, 1)).f64Lanes
        #expect(tiny[0] == 1.00000004 * 1.000002 - 1.00000204 && tiny[1] == 2)
        #expect(try v.run(.f64x2RelaxedNmadd, .f64(3, -1), .f64(2, 2), .f64(1, 1)).f64Lanes == [-5, 3])
    }
}
