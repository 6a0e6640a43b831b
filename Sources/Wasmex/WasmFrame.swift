import CWasmexRuntime
import WasmCompiler

/// One Wasm function on the stack when execution trapped.
public struct WasmFrame: Sendable, Hashable, CustomStringConvertible {
    /// The function's absolute index in its module (imports counted).
    public let functionIndex: Int
    /// The function's name from the module's name section, if any.
    public let name: String?

    public init(functionIndex: Int, name: String?) {
        self.functionIndex = functionIndex
        self.name = name
    }

    /// `func 12 (divide)`, or `func 12` without a name.
    public var description: String {
        guard let name else { return "func \(functionIndex)" }
        return "func \(functionIndex) (\(name))"
    }
}

/// Turns the return addresses the C runtime recorded at the last trap on this
/// thread into Wasm frames.
enum TrapBacktrace {
    /// The Wasm frames of the last trap on this thread, innermost first.
    /// Addresses outside every module in `modules` (runtime C code,
    /// trampolines, host code) are skipped.
    static func capture(modules: [Module]) -> [WasmFrame] {
        var raw = [UInt](repeating: 0, count: Int(WASMEX_MAX_TRAP_FRAMES))
        let count = raw.withUnsafeMutableBufferPointer { wasmex_trap_backtrace($0.baseAddress, $0.count) }
        guard count > 0 else { return [] }
        var seen: Set<ObjectIdentifier> = []
        let distinct = modules.filter { seen.insert(ObjectIdentifier($0)).inserted }
        var frames: [WasmFrame] = []
        for address in raw.prefix(count) where address > 0 {
            // A return address may point just past the function's last call
            // (calls to noreturn traps end functions), so look up address - 1.
            let probe = UInt64(address - 1)
            for module in distinct {
                guard let index = module.code.functions.functionIndex(containing: probe) else { continue }
                frames.append(WasmFrame(functionIndex: index, name: module.wasm.names.functionNames[UInt32(index)]))
                break
            }
        }
        return frames
    }
}
