import CLLVM
import WasmFrontend

/// The first-tier entry check (see ``CodeTier``).
extension FunctionEmitter {
    /// Whether a function of `type` forwards to its second tier: when its
    /// results come back in registers, the rule every `musttail` in generated
    /// code follows (``SignatureLowering/returnsInRegisters``). A
    /// forwarding plain call would leave the first-tier frame in every trap
    /// backtrace, so other functions keep running their first tier when
    /// entered from first-tier code or the host; second-tier code still calls
    /// their second tier directly.
    static func canForward(_ type: FunctionType) -> Bool { SignatureLowering(type).returnsInRegisters }

    /// Loads this function's tier-table slot; when the runtime has published
    /// second-tier code there, tail-calls it with this function's own
    /// arguments. Emitted before any fuel, epoch or stack work, so a
    /// forwarded call is charged and checked once, by the second tier.
    ///
    /// The load is atomic (monotonic): the slot changes from null to an
    /// address once, while other threads may be running this code.
    func emitTierForward(definedIndex: Int, table: LLVMValueRef) {
        let target = loadCode(tableSlot(table, definedIndex))
        let forward = appendBlock("tier_forward")
        let stay = appendBlock("tier_stay")
        LLVMBuildCondBr(builder, LLVMBuildIsNull(builder, target, ""), stay, forward)

        LLVMPositionBuilderAtEnd(builder, forward)
        emitForwardingTailCall(to: target)

        LLVMPositionBuilderAtEnd(builder, stay)
    }

    /// The whole body of a function compiled on its first call (see
    /// ``LazyCompiler``): while its tier-table slot is null it asks the
    /// runtime for its code (`wasmex_tier_lazy`, which compiles it and
    /// publishes it in the slot, or traps), then tail-calls whatever the slot
    /// holds with its own arguments — first-tier code at first, optimised
    /// code once the function got hot. With `musttail` the stub leaves no
    /// frame: traps, backtraces, fuel and stack checks see the code it
    /// forwards to.
    func emitLazyStub(definedIndex: Int, table: LLVMValueRef) {
        let entry = appendBlock("entry")
        LLVMPositionBuilderAtEnd(builder, entry)
        let published = loadCode(tableSlot(table, definedIndex))
        let compile = appendBlock("lazy_compile")
        let forward = appendBlock("lazy_forward")
        LLVMBuildCondBr(builder, LLVMBuildIsNull(builder, published, ""), compile, forward)

        LLVMPositionBuilderAtEnd(builder, compile)
        let compiled = callRuntime(.tierLazy, [vmctx, table, i32(UInt32(definedIndex))])
        LLVMBuildBr(builder, forward)

        LLVMPositionBuilderAtEnd(builder, forward)
        let target: LLVMValueRef = LLVMBuildPhi(builder, types.ptr, "code")
        var values: [LLVMValueRef?] = [published, compiled]
        var blocks: [LLVMBasicBlockRef?] = [entry, compile]
        LLVMAddIncoming(target, &values, &blocks, 2)
        emitForwardingTailCall(to: target)
    }

    /// A code pointer from a tier-table slot. The load is atomic (monotonic):
    /// the slot changes while other threads may be running this code.
    private func loadCode(_ slot: LLVMValueRef) -> LLVMValueRef {
        let code: LLVMValueRef = LLVMBuildLoad2(builder, types.ptr, slot, "tier_code")
        LLVMSetOrdering(code, LLVMAtomicOrderingMonotonic)
        LLVMSetAlignment(code, 8)
        return code
    }

    /// `musttail`-calls `target` (a function of this function's own type)
    /// with this function's arguments and returns what it returns.
    private func emitForwardingTailCall(to target: LLVMValueRef) {
        let arguments = (0..<LLVMCountParams(function)).map { LLVMGetParam(function, $0)! }
        let forwarded = call(target, type: types.function(type), arguments)
        // Both tiers' functions use the module's convention (``WasmCallingConvention``);
        // `musttail` needs the call's convention to be the caller's (and, for the
        // C convention, the same prototype, which a function's other tier has).
        unit.convention.apply(toCall: forwarded)
        LLVMSetTailCallKind(forwarded, LLVMTailCallKindMustTail)
        if type.results.isEmpty { LLVMBuildRetVoid(builder) } else { LLVMBuildRet(builder, forwarded) }
    }

    /// The address of entry `definedIndex` of a per-function table global
    /// (`wasm_tiers`, `wasm_osr`, `wasm_hotness`).
    func tableSlot(_ table: LLVMValueRef, _ definedIndex: Int) -> LLVMValueRef {
        var indices: [LLVMValueRef?] = [i64(0), i64(UInt64(definedIndex))]
        let tableType = LLVMGlobalGetValueType(table)
        return indices.withUnsafeMutableBufferPointer {
            LLVMBuildInBoundsGEP2(builder, tableType, table, $0.baseAddress, UInt32($0.count), "")
        }
    }
}
