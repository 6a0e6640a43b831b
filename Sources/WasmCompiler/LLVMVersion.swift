import CLLVM

/// The LLVM version this compiler is linked against, e.g. "19.1.7".
package func llvmVersionString() -> String {
    var major: UInt32 = 0, minor: UInt32 = 0, patch: UInt32 = 0
    LLVMGetVersion(&major, &minor, &patch)
    return "\(major).\(minor).\(patch)"
}
