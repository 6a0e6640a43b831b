import ArgumentParser
import Wasmex
import WasmCompiler

/// `--compilation tiered|eager` on `wasmex run`.
extension CompilationStrategy: ExpressibleByArgument {
    static let argumentHelp = ArgumentHelp(
        "When code is compiled: tiered (O0 code, each function's at its first call; hot functions at the -O level in the background, switched in when ready) or eager (everything at the -O level before the program starts). Default: tiered.",
        valueName: "tiered|eager")
}

/// `--compilation` on `wasmex spec`: every way the JIT can produce code, so
/// the spec suite can check each of them.
enum SpecCompilationArgument: String, ExpressibleByArgument, CaseIterable {
    /// The default engine: O0 code (on first call for modules of 1 KB of code or more), O2 for hot functions in the background.
    case tiered
    /// Tiered, but each module waits for its O2 code before it runs: every
    /// call runs second-tier code reached through the first tier's forwarding.
    case tierUpAtOnce = "tier-up-at-once"
    /// Tiered with a hotness threshold of 1, hot functions compiled inline:
    /// every function is optimised alone at its first call, and every
    /// resumable loop is entered through on-stack replacement.
    case hotAtOnce = "hot-at-once"
    /// Tiered with every module's first tier compiled function by function
    /// on first call (by default only modules with 1 KB of code or more).
    case lazy
    /// Everything at O2 before the module runs.
    case eagerO2 = "eager-O2"
    /// Everything at O0 (the first tier alone, without forwarding).
    case eagerO0 = "eager-O0"

    static let argumentHelp = ArgumentHelp(
        "How the JIT compiles each module: tiered (default), tier-up-at-once (tiered, waiting for the optimised code before running), hot-at-once (every function optimised alone at its first call, every loop entered by on-stack replacement), lazy (every module's functions compiled on their first call), eager-O2 or eager-O0.",
        valueName: "tiered|tier-up-at-once|hot-at-once|lazy|eager-O2|eager-O0")

    /// `configuration` with this choice's strategy and level.
    func apply(to configuration: Engine.Configuration) -> Engine.Configuration {
        var configuration = configuration
        switch self {
        case .tiered, .tierUpAtOnce: configuration.compilation = .tiered
        case .hotAtOnce:
            configuration.compilation = .tiered
            configuration.hotnessThreshold = 1
            configuration.compilesHotFunctionsInline = true
        case .lazy:
            configuration.compilation = .tiered
            configuration.lazyCompilationMinimumCodeSize = 0
            configuration.compilesFirstTierAhead = false
        case .eagerO2: configuration.compilation = .eager
        case .eagerO0:
            configuration.compilation = .eager
            configuration.optimization = .o0
        }
        return configuration
    }
}
