/// The spec mnemonics of the memory and lane operators (the text format's
/// names; ``NumericOp/name`` and ``SIMDOp/name`` cover the others).
extension LoadOp {
    /// The spec mnemonic, e.g. `i32.load8_s`.
    package var name: String {
        switch self {
        case .i32Load: "i32.load"
        case .i64Load: "i64.load"
        case .f32Load: "f32.load"
        case .f64Load: "f64.load"
        case .i32Load8S: "i32.load8_s"
        case .i32Load8U: "i32.load8_u"
        case .i32Load16S: "i32.load16_s"
        case .i32Load16U: "i32.load16_u"
        case .i64Load8S: "i64.load8_s"
        case .i64Load8U: "i64.load8_u"
        case .i64Load16S: "i64.load16_s"
        case .i64Load16U: "i64.load16_u"
        case .i64Load32S: "i64.load32_s"
        case .i64Load32U: "i64.load32_u"
        }
    }
}

extension StoreOp {
    /// The spec mnemonic, e.g. `i64.store32`.
    package var name: String {
        switch self {
        case .i32Store: "i32.store"
        case .i64Store: "i64.store"
        case .f32Store: "f32.store"
        case .f64Store: "f64.store"
        case .i32Store8: "i32.store8"
        case .i32Store16: "i32.store16"
        case .i64Store8: "i64.store8"
        case .i64Store16: "i64.store16"
        case .i64Store32: "i64.store32"
        }
    }
}

extension SIMDLoadOp {
    /// The spec mnemonic, e.g. `v128.load8x8_s`.
    package var name: String {
        switch self {
        case .v128Load: "v128.load"
        case .v128Load8x8S: "v128.load8x8_s"
        case .v128Load8x8U: "v128.load8x8_u"
        case .v128Load16x4S: "v128.load16x4_s"
        case .v128Load16x4U: "v128.load16x4_u"
        case .v128Load32x2S: "v128.load32x2_s"
        case .v128Load32x2U: "v128.load32x2_u"
        case .v128Load8Splat: "v128.load8_splat"
        case .v128Load16Splat: "v128.load16_splat"
        case .v128Load32Splat: "v128.load32_splat"
        case .v128Load64Splat: "v128.load64_splat"
        case .v128Store: "v128.store"
        case .v128Load32Zero: "v128.load32_zero"
        case .v128Load64Zero: "v128.load64_zero"
        }
    }
}

extension SIMDLaneMemOp {
    /// The spec mnemonic, e.g. `v128.load8_lane`.
    package var name: String {
        "v128.\(isStore ? "store" : "load")\(size * 8)_lane"
    }
}

extension SIMDLaneOp {
    /// The spec mnemonic, e.g. `i8x16.extract_lane_s`.
    package var name: String {
        switch self {
        case .i8x16ExtractLaneS: "i8x16.extract_lane_s"
        case .i8x16ExtractLaneU: "i8x16.extract_lane_u"
        case .i8x16ReplaceLane: "i8x16.replace_lane"
        case .i16x8ExtractLaneS: "i16x8.extract_lane_s"
        case .i16x8ExtractLaneU: "i16x8.extract_lane_u"
        case .i16x8ReplaceLane: "i16x8.replace_lane"
        case .i32x4ExtractLane: "i32x4.extract_lane"
        case .i32x4ReplaceLane: "i32x4.replace_lane"
        case .i64x2ExtractLane: "i64x2.extract_lane"
        case .i64x2ReplaceLane: "i64x2.replace_lane"
        case .f32x4ExtractLane: "f32x4.extract_lane"
        case .f32x4ReplaceLane: "f32x4.replace_lane"
        case .f64x2ExtractLane: "f64x2.extract_lane"
        case .f64x2ReplaceLane: "f64x2.replace_lane"
        }
    }
}
