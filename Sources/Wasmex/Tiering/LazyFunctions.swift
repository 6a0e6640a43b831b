#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CWasmexRuntime
import WasmCompiler
import WasmFrontend

/// The first-tier bodies of a tiered module whose functions are compiled on
/// their first call (see `LazyCompiler` for the design): each stub that finds
/// its tier-table slot empty asks for its code here, through
/// `wasmex_tier_lazy`.
///
/// A first call claims a batch (the function and uncompiled functions it
/// calls) and blocks while a compile thread builds the function; its callees
/// are built on another compile thread meanwhile. The calling thread never
/// compiles: it is running Wasm, possibly deep in a recursion near its stack
/// limit, where LLVM must not run. Threads asking for a function that is
/// being compiled wait for that compile; a function is compiled once. A failed compile leaves the batch
/// uncompiled (the call traps "function could not be compiled"; a later call
/// tries again). The module abandons the set when it is released.
final class LazyFunctions: @unchecked Sendable {
    private let wasm: WasmModule
    private let name: String
    private let options: CompilerOptions
    private let analysis: ModuleAnalysis
    private let stubs: LoadedObject
    private let jit: JITSession
    private let tiers: CodeSlots
    private let importedFunctionCount: Int
    /// Where the functions compiled with registers are recorded.
    private let registers: FirstTierRegisters
    /// The second tier's options, for the kernels optimised on their first
    /// call (nil: none are; see `FirstTierGrade.isKernel`).
    private let kernelOptions: CompilerOptions?

    private let lock = ConditionLock()
    // Guarded by `lock`:
    /// Functions with a stub and no body yet that no compile is building.
    private var pending: [Bool]
    /// Functions a compile is building now.
    private var compiling: Set<Int> = []
    private var loaded: [LoadedObject] = []
    private var compiledCount = 0
    private var abandoned = false
    /// Defined functions in the order ``compileAhead()`` compiles them, and
    /// the position of the next one to look at.
    private var aheadOrder: [Int] = []
    private var aheadCursor = 0
    /// What is left of the module's budget of first-tier code with registers (see `FirstTierGrade`).
    private var registersBudget = FirstTierGrade.moduleBudget
    /// How many more kernels may be optimised on their first call.
    private var kernelsLeft: Int
    /// How many kernels have been optimised on their first call.
    private var kernelsCompiled = 0

    /// The threads lazy compiles run on: not the background compile threads,
    /// so a program never waits behind a long optimising compile.
    private static let threads = WasmThreadPool(stackSize: 64 << 20, maximumThreads: CompileThreads.count)

    /// - Parameters:
    ///   - stubs: what `LazyCompiler.compileStubs` made, loaded as `code`.
    ///   - options: the first tier's options.
    ///   - kernelOptions: the second tier's options, with which the module's
    ///     first `kernels` kernels are compiled on their first call.
    init?(wasm: WasmModule, name: String, options: CompilerOptions, stubs: LazyCompiler.Stubs,
          code: LoadedObject, jit: JITSession, registers: FirstTierRegisters,
          kernelOptions: CompilerOptions?, kernels: Int) {
        guard let tiers = code.address(of: SymbolNames.tierTable) else { return nil }
        self.wasm = wasm
        self.name = name
        self.options = options
        self.registers = registers
        self.kernelOptions = kernelOptions
        kernelsLeft = kernelOptions == nil ? 0 : kernels
        self.analysis = stubs.analysis
        self.stubs = code
        self.jit = jit
        self.tiers = CodeSlots(tiers)
        self.importedFunctionCount = stubs.analysis.importedFunctionCount
        pending = stubs.lazy
        LazyFunctionRegistry.shared.register(self, tiers: self.tiers.address)
    }

    /// The objects with compiled bodies so far (for trap backtraces).
    var objects: [LoadedObject] { lock.withLock { loaded } }

    /// How many functions have been compiled on their first call so far.
    var count: Int { lock.withLock { compiledCount } }

    /// How many of them were kernels, optimised on their first call.
    var kernelCount: Int { lock.withLock { kernelsCompiled } }

    /// Stops compiling; called when the module is released.
    func abandon() {
        LazyFunctionRegistry.shared.unregister(tiers: tiers.address)
        lock.withLock {
            abandoned = true
            loaded = []
            lock.broadcast()
        }
    }

    /// The code of defined function `definedIndex`, compiled (with its batch)
    /// if nothing has been published for it yet; nil when it cannot be built.
    func code(for definedIndex: Int) -> UnsafeMutableRawPointer? {
        guard definedIndex >= 0, definedIndex < wasm.functions.count else { return nil }
        let batch = lock.withLock { () -> [Int]? in
            while !abandoned {
                if tiers.code(at: definedIndex) != nil { return [] }
                if compiling.contains(definedIndex) {
                    lock.wait()
                    continue
                }
                guard pending[definedIndex] else { return nil }
                return claimBatch(from: definedIndex)
            }
            return nil
        }
        guard let batch, let root = batch.first else { return batch == nil ? nil : tiers.code(at: definedIndex) }
        // The callees compile on a second thread while this one waits for
        // the called function alone: with two cores the batch takes as long
        // as its larger half, and the caller goes on as soon as its own code
        // is there (a callee still compiling when it is called is waited for).
        if batch.count > 1 { compileInBackground(Array(batch.dropFirst())) }
        compileAndPublish([root])
        return tiers.code(at: definedIndex)
    }

    /// Compiles the module's first-tier bodies ahead of their first calls,
    /// in the background: one batch at a time (the same batches as first
    /// calls claim), in the order ``LazyCompiler/aheadOfTimeOrder(_:analysis:)``
    /// gives, each batch submitted to the lazy compile threads behind the
    /// first calls already waiting there, and only while no optimising
    /// compile runs (``OptimizingCompiles``), at idle priority (``IdlePriority``:
    /// one already running when a function gets hot gives way). A first call of a function
    /// compiled ahead finds its code published; one of a function being
    /// compiled ahead waits for that compile, as for any other.
    ///
    /// Why: a program's first calls otherwise wait for the compiler one
    /// after another on the program's own critical path (sightglass's sieve
    /// waited 53 ms at start-up for `printf`'s machinery, 9 KB of code),
    /// while the second core stays idle. Compiling ahead puts that core to
    /// work on the functions the program is about to call.
    func compileAhead() {
        lock.withLock { aheadOrder = LazyCompiler.aheadOfTimeOrder(wasm, analysis: analysis) }
        scheduleAheadStep()
    }

    private func scheduleAheadStep() {
        OptimizingCompiles.whenIdle { [weak self] in
            // No thread can be started: the rest compiles on first call.
            try? Self.threads.submit { [weak self] in self?.compileAheadStep() }
        }
    }

    private func compileAheadStep() {
        let batch = lock.withLock { () -> [Int]? in
            while !abandoned && aheadCursor < aheadOrder.count {
                let next = aheadOrder[aheadCursor]
                aheadCursor += 1
                guard pending[next] else { continue }
                return claimBatch(from: next)
            }
            return nil
        }
        guard let batch else { return }
        // At idle priority: a hot function's compile and the program come first (see `IdlePriority`).
        IdlePriority.run { compileAndPublishHere(batch) }
        scheduleAheadStep()
    }

    /// Moves the batch of pending function `root` from pending to compiling
    /// and returns it (root first). The caller holds `lock`.
    private func claimBatch(from root: Int) -> [Int] {
        let batch = LazyCompiler.batch(from: root, analysis: analysis, isPending: { pending[$0] })
        for function in batch {
            pending[function] = false
            compiling.insert(function)
        }
        return batch
    }

    /// Compiles `batch` on a compile thread without waiting for it.
    private func compileInBackground(_ batch: [Int]) {
        do {
            try Self.threads.submit { [weak self] in self?.compileAndPublishHere(batch) }
        } catch {
            settle(batch, .failure(.llvm("no thread to compile on: \(error)")))
        }
    }

    /// Compiles `batch` on a compile thread and waits until its code is
    /// published (or the compile failed).
    ///
    /// The job holds the set weakly and keeps the loaded object in a local:
    /// once it has signalled, nothing of the module stays alive with the
    /// pool's copy of the closure.
    private func compileAndPublish(_ batch: [Int]) {
        let done = ConditionLock()
        var finished = false
        let job = { [weak self] in
            self?.compileAndPublishHere(batch)
            done.withLock {
                finished = true
                done.broadcast()
            }
        }
        do {
            try Self.threads.submit(job)
        } catch {
            return settle(batch, .failure(.llvm("no thread to compile on: \(error)")))
        }
        done.withLock { while !finished { done.wait() } }
    }

    /// Compiles `batch` on this thread (a compile thread) and publishes it.
    private func compileAndPublishHere(_ batch: [Int]) {
        settle(batch, compile(batch))
    }

    /// Publishes a compiled batch, or makes a failed one pending again, and
    /// wakes the threads waiting for it.
    private func settle(_ batch: [Int], _ result: Result<[LoadedObject], CompileError>) {
        lock.withLock {
            compiling.subtract(batch)
            switch result {
            case .success(let objects) where !abandoned:
                for function in batch {
                    let symbol = SymbolNames.function(importedFunctionCount + function)
                    if let code = objects.lazy.compactMap({ $0.address(of: symbol) }).first {
                        tiers.publishIfEmpty(code, at: function)
                    }
                }
                loaded.append(contentsOf: objects)
                compiledCount += batch.count
            case .success:
                break   // the module is gone; the object is freed with `result`
            case .failure:
                for function in batch { pending[function] = true }
            }
            lock.broadcast()
        }
    }

    /// Compiles `batch` into one object per first-tier grade (see `FirstTierGrade`),
    /// and one per kernel optimised on its first call.
    private func compile(_ batch: [Int]) -> Result<[LoadedObject], CompileError> {
        // Never inside LLVM while the process exits (see wasmex_tier.h).
        guard wasmex_tier_compile_begin() != 0 else { return .failure(.llvm("the process is exiting")) }
        defer { wasmex_tier_compile_end() }
        let (stackSlots, graded, kernels) = lock.withLock { () -> ([Int], [Int], [Int]) in
            let (stackSlots, registers) = FirstTierGrade.split(batch, analysis: analysis, options: options,
                                                                budget: &registersBudget)
            var kernels: [Int] = []
            for function in registers where kernelsLeft > 0
                && FirstTierGrade.isKernel(function, analysis: analysis, options: options) {
                kernels.append(function)
                kernelsLeft -= 1
            }
            return (stackSlots, registers.filter { !kernels.contains($0) }, kernels)
        }
        return Result { () throws(CompileError) -> [LoadedObject] in
            var objects: [LoadedObject] = []
            for kernel in kernels {
                objects.append(try compileKernel(kernel))
                lock.withLock { kernelsCompiled += 1 }
                // Before the code is published, so before a caller can get hot.
                self.registers.insertKernel(kernel)
            }
            if !graded.isEmpty {
                objects.append(try compile(graded, options: FirstTierGrade.registers.options(from: options)))
                // Before the code is published, so before it can get hot.
                self.registers.insert(contentsOf: graded)
            }
            if !stackSlots.isEmpty { objects.append(try compile(stackSlots, options: options)) }
            return objects
        }
    }

    /// Compiles kernel `definedIndex` as a hot function is compiled: alone,
    /// at the second tier's level, calling itself directly (no counters, no
    /// tier check: it is optimised code already).
    private func compileKernel(_ definedIndex: Int) throws(CompileError) -> LoadedObject {
        guard let kernelOptions else { throw .llvm("no second tier to compile kernel \(definedIndex) with") }
        let output = try HotFunctionCompiler.compile(
            wasm, definedIndex: definedIndex, analysis: analysis, name: name, options: kernelOptions, purpose: "kernel",
            firstTier: stubs.functionAddress)
        guard let output else { throw .llvm("kernel \(definedIndex) compiled to nothing") }
        return try jit.load(object: output.objectBytes, name: "\(name).kernel\(definedIndex)", symbols: output.symbols)
    }

    private func compile(_ functions: [Int], options: CompilerOptions) throws(CompileError) -> LoadedObject {
        let bodies = try LazyCompiler.compileBodies(
            wasm, functions: functions, stubs: stubs.functionAddress,
            analysis: analysis, name: name, options: options, tables: stubs.constantAddress)
        return try jit.load(object: bodies.objectBytes, name: "\(name).lazy\(functions[0])", symbols: bodies.symbols)
    }
}

/// The lazily compiled modules, by tier table, for `wasmex_tier_lazy`.
enum LazyFunctionRegistry {
    static let shared: TierTableRegistry<LazyFunctions> = {
        wasmex_tier_set_lazy_handler { tiers, index in
            guard let tiers else { return nil }
            return LazyFunctionRegistry.shared.owner(of: tiers)?.code(for: Int(index))
        }
        return TierTableRegistry()
    }()
}
