// WasmexWASI: WASI preview 1 for Wasmex.
