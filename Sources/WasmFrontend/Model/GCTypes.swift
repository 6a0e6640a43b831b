/// Struct and array types (WebAssembly GC): what a type-section entry
/// declares besides function types.

/// The kind of a type-section entry. A function type's signature is kept in
/// the module's `types` list (which holds an empty placeholder signature for
/// struct and array types), so the many users of signatures stay unchanged.
public enum CompositeType: Hashable, Sendable {
    case function
    /// A struct type's fields, in order.
    case `struct`([FieldType])
    /// An array type's element.
    case array(FieldType)

    /// `true` for struct and array types.
    @inlinable public var isAggregate: Bool { self != .function }
}

/// A field of a struct, or the element of an array: what it stores and whether it can be set.
public struct FieldType: Hashable, Sendable, CustomStringConvertible {
    public var storage: StorageType
    public var isMutable: Bool

    public init(storage: StorageType, isMutable: Bool) {
        self.storage = storage
        self.isMutable = isMutable
    }

    public var description: String { isMutable ? "(mut \(storage))" : storage.description }
}

/// What a field stores: a value type, or a packed integer (read with sign or zero extension).
public enum StorageType: Hashable, Sendable, CustomStringConvertible {
    case value(ValueType)
    case i8
    case i16

    /// The type of the value a field read pushes and a field write pops (`i32` for packed fields).
    @inlinable public var unpacked: ValueType {
        switch self {
        case .value(let t): t
        case .i8, .i16: .i32
        }
    }

    /// `true` for `i8` and `i16`.
    @inlinable public var isPacked: Bool { if case .value = self { false } else { true } }

    /// Bytes a field of this type occupies in an object (references: one 64-bit word).
    @inlinable public var byteSize: Int {
        switch self {
        case .i8: 1
        case .i16: 2
        case .value(let t): t.byteSize
        }
    }

    public var description: String {
        switch self {
        case .value(let t): t.description
        case .i8: "i8"
        case .i16: "i16"
        }
    }
}
