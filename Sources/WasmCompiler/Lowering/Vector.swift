import CLLVM
import WasmFrontend

/// SIMD (`0xFD`) operators: FunctionEmitter provides what ``SIMDLowering``
/// needs (bounds-checked addresses, linear-memory alias tags) and forwards
/// every vector instruction to it. `v128` values are `<2 x i64>`.
extension FunctionEmitter: SIMDLoweringContext {
    func checkedAddress(_ address: LLVMValueRef, _ memarg: MemArg, accessSize: Int) -> LLVMValueRef {
        checkedAddress(address, offset: memarg.offset, size: UInt64(accessSize), memory: memarg.memory)
    }

    func tagLinearMemoryAccess(_ access: LLVMValueRef) {
        unit.alias.tag(access, .linearMemory)
        keepInProgramOrder(access, .linearMemory)
    }

    func lowerVector(_ instruction: Instruction) {
        let operands = popMany(SIMDLowering.operandCount(instruction))
        if let result = SIMDLowering.emit(instruction, operands, in: self) { push(result) }
    }
}
