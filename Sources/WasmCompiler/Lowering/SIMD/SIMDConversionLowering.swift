import CLLVM

/// Conversions between lane shapes: float ↔ integer, f32 ↔ f64, narrowing and extension.
///
/// - `trunc_sat` is `llvm.fpto[su]i.sat` on vectors (NaN → 0, out of range → the nearest
///   limit); the `f64x2` forms produce two `i32` lanes and zero the upper two.
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
        let name = signedness == .signed ? "llvm.fptosi.sat" : "llvm.fptoui.sat"
        let count = source.laneCount
        let resultType = vectorType(bits: 32, count: count)
        let lanes = intrinsic(name, types: [resultType, vectorType(source)], [view(operand, as: source)])
        guard count == 2 else { return v128(lanes) }
        return v128(concatenate(lanes, zero(resultType), count: 2))
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
