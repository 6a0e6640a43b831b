import Dispatch
import WasmCompiler

/// The one-time completion of an asynchronous call: the first of "the job
/// finished" and "the timeout fired" resumes the caller; the other is ignored.
///
/// The timeout is a Dispatch timer on a queue of its own, not a sleeping
/// task: the cooperative thread pool has one thread per core, and when the
/// application keeps those threads busy a sleeping task would wake up late,
/// so a call could outlive its timeout by as long as the pool stays busy.
final class CallCompletion<T: Sendable>: @unchecked Sendable {
    /// Where every call's timeout fires (a serial queue, off the cooperative pool).
    private static var timers: DispatchQueue { timeoutQueue }

    private let lock = Lock()
    // Guarded by `lock`:
    private var continuation: CheckedContinuation<Result<T, WasmexError>, Never>?
    private var timer: DispatchSourceTimer?
    private var finished = false

    init(_ continuation: CheckedContinuation<Result<T, WasmexError>, Never>) {
        self.continuation = continuation
    }

    /// Arms a timer that completes the call with ``WasmexError/timeout(_:)``.
    func arm(timeout: Duration) {
        let timer = DispatchSource.makeTimerSource(queue: Self.timers)
        timer.schedule(deadline: .now() + Self.dispatchInterval(timeout))
        timer.setEventHandler { [self] in complete(.failure(.timeout(timeout))) }
        let alreadyFinished = lock.withLock { () -> Bool in
            if finished { return true }
            self.timer = timer
            return false
        }
        // A Dispatch source must never be released while suspended, so it is
        // resumed either way; a late event finds the call completed and does nothing.
        timer.resume()
        if alreadyFinished { timer.cancel() }
    }

    /// Resumes the caller with `result` unless it was already resumed.
    func complete(_ result: Result<T, WasmexError>) {
        let (continuation, timer) = lock.withLock { () -> (CheckedContinuation<Result<T, WasmexError>, Never>?, DispatchSourceTimer?) in
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

    /// `duration` for Dispatch, saturated to what it can represent.
    private static func dispatchInterval(_ duration: Duration) -> DispatchTimeInterval {
        let (seconds, attoseconds) = duration.components
        if seconds < 0 { return .nanoseconds(0) }
        if seconds >= Int64(Int.max / 1_000_000_000) - 1 { return .never }
        return .nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
    }
}

/// The queue call timeouts fire on.
private let timeoutQueue = DispatchQueue(label: "wasmex.call-timeouts", qos: .userInitiated)

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
