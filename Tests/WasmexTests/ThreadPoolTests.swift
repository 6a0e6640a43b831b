import Foundation
import Synchronization
import Testing
@testable import Wasmex

/// The thread pool behind asynchronous calls and background compiles.
@Suite struct ThreadPoolTests {
    /// Background jobs wait for every job submitted without `background`,
    /// even ones submitted after them; each queue runs oldest first.
    @Test func backgroundJobsRunAfterTheOthers() throws {
        let pool = WasmThreadPool(stackSize: 1 << 20, maximumThreads: 1)
        let order = Mutex<[String]>([])
        let gate = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        // Hold the one thread so that the rest queue up behind it.
        try pool.submit { gate.wait() }
        try pool.submit({ order.withLock { $0.append("b1") } }, background: true)
        try pool.submit { order.withLock { $0.append("n1") } }
        try pool.submit({ order.withLock { $0.append("b2") } }, background: true)
        try pool.submit { order.withLock { $0.append("n2") } }
        try pool.submit({ done.signal() }, background: true)
        gate.signal()
        #expect(done.wait(timeout: .now() + 60) == .success)
        #expect(order.withLock { $0 } == ["n1", "n2", "b1", "b2"])
    }

    /// Urgent jobs go before every waiting job that is not urgent, even ones
    /// submitted before them; among themselves, oldest first.
    @Test func urgentJobsRunBeforeTheOthers() throws {
        let pool = WasmThreadPool(stackSize: 1 << 20, maximumThreads: 1)
        let order = Mutex<[String]>([])
        let gate = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        try pool.submit { gate.wait() }
        try pool.submit({ order.withLock { $0.append("b1") } }, background: true)
        try pool.submit { order.withLock { $0.append("n1") } }
        try pool.submit({ order.withLock { $0.append("u1") } }, urgent: true)
        try pool.submit { order.withLock { $0.append("n2") } }
        try pool.submit({ order.withLock { $0.append("u2") } }, urgent: true)
        try pool.submit({ done.signal() }, background: true)
        gate.signal()
        #expect(done.wait(timeout: .now() + 60) == .success)
        #expect(order.withLock { $0 } == ["u1", "u2", "n1", "n2", "b1"])
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
