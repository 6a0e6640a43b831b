import Foundation
import Wasmex
import WasmFrontend

/// How the spec engine turns each validated module into a loaded ``Module``.
package enum SpecCompilation: Sendable {
    /// Compile and load in memory (the JIT).
    case jit
    /// Compile every module to an AOT object, write it to a file in a scratch
    /// directory, read the file back and load it without compiling.
    case aot
}

/// The AOT round trip used by ``SpecCompilation/aot``: one scratch directory
/// per provider (removed when the provider goes), one file per module
/// (removed as soon as it is loaded).
final class SpecAOTScratch: @unchecked Sendable {
    let directory: String
    private let lock = NSLock()
    private var counter = 0

    init() throws(SpecEngineError) {
        var template = Array("\(NSTemporaryDirectory())/wasmex-spec-aot-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
        guard made != nil else { throw SpecEngineError.failure("cannot create a scratch directory for AOT objects") }
        directory = String(cString: template)
    }

    deinit { rmdir(directory) }

    /// Compiles `wasm` to an object file, loads it back and deletes the file.
    func module(_ wasm: WasmModule, engine: Engine) throws(WasmexError) -> Module {
        let object = try Module.compileArtifact(engine: engine, validated: wasm)
        let path = nextPath()
        defer { unlink(path) }
        guard FileManager.default.createFile(atPath: path, contents: Data(object)) else {
            throw WasmexError.invalidOperation("AOT: cannot write \(path)")
        }
        do {
            return try Module.deserialize(engine: engine, file: path)
        } catch {
            if case .load(let inner) = error { throw inner }
            throw WasmexError.invalidOperation("AOT: \(error)")
        }
    }

    private func nextPath() -> String {
        lock.lock()
        defer { lock.unlock() }
        counter += 1
        return "\(directory)/module\(counter).o"
    }
}
