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
    var ranges: ValueRanges { ir.ranges }

    /// Number of imported functions (defined function `i` has absolute index `importedFunctionCount + i`).
    let importedFunctionCount: Int
    /// The type of every function by absolute index.
    let functionTypes: [FunctionType]
    /// The type of every global by index (imports first).
    let globalTypes: [GlobalType]
    /// Number of imported globals.
    let importedGlobalCount: Int
    /// IR declarations of defined functions added so far, by defined index
    /// (see ``definedFunction(_:)``).
    private var declaredFunctions: [Int: LLVMValueRef] = [:]
    /// Every defined function declared from now on gets `noinline` (backtrace details).
    private var declaresNoInline = false
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
    /// First-tier code's hotness counters, one `i32` per defined function.
    private(set) var hotnessCounters: LLVMValueRef?
    /// First-tier code's on-stack-replacement entries, one per defined function.
    private(set) var osrTable: LLVMValueRef?
    /// First-tier code: whether each function starts by forwarding to the
    /// code published in its tier-table slot (false for bodies compiled on
    /// first call, whose stub forwards for them: see ``LazyCompiler``).
    var forwardsAtEntry = true
    /// First-tier code: the count at which a function reports itself hot.
    var hotnessThreshold = CompilerOptions.defaultHotnessThreshold
    /// The calling convention of the module's functions and of every call
    /// they make (see ``WasmCallingConvention``); set by ``useConvention(_:)``.
    private(set) var convention = WasmCallingConvention.c

    /// - Parameters:
    ///   - definesTierTable: false in every partition of first-tier code but
    ///     the first, which declare `wasm_tiers` and link to its definition.
    ///   - declaresAllFunctions: false to declare defined functions only as
    ///     they are referenced (see ``definedFunction(_:)``): compiling a few
    ///     functions of a big module (a first call, a hot function) must not
    ///     cost time in proportion to the whole module.
    init(wasm: WasmModule, ir: IRModule, tier: CodeTier = .only, definesTierTable: Bool = true,
         declaresAllFunctions: Bool = true) throws(CompileError) {
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
        if declaresAllFunctions {
            for definedIndex in 0..<wasm.functions.count { _ = definedFunction(definedIndex) }
        }
        if tier == .first { declareTierTable(defining: definesTierTable) }
    }

    /// `wasm_tiers`: a zeroed, writable pointer per defined function (or,
    /// with `defining` false, a declaration of the one another partition defines).
    /// Also declares (or defines) the hotness counters and the
    /// on-stack-replacement table, which partitions share the same way.
    private func declareTierTable(defining: Bool) {
        func table(_ name: String, of element: LLVMTypeRef, alignment: UInt32) -> LLVMValueRef {
            let arrayType = LLVMArrayType2(element, UInt64(max(wasm.functions.count, 1)))
            let table: LLVMValueRef = LLVMAddGlobal(module, arrayType, name)
            if defining { LLVMSetInitializer(table, LLVMConstNull(arrayType)) }
            LLVMSetAlignment(table, alignment)
            return table
        }
        tierTable = table(SymbolNames.tierTable, of: types.ptr, alignment: 8)
        osrTable = table(SymbolNames.osrTable, of: types.ptr, alignment: 8)
        hotnessCounters = table(SymbolNames.hotnessCounters, of: types.i32, alignment: 4)
    }

    /// The function type at `index` of the type section.
    static func type(_ index: UInt32, in wasm: WasmModule) throws(CompileError) -> FunctionType {
        guard Int(index) < wasm.types.count else {
            throw CompileError.invalidModule(.invalid("unknown type \(index)", offset: 0))
        }
        return wasm.types[Int(index)]
    }

    /// The declaration of defined function `definedIndex` (`wasm_f<i>`),
    /// added on first use.
    func definedFunction(_ definedIndex: Int) -> LLVMValueRef {
        if let function = declaredFunctions[definedIndex] { return function }
        let index = importedFunctionCount + definedIndex
        let function: LLVMValueRef = LLVMAddFunction(module, SymbolNames.function(index), types.function(functionTypes[index]))
        applyFunctionAttributes(to: function)
        if declaresNoInline { ir.addAttributes(["noinline"], to: function) }
        declaredFunctions[definedIndex] = function
        return function
    }

    /// The defined functions declared so far, by defined index.
    private var declaredInOrder: [(definedIndex: Int, function: LLVMValueRef)] {
        declaredFunctions.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Gives every defined function, declared or yet to be, `noinline`.
    func declareEveryFunctionNoInline() {
        declaresNoInline = true
        for (_, function) in declaredFunctions { ir.addAttributes(["noinline"], to: function) }
    }

    /// Adds the on-stack-replacement entry of defined function
    /// `definedIndex` (see ``OSREntry``), with the attributes of every function.
    func declareOSREntry(definedIndex: Int) -> LLVMValueRef {
        let index = importedFunctionCount + definedIndex
        let function: LLVMValueRef = LLVMAddFunction(module, SymbolNames.osrEntry(index),
                                                     FunctionEmitter.osrEntryType(functionTypes[index], types: types))
        applyFunctionAttributes(to: function)
        return function
    }

    /// Gives every function declared so far, and every one declared from now
    /// on, `convention` (functions are declared before the module's analysis
    /// tells which convention it uses).
    func useConvention(_ convention: WasmCallingConvention) {
        self.convention = convention
        for (_, function) in declaredFunctions { convention.apply(toFunction: function) }
    }

    /// The alignment of every function outside the first tier (optimised
    /// code: eager, AOT, hot functions, their copies and OSR entries), in
    /// bytes: a cache line, where LLVM's x86 default is 16.
    ///
    /// Where a function starts modulo 64 decides how its loops (aligned to
    /// 32, see ``LLVMOptions``) and branches fall into the front end's 64-byte
    /// fetch blocks, and the same machine code ran CoreMark up to 7 % apart
    /// depending on where its object happened to land: in one process, run 1
    /// scored 29,616 and runs 2–3 31,410–31,591, the same callee copies in the
    /// OSR entry's object and in `run`'s own (perf with `WASMEX_PERF_MAP=1`:
    /// identical sizes, start offsets 0x000 and 0xa60). Measured with
    /// `-align-all-functions=6` in `WASMEX_LLVM_OPTIONS`, alternating single
    /// runs (`bench run --engine jit --workload coremark --runs 1`, AMD EPYC,
    /// docs/bench/stop34-function-alignment.log): scores 29,272 / 29,412 /
    /// 29,769 at 16 against 31,053 / 31,075 / 31,578 at 64; sightglass within
    /// noise. The cost is under 64 bytes of padding per optimised function.
    /// First-tier code keeps LLVM's default: it is compiled for its start-up
    /// and left as soon as a function proves hot.
    static let optimizedFunctionAlignment: UInt32 = 64

    private func applyFunctionAttributes(to function: LLVMValueRef) {
        // `tailcc` in a module with tail calls, so that `return_call` can be a
        // `musttail` call between different signatures (see ``WasmCallingConvention``).
        convention.apply(toFunction: function)
        ir.addAttributes(["nounwind"], to: function)
        // Wasm recursion must exhaust the stack ("call stack exhausted"), so LLVM
        // may not turn (accumulator) recursion into loops. First-tier code is
        // built at O0, where no pass forms tail calls, and its forwarding
        // `musttail` call (see ``CodeTier``) must not meet this attribute.
        // (Wasm's `return_call` is a `musttail` call, a tail call either way.)
        if tier != .first {
            ir.addStringAttribute("disable-tail-calls", "true", to: function)
            LLVMSetAlignment(function, Self.optimizedFunctionAlignment)
        }
        // Frame pointers let a trap walk the Wasm frames (trap backtraces).
        ir.addStringAttribute("frame-pointer", "all", to: function)
        // The prologue's stack check only estimates the frame (locals, not
        // spilled operands), so a big frame could start below the limit and
        // beyond the thread's guard page. With inline stack probes a frame
        // larger than a page touches each page as it is allocated, so it
        // always faults on the guard page first; the fault handler turns
        // that fault into "call stack exhausted".
        ir.addStringAttribute("probe-stack", "inline-asm", to: function)
    }

    /// Gives defined function `definedIndex` (whose body this module holds)
    /// internal linkage and its debug name: a private copy LLVM may inline
    /// (see ``HotFunctionCompiler``).
    func makeInternal(definedIndex: Int) {
        let function = definedFunction(definedIndex)
        let index = importedFunctionCount + definedIndex
        LLVMSetLinkage(function, LLVMInternalLinkage)
        let name = SymbolNames.internalFunction(index, debugName: wasm.names.functionNames[UInt32(index)])
        LLVMSetValueName2(function, name, name.utf8.count)
    }

    /// Calls to defined functions whose bodies this module does not hold
    /// become calls to their loaded code at `addresses` (absolute index →
    /// address); their declarations go. For an object compiled after the
    /// module's first tier is loaded (see ``HotFunctionCompiler``), which
    /// then needs no symbol resolution for them.
    func bindDeclarations(to addresses: (Int) -> UInt64?) {
        for (definedIndex, function) in declaredInOrder where LLVMCountBasicBlocks(function) == 0 {
            guard LLVMGetFirstUse(function) != nil else { continue }
            let index = importedFunctionCount + definedIndex
            guard let address = addresses(index) else { continue }
            let constant = LLVMConstIntToPtr(LLVMConstInt(types.i64, address, 0), types.ptr)
            LLVMReplaceAllUsesWith(function, constant)
        }
    }

    /// Every use of a defined function — calls between the bodies this module
    /// holds included — becomes a use of its stub at `addresses` (absolute
    /// index → address), so that every call goes through the tier table and
    /// switches with it. For bodies compiled on first call (``LazyCompiler``).
    func bindAllCalls(to addresses: (Int) -> UInt64?) {
        for (definedIndex, function) in declaredInOrder where LLVMGetFirstUse(function) != nil {
            guard let address = addresses(importedFunctionCount + definedIndex) else { continue }
            LLVMReplaceAllUsesWith(function, LLVMConstIntToPtr(LLVMConstInt(types.i64, address, 0), types.ptr))
        }
    }

    /// The declared tier tables (``declareTierTable(defining:)`` with
    /// `defining` false) become the loaded first-tier object's tables at
    /// `addresses` (symbol name → address).
    func bindTierTables(to addresses: (String) -> UInt64?) {
        for (name, table) in [(SymbolNames.tierTable, tierTable), (SymbolNames.osrTable, osrTable),
                              (SymbolNames.hotnessCounters, hotnessCounters)] {
            guard let table, LLVMGetFirstUse(table) != nil, let address = addresses(name) else { continue }
            LLVMReplaceAllUsesWith(table, LLVMConstIntToPtr(LLVMConstInt(types.i64, address, 0), types.ptr))
        }
    }

    /// Gives non-escaping functions internal linkage (so LLVM may inline,
    /// specialise or drop them) and a debug name; escaping ones keep their
    /// exported `wasm_f<i>` symbol, as does every function of tiered code
    /// (second-tier addresses are published; first-tier partitions call one another by name).
    func finalizeLinkage() {
        for (definedIndex, function) in declaredInOrder {
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
        let defined = importedFunctionCount..<(importedFunctionCount + wasm.functions.count)
        return tier != .only ? Array(defined) : escaping.filter { $0 >= importedFunctionCount }.sorted()
    }

    /// The declaration of a runtime function (added on first use).
    func runtime(_ function: RuntimeFunction) -> (function: LLVMValueRef, type: LLVMTypeRef) {
        ir.runtime(function)
    }
}
