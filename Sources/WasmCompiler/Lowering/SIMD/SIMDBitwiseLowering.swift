import CLLVM

/// Whole-vector bitwise operators and the reductions to `i32`: `any_true`, `all_true`
/// and `bitmask`.
extension SIMDBuilder {
    /// `not`, `and`, `andnot`, `or`, `xor` (on `[a]` or `[a b]`) and `bitselect` (on `[a b c]`),
    /// computed on the `<2 x i64>` carrier directly.
    func bitwise(_ op: SIMDBitwiseOp, _ operands: [LLVMValueRef]) -> LLVMValueRef {
        let values = operands.map(v128)
        switch op {
        case .not: return complement(values[0])
        case .and: return LLVMBuildAnd(builder, values[0], values[1], "")
        case .andNot: return LLVMBuildAnd(builder, values[0], complement(values[1]), "")
        case .or: return LLVMBuildOr(builder, values[0], values[1], "")
        case .xor: return LLVMBuildXor(builder, values[0], values[1], "")
        case .bitselect:
            let mask = values[2]
            let fromFirst: LLVMValueRef = LLVMBuildAnd(builder, values[0], mask, "")
            let fromSecond: LLVMValueRef = LLVMBuildAnd(builder, values[1], complement(mask), "")
            return LLVMBuildOr(builder, fromFirst, fromSecond, "")
        }
    }

    func test(_ op: SIMDTestOp, _ operand: LLVMValueRef) -> LLVMValueRef {
        switch op {
        case .anyTrue:
            let wide: LLVMValueRef = LLVMBuildBitCast(builder, operand, integerType(bits: 128), "")
            let nonZero: LLVMValueRef = LLVMBuildICmp(builder, LLVMIntNE, wide, zero(integerType(bits: 128)), "")
            return LLVMBuildZExt(builder, nonZero, i32Type, "")
        case .allTrue(let shape):
            let lanes = view(operand, as: shape)
            let nonZero: LLVMValueRef = LLVMBuildICmp(builder, LLVMIntNE, lanes, zero(vectorType(shape)), "")
            let all = intrinsic("llvm.vector.reduce.and", types: [LLVMTypeOf(nonZero)], [nonZero])
            return LLVMBuildZExt(builder, all, i32Type, "")
        case .bitmask(let shape):
            // The sign bits as an <N x i1>, reinterpreted as an N-bit integer: lane i → bit i.
            let lanes = view(operand, as: shape)
            let negative: LLVMValueRef = LLVMBuildICmp(builder, LLVMIntSLT, lanes, zero(vectorType(shape)), "")
            let bits: LLVMValueRef = LLVMBuildBitCast(builder, negative, integerType(bits: UInt32(shape.laneCount)), "")
            return LLVMBuildZExt(builder, bits, i32Type, "")
        }
    }

    /// `~value`.
    private func complement(_ value: LLVMValueRef) -> LLVMValueRef {
        LLVMBuildXor(builder, value, LLVMConstAllOnes(LLVMTypeOf(value)), "")
    }
}
