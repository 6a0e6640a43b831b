import CLLVM
import WasmFrontend

/// The fuel cost model, the same as Wasmtime's default (checked against the
/// `wasmtime` Python package, version 50, by `ParityFuelTests`).
///
/// **Costs.** Entering a Wasm function costs ``functionEntryCost`` (1).
/// Every executed operator costs 1, except `nop`, `drop`, `block`, `loop`,
/// `else`, `end`, `return` and `unreachable`, which are free. The bulk
/// operators also cost their size: `memory.fill`, `memory.copy` and
/// `memory.init` 1 per byte, `table.fill`, `table.copy` and `table.init` 1
/// per element, `memory.grow` 1 per page and `table.grow` 1 per element.
/// When the size is a constant (an `i32.const` operand) it is simply added
/// to the operator's cost. Otherwise it is taken at run time once the
/// operator has succeeded — a failed grow costs only its flat 1 — and
/// followed by a check. (Cranelift also treats a local just set from a
/// constant as constant; here such a size is taken at run time.)
/// Calling a host function costs only the `call` operator. `return_call` and
/// `return_call_indirect` cost 1 like their non-tail forms; the fuel is written back
/// before the tail call (the caller never resumes to do it).
///
/// **When it traps.** Fuel is compared with zero at three kinds of points
/// only: the entry of every function (after its entry cost is taken), the
/// head of every loop iteration, and right after a bulk operator's
/// run-time size is taken. At such a point the call traps "all fuel consumed" when the
/// remaining fuel is zero or less. So an empty function needs 2 units to
/// run with 1 left over: with `setFuel(2)` the first call succeeds and the
/// second traps. Between two points the fuel can go below zero — a
/// straight-line function may finish on credit — and the store then reports
/// 0 remaining.
///
/// **What the store sees.** Generated code keeps the fuel in a register and
/// writes it back to the store before calls (so host functions see it
/// exactly), at `return`, `unreachable`, the end of the function and an
/// out-of-fuel trap. After an out-of-fuel trap the store reports 0. After
/// any other trap it reports the fuel as of the last write-back — e.g. a
/// division by zero in a function that has made no call leaves the fuel as
/// it was when the function was entered — exactly as Wasmtime does.
///
/// **Instantiation.** Running a start function costs ``startFunctionCost``
/// (2) on top of the function's own cost, as in Wasmtime 50: instantiation
/// traps "all fuel consumed" when less than that is left (a start function
/// in Wasm then makes its own entry check). Constant expressions are free, also
/// extended ones (`i32.add` etc. in initialisers and offsets; Wasmtime charges for
/// those, a known difference of this model).
package enum FuelCostModel {
    /// Units charged per Wasm operator that is not free (see the type's notes).
    package static let unitsPerOperator: Int64 = 1
    /// Units charged when a Wasm function is entered, before its entry check.
    package static let functionEntryCost: Int64 = 1
    /// Units charged before a start function runs (trapping when fewer are left).
    package static let startFunctionCost: Int64 = 2

    /// The flat cost of `instruction`.
    static func cost(of instruction: Instruction) -> Int64 {
        switch instruction {
        case .nop, .drop, .block, .loop, .else, .end, .return, .unreachable: return 0
        // Legacy exception handling: `try` is free like `block`, `catch`, `catch_all` and `delegate` like `else`/`end`.
        case .try, .catch, .catchAll, .delegate: return 0
        default: return unitsPerOperator
        }
    }
}

/// Fuel state of the function being emitted.
///
/// The remaining fuel lives in a function-local slot (an alloca, a register
/// after mem2reg): loaded from the store at entry and after calls, written
/// back where ``FuelCostModel`` says. Operator costs are summed at compile
/// time in `pending` and subtracted from the slot at every control transfer,
/// so a straight run of operators costs one subtraction.
struct FuelMeter {
    var slot: LLVMValueRef?
    var pending: Int64 = 0
}

extension FunctionEmitter {
    private var storeFuelAddress: LLVMValueRef {
        address(vmctxField(VMContextLayout.store), offset: VMContextLayout.storeFuel)
    }

    /// Function entry: loads the store's fuel, takes the entry cost and checks.
    /// (An on-stack-replacement entry resumes a call already charged: `entryCost` 0.)
    func emitFuelPrologue(slot: LLVMValueRef, entryCost: Int64 = FuelCostModel.functionEntryCost) {
        fuelMeter.slot = slot
        reloadFuel()
        fuelMeter.pending = entryCost
        emitFuelCheck()
    }

    /// Writes the local fuel counter back to the store.
    func flushFuel() {
        guard let slot = fuelMeter.slot else { return }
        store(LLVMBuildLoad2(builder, types.i64, slot, ""), to: storeFuelAddress, region: .storeState)
    }

    /// Reloads the local fuel counter from the store (after calls).
    func reloadFuel() {
        guard let slot = fuelMeter.slot else { return }
        LLVMBuildStore(builder, load(types.i64, from: storeFuelAddress, region: .storeState), slot)
    }

    /// Subtracts the operators counted since the last subtraction.
    private func applyPendingFuel() {
        guard let slot = fuelMeter.slot, fuelMeter.pending != 0 else { return }
        let fuel: LLVMValueRef = LLVMBuildLoad2(builder, types.i64, slot, "")
        LLVMBuildStore(builder, LLVMBuildSub(builder, fuel, i64(UInt64(fuelMeter.pending)), "fuel"), slot)
        fuelMeter.pending = 0
    }

    /// A check point: takes the pending cost, then traps "all fuel consumed"
    /// when no fuel is left (at function entry and loop headers).
    func emitFuelCheck() {
        guard let slot = fuelMeter.slot else { return }
        applyPendingFuel()
        let fuel: LLVMValueRef = LLVMBuildLoad2(builder, types.i64, slot, "")
        emitTrap(if: LLVMBuildICmp(builder, LLVMIntSLE, fuel, i64(0), ""), .outOfFuel)
    }

    /// Counts a reachable operator before it is lowered, and takes the
    /// pending cost where control leaves the straight line (writing it back
    /// to the store where other code may read it).
    func meterFuel(before instruction: Instruction) {
        guard fuelMeter.slot != nil else { return }
        fuelMeter.pending += FuelCostModel.cost(of: instruction)
        switch instruction {
        case .call, .callIndirect, .callRef, .returnCall, .returnCallIndirect, .returnCallRef, .return, .unreachable:
            applyPendingFuel()
            flushFuel()
        case .loop, .if, .else, .end, .br, .brIf, .brTable, .brOnNull, .brOnNonNull, .catch, .catchAll, .delegate:
            applyPendingFuel()
        default:
            break
        }
    }

    /// A size operand known when compiling (see ``FuelCostModel``).
    private func constantSize(_ value: LLVMValueRef) -> Int64? {
        guard LLVMIsAConstantInt(value) != nil else { return nil }
        // A 64-bit size may be any u64; no operator that succeeds moves 2^48 units.
        return Int64(min(LLVMConstIntGetZExtValue(value), 1 << 48))
    }

    /// Charges a bulk operator's size (`units`, an i32 taken as unsigned)
    /// after it succeeded: a constant size is added to the operator's own
    /// cost, any other is taken at run time, followed by a check.
    func chargeFuel(units: LLVMValueRef) {
        guard let slot = fuelMeter.slot else { return }
        if let size = constantSize(units) {
            fuelMeter.pending += size
            return
        }
        applyPendingFuel()
        let amount = zext64(units)
        let fuel: LLVMValueRef = LLVMBuildLoad2(builder, types.i64, slot, "")
        LLVMBuildStore(builder, LLVMBuildSub(builder, fuel, amount, "fuel"), slot)
        emitFuelCheck()
    }

    /// Charges a grow's `delta`, and checks, when it succeeded (`result` is
    /// not -1); a failed grow is not a check point.
    func chargeFuel(grown delta: LLVMValueRef, result: LLVMValueRef) {
        guard fuelMeter.slot != nil else { return }
        if let size = constantSize(delta) {
            fuelMeter.pending += size  // charged like a constant size, grown or not
            return
        }
        applyPendingFuel()
        let grew = LLVMBuildICmp(builder, LLVMIntNE, result, LLVMConstAllOnes(LLVMTypeOf(result)), "")
        let charge = appendBlock("grow_fuel")
        let done = appendBlock("grow_done")
        LLVMBuildCondBr(builder, grew, charge, done)
        LLVMPositionBuilderAtEnd(builder, charge)
        chargeFuel(units: delta)
        LLVMBuildBr(builder, done)
        LLVMPositionBuilderAtEnd(builder, done)
    }

    /// Whether `instruction` calls code that may read or change the store's fuel.
    static func callsOut(_ instruction: Instruction) -> Bool {
        switch instruction {
        case .call, .callIndirect, .callRef: return true
        default: return false
        }
    }
}
