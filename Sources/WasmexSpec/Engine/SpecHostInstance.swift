import Wasmex
import WasmFrontend

/// Builds the exports of a ``SpecHostModule`` (normally `spectest`) in a store:
/// silent host functions, globals, a table and a memory.
enum SpecHostInstance {
    static func exports(of module: SpecHostModule, in store: Store) throws(WasmexError) -> [(name: String, value: Extern)] {
        var exports: [(name: String, value: Extern)] = []
        for export in module.exports {
            switch export.entity {
            case .function(let type):
                exports.append((export.name, .function(try Function(store: store, type: type) { _, _ in [] })))
            case .global(let type, let value):
                exports.append((export.name, .global(try Global(store: store, type: type, value: try SpecValueMapping(store: store).value(value)))))
            case .table(let type):
                exports.append((export.name, .table(try Table(store: store, type: type))))
            case .memory(let type):
                exports.append((export.name, .memory(try Memory(store: store, type: type))))
            }
        }
        return exports
    }
}
