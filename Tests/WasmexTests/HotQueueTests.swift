import Testing
@testable import Wasmex

/// The order in which a module's reported hot functions get a compile thread.
@Suite struct HotQueueTests {
    let threshold: UInt32 = 10_000
    let start = ContinuousClock.now

    /// A function the program left (reported long ago, its counter still)
    /// waits behind one reported later that keeps counting fast.
    @Test func aFunctionStillCountingGoesBeforeOneTheProgramLeft() {
        var queue = HotQueue()
        queue.append(3, count: threshold, at: start)
        queue.append(7, count: threshold, at: start + .milliseconds(200))
        let now = start + .milliseconds(250)
        let counts: [Int: UInt32] = [3: threshold + 5, 7: threshold + 2_000_000]
        #expect(queue.takeHottest(threshold: threshold, now: now) { counts[$0]! } == 7)
        #expect(queue.takeHottest(threshold: threshold, now: now) { counts[$0]! } == 3)
        #expect(queue.takeHottest(threshold: threshold, now: now) { counts[$0]! } == nil)
    }

    /// Among functions just reported (nothing counted since), the earliest goes first.
    @Test func equalHeatKeepsReportOrder() {
        var queue = HotQueue()
        for index in [5, 1, 9] { queue.append(index, count: threshold, at: start) }
        var order: [Int] = []
        while let next = queue.takeHottest(threshold: threshold, now: start, count: { _ in 10_000 }) { order.append(next) }
        #expect(order == [5, 1, 9])
        #expect(queue.isEmpty)
    }

    /// A function just reported outranks one that has counted slowly for a
    /// long time, and a counter that wrapped past 2^32 counts as no growth.
    @Test func heatIsGrowthPlusThresholdOverTime() {
        let old = HotQueue.Entry(definedIndex: 0, countAtReport: threshold, reportedAt: start)
        let now = start + .milliseconds(999)
        // (5,000 + 10,000) counts over 1,000 ms: 15,000 a second.
        #expect(HotQueue.heat(of: old, threshold: threshold, now: now, count: threshold + 5_000) == 15_000)
        // Just reported: 10,000 counts over 1 ms.
        let fresh = HotQueue.Entry(definedIndex: 1, countAtReport: threshold, reportedAt: now)
        #expect(HotQueue.heat(of: fresh, threshold: threshold, now: now, count: threshold) == 10_000_000)
        // Wrapped: treated as no growth, not as 4 billion counts.
        let wrapped = HotQueue.Entry(definedIndex: 2, countAtReport: UInt32.max - 10, reportedAt: start)
        #expect(HotQueue.heat(of: wrapped, threshold: threshold, now: now, count: 5) == 10_000)
    }
}
