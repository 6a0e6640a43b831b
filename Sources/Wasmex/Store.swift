import CWasmexRuntime
import WasmFrontend

/// Owns everything instances create or share — instance contexts, function
/// records, memories, tables, globals, host functions — and the execution
/// state generated code reads (stack limit; later fuel and epoch deadline).
///
/// Generated code holds raw pointers to these objects, so they all live until
/// the store is released. Handles (``Instance``, ``Function``, ``Memory``,
/// ``Table``, ``Global``) keep their store alive. Use a store from one thread
/// at a time.
public final class Store {
    /// The engine whose modules this store instantiates.
    public let engine: Engine
    /// The `wasmex_store_state` shared by all instances of this store.
    let state: UnsafeMutablePointer<wasmex_store_state>

    private var instances: [InstanceData] = []
    private var functionsByRecord: [UInt: FunctionData] = [:]
    private var tagsByRecord: [UInt: TagStorage] = [:]
    private var objects: [AnyObject] = []
    /// The error of a host function that made the current call trap.
    var pendingHostError: (any Error)?
    /// What the store holds, for ``StoreLimits`` count checks.
    var resourceCounts = StoreResourceCounts()
    /// Fuel set above what the generated code's signed counter holds
    /// (see ``setFuel(_:)``).
    var fuelReserve: UInt64 = 0

    /// Creates an empty store without limits (fuel starts at 0 when the engine consumes fuel).
    public init(engine: Engine) {
        self.engine = engine
        state = .allocate(capacity: 1)
        state.initialize(to: wasmex_store_state())
        // The store holds its engine, so the registry outlives every call that asks it.
        state.pointee.subtype_ctx = UnsafeRawPointer(Unmanaged.passUnretained(engine.types).toOpaque())
        state.pointee.subtype_check = { context, actual, expected in
            guard let context else { return 0 }
            let registry = Unmanaged<SignatureRegistry>.fromOpaque(context).takeUnretainedValue()
            return registry.isSubtype(actual, of: expected) ? 1 : 0
        }
        prepareExecutionControl()
    }

    deinit {
        // Pins of objects die with their store (a pin holds the store), so none is left here.
        wasmex_gc_heap_destroy(state)
        wasmex_eh_free_all(state)
        wasmex_epoch_poll_destroy(state)
        instances.removeAll()
        functionsByRecord.removeAll()
        objects.removeAll()
        state.deallocate()
    }

    /// Keeps an instance's data alive for the store's life (also after a failed
    /// instantiation, whose functions may already sit in shared tables).
    func adopt(_ instance: InstanceData) { instances.append(instance) }

    /// Keeps a runtime object alive for the store's life.
    func retain(_ object: AnyObject) { objects.append(object) }

    /// Registers a callable function so funcref values can be mapped back to it.
    func register(_ function: FunctionData) {
        functionsByRecord[UInt(bitPattern: function.record)] = function
    }

    /// A new tag owned by the store (a module's defined tag or a host's). `typeID`: the
    /// engine-wide id of the tag's function type when a module declares it (its
    /// concrete reference types, and its recursion group, make it more than the
    /// parameter list); a host's tag is identified by its parameters alone.
    func makeTag(parameters: [ValueType], typeID: UInt32? = nil) -> TagStorage {
        let storage = TagStorage(parameters: parameters,
                                 typeID: typeID ?? engine.types.id(of: FunctionType(parameters: parameters)))
        tagsByRecord[UInt(bitPattern: storage.raw)] = storage
        objects.append(storage)
        return storage
    }

    /// The tag whose `wasmex_tag` is at `raw`, if the store made it.
    func tag(forRecord raw: UnsafeRawPointer?) -> TagStorage? {
        raw.flatMap { tagsByRecord[UInt(bitPattern: $0)] }
    }

    /// The function whose record address is `bits` (nil for 0 or unknown).
    func function(forRecordBits bits: UInt64) -> Function? {
        guard bits != 0, let data = functionsByRecord[UInt(bits)] else { return nil }
        return Function(store: self, data: data)
    }

    /// Runs `entry(vmctx, code, slots)` under a trap landing point and maps
    /// traps to errors that carry their Wasm frames (see ``Trap``).
    func invoke(entry: UnsafeRawPointer, vmctx: UnsafeMutableRawPointer?, code: UnsafeRawPointer?,
                slots: UnsafeMutablePointer<UInt64>) throws(WasmexError) {
        let trap = wasmex_invoke(state, entry, vmctx, code, slots)
        guard trap != 0 else { return }
        if trap == WASMEX_TRAP_UNCAUGHT_EXCEPTION.rawValue { throw takeUncaughtException() }
        throw trapError(raw: trap)
    }

    /// The modules of the store's instances, for mapping trap frames.
    var instanceModules: [Module] { instances.map(\.module) }
}
