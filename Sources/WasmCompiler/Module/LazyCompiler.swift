import CLLVM
import WasmFrontend

/// First-tier code compiled function by function, on each function's first
/// call, instead of all at once before the program starts.
///
/// Most of a real module never runs: a C program's libc, a Rust program's
/// formatting and panic paths. Measured by compiling each called function
/// apart (sightglass, hot threshold 1): sieve calls 17 of its functions,
/// switch 4 (6.6 KB of 122 KB of code), quicksort 2 (2.5 KB of 189 KB),
/// ed25519 13 (36 KB of 350 KB). Compiling all of it is most of what a
/// short program waits for.
///
/// So module creation compiles only a *stub object*: the tier table, the
/// entry trampolines, and for each function a stub (in assembly on x86-64,
/// ``LazyStubAssembly``; elsewhere in IR, ``FunctionEmitter/emitLazyStub(definedIndex:table:)``)
/// that tail-calls the code in the function's tier-table slot, asking the
/// runtime to compile it first while the slot is null. Every way into a
/// function — exports, tables, `ref.func`, imports of linked instances,
/// calls from generated code — leads to its stub, exactly as it leads to
/// first-tier code in an eagerly compiled first tier (see ``CodeTier``), so
/// the tier table switches everything: null → first-tier body → optimised code.
///
/// On the first call of a function the runtime compiles a *batch*: the
/// function and, breadth first, the uncompiled functions it calls directly,
/// up to ``batchBudget`` bytes of Wasm code (those are likely to be called
/// next, and one compile of several functions costs less than several
/// compiles of one). Bodies call one another through their stubs, so a
/// function that later gets hot is switched for every caller.
///
/// Functions whose results do not come back in registers cannot be reached
/// by a `musttail` stub (``FunctionEmitter/canForward(_:)``); their bodies are
/// compiled into the stub object at once.
package enum LazyCompiler {
    /// Below this much function-body code a tiered module's first tier is
    /// compiled at once: one compile of a small module costs less than the
    /// round trips of compiling on first call. Measured end to end (three
    /// alternating rounds of 3 runs, release): at 4 KB noop (2.6 KB of code,
    /// 28 functions, few of them run) took 19–33 ms and minicsv (3.6 KB)
    /// 519–863; at 1 KB 5–7 ms and 512–572; gimli (805 bytes) stays whole.
    package static let minimumCodeSize = 1024

    /// The most Wasm code one first-call compile takes in beyond the called
    /// function itself.
    static let batchBudget = 4 * 1024

    /// The stub object of `wasm` and the module analysis that compiling its
    /// bodies needs.
    package struct Stubs: Sendable {
        /// The stub object (tier table, stubs, trampolines, eager bodies).
        package let compiled: CompiledModule
        /// Which defined functions have a stub (the others' bodies are in the object).
        package let lazy: [Bool]
        /// The module's analysis (shapes, call graph), for ``compileBodies(_:functions:stubs:analysis:name:options:target:tables:)``.
        package let analysis: ModuleAnalysis
    }

    /// Bodies compiled on first call, ready to load.
    package struct Bodies: Sendable {
        /// The object bytes.
        package let objectBytes: [UInt8]
        /// The defined indices of the functions in the object (the called one first).
        package let functions: [Int]
        /// `wasm_f<i>` of each function in ``functions``.
        package let symbols: [String]
        /// Per-phase times.
        package let timings: CompileTimings
    }

    /// Whether defined function `definedIndex` of `wasm` gets a stub.
    static func isLazy(_ wasm: WasmModule, definedIndex: Int) -> Bool {
        guard let type = try? CodegenModule.type(wasm.functions[definedIndex], in: wasm) else { return false }
        return FunctionEmitter.canForward(type)
    }

    /// Compiles the stub object of `wasm` (which must have passed validation)
    /// with first-tier `options`.
    package static func compileStubs(_ wasm: WasmModule, name: String, options: CompilerOptions,
                                     target: HostTarget = .current) throws(CompileError) -> Stubs {
        let started = ContinuousClock.now
        var timings = CompileTimings()
        let analysis = try ModuleAnalysis(wasm)
        let lazy = (0..<wasm.bodies.count).map { isLazy(wasm, definedIndex: $0) }
        let machine = try ThreadTargetMachines.machine(target, optimization: options.optimization)
        let ir = IRModule(name: "\(name).stubs", machine: machine)
        let unit = try CodegenModule(wasm: wasm, ir: ir, tier: .first)
        unit.configure(options, analysis: analysis)
        try measure(&timings.irBuild) { () throws(CompileError) in
            try unit.lowerFunctions(lazy.indices.filter { !lazy[$0] }, options: options)
            guard let table = unit.tierTable else { throw CompileError.llvm("first-tier code without a tier table") }
            let stubs = lazy.indices.filter { lazy[$0] }
            if LazyStubAssembly.supports(machine.target) {
                ir.setModuleAssembly(LazyStubAssembly.x86_64(stubs.map { ($0, unit.importedFunctionCount + $0) },
                                                             tierTable: SymbolNames.tierTable))
            } else {
                for definedIndex in stubs {
                    FunctionEmitter(unit: unit, definedIndex: definedIndex).emitLazyStub(definedIndex: definedIndex, table: table)
                }
            }
        }
        let signatures = unit.emitEntryTrampolines()
        let object = try ir.emitObject(machine: machine, options: options, timings: &timings)
        var compiled = CompiledModule(objectBytes: object, escapingFunctions: unit.escaping.filter { $0 >= unit.importedFunctionCount }.sorted(),
                                      entrySignatures: signatures, target: machine.target,
                                      optimization: options.optimization, memoryStrategy: options.memoryStrategy)
        compiled.exportedFunctions = unit.exportedFunctions
        compiled.convention = unit.convention
        compiled.hasTierTable = true
        timings.total = ContinuousClock.now - started
        timings.reportIfEnabled(name: "\(name) stubs", wasmBytes: wasm.bytes.count)
        compiled.timings = timings
        return Stubs(compiled: compiled, lazy: lazy, analysis: analysis)
    }

    /// The order in which a module's first-tier bodies are compiled ahead of
    /// their first calls, on a spare core (defined indices): breadth first
    /// through direct calls from the start function, then from the exports
    /// in export order, then from the other functions that escape (table
    /// elements, `ref.func`). The order a program is likely to call them
    /// in; functions none of these reach are left to their first call.
    package static func aheadOfTimeOrder(_ wasm: WasmModule, analysis: ModuleAnalysis) -> [Int] {
        let imported = analysis.importedFunctionCount
        var roots: [Int] = []
        if let start = wasm.start { roots.append(Int(start)) }
        for export in wasm.exports where export.kind == .function { roots.append(Int(export.index)) }
        roots += analysis.escaping.sorted()
        var order: [Int] = []
        var seen = [Bool](repeating: false, count: analysis.shapes.count)
        var next = 0
        func visit(_ function: Int) {
            let defined = function - imported
            guard defined >= 0, defined < seen.count, !seen[defined] else { return }
            seen[defined] = true
            order.append(defined)
        }
        for root in roots {
            visit(root)
            while next < order.count {
                for callee in analysis.shapes[order[next]].directCallees.sorted() { visit(callee) }
                next += 1
            }
        }
        return order
    }

    /// The functions to compile when defined function `root` is first
    /// called: `root`, then breadth first the functions it calls directly
    /// for which `isPending` holds, while their code fits ``batchBudget``.
    package static func batch(from root: Int, analysis: ModuleAnalysis, isPending: (Int) -> Bool) -> [Int] {
        [root] + analysis.callees(of: root, budget: batchBudget, accept: isPending)
    }

    /// Compiles the first-tier bodies of `functions` (defined indices) as one
    /// object. Calls to any defined function go to its stub in `stubs`
    /// (absolute index → loaded address); the tier tables are the stub
    /// object's, at `tables` (symbol name → loaded address).
    package static func compileBodies(_ wasm: WasmModule, functions: [Int], stubs: (Int) -> UInt64?,
                                      analysis: ModuleAnalysis, name: String, options: CompilerOptions,
                                      target: HostTarget = .current,
                                      tables: (String) -> UInt64?) throws(CompileError) -> Bodies {
        guard let root = functions.first, functions.allSatisfy({ $0 >= 0 && $0 < wasm.bodies.count }) else {
            throw CompileError.invalidModule(.invalid("unknown function in \(functions)", offset: 0))
        }
        let started = ContinuousClock.now
        var timings = CompileTimings()
        let machine = try ThreadTargetMachines.machine(target, optimization: options.optimization)
        let ir = IRModule(name: "\(name).lazy\(root)", machine: machine)
        let unit = try CodegenModule(wasm: wasm, ir: ir, tier: .first, definesTierTable: false, declaresAllFunctions: false)
        unit.configure(options, analysis: analysis)
        unit.forwardsAtEntry = false
        try measure(&timings.irBuild) { () throws(CompileError) in
            try unit.lowerFunctions(functions, options: options)
            unit.bindAllCalls(to: stubs)
            unit.bindTierTables(to: tables)
        }
        let object = try ir.emitObject(machine: machine, options: options, timings: &timings)
        timings.total = ContinuousClock.now - started
        let bytes = functions.reduce(0) { $0 + wasm.bodies[$1].code.count }
        timings.reportIfEnabled(name: "\(name) lazy f\(unit.importedFunctionCount + root) +\(functions.count - 1)", wasmBytes: bytes)
        return Bodies(objectBytes: object, functions: functions,
                      symbols: functions.map { SymbolNames.function(unit.importedFunctionCount + $0) }, timings: timings)
    }
}
