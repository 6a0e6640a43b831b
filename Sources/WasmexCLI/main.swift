import WasmCompiler
print("wasmex (LLVM \(llvmVersionString()))")
