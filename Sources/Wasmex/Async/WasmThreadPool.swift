#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WasmCompiler

/// Threads with a known, generous stack on which asynchronous Wasm calls run.
///
/// Generated code checks a stack limit derived from the running thread's real
/// stack bounds, so deep (but legal) recursion needs a big stack and must not
/// run on Swift's cooperative pool, whose threads are small and must never
/// block. The pool starts threads on demand (with `pthread_attr_setstacksize`)
/// up to ``maximumThreads``; idle threads wait for work. A Wasm call that
/// never ends keeps its thread until execution control can interrupt it, which
/// is why the pool grows instead of queueing behind a fixed set of threads.
final class WasmThreadPool: @unchecked Sendable {
    /// The pool behind ``WasmexInstance`` (8 MiB stacks, up to 64 threads).
    static let shared = WasmThreadPool(stackSize: 8 << 20, maximumThreads: 64)

    typealias Job = () -> Void

    /// Bytes of stack each pool thread gets.
    let stackSize: Int
    /// The most threads the pool starts.
    let maximumThreads: Int

    private let state = ConditionLock()
    // Guarded by `state`:
    private var jobs: [Job] = []
    private var head = 0
    /// Jobs that run before every other waiting job (``submit(_:background:urgent:)``).
    private var urgentJobs: [Job] = []
    private var urgentHead = 0
    /// Jobs that run only when ``jobs`` is empty (``submit(_:background:)``).
    private var backgroundJobs: [Job] = []
    private var backgroundHead = 0
    private var threadCount = 0
    private var idleCount = 0

    init(stackSize: Int, maximumThreads: Int) {
        self.stackSize = max(stackSize, Int(PTHREAD_STACK_MIN))
        self.maximumThreads = max(1, maximumThreads)
    }

    // The shared pool lives for the process; a private pool's threads keep it
    // alive through their retained reference, so it is never freed while
    // threads exist.

    /// Runs `job` on a pool thread as soon as one is free — with
    /// `background`, only when no other job waits: a free thread takes
    /// background jobs (oldest first) after every job submitted without it,
    /// whenever those were submitted; with `urgent`, before every waiting
    /// job that is not urgent (an on-stack-replacement entry that a running
    /// loop waits for: see `HotFunctions.resume(definedIndex:)`).
    ///
    /// - Throws: ``WasmexError/resourceExhausted(_:)`` when no thread exists and none can be started.
    func submit(_ job: @escaping Job, background: Bool = false, urgent: Bool = false) throws(WasmexError) {
        state.lock()
        if urgent { urgentJobs.append(job) } else if background { backgroundJobs.append(job) } else { jobs.append(job) }
        let pending = urgentJobs.count - urgentHead + jobs.count - head + backgroundJobs.count - backgroundHead
        var shouldStart = pending > idleCount && threadCount < maximumThreads
        if shouldStart { threadCount += 1 }
        state.signal()
        state.unlock()
        guard shouldStart else { return }
        shouldStart = startThread()
        guard !shouldStart else { return }
        state.lock()
        threadCount -= 1
        let stranded = threadCount == 0
        if stranded {
            urgentJobs.removeAll(); urgentHead = 0
            jobs.removeAll(); head = 0
            backgroundJobs.removeAll(); backgroundHead = 0
        }
        state.unlock()
        if stranded { throw WasmexError.resourceExhausted("cannot start a Wasm thread") }
    }

    /// Starts one worker thread; false when the system refuses.
    private func startThread() -> Bool {
        var attributes = pthread_attr_t()
        guard pthread_attr_init(&attributes) == 0 else { return false }
        defer { pthread_attr_destroy(&attributes) }
        guard pthread_attr_setstacksize(&attributes, stackSize) == 0,
              pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED)) == 0 else { return false }
        let context = Unmanaged.passRetained(self).toOpaque()
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t? = nil
        #endif
        let status = pthread_create(&thread, &attributes, { context in
            guard let context else { return nil }
            Unmanaged<WasmThreadPool>.fromOpaque(context).takeRetainedValue().work()
        }, context)
        if status != 0 {
            Unmanaged<WasmThreadPool>.fromOpaque(context).release()
            return false
        }
        return true
    }

    /// A worker's loop: take the oldest urgent job, else the oldest job, else
    /// the oldest background job; run it; repeat; never exits.
    private func work() -> Never {
        while true {
            state.lock()
            while urgentHead == urgentJobs.count && head == jobs.count && backgroundHead == backgroundJobs.count {
                idleCount += 1
                state.wait()
                idleCount -= 1
            }
            let job = urgentHead < urgentJobs.count ? Self.take(from: &urgentJobs, head: &urgentHead)
                : head < jobs.count ? Self.take(from: &jobs, head: &head)
                : Self.take(from: &backgroundJobs, head: &backgroundHead)
            state.unlock()
            job()
        }
    }

    /// The job at `head` of `queue`, which then moves on (and the queue's
    /// taken prefix is dropped now and then). Called with `state` held.
    private static func take(from queue: inout [Job], head: inout Int) -> Job {
        let job = queue[head]
        head += 1
        if head == queue.count {
            queue.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 64, head * 2 >= queue.count {
            queue.removeFirst(head)
            head = 0
        }
        return job
    }
}
