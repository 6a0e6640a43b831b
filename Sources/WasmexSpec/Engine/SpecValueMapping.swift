import Wasmex
import WasmFrontend

/// Converts between the runner's ``SpecValue``s and Wasmex ``Value``s. Function
/// references get small opaque ids, stable for the script's lifetime.
struct SpecValueMapping {
    private let store: Store
    private var functionIDs: [Function: UInt64] = [:]
    private var functions: [Function] = []

    init(store: Store) { self.store = store }

    /// The Wasmex value for a runner value.
    func value(_ value: SpecValue) throws(WasmexError) -> Value {
        switch value {
        case .i32(let bits): return .i32(Int32(bitPattern: bits))
        case .i64(let bits): return .i64(Int64(bitPattern: bits))
        case .f32(let bits): return .f32(Float(bitPattern: bits))
        case .f64(let bits): return .f64(Double(bitPattern: bits))
        case .v128(let vector): return .v128(vector)
        case .funcRef(nil): return .funcRef(nil)
        case .funcRef(let id?):
            guard id > 0, id <= UInt64(functions.count) else {
                throw WasmexError.invalidOperation("unknown function reference #\(id)")
            }
            return .funcRef(functions[Int(id - 1)])
        case .externRef(nil): return .externRef(nil)
        case .externRef(let id?): return .externRef(ExternRef(id: UInt64(id)))
        case .nullExnRef: return .exnRef(nil)
        case .anyRef(nil): return .anyRef(nil)
        case .anyRef(.host(let id)?): return .anyRef(ExternRef(id: UInt64(id)).map { AnyRef(host: $0) })
        case .anyRef(let other?): throw WasmexError.invalidOperation("a script cannot pass \(other)")
        }
    }

    /// The runner value for a Wasmex value.
    mutating func specValue(_ value: Value) -> SpecValue {
        switch value {
        case .i32(let v): return .i32(UInt32(bitPattern: v))
        case .i64(let v): return .i64(UInt64(bitPattern: v))
        case .f32(let v): return .f32(v.bitPattern)
        case .f64(let v): return .f64(v.bitPattern)
        case .v128(let v): return .v128(v)
        case .funcRef(nil): return .funcRef(nil)
        case .funcRef(let function?):
            if let id = functionIDs[function] { return .funcRef(id) }
            functions.append(function)
            let id = UInt64(functions.count)
            functionIDs[function] = id
            return .funcRef(id)
        case .externRef(nil): return .externRef(nil)
        case .externRef(let reference?):
            // A converted GC value has no host id; scripts only ask whether it is null.
            if reference.anyRef != nil { return .externRef(UInt32.max) }
            return .externRef(UInt32(truncatingIfNeeded: reference.id))
        case .anyRef(nil): return .anyRef(nil)
        case .anyRef(let reference?):
            switch reference.kind {
            case .host: return .anyRef(.host(UInt32(truncatingIfNeeded: reference.hostValue?.id ?? 0)))
            case .i31: return .anyRef(.i31)
            case .struct: return .anyRef(.struct)
            case .array: return .anyRef(.array)
            }
        case .exnRef(nil): return .nullExnRef
        case .exnRef(.some):
            // Scripts cannot name a non-null exnref; `WasmexSpecEngine.invoke` refuses them.
            return .externRef(nil)
        }
    }
}
