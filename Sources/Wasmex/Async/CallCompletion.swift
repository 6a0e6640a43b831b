import WasmCompiler

/// The one-time completion of an asynchronous call: the first of "the job
/// finished" and "the timeout fired" resumes the caller; the other is ignored.
final class CallCompletion<T: Sendable>: @unchecked Sendable {
    private let lock = Lock()
    // Guarded by `lock`:
    private var continuation: CheckedContinuation<Result<T, WasmexError>, Never>?
    private var timer: Task<Void, Never>?
    private var finished = false

    init(_ continuation: CheckedContinuation<Result<T, WasmexError>, Never>) {
        self.continuation = continuation
    }

    /// Arms a timer that completes the call with ``WasmexError/timeout(_:)``.
    func arm(timeout: Duration) {
        let task = Task { [self] in
            do {
                try await Task.sleep(for: timeout)
            } catch {
                return  // cancelled: the call finished first
            }
            complete(.failure(.timeout(timeout)))
        }
        let alreadyFinished = lock.withLock { () -> Bool in
            if finished { return true }
            timer = task
            return false
        }
        if alreadyFinished { task.cancel() }
    }

    /// Resumes the caller with `result` unless it was already resumed.
    func complete(_ result: Result<T, WasmexError>) {
        let (continuation, timer) = lock.withLock { () -> (CheckedContinuation<Result<T, WasmexError>, Never>?, Task<Void, Never>?) in
            finished = true
            defer {
                self.continuation = nil
                self.timer = nil
            }
            return (self.continuation, self.timer)
        }
        timer?.cancel()
        continuation?.resume(returning: result)
    }
}

extension SerialJobQueue {
    /// Runs `body` on this queue and waits for it, at most `timeout` (nil: no limit).
    ///
    /// On timeout the caller gets ``WasmexError/timeout(_:)`` at once. The job keeps
    /// the queue until it ends: `WasmexInstance` arms the store's epoch deadline for
    /// the same timeout, so generated code traps "interrupted" shortly after.
    func run<T: Sendable>(timeout: Duration?, _ body: @escaping @Sendable () throws(WasmexError) -> T)
        async throws(WasmexError) -> T {
        let result: Result<T, WasmexError> = await withCheckedContinuation { continuation in
            let completion = CallCompletion(continuation)
            do throws(WasmexError) {
                try enqueue {
                    completion.complete(Result { () throws(WasmexError) -> T in try body() })
                }
            } catch {
                completion.complete(.failure(error))
                return
            }
            if let timeout { completion.arm(timeout: timeout) }
        }
        return try result.get()
    }
}
