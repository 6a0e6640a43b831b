import Foundation
import Synchronization
import Testing
@testable import Wasmex

/// The thread pool behind asynchronous calls and background compiles.
@Suite struct ThreadPoolTests {
    /// Background jobs wait for every job submitted without `background`,
    /// even ones submitted after them; each queue runs oldest first.
    @Test func backgroundJobsRunAfterTheOthers() throws {
        let order = try orderOfJobs(["b1": .background, "n1": .normal, "b2": .background, "n2": .normal],
                                    submitted: ["b1", "n1", "b2", "n2"])
        #expect(order == ["n1", "n2", "b1", "b2"])
    }

    /// Urgent jobs go before every waiting job that is not urgent, even ones
    /// submitted before them; among themselves, oldest first.
    @Test func urgentJobsRunBeforeTheOthers() throws {
        let order = try orderOfJobs(["b1": .background, "n1": .normal, "u1": .urgent, "n2": .normal, "u2": .urgent],
                                    submitted: ["b1", "n1", "u1", "n2", "u2"])
        #expect(order == ["u1", "u2", "n1", "n2", "b1"])
    }

    enum Kind { case urgent, normal, background }

    /// Submits the named jobs, in `submitted` order, to a one-thread pool kept
    /// busy until all of them wait, and returns the order they ran in.
    private func orderOfJobs(_ kinds: [String: Kind], submitted: [String]) throws -> [String] {
        let pool = WasmThreadPool(stackSize: 1 << 20, maximumThreads: 1)
        let order = Mutex<[String]>([])
        let gate = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        // Hold the one thread so that the rest queue up behind it.
        try pool.submit { gate.wait() }
        for name in submitted {
            let kind = try #require(kinds[name])
            try pool.submit({ order.withLock { $0.append(name) } }, background: kind == .background, urgent: kind == .urgent)
        }
        try pool.submit({ done.signal() }, background: true)
        gate.signal()
        #expect(done.wait(timeout: .now() + 60) == .success)
        return order.withLock { $0 }
    }

    /// Compiles ahead of first calls run under Linux's idle policy and the
    /// thread gets its own policy back afterwards.
    @Test func idlePriorityRunsTheBodyUnderSchedIdleAndRestores() throws {
        #if os(Linux)
        let before = sched_getscheduler(0)
        let during = IdlePriority.run { sched_getscheduler(0) }
        #expect(during == 5, "SCHED_IDLE is 5 on Linux")
        #expect(sched_getscheduler(0) == before)
        #else
        let value = IdlePriority.run { 42 }
        #expect(value == 42)
        #endif
    }

    /// The cores compile threads are sized by: at least one, at most the online processors.
    @Test func usableCoresAreBetweenOneAndTheOnlineProcessors() {
        let online = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #expect(CompileThreads.count >= 1)
        #expect(CompileThreads.count <= max(1, online))
    }
}
