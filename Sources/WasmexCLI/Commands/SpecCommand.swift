import ArgumentParser
import WasmCompiler
import Foundation
import WasmexSpec

/// `wasmex spec PATH...`: runs WebAssembly spec scripts and prints a table of results.
struct SpecTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spec",
        abstract: "Run WebAssembly spec scripts (.wast files or folders of them).",
        discussion: """
            Each script is converted with `wasm-tools json-from-wast` (found through \
            $WASMEX_WASM_TOOLS, .venv/bin/wasm-tools in the package, or $PATH) and its commands \
            are checked. Commands that need execution are skipped when no engine is available. \
            Exits with status 1 when any command failed.
            """
    )

    @Argument(help: "The .wast files or folders (searched recursively) to run.")
    var paths: [String]

    @Option(name: .long, help: ArgumentHelp("Write a JSON summary to this file.", valueName: "file"))
    var json: String?

    @Flag(name: .long, help: "Run modules through ahead-of-time compiled objects.")
    var aot = false

    @Option(help: MemoryStrategy.argumentHelp)
    var memory: MemoryStrategy = .hostDefault

    @Option(help: SpecCompilationArgument.argumentHelp)
    var compilation: SpecCompilationArgument = .tiered

    @Flag(name: .long, help: "Check decoding and validation only; skip everything that executes.")
    var noEngine = false

    @Option(name: .long, help: ArgumentHelp("Run only scripts whose path contains this text.", valueName: "substring"))
    var filter: String?

    @Option(name: .long, help: "Print at most this many failures per file.")
    var maxFailures = 10

    @Flag(name: .long, help: "Also list commands that passed with a differently worded message.")
    var showMismatches = false

    func run() throws {
        let provider = try SpecEngineSelection.provider(aot: aot, frontEndOnly: noEngine, memory: memory,
                                                           compilation: compilation)
        let tools: WasmTools
        let files: [String]
        do throws(SpecRunnerError) {
            tools = try WasmTools.locate()
            files = try SpecRunner.collectScripts(paths, filter: filter)
        } catch {
            throw CLIError(error.description)
        }
        guard !files.isEmpty else { throw CLIError("no .wast files found") }

        let runner = SpecRunner(tools: tools, engineProvider: provider)
        let table = SpecTableWriter(files: files)
        Console.line("engine: \(provider?.name ?? "none (front end only)")")
        Console.line(table.header)
        let report = runner.run(files: files) { result in Console.line(table.row(result)) }
        Console.line(table.footer(report))
        Console.line(SpecReportFormatter.summary(report))

        let failures = SpecReportFormatter.failures(report, limit: max(0, maxFailures))
        if !failures.isEmpty { Console.line("\nfailures:\n" + failures) }
        if showMismatches {
            let mismatches = SpecReportFormatter.mismatches(report, limit: max(0, maxFailures))
            if !mismatches.isEmpty { Console.line("\nmessage mismatches:\n" + mismatches) }
        }
        if let json {
            do {
                try Data(SpecReportFormatter.json(report).utf8).write(to: URL(fileURLWithPath: json))
            } catch {
                throw CLIError("cannot write \(json): \(error.localizedDescription)")
            }
        }
        if !report.succeeded { throw ExitCode.failure }
    }
}
