import CLLVM
import CWasmexRuntime
import WasmFrontend

/// Entry and exit trampolines: the bridges between the uniform slot-buffer
/// calling convention of the host side and typed Wasm signatures.
///
/// - Entry: `void wasm_entry_<sig>(ptr callee_vmctx, ptr code, ptr slots)`
///   loads the arguments from 16-byte slots, calls
///   `code(callee_vmctx, null, args...)` and stores the results back from slot 0.
///   `wasmex_invoke` calls it under a trap landing point with a funcref
///   record's C-convention `code` and `vmctx` (``WasmCallingConvention``).
/// - Exit: `R wasm_exit_<sig>(ptr host_ctx, ptr caller_vmctx, params...)` is
///   the C-convention code of a host function's funcref record: it spills the arguments to
///   a slot buffer, calls `host_ctx->callback(host_ctx->env, caller_vmctx, slots)`
///   and traps with "host error" when the callback returns non-zero (or, for
///   ``hostThrewStatus``, throws the Wasm exception the host left in the
///   store), so no Swift frame is ever unwound by a trap or an exception.
/// - Adapter: `R wasm_adapt_<convention>_<sig>(ptr record, ptr caller_vmctx, params...)`,
///   a `convention` function that calls the record's code and context of the other
///   convention with the same arguments and returns its results: the other way into
///   a function (see ``WasmCallingConvention``).
struct TrampolineEmitter {
    let ir: IRModule

    /// What a host callback returns when it threw a Wasm exception (1 = any other error).
    static let hostThrewStatus = UInt32(WASMEX_HOST_THREW)

    private var builder: LLVMBuilderRef { ir.builder }
    private var types: IRTypes { ir.types }

    /// Emits the entry trampoline for `type` (external symbol).
    func emitEntry(for type: FunctionType) {
        let name = SymbolNames.entryTrampoline(for: type)
        let function: LLVMValueRef = LLVMAddFunction(ir.module, name, types.function(returning: types.void, [types.ptr, types.ptr, types.ptr]))
        ir.addAttributes(["nounwind"], to: function)
        LLVMPositionBuilderAtEnd(builder, LLVMAppendBasicBlockInContext(ir.context, function, "entry"))
        let callee: LLVMValueRef = LLVMGetParam(function, 0)
        let code: LLVMValueRef = LLVMGetParam(function, 1)
        let slots: LLVMValueRef = LLVMGetParam(function, 2)
        let lowering = SignatureLowering(type)
        let values = type.parameters.enumerated().map { loadSlot(slots, $0.offset, $0.element) }
        var arguments: [LLVMValueRef?] = [callee, LLVMConstPointerNull(types.ptr)] + lowering.arguments(values, builder, types)
        let result: LLVMValueRef = arguments.withUnsafeMutableBufferPointer {
            LLVMBuildCall2(builder, lowering.functionType(types), code, $0.baseAddress, UInt32($0.count), "")
        }
        WasmCallingConvention.c.apply(toCall: result)
        for (i, value) in lowering.resultValues(of: result, builder, types).enumerated() {
            storeSlot(value, slots, i)
        }
        LLVMBuildRetVoid(builder)
    }

    /// Emits the exit trampoline for `type` (external symbol).
    func emitExit(for type: FunctionType) {
        let name = SymbolNames.exitTrampoline(for: type)
        let function: LLVMValueRef = LLVMAddFunction(ir.module, name, types.function(type))
        // It is a funcref record's C-convention code, called like any Wasm function
        // (tail-convention callers reach it through the record's adapter).
        WasmCallingConvention.c.apply(toFunction: function)
        ir.addAttributes(["nounwind"], to: function)
        // A host-error trap walks frame pointers from here: without its own
        // frame, the Wasm function that called the host would be skipped.
        ir.addStringAttribute("frame-pointer", "all", to: function)
        LLVMPositionBuilderAtEnd(builder, LLVMAppendBasicBlockInContext(ir.context, function, "entry"))
        let hostContext: LLVMValueRef = LLVMGetParam(function, 0)
        let caller: LLVMValueRef = LLVMGetParam(function, 1)
        let slotCount = max(1, type.parameters.count, type.results.count)
        let slots: LLVMValueRef = LLVMBuildArrayAlloca(builder, types.i8, LLVMConstInt(types.i32, UInt64(slotCount) * VMContextLayout.slotBytes, 0), "slots")
        LLVMSetAlignment(slots, 16)
        let lowering = SignatureLowering(type)
        for (i, parameter) in lowering.parameterValues(of: function, builder, types).enumerated() {
            storeSlot(parameter, slots, i)
        }
        let callback = loadField(hostContext, VMContextLayout.hostCallback)
        let environment = loadField(hostContext, VMContextLayout.hostEnv)
        let callbackType = types.function(returning: types.i32, [types.ptr, types.ptr, types.ptr])
        var arguments: [LLVMValueRef?] = [environment, caller, slots]
        let status: LLVMValueRef = arguments.withUnsafeMutableBufferPointer {
            LLVMBuildCall2(builder, callbackType, callback, $0.baseAddress, UInt32($0.count), "")
        }
        let failed = LLVMBuildICmp(builder, LLVMIntNE, status, LLVMConstInt(types.i32, 0, 0), "")
        let trapBlock: LLVMBasicBlockRef = LLVMAppendBasicBlockInContext(ir.context, function, "host_error")
        let done: LLVMBasicBlockRef = LLVMAppendBasicBlockInContext(ir.context, function, "done")
        ir.hints.markTrueUnlikely(LLVMBuildCondBr(builder, failed, trapBlock, done))
        LLVMPositionBuilderAtEnd(builder, trapBlock)
        // Status 2: the host function threw a Wasm exception (already in the
        // store's `eh_exception`); it is thrown on in the calling Wasm code.
        let threw = LLVMBuildICmp(builder, LLVMIntEQ, status, LLVMConstInt(types.i32, UInt64(Self.hostThrewStatus), 0), "")
        let throwBlock: LLVMBasicBlockRef = LLVMAppendBasicBlockInContext(ir.context, function, "host_threw")
        let errorBlock: LLVMBasicBlockRef = LLVMAppendBasicBlockInContext(ir.context, function, "host_failed")
        LLVMBuildCondBr(builder, threw, throwBlock, errorBlock)
        LLVMPositionBuilderAtEnd(builder, throwBlock)
        let throwPending = ir.runtime(.throwPending)
        var throwArguments: [LLVMValueRef?] = [caller]
        _ = throwArguments.withUnsafeMutableBufferPointer {
            LLVMBuildCall2(builder, throwPending.type, throwPending.function, $0.baseAddress, UInt32($0.count), "")
        }
        LLVMBuildUnreachable(builder)
        LLVMPositionBuilderAtEnd(builder, errorBlock)
        let trap = ir.runtime(.trap)
        var trapArguments: [LLVMValueRef?] = [caller, LLVMConstInt(types.i32, UInt64(TrapCode.hostError.rawValue), 0)]
        _ = trapArguments.withUnsafeMutableBufferPointer {
            LLVMBuildCall2(builder, trap.type, trap.function, $0.baseAddress, UInt32($0.count), "")
        }
        LLVMBuildUnreachable(builder)
        LLVMPositionBuilderAtEnd(builder, done)
        let results = type.results.enumerated().map { loadSlot(slots, $0.offset, $0.element) }
        lowering.buildReturn(results, builder, types)
    }

    /// Emits the adapter of `type` in `convention` (external symbol).
    func emitAdapter(for type: FunctionType, convention: WasmCallingConvention) {
        let name = SymbolNames.adapter(for: type, convention: convention)
        let functionType = types.function(type)
        let function: LLVMValueRef = LLVMAddFunction(ir.module, name, functionType)
        convention.apply(toFunction: function)
        ir.addAttributes(["nounwind"], to: function)
        // A trap's backtrace walks frame pointers through it to the Wasm caller.
        ir.addStringAttribute("frame-pointer", "all", to: function)
        LLVMPositionBuilderAtEnd(builder, LLVMAppendBasicBlockInContext(ir.context, function, "entry"))
        let record: LLVMValueRef = LLVMGetParam(function, 0)
        let target = convention.other
        let offsets = target.recordOffsets
        let code = loadField(record, offsets.code)
        let context = loadField(record, offsets.context)
        var arguments: [LLVMValueRef?] = [context]
        for i in 1..<LLVMCountParams(function) { arguments.append(LLVMGetParam(function, i)) }
        let result: LLVMValueRef = arguments.withUnsafeMutableBufferPointer {
            LLVMBuildCall2(builder, functionType, code, $0.baseAddress, UInt32($0.count), "")
        }
        target.apply(toCall: result)
        if type.results.isEmpty { LLVMBuildRetVoid(builder) } else { LLVMBuildRet(builder, result) }
    }

    private func slotAddress(_ slots: LLVMValueRef, _ index: Int) -> LLVMValueRef {
        var offset: [LLVMValueRef?] = [LLVMConstInt(types.i64, UInt64(index) * VMContextLayout.slotBytes, 0)]
        return offset.withUnsafeMutableBufferPointer {
            LLVMBuildInBoundsGEP2(builder, types.i8, slots, $0.baseAddress, 1, "")
        }
    }

    private func loadSlot(_ slots: LLVMValueRef, _ index: Int, _ type: ValueType) -> LLVMValueRef {
        let load: LLVMValueRef = LLVMBuildLoad2(builder, types.value(type), slotAddress(slots, index), "")
        LLVMSetAlignment(load, 8)
        ir.alias.tag(load, .slots)
        return load
    }

    private func storeSlot(_ value: LLVMValueRef, _ slots: LLVMValueRef, _ index: Int) {
        let store: LLVMValueRef = LLVMBuildStore(builder, value, slotAddress(slots, index))
        LLVMSetAlignment(store, 8)
        ir.alias.tag(store, .slots)
    }

    private func loadField(_ base: LLVMValueRef, _ offset: UInt64) -> LLVMValueRef {
        var index: [LLVMValueRef?] = [LLVMConstInt(types.i64, offset, 0)]
        let pointer: LLVMValueRef = index.withUnsafeMutableBufferPointer {
            LLVMBuildInBoundsGEP2(builder, types.i8, base, $0.baseAddress, 1, "")
        }
        let load: LLVMValueRef = LLVMBuildLoad2(builder, types.ptr, pointer, "")
        LLVMSetAlignment(load, 8)
        ir.alias.tag(load, .functionRecord)
        return load
    }
}
