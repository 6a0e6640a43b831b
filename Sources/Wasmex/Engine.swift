import WasmCompiler
import WasmFrontend

/// Compiles modules and owns the JIT their code lives in. Share one engine
/// between stores and threads; it is thread-safe.
public final class Engine: @unchecked Sendable {
    /// How an engine compiles code.
    public struct Configuration: Sendable, Hashable {
        /// LLVM optimisation level (default O2): of every module compiled
        /// eagerly, and of the second tier of a tiered one.
        public var optimization: OptimizationLevel
        /// When code is compiled (default ``CompilationStrategy/tiered``: O0 at
        /// once, ``optimization`` in the background). Ahead-of-time objects
        /// (``Module/serialize()``, `wasmex compile`) are always compiled at
        /// ``optimization``.
        public var compilation: CompilationStrategy
        /// How many threads compile one module's first tier in parallel
        /// (default nil: one per core; 1 compiles it on the calling thread
        /// alone). Modules with less than 4 KB of code always use one. The
        /// background second tiers of all engines share one thread per core.
        public var compileThreads: Int?
        /// Tiered modules: how many counts make a function hot (default
        /// 10,000). A call counts 1 plus one per 64 bytes of the function's
        /// code, each loop iteration 1. A hot function is compiled alone at
        /// ``optimization`` on a background thread and switched in — at its
        /// next call, and in a call already running at the next iteration of
        /// its outermost loop (on-stack replacement). Lower values optimise
        /// sooner and more; 1 optimises every function on its first call.
        public var hotnessThreshold: Int = 10_000
        /// Tiered modules with at least this many bytes of function-body code
        /// compile each function's first-tier code on its first call (see
        /// <doc:TieredCompilation>); smaller ones compile it all at once. nil
        /// compiles every first tier at once; 0 compiles every module's
        /// functions on first call (tests). Default 1 KiB. With
        /// ``backtraceDetails`` every first tier is compiled at once.
        package var lazyCompilationMinimumCodeSize: Int? = LazyCompiler.minimumCodeSize
        /// Modules compiled on first call also compile their first-tier
        /// bodies ahead of the first calls on a spare core (default on, with
        /// two cores or more; see `LazyFunctions.compileAhead()`). Tests turn
        /// it off to see exactly what first calls compile.
        package var compilesFirstTierAhead = CompileThreads.count > 1
        /// Tests: a hot function is compiled on the thread that reported it,
        /// before that call goes on, instead of in the background (so with a
        /// threshold of 1 every call runs optimised code and every resumable
        /// loop is entered through on-stack replacement, deterministically).
        package var compilesHotFunctionsInline = false
        /// Tiered modules: hot functions whose optimised compile takes in at
        /// least this many bytes of code, their own (up to 16 KB) and their
        /// callee copies', run quick-stage code until their optimised code is
        /// built (nil: they wait for the optimised code; see
        /// `HotFunctionCompiler.stages(forCodeSize:withCopies:minimumQuickSize:)`).
        /// Default 2 KiB.
        package var quickStageMinimumCodeSize: Int? = HotFunctionCompiler.defaultMinimumQuickSize
        /// Tiered modules: looping functions of at most this many bytes of code
        /// get first-tier code with registers (nil: none; see `FirstTierGrade`).
        /// Default 4 KiB.
        package var firstTierRegistersMaximumCodeSize: Int? = FirstTierGrade.maximumRegistersSize
        /// Tiered modules compiled on first call: how many of their kernels
        /// (small leaf functions that loop or recurse) are compiled at
        /// ``optimization`` on their first call (default 64; 0: none; see
        /// `FirstTierGrade.isKernel`).
        package var firstTierKernelsPerModule = FirstTierGrade.kernelsPerModule
        /// Tiered modules with a ``cacheDirectory``: compile the whole module
        /// in the background while it runs, to store it in the cache (default
        /// on). `wasmex run` turns it off: it fills the cache from a separate
        /// process after the program ends, so the program's hot functions get
        /// the compile threads to themselves.
        package var fillsCacheWhileRunning = true
        /// Run LLVM's IR verifier on every module (default: on in debug builds).
        public var verifyIR: Bool?
        /// Compile epoch checks so call timeouts and ``Store/interrupt()`` stop
        /// running Wasm (default on; see `wasmex bench control` for the cost).
        public var epochInterruption: Bool
        /// Compile fuel accounting (Wasmex `consume_fuel`, default off), charged
        /// as Wasmtime charges it (see `FuelCostModel`). A new store then
        /// starts with 0 fuel: give it some with ``Store/setFuel(_:)`` (or
        /// ``StoreConfiguration/fuel`` for a ``WasmexInstance``).
        public var consumeFuel: Bool
        /// Maximum native stack, in bytes, Wasm code of a call may use (nil: the
        /// thread's stack minus a safety margin). Deeper recursion traps
        /// "call stack exhausted".
        public var maxWasmStack: Int?
        /// A directory for the on-disk compile cache (nil: no cache). Compiled
        /// modules are stored there as AOT objects keyed by the hash of their
        /// Wasm bytes, the code-affecting options, LLVM and the host target;
        /// a hit loads the object instead of compiling. Objects in the
        /// directory are trusted like ``Module/deserialize(engine:bytes:)``'s
        /// input: use a directory only this process's user can write.
        public var cacheDirectory: String?
        /// The most bytes the compile cache may hold (default 1 GiB). After
        /// storing an entry the cache drops the least recently used entries
        /// until it fits; a hit counts as a use.
        public var cacheSizeLimit: Int = 1 << 30
        /// How generated code keeps loads and stores inside linear memory
        /// (default `MemoryStrategy.hostDefault`: guard pages on 64-bit Linux
        /// and macOS, explicit checks elsewhere; both make out-of-bounds traps exact).
        public var memoryStrategy: MemoryStrategy
        /// Trap backtraces carry each frame's byte offset in the module's bytes
        /// (``WasmFrame/codeOffset``; Wasmex `wasm_backtrace_details`; default off).
        public var backtraceDetails: Bool
        /// The compile budget: the most locals, functions and code a module
        /// may have (defaults in `CompileLimits`). A module past a limit
        /// fails with `CompileError/limitExceeded(_:)` before LLVM runs,
        /// so compiling an untrusted module takes bounded time and memory.
        /// Loading an AOT object (``Module/deserialize(engine:bytes:)``) compiles
        /// nothing and is not checked.
        public var compileLimits: CompileLimits

        /// Creates a configuration; every parameter defaults to the value its property describes.
        public init(optimization: OptimizationLevel = .o2, verifyIR: Bool? = nil,
                    epochInterruption: Bool = true, consumeFuel: Bool = false, maxWasmStack: Int? = nil,
                    cacheDirectory: String? = nil, memoryStrategy: MemoryStrategy = .hostDefault,
                    backtraceDetails: Bool = false, compileLimits: CompileLimits = CompileLimits(),
                    compilation: CompilationStrategy = .tiered) {
            self.compileLimits = compileLimits
            self.compilation = compilation
            self.cacheDirectory = cacheDirectory
            self.memoryStrategy = memoryStrategy
            self.backtraceDetails = backtraceDetails
            self.optimization = optimization
            self.verifyIR = verifyIR
            self.epochInterruption = epochInterruption
            self.consumeFuel = consumeFuel
            self.maxWasmStack = maxWasmStack
        }

        var compilerOptions: CompilerOptions {
            var options = CompilerOptions(optimization: optimization, verifyIR: verifyIR,
                                          epochInterruption: epochInterruption, consumeFuel: consumeFuel,
                                          memoryStrategy: memoryStrategy, backtraceDetails: backtraceDetails)
            options.hotnessThreshold = UInt32(clamping: max(1, hotnessThreshold))
            options.firstTierRegistersMaximumCodeSize = firstTierRegistersMaximumCodeSize
            return options
        }
    }

    /// How this engine compiles; fixed when the engine is created.
    public let configuration: Configuration
    let jit: JITSession
    /// How many code objects the engine's JIT holds now (modules, their hot
    /// functions and second tiers, exit trampolines): what releasing modules
    /// must bring back down.
    package var loadedObjectCount: Int { jit.loadedObjectCount }
    let types = SignatureRegistry()
    /// Runtime types of struct and array types (WebAssembly GC), by canonical id.
    let runtimeTypes = RuntimeTypeRegistry()
    private let lock = Lock()
    private var exitTrampolines: [FunctionType: (object: LoadedObject, code: ExitCode)] = [:]

    /// The code of host functions of one signature: the exit trampoline (C
    /// convention) and its `tailcc` adapter, which takes the funcref record as
    /// its context (see `WasmCallingConvention` in the compiler).
    struct ExitCode {
        let code: UnsafeRawPointer
        let tailAdapter: UnsafeRawPointer
    }

    /// Creates an engine with its own JIT.
    public init(_ configuration: Configuration = Configuration()) throws(WasmexError) {
        self.configuration = configuration
        do {
            jit = try JITSession()
        } catch {
            throw WasmexError.compile(error)
        }
    }

    /// The code of host functions of signature `type` (compiled once per engine).
    func exitTrampoline(for type: FunctionType) throws(WasmexError) -> ExitCode {
        try lock.withLock { () throws(WasmexError) -> ExitCode in
            let type = type.machineSignature
            if let cached = exitTrampolines[type] { return cached.code }
            let symbol = SymbolNames.exitTrampoline(for: type)
            let adapter = SymbolNames.adapter(for: type, convention: .tail)
            do throws(CompileError) {
                let object = try ExitTrampolineCompiler.compile([type], options: configuration.compilerOptions)
                let loaded = try jit.load(object: object, name: symbol, symbols: [symbol, adapter])
                guard let code = loaded.address(of: symbol) else { throw CompileError.missingSymbol(symbol) }
                guard let tailAdapter = loaded.address(of: adapter) else { throw CompileError.missingSymbol(adapter) }
                let exit = ExitCode(code: code, tailAdapter: tailAdapter)
                exitTrampolines[type] = (loaded, exit)
                return exit
            } catch {
                throw WasmexError.compile(error)
            }
        }
    }
}

/// Engine-wide canonical ids for function types, so `call_indirect` compares
/// small integers across modules. Types are interned by recursion group
/// (``TypeCanonicalization``): equivalent groups from any module share ids.
/// Id 0 is never used.
final class SignatureRegistry: @unchecked Sendable {
    private let lock = Lock()
    private var groups: [[CanonicalMember]: UInt32] = [:]
    /// The declared supertype of each canonical type that has one.
    private var supertypes: [UInt32: UInt32] = [:]
    private var next: UInt32 = 1

    /// The id of a function type standing alone (a host function's type).
    func id(of type: FunctionType) -> UInt32 {
        lock.withLock { intern(TypeCanonicalization.key(of: type)) }
    }

    /// The id of each of `module`'s types (and, from now on, their declared supertypes).
    func ids(of module: WasmModule) -> [UInt32] {
        lock.withLock {
            let ids = TypeCanonicalization.canonicalIDs(of: module) { Int(intern($0)) }.map { UInt32(truncatingIfNeeded: $0) }
            for (index, id) in ids.enumerated() {
                if let parent = module.typeDeclaration(at: index).supertype, Int(parent) < ids.count {
                    supertypes[id] = ids[Int(parent)]
                }
            }
            return ids
        }
    }

    /// Whether canonical type `actual` is `expected` or declared (transitively) below it.
    func isSubtype(_ actual: UInt32, of expected: UInt32) -> Bool {
        if actual == expected { return true }
        return lock.withLock {
            var current = actual
            while let parent = supertypes[current] {
                if parent == expected { return true }
                current = parent
            }
            return false
        }
    }

    private func intern(_ key: [CanonicalMember]) -> UInt32 {
        if let id = groups[key] { return id }
        let id = next
        groups[key] = id
        next += UInt32(max(1, key.count))
        return id
    }
}
