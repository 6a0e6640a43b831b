import CWasmexRuntime
import WasmFrontend

extension Function {
    /// Creates a host function from a typed Swift closure; its signature comes
    /// from the closure's ``WasmScalar`` parameter and result types.
    ///
    /// Calls from Wasm read the arguments straight from the exit trampoline's
    /// slots and write the results back, without ``Value`` arrays — the fast
    /// path for imports called in hot loops.
    ///
    /// ```swift
    /// let add = try Function(store: store) { (a: Int32, b: Int32) -> Int32 in a &+ b }
    /// ```
    @inlinable
    public convenience init<each P: WasmScalar, each R: WasmScalar>(
        store: Store, typed body: @escaping (repeat each P) throws -> (repeat each R)
    ) throws(WasmexError) {
        try self.init(store: store, parameters: WasmScalarPack.types(repeat (each P).self),
                      results: WasmScalarPack.types(repeat (each R).self)) { _, slots in
            let arguments = WasmScalarPack.load(repeat (each P).self, from: slots)
            let results = try body(repeat each arguments)
            WasmScalarPack.store(repeat each results, to: slots)
        }
    }

    /// Creates a host function from a typed Swift closure that also receives
    /// the ``Caller`` (its memory, its exports, calls back into it).
    ///
    /// ```swift
    /// let log = try Function(store: store) { (caller: Caller, pointer: UInt32, length: UInt32) in
    ///     print(try caller.memory?.readString(at: Int(pointer), count: Int(length)) ?? "")
    /// }
    /// ```
    @inlinable
    public convenience init<each P: WasmScalar, each R: WasmScalar>(
        store: Store, typed body: @escaping (Caller, repeat each P) throws -> (repeat each R)
    ) throws(WasmexError) {
        try self.init(store: store, parameters: WasmScalarPack.types(repeat (each P).self),
                      results: WasmScalarPack.types(repeat (each R).self)) { caller, slots in
            let arguments = WasmScalarPack.load(repeat (each P).self, from: slots)
            let results = try body(caller(), repeat each arguments)
            WasmScalarPack.store(repeat each results, to: slots)
        }
    }

    /// Builds the host function: a regular (boxed) body for calls from Swift,
    /// and a typed slot handler installed as the exit trampoline's callback.
    @usableFromInline
    convenience init(store: Store, parameters: [ValueType], results: [ValueType],
                     handler: @escaping TypedHostBody) throws(WasmexError) {
        let type = FunctionType(parameters: parameters, results: results)
        let words = max(1, type.parameters.count, type.results.count) * ValueSlots.wordsPerSlot
        // Swift-side calls (`Function.call`) go through boxed values into the same handler.
        try self.init(store: store, type: type) { caller, arguments in
            try withUnsafeTemporaryAllocation(of: UInt64.self, capacity: words) { buffer in
                guard let slots = buffer.baseAddress else { throw WasmexError.resourceExhausted("no slot buffer") }
                slots.initialize(repeating: 0, count: words)
                try ValueSlots.write(arguments, to: slots, store: caller.store)
                try handler({ caller }, slots)
                return ValueSlots.read(type.results, from: slots, store: caller.store)
            }
        }
        guard case .host(let box) = data.kind else { return }
        let typed = TypedHostHandler(store: store, body: handler)
        store.retain(typed)
        box.context.pointee.callback = typedHostCallback
        box.context.pointee.env = Unmanaged.passUnretained(typed).toOpaque()
    }
}

/// The slot handler of a typed host function: reads arguments from the slots,
/// runs the closure, writes results back. The first argument makes the
/// ``Caller`` on demand (it allocates).
@usableFromInline
typealias TypedHostBody = (_ caller: () -> Caller, _ slots: UnsafeMutablePointer<UInt64>) throws -> Void

/// The typed callback of a host function created from a typed closure. Owned
/// by the store (which it does not retain, to avoid a cycle).
final class TypedHostHandler {
    unowned let store: Store
    let body: TypedHostBody

    init(store: Store, body: @escaping TypedHostBody) {
        self.store = store
        self.body = body
    }

    /// Runs the closure for a call from Wasm; returns 0, or the status of its
    /// error (``Store/hostFailureStatus(_:)``).
    @inline(__always)
    func handle(callerContext: UnsafeMutableRawPointer?, slots: UnsafeMutablePointer<UInt64>) -> Int32 {
        do {
            try body({ [store] in
                Caller(store: store, instance: InstanceData.owning(vmctx: callerContext).map { Instance(store: store, data: $0) })
            }, slots)
            return 0
        } catch {
            return store.hostFailureStatus(error)
        }
    }
}

/// The C callback of typed host functions.
private let typedHostCallback: wasmex_host_callback = { environment, callerContext, slots in
    guard let environment, let slots else { return 1 }
    return Unmanaged<TypedHostHandler>.fromOpaque(environment).takeUnretainedValue()
        .handle(callerContext: callerContext, slots: slots)
}
