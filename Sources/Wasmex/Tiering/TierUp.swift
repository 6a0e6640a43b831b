#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CWasmexRuntime
import WasmCompiler
import WasmFrontend

/// A tiered module's second tier: compiled on a background thread, loaded,
/// then published into the first-tier object's tier table (see `CodeTier`
/// for how first-tier code forwards to it).
///
/// States: pending → compiling → done (published) or failed (the module keeps
/// running first-tier code). The module abandons it when it is released: a
/// job that has not started then never starts, and one that finishes later
/// drops its object instead of writing into a table that no longer exists.
final class TierUp: @unchecked Sendable {
    private enum State {
        case pending, compiling, done, failed(CompileError), abandoned
    }

    private let wasm: WasmModule
    private let name: String
    private let options: CompilerOptions
    private let cache: (directory: String, sizeLimit: Int)?
    private let jit: JITSession
    /// The first-tier object's `wasm_tiers`, one slot per defined function.
    private let table: CodeSlots
    private let importedFunctionCount: Int

    private let lock = ConditionLock()
    // Guarded by `lock`:
    private var state = State.pending
    private var optimized: LoadedObject?

    /// - Parameters:
    ///   - options: the second tier's options (tier `.second`, the engine's level).
    ///   - cache: where to store the optimised object once compiled, if anywhere.
    ///   - table: the address of the first-tier object's tier table.
    init(wasm: WasmModule, name: String, options: CompilerOptions, cache: (directory: String, sizeLimit: Int)?,
         jit: JITSession, table: UnsafeRawPointer, importedFunctionCount: Int) {
        self.wasm = wasm
        self.name = name
        self.options = options
        self.cache = cache
        self.jit = jit
        self.table = CodeSlots(table)
        self.importedFunctionCount = importedFunctionCount
    }

    /// Queues the compilation on the background compile threads. When no
    /// thread can be started the module simply stays on its first tier
    /// (``wait()`` then compiles on the waiting thread).
    func start() {
        try? CompileThreads.wholeModules.submit { [self] in run() }
    }

    /// Compiles and publishes the second tier unless another thread already
    /// does, or did, or the module is gone.
    func run() {
        guard claim() else { return }
        // Never inside LLVM while the process exits (see wasmex_tier.h).
        guard wasmex_tier_compile_begin() != 0 else {
            locked {
                state = .failed(.llvm("the process is exiting"))
                lock.broadcast()
            }
            return
        }
        defer { wasmex_tier_compile_end() }
        let outcome = Result { () throws(CompileError) -> LoadedObject in
            try OptimizingCompiles.run { () throws(CompileError) in
                let compiled = try compile()
                return try jit.load(object: compiled.objectBytes, name: name,
                                    symbols: compiled.exportedFunctions.map(SymbolNames.function))
            }
        }
        locked {
            switch (state, outcome) {
            case (.abandoned, _):
                break   // the module is gone; the object is freed below
            case (_, .success(let object)):
                publish(object)
                optimized = object
                state = .done
            case (_, .failure(let error)):
                state = .failed(error)
            }
            lock.broadcast()
        }
    }

    /// Blocks until the second tier runs (compiling it on this thread if no
    /// background thread has started yet).
    ///
    /// - Throws: the compile error when the second tier could not be built;
    ///   the module keeps working on its first tier.
    func wait() throws(CompileError) {
        run()
        try locked { () throws(CompileError) in
            while true {
                switch state {
                case .done, .abandoned: return
                case .failed(let error): throw error
                case .pending, .compiling: lock.wait()
                }
            }
        }
    }

    /// True once the second tier has been published.
    var isDone: Bool { locked { if case .done = state { true } else { false } } }

    /// The second tier's object, once published (for trap backtraces).
    var optimizedObject: LoadedObject? { locked { optimized } }

    /// Called when the module is released: nothing is written into its
    /// tier table from now on.
    func abandon() {
        locked {
            if case .done = state { return }
            state = .abandoned
            lock.broadcast()
        }
    }

    // MARK: - Private

    private func compile() throws(CompileError) -> CompiledModule {
        guard let cache else { return try ModuleCompiler.compile(wasm, name: name, options: options, limits: nil) }
        // Stored as an AOT object, so the next run of the same module loads it.
        let compiled: CompiledModule
        do {
            compiled = try AOTCompiler.compile(wasm, name: name, options: options, limits: nil)
        } catch {
            if case .compile(let inner) = error { throw inner }
            throw CompileError.llvm(error.description)
        }
        CompileCache.store(compiled, for: wasm, options: options, directory: cache.directory, sizeLimit: cache.sizeLimit)
        return compiled
    }

    /// Points every first-tier function at its second-tier code.
    private func publish(_ object: LoadedObject) {
        for index in importedFunctionCount..<(importedFunctionCount + wasm.functions.count) {
            guard let code = object.address(of: SymbolNames.function(index)) else { continue }
            table.publish(code, at: index - importedFunctionCount)
        }
    }

    /// Moves pending to compiling; false when the job is not pending.
    private func claim() -> Bool {
        locked {
            guard case .pending = state else { return false }
            state = .compiling
            return true
        }
    }

    private func locked<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        try lock.withLock(body)
    }
}
