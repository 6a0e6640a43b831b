// WasmexSpec: runs WebAssembly spec scripts.
