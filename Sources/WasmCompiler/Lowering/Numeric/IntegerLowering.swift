import CLLVM

/// Integer arithmetic, bit operations and comparisons.
///
/// Every operation is total in Wasm but several LLVM instructions are not, so the
/// lowering guards them: division traps before `sdiv`/`udiv` could see a zero divisor
/// or `INT_MIN / -1`; `rem_s` never feeds `srem` a `-1`; shift counts are masked to the
/// type's width (LLVM makes oversized shifts poison); rotates use funnel shifts, whose
/// count is already taken modulo the width; `clz`/`ctz` of zero are defined (the width).
extension NumericBuilder {
    func integerUnary(_ op: IntegerUnaryOp, _ width: IntegerWidth, _ value: LLVMValueRef) -> LLVMValueRef {
        let type = type(width)
        let notPoisonOnZero: LLVMValueRef = LLVMConstInt(i1Type, 0, 0)
        switch op {
        case .clz:
            return intrinsic("llvm.ctlz", types: [type], value, notPoisonOnZero)
        case .ctz:
            return intrinsic("llvm.cttz", types: [type], value, notPoisonOnZero)
        case .popcnt:
            return intrinsic("llvm.ctpop", types: [type], value)
        case .eqz:
            return boolean(icmp(LLVMIntEQ, value, constant(0, width)))
        case .extendSigned(let bits):
            let narrow = LLVMBuildTrunc(builder, value, integerType(bits: bits), "")
            return LLVMBuildSExt(builder, narrow, type, "")
        }
    }

    func integerBinary(
        _ op: IntegerBinaryOp, _ width: IntegerWidth, _ lhs: LLVMValueRef, _ rhs: LLVMValueRef
    ) -> LLVMValueRef {
        switch op {
        case .add: return LLVMBuildAdd(builder, lhs, rhs, "")
        case .sub: return LLVMBuildSub(builder, lhs, rhs, "")
        case .mul: return LLVMBuildMul(builder, lhs, rhs, "")
        case .and: return LLVMBuildAnd(builder, lhs, rhs, "")
        case .or: return LLVMBuildOr(builder, lhs, rhs, "")
        case .xor: return LLVMBuildXor(builder, lhs, rhs, "")
        case .shl: return LLVMBuildShl(builder, lhs, shiftCount(rhs, width), "")
        case .shrS: return LLVMBuildAShr(builder, lhs, shiftCount(rhs, width), "")
        case .shrU: return LLVMBuildLShr(builder, lhs, shiftCount(rhs, width), "")
        case .rotl: return intrinsic("llvm.fshl", types: [type(width)], lhs, lhs, rhs)
        case .rotr: return intrinsic("llvm.fshr", types: [type(width)], lhs, lhs, rhs)
        case .divU:
            trapIfZero(rhs, width)
            return LLVMBuildUDiv(builder, lhs, rhs, "")
        case .remU:
            trapIfZero(rhs, width)
            return LLVMBuildURem(builder, lhs, rhs, "")
        case .divS:
            trapIfZero(rhs, width)
            let overflows = and(icmp(LLVMIntEQ, lhs, signedMinimum(width)),
                                icmp(LLVMIntEQ, rhs, allOnes(width)))
            trap(if: overflows, .integerOverflow)
            return LLVMBuildSDiv(builder, lhs, rhs, "")
        case .remS:
            trapIfZero(rhs, width)
            // x rem -1 is 0 for every x, and so is x rem 1; dividing by 1 keeps
            // srem defined for INT_MIN rem -1 without a branch.
            let isMinusOne = icmp(LLVMIntEQ, rhs, allOnes(width))
            let divisor = select(isMinusOne, constant(1, width), rhs)
            return LLVMBuildSRem(builder, lhs, divisor, "")
        }
    }

    func integerCompare(
        _ op: IntegerCompareOp, _ lhs: LLVMValueRef, _ rhs: LLVMValueRef
    ) -> LLVMValueRef {
        boolean(icmp(op.predicate, lhs, rhs))
    }

    /// The shift count taken modulo the width, as Wasm defines it.
    private func shiftCount(_ count: LLVMValueRef, _ width: IntegerWidth) -> LLVMValueRef {
        LLVMBuildAnd(builder, count, constant(UInt64(width.bits - 1), width), "")
    }

    private func trapIfZero(_ divisor: LLVMValueRef, _ width: IntegerWidth) {
        trap(if: icmp(LLVMIntEQ, divisor, constant(0, width)), .integerDivideByZero)
    }
}
