import CLLVM
import WasmFrontend

/// table.get/set/size inline; table.grow/fill/copy/init and elem.drop through
/// the C runtime (which applies the spec's bounds rules).
extension FunctionEmitter {
    /// The address of element `index` of table `table` after checking
    /// `index < length` (trapping with `trap` otherwise).
    func checkedTableSlot(_ table: UInt32, index: LLVMValueRef, trap: TrapCode) -> LLVMValueRef {
        let descriptor = tableDescriptor(table)
        let length = load(types.i32, from: address(descriptor, offset: VMContextLayout.tableLength),
                          region: .tableDescriptor, alignment: 4)
        emitTrap(if: LLVMBuildICmp(builder, LLVMIntUGE, index, length, ""), trap)
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
        push(load(types.i32, from: address(descriptor, offset: VMContextLayout.tableLength),
                  region: .tableDescriptor, alignment: 4))
    }

    func lowerTableGrow(_ table: UInt32) {
        let delta = pop()
        let initial = pop()
        let result = callRuntime(.tableGrow, [vmctx, i32(table), initial, delta])
        chargeFuel(grown: delta, result: result)
        push(result)
    }

    func lowerTableFill(_ table: UInt32) {
        let (destination, value, count) = popThree()
        callRuntime(.tableFill, [vmctx, i32(table), destination, value, count])
        chargeFuel(units: count)
    }

    func lowerTableCopy(dst: UInt32, src: UInt32) {
        let (destination, source, count) = popThree()
        callRuntime(.tableCopy, [vmctx, i32(dst), i32(src), destination, source, count])
        chargeFuel(units: count)
    }

    func lowerTableInit(segment: UInt32, table: UInt32) {
        let (destination, source, count) = popThree()
        callRuntime(.tableInit, [vmctx, i32(table), i32(segment), destination, source, count])
        chargeFuel(units: count)
    }

    func lowerElemDrop(_ segment: UInt32) {
        callRuntime(.elemDrop, [vmctx, i32(segment)])
    }
}
