import CWasmexRuntime

/// Resource limits of a ``Store`` (Wasmex `StoreLimits`). `nil` means unlimited.
///
/// ``memorySize`` and ``tableElements`` bound growth — a `memory.grow` /
/// `table.grow` past the limit returns -1 to Wasm the way the spec says, and
/// ``Memory/grow(by:)`` / ``Table/grow(by:initial:)`` throw — and the initial
/// size of memories and tables a module defines. ``instances``, ``tables`` and
/// ``memories`` bound what instantiation adds to the store (counted per
/// instantiation attempt): past a count, instantiation throws
/// ``WasmexError/resourceExhausted(_:)`` naming the limit. ``gcHeapSize``
/// bounds the store's GC heap (structs and arrays, WebAssembly GC): an
/// allocation that does not fit after a collection traps "allocation failure".
public struct StoreLimits: Sendable, Hashable {
    /// The most bytes one linear memory may grow to.
    public var memorySize: Int?
    /// The most elements one table may grow to.
    public var tableElements: Int?
    /// The most instances the store may hold.
    public var instances: Int?
    /// The most tables the store may hold.
    public var tables: Int?
    /// The most memories the store may hold.
    public var memories: Int?
    /// The most bytes the store's GC heap may hold (object headers included).
    public var gcHeapSize: Int?

    /// Creates limits; nil leaves that resource unlimited.
    public init(memorySize: Int? = nil, tableElements: Int? = nil, instances: Int? = nil,
                tables: Int? = nil, memories: Int? = nil, gcHeapSize: Int? = nil) {
        self.memorySize = memorySize
        self.tableElements = tableElements
        self.instances = instances
        self.tables = tables
        self.memories = memories
        self.gcHeapSize = gcHeapSize
    }

    /// Whether growing to `desired` (bytes for memories, elements for tables) is allowed.
    func allowsGrowth(table: Bool, to desired: UInt64) -> Bool {
        let limit = table ? tableElements : memorySize
        guard let limit else { return true }
        return limit >= 0 && desired <= UInt64(limit)
    }
}

extension Store {
    /// Creates a store whose growth is bounded by `limits` (see ``StoreLimits``
    /// for what is enforced).
    public convenience init(engine: Engine, limits: StoreLimits) {
        self.init(engine: engine)
        let box = StoreLimitsBox(limits)
        retain(box)
        state.pointee.grow_limiter = storeLimitsGrowLimiter
        state.pointee.grow_limiter_ctx = Unmanaged.passUnretained(box).toOpaque()
        if let bytes = limits.gcHeapSize { wasmex_gc_set_limit(state, UInt64(max(bytes, 1))) }
    }

    /// The limits this store was created with (`nil` when unlimited).
    public var limits: StoreLimits? {
        guard let context = state.pointee.grow_limiter_ctx,
              let limiter = state.pointee.grow_limiter,
              unsafeBitCast(limiter, to: UnsafeRawPointer.self) == unsafeBitCast(storeLimitsGrowLimiter, to: UnsafeRawPointer.self)
        else { return nil }
        return Unmanaged<StoreLimitsBox>.fromOpaque(context).takeUnretainedValue().limits
    }
}

/// Holds a store's limits at a stable address for the C grow limiter (owned by the store).
final class StoreLimitsBox {
    let limits: StoreLimits
    init(_ limits: StoreLimits) { self.limits = limits }
}

/// The runtime's growth hook for stores with ``StoreLimits``.
private let storeLimitsGrowLimiter: wasmex_grow_limiter = { context, isTable, _, desired in
    guard let context else { return 1 }
    let limits = Unmanaged<StoreLimitsBox>.fromOpaque(context).takeUnretainedValue().limits
    return limits.allowsGrowth(table: isTable != 0, to: desired) ? 1 : 0
}
