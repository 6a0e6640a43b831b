import Foundation
import Wasmex
import WasmFrontend

/// Runs fuzzer modules in one ``FuzzMode`` and records what a caller sees:
/// instantiate, then call every exported function in export order with zero
/// arguments (0, +0.0, null, the zero vector), reading the exported state
/// after instantiation and after every call, trapped or not. A Wasm
/// exception no `try_table` caught (``WasmexError/exception(tag:payload:)``,
/// from a call or the start function) is reported like a trap, as
/// ``FuzzTrapCategory/uncaughtException``.
package struct FuzzExecutor {
    package let mode: FuzzMode
    private let loader: WasmexModuleLoader

    package init(mode: FuzzMode) throws(SpecEngineError) {
        self.mode = mode
        loader = try mode.makeLoader()
    }

    /// Decodes and validates a module file once, for all modes.
    package static func decode(path: String) -> Result<WasmModule, FuzzDecodeFailure> {
        guard let contents = FileManager.default.contents(atPath: path) else {
            return .failure(FuzzDecodeFailure(status: "error", message: "cannot read \(path)"))
        }
        do throws(WasmError) {
            let module = try WasmModule.decode([UInt8](contents))
            try module.validate()
            return .success(module)
        } catch {
            return .failure(FuzzDecodeFailure(status: "invalid", message: error.description))
        }
    }

    /// The observation of `wasm` (from `path`) in this executor's mode.
    package func observe(_ wasm: WasmModule, path: String) -> FuzzObservation {
        var observation = FuzzObservation(module: path, mode: mode.description, status: "ok")
        let store = Store(engine: loader.engine)
        let instance: Instance
        do {
            instance = try Instance(store: store, module: try loader.load(wasm))
        } catch {
            if let category = FuzzTrapCategory.category(error) {
                observation.instantiate = category
                return observation
            }
            observation.status = Self.status(of: error)
            observation.message = error.description
            return observation
        }
        let snapshot = FuzzStateSnapshot(instance)
        observation.steps.append(FuzzStep(call: nil, state: snapshot.read()))
        for (name, value) in instance.exports {
            guard case .function(let function) = value else { continue }
            var step = FuzzStep(call: name, state: FuzzState(globals: [], memories: [], tables: []))
            do {
                let results = try function.call(function.type.parameters.map(Value.zero))
                step.results = results.map(FuzzValueText.text)
            } catch {
                step.trap = FuzzTrapCategory.category(error) ?? "other:\(error)"
            }
            step.state = snapshot.read()
            observation.steps.append(step)
        }
        return observation
    }

    private static func status(of error: WasmexError) -> String {
        switch error {
        case .compile(.invalidModule): return "invalid"
        case .compile(.unsupported): return "unsupported"
        default: return "error"
        }
    }
}

/// Why a module file was not run at all.
package struct FuzzDecodeFailure: Error {
    package let status: String
    package let message: String
}
