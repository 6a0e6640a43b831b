import CLLVM
import WasmFrontend

/// table.get/set/size inline; table.grow/fill/copy/init and elem.drop through
/// the C runtime (which applies the spec's bounds rules).
extension FunctionEmitter {
    /// The index type of table `index` (validation guarantees it exists).
    func tableAddressType(_ index: UInt32) -> AddressType {
        unit.wasm.tableType(at: index)?.addressType ?? .i32
    }

    /// The address of element `index` of table `table` after checking
    /// `index < length` (trapping with `trap` otherwise). A 64-bit table's index is
    /// compared in 64 bits (lengths stay below 2^32).
    func checkedTableSlot(_ table: UInt32, index: LLVMValueRef, trap: TrapCode) -> LLVMValueRef {
        let descriptor = tableDescriptor(table)
        let length = load(types.i32, from: address(descriptor, offset: VMContextLayout.tableLength),
                          region: .tableDescriptor, alignment: 4)
        let wide = LLVMTypeOf(index) == types.i64
        emitTrap(if: LLVMBuildICmp(builder, LLVMIntUGE, index, wide ? zext64(length) : length, ""), trap)
        let elements = load(types.ptr, from: address(descriptor, offset: VMContextLayout.tableElements), region: .tableDescriptor)
        return address(elements, index: zext64(index), scale: 8)
    }

    func lowerTableGet(_ table: UInt32) {
        let slot = checkedTableSlot(table, index: pop(), trap: .tableOutOfBounds)
        push(load(types.ptr, from: slot, region: .tableElements))
    }

    func lowerTableSet(_ table: UInt32) {
        let value = pop()
        let slot = checkedTableSlot(table, index: pop(), trap: .tableOutOfBounds)
        store(value, to: slot, region: .tableElements)
    }

    func lowerTableSize(_ table: UInt32) {
        let descriptor = tableDescriptor(table)
        let length = load(types.i32, from: address(descriptor, offset: VMContextLayout.tableLength),
                          region: .tableDescriptor, alignment: 4)
        push(tableAddressType(table) == .i64 ? zext64(length) : length)
    }

    /// Like the memory operators, the runtime takes indices, counts and deltas as u64
    /// and returns an i64: a 32-bit table's operands are zero-extended, its result truncated.
    func lowerTableGrow(_ table: UInt32) {
        let delta = pop()
        let initial = pop()
        let wide = callRuntime(.tableGrow, [vmctx, i32(table), initial, zext64(delta)])
        let result: LLVMValueRef = tableAddressType(table) == .i64 ? wide : LLVMBuildTrunc(builder, wide, types.i32, "")
        chargeFuel(grown: delta, result: result)
        push(result)
    }

    func lowerTableFill(_ table: UInt32) {
        let (destination, value, count) = popThree()
        callRuntime(.tableFill, [vmctx, i32(table), zext64(destination), value, zext64(count)])
        chargeFuel(units: count)
    }

    func lowerTableCopy(dst: UInt32, src: UInt32) {
        let (destination, source, count) = popThree()
        callRuntime(.tableCopy, [vmctx, i32(dst), i32(src), zext64(destination), zext64(source), zext64(count)])
        chargeFuel(units: count)
    }

    func lowerTableInit(segment: UInt32, table: UInt32) {
        let (destination, source, count) = popThree()
        callRuntime(.tableInit, [vmctx, i32(table), i32(segment), zext64(destination), source, count])
        chargeFuel(units: count)
    }

    func lowerElemDrop(_ segment: UInt32) {
        callRuntime(.elemDrop, [vmctx, i32(segment)])
    }
}
