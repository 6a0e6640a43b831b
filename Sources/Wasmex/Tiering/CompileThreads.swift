#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CWasmexRuntime

/// The process-wide threads that compile second-tier code in the background.
///
/// Pools shared by every engine, so that creating engines never creates
/// threads that outlive them; each thread has a big stack (LLVM recurses on
/// deeply nested code).
enum CompileThreads {
    /// The number of cores the process may run on (at least 1): the online
    /// processors, or fewer when its CPU affinity allows fewer (`taskset`, a
    /// container's cpuset). With one, first-tier code is not compiled ahead
    /// of first calls (``Engine/Configuration``), so no idle-priority
    /// compile (`IdlePriority`) waits for a core the program never gives up.
    static let count: Int = max(1, Int(wasmex_tier_usable_cpus()))

    /// Hot functions: one thread fewer than there are cores (at least one),
    /// so that the program keeps a core while functions get hot together.
    ///
    /// With as many threads as cores, two hot compiles and the program shared
    /// two cores. Measured end to end on the 2-core machine (release, 11
    /// sightglass workloads that run long enough to get hot, two alternating
    /// rounds of `wasmex bench run --engine jit --runs 1`): geomean 424 and
    /// 398 ms with two threads, 368 and 382 ms with one; ed25519 4,521/4,426
    /// → 4,231/4,193 ms, fib2 1,388/1,376 → 1,204/1,203 ms.
    static let pool = WasmThreadPool(stackSize: 64 << 20, maximumThreads: max(1, count - 1))

    /// Whole second tiers (``Module/waitForTierUp()``, filling the compile
    /// cache): a thread of their own, so that a whole-module compile, which
    /// takes seconds, never holds up hot functions.
    static let wholeModules = WasmThreadPool(stackSize: 64 << 20, maximumThreads: 1)
}
