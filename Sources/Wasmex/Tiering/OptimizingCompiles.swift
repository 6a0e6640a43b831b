/// How many optimising compiles (hot functions, whole second tiers) are
/// running in the process, so that work that can wait gives way to them.
///
/// First-tier bodies compiled ahead of their first calls (see
/// `LazyFunctions.compileAhead()`) use a spare core only while no optimising
/// compile runs: on a machine with two cores, one runs the program, and an
/// optimising compile on the other gets the program's hot code faster to
/// where it runs; a third busy thread would slow the program itself.
enum OptimizingCompiles {
    private static let lock = ConditionLock()
    // Guarded by `lock`:
    nonisolated(unsafe) private static var running = 0
    nonisolated(unsafe) private static var waiting: [@Sendable () -> Void] = []

    /// Runs `body` counted as an optimising compile.
    static func run<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        lock.withLock { running += 1 }
        defer {
            let ready = lock.withLock { () -> [@Sendable () -> Void] in
                running -= 1
                guard running == 0 else { return [] }
                defer { waiting = [] }
                return waiting
            }
            for job in ready { job() }
        }
        return try body()
    }

    /// Runs `job` now when no optimising compile runs, else on the thread
    /// that ends the last one. `job` should only hand work to a thread pool.
    static func whenIdle(_ job: @escaping @Sendable () -> Void) {
        let now = lock.withLock { () -> Bool in
            if running == 0 { return true }
            waiting.append(job)
            return false
        }
        if now { job() }
    }
}
