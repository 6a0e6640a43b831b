import ArgumentParser

/// Every `wasmex` subcommand, registered in this one place.
///
/// To add a command (e.g. `run`, `compile`), define a `ParsableCommand` in its own file under
/// `Commands/` and append its type here.
enum WasmexSubcommands {
    static let all: [any ParsableCommand.Type] = [
        RunCommand.self,
        CompileCommand.self,
        InspectCommand.self,
        SpecTestCommand.self,
        BenchCommand.self,
        FuzzExecCommand.self,
        Wat2WasmCommand.self,
        CacheFillCommand.self,
    ]
}
