import Wasmex
import WasmexWASI

/// Exposes a ``WASIEnvironment``'s functions to a Wasmex instance as imports
/// of `wasi_snapshot_preview1`, built on Wasmex's host-function API: each
/// call hands the caller's memory 0 to WASI as a bounds-checked view.
///
/// A program's `proc_exit` surfaces as ``WASIExit`` wrapped in
/// ``WasmexError/host(_:)``; ``exitCode(of:)`` unwraps it.
enum WasmexWASILink {
    /// A WASI function was called by an instance without a memory.
    struct MissingMemory: Error, CustomStringConvertible {
        let function: String
        var description: String { "\(wasiPreview1ModuleName).\(function) called without a linear memory" }
    }

    /// Defines every WASI preview 1 function of `environment` in `imports`.
    static func define(_ environment: WASIEnvironment, into imports: inout Imports, store: Store) throws(WasmexError) {
        for host in environment.hostFunctions() {
            let type = FunctionType(parameters: host.parameters.map(valueType), results: host.results.map(valueType))
            let resultTypes = host.results
            let function = try Function(store: store, type: type) { caller, arguments in
                guard let memory = caller.memory else { throw MissingMemory(function: host.name) }
                let slots = arguments.map(slot)
                let results = try memory.withUnsafeMutableBytes { bytes in
                    try host.call(WASIGuestMemory(bytes), slots)
                }
                return zip(results, resultTypes).map { bits, type in
                    type == .i32 ? .i32(Int32(truncatingIfNeeded: bits)) : .i64(Int64(bitPattern: bits))
                }
            }
            imports.define(module: wasiPreview1ModuleName, name: host.name, .function(function))
        }
    }

    /// The exit status of a finished `_start` call: 0 when it returned, the
    /// `proc_exit` code when it exited; any other error is rethrown.
    static func exitCode(of call: () throws(WasmexError) -> Void) throws(WasmexError) -> UInt32 {
        do {
            try call()
            return 0
        } catch {
            if case .host(let inner) = error, let exit = inner as? WASIExit { return exit.code }
            throw error
        }
    }

    private static func valueType(_ type: WASIValueType) -> ValueType {
        switch type {
        case .i32: .i32
        case .i64: .i64
        }
    }

    private static func slot(_ value: Value) -> UInt64 {
        switch value {
        case .i32(let v): UInt64(UInt32(bitPattern: v))
        case .i64(let v): UInt64(bitPattern: v)
        default: 0
        }
    }
}
