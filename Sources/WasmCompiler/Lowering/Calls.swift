import CLLVM
import WasmFrontend

/// call, call_indirect, return_call and return_call_indirect.
///
/// Calls use `R code(callee_vmctx, caller_vmctx, args...)` with the module's calling
/// convention (``WasmCallingConvention``: C, or `tailcc` in a module with tail calls).
/// A defined function is called directly with this instance's vmctx; an import goes
/// through its funcref record, taking the code and context of the module's convention
/// (another instance's code and vmctx, a host function's exit trampoline and context,
/// or an adapter to the other convention with the record as its context).
///
/// **Tail calls.** `return_call` and `return_call_indirect` compute the callee and its
/// arguments exactly like their non-tail forms (same bounds, null and signature checks,
/// trapping in this function's frame, so a trap's backtrace still shows the caller), then
/// emit `musttail call tailcc` immediately followed by `ret` of its value (only a
/// module with tail calls has them, and its convention is `tailcc`). LLVM
/// guarantees such a call reuses the caller's frame, whatever the two signatures are,
/// and `musttail` is honoured even though Wasm functions carry `disable-tail-calls`
/// (which only stops LLVM from turning *ordinary* calls into tail calls, so that plain
/// recursion still exhausts the stack). Before the jump the fuel counter is written back
/// to the store (the callee reloads it at entry, like after any call); the callee's own
/// entry checks (stack, fuel, epoch) run as for any call. A tail call is a call site for
/// ``CallGraph``: a cycle of tail calls gets entry epoch checks and cannot run forever
/// uninterruptibly. The caller's frame is gone, so a backtrace taken in the callee does not
/// show it — as in other engines with real tail calls.
extension FunctionEmitter {
    func lowerCall(_ callee: Int) throws(CompileError) {
        let (code, context, calleeType) = try directCallee(callee)
        let arguments = popMany(calleeType.parameters.count)
        emitCall(code, calleeType, context, arguments)
    }

    func lowerCallIndirect(typeIndex: UInt32, table: UInt32) throws(CompileError) {
        let (code, context, calleeType) = try indirectCallee(typeIndex: typeIndex, table: table)
        let arguments = popMany(calleeType.parameters.count)
        emitCall(code, calleeType, context, arguments)
    }

    func lowerReturnCall(_ callee: Int) throws(CompileError) {
        let (code, context, calleeType) = try directCallee(callee)
        let arguments = popMany(calleeType.parameters.count)
        emitTailCall(code, calleeType, context, arguments)
    }

    func lowerReturnCallIndirect(typeIndex: UInt32, table: UInt32) throws(CompileError) {
        let (code, context, calleeType) = try indirectCallee(typeIndex: typeIndex, table: table)
        let arguments = popMany(calleeType.parameters.count)
        emitTailCall(code, calleeType, context, arguments)
    }

    /// `call_ref $t`: the operand is a function reference of type `(ref null $t)`
    /// (validation guarantees the type), so only null needs a check.
    func lowerCallRef(typeIndex: UInt32) throws(CompileError) {
        let (code, context, calleeType) = try referencedCallee(typeIndex: typeIndex)
        let arguments = popMany(calleeType.parameters.count)
        emitCall(code, calleeType, context, arguments)
    }

    func lowerReturnCallRef(typeIndex: UInt32) throws(CompileError) {
        let (code, context, calleeType) = try referencedCallee(typeIndex: typeIndex)
        let arguments = popMany(calleeType.parameters.count)
        emitTailCall(code, calleeType, context, arguments)
    }

    /// Pops a function reference and traps on null; the arguments stay on the stack.
    private func referencedCallee(typeIndex: UInt32) throws(CompileError) -> (LLVMValueRef, LLVMValueRef, FunctionType) {
        let calleeType = try CodegenModule.type(typeIndex, in: unit.wasm)
        let record = pop()
        emitTrap(if: LLVMBuildIsNull(builder, record, ""), .nullFunctionReference)
        let (code, context) = codeAndContext(of: record)
        return (code, context, calleeType)
    }

    /// The code, callee vmctx and type of function `callee` (absolute index).
    private func directCallee(_ callee: Int) throws(CompileError) -> (LLVMValueRef, LLVMValueRef, FunctionType) {
        guard callee < unit.functionTypes.count else {
            throw CompileError.invalidModule(.invalid("unknown function \(callee)", offset: 0))
        }
        let calleeType = unit.functionTypes[callee]
        if callee >= unit.importedFunctionCount {
            return (unit.definedFunction(callee - unit.importedFunctionCount), vmctx, calleeType)
        }
        let (code, context) = codeAndContext(of: functionRecord(callee))
        return (code, context, calleeType)
    }

    /// Pops the table index and checks the table slot it names (in bounds, not null, of
    /// type `typeIndex`); the arguments stay on the stack.
    private func indirectCallee(typeIndex: UInt32, table: UInt32) throws(CompileError) -> (LLVMValueRef, LLVMValueRef, FunctionType) {
        let calleeType = try CodegenModule.type(typeIndex, in: unit.wasm)
        let index = pop()
        let slot = checkedTableSlot(table, index: index, trap: .undefinedElement)
        let record = load(types.ptr, from: slot, region: .tableElements)
        emitTrap(if: LLVMBuildIsNull(builder, record, ""), .uninitializedElement)
        let actual = load(types.i32, from: address(record, offset: VMContextLayout.funcRefTypeID),
                          region: .functionRecord, invariant: true, alignment: 4)
        let expected = canonicalTypeID(typeIndex)
        emitTrap(if: LLVMBuildNot(builder, functionTypeMatches(actual, expected), ""), .indirectCallTypeMismatch)
        let (code, context) = codeAndContext(of: record)
        return (code, context, calleeType)
    }

    /// The code and vmctx, for this module's convention, of the function a funcref record describes.
    private func codeAndContext(of record: LLVMValueRef) -> (LLVMValueRef, LLVMValueRef) {
        let offsets = unit.convention.recordOffsets
        let code = load(types.ptr, from: address(record, offset: offsets.code),
                        region: .functionRecord, invariant: true)
        let calleeContext = load(types.ptr, from: address(record, offset: offsets.context),
                                 region: .functionRecord, invariant: true)
        return (code, calleeContext)
    }

    /// An ordinary call of Wasm code (a defined function or a funcref record's code)
    /// with the callee's vmctx `context` and the Wasm `arguments`; its results go on the stack.
    private func emitCall(_ code: LLVMValueRef, _ calleeType: FunctionType, _ context: LLVMValueRef,
                          _ arguments: [LLVMValueRef]) {
        let lowering = SignatureLowering(calleeType)
        let instruction = callWasm(code, lowering, context, arguments)
        for value in lowering.resultValues(of: instruction, builder, types) { push(value) }
    }

    /// The call instruction of `emitCall` and `emitTailCall`, arguments carried as `lowering` says.
    private func callWasm(_ code: LLVMValueRef, _ lowering: SignatureLowering, _ context: LLVMValueRef,
                          _ arguments: [LLVMValueRef]) -> LLVMValueRef {
        let instruction = call(code, type: lowering.functionType(types),
                               [context, vmctx] + lowering.arguments(arguments, builder, types))
        unit.convention.apply(toCall: instruction)
        return instruction
    }

    /// `musttail call` + `ret`; the rest of the block is unreachable. Validation has
    /// checked that the callee's results are this function's results, so the two LLVM
    /// return types are the same, as `musttail` requires.
    private func emitTailCall(_ code: LLVMValueRef, _ calleeType: FunctionType, _ context: LLVMValueRef,
                              _ arguments: [LLVMValueRef]) {
        // The frame is gone after the jump: so are its try_tables' handlers
        // (and its legacy catch blocks' holds).
        leaveFrames(from: 0)
        let lowering = SignatureLowering(calleeType)
        let instruction = callWasm(code, lowering, context, arguments)
        if unit.convention == .tail, lowering.returnsInRegisters {
            LLVMSetTailCallKind(instruction, LLVMTailCallKindMustTail)
            unit.ir.keepSignature(of: function)
        }
        if calleeType.results.isEmpty {
            LLVMBuildRetVoid(builder)
        } else {
            LLVMBuildRet(builder, instruction)
        }
        isUnreachable = true
    }

    /// An i1: whether a function of canonical type `actual` may be used as one of
    /// type `expected`: equal ids inline; otherwise (declared subtypes of function
    /// types, rare) the engine's registry decides, through the runtime.
    func functionTypeMatches(_ actual: LLVMValueRef, _ expected: LLVMValueRef) -> LLVMValueRef {
        let bool = LLVMInt1TypeInContext(unit.context)!
        let differ: LLVMValueRef = LLVMBuildICmp(builder, LLVMIntNE, actual, expected, "")
        let entry = currentBlock
        let slow = appendBlock("subtype_check")
        let done = appendBlock("subtype_done")
        let branch: LLVMValueRef = LLVMBuildCondBr(builder, differ, slow, done)
        unit.hints.markTrueUnlikely(branch)
        LLVMPositionBuilderAtEnd(builder, slow)
        let answer = callRuntime(.funcSubtype, [vmctx, actual, expected])
        let isSubtype: LLVMValueRef = LLVMBuildICmp(builder, LLVMIntNE, answer, i32(0), "")
        LLVMBuildBr(builder, done)
        LLVMPositionBuilderAtEnd(builder, done)
        let phi: LLVMValueRef = LLVMBuildPhi(builder, bool, "type_matches")
        var values: [LLVMValueRef?] = [LLVMConstInt(bool, 1, 0), isSubtype]
        var blocks: [LLVMBasicBlockRef?] = [entry, slow]
        values.withUnsafeMutableBufferPointer { v in
            blocks.withUnsafeMutableBufferPointer { b in LLVMAddIncoming(phi, v.baseAddress, b.baseAddress, 2) }
        }
        return phi
    }
}
