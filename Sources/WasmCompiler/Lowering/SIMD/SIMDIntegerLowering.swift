import CLLVM

/// Lane-wise integer arithmetic, comparisons and shifts.
///
/// Wrapping `add`/`sub`/`mul`/`neg` are plain IR; saturating forms, `min`/`max`, `abs` and
/// `popcnt` are LLVM's vector intrinsics (`llvm.sadd.sat`, `llvm.smin`, `llvm.abs` with
/// `INT_MIN` defined, `llvm.ctpop`). Comparisons yield all-ones or zero lanes (`sext` of
/// the `i1` vector). Shift counts are taken modulo the lane width, since LLVM makes
/// over-wide shifts poison.
extension SIMDBuilder {
    func integerUnary(_ op: SIMDIntegerUnaryOp, _ shape: LaneShape, _ operand: LLVMValueRef) -> LLVMValueRef {
        let value = view(operand, as: shape)
        let type = vectorType(shape)
        switch op {
        case .abs:
            let intMinIsPoison: LLVMValueRef = LLVMConstInt(LLVMInt1TypeInContext(context.llvmContext), 0, 0)
            return v128(intrinsic("llvm.abs", types: [type], [value, intMinIsPoison]))
        case .neg:
            return v128(LLVMBuildSub(builder, zero(type), value, ""))
        case .popcnt:
            return v128(intrinsic("llvm.ctpop", types: [type], [value]))
        }
    }

    func integerBinary(
        _ op: SIMDIntegerBinaryOp, _ shape: LaneShape, _ lhs: LLVMValueRef, _ rhs: LLVMValueRef
    ) -> LLVMValueRef {
        let a = view(lhs, as: shape)
        let b = view(rhs, as: shape)
        let type = vectorType(shape)
        func call(_ name: String) -> LLVMValueRef { intrinsic(name, types: [type], [a, b]) }
        let result: LLVMValueRef
        switch op {
        case .add: result = LLVMBuildAdd(builder, a, b, "")
        case .sub: result = LLVMBuildSub(builder, a, b, "")
        case .mul: result = LLVMBuildMul(builder, a, b, "")
        case .minS: result = call("llvm.smin")
        case .minU: result = call("llvm.umin")
        case .maxS: result = call("llvm.smax")
        case .maxU: result = call("llvm.umax")
        case .addSatS: result = call("llvm.sadd.sat")
        case .addSatU: result = call("llvm.uadd.sat")
        case .subSatS: result = call("llvm.ssub.sat")
        case .subSatU: result = call("llvm.usub.sat")
        case .averageRoundedU: result = averageRounded(a, b, shape)
        case .q15MulRoundSaturating: result = q15MulRoundSaturating(a, b)
        }
        return v128(result)
    }

    func integerCompare(
        _ op: IntegerCompareOp, _ shape: LaneShape, _ lhs: LLVMValueRef, _ rhs: LLVMValueRef
    ) -> LLVMValueRef {
        let bits: LLVMValueRef = LLVMBuildICmp(builder, op.predicate, view(lhs, as: shape), view(rhs, as: shape), "")
        return laneMask(bits, shape)
    }

    /// `shl`/`shr_s`/`shr_u` of every lane by `count & (laneBits - 1)`.
    func shift(_ op: SIMDShiftOp, _ shape: LaneShape, _ operand: LLVMValueRef, by count: LLVMValueRef) -> LLVMValueRef {
        let masked: LLVMValueRef = LLVMBuildAnd(builder, count, i32(shape.laneBits - 1), "")
        let laneCount: LLVMValueRef = switch shape.laneBits {
        case 64: LLVMBuildZExt(builder, masked, i64Type, "")
        case 32: masked
        default: LLVMBuildTrunc(builder, masked, laneType(shape), "")
        }
        let amounts = splat(laneCount, count: shape.laneCount)
        let value = view(operand, as: shape)
        let result: LLVMValueRef = switch op {
        case .shl: LLVMBuildShl(builder, value, amounts, "")
        case .shrS: LLVMBuildAShr(builder, value, amounts, "")
        case .shrU: LLVMBuildLShr(builder, value, amounts, "")
        }
        return v128(result)
    }

    /// `avgr_u`: `(a + b + 1) >> 1` computed in lanes twice as wide, so the sum cannot
    /// overflow (the x86 backend matches this to `pavgb`/`pavgw`).
    private func averageRounded(_ a: LLVMValueRef, _ b: LLVMValueRef, _ shape: LaneShape) -> LLVMValueRef {
        let wide = shape.laneBits * 2
        let count = shape.laneCount
        let sum: LLVMValueRef = LLVMBuildAdd(builder, extend(a, count: count, toBits: wide, .unsigned),
                               extend(b, count: count, toBits: wide, .unsigned), "")
        let rounded: LLVMValueRef = LLVMBuildAdd(builder, sum, splatConstant(1, bits: wide, count: count), "")
        let halved: LLVMValueRef = LLVMBuildLShr(builder, rounded, splatConstant(1, bits: wide, count: count), "")
        return LLVMBuildTrunc(builder, halved, vectorType(shape), "")
    }

    /// `i16x8.q15mulr_sat_s`: `(a * b + 0x4000) >> 15` in 32-bit lanes, then saturated to
    /// i16. Only `-32768 * -32768` exceeds the range (giving 32768), and no product falls
    /// below -32768, so clamping the top is enough.
    private func q15MulRoundSaturating(_ a: LLVMValueRef, _ b: LLVMValueRef) -> LLVMValueRef {
        let product: LLVMValueRef = LLVMBuildMul(builder, extend(a, count: 8, toBits: 32, .signed),
                                   extend(b, count: 8, toBits: 32, .signed), "")
        let rounded: LLVMValueRef = LLVMBuildAdd(builder, product, splatConstant(0x4000, bits: 32, count: 8), "")
        let shifted: LLVMValueRef = LLVMBuildAShr(builder, rounded, splatConstant(15, bits: 32, count: 8), "")
        let type = vectorType(bits: 32, count: 8)
        let clamped = intrinsic("llvm.smin", types: [type], [shifted, splatConstant(0x7FFF, bits: 32, count: 8)])
        return LLVMBuildTrunc(builder, clamped, vectorType(.i16x8), "")
    }
}
