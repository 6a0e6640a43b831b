import CLLVM
import WasmFrontend

/// What execution-control code a module is compiled with (part of
/// ``CompilerOptions``, so compiled code records it).
struct ExecutionControlFlags {
    /// Check the epoch deadline at function entry and loop headers.
    var epochChecks = false
    /// Charge fuel per straight-line segment of operators.
    var fuelChecks = false
}

/// The fuel cost model.
///
/// A function body is cut into *segments*: maximal runs of reachable
/// operators up to a control boundary — an operator after which execution
/// does not simply fall through to the next one (`loop`, `if`, `else`, `end`,
/// `br`, `br_table`, `return`, `unreachable`). Every operator costs one unit,
/// control operators included. A segment's whole cost is charged when the
/// segment is entered, before any of its operators run: if the remaining fuel
/// is smaller than the cost, the call traps "all fuel consumed" and the fuel
/// is left unchanged; otherwise it is decremented. `block`, `br_if` and calls
/// do not end a segment (so a `br_if` that leaves early has still paid for
/// the rest of its segment; a callee charges its own operators). The charge
/// depends only on the path taken, so a program run with the same fuel always
/// stops at the same segment and reports the same remaining fuel.
///
/// After a trap the store's fuel is exact when the trap was raised by
/// generated code (the counter is flushed first). An out-of-bounds access to
/// a guard-page memory traps by a fault instead, and the store then reports
/// the fuel as of the function's last flush (its entry or its last call) —
/// still deterministic.
package enum FuelCostModel {
    /// Units charged per Wasm operator.
    package static let unitsPerOperator: Int64 = 1
}

/// Fuel state of the function being emitted: the open segment (the `sub`
/// whose constant operand is patched with the segment's final cost when the
/// segment closes) and the function-local fuel counter.
///
/// The counter lives in an alloca (a register after mem2reg): it is loaded
/// from the store at entry and after every call, and written back before
/// calls, traps and returns, so loops do not go through memory.
struct FuelSegment {
    var charge: LLVMValueRef?
    var operators: Int64 = 0
    var slot: LLVMValueRef?
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
    private func entryAlloca(_ type: LLVMTypeRef, _ name: String) -> LLVMValueRef {
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

    /// Function entry: the local fuel counter, and the epoch check where
    /// one is needed.
    ///
    /// Running forever takes a loop or a cycle of calls. Loop headers check
    /// on every iteration; at entry only functions on a call cycle check
    /// (`entryCheck`, from ``CallGraph``). Any other function with loops
    /// starts with a next-check epoch of 0, so its first loop header reads
    /// the deadline; one without loops finishes in bounded time and pays nothing.
    func emitExecutionControlPrologue(_ shape: FunctionShape, entryCheck: Bool) {
        if unit.executionControl.fuelChecks {
            fuelSegment.slot = entryAlloca(types.i64, "fuel_slot")
            reloadFuel()
        }
        guard unit.executionControl.epochChecks else { return }
        if entryCheck {
            emitEpochCheck()  // after the fuel slot exists, so its trap block flushes fuel
        } else if shape.loops {
            let slot = entryAlloca(types.i64, "epoch_next")
            LLVMBuildStore(builder, i64(0), slot)
            epochNextCheck = slot
        }
    }

    private var storeFuelAddress: LLVMValueRef {
        address(vmctxField(VMContextLayout.store), offset: VMContextLayout.storeFuel)
    }

    /// Writes the local fuel counter back to the store (before calls, traps, returns).
    func flushFuel() {
        guard let slot = fuelSegment.slot else { return }
        store(LLVMBuildLoad2(builder, types.i64, slot, ""), to: storeFuelAddress, region: .storeState)
    }

    /// Reloads the local fuel counter from the store (at entry and after calls).
    func reloadFuel() {
        guard let slot = fuelSegment.slot else { return }
        LLVMBuildStore(builder, load(types.i64, from: storeFuelAddress, region: .storeState), slot)
    }

    /// Counts one reachable operator, opening a fuel segment (and emitting its
    /// charge) when none is open. Called before the operator is lowered.
    func chargeFuel(for instruction: Instruction) {
        guard let slot = fuelSegment.slot else { return }
        if fuelSegment.charge == nil {
            let fuel: LLVMValueRef = LLVMBuildLoad2(builder, types.i64, slot, "")
            let remaining: LLVMValueRef = LLVMBuildSub(builder, fuel, i64(0), "fuel")
            emitTrap(if: LLVMBuildICmp(builder, LLVMIntSLT, remaining, i64(0), ""), .outOfFuel)
            LLVMBuildStore(builder, remaining, slot)
            fuelSegment.charge = remaining
        }
        fuelSegment.operators += FuelCostModel.unitsPerOperator
        if Self.endsFuelSegment(instruction) { closeFuelSegment() }
    }

    /// Patches the open segment's charge with its final cost.
    func closeFuelSegment() {
        guard let charge = fuelSegment.charge else { return }
        LLVMSetOperand(charge, 1, i64(UInt64(fuelSegment.operators)))
        fuelSegment.charge = nil
        fuelSegment.operators = 0
    }

    /// Whether `instruction` calls code that may read or change the store's fuel.
    static func callsOut(_ instruction: Instruction) -> Bool {
        switch instruction {
        case .call, .callIndirect: return true
        default: return false
        }
    }

    /// Whether `instruction` is a control boundary (the next operator starts a new segment).
    static func endsFuelSegment(_ instruction: Instruction) -> Bool {
        switch instruction {
        case .loop, .if, .else, .end, .br, .brTable, .return, .unreachable: return true
        default: return false
        }
    }
}
