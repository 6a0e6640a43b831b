/// How generated code keeps every load and store inside its linear memory.
/// Both strategies are exact: an out-of-bounds access traps at that
/// instruction, with every earlier store to memory, globals and tables done and
/// no later one.
///
/// ## How guard pages are made exact
///
/// LLVM models a load as an instruction that cannot fault, so code that relies
/// on guard pages alone lets the optimiser delete a load whose value is unused,
/// sink a load into one arm of a `select`, drop a store it believes is
/// overwritten later (dead-store elimination across a faulting store) or keep a
/// global in a register across a loop (store promotion): the program then
/// returns a value where it must trap, or the host sees state the program never
/// had. Until stop 28 the guard-page mode was therefore documented as not exact
/// and explicit checks were the default.
///
/// Guard-page code now makes every linear-memory access `volatile`, and every
/// store the host can observe after a trap (globals, table elements, GC
/// objects). LLVM never deletes, duplicates, speculates or merges a volatile
/// access, keeps volatile accesses in order with each other and with calls,
/// and never moves one onto a path it was not on; a plain store could still
/// move across a volatile load (LangRef), which is why those stores are
/// volatile too. The fault is then the trap, exactly where the program put
/// the access. `FunctionEmitter.keepInProgramOrder(_:_:)` does it.
///
/// What it costs: volatile accesses are not vectorised, not combined with
/// arithmetic (`add (mem), reg`), not forwarded from an earlier store and not
/// hoisted out of loops. What an explicit check costs: a compare and a branch
/// per access (plus an add for an offset), a block split at every access that
/// slows LLVM's passes, and checks LLVM cannot hoist out of loops. Measured in
/// one run, release build, eager O2, with the fuzzer running niced beside it
/// (`WASMEX_EXPERIMENT_VOLATILE=1 wasmex bench run --engine jit-eager-O2 --engine
/// jit-guard --engine wasmtime --runs 3 --in-process` over 15 workloads, the
/// variable giving the guard-page engine volatile accesses in that build;
/// docs/bench/stop28-exact-guard-experiment.log, BENCHMARKS.md "Exact guard
/// pages"): run time against Wasmtime's went from 0.82× (checks) to 0.61×
/// (volatile guard pages) as a geomean; 11 workloads got faster (matrix
/// 355 → 135 ms, sieve 597 → 404, base64 193 → 113, minicsv 513 → 290,
/// quicksort 18.5 → 3.8), gimli and fib2 stayed within noise, memmove got slower
/// (11.8 → 27.3 ms: its byte loop is no longer vectorised) and so did seqhash
/// (2,711 → 3,259 ms). CoreMark, alternating runs: median score 22,400 over
/// four runs with volatile guard pages, 19,100 over three with checks. The
/// fuzzer's guard-page divergences (about 45 per 1,000 modules, all of the
/// kinds above) went to 0 on the same 86 modules.
///
/// So guard pages are the default where the runtime has them (64-bit Linux and
/// macOS), explicit checks elsewhere. Explicit checks stay available: they
/// reserve only what a memory may use (guard-page memories reserve 8 GiB of
/// address space each; see `GuardReservations` for the process-wide cap), and
/// memories may move when they grow.
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
    /// every access. Portable; memories reserve only what they may use. The
    /// default where there are no guard pages.
    case explicitChecks = "explicit"
    /// Each 32-bit memory reserves 8 GiB of address space (4 GiB addressable
    /// + 4 GiB guard) that never moves, so no effective address
    /// `zext(addr) + offset + size` can leave it. Accesses carry no checks;
    /// one past the accessible length faults on an inaccessible page and the
    /// runtime's signal handler turns the fault into the out-of-bounds trap.
    /// Accesses are volatile so that the fault happens exactly where the
    /// program performs the access (see above). The default on 64-bit Linux
    /// and macOS.
    case guardPages = "guard"

    /// Whether an out-of-bounds access traps exactly where the spec says,
    /// leaving memory, globals and tables exactly as the program wrote them:
    /// true for both strategies (guard pages since stop 28).
    public var isTrapExact: Bool { true }

    /// The default: ``guardPages`` on 64-bit Linux and macOS, where the runtime
    /// reserves guard regions and handles their faults; ``explicitChecks`` elsewhere.
    public static var hostDefault: MemoryStrategy {
        #if (os(Linux) || os(macOS)) && (arch(x86_64) || arch(arm64))
        return .guardPages
        #else
        return .explicitChecks
        #endif
    }
}
