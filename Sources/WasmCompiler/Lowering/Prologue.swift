import CLLVM
import WasmFrontend

/// Function entry: locals and the stack-overflow check.
extension FunctionEmitter {
    /// Allocates an alloca per parameter and declared local, storing the
    /// parameter values and zeroing the rest (mem2reg makes them SSA values).
    func declareLocals(_ declared: [ValueType]) {
        let parameters = SignatureLowering(type).parameterValues(of: function, builder, types)
        for (parameter, parameterType) in zip(parameters, type.parameters) {
            let slot: LLVMValueRef = LLVMBuildAlloca(builder, types.value(parameterType), "")
            LLVMBuildStore(builder, parameter, slot)
            locals.append((slot, parameterType))
        }
        for localType in declared {
            let slot: LLVMValueRef = LLVMBuildAlloca(builder, types.value(localType), "")
            LLVMBuildStore(builder, types.zero(localType), slot)
            locals.append((slot, localType))
        }
    }

    /// Traps with "call stack exhausted" when this frame would reach below the
    /// store's stack limit. The frame address is compared, minus an estimate of
    /// this function's own frame (its locals), against the limit set by
    /// `wasmex_invoke` from the thread's real stack bounds.
    func emitStackCheck(localCount: Int) {
        let frameAddress = callIntrinsic("llvm.frameaddress", types: [types.ptr], args: [i32(0)],
                                         builder: builder, module: unit.module, context: unit.context)
        let stackPointer = LLVMBuildPtrToInt(builder, frameAddress, types.i64, "")
        let storeState = vmctxField(VMContextLayout.store)
        let limit = load(types.i64, from: address(storeState, offset: VMContextLayout.storeStackLimit), region: .storeState)
        let frameEstimate = UInt64(min(localCount, 1 << 20)) * 16 + 256
        let needed = LLVMBuildAdd(builder, limit, i64(frameEstimate), "")
        emitTrap(if: LLVMBuildICmp(builder, LLVMIntULT, stackPointer, needed, ""), .callStackExhausted)
    }
}
