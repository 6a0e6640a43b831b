import WasmFrontend

/// Converts values to and from the runtime's 16-byte value slots and the
/// machine words stored in globals and tables.
enum ValueSlots {
    /// Words per slot (`WASMEX_SLOT_BYTES / 8`).
    static let wordsPerSlot = 2

    /// The low machine word of `value` (references as record/extern bits).
    static func word(of value: Value, store: Store) throws(WasmexError) -> UInt64 {
        switch value {
        case .i32(let v): return UInt64(UInt32(bitPattern: v))
        case .i64(let v): return UInt64(bitPattern: v)
        case .f32(let v): return UInt64(v.bitPattern)
        case .f64(let v): return v.bitPattern
        case .v128(let v): return v.lo
        case .funcRef(nil): return 0
        case .funcRef(let function?):
            guard function.store === store else { throw WasmexError.storeMismatch }
            return UInt64(UInt(bitPattern: function.data.record))
        case .externRef(let reference): return reference?.bits ?? 0
        case .exnRef(nil): return 0
        case .exnRef(let reference?):
            guard reference.store == UInt(bitPattern: store.state) else { throw WasmexError.storeMismatch }
            return reference.bits
        case .anyRef(nil): return 0
        case .anyRef(let reference?):
            if let pin = reference.pin, pin.store !== store { throw WasmexError.storeMismatch }
            return reference.bits
        }
    }

    /// The value of `type` whose low word is `word` (and high word `high` for v128).
    /// `typeIDs` (the declaring module's engine-wide type ids) tell a concrete
    /// struct or array type from a function type.
    static func value(_ type: ValueType, word: UInt64, high: UInt64 = 0, store: Store,
                      typeIDs: [UInt32]? = nil) -> Value {
        switch type {
        case .i32: return .i32(Int32(bitPattern: UInt32(truncatingIfNeeded: word)))
        case .i64: return .i64(Int64(bitPattern: word))
        case .f32: return .f32(Float(bitPattern: UInt32(truncatingIfNeeded: word)))
        case .f64: return .f64(Double(bitPattern: word))
        case .v128: return .v128(V128(lo: word, hi: high))
        case .ref(let r):
            switch r.heapType {
            case .func, .noFunc: return .funcRef(store.function(forRecordBits: word))
            case .exn, .noExn: return .exnRef(ExnRef(bits: word, store: UInt(bitPattern: store.state)))
            case .extern, .noExtern:
                if word & 3 == 2 || word == 0 { return .externRef(ExternRef(bits: word)) }
                return .externRef(AnyRef(bits: word, store: store).map { ExternRef($0) })
            case .concrete(let index):
                // A function type, or a struct/array type (which has a runtime type).
                if let typeIDs, Int(index) < typeIDs.count {
                    if store.engine.runtimeTypes.isAggregate(typeIDs[Int(index)]) {
                        return .anyRef(AnyRef(bits: word, store: store))
                    }
                    return .funcRef(store.function(forRecordBits: word))
                }
                // Without the module's ids: function records are known to the store.
                if word != 0, store.function(forRecordBits: word) == nil { return .anyRef(AnyRef(bits: word, store: store)) }
                return .funcRef(store.function(forRecordBits: word))
            default:
                return .anyRef(AnyRef(bits: word, store: store))
            }
        }
    }

    /// Writes `values` into `slots` (slot `i` at word `2 * i`).
    static func write(_ values: [Value], to slots: UnsafeMutablePointer<UInt64>, store: Store) throws(WasmexError) {
        for (i, value) in values.enumerated() {
            slots[i * wordsPerSlot] = try word(of: value, store: store)
            if case .v128(let vector) = value { slots[i * wordsPerSlot + 1] = vector.hi }
        }
    }

    /// Reads values of `types` from `slots`.
    static func read(_ types: [ValueType], from slots: UnsafeMutablePointer<UInt64>, store: Store,
                     typeIDs: [UInt32]? = nil) -> [Value] {
        types.enumerated().map { i, type in
            value(type, word: slots[i * wordsPerSlot], high: slots[i * wordsPerSlot + 1], store: store, typeIDs: typeIDs)
        }
    }

    /// Checks that `values` are of `types` (see ``Value/matches(_:typeIDs:)``).
    static func check(_ values: [Value], against types: [ValueType], typeIDs: [UInt32]? = nil) throws(WasmexError) {
        guard values.count == types.count else {
            throw WasmexError.argumentCount(expected: types.count, actual: values.count)
        }
        for (i, (value, type)) in zip(values, types).enumerated() where !value.matches(type, typeIDs: typeIDs) {
            throw WasmexError.valueType(index: i, expected: type, actual: value.type)
        }
    }
}
