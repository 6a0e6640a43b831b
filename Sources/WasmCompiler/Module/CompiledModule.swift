import WasmFrontend

/// The output of compiling one Wasm module: a relocatable object for the host
/// plus what a loader needs to bind it (all derivable from the Wasm module, so
/// an AOT artifact only has to store the object bytes and check it matches).
package struct CompiledModule: Sendable {
    /// The object file bytes (ELF on Linux).
    package let objectBytes: [UInt8]
    /// Absolute indices of defined functions that may be called from outside
    /// generated code (exports, the start function, functions referenced by
    /// `ref.func`, element segments or global initialisers). Each has the
    /// symbol ``SymbolNames/function(_:)``.
    package let escapingFunctions: [Int]
    /// Signatures with an entry trampoline (``SymbolNames/entryTrampoline(for:)``) in the object.
    package let entrySignatures: [FunctionType]
    /// The target the object was made for.
    package let target: HostTarget
    /// The optimisation level used.
    package let optimization: OptimizationLevel
    /// How the code keeps accesses inside linear memory: a module compiled
    /// with guard pages must only see guard-page memories.
    package let memoryStrategy: MemoryStrategy
    /// Time spent per compilation phase (zero for modules loaded from an AOT artifact).
    package var timings = CompileTimings()
    /// Functions whose `wasm_f<i>` symbol the object exports: the escaping
    /// ones, or every defined function in second-tier code (see ``CodeTier``).
    package var exportedFunctions: [Int] = []
    /// The calling convention of the object's functions; for each entry
    /// signature the object also defines the adapter of the other convention
    /// (see ``WasmCallingConvention``).
    package var convention = WasmCallingConvention.c
    /// True when the object holds a tier table (`wasm_tiers`, first tier).
    package var hasTierTable = false
    /// The other partitions of first-tier code compiled in parallel, to be
    /// loaded with ``objectBytes`` into one JITDylib (they call one another
    /// by symbol). Empty for everything that is stored or cached.
    package var extraObjects: [[UInt8]] = []
    /// First-tier code: the defined functions compiled with registers (see ``FirstTierGrade``).
    package var registersFunctions: [Int] = []

    /// Reassembles a compiled module (e.g. read back from an AOT artifact).
    package init(objectBytes: [UInt8], escapingFunctions: [Int], entrySignatures: [FunctionType],
                target: HostTarget, optimization: OptimizationLevel, memoryStrategy: MemoryStrategy = .explicitChecks) {
        self.objectBytes = objectBytes
        self.memoryStrategy = memoryStrategy
        self.escapingFunctions = escapingFunctions
        self.entrySignatures = entrySignatures
        self.target = target
        self.optimization = optimization
    }

    /// Every symbol a loader must resolve.
    package var requiredSymbols: [String] {
        Set(escapingFunctions + exportedFunctions).sorted().map(SymbolNames.function)
            + entrySignatures.map(SymbolNames.entryTrampoline)
            + entrySignatures.map { SymbolNames.adapter(for: $0, convention: convention.other) }
            + (hasTierTable ? [SymbolNames.tierTable, SymbolNames.osrTable, SymbolNames.hotnessCounters] : [])
    }
}

/// Options for ``ModuleCompiler``.
package struct CompilerOptions: Sendable, Hashable {
    /// LLVM optimisation level (default O2).
    package var optimization: OptimizationLevel
    /// Run LLVM's IR verifier before optimising (on in debug builds by default).
    package var verifyIR: Bool
    /// Emit epoch checks at function entry and loop back-edges (interruption).
    package var epochInterruption: Bool
    /// Emit fuel metering, Wasmtime's cost model (see ``FuelCostModel``).
    package var consumeFuel: Bool
    /// How loads and stores stay inside linear memory (see ``MemoryStrategy``).
    package var memoryStrategy: MemoryStrategy
    /// Record each Wasm operator's code-section byte offset so trap
    /// backtraces can name the exact instruction (Wasmex `wasm_backtrace_details`).
    package var backtraceDetails: Bool
    /// The object's role in tiered execution (see ``CodeTier``).
    package var tier: CodeTier
    /// First-tier code: calls plus loop iterations after which a function
    /// asks for its optimised code (see ``CodeTier``).
    package var hotnessThreshold: UInt32 = CompilerOptions.defaultHotnessThreshold

    /// Run the light IR passes (``PassPipeline/light``) whatever
    /// ``optimization`` is, which then picks only the code
    /// generator (see ``HotFunctionCompiler`` for when).
    package var lightPasses = false

    /// First-tier code: looping functions of at most this many bytes of
    /// code get registers (nil: none; see ``FirstTierGrade``).
    package var firstTierRegistersMaximumCodeSize: Int? = FirstTierGrade.maximumRegistersSize

    /// The default ``hotnessThreshold``.
    package static let defaultHotnessThreshold: UInt32 = 10_000

    package init(optimization: OptimizationLevel = .o2, verifyIR: Bool? = nil,
                epochInterruption: Bool = false, consumeFuel: Bool = false,
                memoryStrategy: MemoryStrategy = .explicitChecks, backtraceDetails: Bool = false,
                tier: CodeTier = .only) {
        self.optimization = optimization
        self.tier = tier
        self.epochInterruption = epochInterruption
        self.consumeFuel = consumeFuel
        self.memoryStrategy = memoryStrategy
        self.backtraceDetails = backtraceDetails
        #if DEBUG
        self.verifyIR = verifyIR ?? true
        #else
        self.verifyIR = verifyIR ?? false
        #endif
    }
}
