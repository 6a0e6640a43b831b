import CWasmexRuntime
import WasmFrontend

/// An instantiated module: its memories, tables, globals and functions
/// (imported or its own), and its exports.
public final class Instance {
    /// The store the instance lives in.
    public let store: Store
    let data: InstanceData

    init(store: Store, data: InstanceData) {
        self.store = store
        self.data = data
    }

    /// Instantiates `module` in `store`, resolving its imports from `imports`.
    ///
    /// Follows the spec's order: imports are linked and checked, globals
    /// initialised, tables and memories created, element then data segments
    /// applied (an out-of-bounds segment traps, leaving earlier writes in
    /// place), then the start function runs.
    ///
    /// - Throws: ``WasmexError/link(_:)`` for unresolved or incompatible imports,
    ///   ``WasmexError/trap(_:)`` when a segment is out of bounds or the start
    ///   function traps, ``WasmexError/resourceExhausted(_:)`` when allocation fails.
    public convenience init(store: Store, module: Module, imports: Imports = Imports()) throws(WasmexError) {
        guard module.engine === store.engine else { throw WasmexError.storeMismatch }
        try store.reserveResources(for: module.wasm)
        let linked = try ImportLinker(module: module.wasm, typeIDs: module.typeIDs, imports: imports, store: store,
                                      needsGuardedMemories: module.compiled.memoryStrategy == .guardPages)
        let data = InstanceData(module: module, state: store.state)
        // From here on the store keeps the instance alive, even if instantiation fails:
        // its functions may already have been written into shared tables.
        store.adopt(data)
        try data.initialize(linked, store: store)
        self.init(store: store, data: data)
    }

    /// The module this instance was created from.
    public var module: Module { data.module }

    /// All exports, in the module's order. Names are compared byte for byte
    /// (no Unicode normalisation), as Wasm requires.
    public var exports: [(name: String, value: Extern)] {
        data.exports.names.compactMap { name in data.exports[name].map { (name, $0.handle(in: store)) } }
    }

    /// The export named exactly `name`.
    public func export(named name: String) -> Extern? { data.exports[name]?.handle(in: store) }

    /// The exported function `name`.
    public func function(named name: String) throws(WasmexError) -> Function {
        guard let value = data.exports[name] else { throw WasmexError.unknownExport(name) }
        guard case .function(let function) = value else {
            throw WasmexError.wrongExportKind(name: name, expected: .function, actual: value.handle(in: store).kind)
        }
        return Function(store: store, data: function)
    }

    /// Calls the exported function `name` with `arguments`.
    public func call(_ name: String, _ arguments: [Value] = []) throws(WasmexError) -> [Value] {
        try function(named: name).call(arguments)
    }
}
