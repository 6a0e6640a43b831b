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
/// table. A mid-sized one is compiled in two stages (see
/// `HotFunctionCompiler.stages(of:analysis:options:hotness:minimumQuickSize:)`): its quick
/// code is published first, and its optimised code replaces it when a
/// compile thread has nothing else to do (a background job, behind every
/// function that gets hot in the meantime). A function that may be resumed in a loop gets `OSRSlot.wanted` in
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
    /// Functions with at least this much code get a quick stage first (nil: none).
    private let minimumQuickSize: Int?
    /// Functions whose first-tier code has registers: no quick stage for them.
    private let registers: FirstTierRegisters

    private let lock = ConditionLock()
    // Guarded by `lock`:
    private var requested: Set<Int> = []
    /// Reported functions no compile job has taken yet.
    private var waiting = HotQueue()
    private var resumeRequested: Set<Int> = []
    private var loaded: [LoadedObject] = []
    /// The stage of each function's published code (its count: the functions optimised).
    private var stages: [Int: HotFunctionCompiler.Stage] = [:]
    /// Functions whose optimised code replaced their quick code.
    private var upgraded = 0
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
          importedFunctionCount: Int, inline: Bool = false,
          minimumQuickSize: Int? = HotFunctionCompiler.defaultMinimumQuickSize, analysis: ModuleAnalysis? = nil,
          registers: FirstTierRegisters = FirstTierRegisters([])) {
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
        self.minimumQuickSize = minimumQuickSize
        self.registers = registers
        self.analysis = analysis
        HotFunctionRegistry.shared.register(self, tiers: self.tiers.address)
    }

    /// The optimised objects loaded so far (for trap backtraces).
    var objects: [LoadedObject] { lock.withLock { loaded } }

    /// How many functions run optimised code of their own, and how many of
    /// them have an on-stack-replacement entry.
    var counts: (optimized: Int, resumable: Int) { lock.withLock { (stages.count, resumable) } }

    /// How many functions run quick-stage code, and how many have had it
    /// replaced by their optimised code.
    var stageCounts: (quick: Int, upgraded: Int) {
        lock.withLock { (stages.values.count { $0 == .quick }, upgraded) }
    }

    /// Why functions could not be optimised, by defined index.
    var compileFailures: [Int: CompileError] { lock.withLock { failures } }

    /// Queues defined function `definedIndex` unless it was queued before.
    /// Each report submits one job, which compiles the hottest function
    /// waiting then (``HotQueue``), not necessarily this one.
    func report(definedIndex: Int) {
        let count = counters.map { wasmex_tier_read_counter($0, UInt32(definedIndex)) } ?? 0
        let queued = lock.withLock { () -> Bool in
            guard !abandoned, definedIndex >= 0, definedIndex < wasm.functions.count,
                  requested.insert(definedIndex).inserted else { return false }
            waiting.append(definedIndex, count: count, at: .now)
            return true
        }
        guard queued else { return }
        let programCPU = wasmex_tier_current_cpu()
        let job = { [self] in
            // Off the program's core: see `wasmex_tier_leave_cpu`.
            if !inline { _ = wasmex_tier_leave_cpu(programCPU) }
            guard let next = takeHottest(), let analysis = moduleAnalysis() else { return }
            // Registers code is about as fast as quick code (the same light passes).
            compile(next, stages: HotFunctionCompiler.stages(
                of: next, analysis: analysis, options: options, hotness: hotness,
                minimumQuickSize: registers.contains(next) ? nil : minimumQuickSize)[...])
        }
        if inline { return job() }
        // No thread can be started: the function stays in its first tier.
        try? CompileThreads.pool.submit(job)
    }

    /// The hottest reported function no job has taken yet.
    private func takeHottest() -> Int? {
        let counters = self.counters
        return lock.withLock {
            waiting.takeHottest(threshold: options.hotnessThreshold, now: .now) { index in
                counters.map { wasmex_tier_read_counter($0, UInt32(index)) } ?? 0
            }
        }
    }

    /// Compiles and publishes the first of `stages` now and the rest one
    /// after the other as background jobs.
    private func compile(_ definedIndex: Int, stages: ArraySlice<HotFunctionCompiler.Stage>) {
        guard let stage = stages.first, compile(definedIndex, .function, stage), stages.count > 1 else { return }
        if inline { return compile(definedIndex, stages: stages.dropFirst()) }
        // A background job may wait long behind other compiles: it must not
        // keep a released module's code loaded until then.
        let next = { [weak self] in _ = self?.compile(definedIndex, stages: stages.dropFirst()) }
        // No thread can be started: the function keeps the code it has.
        try? CompileThreads.pool.submit(next, background: true)
    }

    /// First-tier code's hotness count of a defined function, when the object counts.
    /// A kernel optimised on its first call counts nothing; it reads as hot
    /// (see `FirstTierRegisters`).
    private var hotness: ((Int) -> UInt32)? {
        let registers = self.registers
        return counters.map { counters in
            { registers.isKernel($0) ? UInt32.max : wasmex_tier_read_counter(counters, UInt32($0)) }
        }
    }

    /// The module's analysis, computed on first use; nil once the module is
    /// released (or when it cannot be analysed, which validation rules out).
    private func moduleAnalysis() -> ModuleAnalysis? {
        let analysis = try? lock.withLock { () throws(CompileError) -> ModuleAnalysis? in
            guard !abandoned else { return nil }
            if self.analysis == nil { self.analysis = try ModuleAnalysis(wasm) }
            return self.analysis
        }
        return analysis ?? nil
    }

    /// Queues the on-stack-replacement entry of defined function
    /// `definedIndex` (whose optimised code is published) unless it was queued before.
    func resume(definedIndex: Int) {
        let queued = lock.withLock { () -> Bool in
            guard !abandoned, requested.contains(definedIndex) else { return false }
            return resumeRequested.insert(definedIndex).inserted
        }
        guard queued else { return }
        // The entry resumes the loop in code like the function's published code.
        let programCPU = wasmex_tier_current_cpu()
        let job = { [self] in
            if !inline { _ = wasmex_tier_leave_cpu(programCPU) }
            let stage = lock.withLock { stages[definedIndex] } ?? .optimized
            _ = compile(definedIndex, .osrEntry, stage)
        }
        if inline { return job() }
        // Before the hot functions waiting: a call is looping in first-tier
        // code now and moves as soon as its entry is built (BENCHMARKS.md,
        // "Entries first"). No thread can be started: the loop goes on in first-tier code.
        try? CompileThreads.pool.submit(job, urgent: true)
    }

    /// Stops publishing; called when the module is released. A job still
    /// running keeps the first-tier object alive until it ends, then drops
    /// what it compiled.
    func abandon() {
        HotFunctionRegistry.shared.unregister(tiers: tiers.address)
        lock.withLock {
            abandoned = true
            loaded = []
            waiting = HotQueue()
        }
    }

    /// Compiles `part` of the function in `stage` and publishes it; false
    /// when nothing was published (no code, a failure, the module released).
    @discardableResult
    private func compile(_ definedIndex: Int, _ part: HotFunctionCompiler.Part, _ stage: HotFunctionCompiler.Stage) -> Bool {
        guard let analysis = moduleAnalysis() else { return false }
        // Never inside LLVM while the process exits (see wasmex_tier.h).
        guard wasmex_tier_compile_begin() != 0 else { return false }
        defer { wasmex_tier_compile_end() }
        let firstTier = self.firstTier
        let compiled: (HotFunctionCompiler.Output, LoadedObject)?
        do {
            compiled = try OptimizingCompiles.run { () throws(CompileError) in
                try compileAndLoad(definedIndex, part, stage, analysis: analysis, firstTier: firstTier)
            }
        } catch {
            lock.withLock { failures[definedIndex] = error }
            return false
        }
        // An entry of a body without resumable loops: nothing to publish.
        guard let (output, object) = compiled else { return false }
        let index = importedFunctionCount + definedIndex
        return lock.withLock { () -> Bool in
            guard !abandoned else { return false }
            loaded.append(object)
            if let code = object.address(of: SymbolNames.function(index)) {
                tiers.publish(code, at: definedIndex)
                if stages.updateValue(stage, forKey: definedIndex) == .quick && stage == .optimized { upgraded += 1 }
                // After the code: a loop that sees the mark finds the code published.
                if output.mayResume, let wanted = UnsafeRawPointer(bitPattern: OSRSlot.wanted) {
                    osrEntries.publishIfEmpty(wanted, at: definedIndex)
                }
            }
            if output.hasOSREntry, let entry = object.address(of: SymbolNames.osrEntry(index)) {
                osrEntries.publish(entry, at: definedIndex)
                resumable += 1
            }
            return true
        }
    }

    /// Compiles `part` of defined function `definedIndex` at the second tier
    /// and loads it (nil: an entry of a body without resumable loops).
    private func compileAndLoad(_ definedIndex: Int, _ part: HotFunctionCompiler.Part, _ stage: HotFunctionCompiler.Stage,
                                analysis: ModuleAnalysis,
                                firstTier: LoadedObject) throws(CompileError) -> (HotFunctionCompiler.Output, LoadedObject)? {
        guard let output = try HotFunctionCompiler.compile(
            wasm, definedIndex: definedIndex, analysis: analysis, name: name, options: options, part: part, stage: stage,
            hotness: hotness,
            firstTier: firstTier.functionAddress)
        else { return nil }
        let suffix = (part == .function ? "" : ".osr") + (stage == .quick ? ".quick" : "")
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
