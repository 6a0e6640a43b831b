import WasmFrontend

/// A concrete WebAssembly value passed to or returned from an engine by the spec runner.
///
/// Floating-point values are carried as raw IEEE-754 bit patterns so that NaN payloads and
/// signed zeros survive the round trip exactly.
package enum SpecValue: Hashable, Sendable, CustomStringConvertible {
    case i32(UInt32)
    case i64(UInt64)
    /// IEEE-754 single-precision bits.
    case f32(UInt32)
    /// IEEE-754 double-precision bits.
    case f64(UInt64)
    case v128(V128)
    /// A function reference: `nil` is `ref.null func`; otherwise an engine-defined opaque id.
    case funcRef(UInt64?)
    /// An external reference: `nil` is `ref.null extern`; otherwise the host id from the script
    /// (`ref.extern N`).
    case externRef(UInt32?)
    /// `ref.null exn` (scripts cannot name a non-null exception reference).
    case nullExnRef
    /// A reference of the GC `any` hierarchy: `nil` is null.
    case anyRef(SpecAnyRef?)

    /// The value's WebAssembly type.
    package var type: ValueType {
        switch self {
        case .i32: .i32
        case .i64: .i64
        case .f32: .f32
        case .f64: .f64
        case .v128: .v128
        case .funcRef: .funcRef
        case .externRef: .externRef
        case .anyRef: .ref(RefType(isNullable: true, heapType: .any))
        case .nullExnRef: .exnRef
        }
    }

    package var description: String {
        switch self {
        case .i32(let v): "i32:\(v)"
        case .i64(let v): "i64:\(v)"
        case .f32(let bits): "f32:\(Float(bitPattern: bits)) (0x\(String(bits, radix: 16)))"
        case .f64(let bits): "f64:\(Double(bitPattern: bits)) (0x\(String(bits, radix: 16)))"
        case .v128(let v): "v128:0x\(hex64(v.hi))\(hex64(v.lo))"
        case .funcRef(nil): "ref.null func"
        case .funcRef(let id?): "ref.func #\(id)"
        case .externRef(nil): "ref.null extern"
        case .externRef(let id?): "ref.extern \(id)"
        case .nullExnRef: "ref.null exn"
        case .anyRef(nil): "ref.null any"
        case .anyRef(let r?): r.description
        }
    }
}

/// Formats `value` as 16 lowercase hex digits.
func hex64(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, 16 - digits.count)) + digits
}

/// A non-null `anyref` as scripts see it: a host value (`ref.host N`), or
/// what kind of GC value it is (scripts never name objects or `i31` values).
package enum SpecAnyRef: Hashable, Sendable, CustomStringConvertible {
    case host(UInt32)
    case i31
    case `struct`
    case array

    package var description: String {
        switch self {
        case .host(let id): "ref.host \(id)"
        case .i31: "ref.i31"
        case .struct: "ref.struct"
        case .array: "ref.array"
        }
    }
}
