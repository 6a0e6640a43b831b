import CLLVM
import WasmFrontend

/// Constants, lane moves and lane access: `v128.const`, `i8x16.shuffle`, `swizzle`,
/// `splat`, `extract_lane` and `replace_lane`.
///
/// Lane immediates are validated by the front end (`lane < laneCount`, shuffle indices
/// `< 32`); they are still reduced modulo their range here so the IR stays well formed
/// whatever the caller passes.
extension SIMDBuilder {
    /// `v128.const`: the `<2 x i64>` constant with `value`'s bytes.
    func constant(_ value: V128) -> LLVMValueRef {
        constantVector([LLVMConstInt(i64Type, value.lo, 0), LLVMConstInt(i64Type, value.hi, 0)])
    }

    /// `i8x16.shuffle`: byte `i` of the result is byte `lanes[i]` of `a ++ b`.
    func shuffleBytes(_ a: LLVMValueRef, _ b: LLVMValueRef, lanes: V128) -> LLVMValueRef {
        let mask = (0..<16).map { Int(lanes.byte($0) & 31) }
        return v128(shuffle(view(a, as: .i8x16), view(b, as: .i8x16), mask: mask))
    }

    /// `i8x16.swizzle`: byte `i` is `table[indices[i]]`, or 0 when `indices[i] >= 16`.
    ///
    /// LLVM IR has no variable shuffle, so each lane extracts `table[indices[i] & 15]`
    /// (always in range, never poison) and a final select zeroes the out-of-range lanes.
    /// The x86 backend recognises this extract/insert pattern as a variable permute
    /// (`pshufb` with SSSE3); other targets get a correct scalar sequence.
    func swizzle(_ table: LLVMValueRef, _ indices: LLVMValueRef) -> LLVMValueRef {
        let bytes = view(table, as: .i8x16)
        let selectors = view(indices, as: .i8x16)
        let wrapped = LLVMBuildAnd(builder, selectors, splatConstant(15, .i8x16), "")
        var permuted: LLVMValueRef = LLVMGetPoison(vectorType(.i8x16))
        for lane in 0..<16 {
            let index: LLVMValueRef = LLVMBuildExtractElement(builder, wrapped, i32(UInt32(lane)), "")
            let byte: LLVMValueRef = LLVMBuildExtractElement(builder, bytes, index, "")
            permuted = LLVMBuildInsertElement(builder, permuted, byte, i32(UInt32(lane)), "")
        }
        let inRange = LLVMBuildICmp(builder, LLVMIntULT, selectors, splatConstant(16, .i8x16), "")
        return v128(LLVMBuildSelect(builder, inRange, permuted, zero(vectorType(.i8x16)), ""))
    }

    /// `splat`: every lane is `scalar` (an `i32` truncated for `i8x16`/`i16x8`).
    func splat(_ scalar: LLVMValueRef, _ shape: LaneShape) -> LLVMValueRef {
        v128(splat(laneValue(scalar, shape), count: shape.laneCount))
    }

    /// `extract_lane`: lane `lane` as its scalar type (`i8`/`i16` sign- or zero-extended to `i32`).
    func extractLane(_ op: SIMDLaneOp, _ lane: Int, _ vector: LLVMValueRef) -> LLVMValueRef {
        let shape = op.laneShape
        let index = i32(UInt32(lane % shape.laneCount))
        let value: LLVMValueRef = LLVMBuildExtractElement(builder, view(vector, as: shape), index, "")
        switch op {
        case .i8x16ExtractLaneS, .i16x8ExtractLaneS: return LLVMBuildSExt(builder, value, i32Type, "")
        case .i8x16ExtractLaneU, .i16x8ExtractLaneU: return LLVMBuildZExt(builder, value, i32Type, "")
        default: return value
        }
    }

    /// `replace_lane`: `vector` with lane `lane` set to `scalar`.
    func replaceLane(_ op: SIMDLaneOp, _ lane: Int, _ vector: LLVMValueRef, _ scalar: LLVMValueRef) -> LLVMValueRef {
        let shape = op.laneShape
        let index = i32(UInt32(lane % shape.laneCount))
        return v128(LLVMBuildInsertElement(builder, view(vector, as: shape), laneValue(scalar, shape), index, ""))
    }

    /// A Wasm scalar as one lane of `shape`: `i32` operands are truncated for 8- and 16-bit lanes.
    func laneValue(_ scalar: LLVMValueRef, _ shape: LaneShape) -> LLVMValueRef {
        switch shape {
        case .i8x16, .i16x8: LLVMBuildTrunc(builder, scalar, laneType(shape), "")
        default: scalar
        }
    }
}

extension SIMDLaneOp {
    /// The vector shape the operator reads or writes.
    var laneShape: LaneShape {
        switch self {
        case .i8x16ExtractLaneS, .i8x16ExtractLaneU, .i8x16ReplaceLane: .i8x16
        case .i16x8ExtractLaneS, .i16x8ExtractLaneU, .i16x8ReplaceLane: .i16x8
        case .i32x4ExtractLane, .i32x4ReplaceLane: .i32x4
        case .i64x2ExtractLane, .i64x2ReplaceLane: .i64x2
        case .f32x4ExtractLane, .f32x4ReplaceLane: .f32x4
        case .f64x2ExtractLane, .f64x2ReplaceLane: .f64x2
        }
    }
}
