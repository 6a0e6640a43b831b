import CLLVM
import WasmFrontend

/// Loads, stores, memory.size/grow and the bulk memory operators.
///
/// The effective address `zext(addr) + offset` is computed in 64 bits (no
/// overflow for 32-bit memories). With ``MemoryStrategy/explicitChecks`` (the
/// default where there are no guard pages; see ``MemoryStrategy``) `ea + size <= length` is checked
/// before touching memory. LLVM infers `nuw` on these adds and folds the
/// check to one compare with a hoisted `length - size` in loops; writing it
/// as a signed compare against `length - offset - size` instead was measured
/// worse (more instructions in sieve's inner loop under callgrind). With
/// ``MemoryStrategy/guardPages`` the access goes straight to `base + ea`,
/// which always lies inside the memory's 8 GiB reservation, and the base is
/// an invariant load (a guard-page memory never moves); the access is volatile
/// (``keepInProgramOrder(_:_:)``, below). Accesses use
/// `align 1` (Wasm alignment is only a hint).
extension FunctionEmitter {
    /// The address type of memory `index` (validation guarantees it exists).
    func memoryAddressType(_ index: UInt32) -> AddressType {
        unit.wasm.memoryType(at: index)?.addressType ?? .i32
    }

    /// The host pointer for an access of `size` bytes at `address + offset` in
    /// memory `memory`, after the bounds check.
    func checkedAddress(_ wasmAddress: LLVMValueRef, offset: UInt64, size: UInt64, memory: UInt32) -> LLVMValueRef {
        if memoryAddressType(memory) == .i64 {
            return checkedAddress64(wasmAddress, offset: offset, size: size, memory: memory, descriptor: memoryDescriptor(memory))
        }
        let effective: LLVMValueRef = LLVMBuildAdd(builder, zext64(wasmAddress), i64(offset), "")
        if unit.memoryStrategy == .guardPages {
            // Memory 0's base sits in the vmctx itself (one load, not two: the
            // `wasmex_vmctx.memory0_base` a guard-page memory 0 never changes).
            let base = memory == 0
                ? vmctxField(VMContextLayout.memory0Base)
                : load(types.ptr, from: address(memoryDescriptor(memory), offset: VMContextLayout.memoryBase),
                       region: .memoryDescriptor, invariant: true)
            return address(base, index: effective, scale: 1)
        }
        let descriptor = memoryDescriptor(memory)
        let length = memoryLength(memory, descriptor: descriptor)
        let end = LLVMBuildAdd(builder, effective, i64(size), "")
        emitTrap(if: LLVMBuildICmp(builder, LLVMIntUGT, end, length, ""), .memoryOutOfBounds)
        let base = load(types.ptr, from: address(descriptor, offset: VMContextLayout.memoryBase), region: .memoryDescriptor)
        return address(base, index: effective, scale: 1)
    }

    /// A 64-bit memory's access: always an explicit check, whatever the strategy (no
    /// reservation covers a 64-bit address space; see ``MemoryStrategy``). `address +
    /// offset + size` may wrap in 64 bits, so the check is `end < address` (wrapped) or
    /// `end > length`; an `offset + size` that wraps by itself can never be in bounds.
    private func checkedAddress64(_ wasmAddress: LLVMValueRef, offset: UInt64, size: UInt64, memory: UInt32,
                                  descriptor: LLVMValueRef) -> LLVMValueRef {
        let (bound, wraps) = offset.addingReportingOverflow(size)
        if wraps {
            emitTrap(if: LLVMConstInt(types.i1, 1, 0), .memoryOutOfBounds)
            return LLVMConstNull(types.ptr)
        }
        let length = memoryLength(memory, descriptor: descriptor)
        let end: LLVMValueRef = LLVMBuildAdd(builder, wasmAddress, i64(bound), "")
        let wrapped: LLVMValueRef = LLVMBuildICmp(builder, LLVMIntULT, end, wasmAddress, "")
        let beyond: LLVMValueRef = LLVMBuildICmp(builder, LLVMIntUGT, end, length, "")
        emitTrap(if: LLVMBuildOr(builder, wrapped, beyond, ""), .memoryOutOfBounds)
        let base = load(types.ptr, from: address(descriptor, offset: VMContextLayout.memoryBase), region: .memoryDescriptor)
        let effective: LLVMValueRef = LLVMBuildAdd(builder, wasmAddress, i64(offset), "")
        return address(base, index: effective, scale: 1)
    }

    /// Memory `memory`'s length in bytes now, loaded from its descriptor,
    /// with the range every length it can have lies in: at least the
    /// declared minimum (a memory only grows; an imported one has at least
    /// the minimum its import declares, which linking checks) and at most the
    /// declared maximum (an exporter's maximum is at most the importer's) or
    /// what the address type can reach. Compares against it that the range
    /// decides fold away: the checks of accesses below the minimum, such as
    /// a C program's globals at constant addresses.
    func memoryLength(_ memory: UInt32, descriptor: LLVMValueRef? = nil) -> LLVMValueRef {
        let descriptor = descriptor ?? memoryDescriptor(memory)
        let length = load(types.i64, from: address(descriptor, offset: VMContextLayout.memoryLength), region: .memoryDescriptor)
        if let type = unit.wasm.memoryType(at: memory) {
            let page = UInt64(MemoryType.pageSize)
            let maxPages = min(type.limits.max ?? type.maxPagesForAddressType, type.maxPagesForAddressType)
            let (lower, lowerOverflows) = min(type.limits.min, maxPages).multipliedReportingOverflow(by: page)
            let (largest, upperOverflows) = maxPages.multipliedReportingOverflow(by: page)
            // `largest + 1` past UInt64.max wraps to 0: "up to the top".
            let upper = upperOverflows || largest == .max ? 0 : largest + 1
            if !lowerOverflows { unit.ranges.mark(length, lower: lower, upper: upper) }
        }
        return length
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
        let length = memoryLength(memory)
        let pages: LLVMValueRef = LLVMBuildLShr(builder, length, i64(16), "")
        push(memoryAddressType(memory) == .i64 ? pages : LLVMBuildTrunc(builder, pages, types.i32, ""))
    }

    /// The runtime takes every address, size and delta as a u64 and returns an i64; a
    /// 32-bit memory's operands are zero-extended and its result truncated.
    func lowerMemoryGrow(_ memory: UInt32) {
        let delta = pop()
        let wide = callRuntime(.memoryGrow, [vmctx, i32(memory), zext64(delta)])
        let result: LLVMValueRef = memoryAddressType(memory) == .i64 ? wide : LLVMBuildTrunc(builder, wide, types.i32, "")
        chargeFuel(grown: delta, result: result)
        push(result)
    }

    func lowerMemoryFill(_ memory: UInt32) {
        let (destination, value, count) = popThree()
        callRuntime(.memoryFill, [vmctx, i32(memory), zext64(destination), value, zext64(count)])
        chargeFuel(units: count)
    }

    func lowerMemoryCopy(dst: UInt32, src: UInt32) {
        let (destination, source, count) = popThree()
        callRuntime(.memoryCopy, [vmctx, i32(dst), i32(src), zext64(destination), zext64(source), zext64(count)])
        chargeFuel(units: count)
    }

    func lowerMemoryInit(segment: UInt32, memory: UInt32) {
        let (destination, source, count) = popThree()
        callRuntime(.memoryInit, [vmctx, i32(memory), i32(segment), zext64(destination), source, count])
        chargeFuel(units: count)
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

/// Guard-page mode: exact traps without checks (see ``MemoryStrategy``).
///
/// An out-of-bounds access faults on the guard region, so the fault is the trap,
/// and the trap is exact only if the access runs exactly where the program puts
/// it: never deleted (a load whose value is unused), never moved into one arm of a
/// branch or across another side effect. LLVM keeps every `volatile` access, in
/// order with the other volatile accesses and with calls, on every path it was on
/// (volatile loads are never speculated, sunk or merged). So in guard-page mode
/// every linear-memory access is volatile, and so is every store the host can see
/// after a trap — globals, table elements, GC objects — since LLVM may move a plain
/// store across a volatile load. Explicit checks need none of this: the check is a
/// branch to a call that never returns, which orders everything by itself.
extension FunctionEmitter {
    func lowerDrop() { _ = pop() }

    /// Marks `access` volatile when guard-page code must keep it in program order.
    func keepInProgramOrder(_ access: LLVMValueRef, _ region: AliasInfo.Region) {
        guard unit.memoryStrategy == .guardPages else { return }
        switch region {
        case .linearMemory:
            LLVMSetVolatile(access, 1)
        case .globalCell, .tableElements, .gcPayload, .gcHeader:
            if LLVMIsAStoreInst(access) != nil { LLVMSetVolatile(access, 1) }
        default:
            break
        }
    }
}
