import WasmFrontend

/// Compiles standalone exit trampolines (the code of host functions) for a
/// set of signatures into one object.
package enum ExitTrampolineCompiler {
    /// An object defining ``SymbolNames/exitTrampoline(for:)`` (the C-convention code of host
    /// functions) and its `tailcc` adapter (``SymbolNames/adapter(for:convention:)``) for each of `signatures`.
    package static func compile(_ signatures: [FunctionType], options: CompilerOptions = CompilerOptions()) throws(CompileError) -> [UInt8] {
        let machine = try ThreadTargetMachines.machine(optimization: options.optimization)
        let ir = IRModule(name: "wasmex_exit_trampolines", machine: machine)
        let emitter = TrampolineEmitter(ir: ir)
        var seen: Set<FunctionType> = []
        for signature in signatures where seen.insert(signature).inserted {
            emitter.emitExit(for: signature)
            emitter.emitAdapter(for: signature, convention: .tail)
        }
        return try ir.emitObject(machine: machine, options: options)
    }
}
