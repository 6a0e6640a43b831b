import CWasmexRuntime
import WasmFrontend

/// The store's GC heap (Runtime/gc.c): roots the host side registers, and
/// statistics. Tables, global cells and element segments that may hold heap
/// references are roots for the store's life (they are freed with it).
extension Store {
    /// Registers a global's cell as a root when its type may hold a heap reference.
    func registerRoot(global storage: GlobalStorage, resolvedBy subtyping: Subtyping? = nil) {
        guard Self.mayHoldHeapReferences(storage.type.valueType, subtyping) else { return }
        wasmex_gc_add_cell_root(state, storage.cell.assumingMemoryBound(to: UInt64.self))
    }

    /// Registers a table as a root when its elements may be heap references.
    func registerRoot(table storage: TableStorage, resolvedBy subtyping: Subtyping? = nil) {
        guard Self.mayHoldHeapReferences(storage.type.elementType, subtyping) else { return }
        wasmex_gc_add_table_root(state, storage.raw)
    }

    /// Registers an element segment as a root when its items may be heap references.
    func registerRoot(segment: UnsafePointer<wasmex_segment>, type: ValueType, resolvedBy subtyping: Subtyping?) {
        guard Self.mayHoldHeapReferences(type, subtyping) else { return }
        wasmex_gc_add_segment_root(state, segment)
    }

    /// References of the `any` and `extern` hierarchies (an `externref` may carry
    /// a converted heap object); `subtyping` resolves concrete types.
    static func mayHoldHeapReferences(_ type: ValueType, _ subtyping: Subtyping?) -> Bool {
        guard case .ref(let r) = type else { return false }
        let top = subtyping?.top(of: r.heapType) ?? r.heapType.top
        return top == .any || top == .extern
    }

    /// Collects the store's GC heap now (it also collects on its own, as objects are allocated).
    public func collectGarbage() { wasmex_gc_collect(state) }

    /// The store's GC heap: collections, bytes and pause times so far.
    public var garbageCollectionStatistics: GarbageCollectionStatistics {
        var stats = wasmex_gc_stats()
        wasmex_gc_stats_get(state, &stats)
        return GarbageCollectionStatistics(collections: Int(stats.collections), allocatedBytes: stats.allocated_bytes,
                                           liveBytes: stats.live_bytes, heapBytes: stats.heap_bytes,
                                           totalPauseNanoseconds: stats.total_pause_ns,
                                           maxPauseNanoseconds: stats.max_pause_ns)
    }
}

/// What a store's GC heap has done (see ``Store/garbageCollectionStatistics``).
public struct GarbageCollectionStatistics: Hashable, Sendable {
    /// Completed collections.
    public var collections: Int
    /// Bytes allocated since the heap was created (object headers included).
    public var allocatedBytes: UInt64
    /// Bytes in objects that survived the last collection plus those allocated since.
    public var liveBytes: UInt64
    /// Bytes the heap holds from the system.
    public var heapBytes: UInt64
    /// Time spent collecting.
    public var totalPauseNanoseconds: UInt64
    /// The longest single collection.
    public var maxPauseNanoseconds: UInt64
}
