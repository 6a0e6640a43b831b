// Makes the WASI layer's public types (`WasiOptions`, `Preopen`, `WasiStdio`,
// `Pipe`, `WASIEnvironment`, `WASIHostFunction`, `WASIExit`, …) part of the
// `Wasmex` API, so `import Wasmex` is enough to run WASI programs.
//
// Note: `Pipe` is also a Foundation type; files importing both modules write
// `WasmexWASI.Pipe` (or `Foundation.Pipe`) to pick one.
@_exported import WasmexWASI
