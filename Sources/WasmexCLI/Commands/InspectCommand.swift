import ArgumentParser
import Foundation
import WasmFrontend

/// `wasmex inspect FILE`: prints what a module imports, exports and contains.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Describe a WebAssembly module (.wasm or .wat): imports, exports, memories, tables, globals and sections."
    )

    @Argument(help: "The module to describe.")
    var file: String

    func run() throws {
        guard let contents = FileManager.default.contents(atPath: file) else {
            throw CLIError("cannot read \(file)")
        }
        let module: WasmModule
        do throws(WasmError) {
            module = try WasmModule.parse([UInt8](contents))
        } catch {
            throw CLIError("\(file): \(error.description)")
        }
        print(ModuleDescription(module: module, fileName: file).lines.joined(separator: "\n"))
    }
}
