#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Work that may use a core only while no other thread of the machine wants
/// it: first-tier bodies compiled ahead of their first calls
/// (`LazyFunctions.compileAhead()`).
///
/// Why: on a machine with two cores, one runs the program and the other a
/// hot function's optimising compile. A compile ahead already running when
/// a function gets hot used to share those two cores with both, three busy
/// threads on two cores, and the program ran slower until it ended
/// (BENCHMARKS.md, "Compiles ahead at idle priority"). On Linux the thread
/// runs its job under `SCHED_IDLE`: the scheduler gives it a core only when
/// nothing else is runnable there, which includes a program that waits for
/// this very compile (a first call of a function being compiled ahead).
/// Elsewhere the job runs at the thread's normal priority.
///
/// The risk is priority inversion: a compile ahead that holds a lock a hot
/// compile needs (the JIT's, an allocator arena's) and then waits for a core
/// holds that compile up too. With two cores or more the wait is short, as
/// a core falls idle whenever the hot compile blocks; with one, a program
/// that never blocks would starve it for good, which is why nothing is
/// compiled ahead on a single core (`CompileThreads.count` counts the cores
/// the process may use, its CPU affinity included).
enum IdlePriority {
    /// Runs `body` on this thread at idle priority, then restores the thread's policy.
    static func run<T>(_ body: () -> T) -> T {
        #if os(Linux)
        var policy: Int32 = 0
        var parameters = sched_param()
        let thread = pthread_self()
        guard pthread_getschedparam(thread, &policy, &parameters) == 0 else { return body() }
        var idle = sched_param()
        idle.sched_priority = 0
        guard pthread_setschedparam(thread, schedulingIdle, &idle) == 0 else { return body() }
        defer { _ = pthread_setschedparam(thread, policy, &parameters) }
        return body()
        #else
        return body()
        #endif
    }

    #if os(Linux)
    /// Linux's `SCHED_IDLE` (<linux/sched.h>; Glibc exports it only under `_GNU_SOURCE`).
    private static let schedulingIdle: Int32 = 5
    #endif
}
