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
/// tier's level on a compile thread, loaded, and published in the tier
/// table. A function that may be resumed in a loop gets `OSRSlot.wanted` in
/// its `wasm_osr` slot; first-tier code still looping in it then asks for its
/// on-stack-replacement entry, which is compiled apart and published there
/// (see `HotFunctionCompiler.Part` for why apart).
///
/// A function and its entry are compiled once each however often they are asked for. A failed
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
    private var resumeRequested: Set<Int> = []
    private var loaded: [LoadedObject] = []
    private var optimized = 0
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
    var counts: (optimized: Int, resumable: Int) { lock.withLock { (optimized, resumable) } }

    /// Why functions could not be optimised, by defined index.
    var compileFailures: [Int: CompileError] { lock.withLock { failures } }

    /// Queues defined function `definedIndex` unless it was queued before.
    func report(definedIndex: Int) {
        let queued = lock.withLock { () -> Bool in
            guard !abandoned, definedIndex >= 0, definedIndex < wasm.functions.count else { return false }
            return requested.insert(definedIndex).inserted
        }
        guard queued else { return }
        if inline { return compile(definedIndex, .function) }
        // No thread can be started: the function stays in its first tier.
        try? CompileThreads.pool.submit { [self] in compile(definedIndex, .function) }
    }

    /// Queues the on-stack-replacement entry of defined function
    /// `definedIndex` (whose optimised code is published) unless it was queued before.
    func resume(definedIndex: Int) {
        let queued = lock.withLock { () -> Bool in
            guard !abandoned, requested.contains(definedIndex) else { return false }
            return resumeRequested.insert(definedIndex).inserted
        }
        guard queued else { return }
        if inline { return compile(definedIndex, .osrEntry) }
        // No thread can be started: the loop goes on in first-tier code.
        try? CompileThreads.pool.submit { [self] in compile(definedIndex, .osrEntry) }
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

    private func compile(_ definedIndex: Int, _ part: HotFunctionCompiler.Part) {
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
        let compiled: (HotFunctionCompiler.Output, LoadedObject)?
        do {
            compiled = try OptimizingCompiles.run { () throws(CompileError) in
                try compileAndLoad(definedIndex, part, analysis: analysis, firstTier: firstTier)
            }
        } catch {
            lock.withLock { failures[definedIndex] = error }
            return
        }
        // An entry of a body without resumable loops: nothing to publish.
        guard let (output, object) = compiled else { return }
        let index = importedFunctionCount + definedIndex
        lock.withLock {
            guard !abandoned else { return }
            loaded.append(object)
            if let code = object.address(of: SymbolNames.function(index)) {
                tiers.publish(code, at: definedIndex)
                optimized += 1
                // After the code: a loop that sees the mark finds the code published.
                if output.mayResume, let wanted = UnsafeRawPointer(bitPattern: OSRSlot.wanted) {
                    osrEntries.publishIfEmpty(wanted, at: definedIndex)
                }
            }
            if output.hasOSREntry, let entry = object.address(of: SymbolNames.osrEntry(index)) {
                osrEntries.publish(entry, at: definedIndex)
                resumable += 1
            }
        }
    }

    /// Compiles `part` of defined function `definedIndex` at the second tier
    /// and loads it (nil: an entry of a body without resumable loops).
    private func compileAndLoad(_ definedIndex: Int, _ part: HotFunctionCompiler.Part, analysis: ModuleAnalysis,
                                firstTier: LoadedObject) throws(CompileError) -> (HotFunctionCompiler.Output, LoadedObject)? {
        let counters = self.counters
        guard let output = try HotFunctionCompiler.compile(
            wasm, definedIndex: definedIndex, analysis: analysis, name: name, options: options, part: part,
            hotness: counters.map { counters in { wasmex_tier_read_counter(counters, UInt32($0)) } },
            firstTier: { index in firstTier.address(of: SymbolNames.function(index)).map { UInt64(UInt(bitPattern: $0)) } })
        else { return nil }
        let suffix = part == .function ? "" : ".osr"
        let object = try jit.load(object: output.objectBytes, name: "\(name).f\(definedIndex)\(suffix)", symbols: output.symbols)
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
        wasmex_tier_set_resume_handler { tiers, index in
            guard let tiers else { return }
            HotFunctionRegistry.shared.owner(of: tiers)?.resume(definedIndex: Int(index))
        }
        return TierTableRegistry()
    }()
}
