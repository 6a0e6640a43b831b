/// How generated code keeps every load and store inside its linear memory.
public enum MemoryStrategy: String, Sendable, Hashable, CaseIterable {
    /// Compare `address + offset + size` with the memory's length before
    /// every access. Portable; memories reserve only what they may use.
    case explicitChecks = "explicit"
    /// Each 32-bit memory reserves 8 GiB of address space (4 GiB addressable
    /// + 4 GiB guard) that never moves, so no effective address
    /// `zext(addr) + offset + size` can leave it. Accesses carry no checks;
    /// one past the accessible length faults on an inaccessible page and the
    /// runtime's signal handler turns the fault into the out-of-bounds trap.
    ///
    /// LLVM sees loads as free of side effects. Loads whose value is dropped
    /// are kept (volatile), so they still trap, but the optimizer may move a
    /// faulting access across a store to a global or a table element (never
    /// across a linear-memory store): after an out-of-bounds trap such a
    /// store may or may not have happened. Choose ``explicitChecks`` when the
    /// state left behind by a trap must be exact.
    case guardPages = "guard"

    /// Guard pages on 64-bit Linux hosts, explicit checks elsewhere.
    public static var hostDefault: MemoryStrategy {
        #if os(Linux) && (arch(x86_64) || arch(arm64))
        return .guardPages
        #else
        return .explicitChecks
        #endif
    }
}
