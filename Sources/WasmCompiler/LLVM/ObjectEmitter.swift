import CLLVM

/// The "make object bytes" half of the pipeline: verify, optimise with the
/// new pass manager, and emit a relocatable object into memory.
///
/// Loading the bytes is a separate step (``JITSession/load(object:name:symbols:)``),
/// so an AOT cache can store the bytes and load them later without LLVM codegen.
enum ObjectEmitter {
    /// Checks `module` with LLVM's verifier.
    static func verify(_ module: LLVMModuleRef) throws(CompileError) {
        var message: UnsafeMutablePointer<CChar>?
        let failed = LLVMVerifyModule(module, LLVMReturnStatusAction, &message) != 0
        let text = LLVMErrors.takeMessage(message)
        if failed { throw CompileError.llvm("IR verification failed: \(text)") }
    }

    /// Runs the pipeline of ``PassPipeline`` for `level` and the memory
    /// strategy on `module` for `machine`.
    static func optimize(_ module: LLVMModuleRef, machine: TargetMachine, level: OptimizationLevel,
                         memoryStrategy: MemoryStrategy, tier: CodeTier = .only,
                         lightPasses: Bool = false) throws(CompileError) {
        guard let options = LLVMCreatePassBuilderOptions() else {
            throw CompileError.llvm("cannot create pass builder options")
        }
        defer { LLVMDisposePassBuilderOptions(options) }
        let pipeline = PassPipeline.text(for: level, memoryStrategy: memoryStrategy, tier: tier, lightPasses: lightPasses)
        // An empty pipeline: straight to the code generator.
        if pipeline.isEmpty { return }
        let error = LLVMRunPasses(module, pipeline, machine.ref, options)
        try LLVMErrors.check(error, "optimisation (\(level)) failed")
    }

    /// Emits `module` as an object file into memory and returns its bytes.
    static func emitObject(_ module: LLVMModuleRef, machine: TargetMachine) throws(CompileError) -> [UInt8] {
        var buffer: LLVMMemoryBufferRef?
        var message: UnsafeMutablePointer<CChar>?
        let failed = LLVMTargetMachineEmitToMemoryBuffer(machine.ref, module, LLVMObjectFile, &message, &buffer) != 0
        let text = LLVMErrors.takeMessage(message)
        guard !failed, let buffer else { throw CompileError.llvm("object emission failed: \(text)") }
        defer { LLVMDisposeMemoryBuffer(buffer) }
        let size = LLVMGetBufferSize(buffer)
        guard let start = LLVMGetBufferStart(buffer) else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: UnsafeRawPointer(start), count: size))
    }
}
