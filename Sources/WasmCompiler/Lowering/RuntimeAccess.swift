import CLLVM

/// Loads and stores of runtime structures (vmctx, memories, tables, records)
/// at the offsets of ``VMContextLayout``, tagged for alias analysis.
extension FunctionEmitter {
    /// `base + offset` as an `i8` GEP.
    func address(_ base: LLVMValueRef, offset: UInt64) -> LLVMValueRef {
        if offset == 0 { return base }
        var indices: [LLVMValueRef?] = [i64(offset)]
        return indices.withUnsafeMutableBufferPointer {
            LLVMBuildInBoundsGEP2(builder, types.i8, base, $0.baseAddress, 1, "")
        }
    }

    /// `base + index * scale` with a 64-bit dynamic index.
    func address(_ base: LLVMValueRef, index: LLVMValueRef, scale: UInt64) -> LLVMValueRef {
        let scaled = scale == 1 ? index : LLVMBuildMul(builder, index, i64(scale), "")
        var indices: [LLVMValueRef?] = [scaled]
        return indices.withUnsafeMutableBufferPointer {
            LLVMBuildInBoundsGEP2(builder, types.i8, base, $0.baseAddress, 1, "")
        }
    }

    /// Loads a value of `type` from `pointer`.
    func load(_ type: LLVMTypeRef, from pointer: LLVMValueRef, region: AliasInfo.Region,
              invariant: Bool = false, alignment: UInt32 = 8) -> LLVMValueRef {
        let load: LLVMValueRef = LLVMBuildLoad2(builder, type, pointer, "")
        LLVMSetAlignment(load, alignment)
        unit.alias.tag(load, region)
        if invariant { unit.alias.markInvariant(load) }
        keepInProgramOrder(load, region)
        return load
    }

    /// Stores `value` to `pointer`.
    func store(_ value: LLVMValueRef, to pointer: LLVMValueRef, region: AliasInfo.Region, alignment: UInt32 = 8) {
        let store: LLVMValueRef = LLVMBuildStore(builder, value, pointer)
        LLVMSetAlignment(store, alignment)
        unit.alias.tag(store, region)
        keepInProgramOrder(store, region)
    }

    /// A pointer field of the vmctx (fixed for the instance's life).
    func vmctxField(_ offset: UInt64) -> LLVMValueRef {
        load(types.ptr, from: address(vmctx, offset: offset), region: .vmContext, invariant: true)
    }

    /// Entry `index` of a pointer array reached from vmctx field `offset`.
    func vmctxArrayEntry(_ offset: UInt64, _ index: UInt32) -> LLVMValueRef {
        let array = vmctxField(offset)
        return load(types.ptr, from: address(array, offset: UInt64(index) * 8), region: .vmContext, invariant: true)
    }

    /// The `wasmex_memory *` of memory `index`.
    func memoryDescriptor(_ index: UInt32) -> LLVMValueRef {
        index == 0 ? vmctxField(VMContextLayout.memory0) : vmctxArrayEntry(VMContextLayout.memories, index)
    }

    /// The `wasmex_table *` of table `index`.
    func tableDescriptor(_ index: UInt32) -> LLVMValueRef {
        vmctxArrayEntry(VMContextLayout.tables, index)
    }

    /// The funcref record of function `index` (imports first).
    func functionRecord(_ index: Int) -> LLVMValueRef {
        vmctxArrayEntry(VMContextLayout.funcRefs, UInt32(index))
    }

    /// The canonical signature id of type `typeIndex` for this instance.
    func canonicalTypeID(_ typeIndex: UInt32) -> LLVMValueRef {
        let ids = vmctxField(VMContextLayout.typeIDs)
        return load(types.i32, from: address(ids, offset: UInt64(typeIndex) * 4), region: .vmContext,
                    invariant: true, alignment: 4)
    }

    /// Zero-extends an i32 to i64.
    /// `value` zero-extended to i64 (unchanged when it already is one: 64-bit addresses).
    func zext64(_ value: LLVMValueRef) -> LLVMValueRef {
        LLVMTypeOf(value) == types.i64 ? value : LLVMBuildZExt(builder, value, types.i64, "")
    }
}
