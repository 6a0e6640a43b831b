import CWasmexRuntime
import WasmFrontend

/// An exception tag: what a Wasm `throw` names and a `catch` clause matches.
///
/// Tags are compared by identity, not by type: two tags with the same
/// parameters are different tags. A module's tag import shares the exporter's
/// tag, so an exception thrown with it is caught by the exporter's `catch`
/// clauses. Create one with ``init(store:parameters:)`` to import it into
/// modules or to throw it from a host function (``WasmexError/exception(tag:payload:)``).
///
/// A tag is immutable: like a ``Function`` handle it may be sent, kept,
/// compared and hashed anywhere (it is part of an error that may cross
/// threads), while its store is used from one thread at a time.
public final class Tag: Hashable, @unchecked Sendable {
    /// The store the tag belongs to.
    public let store: Store
    let storage: TagStorage

    init(store: Store, storage: TagStorage) {
        self.store = store
        self.storage = storage
    }

    /// Creates a tag whose exceptions carry values of `parameters`.
    public convenience init(store: Store, parameters: [ValueType]) {
        self.init(store: store, storage: store.makeTag(parameters: parameters))
    }

    /// The types of the values an exception of this tag carries.
    public var parameters: [ValueType] { storage.parameters }

    /// Whether both handles name the same tag.
    public static func == (lhs: Tag, rhs: Tag) -> Bool { lhs.storage === rhs.storage }

    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(storage)) }
}

/// A tag's `wasmex_tag` record, whose address generated code compares
/// (kept alive by the store).
final class TagStorage {
    let parameters: [ValueType]
    let raw: UnsafeMutablePointer<wasmex_tag>

    init(parameters: [ValueType], typeID: UInt32) {
        self.parameters = parameters
        raw = .allocate(capacity: 1)
        raw.initialize(to: wasmex_tag(type_id: typeID, param_count: UInt32(parameters.count)))
    }

    deinit { raw.deallocate() }
}
