import Foundation
import WasmFrontend

/// A module file read, converted to binary when it is text, decoded and validated.
struct LoadedModule {
    var bytes: [UInt8]
    var module: WasmModule
}

/// Why a module file could not be loaded.
enum ModuleLoadError: Error {
    /// The file could not be read (a runner problem, not a verdict on the module).
    case unreadable(String)
    /// The front end rejected the module (text parse, decode or validation).
    case rejected(WasmError)

    var message: String {
        switch self {
        case .unreadable(let message): message
        case .rejected(let error): error.description
        }
    }
}

/// Reads and checks module files the way the front end would for a user, by the rules of
/// the WebAssembly version the script tests (``WasmFeatures/forSpecScript(at:)``).
enum SpecModuleLoader {
    static func load(_ source: SpecModuleSource, features: WasmFeatures = .default) -> Result<LoadedModule, ModuleLoadError> {
        guard let contents = FileManager.default.contents(atPath: source.path) else {
            return .failure(.unreadable("cannot read \(source.path)"))
        }
        do throws(WasmError) {
            let bytes: [UInt8]
            switch source.format {
            case .binary:
                bytes = [UInt8](contents)
            case .text:
                bytes = try WasmText.toBinary(utf8: Array(contents))
            }
            let module = try WasmModule.decode(bytes, features: features)
            try module.validate(features: features)
            return .success(LoadedModule(bytes: bytes, module: module))
        } catch {
            return .failure(.rejected(error))
        }
    }
}
