import CLLVM
import WasmFrontend

/// Compiles one hot function of a tiered module at the second tier's level,
/// alone, while the module runs (see ``OSREntry`` for when a function is hot).
///
/// The object holds the function (`wasm_f<i>`, published in the tier table)
/// and, when it has resumable loops, its on-stack-replacement entry
/// (`wasm_f<i>.osr`, published in `wasm_osr`). Calls to the module's other
/// functions go to their first-tier code at its load address (a constant in
/// the object), whose entry check forwards to their own optimised code once
/// they have some; a recursive call stays in the object.
///
/// Compiling a function alone takes milliseconds where the whole module at O2
/// takes seconds (sightglass's ed25519: 18.6 s), so the functions a program
/// spends its time in are optimised first, and functions that never get hot
/// are never optimised at all. The price is inlining: a hot function does not
/// inline its callees (each is optimised on its own when it gets hot).
package enum HotFunctionCompiler {
    /// What every hot function of a module shares: computed once.
    package struct Analysis: Sendable {
        let shapes: [FunctionShape]
        let entryChecks: [Bool]
        let escaping: Set<Int>
    }

    /// An optimised function, ready to load.
    package struct Output: Sendable {
        /// The object bytes.
        package let objectBytes: [UInt8]
        /// `wasm_f<i>`, and `wasm_f<i>.osr` when the function has resumable loops.
        package let symbols: [String]
        /// Whether ``symbols`` names an OSR entry.
        package let hasOSREntry: Bool
        /// Per-phase times.
        package let timings: CompileTimings
    }

    /// The module-wide pre-scan (function shapes, epoch entry checks, escaping functions).
    package static func analyse(_ wasm: WasmModule) throws(CompileError) -> Analysis {
        var escaping = ModuleCompiler.initiallyEscaping(wasm)
        let imported = wasm.imports.count { if case .function = $0.descriptor { true } else { false } }
        let analysis = try CodegenModule.analyse(wasm, escaping: escaping, importedFunctionCount: imported)
        for shape in analysis.shapes { escaping.formUnion(shape.referencedFunctions) }
        return Analysis(shapes: analysis.shapes, entryChecks: analysis.entryChecks, escaping: escaping)
    }

    /// Compiles defined function `definedIndex` of `wasm` with `options`
    /// (tier ``CodeTier/second``); `firstTier` gives the loaded first-tier
    /// address of any function by absolute index.
    package static func compile(_ wasm: WasmModule, definedIndex: Int, analysis: Analysis, name: String,
                                options: CompilerOptions, target: HostTarget = .current,
                                firstTier: (Int) -> UInt64?) throws(CompileError) -> Output {
        guard definedIndex >= 0, definedIndex < wasm.bodies.count else {
            throw CompileError.invalidModule(.invalid("unknown function \(definedIndex)", offset: 0))
        }
        var timings = CompileTimings()
        let started = ContinuousClock.now
        let machine = try TargetMachine(target, optimization: options.optimization)
        let ir = IRModule(name: "\(name).f\(definedIndex)", machine: machine)
        var options = options
        options.tier = .second
        let unit = try CodegenModule(wasm: wasm, ir: ir, tier: .second)
        unit.configure(options, escaping: analysis.escaping, shapes: analysis.shapes, entryChecks: analysis.entryChecks)
        let index = unit.importedFunctionCount + definedIndex
        var symbols = [SymbolNames.function(index)]
        var hasOSREntry = false
        try measure(&timings.irBuild) { () throws(CompileError) in
            try unit.lowerFunctions(definedIndex..<(definedIndex + 1), options: options)
            let shape = analysis.shapes[definedIndex]
            // With backtrace details every frame must name its instruction;
            // an OSR entry has no source locations, so such code resumes nothing.
            if shape.loops && !shape.handlesExceptions && !options.backtraceDetails {
                let entry = OSREntry(function: unit.declareOSREntry(definedIndex: definedIndex))
                try FunctionEmitter(unit: unit, definedIndex: definedIndex, osrEntry: entry).emit(body: wasm.bodies[definedIndex])
                if entry.resumesLoops {
                    symbols.append(SymbolNames.osrEntry(index))
                    hasOSREntry = true
                } else {
                    LLVMDeleteFunction(entry.function)
                }
            }
            unit.bindDeclarations(to: firstTier)
        }
        let object = try ir.emitObject(machine: machine, options: options, timings: &timings)
        timings.total = ContinuousClock.now - started
        timings.reportIfEnabled(name: "\(name) hot f\(index)\(hasOSREntry ? " +osr" : "")", wasmBytes: wasm.bodies[definedIndex].code.count)
        return Output(objectBytes: object, symbols: symbols, hasOSREntry: hasOSREntry, timings: timings)
    }
}
