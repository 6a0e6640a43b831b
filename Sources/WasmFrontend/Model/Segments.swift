/// How an element segment is used.
public enum ElementMode: Hashable, Sendable {
    /// Available to `table.init`.
    case passive
    /// Only declares functions for `ref.func`; dropped at instantiation.
    case declarative
    /// Copied into `table` at `offset` during instantiation.
    case active(table: UInt32, offset: ConstExpression)
}

/// An element segment (all eight binary forms decode to this).
public struct ElementSegment: Hashable, Sendable {
    /// The reference type of the items.
    public var type: ValueType
    /// One constant expression per item; function-index forms become `.refFunc`.
    public var items: [ConstExpression]
    public var mode: ElementMode

    public init(type: ValueType, items: [ConstExpression], mode: ElementMode) {
        self.type = type
        self.items = items
        self.mode = mode
    }
}

/// How a data segment is used.
public enum DataMode: Hashable, Sendable {
    /// Available to `memory.init`.
    case passive
    /// Copied into `memory` at `offset` during instantiation.
    case active(memory: UInt32, offset: ConstExpression)
}

/// A data segment. Its bytes stay in ``WasmModule/bytes``.
public struct DataSegment: Hashable, Sendable {
    public var mode: DataMode
    /// The segment's bytes as a range into ``WasmModule/bytes``.
    public var bytes: Range<Int>

    public init(mode: DataMode, bytes: Range<Int>) {
        self.mode = mode
        self.bytes = bytes
    }
}

/// The body of a defined function.
public struct FunctionBody: Hashable, Sendable {
    /// Declared locals, expanded one entry per local; parameters are NOT included.
    public var locals: [ValueType]
    /// The instruction bytes in ``WasmModule/bytes``, ending with the final `end`.
    public var code: Range<Int>

    /// The most locals (declared, parameters excluded) a function may have.
    public static let maxLocals = 50_000

    public init(locals: [ValueType], code: Range<Int>) {
        self.locals = locals
        self.code = code
    }
}

/// A custom section other than a well-formed `name` section is kept as-is.
public struct CustomSection: Hashable, Sendable {
    public var name: String
    /// The payload after the name, as a range into ``WasmModule/bytes``.
    public var payload: Range<Int>

    public init(name: String, payload: Range<Int>) {
        self.name = name
        self.payload = payload
    }
}

/// Debug names from the `name` custom section.
public struct NameSection: Hashable, Sendable {
    public var moduleName: String?
    /// Function index → name.
    public var functionNames: [UInt32: String]
    /// Function index → (local index → name).
    public var localNames: [UInt32: [UInt32: String]]

    public init(moduleName: String? = nil, functionNames: [UInt32: String] = [:], localNames: [UInt32: [UInt32: String]] = [:]) {
        self.moduleName = moduleName
        self.functionNames = functionNames
        self.localNames = localNames
    }
}
