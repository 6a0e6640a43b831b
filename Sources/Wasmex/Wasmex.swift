// Wasmex: the public Swift API.
@_exported import WasmFrontend
