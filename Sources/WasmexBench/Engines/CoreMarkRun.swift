import Wasmex

/// One CoreMark run on Wasmex: instantiates the module with `env.clock_ms`
/// (``BenchClock/coreMarkMilliseconds()``) and calls `run`, which returns the
/// score. Shared by the `jit`/`aot` bench engines, `wasmex bench control` and
/// the CoreMark test.
package struct CoreMarkRun {
    /// What `run` returned (one f32 when the module follows the protocol).
    package let results: [Value]
    package let instantiateMs: Double
    package let runMs: Double

    /// The score, if `run` returned exactly one f32.
    package var score: Float? {
        guard results.count == 1, case .f32(let score) = results[0] else { return nil }
        return score
    }

    /// Instantiates `module` in `store` and runs it once.
    package static func run(_ module: Module, in store: Store) throws(WasmexError) -> CoreMarkRun {
        var imports = Imports()
        let clock = try Function(store: store, type: FunctionType(results: [.i32])) { _, _ in
            [.i32(BenchClock.coreMarkMilliseconds())]
        }
        imports.define(module: "env", name: "clock_ms", .function(clock))
        let (instance, instantiateMs) = try BenchClock.measure { () throws(WasmexError) -> Instance in
            try Instance(store: store, module: module, imports: imports)
        }
        let (results, runMs) = try BenchClock.measure { () throws(WasmexError) -> [Value] in try instance.call("run") }
        return CoreMarkRun(results: results, instantiateMs: instantiateMs, runMs: runMs)
    }
}
