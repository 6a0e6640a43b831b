import CLLVM

/// An LLVM context, module and builder with the shared types, metadata and
/// runtime declarations generated code needs. Owns (and disposes) all three.
final class IRModule {
    let context: LLVMContextRef
    let module: LLVMModuleRef
    let builder: LLVMBuilderRef
    let types: IRTypes
    let alias: AliasInfo
    let hints: BranchHints
    let ranges: ValueRanges

    private var runtimeDeclarations: [RuntimeFunction: (function: LLVMValueRef, type: LLVMTypeRef)] = [:]
    private var attributeKinds: [String: UInt32] = [:]
    /// Functions whose signature no pass may change (see ``keepSignature(of:)``).
    private var fixedSignatures: [LLVMValueRef] = []
    private var fixedSignatureSet: Set<UnsafeMutableRawPointer> = []

    init(name: String, machine: TargetMachine) {
        context = LLVMContextCreate()
        module = LLVMModuleCreateWithNameInContext(name, context)
        builder = LLVMCreateBuilderInContext(context)
        types = IRTypes(context)
        alias = AliasInfo(context)
        hints = BranchHints(context)
        ranges = ValueRanges(context)
        machine.configure(module)
    }

    deinit {
        LLVMDisposeBuilder(builder)
        LLVMDisposeModule(module)
        LLVMContextDispose(context)
    }

    /// The declaration of a runtime function (added on first use).
    func runtime(_ function: RuntimeFunction) -> (function: LLVMValueRef, type: LLVMTypeRef) {
        if let declared = runtimeDeclarations[function] { return declared }
        let (result, parameters) = function.signature(types)
        let type = types.function(returning: result, parameters)
        let value: LLVMValueRef = LLVMAddFunction(module, function.rawValue, type)
        addAttributes(["nounwind"] + function.attributes, to: value)
        runtimeDeclarations[function] = (value, type)
        return (value, type)
    }

    /// Keeps `function`'s parameters and results as they are through
    /// optimisation: a function that ends in a `musttail` call must return
    /// exactly what its callee returns, but LLVM 19's dead-argument
    /// elimination drops the result of an internal function whose callers
    /// all ignore it even when that function `musttail`-calls one whose
    /// result is used elsewhere, and the module no longer verifies (found by
    /// the fuzzer: `Tests/Fuzz/regressions/crash-hot-o2-explicit-seed12998.wast`).
    /// Listing the function in `llvm.compiler.used` gives it a use that is
    /// not a call, which that pass treats as an escaping address; inlining
    /// and every other optimisation of its body are unaffected.
    func keepSignature(of function: LLVMValueRef) {
        guard fixedSignatureSet.insert(UnsafeMutableRawPointer(function)).inserted else { return }
        fixedSignatures.append(function)
    }

    /// Deletes `function` from the module (and from ``fixedSignatures``).
    func delete(_ function: LLVMValueRef) {
        if fixedSignatureSet.remove(UnsafeMutableRawPointer(function)) != nil {
            fixedSignatures.removeAll { $0 == function }
        }
        LLVMDeleteFunction(function)
    }

    /// `llvm.compiler.used`, listing ``fixedSignatures``.
    private func emitFixedSignatures() {
        guard !fixedSignatures.isEmpty else { return }
        var elements: [LLVMValueRef?] = fixedSignatures
        let arrayType = LLVMArrayType2(types.ptr, UInt64(elements.count))
        let used: LLVMValueRef = LLVMAddGlobal(module, arrayType, "llvm.compiler.used")
        LLVMSetLinkage(used, LLVMAppendingLinkage)
        LLVMSetSection(used, "llvm.metadata")
        elements.withUnsafeMutableBufferPointer {
            LLVMSetInitializer(used, LLVMConstArray2(types.ptr, $0.baseAddress, UInt64($0.count)))
        }
        fixedSignatures = []
    }

    /// Adds enum (flag) attributes such as `nounwind` to `function`.
    func addAttributes(_ names: [String], to function: LLVMValueRef) {
        for name in names {
            let kind: UInt32
            if let known = attributeKinds[name] {
                kind = known
            } else {
                kind = LLVMGetEnumAttributeKindForName(name, name.utf8.count)
                attributeKinds[name] = kind
            }
            guard kind != 0 else { continue }
            let attribute = LLVMCreateEnumAttribute(context, kind, 0)
            LLVMAddAttributeAtIndex(function, UInt32.max, attribute)
        }
    }

    /// Sets the module-level assembly (emitted into the object before the functions).
    func setModuleAssembly(_ text: String) {
        let bytes = Array(text.utf8CString)
        bytes.withUnsafeBufferPointer { LLVMSetModuleInlineAsm2(module, $0.baseAddress, $0.count - 1) }
    }

    /// Adds a string attribute such as `"disable-tail-calls"="true"` to `function`.
    func addStringAttribute(_ key: String, _ value: String, to function: LLVMValueRef) {
        let attribute = LLVMCreateStringAttribute(context, key, UInt32(key.utf8.count), value, UInt32(value.utf8.count))
        LLVMAddAttributeAtIndex(function, UInt32.max, attribute)
    }

    /// Verifies, optimises and emits the module as object bytes.
    /// Adds the time of each phase to `timings`.
    func emitObject(machine: TargetMachine, options: CompilerOptions,
                    timings: inout CompileTimings) throws(CompileError) -> [UInt8] {
        emitFixedSignatures()
        IRDump.writeIfRequested(module, name: options.tier == .only ? "eager" : options.tier.rawValue)
        if options.verifyIR {
            try measure(&timings.verify) { () throws(CompileError) in try ObjectEmitter.verify(module) }
        }
        try measure(&timings.optimize) { () throws(CompileError) in
            try ObjectEmitter.optimize(module, machine: machine, level: options.optimization,
                                          memoryStrategy: options.memoryStrategy, tier: options.tier,
                                          lightPasses: options.lightPasses)
        }
        return try measure(&timings.codegen) { () throws(CompileError) in
            try ObjectEmitter.emitObject(module, machine: machine)
        }
    }

    /// Verifies, optimises and emits the module, discarding the phase times.
    func emitObject(machine: TargetMachine, options: CompilerOptions) throws(CompileError) -> [UInt8] {
        var timings = CompileTimings()
        return try emitObject(machine: machine, options: options, timings: &timings)
    }
}
