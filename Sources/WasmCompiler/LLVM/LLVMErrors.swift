import CLLVM

/// Converts LLVM's error values and owned message strings into Swift strings.
enum LLVMErrors {
    /// The message of `error` (consuming it), or `nil` for success.
    static func message(consuming error: LLVMErrorRef?) -> String? {
        guard let error else { return nil }
        guard let cString = LLVMGetErrorMessage(error) else { return "unknown LLVM error" }
        defer { LLVMDisposeErrorMessage(cString) }
        return String(cString: cString)
    }

    /// Throws ``CompileError/llvm(_:)`` with `context` if `error` is a failure.
    static func check(_ error: LLVMErrorRef?, _ context: String) throws(CompileError) {
        if let message = message(consuming: error) {
            throw CompileError.llvm("\(context): \(message)")
        }
    }

    /// Takes ownership of a C string allocated by LLVM (freed with `LLVMDisposeMessage`).
    static func takeMessage(_ cString: UnsafeMutablePointer<CChar>?) -> String {
        guard let cString else { return "" }
        defer { LLVMDisposeMessage(cString) }
        return String(cString: cString)
    }
}
