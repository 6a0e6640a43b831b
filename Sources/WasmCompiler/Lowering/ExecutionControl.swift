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
    /// Interruption checks, at loop headers and at the entry of the functions
    /// ``CallGraph`` picks.
    ///
    /// With guard pages the check is a *poll*: one volatile read of the
    /// store's poll page, which the runtime makes inaccessible once the
    /// store's deadline is reached (`wasmex_epoch.h`); the read then faults
    /// and the fault handler makes that the trap "interrupted". No compare, no
    /// branch, one register for the page's address. Every store the host can
    /// see is volatile in guard-page code (``keepInProgramOrder(_:_:)``), so
    /// LLVM keeps them in order with the poll and the state at the trap is the
    /// program's at that check. The poll is tagged as store state, so it does
    /// not stop LLVM from keeping memory or globals in registers across it.
    ///
    /// With explicit bounds checks, stores are plain, and LLVM could move
    /// them across a poll it does not know can fault (promote a loop's
    /// stores out of the loop, say), so the check compares instead: the
    /// engine epoch (the ticker's counter) with the store's deadline, trapping
    /// through a call, which LLVM moves no store across. The first check of a
    /// call also sets a function-local *next check* epoch,
    /// `min(deadline, epoch + 1)`, kept in a register: a later check only
    /// compares the epoch with it (one load), and looks at the real deadline
    /// only when the epoch has moved on — at most once per ticker period —
    /// which also picks up a deadline changed from another thread
    /// (``wasmex_epoch_set_deadline``, `interrupt()`) within one tick. Both
    /// words are read with volatile loads so that loops see other threads.
    ///
    /// Measured on CoreMark (`wasmex bench control`): epoch checks cost 2.4 %
    /// of the score as polls and 9.5 % as compares; on fib2 (a call and a
    /// loop per step, eager O2) 11–19 % and 23 % (BENCHMARKS.md, "Interruption
    /// by poll pages").
    func emitEpochCheck() {
        guard unit.executionControl.epochChecks else { return }
        if unit.memoryStrategy == .guardPages {
            emitEpochPoll()
            return
        }
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

    /// One volatile read of the store's poll page (faults once the deadline is reached).
    private func emitEpochPoll() {
        let state = vmctxField(VMContextLayout.store)
        let page = load(types.ptr, from: address(state, offset: VMContextLayout.storeEpochPoll),
                        region: .storeState, invariant: true)
        let poll = load(types.i32, from: page, region: .storeState, alignment: 4)
        LLVMSetVolatile(poll, 1)
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
        } else if shape.loops && unit.memoryStrategy != .guardPages {
            let slot = entryAlloca(types.i64, "epoch_next")
            LLVMBuildStore(builder, i64(0), slot)
            epochNextCheck = slot
        }
    }
}
