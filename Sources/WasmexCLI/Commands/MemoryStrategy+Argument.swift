import ArgumentParser
import WasmCompiler

/// `--memory explicit|guard` on the commands that compile.
extension MemoryStrategy: ExpressibleByArgument {
    static let argumentHelp = ArgumentHelp(
        "How loads and stores stay in bounds: explicit (a check per access; traps are exact) or guard (guard pages, no checks in the code; faster, but an out-of-bounds trap may leave state the program never had). Default: \(MemoryStrategy.hostDefault.rawValue).",
        valueName: "explicit|guard")
}
