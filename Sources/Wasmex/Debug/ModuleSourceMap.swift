import WasmCompiler
import WasmFrontend

/// A module's DWARF source map, built the first time a trap with backtrace
/// details needs it and then kept with the module. Modules without DWARF, and
/// engines without ``Engine/Configuration/backtraceDetails``, never pay for it.
package final class ModuleSourceMap: @unchecked Sendable {
    private let lock = Lock()
    /// nil: not built yet; `.some(nil)`: the module has no usable DWARF.
    private var built: WasmSourceMap??

    /// Whether the map has been built (tests check that only detailed traps build it).
    package var isBuilt: Bool { lock.withLock { built != nil } }

    /// The source location of the instruction at byte `offset` of `wasm`.
    func location(of offset: Int, in wasm: WasmModule) -> WasmFrame.SourceLocation? {
        let map = lock.withLock { () -> WasmSourceMap? in
            if let built { return built }
            let map = WasmSourceMap.build(wasm)
            built = .some(map)
            return map
        }
        guard let position = map?.position(moduleOffset: offset) else { return nil }
        return WasmFrame.SourceLocation(file: position.file, line: position.line, column: position.column)
    }
}
