import WasmFrontend

/// The type of something a module imports or exports.
public enum ExternType: Hashable, Sendable, CustomStringConvertible {
    /// A function of this type.
    case function(FunctionType)
    /// A table of this element type and limits.
    case table(TableType)
    /// A memory with these limits, in pages.
    case memory(MemoryType)
    /// A global of this value type and mutability.
    case global(GlobalType)
    /// An exception tag whose exceptions carry values of these types.
    case tag(parameters: [ValueType])

    /// The kind of external value.
    public var kind: ExternalKind {
        switch self {
        case .function: .function
        case .table: .table
        case .memory: .memory
        case .global: .global
        case .tag: .tag
        }
    }

    public var description: String {
        switch self {
        case .function(let type): "func \(type)"
        case .table(let type): "table \(type)"
        case .memory(let type): "memory \(type)"
        case .global(let type): "global \(type)"
        case .tag(let parameters): "tag [\(parameters.map(\.description).joined(separator: " "))]"
        }
    }
}

/// An export of a module: its name and type (Wasmex `Module.exports`).
public struct ExportDescription: Hashable, Sendable {
    /// The name within its module.
    public var name: String
    /// The type the item has.
    public var type: ExternType
    /// Function, table, memory or global.
    public var kind: ExternalKind { type.kind }
}

/// An import of a module: its module and field names and type (Wasmex `Module.imports`).
public struct ImportDescription: Hashable, Sendable {
    /// The module name the import is looked up in.
    public var module: String
    /// The name within its module.
    public var name: String
    /// The type the item has.
    public var type: ExternType
    /// Function, table, memory or global.
    public var kind: ExternalKind { type.kind }
}

extension Module {
    /// Every export with its type, in declaration order.
    public var exportDescriptions: [ExportDescription] {
        wasm.exports.compactMap { export in
            externType(export.kind, index: export.index).map { ExportDescription(name: export.name, type: $0) }
        }
    }

    /// Every import with its type, in declaration order.
    public var importDescriptions: [ImportDescription] {
        wasm.imports.compactMap { entry in
            let type: ExternType?
            switch entry.descriptor {
            case .function(let typeIndex):
                type = Int(typeIndex) < wasm.types.count ? .function(wasm.types[Int(typeIndex)]) : nil
            case .table(let table): type = .table(table)
            case .memory(let memory): type = .memory(memory)
            case .global(let global): type = .global(global)
            case .tag(let typeIndex):
                type = Int(typeIndex) < wasm.types.count ? .tag(parameters: wasm.types[Int(typeIndex)].parameters) : nil
            }
            return type.map { ImportDescription(module: entry.module, name: entry.name, type: $0) }
        }
    }

    /// The signature of the exported function `name`, if there is one.
    public func exportedFunctionType(_ name: String) -> FunctionType? {
        guard let export = wasm.exports.first(where: { $0.name == name && $0.kind == .function }) else { return nil }
        return wasm.functionType(ofFunction: export.index)
    }

    private func externType(_ kind: ExternalKind, index: UInt32) -> ExternType? {
        switch kind {
        case .function: wasm.functionType(ofFunction: index).map(ExternType.function)
        case .table: wasm.tableType(at: index).map(ExternType.table)
        case .memory: wasm.memoryType(at: index).map(ExternType.memory)
        case .global: wasm.globalType(at: index).map(ExternType.global)
        case .tag: wasm.tagParameters(at: index).map { ExternType.tag(parameters: $0) }
        }
    }
}
