import WasmFrontend

/// A Swift type that stands for one WebAssembly number or vector type in the
/// typed fast paths (``TypedFunction``, typed host functions): it knows its
/// `ValueType` and how to move through a 16-byte value slot without boxing
/// into ``Value``.
///
/// Conforming types: `Int32` and `UInt32` (i32), `Int64` and `UInt64` (i64),
/// `Float` (f32), `Double` (f64) and `V128` (v128). Unsigned types reinterpret
/// the same bits, which suits pointers and lengths.
public protocol WasmScalar: Sendable {
    /// The WebAssembly type this Swift type maps to.
    static var wasmType: ValueType { get }
    /// Reads a value from a slot (`slot[0]` is the low word, `slot[1]` the high word).
    init(slot: UnsafePointer<UInt64>)
    /// Writes the value into a slot.
    func store(to slot: UnsafeMutablePointer<UInt64>)
}

extension Int32: WasmScalar {
    public static var wasmType: ValueType { .i32 }
    @inlinable @inline(__always) public init(slot: UnsafePointer<UInt64>) { self.init(truncatingIfNeeded: slot.pointee) }
    @inlinable @inline(__always) public func store(to slot: UnsafeMutablePointer<UInt64>) {
        slot.pointee = UInt64(UInt32(bitPattern: self))
    }
}

extension UInt32: WasmScalar {
    public static var wasmType: ValueType { .i32 }
    @inlinable @inline(__always) public init(slot: UnsafePointer<UInt64>) { self.init(truncatingIfNeeded: slot.pointee) }
    @inlinable @inline(__always) public func store(to slot: UnsafeMutablePointer<UInt64>) { slot.pointee = UInt64(self) }
}

extension Int64: WasmScalar {
    public static var wasmType: ValueType { .i64 }
    @inlinable @inline(__always) public init(slot: UnsafePointer<UInt64>) { self.init(bitPattern: slot.pointee) }
    @inlinable @inline(__always) public func store(to slot: UnsafeMutablePointer<UInt64>) { slot.pointee = UInt64(bitPattern: self) }
}

extension UInt64: WasmScalar {
    public static var wasmType: ValueType { .i64 }
    @inlinable @inline(__always) public init(slot: UnsafePointer<UInt64>) { self = slot.pointee }
    @inlinable @inline(__always) public func store(to slot: UnsafeMutablePointer<UInt64>) { slot.pointee = self }
}

extension Float: WasmScalar {
    public static var wasmType: ValueType { .f32 }
    @inlinable @inline(__always) public init(slot: UnsafePointer<UInt64>) {
        self.init(bitPattern: UInt32(truncatingIfNeeded: slot.pointee))
    }
    @inlinable @inline(__always) public func store(to slot: UnsafeMutablePointer<UInt64>) { slot.pointee = UInt64(bitPattern) }
}

extension Double: WasmScalar {
    public static var wasmType: ValueType { .f64 }
    @inlinable @inline(__always) public init(slot: UnsafePointer<UInt64>) { self.init(bitPattern: slot.pointee) }
    @inlinable @inline(__always) public func store(to slot: UnsafeMutablePointer<UInt64>) { slot.pointee = bitPattern }
}

extension V128: WasmScalar {
    public static var wasmType: ValueType { .v128 }
    @inlinable @inline(__always) public init(slot: UnsafePointer<UInt64>) { self.init(lo: slot[0], hi: slot[1]) }
    @inlinable @inline(__always) public func store(to slot: UnsafeMutablePointer<UInt64>) {
        slot[0] = lo
        slot[1] = hi
    }
}

/// Helpers shared by the typed paths to work on parameter packs of ``WasmScalar`` types.
/// Inlinable so that client code gets them specialised for its concrete types.
@usableFromInline
enum WasmScalarPack {
    /// Words per 16-byte value slot.
    @inlinable static var slotStride: Int { 2 }

    /// The WebAssembly types of a pack of scalar types, in order.
    @inlinable
    static func types<each T: WasmScalar>(_ pack: repeat (each T).Type) -> [ValueType] {
        var types: [ValueType] = []
        for type in repeat each pack { types.append(type.wasmType) }
        return types
    }

    /// Writes `values` into consecutive slots starting at `slots`.
    @inlinable @inline(__always)
    static func store<each T: WasmScalar>(_ values: repeat each T, to slots: UnsafeMutablePointer<UInt64>) {
        var cursor = slots
        for value in repeat each values {
            value.store(to: cursor)
            cursor += slotStride
        }
    }

    /// Reads the next slot at `cursor` as `T` and advances the cursor by one slot.
    @inlinable @inline(__always)
    static func next<T: WasmScalar>(_ type: T.Type, _ cursor: inout UnsafeMutablePointer<UInt64>) -> T {
        defer { cursor += slotStride }
        return T(slot: UnsafePointer(cursor))
    }

    /// Reads consecutive slots starting at `slots` as the pack `T`.
    @inlinable @inline(__always)
    static func load<each T: WasmScalar>(_ types: repeat (each T).Type,
                                          from slots: UnsafeMutablePointer<UInt64>) -> (repeat each T) {
        var cursor = slots
        return (repeat next(each types, &cursor))
    }
}
