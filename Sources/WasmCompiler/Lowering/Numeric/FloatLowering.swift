import CLLVM

/// Float arithmetic and comparisons, IEEE-754 exact (never fast-math).
///
/// `add`/`sub`/`mul`/`div` are constrained intrinsics (see `NumericBuilder.constrained`)
/// so the optimiser cannot fold away the quieting of a signalling NaN operand.
///
/// `abs`, `neg` and `copysign` are pure sign-bit operations (`llvm.fabs`, `fneg`,
/// `llvm.copysign`), so NaN payloads pass through untouched as Wasm requires.
/// `nearest` rounds half to even (`llvm.roundeven`). `min`/`max` use `llvm.minimum` /
/// `llvm.maximum` for the ±0 ordering, but LLVM 19's x86 expansion of those returns a
/// signalling NaN operand unchanged, while Wasm wants an arithmetic (quiet) NaN; so
/// when either operand is NaN the result is `a + b` instead, which propagates a
/// quieted NaN (and keeps canonical NaNs canonical).
extension NumericBuilder {
    func floatUnary(_ op: FloatUnaryOp, _ width: FloatWidth, _ value: LLVMValueRef) -> LLVMValueRef {
        let type = type(width)
        switch op {
        case .abs: return intrinsic("llvm.fabs", types: [type], value)
        case .neg: return LLVMBuildFNeg(builder, value, "")
        case .ceil: return intrinsic("llvm.ceil", types: [type], value)
        case .floor: return intrinsic("llvm.floor", types: [type], value)
        case .trunc: return intrinsic("llvm.trunc", types: [type], value)
        case .nearest: return intrinsic("llvm.roundeven", types: [type], value)
        case .sqrt: return intrinsic("llvm.sqrt", types: [type], value)
        }
    }

    func floatBinary(
        _ op: FloatBinaryOp, _ width: FloatWidth, _ lhs: LLVMValueRef, _ rhs: LLVMValueRef
    ) -> LLVMValueRef {
        let type = type(width)
        switch op {
        case .add: return constrained("fadd", types: [type], lhs, rhs)
        case .sub: return constrained("fsub", types: [type], lhs, rhs)
        case .mul: return constrained("fmul", types: [type], lhs, rhs)
        case .div: return constrained("fdiv", types: [type], lhs, rhs)
        case .copysign: return intrinsic("llvm.copysign", types: [type], lhs, rhs)
        case .min: return nanPropagating("llvm.minimum", type, lhs, rhs)
        case .max: return nanPropagating("llvm.maximum", type, lhs, rhs)
        }
    }

    func floatCompare(_ op: FloatCompareOp, _ lhs: LLVMValueRef, _ rhs: LLVMValueRef) -> LLVMValueRef {
        boolean(fcmp(op.predicate, lhs, rhs))
    }

    /// `llvm.minimum`/`llvm.maximum`, with a quiet NaN result whenever an operand is NaN.
    private func nanPropagating(
        _ intrinsicName: String, _ type: LLVMTypeRef, _ lhs: LLVMValueRef, _ rhs: LLVMValueRef
    ) -> LLVMValueRef {
        let ordered = intrinsic(intrinsicName, types: [type], lhs, rhs)
        let eitherNaN = fcmp(LLVMRealUNO, lhs, rhs)
        let quietNaN = constrained("fadd", types: [type], lhs, rhs)
        return select(eitherNaN, quietNaN, ordered)
    }
}
