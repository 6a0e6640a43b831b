import WasmCompiler

extension Engine {
    /// The version of Wasmex this program was built with (semantic versioning;
    /// the git tag a versioned SwiftPM dependency resolves to). `wasmex --version`
    /// prints it.
    public static let version = "0.1.0"
}

extension Engine {
    /// The version of the LLVM library the engine compiles with, e.g. "19.1.7".
    public static var llvmVersion: String { llvmVersionString() }
}
