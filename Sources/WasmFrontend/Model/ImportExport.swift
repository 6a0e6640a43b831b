/// What an import provides.
package enum ImportDescriptor: Hashable, Sendable {
    /// A function with the signature at `typeIndex` in the type section.
    case function(typeIndex: UInt32)
    case table(TableType)
    case memory(MemoryType)
    case global(GlobalType)
    /// An exception tag whose parameters are those of the function type at `typeIndex`.
    case tag(typeIndex: UInt32)

    /// The kind of external value this import binds.
    package var kind: ExternalKind {
        switch self {
        case .function: .function
        case .table: .table
        case .memory: .memory
        case .global: .global
        case .tag: .tag
        }
    }
}

/// One entry of the import section.
package struct Import: Hashable, Sendable {
    package var module: String
    package var name: String
    package var descriptor: ImportDescriptor

    package init(module: String, name: String, descriptor: ImportDescriptor) {
        self.module = module
        self.name = name
        self.descriptor = descriptor
    }
}

/// The kind of an import or export (binary codes 0...4).
public enum ExternalKind: UInt8, Hashable, Sendable, CustomStringConvertible {
    case function, table, memory, global
    /// An exception tag (exception handling, Wasm 3.0).
    case tag

    public var description: String {
        switch self {
        case .function: "func"
        case .table: "table"
        case .memory: "memory"
        case .global: "global"
        case .tag: "tag"
        }
    }
}

/// One entry of the export section.
package struct Export: Hashable, Sendable {
    package var name: String
    package var kind: ExternalKind
    /// Index into the index space of `kind` (imports first).
    package var index: UInt32

    package init(name: String, kind: ExternalKind, index: UInt32) {
        self.name = name
        self.kind = kind
        self.index = index
    }
}
