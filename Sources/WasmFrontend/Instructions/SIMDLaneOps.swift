/// `extract_lane` / `replace_lane` operators (0xFD 0x15...0x22). The raw value is the sub-opcode.
@usableFromInline package enum SIMDLaneOp: UInt32, Hashable, Sendable, CaseIterable {
    case i8x16ExtractLaneS = 0x15, i8x16ExtractLaneU = 0x16, i8x16ReplaceLane = 0x17
    case i16x8ExtractLaneS = 0x18, i16x8ExtractLaneU = 0x19, i16x8ReplaceLane = 0x1A
    case i32x4ExtractLane = 0x1B, i32x4ReplaceLane = 0x1C
    case i64x2ExtractLane = 0x1D, i64x2ReplaceLane = 0x1E
    case f32x4ExtractLane = 0x1F, f32x4ReplaceLane = 0x20
    case f64x2ExtractLane = 0x21, f64x2ReplaceLane = 0x22

    /// Number of lanes; a valid lane immediate is below this.
    package var laneCount: UInt8 {
        switch self {
        case .i8x16ExtractLaneS, .i8x16ExtractLaneU, .i8x16ReplaceLane: 16
        case .i16x8ExtractLaneS, .i16x8ExtractLaneU, .i16x8ReplaceLane: 8
        case .i32x4ExtractLane, .i32x4ReplaceLane, .f32x4ExtractLane, .f32x4ReplaceLane: 4
        case .i64x2ExtractLane, .i64x2ReplaceLane, .f64x2ExtractLane, .f64x2ReplaceLane: 2
        }
    }

    /// The scalar type of one lane as seen on the operand stack.
    package var scalarType: ValueType {
        switch self {
        case .i8x16ExtractLaneS, .i8x16ExtractLaneU, .i8x16ReplaceLane,
             .i16x8ExtractLaneS, .i16x8ExtractLaneU, .i16x8ReplaceLane,
             .i32x4ExtractLane, .i32x4ReplaceLane: .i32
        case .i64x2ExtractLane, .i64x2ReplaceLane: .i64
        case .f32x4ExtractLane, .f32x4ReplaceLane: .f32
        case .f64x2ExtractLane, .f64x2ReplaceLane: .f64
        }
    }

    /// `true` for `replace_lane`.
    package var isReplace: Bool {
        switch self {
        case .i8x16ReplaceLane, .i16x8ReplaceLane, .i32x4ReplaceLane, .i64x2ReplaceLane,
             .f32x4ReplaceLane, .f64x2ReplaceLane: true
        default: false
        }
    }

    /// The operator's type.
    package var signature: (parameters: [ValueType], result: ValueType) {
        isReplace ? ([.v128, scalarType], .v128) : ([.v128], scalarType)
    }
}

/// Whole-vector SIMD memory operators: `v128.load*` and `v128.store`. The raw value is the sub-opcode.
@usableFromInline package enum SIMDLoadOp: UInt32, Hashable, Sendable, CaseIterable {
    case v128Load = 0x00
    case v128Load8x8S = 0x01, v128Load8x8U = 0x02, v128Load16x4S = 0x03, v128Load16x4U = 0x04
    case v128Load32x2S = 0x05, v128Load32x2U = 0x06
    case v128Load8Splat = 0x07, v128Load16Splat = 0x08, v128Load32Splat = 0x09, v128Load64Splat = 0x0A
    /// `v128.store` — pops `[i32 v128]`, pushes nothing.
    case v128Store = 0x0B
    case v128Load32Zero = 0x5C, v128Load64Zero = 0x5D

    /// Bytes accessed in memory.
    package var size: Int {
        switch self {
        case .v128Load, .v128Store: 16
        case .v128Load8x8S, .v128Load8x8U, .v128Load16x4S, .v128Load16x4U,
             .v128Load32x2S, .v128Load32x2U, .v128Load64Splat, .v128Load64Zero: 8
        case .v128Load32Splat, .v128Load32Zero: 4
        case .v128Load16Splat: 2
        case .v128Load8Splat: 1
        }
    }

    /// log2 of `size`; the largest alignment a memarg may declare.
    package var naturalAlignmentLog2: UInt32 { UInt32(size.trailingZeroBitCount) }

    /// `true` for `v128.store`.
    package var isStore: Bool { self == .v128Store }
}

/// `v128.loadN_lane` / `v128.storeN_lane` (0xFD 0x54...0x5B). The raw value is the sub-opcode.
@usableFromInline package enum SIMDLaneMemOp: UInt32, Hashable, Sendable, CaseIterable {
    case v128Load8Lane = 0x54, v128Load16Lane = 0x55, v128Load32Lane = 0x56, v128Load64Lane = 0x57
    case v128Store8Lane = 0x58, v128Store16Lane = 0x59, v128Store32Lane = 0x5A, v128Store64Lane = 0x5B

    /// Bytes accessed in memory (one lane).
    package var size: Int { 1 << Int((rawValue - 0x54) & 3) }

    /// log2 of `size`; the largest alignment a memarg may declare.
    package var naturalAlignmentLog2: UInt32 { (rawValue - 0x54) & 3 }

    /// Number of lanes; a valid lane immediate is below this.
    package var laneCount: UInt8 { UInt8(16 / size) }

    /// `true` for the `store` variants (pop `[i32 v128]`, push nothing).
    package var isStore: Bool { rawValue >= 0x58 }
}
