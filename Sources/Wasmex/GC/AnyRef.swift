import CWasmexRuntime
import WasmFrontend

/// A reference of WebAssembly GC's `any` hierarchy as the host holds it: an
/// `i31` value, a host value converted from `externref` (`any.convert_extern`),
/// or a struct or array in a store's heap.
///
/// A heap object stays alive while an ``AnyRef`` naming it exists (the
/// reference pins it in its store's collector). Like a ``Function``, an object
/// reference may be sent, kept and compared anywhere, but passed back to Wasm
/// only in its own store, and released where that store is used.
public struct AnyRef: Hashable, Sendable, CustomStringConvertible {
    /// What an ``AnyRef`` refers to.
    public enum Kind: Hashable, Sendable {
        case i31
        case host
        case `struct`
        case array
    }

    /// The machine word generated code sees (Runtime/include/wasmex_gc.h).
    let bits: UInt64
    /// Keeps a heap object alive (nil for i31 and host values).
    let pin: GCPin?

    /// An `i31` value: the low 31 bits of `value`.
    public static func i31(_ value: Int32) -> AnyRef {
        AnyRef(bits: UInt64(UInt32(bitPattern: value) & 0x7fff_ffff) << 1 | 1, pin: nil)
    }

    /// A host value, as `any.convert_extern` makes it.
    public init(host: ExternRef) {
        self.init(bits: host.bits, pin: nil)
    }

    init(bits: UInt64, pin: GCPin?) {
        self.bits = bits
        self.pin = pin
    }

    /// The reference a machine word of `store` encodes (nil for null). Heap objects are pinned.
    init?(bits: UInt64, store: Store) {
        guard bits != 0 else { return nil }
        self.init(bits: bits, pin: bits & 3 == 0 ? GCPin(bits: bits, store: store) : nil)
    }

    /// What this reference refers to.
    public var kind: Kind {
        if bits & 1 == 1 { return .i31 }
        if bits & 3 == 2 { return .host }
        return runtimeType.pointee.kind == WASMEX_GC_KIND_STRUCT ? .struct : .array
    }

    /// The `i31` value, sign-extended (`i31.get_s`); nil for other references.
    public var i31Value: Int32? {
        guard bits & 1 == 1 else { return nil }
        return Int32(bitPattern: UInt32(truncatingIfNeeded: bits)) >> 1
    }

    /// The host value of a converted `externref`; nil for other references.
    public var hostValue: ExternRef? { ExternRef(bits: bits) }

    /// An array's element count; nil for other references.
    public var arrayCount: Int? {
        guard kind == .array else { return nil }
        return Int(UnsafePointer<UInt32>(bitPattern: UInt(bits) + 8)!.pointee)
    }

    /// The runtime type of a heap object.
    var runtimeType: UnsafePointer<wasmex_rtt> {
        UnsafePointer<UnsafePointer<wasmex_rtt>>(bitPattern: UInt(bits))!.pointee
    }

    /// Whether this reference is of heap type `heap`; `typeIDs` resolve concrete types.
    func matches(_ heap: HeapType, typeIDs: [UInt32]?) -> Bool {
        switch heap {
        case .any: return true
        case .eq: return kind != .host
        case .i31: return kind == .i31
        case .struct: return kind == .struct
        case .array: return kind == .array
        case .concrete(let index):
            guard bits & 3 == 0, let typeIDs, Int(index) < typeIDs.count else { return false }
            let rtt = runtimeType.pointee
            return rtt.display.map { display in
                (0...Int(rtt.depth)).contains { display[$0] == typeIDs[Int(index)] }
            } ?? false
        default: return false
        }
    }

    public static func == (lhs: AnyRef, rhs: AnyRef) -> Bool { lhs.bits == rhs.bits }
    public func hash(into hasher: inout Hasher) { hasher.combine(bits) }

    public var description: String {
        switch kind {
        case .i31: "i31:\(i31Value!)"
        case .host: "host:\(hostValue!.id)"
        case .struct: "struct"
        case .array: "array[\(arrayCount!)]"
        }
    }
}

/// Pins one heap object in its store's collector while the host holds it.
final class GCPin: @unchecked Sendable {
    let bits: UInt64
    let store: Store

    init(bits: UInt64, store: Store) {
        self.bits = bits
        self.store = store
        wasmex_gc_pin(store.state, bits)
    }

    deinit { wasmex_gc_unpin(store.state, bits) }
}

// MARK: - Reading objects from the host

extension AnyRef {
    /// A struct's number of fields; nil for other references.
    public var fieldCount: Int? {
        guard let pin, kind == .struct else { return nil }
        return pin.store.engine.runtimeTypes.fields(of: runtimeType.pointee.type_id).count
    }

    /// Field `index` of a struct. Packed `i8`/`i16` fields read zero-extended as `.i32`.
    /// - Throws: ``WasmexError/invalidOperation(_:)`` when this is not a struct or the
    ///   index is out of range.
    public func field(_ index: Int) throws(WasmexError) -> Value {
        guard let pin, kind == .struct else { throw WasmexError.invalidOperation("\(self) is not a struct") }
        let fields = pin.store.engine.runtimeTypes.fields(of: runtimeType.pointee.type_id)
        guard fields.indices.contains(index) else {
            throw WasmexError.invalidOperation("field \(index) of a struct with \(fields.count) fields")
        }
        return read(fields[index].kind, at: 16 + fields[index].offset, store: pin.store)
    }

    /// Element `index` of an array. Packed `i8`/`i16` elements read zero-extended as `.i32`.
    /// - Throws: ``WasmexError/invalidOperation(_:)`` when this is not an array or the
    ///   index is out of range.
    public func element(_ index: Int) throws(WasmexError) -> Value {
        guard let pin, let count = arrayCount else { throw WasmexError.invalidOperation("\(self) is not an array") }
        guard (0..<count).contains(index) else {
            throw WasmexError.invalidOperation("element \(index) of an array of \(count) elements")
        }
        guard let slot = pin.store.engine.runtimeTypes.fields(of: runtimeType.pointee.type_id).first else {
            throw WasmexError.invalidOperation("array of an unknown type")
        }
        return read(slot.kind, at: 16 + index * slot.kind.byteSize, store: pin.store)
    }

    private func read(_ kind: FieldSlot.Kind, at offset: Int, store: Store) -> Value {
        let address = UnsafeRawPointer(bitPattern: UInt(bits))! + offset
        switch kind {
        case .i8: return .i32(Int32(address.load(as: UInt8.self)))
        case .i16: return .i32(Int32(address.loadUnaligned(as: UInt16.self)))
        case .i32: return .i32(address.loadUnaligned(as: Int32.self))
        case .i64: return .i64(address.loadUnaligned(as: Int64.self))
        case .f32: return .f32(Float(bitPattern: address.loadUnaligned(as: UInt32.self)))
        case .f64: return .f64(Double(bitPattern: address.loadUnaligned(as: UInt64.self)))
        case .v128: return .v128(V128(lo: address.loadUnaligned(as: UInt64.self), hi: (address + 8).loadUnaligned(as: UInt64.self)))
        case .function: return .funcRef(store.function(forRecordBits: address.loadUnaligned(as: UInt64.self)))
        case .exception: return .exnRef(ExnRef(bits: address.loadUnaligned(as: UInt64.self), store: UInt(bitPattern: store.state)))
        case .any: return .anyRef(AnyRef(bits: address.loadUnaligned(as: UInt64.self), store: store))
        case .extern:
            let word = address.loadUnaligned(as: UInt64.self)
            if word == 0 || word & 3 == 2 { return .externRef(ExternRef(bits: word)) }
            return .externRef(AnyRef(bits: word, store: store).map { ExternRef($0) })
        }
    }
}
