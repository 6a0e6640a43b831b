import Foundation
import Testing
import Wasmex

/// The GC soak module (`Fixtures/gc/gc_soak.wasm`; `make gc-soak` churns
/// 10 GiB through it) at test size, through the public API: a ring of
/// 32,768 slots keeps 68,386,832 bytes live while the module replaces slot
/// after slot, checking each object it drops (it traps when the collector
/// freed or overwrote anything reachable). And ``StoreLimits/gcHeapSize``.
struct GCSoakTests {
    /// What the ring keeps live once full (see the module's comments).
    static let liveSet: UInt64 = 68_386_832

    static let engine: Engine = {
        do {
            return try Engine()
        } catch {
            fatalError("cannot create the GC soak test engine: \(error)")
        }
    }()

    static func soakModule() throws -> Module {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let bytes = try Data(contentsOf: root.appendingPathComponent("Fixtures/gc/gc_soak.wasm"))
        return try Module(engine: engine, bytes: [UInt8](bytes))
    }

    /// 256 MiB over the 65 MiB live set (about 3.9 turns of the ring, 260,000
    /// objects): the heap collects, stays within 3 live sets, and a full
    /// collection at the end keeps exactly the objects the ring holds.
    @Test func churningKeepsTheHeapBounded() throws {
        let store = Store(engine: Self.engine)
        let instance = try Instance(store: store, module: Self.soakModule())
        let run = try instance.typedFunction("run", Int64.self, Int64.self)
        let total: UInt64 = 256 << 20
        var objects: Int64 = 0
        var maxHeap: UInt64 = 0
        while store.garbageCollectionStatistics.allocatedBytes < total {
            objects += try run(16 << 20)
            maxHeap = max(maxHeap, store.garbageCollectionStatistics.heapBytes)
        }
        let stats = store.garbageCollectionStatistics
        #expect(stats.collections > 0)
        #expect(objects > 250_000)
        #expect(maxHeap <= 3 * Self.liveSet, "heap peaked at \(maxHeap) bytes")
        #expect(stats.maxPauseNanoseconds > 0 && stats.totalPauseNanoseconds >= stats.maxPauseNanoseconds)

        // Every object the ring holds is intact (the module checks each one)...
        let held = try instance.typedFunction("live_bytes", Void.self, Int64.self)()
        #expect(held == Int64(Self.liveSet))
        // ...and a full collection keeps exactly those, giving the rest back.
        store.collectGarbage()
        let after = store.garbageCollectionStatistics
        #expect(after.collections == stats.collections + 1)
        #expect(after.liveBytes == Self.liveSet)
        #expect(after.heapBytes <= Self.liveSet + Self.liveSet / 4, "heap holds \(after.heapBytes) bytes after a full collection")
    }

    /// A limit below the live set: the ring cannot be filled, and the
    /// allocation that does not fit after a collection traps.
    @Test func aLimitBelowTheLiveSetTraps() throws {
        let limit = 32 << 20
        let store = Store(engine: Self.engine, limits: StoreLimits(gcHeapSize: limit))
        let instance = try Instance(store: store, module: Self.soakModule())
        let run = try instance.typedFunction("run", Int64.self, Int64.self)
        do {
            _ = try run(128 << 20)
            Issue.record("filling a 65 MiB ring under a 32 MiB limit did not trap")
        } catch WasmexError.trap(let trap) {
            #expect(trap.code == .allocationFailure)
        }
        let stats = store.garbageCollectionStatistics
        #expect(stats.liveBytes <= UInt64(limit))
        #expect(stats.collections > 0)
    }

    /// A limit above the live set: the churn runs, collecting instead of failing.
    @Test func aLimitAboveTheLiveSetOnlyCollects() throws {
        let limit = 96 << 20
        let store = Store(engine: Self.engine, limits: StoreLimits(gcHeapSize: limit))
        let instance = try Instance(store: store, module: Self.soakModule())
        let run = try instance.typedFunction("run", Int64.self, Int64.self)
        while store.garbageCollectionStatistics.allocatedBytes < 160 << 20 {
            _ = try run(16 << 20)
            #expect(store.garbageCollectionStatistics.liveBytes <= UInt64(limit))
        }
        #expect(store.garbageCollectionStatistics.collections > 0)
    }

    /// One object larger than the limit traps "allocation failure"; smaller
    /// ones still fit before and after it.
    @Test func anOversizedAllocationTraps() throws {
        let store = Store(engine: Self.engine, limits: StoreLimits(gcHeapSize: 1 << 20))
        let instance = try Instance(store: store, module: Module(engine: Self.engine, bytes: Self.allocModule))
        let alloc = try instance.typedFunction("alloc", Int32.self, Int32.self)
        #expect(try alloc(4096) == 4096)
        do {
            _ = try alloc(2 << 20)
            Issue.record("a 2 MiB array under a 1 MiB limit did not trap")
        } catch WasmexError.trap(let trap) {
            #expect(trap.code == .allocationFailure)
        }
        #expect(try alloc(512 << 10) == 512 << 10)
    }

    /// This module, from `wasm-tools parse` (the text parser does not read GC types):
    ///
    ///     (module
    ///       (type $bytes (array (mut i8)))
    ///       (func (export "alloc") (param i32) (result i32)
    ///         (array.len (array.new_default $bytes (local.get 0)))))
    static let allocModule: [UInt8] = [
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x09, 0x02, 0x5e, 0x78, 0x01, 0x60, 0x01,
        0x7f, 0x01, 0x7f, 0x03, 0x02, 0x01, 0x01, 0x07, 0x09, 0x01, 0x05, 0x61, 0x6c, 0x6c, 0x6f, 0x63,
        0x00, 0x00, 0x0a, 0x0b, 0x01, 0x09, 0x00, 0x20, 0x00, 0xfb, 0x07, 0x00, 0xfb, 0x0f, 0x0b,
    ]
}
