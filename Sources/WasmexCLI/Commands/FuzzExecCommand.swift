import ArgumentParser
import Foundation
import WasmexSpec

/// `wasmex fuzz-exec`: the Wasmex side of the differential fuzzer
/// (`Tests/Fuzz/fuzz.py`). Hidden from help: a tool for the fuzzer, not for users.
///
/// Runs every module in every requested mode in this process, one engine per
/// mode, and prints one JSON ``FuzzObservation`` per module and mode, in
/// that order, flushed as soon as it is known (so when a module crashes the
/// process, the lines before it are intact and the driver knows which one it was).
struct FuzzExecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fuzz-exec",
        abstract: "Run modules as the differential fuzzer does and print JSON observations.",
        discussion: """
            Each exported function is called in export order with zero arguments; the exported \
            globals, memories (length and CRC-32) and tables are read after instantiation and \
            after every call. Modes are spelled <jit|aot>-o<0-3>-<guard|explicit>.
            """,
        shouldDisplay: false
    )

    @Option(name: .customLong("mode"), help: "A mode to run (repeatable; default: jit-o2-guard, jit-o2-explicit, jit-o0-<host default>, aot-o2-<host default>).")
    var modes: [String] = []

    @Flag(name: .customLong("stdin"), help: "Read module paths from standard input, one a line, after the arguments.")
    var readStandardInput = false

    @Argument(help: "Module files (.wasm).")
    var paths: [String] = []

    func run() throws {
        var selected: [FuzzMode] = []
        for text in modes {
            guard let mode = FuzzMode(text) else { throw CLIError("unknown mode \"\(text)\" (expected e.g. jit-o2-guard)") }
            selected.append(mode)
        }
        if selected.isEmpty { selected = FuzzMode.defaults }
        let executors: [FuzzExecutor]
        do {
            executors = try selected.map { mode throws(SpecEngineError) in try FuzzExecutor(mode: mode) }
        } catch {
            throw CLIError("cannot start an engine: \(error)")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]

        func emit(_ observation: FuzzObservation) throws {
            var line = try encoder.encode(observation)
            line.append(UInt8(ascii: "\n"))
            FileHandle.standardOutput.write(line)
        }
        func runModule(_ path: String) throws {
            switch FuzzExecutor.decode(path: path) {
            case .failure(let failure):
                for executor in executors {
                    try emit(FuzzObservation(module: path, mode: executor.mode.description,
                                             status: failure.status, message: failure.message))
                }
            case .success(let wasm):
                for executor in executors { try emit(executor.observe(wasm, path: path)) }
            }
        }

        for path in paths { try runModule(path) }
        if readStandardInput {
            while let line = readLine() {
                let path = line.trimmingCharacters(in: .whitespaces)
                if !path.isEmpty { try runModule(path) }
            }
        }
    }
}
