import CLLVM

/// Conversions between the value types.
///
/// Trapping truncation checks NaN first ("invalid conversion to integer") and then the
/// exact range in `TruncationBounds` ("integer overflow") before `fptosi`/`fptoui`,
/// which would be poison out of range. Saturating truncation is `llvm.fpto[su]i.sat`
/// (NaN → 0, out of range → the nearest limit). `sitofp`/`uitofp` round to nearest-even
/// (also for u64 → f32); demote/promote are constrained `fptrunc`/`fpext`, which quiet
/// NaNs as the spec's arithmetic-NaN results require, and which the optimiser may not
/// fold into the identity (`fptrunc (fpext x)` → `x` would leak a signalling NaN).
extension NumericBuilder {
    func conversion(_ op: ConversionOp, _ value: LLVMValueRef) -> LLVMValueRef {
        switch op {
        case .wrap:
            return LLVMBuildTrunc(builder, value, i32Type, "")
        case .extend(.signed):
            return LLVMBuildSExt(builder, value, i64Type, "")
        case .extend(.unsigned):
            return LLVMBuildZExt(builder, value, i64Type, "")
        case .truncate(let target, let source, let signedness):
            return truncate(value, to: target, from: source, signedness)
        case .truncateSaturating(let target, let source, let signedness):
            let name = signedness == .signed ? "llvm.fptosi.sat" : "llvm.fptoui.sat"
            return intrinsic(name, types: [type(target), type(source)], value)
        case .convert(let target, _, .signed):
            return LLVMBuildSIToFP(builder, value, type(target), "")
        case .convert(let target, _, .unsigned):
            return LLVMBuildUIToFP(builder, value, type(target), "")
        case .demote:
            return constrained("fptrunc", types: [type(FloatWidth.f32), type(FloatWidth.f64)], value)
        case .promote:
            return constrained("fpext", types: [type(FloatWidth.f64), type(FloatWidth.f32)], hasRounding: false, value)
        case .reinterpretFloatAsInteger(let width):
            return LLVMBuildBitCast(builder, value, type(width == .f32 ? IntegerWidth.i32 : .i64), "")
        case .reinterpretIntegerAsFloat(let width):
            return LLVMBuildBitCast(builder, value, type(width == .i32 ? FloatWidth.f32 : .f64), "")
        }
    }

    private func truncate(
        _ value: LLVMValueRef, to target: IntegerWidth, from source: FloatWidth, _ signedness: Signedness
    ) -> LLVMValueRef {
        trap(if: fcmp(LLVMRealUNO, value, value), .invalidConversionToInteger)
        let bounds = TruncationBounds(target, from: source, signedness)
        // NaN is excluded above, so ordered comparisons decide the range.
        let belowRange = fcmp(bounds.lowerIsInclusive ? LLVMRealOLT : LLVMRealOLE,
                              value, constant(bounds.lower, source))
        let aboveRange = fcmp(LLVMRealOGE, value, constant(bounds.upperExclusive, source))
        trap(if: or(belowRange, aboveRange), .integerOverflow)
        return signedness == .signed
            ? LLVMBuildFPToSI(builder, value, type(target), "")
            : LLVMBuildFPToUI(builder, value, type(target), "")
    }
}
