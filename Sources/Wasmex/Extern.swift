import WasmFrontend

/// Something an instance exports or imports.
public enum Extern {
    /// A function: exported Wasm code or a host function.
    case function(Function)
    /// A table of references.
    case table(Table)
    /// A linear memory.
    case memory(Memory)
    /// A global variable.
    case global(Global)
    /// An exception tag.
    case tag(Tag)

    /// The kind of external value.
    public var kind: ExternalKind {
        switch self {
        case .function: return .function
        case .table: return .table
        case .memory: return .memory
        case .global: return .global
        case .tag: return .tag
        }
    }
}

/// An export as the store keeps it (no handle, so no reference to the store).
enum ExternData {
    case function(FunctionData)
    case table(TableStorage)
    case memory(MemoryStorage)
    case global(GlobalStorage)
    case tag(TagStorage)

    /// A public handle for this export in `store`.
    func handle(in store: Store) -> Extern {
        switch self {
        case .function(let data): return .function(Function(store: store, data: data))
        case .table(let storage): return .table(Table(store: store, storage: storage))
        case .memory(let storage): return .memory(Memory(store: store, storage: storage))
        case .global(let storage): return .global(Global(store: store, storage: storage))
        case .tag(let storage): return .tag(Tag(store: store, storage: storage))
        }
    }
}

/// The values an instantiation may import, by module and field name
/// (compared byte for byte, without Unicode normalisation).
public struct Imports {
    private var entries: [ExactName: [ExactName: Extern]] = [:]

    /// Creates an empty set of imports.
    public init() {}

    /// Makes `value` importable as `module`.`name` (replacing an earlier definition).
    public mutating func define(module: String, name: String, _ value: Extern) {
        entries[ExactName(module), default: [:]][ExactName(name)] = value
    }

    /// Makes every export of `instance` importable under `module`.
    public mutating func define(module: String, exportsOf instance: Instance) {
        for (name, value) in instance.exports { define(module: module, name: name, value) }
    }

    /// The definition of `module`.`name`, if any.
    public func lookup(module: String, name: String) -> Extern? {
        entries[ExactName(module)]?[ExactName(name)]
    }
}
