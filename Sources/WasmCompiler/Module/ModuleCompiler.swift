import CLLVM
import WasmFrontend

/// Compiles a validated Wasm module to a host object: one LLVM module with a
/// function per defined Wasm function plus entry trampolines, optimised with
/// the new pass manager and emitted in memory.
package enum ModuleCompiler {
    /// Compiles `wasm` (which must have passed ``WasmModule/validate()``).
    ///
    /// - Parameters:
    ///   - wasm: the validated module.
    ///   - name: a label for the LLVM module (diagnostics only).
    ///   - options: optimisation level and verification.
    /// - Throws: ``CompileError/llvm(_:)``
    ///   if LLVM fails, ``CompileError/invalidModule(_:)`` if the module is inconsistent.
    ///   - target: the machine to compile for (default: this host).
    ///   - limits: the compile budget (nil: the caller has checked it); a module past it throws
    ///     ``CompileError/limitExceeded(_:)`` before any IR is built.
    ///   - partitions: for first-tier code (``CodeTier/first``), how many
    ///     partitions to compile in parallel (see ``PartitionedCompiler``).
    ///   - metadata: if given, called with the target, the escaping functions and the convention
    ///     once the IR is built; its bytes become the object's `.wasmex.meta`
    ///     section (see ``AOTCompiler``).
    package static func compile(_ wasm: WasmModule, name: String = "wasm", options: CompilerOptions = CompilerOptions(),
                               target: HostTarget = .current, limits: CompileLimits? = CompileLimits(),
                               metadata: ((HostTarget, [Int], WasmCallingConvention) -> [UInt8])? = nil,
                               partitions: Int = 1) throws(CompileError) -> CompiledModule {
        guard wasm.bodies.count == wasm.functions.count else {
            throw CompileError.invalidModule(.malformed("function and code section have inconsistent lengths", offset: 0))
        }
        // The budget is checked before any IR exists: refusing must stay cheap.
        try limits?.check(wasm)
        // First-tier code is compiled in partitions: across threads, and by
        // grade (see ``PartitionedCompiler``, ``FirstTierGrade``).
        if options.tier == .first && metadata == nil {
            return try PartitionedCompiler.compile(wasm, name: name, options: options, target: target, partitions: partitions)
        }
        let started = ContinuousClock.now
        var timings = CompileTimings()
        let machine = try ThreadTargetMachines.machine(target, optimization: options.optimization)
        let ir = IRModule(name: name, machine: machine)
        let unit = try CodegenModule(wasm: wasm, ir: ir, tier: options.tier)
        try measure(&timings.irBuild) { () throws(CompileError) in
            let escaping = initiallyEscaping(wasm)
            let analysis = try CodegenModule.analyse(wasm, escaping: escaping, importedFunctionCount: unit.importedFunctionCount)
            unit.configure(options, escaping: escaping, shapes: analysis.shapes, entryChecks: analysis.entryChecks)
            try unit.lowerFunctions(0..<wasm.bodies.count, options: options)
        }
        let signatures = unit.emitEntryTrampolines()
        let escaping = unit.escaping.filter { $0 >= unit.importedFunctionCount }.sorted()
        if let metadata { AOTSection.embed(metadata(machine.target, escaping, unit.convention), in: ir, naming: escaping, of: wasm) }
        let object = try ir.emitObject(machine: machine, options: options, timings: &timings)
        var compiled = CompiledModule(objectBytes: object, escapingFunctions: escaping, entrySignatures: signatures,
                                      target: machine.target, optimization: options.optimization,
                                      memoryStrategy: options.memoryStrategy)
        timings.total = ContinuousClock.now - started
        timings.reportIfEnabled(name: name, wasmBytes: wasm.bytes.count)
        compiled.timings = timings
        compiled.exportedFunctions = unit.exportedFunctions
        compiled.convention = unit.convention
        compiled.hasTierTable = unit.tierTable != nil
        return compiled
    }

    /// Functions reachable from outside generated code before looking at code:
    /// exports, the start function, element segment items, global and table initialisers.
    static func initiallyEscaping(_ wasm: WasmModule) -> Set<Int> {
        var escaping: Set<Int> = []
        for export in wasm.exports where export.kind == .function { escaping.insert(Int(export.index)) }
        if let start = wasm.start { escaping.insert(Int(start)) }
        for segment in wasm.elements {
            for case .refFunc(let index) in segment.items { escaping.insert(Int(index)) }
        }
        for global in wasm.globals {
            if case .refFunc(let index) = global.initializer { escaping.insert(Int(index)) }
        }
        for case .refFunc(let index)? in wasm.tableInitializers { escaping.insert(Int(index)) }
        return escaping
    }
}
