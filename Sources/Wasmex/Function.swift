import CWasmexRuntime
import WasmFrontend

/// A callable function: defined by an instance or by the host. Two handles
/// are equal when they refer to the same function (the same funcref record).
///
/// `Sendable` so that ``Value`` is: a handle may move between threads and be
/// compared, hashed or asked its ``type`` anywhere, but ``call(_:)`` and any
/// use of ``store`` must happen where the store is used — one thread at a
/// time, as for every ``Store`` (see ``Value`` for the ownership rules).
public final class Function: Hashable, @unchecked Sendable {
    /// The store the function belongs to.
    public let store: Store
    let data: FunctionData

    init(store: Store, data: FunctionData) {
        self.store = store
        self.data = data
    }

    /// The signature.
    public var type: FunctionType { data.type }

    /// Calls the function with `arguments` (checked against its signature).
    ///
    /// - Throws: ``WasmexError/trap(_:)`` when execution traps (also when a
    ///   host function called from Wasm fails), ``WasmexError/host(_:)`` when
    ///   this is a host function and it fails, or an argument error.
    public func call(_ arguments: [Value] = []) throws(WasmexError) -> [Value] {
        try ValueSlots.check(arguments, against: type.parameters, typeIDs: data.typeIDs)
        switch data.kind {
        case .host(let box):
            return try box.call(arguments, caller: Caller(store: store, instance: nil))
        case .wasm(let entry):
            let slotCount = max(1, type.parameters.count, type.results.count) * ValueSlots.wordsPerSlot
            let slots = UnsafeMutablePointer<UInt64>.allocate(capacity: slotCount)
            slots.initialize(repeating: 0, count: slotCount)
            defer { slots.deallocate() }
            try ValueSlots.write(arguments, to: slots, store: store)
            let record = data.record.pointee
            try store.invoke(entry: entry, vmctx: record.vmctx, code: UnsafeRawPointer(record.code), slots: slots)
            return ValueSlots.read(type.results, from: slots, store: store, typeIDs: data.typeIDs)
        }
    }

    public static func == (lhs: Function, rhs: Function) -> Bool { lhs.data === rhs.data }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(data)) }
}

/// A function as the store knows it: signature, funcref record and how to enter it.
final class FunctionData {
    let type: FunctionType
    /// The record generated code calls through (`wasmex_funcref`).
    let record: UnsafeMutablePointer<wasmex_funcref>
    let kind: Kind
    /// Engine-wide ids of the declaring module's types, which concrete reference
    /// types in ``type`` refer to (`nil` for host functions).
    let typeIDs: [UInt32]?

    enum Kind {
        /// Compiled code, entered through its signature's entry trampoline.
        case wasm(entry: UnsafeRawPointer)
        case host(HostFunctionBox)
    }

    init(type: FunctionType, record: UnsafeMutablePointer<wasmex_funcref>, kind: Kind, typeIDs: [UInt32]? = nil) {
        self.type = type
        self.record = record
        self.kind = kind
        self.typeIDs = typeIDs
    }
}
