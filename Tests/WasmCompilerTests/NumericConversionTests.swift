import Testing
@testable import WasmCompiler
import WasmFrontend

/// Conversions, JIT-executed, as emitted and after O2, against an independent Swift oracle.
@Suite struct NumericConversionTests {
    /// One trapping or saturating truncation operator and its types.
    struct Truncation: CustomStringConvertible, Sendable {
        let op: NumericOp
        let saturating: NumericOp
        let target: IntegerWidth
        let source: FloatWidth
        let signedness: Signedness
        var description: String { "\(op)" }
    }

    static let truncations: [Truncation] = [
        .init(op: .i32TruncF32S, saturating: .i32TruncSatF32S, target: .i32, source: .f32, signedness: .signed),
        .init(op: .i32TruncF32U, saturating: .i32TruncSatF32U, target: .i32, source: .f32, signedness: .unsigned),
        .init(op: .i32TruncF64S, saturating: .i32TruncSatF64S, target: .i32, source: .f64, signedness: .signed),
        .init(op: .i32TruncF64U, saturating: .i32TruncSatF64U, target: .i32, source: .f64, signedness: .unsigned),
        .init(op: .i64TruncF32S, saturating: .i64TruncSatF32S, target: .i64, source: .f32, signedness: .signed),
        .init(op: .i64TruncF32U, saturating: .i64TruncSatF32U, target: .i64, source: .f32, signedness: .unsigned),
        .init(op: .i64TruncF64S, saturating: .i64TruncSatF64S, target: .i64, source: .f64, signedness: .signed),
        .init(op: .i64TruncF64U, saturating: .i64TruncSatF64U, target: .i64, source: .f64, signedness: .unsigned),
    ]

    /// Source values around every limit: -1, the target's minimum and maximum + 1, each with
    /// its float neighbours, plus zeros, halves, infinities and NaNs.
    static func probes(_ t: Truncation) -> [Double] {
        let bitsCount = t.target == .i32 ? 32 : 64
        let minimum = t.signedness == .signed ? -Double(sign: .plus, exponent: bitsCount - 1, significand: 1) : 0
        let limit = Double(sign: .plus, exponent: t.signedness == .signed ? bitsCount - 1 : bitsCount, significand: 1)
        var anchors: [Double] = [-1, minimum, minimum - 1, limit, limit - 1, 0, 0.5, -0.5, 1.5]
        anchors += [.infinity, -.infinity, 1e30, -1e30]
        var values: [Double] = []
        for anchor in anchors {
            if t.source == .f32 {
                let f = Float(anchor)
                values += [f.nextDown, f, f.nextUp].map(Double.init)
            } else {
                values += [anchor.nextDown, anchor, anchor.nextUp]
            }
        }
        return values + [-0.0, .nan]
    }

    static func encode(_ x: Double, _ source: FloatWidth) -> UInt64 {
        source == .f32 ? bits(Float(x)) : bits(x)
    }

    /// What Wasm's `trunc` gives for `x`, computed by Swift's exact integer conversions.
    static func expectedTrapping(_ x: Double, _ t: Truncation) -> NumericOutcome {
        if x.isNaN { return .trap(.invalidConversionToInteger) }
        let whole = x.rounded(.towardZero)
        let result: UInt64? = switch (t.target, t.signedness) {
        case (.i32, .signed): Int32(exactly: whole).map { bits($0) }
        case (.i32, .unsigned): UInt32(exactly: whole).map { bits($0) }
        case (.i64, .signed): Int64(exactly: whole).map { bits($0) }
        case (.i64, .unsigned): UInt64(exactly: whole)
        }
        return result.map { .value($0) } ?? .trap(.integerOverflow)
    }

    /// What `trunc_sat` gives for `x`.
    static func expectedSaturating(_ x: Double, _ t: Truncation) -> NumericOutcome {
        if x.isNaN { return .value(0) }
        if case .value(let v) = expectedTrapping(x, t) { return .value(v) }
        let negative = x < 0
        switch (t.target, t.signedness) {
        case (.i32, .signed): return .value(negative ? bits(Int32.min) : bits(Int32.max))
        case (.i32, .unsigned): return .value(negative ? 0 : bits(UInt32.max))
        case (.i64, .signed): return .value(negative ? bits(Int64.min) : bits(Int64.max))
        case (.i64, .unsigned): return .value(negative ? 0 : UInt64.max)
        }
    }

    @Test(arguments: truncations)
    func trappingTruncationBounds(_ t: Truncation) throws {
        for variant in NumericVariant.allCases {
            for x in Self.probes(t) {
                let outcome = try variant.run(t.op, Self.encode(x, t.source))
                #expect(outcome == Self.expectedTrapping(x, t), "\(variant) \(t.op)(\(x))")
            }
        }
    }

    @Test(arguments: truncations)
    func saturatingTruncation(_ t: Truncation) throws {
        for variant in NumericVariant.allCases {
            for x in Self.probes(t) {
                let outcome = try variant.run(t.saturating, Self.encode(x, t.source))
                #expect(outcome == Self.expectedSaturating(x, t), "\(variant) \(t.saturating)(\(x))")
            }
        }
    }

    @Test(arguments: NumericVariant.allCases)
    func truncationSpotChecks(_ v: NumericVariant) throws {
        // The oracle's verdicts at the sharpest edges, spelled out.
        #expect(try v.run(.i32TruncF32S, bits(Float(-2147483648))) == .value(bits(Int32.min)))
        #expect(try v.run(.i32TruncF32S, bits(Float(-2147483904))) == .trap(.integerOverflow))
        #expect(try v.run(.i32TruncF32S, bits(Float(2147483520))) == .value(2147483520))
        #expect(try v.run(.i32TruncF32S, bits(Float(2147483648))) == .trap(.integerOverflow))
        #expect(try v.run(.i32TruncF64S, bits(-2147483648.9)) == .value(bits(Int32.min)))
        #expect(try v.run(.i32TruncF64S, bits(-2147483649.0)) == .trap(.integerOverflow))
        #expect(try v.run(.i32TruncF64S, bits(2147483647.9)) == .value(bits(Int32.max)))
        #expect(try v.run(.i32TruncF64U, bits(-0.9999999)) == .value(0))
        #expect(try v.run(.i32TruncF64U, bits(-1.0)) == .trap(.integerOverflow))
        #expect(try v.run(.i32TruncF64U, bits(4294967295.9)) == .value(0xFFFF_FFFF))
        #expect(try v.run(.i64TruncF64S, bits(-9223372036854775808.0)) == .value(bits(Int64.min)))
        #expect(try v.run(.i64TruncF64U, bits(18446744073709549568.0)) == .value(18446744073709549568))
        #expect(try v.run(.i64TruncF64U, bits(18446744073709551616.0)) == .trap(.integerOverflow))
        #expect(try v.run(.i64TruncF32U, bits(Float.nan)) == .trap(.invalidConversionToInteger))
        #expect(try v.run(.i32TruncF32U, bits(Float.infinity)) == .trap(.integerOverflow))
        #expect(try v.run(.i32TruncSatF32S, bits(Float.nan)) == .value(0))
        #expect(try v.run(.i32TruncSatF32U, bits(-Float.infinity)) == .value(0))
        #expect(try v.run(.i64TruncSatF64S, bits(Double.infinity)) == .value(bits(Int64.max)))
    }

    @Test func boundsTableMatchesTheDerivation() {
        let expected: [(IntegerWidth, FloatWidth, Signedness, Double, Bool, Double)] = [
            (.i32, .f32, .signed, -2147483648, true, 2147483648),
            (.i32, .f64, .signed, -2147483649, false, 2147483648),
            (.i32, .f32, .unsigned, -1, false, 4294967296),
            (.i32, .f64, .unsigned, -1, false, 4294967296),
            (.i64, .f32, .signed, -9223372036854775808, true, 9223372036854775808),
            (.i64, .f64, .signed, -9223372036854775808, true, 9223372036854775808),
            (.i64, .f32, .unsigned, -1, false, 18446744073709551616),
            (.i64, .f64, .unsigned, -1, false, 18446744073709551616),
        ]
        for (target, source, signedness, lower, inclusive, upper) in expected {
            let bounds = TruncationBounds(target, from: source, signedness)
            #expect(bounds.lower == lower && bounds.lowerIsInclusive == inclusive && bounds.upperExclusive == upper,
                    "\(target) from \(source) \(signedness)")
            if source == .f32 {
                #expect(Double(Float(bounds.lower)) == bounds.lower && Double(Float(upper)) == upper)
            }
        }
    }

    @Test(arguments: NumericVariant.allCases)
    func integerToFloatRoundsToNearestEven(_ v: NumericVariant) throws {
        #expect(try v.run(.f32ConvertI64U, 0x8000_0080_0000_0001) == .value(0x5F00_0001))
        #expect(try v.run(.f32ConvertI64U, 0x8000_0080_0000_0000) == .value(0x5F00_0000))
        #expect(try v.run(.f32ConvertI64U, 0xFFFF_FE80_0000_0001) == .value(0x5F7F_FFFF))
        #expect(try v.run(.f32ConvertI64U, UInt64.max) == .value(0x5F80_0000))
        #expect(try v.run(.f32ConvertI64S, 0x7FFF_FF40_0000_0001) == .value(0x5EFF_FFFF))
        #expect(try v.run(.f32ConvertI64S, 0x8000_0040_0000_0001) == .value(0xDEFF_FFFF))
        #expect(try v.run(.f32ConvertI32S, 16_777_217) == .value(bits(Float(16_777_216))))
        #expect(try v.run(.f32ConvertI32S, 16_777_219) == .value(bits(Float(16_777_220))))
        #expect(try v.run(.f32ConvertI32U, 0xFFFF_FFFF) == .value(bits(Float(4294967296))))
        #expect(try v.run(.f32ConvertI32S, 0xFFFF_FFFF) == .value(bits(Float(-1))))
        #expect(try v.run(.f64ConvertI64U, 0x8000_0000_0000_0401) == .value(0x43E0_0000_0000_0001))
        #expect(try v.run(.f64ConvertI64U, UInt64.max) == .value(bits(18446744073709551616.0)))
        #expect(try v.run(.f64ConvertI64S, bits(Int64.min)) == .value(bits(-9223372036854775808.0)))
        #expect(try v.run(.f64ConvertI32U, 0x8000_0000) == .value(bits(2147483648.0)))
        #expect(try v.run(.f64ConvertI32S, 0x8000_0000) == .value(bits(-2147483648.0)))
    }

    @Test(arguments: NumericVariant.allCases)
    func randomIntegersConvertLikeSwift(_ v: NumericVariant) throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2000 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            let x = state >> (state & 31)  // a spread of magnitudes
            #expect(try v.run(.f32ConvertI64U, x) == .value(bits(Float(x))))
            #expect(try v.run(.f32ConvertI64S, x) == .value(bits(Float(Int64(bitPattern: x)))))
            #expect(try v.run(.f64ConvertI64U, x) == .value(bits(Double(x))))
            #expect(try v.run(.f64ConvertI64S, x) == .value(bits(Double(Int64(bitPattern: x)))))
            #expect(try v.run(.f32ConvertI32U, x & 0xFFFF_FFFF) == .value(bits(Float(UInt32(truncatingIfNeeded: x)))))
        }
    }

    @Test(arguments: NumericVariant.allCases)
    func floatWidthChanges(_ v: NumericVariant) throws {
        #expect(try v.run(.f32DemoteF64, bits(1e300)) == .value(bits(Float.infinity)))
        #expect(try v.run(.f32DemoteF64, bits(-1e300)) == .value(bits(-Float.infinity)))
        #expect(try v.run(.f32DemoteF64, 0x3FF0_0000_1000_0000) == .value(0x3F80_0000))  // tie to even
        #expect(try v.run(.f32DemoteF64, 0x3FF0_0000_1000_0001) == .value(0x3F80_0001))
        #expect(try v.run(.f32DemoteF64, bits(-0.0)) == .value(bits(Float(-0.0))))
        #expect(isCanonicalNaN32(try v.run(.f32DemoteF64, 0x7FF8_0000_0000_0000)))
        #expect(isArithmeticNaN32(try v.run(.f32DemoteF64, 0x7FF4_0000_0000_0000)))
        #expect(try v.run(.f64PromoteF32, bits(Float(1.5))) == .value(bits(1.5)))
        #expect(try v.run(.f64PromoteF32, 0x0000_0001) == .value(bits(Double(Float.leastNonzeroMagnitude))))
        #expect(isCanonicalNaN64(try v.run(.f64PromoteF32, 0xFFC0_0000)))
        #expect(isArithmeticNaN64(try v.run(.f64PromoteF32, 0x7FA0_0000)))
    }

    @Test(arguments: NumericVariant.allCases)
    func bitPreservingConversions(_ v: NumericVariant) throws {
        #expect(try v.run(.i32ReinterpretF32, 0x7FA0_0001) == .value(0x7FA0_0001))
        #expect(try v.run(.f32ReinterpretI32, 0xFFA0_0001) == .value(0xFFA0_0001))
        #expect(try v.run(.i64ReinterpretF64, bits(-0.0)) == .value(0x8000_0000_0000_0000))
        #expect(try v.run(.f64ReinterpretI64, 0xFFF4_0000_0000_0001) == .value(0xFFF4_0000_0000_0001))
        #expect(try v.run(.i32WrapI64, 0x1_0000_0002) == .value(2))
        #expect(try v.run(.i32WrapI64, UInt64.max) == .value(0xFFFF_FFFF))
        #expect(try v.run(.i64ExtendI32S, 0xFFFF_FFFF) == .value(UInt64.max))
        #expect(try v.run(.i64ExtendI32U, 0xFFFF_FFFF) == .value(0xFFFF_FFFF))
        #expect(try v.run(.i64ExtendI32S, 0x7FFF_FFFF) == .value(0x7FFF_FFFF))
    }
}
