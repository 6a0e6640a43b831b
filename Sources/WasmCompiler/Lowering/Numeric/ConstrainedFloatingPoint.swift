import CLLVM

extension NumericBuilder {
    /// Calls the constrained-FP intrinsic `llvm.experimental.constrained.<name>` in Wasm's
    /// floating-point environment: round to nearest-even, exceptions `maytrap`.
    ///
    /// Why not plain `fadd`/`fpext`/…: LLVM's default FP environment lets the optimiser
    /// treat signalling NaNs as quiet, so it folds `x - 0.0`, `x * 1.0`, `-0.0 - x` or
    /// `fptrunc (fpext x)` to `x` (or `fneg x`), returning an sNaN operand unquieted where
    /// Wasm requires an arithmetic NaN (float_exprs.wast tests exactly these). A non-`ignore`
    /// exception behaviour turns those folds off, while `maytrap` (unlike `strict`) still
    /// lets unused operations be deleted and constants be folded.
    ///
    /// - Parameters:
    ///   - name: the operation, e.g. `"fadd"` or `"fpext"`.
    ///   - types: the overload types (the operand type; result then source for casts).
    ///   - hasRounding: whether the intrinsic takes a rounding-mode argument (`fpext` does not).
    func constrained(_ name: String, types: [LLVMTypeRef], hasRounding: Bool = true, _ args: LLVMValueRef...) -> LLVMValueRef {
        var arguments = args
        if hasRounding { arguments.append(metadataString("round.tonearest")) }
        arguments.append(metadataString("fpexcept.maytrap"))
        let call = callIntrinsic("llvm.experimental.constrained." + name, types: types, args: arguments,
                                 builder: builder, module: context.llvmModule, context: context.llvmContext)
        // Like IRBuilder's constrained-FP helpers: the call site itself is marked strictfp.
        let strictFP = "strictfp"
        let kind = LLVMGetEnumAttributeKindForName(strictFP, strictFP.utf8.count)
        LLVMAddCallSiteAttribute(call, LLVMAttributeIndex(truncatingIfNeeded: LLVMAttributeFunctionIndex),
                                 LLVMCreateEnumAttribute(context.llvmContext, kind, 0))
        return call
    }

    /// A metadata string as a call argument (`metadata !"…"`).
    private func metadataString(_ text: String) -> LLVMValueRef {
        let metadata = LLVMMDStringInContext2(context.llvmContext, text, text.utf8.count)
        return LLVMMetadataAsValue(context.llvmContext, metadata)
    }
}
