import CWasmexRuntime
import WasmFrontend

/// A linear memory: created by an instance or by the host, shareable through imports.
///
/// An instance may have several memories (Wasm 3.0 multi-memory): each export is its own
/// `Memory` (`instance.memory(named:)`). A memory whose type has
/// `AddressType.i64` addresses (memory64) may grow past 4 GiB; offsets and counts here
/// are `Int`, 64 bits on every supported host, so all of it is reachable. 64-bit memories
/// are always bounds-checked explicitly, even on an engine configured for guard pages.
public final class Memory {
    /// The store the memory belongs to.
    public let store: Store
    let storage: MemoryStorage

    init(store: Store, storage: MemoryStorage) {
        self.store = store
        self.storage = storage
    }

    /// Creates a memory of `type` in `store`.
    public convenience init(store: Store, type: MemoryType) throws(WasmexError) {
        let storage = try MemoryStorage(type: type, strategy: store.engine.configuration.memoryStrategy)
        store.retain(storage)
        self.init(store: store, storage: storage)
    }

    /// The declared type (limits in 64 KiB pages).
    public var type: MemoryType { storage.type }
    /// The current size in pages.
    public var pageCount: UInt64 { storage.raw.pointee.length / UInt64(MemoryType.pageSize) }
    /// The current size in bytes.
    public var byteCount: Int { Int(storage.raw.pointee.length) }

    /// Grows by `pages`; returns the previous page count.
    /// - Throws: ``WasmexError/resourceExhausted(_:)`` past the maximum or when memory is unavailable.
    @discardableResult
    public func grow(by pages: UInt64) throws(WasmexError) -> UInt64 {
        let old = wasmex_memory_grow_pages(storage.raw, pages, store.state)
        guard old >= 0 else { throw WasmexError.resourceExhausted("cannot grow memory by \(pages) pages") }
        return UInt64(old)
    }

    /// Copies `count` bytes starting at `offset`.
    public func read(at offset: Int, count: Int) throws(WasmexError) -> [UInt8] {
        try checkRange(offset, count)
        return [UInt8](UnsafeRawBufferPointer(start: storage.raw.pointee.base + offset, count: count))
    }

    /// Writes `bytes` starting at `offset`.
    public func write(_ bytes: [UInt8], at offset: Int) throws(WasmexError) {
        try checkRange(offset, bytes.count)
        bytes.withUnsafeBytes { source in
            if let base = source.baseAddress {
                UnsafeMutableRawPointer(storage.raw.pointee.base + offset).copyMemory(from: base, byteCount: source.count)
            }
        }
    }

    /// Direct access to the memory's bytes. Do not keep the buffer: growth may move it.
    public func withUnsafeMutableBytes<T>(_ body: (UnsafeMutableRawBufferPointer) throws -> T) rethrows -> T {
        try body(UnsafeMutableRawBufferPointer(start: storage.raw.pointee.base, count: byteCount))
    }

    private func checkRange(_ offset: Int, _ count: Int) throws(WasmexError) {
        guard offset >= 0, count >= 0, offset <= byteCount, count <= byteCount - offset else {
            throw WasmexError.invalidOperation("memory access [\(offset), +\(count)) out of bounds (size \(byteCount))")
        }
    }
}

/// Owns a `wasmex_memory` (kept alive by the store).
final class MemoryStorage {
    let type: MemoryType
    let raw: UnsafeMutablePointer<wasmex_memory>

    /// Creates the memory; `MemoryStrategy/guardPages` reserves its whole guard region.
    init(type: MemoryType, strategy: MemoryStrategy) throws(WasmexError) {
        let is64 = type.addressType == .i64
        let limit = is64 ? MemoryType.maxPages64 - 1 : MemoryType.maxPages  // = WASMEX_MAX_PAGES64
        let maximum = min(type.limits.max ?? limit, limit)
        // A 64-bit memory is never guarded: no reservation covers its address space.
        let guarded = strategy == .guardPages && !is64
        let flags: UInt32 = (guarded ? UInt32(WASMEX_MEMORY_GUARDED) : 0) | (is64 ? UInt32(WASMEX_MEMORY_64) : 0)
        var created: UnsafeMutablePointer<wasmex_memory>?
        let status = type.limits.min <= maximum
            ? wasmex_memory_create(type.limits.min, maximum, flags, &created) : Int32(WASMEX_MEMORY_TOO_LARGE)
        guard status == Int32(WASMEX_MEMORY_OK), let created else {
            throw GuardReservations.creationError(status: status, pages: type.limits.min, guarded: guarded)
        }
        self.type = type
        self.raw = created
    }

    /// Whether the memory has a guard region (code compiled with guard pages needs one).
    var isGuarded: Bool { raw.pointee.flags & UInt32(WASMEX_MEMORY_GUARDED) != 0 }

    deinit { wasmex_memory_delete(raw) }
}
