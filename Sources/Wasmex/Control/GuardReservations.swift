import CWasmexRuntime

/// The process-wide budget of address space for guard-page memories.
///
/// Each memory compiled for `MemoryStrategy/guardPages` reserves 8 GiB of
/// address space (plus one page) that it never gives back while it lives. Left
/// unbounded, enough live memories exhaust the process's address space and
/// the host fails somewhere unrelated; so the runtime counts the reservations
/// of all stores and engines together and refuses a new guarded memory past
/// ``cap`` with ``WasmexError/resourceExhausted(_:)`` naming the cap.
public enum GuardReservations {
    /// Address space one guard-page memory reserves.
    public static var bytesPerMemory: UInt64 { wasmex_guard_reservation_per_memory() }

    /// The most address space live guard-page memories may reserve together
    /// (default 16 TiB, about 2,000 memories). Lowering it never affects
    /// memories that already exist.
    public static var cap: UInt64 {
        get { wasmex_guard_reservation_cap() }
        set { wasmex_guard_set_reservation_cap(newValue) }
    }

    /// Address space the live guard-page memories reserve now.
    public static var reservedBytes: UInt64 { wasmex_guard_reserved_bytes() }

    /// The error for a failed `wasmex_memory_create`.
    static func creationError(status: Int32, pages: UInt64, guarded: Bool) -> WasmexError {
        switch status {
        case Int32(WASMEX_MEMORY_GUARD_CAP_REACHED):
            return .resourceExhausted(
                "cannot allocate a memory of \(pages) pages with guard pages: the process's guard-page memories "
                    + "already reserve \(gib(reservedBytes)) of address space and the cap "
                    + "(GuardReservations.cap) is \(gib(cap)); each needs \(gib(bytesPerMemory)). Drop unused "
                    + "stores, raise the cap, or use MemoryStrategy.explicitChecks")
        case Int32(WASMEX_MEMORY_TOO_LARGE):
            return .resourceExhausted("cannot allocate a memory of \(pages) pages: above its maximum")
        default:
            let what = guarded ? " with guard pages (8 GiB of address space)" : ""
            return .resourceExhausted("cannot allocate a memory of \(pages) pages\(what)")
        }
    }

    private static func gib(_ bytes: UInt64) -> String {
        let tenths = bytes / (UInt64(1) << 30 / 10)
        return tenths % 10 == 0 ? "\(tenths / 10) GiB" : "\(tenths / 10).\(tenths % 10) GiB"
    }
}
