import WasmCompiler
import WasmFrontend

/// A compiled WebAssembly module: validated, lowered to machine code and
/// loaded into its engine's JIT. Instantiate it in a ``Store`` any number of times.
public final class Module: @unchecked Sendable {
    /// The engine that compiled the module; instantiate it only in stores of this engine.
    public let engine: Engine
    /// The module's description (types, imports, exports, segments, …).
    package let wasm: WasmModule
    /// The compiled object and its symbol metadata (what an AOT artifact stores).
    package let compiled: CompiledModule
    /// The code every entry point leads to: the only object, or the first tier.
    let code: LoadedObject
    /// The background compilation of a tiered module (nil: compiled once).
    private let tierUp: TierUp?
    /// A tiered module's hot functions, optimised one by one (nil: compiled once).
    private let hotFunctions: HotFunctions?
    /// A tiered module's first-tier bodies, compiled on first call (nil: the
    /// first tier was compiled whole, or the module is not tiered).
    private let lazyFunctions: LazyFunctions?
    /// Stable copies of the data segments' bytes (`memory.init` reads them at run time).
    let data: SegmentBytes
    /// The engine-wide id of each of the module's types (equal for equivalent types
    /// of any module of the engine; what `call_indirect` and import checks compare).
    let typeIDs: [UInt32]
    /// The address of the runtime type (`wasmex_rtt`) of each struct and array
    /// type, 0 for function types; owned by the engine.
    let runtimeTypes: [UInt]
    /// The module's subtype relation (resolves which hierarchy a concrete type belongs to).
    package let subtyping: Subtyping
    /// The module's DWARF line tables, read on the first trap that needs them.
    package let sourceMap = ModuleSourceMap()

    /// The module's name from its name section, if any.
    public var name: String? { wasm.names.moduleName }
    /// What the module imports, in order.
    package var imports: [Import] { wasm.imports }
    /// What the module exports, in order.
    package var exports: [Export] { wasm.exports }

    /// Compiles a module from its binary (`.wasm`) or text (`.wat`) form.
    public convenience init(engine: Engine, bytes: [UInt8]) throws(WasmexError) {
        let wasm: WasmModule
        do {
            let binary = WasmText.looksLikeText(bytes) ? try WasmText.toBinary(utf8: bytes) : bytes
            wasm = try WasmModule.decode(binary)
        } catch {
            throw WasmexError.compile(.invalidModule(error))
        }
        // The budget needs only decoded counts and one cheap pass for loop
        // nesting, so it is checked before validation too: a module past it
        // is refused before the validator allocates per-function state.
        do { try engine.configuration.compileLimits.check(wasm) } catch { throw WasmexError.compile(error) }
        do {
            try wasm.validate()
        } catch {
            throw WasmexError.compile(.invalidModule(error))
        }
        try self.init(engine: engine, validated: wasm, limits: nil)
    }

    /// Compiles a module from its text form.
    public convenience init(engine: Engine, text: String) throws(WasmexError) {
        try self.init(engine: engine, bytes: Array(text.utf8))
    }

    /// Compiles a module that has already passed ``WasmModule/validate()``.
    package convenience init(engine: Engine, validated wasm: WasmModule) throws(WasmexError) {
        try self.init(engine: engine, validated: wasm, limits: engine.configuration.compileLimits)
    }

    /// Compiles `wasm`, checking `limits` first (nil: the caller already did;
    /// the check rescans large bodies for loop nesting, so it runs once per module).
    private convenience init(engine: Engine, validated wasm: WasmModule, limits: CompileLimits?) throws(WasmexError) {
        let configuration = engine.configuration
        let name = wasm.names.moduleName ?? "wasm"
        let cache = configuration.cacheDirectory.map { (directory: $0, sizeLimit: configuration.cacheSizeLimit) }
        let tiered = configuration.compilation == .tiered && configuration.optimization != .o0
        guard tiered else {
            if let cache {
                let cached = try CompileCache.compiled(wasm, options: configuration.compilerOptions, limits: limits,
                                                       directory: cache.directory, sizeLimit: cache.sizeLimit)
                try self.init(engine: engine, validated: wasm, compiled: cached)
                return
            }
            let compiled: CompiledModule
            do {
                compiled = try ModuleCompiler.compile(wasm, name: name, options: configuration.compilerOptions, limits: limits)
            } catch {
                throw WasmexError.compile(error)
            }
            try self.init(engine: engine, validated: wasm, compiled: compiled)
            return
        }
        // Tiered: a cached module is already optimised; otherwise O0 now and
        // the configured level in the background (stored in the cache when done).
        do { try limits?.check(wasm) } catch { throw WasmexError.compile(error) }
        if let cache, let cached = CompileCache.lookup(wasm, options: configuration.compilerOptions, directory: cache.directory) {
            try self.init(engine: engine, validated: wasm, compiled: cached)
            return
        }
        var first = configuration.compilerOptions
        first.optimization = .o0
        first.tier = .first
        var second = configuration.compilerOptions
        second.tier = .second
        if let minimum = configuration.lazyCompilationMinimumCodeSize, !configuration.backtraceDetails,
           wasm.bodies.reduce(0, { $0 + $1.code.count }) >= minimum {
            let stubs: LazyCompiler.Stubs
            do {
                stubs = try LazyCompiler.compileStubs(wasm, name: name, options: first)
            } catch {
                throw WasmexError.compile(error)
            }
            try self.init(engine: engine, validated: wasm, compiled: stubs.compiled, secondTier: second, cache: cache,
                          lazy: (stubs, first))
            return
        }
        let compiled: CompiledModule
        do {
            compiled = try ModuleCompiler.compile(wasm, name: name, options: first, limits: nil,
                                                  partitions: PartitionedCompiler.partitionCount(
                                                      wasm, threads: max(1, configuration.compileThreads ?? CompileThreads.count)))
        } catch {
            throw WasmexError.compile(error)
        }
        try self.init(engine: engine, validated: wasm, compiled: compiled, secondTier: second, cache: cache)
    }

    /// Loads already compiled code for `wasm` (the second half of the pipeline
    /// alone: no LLVM optimisation or code generation runs). `compiled` must
    /// come from ``ModuleCompiler`` for this very module and this host; an AOT
    /// cache checks that before calling this.
    package convenience init(engine: Engine, validated wasm: WasmModule, compiled: CompiledModule) throws(WasmexError) {
        try self.init(engine: engine, validated: wasm, compiled: compiled, secondTier: nil, cache: nil)
    }

    /// Loads `compiled`; when it is first-tier code and `secondTier` is given,
    /// starts compiling the second tier in the background.
    /// With `lazy` (the stub object's description and the first tier's
    /// options), `compiled` is a stub object and bodies are compiled on first call.
    private init(engine: Engine, validated wasm: WasmModule, compiled: CompiledModule, secondTier: CompilerOptions?,
                 cache: (directory: String, sizeLimit: Int)?,
                 lazy: (stubs: LazyCompiler.Stubs, options: CompilerOptions)? = nil) throws(WasmexError) {
        self.engine = engine
        self.wasm = wasm
        self.compiled = compiled
        typeIDs = engine.types.ids(of: wasm)
        runtimeTypes = engine.runtimeTypes.runtimeTypes(of: wasm, ids: typeIDs).map { UInt(bitPattern: $0) }
        subtyping = Subtyping(module: wasm)
        let name = wasm.names.moduleName ?? "wasm"
        do {
            code = try engine.jit.load(objects: [compiled.objectBytes] + compiled.extraObjects, name: name,
                                       symbols: compiled.requiredSymbols)
        } catch {
            throw WasmexError.compile(error)
        }
        data = SegmentBytes(wasm)
        let registers = FirstTierRegisters(compiled.registersFunctions)
        if let secondTier, compiled.hasTierTable, let table = code.address(of: SymbolNames.tierTable) {
            let imported = wasm.imports.count { if case .function = $0.descriptor { true } else { false } }
            tierUp = TierUp(wasm: wasm, name: name, options: secondTier, cache: cache, jit: engine.jit, table: table,
                            importedFunctionCount: imported)
            hotFunctions = HotFunctions(wasm: wasm, name: name, options: secondTier, firstTier: code, jit: engine.jit,
                                        importedFunctionCount: imported,
                                        inline: engine.configuration.compilesHotFunctionsInline,
                                        minimumQuickSize: engine.configuration.quickStageMinimumCodeSize,
                                        analysis: lazy?.stubs.analysis, registers: registers)
            // Without a cache the whole module is optimised only when asked
            // (``waitForTierUp()``): hot functions are optimised one by one as
            // they get hot. With a cache the whole module is compiled in the
            // background as well, so that the next run loads optimised code.
            if cache != nil && engine.configuration.fillsCacheWhileRunning { tierUp?.start() }
        } else {
            tierUp = nil
            hotFunctions = nil
        }
        if let lazy {
            lazyFunctions = LazyFunctions(wasm: wasm, name: name, options: lazy.options, stubs: lazy.stubs,
                                          code: code, jit: engine.jit, registers: registers,
                                          kernelOptions: hotFunctions == nil ? nil : secondTier,
                                          kernels: engine.configuration.firstTierKernelsPerModule)
            if engine.configuration.compilesFirstTierAhead { lazyFunctions?.compileAhead() }
        } else {
            lazyFunctions = nil
        }
    }

    deinit {
        tierUp?.abandon()
        hotFunctions?.abandon()
        lazyFunctions?.abandon()
    }

    /// True when the whole module runs optimised code: compiled eagerly,
    /// loaded from an AOT object or the cache, or tiered up as a whole
    /// (``waitForTierUp()``, or the background compile that fills a cache).
    /// A tiered module whose hot functions alone were optimised is not
    /// (see ``CompilationStrategy``).
    public var isOptimized: Bool { tierUp?.isDone ?? true }

    /// Tiered modules: how many functions got hot and run optimised code of
    /// their own so far, and how many of those can also move a running call
    /// into it (on-stack replacement). (0, 0) for other modules.
    package var hotFunctionCounts: (optimized: Int, resumable: Int) { hotFunctions?.counts ?? (0, 0) }

    /// Tiered modules: how many hot functions run quick-stage code, and how
    /// many have had it replaced by their optimised code.
    package var hotFunctionStageCounts: (quick: Int, upgraded: Int) { hotFunctions?.stageCounts ?? (0, 0) }

    /// Tiered modules compiled on first call: how many functions have been
    /// compiled so far (nil when the whole first tier was compiled at once).
    package var lazilyCompiledCount: Int? { lazyFunctions?.count }

    /// How many of them were kernels, optimised on their first call (see
    /// `FirstTierGrade.isKernel`); nil as ``lazilyCompiledCount``.
    package var lazyKernelCount: Int? { lazyFunctions?.kernelCount }

    /// Tiered modules: the hot functions whose optimised code could not be
    /// built, by defined index (they keep the code they had: first-tier
    /// code, or quick-stage code when only their O2 stage failed).
    package var hotFunctionFailures: [Int: CompileError] { hotFunctions?.compileFailures ?? [:] }

    /// Blocks until the whole module's optimised code runs, compiling it on
    /// this thread if no background thread has started on it yet. Returns at once
    /// for a module that is already optimised. Calls already running finish
    /// in the code they started in; every call after this returns runs the
    /// optimised code.
    ///
    /// - Throws: ``WasmexError/compile(_:)`` when the optimised code could not
    ///   be built; the module keeps working on its first tier.
    public func waitForTierUp() throws(WasmexError) {
        do { try tierUp?.wait() } catch { throw WasmexError.compile(error) }
    }

    /// Every loaded object with this module's code: the first tier (or only
    /// object), then the second tier once published.
    var codeObjects: [LoadedObject] {
        [code] + (lazyFunctions?.objects ?? []) + (hotFunctions?.objects ?? [])
            + (tierUp?.optimizedObject.map { [$0] } ?? [])
    }

    /// The native code of defined function `index` (absolute), if it escapes.
    func functionCode(_ index: Int) -> UnsafeRawPointer? {
        code.address(of: SymbolNames.function(index))
    }

    /// The adapter into the other calling convention for functions of `type`
    /// (their funcref records' second way in), if this module has one.
    func adapter(for type: FunctionType) -> UnsafeRawPointer? {
        code.address(of: SymbolNames.adapter(for: type.machineSignature, convention: compiled.convention.other))
    }

    /// The entry trampoline for functions of `type`, if this module has one.
    func entryTrampoline(for type: FunctionType) -> UnsafeRawPointer? {
        code.address(of: SymbolNames.entryTrampoline(for: type.machineSignature))
    }
}

/// The bytes of all data segments copied into one allocation that never moves.
final class SegmentBytes: @unchecked Sendable {
    private let storage: UnsafeMutableRawBufferPointer
    private let ranges: [Range<Int>]

    init(_ wasm: WasmModule) {
        var ranges: [Range<Int>] = []
        var total = 0
        for segment in wasm.data {
            let count = wasm.slice(segment.bytes).count
            ranges.append(total..<(total + count))
            total += count
        }
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(total, 1), alignment: 16)
        for (segment, range) in zip(wasm.data, ranges) {
            let bytes = wasm.slice(segment.bytes)
            bytes.withUnsafeBytes { source in
                if let base = source.baseAddress, let destination = storage.baseAddress {
                    (destination + range.lowerBound).copyMemory(from: base, byteCount: source.count)
                }
            }
        }
        self.storage = storage
        self.ranges = ranges
    }

    deinit { storage.deallocate() }

    /// The bytes of segment `index`.
    func segment(_ index: Int) -> UnsafeRawBufferPointer {
        guard index < ranges.count, let base = storage.baseAddress else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: base + ranges[index].lowerBound, count: ranges[index].count)
    }
}
