import CWasmexRuntime
import Testing

/// The GC heap and collector (Runtime/gc*.c) through their C API, with
/// hand-built store states and runtime types.
///
/// Sizes below are charged bytes: an object is its 16-byte header plus its
/// payload rounded up to 16 (all objects here are small enough for their
/// size class to be exactly that).
@Suite struct GCHeapTests {
    /// A struct with an i64 at 0 and references at 8 and 16: 16 + 24 -> 48 bytes.
    let node = GCTestType.structure(id: 1, payloadBytes: 24, refOffsets: [8, 16])
    /// An array of references.
    let refs = GCTestType.array(id: 2, elementBytes: 8, references: true)
    /// An array of bytes.
    let bytes = GCTestType.array(id: 3, elementBytes: 1)
    /// An array of i16.
    let halves = GCTestType.array(id: 4, elementBytes: 2)
    /// An array of v128.
    let vectors = GCTestType.array(id: 5, elementBytes: 16)

    @Test func statsAreZeroBeforeFirstUseAndDestroyingIsAlwaysSafe() throws {
        let store = GCTestStore()
        #expect(store.stats.heap_bytes == 0 && store.stats.collections == 0 && store.stats.allocated_bytes == 0)
        wasmex_gc_heap_destroy(store.state)   // never created
        store.collect()                       // nothing to collect
        #expect(store.state.pointee.gc_heap == nil)
        let object = try #require(store.new(node))
        #expect(object.rtt == UnsafeRawPointer(node.rtt))
        #expect(UInt(bitPattern: object) % 16 == 0)
        #expect(store.stats.live_bytes == 48 && store.stats.allocated_bytes == 48)
        wasmex_gc_heap_destroy(store.state)
        #expect(store.state.pointee.gc_heap == nil)
        wasmex_gc_heap_destroy(store.state)   // twice
        #expect(store.stats.heap_bytes == 0)
    }

    @Test func objectsReachableFromEveryKindOfRootSurviveWithTheirContents() throws {
        let store = GCTestStore()
        // Pinned: node(100) -> refs[inner node(101), i31, host] ; inner -> "hello".
        let pinned = try #require(store.new(node))
        let array = try #require(store.new(refs, length: 3))
        let inner = try #require(store.new(node))
        let text = try #require(store.new(bytes, length: 5))
        pinned.setField(0, 100)
        pinned.setField(8, array)
        array.setField(0, inner)
        array.setField(8, GCWords.i31(7))
        array.setField(16, GCWords.host(5))
        inner.setField(0, 101)
        inner.setField(16, text)
        for (i, byte) in "hello".utf8.enumerated() { text.storeBytes(of: byte, toByteOffset: 16 + i, as: UInt8.self) }
        // A global cell, a table (with a non-heap word too) and an element segment.
        let inCell = try #require(store.new(node))
        let inTable = try #require(store.new(node))
        let inSegment = try #require(store.new(node))
        inCell.setField(0, 102)
        inTable.setField(0, 103)
        inSegment.setField(0, 104)
        // Garbage: a cycle of two nodes and a byte array.
        let garbage1 = try #require(store.new(node))
        let garbage2 = try #require(store.new(node))
        garbage1.setField(8, garbage2)
        garbage2.setField(8, garbage1)
        _ = try #require(store.new(bytes, length: 100))

        let cell = UnsafeMutablePointer<UInt64>.allocate(capacity: 2)
        cell.initialize(repeating: 0, count: 2)
        cell[0] = inCell.word
        let table = try #require(wasmex_table_new(3, 3, 1, 0))
        table.pointee.elements[0] = 0x10_0000_0000   // an aligned word that is no object
        table.pointee.elements[1] = UInt(inTable.word)
        table.pointee.elements[2] = UInt(GCWords.i31(3))
        let segmentWords = UnsafeMutablePointer<UInt64>.allocate(capacity: 2)
        segmentWords[0] = inSegment.word
        segmentWords[1] = GCWords.host(9)
        let segment = UnsafeMutablePointer<wasmex_segment>.allocate(capacity: 1)
        segment.initialize(to: wasmex_segment(items: UnsafeRawPointer(segmentWords), length: 2, reserved: 0))
        defer {
            segment.deallocate()
            segmentWords.deallocate()
            wasmex_table_delete(table)
            cell.deallocate()
        }
        wasmex_gc_pin(store.state, pinned.word)
        wasmex_gc_add_cell_root(store.state, cell)
        wasmex_gc_add_table_root(store.state, table)
        wasmex_gc_add_segment_root(store.state, segment)
        #expect(store.stats.live_bytes == 48 * 8 + 32 + 128)

        store.collect()
        #expect(store.stats.collections == 1)
        // pinned, array, inner, inCell, inTable, inSegment (48 each) and "hello" (32).
        #expect(store.stats.live_bytes == 48 * 6 + 32)
        #expect(pinned.field(0) == 100 && pinned.field(8) == array.word)
        #expect(array.arrayLength == 3)
        #expect(array.field(0) == inner.word && array.field(8) == GCWords.i31(7) && array.field(16) == GCWords.host(5))
        #expect(inner.field(0) == 101 && inner.field(16) == text.word)
        #expect(String(decoding: (0..<5).map { text.byte($0) }, as: UTF8.self) == "hello")
        #expect(inCell.field(0) == 102 && inTable.field(0) == 103 && inSegment.field(0) == 104)

        // The garbage nodes' slots are handed out again, zeroed.
        var fresh: Set<UInt> = []
        for _ in 0..<8 {
            let object = try #require(store.new(node))
            #expect(object.field(0) == 0 && object.field(8) == 0 && object.field(16) == 0)
            fresh.insert(UInt(bitPattern: object))
        }
        #expect(fresh.contains(UInt(bitPattern: garbage1)) && fresh.contains(UInt(bitPattern: garbage2)))

        // Dropping each root frees what only it kept.
        wasmex_gc_remove_segment_root(store.state, segment)
        store.collect()
        #expect(store.stats.live_bytes == 48 * 5 + 32)
        table.pointee.elements[1] = 0   // a table is read as it is at collection time
        store.collect()
        #expect(store.stats.live_bytes == 48 * 4 + 32)
        wasmex_gc_remove_table_root(store.state, table)
        wasmex_gc_remove_cell_root(store.state, cell)
        store.collect()
        #expect(store.stats.live_bytes == 48 * 3 + 32)
        #expect(inner.field(0) == 101)
        wasmex_gc_unpin(store.state, pinned.word)
        store.collect()
        #expect(store.stats.live_bytes == 0)
        #expect(store.stats.collections == 5)
    }

    @Test func pinsAreCountedAndNonObjectWordsIgnored() throws {
        let store = GCTestStore()
        let object = try #require(store.new(node))
        object.setField(0, 42)
        wasmex_gc_pin(store.state, object.word)
        wasmex_gc_pin(store.state, object.word)
        for word in [0, GCWords.i31(1), GCWords.host(77)] {
            wasmex_gc_pin(store.state, word)
            wasmex_gc_unpin(store.state, word)
        }
        wasmex_gc_unpin(store.state, 0x7777_0000)   // never pinned
        store.collect()
        #expect(store.stats.live_bytes == 48)
        wasmex_gc_unpin(store.state, object.word)
        store.collect()
        #expect(store.stats.live_bytes == 48)
        #expect(object.field(0) == 42)
        wasmex_gc_unpin(store.state, object.word)
        store.collect()
        #expect(store.stats.live_bytes == 0)
    }

    @Test func rootRegistrationsAreCounted() throws {
        let store = GCTestStore()
        let object = try #require(store.new(node))
        let cell = UnsafeMutablePointer<UInt64>.allocate(capacity: 2)
        defer { cell.deallocate() }
        cell.initialize(repeating: 0, count: 2)
        cell[0] = object.word
        // An imported global's cell, registered by the exporter and the importer.
        wasmex_gc_add_cell_root(store.state, cell)
        wasmex_gc_add_cell_root(store.state, cell)
        wasmex_gc_remove_cell_root(store.state, cell)
        store.collect()
        #expect(store.stats.live_bytes == 48)
        wasmex_gc_remove_cell_root(store.state, cell)
        wasmex_gc_remove_cell_root(store.state, cell)   // one too many: ignored
        store.collect()
        #expect(store.stats.live_bytes == 0)
    }

    @Test func aMillionNodeListSurvivesAndIsThenCollectedWithoutRecursion() throws {
        let store = GCTestStore()
        let count = 1_000_000
        var head: UnsafeMutableRawPointer? = nil
        for i in 0..<count {
            let node = try #require(store.new(node))
            node.setField(0, UInt64(i))
            if let head { node.setField(8, head) }
            head = node
        }
        let first = try #require(head)
        wasmex_gc_pin(store.state, first.word)
        store.collect()
        #expect(store.stats.live_bytes == UInt64(count) * 48)
        var walked = 0
        var cursor: UnsafeMutableRawPointer? = first
        var ordered = true
        while let current = cursor {
            ordered = ordered && current.field(0) == UInt64(count - 1 - walked)
            walked += 1
            cursor = .object(current.field(8))
        }
        #expect(walked == count)
        #expect(ordered)
        wasmex_gc_unpin(store.state, first.word)
        store.collect()
        #expect(store.stats.live_bytes == 0)
        // Empty chunks go back to the system (a few are kept for reuse).
        #expect(store.stats.heap_bytes <= 1 << 20)
        #expect(store.stats.collections == 2)
    }

    @Test func theLimitAndTheMaximumSizeMakeHostAllocationReturnNil() throws {
        let store = GCTestStore(limit: 64 * 1024)
        var held = 0
        while store.new(node) != nil, held < 100_000 { held += 1 }
        #expect(held == 64 * 1024 / 48)
        #expect(store.stats.live_bytes <= 64 * 1024)
        #expect(store.stats.collections == 0)   // host allocation never collects
        wasmex_gc_set_limit(store.state, 0)
        #expect(store.new(node) != nil)
        wasmex_gc_set_limit(store.state, 1)
        #expect(store.new(node) == nil)
        wasmex_gc_set_limit(store.state, 0)

        // Past the 4 GiB - 1 object maximum, whatever the limit.
        #expect(store.new(vectors, length: UInt32.max) == nil)
        #expect(store.new(vectors, length: 1 << 28) == nil)
        // Malformed runtime types are refused, not trusted.
        #expect(store.new(GCTestType.malformed()) == nil)
        #expect(store.new(GCTestType.array(id: 9, elementBytes: 3)) == nil)
        // A large object is fine and zeroed.
        let large = try #require(store.new(bytes, length: 1 << 20))
        #expect(large.arrayLength == 1 << 20 && large.byte(0) == 0 && large.byte((1 << 20) - 1) == 0)
    }

    @Test func generatedCodeAllocationCollectsGarbageToStayUnderTheLimit() throws {
        let store = GCTestStore(limit: 256 * 1024)
        let kept = try #require(wasmex_gc_alloc(store.vmctx, node.rtt, 0))
        kept.setField(0, 7)
        wasmex_gc_pin(store.state, kept.word)
        // 40x the limit of garbage: each allocation over the limit collects first.
        for _ in 0..<(10 * 1024 * 1024 / 48) { _ = wasmex_gc_alloc(store.vmctx, node.rtt, 0) }
        #expect(store.stats.collections >= 39)
        #expect(store.stats.live_bytes <= 256 * 1024)
        #expect(kept.field(0) == 7)
    }

    @Test func aLongAllocationSoakKeepsTheHeapBounded() throws {
        let store = GCTestStore()
        let vmctx = UnsafeMutableRawPointer(store.vmctx)
        // The live set: 32 (node -> byte array) pairs in a pinned ring; every new
        // object is stored in the ring before the next allocation (no stack roots here).
        let ring = try #require(wasmex_gc_alloc(vmctx, refs.rtt, 64))
        wasmex_gc_pin(store.state, ring.word)
        let total: UInt64 = 512 << 20
        var maxHeap: UInt64 = 0
        var i = 0
        while store.stats.allocated_bytes < total {
            let slot = (i % 32) * 2
            let length = i % 64 == 63 ? 100_000 : 1_000
            // (wasmex_gc_alloc traps, i.e. aborts outside an invoke, instead of returning nil.)
            let payload = wasmex_gc_alloc(vmctx, bytes.rtt, UInt32(length))!
            payload.storeBytes(of: UInt8(truncatingIfNeeded: i), toByteOffset: 16 + length - 1, as: UInt8.self)
            ring.setField(8 * (slot + 1), payload)
            let owner = wasmex_gc_alloc(vmctx, node.rtt, 0)!
            owner.setField(0, UInt64(i))
            owner.setField(8, ring.field(8 * (slot + 1)))
            ring.setField(8 * slot, owner)
            if i % 256 == 0 { maxHeap = max(maxHeap, store.stats.heap_bytes) }
            i += 1
        }
        let stats = store.stats
        #expect(stats.collections >= 100)
        #expect(maxHeap <= 24 << 20)
        #expect(stats.max_pause_ns > 0 && stats.total_pause_ns >= stats.max_pause_ns)
        // The ring still holds the last 32 pairs, intact.
        var intact = true
        for k in 0..<32 {
            let owner = try #require(UnsafeMutableRawPointer.object(ring.field(8 * 2 * k)))
            let payload = try #require(UnsafeMutableRawPointer.object(owner.field(8)))
            let id = Int(owner.field(0))
            intact = intact && id % 32 == k && Int(payload.arrayLength) == (id % 64 == 63 ? 100_000 : 1_000)
                && payload.byte(Int(payload.arrayLength) - 1) == UInt8(truncatingIfNeeded: id)
        }
        #expect(intact)
        store.collect()
        #expect(store.stats.live_bytes < 1 << 20)
    }

    @Test func theNativeStackOfAnInvokeIsARoot() throws {
        let store = GCTestStore()
        // slots: [rtt in, then: the kept node's field after collecting, collections, live bytes]
        var slots: [UInt64] = [UInt64(UInt(bitPattern: node.rtt)), 0, 0, 0]
        let entry: wasmex_entry_fn = { vmctx, _, slots in
            guard let vmctx, let slots, let rtt = UnsafePointer<wasmex_rtt>(bitPattern: UInt(slots[0])),
                  let store = vmctx.assumingMemoryBound(to: wasmex_vmctx.self).pointee.store,
                  let kept = wasmex_gc_alloc(vmctx, rtt, 0) else { return }
            kept.setField(0, 0x1234_5678_9abc_def0)
            // ~9.6 MB of garbage in the same size class: collections reuse freed slots.
            for _ in 0..<200_000 { _ = wasmex_gc_alloc(vmctx, rtt, 0) }
            wasmex_gc_collect(store)
            var stats = wasmex_gc_stats()
            wasmex_gc_stats_get(store, &stats)
            slots[1] = kept.field(0)
            slots[2] = stats.collections
            slots[3] = stats.live_bytes
        }
        #expect(store.invoke(entry, slots: &slots) == 0)
        #expect(slots[1] == 0x1234_5678_9abc_def0)
        #expect(slots[2] >= 3)
        #expect(slots[3] >= 48)
        // Outside any invoke the stack is not scanned: nothing is left.
        store.collect()
        #expect(store.stats.live_bytes == 0)
        #expect(wasmex_in_invoke() == 0)
    }

    @Test func aNestedInvokeScansTheOuterCallsFramesToo() throws {
        let store = GCTestStore()
        var slots: [UInt64] = [UInt64(UInt(bitPattern: node.rtt)), 0, 0]
        // Wasm -> host -> Wasm: the object lives only in the outer call's frame
        // while the inner call collects.
        let outer: wasmex_entry_fn = { vmctx, _, slots in
            guard let vmctx, let slots, let rtt = UnsafePointer<wasmex_rtt>(bitPattern: UInt(slots[0])),
                  let store = vmctx.assumingMemoryBound(to: wasmex_vmctx.self).pointee.store,
                  let kept = wasmex_gc_alloc(vmctx, rtt, 0) else { return }
            kept.setField(0, 0xfeed)
            let inner: wasmex_entry_fn = { vmctx, _, slots in
                guard let vmctx, let slots, let rtt = UnsafePointer<wasmex_rtt>(bitPattern: UInt(slots[0])),
                      let store = vmctx.assumingMemoryBound(to: wasmex_vmctx.self).pointee.store else { return }
                for _ in 0..<200_000 { _ = wasmex_gc_alloc(vmctx, rtt, 0) }
                wasmex_gc_collect(store)
            }
            var innerSlots: [UInt64] = [slots[0]]
            let trap = innerSlots.withUnsafeMutableBufferPointer {
                wasmex_invoke(store, unsafeBitCast(inner, to: UnsafeRawPointer.self), vmctx, nil, $0.baseAddress)
            }
            var stats = wasmex_gc_stats()
            wasmex_gc_stats_get(store, &stats)
            slots[1] = UInt64(trap) << 32 | stats.collections
            slots[2] = kept.field(0)
        }
        #expect(store.invoke(outer, slots: &slots) == 0)
        #expect(slots[1] >> 32 == 0)
        #expect(slots[1] & 0xffff_ffff >= 3)
        #expect(slots[2] == 0xfeed)
    }

    @Test func interiorAndPastTheEndAddressesKeepTheirObject() throws {
        let store = GCTestStore()
        let tag = UnsafeMutablePointer<wasmex_tag>.allocate(capacity: 1)
        tag.initialize(to: wasmex_tag(type_id: 0, param_count: 2))
        defer { tag.deallocate() }
        let interior = try #require(store.new(node))
        let array = try #require(store.new(bytes, length: 32))   // 48 bytes: its end is another slot's start
        let next = try #require(store.new(bytes, length: 32))
        interior.setField(0, 5)
        // Exception payloads are scanned like the stack: any word inside an object, or at its end.
        var words: [UInt64] = [interior.word + 20, 0, array.word + 48, 0]
        let exception = try #require(wasmex_eh_new(store.state, tag, &words, 2))
        store.state.pointee.eh_exception = UnsafeMutableRawPointer(exception)
        store.collect()
        // interior, array, and next (array's end is next's start): nothing else existed.
        #expect(store.stats.live_bytes == 48 + 48 + 48)
        #expect(interior.field(0) == 5 && next.arrayLength == 32)
        // An escaped exception (exnref) is a root too.
        wasmex_eh_escape_store(store.state, exception)
        #expect(store.state.pointee.eh_exception == nil)
        store.collect()
        #expect(store.stats.live_bytes == 48 * 3)
        wasmex_eh_free_all(store.state)
        store.collect()
        #expect(store.stats.live_bytes == 0)
    }

    @Test func arrayOperatorsWriteWhatTheSpecSays() throws {
        let store = GCTestStore()
        let vmctx = UnsafeMutableRawPointer(store.vmctx)
        func text(_ array: UnsafeMutableRawPointer) -> String {
            String(decoding: (0..<Int(array.arrayLength)).map { array.byte($0) }, as: UTF8.self)
        }
        let letters = try #require(wasmex_gc_array_new_data(vmctx, bytes.rtt, 0, 0, 12))
        #expect(text(letters) == "abcdefghijkl")
        wasmex_gc_array_copy(vmctx, letters, 1, letters, 0, 11)   // overlapping, forwards
        #expect(text(letters) == "aabcdefghijk")
        wasmex_gc_array_copy(vmctx, letters, 0, letters, 1, 11)   // overlapping, backwards
        #expect(text(letters) == "abcdefghijkk")
        wasmex_gc_array_init_data(vmctx, letters, 4, 0, 2, 2)
        #expect(text(letters) == "abcdcdghijkk")
        wasmex_gc_array_fill(vmctx, letters, 10, 0x7a, 0, 2)
        #expect(text(letters) == "abcdcdghijzz")
        wasmex_gc_array_copy(vmctx, letters, 12, letters, 0, 0)   // empty at the end: fine
        wasmex_gc_array_fill(vmctx, letters, 12, 0, 0, 0)

        // i16: (lo, hi) keeps the low 2 bytes; data is little-endian.
        let shorts = try #require(wasmex_gc_array_new(vmctx, halves.rtt, 6, 0xdead_1234, 0))
        #expect((0..<6).allSatisfy { shorts.load(fromByteOffset: 16 + 2 * $0, as: UInt16.self) == 0x1234 })
        wasmex_gc_array_init_data(vmctx, shorts, 2, 0, 5, 2)
        #expect(shorts.load(fromByteOffset: 16 + 4, as: UInt16.self) == 0x6766)
        #expect(shorts.load(fromByteOffset: 16 + 6, as: UInt16.self) == 0x6968)
        #expect(shorts.load(fromByteOffset: 16 + 8, as: UInt16.self) == 0x1234)

        // v128 elements: both halves.
        let wide = try #require(wasmex_gc_array_new(vmctx, vectors.rtt, 37, 0x1111_2222_3333_4444, 0x5555_6666_7777_8888))
        #expect((0..<37).allSatisfy { wide.field(16 * $0) == 0x1111_2222_3333_4444 && wide.field(16 * $0 + 8) == 0x5555_6666_7777_8888 })
        wasmex_gc_array_fill(vmctx, wide, 3, 1, 2, 4)
        #expect(wide.field(16 * 6) == 1 && wide.field(16 * 6 + 8) == 2 && wide.field(16 * 7) == 0x1111_2222_3333_4444)

        // Element segments: reference words.
        let target = try #require(store.new(node))
        store.elemWords[0] = GCWords.i31(1)
        store.elemWords[1] = target.word
        store.elemWords[2] = GCWords.host(3)
        let fromElems = try #require(wasmex_gc_array_new_elem(vmctx, refs.rtt, 0, 1, 2))
        #expect(fromElems.arrayLength == 2 && fromElems.field(0) == target.word && fromElems.field(8) == GCWords.host(3))
        wasmex_gc_array_init_elem(vmctx, fromElems, 1, 0, 0, 1)
        #expect(fromElems.field(8) == GCWords.i31(1))
        let defaults = try #require(wasmex_gc_array_new(vmctx, refs.rtt, 4, 0, 0))
        #expect((0..<4).allSatisfy { defaults.field(8 * $0) == 0 })
    }

    /// Trap codes of array operators and allocation, raised through wasmex_trap
    /// inside wasmex_invoke: null before bounds, the array's bounds before the segment's.
    @Test(arguments: [
        (1, WASMEX_TRAP_NULL_ARRAY_REFERENCE), (2, WASMEX_TRAP_ARRAY_OUT_OF_BOUNDS),
        (3, WASMEX_TRAP_NULL_ARRAY_REFERENCE), (4, WASMEX_TRAP_NULL_ARRAY_REFERENCE),
        (5, WASMEX_TRAP_ARRAY_OUT_OF_BOUNDS), (6, WASMEX_TRAP_NULL_ARRAY_REFERENCE),
        (7, WASMEX_TRAP_ARRAY_OUT_OF_BOUNDS), (8, WASMEX_TRAP_MEMORY_OUT_OF_BOUNDS),
        (9, WASMEX_TRAP_ARRAY_OUT_OF_BOUNDS), (10, WASMEX_TRAP_TABLE_OUT_OF_BOUNDS),
        (11, WASMEX_TRAP_ARRAY_OUT_OF_BOUNDS), (12, WASMEX_TRAP_MEMORY_OUT_OF_BOUNDS),
        (13, WASMEX_TRAP_TABLE_OUT_OF_BOUNDS), (14, WASMEX_TRAP_ALLOCATION_FAILURE),
        (15, WASMEX_TRAP_ALLOCATION_FAILURE), (16, WASMEX_TRAP_NONE),
    ] as [(UInt64, WasmexTrapCode)])
    func arrayOperatorsTrapInTheSpecOrder(mode: UInt64, trap: WasmexTrapCode) throws {
        let store = GCTestStore()
        wasmex_gc_set_limit(store.state, 64 * 1024)
        var slots: [UInt64] = [mode, UInt64(UInt(bitPattern: bytes.rtt)), UInt64(UInt(bitPattern: refs.rtt)),
                               UInt64(UInt(bitPattern: halves.rtt)), UInt64(UInt(bitPattern: vectors.rtt))]
        let entry: wasmex_entry_fn = { vmctx, _, slots in
            guard let vmctx, let slots,
                  let bytes = UnsafePointer<wasmex_rtt>(bitPattern: UInt(slots[1])),
                  let refs = UnsafePointer<wasmex_rtt>(bitPattern: UInt(slots[2])),
                  let halves = UnsafePointer<wasmex_rtt>(bitPattern: UInt(slots[3])),
                  let vectors = UnsafePointer<wasmex_rtt>(bitPattern: UInt(slots[4])) else { return }
            let twelve = wasmex_gc_array_new(vmctx, bytes, 12, 0, 0)
            let twelveRefs = wasmex_gc_array_new(vmctx, refs, 12, 0, 0)
            switch slots[0] {
            case 1: wasmex_gc_array_fill(vmctx, nil, 13, 0, 0, 0)
            case 2: wasmex_gc_array_fill(vmctx, twelve, 13, 0, 0, 0)
            case 3: wasmex_gc_array_copy(vmctx, nil, 13, nil, 0, 0)
            case 4: wasmex_gc_array_copy(vmctx, twelve, 13, nil, 0, 0)
            case 5: wasmex_gc_array_copy(vmctx, twelve, 0, twelve, 0, 13)
            case 6: wasmex_gc_array_init_data(vmctx, nil, 13, 0, 13, 1)
            case 7: wasmex_gc_array_init_data(vmctx, twelve, 13, 0, 13, 0)
            case 8: wasmex_gc_array_init_data(vmctx, twelve, 0, 0, 13, 0)
            case 9: wasmex_gc_array_init_data(vmctx, wasmex_gc_array_new(vmctx, halves, 6, 0, 0), 0, 0, 0, 7)
            case 10: wasmex_gc_array_init_elem(vmctx, twelveRefs, 0, 0, 4, 0)
            case 11: wasmex_gc_array_init_elem(vmctx, twelveRefs, 13, 0, 4, 0)
            case 12: _ = wasmex_gc_array_new_data(vmctx, bytes, 0, 5, 8)
            case 13: _ = wasmex_gc_array_new_elem(vmctx, refs, 0, 3, 1)
            case 14: _ = wasmex_gc_alloc(vmctx, bytes, 1 << 20)                // over the store's limit
            case 15: _ = wasmex_gc_array_new(vmctx, vectors, UInt32.max, 0, 0) // over the object maximum
            default:
                // At the edges: nothing traps.
                wasmex_gc_array_fill(vmctx, twelve, 12, 0, 0, 0)
                wasmex_gc_array_init_data(vmctx, twelve, 0, 0, 12, 0)
                wasmex_gc_array_init_elem(vmctx, twelveRefs, 9, 0, 0, 3)
                _ = wasmex_gc_array_new_data(vmctx, bytes, 0, 4, 8)
            }
        }
        #expect(store.invoke(entry, slots: &slots) == trap.rawValue)
    }
}
