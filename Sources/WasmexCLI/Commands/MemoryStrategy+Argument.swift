import ArgumentParser
import WasmCompiler

/// `--memory explicit|guard` on the commands that compile.
extension MemoryStrategy: ExpressibleByArgument {
    static let argumentHelp = ArgumentHelp(
        "How loads and stores stay in bounds: guard (guard pages, no checks in the code) or explicit (a check per access; memories reserve only what they use). Both trap exactly. Default: \(MemoryStrategy.hostDefault.rawValue).",
        valueName: "explicit|guard")
}
