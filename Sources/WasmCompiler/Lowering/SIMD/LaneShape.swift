/// How a `v128` is viewed: lane type and lane count.
///
/// In IR every `v128` travels as `<2 x i64>` (see `IRTypes.value(.v128)`); each SIMD
/// operator bitcasts its operands to the lane shape it computes in (`<16 x i8>`,
/// `<4 x float>`, …) and its result back. Bitcasts are free, and LLVM folds chains of them.
enum LaneShape: Sendable, Hashable, CaseIterable {
    case i8x16, i16x8, i32x4, i64x2, f32x4, f64x2

    /// Lanes per vector.
    var laneCount: Int {
        switch self {
        case .i8x16: 16
        case .i16x8: 8
        case .i32x4, .f32x4: 4
        case .i64x2, .f64x2: 2
        }
    }

    /// Bits per lane.
    var laneBits: UInt32 { 128 / UInt32(laneCount) }

    /// The integer shape with lanes of the same width (`f32x4` → `i32x4`).
    var integerShape: LaneShape {
        switch self {
        case .f32x4: .i32x4
        case .f64x2: .i64x2
        default: self
        }
    }
}
