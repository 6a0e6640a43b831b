// WasmFrontend: decode, validate and describe WebAssembly modules.
