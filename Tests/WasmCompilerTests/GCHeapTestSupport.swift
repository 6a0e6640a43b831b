import CWasmexRuntime

/// A hand-built store state and vmctx for driving the GC heap through its C
/// API, with data and element segments for the array operators.
final class GCTestStore {
    let state = UnsafeMutablePointer<wasmex_store_state>.allocate(capacity: 1)
    let vmctx = UnsafeMutablePointer<wasmex_vmctx>.allocate(capacity: 1)
    /// Data segment 0: the bytes "abcdefghijkl".
    let dataBytes = UnsafeMutableRawPointer.allocate(byteCount: 12, alignment: 16)
    let dataSegments = UnsafeMutablePointer<wasmex_segment>.allocate(capacity: 1)
    /// Element segment 0: three reference words (set by the tests).
    let elemWords = UnsafeMutablePointer<UInt64>.allocate(capacity: 3)
    let elemSegments = UnsafeMutablePointer<wasmex_segment>.allocate(capacity: 1)

    init(limit: UInt64 = 0) {
        state.initialize(to: wasmex_store_state())
        state.pointee.gc_limit = limit
        for (i, byte) in "abcdefghijkl".utf8.enumerated() { dataBytes.storeBytes(of: byte, toByteOffset: i, as: UInt8.self) }
        dataSegments.initialize(to: wasmex_segment(items: UnsafeRawPointer(dataBytes), length: 12, reserved: 0))
        elemWords.initialize(repeating: 0, count: 3)
        elemSegments.initialize(to: wasmex_segment(items: UnsafeRawPointer(elemWords), length: 3, reserved: 0))
        vmctx.initialize(to: wasmex_vmctx())
        vmctx.pointee.store = state
        vmctx.pointee.data_segments = dataSegments
        vmctx.pointee.elem_segments = elemSegments
    }

    deinit {
        wasmex_gc_heap_destroy(state)
        vmctx.deallocate()
        elemSegments.deallocate()
        elemWords.deallocate()
        dataSegments.deallocate()
        dataBytes.deallocate()
        state.deallocate()
    }

    var stats: wasmex_gc_stats {
        var stats = wasmex_gc_stats()
        wasmex_gc_stats_get(state, &stats)
        return stats
    }

    func collect() { wasmex_gc_collect(state) }

    /// A host allocation (never collects).
    func new(_ type: GCTestType, length: UInt32 = 0) -> UnsafeMutableRawPointer? {
        wasmex_gc_alloc_host(state, type.rtt, length)
    }

    /// Calls `entry` under `wasmex_invoke` (the native stack is then a root);
    /// returns the trap code (0 when it returned).
    func invoke(_ entry: wasmex_entry_fn, slots: inout [UInt64]) -> UInt32 {
        let entryAddress = unsafeBitCast(entry, to: UnsafeRawPointer.self)
        return slots.withUnsafeMutableBufferPointer {
            wasmex_invoke(state, entryAddress, UnsafeMutableRawPointer(vmctx), nil, $0.baseAddress)
        }
    }
}

/// A runtime type (`wasmex_rtt`) whose display and offsets live as long as it does.
final class GCTestType {
    let rtt = UnsafeMutablePointer<wasmex_rtt>.allocate(capacity: 1)
    private let display = UnsafeMutablePointer<UInt32>.allocate(capacity: 1)
    private let offsets: UnsafeMutablePointer<UInt32>

    private init(kind: UInt32, id: UInt32, size: UInt32, refCount: UInt32, refOffsets: [UInt32]) {
        display.initialize(to: id)
        offsets = .allocate(capacity: max(1, refOffsets.count))
        offsets.initialize(repeating: 0, count: max(1, refOffsets.count))
        for (i, offset) in refOffsets.enumerated() { offsets[i] = offset }
        rtt.initialize(to: wasmex_rtt(kind: kind, type_id: id, depth: 0, size: size, display: UnsafePointer(display),
                                      ref_count: refCount, reserved: 0,
                                      ref_offsets: refOffsets.isEmpty ? nil : UnsafePointer(offsets)))
    }

    deinit {
        rtt.deallocate()
        offsets.deallocate()
        display.deallocate()
    }

    /// A struct with `payloadBytes` of fields, references at `refOffsets`.
    static func structure(id: UInt32, payloadBytes: UInt32, refOffsets: [UInt32]) -> GCTestType {
        GCTestType(kind: UInt32(WASMEX_GC_KIND_STRUCT), id: id, size: payloadBytes,
                   refCount: UInt32(refOffsets.count), refOffsets: refOffsets)
    }

    /// An array of `elementBytes`-byte elements (references when `references`).
    static func array(id: UInt32, elementBytes: UInt32, references: Bool = false) -> GCTestType {
        GCTestType(kind: UInt32(WASMEX_GC_KIND_ARRAY), id: id, size: elementBytes,
                   refCount: references ? 1 : 0, refOffsets: [])
    }

    /// A type that is neither a struct nor an array (the heap must refuse it).
    static func malformed() -> GCTestType {
        GCTestType(kind: 7, id: 99, size: 8, refCount: 0, refOffsets: [])
    }
}

/// Reading and writing object payloads (offsets from the payload, after the 16-byte header).
extension UnsafeMutableRawPointer {
    var word: UInt64 { UInt64(UInt(bitPattern: self)) }

    func field(_ offset: Int) -> UInt64 { load(fromByteOffset: 16 + offset, as: UInt64.self) }
    func setField(_ offset: Int, _ value: UInt64) { storeBytes(of: value, toByteOffset: 16 + offset, as: UInt64.self) }
    func setField(_ offset: Int, _ object: UnsafeMutableRawPointer) { setField(offset, object.word) }
    func byte(_ offset: Int) -> UInt8 { load(fromByteOffset: 16 + offset, as: UInt8.self) }

    var arrayLength: UInt32 { load(fromByteOffset: 8, as: UInt32.self) }
    var rtt: UnsafeRawPointer? { load(as: UnsafeRawPointer?.self) }

    /// The object a reference word names.
    static func object(_ word: UInt64) -> UnsafeMutableRawPointer? { UnsafeMutableRawPointer(bitPattern: UInt(word)) }
}

/// Reference words that are not heap objects.
enum GCWords {
    static func i31(_ value: UInt32) -> UInt64 { (UInt64(value & 0x7fff_ffff) << 1) | 1 }
    static func host(_ id: UInt64) -> UInt64 { (id << 2) | 2 }
}
