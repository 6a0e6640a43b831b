import CLLVM

/// The operator families numeric lowering works with, independent of the decoder's opcode
/// enum: each Wasm numeric operator maps to exactly one `NumericLoweringKind`
/// (see `NumericOp.loweringKind`), and each family has one lowering routine.

/// A Wasm integer type.
enum IntegerWidth: Sendable, Hashable {
    case i32, i64

    /// The width in bits (32 or 64).
    var bits: UInt32 { self == .i32 ? 32 : 64 }
}

/// A Wasm floating-point type.
enum FloatWidth: Sendable, Hashable {
    case f32, f64
}

/// Whether an operation reads its integer operand(s) as signed or unsigned.
enum Signedness: Sendable, Hashable {
    case signed, unsigned
}

/// `iNN.clz`, `ctz`, `popcnt`, `eqz` and the sign-extension operators.
enum IntegerUnaryOp: Sendable, Hashable {
    case clz, ctz, popcnt, eqz
    /// `iNN.extendM_s`: keep the low `bits` bits and sign-extend them (M = 8, 16 or 32).
    case extendSigned(bits: UInt32)
}

/// The two-operand integer operators.
enum IntegerBinaryOp: Sendable, Hashable {
    case add, sub, mul, divS, divU, remS, remU
    case and, or, xor, shl, shrS, shrU, rotl, rotr
}

/// The integer comparisons (results are i32 0 or 1).
enum IntegerCompareOp: Sendable, Hashable {
    case eq, ne, ltS, ltU, gtS, gtU, leS, leU, geS, geU

    /// The `icmp` predicate (shared by scalar and per-lane SIMD comparisons).
    var predicate: LLVMIntPredicate {
        switch self {
        case .eq: LLVMIntEQ
        case .ne: LLVMIntNE
        case .ltS: LLVMIntSLT
        case .ltU: LLVMIntULT
        case .gtS: LLVMIntSGT
        case .gtU: LLVMIntUGT
        case .leS: LLVMIntSLE
        case .leU: LLVMIntULE
        case .geS: LLVMIntSGE
        case .geU: LLVMIntUGE
        }
    }
}

/// The one-operand float operators.
enum FloatUnaryOp: Sendable, Hashable {
    case abs, neg, ceil, floor, trunc, nearest, sqrt
}

/// The two-operand float operators.
enum FloatBinaryOp: Sendable, Hashable {
    case add, sub, mul, div, min, max, copysign
}

/// The float comparisons (ordered except `ne`; results are i32 0 or 1).
enum FloatCompareOp: Sendable, Hashable {
    case eq, ne, lt, gt, le, ge

    /// The `fcmp` predicate: every comparison with a NaN is false, except `ne`,
    /// which is true (shared by scalar and per-lane SIMD comparisons).
    var predicate: LLVMRealPredicate {
        switch self {
        case .eq: LLVMRealOEQ
        case .ne: LLVMRealUNE
        case .lt: LLVMRealOLT
        case .gt: LLVMRealOGT
        case .le: LLVMRealOLE
        case .ge: LLVMRealOGE
        }
    }
}

/// The conversion operators between value types.
enum ConversionOp: Sendable, Hashable {
    /// `i32.wrap_i64`.
    case wrap
    /// `i64.extend_i32_s` / `_u`.
    case extend(Signedness)
    /// `iNN.trunc_fMM_s/u`: traps on NaN and on results out of range.
    case truncate(IntegerWidth, from: FloatWidth, Signedness)
    /// `iNN.trunc_sat_fMM_s/u`: saturates, NaN becomes 0.
    case truncateSaturating(IntegerWidth, from: FloatWidth, Signedness)
    /// `fNN.convert_iMM_s/u`: rounds to nearest, ties to even.
    case convert(FloatWidth, from: IntegerWidth, Signedness)
    /// `f32.demote_f64`.
    case demote
    /// `f64.promote_f32`.
    case promote
    /// `iNN.reinterpret_fNN` (the integer of the same width) and back.
    case reinterpretFloatAsInteger(FloatWidth)
    case reinterpretIntegerAsFloat(IntegerWidth)
}

/// One numeric operator, classified by the family that lowers it.
enum NumericLoweringKind: Sendable, Hashable {
    case integerUnary(IntegerWidth, IntegerUnaryOp)
    case integerBinary(IntegerWidth, IntegerBinaryOp)
    case integerCompare(IntegerWidth, IntegerCompareOp)
    case floatUnary(FloatWidth, FloatUnaryOp)
    case floatBinary(FloatWidth, FloatBinaryOp)
    case floatCompare(FloatWidth, FloatCompareOp)
    case conversion(ConversionOp)

    /// How many operands the operator pops.
    var arity: Int {
        switch self {
        case .integerUnary, .floatUnary, .conversion: 1
        case .integerBinary, .integerCompare, .floatBinary, .floatCompare: 2
        }
    }
}
