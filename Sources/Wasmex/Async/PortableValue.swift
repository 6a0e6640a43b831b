import WasmFrontend

/// A ``Value`` that may cross threads: numbers, vectors, extern references
/// and null function references. A non-null `funcref` is a handle into one
/// store and cannot leave the thread that runs that store's instance.
enum PortableValue: Sendable {
    case i32(Int32)
    case i64(Int64)
    case f32(Float)
    case f64(Double)
    case v128(V128)
    case externRef(ExternRef?)
    case nullFuncRef
    case nullExnRef
    case nullAnyRef
    /// An `i31` value or a converted host value (no heap object: those belong to one store).
    case anyRef(AnyRef)

    /// - Throws: ``WasmexError/invalidOperation(_:)`` for a non-null function reference.
    init(_ value: Value) throws(WasmexError) {
        switch value {
        case .i32(let v): self = .i32(v)
        case .i64(let v): self = .i64(v)
        case .f32(let v): self = .f32(v)
        case .f64(let v): self = .f64(v)
        case .v128(let v): self = .v128(v)
        case .externRef(let r): self = .externRef(r)
        case .funcRef(nil): self = .nullFuncRef
        case .exnRef(nil): self = .nullExnRef
        case .anyRef(nil): self = .nullAnyRef
        case .anyRef(let r?):
            guard r.pin == nil else {
                throw WasmexError.invalidOperation(
                    "a struct or array reference cannot cross into or out of a WasmexInstance; use withInstance to work with it")
            }
            self = .anyRef(r)
        case .exnRef(.some):
            throw WasmexError.invalidOperation("an exception reference cannot cross into or out of a WasmexInstance")
        case .funcRef(.some):
            throw WasmexError.invalidOperation(
                "a function reference cannot cross into or out of a WasmexInstance; use withInstance to work with it")
        }
    }

    static func portable(_ values: [Value]) throws(WasmexError) -> [PortableValue] {
        var result: [PortableValue] = []
        result.reserveCapacity(values.count)
        for value in values { result.append(try PortableValue(value)) }
        return result
    }

    var value: Value {
        switch self {
        case .i32(let v): .i32(v)
        case .i64(let v): .i64(v)
        case .f32(let v): .f32(v)
        case .f64(let v): .f64(v)
        case .v128(let v): .v128(v)
        case .externRef(let r): .externRef(r)
        case .nullFuncRef: .funcRef(nil)
        case .nullExnRef: .exnRef(nil)
        case .nullAnyRef: .anyRef(nil)
        case .anyRef(let r): .anyRef(r)
        }
    }
}
