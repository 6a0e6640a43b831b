import ArgumentParser
import Foundation
import WasmFrontend

/// `wasmex wat2wasm FILE -o OUT.wasm`: converts a text module to the binary
/// format (no validation, like `wasm-tools parse`).
///
/// `--batch LIST --out-dir DIR` converts every file named in LIST (one path a
/// line) and writes `DIR/<name>.wasm`, or `DIR/<name>.err` with the message;
/// with `--decode` the listed files are binaries that are only decoded
/// (`.ok` or `.err`). The differential check (Tests/TextDiff) drives these.
struct Wat2WasmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wat2wasm",
        abstract: "Convert a WebAssembly text module (.wat) to the binary format, without validating it."
    )

    @Argument(help: "The text module to convert.")
    var file: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the binary.", valueName: "OUT.wasm"))
    var output: String?

    @Option(help: "The text parser: \(TextParserChoice.allCases.map(\.rawValue).joined(separator: ", ")).")
    var parser: String = TextParserChoice.default.rawValue

    @Option(help: ArgumentHelp("A file listing the inputs, one path a line.", valueName: "LIST"))
    var batch: String?

    @Option(help: ArgumentHelp("Where --batch writes its results.", valueName: "DIR"))
    var outDir: String?

    @Flag(help: "With --batch: the inputs are binaries; only decode them.")
    var decode = false

    func run() throws {
        guard let choice = TextParserChoice(rawValue: parser) else { throw CLIError("unknown parser \(parser)") }
        if let batch {
            guard let outDir else { throw CLIError("--batch needs --out-dir") }
            try runBatch(list: batch, outDir: outDir, choice: choice)
            return
        }
        guard let file, let output else { throw CLIError("give a FILE and -o OUT.wasm (or --batch)") }
        guard let contents = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
        let binary: [UInt8]
        do throws(WasmError) {
            binary = try WasmText.toBinary(utf8: [UInt8](contents), parser: choice)
        } catch {
            throw CLIError("\(file): \(error.description)")
        }
        guard FileManager.default.createFile(atPath: output, contents: Data(binary)) else {
            throw CLIError("cannot write \(output)")
        }
    }

    private func runBatch(list: String, outDir: String, choice: TextParserChoice) throws {
        guard let listing = try? String(contentsOfFile: list, encoding: .utf8) else { throw CLIError("cannot read \(list)") }
        let out = URL(fileURLWithPath: outDir)
        for path in listing.split(separator: "\n").map(String.init) where !path.isEmpty {
            let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            guard let contents = FileManager.default.contents(atPath: path) else {
                try Data("cannot read \(path)".utf8).write(to: out.appendingPathComponent(stem + ".err"))
                continue
            }
            do throws(WasmError) {
                if decode {
                    _ = try WasmModule.decode([UInt8](contents))
                    try? Data().write(to: out.appendingPathComponent(stem + ".ok"))
                } else {
                    let binary = try WasmText.toBinary(utf8: [UInt8](contents), parser: choice)
                    try? Data(binary).write(to: out.appendingPathComponent(stem + ".wasm"))
                }
            } catch {
                try? Data(error.description.utf8).write(to: out.appendingPathComponent(stem + ".err"))
            }
        }
    }
}
