import ArgumentParser

/// The `wasmex` command-line tool.
@main
struct WasmexTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wasmex",
        abstract: "A WebAssembly runtime whose engine compiles Wasm through LLVM.",
        subcommands: WasmexSubcommands.all
    )
}
