extension NumericOp {
    /// Number of operands popped (1 or 2).
    @inlinable package var arity: Int {
        switch rawValue {
        case 0x46...0x4F, 0x51...0x66, 0x6A...0x78, 0x7C...0x8A, 0x92...0x98, 0xA0...0xA6: 2
        default: 1
        }
    }

    /// The type of every operand.
    @inlinable package var operandType: ValueType {
        switch rawValue {
        case 0x45...0x4F, 0x67...0x78: .i32
        case 0x50...0x5A, 0x79...0x8A: .i64
        case 0x5B...0x60, 0x8B...0x98: .f32
        case 0x61...0x66, 0x99...0xA6: .f64
        default: conversionTypes.operand
        }
    }

    /// The type of the single result.
    @inlinable package var resultType: ValueType {
        switch rawValue {
        case 0x45...0x78: .i32
        case 0x79...0x8A: .i64
        case 0x8B...0x98: .f32
        case 0x99...0xA6: .f64
        default: conversionTypes.result
        }
    }

    /// The operator's type: operands popped and the one result pushed.
    package var signature: (parameters: [ValueType], result: ValueType) {
        let t = operandType
        return (arity == 2 ? [t, t] : [t], resultType)
    }

    /// Operand and result type of conversions, reinterpretations and sign extensions (0xA7... and 0xFC).
    @usableFromInline
    var conversionTypes: (operand: ValueType, result: ValueType) {
        switch self {
        case .i32WrapI64: (.i64, .i32)
        case .i32TruncF32S: (.f32, .i32)
        case .i32TruncF32U: (.f32, .i32)
        case .i32TruncF64S: (.f64, .i32)
        case .i32TruncF64U: (.f64, .i32)
        case .i64ExtendI32S: (.i32, .i64)
        case .i64ExtendI32U: (.i32, .i64)
        case .i64TruncF32S: (.f32, .i64)
        case .i64TruncF32U: (.f32, .i64)
        case .i64TruncF64S: (.f64, .i64)
        case .i64TruncF64U: (.f64, .i64)
        case .f32ConvertI32S: (.i32, .f32)
        case .f32ConvertI32U: (.i32, .f32)
        case .f32ConvertI64S: (.i64, .f32)
        case .f32ConvertI64U: (.i64, .f32)
        case .f32DemoteF64: (.f64, .f32)
        case .f64ConvertI32S: (.i32, .f64)
        case .f64ConvertI32U: (.i32, .f64)
        case .f64ConvertI64S: (.i64, .f64)
        case .f64ConvertI64U: (.i64, .f64)
        case .f64PromoteF32: (.f32, .f64)
        case .i32ReinterpretF32: (.f32, .i32)
        case .i64ReinterpretF64: (.f64, .i64)
        case .f32ReinterpretI32: (.i32, .f32)
        case .f64ReinterpretI64: (.i64, .f64)
        case .i32Extend8S: (.i32, .i32)
        case .i32Extend16S: (.i32, .i32)
        case .i64Extend8S: (.i64, .i64)
        case .i64Extend16S: (.i64, .i64)
        case .i64Extend32S: (.i64, .i64)
        case .i32TruncSatF32S: (.f32, .i32)
        case .i32TruncSatF32U: (.f32, .i32)
        case .i32TruncSatF64S: (.f64, .i32)
        case .i32TruncSatF64U: (.f64, .i32)
        case .i64TruncSatF32S: (.f32, .i64)
        case .i64TruncSatF32U: (.f32, .i64)
        case .i64TruncSatF64S: (.f64, .i64)
        case .i64TruncSatF64U: (.f64, .i64)
        default: (operandType, resultType)
        }
    }
}

extension NumericOp {
    /// The spec mnemonic, e.g. `i32.add`.
    package var name: String {
        switch self {
        case .i32Eqz: "i32.eqz"
        case .i32Eq: "i32.eq"
        case .i32Ne: "i32.ne"
        case .i32LtS: "i32.lt_s"
        case .i32LtU: "i32.lt_u"
        case .i32GtS: "i32.gt_s"
        case .i32GtU: "i32.gt_u"
        case .i32LeS: "i32.le_s"
        case .i32LeU: "i32.le_u"
        case .i32GeS: "i32.ge_s"
        case .i32GeU: "i32.ge_u"
        case .i64Eqz: "i64.eqz"
        case .i64Eq: "i64.eq"
        case .i64Ne: "i64.ne"
        case .i64LtS: "i64.lt_s"
        case .i64LtU: "i64.lt_u"
        case .i64GtS: "i64.gt_s"
        case .i64GtU: "i64.gt_u"
        case .i64LeS: "i64.le_s"
        case .i64LeU: "i64.le_u"
        case .i64GeS: "i64.ge_s"
        case .i64GeU: "i64.ge_u"
        case .f32Eq: "f32.eq"
        case .f32Ne: "f32.ne"
        case .f32Lt: "f32.lt"
        case .f32Gt: "f32.gt"
        case .f32Le: "f32.le"
        case .f32Ge: "f32.ge"
        case .f64Eq: "f64.eq"
        case .f64Ne: "f64.ne"
        case .f64Lt: "f64.lt"
        case .f64Gt: "f64.gt"
        case .f64Le: "f64.le"
        case .f64Ge: "f64.ge"
        case .i32Clz: "i32.clz"
        case .i32Ctz: "i32.ctz"
        case .i32Popcnt: "i32.popcnt"
        case .i32Add: "i32.add"
        case .i32Sub: "i32.sub"
        case .i32Mul: "i32.mul"
        case .i32DivS: "i32.div_s"
        case .i32DivU: "i32.div_u"
        case .i32RemS: "i32.rem_s"
        case .i32RemU: "i32.rem_u"
        case .i32And: "i32.and"
        case .i32Or: "i32.or"
        case .i32Xor: "i32.xor"
        case .i32Shl: "i32.shl"
        case .i32ShrS: "i32.shr_s"
        case .i32ShrU: "i32.shr_u"
        case .i32Rotl: "i32.rotl"
        case .i32Rotr: "i32.rotr"
        case .i64Clz: "i64.clz"
        case .i64Ctz: "i64.ctz"
        case .i64Popcnt: "i64.popcnt"
        case .i64Add: "i64.add"
        case .i64Sub: "i64.sub"
        case .i64Mul: "i64.mul"
        case .i64DivS: "i64.div_s"
        case .i64DivU: "i64.div_u"
        case .i64RemS: "i64.rem_s"
        case .i64RemU: "i64.rem_u"
        case .i64And: "i64.and"
        case .i64Or: "i64.or"
        case .i64Xor: "i64.xor"
        case .i64Shl: "i64.shl"
        case .i64ShrS: "i64.shr_s"
        case .i64ShrU: "i64.shr_u"
        case .i64Rotl: "i64.rotl"
        case .i64Rotr: "i64.rotr"
        case .f32Abs: "f32.abs"
        case .f32Neg: "f32.neg"
        case .f32Ceil: "f32.ceil"
        case .f32Floor: "f32.floor"
        case .f32Trunc: "f32.trunc"
        case .f32Nearest: "f32.nearest"
        case .f32Sqrt: "f32.sqrt"
        case .f32Add: "f32.add"
        case .f32Sub: "f32.sub"
        case .f32Mul: "f32.mul"
        case .f32Div: "f32.div"
        case .f32Min: "f32.min"
        case .f32Max: "f32.max"
        case .f32Copysign: "f32.copysign"
        case .f64Abs: "f64.abs"
        case .f64Neg: "f64.neg"
        case .f64Ceil: "f64.ceil"
        case .f64Floor: "f64.floor"
        case .f64Trunc: "f64.trunc"
        case .f64Nearest: "f64.nearest"
        case .f64Sqrt: "f64.sqrt"
        case .f64Add: "f64.add"
        case .f64Sub: "f64.sub"
        case .f64Mul: "f64.mul"
        case .f64Div: "f64.div"
        case .f64Min: "f64.min"
        case .f64Max: "f64.max"
        case .f64Copysign: "f64.copysign"
        case .i32WrapI64: "i32.wrap_i64"
        case .i32TruncF32S: "i32.trunc_f32_s"
        case .i32TruncF32U: "i32.trunc_f32_u"
        case .i32TruncF64S: "i32.trunc_f64_s"
        case .i32TruncF64U: "i32.trunc_f64_u"
        case .i64ExtendI32S: "i64.extend_i32_s"
        case .i64ExtendI32U: "i64.extend_i32_u"
        case .i64TruncF32S: "i64.trunc_f32_s"
        case .i64TruncF32U: "i64.trunc_f32_u"
        case .i64TruncF64S: "i64.trunc_f64_s"
        case .i64TruncF64U: "i64.trunc_f64_u"
        case .f32ConvertI32S: "f32.convert_i32_s"
        case .f32ConvertI32U: "f32.convert_i32_u"
        case .f32ConvertI64S: "f32.convert_i64_s"
        case .f32ConvertI64U: "f32.convert_i64_u"
        case .f32DemoteF64: "f32.demote_f64"
        case .f64ConvertI32S: "f64.convert_i32_s"
        case .f64ConvertI32U: "f64.convert_i32_u"
        case .f64ConvertI64S: "f64.convert_i64_s"
        case .f64ConvertI64U: "f64.convert_i64_u"
        case .f64PromoteF32: "f64.promote_f32"
        case .i32ReinterpretF32: "i32.reinterpret_f32"
        case .i64ReinterpretF64: "i64.reinterpret_f64"
        case .f32ReinterpretI32: "f32.reinterpret_i32"
        case .f64ReinterpretI64: "f64.reinterpret_i64"
        case .i32Extend8S: "i32.extend8_s"
        case .i32Extend16S: "i32.extend16_s"
        case .i64Extend8S: "i64.extend8_s"
        case .i64Extend16S: "i64.extend16_s"
        case .i64Extend32S: "i64.extend32_s"
        case .i32TruncSatF32S: "i32.trunc_sat_f32_s"
        case .i32TruncSatF32U: "i32.trunc_sat_f32_u"
        case .i32TruncSatF64S: "i32.trunc_sat_f64_s"
        case .i32TruncSatF64U: "i32.trunc_sat_f64_u"
        case .i64TruncSatF32S: "i64.trunc_sat_f32_s"
        case .i64TruncSatF32U: "i64.trunc_sat_f32_u"
        case .i64TruncSatF64S: "i64.trunc_sat_f64_s"
        case .i64TruncSatF64U: "i64.trunc_sat_f64_u"
        }
    }
}
