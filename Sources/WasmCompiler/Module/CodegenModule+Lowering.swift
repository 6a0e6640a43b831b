import CLLVM
import WasmFrontend

/// What compiling part of a module (a first-tier partition, a hot function)
/// needs to know about all of it, computed once per module: every body's
/// ``FunctionShape``, which functions check the epoch at entry, the final
/// set of escaping functions (`ref.func` targets in any body included, since
/// entry trampolines in one part cover functions referenced in another), and
/// the calling convention every part must share.
package struct ModuleAnalysis: Sendable {
    let shapes: [FunctionShape]
    let entryChecks: [Bool]
    let escaping: Set<Int>
    package let importedFunctionCount: Int
    /// The module's calling convention (see ``WasmCallingConvention``).
    package let convention: WasmCallingConvention
    /// Functions some body calls directly from inside a loop (absolute indices).
    let calledInLoops: Set<Int>

    package init(_ wasm: WasmModule) throws(CompileError) {
        var escaping = ModuleCompiler.initiallyEscaping(wasm)
        importedFunctionCount = wasm.imports.count { if case .function = $0.descriptor { true } else { false } }
        (shapes, entryChecks) = try CodegenModule.analyse(wasm, escaping: escaping, importedFunctionCount: importedFunctionCount)
        for shape in shapes { escaping.formUnion(shape.referencedFunctions) }
        self.escaping = escaping
        convention = WasmCallingConvention(shapes: shapes)
        calledInLoops = shapes.reduce(into: []) { $0.formUnion($1.calledInLoops) }
    }

    /// The defined functions `root` calls directly, and those call in turn,
    /// breadth first (callees in index order), that `accept` takes, as long
    /// as their code fits `budget` bytes; a function not taken is not looked
    /// through. Defined indices, `root` excluded. What a first call compiles
    /// with its function (``LazyCompiler/batch(from:analysis:isPending:)``)
    /// and what a hot function copies (``HotFunctionCompiler/inlineCandidates(of:analysis:isWarm:)``).
    func callees(of root: Int, budget: Int, accept: (Int) -> Bool) -> [Int] {
        var chosen: [Int] = []
        var seen: Set<Int> = [root]
        var budget = budget
        var next = -1
        while next < chosen.count && budget > 0 {
            let caller = next < 0 ? root : chosen[next]
            next += 1
            for callee in shapes[caller].directCallees.sorted() {
                let defined = callee - importedFunctionCount
                guard defined >= 0, defined < shapes.count, seen.insert(defined).inserted else { continue }
                let size = shapes[defined].codeSize
                guard size <= budget, accept(defined) else { continue }
                budget -= size
                chosen.append(defined)
            }
        }
        return chosen
    }
}

/// The steps every compilation of a module (whole, or one partition of it)
/// takes between an empty ``CodegenModule`` and IR ready to optimise.
extension CodegenModule {
    /// The pre-scan every function's lowering relies on: each body's
    /// ``FunctionShape`` and which functions check the epoch at entry.
    static func analyse(_ wasm: WasmModule, escaping: Set<Int>,
                        importedFunctionCount: Int) throws(CompileError) -> (shapes: [FunctionShape], entryChecks: [Bool]) {
        var shapes: [FunctionShape] = []
        shapes.reserveCapacity(wasm.bodies.count)
        do throws(WasmError) {
            for body in wasm.bodies { shapes.append(try FunctionShape(body, in: wasm.bytes)) }
        } catch {
            throw CompileError.invalidModule(error)
        }
        let entryChecks = CallGraph(shapes: shapes, escaping: escaping, importedFunctionCount: importedFunctionCount).needsEntryCheck
        return (shapes, entryChecks)
    }

    /// Takes over `options`' code-shaping settings and the pre-scan; the
    /// convention is the one `shapes` call for unless given (a
    /// ``ModuleAnalysis`` holds it, so compiles of parts do not scan again).
    func configure(_ options: CompilerOptions, escaping: Set<Int>, shapes: [FunctionShape], entryChecks: [Bool],
                   convention: WasmCallingConvention? = nil) {
        self.escaping = escaping
        executionControl = ExecutionControlFlags(epochChecks: options.epochInterruption, fuelChecks: options.consumeFuel)
        memoryStrategy = options.memoryStrategy
        hotnessThreshold = options.hotnessThreshold
        functionShapes = shapes
        entryEpochChecks = entryChecks
        useConvention(convention ?? WasmCallingConvention(shapes: shapes))
    }

    /// Takes over `options`' code-shaping settings and a module's analysis.
    func configure(_ options: CompilerOptions, analysis: ModuleAnalysis) {
        configure(options, escaping: analysis.escaping, shapes: analysis.shapes, entryChecks: analysis.entryChecks,
                  convention: analysis.convention)
    }

    /// Lowers the bodies of the defined functions in `range`, then fixes
    /// every function's linkage.
    func lowerFunctions(_ range: some Sequence<Int>, options: CompilerOptions) throws(CompileError) {
        // With backtrace details every Wasm function keeps a frame of its own,
        // as in Wasmtime: inlining would fold a callee's frame (and its source
        // location) into its caller's. Details are a debugging aid; the cost
        // is the calls that would have been inlined.
        if options.backtraceDetails {
            declareEveryFunctionNoInline()
        }
        let locations = options.backtraceDetails
            ? SourceLocations(module: ir.module, context: ir.context, builder: ir.builder,
                              optimized: options.optimization != .o0)
            : nil
        for definedIndex in range {
            let emitter = FunctionEmitter(unit: self, definedIndex: definedIndex)
            emitter.sourceLocations = locations
            try emitter.emit(body: wasm.bodies[definedIndex])
        }
        locations?.finalize()
        finalizeLinkage()
    }

    /// One entry trampoline and one adapter into the other calling convention
    /// (``WasmCallingConvention``) per distinct signature of the escaping
    /// defined functions; returns the signatures, in the order of their functions.
    func emitEntryTrampolines() -> [FunctionType] {
        var signatures: [FunctionType] = []
        var seen: Set<FunctionType> = []
        let trampolines = TrampolineEmitter(ir: ir)
        for index in escaping.filter({ $0 >= importedFunctionCount }).sorted() {
            // Trampolines depend only on the machine-level signature: every
            // reference is a pointer, whatever its Wasm type.
            let signature = functionTypes[index].machineSignature
            guard seen.insert(signature).inserted else { continue }
            signatures.append(signature)
            trampolines.emitEntry(for: signature)
            // The other way into functions of this signature (their funcref records' other code).
            trampolines.emitAdapter(for: signature, convention: convention.other)
        }
        return signatures
    }
}
