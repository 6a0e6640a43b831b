import CLLVM
import WasmFrontend

/// `v128.load*`, `v128.store`, `v128.loadN_lane` and `v128.storeN_lane`.
///
/// Every access goes through the context's `checkedAddress`, which computes the effective
/// address `zext(addr) + offset` and traps unless all `size` bytes lie in memory; the
/// access itself uses `align 1`, since Wasm alignment is only a hint. Linear memory is
/// little-endian, like the host, so lane `i` lives at `address + i * laneBytes`.
extension SIMDBuilder {
    /// The whole-vector loads: plain, extending, splatting and zero-filling.
    func load(_ op: SIMDLoadOp, at address: LLVMValueRef, _ memarg: MemArg) -> LLVMValueRef {
        let pointer = context.checkedAddress(address, memarg, accessSize: op.size)
        switch op {
        case .v128Load, .v128Store:  // `emit` routes `v128.store` to `storeVector`.
            return loadMemory(v128Type, from: pointer)
        case .v128Load8x8S: return loadExtending(from: pointer, .i8x16, .signed)
        case .v128Load8x8U: return loadExtending(from: pointer, .i8x16, .unsigned)
        case .v128Load16x4S: return loadExtending(from: pointer, .i16x8, .signed)
        case .v128Load16x4U: return loadExtending(from: pointer, .i16x8, .unsigned)
        case .v128Load32x2S: return loadExtending(from: pointer, .i32x4, .signed)
        case .v128Load32x2U: return loadExtending(from: pointer, .i32x4, .unsigned)
        case .v128Load8Splat: return loadSplat(from: pointer, .i8x16)
        case .v128Load16Splat: return loadSplat(from: pointer, .i16x8)
        case .v128Load32Splat: return loadSplat(from: pointer, .i32x4)
        case .v128Load64Splat: return loadSplat(from: pointer, .i64x2)
        case .v128Load32Zero: return loadIntoZero(from: pointer, .i32x4)
        case .v128Load64Zero: return loadIntoZero(from: pointer, .i64x2)
        }
    }

    /// `v128.store`: writes all 16 bytes of `value`.
    func storeVector(_ value: LLVMValueRef, at address: LLVMValueRef, _ memarg: MemArg) {
        let pointer = context.checkedAddress(address, memarg, accessSize: 16)
        storeMemory(v128(value), to: pointer)
    }

    /// `v128.loadN_lane`: `vector` with lane `lane` replaced by the N-bit value in memory.
    func loadLane(
        _ op: SIMDLaneMemOp, _ lane: Int, into vector: LLVMValueRef, at address: LLVMValueRef, _ memarg: MemArg
    ) -> LLVMValueRef {
        let shape = op.laneShape
        let pointer = context.checkedAddress(address, memarg, accessSize: op.size)
        let value = loadMemory(laneType(shape), from: pointer)
        let index = i32(UInt32(lane % shape.laneCount))
        return v128(LLVMBuildInsertElement(builder, view(vector, as: shape), value, index, ""))
    }

    /// `v128.storeN_lane`: writes lane `lane` of `vector` (N bits).
    func storeLane(_ op: SIMDLaneMemOp, _ lane: Int, of vector: LLVMValueRef, at address: LLVMValueRef, _ memarg: MemArg) {
        let shape = op.laneShape
        let pointer = context.checkedAddress(address, memarg, accessSize: op.size)
        let index = i32(UInt32(lane % shape.laneCount))
        storeMemory(LLVMBuildExtractElement(builder, view(vector, as: shape), index, ""), to: pointer)
    }

    // MARK: Helpers

    /// `v128.loadMxN_s/u`: half a vector of `source` lanes (8 bytes), each widened.
    private func loadExtending(from pointer: LLVMValueRef, _ source: LaneShape, _ signedness: Signedness) -> LLVMValueRef {
        let count = source.laneCount / 2
        let narrow = loadMemory(vectorType(bits: source.laneBits, count: count), from: pointer)
        return v128(extend(narrow, count: count, toBits: source.laneBits * 2, signedness))
    }

    /// `v128.loadN_splat`: one lane-sized value copied to every lane.
    private func loadSplat(from pointer: LLVMValueRef, _ shape: LaneShape) -> LLVMValueRef {
        v128(splat(loadMemory(laneType(shape), from: pointer), count: shape.laneCount))
    }

    /// `v128.loadN_zero`: lane 0 from memory, the other lanes zero.
    private func loadIntoZero(from pointer: LLVMValueRef, _ shape: LaneShape) -> LLVMValueRef {
        let value = loadMemory(laneType(shape), from: pointer)
        return v128(LLVMBuildInsertElement(builder, zero(vectorType(shape)), value, i32(0), ""))
    }

    /// An unaligned load from linear memory, tagged by the context.
    private func loadMemory(_ type: LLVMTypeRef, from pointer: LLVMValueRef) -> LLVMValueRef {
        let load: LLVMValueRef = LLVMBuildLoad2(builder, type, pointer, "")
        LLVMSetAlignment(load, 1)
        context.tagLinearMemoryAccess(load)
        return load
    }

    /// An unaligned store to linear memory, tagged by the context.
    private func storeMemory(_ value: LLVMValueRef, to pointer: LLVMValueRef) {
        let store: LLVMValueRef = LLVMBuildStore(builder, value, pointer)
        LLVMSetAlignment(store, 1)
        context.tagLinearMemoryAccess(store)
    }
}

extension SIMDLaneMemOp {
    /// The vector shape whose lane the operator reads or writes.
    var laneShape: LaneShape {
        switch size {
        case 1: .i8x16
        case 2: .i16x8
        case 4: .i32x4
        default: .i64x2
        }
    }
}
