/// A WebAssembly value type (Wasm 2.0: numbers, `v128`, and the two reference types).
///
/// The raw values are dense (0...6) so they can index small tables; use
/// ``init(binaryCode:)`` / ``binaryCode`` for the binary-format encoding.
public enum ValueType: UInt8, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case i32, i64, f32, f64, v128, funcRef, externRef

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
        }
    }

    /// `true` for `funcref` and `externref`.
    @inlinable public var isReference: Bool { self == .funcRef || self == .externRef }
    /// `true` for `i32`, `i64`, `f32`, `f64`.
    @inlinable public var isNumeric: Bool { rawValue <= ValueType.f64.rawValue }
    /// `true` for `v128`.
    @inlinable public var isVector: Bool { self == .v128 }

    /// The size in bytes of a value of this type as stored in a 64-bit slot (references count as 8).
    @inlinable public var byteSize: Int {
        switch self {
        case .i32, .f32: 4
        case .i64, .f64, .funcRef, .externRef: 8
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
