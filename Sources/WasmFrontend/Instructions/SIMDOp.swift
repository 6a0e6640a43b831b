/// Every `0xFD`-prefixed SIMD operator without immediates (Wasm 2.0 fixed-width SIMD,
/// plus relaxed SIMD 0x100...0x113). The raw value is the sub-opcode.
@usableFromInline package enum SIMDOp: UInt32, Hashable, Sendable, CaseIterable {
    /// `i8x16.swizzle`
    case i8x16Swizzle = 0x0E
    /// `i8x16.splat`
    case i8x16Splat = 0x0F
    /// `i16x8.splat`
    case i16x8Splat = 0x10
    /// `i32x4.splat`
    case i32x4Splat = 0x11
    /// `i64x2.splat`
    case i64x2Splat = 0x12
    /// `f32x4.splat`
    case f32x4Splat = 0x13
    /// `f64x2.splat`
    case f64x2Splat = 0x14
    /// `i8x16.eq`
    case i8x16Eq = 0x23
    /// `i8x16.ne`
    case i8x16Ne = 0x24
    /// `i8x16.lt_s`
    case i8x16LtS = 0x25
    /// `i8x16.lt_u`
    case i8x16LtU = 0x26
    /// `i8x16.gt_s`
    case i8x16GtS = 0x27
    /// `i8x16.gt_u`
    case i8x16GtU = 0x28
    /// `i8x16.le_s`
    case i8x16LeS = 0x29
    /// `i8x16.le_u`
    case i8x16LeU = 0x2A
    /// `i8x16.ge_s`
    case i8x16GeS = 0x2B
    /// `i8x16.ge_u`
    case i8x16GeU = 0x2C
    /// `i16x8.eq`
    case i16x8Eq = 0x2D
    /// `i16x8.ne`
    case i16x8Ne = 0x2E
    /// `i16x8.lt_s`
    case i16x8LtS = 0x2F
    /// `i16x8.lt_u`
    case i16x8LtU = 0x30
    /// `i16x8.gt_s`
    case i16x8GtS = 0x31
    /// `i16x8.gt_u`
    case i16x8GtU = 0x32
    /// `i16x8.le_s`
    case i16x8LeS = 0x33
    /// `i16x8.le_u`
    case i16x8LeU = 0x34
    /// `i16x8.ge_s`
    case i16x8GeS = 0x35
    /// `i16x8.ge_u`
    case i16x8GeU = 0x36
    /// `i32x4.eq`
    case i32x4Eq = 0x37
    /// `i32x4.ne`
    case i32x4Ne = 0x38
    /// `i32x4.lt_s`
    case i32x4LtS = 0x39
    /// `i32x4.lt_u`
    case i32x4LtU = 0x3A
    /// `i32x4.gt_s`
    case i32x4GtS = 0x3B
    /// `i32x4.gt_u`
    case i32x4GtU = 0x3C
    /// `i32x4.le_s`
    case i32x4LeS = 0x3D
    /// `i32x4.le_u`
    case i32x4LeU = 0x3E
    /// `i32x4.ge_s`
    case i32x4GeS = 0x3F
    /// `i32x4.ge_u`
    case i32x4GeU = 0x40
    /// `f32x4.eq`
    case f32x4Eq = 0x41
    /// `f32x4.ne`
    case f32x4Ne = 0x42
    /// `f32x4.lt`
    case f32x4Lt = 0x43
    /// `f32x4.gt`
    case f32x4Gt = 0x44
    /// `f32x4.le`
    case f32x4Le = 0x45
    /// `f32x4.ge`
    case f32x4Ge = 0x46
    /// `f64x2.eq`
    case f64x2Eq = 0x47
    /// `f64x2.ne`
    case f64x2Ne = 0x48
    /// `f64x2.lt`
    case f64x2Lt = 0x49
    /// `f64x2.gt`
    case f64x2Gt = 0x4A
    /// `f64x2.le`
    case f64x2Le = 0x4B
    /// `f64x2.ge`
    case f64x2Ge = 0x4C
    /// `v128.not`
    case v128Not = 0x4D
    /// `v128.and`
    case v128And = 0x4E
    /// `v128.andnot`
    case v128Andnot = 0x4F
    /// `v128.or`
    case v128Or = 0x50
    /// `v128.xor`
    case v128Xor = 0x51
    /// `v128.bitselect`
    case v128Bitselect = 0x52
    /// `v128.any_true`
    case v128AnyTrue = 0x53
    /// `f32x4.demote_f64x2_zero`
    case f32x4DemoteF64x2Zero = 0x5E
    /// `f64x2.promote_low_f32x4`
    case f64x2PromoteLowF32x4 = 0x5F
    /// `i8x16.abs`
    case i8x16Abs = 0x60
    /// `i8x16.neg`
    case i8x16Neg = 0x61
    /// `i8x16.popcnt`
    case i8x16Popcnt = 0x62
    /// `i8x16.all_true`
    case i8x16AllTrue = 0x63
    /// `i8x16.bitmask`
    case i8x16Bitmask = 0x64
    /// `i8x16.narrow_i16x8_s`
    case i8x16NarrowI16x8S = 0x65
    /// `i8x16.narrow_i16x8_u`
    case i8x16NarrowI16x8U = 0x66
    /// `f32x4.ceil`
    case f32x4Ceil = 0x67
    /// `f32x4.floor`
    case f32x4Floor = 0x68
    /// `f32x4.trunc`
    case f32x4Trunc = 0x69
    /// `f32x4.nearest`
    case f32x4Nearest = 0x6A
    /// `i8x16.shl`
    case i8x16Shl = 0x6B
    /// `i8x16.shr_s`
    case i8x16ShrS = 0x6C
    /// `i8x16.shr_u`
    case i8x16ShrU = 0x6D
    /// `i8x16.add`
    case i8x16Add = 0x6E
    /// `i8x16.add_sat_s`
    case i8x16AddSatS = 0x6F
    /// `i8x16.add_sat_u`
    case i8x16AddSatU = 0x70
    /// `i8x16.sub`
    case i8x16Sub = 0x71
    /// `i8x16.sub_sat_s`
    case i8x16SubSatS = 0x72
    /// `i8x16.sub_sat_u`
    case i8x16SubSatU = 0x73
    /// `f64x2.ceil`
    case f64x2Ceil = 0x74
    /// `f64x2.floor`
    case f64x2Floor = 0x75
    /// `i8x16.min_s`
    case i8x16MinS = 0x76
    /// `i8x16.min_u`
    case i8x16MinU = 0x77
    /// `i8x16.max_s`
    case i8x16MaxS = 0x78
    /// `i8x16.max_u`
    case i8x16MaxU = 0x79
    /// `f64x2.trunc`
    case f64x2Trunc = 0x7A
    /// `i8x16.avgr_u`
    case i8x16AvgrU = 0x7B
    /// `i16x8.extadd_pairwise_i8x16_s`
    case i16x8ExtaddPairwiseI8x16S = 0x7C
    /// `i16x8.extadd_pairwise_i8x16_u`
    case i16x8ExtaddPairwiseI8x16U = 0x7D
    /// `i32x4.extadd_pairwise_i16x8_s`
    case i32x4ExtaddPairwiseI16x8S = 0x7E
    /// `i32x4.extadd_pairwise_i16x8_u`
    case i32x4ExtaddPairwiseI16x8U = 0x7F
    /// `i16x8.abs`
    case i16x8Abs = 0x80
    /// `i16x8.neg`
    case i16x8Neg = 0x81
    /// `i16x8.q15mulr_sat_s`
    case i16x8Q15mulrSatS = 0x82
    /// `i16x8.all_true`
    case i16x8AllTrue = 0x83
    /// `i16x8.bitmask`
    case i16x8Bitmask = 0x84
    /// `i16x8.narrow_i32x4_s`
    case i16x8NarrowI32x4S = 0x85
    /// `i16x8.narrow_i32x4_u`
    case i16x8NarrowI32x4U = 0x86
    /// `i16x8.extend_low_i8x16_s`
    case i16x8ExtendLowI8x16S = 0x87
    /// `i16x8.extend_high_i8x16_s`
    case i16x8ExtendHighI8x16S = 0x88
    /// `i16x8.extend_low_i8x16_u`
    case i16x8ExtendLowI8x16U = 0x89
    /// `i16x8.extend_high_i8x16_u`
    case i16x8ExtendHighI8x16U = 0x8A
    /// `i16x8.shl`
    case i16x8Shl = 0x8B
    /// `i16x8.shr_s`
    case i16x8ShrS = 0x8C
    /// `i16x8.shr_u`
    case i16x8ShrU = 0x8D
    /// `i16x8.add`
    case i16x8Add = 0x8E
    /// `i16x8.add_sat_s`
    case i16x8AddSatS = 0x8F
    /// `i16x8.add_sat_u`
    case i16x8AddSatU = 0x90
    /// `i16x8.sub`
    case i16x8Sub = 0x91
    /// `i16x8.sub_sat_s`
    case i16x8SubSatS = 0x92
    /// `i16x8.sub_sat_u`
    case i16x8SubSatU = 0x93
    /// `f64x2.nearest`
    case f64x2Nearest = 0x94
    /// `i16x8.mul`
    case i16x8Mul = 0x95
    /// `i16x8.min_s`
    case i16x8MinS = 0x96
    /// `i16x8.min_u`
    case i16x8MinU = 0x97
    /// `i16x8.max_s`
    case i16x8MaxS = 0x98
    /// `i16x8.max_u`
    case i16x8MaxU = 0x99
    /// `i16x8.avgr_u`
    case i16x8AvgrU = 0x9B
    /// `i16x8.extmul_low_i8x16_s`
    case i16x8ExtmulLowI8x16S = 0x9C
    /// `i16x8.extmul_high_i8x16_s`
    case i16x8ExtmulHighI8x16S = 0x9D
    /// `i16x8.extmul_low_i8x16_u`
    case i16x8ExtmulLowI8x16U = 0x9E
    /// `i16x8.extmul_high_i8x16_u`
    case i16x8ExtmulHighI8x16U = 0x9F
    /// `i32x4.abs`
    case i32x4Abs = 0xA0
    /// `i32x4.neg`
    case i32x4Neg = 0xA1
    /// `i32x4.all_true`
    case i32x4AllTrue = 0xA3
    /// `i32x4.bitmask`
    case i32x4Bitmask = 0xA4
    /// `i32x4.extend_low_i16x8_s`
    case i32x4ExtendLowI16x8S = 0xA7
    /// `i32x4.extend_high_i16x8_s`
    case i32x4ExtendHighI16x8S = 0xA8
    /// `i32x4.extend_low_i16x8_u`
    case i32x4ExtendLowI16x8U = 0xA9
    /// `i32x4.extend_high_i16x8_u`
    case i32x4ExtendHighI16x8U = 0xAA
    /// `i32x4.shl`
    case i32x4Shl = 0xAB
    /// `i32x4.shr_s`
    case i32x4ShrS = 0xAC
    /// `i32x4.shr_u`
    case i32x4ShrU = 0xAD
    /// `i32x4.add`
    case i32x4Add = 0xAE
    /// `i32x4.sub`
    case i32x4Sub = 0xB1
    /// `i32x4.mul`
    case i32x4Mul = 0xB5
    /// `i32x4.min_s`
    case i32x4MinS = 0xB6
    /// `i32x4.min_u`
    case i32x4MinU = 0xB7
    /// `i32x4.max_s`
    case i32x4MaxS = 0xB8
    /// `i32x4.max_u`
    case i32x4MaxU = 0xB9
    /// `i32x4.dot_i16x8_s`
    case i32x4DotI16x8S = 0xBA
    /// `i32x4.extmul_low_i16x8_s`
    case i32x4ExtmulLowI16x8S = 0xBC
    /// `i32x4.extmul_high_i16x8_s`
    case i32x4ExtmulHighI16x8S = 0xBD
    /// `i32x4.extmul_low_i16x8_u`
    case i32x4ExtmulLowI16x8U = 0xBE
    /// `i32x4.extmul_high_i16x8_u`
    case i32x4ExtmulHighI16x8U = 0xBF
    /// `i64x2.abs`
    case i64x2Abs = 0xC0
    /// `i64x2.neg`
    case i64x2Neg = 0xC1
    /// `i64x2.all_true`
    case i64x2AllTrue = 0xC3
    /// `i64x2.bitmask`
    case i64x2Bitmask = 0xC4
    /// `i64x2.extend_low_i32x4_s`
    case i64x2ExtendLowI32x4S = 0xC7
    /// `i64x2.extend_high_i32x4_s`
    case i64x2ExtendHighI32x4S = 0xC8
    /// `i64x2.extend_low_i32x4_u`
    case i64x2ExtendLowI32x4U = 0xC9
    /// `i64x2.extend_high_i32x4_u`
    case i64x2ExtendHighI32x4U = 0xCA
    /// `i64x2.shl`
    case i64x2Shl = 0xCB
    /// `i64x2.shr_s`
    case i64x2ShrS = 0xCC
    /// `i64x2.shr_u`
    case i64x2ShrU = 0xCD
    /// `i64x2.add`
    case i64x2Add = 0xCE
    /// `i64x2.sub`
    case i64x2Sub = 0xD1
    /// `i64x2.mul`
    case i64x2Mul = 0xD5
    /// `i64x2.eq`
    case i64x2Eq = 0xD6
    /// `i64x2.ne`
    case i64x2Ne = 0xD7
    /// `i64x2.lt_s`
    case i64x2LtS = 0xD8
    /// `i64x2.gt_s`
    case i64x2GtS = 0xD9
    /// `i64x2.le_s`
    case i64x2LeS = 0xDA
    /// `i64x2.ge_s`
    case i64x2GeS = 0xDB
    /// `i64x2.extmul_low_i32x4_s`
    case i64x2ExtmulLowI32x4S = 0xDC
    /// `i64x2.extmul_high_i32x4_s`
    case i64x2ExtmulHighI32x4S = 0xDD
    /// `i64x2.extmul_low_i32x4_u`
    case i64x2ExtmulLowI32x4U = 0xDE
    /// `i64x2.extmul_high_i32x4_u`
    case i64x2ExtmulHighI32x4U = 0xDF
    /// `f32x4.abs`
    case f32x4Abs = 0xE0
    /// `f32x4.neg`
    case f32x4Neg = 0xE1
    /// `f32x4.sqrt`
    case f32x4Sqrt = 0xE3
    /// `f32x4.add`
    case f32x4Add = 0xE4
    /// `f32x4.sub`
    case f32x4Sub = 0xE5
    /// `f32x4.mul`
    case f32x4Mul = 0xE6
    /// `f32x4.div`
    case f32x4Div = 0xE7
    /// `f32x4.min`
    case f32x4Min = 0xE8
    /// `f32x4.max`
    case f32x4Max = 0xE9
    /// `f32x4.pmin`
    case f32x4Pmin = 0xEA
    /// `f32x4.pmax`
    case f32x4Pmax = 0xEB
    /// `f64x2.abs`
    case f64x2Abs = 0xEC
    /// `f64x2.neg`
    case f64x2Neg = 0xED
    /// `f64x2.sqrt`
    case f64x2Sqrt = 0xEF
    /// `f64x2.add`
    case f64x2Add = 0xF0
    /// `f64x2.sub`
    case f64x2Sub = 0xF1
    /// `f64x2.mul`
    case f64x2Mul = 0xF2
    /// `f64x2.div`
    case f64x2Div = 0xF3
    /// `f64x2.min`
    case f64x2Min = 0xF4
    /// `f64x2.max`
    case f64x2Max = 0xF5
    /// `f64x2.pmin`
    case f64x2Pmin = 0xF6
    /// `f64x2.pmax`
    case f64x2Pmax = 0xF7
    /// `i32x4.trunc_sat_f32x4_s`
    case i32x4TruncSatF32x4S = 0xF8
    /// `i32x4.trunc_sat_f32x4_u`
    case i32x4TruncSatF32x4U = 0xF9
    /// `f32x4.convert_i32x4_s`
    case f32x4ConvertI32x4S = 0xFA
    /// `f32x4.convert_i32x4_u`
    case f32x4ConvertI32x4U = 0xFB
    /// `i32x4.trunc_sat_f64x2_s_zero`
    case i32x4TruncSatF64x2SZero = 0xFC
    /// `i32x4.trunc_sat_f64x2_u_zero`
    case i32x4TruncSatF64x2UZero = 0xFD
    /// `f64x2.convert_low_i32x4_s`
    case f64x2ConvertLowI32x4S = 0xFE
    /// `f64x2.convert_low_i32x4_u`
    case f64x2ConvertLowI32x4U = 0xFF
    /// `i8x16.relaxed_swizzle`
    case i8x16RelaxedSwizzle = 0x100
    /// `i32x4.relaxed_trunc_f32x4_s`
    case i32x4RelaxedTruncF32x4S = 0x101
    /// `i32x4.relaxed_trunc_f32x4_u`
    case i32x4RelaxedTruncF32x4U = 0x102
    /// `i32x4.relaxed_trunc_f64x2_s_zero`
    case i32x4RelaxedTruncF64x2SZero = 0x103
    /// `i32x4.relaxed_trunc_f64x2_u_zero`
    case i32x4RelaxedTruncF64x2UZero = 0x104
    /// `f32x4.relaxed_madd`
    case f32x4RelaxedMadd = 0x105
    /// `f32x4.relaxed_nmadd`
    case f32x4RelaxedNmadd = 0x106
    /// `f64x2.relaxed_madd`
    case f64x2RelaxedMadd = 0x107
    /// `f64x2.relaxed_nmadd`
    case f64x2RelaxedNmadd = 0x108
    /// `i8x16.relaxed_laneselect`
    case i8x16RelaxedLaneselect = 0x109
    /// `i16x8.relaxed_laneselect`
    case i16x8RelaxedLaneselect = 0x10A
    /// `i32x4.relaxed_laneselect`
    case i32x4RelaxedLaneselect = 0x10B
    /// `i64x2.relaxed_laneselect`
    case i64x2RelaxedLaneselect = 0x10C
    /// `f32x4.relaxed_min`
    case f32x4RelaxedMin = 0x10D
    /// `f32x4.relaxed_max`
    case f32x4RelaxedMax = 0x10E
    /// `f64x2.relaxed_min`
    case f64x2RelaxedMin = 0x10F
    /// `f64x2.relaxed_max`
    case f64x2RelaxedMax = 0x110
    /// `i16x8.relaxed_q15mulr_s`
    case i16x8RelaxedQ15mulrS = 0x111
    /// `i16x8.relaxed_dot_i8x16_i7x16_s`
    case i16x8RelaxedDotI8x16I7x16S = 0x112
    /// `i32x4.relaxed_dot_i8x16_i7x16_add_s`
    case i32x4RelaxedDotI8x16I7x16AddS = 0x113
}

extension SIMDOp {
    /// The operator's shape, which fixes its type.
    package var shape: SIMDShape {
        switch self {
        case .i8x16Swizzle, .i8x16Eq, .i8x16Ne, .i8x16LtS, .i8x16LtU, .i8x16GtS, .i8x16GtU, .i8x16LeS, .i8x16LeU,
             .i8x16GeS, .i8x16GeU, .i16x8Eq, .i16x8Ne, .i16x8LtS, .i16x8LtU, .i16x8GtS, .i16x8GtU, .i16x8LeS,
             .i16x8LeU, .i16x8GeS, .i16x8GeU, .i32x4Eq, .i32x4Ne, .i32x4LtS, .i32x4LtU, .i32x4GtS, .i32x4GtU,
             .i32x4LeS, .i32x4LeU, .i32x4GeS, .i32x4GeU, .f32x4Eq, .f32x4Ne, .f32x4Lt, .f32x4Gt, .f32x4Le,
             .f32x4Ge, .f64x2Eq, .f64x2Ne, .f64x2Lt, .f64x2Gt, .f64x2Le, .f64x2Ge, .v128And, .v128Andnot,
             .v128Or, .v128Xor, .i8x16NarrowI16x8S, .i8x16NarrowI16x8U, .i8x16Add, .i8x16AddSatS, .i8x16AddSatU,
             .i8x16Sub, .i8x16SubSatS, .i8x16SubSatU, .i8x16MinS, .i8x16MinU, .i8x16MaxS, .i8x16MaxU,
             .i8x16AvgrU, .i16x8Q15mulrSatS, .i16x8NarrowI32x4S, .i16x8NarrowI32x4U, .i16x8Add, .i16x8AddSatS,
             .i16x8AddSatU, .i16x8Sub, .i16x8SubSatS, .i16x8SubSatU, .i16x8Mul, .i16x8MinS, .i16x8MinU,
             .i16x8MaxS, .i16x8MaxU, .i16x8AvgrU, .i16x8ExtmulLowI8x16S, .i16x8ExtmulHighI8x16S,
             .i16x8ExtmulLowI8x16U, .i16x8ExtmulHighI8x16U, .i32x4Add, .i32x4Sub, .i32x4Mul, .i32x4MinS,
             .i32x4MinU, .i32x4MaxS, .i32x4MaxU, .i32x4DotI16x8S, .i32x4ExtmulLowI16x8S, .i32x4ExtmulHighI16x8S,
             .i32x4ExtmulLowI16x8U, .i32x4ExtmulHighI16x8U, .i64x2Add, .i64x2Sub, .i64x2Mul, .i64x2Eq, .i64x2Ne,
             .i64x2LtS, .i64x2GtS, .i64x2LeS, .i64x2GeS, .i64x2ExtmulLowI32x4S, .i64x2ExtmulHighI32x4S,
             .i64x2ExtmulLowI32x4U, .i64x2ExtmulHighI32x4U, .f32x4Add, .f32x4Sub, .f32x4Mul, .f32x4Div,
             .f32x4Min, .f32x4Max, .f32x4Pmin, .f32x4Pmax, .f64x2Add, .f64x2Sub, .f64x2Mul, .f64x2Div, .f64x2Min,
             .f64x2Max, .f64x2Pmin, .f64x2Pmax, .i8x16RelaxedSwizzle, .f32x4RelaxedMin, .f32x4RelaxedMax,
             .f64x2RelaxedMin, .f64x2RelaxedMax, .i16x8RelaxedQ15mulrS, .i16x8RelaxedDotI8x16I7x16S:
            .binary
        case .v128Not, .f32x4DemoteF64x2Zero, .f64x2PromoteLowF32x4, .i8x16Abs, .i8x16Neg, .i8x16Popcnt,
             .f32x4Ceil, .f32x4Floor, .f32x4Trunc, .f32x4Nearest, .f64x2Ceil, .f64x2Floor, .f64x2Trunc,
             .i16x8ExtaddPairwiseI8x16S, .i16x8ExtaddPairwiseI8x16U, .i32x4ExtaddPairwiseI16x8S,
             .i32x4ExtaddPairwiseI16x8U, .i16x8Abs, .i16x8Neg, .i16x8ExtendLowI8x16S, .i16x8ExtendHighI8x16S,
             .i16x8ExtendLowI8x16U, .i16x8ExtendHighI8x16U, .f64x2Nearest, .i32x4Abs, .i32x4Neg,
             .i32x4ExtendLowI16x8S, .i32x4ExtendHighI16x8S, .i32x4ExtendLowI16x8U, .i32x4ExtendHighI16x8U,
             .i64x2Abs, .i64x2Neg, .i64x2ExtendLowI32x4S, .i64x2ExtendHighI32x4S, .i64x2ExtendLowI32x4U,
             .i64x2ExtendHighI32x4U, .f32x4Abs, .f32x4Neg, .f32x4Sqrt, .f64x2Abs, .f64x2Neg, .f64x2Sqrt,
             .i32x4TruncSatF32x4S, .i32x4TruncSatF32x4U, .f32x4ConvertI32x4S, .f32x4ConvertI32x4U,
             .i32x4TruncSatF64x2SZero, .i32x4TruncSatF64x2UZero, .f64x2ConvertLowI32x4S, .f64x2ConvertLowI32x4U,
             .i32x4RelaxedTruncF32x4S, .i32x4RelaxedTruncF32x4U, .i32x4RelaxedTruncF64x2SZero,
             .i32x4RelaxedTruncF64x2UZero:
            .unary
        case .v128Bitselect, .f32x4RelaxedMadd, .f32x4RelaxedNmadd, .f64x2RelaxedMadd, .f64x2RelaxedNmadd,
             .i8x16RelaxedLaneselect, .i16x8RelaxedLaneselect, .i32x4RelaxedLaneselect, .i64x2RelaxedLaneselect,
             .i32x4RelaxedDotI8x16I7x16AddS:
            .ternary
        case .v128AnyTrue, .i8x16AllTrue, .i8x16Bitmask, .i16x8AllTrue, .i16x8Bitmask, .i32x4AllTrue,
             .i32x4Bitmask, .i64x2AllTrue, .i64x2Bitmask:
            .test
        case .i8x16Shl, .i8x16ShrS, .i8x16ShrU, .i16x8Shl, .i16x8ShrS, .i16x8ShrU, .i32x4Shl, .i32x4ShrS,
             .i32x4ShrU, .i64x2Shl, .i64x2ShrS, .i64x2ShrU:
            .shift
        case .i8x16Splat, .i16x8Splat, .i32x4Splat:
            .splat(.i32)
        case .i64x2Splat:
            .splat(.i64)
        case .f32x4Splat:
            .splat(.f32)
        case .f64x2Splat:
            .splat(.f64)
        }
    }

    /// The spec mnemonic, e.g. `i8x16.add`.
    package var name: String {
        switch self {
        case .i8x16Swizzle: "i8x16.swizzle"
        case .i8x16Splat: "i8x16.splat"
        case .i16x8Splat: "i16x8.splat"
        case .i32x4Splat: "i32x4.splat"
        case .i64x2Splat: "i64x2.splat"
        case .f32x4Splat: "f32x4.splat"
        case .f64x2Splat: "f64x2.splat"
        case .i8x16Eq: "i8x16.eq"
        case .i8x16Ne: "i8x16.ne"
        case .i8x16LtS: "i8x16.lt_s"
        case .i8x16LtU: "i8x16.lt_u"
        case .i8x16GtS: "i8x16.gt_s"
        case .i8x16GtU: "i8x16.gt_u"
        case .i8x16LeS: "i8x16.le_s"
        case .i8x16LeU: "i8x16.le_u"
        case .i8x16GeS: "i8x16.ge_s"
        case .i8x16GeU: "i8x16.ge_u"
        case .i16x8Eq: "i16x8.eq"
        case .i16x8Ne: "i16x8.ne"
        case .i16x8LtS: "i16x8.lt_s"
        case .i16x8LtU: "i16x8.lt_u"
        case .i16x8GtS: "i16x8.gt_s"
        case .i16x8GtU: "i16x8.gt_u"
        case .i16x8LeS: "i16x8.le_s"
        case .i16x8LeU: "i16x8.le_u"
        case .i16x8GeS: "i16x8.ge_s"
        case .i16x8GeU: "i16x8.ge_u"
        case .i32x4Eq: "i32x4.eq"
        case .i32x4Ne: "i32x4.ne"
        case .i32x4LtS: "i32x4.lt_s"
        case .i32x4LtU: "i32x4.lt_u"
        case .i32x4GtS: "i32x4.gt_s"
        case .i32x4GtU: "i32x4.gt_u"
        case .i32x4LeS: "i32x4.le_s"
        case .i32x4LeU: "i32x4.le_u"
        case .i32x4GeS: "i32x4.ge_s"
        case .i32x4GeU: "i32x4.ge_u"
        case .f32x4Eq: "f32x4.eq"
        case .f32x4Ne: "f32x4.ne"
        case .f32x4Lt: "f32x4.lt"
        case .f32x4Gt: "f32x4.gt"
        case .f32x4Le: "f32x4.le"
        case .f32x4Ge: "f32x4.ge"
        case .f64x2Eq: "f64x2.eq"
        case .f64x2Ne: "f64x2.ne"
        case .f64x2Lt: "f64x2.lt"
        case .f64x2Gt: "f64x2.gt"
        case .f64x2Le: "f64x2.le"
        case .f64x2Ge: "f64x2.ge"
        case .v128Not: "v128.not"
        case .v128And: "v128.and"
        case .v128Andnot: "v128.andnot"
        case .v128Or: "v128.or"
        case .v128Xor: "v128.xor"
        case .v128Bitselect: "v128.bitselect"
        case .v128AnyTrue: "v128.any_true"
        case .f32x4DemoteF64x2Zero: "f32x4.demote_f64x2_zero"
        case .f64x2PromoteLowF32x4: "f64x2.promote_low_f32x4"
        case .i8x16Abs: "i8x16.abs"
        case .i8x16Neg: "i8x16.neg"
        case .i8x16Popcnt: "i8x16.popcnt"
        case .i8x16AllTrue: "i8x16.all_true"
        case .i8x16Bitmask: "i8x16.bitmask"
        case .i8x16NarrowI16x8S: "i8x16.narrow_i16x8_s"
        case .i8x16NarrowI16x8U: "i8x16.narrow_i16x8_u"
        case .f32x4Ceil: "f32x4.ceil"
        case .f32x4Floor: "f32x4.floor"
        case .f32x4Trunc: "f32x4.trunc"
        case .f32x4Nearest: "f32x4.nearest"
        case .i8x16Shl: "i8x16.shl"
        case .i8x16ShrS: "i8x16.shr_s"
        case .i8x16ShrU: "i8x16.shr_u"
        case .i8x16Add: "i8x16.add"
        case .i8x16AddSatS: "i8x16.add_sat_s"
        case .i8x16AddSatU: "i8x16.add_sat_u"
        case .i8x16Sub: "i8x16.sub"
        case .i8x16SubSatS: "i8x16.sub_sat_s"
        case .i8x16SubSatU: "i8x16.sub_sat_u"
        case .f64x2Ceil: "f64x2.ceil"
        case .f64x2Floor: "f64x2.floor"
        case .i8x16MinS: "i8x16.min_s"
        case .i8x16MinU: "i8x16.min_u"
        case .i8x16MaxS: "i8x16.max_s"
        case .i8x16MaxU: "i8x16.max_u"
        case .f64x2Trunc: "f64x2.trunc"
        case .i8x16AvgrU: "i8x16.avgr_u"
        case .i16x8ExtaddPairwiseI8x16S: "i16x8.extadd_pairwise_i8x16_s"
        case .i16x8ExtaddPairwiseI8x16U: "i16x8.extadd_pairwise_i8x16_u"
        case .i32x4ExtaddPairwiseI16x8S: "i32x4.extadd_pairwise_i16x8_s"
        case .i32x4ExtaddPairwiseI16x8U: "i32x4.extadd_pairwise_i16x8_u"
        case .i16x8Abs: "i16x8.abs"
        case .i16x8Neg: "i16x8.neg"
        case .i16x8Q15mulrSatS: "i16x8.q15mulr_sat_s"
        case .i16x8AllTrue: "i16x8.all_true"
        case .i16x8Bitmask: "i16x8.bitmask"
        case .i16x8NarrowI32x4S: "i16x8.narrow_i32x4_s"
        case .i16x8NarrowI32x4U: "i16x8.narrow_i32x4_u"
        case .i16x8ExtendLowI8x16S: "i16x8.extend_low_i8x16_s"
        case .i16x8ExtendHighI8x16S: "i16x8.extend_high_i8x16_s"
        case .i16x8ExtendLowI8x16U: "i16x8.extend_low_i8x16_u"
        case .i16x8ExtendHighI8x16U: "i16x8.extend_high_i8x16_u"
        case .i16x8Shl: "i16x8.shl"
        case .i16x8ShrS: "i16x8.shr_s"
        case .i16x8ShrU: "i16x8.shr_u"
        case .i16x8Add: "i16x8.add"
        case .i16x8AddSatS: "i16x8.add_sat_s"
        case .i16x8AddSatU: "i16x8.add_sat_u"
        case .i16x8Sub: "i16x8.sub"
        case .i16x8SubSatS: "i16x8.sub_sat_s"
        case .i16x8SubSatU: "i16x8.sub_sat_u"
        case .f64x2Nearest: "f64x2.nearest"
        case .i16x8Mul: "i16x8.mul"
        case .i16x8MinS: "i16x8.min_s"
        case .i16x8MinU: "i16x8.min_u"
        case .i16x8MaxS: "i16x8.max_s"
        case .i16x8MaxU: "i16x8.max_u"
        case .i16x8AvgrU: "i16x8.avgr_u"
        case .i16x8ExtmulLowI8x16S: "i16x8.extmul_low_i8x16_s"
        case .i16x8ExtmulHighI8x16S: "i16x8.extmul_high_i8x16_s"
        case .i16x8ExtmulLowI8x16U: "i16x8.extmul_low_i8x16_u"
        case .i16x8ExtmulHighI8x16U: "i16x8.extmul_high_i8x16_u"
        case .i32x4Abs: "i32x4.abs"
        case .i32x4Neg: "i32x4.neg"
        case .i32x4AllTrue: "i32x4.all_true"
        case .i32x4Bitmask: "i32x4.bitmask"
        case .i32x4ExtendLowI16x8S: "i32x4.extend_low_i16x8_s"
        case .i32x4ExtendHighI16x8S: "i32x4.extend_high_i16x8_s"
        case .i32x4ExtendLowI16x8U: "i32x4.extend_low_i16x8_u"
        case .i32x4ExtendHighI16x8U: "i32x4.extend_high_i16x8_u"
        case .i32x4Shl: "i32x4.shl"
        case .i32x4ShrS: "i32x4.shr_s"
        case .i32x4ShrU: "i32x4.shr_u"
        case .i32x4Add: "i32x4.add"
        case .i32x4Sub: "i32x4.sub"
        case .i32x4Mul: "i32x4.mul"
        case .i32x4MinS: "i32x4.min_s"
        case .i32x4MinU: "i32x4.min_u"
        case .i32x4MaxS: "i32x4.max_s"
        case .i32x4MaxU: "i32x4.max_u"
        case .i32x4DotI16x8S: "i32x4.dot_i16x8_s"
        case .i32x4ExtmulLowI16x8S: "i32x4.extmul_low_i16x8_s"
        case .i32x4ExtmulHighI16x8S: "i32x4.extmul_high_i16x8_s"
        case .i32x4ExtmulLowI16x8U: "i32x4.extmul_low_i16x8_u"
        case .i32x4ExtmulHighI16x8U: "i32x4.extmul_high_i16x8_u"
        case .i64x2Abs: "i64x2.abs"
        case .i64x2Neg: "i64x2.neg"
        case .i64x2AllTrue: "i64x2.all_true"
        case .i64x2Bitmask: "i64x2.bitmask"
        case .i64x2ExtendLowI32x4S: "i64x2.extend_low_i32x4_s"
        case .i64x2ExtendHighI32x4S: "i64x2.extend_high_i32x4_s"
        case .i64x2ExtendLowI32x4U: "i64x2.extend_low_i32x4_u"
        case .i64x2ExtendHighI32x4U: "i64x2.extend_high_i32x4_u"
        case .i64x2Shl: "i64x2.shl"
        case .i64x2ShrS: "i64x2.shr_s"
        case .i64x2ShrU: "i64x2.shr_u"
        case .i64x2Add: "i64x2.add"
        case .i64x2Sub: "i64x2.sub"
        case .i64x2Mul: "i64x2.mul"
        case .i64x2Eq: "i64x2.eq"
        case .i64x2Ne: "i64x2.ne"
        case .i64x2LtS: "i64x2.lt_s"
        case .i64x2GtS: "i64x2.gt_s"
        case .i64x2LeS: "i64x2.le_s"
        case .i64x2GeS: "i64x2.ge_s"
        case .i64x2ExtmulLowI32x4S: "i64x2.extmul_low_i32x4_s"
        case .i64x2ExtmulHighI32x4S: "i64x2.extmul_high_i32x4_s"
        case .i64x2ExtmulLowI32x4U: "i64x2.extmul_low_i32x4_u"
        case .i64x2ExtmulHighI32x4U: "i64x2.extmul_high_i32x4_u"
        case .f32x4Abs: "f32x4.abs"
        case .f32x4Neg: "f32x4.neg"
        case .f32x4Sqrt: "f32x4.sqrt"
        case .f32x4Add: "f32x4.add"
        case .f32x4Sub: "f32x4.sub"
        case .f32x4Mul: "f32x4.mul"
        case .f32x4Div: "f32x4.div"
        case .f32x4Min: "f32x4.min"
        case .f32x4Max: "f32x4.max"
        case .f32x4Pmin: "f32x4.pmin"
        case .f32x4Pmax: "f32x4.pmax"
        case .f64x2Abs: "f64x2.abs"
        case .f64x2Neg: "f64x2.neg"
        case .f64x2Sqrt: "f64x2.sqrt"
        case .f64x2Add: "f64x2.add"
        case .f64x2Sub: "f64x2.sub"
        case .f64x2Mul: "f64x2.mul"
        case .f64x2Div: "f64x2.div"
        case .f64x2Min: "f64x2.min"
        case .f64x2Max: "f64x2.max"
        case .f64x2Pmin: "f64x2.pmin"
        case .f64x2Pmax: "f64x2.pmax"
        case .i32x4TruncSatF32x4S: "i32x4.trunc_sat_f32x4_s"
        case .i32x4TruncSatF32x4U: "i32x4.trunc_sat_f32x4_u"
        case .f32x4ConvertI32x4S: "f32x4.convert_i32x4_s"
        case .f32x4ConvertI32x4U: "f32x4.convert_i32x4_u"
        case .i32x4TruncSatF64x2SZero: "i32x4.trunc_sat_f64x2_s_zero"
        case .i32x4TruncSatF64x2UZero: "i32x4.trunc_sat_f64x2_u_zero"
        case .f64x2ConvertLowI32x4S: "f64x2.convert_low_i32x4_s"
        case .f64x2ConvertLowI32x4U: "f64x2.convert_low_i32x4_u"
        case .i8x16RelaxedSwizzle: "i8x16.relaxed_swizzle"
        case .i32x4RelaxedTruncF32x4S: "i32x4.relaxed_trunc_f32x4_s"
        case .i32x4RelaxedTruncF32x4U: "i32x4.relaxed_trunc_f32x4_u"
        case .i32x4RelaxedTruncF64x2SZero: "i32x4.relaxed_trunc_f64x2_s_zero"
        case .i32x4RelaxedTruncF64x2UZero: "i32x4.relaxed_trunc_f64x2_u_zero"
        case .f32x4RelaxedMadd: "f32x4.relaxed_madd"
        case .f32x4RelaxedNmadd: "f32x4.relaxed_nmadd"
        case .f64x2RelaxedMadd: "f64x2.relaxed_madd"
        case .f64x2RelaxedNmadd: "f64x2.relaxed_nmadd"
        case .i8x16RelaxedLaneselect: "i8x16.relaxed_laneselect"
        case .i16x8RelaxedLaneselect: "i16x8.relaxed_laneselect"
        case .i32x4RelaxedLaneselect: "i32x4.relaxed_laneselect"
        case .i64x2RelaxedLaneselect: "i64x2.relaxed_laneselect"
        case .f32x4RelaxedMin: "f32x4.relaxed_min"
        case .f32x4RelaxedMax: "f32x4.relaxed_max"
        case .f64x2RelaxedMin: "f64x2.relaxed_min"
        case .f64x2RelaxedMax: "f64x2.relaxed_max"
        case .i16x8RelaxedQ15mulrS: "i16x8.relaxed_q15mulr_s"
        case .i16x8RelaxedDotI8x16I7x16S: "i16x8.relaxed_dot_i8x16_i7x16_s"
        case .i32x4RelaxedDotI8x16I7x16AddS: "i32x4.relaxed_dot_i8x16_i7x16_add_s"
        }
    }
}
