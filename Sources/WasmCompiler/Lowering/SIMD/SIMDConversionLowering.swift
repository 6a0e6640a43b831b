import CLLVM

/// Conversions between lane shapes: float ↔ integer, f32 ↔ f64, narrowing and extension.
///
/// - `trunc_sat` (NaN → 0, out of range → the nearest limit) is `llvm.fpto[su]i.sat` on
///   vectors, except on x86 (see ``clampedTruncation(_:from:_:)``); the `f64x2` forms
///   produce two `i32` lanes and zero the upper two.
/// - `convert` is `sitofp`/`uitofp` (round to nearest-even).
/// - `demote`/`promote` are constrained `fptrunc`/`fpext`, which quiet NaNs, as in scalar
///   lowering; `demote` zeroes the upper two lanes.
/// - `narrow` clamps each signed source lane to the target range (`[-2^(n-1), 2^(n-1)-1]`,
///   or `[0, 2^n-1]` for `_u`), then truncates.
/// - `extend_low/high` widens one half of the lanes.
extension SIMDBuilder {
    func conversion(_ op: SIMDConversionOp, _ operands: [LLVMValueRef]) -> LLVMValueRef {
        switch op {
        case .truncateSaturating(let source, let signedness):
            return truncateSaturating(operands[0], from: source, signedness)
        case .convertI32x4ToF32x4(let signedness):
            return v128(convert(view(operands[0], as: .i32x4), to: vectorType(.f32x4), signedness))
        case .convertLowI32x4ToF64x2(let signedness):
            let low = half(view(operands[0], as: .i32x4), count: 4, high: false)
            return v128(convert(low, to: vectorType(.f64x2), signedness))
        case .demote:
            let narrow = numeric.constrained("fptrunc", types: [LLVMVectorType(laneType(.f32x4), 2), vectorType(.f64x2)],
                                             view(operands[0], as: .f64x2))
            return v128(concatenate(narrow, zero(LLVMTypeOf(narrow)), count: 2))
        case .promoteLow:
            let low = half(view(operands[0], as: .f32x4), count: 4, high: false)
            return v128(numeric.constrained("fpext", types: [vectorType(.f64x2), LLVMTypeOf(low)],
                                            hasRounding: false, low))
        case .narrow(let source, let signedness):
            return narrow(operands[0], operands[1], from: source, signedness)
        case .extend(let source, let high, let signedness):
            let half = half(view(operands[0], as: source), count: source.laneCount, high: high)
            return v128(extend(half, count: source.laneCount / 2, toBits: source.laneBits * 2, signedness))
        }
    }

    private func truncateSaturating(_ operand: LLVMValueRef, from source: LaneShape, _ signedness: Signedness) -> LLVMValueRef {
        let count = source.laneCount
        let resultType = vectorType(bits: 32, count: count)
        let lanes: LLVMValueRef
        if targetIsX86 {
            lanes = clampedTruncation(view(operand, as: source), from: source, signedness)
        } else {
            let name = signedness == .signed ? "llvm.fptosi.sat" : "llvm.fptoui.sat"
            lanes = intrinsic(name, types: [resultType, vectorType(source)], [view(operand, as: source)])
        }
        guard count == 2 else { return v128(lanes) }
        return v128(concatenate(lanes, zero(resultType), count: 2))
    }

    /// `trunc_sat` as a clamp into the representable range, a plain `fpto[su]i`, and
    /// selects for the lanes the clamp cannot express: the x86 backend of LLVM 19 has no
    /// vector lowering of `llvm.fpto[su]i.sat` and expands it lane by lane (per lane a
    /// scalar `cvttss2si` and two compare-and-branch pairs: 31 instructions for
    /// `i32x4.trunc_sat_f32x4_s`, which meshoptimizer-style decoders run per vertex),
    /// while this form becomes `maxps`, `minps`, `cvttps2dq` and two masked moves
    /// (11 instructions with AVX-512, constants hoisted out of loops). On
    /// `Fixtures/bench/simd-meshfilter` eager O2 went from 600 to 351 ms in a quiet
    /// run, from 1.39–1.64× to 1.02–1.17× Wasmtime's time in two alternating rounds
    /// (BENCHMARKS.md, "SIMD steady state").
    ///
    /// - Lanes below the range (and, unsigned, NaN: `ult` is true for it) become the
    ///   lower limit, lanes above it the largest float below the upper limit, so the
    ///   conversion is defined for every lane but NaN.
    /// - An f32 cannot hold 2^31 - 1 or 2^32 - 1: lanes at or above 2^31 (2^32) are
    ///   selected to the limit after converting. An f64 holds both limits exactly.
    /// - Signed, NaN lanes (converted to poison) are selected to 0.
    private func clampedTruncation(_ value: LLVMValueRef, from source: LaneShape, _ signedness: Signedness) -> LLVMValueRef {
        let count = source.laneCount
        let resultType = vectorType(bits: 32, count: count)
        let isF32 = source == .f32x4
        let signed = signedness == .signed
        func splat(_ number: Double) -> LLVMValueRef {
            constantVector(Array(repeating: LLVMConstReal(laneType(source), number), count: count))
        }
        // The largest values below 2^31 and 2^32 the lane type holds.
        let upper: Double = signed ? (isF32 ? 2_147_483_520 : 2_147_483_647) : (isF32 ? 4_294_967_040 : 4_294_967_295)
        let lower: Double = signed ? -2_147_483_648 : 0
        let below = LLVMBuildFCmp(builder, signed ? LLVMRealOLT : LLVMRealULT, value, splat(lower), "")
        let raised = LLVMBuildSelect(builder, below, splat(lower), value, "")
        let above = LLVMBuildFCmp(builder, LLVMRealOGT, raised, splat(upper), "")
        let clamped = LLVMBuildSelect(builder, above, splat(upper), raised, "")
        var lanes: LLVMValueRef = signed
            ? LLVMBuildFPToSI(builder, clamped, resultType, "")
            : LLVMBuildFPToUI(builder, clamped, resultType, "")
        if isF32 {
            let limit = LLVMBuildFCmp(builder, LLVMRealOGE, value, splat(signed ? 2_147_483_648 : 4_294_967_296), "")
            lanes = LLVMBuildSelect(builder, limit, splatConstant(signed ? 0x7FFF_FFFF : 0xFFFF_FFFF, bits: 32, count: count), lanes, "")
        }
        if signed {
            let isNaN = LLVMBuildFCmp(builder, LLVMRealUNO, value, value, "")
            lanes = LLVMBuildSelect(builder, isNaN, zero(resultType), lanes, "")
        }
        return lanes
    }

    private func convert(_ integers: LLVMValueRef, to type: LLVMTypeRef, _ signedness: Signedness) -> LLVMValueRef {
        signedness == .signed
            ? LLVMBuildSIToFP(builder, integers, type, "")
            : LLVMBuildUIToFP(builder, integers, type, "")
    }

    /// Saturates the lanes of `a` then `b` (each of shape `source`) into one vector of
    /// half-width lanes.
    private func narrow(_ a: LLVMValueRef, _ b: LLVMValueRef, from source: LaneShape, _ signedness: Signedness) -> LLVMValueRef {
        let sourceBits = source.laneBits
        let targetBits = sourceBits / 2
        let count = source.laneCount * 2
        let lower: UInt64 = signedness == .signed ? ~((1 << (targetBits - 1)) - 1) : 0
        let upper: UInt64 = signedness == .signed ? (1 << (targetBits - 1)) - 1 : (1 << targetBits) - 1
        let both = concatenate(view(a, as: source), view(b, as: source), count: source.laneCount)
        let type = vectorType(bits: sourceBits, count: count)
        let raised = intrinsic("llvm.smax", types: [type], [both, splatConstant(lower, bits: sourceBits, count: count)])
        let clamped = intrinsic("llvm.smin", types: [type], [raised, splatConstant(upper, bits: sourceBits, count: count)])
        return v128(LLVMBuildTrunc(builder, clamped, vectorType(bits: targetBits, count: count), ""))
    }
}
