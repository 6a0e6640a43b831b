import Foundation
import Testing
import WasmFrontend

/// The DWARF fixtures of `Fixtures/debug` (see its build.sh and crash.c).
enum DebugFixture {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/debug")

    /// Where build.sh records the sources (`-ffile-prefix-map`).
    static let sourceDirectory = "/wasmex/Fixtures/debug"

    static func module(_ name: String) throws -> WasmModule {
        let path = directory.appendingPathComponent(name).path
        let bytes = try #require(FileManager.default.contents(atPath: path), "missing fixture \(path)")
        return try WasmModule.decode([UInt8](bytes))
    }

    /// The module offset of the first instruction of the function named
    /// `function` (name section) for which `matches` holds.
    static func offset(in wasm: WasmModule, function: String, where matches: (Instruction) -> Bool) throws -> Int? {
        let index = try #require(wasm.names.functionNames.first { $0.value == function }?.key, "no function \(function)")
        var reader = InstructionReader(bytes: wasm.bytes, range: wasm.bodies[Int(index) - wasm.importedFunctionCount].code)
        while true {
            let offset = reader.offset
            guard let instruction = try reader.next() else { return nil }
            if matches(instruction) { return offset }
        }
    }
}
