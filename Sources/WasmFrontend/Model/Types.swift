/// A WebAssembly value type (Wasm 2.0: numbers, `v128`, the two reference types; Wasm 3.0's `exnref`).
///
/// The raw values are dense (0...7) so they can index small tables; use
/// ``init(binaryCode:)`` / ``binaryCode`` for the binary-format encoding.
public enum ValueType: UInt8, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case i32, i64, f32, f64, v128, funcRef, externRef
    /// A reference to a caught exception (exception handling, Wasm 3.0); null is `ref.null exn`.
    case exnRef

    /// Decodes a value type from its binary-format byte (`0x7F` = i32 … `0x6F` = externref).
    @inlinable
    @usableFromInline package init?(binaryCode: UInt8) {
        switch binaryCode {
        case 0x7F: self = .i32
        case 0x7E: self = .i64
        case 0x7D: self = .f32
        case 0x7C: self = .f64
        case 0x7B: self = .v128
        case 0x70: self = .funcRef
        case 0x6F: self = .externRef
        case 0x69: self = .exnRef
        default: return nil
        }
    }

    /// The binary-format byte of this type.
    @inlinable
    package var binaryCode: UInt8 {
        switch self {
        case .i32: 0x7F
        case .i64: 0x7E
        case .f32: 0x7D
        case .f64: 0x7C
        case .v128: 0x7B
        case .funcRef: 0x70
        case .externRef: 0x6F
        case .exnRef: 0x69
        }
    }

    /// `true` for `funcref`, `externref` and `exnref`.
    @inlinable public var isReference: Bool { self == .funcRef || self == .externRef || self == .exnRef }
    /// `true` for `i32`, `i64`, `f32`, `f64`.
    @inlinable public var isNumeric: Bool { rawValue <= ValueType.f64.rawValue }
    /// `true` for `v128`.
    @inlinable public var isVector: Bool { self == .v128 }

    /// The size in bytes of a value of this type as stored in a 64-bit slot (references count as 8).
    @inlinable public var byteSize: Int {
        switch self {
        case .i32, .f32: 4
        case .i64, .f64, .funcRef, .externRef, .exnRef: 8
        case .v128: 16
        }
    }

    /// The text-format name (`i32`, `funcref`, …).
    public var description: String {
        switch self {
        case .i32: "i32"
        case .i64: "i64"
        case .f32: "f32"
        case .f64: "f64"
        case .v128: "v128"
        case .funcRef: "funcref"
        case .externRef: "externref"
        case .exnRef: "exnref"
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

/// The type of a table: its element reference type and its limits.
public struct TableType: Hashable, Sendable {
    /// `funcRef` or `externRef`.
    public var elementType: ValueType
    /// Size limits in elements.
    public var limits: Limits

    public init(elementType: ValueType, limits: Limits) {
        self.elementType = elementType
        self.limits = limits
    }
}

/// The type of a linear memory. Limits are in 64 KiB pages.
public struct MemoryType: Hashable, Sendable {
    /// Size limits in 64 KiB pages.
    public var limits: Limits

    /// The size of one page in bytes.
    public static let pageSize = 65_536
    /// The largest page count a 32-bit memory may declare (4 GiB).
    public static let maxPages: UInt64 = 65_536

    public init(limits: Limits) { self.limits = limits }
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
