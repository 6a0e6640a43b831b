import CLLVM
import WasmFrontend

/// Hotness counting in first-tier code, and on-stack replacement (OSR) into
/// second-tier code.
///
/// **Counting.** Every first-tier function adds to its counter in
/// `wasm_hotness` when it is entered (after the tier check: a call that
/// forwards to second-tier code is not counted) and one at every loop header.
/// A call adds 1 plus one per 64 bytes of the function's code, an estimate of
/// the straight-line work it does: sightglass's ed25519 spends half its time
/// in one 58 KB function without loops that it calls a few hundred times,
/// which counting calls alone would never find hot.
/// When the counter reaches the module's hotness threshold the function calls
/// `wasmex_tier_hot` once, and the engine compiles that function alone at the
/// engine's level on a compile thread (see `TierUp` in the runtime), then
/// publishes it in the tier table (``CodeTier``). The counters are plain,
/// unsynchronised `i32`s shared by every instance and thread: a lost increment
/// only delays a request, and the engine ignores repeated ones.
///
/// **Why OSR.** Forwarding at entry only helps the *next* call. C programs
/// often spend their whole run in one call — `main` with the kernel inlined
/// into it — so without OSR that call would finish in first-tier code
/// however early its optimised code is ready (sightglass's sieve runs its
/// 1.6 s there, 4.5× its O2 time).
///
/// **How.** A loop is *resumable* when nothing is on the operand stack at its
/// header (no loop parameters, no values of enclosing blocks), it is not
/// nested in another loop, and the function has no exception handlers. At the
/// header of a resumable loop, once the counter is past the threshold,
/// first-tier code looks at the function's slot in `wasm_osr`. The engine
/// puts ``OSRSlot/wanted`` there when it publishes the function's optimised
/// code; a loop that finds it calls `wasmex_tier_resume`, which clears the
/// slot and queues the OSR entry's compile (see
/// ``HotFunctionCompiler/Part`` for why the entry is compiled apart, and only
/// then), and loops on. When the engine has published the entry, the loop writes its locals to a buffer
/// in its frame (16 bytes each), writes the fuel counter back, and calls
/// `entry(vmctx, caller, buffer, ordinal)`, returning what it returns.
///
/// The OSR entry (`wasm_f<i>.osr`) is the same body lowered again at the
/// second tier's level with a different start: its prologue (stack check,
/// epoch set-up, fuel reload without the entry charge) reads the locals from
/// the buffer and then switches on `ordinal` to the header of that loop.
/// Everything before the loops is unreachable and deleted, and because every
/// resumable loop is outermost, each is entered at its header and stays a
/// natural loop that LLVM optimises fully. Only the first-tier frame stays
/// below the OSR frame until the call returns; trap backtraces drop it.
///
/// Both lowerings number loops the same way (``FunctionEmitter/loopCount``,
/// live loops in body order), so an ordinal names the same loop in both.
final class OSREntry {
    /// The IR function being emitted: `wasm_f<i>.osr`.
    let function: LLVMValueRef
    private var dispatch: LLVMBasicBlockRef?
    private var headers: [(ordinal: Int, header: LLVMBasicBlockRef)] = []

    init(function: LLVMValueRef) { self.function = function }

    /// The locals buffer (parameter 2).
    var buffer: LLVMValueRef { LLVMGetParam(function, 2) }

    /// Ends the prologue with a branch to the dispatch block (filled in by
    /// ``finishDispatch(_:)``) and continues in a block nothing reaches.
    func leavePrologue(_ emitter: FunctionEmitter) {
        let dispatch = emitter.appendBlock("osr_dispatch")
        LLVMBuildBr(emitter.builder, dispatch)
        self.dispatch = dispatch
        LLVMPositionBuilderAtEnd(emitter.builder, emitter.appendBlock("osr_unreached"))
    }

    /// Whether the body has a resumable loop (otherwise the entry is useless).
    var resumesLoops: Bool { !headers.isEmpty }

    /// Records the header of resumable loop `ordinal`.
    func resume(ordinal: Int, header: LLVMBasicBlockRef) { headers.append((ordinal, header)) }

    /// Switches on the ordinal (parameter 3) to the recorded loop headers; an
    /// ordinal that names no resumable loop traps ("unreachable").
    func finishDispatch(_ emitter: FunctionEmitter) {
        guard let dispatch else { return }
        LLVMPositionBuilderAtEnd(emitter.builder, dispatch)
        let types = emitter.types
        let invalid = emitter.trapBlock(for: .unreachable)
        let choice: LLVMValueRef = LLVMBuildSwitch(emitter.builder, LLVMGetParam(function, 3), invalid, UInt32(headers.count))
        for (ordinal, header) in headers {
            LLVMAddCase(choice, LLVMConstInt(types.i32, UInt64(ordinal), 0), header)
        }
    }
}

/// The values of a `wasm_osr` slot besides an entry's address.
package enum OSRSlot {
    /// The function's optimised code is published and its entry is not
    /// built: first-tier code still looping in it asks for the entry
    /// (`WASMEX_TIER_OSR_WANTED` in `wasmex_tier.h`, which Swift cannot import).
    package static let wanted: UInt = 1
}

extension FunctionEmitter {
    /// The IR type of function `type`'s OSR entry: `(vmctx, caller, buffer, ordinal) -> results`.
    static func osrEntryType(_ type: FunctionType, types: IRTypes) -> LLVMTypeRef {
        types.function(returning: types.returnType(type), [types.ptr, types.ptr, types.ptr, types.i32])
    }

    /// An OSR entry's locals: parameters and declared locals, read from the
    /// buffer first-tier code filled (16 bytes per local, in index order).
    func declareLocals(_ declared: [ValueType], from osrEntry: OSREntry) {
        for (position, localType) in (type.parameters + declared).enumerated() {
            let slot: LLVMValueRef = LLVMBuildAlloca(builder, types.value(localType), "")
            let value: LLVMValueRef = LLVMBuildLoad2(builder, types.value(localType),
                                                     address(osrEntry.buffer, offset: UInt64(position) * 16), "")
            LLVMSetAlignment(value, 16)
            LLVMBuildStore(builder, value, slot)
            locals.append((slot, localType))
        }
    }

    /// First-tier code: counts a call of this function.
    func emitEntryCount(definedIndex: Int) {
        let weight = 1 + UInt32(clamping: unit.functionShapes[definedIndex].codeSize / Self.bytesPerCount)
        guard osrEntry == nil,
              let continuation = countAndReport(definedIndex: definedIndex, weight: weight) else { return }
        LLVMBuildBr(builder, continuation)
        LLVMPositionBuilderAtEnd(builder, continuation)
    }

    /// At the header of a loop (after its fuel and epoch checks): in
    /// first-tier code, counts an iteration and, when the loop is resumable
    /// and an OSR entry is published, moves the call into it; in an OSR
    /// entry, records the header as a place to resume.
    func noteLoopHeader(_ header: LLVMBasicBlockRef, resumable: Bool) {
        let ordinal = loopCount
        loopCount += 1
        if let osrEntry {
            if resumable { osrEntry.resume(ordinal: ordinal, header: header) }
            return
        }
        guard unit.hotnessCounters != nil else { return }
        let definedIndex = index - unit.importedFunctionCount
        guard let continuation = countAndReport(definedIndex: definedIndex, weight: 1) else { return }
        guard resumable, let osrTable = unit.osrTable, let tiers = unit.tierTable else {
            LLVMBuildBr(builder, continuation)
            LLVMPositionBuilderAtEnd(builder, continuation)
            return
        }
        let slot = tableSlot(osrTable, definedIndex)
        let entry: LLVMValueRef = LLVMBuildLoad2(builder, types.ptr, slot, "osr_entry")
        LLVMSetOrdering(entry, LLVMAtomicOrderingAcquire)
        LLVMSetAlignment(entry, 8)
        let published = appendBlock("osr_published")
        LLVMBuildCondBr(builder, LLVMBuildIsNull(builder, entry, ""), continuation, published)

        // The function's optimised code is out but its entry is not built yet:
        // ask for it, and loop on unless it was built at once (on this thread).
        LLVMPositionBuilderAtEnd(builder, published)
        let ask = appendBlock("osr_ask")
        let transfer = appendBlock("osr_transfer")
        let wanted = LLVMBuildICmp(builder, LLVMIntEQ, LLVMBuildPtrToInt(builder, entry, types.i64, ""),
                                   i64(UInt64(OSRSlot.wanted)), "")
        LLVMBuildCondBr(builder, wanted, ask, transfer)
        LLVMPositionBuilderAtEnd(builder, ask)
        callRuntime(.tierResume, [tiers, slot, LLVMConstInt(types.i32, UInt64(definedIndex), 0)])
        let built: LLVMValueRef = LLVMBuildLoad2(builder, types.ptr, slot, "osr_built")
        LLVMSetOrdering(built, LLVMAtomicOrderingAcquire)
        LLVMSetAlignment(built, 8)
        LLVMBuildCondBr(builder, LLVMBuildIsNull(builder, built, ""), continuation, transfer)

        LLVMPositionBuilderAtEnd(builder, transfer)
        let target: LLVMValueRef = LLVMBuildPhi(builder, types.ptr, "osr_target")
        var targets: [LLVMValueRef?] = [entry, built]
        var sources: [LLVMBasicBlockRef?] = [published, ask]
        LLVMAddIncoming(target, &targets, &sources, 2)
        flushFuel()
        let buffer = entryAlloca(LLVMArrayType2(types.i8, UInt64(max(locals.count, 1)) * 16), "osr_locals")
        LLVMSetAlignment(buffer, 16)
        for (position, local) in locals.enumerated() {
            let value: LLVMValueRef = LLVMBuildLoad2(builder, types.value(local.type), local.pointer, "")
            let stored: LLVMValueRef = LLVMBuildStore(builder, value, address(buffer, offset: UInt64(position) * 16))
            LLVMSetAlignment(stored, 16)
        }
        let resumed = call(target, type: Self.osrEntryType(type, types: types),
                           [vmctx, LLVMGetParam(function, 1), buffer, LLVMConstInt(types.i32, UInt64(ordinal), 0)])
        unit.convention.apply(toCall: resumed)
        if type.results.isEmpty { LLVMBuildRetVoid(builder) } else { LLVMBuildRet(builder, resumed) }

        LLVMPositionBuilderAtEnd(builder, continuation)
    }

    /// Code bytes per count a call adds.
    static let bytesPerCount = 64

    /// Adds `weight` to this function's counter and, when that takes it to
    /// the threshold, reports the function (once). Leaves the builder in the
    /// (unlikely) path taken at or past the threshold, which the caller ends
    /// with a branch to the returned block, where the count-only path goes
    /// and emission continues. Nil, emitting nothing, in code without counters.
    private func countAndReport(definedIndex: Int, weight: UInt32) -> LLVMBasicBlockRef? {
        guard let counters = unit.hotnessCounters, let tiers = unit.tierTable else { return nil }
        let slot = tableSlot(counters, definedIndex)
        let count: LLVMValueRef = LLVMBuildLoad2(builder, types.i32, slot, "hotness")
        let next = LLVMBuildAdd(builder, count, LLVMConstInt(types.i32, UInt64(weight), 0), "")
        LLVMBuildStore(builder, next, slot)
        let threshold = LLVMConstInt(types.i32, UInt64(unit.hotnessThreshold), 0)
        let hot = appendBlock("hot")
        let continuation = appendBlock("hot_done")
        let branch: LLVMValueRef = LLVMBuildCondBr(builder, LLVMBuildICmp(builder, LLVMIntUGE, next, threshold, ""), hot, continuation)
        unit.hints.markTrueUnlikely(branch)

        LLVMPositionBuilderAtEnd(builder, hot)
        let report = appendBlock("hot_report")
        let reported = appendBlock("hot_reported")
        // Reported when this count crossed the threshold (the one before was below it).
        LLVMBuildCondBr(builder, LLVMBuildICmp(builder, LLVMIntULT, count, threshold, ""), report, reported)
        LLVMPositionBuilderAtEnd(builder, report)
        callRuntime(.tierHot, [tiers, LLVMConstInt(types.i32, UInt64(definedIndex), 0)])
        LLVMBuildBr(builder, reported)
        LLVMPositionBuilderAtEnd(builder, reported)
        return continuation
    }
}
