#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLLVM
import WasmFrontend

/// Compiles one hot function of a tiered module at the second tier's level,
/// alone, while the module runs (see ``OSREntry`` for when a function is hot).
///
/// The object holds the function (`wasm_f<i>`, published in the tier table)
/// or, compiled apart when first-tier code asks for it, its
/// on-stack-replacement entry (`wasm_f<i>.osr`, published in `wasm_osr`; see
/// ``Part``), and private copies of the
/// small functions it calls directly (and they call, within a budget), which
/// LLVM may inline. Calls to the module's other functions go to their
/// first-tier code at its load address (a constant in the object), whose
/// entry check forwards to their own optimised code once they have some.
///
/// Compiling a function alone takes milliseconds where the whole module at O2
/// takes seconds (sightglass's ed25519: 18.6 s for the module, 1.3 s for its
/// largest function), so the functions a program spends its time in are
/// optimised first, and functions that never get hot are never optimised at
/// all. Without the callee copies, the calls between hot functions cost
/// ed25519 2.4× its eager O2 run time (every call to a field operation
/// passed through a first-tier entry check, and nothing was inlined).
package enum HotFunctionCompiler {
    /// What one compile of a hot function builds.
    ///
    /// The function and its OSR entry are compiled apart, the entry only when
    /// first-tier code still loops in the function after its optimised code is
    /// published (``OSRSlot/wanted``). An entry is a second copy of the body,
    /// and LLVM's time is about proportional to the IR: compiled together they
    /// took twice the function's time (zstd's 15.7 KB hot function: `opt-19
    /// -passes='default<O2>'` 1.66–1.70 s with its entry, 0.87–0.90 s alone),
    /// while a function called again and again — most hot functions — never
    /// uses its entry. A program that spends its run in one call (`main` with
    /// the kernel inlined) gets its entry after the two compiles, about as
    /// late as after the one compile of both.
    package enum Part: Sendable {
        /// `wasm_f<i>`.
        case function
        /// `wasm_f<i>.osr` alone (no object when the body has no resumable loop).
        case osrEntry
    }

    /// How much LLVM does for one compile of a hot function.
    ///
    /// A mid-sized hot function is compiled twice: ``quick`` first, so that
    /// it runs optimised code soon, then ``optimized`` on a compile thread
    /// with nothing more urgent to do, which replaces it in the tier table
    /// (see ``stages(forCodeSize:withCopies:minimumQuickSize:)``).
    package enum Stage: Sendable, Hashable {
        /// The light IR passes (``PassPipeline/light``) and the optimising
        /// code generator, no callee copies.
        case quick
        /// The second tier's pipeline, with copies of warm small callees.
        case optimized
    }

    /// The stages defined function `definedIndex` is compiled in, in order,
    /// by the code an optimised compile would take in now — its own and its
    /// callee copies' (see ``copies(of:analysis:options:hotness:)``).
    package static func stages(of definedIndex: Int, analysis: ModuleAnalysis, options: CompilerOptions,
                               hotness: ((Int) -> UInt32)?, minimumQuickSize: Int?) -> [Stage] {
        let own = analysis.shapes[definedIndex].codeSize
        let copied = own > largeFunctionSize ? 0 : copies(of: definedIndex, analysis: analysis, options: options, hotness: hotness)
            .reduce(0) { $0 + analysis.shapes[$1].codeSize }
        return stages(forCodeSize: own, withCopies: copied, minimumQuickSize: minimumQuickSize)
    }

    /// The stages of a hot function of `codeSize` bytes of Wasm whose
    /// optimised compile would copy callees of `copiedSize` bytes, in order:
    /// functions over ``largeFunctionSize`` only ``Stage/quick``; from
    /// `minimumQuickSize` bytes with the copies (nil: never) ``Stage/quick``
    /// and then ``Stage/optimized``; smaller ones ``Stage/optimized`` at once.
    ///
    /// Why two stages (stop 27, measured on the project's real programs; see
    /// BENCHMARKS.md "Quick stage"): LLVM's O2 time grows with a function's
    /// size faster than its run time shrinks, so a program that runs for a
    /// second spends it in first-tier code while its few big hot functions
    /// wait for O2 on the one optimising thread of a 2-core machine (zstd's
    /// 15.7 KB block compressor with its on-stack-replacement entry: 1.4 s
    /// of IR passes, 1.5 s of code generation). The quick stage skips most
    /// of the IR passes and the callee copies and takes about a third of the
    /// O2 time (LZ4's 9 KB hot function: 168 ms against 438 ms; the code
    /// generator is most of the rest); the O2 code follows for programs that
    /// run long enough to profit. Counting the copies sends a small function
    /// that would take in much callee code to the quick stage as well.
    package static func stages(forCodeSize codeSize: Int, withCopies copiedSize: Int = 0, minimumQuickSize: Int?) -> [Stage] {
        if codeSize > largeFunctionSize { return [.quick] }
        if let minimumQuickSize, codeSize + copiedSize >= minimumQuickSize { return [.quick, .optimized] }
        return [.optimized]
    }

    /// The default `minimumQuickSize` of ``stages(forCodeSize:withCopies:minimumQuickSize:)``,
    /// in bytes of Wasm code; `WASMEX_QUICK_STAGE_SIZE` overrides it for experiments.
    package static let defaultMinimumQuickSize: Int? = {
        if let raw = getenv("WASMEX_QUICK_STAGE_SIZE"), let value = Int(String(cString: raw)) {
            return value < 0 ? nil : value
        }
        return 2 * 1024
    }()

    /// An optimised function, ready to load.
    package struct Output: Sendable {
        /// The object bytes.
        package let objectBytes: [UInt8]
        /// `wasm_f<i>`, or `wasm_f<i>.osr` for ``Part/osrEntry``.
        package let symbols: [String]
        /// Whether ``symbols`` names an OSR entry.
        package let hasOSREntry: Bool
        /// For ``Part/function``: whether the function may have an OSR entry
        /// (it loops, handles no exceptions, and frames need no source locations).
        package let mayResume: Bool
        /// Per-phase times.
        package let timings: CompileTimings
    }

    /// Compiles `part` of defined function `definedIndex` of `wasm` with `options`
    /// (tier ``CodeTier/second``); `firstTier` gives the loaded first-tier
    /// address of any function by absolute index, and `hotness` a defined
    /// function's hotness counter so far (nil: unknown, every callee that
    /// fits is copied); `purpose` names the compile in `WASMEX_COMPILE_TIMINGS`
    /// reports. Returns nil when `part` is an OSR entry and the body has no
    /// loop to resume.
    package static func compile(_ wasm: WasmModule, definedIndex: Int, analysis: ModuleAnalysis, name: String,
                                options: CompilerOptions, part: Part = .function, stage: Stage = .optimized,
                                target: HostTarget = .current,
                                hotness: ((Int) -> UInt32)? = nil, purpose: String = "hot",
                                firstTier: (Int) -> UInt64?) throws(CompileError) -> Output? {
        guard definedIndex >= 0, definedIndex < wasm.bodies.count else {
            throw CompileError.invalidModule(.invalid("unknown function \(definedIndex)", offset: 0))
        }
        var timings = CompileTimings()
        let started = ContinuousClock.now
        let machine = try ThreadTargetMachines.machine(target, optimization: options.optimization)
        let ir = IRModule(name: "\(name).f\(definedIndex)", machine: machine)
        var options = options
        options.tier = .second
        let unit = try CodegenModule(wasm: wasm, ir: ir, tier: .second, declaresAllFunctions: false)
        unit.configure(options, analysis: analysis)
        let index = unit.importedFunctionCount + definedIndex
        var symbols: [String] = []
        var hasOSREntry = false
        let shape = analysis.shapes[definedIndex]
        // With backtrace details every frame must name its instruction;
        // an OSR entry has no source locations, so such code resumes nothing.
        let mayResume = shape.loops && !shape.handlesExceptions && !options.backtraceDetails
        let quick = stage == .quick
        options.lightPasses = quick
        let callees = quick ? [] : copies(of: definedIndex, analysis: analysis, options: options, hotness: hotness)
        try measure(&timings.irBuild) { () throws(CompileError) in
            switch part {
            case .function:
                try unit.lowerFunctions([definedIndex] + callees, options: options)
                symbols.append(SymbolNames.function(index))
            case .osrEntry:
                // The function itself is called through its first-tier code,
                // which forwards to the optimised code published before.
                try unit.lowerFunctions(callees, options: options)
                guard mayResume else { return }
                let entry = OSREntry(function: unit.declareOSREntry(definedIndex: definedIndex))
                try FunctionEmitter(unit: unit, definedIndex: definedIndex, osrEntry: entry).emit(body: wasm.bodies[definedIndex])
                if entry.resumesLoops {
                    symbols.append(SymbolNames.osrEntry(index))
                    hasOSREntry = true
                } else {
                    ir.delete(entry.function)
                }
            }
            for callee in callees { unit.makeInternal(definedIndex: callee) }
            unit.bindDeclarations(to: firstTier)
        }
        guard !symbols.isEmpty else { return nil }
        let object = try ir.emitObject(machine: machine, options: options, timings: &timings)
        timings.total = ContinuousClock.now - started
        let what = (part == .function ? "\(purpose) f\(index)" : "osr entry of f\(index)") + (quick ? " quick" : "")
        timings.reportIfEnabled(name: "\(name) \(what) +\(callees.count) copies", wasmBytes: wasm.bodies[definedIndex].code.count)
        return Output(objectBytes: object, symbols: symbols, hasOSREntry: hasOSREntry, mayResume: mayResume, timings: timings)
    }

    /// Functions with more code than this (bytes of Wasm) are compiled only
    /// in the ``Stage/quick`` stage: the light IR passes and the optimising
    /// code generator (SelectionDAG and the greedy register allocator), never
    /// the full O2 pipeline: LLVM's O2 time grows faster than linearly in a function's
    /// size, and for the largest functions it outlasts the programs that
    /// made them hot.
    /// Sightglass's ed25519: its 25 KB function took 1.7 s at O2 and 0.78 s
    /// so (its 58 KB one 11.2 s and 9.9 s: there the code generator's own
    /// time dominates; the run ended at 4.8 s against 6.2 s).
    static let largeFunctionSize = 16 * 1024

    /// A callee of at most this much code is copied into its caller's object.
    /// (On ed25519, steady state 3.7 s with copies against 4.1 s without.)
    static let calleeSizeLimit = 4 * 1024
    /// The most callee code copied into one object.
    static let calleeBudget = 32 * 1024

    /// A callee is copied only when its hotness counter has reached the
    /// threshold divided by this: it ran often while its caller got hot.
    ///
    /// Copying every small callee, as before, compiled code that never runs
    /// hot at O2, and usually code that never runs at all: the library code a
    /// program calls once (sieve's and quicksort's `main` copied `printf`,
    /// `vfprintf`, `__towrite` and `memset`, 95 KB of IR for a 275-byte
    /// function) and, with functions compiled on first call, callees not
    /// called yet. A callee that was called once has 1 + size/64 counts (at
    /// most 65 for the 4 KB limit), one called in the caller's hot loop has
    /// counted with it. A callee left out is still called, through its stub,
    /// and gets optimised code of its own when it gets hot. With a threshold
    /// of 1 (tiering everything up at once) every callee qualifies.
    static let warmCalleeDivisor: UInt32 = 16

    /// The callees an optimised compile of `definedIndex` copies now: the
    /// warm ones among ``inlineCandidates(of:analysis:isWarm:)`` by
    /// `hotness` (nil: all of them).
    static func copies(of definedIndex: Int, analysis: ModuleAnalysis, options: CompilerOptions,
                       hotness: ((Int) -> UInt32)?) -> [Int] {
        let floor = options.hotnessThreshold / warmCalleeDivisor
        return inlineCandidates(of: definedIndex, analysis: analysis,
                                isWarm: { callee in hotness.map { $0(callee) >= floor } ?? true })
    }

    /// The defined functions `definedIndex` calls directly, and their direct
    /// callees in turn (breadth first), that are small enough to copy and
    /// warm (`isWarm`), as long as their code fits the budget. Defined
    /// indices, root excluded.
    static func inlineCandidates(of definedIndex: Int, analysis: ModuleAnalysis,
                                 isWarm: (Int) -> Bool = { _ in true }) -> [Int] {
        analysis.callees(of: definedIndex, budget: calleeBudget) { callee in
            analysis.shapes[callee].codeSize <= calleeSizeLimit && isWarm(callee)
        }
    }
}
