import CLLVM

/// LLVM optimisation level for generated code. Fast-math is never used at any level.
public enum OptimizationLevel: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case o0 = 0, o1 = 1, o2 = 2, o3 = 3

    /// The new pass manager pipeline, e.g. `default<O2>`.
    var passPipeline: String { "default<O\(rawValue)>" }

    /// The matching code generator level.
    var codeGenLevel: LLVMCodeGenOptLevel {
        switch self {
        case .o0: return LLVMCodeGenLevelNone
        case .o1: return LLVMCodeGenLevelLess
        case .o2: return LLVMCodeGenLevelDefault
        case .o3: return LLVMCodeGenLevelAggressive
        }
    }

    public var description: String { "O\(rawValue)" }
}
