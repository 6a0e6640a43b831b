/// How generated code keeps every load and store inside its linear memory.
///
/// ## Why the default checks every access
///
/// A Wasm access that is out of bounds must trap at that instruction, with
/// every earlier store to memory, globals and tables done and no later one.
/// LLVM models a load as an instruction that cannot fault, so code that
/// relies on guard pages alone lets the optimiser delete a load whose value
/// is unused, sink a load into one arm of a `select`, drop a store it
/// believes is overwritten later (dead-store elimination across a faulting
/// store) or keep a global in a register across a loop (store promotion):
/// the program then returns a value where it must trap, or the host sees
/// state the program never had. `volatile` on every linear-memory access
/// would stop that only for memory (LangRef lets non-volatile stores to
/// globals move across volatile loads) and blocks GVN, LICM and
/// vectorisation of all memory traffic. An explicit check is a conditional
/// branch to a call that may read all memory and never returns; LLVM keeps
/// every side effect on its side of that branch by construction, so the
/// check makes the trap exact in every pass, at every level, JIT and AOT.
/// The check costs one compare and a predicted branch (plus an add when the
/// access has an offset); the figures are in BENCHMARKS.md ("Trap-exact
/// memory").
///
/// ## 64-bit memories are always explicitly checked
///
/// A 64-bit memory (Wasm 3.0 `memory64`) takes i64 addresses: an effective
/// address `addr + offset` may be anywhere in 2^64 (plus the offset's own
/// 2^64), and no reservation can cover that. x86-64 and AArch64 hosts give
/// a process at most 2^47–2^48 bytes of user address space in all, so a
/// guard region past the memory would not even stop an address that lands
/// in another mapping of the host. Such memories therefore ignore
/// ``guardPages``: they are created without a guard region (and may move on
/// growth, like explicitly checked ones), and every access checks
/// `addr + offset + size` against the length, treating a wrap past 2^64 as out
/// of bounds. 32-bit memories of the same module keep the chosen strategy.
public enum MemoryStrategy: String, Sendable, Hashable, CaseIterable {
    /// Compare `address + offset + size` with the memory's length before
    /// every access. Exact (see above) and portable; memories reserve only
    /// what they may use. The default.
    case explicitChecks = "explicit"
    /// Each 32-bit memory reserves 8 GiB of address space (4 GiB addressable
    /// + 4 GiB guard) that never moves, so no effective address
    /// `zext(addr) + offset + size` can leave it. Accesses carry no checks;
    /// one past the accessible length faults on an inaccessible page and the
    /// runtime's signal handler turns the fault into the out-of-bounds trap.
    ///
    /// **Not trap-exact.** LLVM sees loads as free of side effects. Loads
    /// whose value is dropped are kept (volatile), but a load whose value is
    /// otherwise unused may be deleted (no trap where one is due), and the
    /// optimiser may move a faulting access across stores to memory, globals
    /// or tables: after an out-of-bounds trap the host can see state the
    /// program never had. In-bounds programs compute the same results. Choose
    /// it explicitly, for trusted code where that speed matters more.
    case guardPages = "guard"

    /// Whether an out-of-bounds access traps exactly where the spec says,
    /// leaving memory, globals and tables exactly as the program wrote them.
    public var isTrapExact: Bool { self == .explicitChecks }

    /// The default: ``explicitChecks``, the exact strategy, on every host.
    public static var hostDefault: MemoryStrategy { .explicitChecks }
}
