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
