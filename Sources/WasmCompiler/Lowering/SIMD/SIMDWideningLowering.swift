import CLLVM

/// Arithmetic in wider lanes: `extmul`, `extadd_pairwise`, `i32x4.dot_i16x8_s` and the
/// relaxed `dot_i8x16_i7x16` forms.
///
/// Operands are widened with `sext`/`zext`, combined in the wide shape, and neighbouring
/// lanes are paired with even/odd shuffles. Sums wrap like Wasm's integer arithmetic
/// (`dot` of `-32768 * -32768` twice gives `INT32_MIN`).
extension SIMDBuilder {
    func widening(_ op: SIMDWideningOp, _ operands: [LLVMValueRef]) -> LLVMValueRef {
        switch op {
        case .extendedMultiply(let source, let high, let signedness):
            let count = source.laneCount / 2
            let wide = source.laneBits * 2
            func widenedHalf(_ operand: LLVMValueRef) -> LLVMValueRef {
                let half = half(view(operand, as: source), count: source.laneCount, high: high)
                return extend(half, count: count, toBits: wide, signedness)
            }
            return v128(LLVMBuildMul(builder, widenedHalf(operands[0]), widenedHalf(operands[1]), ""))
        case .extendedPairwiseAdd(let source, let signedness):
            let wide = extend(view(operands[0], as: source), count: source.laneCount,
                              toBits: source.laneBits * 2, signedness)
            return v128(pairwiseSum(wide, count: source.laneCount))
        case .dotI16x8:
            return v128(dotProduct(operands[0], operands[1], from: .i16x8, productBits: 32))
        case .dotI8x16:
            return v128(dotProduct(operands[0], operands[1], from: .i8x16, productBits: 16))
        case .dotI8x16Add:
            let sums16 = dotProduct(operands[0], operands[1], from: .i8x16, productBits: 16)
            let wide = extend(sums16, count: 8, toBits: 32, .signed)
            let sums32 = pairwiseSum(wide, count: 8)
            return v128(LLVMBuildAdd(builder, sums32, view(operands[2], as: .i32x4), ""))
        }
    }

    /// Signed products of the `source` lanes of `a` and `b` in `productBits`-bit lanes,
    /// neighbouring products added (wrapping): a vector of `laneCount / 2` lanes.
    private func dotProduct(_ a: LLVMValueRef, _ b: LLVMValueRef, from source: LaneShape, productBits: UInt32) -> LLVMValueRef {
        let count = source.laneCount
        let products: LLVMValueRef = LLVMBuildMul(
            builder,
            extend(view(a, as: source), count: count, toBits: productBits, .signed),
            extend(view(b, as: source), count: count, toBits: productBits, .signed), "")
        return pairwiseSum(products, count: count)
    }

    /// `v[0] + v[1], v[2] + v[3], …` of a vector of `count` lanes.
    private func pairwiseSum(_ vector: LLVMValueRef, count: Int) -> LLVMValueRef {
        LLVMBuildAdd(builder, alternateLanes(vector, count: count, odd: false),
                     alternateLanes(vector, count: count, odd: true), "")
    }
}
