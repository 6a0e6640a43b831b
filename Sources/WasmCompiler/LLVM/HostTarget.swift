import CLLVM

/// The machine generated code runs on: triple, CPU and CPU features of the host.
///
/// An AOT artifact records these and is only loaded on a matching host.
package struct HostTarget: Sendable, Hashable {
    package let triple: String
    package let cpuName: String
    package let cpuFeatures: String

    package init(triple: String, cpuName: String, cpuFeatures: String) {
        self.triple = triple
        self.cpuName = cpuName
        self.cpuFeatures = cpuFeatures
    }

    /// The host this process runs on (LLVM's native target is initialised on first use).
    package static let current: HostTarget = {
        LLVMNativeSetup.ensureInitialized()
        return HostTarget(
            triple: LLVMErrors.takeMessage(LLVMGetDefaultTargetTriple()),
            cpuName: LLVMErrors.takeMessage(LLVMGetHostCPUName()),
            cpuFeatures: LLVMErrors.takeMessage(LLVMGetHostCPUFeatures()))
    }()
}

/// One-time initialisation of LLVM's native target, asm printer and parser.
enum LLVMNativeSetup {
    private static let initialized: Bool = {
        let target = LLVMInitializeNativeTarget()
        let printer = LLVMInitializeNativeAsmPrinter()
        // Module-level assembly (the lazy stubs, ``LazyStubAssembly``) is parsed when emitted.
        _ = LLVMInitializeNativeAsmParser()
        LLVMOptions.apply()
        return target == 0 && printer == 0
    }()

    /// Initialises the native target; returns `false` if LLVM lacks it.
    @discardableResult
    static func ensureInitialized() -> Bool { initialized }
}

/// An owned `LLVMTargetMachineRef` for the host, configured for in-memory
/// object emission that the JIT (or a later AOT load) can link:
/// position-independent code, small code model.
final class TargetMachine {
    let ref: LLVMTargetMachineRef
    let target: HostTarget

    init(_ host: HostTarget = .current, optimization: OptimizationLevel) throws(CompileError) {
        guard LLVMNativeSetup.ensureInitialized() else {
            throw CompileError.llvm("LLVM has no native target for this host")
        }
        var llvmTarget: LLVMTargetRef?
        var errorMessage: UnsafeMutablePointer<CChar>?
        if LLVMGetTargetFromTriple(host.triple, &llvmTarget, &errorMessage) != 0 || llvmTarget == nil {
            throw CompileError.llvm("no target for \(host.triple): \(LLVMErrors.takeMessage(errorMessage))")
        }
        guard let machine = LLVMCreateTargetMachine(
            llvmTarget, host.triple, host.cpuName, host.cpuFeatures,
            optimization.codeGenLevel, LLVMRelocPIC, LLVMCodeModelSmall)
        else {
            throw CompileError.llvm("cannot create a target machine for \(host.triple)")
        }
        self.ref = machine
        self.target = host
    }

    deinit { LLVMDisposeTargetMachine(ref) }

    /// Gives `module` this machine's triple and data layout (do this before emitting IR).
    func configure(_ module: LLVMModuleRef) {
        LLVMSetTarget(module, target.triple)
        let layout = LLVMCreateTargetDataLayout(ref)
        LLVMSetModuleDataLayout(module, layout)
        LLVMDisposeTargetData(layout)
    }
}
