// Wasmex: the public Swift API.
//
// Engine (compiles, owns the JIT) → Module (compiled code) → Store (owns
// runtime objects) → Instance (exports: Function, Memory, Table, Global).
@_exported import WasmFrontend
@_exported import WasmCompiler
