import CLLVM
import WasmFrontend

/// throw, throw_ref and try_table (exception handling, Wasm 3.0).
///
/// **Design** (see also `Runtime/include/wasmex_exceptions.h`). Code without
/// `try_table` pays nothing: no landing pads, no tables, no checks after calls.
/// A `try_table` costs, on entry, one handler record in the frame (a `jmp_buf`
/// and the previous chain head; one per nesting depth), two stores to link it
/// into the store's chain and a `_setjmp`; every way out of the body stores the
/// previous head back. Measured (x86-64, O2, a loop calling a small function):
/// about 3 ns per `try_table` entered and left without a throw, about 45 ns per
/// throw caught one call down (allocation, `longjmp`, tag compare, free); a loop
/// of 20 million such throws runs in constant memory. `throw` calls the runtime, which allocates the exception, pops the
/// innermost record and `longjmp`s to it; the handler block, emitted right at
/// the `try_table` (outside the body, so catch labels resolve as in validation),
/// compares the exception's tag with each clause's and branches, or rethrows.
/// Alternatives measured against: unwinding tables (LLVM `invoke`/landing pads)
/// would make the try body free but need an unwinder through JIT and AOT code
/// and the host-call trampolines; checking a "pending exception" flag after
/// every call would cost every call in every module.
///
/// **setjmp and the optimizer.** `_setjmp` is declared `returns_twice`, so LLVM
/// keeps values live across it correctly, but Wasm locals are allocas it would
/// promote to SSA: a local set in the try body and read in the handler would be
/// read as it was at `try_table` entry. In a function with a `try_table` every
/// local access is therefore volatile (``FunctionShape/handlesExceptions``),
/// which keeps locals in memory; operand-stack values are SSA values defined
/// before the `_setjmp`, so they are safe. Memory bases and lengths are loaded
/// at each access, so nothing cached can be stale in the handler.
extension FunctionEmitter {
    /// The store state's field at `offset`, as a pointer for loads/stores.
    func storeStateField(_ offset: UInt64) -> LLVMValueRef {
        address(vmctxField(VMContextLayout.store), offset: offset)
    }

    /// An alloca of `bytes` bytes in the entry block (so it is a static frame slot,
    /// not a stack allocation per execution).
    private func entryAlloca(bytes: UInt64, name: String) -> LLVMValueRef {
        let here = currentBlock
        let entry = LLVMGetEntryBasicBlock(function)
        if let first = LLVMGetFirstInstruction(entry) {
            LLVMPositionBuilderBefore(builder, first)
        } else {
            LLVMPositionBuilderAtEnd(builder, entry)
        }
        let type = LLVMArrayType2(types.i8, bytes)
        let slot: LLVMValueRef = LLVMBuildAlloca(builder, type, name)
        LLVMSetAlignment(slot, 16)
        LLVMPositionBuilderAtEnd(builder, here)
        return slot
    }

    func lowerThrow(_ tag: UInt32) {
        let parameters = unit.wasm.tagParameters(at: tag) ?? []
        let values = popMany(parameters.count)
        let slots: LLVMValueRef
        if values.isEmpty {
            slots = LLVMConstPointerNull(types.ptr)
        } else {
            slots = entryAlloca(bytes: UInt64(values.count) * VMContextLayout.slotBytes, name: "payload")
            for (i, value) in values.enumerated() {
                let store: LLVMValueRef = LLVMBuildStore(builder, value, address(slots, offset: UInt64(i) * VMContextLayout.slotBytes))
                LLVMSetAlignment(store, 8)
            }
        }
        flushFuel()
        callRuntime(.throwException, [vmctx, tagIdentity(tag), slots, i32(UInt32(values.count))])
        LLVMBuildUnreachable(builder)
        isUnreachable = true
    }

    func lowerThrowRef() {
        let exception = pop()
        flushFuel()
        callRuntime(.throwRef, [vmctx, exception])
        LLVMBuildUnreachable(builder)
        isUnreachable = true
    }

    /// The `wasmex_tag *` of tag `index` (the importer shares the exporter's).
    func tagIdentity(_ index: UInt32) -> LLVMValueRef {
        vmctxArrayEntry(VMContextLayout.tags, index)
    }

    /// The handler record of the innermost frame that has one, at the current
    /// nesting depth (the records of enclosing frames are in use).
    ///
    /// One record per nesting depth: sibling try_tables are never active at
    /// once (a record leaves the chain when its body is left), so a frame
    /// holds as many records as try_tables (and legacy `try`s) nest, not as
    /// many as there are. A legacy catch block's hold record takes its `try`'s.
    func currentHandlerRecord() -> LLVMValueRef {
        let depth = control.lazy.filter { $0.previousHandlers != nil }.count
        if depth == handlerRecords.count {
            handlerRecords.append(entryAlloca(bytes: VMContextLayout.handlerBytes, name: "handler"))
        }
        return handlerRecords[depth]
    }

    /// Links this depth's handler record into the chain and calls `_setjmp` on
    /// it: returns the previous chain head and `_setjmp`'s status (0 on entry,
    /// non-zero when an exception is delivered to the record).
    func enterHandlerRecord() -> (previous: LLVMValueRef, status: LLVMValueRef) {
        let record = currentHandlerRecord()
        let head = storeStateField(VMContextLayout.storeHandlers)
        let previous = load(types.ptr, from: head, region: .storeState)
        let link: LLVMValueRef = LLVMBuildStore(builder, previous, record)
        LLVMSetAlignment(link, 8)
        // Not a hold record (see LegacyExceptions.swift): no held exception.
        let held: LLVMValueRef = LLVMBuildStore(builder, LLVMConstPointerNull(types.ptr),
                                                address(record, offset: VMContextLayout.handlerHeldOffset))
        LLVMSetAlignment(held, 8)
        store(record, to: head, region: .storeState)
        flushFuel()
        let status = callRuntime(.setjmp, [address(record, offset: VMContextLayout.handlerBufferOffset)])
        return (previous, status)
    }

    /// The exception `deliver` left in the store for the handler running now.
    func deliveredException() -> LLVMValueRef {
        load(types.ptr, from: storeStateField(VMContextLayout.storeException), region: .storeState)
    }

    /// Whether `exception` was thrown with tag `index` (an `i1`).
    func exceptionHasTag(_ exception: LLVMValueRef, _ index: UInt32) -> LLVMValueRef {
        let thrown: LLVMValueRef = LLVMBuildLoad2(builder, types.ptr, address(exception, offset: VMContextLayout.exceptionTag), "")
        return LLVMBuildICmp(builder, LLVMIntEQ, thrown, tagIdentity(index), "")
    }

    /// The payload values of `exception`, of the given types.
    func payload(of exception: LLVMValueRef, _ types: [ValueType]) -> [LLVMValueRef] {
        types.enumerated().map { i, valueType in
            let offset = VMContextLayout.exceptionPayload + UInt64(i) * VMContextLayout.slotBytes
            let value: LLVMValueRef = LLVMBuildLoad2(builder, self.types.value(valueType), address(exception, offset: offset), "")
            LLVMSetAlignment(value, 8)
            return value
        }
    }

    func lowerTryTable(_ blockType: BlockType, _ clauses: [CatchClause]) throws(CompileError) {
        let (parameters, results) = try signature(of: blockType)
        let (previous, status) = enterHandlerRecord()
        let body = appendBlock("try_body")
        let handler = appendBlock("try_handler")
        let normal = LLVMBuildICmp(builder, LLVMIntEQ, status, i32(0), "")
        LLVMBuildCondBr(builder, normal, body, handler)

        // The handler runs in the context outside the try_table: the runtime has
        // already popped this record, and catch labels count from here.
        LLVMPositionBuilderAtEnd(builder, handler)
        emitHandler(clauses)

        LLVMPositionBuilderAtEnd(builder, body)
        let end = appendBlock("try_end")
        var frame = ControlFrame(kind: .tryTable, parameters: parameters, results: results,
                                 stackHeight: stack.count - parameters.count,
                                 branchTarget: end, endBlock: end)
        frame.previousHandlers = previous
        control.append(frame)
    }

    /// Dispatches the delivered exception to the first matching clause, or throws it on.
    private func emitHandler(_ clauses: [CatchClause]) {
        reloadFuel()
        let exception = deliveredException()
        for clause in clauses {
            if !clause.kind.hasTag {
                emitCatch(clause, exception, payload: [])
                return
            }
            let parameters = unit.wasm.tagParameters(at: clause.tag) ?? []
            let matches = exceptionHasTag(exception, clause.tag)
            let caught = appendBlock("catch")
            let next = appendBlock("catch_next")
            LLVMBuildCondBr(builder, matches, caught, next)
            LLVMPositionBuilderAtEnd(builder, caught)
            emitCatch(clause, exception, payload: parameters)
            LLVMPositionBuilderAtEnd(builder, next)
        }
        callRuntime(.throwRef, [vmctx, exception])
        LLVMBuildUnreachable(builder)
    }

    /// One matching clause: pushes the payload (and the `exnref`) to its label.
    private func emitCatch(_ clause: CatchClause, _ exception: LLVMValueRef, payload: [ValueType]) {
        var values = self.payload(of: exception, payload)
        if clause.kind.pushesReference {
            callRuntime(.exceptionEscaped, [vmctx, exception])
            values.append(exception)
        } else {
            callRuntime(.exceptionConsumed, [vmctx, exception])
        }
        branch(toDepth: Int(clause.label), carrying: values)
    }

    // MARK: - Leaving try bodies

    /// The chain head to restore when control leaves every frame from
    /// `targetIndex` (an index into `control`) inward: the previous head of the
    /// outermost frame among them that has a record on the chain (`try_table`,
    /// legacy `try` or catch block), or nil when none is left.
    func handlersToRestore(leavingFrom targetIndex: Int) -> LLVMValueRef? {
        // Without handlers this is O(1): a `br_table` of n cases nested n
        // blocks deep would otherwise scan n frames per case.
        guard handlesExceptions, targetIndex < control.count else { return nil }
        for i in max(0, targetIndex)..<control.count where control[i].previousHandlers != nil {
            return control[i].previousHandlers
        }
        return nil
    }

    /// Leaves every frame from `targetIndex` inward (a branch out of them, a
    /// tail call, a delegated exception): restores the chain head and drops the
    /// holds of the legacy catch blocks among them.
    func leaveFrames(from targetIndex: Int) {
        guard handlesExceptions, let previous = handlersToRestore(leavingFrom: targetIndex) else { return }
        restoreHandlers(previous)
        for i in max(0, targetIndex)..<control.count {
            if let held = control[i].heldException { callRuntime(.exceptionUnheld, [vmctx, held]) }
        }
    }

    /// Leaves `frame`, just popped, at its `end` (or at the legacy `catch` that ends it).
    func leave(_ frame: ControlFrame) {
        if let previous = frame.previousHandlers { restoreHandlers(previous) }
        if let held = frame.heldException { callRuntime(.exceptionUnheld, [vmctx, held]) }
    }

    /// Stores `previous` back into the store's handler chain head.
    func restoreHandlers(_ previous: LLVMValueRef) {
        store(previous, to: storeStateField(VMContextLayout.storeHandlers), region: .storeState)
    }

    /// Leaves the frames a branch to `depth` leaves (a branch to a `loop`
    /// stays inside it; any other target frame is left).
    func restoreHandlers(forBranchTo depth: Int) {
        let target = control.count - 1 - depth
        guard target >= 0 else { return }
        leaveFrames(from: control[target].kind == .loop ? target + 1 : target)
    }

    /// The head a branch to `depth` must restore, if it leaves a frame with a
    /// record on the chain (`try_table`, legacy `try` or catch block).
    func handlersToRestore(forBranchTo depth: Int) -> LLVMValueRef? {
        let target = control.count - 1 - depth
        guard target >= 0 else { return nil }
        return handlersToRestore(leavingFrom: control[target].kind == .loop ? target + 1 : target)
    }
}
