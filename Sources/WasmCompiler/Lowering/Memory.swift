import CLLVM
import WasmFrontend

/// Loads, stores, memory.size/grow and the bulk memory operators.
///
/// Every access is bounds-checked explicitly: the effective address
/// `zext(addr) + offset` is computed in 64 bits (no overflow for 32-bit
/// memories) and `ea + size <= length` is checked before touching memory.
/// Accesses use `align 1` (Wasm alignment is only a hint).
extension FunctionEmitter {
    /// The host pointer for an access of `size` bytes at `address + offset` in
    /// memory `memory`, after the bounds check.
    func checkedAddress(_ wasmAddress: LLVMValueRef, offset: UInt64, size: UInt64, memory: UInt32) -> LLVMValueRef {
        let descriptor = memoryDescriptor(memory)
        let length = load(types.i64, from: address(descriptor, offset: VMContextLayout.memoryLength), region: .memoryDescriptor)
        let effective: LLVMValueRef = LLVMBuildAdd(builder, zext64(wasmAddress), i64(offset), "")
        let end = LLVMBuildAdd(builder, effective, i64(size), "")
        emitTrap(if: LLVMBuildICmp(builder, LLVMIntUGT, end, length, ""), .memoryOutOfBounds)
        let base = load(types.ptr, from: address(descriptor, offset: VMContextLayout.memoryBase), region: .memoryDescriptor)
        return address(base, index: effective, scale: 1)
    }

    func lowerLoad(_ op: LoadOp, _ memarg: MemArg) {
        let pointer = checkedAddress(pop(), offset: memarg.offset, size: UInt64(op.size), memory: memarg.memory)
        let resultType = types.value(op.resultType)
        let memoryType: LLVMTypeRef
        switch op.size {
        case 1: memoryType = types.i8
        case 2: memoryType = LLVMInt16TypeInContext(unit.context)
        case 4: memoryType = op.resultType == .f32 ? types.f32 : types.i32
        default: memoryType = resultType
        }
        let value = load(memoryType, from: pointer, region: .linearMemory, alignment: 1)
        if memoryType == resultType {
            push(value)
        } else if op.isSigned {
            push(LLVMBuildSExt(builder, value, resultType, ""))
        } else {
            push(LLVMBuildZExt(builder, value, resultType, ""))
        }
    }

    func lowerStore(_ op: StoreOp, _ memarg: MemArg) {
        var value = pop()
        let pointer = checkedAddress(pop(), offset: memarg.offset, size: UInt64(op.size), memory: memarg.memory)
        switch op {
        case .i32Store8, .i64Store8: value = LLVMBuildTrunc(builder, value, types.i8, "")
        case .i32Store16, .i64Store16: value = LLVMBuildTrunc(builder, value, LLVMInt16TypeInContext(unit.context), "")
        case .i64Store32: value = LLVMBuildTrunc(builder, value, types.i32, "")
        default: break
        }
        store(value, to: pointer, region: .linearMemory, alignment: 1)
    }

    func lowerMemorySize(_ memory: UInt32) {
        let descriptor = memoryDescriptor(memory)
        let length = load(types.i64, from: address(descriptor, offset: VMContextLayout.memoryLength), region: .memoryDescriptor)
        let pages = LLVMBuildLShr(builder, length, i64(16), "")
        push(LLVMBuildTrunc(builder, pages, types.i32, ""))
    }

    func lowerMemoryGrow(_ memory: UInt32) {
        let delta = pop()
        push(callRuntime(.memoryGrow, [vmctx, i32(memory), delta]))
    }

    func lowerMemoryFill(_ memory: UInt32) {
        let (destination, value, count) = popThree()
        callRuntime(.memoryFill, [vmctx, i32(memory), destination, value, count])
    }

    func lowerMemoryCopy(dst: UInt32, src: UInt32) {
        let (destination, source, count) = popThree()
        callRuntime(.memoryCopy, [vmctx, i32(dst), i32(src), destination, source, count])
    }

    func lowerMemoryInit(segment: UInt32, memory: UInt32) {
        let (destination, source, count) = popThree()
        callRuntime(.memoryInit, [vmctx, i32(memory), i32(segment), destination, source, count])
    }

    func lowerDataDrop(_ segment: UInt32) {
        callRuntime(.dataDrop, [vmctx, i32(segment)])
    }

    /// Pops three operands, returned in push order.
    func popThree() -> (LLVMValueRef, LLVMValueRef, LLVMValueRef) {
        let values = popMany(3)
        return (values[0], values[1], values[2])
    }
}
