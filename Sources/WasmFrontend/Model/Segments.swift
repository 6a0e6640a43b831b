/// How an element segment is used.
package enum ElementMode: Hashable, Sendable {
    /// Available to `table.init`.
    case passive
    /// Only declares functions for `ref.func`; dropped at instantiation.
    case declarative
    /// Copied into `table` at `offset` during instantiation.
    case active(table: UInt32, offset: ConstExpression)
}

/// An element segment (all eight binary forms decode to this).
package struct ElementSegment: Hashable, Sendable {
    /// The reference type of the items.
    package var type: ValueType
    /// One constant expression per item; function-index forms become `.refFunc`.
    package var items: [ConstExpression]
    package var mode: ElementMode

    package init(type: ValueType, items: [ConstExpression], mode: ElementMode) {
        self.type = type
        self.items = items
        self.mode = mode
    }
}

/// How a data segment is used.
package enum DataMode: Hashable, Sendable {
    /// Available to `memory.init`.
    case passive
    /// Copied into `memory` at `offset` during instantiation.
    case active(memory: UInt32, offset: ConstExpression)
}

/// A data segment. Its bytes stay in ``WasmModule/bytes``.
package struct DataSegment: Hashable, Sendable {
    package var mode: DataMode
    /// The segment's bytes as a range into ``WasmModule/bytes``.
    package var bytes: Range<Int>

    package init(mode: DataMode, bytes: Range<Int>) {
        self.mode = mode
        self.bytes = bytes
    }
}

/// The body of a defined function.
package struct FunctionBody: Hashable, Sendable {
    /// Declared locals, expanded one entry per local; parameters are NOT included.
    package var locals: [ValueType]
    /// The instruction bytes in ``WasmModule/bytes``, ending with the final `end`.
    package var code: Range<Int>

    /// The most locals (declared, parameters excluded) a function may have.
    package static let maxLocals = 50_000

    package init(locals: [ValueType], code: Range<Int>) {
        self.locals = locals
        self.code = code
    }
}

/// A custom section other than a well-formed `name` section is kept as-is.
package struct CustomSection: Hashable, Sendable {
    package var name: String
    /// The payload after the name, as a range into ``WasmModule/bytes``.
    package var payload: Range<Int>

    package init(name: String, payload: Range<Int>) {
        self.name = name
        self.payload = payload
    }
}

/// Debug names from the `name` custom section.
package struct NameSection: Hashable, Sendable {
    package var moduleName: String?
    /// Function index → name.
    package var functionNames: [UInt32: String]
    /// Function index → (local index → name).
    package var localNames: [UInt32: [UInt32: String]]

    package init(moduleName: String? = nil, functionNames: [UInt32: String] = [:], localNames: [UInt32: [UInt32: String]] = [:]) {
        self.moduleName = moduleName
        self.functionNames = functionNames
        self.localNames = localNames
    }
}
