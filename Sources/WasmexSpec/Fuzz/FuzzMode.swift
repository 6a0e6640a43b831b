import Wasmex
import WasmCompiler

/// One way of running a module that the differential fuzzer compares with
/// Wasmtime: JIT or AOT, an LLVM optimisation level and a memory strategy.
///
/// Spelled `<jit|aot|tiered>-o<0-3>-<guard|explicit>`, e.g. `jit-o2-guard`.
/// `jit` and `aot` compile eagerly at the level; `tiered` is the default
/// tiered JIT, waiting for the level's code before the module runs, so every
/// call enters first-tier code and is passed on to the second tier; `hot` is
/// tiered with every function optimised alone at its first call and every
/// resumable loop entered by on-stack replacement (`wasmex spec --compilation hot-at-once`);
/// `lazy` is tiered with every function's first-tier code compiled on its
/// first call (`wasmex spec --compilation lazy`); `ahead` is `lazy` with the
/// bodies also compiled ahead of their first calls in the background, as big
/// modules are by default, so calls race with those compiles.
package struct FuzzMode: Hashable, Sendable, CustomStringConvertible {
    package var compilation: SpecCompilation
    package var optimization: OptimizationLevel
    package var memory: MemoryStrategy
    /// Tiered compilation, tiered up before the first call (JIT only).
    package var tiered: Bool
    /// Tiered compilation, each function optimised alone when first called (JIT only).
    package var hot = false
    /// Tiered compilation, each function's first tier compiled on its first call (JIT only).
    package var lazy = false
    /// As ``lazy``, with the first tier also compiled ahead of the first calls.
    package var ahead = false

    package init(compilation: SpecCompilation, optimization: OptimizationLevel, memory: MemoryStrategy,
                 tiered: Bool = false) {
        self.compilation = compilation
        self.tiered = tiered && compilation == .jit
        self.optimization = optimization
        self.memory = memory
    }

    /// The modes run when none are named: guard pages and explicit checks
    /// on the JIT at the default O2, the JIT at O0 and AOT objects, the
    /// last two with the host's default memory strategy (both are exact).
    package static let defaults: [FuzzMode] = [
        FuzzMode(compilation: .jit, optimization: .o2, memory: .guardPages),
        FuzzMode(compilation: .jit, optimization: .o2, memory: .explicitChecks),
        FuzzMode(compilation: .jit, optimization: .o0, memory: .hostDefault),
        FuzzMode(compilation: .aot, optimization: .o2, memory: .hostDefault),
    ]

    /// Parses the `jit-o2-guard` spelling; nil when `text` is not one.
    package init?(_ text: String) {
        let parts = text.lowercased().split(separator: "-").map(String.init)
        guard parts.count == 3 else { return nil }
        tiered = false
        switch parts[0] {
        case "jit": compilation = .jit
        case "aot": compilation = .aot
        case "tiered":
            compilation = .jit
            tiered = true
        case "hot":
            compilation = .jit
            hot = true
        case "lazy":
            compilation = .jit
            lazy = true
        case "ahead":
            compilation = .jit
            lazy = true
            ahead = true
        default: return nil
        }
        guard parts[1].count == 2, parts[1].first == "o", let digit = Int(parts[1].dropFirst()),
              let level = OptimizationLevel(rawValue: digit) else { return nil }
        optimization = level
        guard let strategy = MemoryStrategy(rawValue: parts[2]) else { return nil }
        memory = strategy
    }

    package var description: String {
        let path = tiered ? "tiered" : hot ? "hot" : ahead ? "ahead" : lazy ? "lazy" : compilation == .jit ? "jit" : "aot"
        return "\(path)-o\(optimization.rawValue)-\(memory.rawValue)"
    }

    /// The engine configuration of this mode; everything else is the default,
    /// except that code is compiled eagerly, so `o2` always runs O2 code
    /// (both tiers of the tiered default are these same modes: `o0` and `o2`).
    package var configuration: Engine.Configuration {
        var configuration = Engine.Configuration(optimization: optimization, memoryStrategy: memory)
        configuration.compilation = tiered || hot || lazy ? .tiered : .eager
        if lazy {
            // Every function compiled by its first call (and with `ahead` before it, when the background gets there first).
            configuration.lazyCompilationMinimumCodeSize = 0
            configuration.compilesFirstTierAhead = ahead
        }
        if hot {
            configuration.hotnessThreshold = 1
            configuration.compilesHotFunctionsInline = true
        }
        return configuration
    }

    /// A loader (engine + JIT or AOT path) for this mode, shared with `wasmex spec`.
    package func makeLoader() throws(SpecEngineError) -> WasmexModuleLoader {
        try WasmexModuleLoader(configuration: configuration, compilation: compilation, tierUpAtOnce: tiered)
    }
}
