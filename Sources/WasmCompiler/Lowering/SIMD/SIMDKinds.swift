/// The operator families SIMD lowering works with. Every `SIMDOp` maps to exactly one
/// `SIMDLoweringKind` (see `SIMDOp.loweringKind`), and each family has one lowering
/// routine in this folder. Relaxed-SIMD operators map onto the deterministic choice
/// documented in `SIMDOp+Classification.swift`.

/// Lane-wise integer operators of two vectors.
enum SIMDIntegerBinaryOp: Sendable, Hashable {
    case add, sub, mul
    case minS, minU, maxS, maxU
    case addSatS, addSatU, subSatS, subSatU
    /// `avgr_u`: `(a + b + 1) >> 1` without overflow.
    case averageRoundedU
    /// `i16x8.q15mulr_sat_s`: `sat((a * b + 0x4000) >> 15)`.
    case q15MulRoundSaturating
}

/// Lane-wise integer operators of one vector.
enum SIMDIntegerUnaryOp: Sendable, Hashable {
    case abs, neg, popcnt
}

/// Shifts by a scalar `i32` count (taken modulo the lane width).
enum SIMDShiftOp: Sendable, Hashable {
    case shl, shrS, shrU
}

/// Lane-wise float operators of two vectors.
enum SIMDFloatBinaryOp: Sendable, Hashable {
    case add, sub, mul, div
    /// NaN-propagating, `-0 < +0`.
    case min, max
    /// `b < a ? b : a` / `a < b ? b : a` (C++ `std::min`/`max` argument order).
    case pmin, pmax
}

/// Float `a * b + c` (`madd`) and `-(a * b) + c` (`nmadd`), rounded after each step.
enum SIMDFloatTernaryOp: Sendable, Hashable {
    case multiplyAdd, negatedMultiplyAdd
}

/// Whole-vector bitwise operators.
enum SIMDBitwiseOp: Sendable, Hashable {
    case not, and, andNot, or, xor
    /// `(a & c) | (b & ~c)` on operands `a b c`.
    case bitselect
}

/// Operators reducing a vector to an `i32`.
enum SIMDTestOp: Sendable, Hashable {
    /// `v128.any_true`: 1 if any bit is set.
    case anyTrue
    /// `all_true`: 1 if every lane is non-zero.
    case allTrue(LaneShape)
    /// `bitmask`: bit `i` is the sign bit of lane `i`.
    case bitmask(LaneShape)
}

/// Conversions between lane shapes.
enum SIMDConversionOp: Sendable, Hashable {
    /// `i32x4.trunc_sat_f32x4_*` and (`from: .f64x2`) `i32x4.trunc_sat_f64x2_*_zero`.
    case truncateSaturating(from: LaneShape, Signedness)
    /// `f32x4.convert_i32x4_*`.
    case convertI32x4ToF32x4(Signedness)
    /// `f64x2.convert_low_i32x4_*`.
    case convertLowI32x4ToF64x2(Signedness)
    /// `f32x4.demote_f64x2_zero`.
    case demote
    /// `f64x2.promote_low_f32x4`.
    case promoteLow
    /// `narrow_*`: two vectors of `from` lanes saturated into one of half-width lanes.
    case narrow(from: LaneShape, Signedness)
    /// `extend_low/high_*`: half of the `from` lanes widened.
    case extend(from: LaneShape, high: Bool, Signedness)
}

/// Operators that multiply or add in wider lanes.
enum SIMDWideningOp: Sendable, Hashable {
    /// `extmul_low/high_*`: widen half of each operand's `from` lanes, then multiply.
    case extendedMultiply(from: LaneShape, high: Bool, Signedness)
    /// `extadd_pairwise_*`: widen each `from` lane and add neighbours.
    case extendedPairwiseAdd(from: LaneShape, Signedness)
    /// `i32x4.dot_i16x8_s`.
    case dotI16x8
    /// `i16x8.relaxed_dot_i8x16_i7x16_s`.
    case dotI8x16
    /// `i32x4.relaxed_dot_i8x16_i7x16_add_s`.
    case dotI8x16Add
}

/// One SIMD operator without immediates, classified by the family that lowers it.
enum SIMDLoweringKind: Sendable, Hashable {
    case splat(LaneShape)
    case swizzle
    case integerUnary(LaneShape, SIMDIntegerUnaryOp)
    case integerBinary(LaneShape, SIMDIntegerBinaryOp)
    case integerCompare(LaneShape, IntegerCompareOp)
    case shift(LaneShape, SIMDShiftOp)
    case floatUnary(LaneShape, FloatUnaryOp)
    case floatBinary(LaneShape, SIMDFloatBinaryOp)
    case floatTernary(LaneShape, SIMDFloatTernaryOp)
    case floatCompare(LaneShape, FloatCompareOp)
    case bitwise(SIMDBitwiseOp)
    case test(SIMDTestOp)
    case conversion(SIMDConversionOp)
    case widening(SIMDWideningOp)
}
