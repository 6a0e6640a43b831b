/// A WebAssembly value type: the four numbers, `v128`, and references.
///
/// References carry a ``RefType`` (nullability and heap type), as WebAssembly
/// 3.0's typed function references define them; ``funcRef`` and ``externRef``
/// are the 2.0 shorthands `(ref null func)` and `(ref null extern)`. A concrete
/// heap type names a type index of the module the type appears in.
public enum ValueType: Hashable, Sendable, CustomStringConvertible {
    case i32, i64, f32, f64, v128
    case ref(RefType)

    /// `funcref`, i.e. `(ref null func)`.
    public static let funcRef = ValueType.ref(.funcRef)
    /// `externref`, i.e. `(ref null extern)`.
    public static let externRef = ValueType.ref(.externRef)
    /// `exnref`, i.e. `(ref null exn)`.
    public static let exnRef = ValueType.ref(RefType(isNullable: true, heapType: .exn))

    /// Decodes a one-byte value type (`0x7F` = i32 … `0x6F` = externref); the
    /// two-part reference forms (`0x63`/`0x64` + heap type) are read by the decoder.
    @inlinable
    package init?(binaryCode: UInt8) {
        switch binaryCode {
        case 0x7F: self = .i32
        case 0x7E: self = .i64
        case 0x7D: self = .f32
        case 0x7C: self = .f64
        case 0x7B: self = .v128
        default:
            guard let heap = HeapType(abstractCode: binaryCode) else { return nil }
            self = .ref(RefType(isNullable: true, heapType: heap))
        }
    }

    /// The one-byte encoding of this type, `nil` for a reference type that needs the two-part form.
    package var binaryCode: UInt8? {
        switch self {
        case .i32: 0x7F
        case .i64: 0x7E
        case .f32: 0x7D
        case .f64: 0x7C
        case .v128: 0x7B
        case .ref(let r): r.isNullable ? r.heapType.abstractCode : nil
        }
    }

    /// `true` for the seven value types of Wasm 2.0 (numbers, `v128`, `funcref`, `externref`).
    @inlinable package var isTwoPointZero: Bool {
        switch self {
        case .ref(let r): r.isNullable && (r.heapType == .func || r.heapType == .extern)
        default: true
        }
    }

    /// `true` for every reference type.
    @inlinable public var isReference: Bool { if case .ref = self { true } else { false } }
    /// `true` for `i32`, `i64`, `f32`, `f64`.
    @inlinable public var isNumeric: Bool {
        switch self {
        case .i32, .i64, .f32, .f64: true
        default: false
        }
    }
    /// `true` for `v128`.
    @inlinable public var isVector: Bool { self == .v128 }

    /// The reference type, `nil` for numbers and vectors.
    @inlinable public var refType: RefType? { if case .ref(let r) = self { r } else { nil } }

    /// `true` for references to functions (`funcref`, `(ref null nofunc)`, …) and to
    /// concrete types, whose hierarchy only their module knows (``Subtyping/top(of:)``).
    @inlinable public var isFunctionReference: Bool { refType?.heapType.isFunction ?? false }

    /// `true` for a reference type that admits `null`.
    @inlinable public var isNullable: Bool { refType?.isNullable ?? false }

    /// The size in bytes of a value of this type as stored in a 64-bit slot (references count as 8).
    @inlinable public var byteSize: Int {
        switch self {
        case .i32, .f32: 4
        case .i64, .f64, .ref: 8
        case .v128: 16
        }
    }

    /// The text-format name (`i32`, `funcref`, `(ref $2)`, …).
    public var description: String {
        switch self {
        case .i32: "i32"
        case .i64: "i64"
        case .f32: "f32"
        case .f64: "f64"
        case .v128: "v128"
        case .ref(let r): r.description
        }
    }
}

/// A reference type: whether `null` is a value of it, and what it points to.
public struct RefType: Hashable, Sendable, CustomStringConvertible {
    /// Whether `null` is a value of the type (`(ref null …)`).
    public var isNullable: Bool
    /// What a non-null value points to.
    public var heapType: HeapType

    public init(isNullable: Bool, heapType: HeapType) {
        self.isNullable = isNullable
        self.heapType = heapType
    }

    /// `funcref`.
    public static let funcRef = RefType(isNullable: true, heapType: .func)
    /// `externref`.
    public static let externRef = RefType(isNullable: true, heapType: .extern)

    /// This type with `null` admitted.
    @inlinable public var nullable: RefType { RefType(isNullable: true, heapType: heapType) }
    /// This type without `null`.
    @inlinable public var nonNullable: RefType { RefType(isNullable: false, heapType: heapType) }

    public var description: String {
        if isNullable, let short = heapType.shorthand { return short }
        return "(ref \(isNullable ? "null " : "")\(heapType))"
    }
}

/// What a reference points to: an abstract heap type, or a type of the module (by index).
///
/// Three hierarchies (Wasm 3.0): `func ⊇ <function types> ⊇ nofunc`,
/// `extern ⊇ noextern`, `exn ⊇ noexn`, and the GC hierarchy
/// `any ⊇ eq ⊇ {i31, struct ⊇ <struct types>, array ⊇ <array types>} ⊇ none`.
/// Which hierarchy a concrete type belongs to depends on the module's type
/// section (a function, struct or array type): see ``Subtyping``.
public enum HeapType: Hashable, Sendable, CustomStringConvertible {
    /// Any function.
    case `func`
    /// Any host (external) reference.
    case extern
    /// Any exception.
    case exn
    /// The bottom of the function hierarchy: only `null`.
    case noFunc
    /// The bottom of the extern hierarchy: only `null`.
    case noExtern
    /// The bottom of the exception hierarchy: only `null`.
    case noExn
    /// The top of the GC hierarchy: heap objects, `i31` values, and host values converted from `extern`.
    case any
    /// References that can be compared with `ref.eq` (`i31`, structs, arrays).
    case eq
    /// Unboxed 31-bit integers.
    case i31
    /// Any struct.
    case `struct`
    /// Any array.
    case array
    /// The bottom of the GC hierarchy: only `null`.
    case none
    /// The type at this index of the module's type section.
    case concrete(UInt32)

    /// Decodes a one-byte abstract heap type.
    @inlinable
    package init?(abstractCode: UInt8) {
        switch abstractCode {
        case 0x70: self = .func
        case 0x6F: self = .extern
        case 0x69: self = .exn
        case 0x73: self = .noFunc
        case 0x72: self = .noExtern
        case 0x74: self = .noExn
        case 0x6E: self = .any
        case 0x6D: self = .eq
        case 0x6C: self = .i31
        case 0x6B: self = .struct
        case 0x6A: self = .array
        case 0x71: self = .none
        default: return nil
        }
    }

    /// The one-byte encoding, `nil` for a concrete type.
    package var abstractCode: UInt8? {
        switch self {
        case .func: 0x70
        case .extern: 0x6F
        case .exn: 0x69
        case .noFunc: 0x73
        case .noExtern: 0x72
        case .noExn: 0x74
        case .any: 0x6E
        case .eq: 0x6D
        case .i31: 0x6C
        case .struct: 0x6B
        case .array: 0x6A
        case .none: 0x71
        case .concrete: nil
        }
    }

    /// `true` for the heap types of Wasm 3.0 without GC (function, extern and exception hierarchies).
    @inlinable package var isPreGC: Bool {
        switch self {
        case .any, .eq, .i31, .struct, .array, .none: false
        default: true
        }
    }

    /// `true` in the function hierarchy (`func`, `nofunc`); concrete types are
    /// resolved against their module (``Subtyping/top(of:)``) and count as functions here.
    @inlinable public var isFunction: Bool {
        switch self {
        case .func, .noFunc, .concrete: true
        default: false
        }
    }

    /// The top of this abstract type's hierarchy (`func`, `extern`, `exn` or `any`). A
    /// concrete type gives `func` here; ``Subtyping/top(of:)`` resolves it with its module.
    @inlinable public var top: HeapType {
        switch self {
        case .func, .noFunc, .concrete: .func
        case .extern, .noExtern: .extern
        case .exn, .noExn: .exn
        case .any, .eq, .i31, .struct, .array, .none: .any
        }
    }

    /// The bottom of a hierarchy given by its top.
    @inlinable public var bottom: HeapType {
        switch top {
        case .func: .noFunc
        case .extern: .noExtern
        case .any: .none
        default: .noExn
        }
    }

    /// The short name of `(ref null <this>)`, where the text format has one.
    var shorthand: String? {
        switch self {
        case .func: "funcref"
        case .extern: "externref"
        case .exn: "exnref"
        case .noFunc: "nullfuncref"
        case .noExtern: "nullexternref"
        case .noExn: "nullexnref"
        case .any: "anyref"
        case .eq: "eqref"
        case .i31: "i31ref"
        case .struct: "structref"
        case .array: "arrayref"
        case .none: "nullref"
        case .concrete: nil
        }
    }

    public var description: String {
        switch self {
        case .func: "func"
        case .extern: "extern"
        case .exn: "exn"
        case .noFunc: "nofunc"
        case .noExtern: "noextern"
        case .noExn: "noexn"
        case .any: "any"
        case .eq: "eq"
        case .i31: "i31"
        case .struct: "struct"
        case .array: "array"
        case .none: "none"
        case .concrete(let index): "$\(index)"
        }
    }
}

/// A function signature.
public struct FunctionType: Hashable, Sendable, CustomStringConvertible {
    /// Parameter types, in order.
    public var parameters: [ValueType]
    /// Result types, in order (Wasm 2.0 allows several).
    public var results: [ValueType]

    public init(parameters: [ValueType] = [], results: [ValueType] = []) {
        self.parameters = parameters
        self.results = results
    }

    public var description: String {
        "[\(parameters.map(\.description).joined(separator: " "))] -> [\(results.map(\.description).joined(separator: " "))]"
    }
}

/// Size limits of a table (in elements) or memory (in 64 KiB pages).
public struct Limits: Hashable, Sendable {
    /// The initial size.
    public var min: UInt64
    /// The optional maximum size.
    public var max: UInt64?

    public init(min: UInt64, max: UInt64? = nil) {
        self.min = min
        self.max = max
    }
}

/// The type of the addresses of a memory or the indices of a table (Wasm 3.0
/// `memory64` / `table64`): `i32` (the only one before 3.0) or `i64`.
public enum AddressType: UInt8, Hashable, Sendable, CustomStringConvertible {
    /// 32-bit addresses: at most 65,536 pages (4 GiB) or 2^32 - 1 table elements.
    case i32
    /// 64-bit addresses: at most 2^48 pages or 2^64 - 1 table elements.
    case i64

    /// The value type of addresses, sizes and growth deltas of this type.
    @inlinable public var valueType: ValueType { self == .i32 ? .i32 : .i64 }

    /// The smaller of two address types (`memory.copy`/`table.copy` counts use it).
    @inlinable public static func min(_ a: AddressType, _ b: AddressType) -> AddressType {
        a == .i64 && b == .i64 ? .i64 : .i32
    }

    /// `i32` or `i64`.
    public var description: String { self == .i32 ? "i32" : "i64" }
}

/// The type of a table: its element reference type and its limits.
public struct TableType: Hashable, Sendable {
    /// `funcRef` or `externRef`.
    public var elementType: ValueType
    /// Size limits in elements.
    public var limits: Limits
    /// The type of element indices (`i64` for a 64-bit table, Wasm 3.0).
    public var addressType: AddressType = .i32

    public init(elementType: ValueType, limits: Limits) {
        self.elementType = elementType
        self.limits = limits
    }

    /// A table with `addressType` indices.
    public init(elementType: ValueType, limits: Limits, addressType: AddressType) {
        self.init(elementType: elementType, limits: limits)
        self.addressType = addressType
    }

    /// The largest size a table of this address type may declare.
    @inlinable public var maxElements: UInt64 { addressType == .i64 ? UInt64.max : UInt64(UInt32.max) }
}

/// The type of a linear memory. Limits are in 64 KiB pages.
public struct MemoryType: Hashable, Sendable {
    /// Size limits in 64 KiB pages.
    public var limits: Limits
    /// The type of addresses (`i64` for a 64-bit memory, Wasm 3.0 `memory64`).
    public var addressType: AddressType = .i32

    /// The size of one page in bytes.
    public static let pageSize = 65_536
    /// The largest page count a 32-bit memory may declare (4 GiB).
    public static let maxPages: UInt64 = 65_536
    /// The largest page count a 64-bit memory may declare (2^48 pages = 2^64 bytes).
    public static let maxPages64: UInt64 = 1 << 48

    public init(limits: Limits) { self.limits = limits }

    /// A memory with `addressType` addresses.
    public init(limits: Limits, addressType: AddressType) {
        self.limits = limits
        self.addressType = addressType
    }

    /// The largest page count a memory of this address type may declare.
    @inlinable public var maxPagesForAddressType: UInt64 {
        addressType == .i64 ? MemoryType.maxPages64 : MemoryType.maxPages
    }
}

/// The type of a global: value type and mutability.
public struct GlobalType: Hashable, Sendable {
    public var valueType: ValueType
    public var isMutable: Bool

    public init(valueType: ValueType, isMutable: Bool) {
        self.valueType = valueType
        self.isMutable = isMutable
    }
}

/// Where a type sits in the type section beyond its structure (Wasm 3.0): its
/// recursion group (a range of type indices; a type outside `rec` is a group
/// of one) and its declared supertype.
package struct TypeDeclaration: Hashable, Sendable {
    package var recGroup: Range<Int>
    package var supertype: UInt32?
    package var isFinal: Bool
    /// What the type is: a function type (its signature is the module's
    /// `types` entry), or a struct or array type (WebAssembly GC).
    package var composite: CompositeType

    package init(recGroup: Range<Int>, supertype: UInt32? = nil, isFinal: Bool = true,
                 composite: CompositeType = .function) {
        self.recGroup = recGroup
        self.supertype = supertype
        self.isFinal = isFinal
        self.composite = composite
    }
}
