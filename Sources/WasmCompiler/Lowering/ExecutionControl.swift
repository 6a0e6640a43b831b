import CLLVM
import WasmFrontend

/// What execution-control code a module is compiled with (part of
/// ``CompilerOptions``, so compiled code records it).
struct ExecutionControlFlags {
    /// Check the epoch deadline at function entry and loop headers.
    var epochChecks = false
    /// Meter fuel (see ``FuelCostModel``).
    var fuelChecks = false
}

extension FunctionEmitter {
    /// Interruption checks.
    ///
    /// At function entry the engine epoch (the ticker's counter) is compared
    /// with the store's deadline and the call traps "interrupted" once it is
    /// reached. The entry check also sets a function-local *next check*
    /// epoch, `min(deadline, epoch + 1)`, kept in a register: a loop header
    /// only compares the epoch with it (one load), and looks at the real
    /// deadline only when the epoch has moved on — at most once per ticker
    /// period — which also picks up a deadline changed from another thread
    /// (``wasmex_epoch_set_deadline``, `interrupt()`) within one tick. Both
    /// words are read with volatile loads so that loops see other threads.
    func emitEpochCheck() {
        guard unit.executionControl.epochChecks else { return }
        let epoch = loadEpoch()
        if let slot = epochNextCheck {
            let next: LLVMValueRef = LLVMBuildLoad2(builder, types.i64, slot, "")
            let slow = appendBlock("epoch_slow")
            let done = appendBlock("epoch_ok")
            let branch: LLVMValueRef = LLVMBuildCondBr(builder, LLVMBuildICmp(builder, LLVMIntUGE, epoch, next, ""), slow, done)
            unit.hints.markTrueUnlikely(branch)
            LLVMPositionBuilderAtEnd(builder, slow)
            checkDeadline(epoch: epoch, slot: slot)
            LLVMBuildBr(builder, done)
            LLVMPositionBuilderAtEnd(builder, done)
        } else {
            let slot = entryAlloca(types.i64, "epoch_next")
            epochNextCheck = slot
            checkDeadline(epoch: epoch, slot: slot)
        }
    }

    /// Traps when `epoch` has reached the store's deadline; else stores the next check epoch.
    private func checkDeadline(epoch: LLVMValueRef, slot: LLVMValueRef) {
        let state = vmctxField(VMContextLayout.store)
        let deadline = load(types.i64, from: address(state, offset: VMContextLayout.storeEpochDeadline),
                            region: .storeState)
        LLVMSetVolatile(deadline, 1)
        emitTrap(if: LLVMBuildICmp(builder, LLVMIntUGE, epoch, deadline, ""), .interrupted)
        let following = LLVMBuildAdd(builder, epoch, i64(1), "")
        let next = LLVMBuildSelect(builder, LLVMBuildICmp(builder, LLVMIntULT, deadline, following, ""), deadline, following, "")
        LLVMBuildStore(builder, next, slot)
    }

    private func loadEpoch() -> LLVMValueRef {
        let state = vmctxField(VMContextLayout.store)
        let counterAddress = load(types.ptr, from: address(state, offset: VMContextLayout.storeEpochCounter),
                                  region: .storeState, invariant: true)
        let epoch = load(types.i64, from: counterAddress, region: .storeState)
        LLVMSetVolatile(epoch, 1)
        return epoch
    }

    /// An alloca at the top of the entry block (promoted to a register by mem2reg).
    func entryAlloca(_ type: LLVMTypeRef, _ name: String) -> LLVMValueRef {
        let entry: LLVMBasicBlockRef = LLVMGetEntryBasicBlock(function)
        let entryBuilder: LLVMBuilderRef = LLVMCreateBuilderInContext(unit.context)
        defer { LLVMDisposeBuilder(entryBuilder) }
        if let first = LLVMGetFirstInstruction(entry) {
            LLVMPositionBuilderBefore(entryBuilder, first)
        } else {
            LLVMPositionBuilderAtEnd(entryBuilder, entry)
        }
        return LLVMBuildAlloca(entryBuilder, type, name)
    }

    /// Function entry: the local fuel counter and its entry check, and the
    /// epoch check where one is needed.
    ///
    /// Running long without a loop takes a cycle of calls or many calls.
    /// Loop headers check on every iteration; at entry only the functions
    /// ``CallGraph`` picks check (`entryCheck`: those on a call cycle and
    /// those whose calls could run too much code before the next check). Any
    /// other function with loops starts with a next-check epoch of 0, so its
    /// first loop header reads the deadline; one without loops reaches a check
    /// or returns within a bounded amount of code and pays nothing.
    func emitExecutionControlPrologue(_ shape: FunctionShape, entryCheck: Bool, chargesEntry: Bool = true) {
        if unit.executionControl.fuelChecks {
            emitFuelPrologue(slot: entryAlloca(types.i64, "fuel_slot"), entryCost: chargesEntry ? FuelCostModel.functionEntryCost : 0)
        }
        guard unit.executionControl.epochChecks else { return }
        if entryCheck {
            emitEpochCheck()
        } else if shape.loops {
            let slot = entryAlloca(types.i64, "epoch_next")
            LLVMBuildStore(builder, i64(0), slot)
            epochNextCheck = slot
        }
    }
}
