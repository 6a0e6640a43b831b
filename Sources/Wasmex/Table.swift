import CWasmexRuntime
import WasmFrontend

/// A table of references: created by an instance or by the host, shareable through imports.
public final class Table {
    /// The store the table belongs to.
    public let store: Store
    let storage: TableStorage

    init(store: Store, storage: TableStorage) {
        self.store = store
        self.storage = storage
    }

    /// Creates a table of `type` in `store` with every element set to `initial` (default null).
    public convenience init(store: Store, type: TableType, initial: Value? = nil) throws(WasmexError) {
        let value = initial ?? .zero(type.elementType)
        guard value.matches(type.elementType) else {
            throw WasmexError.valueType(index: 0, expected: type.elementType, actual: value.type)
        }
        let storage = try TableStorage(type: type, initial: UInt(try ValueSlots.word(of: value, store: store)))
        store.registerRoot(table: storage)
        store.retain(storage)
        self.init(store: store, storage: storage)
    }

    /// The declared type.
    public var type: TableType { storage.type }
    /// The current number of elements.
    public var count: Int { Int(storage.raw.pointee.length) }

    /// The element at `index`.
    public func get(_ index: Int) throws(WasmexError) -> Value {
        guard index >= 0, index < count else { throw WasmexError.invalidOperation("table index \(index) out of bounds") }
        return ValueSlots.value(type.elementType, word: UInt64(storage.raw.pointee.elements[index]), store: store,
                                typeIDs: storage.typeIDs)
    }

    /// Replaces the element at `index`.
    public func set(_ index: Int, _ value: Value) throws(WasmexError) {
        guard index >= 0, index < count else { throw WasmexError.invalidOperation("table index \(index) out of bounds") }
        guard value.matches(type.elementType, typeIDs: storage.typeIDs) else {
            throw WasmexError.valueType(index: 0, expected: type.elementType, actual: value.type)
        }
        storage.raw.pointee.elements[index] = UInt(try ValueSlots.word(of: value, store: store))
    }

    /// Grows by `delta` elements set to `initial`; returns the previous count.
    @discardableResult
    public func grow(by delta: Int, initial: Value? = nil) throws(WasmexError) -> Int {
        let value = initial ?? .zero(type.elementType)
        guard value.matches(type.elementType, typeIDs: storage.typeIDs) else {
            throw WasmexError.valueType(index: 0, expected: type.elementType, actual: value.type)
        }
        guard let delta32 = UInt32(exactly: delta) else {
            throw WasmexError.invalidOperation("invalid table growth \(delta)")
        }
        let word = UInt(try ValueSlots.word(of: value, store: store))
        let old = wasmex_table_grow_elements(storage.raw, delta32, word, store.state)
        guard old >= 0 else { throw WasmexError.resourceExhausted("cannot grow table by \(delta)") }
        return Int(old)
    }
}

/// Owns a `wasmex_table` (kept alive by the store).
final class TableStorage {
    let type: TableType
    let raw: UnsafeMutablePointer<wasmex_table>
    /// Engine-wide ids of the declaring module's types (see ``FunctionData/typeIDs``).
    let typeIDs: [UInt32]?

    init(type: TableType, initial: UInt, typeIDs: [UInt32]? = nil) throws(WasmexError) {
        self.typeIDs = typeIDs
        let maximum = UInt32(clamping: type.limits.max ?? UInt64(UInt32.max))
        guard type.limits.min <= UInt64(maximum),
              let raw = wasmex_table_new(UInt32(type.limits.min), maximum, type.elementType.isFunctionReference ? 0 : 1, initial)
        else {
            throw WasmexError.resourceExhausted("cannot allocate a table of \(type.limits.min) elements")
        }
        self.type = type
        self.raw = raw
    }

    deinit { wasmex_table_delete(raw) }
}
