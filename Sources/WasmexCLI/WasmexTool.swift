import ArgumentParser
import Wasmex

/// The `wasmex` command-line tool.
@main
struct WasmexTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wasmex",
        abstract: "A WebAssembly runtime whose engine compiles Wasm through LLVM.",
        version: "wasmex \(Engine.version) (LLVM \(Engine.llvmVersion))",
        subcommands: WasmexSubcommands.all
    )
}
