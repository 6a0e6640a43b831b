import CLLVM
import WasmFrontend

/// call and call_indirect.
///
/// Calls use `R code(callee_vmctx, caller_vmctx, args...)`. A defined
/// function is called directly with this instance's vmctx; an import goes
/// through its funcref record (another instance's code and vmctx, or a host
/// function's exit trampoline and context).
extension FunctionEmitter {
    func lowerCall(_ callee: Int) throws(CompileError) {
        guard callee < unit.functionTypes.count else {
            throw CompileError.invalidModule(.invalid("unknown function \(callee)", offset: 0))
        }
        let calleeType = unit.functionTypes[callee]
        let arguments = popMany(calleeType.parameters.count)
        let result: LLVMValueRef
        if callee >= unit.importedFunctionCount {
            let target = unit.definedFunctions[callee - unit.importedFunctionCount]
            result = call(target, type: types.function(calleeType), [vmctx, vmctx] + arguments)
        } else {
            result = callThroughRecord(functionRecord(callee), calleeType, arguments)
        }
        pushResults(of: result, calleeType.results)
    }

    func lowerCallIndirect(typeIndex: UInt32, table: UInt32) throws(CompileError) {
        let calleeType = try CodegenModule.type(typeIndex, in: unit.wasm)
        let index = pop()
        let arguments = popMany(calleeType.parameters.count)
        let slot = checkedTableSlot(table, index: index, trap: .undefinedElement)
        let record = load(types.ptr, from: slot, region: .tableElements)
        emitTrap(if: LLVMBuildIsNull(builder, record, ""), .uninitializedElement)
        let actual = load(types.i32, from: address(record, offset: VMContextLayout.funcRefTypeID),
                          region: .functionRecord, invariant: true, alignment: 4)
        let expected = canonicalTypeID(typeIndex)
        emitTrap(if: LLVMBuildICmp(builder, LLVMIntNE, actual, expected, ""), .indirectCallTypeMismatch)
        pushResults(of: callThroughRecord(record, calleeType, arguments), calleeType.results)
    }

    /// Calls the function a funcref record describes.
    private func callThroughRecord(_ record: LLVMValueRef, _ calleeType: FunctionType, _ arguments: [LLVMValueRef]) -> LLVMValueRef {
        let code = load(types.ptr, from: address(record, offset: VMContextLayout.funcRefCode),
                        region: .functionRecord, invariant: true)
        let calleeContext = load(types.ptr, from: address(record, offset: VMContextLayout.funcRefVMContext),
                                 region: .functionRecord, invariant: true)
        return call(code, type: types.function(calleeType), [calleeContext, vmctx] + arguments)
    }

    private func pushResults(of call: LLVMValueRef, _ results: [ValueType]) {
        switch results.count {
        case 0: break
        case 1: push(call)
        default:
            for i in 0..<results.count {
                push(LLVMBuildExtractValue(builder, call, UInt32(i), ""))
            }
        }
    }
}
