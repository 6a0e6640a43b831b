import Testing
@testable import Wasmex
import WasmexBench

/// `wasmex bench gc` and `gc-soak` (the full runs are `make gc-bench` and
/// `make gc-soak`): the allocation count, one small measurement, and the
/// bounds the soak report checks.
struct GCBenchTests {
    /// The count Wasmtime's rate relies on: `run(20)` returns 306,883,246 on
    /// both engines, and every node it counts was allocated once.
    @Test func allocationCountsFollowTheTreeSizes() {
        #expect(BinaryTrees.allocations(depth: 20) == 306_883_246)
        #expect(BinaryTrees.allocations(depth: 12) == 674_478)
        #expect(BinaryTrees.allocations(depth: 4) == (1 << 6) - 1 + (1 << 5) - 1 + 16 * 31)
        #expect(BinaryTrees.expectedResult(depth: 20) == 306_883_246)
    }

    /// Depth 10 under the eager JIT: the right count, one 32-byte node per
    /// allocation on the heap, collections with pauses, a row without problems.
    @Test func aSmallRunReportsTheHeap() throws {
        let benchmark = GCBenchmark(depth: 10, runs: 2)
        try benchmark.validate()
        let measurement = benchmark.measureWasmex(name: "jit-eager-O2", configuration: Engine.Configuration(compilation: .eager))
        #expect(measurement.failure == nil)
        #expect(measurement.samples.count == 2)
        let report = GCBenchReport(depth: 10, runs: 2, modulePath: benchmark.modulePath, measurements: [measurement])
        #expect(report.problems.isEmpty, "\(report.problems)")
        let stats = try #require(measurement.medianSample?.statistics)
        #expect(stats.allocatedBytes == UInt64(BinaryTrees.allocations(depth: 10) * BinaryTrees.nodeBytes))
        #expect(stats.collections > 0 && stats.maxPauseNanoseconds > 0)
        #expect(report.lines.contains { $0.hasPrefix("| jit-eager-O2 | yes |") })

        var wrong = measurement
        wrong.samples[1].result += 1
        let bad = GCBenchReport(depth: 10, runs: 2, modulePath: benchmark.modulePath, measurements: [wrong])
        #expect(bad.problems.count == 1 && bad.problems[0].hasPrefix("jit-eager-O2: run 2 returned"))
    }

    @Test func soakViolationsNameWhatGrew() {
        let live: UInt64 = 64 << 20
        func checkpoint(_ rss: Int, _ heap: UInt64) -> GCSoakCheckpoint {
            GCSoakCheckpoint(allocatedBytes: 1 << 30, residentBytes: rss << 20, heapBytes: heap << 20, liveBytes: live, mappings: 300)
        }
        let stats = GarbageCollectionStatistics(collections: 100, allocatedBytes: 10 << 30, liveBytes: live, heapBytes: 70 << 20,
                                                totalPauseNanoseconds: 1_000_000, maxPauseNanoseconds: 100_000)
        let start = SoakProcessSample(residentBytes: 100 << 20, threads: 2, mappings: 200)
        var report = GCSoakReport(totalBytes: 10 << 30, seconds: 10, objects: 1_000, statistics: stats, expectedLiveBytes: live,
                                  start: start, end: start, peakResidentBytes: 250 << 20, peakHeapBytes: 130 << 20,
                                  checkpoints: [checkpoint(170, 70), checkpoint(175, 71), checkpoint(172, 70)])
        #expect(report.violations(of: GCSoakLimits()).isEmpty)

        report.peakResidentBytes = 400 << 20    // +300 MiB > 3 × 64 MiB
        report.peakHeapBytes = 200 << 20        // > 3 × 64 MiB
        report.checkpoints.append(checkpoint(220, 110))
        report.expectedLiveBytes = live + 16
        let violations = report.violations(of: GCSoakLimits())
        #expect(violations.count == 5)
        #expect(violations.contains { $0.hasPrefix("peak RSS 400.0 MiB is 300.0 MiB above the start") })
        #expect(violations.contains { $0.hasPrefix("peak heap 200.0 MiB") })
        #expect(violations.contains { $0.hasPrefix("RSS after a full collection grew by 50.0 MiB") })
        #expect(violations.contains { $0.hasPrefix("the heap after a full collection grew by 40.0 MiB") })
        #expect(violations.contains { $0.contains("but the module holds") })
    }
}
