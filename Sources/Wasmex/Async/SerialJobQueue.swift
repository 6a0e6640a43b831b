import WasmCompiler

/// Runs jobs one at a time, in order, on ``WasmThreadPool`` threads — the
/// serialisation of one ``WasmexInstance``. A job that outlives its caller
/// (a timed-out call) still holds the queue until it really ends.
///
/// After each job the queue hands its next job back to the pool instead of
/// draining on the same thread, so a busy instance cannot starve others.
final class SerialJobQueue: @unchecked Sendable {
    private let pool: WasmThreadPool
    private let lock = Lock()
    // Guarded by `lock`:
    private var pending: [WasmThreadPool.Job] = []
    private var head = 0
    private var running = false

    init(pool: WasmThreadPool = .shared) {
        self.pool = pool
    }

    /// Appends `job`; it runs after every job enqueued before it has finished.
    ///
    /// - Throws: ``WasmexError/resourceExhausted(_:)`` when the pool cannot run anything.
    func enqueue(_ job: @escaping WasmThreadPool.Job) throws(WasmexError) {
        let start = lock.withLock { () -> Bool in
            pending.append(job)
            guard !running else { return false }
            running = true
            return true
        }
        if start { try scheduleNext() }
    }

    /// Submits a runner for the oldest pending job to the pool.
    private func scheduleNext() throws(WasmexError) {
        do {
            try pool.submit { [self] in runOne() }
        } catch {
            lock.withLock {
                pending.removeAll()
                head = 0
                running = false
            }
            throw error
        }
    }

    private func runOne() {
        let job: WasmThreadPool.Job? = lock.withLock {
            guard head < pending.count else {
                running = false
                return nil
            }
            let job = pending[head]
            head += 1
            if head == pending.count {
                pending.removeAll(keepingCapacity: true)
                head = 0
            }
            return job
        }
        guard let job else { return }
        job()
        let more = lock.withLock { () -> Bool in
            if head < pending.count { return true }
            running = false
            return false
        }
        // The pool already runs at least one thread, so resubmitting cannot fail for lack of threads.
        if more { try? scheduleNext() }
    }
}
