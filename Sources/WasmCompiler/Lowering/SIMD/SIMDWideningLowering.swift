import CLLVM

/// Arithmetic in wider lanes: `extmul`, `extadd_pairwise`, `i32x4.dot_i16x8_s` and the
/// relaxed `dot_i8x16_i7x16` forms.
///
/// Operands are widened with `sext`/`zext`, combined in the wide shape, and neighbouring
/// lanes are paired with even/odd shuffles. Sums wrap like Wasm's integer arithmetic
/// (`dot` of `-32768 * -32768` twice gives `INT32_MIN`).
///
/// On x86, `i32x4.dot_i16x8_s` and `i32x4.extadd_pairwise_i16x8_s` (a dot product with
/// ones) are SSE2's `pmaddwd`, which computes exactly that, wrap included. The generic
/// form selects to `pmaddwd` on its own, but only while the even + odd `add` survives
/// the optimiser: in a loop that accumulates dot products (`sum += dot(a, b)`, the core
/// of every int8/int16 matrix kernel) Reassociate spreads the two halves over the chain
/// of adds, and the code became a 256-bit `vpmulld` and two shuffles per dot product.
/// On `Fixtures/bench/simd-intgemm`, with the `trunc_sat` change of its requantisation,
/// eager O2 went from 446 to 364 ms in a quiet run, from 0.82–1.09× to 0.95–0.99×
/// Wasmtime's time in two alternating rounds (BENCHMARKS.md, "SIMD steady state").
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
            if source == .i16x8, signedness == .signed, targetIsX86 {
                return v128(multiplyAddPairs(operands[0], splatConstant(1, .i16x8)))
            }
            let wide = extend(view(operands[0], as: source), count: source.laneCount,
                              toBits: source.laneBits * 2, signedness)
            return v128(pairwiseSum(wide, count: source.laneCount))
        case .dotI16x8:
            if targetIsX86 { return v128(multiplyAddPairs(operands[0], operands[1])) }
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

    /// x86's `pmaddwd`: the i16 lanes of `a` and `b` multiplied, neighbouring products
    /// added in i32 lanes (wrapping only for two products of `-32768 * -32768`, as Wasm does).
    private func multiplyAddPairs(_ a: LLVMValueRef, _ b: LLVMValueRef) -> LLVMValueRef {
        intrinsic("llvm.x86.sse2.pmadd.wd", types: [], [view(a, as: .i16x8), view(b, as: .i16x8)])
    }

    /// `v[0] + v[1], v[2] + v[3], …` of a vector of `count` lanes.
    private func pairwiseSum(_ vector: LLVMValueRef, count: Int) -> LLVMValueRef {
        LLVMBuildAdd(builder, alternateLanes(vector, count: count, odd: false),
                     alternateLanes(vector, count: count, odd: true), "")
    }
}
