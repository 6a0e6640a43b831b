import WasmFrontend

/// A global variable, shareable through imports.
public final class Global {
    /// The store the global belongs to.
    public let store: Store
    let storage: GlobalStorage

    init(store: Store, storage: GlobalStorage) {
        self.store = store
        self.storage = storage
    }

    /// Creates a global of `type` holding `value` in `store`.
    public convenience init(store: Store, type: GlobalType, value: Value) throws(WasmexError) {
        guard value.matches(type.valueType) else {
            throw WasmexError.valueType(index: 0, expected: type.valueType, actual: value.type)
        }
        let storage = GlobalStorage(type: type)
        try storage.write(value, store: store)
        store.registerRoot(global: storage)
        store.retain(storage)
        self.init(store: store, storage: storage)
    }

    /// The declared type.
    public var type: GlobalType { storage.type }

    /// The current value.
    public func get() -> Value { storage.read(store: store) }

    /// Sets the value of a mutable global.
    public func set(_ value: Value) throws(WasmexError) {
        guard type.isMutable else { throw WasmexError.invalidOperation("global is immutable") }
        guard value.matches(type.valueType, typeIDs: storage.typeIDs) else {
            throw WasmexError.valueType(index: 0, expected: type.valueType, actual: value.type)
        }
        try storage.write(value, store: store)
    }
}

/// A global's 16-byte cell, which generated code reaches through
/// `vmctx->globals[i]` (kept alive by the store).
final class GlobalStorage {
    let type: GlobalType
    let cell: UnsafeMutableRawPointer
    /// Engine-wide ids of the declaring module's types (see ``FunctionData/typeIDs``).
    let typeIDs: [UInt32]?

    init(type: GlobalType, typeIDs: [UInt32]? = nil) {
        self.type = type
        self.typeIDs = typeIDs
        cell = .allocate(byteCount: 16, alignment: 16)
        cell.initializeMemory(as: UInt64.self, repeating: 0, count: 2)
    }

    deinit { cell.deallocate() }

    func read(store: Store) -> Value {
        let words = cell.assumingMemoryBound(to: UInt64.self)
        return ValueSlots.value(type.valueType, word: words[0], high: words[1], store: store, typeIDs: typeIDs)
    }

    func write(_ value: Value, store: Store) throws(WasmexError) {
        let words = cell.assumingMemoryBound(to: UInt64.self)
        words[0] = try ValueSlots.word(of: value, store: store)
        if case .v128(let vector) = value { words[1] = vector.hi }
    }
}
