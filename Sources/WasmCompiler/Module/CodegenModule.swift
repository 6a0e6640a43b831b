import CLLVM
import WasmFrontend

/// Module-wide state while lowering one Wasm module to one LLVM module: the
/// index spaces of the Wasm module, the declarations of its functions, and
/// the set of functions that escape generated code.
final class CodegenModule {
    let wasm: WasmModule
    let ir: IRModule

    var context: LLVMContextRef { ir.context }
    var module: LLVMModuleRef { ir.module }
    var builder: LLVMBuilderRef { ir.builder }
    var types: IRTypes { ir.types }
    var alias: AliasInfo { ir.alias }
    var hints: BranchHints { ir.hints }

    /// Number of imported functions (defined function `i` has absolute index `importedFunctionCount + i`).
    let importedFunctionCount: Int
    /// The type of every function by absolute index.
    let functionTypes: [FunctionType]
    /// The type of every global by index (imports first).
    let globalTypes: [GlobalType]
    /// Number of imported globals.
    let importedGlobalCount: Int
    /// IR declarations of defined functions, by defined index.
    private(set) var definedFunctions: [LLVMValueRef] = []
    /// Absolute indices of functions referenced from outside generated code.
    var escaping: Set<Int> = []
    /// Fuel and epoch code to emit (from ``CompilerOptions``).
    var executionControl = ExecutionControlFlags()
    /// How loads and stores are kept inside linear memory.
    var memoryStrategy = MemoryStrategy.explicitChecks
    /// Pre-scanned shape of each defined function (see ``FunctionShape``).
    var functionShapes: [FunctionShape] = []
    /// Which defined functions check the epoch at entry (see ``CallGraph``).
    var entryEpochChecks: [Bool] = []
    /// The object's role in tiered execution (see ``CodeTier``).
    let tier: CodeTier
    /// Struct and array types: layouts, kinds, supertype depths (WebAssembly GC).
    private(set) lazy var gcTypes = GCTypeInfo(module: wasm)
    /// First-tier code's table of second-tier addresses, one per defined function.
    private(set) var tierTable: LLVMValueRef?

    /// - Parameter definesTierTable: false in every partition of first-tier
    ///   code but the first, which declare `wasm_tiers` and link to its definition.
    init(wasm: WasmModule, ir: IRModule, tier: CodeTier = .only, definesTierTable: Bool = true) throws(CompileError) {
        self.wasm = wasm
        self.ir = ir
        self.tier = tier
        var functionTypes: [FunctionType] = []
        var globalTypes: [GlobalType] = []
        var imported = 0
        for entry in wasm.imports {
            switch entry.descriptor {
            case .function(let typeIndex):
                functionTypes.append(try Self.type(typeIndex, in: wasm))
                imported += 1
            case .global(let globalType):
                globalTypes.append(globalType)
            case .table, .memory, .tag:
                break
            }
        }
        for typeIndex in wasm.functions {
            functionTypes.append(try Self.type(typeIndex, in: wasm))
        }
        importedGlobalCount = globalTypes.count
        globalTypes.append(contentsOf: wasm.globals.map(\.type))
        self.globalTypes = globalTypes
        self.functionTypes = functionTypes
        importedFunctionCount = imported
        declareDefinedFunctions()
        if tier == .first { declareTierTable(defining: definesTierTable) }
    }

    /// `wasm_tiers`: a zeroed, writable pointer per defined function (or,
    /// with `defining` false, a declaration of the one another partition defines).
    private func declareTierTable(defining: Bool) {
        let arrayType = LLVMArrayType2(types.ptr, UInt64(max(definedFunctions.count, 1)))
        let table: LLVMValueRef = LLVMAddGlobal(module, arrayType, SymbolNames.tierTable)
        if defining { LLVMSetInitializer(table, LLVMConstNull(arrayType)) }
        LLVMSetAlignment(table, 8)
        tierTable = table
    }

    /// The function type at `index` of the type section.
    static func type(_ index: UInt32, in wasm: WasmModule) throws(CompileError) -> FunctionType {
        guard Int(index) < wasm.types.count else {
            throw CompileError.invalidModule(.invalid("unknown type \(index)", offset: 0))
        }
        return wasm.types[Int(index)]
    }

    private func declareDefinedFunctions() {
        for definedIndex in 0..<wasm.functions.count {
            let index = importedFunctionCount + definedIndex
            let name = SymbolNames.function(index)
            let function: LLVMValueRef = LLVMAddFunction(module, name, types.function(functionTypes[index]))
            // `tailcc`, so that `return_call` can be a `musttail` call between
            // different signatures (see ``WasmCallingConvention``).
            WasmCallingConvention.apply(toFunction: function)
            ir.addAttributes(["nounwind"], to: function)
            // Wasm recursion must exhaust the stack ("call stack exhausted"), so LLVM
            // may not turn (accumulator) recursion into loops. First-tier code is
            // built at O0, where no pass forms tail calls, and its forwarding
            // `musttail` call (see ``CodeTier``) must not meet this attribute.
            // (Wasm's `return_call` is a `musttail` call, a tail call either way.)
            if tier != .first { ir.addStringAttribute("disable-tail-calls", "true", to: function) }
            // Frame pointers let a trap walk the Wasm frames (trap backtraces).
            ir.addStringAttribute("frame-pointer", "all", to: function)
            // The prologue's stack check only estimates the frame (locals, not
            // spilled operands), so a big frame could start below the limit and
            // beyond the thread's guard page. With inline stack probes a frame
            // larger than a page touches each page as it is allocated, so it
            // always faults on the guard page first; the fault handler turns
            // that fault into "call stack exhausted".
            ir.addStringAttribute("probe-stack", "inline-asm", to: function)
            definedFunctions.append(function)
        }
    }

    /// Gives non-escaping functions internal linkage (so LLVM may inline,
    /// specialise or drop them) and a debug name; escaping ones keep their
    /// exported `wasm_f<i>` symbol, as does every function of tiered code
    /// (second-tier addresses are published; first-tier partitions call one another by name).
    func finalizeLinkage() {
        for (definedIndex, function) in definedFunctions.enumerated() {
            let index = importedFunctionCount + definedIndex
            if escaping.contains(index) || tier != .only { continue }
            LLVMSetLinkage(function, LLVMInternalLinkage)
            let debugName = wasm.names.functionNames[UInt32(index)]
            let name = SymbolNames.internalFunction(index, debugName: debugName)
            LLVMSetValueName2(function, name, name.utf8.count)
        }
    }

    /// Absolute indices of the functions whose `wasm_f<i>` symbol the object exports.
    var exportedFunctions: [Int] {
        let defined = importedFunctionCount..<(importedFunctionCount + definedFunctions.count)
        return tier != .only ? Array(defined) : escaping.filter { $0 >= importedFunctionCount }.sorted()
    }

    /// The declaration of a runtime function (added on first use).
    func runtime(_ function: RuntimeFunction) -> (function: LLVMValueRef, type: LLVMTypeRef) {
        ir.runtime(function)
    }
}
