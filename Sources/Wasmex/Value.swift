import WasmFrontend

/// A WebAssembly value. Floats keep their exact bit patterns (NaN payloads included).
///
/// Values are `Sendable`: results can leave a task group or cross actors.
/// Numbers, vectors and extern references are plain data. Reference values
/// follow these ownership rules:
///
/// - An ``ExternRef`` is only an id the host chose; what it names is the
///   host's to share (or not) between threads.
/// - A ``Function`` (in `.funcRef`) is a handle into one store. It may be
///   sent, kept, compared and hashed anywhere, but called — or its store
///   used — only where that store is used, one thread at a time (for a
///   ``WasmexInstance``, inside ``WasmexInstance/withInstance(timeout:_:)``).
///   ``WasmexInstance/call(_:_:timeout:)`` therefore refuses non-null
///   function references in arguments and results.
public enum Value: Hashable, Sendable, CustomStringConvertible {
    /// A 32-bit integer (signedness is up to the operation that uses it).
    case i32(Int32)
    /// A 64-bit integer (signedness is up to the operation that uses it).
    case i64(Int64)
    /// A 32-bit IEEE 754 float; NaN payloads are kept bit for bit.
    case f32(Float)
    /// A 64-bit IEEE 754 float; NaN payloads are kept bit for bit.
    case f64(Double)
    /// A 128-bit SIMD vector.
    case v128(V128)
    /// A function reference (`nil` is `ref.null func`).
    case funcRef(Function?)
    /// An external reference (`nil` is `ref.null extern`).
    case externRef(ExternRef?)
    /// A reference to a caught exception (`nil` is `ref.null exn`).
    case exnRef(ExnRef?)
    /// A reference of the GC `any` hierarchy (`anyref`, `eqref`, `i31ref`,
    /// `structref`, `arrayref`, concrete struct and array types); nil is null.
    case anyRef(AnyRef?)

    /// The value's type.
    public var type: ValueType {
        switch self {
        case .i32: return .i32
        case .i64: return .i64
        case .f32: return .f32
        case .f64: return .f64
        case .v128: return .v128
        case .funcRef: return .funcRef
        case .externRef: return .externRef
        case .exnRef: return .exnRef
        case .anyRef: return .ref(RefType(isNullable: true, heapType: .any))
        }
    }

    /// The zero value of `type` (null for references).
    public static func zero(_ type: ValueType) -> Value {
        switch type {
        case .i32: return .i32(0)
        case .i64: return .i64(0)
        case .f32: return .f32(0)
        case .f64: return .f64(0)
        case .v128: return .v128(.zero)
        case .ref(let r):
            switch r.heapType.top {
            case .func: return .funcRef(nil)
            case .exn: return .exnRef(nil)
            case .any: return .anyRef(nil)
            default: return .externRef(nil)
            }
        }
    }

    /// Whether this value is of `type` (typed references: a value of a subtype is
    /// of the type too). A concrete function type `(ref $t)` names a type of some
    /// module; `typeIDs` are that module's engine-wide type ids, and without them a
    /// non-null function is never taken to be of a concrete type.
    func matches(_ type: ValueType, typeIDs: [UInt32]? = nil) -> Bool {
        switch (self, type) {
        case (.i32, .i32), (.i64, .i64), (.f32, .f32), (.f64, .f64), (.v128, .v128): return true
        case (.funcRef(nil), .ref(let r)): return r.isNullable && r.heapType.top == .func
        case (.externRef(nil), .ref(let r)): return r.isNullable && r.heapType.top == .extern
        case (.exnRef(nil), .ref(let r)): return r.isNullable && r.heapType.top == .exn
        case (.exnRef(.some), .ref(let r)): return r.heapType == .exn
        case (.funcRef(let function?), .ref(let r)):
            switch r.heapType {
            case .func: return true
            case .concrete(let index):
                guard let typeIDs, Int(index) < typeIDs.count else { return false }
                return function.store.engine.types.isSubtype(function.data.record.pointee.type_id, of: typeIDs[Int(index)])
            default: return false
            }
        case (.externRef(.some), .ref(let r)): return r.heapType == .extern
        case (.anyRef(nil), .ref(let r)):
            guard r.isNullable else { return false }
            if case .concrete = r.heapType { return true }
            return r.heapType.top == .any
        case (.anyRef(let reference?), .ref(let r)): return reference.matches(r.heapType, typeIDs: typeIDs)
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .i32(let v): return "i32:\(v)"
        case .i64(let v): return "i64:\(v)"
        case .f32(let v): return "f32:\(v)"
        case .f64(let v): return "f64:\(v)"
        case .v128(let v): return "v128:\(v.bytes)"
        case .funcRef(let f): return f.map { "funcref:\($0.type)" } ?? "ref.null func"
        case .externRef(let r): return r.map { "externref:\($0.id)" } ?? "ref.null extern"
        case .exnRef(let r): return r == nil ? "ref.null exn" : "exnref"
        case .anyRef(let r): return r.map { "anyref:\($0)" } ?? "ref.null any"
        }
    }

    /// Bit-exact equality (NaNs with the same payload are equal).
    public static func == (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.i32(let a), .i32(let b)): return a == b
        case (.i64(let a), .i64(let b)): return a == b
        case (.f32(let a), .f32(let b)): return a.bitPattern == b.bitPattern
        case (.f64(let a), .f64(let b)): return a.bitPattern == b.bitPattern
        case (.v128(let a), .v128(let b)): return a == b
        case (.funcRef(let a), .funcRef(let b)): return a == b
        case (.externRef(let a), .externRef(let b)): return a == b
        case (.exnRef(let a), .exnRef(let b)): return a == b
        case (.anyRef(let a), .anyRef(let b)): return a == b
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .i32(let v): hasher.combine(v)
        case .i64(let v): hasher.combine(v)
        case .f32(let v): hasher.combine(v.bitPattern)
        case .f64(let v): hasher.combine(v.bitPattern)
        case .v128(let v): hasher.combine(v)
        case .funcRef(let f): hasher.combine(f)
        case .externRef(let r): hasher.combine(r)
        case .exnRef(let r): hasher.combine(r)
        case .anyRef(let r): hasher.combine(r)
        }
    }
}

/// An opaque host value passed to Wasm as `externref`: a 62-bit id chosen by
/// the host (`0 ..< 2^62`).
///
/// The id's range leaves room in the machine word for the other references an
/// `externref` can carry once converted from `anyref` (`extern.convert_any`):
/// the word is `id << 2 | 2`, which no heap object or `i31` value uses (see
/// `Runtime/include/wasmex_gc.h`).
public struct ExternRef: Hashable, Sendable {
    /// The largest id an ``ExternRef`` can carry (2^62 - 1).
    public static let maxID: UInt64 = (1 << 62) - 1

    /// The host's id for the referenced value (0 for a converted GC reference, see ``anyRef``).
    public let id: UInt64
    /// The GC reference this `externref` carries when Wasm made it with
    /// `extern.convert_any` from an `i31` value or a heap object.
    public let anyRef: AnyRef?

    /// Wraps `id`; `nil` when it is larger than ``maxID``.
    public init?(id: UInt64) {
        guard id <= Self.maxID else { return nil }
        self.id = id
        self.anyRef = nil
    }

    /// An `externref` carrying a GC reference (what `extern.convert_any` makes);
    /// a host value converted to `anyref` gives its ``ExternRef`` back.
    public init(_ reference: AnyRef) {
        if let host = reference.hostValue {
            self = host
        } else {
            id = 0
            anyRef = reference
        }
    }

    /// The machine word generated code sees (never 0, which is null).
    var bits: UInt64 { anyRef?.bits ?? (id << 2 | 2) }

    /// The host value a machine word encodes; nil for null and for words of
    /// other references (heap objects, `i31` values).
    init?(bits: UInt64) {
        guard bits & 3 == 2 else { return nil }
        self.id = bits >> 2
        self.anyRef = nil
    }
}

/// A reference to an exception Wasm code caught with `catch_ref` or
/// `catch_all_ref` (an `exnref`). Opaque: it can be passed back to Wasm code
/// of the same store (e.g. to `throw_ref`), which keeps the exception until
/// the store is released; passing it to another store's code is refused
/// (``WasmexError/storeMismatch``).
public struct ExnRef: Hashable, Sendable {
    /// The machine word generated code sees (never 0, which is null).
    let bits: UInt64
    /// The store that owns the exception (the address of its execution state).
    let store: UInt

    init?(bits: UInt64, store: UInt) {
        guard bits != 0 else { return nil }
        self.bits = bits
        self.store = store
    }
}
