#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CWasmexRuntime
import WasmCompiler
import WasmFrontend

/// The functions of one tiered module that first-tier code reported hot
/// (see `OSREntry` in the compiler): each is compiled alone at the second
/// tier's level on a compile thread, loaded, and published — its code in the
/// tier table, its on-stack-replacement entry in `wasm_osr`.
///
/// A function is compiled once however often it is reported. A failed
/// compilation leaves the function in first-tier code (it stays correct,
/// only slower). The module abandons the set when it is released: queued
/// jobs then do nothing and finished objects are dropped.
final class HotFunctions: @unchecked Sendable {
    private let wasm: WasmModule
    private let name: String
    private let options: CompilerOptions
    private let firstTier: LoadedObject
    private let jit: JITSession
    private let tiers: CodeSlots
    private let osrEntries: CodeSlots
    /// First-tier code's hotness counters (`wasm_hotness`), one `i32` per defined function.
    private let counters: UnsafeRawPointer?
    private let importedFunctionCount: Int
    /// Compile on the reporting thread (``Engine/Configuration/compilesHotFunctionsInline``).
    private let inline: Bool

    private let lock = ConditionLock()
    // Guarded by `lock`:
    private var requested: Set<Int> = []
    private var loaded: [LoadedObject] = []
    private var analysis: ModuleAnalysis?
    private var abandoned = false
    private var resumable = 0
    /// Functions whose optimised code could not be built (they keep running their first tier).
    private var failures: [Int: CompileError] = [:]

    /// - Parameters:
    ///   - firstTier: the module's first-tier object (its `wasm_f<i>`,
    ///     `wasm_tiers` and `wasm_osr` symbols resolved).
    ///   - options: the second tier's options.
    ///   - analysis: the module's analysis if the caller has it (computed on
    ///     the first hot function otherwise).
    init?(wasm: WasmModule, name: String, options: CompilerOptions, firstTier: LoadedObject, jit: JITSession,
          importedFunctionCount: Int, inline: Bool = false, analysis: ModuleAnalysis? = nil) {
        guard let tiers = firstTier.address(of: SymbolNames.tierTable),
              let osr = firstTier.address(of: SymbolNames.osrTable) else { return nil }
        self.counters = firstTier.address(of: SymbolNames.hotnessCounters)
        self.wasm = wasm
        self.name = name
        self.options = options
        self.firstTier = firstTier
        self.jit = jit
        self.tiers = CodeSlots(tiers)
        self.osrEntries = CodeSlots(osr)
        self.importedFunctionCount = importedFunctionCount
        self.inline = inline
        self.analysis = analysis
        HotFunctionRegistry.shared.register(self, tiers: self.tiers.address)
    }

    /// The optimised objects loaded so far (for trap backtraces).
    var objects: [LoadedObject] { lock.withLock { loaded } }

    /// How many functions run optimised code of their own, and how many of
    /// them have an on-stack-replacement entry.
    var counts: (optimized: Int, resumable: Int) { lock.withLock { (loaded.count, resumable) } }

    /// Why functions could not be optimised, by defined index.
    var compileFailures: [Int: CompileError] { lock.withLock { failures } }

    /// Queues defined function `definedIndex` unless it was queued before.
    func report(definedIndex: Int) {
        let queued = lock.withLock { () -> Bool in
            guard !abandoned, definedIndex >= 0, definedIndex < wasm.functions.count else { return false }
            return requested.insert(definedIndex).inserted
        }
        guard queued else { return }
        if inline { return compile(definedIndex) }
        // No thread can be started: the function stays in its first tier.
        try? CompileThreads.pool.submit { [self] in compile(definedIndex) }
    }

    /// Stops publishing; called when the module is released. A job still
    /// running keeps the first-tier object alive until it ends, then drops
    /// what it compiled.
    func abandon() {
        HotFunctionRegistry.shared.unregister(tiers: tiers.address)
        lock.withLock {
            abandoned = true
            loaded = []
        }
    }

    private func compile(_ definedIndex: Int) {
        let analysis = try? lock.withLock { () throws(CompileError) -> ModuleAnalysis? in
            guard !abandoned else { return nil }
            if self.analysis == nil { self.analysis = try ModuleAnalysis(wasm) }
            return self.analysis
        }
        guard let analysis = analysis ?? nil else { return }
        // Never inside LLVM while the process exits (see wasmex_tier.h).
        guard wasmex_tier_compile_begin() != 0 else { return }
        defer { wasmex_tier_compile_end() }
        let firstTier = self.firstTier
        let output: HotFunctionCompiler.Output
        let object: LoadedObject
        do {
            (output, object) = try OptimizingCompiles.run { () throws(CompileError) in
                try compileAndLoad(definedIndex, analysis: analysis, firstTier: firstTier)
            }
        } catch {
            lock.withLock { failures[definedIndex] = error }
            return
        }
        let index = importedFunctionCount + definedIndex
        lock.withLock {
            guard !abandoned else { return }
            loaded.append(object)
            if let code = object.address(of: SymbolNames.function(index)) {
                tiers.publish(code, at: definedIndex)
            }
            if output.hasOSREntry, let entry = object.address(of: SymbolNames.osrEntry(index)) {
                osrEntries.publish(entry, at: definedIndex)
                resumable += 1
            }
        }
    }

    /// Compiles defined function `definedIndex` at the second tier and loads it.
    private func compileAndLoad(_ definedIndex: Int, analysis: ModuleAnalysis,
                                firstTier: LoadedObject) throws(CompileError) -> (HotFunctionCompiler.Output, LoadedObject) {
        let counters = self.counters
        let output = try HotFunctionCompiler.compile(
            wasm, definedIndex: definedIndex, analysis: analysis, name: name, options: options,
            hotness: counters.map { counters in { wasmex_tier_read_counter(counters, UInt32($0)) } },
            firstTier: { index in firstTier.address(of: SymbolNames.function(index)).map { UInt64(UInt(bitPattern: $0)) } })
        let object = try jit.load(object: output.objectBytes, name: "\(name).f\(definedIndex)", symbols: output.symbols)
        return (output, object)
    }
}

/// The hot-function sets of loaded tiered modules, by tier table, for `wasmex_tier_hot`.
enum HotFunctionRegistry {
    static let shared: TierTableRegistry<HotFunctions> = {
        wasmex_tier_set_hot_handler { tiers, index in
            guard let tiers else { return }
            HotFunctionRegistry.shared.owner(of: tiers)?.report(definedIndex: Int(index))
        }
        return TierTableRegistry()
    }()
}
