import Wasmex

/// Every engine the harness knows, by name. To add one, append a factory here.
package enum EngineCatalog {
    /// Known engine names, in report order.
    package static let names = ["jit", "jit-whole-first-tier", "jit-eager-O2", "jit-O0", "jit-O1", "jit-O2", "jit-O3", "jit-guard", "jit-explicit", "jit-eager-O2-explicit", "aot", "interp", "wasmtime"]

    /// What runs when no `--engine` is given: our JIT at its default level, the
    /// AOT path (reported unavailable until it exists) and both references.
    package static let defaultNames = ["jit", "aot", "interp", "wasmtime"]

    /// The reference engines ratios are computed against.
    package static let interpreterName = "interp"
    package static let wasmtimeName = "wasmtime"

    /// Creates the engine called `name`.
    package static func make(_ name: String) throws(BenchError) -> any BenchEngine {
        switch name {
        // The default configuration: tiered, O0 code on first call and O2 for hot functions in the background.
        case "jit": return JITEngine(name: name, optimization: .o2, compilation: .tiered)
        // Tiered, but the whole first tier compiled before the program starts
        // (no compilation on first call): what lazy compilation saves or costs.
        case "jit-whole-first-tier":
            return JITEngine(name: name, optimization: .o2, compilation: .tiered, compilesOnFirstCall: false)
        // Eager engines compile everything at their level before running.
        case "jit-eager-O2", "jit-O2": return JITEngine(name: name, optimization: .o2)
        case "jit-O0": return JITEngine(name: name, optimization: .o0)
        case "jit-O1": return JITEngine(name: name, optimization: .o1)
        case "jit-O3": return JITEngine(name: name, optimization: .o3)
        // Eager O2 with guard pages, whatever the host's default memory strategy.
        case "jit-guard": return JITEngine(name: name, optimization: .o2, memoryStrategy: .guardPages)
        // Explicit bounds checks instead of guard pages (the default on 64-bit Linux
        // and macOS): tiered, and eager O2. Both strategies are exact; these show what
        // each costs (see MemoryStrategy).
        case "jit-explicit": return JITEngine(name: name, optimization: .o2, memoryStrategy: .explicitChecks, compilation: .tiered)
        case "jit-eager-O2-explicit": return JITEngine(name: name, optimization: .o2, memoryStrategy: .explicitChecks)
        case "aot": return AOTEngine()
        case "interp": return InterpreterEngine()
        case "wasmtime": return WasmtimeEngine()
        default: throw .unknownEngine(name: name, known: names)
        }
    }

    /// Engines that run inside this process (and so are worth isolating in a child process).
    package static func runsInProcess(_ name: String) -> Bool {
        name == "interp" || name.hasPrefix("jit")
    }

    /// The engines named in `requested` (the defaults when empty), without duplicates, in the order given.
    /// With `isolation` (child command and workload folder), in-process engines run in child processes.
    package static func resolve(_ requested: [String],
                               isolation: (childCommand: [String], benchDirectory: String)? = nil) throws(BenchError) -> [any BenchEngine] {
        var seen: Set<String> = []
        var engines: [any BenchEngine] = []
        for name in requested.isEmpty ? defaultNames : requested where seen.insert(name).inserted {
            let engine = try make(name)
            if let isolation, runsInProcess(name) {
                engines.append(IsolatedEngine(engine, childCommand: isolation.childCommand,
                                              benchDirectory: isolation.benchDirectory))
            } else {
                engines.append(engine)
            }
        }
        return engines
    }
}
