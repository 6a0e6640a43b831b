import CLLVM

/// Lane-wise float arithmetic and comparisons, IEEE-754 exact (never fast-math).
///
/// As in scalar lowering, `add`/`sub`/`mul`/`div`/`sqrt` are constrained intrinsics (see
/// `NumericBuilder.constrained`) so the optimiser cannot fold away the quieting of a
/// signalling NaN. `abs`/`neg` only touch sign bits. `nearest` rounds half to even.
/// `min`/`max` are `llvm.minimum`/`llvm.maximum` (NaN-propagating, `-0 < +0`), with the
/// lanes where an operand is NaN replaced by `a + b`, a quiet NaN (LLVM 19's x86 expansion
/// would return a signalling NaN operand unchanged). `pmin`/`pmax` are plain selects on
/// `<`, which return the first operand when either is NaN, exactly as Wasm specifies.
extension SIMDBuilder {
    func floatUnary(_ op: FloatUnaryOp, _ shape: LaneShape, _ operand: LLVMValueRef) -> LLVMValueRef {
        let value = view(operand, as: shape)
        let type = vectorType(shape)
        let result: LLVMValueRef = switch op {
        case .abs: intrinsic("llvm.fabs", types: [type], [value])
        case .neg: LLVMBuildFNeg(builder, value, "")
        case .ceil: intrinsic("llvm.ceil", types: [type], [value])
        case .floor: intrinsic("llvm.floor", types: [type], [value])
        case .trunc: intrinsic("llvm.trunc", types: [type], [value])
        case .nearest: intrinsic("llvm.roundeven", types: [type], [value])
        case .sqrt: numeric.constrained("sqrt", types: [type], value)
        }
        return v128(result)
    }

    func floatBinary(
        _ op: SIMDFloatBinaryOp, _ shape: LaneShape, _ lhs: LLVMValueRef, _ rhs: LLVMValueRef
    ) -> LLVMValueRef {
        let a = view(lhs, as: shape)
        let b = view(rhs, as: shape)
        let type = vectorType(shape)
        let result: LLVMValueRef = switch op {
        case .add: numeric.constrained("fadd", types: [type], a, b)
        case .sub: numeric.constrained("fsub", types: [type], a, b)
        case .mul: numeric.constrained("fmul", types: [type], a, b)
        case .div: numeric.constrained("fdiv", types: [type], a, b)
        case .min: nanPropagating("llvm.minimum", type, a, b)
        case .max: nanPropagating("llvm.maximum", type, a, b)
        case .pmin: LLVMBuildSelect(builder, LLVMBuildFCmp(builder, LLVMRealOLT, b, a, ""), b, a, "")
        case .pmax: LLVMBuildSelect(builder, LLVMBuildFCmp(builder, LLVMRealOLT, a, b, ""), b, a, "")
        }
        return v128(result)
    }

    /// Relaxed `madd`/`nmadd`: the product is rounded before the addition (no FMA), so the
    /// result is the same on every host and at every optimisation level.
    func floatTernary(
        _ op: SIMDFloatTernaryOp, _ shape: LaneShape, _ first: LLVMValueRef, _ second: LLVMValueRef,
        _ addend: LLVMValueRef
    ) -> LLVMValueRef {
        let type = vectorType(shape)
        let a = view(first, as: shape)
        let factor: LLVMValueRef = op == .negatedMultiplyAdd ? LLVMBuildFNeg(builder, a, "") : a
        let product = numeric.constrained("fmul", types: [type], factor, view(second, as: shape))
        return v128(numeric.constrained("fadd", types: [type], product, view(addend, as: shape)))
    }

    func floatCompare(
        _ op: FloatCompareOp, _ shape: LaneShape, _ lhs: LLVMValueRef, _ rhs: LLVMValueRef
    ) -> LLVMValueRef {
        let bits: LLVMValueRef = LLVMBuildFCmp(builder, op.predicate, view(lhs, as: shape), view(rhs, as: shape), "")
        return laneMask(bits, shape)
    }

    /// `llvm.minimum`/`llvm.maximum` per lane, with a quiet NaN in lanes where an operand is NaN.
    private func nanPropagating(
        _ name: String, _ type: LLVMTypeRef, _ a: LLVMValueRef, _ b: LLVMValueRef
    ) -> LLVMValueRef {
        let ordered = intrinsic(name, types: [type], [a, b])
        let eitherNaN: LLVMValueRef = LLVMBuildFCmp(builder, LLVMRealUNO, a, b, "")
        let quietNaN = numeric.constrained("fadd", types: [type], a, b)
        return LLVMBuildSelect(builder, eitherNaN, quietNaN, ordered, "")
    }
}
